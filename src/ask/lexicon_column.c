/* lexicon_column.c — one discovered column as the planner holds it: its
 * kind from the engine's type name, its sampled values, whether its cells
 * hold lists, whether it is ever empty, and the span of its dates. */
#include "ask/internal.h"
#include "core/civil.h"
#include "core/mem.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A column's kind from its type as its engine names it: PostgreSQL
 * ("integer", "numeric(10,2)", "timestamp with time zone"), MySQL / MariaDB
 * ("int(11) unsigned", "decimal(10,2)", "datetime", "tinyint(1)" as a flag,
 * "enum(...)"), SQLite's declared types (free words: "INTEGER", "UNSIGNED
 * BIG INT", "VARCHAR(20)", "REAL"; a declared DATE or DATETIME holds dates)
 * and ClickHouse ("Nullable(Int32)",
 * "LowCardinality(String)", "DateTime64(3)", "Decimal(18, 2)"). Case aside.
 * Words only, never parts of words: a PostgreSQL enum named "point_kind" or
 * "print_status" is no integer. */
static const struct { const char *word; int kind; } type_kinds[] = {
    {"boolean", CK_BOOL},     {"bool", CK_BOOL},
    {"timestamp", CK_TS},     {"timestamptz", CK_TS}, {"datetime", CK_TS},
    {"date", CK_DATE},
    {"tsrange", CK_TS},       {"tstzrange", CK_TS},   {"daterange", CK_DATE},  /* by their start */
    {"double", CK_NUM},       {"float", CK_NUM},      {"real", CK_NUM},
    {"numeric", CK_NUM},      {"decimal", CK_NUM},    {"money", CK_NUM},
    {"character", CK_TEXT},   {"varchar", CK_TEXT},   {"nvarchar", CK_TEXT},
    {"char", CK_TEXT},        {"nchar", CK_TEXT},     {"bpchar", CK_TEXT},
    {"text", CK_TEXT},        {"tinytext", CK_TEXT},  {"mediumtext", CK_TEXT},
    {"longtext", CK_TEXT},    {"clob", CK_TEXT},      {"citext", CK_TEXT},
    {"string", CK_TEXT},      {"fixedstring", CK_TEXT}, {"enum", CK_TEXT},
    {"bigint", CK_INT},       {"smallint", CK_INT},   {"mediumint", CK_INT},
    {"tinyint", CK_INT},      {"integer", CK_INT},    {"int", CK_INT},
    {"uint", CK_INT},         {"serial", CK_INT},     {"bigserial", CK_INT},
    /* containers and the rest: not a number even when they hold one */
    {"array", CK_OTHER},      {"map", CK_OTHER},      {"tuple", CK_OTHER},
    {"json", CK_OTHER},       {"jsonb", CK_OTHER},    {"interval", CK_OTHER},
};

/* The kind of the first word of the type (a run of letters: "int" of
 * "int4", "UInt8", "int(11)"; "unsigned" and "big" are skipped over) that
 * the table knows. */
static int col_kind(const char *type)
{
    static const char *const wraps[] = {"nullable(", "lowcardinality(", NULL};
    for (int again = 1; again;) {  /* "Nullable(LowCardinality(String))" → "String)" */
        again = 0;
        for (int k = 0; wraps[k]; k++)
            if (!strncasecmp(type, wraps[k], strlen(wraps[k])))
                type += strlen(wraps[k]), again = 1;
    }
    if (strstr(type, "[]"))  /* a PostgreSQL array ("text[]") is no text */
        return CK_OTHER;
    /* MySQL's one-digit tinyint is its boolean */
    if (!strncasecmp(type, "tinyint(1)", 10) && !isdigit((unsigned char)type[10]))
        return CK_BOOL;
    for (const char *p = type; *p;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        size_t n = 0;
        while (isalpha((unsigned char)p[n]))
            n++;
        for (size_t k = 0; n && k < sizeof type_kinds / sizeof *type_kinds; k++)
            if (strlen(type_kinds[k].word) == n && !strncasecmp(p, type_kinds[k].word, n))
                return type_kinds[k].kind;
        if (*p == '(' || p[n] == '(')  /* "varchar(255)": nothing inside is a type */
            break;
        p += n;
    }
    return CK_OTHER;
}

/* A day as discovery wrote it (YYYY-MM-DD) into out, else "". */
static void load_day(char out[11], const json_t *v)
{
    const char *d = json_string_value(v);
    double seconds;
    out[0] = 0;
    if (d && strlen(d) == 10 && civil_parse(d, &seconds) == 0)
        memcpy(out, d, 11);
}

