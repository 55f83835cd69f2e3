/* answer.c — chat_answer: see chat.h. */
#include "chat/chat_internal.h"
#include "ask/insight.h"
#include "core/config.h"
#include "core/buf.h"
#include "core/log.h"
#include "query/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PREVIEW_ROWS 100
#define PREVIEW_CELL_BYTES 4096 /* of a text value kept in a stored message */

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static json_t *failure(const char *content, const char *error)
{
    return json_pack("{s:s, s:s, s:s?}", "role", "assistant", "content", content,
                     "error_message", error);
}

/* The plan of the last assistant message that had one: follow-ups edit it. */
static const json_t *last_plan(const store_message_t *history, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (json_is_object(history[i].plan))
            return history[i].plan;
    return NULL;
}

/* The first 100 rows, for the stored message; the rest is re-run on demand
 * (a download runs the query again). A long text value keeps what a screen
 * shows of it: a message stays small whatever the query returned. */
json_t *chat_result_preview(const json_t *result)
{
    json_t *p = json_pack("{s:[]}", "rows");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)result, key, v)
        if (strcmp(key, "rows") != 0 && strcmp(key, "ms") != 0)
            json_object_set(p, key, v);
    json_t *rows = json_object_get(p, "rows"), *row;
    size_t i, j;
    json_array_foreach(json_object_get(result, "rows"), i, row) {
        if (i >= PREVIEW_ROWS)
            break;
        json_t *copy = json_array(), *cell;
        json_array_foreach(row, j, cell)
            json_array_append_new(copy, query_value_clip(cell, PREVIEW_CELL_BYTES));
        json_array_append_new(rows, copy);
    }
    return p;
}

/* "countries" → "country", "orders" → "order": good enough for labels. */
static const char *singular(arena_t *a, const char *w)
{
    size_t n = w ? strlen(w) : 0;
    if (n > 3 && strcmp(w + n - 3, "ies") == 0)
        return arena_printf(a, "%.*sy", (int)(n - 3), w);
    if (n > 1 && w[n - 1] == 's' && w[n - 2] != 's')
        return arena_strndup(a, w, n - 1);
    return w ? w : "";
}

/* A dimension or filter column in words: customers.name → "customer",
 * orders.status → "status". */
static const char *column_label(arena_t *a, const json_t *ref)
{
    const char *t = json_string_value(json_object_get(ref, "table"));
    const char *c = json_string_value(json_object_get(ref, "column"));
    if (c && strcmp(c, "name") != 0 && strcmp(c, "title") != 0)
        return c;
    return singular(a, t);
}

static const char *measure_label(arena_t *a, const json_t *m)
{
    const char *agg = json_string_value(json_object_get(m, "agg"));
    const char *t = json_string_value(json_object_get(m, "table"));
    const char *c = json_string_value(json_object_get(m, "column"));
    const char *metric = json_string_value(json_object_get(m, "metric"));
    static const char *const words[][2] = {{"avg", "average"}, {"min", "lowest"},
                                           {"max", "highest"}, {"median", "median"}};
    if (metric)
        return metric;
    if (!agg)
        return c ? c : t;
    if (strcmp(agg, "count") == 0)
        return arena_printf(a, "number of %s", t ? t : "rows");
    if (strcmp(agg, "count_distinct") == 0 && c)
        return arena_printf(a, "number of distinct %s", c);
    if (strcmp(agg, "revenue") == 0 || !c)
        return agg;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(agg, words[i][0]) == 0)
            return arena_printf(a, "%s %s", words[i][1], c);
    return c;
}

