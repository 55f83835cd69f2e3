/* ident.c — the one SQL identifier quoter (PostgreSQL's rules).
 *
 * sqlsafe_quote_ident always quotes: SQL that runs. sqlsafe_show_ident
 * quotes only when PostgreSQL would need it, as its own quote_ident() does:
 * SQL shown to people. Quoting is bytewise (an embedded '"' doubled), which
 * is exact for UTF-8 and every other server encoding; every connection
 * DataMind opens uses client_encoding UTF8. */
#include "sqlsafe/sqlsafe.h"

#include <stdlib.h>
#include <string.h>

/* PostgreSQL 15's keywords that are not UNRESERVED (reserved, column-name
 * and type/function-name keywords: src/include/parser/kwlist.h). A bare
 * name equal to one of these would not read back as that name. Sorted. */
static const char *const needs_quotes[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast",
    "char", "character", "check", "coalesce", "collate", "collation", "column",
    "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
    "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
    "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end",
    "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "freeze",
    "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
    "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
    "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
    "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer",
    "overlaps", "overlay", "placing", "position", "precision", "primary", "real",
    "references", "returning", "right", "row", "select", "session_user", "setof", "similar",
    "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time",
    "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user",
    "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
    "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
    "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

static int by_name(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

static int is_keyword(const char *s)
{
    return bsearch(s, needs_quotes, sizeof needs_quotes / sizeof *needs_quotes,
                   sizeof *needs_quotes, by_name) != NULL;
}

/* a-z or _ first, then a-z, 0-9 or _ (ASCII only), and not a keyword. */
static int is_bare(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return !is_keyword(s);
}

void sqlsafe_quote_ident(buf_t *b, const char *name)
{
    buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

void sqlsafe_show_ident(buf_t *b, const char *name)
{
    if (is_bare(name))
        buf_puts(b, name);
    else
        sqlsafe_quote_ident(b, name);
}

const char *sqlsafe_ident(arena_t *a, const char *name)
{
    buf_t b = {0};
    sqlsafe_quote_ident(&b, name);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}
