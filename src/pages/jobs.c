/* jobs.c — /admin/jobs: queue depths, running jobs, recent results, dead
 * letters with retry and discard. */
#include "pages/pages.h"
#include "jobs/jobs.h"
#include "store/audit.h"

void page_jobs(req_t *r)
{
    json_t *ctx = page_ctx(r, "Jobs", "jobs");
    json_t *o = jobs_overview(r->arena, r->user->org_id); /* only this organization's jobs */
    if (!o) {
        json_object_set_new(ctx, "down", json_true());
    } else {
        json_object_set(ctx, "jobs", o);
        json_object_set_new(ctx, "no_dead", json_boolean(json_array_size(json_object_get(o, "dead")) == 0));
    }
    page_render(r, "jobs", ctx);
}

static void dead_action(req_t *r, int retry)
{
    const char *id = http_route_param(r, "id");
    char err[256];
    int rc = retry ? jobs_dead_retry(r->arena, r->user->org_id, id, err, sizeof err)
                   : jobs_dead_discard(r->arena, r->user->org_id, id, err, sizeof err);
    if (rc < 0) {
        page_error(r, 404, "There is no such dead job (it may have been retried already).");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, retry ? "job.retry" : "job.discard", "job",
                 id, NULL, r->remote_addr);
    page_flash(r, "ok", retry ? "Job put back on its queue." : "Job discarded.");
    http_redirect(r, 303, "/admin/jobs");
}

void page_job_retry(req_t *r)
{
    dead_action(r, 1);
}

void page_job_discard(req_t *r)
{
    dead_action(r, 0);
}
