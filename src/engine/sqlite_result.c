/* sqlite_result.c — SQLite values as the JSON every engine returns.
 *
 * SQLite keeps a storage class per value (NULL, INTEGER, REAL, TEXT, BLOB)
 * and a declared type per column (any text, read by affinity rules). A
 * column's type follows its declared type when it has one: INT → integer;
 * REAL/FLOA/DOUB/NUMERIC/DECIMAL → number; BOOL → boolean; DATE → date;
 * DATETIME/TIMESTAMP → timestamp (SQLite keeps dates as text; a column
 * declared so holds them); otherwise text. An expression has no declared
 * type: its values decide (sqlite_exec.c). Values: INTEGER → JSON integer
 * (boolean in a boolean column), REAL → JSON real (text when infinite),
 * TEXT as it is, BLOB as \x followed by hex (PostgreSQL's bytea spelling). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "engine/sqlite_internal.h"

static int has(const char *decl, const char *part)
{
    return strcasestr(decl, part) != NULL;
}

const char *engine_sqlite_decl_kind(const char *decl)
{
    if (!decl || !*decl)
        return NULL;
    if (has(decl, "BOOL"))
        return "boolean";
    if (has(decl, "TIMESTAMP") || has(decl, "DATETIME"))
        return "timestamp";
    if (has(decl, "DATE"))
        return "date";
    if (has(decl, "INT"))
        return "integer";
    if (has(decl, "CHAR") || has(decl, "CLOB") || has(decl, "TEXT"))
        return "text";
    if (has(decl, "REAL") || has(decl, "FLOA") || has(decl, "DOUB") || has(decl, "NUM") ||
        has(decl, "DEC") || has(decl, "MONEY"))
        return "number";
    return "text";
}

/* How long column j's value is as text (INTEGER/REAL: as printed). */
static size_t value_len(sqlite3_stmt *st, int j)
{
    char tmp[40];
    switch (sqlite3_column_type(st, j)) {
    case SQLITE_NULL:
        return 0;
    case SQLITE_INTEGER:
        return (size_t)snprintf(tmp, sizeof tmp, "%lld", (long long)sqlite3_column_int64(st, j));
    case SQLITE_FLOAT:
        return (size_t)snprintf(tmp, sizeof tmp, "%.17g", sqlite3_column_double(st, j));
    case SQLITE_BLOB:
        return 2 + 2 * (size_t)sqlite3_column_bytes(st, j);
    default:
        return (size_t)sqlite3_column_bytes(st, j);
    }
}

size_t engine_sqlite_value_bytes(sqlite3_stmt *st, int j, size_t max_cell)
{
    size_t n = value_len(st, j);
    return n < max_cell ? n : max_cell;
}

static json_t *text_value(const char *s, size_t n)
{
    json_t *v = json_stringn(s ? s : "", n);
    return v ? v : json_string("(invalid UTF-8)");
}

/* The first max bytes of s (never splitting a UTF-8 sequence), the mark
 * and the full size (engine.h: as sqlsafe_execute cuts). */
static json_t *cut_value(const char *s, size_t n, size_t max)
{
    size_t keep = max;
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    buf_t b = {0};
    buf_append(&b, s, keep);
    buf_printf(&b, SQLSAFE_CUT_MARK "%zu bytes, first %zu shown]", n, keep);
    json_t *v = text_value(buf_str(&b), b.len);
    buf_free(&b);
    return v;
}

static char *blob_hex(sqlite3_stmt *st, int j, size_t *n)
{
    const unsigned char *p = sqlite3_column_blob(st, j);
    size_t len = (size_t)sqlite3_column_bytes(st, j);
    char *out = malloc(2 * len + 3);
    if (!out)
        return NULL;
    out[0] = '\\';
    out[1] = 'x';
    for (size_t i = 0; i < len; i++)
        snprintf(out + 2 + 2 * i, 3, "%02x", p[i]);
    *n = 2 + 2 * len;
    out[*n] = '\0';
    return out;
}

json_t *engine_sqlite_value(sqlite3_stmt *st, int j, const char *kind, size_t max_cell,
                            size_t *bytes, long *cut)
{
    int t = sqlite3_column_type(st, j);
    json_t *v;

    if (t == SQLITE_NULL)
        return json_null();
    if (t == SQLITE_INTEGER) {
        sqlite3_int64 i = sqlite3_column_int64(st, j);
        *bytes += value_len(st, j);
        return kind && !strcmp(kind, "boolean") && (i == 0 || i == 1) ? json_boolean(i)
                                                                       : json_integer(i);
    }
    if (t == SQLITE_FLOAT) {
        double d = sqlite3_column_double(st, j);
        *bytes += value_len(st, j);
        return isfinite(d) ? json_real(d) : json_string(d > 0 ? "Infinity" : "-Infinity");
    }
    size_t n = 0;
    char *hex = t == SQLITE_BLOB ? blob_hex(st, j, &n) : NULL;
    const char *s = hex ? hex : (const char *)sqlite3_column_text(st, j);
    if (!hex)
        n = (size_t)sqlite3_column_bytes(st, j);
    if (n > max_cell) {
        v = cut_value(s, n, max_cell);
        *bytes += max_cell;
        (*cut)++;
    } else {
        v = text_value(s, n);
        *bytes += n;
    }
    free(hex);
    return v;
}
