/* counters.c — pipeline counters and histograms in one Redis hash
 * (counters.h). A field is a whole series: 'name{label="value"}'. */
#include "store/counters.h"
#include "store/kv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bucket bounds of both histograms, in seconds, as their le label. */
static const char *const bounds[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                     "0.5",   "1",    "2.5",   "5",    "10",  "30"};
#define NBOUNDS (sizeof bounds / sizeof bounds[0])

typedef struct family {
    const char *name, *type, *help;
    const char *label;               /* NULL: none, or a histogram */
    const char *const *known;        /* label values shown at 0, NULL-terminated */
} family_t;

static const char *const outcomes[] = {"answered", "asked_back", "llm", "error", NULL};
static const char *const cache_results[] = {"hit", "miss", NULL};
static const char *const directions[] = {"input", "output", NULL};

static const family_t families[] = {
    {"datamind_questions_total", "counter",
     "Chat questions answered by the worker, by outcome (answered by the planner, asked back,"
     " answered by the LLM, error).", "outcome", outcomes},
    {"datamind_planner_seconds", "histogram", "Time the planner took to read a question.",
     NULL, NULL},
    {"datamind_query_seconds", "histogram",
     "Time a chat answer's or Explore run's query took (cache hits included).", NULL, NULL},
    {"datamind_query_cache_total", "counter",
     "Chat and Explore queries by result-cache outcome (hit ratio = hit / (hit + miss)).",
     "result", cache_results},
    {"datamind_llm_tokens_total", "counter", "LLM tokens used by chat answers.", "direction",
     directions},
    {"datamind_job_failures_total", "counter",
     "Job attempts that failed (retried or dead-lettered), by task.", "task", NULL},
};
#define NFAMILIES (sizeof families / sizeof families[0])

static const char *hash_key(arena_t *a)
{
    return kv_key(a, "metrics");
}

/* A label value safe in a series name: [a-z0-9_.-], at most 64. */
static const char *clean(arena_t *a, const char *v)
{
    char out[65];
    size_t n = 0;
    for (const char *p = v ? v : ""; *p && n < 64; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("_.-", *p))
            out[n++] = *p;
    out[n] = '\0';
    return arena_strdup(a, n ? out : "other");
}

void store_counter_add(arena_t *a, const char *family, const char *label, const char *value,
                       long long n)
{
    const char *field = label ? arena_printf(a, "%s{%s=\"%s\"}", family, label, clean(a, value))
                              : family;
    kv_cmd(a, "HINCRBY %s %s %lld", hash_key(a), field, n);
}

/* Every bucket whose bound the value is within, +Inf, count, and sum, in
 * one script: a scrape never sees half an observation. */
static const char OBSERVE_LUA[] =
    "local v = tonumber(ARGV[2])\n"
    "for i = 3, #ARGV do\n"
    "  if v <= tonumber(ARGV[i]) then\n"
    "    redis.call('HINCRBY', KEYS[1], ARGV[1] .. '_bucket{le=\"' .. ARGV[i] .. '\"}', 1)\n"
    "  end\n"
    "end\n"
    "redis.call('HINCRBY', KEYS[1], ARGV[1] .. '_bucket{le=\"+Inf\"}', 1)\n"
    "redis.call('HINCRBY', KEYS[1], ARGV[1] .. '_count', 1)\n"
    "redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1] .. '_sum', ARGV[2])\n"
    "return 1\n";

void store_counter_observe(arena_t *a, const char *family, double seconds)
{
    const char *argv[6 + NBOUNDS];
    size_t n = 0;
    argv[n++] = "EVAL";
    argv[n++] = OBSERVE_LUA;
    argv[n++] = "1";
    argv[n++] = hash_key(a);
    argv[n++] = family;
    argv[n++] = arena_printf(a, "%.6f", seconds < 0 ? 0 : seconds);
    for (size_t i = 0; i < NBOUNDS; i++)
        argv[n++] = bounds[i];
    kv_cmdv(a, (int)n, argv, NULL);
}

/* The value of field in the HGETALL reply, or "0". */
static const char *field_value(const redisReply *all, const char *field)
{
    for (size_t i = 0; i + 1 < all->elements; i += 2)
        if (strcmp(all->element[i]->str, field) == 0)
            return all->element[i + 1]->str;
    return "0";
}

static void render_histogram(arena_t *a, const family_t *f, const redisReply *all, buf_t *out)
{
    for (size_t i = 0; i < NBOUNDS; i++)
        buf_printf(out, "%s_bucket{le=\"%s\"} %s\n", f->name, bounds[i],
                   field_value(all, arena_printf(a, "%s_bucket{le=\"%s\"}", f->name, bounds[i])));
    buf_printf(out, "%s_bucket{le=\"+Inf\"} %s\n", f->name,
               field_value(all, arena_printf(a, "%s_bucket{le=\"+Inf\"}", f->name)));
    buf_printf(out, "%s_sum %s\n", f->name, field_value(all, arena_printf(a, "%s_sum", f->name)));
    buf_printf(out, "%s_count %s\n", f->name,
               field_value(all, arena_printf(a, "%s_count", f->name)));
}

static int is_known(const family_t *f, const char *field, size_t plen)
{
    for (const char *const *k = f->known; k && *k; k++)
        if (strncmp(field + plen, *k, strlen(*k)) == 0 && strcmp(field + plen + strlen(*k), "\"}") == 0)
            return 1;
    return 0;
}

static void render_counter(arena_t *a, const family_t *f, const redisReply *all, buf_t *out)
{
    if (!f->label) {
        buf_printf(out, "%s %s\n", f->name, field_value(all, f->name));
        return;
    }
    for (const char *const *k = f->known; k && *k; k++) {
        const char *field = arena_printf(a, "%s{%s=\"%s\"}", f->name, f->label, *k);
        buf_printf(out, "%s %s\n", field, field_value(all, field));
    }
    const char *prefix = arena_printf(a, "%s{%s=\"", f->name, f->label);
    size_t plen = strlen(prefix);
    for (size_t i = 0; i + 1 < all->elements; i += 2) { /* the label values seen */
        const char *field = all->element[i]->str;
        if (strncmp(field, prefix, plen) == 0 && !is_known(f, field, plen))
            buf_printf(out, "%s %s\n", field, all->element[i + 1]->str);
    }
}

void store_counters_render(arena_t *a, buf_t *out)
{
    redisReply *all = kv_cmd(a, "HGETALL %s", hash_key(a));
    if (!all || all->type != REDIS_REPLY_ARRAY)
        return;
    for (size_t i = 0; i < NFAMILIES; i++) {
        const family_t *f = &families[i];
        buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", f->name, f->help, f->name, f->type);
        if (strcmp(f->type, "histogram") == 0)
            render_histogram(a, f, all, out);
        else
            render_counter(a, f, all, out);
    }
}
