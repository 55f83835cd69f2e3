/* ask_fixture.h — schemas built inline for the planner's unit tests, and
 * the checks they make: the planner answers with SQL holding a
 * fragment, asks back naming a word, or never writes a fragment. Header-only, like check.h: each
 * test program includes it once. */
#ifndef DM_ASK_FIXTURE_H
#define DM_ASK_FIXTURE_H

#include "ask/ask.h"
#include "ask/internal.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

/* {"name", "type", pk, "fk table" or NULL, samples...} */
static json_t *col(const char *name, const char *type, int pk, const char *fk, const char *const *samples)
{
    json_t *sm = json_array();
    for (int i = 0; samples && samples[i]; i++)
        json_array_append_new(sm, json_string(samples[i]));
    json_t *fkj = fk ? json_pack("{s:s, s:s, s:s}", "schema", "public", "table", fk, "column", "id")
                     : json_null();
    return json_pack("{s:s, s:s, s:b, s:o, s:f, s:o}", "name", name, "type", type, "pk", pk,
                     "fk", fkj, "n_distinct", samples ? 20.0 : -1.0, "samples", sm);
}

/* col() with the span discovery read (engine/ranges.c: "min", "max") */
static inline json_t *col_dated(const char *name, const char *type, const char *lo, const char *hi)
{
    json_t *c = col(name, type, 0, NULL, NULL);
    json_object_set_new(c, "min", json_string(lo));
    json_object_set_new(c, "max", json_string(hi));
    return c;
}

static json_t *table(const char *name, int rows, json_t *cols)
{
    return json_pack("{s:s, s:s, s:s, s:i, s:o}", "schema", "public", "name", name, "type", "table",
                     "row_estimate", rows, "columns", cols);
}

/* The planner's schema for these tables in a database called name (NULL:
 * none; steals t); NULL, reported, on error. */
static inline ask_schema_t *schema_named(json_t *t, const char *name)
{
    json_t *d = json_pack("{s:o}", "tables", t);
    if (name)
        json_object_set_new(d, "database", json_string(name));
    char err[256];
    ask_schema_t *s = ask_schema_new(d, NULL, err, sizeof err);
    if (!s)
        fprintf(stderr, "schema: %s\n", err);
    json_decref(d);
    CHECK(s != NULL);
    return s;
}

static ask_schema_t *schema_of(json_t *t)
{
    return schema_named(t, NULL);
}

static void asks_about(ask_schema_t *s, const char *q, const char *word)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, q, NULL, &r, err, sizeof err), 0);
    const char *msg = json_string_value(json_object_get(r.clarify, "message"));
    int ok = !r.sql && r.confidence < ASK_CONFIDENCE_MIN && msg && (!word || strstr(msg, word));
    if (!ok)
        fprintf(stderr, "should ask about \"%s\": %s\n  got: %s\n", word ? word : "", q,
                r.sql ? r.sql : msg ? msg : "(nothing)");
    CHECK(ok);
    ask_plan_result_free(&r);
}

static void answers_with(ask_schema_t *s, const char *q, const char *frag)
{
    ask_plan_result_t r;
    char err[256];
    int rc = ask_plan(s, q, NULL, &r, err, sizeof err);
    int ok = rc == 0 && r.sql && strstr(r.sql, frag) && r.confidence >= ASK_CONFIDENCE_MIN;
    if (!ok)
        fprintf(stderr, "should answer with %s: %s\n  got: %s\n", frag, q,
                rc ? err : r.sql ? r.sql : json_string_value(json_object_get(r.clarify, "message")));
    CHECK(ok);
    if (rc == 0)
        ask_plan_result_free(&r);
}

/* q is never written with frag in its SQL (asked, or answered without it) */
static inline void refuses_sql(ask_schema_t *s, const char *q, const char *frag)
{
    ask_plan_result_t r;
    char err[256];
    int rc = ask_plan(s, q, NULL, &r, err, sizeof err);
    int ok = rc == 0 && (!r.sql || !strstr(r.sql, frag));
    if (!ok)
        fprintf(stderr, "should not write %s: %s\n  got: %s\n", frag, q, rc ? err : r.sql);
    CHECK(ok);
    if (rc == 0)
        ask_plan_result_free(&r);
}

#endif
