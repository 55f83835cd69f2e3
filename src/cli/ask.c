/* ask.c — `datamind ask --db CONNINFO [--json] [--vocabulary FILE] "question"`:
 * discover that database's schema, plan the question, run the SQL through
 * the same validator and read-only executor as the web pages, and print
 * the SQL, the rows and the insight (or one JSON object with --json). */
#include "cli/cli.h"
#include "ask/ask.h"
#include "ask/insight.h"
#include "chat/chat.h"
#include "core/config.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: datamind ask --db CONNINFO [--json] [--vocabulary FILE] \"question\"\n";

static void print_json(json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    puts(s ? s : "{}");
    free(s);
}

static void print_rows(const json_t *res)
{
    const json_t *cols = json_object_get(res, "columns"), *rows = json_object_get(res, "rows");
    for (size_t c = 0; c < json_array_size(cols); c++)
        printf("%s%s", c ? "\t" : "", json_string_value(json_object_get(json_array_get(cols, c), "name")));
    putchar('\n');
    for (size_t r = 0; r < json_array_size(rows) && r < 50; r++) {
        const json_t *row = json_array_get(rows, r);
        for (size_t c = 0; c < json_array_size(row); c++) {
            const json_t *v = json_array_get(row, c);
            char *s = json_is_string(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY);
            printf("%s%s", c ? "\t" : "", s ? s : json_string_value(v));
            free(s);
        }
        putchar('\n');
    }
    if (json_array_size(rows) > 50)
        printf("… %zu rows in all\n", json_array_size(rows));
}

/* Plan, validate, run, explain: fills *out (new object) — the --json shape. */
static json_t *answer(PGconn *pg, const ask_schema_t *s, const json_t *discovered,
                      const json_t *vocab, const char *q, char *err, size_t errlen)
{
    ask_plan_result_t p = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int planned = ask_plan(s, q, NULL, &p, err, errlen);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    json_int_t plan_us = (json_int_t)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
    if (planned < 0)
        return json_pack("{s:s, s:I}", "error", err, "plan_us", plan_us);
    chat_plan_again(pg, discovered, vocab, q, NULL, &p);  /* words left over: values? */
    json_t *out;
    sqlsafe_check_t chk;
    json_t *res = NULL;
    int pos = 0;
    sqlsafe_run_t run = {.timeout_ms = cfg->query_timeout_ms, .max_rows = cfg->max_rows,
                         .max_cell_bytes = (size_t)cfg->max_cell_bytes,
                         .max_result_bytes = (size_t)cfg->max_result_bytes};
    if (!p.sql) {
        out = json_pack("{s:O, s:O}", "clarify", json_object_get(p.clarify, "message"), "options",
                        json_object_get(p.clarify, "options"));
    } else if (sqlsafe_validate(p.sql, strlen(p.sql), NULL, 0, &chk, err, errlen) < 0) {
        out = json_pack("{s:s, s:s}", "error", err, "sql", p.sql);
    } else {
        int rc = sqlsafe_execute(pg, chk.statement, &run, &res, &pos, err, errlen);
        sqlsafe_check_free(&chk);
        if (rc < 0) {
            out = json_pack("{s:s, s:s}", "error", err, "sql", p.sql);
        } else {
            insight_t ins;
            insight_context_t ic = {.understood = p.understood};
            insight_write(res, &ic, &ins);
            out = json_pack("{s:s, s:O, s:O, s:s, s:O, s:f}", "sql", p.sql, "columns",
                            json_object_get(res, "columns"), "rows", json_object_get(res, "rows"),
                            "insight", ins.text ? ins.text : "", "chart", ins.chart,
                            "confidence", p.confidence);
            insight_free(&ins);
            json_decref(res);
        }
    }
    ask_plan_result_free(&p);
    json_object_set_new(out, "plan_us", json_integer(plan_us)); /* ask_plan only: the benchmark's planner time */
    return out;
}

static int run_ask(const char *conninfo, const char *vocab_file, int as_json, const char *q)
{
    char err[1024];
    json_t *vocab = NULL, *schema = NULL, *out = NULL;
    ask_schema_t *s = NULL;
    int rc = 1;
    PGconn *pg = PQconnectdb(conninfo); /* an admin's own conninfo, not a user's */
    if (PQstatus(pg) != CONNECTION_OK) {
        snprintf(err, sizeof err, "cannot connect: %s", PQerrorMessage(pg));
        goto fail;
    }
    if (vocab_file && !(vocab = json_load_file(vocab_file, 0, NULL))) {
        snprintf(err, sizeof err, "cannot read the vocabulary file %s (a JSON array)", vocab_file);
        goto fail;
    }
    sqlsafe_discover_opts_t o = {.sample_values = SQLSAFE_SAMPLE_VALUES, .sample_timeout_ms = 2000, .exact_count_below = 10000};
    if (sqlsafe_discover(pg, &o, &schema, err, sizeof err) < 0 ||
        !(s = ask_schema_new(schema, vocab, err, sizeof err)))
        goto fail;
    out = answer(pg, s, schema, vocab, q, err, sizeof err);
    if (as_json) {
        print_json(out);
    } else if (json_object_get(out, "clarify")) {
        printf("%s\n", json_string_value(json_object_get(out, "clarify")));
        size_t i;
        json_t *opt;
        json_array_foreach(json_object_get(out, "options"), i, opt)
            printf("  - %s\n", json_string_value(json_object_get(opt, "question")));
    } else if (json_object_get(out, "error")) {
        fprintf(stderr, "datamind ask: %s\n", json_string_value(json_object_get(out, "error")));
    } else {
        printf("%s\n\n", json_string_value(json_object_get(out, "sql")));
        print_rows(out);
        printf("\n%s\n", json_string_value(json_object_get(out, "insight")));
    }
    rc = json_object_get(out, "error") ? 1 : 0;
    goto out;
fail:
    if (as_json) {
        json_t *e = json_pack("{s:s}", "error", err);
        print_json(e);
        json_decref(e);
    } else {
        fprintf(stderr, "datamind ask: %s\n", err);
    }
out:
    json_decref(out);
    json_decref(schema);
    json_decref(vocab);
    ask_schema_free(s);
    PQfinish(pg);
    return rc;
}

int cli_ask(int argc, char **argv)
{
    const char *db = NULL, *vocab = NULL, *q = NULL;
    int as_json = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--vocabulary") == 0 && i + 1 < argc)
            vocab = argv[++i];
        else if (strcmp(argv[i], "--json") == 0)
            as_json = 1;
        else if (!q)
            q = argv[i];
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!db || !q) {
        fputs(usage, stderr);
        return 2;
    }
    return run_ask(db, vocab, as_json, q);
}
