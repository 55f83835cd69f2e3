/* pages.h — the web application: routes, handlers, page rendering.
 *
 * Handlers parse input, call the domain modules, and render a template;
 * they hold no SQL and build no HTML. This header is what main.c and the
 * page files share. */
#ifndef DM_PAGES_H
#define DM_PAGES_H

#include <jansson.h>

#include "http/http.h"
#include "store/dashboards.h"
#include "store/widgets.h"

/* --- the application (app.c) ------------------------------------------- */
/* Load templates (and anything else read once) in the master. Called again
 * on SIGHUP; on failure the previous state is kept. */
int app_load(char *err, size_t errlen);
void app_unload(void);
int app_worker_init(void);
void app_worker_done(void);
void app_handle(req_t *r);
/* The route table (routes.c). */
extern const route_t app_routes[];
extern const size_t app_nroutes;

/* Where a signed-in user starts. */
#define APP_HOME "/chat"

/* --- rendering (view.c) ------------------------------------------------ */
/* The templates app_load read (view.c holds it: a leaf, called by every
 * handler and by app.c, calling none of them). */
extern struct tmpl_set *app_templates;
/* Common context for a page: user, csrf, nav, flash. New reference. */
json_t *page_ctx(req_t *r, const char *title, const char *section);
/* Render template `name` with ctx (stolen) inside the layout — or alone
 * for an htmx fragment request — into r->body with r->status (200 if 0). */
void page_render(req_t *r, const char *name, json_t *ctx);
/* Render a template without the layout (fragments, SVG, CSV). */
void page_render_bare(req_t *r, const char *name, json_t *ctx, const char *content_type);
/* The error page for status, with what went wrong and what to do. A 404
 * while the app database is unreachable becomes a 503 with PAGE_DB_DOWN:
 * the lookup that found nothing could not look. */
void page_error(req_t *r, int status, const char *message);
#define PAGE_DB_DOWN "DataMind cannot reach its database right now. Try again in a few seconds."
/* A one-shot message shown on the next page (after a redirect). */
void page_flash(req_t *r, const char *kind, const char *message);

/* --- HTTP caching (cache.c) ------------------------------------------- */
void page_cache_stamp(void); /* app_load: a new generation of ETags */
/* Before rendering a signed-in GET page whose content key (its query's
 * version: ids, row versions, what else it depends on) fully gives it:
 * sets ETag and Cache-Control: private, no-cache; 1 when the client's
 * If-None-Match matches — a 304 is set, render nothing. 0 (no ETag) while
 * a flash message waits. */
int page_not_modified(req_t *r, const char *key);
/* page_not_modified's two halves: the ETag of a page with content key key
 * (NULL when the page is not cached: signed out, not a GET, a flash
 * message waiting), and setting it (W/ when weak, for a content-coded
 * body) with Cache-Control — 1 and a 304 when If-None-Match matches. */
const char *page_etag(req_t *r, const char *key);
int page_etag_answer(req_t *r, const char *etag, int weak);

/* --- pages kept in the worker's memory (page_store.c) ------------------ */
/* This worker holds a page rendered for session sid at this address (a
 * GET); asked before the session is attached. */
int page_store_has(req_t *r, const unsigned char sid[16]);
/* The page with content key key, if this worker holds it under the same
 * ETag: sets the ETag and answers with a 304 or a copy of the page (gzipped
 * when the client takes it): 1, render nothing. 0: not held (no header set). */
int page_store_answer(req_t *r, const char *key);
/* After rendering the page of content key key into r's body: keep it (a
 * 200 without cookies, under page_etag's ETag). */
void page_store_keep(req_t *r, const char *key);
/* After every handler: a signed-in GET without its own Cache-Control gets
 * "private, no-cache" and, for a 200 page, an ETag of its body (a 304 when
 * it matches). */
void page_cache_finish(req_t *r);

/* --- sessions and CSRF (session.c) ------------------------------------- */
void session_attach(req_t *r);           /* before routing: r->user, r->csrf */
/* session_attach's halves, for a page that checks the session in its own
 * statement (page_dashboard_again): the session id of the cookie (0, or
 * -1 when there is none or it does not verify), and attaching a session
 * loaded by that statement (r->user, r->csrf; the last-seen touch). */
