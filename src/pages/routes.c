/* routes.c — every page of the app, its method, and the least role that
 * may use it. The router checks the role here, in one place, before the
 * handler runs (cgit's cmd.c, Redis's command table). */
#include "pages/pages.h"

const route_t app_routes[] = {
    {"GET", "/", ROLE_NONE, page_home, "home"},
    {"GET", "/login", ROLE_NONE, page_login_form, "login"},
    {"GET", "/healthz", ROLE_NONE, page_healthz, "healthz"},
    {"GET", "/metrics", ROLE_NONE, page_metrics, "metrics"},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
