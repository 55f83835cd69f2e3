/* discover.c — the shape of a user's database, in three catalog queries.
 *
 * relations, then columns (with pg_stats), then primary and foreign key
 * columns: each is one set-based query over the whole catalog, so a
 * database of 1,000 tables costs three round trips here, not 3,000.
 * Row counts and sample values need the tables themselves; sample.c does
 * those, one bounded query each. Comments (COMMENT ON TABLE / COLUMN) come
 * with the relations and columns: the schema browser's sentences, where a
 * database has them.
 *
 * Everything runs in one READ ONLY transaction, so the three queries see
 * one catalog (REPEATABLE READ: a table dropped mid-way cannot leave a
 * column without its table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define CATALOG_TIMEOUT_MS "60000"

/* Relations a user would ask about: tables (partitions folded into their
 * parent), views and materialized views the user may read. */
#define REL_FILTER                                                             \
    "c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition AND "          \
    ENGINE_PG_USER_SCHEMA("n") " AND has_table_privilege(c.oid, 'SELECT')"

static const char rels_sql[] =
    "SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples::float8,"
    " obj_description(c.oid, 'pg_class')"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE " REL_FILTER
    " ORDER BY c.oid";

/* pg_stats has a row per (column, inherited); the inherited one describes
 * what a SELECT on the parent sees, so it wins. */
static const char cols_sql[] =
    "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
    " NOT a.attnotnull, t.typcategory = 'S' OR t.typtype = 'e', s.null_frac, s.n_distinct,"
    " t.typcategory = 'N', col_description(a.attrelid, a.attnum)"
    " FROM pg_attribute a"
    " JOIN pg_class c ON c.oid = a.attrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_type t ON t.oid = a.atttypid"
    " LEFT JOIN (SELECT DISTINCT ON (schemaname, tablename, attname)"
    "                   schemaname, tablename, attname, null_frac, n_distinct"
    "              FROM pg_stats"
    "             WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    "             ORDER BY schemaname, tablename, attname, inherited DESC) s"
    "   ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname"
    " WHERE " REL_FILTER " AND a.attnum > 0 AND NOT a.attisdropped"
    " ORDER BY a.attrelid, a.attnum";

/* One row per key column; for a foreign key, the column it points at. */
static const char keys_sql[] =
    "SELECT con.conrelid, k.attnum, con.contype, fn.nspname, fc.relname, fa.attname"
    " FROM pg_constraint con"
    " JOIN pg_class c ON c.oid = con.conrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(attnum, fattnum)"
    " LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
    " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
    " LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum"
    " WHERE con.contype IN ('p', 'f') AND " REL_FILTER
    " ORDER BY con.conrelid, con.contype DESC, con.conname";

static PGresult *query(PGconn *c, const char *sql, char *err, size_t errlen)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        return r;
    if (PQstatus(c) == CONNECTION_BAD)
        snprintf(err, errlen, "the connection to the database was lost");
    else
        engine_pg_result_error(r, err, errlen, NULL);
    PQclear(r);
    return NULL;
}

/* rels is sorted by oid (rels_sql orders it so). */
static engine_pg_rel_t *rel_find(engine_pg_rel_t *rels, size_t n, unsigned int oid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rels[mid].oid == oid)
            return &rels[mid];
        if (rels[mid].oid < oid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static engine_pg_col_t *col_find(engine_pg_rel_t *rel, int attnum)
{
    for (size_t i = 0; i < rel->ncols; i++)
        if (rel->cols[i].attnum == attnum)
            return &rel->cols[i];
    return NULL;
}

static unsigned int oid_at(const PGresult *r, int i)
{
    return (unsigned int)strtoul(PQgetvalue(r, i, 0), NULL, 10);
}

static void rels_load(const PGresult *r, engine_pg_rel_t *rels)
{
    for (int i = 0; i < PQntuples(r); i++) {
        engine_pg_rel_t *rel = &rels[i];
        char kind = PQgetvalue(r, i, 3)[0];
        rel->oid = oid_at(r, i);
        rel->schema = PQgetvalue(r, i, 1);
        rel->name = PQgetvalue(r, i, 2);
        rel->kind = kind;
        rel->reltuples = strtod(PQgetvalue(r, i, 4), NULL);
        rel->rows = rel->reltuples >= 0 ? (long long)(rel->reltuples + 0.5) : -1;
        rel->json = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "schema", rel->schema, "name",
                              rel->name, "type", kind == 'v' || kind == 'm' ? "view" : "table",
                              "row_estimate",
                              rel->rows >= 0 ? json_integer(rel->rows) : json_null(),
                              "columns");
        if (rel->json && !PQgetisnull(r, i, 5) && *PQgetvalue(r, i, 5))  /* COMMENT ON TABLE */
            json_object_set_new(rel->json, "comment", json_string(PQgetvalue(r, i, 5)));
    }
}

/* A float column of pg_stats as JSON, or null. */
static json_t *stat_value(const PGresult *r, int i, int j)
{
    return PQgetisnull(r, i, j) ? json_null() : json_real(strtod(PQgetvalue(r, i, j), NULL));
}

