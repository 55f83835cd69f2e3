/* sqlite_discover.c — the shape of a SQLite file, in four catalog queries.
 *
 * Tables and views from sqlite_schema (not SQLite's own sqlite_* tables),
 * then, each as one SELECT over sqlite_schema joined to a table-valued
 * pragma, every column (pragma_table_info), every foreign key
 * (pragma_foreign_key_list; a key naming no column points at the parent's
 * primary key) and every one-column unique index (pragma_index_list +
 * pragma_index_info: such a column gets n_distinct -1, "all distinct", as
 * PostgreSQL's statistics say it). Row counts and samples are
 * sqlite_sample.c's. The JSON is sqlsafe_discover's (engine.h), schema
 * "main"; a column's type is its declared type in lower case ("integer",
 * "varchar(40)", "numeric(10,2)"), or "any" when it has none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/sqlite_internal.h"

#define CATALOG_TIMEOUT_MS 60000
#define NOT_OURS " m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"

static const char rels_sql[] =
    "SELECT m.name, m.type FROM sqlite_schema m"
    " WHERE m.type IN ('table', 'view') AND" NOT_OURS " ORDER BY m.name";

static const char cols_sql[] =
    "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.pk"
    " FROM sqlite_schema m JOIN pragma_table_info(m.name) p"
    " WHERE m.type IN ('table', 'view') AND" NOT_OURS " ORDER BY m.name, p.cid";

static const char fks_sql[] =
    "SELECT m.name, f.\"from\", f.\"table\", f.\"to\""
    " FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f"
    " WHERE m.type = 'table' AND" NOT_OURS " ORDER BY m.name, f.id, f.seq";

static const char uniq_sql[] =
    "SELECT m.name, min(i.name)"
    " FROM sqlite_schema m JOIN pragma_index_list(m.name) l JOIN pragma_index_info(l.name) i"
    " WHERE m.type = 'table' AND" NOT_OURS " AND l.\"unique\""
    " GROUP BY m.name, l.name HAVING count(*) = 1";

typedef struct cat {
    json_t *tables;   /* the "tables" array */
    json_t *by_name;  /* table name -> {"table": its JSON, "cols": name -> column JSON} */
} cat_t;

static const char *col_text(sqlite3_stmt *st, int j)
{
    const unsigned char *s = sqlite3_column_text(st, j);
    return s ? (const char *)s : "";
}

static json_t *cat_cols(cat_t *cat, const char *table)
{
    return json_object_get(json_object_get(cat->by_name, table), "cols");
}

static int rel_row(void *ud, sqlite3_stmt *st)
{
    cat_t *cat = ud;
    const char *name = col_text(st, 0);
    json_t *t = json_pack("{s:s, s:s, s:s, s:n, s:[]}", "schema", "main", "name", name, "type",
                          strcmp(col_text(st, 1), "view") ? "table" : "view", "row_estimate",
                          "columns");
    if (!t)
        return 0;
    json_array_append_new(cat->tables, t);
    json_object_set_new(cat->by_name, name, json_pack("{s:O, s:{}}", "table", t, "cols"));
    return 0;
}

