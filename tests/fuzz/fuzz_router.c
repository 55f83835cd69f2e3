/* fuzz_router — router_match with a small fixed table, the input as the path
 * (GET, then POST). Invariants: 0/404/405 only; a capture is a non-empty
 * segment (no '/'). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

static void noop(req_t *r)
{
    (void)r;
}

/* designated, so fields added to route_t later stay zero */
#define R(m, p, role, n) {.method = m, .pattern = p, .min_role = role, .fn = noop, .name = n}
static const route_t table[] = {
    R("GET", "/", ROLE_NONE, "home"),
    R("GET", "/dashboards/{id}", ROLE_VIEWER, "dash"),
    R("POST", "/dashboards/{id}/widgets", ROLE_ANALYST, "add"),
    R("GET", "/dashboards/{id}/widgets/{wid}.svg", ROLE_VIEWER, "svg"),
    R("GET|POST", "/login", ROLE_NONE, "login"),
    R("GET", "/chats/{id}/messages/{mid}", ROLE_VIEWER, "msg"),
    R("POST", "/exports/{id}.{fmt}", ROLE_VIEWER, "export"),
    R("GET", "/static/{file}", ROLE_NONE, "static"),
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = malloc(size + 1);
    memcpy(path, data, size);
    path[size] = 0;
    static const char *methods[] = {"GET", "POST", "HEAD", "DELETE"};
    for (size_t k = 0; k < 4; k++) {
        arena_t *a = arena_new();
        req_t r = {.arena = a, .method = methods[k], .path = path};
        const route_t *out = NULL;
        int rc = router_match(table, sizeof table / sizeof table[0], &r, &out);
        if (rc == 0) {
            if (!out)
                abort();
            for (size_t i = 0; i < r.route.n; i++) {
                const kv_t *kv = &r.route.items[i];
                if (kv->len == 0 || memchr(kv->value, '/', kv->len))
                    abort();
                if (http_route_param(&r, kv->name) == NULL)
                    abort();
            }
        } else if (rc != 404 && rc != 405) {
            abort();
        } else if (r.route.n != 0) {
            abort();
        }
        arena_free(a);
    }
    free(path);
    return 0;
}
