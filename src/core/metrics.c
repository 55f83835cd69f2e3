/* metrics.c — Prometheus counters shared by every worker.
 *
 * The master maps one anonymous shared block before forking; workers add to
 * it with atomic increments, and whichever worker serves /metrics reads it.
 * Nothing is lost when a worker dies, and no request pays a network trip. */
#include "core/metrics.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

static const double buckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                 0.1,   0.25,   0.5,   1,    2.5,   10};
#define NBUCKETS (sizeof buckets / sizeof buckets[0])
#define NCLASSES 5 /* 1xx..5xx */

typedef struct route_stats {
    uint64_t by_class[NCLASSES];
    uint64_t hist[NBUCKETS + 1]; /* last = +Inf */
    uint64_t sum_us;
} route_stats_t;

typedef struct shared {
    uint64_t worker_restarts, db_errors, redis_errors;
    uint64_t widget_renders, fragment_cache_hits, page_store_hits;
    size_t nroutes; /* +1 slot for unmatched paths */
    route_stats_t routes[];
} shared_t;

static shared_t *shm;

int metrics_init(size_t nroutes)
{
    size_t size = sizeof(shared_t) + (nroutes + 1) * sizeof(route_stats_t);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    memset(p, 0, size);
    shm = p;
    shm->nroutes = nroutes;
    return 0;
}

static void add(uint64_t *x, uint64_t n)
{
    __atomic_fetch_add(x, n, __ATOMIC_RELAXED);
}

static uint64_t get(const uint64_t *x)
{
    return __atomic_load_n(x, __ATOMIC_RELAXED);
}

void metrics_observe(int route_index, int status, double seconds)
{
    if (!shm)
        return;
    size_t i = route_index < 0 || (size_t)route_index >= shm->nroutes ? shm->nroutes
                                                                       : (size_t)route_index;
    route_stats_t *s = &shm->routes[i];
    int cls = status / 100 - 1;
    if (cls >= 0 && cls < NCLASSES)
        add(&s->by_class[cls], 1);
    size_t b = 0;
    while (b < NBUCKETS && seconds > buckets[b])
        b++;
    add(&s->hist[b], 1);
    add(&s->sum_us, (uint64_t)(seconds * 1e6));
}

void metrics_count(const char *what)
{
    if (!shm)
        return;
    if (strcmp(what, "worker_restart") == 0)
        add(&shm->worker_restarts, 1);
    else if (strcmp(what, "db_error") == 0)
        add(&shm->db_errors, 1);
    else if (strcmp(what, "redis_error") == 0)
        add(&shm->redis_errors, 1);
    else if (strcmp(what, "widget_render") == 0)
        add(&shm->widget_renders, 1);
    else if (strcmp(what, "fragment_cache_hit") == 0)
        add(&shm->fragment_cache_hits, 1);
    else if (strcmp(what, "page_store_hit") == 0)
        add(&shm->page_store_hits, 1);
}

static void render_route(buf_t *out, const char *name, const route_stats_t *s)
{
    for (int c = 0; c < NCLASSES; c++)
        if (get(&s->by_class[c]))
            buf_printf(out, "datamind_http_requests_total{route=\"%s\",status=\"%dxx\"} %llu\n",
                       name, c + 1, (unsigned long long)get(&s->by_class[c]));
    uint64_t cum = 0;
    for (size_t b = 0; b <= NBUCKETS; b++) {
        cum += get(&s->hist[b]);
        if (b < NBUCKETS)
            buf_printf(out, "datamind_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                       name, buckets[b], (unsigned long long)cum);
        else
            buf_printf(out, "datamind_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                       name, (unsigned long long)cum);
    }
    buf_printf(out, "datamind_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", name,
               (double)get(&s->sum_us) / 1e6);
    buf_printf(out, "datamind_http_request_duration_seconds_count{route=\"%s\"} %llu\n", name,
               (unsigned long long)cum);
}

void metrics_render(buf_t *out, const char *const *route_names, size_t n)
{
    if (!shm)
        return;
    buf_puts(out, "# HELP datamind_http_requests_total HTTP requests by route and status class.\n"
                  "# TYPE datamind_http_requests_total counter\n"
                  "# HELP datamind_http_request_duration_seconds Time to serve a request.\n"
                  "# TYPE datamind_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i <= shm->nroutes && i <= n; i++) {
        const route_stats_t *s = &shm->routes[i];
        uint64_t total = 0;
        for (size_t b = 0; b <= NBUCKETS; b++)
            total += get(&s->hist[b]);
        if (total)
            render_route(out, i < n ? route_names[i] : "unmatched", s);
    }
    buf_printf(out,
               "# HELP datamind_worker_restarts_total Web workers that died and were replaced.\n"
               "# TYPE datamind_worker_restarts_total counter\n"
               "datamind_worker_restarts_total %llu\n"
               "# HELP datamind_db_errors_total App-database errors.\n"
               "# TYPE datamind_db_errors_total counter\n"
               "datamind_db_errors_total %llu\n"
               "# HELP datamind_redis_errors_total Redis errors.\n"
               "# TYPE datamind_redis_errors_total counter\n"
               "datamind_redis_errors_total %llu\n"
               "# HELP datamind_widget_renders_total Widget charts drawn by web workers (a view"
               " copies the stored fragment instead).\n"
               "# TYPE datamind_widget_renders_total counter\n"
               "datamind_widget_renders_total %llu\n"
               "# HELP datamind_fragment_cache_hits_total Date-filtered widget fragments served"
               " from Redis.\n"
               "# TYPE datamind_fragment_cache_hits_total counter\n"
               "datamind_fragment_cache_hits_total %llu\n"
               "# HELP datamind_page_store_hits_total Pages a web worker copied from its memory"
               " (or answered 304) after a version check, instead of rendering them.\n"
               "# TYPE datamind_page_store_hits_total counter\n"
               "datamind_page_store_hits_total %llu\n",
               (unsigned long long)get(&shm->worker_restarts),
               (unsigned long long)get(&shm->db_errors),
               (unsigned long long)get(&shm->redis_errors),
               (unsigned long long)get(&shm->widget_renders),
               (unsigned long long)get(&shm->fragment_cache_hits),
               (unsigned long long)get(&shm->page_store_hits));
}