/* The declared type as the planner reads type names: lower case. */
static json_t *type_name(const char *decl)
{
    if (!*decl)
        return json_string("any");
    char *low = strdup(decl);
    if (!low)
        return json_string("any");
    for (char *p = low; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    json_t *v = json_string(low);
    free(low);
    return v ? v : json_string("any");
}

static int col_row(void *ud, sqlite3_stmt *st)
{
    cat_t *cat = ud;
    json_t *entry = json_object_get(cat->by_name, col_text(st, 0));
    if (!entry)
        return 0;
    const char *decl = col_text(st, 3);
    int pk = sqlite3_column_int(st, 5) > 0;
    /* only an INTEGER PRIMARY KEY (the rowid) is NOT NULL without saying so */
    int nullable = !sqlite3_column_int(st, 4) && !(pk && !strcasecmp(decl, "integer"));
    json_t *c = json_pack("{s:s, s:o, s:i, s:b, s:b, s:n, s:n, s:n, s:[]}", "name",
                          col_text(st, 2), "type", type_name(decl), "ordinal",
                          sqlite3_column_int(st, 1) + 1, "nullable", nullable, "pk", pk, "fk",
                          "null_frac", "n_distinct", "samples");
    if (!c)
        return 0;
    json_array_append_new(json_object_get(json_object_get(entry, "table"), "columns"), c);
    json_object_set(json_object_get(entry, "cols"), col_text(st, 2), c);
    return 0;
}

/* The first primary-key column of a table (a foreign key naming none). */
static const char *pk_of(cat_t *cat, const char *table)
{
    const char *key;
    json_t *c;
    json_object_foreach(cat_cols(cat, table), key, c)
        if (json_is_true(json_object_get(c, "pk")))
            return key;
    return NULL;
}

static int fk_row(void *ud, sqlite3_stmt *st)
{
    cat_t *cat = ud;
    json_t *c = json_object_get(cat_cols(cat, col_text(st, 0)), col_text(st, 1));
    const char *parent = col_text(st, 2);
    const char *to = sqlite3_column_type(st, 3) == SQLITE_NULL ? pk_of(cat, parent)
                                                               : col_text(st, 3);
    if (!c || !to || !json_is_null(json_object_get(c, "fk")))
        return 0;
    json_object_set_new(c, "fk", json_pack("{s:s, s:s, s:s}", "schema", "main", "table", parent,
                                           "column", to));
    return 0;
}

static int uniq_row(void *ud, sqlite3_stmt *st)
{
    cat_t *cat = ud;
    json_t *c = json_object_get(cat_cols(cat, col_text(st, 0)), col_text(st, 1));
    if (c)
        json_object_set_new(c, "n_distinct", json_real(-1.0));
    return 0;
}

/* A single-column primary key is all distinct too. */
static void pk_distinct(cat_t *cat)
{
    const char *name;
    json_t *entry;
    json_object_foreach(cat->by_name, name, entry) {
        json_t *only = NULL, *c;
        const char *cn;
        int n = 0;
        json_object_foreach(json_object_get(entry, "cols"), cn, c)
            if (json_is_true(json_object_get(c, "pk")) && ++n)
                only = c;
        if (n == 1)
            json_object_set_new(only, "n_distinct", json_real(-1.0));
    }
}

int engine_sqlite_discover(engine_sqlite_conn_t *c, const sqlsafe_discover_opts_t *o,
                           json_t **schema, char *err, size_t errlen)
{
    cat_t cat = {.tables = json_array(), .by_name = json_object()};
    int rc;

    *schema = NULL;
    err[0] = '\0';
    if (!engine_sqlite_idle_ok(c)) {
        snprintf(err, errlen, "the connection to the database was lost");
        goto fail;
    }
    if ((rc = engine_sqlite_query(c, rels_sql, 0, NULL, CATALOG_TIMEOUT_MS, rel_row, &cat)) != 0 ||
        (rc = engine_sqlite_query(c, cols_sql, 0, NULL, CATALOG_TIMEOUT_MS, col_row, &cat)) != 0 ||
        (rc = engine_sqlite_query(c, fks_sql, 0, NULL, CATALOG_TIMEOUT_MS, fk_row, &cat)) != 0) {
        snprintf(err, errlen, "the schema cannot be read: %s", c->last_err);
        goto fail;
    }
    /* an index that cannot be read costs its hint, not the schema */
    engine_sqlite_query(c, uniq_sql, 0, NULL, CATALOG_TIMEOUT_MS, uniq_row, &cat);
    pk_distinct(&cat);
    if (engine_sqlite_sample_tables(c, cat.tables, o, err, errlen) < 0)
        goto fail;
    json_decref(cat.by_name);
    char name[256];  /* the file's name, its folder and extension cut: the database's */
    const char *base = c->path ? strrchr(c->path, '/') : NULL;
    snprintf(name, sizeof name, "%s", base ? base + 1 : c->path ? c->path : "");
    char *dot = strrchr(name, '.');
    if (dot)
        *dot = '\0';
    *schema = json_pack("{s:o,s:s}", "tables", cat.tables, "database", name);
    if (!*schema) {
        snprintf(err, errlen, "could not build the schema");
        return -1;
    }
    return 0;
fail:
    json_decref(cat.tables);
    json_decref(cat.by_name);
    return -1;
}
