/* system.c — health, for load balancers. (/metrics, which counts per
 * route, is in routes.c beside the table it reads.) */
#include "pages/pages.h"
#include "store/db.h"
#include "store/kv.h"

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
