/* params.c — {{name}} parameters on the pages that run SQL (Explore, saved
 * queries, widgets, alerts): read their declarations and values from a
 * form or a query string, and turn them into template data. Field names:
 * p_<name> the value (or default), pt_<name> the type, pc_<name> a list's
 * column ("table.column"). The values are bound by query_run, never pasted. */
#include "pages/pages.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "query/query.h"
#include "store/schema.h"
#include "tasks/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const json_t *decl_find(const json_t *decl, const char *name)
{
    size_t i;
    const json_t *d;
    json_array_foreach(decl, i, d) {
        const char *n = json_string_value(json_object_get(d, "name"));
        if (n && strcmp(n, name) == 0)
            return d;
    }
    return NULL;
}

json_t *params_read(req_t *r, const char *sql, const json_t *base)
{
    json_t *fields = query_params_fields(sql, base, NULL), *out = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        const char *name = json_string_value(json_object_get(f, "name"));
        const json_t *b = decl_find(base, name);
        const char *type = http_param(r, arena_printf(r->arena, "pt_%s", name));
        const char *value = http_param(r, arena_printf(r->arena, "p_%s", name));
        const char *col = http_param(r, arena_printf(r->arena, "pc_%s", name));
        if (!type)
            type = json_string_value(json_object_get(b, "type"));
        if (!value || !*value)
            value = json_string_value(json_object_get(b, "value"));
        if (!col)
            col = json_string_value(json_object_get(b, "column"));
        json_t *d = json_pack("{s:s, s:s, s:s}", "name", name, "type", query_param_type(type),
                              "value", value ? value : "");
        if (col && *col)
            json_object_set_new(d, "column", json_string(col));
        json_array_append_new(out, d);
    }
    json_decref(fields);
    return out;
}

json_t *params_given(req_t *r, const char *sql)
{
    json_t *fields = query_params_fields(sql, NULL, NULL), *out = json_object();
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        const char *name = json_string_value(json_object_get(f, "name"));
        const char *v = http_param(r, arena_printf(r->arena, "p_%s", name));
        if (v && *v)
            json_object_set_new(out, name, json_string(v));
    }
    json_decref(fields);
    return out;
}

#define LIST_CHOICES 200

/* The column a list parameter names ("table.column" or
 * "schema.table.column"; else a column called like the parameter) in the
 * discovered schema: its table's schema and name, and its sampled values. */
static const json_t *find_column(const json_t *schema, const char *name, const char *col,
                                 const char **sname, const char **tname)
{
    const char *dot = col ? strrchr(col, '.') : NULL;
    const char *want_col = dot ? dot + 1 : name;
    size_t tlen = dot ? (size_t)(dot - col) : 0;
    size_t i, j;
    const json_t *t, *c;
    json_array_foreach(json_object_get(schema, "tables"), i, t) {
        const char *tn = json_string_value(json_object_get(t, "name"));
        const char *sn = json_string_value(json_object_get(t, "schema"));
        if (!tn || !sn)
            continue;
        if (dot) {
            char full[300];
            snprintf(full, sizeof full, "%s.%s", sn, tn);
            if (!((strlen(tn) == tlen && memcmp(tn, col, tlen) == 0) ||
                  (strlen(full) == tlen && memcmp(full, col, tlen) == 0)))
                continue;
        }
        json_array_foreach(json_object_get(t, "columns"), j, c) {
            const char *cn = json_string_value(json_object_get(c, "name"));
            if (cn && strcmp(cn, want_col) == 0) {
                *sname = sn;
                *tname = tn;
                return c;
            }
        }
    }
    return NULL;
}

/* A list's choices: the column's distinct values (a bounded SELECT DISTINCT,
 * a query.run job of the worker — validated, read-only, cached like any
 * query; never run in the web worker), or the values discovery sampled
 * when it fails or is not done within DATAMIND_QUERY_WAIT_MS. New array,
 * or NULL. */
