/* counters.h — the question pipeline's Prometheus counters and histograms
 * (counters.c), kept in Redis.
 *
 * The pipeline runs in `datamind worker` processes (any number, on any
 * host), not in the web workers whose shared-memory counters
 * (core/metrics.c) /metrics reads: so its events are added to one Redis
 * hash (<prefix>metrics, HINCRBY: atomic, nothing lost when a process
 * dies) and /metrics, on whichever web worker serves it, reads the hash.
 * A failed add is dropped silently: a metric never fails the work. */
#ifndef DM_STORE_COUNTERS_H
#define DM_STORE_COUNTERS_H

#include "core/arena.h"
#include "core/buf.h"

/* Add n to a counter family with one label (label and value NULL: no
 * label). The value is reduced to [a-z0-9_.-] ("other" when empty). */
void store_counter_add(arena_t *a, const char *family, const char *label, const char *value,
                       long long n);
/* One observation (seconds) of a histogram family
 * ("datamind_planner_seconds", "datamind_query_seconds"). */
void store_counter_observe(arena_t *a, const char *family, double seconds);
/* Every family in Prometheus text format (HELP, TYPE, series; the known
 * label values at 0 when nothing happened yet). Nothing when Redis is
 * down. */
void store_counters_render(arena_t *a, buf_t *out);

#endif
