/* api_uploads.c — files through the API: POST /api/v1/uploads (multipart,
 * the page's fields: the worker's upload.ingest job loads it; 202 and its
 * status URL), the list, and one upload's status with the job's progress. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "jobs/jobs.h"
#include "store/uploads.h"

#include <string.h>

static json_t *upload_json(req_t *r, const store_upload_t *u)
{
    json_t *o = store_upload_json(u);
    json_t *prog = u->job_id && (!strcmp(u->status, "queued") || !strcmp(u->status, "running"))
                       ? jobs_progress_get(r->arena, u->job_id) : NULL;
    json_object_set(o, "progress", prog ? prog : json_null());
    json_object_set_new(o, "status_url", json_string(arena_printf(r->arena, "/api/v1/uploads/%s", u->id)));
    return o;
}

void api_uploads(req_t *r)
{
    store_upload_t *rows;
    size_t n;
    if (store_upload_list(r->arena, r->user->org_id, &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, upload_json(r, &rows[i]));
    api_reply_page(r, items);
}

void api_upload(req_t *r)
{
    store_upload_t u;
    if (store_upload_get(r->arena, r->user->org_id, http_route_param(r, "id"), &u) < 0) {
        api_error(r, 404, NULL, "There is no such upload in your organization.");
        return;
    }
    api_reply(r, 200, upload_json(r, &u));
}

void api_upload_create(req_t *r)
{
    const char *id, *why;
    int status;
    if (page_upload_start(r, &id, &status, &why) < 0) {
        api_error(r, status == 400 ? 422 : status, NULL, why);
        return;
    }
    store_upload_t u;
    if (store_upload_get(r->arena, r->user->org_id, id, &u) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    http_header(r, "Location", arena_printf(r->arena, "/api/v1/uploads/%s", id));
    api_reply(r, 202, upload_json(r, &u));
}
