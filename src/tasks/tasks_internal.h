/* tasks_internal.h — the handlers and periodic enqueuers, for table.c. */
#ifndef DM_TASKS_INTERNAL_H
#define DM_TASKS_INTERNAL_H

#include "tasks/tasks.h"

int task_schema_refresh(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_widget_refresh(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_alert_check(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_notify_deliver(arena_t *a, const json_t *job, char *err, size_t errlen);
int periodic_alert_check(arena_t *a, long slot, char *err, size_t errlen);
int periodic_schema_refresh(arena_t *a, long slot, char *err, size_t errlen);
int periodic_widget_refresh(arena_t *a, long slot, char *err, size_t errlen);

/* enqueue.c: one `type` job per row of rows ({"org_id", "id"}), its args {"org_id",
 * id_key: id}, deduplicated per row and slot: a second scheduler in the
 * same slot adds nothing. */
void tasks_enqueue_each(arena_t *a, const json_t *rows, const char *type, const char *id_key,
                        int attempts, long slot, char *err, size_t errlen);
/* The same for one row (a typed one's org_id and id). */
void tasks_enqueue_one(arena_t *a, const char *org_id, const char *id, const char *type,
                       const char *id_key, int attempts, long slot, char *err, size_t errlen);

#endif
