/* follow.c — pages that follow a job of the worker (a widget's query, an
 * export): its outcome, or why there will be none. */
#include "pages/pages.h"
#include "jobs/jobs.h"

const json_t *page_job_outcome(req_t *r, const char *job_id, int wait_ms, const char *what,
                               const char **why)
{
    *why = NULL;
    const json_t *o = jobs_outcome_wait(r->arena, job_id, wait_ms);
    if (o)
        return o;
    const char *error = NULL;
    jobs_where_t w = jobs_find(r->arena, job_id, &error);
    if (w == JOBS_DEAD)
        *why = arena_printf(r->arena, "%s stopped (%s). Try again.", what,
                            error ? error : "no reason given");
    else if (w == JOBS_GONE && !(o = jobs_outcome_wait(r->arena, job_id, 0)))
        *why = arena_printf(r->arena, "%s stopped without a result (its worker may have "
                            "restarted). Try again.", what);
    return o;
}
