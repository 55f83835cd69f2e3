/* mysql_discover.c — the schema of the connection's database, from
 * information_schema, in sqlsafe_discover's JSON shape.
 *
 * Three catalog queries (tables, columns, key columns) for the current
 * database (schema = its name); then, bounded as sqlsafe/sample.c is,
 * exact counts for tables whose estimate (InnoDB's table_rows) is below
 * exact_count_below, and the values of low-cardinality columns. MySQL keeps
 * no per-column statistics to read, so a column is read in two steps: its
 * first 1,000 values — more distinct ones than a category has, and it is
 * left (an identifier, a measure) — then at most 1,000,000 of its rows
 * (there is no TABLESAMPLE; the timeout bounds it), its values kept when
 * they are few (text: at most SQLSAFE_SAMPLE_VALUES distinct, numbers: at
 * most 3 — a flag). Primary keys are not sampled; views are neither
 * counted nor sampled (each read would run the view's query). Every
 * count or sample runs under the session's statement timeout set to
 * sample_timeout_ms; one that fails is skipped; 45 s in all, then the rest
 * is left unsampled. null_frac and n_distinct are null (MySQL has none). */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/mem.h"
#include "engine/internal.h"

#define CATALOG_TIMEOUT_MS 60000
#define DEFAULT_SAMPLE_TIMEOUT_MS 2000
#define PHASE_BUDGET_S 45
#define MAX_NUMBER_VALUES 3
#define SCAN_LIMIT "1000000" /* rows a sample reads at most (MySQL has no TABLESAMPLE) */
#define HEAD_ROWS "1000"     /* rows read first: too many values there, no full read */

static const char tables_sql[] =
    "SELECT table_name, table_type, table_rows, table_comment FROM information_schema.tables"
    " WHERE table_schema = DATABASE()";
static const char columns_sql[] =
    "SELECT table_name, column_name, column_type, ordinal_position, is_nullable, data_type,"
    " column_comment FROM information_schema.columns WHERE table_schema = DATABASE()"
    " ORDER BY table_name, ordinal_position";
static const char keys_sql[] =
    "SELECT table_name, column_name, constraint_name, referenced_table_schema,"
    " referenced_table_name, referenced_column_name"
    " FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
    " AND (constraint_name = 'PRIMARY' OR referenced_table_name IS NOT NULL)"
    " ORDER BY table_name, constraint_name, ordinal_position";

typedef struct mcol {
    json_t *json;      /* borrowed from the table's "columns" */
    int textlike, numeric;
} mcol_t;

typedef struct mrel {
    char *name;
    int view;
    long long rows;    /* -1: unknown */
    json_t *json;
    mcol_t *cols;
    size_t ncols, cap;
} mrel_t;

typedef struct disc {
    engine_mysql_conn_t *c;
    const char *schema;
    mrel_t *rels;
    size_t n;
    const sqlsafe_discover_opts_t *o;
    time_t deadline;
} disc_t;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const mrel_t *)a)->name, ((const mrel_t *)b)->name);
}

static mrel_t *rel_find(disc_t *d, const char *name)
{
    mrel_t key = {.name = (char *)name};
    return name ? bsearch(&key, d->rels, d->n, sizeof *d->rels, by_name) : NULL;
}

static json_t *col_find(mrel_t *rel, const char *name)
{
    for (size_t i = 0; name && i < rel->ncols; i++)
        if (!strcmp(json_string_value(json_object_get(rel->cols[i].json, "name")), name))
            return rel->cols[i].json;
    return NULL;
}

static int type_in(const char *t, const char *const *list)
{
    for (size_t i = 0; t && list[i]; i++)
        if (!strcasecmp(t, list[i]))
            return 1;
    return 0;
}

static void tables_load(disc_t *d, MYSQL_RES *res)
{
    MYSQL_ROW row;
    d->n = 0;
    d->rels = xcalloc(mysql_num_rows(res) + 1, sizeof *d->rels);
    while ((row = mysql_fetch_row(res))) {
        mrel_t *r = &d->rels[d->n++];
        r->name = xstrdup(row[0] ? row[0] : "");
        r->view = row[1] && strstr(row[1], "VIEW") != NULL;
        r->rows = row[2] ? strtoll(row[2], NULL, 10) : -1;
        r->json = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "schema", d->schema, "name", r->name,
                            "type", r->view ? "view" : "table", "row_estimate",
                            r->rows >= 0 && !r->view ? json_integer(r->rows) : json_null(),
                            "columns");
        if (r->json && row[3] && *row[3])
            json_object_set_new(r->json, "comment", json_string(row[3]));
    }
    qsort(d->rels, d->n, sizeof *d->rels, by_name);
}