void lexicon_load_column(ask_col_t *c, const json_t *jc)
{
    const char *name = json_string_value(json_object_get(jc, "name"));
    const char *type = json_string_value(json_object_get(jc, "type"));
    c->name = xstrdup(name ? name : "");
    c->type = xstrdup(type ? type : "");
    c->kind = col_kind(c->type);
    c->range = !strncasecmp(c->type, "tsrange", 7) || !strncasecmp(c->type, "tstzrange", 9) ||
               !strncasecmp(c->type, "daterange", 9);
    c->pk = json_is_true(json_object_get(jc, "pk"));
    c->fk_table = c->fk_col = -1;
    c->n_distinct = json_number_value(json_object_get(jc, "n_distinct"));
    const json_t *sm = json_object_get(jc, "samples");
    size_t n = json_is_array(sm) ? json_array_size(sm) : 0;
    c->samples = xcalloc(n ? n : 1, sizeof *c->samples);
    for (size_t i = 0; i < n; i++)
        if (json_is_string(json_array_get(sm, i)))
            c->samples[c->nsamples++] = xstrdup(json_string_value(json_array_get(sm, i)));
    c->nw = words_ident(c->name, &c->w);
    const char *js = json_string_value(json_object_get(jc, "list_sep"));
    c->list_sep = lexicon_col_holds_lists(c);
    c->lists = json_is_true(json_object_get(jc, "lists")) || c->list_sep;
    if (c->lists && !c->list_sep)  /* marked by a lookup: its separator (static strings) */
        c->list_sep = js && !strcmp(js, "|") ? "|" : ", ";
    const json_t *nf = json_object_get(jc, "null_frac");
    c->never_null = json_is_false(json_object_get(jc, "nullable")) ||
                    (json_is_number(nf) && json_number_value(nf) == 0);
    c->always_null = json_is_number(nf) && json_number_value(nf) >= 1;
    c->mostly_null = json_is_number(nf) && json_number_value(nf) > 0.5;
    load_day(c->lo, json_object_get(jc, "min"));
    load_day(c->hi, json_object_get(jc, "max"));
    if (!c->lo[0] || !c->hi[0] || strcmp(c->lo, c->hi) > 0)
        c->lo[0] = c->hi[0] = 0;
}

/* 1 when every distinct value of the column was sampled: a longer name
 * than the one matched, or one spelled otherwise, cannot be in it. */
int lexicon_col_sampled_all(const ask_table_t *t, const ask_col_t *c)
{
    double distinct = lexicon_col_distinct(t, c);
    return distinct > 0 && c->nsamples >= distinct;
}

/* 1 when text v spells one number among signs of money or of a share:
 * "? 12,541", "$1,234.50", "€ 12", "45%"; *deco set when something beside
 * the digits is there (thousands commas, a sign) — "12" alone is a code. */
static int spells_number(const char *v, int *deco)
{
    const unsigned char *p = (const unsigned char *)v;
    int signs = 0;
    while (*p == ' ' || *p == '$' || *p == '?' || *p >= 0x80)  /* "£", "€", a lost "Kč" */
        signs += *p != ' ', p++;
    int digits = 0, group = -1;
    for (; isdigit(*p) || *p == ','; p++) {
        if (*p == ',') {
            if (!digits || (group >= 0 && group != 3) || (group < 0 && digits > 3))
                return 0;
            group = 0, signs++;
        } else {
            digits++, group += group >= 0;
        }
    }
    if (!digits || (group >= 0 && group != 3))
        return 0;
    if (*p == '.' && isdigit(p[1]))
        for (p++; isdigit(*p); p++)
            ;
    while (*p == ' ')
        p++;
    if (*p == '%')
        signs++, p++;
    *deco |= signs > 0;
    return *p == 0;
}

/* Text columns whose every sampled value spells a number with signs
 * around it (district."Average Salary": "? 12,541") are read as that
 * number where the engine can (dialect number_in_text): averaged,
 * compared with 10,000, ranked. */
void lexicon_numbers_in_text(ask_schema_t *s)
{
    if (!s->dialect->number_in_text)
        return;
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            ask_col_t *col = &s->tables[t].cols[c];
            int all = col->kind == CK_TEXT && !col->pk && col->fk_table < 0 && col->nsamples >= 3, deco = 0;
            for (int i = 0; i < col->nsamples && all; i++)
                all = spells_number(col->samples[i], &deco);
            if (all && deco)
                col->numtext = 1, col->kind = CK_NUM;
        }
}