struct store_session_auth;
int session_cookie_sid(req_t *r, unsigned char sid[16]);
void session_attach_loaded(req_t *r, const unsigned char sid[16],
                           const struct store_session_auth *row);
int session_csrf_ok(req_t *r);           /* a POST's token and Origin */
struct store_account;
int session_begin(req_t *r, const struct store_account *acct); /* sign in: new id, cookie */
void session_end(req_t *r);              /* sign out: row deleted, cookie cleared */
role_t session_role_parse(const char *role);

/* --- forms (form.c) --------------------------------------------------- */
typedef struct form {
    req_t *r;
    json_t *values; /* what the user typed, for re-rendering */
    json_t *errors; /* field → message */
} form_t;
void form_open(form_t *f, req_t *r);
const char *form_text(form_t *f, const char *name, const char *label, int required,
                      size_t max_chars);
const char *form_email(form_t *f, const char *name);
const char *form_password(form_t *f, const char *name, const char *label);
void form_error(form_t *f, const char *field, const char *msg);
int form_ok(const form_t *f);
void form_into(form_t *f, json_t *ctx);
void form_close(form_t *f);

/* "1 row", "20 rows", "1,234 rows": a count with its word, singular or
 * plural (result.c). n may be an integer or a string of digits; an arena
 * string, or "" when n is neither. */
const char *page_count_words(req_t *r, const json_t *n, const char *one, const char *many);

/* --- the planner's estimate as template data (estimate.c) -------------- */
/* {rows_text, cost_text, scans: [{relation, rows_text, large}], no_scans,
 * warn_rows_text?} of an estimate ({"rows", "cost", "seq_scans"}), scans
 * over warn_rows (> 0) marked large; JSON null when est is not an object.
 * New reference. */
json_t *page_estimate_view(req_t *r, const json_t *est, long warn_rows);

/* --- query results as template data (result.c) ------------------------- */
/* {columns:[{name,num}], rows:[{cells:[{v,num,null}]}], total, first, last} */
json_t *result_table(const json_t *result, size_t offset, size_t limit);
/* {svg, kind} or {error, kind}: the recommended chart, or kind if given. */
json_t *result_chart(const json_t *result, const char *kind, const char *title);
/* The same with drill-down links (see result_chart_drill). */
json_t *result_chart_kind_drill(const json_t *result, const char *kind, const char *title,
                                const char *drill);
json_t *result_chart_kinds(const char *selected);
/* A result as its page shows it: the table's page of page_rows rows (page
 * from 1; out of range: the first), the chart (the recommended one, or
 * chart), row_count/rows_words, ms, cached, truncated, by_bytes, the note
 * of a cap, page/pages/paged/prev_page/next_page. New reference. */
json_t *result_view(req_t *r, const json_t *result, int page, int page_rows, const char *chart);
/* A query job's outcome ({"ok", "result"} or {"ok": false, "error", …}),
 * or NULL: still coming (*why NULL), or lost (*why says so and what to do). */
const json_t *result_job_outcome(req_t *r, const char *id, const char **why);
/* The chart a stored config describes (falls back to the recommendation). */
json_t *result_chart_from(const json_t *result, const json_t *config);
/* The same with drill-down links (chart_config_t's drill: a URL prefix
 * ending in '?' or '&') on its bars, slices and points. */
json_t *result_chart_drill(const json_t *result, const json_t *config, const char *drill);
/* Sort links on a result_table's columns: each gets href = base?[keep&]
 * sort=<name>&dir=asc|desc (the other way round for the column sorted
 * now), and sorted_asc / sorted_desc on that column. keep: a query string
 * kept in front (a drill-down's col and v), "" or NULL for none. */
void result_table_sort_links(req_t *r, json_t *table, const char *base, const char *keep,
                             const char *sort, int desc);
/* The full config that draws: the recommendation, the stored choices on
 * top, and the x/y its kind needs filled in (a filtered result of one row
 * stays a bar chart). A new reference, or NULL when config is unreadable. */
