/* system.c — health and metrics, for load balancers and Prometheus. */
#include "pages/pages.h"
#include "core/config.h"
#include "core/net.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

void page_healthz(req_t *r)
{
    int db_ok = db_ping() == 0;
    int kv_ok = kv_ping() == 0;
    json_t *o = json_pack("{s:s, s:s, s:s}", "status", db_ok && kv_ok ? "ok" : "degraded",
                          "database", db_ok ? "ok" : "down", "redis", kv_ok ? "ok" : "down");
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    http_status(r, db_ok && kv_ok ? 200 : 503);
    http_header(r, "Content-Type", "application/json");
    http_header(r, "Cache-Control", "no-store");
    buf_puts(&r->body, s);
    buf_putc(&r->body, '\n');
    free(s);
}

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
}
