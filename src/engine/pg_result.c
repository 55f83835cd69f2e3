/* result.c — PostgreSQL rows and errors as JSON and words.
 *
 * Values arrive in text format. A number becomes a JSON number only when
 * nothing is lost: integers that fit int64, floats that are finite, and
 * numerics short enough (<= 15 significant digits, DBL_DIG) that the double
 * prints back to the same value. Everything else keeps PostgreSQL's own
 * spelling as a string, which is exact by construction. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

/* Built-in type OIDs (pg_type.dat), the ones worth naming. */
enum {
    OID_BOOL = 16, OID_BYTEA = 17, OID_CHAR = 18, OID_NAME = 19, OID_INT8 = 20,
    OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_OID = 26, OID_JSON = 114,
    OID_XML = 142, OID_POINT = 600, OID_CIDR = 650, OID_FLOAT4 = 700, OID_FLOAT8 = 701,
    OID_MONEY = 790, OID_MACADDR = 829, OID_INET = 869, OID_BPCHAR = 1042,
    OID_VARCHAR = 1043, OID_DATE = 1082, OID_TIME = 1083, OID_TIMESTAMP = 1114,
    OID_TIMESTAMPTZ = 1184, OID_INTERVAL = 1186, OID_TIMETZ = 1266, OID_BIT = 1560,
    OID_VARBIT = 1562, OID_NUMERIC = 1700, OID_UUID = 2950, OID_JSONB = 3802,
    OID_INT4_ARRAY = 1007, OID_TEXT_ARRAY = 1009, OID_INT8_ARRAY = 1016,
    OID_FLOAT8_ARRAY = 1022, OID_VARCHAR_ARRAY = 1015, OID_NUMERIC_ARRAY = 1231,
    OID_BOOL_ARRAY = 1000, OID_TSVECTOR = 3614, OID_UNKNOWN = 705, OID_VOID = 2278,
    OID_RECORD = 2249,
};

static const struct {
    unsigned int oid;
    const char *name;
} type_names[] = {
    {OID_BOOL, "bool"}, {OID_BYTEA, "bytea"}, {OID_CHAR, "char"}, {OID_NAME, "name"},
    {OID_INT8, "int8"}, {OID_INT2, "int2"}, {OID_INT4, "int4"}, {OID_TEXT, "text"},
    {OID_OID, "oid"}, {OID_JSON, "json"}, {OID_XML, "xml"}, {OID_POINT, "point"},
    {OID_CIDR, "cidr"}, {OID_FLOAT4, "float4"}, {OID_FLOAT8, "float8"},
    {OID_MONEY, "money"}, {OID_MACADDR, "macaddr"}, {OID_INET, "inet"},
    {OID_BPCHAR, "bpchar"}, {OID_VARCHAR, "varchar"}, {OID_DATE, "date"},
    {OID_TIME, "time"}, {OID_TIMESTAMP, "timestamp"}, {OID_TIMESTAMPTZ, "timestamptz"},
    {OID_INTERVAL, "interval"}, {OID_TIMETZ, "timetz"}, {OID_BIT, "bit"},
    {OID_VARBIT, "varbit"}, {OID_NUMERIC, "numeric"}, {OID_UUID, "uuid"},
    {OID_JSONB, "jsonb"}, {OID_INT4_ARRAY, "_int4"}, {OID_TEXT_ARRAY, "_text"},
    {OID_INT8_ARRAY, "_int8"}, {OID_FLOAT8_ARRAY, "_float8"},
    {OID_VARCHAR_ARRAY, "_varchar"}, {OID_NUMERIC_ARRAY, "_numeric"},
    {OID_BOOL_ARRAY, "_bool"}, {OID_TSVECTOR, "tsvector"}, {OID_UNKNOWN, "unknown"},
    {OID_VOID, "void"}, {OID_RECORD, "record"},
};

const char *engine_pg_type_name(unsigned int oid)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (type_names[i].oid == oid)
            return type_names[i].name;
    return NULL;
}

/* The coarse kind a chart or a format cares about. */
static const char *type_kind(Oid t)
{
    switch (t) {
    case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID:
        return "integer";
    case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: case OID_MONEY:
        return "number";
    case OID_BOOL:
        return "boolean";
    case OID_DATE:
        return "date";
    case OID_TIMESTAMP: case OID_TIMESTAMPTZ:
        return "timestamp";
    default:
        return "text";
    }
}

json_t *engine_pg_result_columns(const PGresult *r)
{
    json_t *cols = json_array();

    for (int j = 0; j < PQnfields(r); j++) {
        Oid t = PQftype(r, j);
        const char *name = engine_pg_type_name(t);
        char oidname[24];
        if (!name) {
            snprintf(oidname, sizeof oidname, "oid:%u", t);
            name = oidname;
        }
        json_t *col = json_pack("{s:s, s:s, s:s}", "name", PQfname(r, j), "type",
                                type_kind(t), "dbtype", name);
        json_array_append_new(cols, col ? col : json_null());
    }
    return cols;
}

