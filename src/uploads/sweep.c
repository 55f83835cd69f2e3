/* sweep.c — upload.sweep: close uploads that no job will ever finish.
 *
 * An upload is "queued" or "running" until its upload.ingest job writes
 * the outcome. When that write cannot happen (the app database was down
 * through the job's last attempt, or the job's runners kept dying), the
 * job ends dead-lettered and the row would say "running" forever. Every
 * minute the scheduler enqueues this sweep, which asks the queue where
 * each unsettled upload's job is and closes the upload, with a reason a
 * user can read, when its job is dead, gone, or has run far longer than
 * any load can take. Its spooled file goes with it. */
#include "uploads/uploads_internal.h"
#include "core/log.h"
#include "jobs/jobs.h"
#include "store/uploads.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GONE_GRACE_S 120          /* a job not found yet may still be on its way */
#define NEVER_QUEUED_S 600        /* no job id this long after the upload: it never got one */
#define LONGEST_LOAD_S (6 * 3600) /* a load still running after this is stuck */

/* Why this upload must be closed, or NULL to leave it. */
static const char *sweep_reason(arena_t *a, const store_upload_t *u, int *redis_down)
{
    const char *job = u->job_id;
    long long age = u->age_s;
    if (!job || !*job)
        return age > NEVER_QUEUED_S ? "the upload was never handed to a worker: upload the file again"
                                    : NULL;
    const char *error = NULL;
    switch (jobs_find(a, job, &error)) {
    case JOBS_UNKNOWN:
        *redis_down = 1;
        return NULL;
    case JOBS_DEAD:
        return arena_printf(a, "the load failed and was given up: %s", error);
    case JOBS_GONE:
        return age > GONE_GRACE_S ? "the load's job was lost before it finished: upload the file again"
                                  : NULL;
    case JOBS_WAITING:
    case JOBS_RUNNING:
        break;
    }
    return age > LONGEST_LOAD_S ? arena_printf(a, "the load was still not finished after %d hours and "
                                                  "was given up", LONGEST_LOAD_S / 3600)
                                : NULL;
}

int uploads_task_sweep(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    (void)job;
    store_upload_t *list;
    size_t n;
    if (store_upload_unsettled(a, &list, &n) < 0) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    int redis_down = 0, db_failed = 0, closed = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = list[i].id, *org = list[i].org_id;
        const char *why = sweep_reason(a, &list[i], &redis_down);
        if (redis_down)
            break;
        if (!why)
            continue;
        int rc = store_upload_close(a, org, id, list[i].seen, why);
        if (rc < 0) {
            db_failed = 1;
            break;
        }
        if (rc == 1) { /* written down: its file is not needed any more */
            unlink(arena_printf(a, "%s/%s", uploads_spool_dir(a), id));
            log_msg(LOG_WARN, "uploads: closed upload %s: %s", id, why);
            closed++;
        }
    }
    if (redis_down || db_failed) {
        snprintf(err, errlen, redis_down ? "the job queue is unreachable" : "the app database failed");
        return -1;
    }
    if (closed)
        log_msg(LOG_INFO, "uploads: the sweep closed %d upload(s)", closed);
    return 0;
}

int uploads_periodic_sweep(arena_t *a, long slot, char *err, size_t errlen)
{
    return jobs_enqueue(a, "default", "upload.sweep", NULL, 1,
                        arena_printf(a, "upload.sweep:%ld", slot), NULL, err, errlen) < 0 ? -1 : 0;
}
