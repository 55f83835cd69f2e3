/* planner_bench.c — time ask_plan() per question over questions.json.
 *
 * usage: planner_bench [SCHEMA.json [QUESTIONS.json [ITERATIONS]]]
 * The schema (the demo shop's, with samples) is built once, as in the app;
 * every question (follow-ups with their previous plan) is planned ITERATIONS
 * times (default 200) after a warm-up, each call timed alone with
 * CLOCK_MONOTONIC. Prints the schema build time, then the median and p99
 * over all calls and the slowest question. */
#define _POSIX_C_SOURCE 200809L  /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ask/ask.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Plan every question once so follow-ups have their previous plan. */
static json_t **prev_plans(ask_schema_t *s, json_t *cases)
{
    size_t n = json_array_size(cases);
    json_t **plans = calloc(n + 1, sizeof *plans), **prev = calloc(n + 1, sizeof *prev);
    char err[256];
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(cases, i), *fo = json_object_get(c, "follow_up_of");
        prev[i] = json_is_integer(fo) ? plans[json_integer_value(fo)] : NULL;
        ask_plan_result_t r;
        if (ask_plan(s, json_string_value(json_object_get(c, "q")), prev[i], &r, err, sizeof err) == 0)
            plans[i] = r.plan ? json_incref(r.plan) : NULL;
        ask_plan_result_free(&r);
    }
    free(plans);  /* the references live on in prev[] (leaked at exit: a benchmark) */
    return prev;
}

int main(int argc, char **argv)
{
    const char *sfile = argc > 1 ? argv[1] : "tests/unit/ask_fixtures/shop_schema.json";
    const char *qfile = argc > 2 ? argv[2] : "tests/integration/questions.json";
    int iters = argc > 3 ? atoi(argv[3]) : 200;
    json_error_t je;
    char err[256];
    json_t *sj = json_load_file(sfile, 0, &je), *cases = json_load_file(qfile, 0, &je);
    if (!sj || !cases || iters < 1) {
        fprintf(stderr, "planner_bench: %s\n", je.text);
        return 1;
    }
    double t0 = now_us();
    ask_schema_t *s = ask_schema_new(sj, NULL, err, sizeof err);
    double build = now_us() - t0;
    if (!s) {
        fprintf(stderr, "planner_bench: %s\n", err);
        return 1;
    }
    size_t n = json_array_size(cases), k = 0, slowest = 0;
    json_t **prev = prev_plans(s, cases);
    double *t = malloc(n * (size_t)iters * sizeof *t), worst = 0;
    for (size_t i = 0; i < n; i++) {
        const char *q = json_string_value(json_object_get(json_array_get(cases, i), "q"));
        double qt = 0;
        for (int it = -5; it < iters; it++) {
            ask_plan_result_t r;
            double a = now_us();
            ask_plan(s, q, prev[i], &r, err, sizeof err);
            double d = now_us() - a;
            ask_plan_result_free(&r);
            if (it >= 0)
                t[k++] = d, qt += d;
        }
        if (qt > worst)
            worst = qt, slowest = i;
    }
    qsort(t, k, sizeof *t, cmp_double);
    printf("schema build: %.0f us\n", build);
    printf("questions: %zu, calls: %zu\n", n, k);
    printf("median: %.1f us\np99: %.1f us\n", t[k / 2], t[(size_t)(k * 0.99)]);
    printf("slowest question (mean %.1f us): %s\n", worst / iters,
           json_string_value(json_object_get(json_array_get(cases, slowest), "q")));
    free(t);
    ask_schema_free(s);
    json_decref(sj);
    json_decref(cases);
    return 0;
}