static void columns_load(disc_t *d, MYSQL_RES *res)
{
    static const char *const text[] = {"char", "varchar", "tinytext", "text", "mediumtext",
                                       "longtext", "enum", "set", NULL};
    static const char *const number[] = {"tinyint", "smallint", "mediumint", "int", "bigint",
                                         "decimal", "bit", NULL};
    MYSQL_ROW row;
    while ((row = mysql_fetch_row(res))) {
        mrel_t *r = rel_find(d, row[0]);
        if (!r || !r->json)
            continue;
        if (r->ncols == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 16;
            r->cols = xrealloc(r->cols, r->cap * sizeof *r->cols);
        }
        json_t *col = json_pack("{s:s, s:s, s:i, s:b, s:b, s:n, s:n, s:n, s:[]}", "name",
                                row[1] ? row[1] : "", "type", row[2] ? row[2] : "", "ordinal",
                                row[3] ? atoi(row[3]) : 0, "nullable",
                                row[4] && !strcmp(row[4], "YES"), "pk", 0, "fk", "null_frac",
                                "n_distinct", "samples");
        if (!col)
            continue;
        if (row[6] && *row[6])
            json_object_set_new(col, "comment", json_string(row[6]));
        json_array_append_new(json_object_get(r->json, "columns"), col);
        r->cols[r->ncols++] = (mcol_t){.json = col, .textlike = type_in(row[5], text),
                                       .numeric = type_in(row[5], number)};
    }
}

static void keys_load(disc_t *d, MYSQL_RES *res)
{
    MYSQL_ROW row;
    while ((row = mysql_fetch_row(res))) {
        mrel_t *r = rel_find(d, row[0]);
        json_t *col = r ? col_find(r, row[1]) : NULL;
        if (!col)
            continue;
        if (row[2] && !strcmp(row[2], "PRIMARY"))
            json_object_set_new(col, "pk", json_true());
        else if (json_is_null(json_object_get(col, "fk")) && row[4] && row[5])
            json_object_set_new(col, "fk", json_pack("{s:s, s:s, s:s}", "schema",
                                                     row[3] ? row[3] : d->schema, "table",
                                                     row[4], "column", row[5]));
    }
}

/* One catalog query into load: 0, or -1 with err. */
static int catalog(disc_t *d, const char *sql, void (*load)(disc_t *, MYSQL_RES *), char *err,
                   size_t errlen)
{
    MYSQL_RES *res;
    if (engine_mysql_rows(d->c, sql, &res, err, errlen) != 0)
        return -1;
    load(d, res);
    mysql_free_result(res);
    return 0;
}

/* ---- counts and samples ------------------------------------------------- */

static void rel_count(disc_t *d, mrel_t *r, const char *ident, int *lost)
{
    if (r->view || (r->rows >= 0 && r->rows >= d->o->exact_count_below))
        return;
    buf_t sql = {0};
    char err[256];
    MYSQL_RES *res;
    buf_printf(&sql, "SELECT COUNT(*) FROM %s", ident);
    int rc = engine_mysql_rows(d->c, buf_str(&sql), &res, err, sizeof err);
    if (rc == 0) {
        MYSQL_ROW row = mysql_fetch_row(res);
        if (row && row[0]) {
            r->rows = strtoll(row[0], NULL, 10);
            json_object_set_new(r->json, "row_estimate", json_integer(r->rows));
        }
        mysql_free_result(res);
    }
    *lost |= rc < 0;
    buf_free(&sql);
}

/* 1 when the first HEAD_ROWS values of the column already hold more than
 * most distinct ones (an identifier or a measure: not worth a full scan),
 * or the query failed; -1 when the connection is gone. */
static int head_too_many(disc_t *d, const char *name, const char *ident, int most)
{
    buf_t sql = {0};
    char err[256];
    MYSQL_RES *res;
    buf_printf(&sql, "SELECT COUNT(DISTINCT v) FROM (SELECT %s AS v FROM %s WHERE %s IS NOT NULL"
               " LIMIT " HEAD_ROWS ") s", name, ident, name);
    int rc = engine_mysql_rows(d->c, buf_str(&sql), &res, err, sizeof err);
    buf_free(&sql);
    if (rc != 0)
        return rc;
    MYSQL_ROW row = mysql_fetch_row(res);
    int many = !row || !row[0] || atoll(row[0]) > most;
    mysql_free_result(res);
    return many;
}

