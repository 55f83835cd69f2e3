/* fuzz_ask — the whole deterministic planner on arbitrary questions, over
 * two fixed schemas of different shapes: the shop (snake_case, declared
 * keys, a vocabulary metric) and the camelCase CRM (plural tables, keys
 * inferred). The first input byte picks the schema. Each plan is also used
 * as the previous plan of a follow-up question (the same text). Invariants:
 * no crash or sanitizer report; every SQL the planner returns passes
 * sqlsafe_validate; an answer is confident, anything else a clarification. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask/ask.h"
#include "sqlsafe/sqlsafe.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

static ask_schema_t *schemas[2];

/* The schema of file, under the database name db (its words: domain.c). */
static ask_schema_t *load_schema(const char *root, const char *file, const char *db, const char *vocab)
{
    char path[4096], err[256];
    snprintf(path, sizeof path, "%s/tests/unit/ask_fixtures/%s", root, file);
    json_error_t je;
    json_t *sj = json_load_file(path, 0, &je);
    if (!sj) {
        fprintf(stderr, "fuzz_ask: %s: %s\n", path, je.text);
        exit(2);
    }
    if (db)
        json_object_set_new(sj, "database", json_string(db));
    json_t *voc = vocab ? json_loads(vocab, 0, NULL) : NULL;
    ask_schema_t *s = ask_schema_new(sj, voc, err, sizeof err);
    if (!s) {
        fprintf(stderr, "fuzz_ask: %s: %s\n", file, err);
        exit(2);
    }
    json_decref(sj);
    json_decref(voc);
    return s;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *root = getenv("DATAMIND_ROOT") ? getenv("DATAMIND_ROOT") : FUZZ_ROOT;
    schemas[0] = load_schema(root, "shop_schema.json", "retail_shop_2024",
        "[{\"term\":\"net revenue\",\"description\":\"after discount\",\"kind\":\"metric\","
        "\"table\":\"order_items\",\"column\":null,\"expression\":"
        "\"sum(order_items.quantity * order_items.unit_price * (1 - order_items.discount))\"},"
        "{\"term\":\"sales channel\",\"kind\":\"column\",\"table\":\"orders\",\"column\":\"channel\"}]");
    schemas[1] = load_schema(root, "camel_schema.json", NULL, NULL);
    return 0;
}

static void check_sql(const char *q, const char *sql)
{
    char err[512];
    sqlsafe_check_t c;
    if (sqlsafe_validate(sql, strlen(sql), NULL, 0, &c, err, sizeof err) != 0) {
        fprintf(stderr, "question: %s\nSQL: %s\nrejected: %s\n", q, sql, err);
        abort();
    }
    sqlsafe_check_free(&c);
}

static void check_result(const char *q, const ask_plan_result_t *r)
{
    if (r->sql) {
        if (!r->plan)
            abort();
        check_sql(q, r->sql);
        if (r->confidence < ASK_CONFIDENCE_MIN)
            abort(); /* low-confidence plans are clarifications */
    } else if (!r->clarify) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2001)
        return 0;
    ask_schema_t *schema = schemas[data[0] & 1];
    data++, size--;
    char *q = malloc(size + 1);
    memcpy(q, data, size);
    q[size] = 0;
    char err[256];
    ask_plan_result_t r = {0};
    if (ask_plan(schema, q, NULL, &r, err, sizeof err) == 0) {
        check_result(q, &r);
        if (r.plan) {
            ask_plan_result_t f = {0};
            if (ask_plan(schema, q, r.plan, &f, err, sizeof err) == 0)
                check_result(q, &f);
            ask_plan_result_free(&f);
        }
    }
    ask_plan_result_free(&r);
    char *ctx = ask_schema_context(schema, q, 2000);
    if (!ctx || strlen(ctx) > 2000)
        abort();
    free(ctx);
    free(q);
    return 0;
}
