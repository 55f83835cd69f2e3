/* sqlite_lookup.c — sqlsafe_lookup_values' contract on a SQLite file: find
 * the words a plan could not place among the values of the text columns
 * discovery did not sample in full, and add each value found to its
 * column's samples.
 *
 * The same rules as PostgreSQL's (sqlsafe/lookup.c): a whole cell equal to
 * a phrase, spelled as typed or with capitals where the typed words had
 * none; when some value equals a phrase exactly, the values equal only
 * case aside are dropped; a value that is also an item of other cells'
 * comma lists marks the column "lists". Bounded the same way: 0.5 s per
 * query (the progress handler), 2 s and 60 columns in all, name-like
 * columns first. The phrases go in as one JSON array parameter, read with
 * json_each; lower() in SQLite folds ASCII letters only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "engine/sqlite_internal.h"

#define LOOKUP_MAX_COLUMNS ENGINE_LOOKUP_COLUMNS
#define LOOKUP_TIMEOUT_MS  500
#define LOOKUP_BUDGET_MS   2000
#define LOOKUP_HITS        ENGINE_LOOKUP_HITS
#define FULLY_SAMPLED_ROWS 10000

typedef struct hits {
    engine_hits_t found;
    json_t *col;  /* the column being looked up */
} hits_t;

static int col_unsampled(const json_t *table, const json_t *col)
{
    const char *type = json_string_value(json_object_get(col, "type"));
    const char *kind = engine_sqlite_decl_kind(type && strcmp(type, "any") ? type : NULL);
    size_t n = json_array_size(json_object_get(col, "samples"));
    json_int_t rows = json_integer_value(json_object_get(table, "row_estimate"));
    if (!type || (kind && strcmp(kind, "text")))
        return 0;
    return n == 0 || n >= SQLSAFE_SAMPLE_VALUES || rows > FULLY_SAMPLED_ROWS;
}

static int hit_row(void *ud, sqlite3_stmt *st)
{
    hits_t *hs = ud;
    const char *v = (const char *)sqlite3_column_text(st, 0);
    if (v && strlen(v) == (size_t)sqlite3_column_bytes(st, 0))
        engine_hits_add(&hs->found, hs->col, v);
    return 0;
}

static int found_row(void *ud, sqlite3_stmt *st)
{
    *(int *)ud = 1;
    return 1;
}

typedef struct cells {
    char *v[3];
    int n, after;  /* after: v follows another item in some cell */
} cells_t;

static int cell_row(void *ud, sqlite3_stmt *st)
{
    cells_t *cs = ud;
    const char *v = (const char *)sqlite3_column_text(st, 0);
    cs->after |= sqlite3_column_int(st, 1);
    if (v && cs->n < 3)
        cs->v[cs->n++] = xstrdup(v);
    return cs->n >= 3;
}

/* 1 when another item of cell is a value of the column on its own. */
static int items_stand_alone(engine_sqlite_conn_t *c, const char *from, const char *qc, const char *cell,
                             const char *v, const char *sep)
{
    char *items[4];
    int n = engine_lookup_other_items(cell, v, sep, items, 4), alone = 0;
    buf_t sql = {0};
    buf_printf(&sql, "SELECT 1 FROM %s WHERE CAST(%s AS TEXT) = ?1 LIMIT 1", from, qc);
    for (int i = 0; i < n; i++) {
        const char *params[1] = {items[i]};
        int found = 0;
        if (!alone && engine_sqlite_query(c, buf_str(&sql), 1, params, LOOKUP_TIMEOUT_MS, found_row, &found) == 0)
            alone = found;
        free(items[i]);
    }
    buf_free(&sql);
    return alone;
}

/* v is also an item of another cell's list (", " or "|" between items),
 * after another item ("Mumbai, India") or beside items that stand alone
 * too: mark the column, with its separator ("Potassium, Whole Blood" is
 * Potassium qualified, no list). */
