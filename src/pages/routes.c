/* routes.c — every page of the app, its method, and the least role that
 * may use it. The router checks the role here, in one place, before the
 * handler runs (cgit's cmd.c, Redis's command table). */
#include "pages/pages.h"

const route_t app_routes[] = {
    {"GET", "/", ROLE_NONE, page_home, "home"},
    {"GET", "/login", ROLE_NONE, page_login_form, "login"},
    {"POST", "/login", ROLE_NONE, page_login_submit, "login_submit"},
    {"POST", "/logout", ROLE_VIEWER, page_logout, "logout"},
    {"GET", "/register", ROLE_NONE, page_register_form, "register"},
    {"POST", "/register", ROLE_NONE, page_register_submit, "register_submit"},
    {"GET", "/settings", ROLE_VIEWER, page_settings, "settings"},
    {"POST", "/settings", ROLE_VIEWER, page_settings_submit, "settings_submit"},
    {"GET", "/admin/users", ROLE_ADMIN, page_users, "users"},
    {"POST", "/admin/users", ROLE_ADMIN, page_users_add, "users_add"},
    {"POST", "/admin/users/{id}/role", ROLE_ADMIN, page_users_role, "users_role"},
    {"POST", "/admin/users/{id}/active", ROLE_ADMIN, page_users_active, "users_active"},
    {"GET", "/connections", ROLE_VIEWER, page_connections, "connections"},
    {"GET", "/connections/new", ROLE_ANALYST, page_connection_new, "connection_new"},
    {"POST", "/connections", ROLE_ANALYST, page_connection_create, "connection_create"},
    {"GET", "/connections/{id}", ROLE_VIEWER, page_connection, "connection"},
    {"GET", "/connections/{id}/edit", ROLE_ANALYST, page_connection_edit, "connection_edit"},
    {"POST", "/connections/{id}", ROLE_ANALYST, page_connection_update, "connection_update"},
    {"POST", "/connections/{id}/test", ROLE_ANALYST, page_connection_test, "connection_test"},
    {"POST", "/connections/{id}/refresh", ROLE_ANALYST, page_connection_refresh, "connection_refresh"},
    {"POST", "/connections/{id}/delete", ROLE_ADMIN, page_connection_delete, "connection_delete"},
    {"POST", "/connections/{id}/functions", ROLE_ADMIN, page_connection_functions, "connection_functions"},
    {"GET", "/explore", ROLE_ANALYST, page_explore, "explore"},
    {"POST", "/explore/run", ROLE_ANALYST, page_explore_run, "explore_run"},
    {"GET", "/queries", ROLE_VIEWER, page_queries, "queries"},
    {"POST", "/queries", ROLE_ANALYST, page_queries_create, "queries_create"},
    {"GET", "/queries/{id}", ROLE_VIEWER, page_query, "query"},
    {"POST", "/queries/{id}", ROLE_ANALYST, page_query_update, "query_update"},
    {"POST", "/queries/{id}/delete", ROLE_ANALYST, page_query_delete, "query_delete"},
    {"GET", "/audit", ROLE_ADMIN, page_audit, "audit"},
    {"GET", "/audit.csv", ROLE_ADMIN, page_audit_csv, "audit_csv"},
    {"GET", "/healthz", ROLE_NONE, page_healthz, "healthz"},
    {"GET", "/metrics", ROLE_NONE, page_metrics, "metrics"},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