json_t *result_chart_config(const json_t *result, const json_t *config);

/* --- following a job of the worker (follow.c) --------------------------- */
/* The outcome of job_id, waiting up to wait_ms; NULL while it works, or
 * NULL with *why (in words, starting with what: "The file") when it
 * stopped without one. Owned by the arena. */
const json_t *page_job_outcome(req_t *r, const char *job_id, int wait_ms, const char *what,
                               const char **why);
/* The result of query q run by the worker as a query.run job (never in
 * the web worker): the job ?key= of this request names when it is this
 * user's run of this very query, else a new one, waited for
 * DATAMIND_QUERY_WAIT_MS. NULL when there is none yet — ctx then follows the
 * job ("job": {url, state}, "refresh_nojs", status 202; the page asks again
 * at url) — or with ctx's "error" set (what: "The query"). Arena-owned. */
struct tasks_query;
const json_t *page_query_outcome(req_t *r, const struct tasks_query *q, const char *key,
                                 const char *what, json_t *ctx);
/* --- {{name}} parameters (params.c) ------------------------------------- */
/* The declarations of sql's parameters ([{name, type, value, column?}],
 * query.h) from the request's p_/pt_/pc_<name> fields, each falling back to
 * base's (may be NULL). New reference. */
json_t *params_read(req_t *r, const char *sql, const json_t *base);
/* params_read as JSON text in the arena (for the store). */
const char *params_text(req_t *r, const char *sql, const json_t *base);
/* The non-empty p_<name> values for sql's parameters: {name: value}. New. */
json_t *params_given(req_t *r, const char *sql);
/* given ({name: value}, may be NULL) as "&p_name=value…" (encoded; "" when
 * empty), to keep the values on a page's links. Arena string. */
const char *params_given_qs(req_t *r, const json_t *given);
/* The declarations a query.run job binds with (query.h): decl (may be
 * NULL) with the values given now ({name: value}) as their values, and a
 * text declaration for a value without one ({{start}} of a date range, a
 * drilled value). Arena-owned. */
const json_t *params_run_decl(req_t *r, const json_t *decl, const json_t *values);
/* Template data for the inputs (query_params_fields plus "field" and a
 * list's "choices" from the connection's sampled values). New reference. */
json_t *params_view(req_t *r, const char *sql, const json_t *decl, const json_t *given,
                    const char *conn_id);
/* "&p_a=1&p_b=x" for the values in decl (arena string; "" when none). */
const char *params_qs(req_t *r, const json_t *decl);

/* --- dashboards (dashboards.c, widgets.c) ------------------------------ */
typedef struct dash_filter {
    const char *range, *from, *to; /* the dashboard's date range */
    json_t *params;  /* its parameter filters ?p_<name>= (non-empty ones): {name: value};
                        owned by the request's arena; NULL when none */
} dash_filter_t;
/* The values a dashboard's filters give widget w's {{name}} parameters
 * (params_dash.c): each ?p_<name>= filter to the widgets that have {{name}},
 * and an active date range to {{start}} and {{end}} (the first and last day
 * it covers, YYYY-MM-DD). A new object, or NULL when none applies to w. */
json_t *dashboard_widget_values(req_t *r, const dash_filter_t *f, const store_widget_t *w);
/* Every value the filters give ({{start}}/{{end}} of the date range and
 * each ?p_<name>=), for any widget to take those of its names: a new
 * object, or NULL when there are none. */
json_t *dashboard_filter_values(req_t *r, const dash_filter_t *f);
/* The parameter names of the dashboard's widgets a filter input is shown
 * for ({{start}} and {{end}} come from the date range): [{name, field,
 * value}] for the template. New reference. */
json_t *dashboard_param_inputs(req_t *r, const dash_filter_t *f, const store_widget_t *rows,
                               size_t n);
/* The dashboard of the route's {id}, in the request's arena, or a 404 page
 * and NULL. */