static void mark_lists(engine_sqlite_conn_t *c, const char *from, const char *qc, json_t *col,
                       const char *v)
{
    for (int k = 0; engine_list_seps[k]; k++) {
        buf_t sql = {0}, pat = {0};
        cells_t cs = {0};
        int found = 0;
        engine_lookup_item_pattern(&pat, v, engine_list_seps[k]);
        buf_printf(&sql, "SELECT CAST(%s AS TEXT), CAST(%s AS TEXT) || ?3 LIKE ?1 ESCAPE '\\' FROM %s"
                   " WHERE ?3 || CAST(%s AS TEXT) || ?3 LIKE ?1 ESCAPE '\\' AND CAST(%s AS TEXT) <> ?2"
                   " ORDER BY 2 DESC LIMIT 3", qc, qc, from, qc, qc);
        const char *params[3] = {buf_str(&pat), v, engine_list_seps[k]};
        if (engine_sqlite_query(c, buf_str(&sql), 3, params, LOOKUP_TIMEOUT_MS, cell_row, &cs) == 0)
            for (int i = 0; i < cs.n && !found; i++)
                found = cs.after || items_stand_alone(c, from, qc, cs.v[i], v, engine_list_seps[k]);
        for (int i = 0; i < cs.n; i++)
            free(cs.v[i]);
        buf_free(&sql);
        buf_free(&pat);
        if (found)
            return engine_lookup_mark_lists(col, engine_list_seps[k]);
    }
}

/* 0 done, -1 the file is lost. */
static int col_lookup(engine_sqlite_conn_t *c, const json_t *table, json_t *col,
                      const char *array, hits_t *hs)
{
    const char *tab = json_string_value(json_object_get(table, "name"));
    const char *name = json_string_value(json_object_get(col, "name"));
    if (!tab || !name)
        return 0;
    buf_t qc = {0}, from = {0}, sql = {0};
    engine_sqlite_dialect.quote_ident(&qc, name);
    engine_sqlite_dialect.quote_ident(&from, tab);
    buf_printf(&sql, "SELECT DISTINCT CAST(%s AS TEXT) FROM %s WHERE lower(CAST(%s AS TEXT))"
               " IN (SELECT value FROM json_each(?1)) LIMIT %d",
               buf_str(&qc), buf_str(&from), buf_str(&qc), LOOKUP_HITS);
    const char *params[1] = {array};
    int before = hs->found.n;
    hs->col = col;
    int rc = engine_sqlite_query(c, buf_str(&sql), 1, params, LOOKUP_TIMEOUT_MS, hit_row, hs);
    const char *named = engine_hits_named(&hs->found, before);
    if (rc == 0 && named && !json_is_true(json_object_get(col, "lists")))
        mark_lists(c, buf_str(&from), buf_str(&qc), col, named);
    buf_free(&sql);
    buf_free(&from);
    buf_free(&qc);
    return rc < 0 ? -1 : 0;
}

static int lookup_all(engine_sqlite_conn_t *c, json_t *schema, const char *array, hits_t *hs)
{
    double deadline_ms = engine_sqlite_now_ms() + LOOKUP_BUDGET_MS;
    int asked = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t i, j;
        json_t *t, *col;
        json_array_foreach(json_object_get(schema, "tables"), i, t)
            json_array_foreach(json_object_get(t, "columns"), j, col) {
                if (!col_unsampled(t, col) || engine_lookup_name_like(col) != !pass)
                    continue;
                if (asked++ >= LOOKUP_MAX_COLUMNS || engine_sqlite_now_ms() >= deadline_ms)
                    return 0;
                if (col_lookup(c, t, col, array, hs) < 0)
                    return -1;
            }
    }
    return 0;
}

/* ["a","b"]: the phrases lower-cased (ASCII), as lower() folds them. */
static char *phrases_json(const char *const *phrases, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        char *low = xstrdup(phrases[i] ? phrases[i] : "");
        for (char *p = low; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        json_array_append_new(a, json_string(low));
        free(low);
    }
    char *s = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return s;
}

int engine_sqlite_lookup_values(engine_sqlite_conn_t *c, json_t *schema,
                                const char *const *phrases, int n, char *err, size_t errlen)
{
    if (n <= 0)
        return 0;
    if (!engine_sqlite_idle_ok(c)) {
        snprintf(err, errlen, "the connection to the database was lost");
        return -1;
    }
    char *array = phrases_json(phrases, n);
    hits_t *hs = xcalloc(1, sizeof *hs);
    hs->found.phrases = phrases;
    hs->found.nphrases = n;
    int rc = array ? lookup_all(c, schema, array, hs) : -1;
    int added = engine_hits_keep(&hs->found);
    free(hs);
    free(array);
    if (rc < 0) {
        snprintf(err, errlen, "the connection to the database was lost");
        return -1;
    }
    return added;
}
