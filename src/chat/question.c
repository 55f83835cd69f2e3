/* question.c — one question, whoever asks it: the chat (answer.c),
 * `datamind ask` (cli/ask.c) and any API take this path (chat.h). Plan,
 * look the words left over up among the database's values, then say which
 * route answers: the planner's SQL, the LLM, or the planner's question
 * back. The caller runs the SQL its own way (query_run for an
 * organization's connection, the read-only executor for the CLI's) and
 * chat_explain words the result the same way for all of them. */
#include "chat/chat_internal.h"
#include "core/buf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int chat_question_plan(const chat_question_t *q, ask_plan_result_t *p, chat_route_t *route,
                       long *plan_us, char *err, size_t errlen)
{
    struct timespec t0, t1;
    memset(p, 0, sizeof *p);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = ask_plan(q->schema, q->text, q->prev_plan, p, err, errlen);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (plan_us) /* ask_plan alone: the planner's own time (bench/planner) */
        *plan_us = (long)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
    if (rc < 0)
        return -1;
    if (q->again) /* words left over: values discovery did not sample? */
        q->again(q->ctx, p);
    if (!chat_planner_sure(p) && chat_llm_enabled())
        *route = CHAT_ROUTE_LLM;
    else if (!p->sql)
        *route = CHAT_ROUTE_CLARIFY;
    else
        *route = CHAT_ROUTE_SQL;
    return 0;
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
    if (strcmp(agg, "days_spanned") == 0 && c && t)  /* "… to the last order (ordered_at)" */
        return arena_printf(a, "days from the first to the last %s (%s)", singular(a, t), c);
    if (strcmp(agg, "revenue") == 0 || !c)
        return agg;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(agg, words[i][0]) == 0)
            return arena_printf(a, "%s %s", words[i][1], c);
    return c;
}

/* A plan's operator in words ("in" and "not_in" list their values). */
static const char *op_words(const char *op)
{
    static const char *const words[][2] = {
        {">", " is over "},        {">=", " is at least "},   {"<", " is under "},
        {"<=", " is at most "},    {"between", " is between "}, {"not_in", " is not "},
        {"is_null", " is empty"},  {"not_null", " is not empty"}, {"contains", " contains "},
        {"starts_with", " starts with "}, {"ends_with", " ends with "}};
    for (size_t i = 0; op && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(op, words[i][0]) == 0)
            return words[i][1];
    return " is ";
}

static void put_value(buf_t *b, const json_t *v)
{
    if (json_is_string(v)) {
        buf_puts(b, json_string_value(v));
    } else if (json_is_number(v)) {
        buf_printf(b, "%.15g", json_number_value(v)); /* 100, not 100.0 */
    } else {
        char *d = json_dumps(v, JSON_ENCODE_ANY);
        buf_puts(b, d ? d : "");
        free(d);
    }
}

/* "country is Germany or France", "unit_price is over 100", "sku is empty". */
static const char *filter_label(arena_t *a, const json_t *f)
{
    const char *op = json_string_value(json_object_get(f, "op"));
    const json_t *vals = json_object_get(f, "values");
    size_t n = json_array_size(vals);
    int nulls = op && (!strcmp(op, "is_null") || !strcmp(op, "not_null"));
    int between = op && !strcmp(op, "between");
    const char *says = json_string_value(json_object_get(f, "says"));
    if (says)  /* "ordered_at is on a Sunday" */
        return arena_printf(a, "%s %s", column_label(a, f), says);
    if (!n && !nulls)
        return NULL;
    buf_t b = {0};
    buf_puts(&b, column_label(a, f));
    buf_puts(&b, op_words(op));
    for (size_t i = 0; !nulls && i < n; i++) {
        if (i)
            buf_puts(&b, between ? " and " : i + 1 == n ? " or " : ", ");
        put_value(&b, json_array_get(vals, i));
    }
    const char *out = arena_strdup(a, buf_str(&b));
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
    const char *agg = m ? json_string_value(json_object_get(m, "agg")) : NULL;
    ic->spans = (agg && !strcmp(agg, "days_spanned")) ||  /* "days from the first to the last …", */
                json_is_true(json_object_get(plan, "each"));  /* the top row of each group: no total */
    const char *grain = json_string_value(json_object_get(plan, "grain"));
    if (m && json_is_true(json_object_get(plan, "per")) && grain && !json_array_size(json_object_get(plan, "dims")))
        ic->measure = arena_printf(a, "average %s per %s", ic->measure, grain);  /* perentity.c's periods */
    else if (m && json_is_true(json_object_get(plan, "per")) && json_array_size(json_object_get(plan, "dims")))
        ic->measure = arena_printf(a, "average %s per %s", ic->measure,  /* its entities: never a total */
                                   singular(a, json_string_value(json_object_get(
                                       json_array_get(json_object_get(plan, "dims"), 0), "table"))));
    if (m && json_object_get(plan, "share")) {  /* "percentage of …": 9.6% is a share, not a number */
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

void chat_explain(arena_t *a, const ask_plan_result_t *p, const json_t *result, insight_t *ins)
{
    insight_context_t ic;
    insight_ctx_from_plan(a, p->plan, p->understood, &ic);
    insight_write(result, &ic, ins);
    chart_with(ins->chart, p->chart, ic.ranking);
}
