/* retention.c — chat.purge: every minute, the chats of organizations that
 * set a chat retention period (the org admin page) and whose last
 * activity is older than it are deleted, with their messages, a batch at
 * a time (as history.purge does for query history). */
#include "tasks/tasks_internal.h"
#include "core/log.h"
#include "store/rights.h"

#include <stdio.h>

#define PURGE_BATCH 5000

int task_chat_purge(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    (void)job;
    long n = store_rights_purge_chats(a, PURGE_BATCH);
    if (n < 0) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    if (n > 0)
        log_msg(LOG_INFO, "tasks: deleted %ld chats past their organization's retention", n);
    return 0;
}

int periodic_chat_purge(arena_t *a, long slot, char *err, size_t errlen)
{
    return jobs_enqueue(a, "default", "chat.purge", NULL, 1,
                        arena_printf(a, "chat.purge:%ld", slot), NULL, err, errlen) < 0 ? -1 : 0;
}