static const char *filter_label(arena_t *a, const json_t *f)
{
    const char *op = json_string_value(json_object_get(f, "op"));
    const json_t *vals = json_object_get(f, "values");
    buf_t b = {0};
    buf_puts(&b, column_label(a, f));
    buf_puts(&b, op && strcmp(op, "not_in") == 0 ? " is not " : " is ");
    for (size_t i = 0; i < json_array_size(vals); i++) {
        const json_t *v = json_array_get(vals, i);
        if (i)
            buf_puts(&b, i + 1 == json_array_size(vals) ? " or " : ", ");
        if (json_is_string(v))
            buf_puts(&b, json_string_value(v));
        else {
            char *d = json_dumps(v, JSON_ENCODE_ANY);
            buf_puts(&b, d ? d : "");
            free(d);
        }
    }
    const char *out = json_array_size(vals) ? arena_strdup(a, buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

/* Human-readable filters and labels from the plan, for the insight. */
static void insight_ctx_from_plan(arena_t *a, const json_t *plan, const char *understood,
                                  insight_context_t *ic)
{
    memset(ic, 0, sizeof *ic);
    ic->understood = understood;
    const json_t *m = json_object_get(plan, "measure");
    if (m)
        ic->measure = measure_label(a, m);
    if (m && json_object_get(plan, "share")) {  /* "percentage of …": 9.6% is a share, not a number */
        const char *agg = json_string_value(json_object_get(m, "agg"));
        const char *t = json_string_value(json_object_get(m, "table"));
        ic->measure = arena_printf(a, "share of %s", agg && !strcmp(agg, "count") && t ? t
                                                     : ic->measure);
    }
    const json_t *dims = json_object_get(plan, "dims");
    if (json_array_size(dims))
        ic->dimension = column_label(a, json_array_get(dims, 0));
    const json_t *f = json_object_get(plan, "filters");
    size_t n = json_array_size(f), k = 0;
    const char **fl = arena_alloc(a, (n + 1) * sizeof *fl);
    for (size_t i = 0; i < n; i++)
        if ((fl[k] = filter_label(a, json_array_get(f, i))) != NULL)
            k++;
    ic->filters = fl;
    ic->nfilters = k;
    const char *order = json_string_value(json_object_get(plan, "order"));
    ic->ranking = json_integer_value(json_object_get(plan, "limit")) > 0 && json_array_size(dims) &&
                  order && !json_object_get(plan, "time");
    ic->bottom = ic->ranking && strcmp(order, "asc") == 0;
}

/* Apply the chart type the user asked for ("as a pie chart") to the
 * recommended config. */
static json_t *chart_with(json_t *chart, const char *asked, int ranking)
{
    if (chart && asked && *asked)
        json_object_set_new(chart, "type", json_string(asked));
    else if (chart && ranking) /* a top-N list reads best as horizontal bars */
        json_object_set_new(chart, "type", json_string("hbar"));
    return chart;
}

static double round1(double ms)
{
    return (double)(long)(ms * 10 + 0.5) / 10;
}

static json_t *clarification(const ask_plan_result_t *p, double plan_ms)
{
    const char *msg = json_string_value(json_object_get(p->clarify, "message"));
    return json_pack("{s:s, s:s, s:O?, s:f, s:{s:f}, s:s?}", "role", "assistant", "content",
                     msg ? msg : "Could you say that more precisely?", "clarify", p->clarify,
                     "confidence", p->confidence, "timings", "plan_ms", round1(plan_ms),
                     "context_summary", p->understood);
}

static json_t *answered(arena_t *a, const ask_plan_result_t *p, json_t *result, double plan_ms,
                        double query_ms, double total_ms)
{
    insight_context_t ic;
    insight_t ins;
    insight_ctx_from_plan(a, p->plan, p->understood, &ic);
    insight_write(result, &ic, &ins);
    json_t *msg = json_pack(
        "{s:s, s:s, s:s, s:O, s:o, s:O, s:O, s:o, s:f, s:{s:f, s:f, s:f, s:O}, s:s}",
        "role", "assistant", "content", ins.text ? ins.text : "", "sql_text", p->sql,
        "plan", p->plan, "result_preview", chat_result_preview(result),
        "row_count", json_object_get(result, "row_count"),
        "truncated", json_object_get(result, "truncated"),
        "chart_config", chart_with(json_incref(ins.chart), p->chart, ic.ranking),
        "confidence", p->confidence,
        "timings", "plan_ms", round1(plan_ms), "query_ms", round1(query_ms), "total_ms",
        round1(total_ms), "cached",
        json_object_get(result, "cached"),
        "context_summary", ins.summary ? ins.summary : (p->understood ? p->understood : ""));
    if (p->understood && *p->understood)  /* shown under the answer: how it was read */
        json_object_set_new(msg, "understood", json_string(p->understood));
    if (p->show_sql)
        json_object_set_new(msg, "show_sql", json_true());
    insight_free(&ins);
    return msg;
}

/* The LLM's answer, or the planner's clarification saying why the LLM did
 * not help; the tokens it used are on the message either way. */
static json_t *llm_or_clarify(arena_t *a, const chat_turn_t *t, const conn_row_t *c,
                              const ask_schema_t *schema, const ask_plan_result_t *p,
                              long start_ms, double plan_ms)
{
    char lerr[512] = "";
    llm_usage_t usage = {0};
    json_t *msg = chat_llm_answer(a, t, c, schema, p, start_ms, &usage, lerr, sizeof lerr);
    if (msg)
        return msg;
    msg = clarification(p, plan_ms);
    const char *base = json_string_value(json_object_get(msg, "content"));
    json_object_set_new(msg, "content", json_string(arena_printf(
        a, "%s (An AI model was asked too, but %s.)", base, lerr)));
    json_object_set_new(msg, "llm_error", json_string(lerr));
    if (usage.attempts > 0)
        json_object_set_new(msg, "token_usage", chat_usage_json(&usage));
    return msg;
}

json_t *chat_answer(arena_t *a, const chat_turn_t *t)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long start_ms = llm_now_ms(); /* the question's LLM deadline counts from here */
    char err[1024];
    const char *q = t->question ? t->question : "";
    if (!*q)
        return failure("Ask a question about your data, for example “How many orders per month?”",
                       NULL);
    if (strlen(q) > CHAT_QUESTION_MAX)
        return failure("That question is too long: keep it under 2,000 characters.", NULL);
    conn_row_t c;
    if (!t->conn_id || conn_get(a, t->org_id, t->conn_id, &c) < 0)
        return failure("Pick a connection to ask about.", NULL);
    const ask_schema_t *schema = chat_schema(a, t->org_id, &c, err, sizeof err);
    if (!schema) /* say what the asker can do: viewers cannot fix a connection */
        return failure(arena_printf(a, "%s. %s", err, t->can_manage
            ? "Open the connection, check it with “Test” and press “Refresh schema”."
            : "An analyst or admin of your organization can fix it; meanwhile pick another "
              "database above."), err);
    ask_plan_result_t p = {0};
    if (ask_plan(schema, q, last_plan(t->history, t->nhistory), &p, err, sizeof err) < 0)
        return failure("DataMind could not read that question (is it valid text?).", err);
    chat_plan_lookup(a, t, &c, last_plan(t->history, t->nhistory), &p);  /* words left over: values? */
    double plan_ms = ms_since(&t0);
    json_t *msg;
    if (!chat_planner_sure(&p) && chat_llm_enabled()) {
        msg = llm_or_clarify(a, t, &c, schema, &p, start_ms, plan_ms);
    } else if (!p.sql) {
        msg = clarification(&p, plan_ms);
    } else {
        query_opts_t o = {.source = "chat"};
        query_outcome_t out;
        struct timespec tq;
        clock_gettime(CLOCK_MONOTONIC, &tq);
        if (query_run(a, t->org_id, t->user_id, t->ip, c.id, p.sql, &o, &out, err, sizeof err) < 0) {
            msg = json_pack("{s:s, s:s, s:s, s:O, s:s, s:s?}", "role", "assistant", "content",
                            "The query for this question failed; the SQL is below.", "sql_text",
                            p.sql, "plan", p.plan, "error_message", err, "context_summary",
                            p.understood);
        } else {
            double query_ms = ms_since(&tq);
            msg = answered(a, &p, out.result, plan_ms, query_ms, ms_since(&t0));
            json_decref(out.result);
        }
    }
    ask_plan_result_free(&p);
    return msg;
}

json_t *chat_suggestions(arena_t *a, const char *org_id, const char *conn_id, int n)
{
    conn_row_t c;
    char err[256];
    if (!conn_id || conn_get(a, org_id, conn_id, &c) < 0)
        return json_array();
    const ask_schema_t *s = chat_schema(a, org_id, &c, err, sizeof err);
    return s ? ask_suggestions(s, n) : json_array();
}

int chat_rerun(arena_t *a, const char *org_id, const char *user_id, const char *ip,
               const char *conn_id, const char *sql, const char *source, json_t **result,
               char *err, size_t errlen)
{
    query_opts_t o = {.source = source};
    query_outcome_t out;
    if (query_run(a, org_id, user_id, ip, conn_id, sql, &o, &out, err, errlen) < 0)
        return -1;
    *result = out.result;
    return 0;
}