/* A string value; text that is not UTF-8 (the session is UTF8, so only a
 * broken server would send it) becomes a marker rather than bad JSON. */
static json_t *value_string(const char *s, size_t n)
{
    json_t *v = json_stringn(s, n);
    return v ? v : json_string("(invalid UTF-8)");
}

static json_t *value_integer(const char *s, size_t n)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return value_string(s, n);
    return json_integer((json_int_t)v);
}

static json_t *value_float(const char *s, size_t n)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s || *end || !isfinite(d))
        return value_string(s, n); /* NaN, Infinity, -Infinity */
    return json_real(d);
}

/* Digits that carry value in a numeric's text: leading zeros and trailing
 * fractional zeros do not. numeric_out never uses an exponent. */
static int numeric_digits(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    const char *first = NULL, *last = NULL;
    int dot = 0;

    for (const char *q = p; *q; q++) {
        if (*q == '.') {
            dot = 1;
            continue;
        }
        if (*q < '0' || *q > '9')
            return 99;
        if (*q != '0') {
            if (!first)
                first = q;
            last = q;
        } else if (!dot && first) {
            last = q; /* an integer part's zeros count: 1000 is 4 digits */
        }
    }
    if (!first)
        return 0;
    int n = 0;
    for (const char *q = first; q <= last; q++)
        n += *q != '.';
    return n;
}

static json_t *value_numeric(const char *s, size_t n)
{
    if (numeric_digits(s) > 15)
        return value_string(s, n);
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || *end || !isfinite(d))
        return value_string(s, n); /* NaN, Infinity, or under/overflow */
    return json_real(d);
}

static json_t *value_make(const PGresult *r, int i, int j)
{
    if (PQgetisnull(r, i, j))
        return json_null();
    const char *s = PQgetvalue(r, i, j);
    size_t n = (size_t)PQgetlength(r, i, j);
    switch (PQftype(r, j)) {
    case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID:
        return value_integer(s, n);
    case OID_FLOAT4: case OID_FLOAT8:
        return value_float(s, n);
    case OID_NUMERIC:
        return value_numeric(s, n);
    case OID_BOOL:
        return json_boolean(s[0] == 't');
    default:
        return value_string(s, n);
    }
}

/* The first max bytes of s (never splitting a UTF-8 sequence), the mark
 * and the full size: a value too long to keep, plainly marked as cut. */
static json_t *value_cut(const char *s, size_t n, size_t max)
{
    size_t keep = max;
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--; /* s[keep] starts the first byte left out */
    char tail[96];
    int tn = snprintf(tail, sizeof tail, SQLSAFE_CUT_MARK "%zu bytes, first %zu shown]", n, keep);
    char *v = malloc(keep + (size_t)tn + 1);
    if (!v)
        return json_string("(value too large)");
    memcpy(v, s, keep);
    memcpy(v + keep, tail, (size_t)tn + 1);
    json_t *out = json_stringn(v, keep + (size_t)tn);
    free(v);
    return out ? out : json_string("(invalid UTF-8)");
}

json_t *engine_pg_result_row(const PGresult *r, int i, size_t max_cell, size_t *bytes, long *cut)
{
    json_t *row = json_array();
    for (int j = 0; j < PQnfields(r); j++) {
        size_t n = PQgetisnull(r, i, j) ? 0 : (size_t)PQgetlength(r, i, j);
        if (n > max_cell) {
            json_array_append_new(row, value_cut(PQgetvalue(r, i, j), n, max_cell));
            *bytes += max_cell;
            (*cut)++;
        } else {
            json_array_append_new(row, value_make(r, i, j));
            *bytes += n;
        }
    }
    return row;
}

/* ---- errors ---------------------------------------------------------------- */

#define SHORT_FIELD 200  /* DETAIL / HINT longer than this stay in the log */

void engine_pg_result_error(const PGresult *r, char *err, size_t errlen, int *pos)
{
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *hint = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_HINT) : NULL;
    const char *p = r ? PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION) : NULL;

    if (pos)
        *pos = p ? atoi(p) : 0;
    if (!msg)
        msg = r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : "unexpected reply";
    int n = snprintf(err, errlen, "%.*s", (int)strcspn(msg, "\n"), msg);
    if (n < 0 || (size_t)n >= errlen)
        return;
    if (detail && strlen(detail) <= SHORT_FIELD)
        n += snprintf(err + n, errlen - (size_t)n, " (%s)", detail);
    if (n >= 0 && (size_t)n < errlen && hint && strlen(hint) <= SHORT_FIELD)
        snprintf(err + n, errlen - (size_t)n, " Hint: %s", hint);
}