const store_dash_t *dashboard_load(req_t *r);
int dashboard_can_edit(const req_t *r, const store_dash_t *d);
/* The dashboards the user sees, as template data. New reference. */
json_t *dashboard_list_view(req_t *r);
/* The filter of the request's query string. Dates the user typed count
 * without picking "Custom": the form carries the dates it showed (shown_from,
 * shown_to), so typed dates win over a preset, and a preset picked after
 * custom dates wins over the dates left in their boxes. */
void dashboard_filter_read(req_t *r, dash_filter_t *f);
const char *dashboard_filter_qs(req_t *r, const dash_filter_t *f);
int dashboard_filter_active(const dash_filter_t *f);
/* The chart config a widget draws result with (its kind forcing kpi/table,
 * the columns the kind needs filled in): a new reference, or NULL. */
json_t *widget_draw_config(const store_widget_t *w, const json_t *result);
/* A widget's card as template data (a new reference): drawn from its stored
 * result, or run now. mode: 0 = the stored result, stale ones marked for
 * the browser to load; 1 = run stale ones now; 2 = run now; or-ed with
 * WIDGET_PREVIEW when w carries the edit form's unsaved settings (nothing
 * drawn is stored). every: the dashboard's auto-refresh in seconds (0 =
 * off). A chart's content is its stored fragment, drawn only when its
 * render key no longer matches. */
#define WIDGET_PREVIEW 4
#define WIDGET_FULL 8 /* or-ed into mode: the card carries every field of the row (the editor) */
#define WIDGET_STALE_AFTER_S 3600 /* a result older than this is run again */
json_t *widget_view(req_t *r, const store_widget_t *w, const dash_filter_t *f, int mode, long every);
/* The card as GET …/widgets/{wid} shows it (mode 1): following job (a
 * widget.run of this widget, ?job=) when it is one, without waiting. */
json_t *widget_view_job(req_t *r, const store_widget_t *w, const dash_filter_t *f, long every,
                        const char *job);
/* 1 when the widget's stored result is too old (or missing) to be shown
 * as it is: the view runs it, or marks it for the browser to load. every:
 * the dashboard's auto-refresh in seconds (0 = off). */
int widget_stale(const store_widget_t *w, long every);
/* Every widget's card, in order, for the dashboard page. New reference. */
json_t *widgets_view(req_t *r, const store_dash_t *d, const store_widget_t *rows, size_t n,
                     const dash_filter_t *f, int can_edit);
/* Refresh the widgets (only: that one; NULL: all; *found: how many
 * matched): their queries submitted to the worker and waited for
 * DATAMIND_QUERY_WAIT_MS in all. Their cards (text widgets left out). */
json_t *widgets_refresh(req_t *r, const store_widget_t *rows, size_t n, const char *only,
                        size_t *found);
/* POST …/refresh of a dashboard (wid NULL) or of its widget wid: the
 * queries run as widgets_refresh runs them. The dashboard's URL that
 * follows the ones still running (widgets_follow_url), "" when all are
 * done, or NULL when wid is none of d's widgets. */
const char *widgets_refresh_dashboard(req_t *r, const store_dash_t *d, const char *wid);
/* The cards' queries still running in the worker (cards following a
 * job): the dashboard's URL that follows them ("/dashboards/<id>?…jobs=…"),
 * or NULL when none is. */
const char *widgets_follow_url(req_t *r, const store_dash_t *d, const json_t *cards,
                               const dash_filter_t *f);

/* The scheduled reports card of a dashboard's or a saved query's page
 * (report_cards.c): {list, none, weekdays, hours, is_pdf, action}, a new
 * reference; *key gets what the page's ETag must add. */
json_t *reports_view(req_t *r, const char *dashboard_id, const char *query_id, const char **key);

