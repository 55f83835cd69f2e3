/* routes.c — every page of the app, its method, and the least role that
 * may use it. The router checks the role here, in one place, before the
 * handler runs (cgit's cmd.c, Redis's command table). Also /metrics, whose
 * counters are per route: it reads the table, so it lives beside it (the
 * table names every handler; nothing below calls back up here). */
#include "pages/pages.h"
#include "core/config.h"
#include "core/net.h"
#include "jobs/jobs.h"
#include "store/counters.h"

const route_t app_routes[] = {
    {"GET", "/", ROLE_NONE, page_home, "home", NULL},
    {"GET", "/login", ROLE_NONE, page_login_form, "login", NULL},
    {"POST", "/login", ROLE_NONE, page_login_submit, "login_submit", NULL},
    {"POST", "/logout", ROLE_VIEWER, page_logout, "logout", NULL},
    {"GET", "/register", ROLE_NONE, page_register_form, "register", NULL},
    {"POST", "/register", ROLE_NONE, page_register_submit, "register_submit", NULL},
    {"GET", "/settings", ROLE_VIEWER, page_settings, "settings", NULL},
    {"POST", "/settings", ROLE_VIEWER, page_settings_submit, "settings_submit", NULL},
    {"GET", "/settings/data", ROLE_VIEWER, page_export_mydata, "export_mydata", "exports"},
    {"GET", "/search", ROLE_VIEWER, page_search, "search", NULL},
    {"GET", "/admin/users", ROLE_ADMIN, page_users, "users", NULL},
    {"POST", "/admin/users", ROLE_ADMIN, page_users_add, "users_add", NULL},
    {"POST", "/admin/users/{id}/role", ROLE_ADMIN, page_users_role, "users_role", NULL},
    {"POST", "/admin/users/{id}/active", ROLE_ADMIN, page_users_active, "users_active", NULL},
    {"GET", "/admin/users/{id}/erase", ROLE_ADMIN, page_user_erase_form, "user_erase_form", NULL},
    {"POST", "/admin/users/{id}/erase", ROLE_ADMIN, page_user_erase, "user_erase", NULL},
    {"GET", "/admin/org", ROLE_ADMIN, page_org, "org", NULL},
    {"POST", "/admin/org/retention", ROLE_ADMIN, page_org_retention, "org_retention", NULL},
    {"POST", "/admin/org/delete", ROLE_ADMIN, page_org_delete, "org_delete", NULL},
    {"GET", "/chat", ROLE_VIEWER, page_chat, "chat", NULL},
    {"POST", "/chat", ROLE_VIEWER, page_chat_ask, "chat_ask", "questions"},
    {"GET", "/chat/{id}", ROLE_VIEWER, page_chat_session, "chat_session", NULL},
    {"GET", "/chat/jobs/{id}", ROLE_VIEWER, page_chat_job, "chat_job", NULL},
    {"GET", "/chat/messages/{id}/export", ROLE_VIEWER, page_export_message, "export_message", "exports"},
    {"GET", "/chat/messages/{id}/rows", ROLE_VIEWER, page_message_rows, "message_rows", "queries"},
    {"GET", "/chat/messages/{id}/analyze", ROLE_VIEWER, page_message_analyze, "message_analyze", "queries"},
    {"POST", "/chat/{id}/rename", ROLE_VIEWER, page_chat_rename, "chat_rename", NULL},
    {"POST", "/chat/{id}/pin", ROLE_VIEWER, page_chat_pin, "chat_pin", NULL},
    {"POST", "/chat/{id}/delete", ROLE_VIEWER, page_chat_delete, "chat_delete", NULL},
    {"GET", "/dashboards", ROLE_VIEWER, page_dashboards, "dashboards", NULL},
    {"POST", "/dashboards", ROLE_ANALYST, page_dashboard_create, "dashboard_create", NULL},
    {"POST", "/dashboards/pin", ROLE_ANALYST, page_pin, "dashboard_pin", NULL},
    {"GET", "/dashboards/{id}", ROLE_VIEWER, page_dashboard, "dashboard", NULL},
    {"POST", "/dashboards/{id}", ROLE_ANALYST, page_dashboard_update, "dashboard_update", NULL},
    {"POST", "/dashboards/{id}/duplicate", ROLE_ANALYST, page_dashboard_duplicate, "dashboard_duplicate", NULL},
    {"POST", "/dashboards/{id}/delete", ROLE_ANALYST, page_dashboard_delete, "dashboard_delete", NULL},
    {"POST", "/dashboards/{id}/refresh", ROLE_VIEWER, page_widget_refresh, "dashboard_refresh", "queries"},
    {"POST", "/dashboards/{id}/widgets", ROLE_ANALYST, page_widget_add, "widget_add", NULL},
    {"GET", "/dashboards/{id}/widgets/new", ROLE_ANALYST, page_widget_new, "widget_new", NULL},
    {"GET", "/dashboards/{id}/widgets/{wid}.svg", ROLE_VIEWER, page_widget_svg, "widget_svg", NULL},
    {"GET", "/dashboards/{id}/widgets/{wid}/export", ROLE_VIEWER, page_export_widget, "export_widget", "exports"},
    {"GET", "/dashboards/{id}/export.pdf", ROLE_VIEWER, page_export_dashboard, "export_dashboard", "exports"},
    {"GET", "/dashboards/{id}/widgets/{wid}", ROLE_VIEWER, page_widget, "widget", NULL},
    {"GET", "/dashboards/{id}/widgets/{wid}/edit", ROLE_ANALYST, page_widget_edit, "widget_edit", NULL},
    {"POST", "/dashboards/{id}/widgets/{wid}", ROLE_ANALYST, page_widget_update, "widget_update", NULL},
    {"POST", "/dashboards/{id}/widgets/{wid}/move", ROLE_ANALYST, page_widget_move, "widget_move", NULL},
    {"POST", "/dashboards/{id}/widgets/{wid}/place", ROLE_ANALYST, page_widget_place, "widget_place", NULL},
    {"GET", "/dashboards/{id}/widgets/{wid}/rows", ROLE_VIEWER, page_widget_rows, "widget_rows", "queries"},
    {"GET", "/dashboards/{id}/widgets/{wid}/analyze", ROLE_VIEWER, page_widget_analyze, "widget_analyze", "queries"},
    {"POST", "/dashboards/{id}/widgets/{wid}/refresh", ROLE_VIEWER, page_widget_refresh, "widget_refresh", "queries"},
    {"POST", "/dashboards/{id}/widgets/{wid}/delete", ROLE_ANALYST, page_widget_delete, "widget_delete", NULL},
    {"GET", "/dashboards/{id}/sharing", ROLE_ANALYST, page_dashboard_sharing, "dashboard_sharing", NULL},
    {"POST", "/dashboards/{id}/links", ROLE_ANALYST, page_link_create, "link_create", NULL},
    {"POST", "/dashboards/{id}/links/{lid}/revoke", ROLE_ANALYST, page_link_revoke, "link_revoke", NULL},
    {"POST", "/dashboards/{id}/reports", ROLE_ANALYST, page_report_create_dashboard, "report_create_dashboard", NULL},
    {"POST", "/queries/{id}/reports", ROLE_ANALYST, page_report_create_query, "report_create_query", NULL},
    {"POST", "/reports/{id}/send", ROLE_ANALYST, page_report_send, "report_send", "report sends"},
    {"POST", "/reports/{id}/delete", ROLE_ANALYST, page_report_delete, "report_delete", NULL},
    {"GET", "/public/d/{token}", ROLE_NONE, page_public_dashboard, "public_dashboard", "public views"},
    {"GET", "/public/d/{token}/widgets/{wid}.svg", ROLE_NONE, page_public_widget_svg, "public_widget_svg", "public views"},
    {"GET", "/connections", ROLE_VIEWER, page_connections, "connections", NULL},
    {"GET", "/connections/{id}/vocabulary", ROLE_VIEWER, page_vocabulary, "vocabulary", NULL},
    {"POST", "/connections/{id}/vocabulary", ROLE_ANALYST, page_vocabulary_add, "vocabulary_add", NULL},
    {"POST", "/connections/{id}/vocabulary/{vid}/delete", ROLE_ANALYST, page_vocabulary_delete, "vocabulary_delete", NULL},
    {"GET", "/connections/new", ROLE_ANALYST, page_connection_new, "connection_new", NULL},
    {"POST", "/connections", ROLE_ANALYST, page_connection_create, "connection_create", NULL},
    {"GET", "/connections/{id}", ROLE_VIEWER, page_connection, "connection", NULL},
    {"GET", "/connections/{id}/edit", ROLE_ANALYST, page_connection_edit, "connection_edit", NULL},
    {"POST", "/connections/{id}", ROLE_ANALYST, page_connection_update, "connection_update", NULL},
    {"POST", "/connections/{id}/test", ROLE_ANALYST, page_connection_test, "connection_test", NULL},
    {"POST", "/connections/{id}/refresh", ROLE_ANALYST, page_connection_refresh, "connection_refresh", NULL},
    {"POST", "/connections/{id}/delete", ROLE_ADMIN, page_connection_delete, "connection_delete", NULL},
    {"POST", "/connections/{id}/functions", ROLE_ADMIN, page_connection_functions, "connection_functions", NULL},
    {"GET", "/connections/{id}/schema.json", ROLE_VIEWER, page_connection_schema_json, "connection_schema_json", NULL},
    {"GET", "/explore", ROLE_ANALYST, page_explore, "explore", NULL},
    {"POST", "/explore/run", ROLE_ANALYST, page_explore_run, "explore_run", "queries"},
    {"GET", "/explore/jobs/{id}", ROLE_ANALYST, page_explore_job, "explore_job", NULL},
    {"POST", "/explore/jobs/{id}/cancel", ROLE_ANALYST, page_explore_job_cancel, "explore_job_cancel", NULL},
    {"POST", "/explore/export", ROLE_ANALYST, page_export_explore, "export_explore", "exports"},
    {"GET", "/explore/rows", ROLE_ANALYST, page_explore_rows, "explore_rows", "queries"},
    {"GET", "/history", ROLE_ANALYST, page_history, "history", NULL},
    {"GET", "/history/{id}", ROLE_ANALYST, page_history_run, "history_run", NULL},
    {"GET", "/explore/analyze", ROLE_ANALYST, page_explore_analyze, "explore_analyze", "queries"},
    {"GET", "/exports/{id}", ROLE_VIEWER, page_export_job, "export_job", NULL},
    {"GET", "/queries", ROLE_VIEWER, page_queries, "queries", NULL},
    {"POST", "/queries", ROLE_ANALYST, page_queries_create, "queries_create", NULL},
    {"GET", "/queries/{id}", ROLE_VIEWER, page_query, "query", NULL},
    {"POST", "/queries/{id}", ROLE_ANALYST, page_query_update, "query_update", NULL},
    {"POST", "/queries/{id}/run", ROLE_VIEWER, page_query_run, "query_run", "queries"},
    {"GET", "/queries/{id}/export", ROLE_VIEWER, page_export_query, "export_query", "exports"},
    {"GET", "/queries/{id}/analyze", ROLE_VIEWER, page_query_analyze, "query_analyze", "queries"},
    {"POST", "/queries/{id}/delete", ROLE_ANALYST, page_query_delete, "query_delete", NULL},
    {"GET", "/uploads", ROLE_VIEWER, page_uploads, "uploads", NULL},
    {"POST", "/uploads", ROLE_ANALYST, page_upload_create, "upload_create", "uploads"},
    {"GET", "/uploads/{id}", ROLE_VIEWER, page_upload, "upload", NULL},
    {"POST", "/uploads/{id}/delete", ROLE_ANALYST, page_upload_delete, "upload_delete", NULL},
    {"GET", "/alerts", ROLE_VIEWER, page_alerts, "alerts", NULL},
    {"GET", "/alerts/new", ROLE_ANALYST, page_alert_new, "alert_new", NULL},
    {"POST", "/alerts", ROLE_ANALYST, page_alert_create, "alert_create", NULL},
    {"GET", "/alerts/{id}", ROLE_VIEWER, page_alert, "alert", NULL},
    {"GET", "/alerts/{id}/edit", ROLE_ANALYST, page_alert_edit, "alert_edit", NULL},
    {"POST", "/alerts/{id}", ROLE_ANALYST, page_alert_update, "alert_update", NULL},
    {"POST", "/alerts/{id}/toggle", ROLE_ANALYST, page_alert_toggle, "alert_toggle", NULL},
    {"POST", "/alerts/{id}/mute", ROLE_ANALYST, page_alert_mute, "alert_mute", NULL},
    {"POST", "/alerts/{id}/check", ROLE_ANALYST, page_alert_check, "alert_check", "checks"},
    {"POST", "/alerts/{id}/delete", ROLE_ANALYST, page_alert_delete, "alert_delete", NULL},
    {"GET", "/notifications", ROLE_VIEWER, page_notifications, "notifications", NULL},
    {"GET", "/notifications/count", ROLE_VIEWER, page_notifications_count, "notifications_count", NULL},
    {"POST", "/notifications/read-all", ROLE_VIEWER, page_notifications_read_all, "notifications_read_all", NULL},
    {"POST", "/notifications/{id}/read", ROLE_VIEWER, page_notification_read, "notification_read", NULL},
    {"GET", "/live-auth", ROLE_NONE, page_live_auth, "live_auth", NULL},
    {"GET", "/admin/jobs", ROLE_ADMIN, page_jobs, "jobs", NULL},
    {"POST", "/admin/jobs/{id}/retry", ROLE_ADMIN, page_job_retry, "job_retry", NULL},
    {"POST", "/admin/jobs/{id}/discard", ROLE_ADMIN, page_job_discard, "job_discard", NULL},
    {"GET", "/audit", ROLE_ADMIN, page_audit, "audit", NULL},
    {"GET", "/audit.csv", ROLE_ADMIN, page_audit_csv, "audit_csv", NULL},
    {"GET", "/healthz", ROLE_NONE, page_healthz, "healthz", NULL},
    {"GET", "/metrics", ROLE_NONE, page_metrics, "metrics", NULL},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];

void page_metrics(req_t *r)
{
    if (!net_ip_in_list(r->remote_addr, cfg->metrics_allow)) {
        page_error(r, 403, "Metrics are only served to the networks in DATAMIND_METRICS_ALLOW.");
        return;
    }
    const char **names = arena_alloc(r->arena, app_nroutes * sizeof *names);
    for (size_t i = 0; i < app_nroutes; i++)
        names[i] = app_routes[i].name;
    http_header(r, "Content-Type", "text/plain; version=0.0.4");
    http_header(r, "Cache-Control", "no-store");
    metrics_render(&r->body, names, app_nroutes);
    store_counters_render(r->arena, &r->body); /* the pipeline's, added by the worker */
    jobs_metrics_render(r->arena, &r->body);
}
