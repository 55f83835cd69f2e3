/* lookup.c — find words of a question among the values of text columns
 * that discovery did not sample: a name among 6,000 airlines, a city, a
 * student. The planner asks back when a word is left over; the words it
 * could not place are looked up here, and each value found becomes one more
 * sample of its column, so a second plan can read it as a filter.
 *
 * Bounded like sampling (sample.c): one READ ONLY transaction, a statement
 * timeout per query, a budget for all of them, the rows each query may
 * return capped, name-like columns first. A value is found only when a
 * whole cell equals the words, spelled as typed or with capitals where
 * the typed words had none ("lufthansa"): "Lufthansa" finds "Lufthansa",
 * never "Lufthansa Cargo", and "Irish" is not the callsign "IRISH". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/mem.h"
#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define LOOKUP_MAX_COLUMNS ENGINE_LOOKUP_COLUMNS
#define LOOKUP_TIMEOUT_MS  500
#define LOOKUP_BUDGET_MS   2000
#define LOOKUP_HITS        "5"       /* distinct values one column may give */
#define FULLY_SAMPLED_ROWS 10000     /* sample.c scans at most this many rows */

static int type_is_text(const char *type)
{
    static const char *const text[] = {"text", "character", "varchar", "char", "bpchar",
                                       "citext", "name", NULL};
    for (int i = 0; text[i]; i++)
        if (!strncasecmp(type, text[i], strlen(text[i])))
            return 1;
    return 0;
}

/* 1 when the column may hold values its samples do not list. */
static int col_unsampled(const json_t *table, const json_t *col)
{
    const char *type = json_string_value(json_object_get(col, "type"));
    size_t n = json_array_size(json_object_get(col, "samples"));
    json_int_t rows = json_integer_value(json_object_get(table, "row_estimate"));
    if (!type || !type_is_text(type))
        return 0;
    return n == 0 || n >= SQLSAFE_SAMPLE_VALUES || rows > FULLY_SAMPLED_ROWS;
}

