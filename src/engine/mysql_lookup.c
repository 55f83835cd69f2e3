/* mysql_lookup.c — sqlsafe_lookup_values' contract on MySQL / MariaDB:
 * find the words a plan could not place among the values of text columns
 * discovery did not sample in full, and add each value found to its
 * column's "samples".
 *
 * As sqlsafe/lookup.c: 0.5 s per query (the session's statement timeout),
 * 2 s and 60 columns in all, name-like columns first, at most 5 values a
 * column; a value counts when a whole cell equals a phrase as typed, or
 * differs only in the case of a word's first letter ("lufthansa" finds
 * "Lufthansa", "Irish" is not "IRISH"); when some value matches exactly,
 * the case-only ones are dropped. The phrases are written as literals by
 * engine_mysql_quote_literal (the session's sql_mode keeps backslash
 * escapes, which it doubles). */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/mem.h"
#include "engine/internal.h"

#define LOOKUP_MAX_COLUMNS ENGINE_LOOKUP_COLUMNS
#define LOOKUP_TIMEOUT_MS 500
#define LOOKUP_BUDGET_MS 2000
#define LOOKUP_HITS ENGINE_LOOKUP_HITS
#define FULLY_SAMPLED_ROWS 1000000 /* mysql_discover.c reads at most this many rows */

typedef struct look {
    engine_mysql_conn_t *c;
    engine_hits_t hits;
    struct timespec deadline;
} look_t;

static int col_unsampled(const json_t *table, const json_t *col)
{
    static const char *const text[] = {"char", "varchar", "tinytext", "text", "mediumtext",
                                       "longtext", NULL};
    const char *type = json_string_value(json_object_get(col, "type"));
    int is_text = 0;
    for (int i = 0; type && text[i]; i++) {
        size_t n = strlen(text[i]);
        is_text |= !strncasecmp(type, text[i], n) && (type[n] == '\0' || type[n] == '(' ||
                                                      type[n] == ' ');
    }
    size_t n = json_array_size(json_object_get(col, "samples"));
    json_int_t rows = json_integer_value(json_object_get(table, "row_estimate"));
    return is_text && (n == 0 || n >= SQLSAFE_SAMPLE_VALUES || rows > FULLY_SAMPLED_ROWS);
}

/* One column: 0, or -1 when the connection is gone. */
static int col_lookup(look_t *lk, const json_t *table, json_t *col)
{
    const char *tab = json_string_value(json_object_get(table, "name"));
    const char *name = json_string_value(json_object_get(col, "name"));
    if (!tab || !name)
        return 0;
    buf_t qc = {0}, sql = {0};
    engine_mysql_quote_ident(&qc, name);
    buf_printf(&sql, "SELECT DISTINCT CAST(%s AS CHAR) FROM ", buf_str(&qc));
    engine_mysql_quote_ident(&sql, tab);
    buf_printf(&sql, " WHERE LOWER(%s) IN (", buf_str(&qc));
    for (int i = 0; i < lk->hits.nphrases; i++) {
        char *low = xstrdup(lk->hits.phrases[i]);
        for (char *p = low; *p; p++)
            *p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if (i)
            buf_puts(&sql, ", ");
        engine_mysql_quote_literal(&sql, low);
        free(low);
    }
    buf_printf(&sql, ") LIMIT %d", LOOKUP_HITS);
    MYSQL_RES *res;
    char err[256];
    int rc = engine_mysql_rows(lk->c, buf_str(&sql), &res, err, sizeof err);
    if (rc == 0) {
        MYSQL_ROW row;
        while ((row = mysql_fetch_row(res)))
            if (row[0] && strlen(row[0]) == mysql_fetch_lengths(res)[0])
                engine_hits_add(&lk->hits, col, row[0]);
        mysql_free_result(res);
    }
    buf_free(&sql);
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

static int lookup_all(look_t *lk, json_t *schema)
{
    int asked = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t i, j;
        json_t *t, *col;
        json_array_foreach(json_object_get(schema, "tables"), i, t)
            json_array_foreach(json_object_get(t, "columns"), j, col) {
                if (!col_unsampled(t, col) || engine_lookup_name_like(col) != !pass)
                    continue;
                if (asked++ >= LOOKUP_MAX_COLUMNS || over(&lk->deadline))
                    return 0;
                if (col_lookup(lk, t, col) < 0)
                    return -1;
            }
    }
    return 0;
}

int engine_mysql_lookup_values(engine_conn_t *conn, json_t *schema, const char *const *phrases,
                               int n, char *err, size_t errlen)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    if (n <= 0)
        return 0;
    look_t *lk = xcalloc(1, sizeof *lk);
    lk->c = c;
    lk->hits.phrases = phrases;
    lk->hits.nphrases = n;
    clock_gettime(CLOCK_MONOTONIC, &lk->deadline);
    lk->deadline.tv_sec += LOOKUP_BUDGET_MS / 1000;
    int rc = engine_mysql_statement_timeout(c, LOOKUP_TIMEOUT_MS, err, errlen);
    if (rc == 0)
        rc = lookup_all(lk, schema);
    int added = engine_hits_keep(&lk->hits);
    free(lk);
    if (!c->lost) {
        char ignored[256];
        engine_mysql_statement_timeout(c, ENGINE_SESSION_TIMEOUT_MS, ignored, sizeof ignored);
    }
    if (rc < 0) {
        snprintf(err, errlen, "the connection to the database was lost");
        return -1;
    }
    return added;
}