static json_t *column_choices(req_t *r, const char *conn_id, const json_t *schema,
                              const char *name, const char *col)
{
    const char *sname = NULL, *tname = NULL;
    const json_t *c = find_column(schema, name, col, &sname, &tname);
    if (!c)
        return NULL;
    const char *cname = json_string_value(json_object_get(c, "name"));
    tasks_query_t q = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                       .connection_id = conn_id,
                       .sql = query_distinct_sql(r->arena, query_conn_dialect(r->arena, r->user->org_id, conn_id),
                                                 sname, tname, cname, LIST_CHOICES),
                       .source = "params", .max_rows = LIST_CHOICES};
    char err[256], jid[33];
    const json_t *o = tasks_query_submit(r->arena, &q, jid, err, sizeof err) == 0
                          ? jobs_outcome_wait(r->arena, jid, cfg->query_wait_ms) : NULL;
    if (!json_is_true(json_object_get(o, "ok")))
        return json_deep_copy(json_object_get(c, "samples"));
    json_t *vals = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(json_object_get(o, "result"), "rows"), i, row)
        json_array_append(vals, json_array_get(row, 0));
    return vals;
}

json_t *params_view(req_t *r, const char *sql, const json_t *decl, const json_t *given,
                    const char *conn_id)
{
    json_t *fields = query_params_fields(sql, decl, given);
    json_t *schema = NULL;
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        json_object_set_new(f, "field", json_string(arena_printf(
            r->arena, "p_%s", json_string_value(json_object_get(f, "name")))));
        if (!json_is_true(json_object_get(f, "is_list")))
            continue;
        if (!schema && conn_id && *conn_id)
            schema = store_schema_load(r->arena, r->user->org_id, conn_id);
        json_t *vals = column_choices(r, conn_id, schema,
                                      json_string_value(json_object_get(f, "name")),
                                      json_string_value(json_object_get(f, "column")));
        const char *cur = json_string_value(json_object_get(f, "value"));
        json_t *choices = json_array();
        size_t k;
        json_t *v;
        int found = 0;
        json_array_foreach(vals, k, v) {
            const char *s = json_is_string(v) ? json_string_value(v) : NULL;
            char num[64];
            if (!s && json_is_number(v)) {
                snprintf(num, sizeof num, "%g", json_number_value(v));
                s = num;
            }
            if (!s)
                continue;
            int sel = cur && strcmp(cur, s) == 0;
            found |= sel;
            json_array_append_new(choices, json_pack("{s:s, s:b}", "value", s, "selected", sel));
        }
        if (cur && *cur && !found) /* a value from a link stays what it was */
            json_array_append_new(choices, json_pack("{s:s, s:b}", "value", cur, "selected", 1));
        json_object_set_new(f, "choices", choices);
        json_object_set_new(f, "has_choices", json_boolean(json_array_size(choices) > 0));
        json_decref(vals);
    }
    json_decref(schema);
    return fields;
}

const char *params_qs(req_t *r, const json_t *decl)
{
    buf_t b = {0};
    size_t i;
    const json_t *d;
    json_array_foreach(decl, i, d) {
        const char *v = json_string_value(json_object_get(d, "value"));
        if (!v || !*v)
            continue;
        buf_printf(&b, "&p_%s=", json_string_value(json_object_get(d, "name")));
        http_url_encode(&b, v);
    }
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

const char *params_text(req_t *r, const char *sql, const json_t *base)
{
    json_t *decl = params_read(r, sql, base);
    char *text = json_dumps(decl, JSON_COMPACT);
    const char *out = text ? arena_strdup(r->arena, text) : "[]";
    free(text);
    json_decref(decl);
    return out;
}

const json_t *params_run_decl(req_t *r, const json_t *decl, const json_t *values)
{
    json_t *out = json_is_array(decl) ? json_deep_copy(decl) : json_array();
    arena_defer_json(r->arena, out);
    const char *name;
    json_t *v;
    json_object_foreach((json_t *)values, name, v) {
        json_t *d = NULL, *e;
        size_t i;
        json_array_foreach(out, i, e)
            if (json_is_string(json_object_get(e, "name")) &&
                strcmp(json_string_value(json_object_get(e, "name")), name) == 0)
                d = e;
        if (!d) {
            d = json_pack("{s:s, s:s}", "name", name, "type", "text");
            json_array_append_new(out, d);
        }
        json_object_set(d, "value", v);
    }
    return out;
}

const char *params_given_qs(req_t *r, const json_t *given)
{
    buf_t b = {0};
    const char *name;
    json_t *v;
    json_object_foreach((json_t *)given, name, v) {
        buf_puts(&b, "&p_");
        http_url_encode(&b, name);
        buf_putc(&b, '=');
        http_url_encode(&b, json_is_string(v) ? json_string_value(v) : "");
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}