/* The most frequent values, kept when the column holds few. */
static void col_sample(disc_t *d, mcol_t *col, const char *ident, int *lost)
{
    int most = col->textlike ? SQLSAFE_SAMPLE_VALUES : MAX_NUMBER_VALUES;
    buf_t sql = {0}, name = {0};
    char err[256];
    MYSQL_RES *res;
    if (json_is_true(json_object_get(col->json, "pk")))
        return;
    engine_mysql_quote_ident(&name, json_string_value(json_object_get(col->json, "name")));
    int head = head_too_many(d, buf_str(&name), ident, most);
    if (head != 0) {
        *lost |= head < 0;
        buf_free(&name);
        return;
    }
    buf_printf(&sql,
               "SELECT v FROM (SELECT CAST(%s AS CHAR) AS v FROM %s WHERE %s IS NOT NULL LIMIT "
               SCAN_LIMIT ") s GROUP BY v ORDER BY COUNT(*) DESC, v LIMIT %d",
               buf_str(&name), ident, buf_str(&name), most + 1);
    int rc = engine_mysql_rows(d->c, buf_str(&sql), &res, err, sizeof err);
    if (rc == 0) {
        json_t *samples = json_object_get(col->json, "samples");
        MYSQL_ROW row;
        unsigned long *len;
        if (mysql_num_rows(res) <= (my_ulonglong)most)
            for (int i = 0; i < d->o->sample_values && (row = mysql_fetch_row(res)); i++)
                if (row[0] && (len = mysql_fetch_lengths(res)))
                    json_array_append_new(samples, json_stringn(row[0], len[0]));
        mysql_free_result(res);
    }
    *lost |= rc < 0;
    buf_free(&sql);
    buf_free(&name);
}

static int samples_take(disc_t *d)
{
    char err[256];
    int lost = 0;
    int ms = d->o->sample_timeout_ms > 0 ? d->o->sample_timeout_ms : DEFAULT_SAMPLE_TIMEOUT_MS;
    if (engine_mysql_statement_timeout(d->c, ms, err, sizeof err) < 0)
        return d->c->lost ? -1 : 0;
    for (size_t i = 0; i < d->n && !lost && time(NULL) < d->deadline; i++) {
        mrel_t *r = &d->rels[i];
        buf_t ident = {0};
        engine_mysql_quote_ident(&ident, r->name);
        rel_count(d, r, buf_str(&ident), &lost);
        for (size_t j = 0; j < r->ncols && !lost && d->o->sample_values > 0 && !r->view &&
                           r->rows != 0 && time(NULL) < d->deadline; j++)
            if (r->cols[j].textlike || r->cols[j].numeric)
                col_sample(d, &r->cols[j], buf_str(&ident), &lost);
        buf_free(&ident);
    }
    return lost ? -1 : 0;
}

int engine_mysql_discover(engine_conn_t *conn, const sqlsafe_discover_opts_t *o, json_t **schema,
                          char *err, size_t errlen)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    sqlsafe_discover_opts_t def = {.sample_values = 10};
    disc_t d = {.c = c, .o = o ? o : &def, .deadline = time(NULL) + PHASE_BUDGET_S};
    int rc = -1;
    *schema = NULL;
    err[0] = '\0';
    if (!c->db[0]) {
        snprintf(err, errlen, "the connection names no database");
        return -1;
    }
    d.schema = c->db;
    if (engine_mysql_statement_timeout(c, CATALOG_TIMEOUT_MS, err, errlen) < 0 ||
        catalog(&d, tables_sql, tables_load, err, errlen) < 0 ||
        catalog(&d, columns_sql, columns_load, err, errlen) < 0 ||
        catalog(&d, keys_sql, keys_load, err, errlen) < 0)
        goto out;
    if (samples_take(&d) < 0) {
        snprintf(err, errlen, "the connection to the database was lost");
        goto out;
    }
    json_t *tables = json_array();
    for (size_t i = 0; i < d.n; i++)
        if (d.rels[i].json)
            json_array_append(tables, d.rels[i].json);
    *schema = json_pack("{s:o,s:s}", "tables", tables, "database", c->db);
    rc = *schema ? 0 : -1;
    if (rc < 0)
        snprintf(err, errlen, "could not build the schema");
out:
    if (!c->lost) {
        char ignored[256];
        engine_mysql_statement_timeout(c, ENGINE_SESSION_TIMEOUT_MS, ignored, sizeof ignored);
    }
    for (size_t i = 0; i < d.n; i++) {
        json_decref(d.rels[i].json);
        free(d.rels[i].cols);
        free(d.rels[i].name);
    }
    free(d.rels);
    return rc;
}
