/* api_internal.h — what the /api/v1 files of pages/ share (api*.c): JSON
 * in and out, errors as {"error": {"code", "message"}}, paginated lists.
 * The API is the pages' twin: the same route table (routes.c), roles, rate
 * limits, stores, jobs and audit; a bearer token (store/tokens.h) instead
 * of the session cookie, and no CSRF (no cookie is ever read). */
#ifndef DM_PAGES_API_INTERNAL_H
#define DM_PAGES_API_INTERNAL_H

#include <jansson.h>

#include "http/http.h"

/* --- api_json.c (a leaf: calls nothing else of pages/) ------------------- */
/* The error body for status with a readable message; code is a short
 * machine word ("not_found"), NULL for the status's usual one. */
void api_error(req_t *r, int status, const char *code, const char *message);
/* body (stolen) as the response, with status (200 when 0). */
void api_reply(req_t *r, int status, json_t *body);
/* The request's JSON object body (owned by the arena; {} when there is no
 * body), or NULL with a 400 answered (not JSON, not an object). */
json_t *api_body(req_t *r);
/* A string member of body, NULL when absent; -1 with a 422 answered when
 * it is there but not a string (or longer than max bytes). */
int api_str(req_t *r, const json_t *body, const char *key, size_t max, const char **out);
/* A page of items (stolen) by ?limit= (1..200, 50 by default) and
 * ?cursor= (the next_cursor of the page before): {"items", "next_cursor"
 * (null on the last page)}; NULL with a 400 answered for a bad value. */
json_t *api_page(req_t *r, json_t *items);
/* api_page of items (stolen) as the response; the 400 when it refused. */
void api_reply_page(req_t *r, json_t *items);
/* A job still working: 202 {"status": "running", "job_id", "status_url"}
 * (plus extra's members; extra stolen, may be NULL) with Location:
 * status_url and Retry-After: 1, to ask again there. */
void api_running(req_t *r, const char *job_id, const char *status_url, json_t *extra);
/* 1 for an /api/v1 path. */
int api_path(const char *path);
/* A JSON scalar as a form field's text ("" for null); NULL for an object
 * or an array. */
const char *api_text_of(req_t *r, const json_t *v);
/* body's members named in fields (NULL-terminated) into r's form, as the
 * page's form would send them: handlers that share a page's rules read
 * them with form_text. -1 with a 422 answered for a value that is not a
 * scalar. */
int api_body_into_form(req_t *r, const json_t *body, const char *const *fields);

/* --- api.c: who is asking --------------------------------------------------*/
/* The bearer token of the Authorization header, its user attached to r
 * (r->user), or none (r->user NULL; r->store_down when the database did
 * not answer). Cookies are never read. */
void api_attach(req_t *r);

/* --- shared by the handler files ---------------------------------------- */
struct store_dash;
struct store_widget;
/* A widget as the API gives it: its fields, its last result, its SVG's
 * URL (api_dashboards.c). New reference. */
json_t *api_widget_json(req_t *r, const struct store_widget *w);
/* The route's dashboard when the caller may change it; NULL with the
 * error answered (404, 403) (api_dashboards.c). */
const struct store_dash *api_dashboard_editable(req_t *r);

/* --- the handlers (routes.c's table names them) ---------------------------*/
void api_me(req_t *r);                  /* api.c */
void api_connection_create(req_t *r);   /* api_resources.c */
void api_openapi(req_t *r);
void api_ask(req_t *r);                 /* api_ask.c */
void api_ask_job(req_t *r);
void api_chats(req_t *r);
void api_chat(req_t *r);
void api_query_run(req_t *r);           /* api_queries.c */
void api_query_job(req_t *r);
void api_queries(req_t *r);
void api_query(req_t *r);
void api_query_create(req_t *r);
void api_query_update(req_t *r);
void api_query_delete(req_t *r);
void api_query_refresh(req_t *r);
void api_dashboards(req_t *r);          /* api_dashboards.c */
void api_dashboard(req_t *r);
void api_dashboard_create(req_t *r);
void api_dashboard_update(req_t *r);
void api_dashboard_delete(req_t *r);
void api_dashboard_refresh(req_t *r);   /* also …/widgets/{wid}/refresh */
void api_widget(req_t *r);              /* api_widgets.c */
void api_widget_create(req_t *r);
void api_widget_update(req_t *r);
void api_widget_delete(req_t *r);
void api_connections(req_t *r);         /* api_resources.c */
void api_connection(req_t *r);
void api_connection_test(req_t *r);
void api_connection_test_job(req_t *r);
void api_uploads(req_t *r);             /* api_uploads.c */
void api_upload(req_t *r);
void api_upload_create(req_t *r);
void api_alert_create(req_t *r);        /* api_alerts.c */
void api_alert_update(req_t *r);
void api_alert_delete(req_t *r);
void api_alert_check(req_t *r);
void api_alerts(req_t *r);
void api_alert(req_t *r);
void api_alert_events(req_t *r);
void api_notifications(req_t *r);       /* api_resources.c */
void api_notification_read(req_t *r);
void api_notifications_read_all(req_t *r);

#endif
