/* enqueue.c — tasks_enqueue_one / tasks_enqueue_each, the helpers the
 * periodic tasks share (see tasks_internal.h). A leaf: it calls jobs/,
 * nothing else in tasks/. */
#include "tasks/tasks_internal.h"

void tasks_enqueue_each(arena_t *a, const json_t *rows, const char *type, const char *id_key,
                        int attempts, long slot, char *err, size_t errlen)
{
    size_t i;
    const json_t *row;
    json_array_foreach(rows, i, row) {
        const char *org = json_string_value(json_object_get(row, "org_id"));
        const char *id = json_string_value(json_object_get(row, "id"));
        tasks_enqueue_one(a, org, id, type, id_key, attempts, slot, err, errlen);
    }
}

void tasks_enqueue_one(arena_t *a, const char *org_id, const char *id, const char *type,
                       const char *id_key, int attempts, long slot, char *err, size_t errlen)
{
    jobs_enqueue(a, "default", type, json_pack("{s:s, s:s}", "org_id", org_id, id_key, id), attempts,
                 arena_printf(a, "%s:%s:%ld", type, id, slot), NULL, err, errlen);
}
