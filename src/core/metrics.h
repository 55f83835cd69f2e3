/* metrics.h — Prometheus counters in memory shared by every worker. */
#ifndef DM_METRICS_H
#define DM_METRICS_H

#include <stddef.h>

#include "core/buf.h"

int metrics_init(size_t nroutes);  /* in the master, before fork */
void metrics_observe(int route_index, int status, double seconds);
void metrics_count(const char *what); /* "worker_restart", "db_error", "redis_error",
                                       "widget_render", "fragment_cache_hit", "page_store_hit" */
void metrics_render(buf_t *out, const char *const *route_names, size_t n);

#endif
