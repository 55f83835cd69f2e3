/* mysql_result.c — MySQL / MariaDB columns and values as the result JSON.
 *
 * Values arrive as text (mysql_execute.c binds every column as a string;
 * libmariadb converts the binary protocol's numbers and dates). A number
 * becomes a JSON number only when nothing is lost, as sqlsafe/result.c
 * does for PostgreSQL: integers that fit int64 (a BIGINT UNSIGNED past it
 * stays text), finite floats, and DECIMALs with <= 15 significant digits.
 * TINYINT(1) — MySQL's BOOLEAN — is a boolean. */
#include <errno.h>
#include <math.h>
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

static int is_bool(const MYSQL_FIELD *f)
{
    return f->type == MYSQL_TYPE_TINY && f->length == 1;
}

static const char *type_kind(const MYSQL_FIELD *f)
{
    switch (f->type) {
    case MYSQL_TYPE_TINY:
        return is_bool(f) ? "boolean" : "integer";
    case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG: case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
        return "integer";
    case MYSQL_TYPE_FLOAT: case MYSQL_TYPE_DOUBLE: case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
        return "number";
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE:
        return "date";
    case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_TIMESTAMP: case MYSQL_TYPE_DATETIME2:
    case MYSQL_TYPE_TIMESTAMP2:
        return "timestamp";
    default:
        return "text";
    }
}

static const char *type_name(const MYSQL_FIELD *f)
{
    switch (f->type) {
    case MYSQL_TYPE_TINY: return is_bool(f) ? "BOOLEAN" : "TINYINT";
    case MYSQL_TYPE_SHORT: return "SMALLINT";
    case MYSQL_TYPE_INT24: return "MEDIUMINT";
    case MYSQL_TYPE_LONG: return "INT";
    case MYSQL_TYPE_LONGLONG: return "BIGINT";
    case MYSQL_TYPE_YEAR: return "YEAR";
    case MYSQL_TYPE_FLOAT: return "FLOAT";
    case MYSQL_TYPE_DOUBLE: return "DOUBLE";
    case MYSQL_TYPE_DECIMAL: case MYSQL_TYPE_NEWDECIMAL: return "DECIMAL";
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE: return "DATE";
    case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_DATETIME2: return "DATETIME";
    case MYSQL_TYPE_TIMESTAMP: case MYSQL_TYPE_TIMESTAMP2: return "TIMESTAMP";
    case MYSQL_TYPE_TIME: case MYSQL_TYPE_TIME2: return "TIME";
    case MYSQL_TYPE_BIT: return "BIT";
    case MYSQL_TYPE_JSON: return "JSON";
    case MYSQL_TYPE_ENUM: return "ENUM";
    case MYSQL_TYPE_SET: return "SET";
    case MYSQL_TYPE_GEOMETRY: return "GEOMETRY";
    case MYSQL_TYPE_TINY_BLOB: case MYSQL_TYPE_MEDIUM_BLOB: case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
        return f->charsetnr == 63 ? "BLOB" : "TEXT";
    case MYSQL_TYPE_VAR_STRING: case MYSQL_TYPE_VARCHAR:
        return f->charsetnr == 63 ? "VARBINARY" : "VARCHAR";
    case MYSQL_TYPE_STRING: return f->charsetnr == 63 ? "BINARY" : "CHAR";
    case MYSQL_TYPE_NULL: return "NULL";
    default: return "UNKNOWN";
    }
}

json_t *engine_mysql_column(const MYSQL_FIELD *f)
{
    json_t *col = json_pack("{s:s, s:s, s:s}", "name", f->name ? f->name : "", "type",
                            type_kind(f), "dbtype", type_name(f));
    return col ? col : json_null();
}

static json_t *value_string(const char *s, size_t n)
{
    json_t *v = json_stringn(s, n);
    return v ? v : json_string("(invalid UTF-8)");
}

/* strtoll / strtod need a terminated copy: values are not NUL-terminated. */
static json_t *value_number(const char *s, size_t n, int integer)
{
    char tmp[80], *end;
    if (n == 0 || n >= sizeof tmp)
        return value_string(s, n);
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    if (integer) {
        long long v = strtoll(tmp, &end, 10);
        return errno || *end ? value_string(s, n) : json_integer((json_int_t)v);
    }
    double d = strtod(tmp, &end);
    return errno || *end || !isfinite(d) ? value_string(s, n) : json_real(d);
}

/* Significant digits of a DECIMAL's text (no exponent in MySQL's output). */
static int decimal_digits(const char *s, size_t n)
{
    size_t i = n && (s[0] == '-' || s[0] == '+') ? 1 : 0, first = n, last = n;
    int dot = 0, digits = 0;
    for (size_t j = i; j < n; j++) {
        if (s[j] == '.') {
            dot = 1;
            continue;
        }
        if (s[j] < '0' || s[j] > '9')
            return 99;
        if (s[j] != '0' || (!dot && first < n)) {
            if (first == n)
                first = j;
            last = j;
        }
    }
    for (size_t j = first; j < n && j <= last; j++)
        digits += s[j] != '.';
    return digits;
}

json_t *engine_mysql_value(const MYSQL_FIELD *f, const char *s, size_t n)
{
    const char *kind = type_kind(f);
    if (!strcmp(kind, "boolean"))
        return json_boolean(n > 0 && s[0] != '0');
    if (!strcmp(kind, "integer"))
        return value_number(s, n, 1);
    if (f->type == MYSQL_TYPE_DECIMAL || f->type == MYSQL_TYPE_NEWDECIMAL)
        return decimal_digits(s, n) > 15 ? value_string(s, n) : value_number(s, n, 0);
    if (!strcmp(kind, "number"))
        return value_number(s, n, 0);
    return value_string(s, n);
}

/* s holds at least max + 1 bytes (full > max). */
json_t *engine_mysql_value_cut(const char *s, size_t kept, size_t full, size_t max)
{
    size_t keep = max < kept ? max : kept;
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--; /* s[keep] starts the first character left out */
    buf_t b = {0};
    buf_append(&b, s, keep);
    buf_printf(&b, SQLSAFE_CUT_MARK "%zu bytes, first %zu shown]", full, keep);
    json_t *out = json_stringn(buf_str(&b), b.len);
    buf_free(&b);
    return out ? out : json_string("(invalid UTF-8)");
}