/* --- handlers ------------------------------------------------------------ */
void page_home(req_t *r);
void page_login_form(req_t *r);
void page_login_submit(req_t *r);
void page_logout(req_t *r);
void page_register_form(req_t *r);
void page_register_submit(req_t *r);
void page_settings(req_t *r);
void page_settings_submit(req_t *r);
void page_search(req_t *r);
void page_users(req_t *r);
void page_users_add(req_t *r);
void page_users_role(req_t *r);
void page_users_active(req_t *r);
void page_user_erase_form(req_t *r); /* erase.c */
void page_user_erase(req_t *r);
void page_org(req_t *r);             /* org.c */
void page_org_retention(req_t *r);
void page_org_delete(req_t *r);
void page_audit(req_t *r);
void page_audit_csv(req_t *r);
void page_connections(req_t *r);
void page_connection_new(req_t *r);
void page_connection_create(req_t *r);
/* A new connection from r's form (the page's fields, or a URL that fills
 * them): 0 and *id (arena), or -1 with f's errors. Audited. The page and
 * POST /api/v1/connections share it. */
int page_connection_save_new(req_t *r, form_t *f, char **id);
void page_connection(req_t *r);
void page_connection_edit(req_t *r);
void page_connection_update(req_t *r);
void page_connection_test(req_t *r);
void page_connection_refresh(req_t *r);
void page_connection_delete(req_t *r);
void page_connection_functions(req_t *r);
/* GET /connections/{id}/schema.json: the SQL editor's tables and columns
 * (editor.c). */
void page_connection_schema_json(req_t *r);
/* The schema sidebar of a page with a SQL box: ctx.schema = {connection_id,
 * empty, tables (the first 200, as store_schema_outline), more} (editor.c). */
void page_editor_schema(req_t *r, json_t *ctx, const char *conn_id);
void page_explore(req_t *r);
void page_explore_run(req_t *r);
void page_explore_job(req_t *r);   /* GET /explore/jobs/{id}: follow a query job */
void page_explore_job_cancel(req_t *r);
void page_history(req_t *r);       /* GET /history: the user's Explore runs */
void page_history_run(req_t *r);   /* GET /history/{id}: one run */
void page_queries(req_t *r);
void page_queries_create(req_t *r);
void page_query(req_t *r);
void page_query_update(req_t *r);
void page_query_run(req_t *r);     /* POST /queries/{id}/run: "Run again" */
void page_query_delete(req_t *r);
void page_chat(req_t *r);
void page_chat_session(req_t *r);
void page_chat_ask(req_t *r);
/* A new chat's title from its first question: the first 80 bytes (whole
 * UTF-8 characters) and "…" when cut (chat.c; also the API's). */
const char *page_chat_title(req_t *r, const char *q);
void page_chat_job(req_t *r);      /* GET /chat/jobs/{id}: follow a question being answered */
void page_chat_rename(req_t *r);
void page_chat_pin(req_t *r);
void page_chat_delete(req_t *r);
void page_vocabulary(req_t *r);
void page_vocabulary_add(req_t *r);
void page_vocabulary_delete(req_t *r);
void page_dashboards(req_t *r);
void page_dashboard_create(req_t *r);
void page_dashboard(req_t *r);
/* Before the session step (app.c): a repeat view of a page this worker
 * rendered for this session, answered after one statement (the session and
 * the versions). 1 when answered; 0: the request goes the usual way. */
int page_dashboard_again(req_t *r);
void page_dashboard_update(req_t *r);
void page_dashboard_duplicate(req_t *r);
void page_dashboard_delete(req_t *r);
void page_dashboard_sharing(req_t *r); /* its public links and scheduled e-mails */
void page_widget_add(req_t *r);
void page_widget_new(req_t *r); /* dashboards.c: the add-widget forms */
void page_widget(req_t *r);
void page_widget_svg(req_t *r);
void page_widget_edit(req_t *r);
void page_widget_update(req_t *r);
void page_widget_move(req_t *r);
void page_widget_place(req_t *r);
/* drill.c: a widget's or a chat answer's rows, filtered by a chart's
 * value and sorted by a column; the rows behind a number */
