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
    {"GET", "/audit", ROLE_ADMIN, page_audit, "audit"},
    {"GET", "/audit.csv", ROLE_ADMIN, page_audit_csv, "audit_csv"},
    {"GET", "/healthz", ROLE_NONE, page_healthz, "healthz"},
    {"GET", "/metrics", ROLE_NONE, page_metrics, "metrics"},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