static void cols_load(const PGresult *r, engine_pg_rel_t *rels, size_t n)
{
    for (int i = 0; i < PQntuples(r); i++) {
        engine_pg_rel_t *rel = rel_find(rels, n, oid_at(r, i));
        if (!rel || !rel->json)
            continue;
        if (rel->ncols == rel->cap) {
            rel->cap = rel->cap ? rel->cap * 2 : 16;
            rel->cols = xrealloc(rel->cols, rel->cap * sizeof *rel->cols);
        }
        engine_pg_col_t *col = &rel->cols[rel->ncols];
        col->attnum = atoi(PQgetvalue(r, i, 1));
        col->textlike = PQgetvalue(r, i, 5)[0] == 't';
        col->numeric = PQgetvalue(r, i, 8)[0] == 't';
        col->has_stats = !PQgetisnull(r, i, 7);
        col->n_distinct = col->has_stats ? strtod(PQgetvalue(r, i, 7), NULL) : 0;
        col->json = json_pack("{s:s, s:s, s:i, s:b, s:b, s:n, s:o, s:o, s:[]}",
                              "name", PQgetvalue(r, i, 2), "type", PQgetvalue(r, i, 3),
                              "ordinal", col->attnum, "nullable", PQgetvalue(r, i, 4)[0] == 't',
                              "pk", 0, "fk", "null_frac", stat_value(r, i, 6),
                              "n_distinct", stat_value(r, i, 7), "samples");
        if (!col->json)
            continue;
        if (!PQgetisnull(r, i, 9) && *PQgetvalue(r, i, 9))  /* COMMENT ON COLUMN */
            json_object_set_new(col->json, "comment", json_string(PQgetvalue(r, i, 9)));
        json_array_append_new(json_object_get(rel->json, "columns"), col->json);
        rel->ncols++;
    }
}

static void keys_load(const PGresult *r, engine_pg_rel_t *rels, size_t n)
{
    for (int i = 0; i < PQntuples(r); i++) {
        engine_pg_rel_t *rel = rel_find(rels, n, oid_at(r, i));
        engine_pg_col_t *col = rel ? col_find(rel, atoi(PQgetvalue(r, i, 1))) : NULL;
        if (!col)
            continue;
        if (PQgetvalue(r, i, 2)[0] == 'p') {
            json_object_set_new(col->json, "pk", json_true());
        } else if (json_is_null(json_object_get(col->json, "fk")) && !PQgetisnull(r, i, 5)) {
            json_object_set_new(col->json, "fk",
                                json_pack("{s:s, s:s, s:s}", "schema", PQgetvalue(r, i, 3),
                                          "table", PQgetvalue(r, i, 4), "column",
                                          PQgetvalue(r, i, 5)));
        }
    }
}

static int by_schema_name(const void *a, const void *b)
{
    const engine_pg_rel_t *x = a, *y = b;
    int d = strcmp(x->schema, y->schema);
    return d ? d : strcmp(x->name, y->name);
}

/* The catalog part, in the open transaction. Fills *rels / *n (sorted by
 * oid); *relres keeps the names alive. */
static int catalog_load(PGconn *c, PGresult **relres, engine_pg_rel_t **rels, size_t *n,
                        char *err, size_t errlen)
{
    PGresult *cr = NULL, *kr = NULL;
    int rc = -1;

    if (!(*relres = query(c, rels_sql, err, errlen)))
        goto out;
    *n = (size_t)PQntuples(*relres);
    *rels = xcalloc(*n ? *n : 1, sizeof **rels);
    rels_load(*relres, *rels);
    if (!(cr = query(c, cols_sql, err, errlen)) || !(kr = query(c, keys_sql, err, errlen)))
        goto out;
    cols_load(cr, *rels, *n);
    keys_load(kr, *rels, *n);
    rc = 0;
out:
    PQclear(cr);
    PQclear(kr);
    return rc;
}

static int tx_begin(PGconn *c, char *err, size_t errlen)
{
    const char *params[1] = {CATALOG_TIMEOUT_MS};

    if (PQtransactionStatus(c) != PQTRANS_IDLE) {
        snprintf(err, errlen, "the connection is not idle");
        return -1;
    }
    PGresult *r = PQexec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    if (PQresultStatus(r) == PGRES_COMMAND_OK) {
        PQclear(r);
        r = PQexecParams(c, "SELECT set_config('statement_timeout', $1, true)", 1, NULL,
                         params, NULL, NULL, 0);
    }
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok && PQstatus(c) == CONNECTION_BAD)
        snprintf(err, errlen, "the connection to the database was lost");
    else if (!ok)
        engine_pg_result_error(r, err, errlen, NULL);
    PQclear(r);
    return ok ? 0 : -1;
}

int engine_pg_discover(PGconn *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                     char *err, size_t errlen)
{
    PGresult *relres = NULL;
    engine_pg_rel_t *rels = NULL;
    json_t *tables;
    size_t n = 0;
    int rc = -1;

    *schema = NULL;
    err[0] = '\0';
    if (tx_begin(c, err, errlen) < 0 || catalog_load(c, &relres, &rels, &n, err, errlen) < 0)
        goto out;
    if (engine_pg_sample_rels(c, rels, n, o, err, errlen) < 0)
        goto out;
    tables = json_array();
    qsort(rels, n, sizeof *rels, by_schema_name); /* rel_find is done with the oid order */
    for (size_t i = 0; i < n; i++)
        if (rels[i].json)
            json_array_append(tables, rels[i].json);
    *schema = json_pack("{s:o,s:s}", "tables", tables, "database", PQdb(c) ? PQdb(c) : "");
    rc = *schema ? 0 : -1;
    if (rc < 0)
        snprintf(err, errlen, "could not build the schema");
out:
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE)
        PQclear(PQexec(c, "ROLLBACK"));
    for (size_t i = 0; i < n; i++) {
        json_decref(rels[i].json);
        free(rels[i].cols);
    }
    free(rels);
    PQclear(relres);
    return rc;
}