/* {"a","b"}: a text[] literal of the phrases, lower-cased. */
static void put_array(buf_t *b, const char *const *phrases, int n)
{
    buf_putc(b, '{');
    for (int i = 0; i < n; i++) {
        buf_puts(b, i ? ",\"" : "\"");
        for (const char *p = phrases[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                buf_putc(b, '\\');
            buf_putc(b, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
        }
        buf_putc(b, '"');
    }
    buf_putc(b, '}');
}

/* 1 when another item of cell is a value of the column on its own. */
static int items_stand_alone(PGconn *c, const buf_t *from, const buf_t *qc, const char *cell, const char *v,
                             const char *sep)
{
    char *items[4];
    int n = engine_lookup_other_items(cell, v, sep, items, 4), alone = 0;
    buf_t sql = {0};
    buf_printf(&sql, "SELECT 1 FROM %s WHERE %s::text = $1 LIMIT 1", buf_str(from), buf_str(qc));
    for (int i = 0; i < n; i++) {
        PGresult *r = NULL;
        const char *params[1] = {items[i]};
        alone |= !alone && engine_pg_bounded(c, buf_str(&sql), 1, params, &r) == 0 && PQntuples(r) > 0;
        PQclear(r);
        free(items[i]);
    }
    buf_free(&sql);
    return alone;
}

/* A value found whole that is also an item of other cells' lists
 * ("Japan" and "United States, Japan"; "Comedy" and "Comedy|Drama") marks
 * the column "lists" with its separator: the planner then matches an item,
 * not the whole cell. Only when v follows another item ("Mumbai, India")
 * or the cell's other items stand alone too: "Potassium, Whole Blood" is
 * Potassium qualified, no list. */
static void mark_lists(PGconn *c, const buf_t *from, const buf_t *qc, json_t *col, const char *v)
{
    for (int k = 0; engine_list_seps[k]; k++) {
        buf_t sql = {0}, pat = {0};
        engine_lookup_item_pattern(&pat, v, engine_list_seps[k]);
        /* v after another item ("Mumbai, India") first, the cells' text after */
        buf_printf(&sql, "SELECT %s::text, %s::text || $3 LIKE $1 FROM %s WHERE $3 || %s::text || $3 LIKE $1 "
                   "AND %s::text <> $2 ORDER BY 2 DESC LIMIT 3",
                   buf_str(qc), buf_str(qc), buf_str(from), buf_str(qc), buf_str(qc));
        PGresult *r = NULL;
        const char *params[3] = {buf_str(&pat), v, engine_list_seps[k]};
        int found = 0;
        if (engine_pg_bounded(c, buf_str(&sql), 3, params, &r) == 0)
            for (int i = 0; i < PQntuples(r) && !found; i++)
                found = *PQgetvalue(r, i, 1) == 't' ||
                        items_stand_alone(c, from, qc, PQgetvalue(r, i, 0), v, engine_list_seps[k]);
        PQclear(r);
        buf_free(&sql);
        buf_free(&pat);
        if (found)
            return engine_lookup_mark_lists(col, engine_list_seps[k]);
    }
}

/* One column: 0 (done), -1 the connection is gone. */
static int col_lookup(PGconn *c, const json_t *table, json_t *col, const char *array, engine_hits_t *hs)
{
    const char *sch = json_string_value(json_object_get(table, "schema"));
    const char *tab = json_string_value(json_object_get(table, "name"));
    const char *name = json_string_value(json_object_get(col, "name"));
    if (!sch || !tab || !name)
        return 0;
    buf_t qc = {0}, from = {0}, sql = {0};
    sqlsafe_quote_ident(&qc, name);
    sqlsafe_quote_ident(&from, sch);
    buf_putc(&from, '.');
    sqlsafe_quote_ident(&from, tab);
    buf_printf(&sql, "SELECT DISTINCT %s::text FROM %s WHERE lower(%s::text) = ANY($1::text[]) LIMIT "
               LOOKUP_HITS, buf_str(&qc), buf_str(&from), buf_str(&qc));
    PGresult *r = NULL;
    const char *params[1] = {array};
    int rc = engine_pg_bounded(c, buf_str(&sql), 1, params, &r), before = hs->n;
    for (int i = 0; rc == 0 && i < PQntuples(r); i++)
        if (!PQgetisnull(r, i, 0) && strlen(PQgetvalue(r, i, 0)) == (size_t)PQgetlength(r, i, 0))
            engine_hits_add(hs, col, PQgetvalue(r, i, 0));
    PQclear(r);
    const char *named = engine_hits_named(hs, before);
    if (rc == 0 && named && !json_is_true(json_object_get(col, "lists")))
        mark_lists(c, &from, &qc, col, named);
    buf_free(&sql);
    buf_free(&from);
    buf_free(&qc);
    return rc < 0 ? -1 : 0;
}

static int over(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec ||
           (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

/* Name-like columns in the first pass, the other text columns in the second. */
static int lookup_all(PGconn *c, json_t *schema, const char *array, engine_hits_t *hs)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += LOOKUP_BUDGET_MS / 1000;
    int asked = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t i, j;
        json_t *t, *col;
        json_array_foreach(json_object_get(schema, "tables"), i, t)
            json_array_foreach(json_object_get(t, "columns"), j, col) {
                if (!col_unsampled(t, col) || engine_lookup_name_like(col) != !pass)
                    continue;
                if (asked++ >= LOOKUP_MAX_COLUMNS || over(&deadline))
                    return 0;
                if (col_lookup(c, t, col, array, hs) < 0)
                    return -1;
            }
    }
    return 0;
}

int engine_pg_lookup_values(PGconn *c, json_t *schema, const char *const *phrases, int n,
                          char *err, size_t errlen)
{
    if (n <= 0)
        return 0;
    if (PQtransactionStatus(c) != PQTRANS_IDLE) {
        snprintf(err, errlen, "the connection is busy");
        return -1;
    }
    buf_t array = {0};
    put_array(&array, phrases, n);
    int rc = -1;
    engine_hits_t *hs = xcalloc(1, sizeof *hs);
    hs->phrases = phrases;
    hs->nphrases = n;
    PGresult *r = PQexec(c, "BEGIN READ ONLY");
    if (PQresultStatus(r) == PGRES_COMMAND_OK && engine_pg_savepoint_begin(c, LOOKUP_TIMEOUT_MS) == 0)
        rc = lookup_all(c, schema, buf_str(&array), hs);
    int added = engine_hits_keep(hs);
    free(hs);
    PQclear(r);
    PQclear(PQexec(c, "ROLLBACK"));
    buf_free(&array);
    if (rc < 0) {
        snprintf(err, errlen, "%.*s", (int)strcspn(PQerrorMessage(c), "\n"), PQerrorMessage(c));
        return -1;
    }
    return added;
}