void page_widget_rows(req_t *r);
void page_message_rows(req_t *r);
void page_explore_rows(req_t *r);
void page_widget_delete(req_t *r);
void page_widget_refresh(req_t *r);
void page_pin(req_t *r);
void page_link_create(req_t *r);       /* links.c: public links */
void page_link_revoke(req_t *r);
void page_public_dashboard(req_t *r);  /* GET /public/d/{token}, no sign-in */
void page_public_widget_svg(req_t *r);
void page_report_create_dashboard(req_t *r); /* reports.c: scheduled reports */
void page_report_create_query(req_t *r);
void page_report_send(req_t *r);
void page_report_delete(req_t *r);
void page_export_message(req_t *r);
void page_export_explore(req_t *r);
void page_export_query(req_t *r);
void page_export_widget(req_t *r);
void page_export_dashboard(req_t *r);
void page_export_job(req_t *r);
void page_export_mydata(req_t *r); /* Settings → "Download my data" */
/* The stored object a result's page rebuilds its query from (drill.c): a
 * widget (under its dashboard's filters), a chat answer, an Explore
 * result's connection and SQL; a saved query (analyze.c). */
typedef struct page_source {
    const char *title;    /* the widget's title, the question */
    const char *back, *back_label;
    const char *base;     /* this page's path (and the query string that selects the source) */
    const char *conn_id, *sql;
    const char *source;   /* for the audit: "widget", "chat", "explore", "saved_query" */
    const char *rid;      /* the stored object's id, NULL for Explore */
    int kpi;              /* one number: offer the rows behind it */
    const json_t *decl;   /* its declared {{name}} parameters (query.h), may be NULL */
    json_t *given;        /* the values its page gave them: {name: value}, arena-owned, may be NULL */
} page_source_t;
/* 0 and *s for the source of this request's route ending in /<leaf>
 * ("rows", "analyze"), or -1 with the error page (404, 400) answered. */
int page_source_widget(req_t *r, const char *leaf, page_source_t *s);
int page_source_message(req_t *r, const char *leaf, page_source_t *s);
int page_source_explore(req_t *r, const char *leaf, page_source_t *s);
/* Pivot / Describe of a result (analyze.c). */
void page_query_analyze(req_t *r);
void page_widget_analyze(req_t *r);
void page_message_analyze(req_t *r);
void page_explore_analyze(req_t *r);
/* Any SQL the page built from a stored object (a pivot of a saved query,
 * a widget, a chat answer), as the ?format= file: the export job runs it
 * again through the read-only path, with decl's {{name}} values. */
struct export_meta;
void page_export_sql(req_t *r, const char *conn, const char *sql, const json_t *decl,
                     const struct export_meta *m, const char *rtype, const char *rid);
void page_uploads(req_t *r);
void page_upload_create(req_t *r);
/* A POST's file (field "file"; "mode" new, replace or append, "target",
 * "skip_bad_lines") spooled and handed to the worker's upload.ingest job,
 * audited: 0 and *upload_id, or -1 with *status (400, 503, 507) and *why
 * (uploads.c; also the API's). */
int page_upload_start(req_t *r, const char **upload_id, int *status, const char **why);
void page_upload(req_t *r);
void page_upload_delete(req_t *r);
void page_alerts(req_t *r);
void page_alert_new(req_t *r);
void page_alert_create(req_t *r);
/* An alert's form fields (name, connection_id, sql, condition, threshold,
 * anomaly_k, anomaly_n, rows_expect, interval_minutes, webhook_url,
 * email_to, p_<name> parameter values) checked and stored: a new alert (id
 * NULL) or alert id changed, audited. 0 and *aid, or -1 with f's errors
 * (alerts.c; also the API's). */
int page_alert_save(req_t *r, form_t *f, const char *id, const char **aid);
void page_alert(req_t *r);
void page_alert_edit(req_t *r);
void page_alert_update(req_t *r);
void page_alert_toggle(req_t *r);
void page_alert_mute(req_t *r);
void page_alert_check(req_t *r);
void page_alert_delete(req_t *r);
void page_notifications(req_t *r);
void page_notifications_count(req_t *r);
void page_notifications_read_all(req_t *r);
void page_notification_read(req_t *r);
void page_live_auth(req_t *r);
void page_jobs(req_t *r);
void page_job_retry(req_t *r);
void page_job_discard(req_t *r);
void page_healthz(req_t *r);
void page_metrics(req_t *r); /* routes.c: counts per route */

#endif
