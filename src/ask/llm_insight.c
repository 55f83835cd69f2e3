/* llm_insight.c — the optional second call: insight text and a chart
 * suggestion, trusted only after validation. See llm.h. */
#include "ask/llm_internal.h"
#include "core/buf.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INSIGHT_MAX_TOKENS 600
#define INSIGHT_MAX_BYTES  4000  /* a longer "insight" is not one */
#define SAMPLE_VALUE_CHARS 200   /* text values cut here in sample_rows */

/* A row copy whose long strings are cut (at a UTF-8 boundary). */
static json_t *short_row(const json_t *row)
{
    json_t *r = json_array();
    size_t i;
    json_t *v;
    json_array_foreach((json_t *)row, i, v) {
        const char *s = json_string_value(v);
        size_t n = s ? json_string_length(v) : 0;
        if (n <= SAMPLE_VALUE_CHARS) {
            json_array_append(r, v);
            continue;
        }
        size_t cut = SAMPLE_VALUE_CHARS;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        json_t *t = json_stringn(s, cut);
        json_array_append_new(r, t ? t : json_string("…"));
    }
    return r;
}

static char *sample_rows_text(const json_t *rows)
{
    json_t *a = json_array();
    for (size_t i = 0; i < json_array_size(rows) && i < LLM_MAX_SAMPLE_ROWS; i++)
        json_array_append_new(a, short_row(json_array_get(rows, i)));
    char *s = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    char *d = llm_text_defuse(s ? s : "[]");
    free(s);
    return d;
}

static json_t *insight_context(const char *question, const char *sql, const json_t *result)
{
    json_t *ctx = json_object(), *cols = json_array();
    size_t i;
    json_t *col;
    json_array_foreach(json_object_get(result, "columns"), i, col)
        json_array_append_new(cols, json_pack("{s:O*,s:O*}", "name", json_object_get(col, "name"),
                                              "type", json_object_get(col, "type")));
    json_t *rows = json_object_get(result, "rows");
    json_t *count = json_object_get(result, "row_count");
    char *sample = sample_rows_text(rows);
    json_t *raw = json_pack("{s:s,s:s,s:o,s:s,s:I}", "question", question ? question : "",
                            "sql", sql ? sql : "", "columns", cols, "sample_rows", sample,
                            "row_count", (json_int_t)(json_is_integer(count)
                                ? json_integer_value(count) : (json_int_t)json_array_size(rows)));
    free(sample);
    if (raw) {
        json_decref(ctx);
        ctx = llm_json_defuse(raw);
        json_decref(raw);
    }
    return ctx;
}

/* The JSON object in a reply: bare, fenced, or wrapped in prose. */
static json_t *reply_object(const char *text)
{
    const char *s = strchr(text, '{'), *e = strrchr(text, '}');
    if (!s || !e || e < s)
        return NULL;
    json_t *j = json_loadb(s, (size_t)(e - s) + 1, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static int has_column(const json_t *result, const char *name)
{
    size_t i;
    json_t *col;
    json_array_foreach(json_object_get(result, "columns"), i, col)
    {
        const char *have = json_string_value(json_object_get(col, "name"));
        if (name && have && strcmp(have, name) == 0)
            return 1;
    }
    return 0;
}

/* A clean {type, x?, y} from the LLM's suggestion, or NULL. */
static json_t *valid_chart(const json_t *c, const json_t *result)
{
    static const char *const types[] = { "bar", "hbar", "line", "area", "pie", "scatter",
                                         "kpi", "table" };
    const char *type = json_string_value(json_object_get(c, "type"));
    size_t t = 0;
    while (type && t < 8 && strcmp(type, types[t]) != 0)
        t++;
    if (!type || t == 8)
        return NULL;
    const json_t *xv = json_object_get(c, "x"), *yv = json_object_get(c, "y");
    const char *x = json_string_value(xv);
    if ((xv && !json_is_null(xv) && !has_column(result, x)) || (t < 6 && !x))
        return NULL;
    json_t *y = json_array();
    if (json_is_string(yv))
        json_array_append(y, (json_t *)yv);
    for (size_t i = 0; json_is_array(yv) && i < json_array_size(yv); i++)
        json_array_append(y, json_array_get(yv, i));
    int ok = t == 7 || json_array_size(y) > 0;
    for (size_t i = 0; ok && i < json_array_size(y); i++)
        ok = has_column(result, json_string_value(json_array_get(y, i)));
    if (!ok) {
        json_decref(y);
        return NULL;
    }
    json_t *out = json_pack("{s:s,s:o}", "type", type, "y", y);
    if (x)
        json_object_set_new(out, "x", json_string(x));
    return out;
}

/* Parse and check the reply; -1 with err when the insight is unusable. */
static int read_insight(const char *text, const json_t *result, char **insight, json_t **chart,
                        char *err, size_t errlen)
{
    json_t *j = reply_object(text);
    const char *s = json_string_value(json_object_get(j, "insight"));
    size_t n = s ? strspn(s, " \t\r\n") : 0;
    if (!j || !s || !s[n] || strlen(s) > INSIGHT_MAX_BYTES) {
        snprintf(err, errlen, !j ? "the LLM's insight was not JSON"
                                 : "the LLM's insight JSON had no usable \"insight\" text");
        json_decref(j);
        return -1;
    }
    *insight = xstrdup(s + n);
    *chart = valid_chart(json_object_get(j, "chart"), result);
    json_decref(j);
    return 0;
}

int llm_write_insight(const llm_config_t *c, const tmpl_set_t *prompts, llm_share_t share,
                      const char *question, const char *sql, const json_t *result,
                      char **insight, json_t **chart, llm_usage_t *usage, char *err,
                      size_t errlen)
{
    *insight = NULL;
    *chart = NULL;
    if (usage)
        memset(usage, 0, sizeof *usage);
    if (share < LLM_SHARE_ROWS) {  /* the insight prompt is made of result rows */
        snprintf(err, errlen, "this connection does not send result rows to the LLM");
        return -1;
    }
    json_t *ctx = insight_context(question, sql, result);
    char *system = NULL;
    json_t *msgs = NULL;
    int rc = llm_prompt_render(prompts, "insight", ctx, &system, &msgs, err, errlen);
    json_decref(ctx);
    if (rc < 0)
        return -1;
    llm_reply_t r;
    rc = llm_complete(c, system, msgs, INSIGHT_MAX_TOKENS, &r, err, errlen);
    if (usage)
        *usage = r.usage;
    if (rc == 0)
        rc = read_insight(r.text, result, insight, chart, err, errlen);
    llm_reply_free(&r);
    free(system);
    json_decref(msgs);
    return rc;
}
