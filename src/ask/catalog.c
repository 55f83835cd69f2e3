/* catalog.c — questions about the database itself, answered from templates:
 * what tables are there, describe/columns of X, show N rows of X, how many
 * rows in X, what does column Y contain. */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_DEFAULT 10
#define SAMPLE_MAX 1000
#define CATALOG_MAX_ROWS 2000

static int has(const ask_toks_t *tk, const char *w)
{
    for (int i = 0; i < tk->n; i++)
        if (!strcmp(tk->t[i].low, w))
            return i;
    return -1;
}

static int has_seq(const ask_toks_t *tk, const char *a, const char *b)
{
    for (int i = 0; i + 1 < tk->n; i++)
        if (!strcmp(tk->t[i].low, a) && !strcmp(tk->t[i + 1].low, b))
            return i;
    return -1;
}

/* The table the question names: by its words, or by its exact name. */
static int named_table(const ask_schema_t *s, const ask_toks_t *tk, int *col)
{
    const ask_phrase_t *m[16];
    *col = -1;
    int table = -1;
    for (int pass = 0; pass < 2; pass++)  /* tables first: "orders" is a table */
        for (int i = 0; i < tk->n; i++) {
            int n = lexicon_match(s, tk, i, m, 16);
            for (int k = 0; k < n; k++) {
                if (pass == 0 && m[k]->kind == PH_TABLE && table < 0)
                    table = m[k]->table;
                if (pass == 1 && m[k]->kind == PH_COLUMN && *col < 0 &&
                    (table < 0 || table == m[k]->table)) {
                    *col = m[k]->column;
                    table = m[k]->table;
                }
            }
        }
    if (*col >= 0 && lexicon_find_column(s, table, s->tables[table].cols[*col].name) != *col)
        *col = -1;
    return table;
}

/* The word after "of"/"in"/"from"/"describe" — what the user called the table. */
static const char *table_word(const ask_toks_t *tk)
{
    static const char *const cue[] = {"of", "in", "from", "describe", "table", NULL};
    for (int i = tk->n - 2; i >= 0; i--)
        for (int k = 0; cue[k]; k++)
            if (!strcmp(tk->t[i].low, cue[k]) && !words_is_stop(tk->t[i + 1].low))
                return tk->t[i + 1].raw;
    return tk->n ? tk->t[tk->n - 1].raw : "";
}

/* 1 when w is in the question and nothing but function words follows it:
 * "what does the segment column contain?" — not "names that contain X". */
static int last_content(const ask_toks_t *tk, const char *w)
{
    int i = has(tk, w);
    if (i < 0)
        return 0;
    for (int k = i + 1; k < tk->n; k++)
        if (!words_is_stop(tk->t[k].low) && tk->t[k].low[0] != '?')
            return 0;
    return 1;
}

static int intent(const ask_toks_t *tk, int *n)
{
    int i;
    *n = 0;
    if (has(tk, "describe") >= 0 || has(tk, "columns") >= 0)  /* "columns of call_records" */
        return CAT_COLUMNS;
    if ((i = has(tk, "rows")) >= 0 || (i = has(tk, "row")) >= 0 || (i = has(tk, "records")) >= 0) {
        if (has(tk, "many") >= 0 || has(tk, "count") >= 0 || has(tk, "number") >= 0)
            return CAT_COUNT;
        if (i > 0 && tk->t[i - 1].isnum)
            *n = (int)tk->t[i - 1].num;
        return CAT_SAMPLE;
    }
    int counted = has(tk, "many") >= 0 || has(tk, "count") >= 0 || has(tk, "number") >= 0;
    if ((has(tk, "sample") >= 0 || has(tk, "preview") >= 0 || has(tk, "example") >= 0) && !counted)
        return CAT_SAMPLE;  /* not "how many sample points are there": a table's rows counted */
    if (has(tk, "describe") >= 0 || has(tk, "columns") >= 0 || has(tk, "fields") >= 0 ||
        has(tk, "structure") >= 0 || has(tk, "schema") >= 0)
        return CAT_COLUMNS;
    if (last_content(tk, "contain") || last_content(tk, "contains") || has_seq(tk, "values", "of") >= 0 ||
        has_seq(tk, "values", "in") >= 0 || has_seq(tk, "possible", "values") >= 0 ||
        (has(tk, "column") >= 0 && has(tk, "mean") >= 0))
        return CAT_COLUMN;
    if (has(tk, "views") >= 0 && tk->n <= 8)
        return CAT_RELATIONS;  /* "what views are there", "tables and views" */
    if (has(tk, "tables") >= 0 || has_seq(tk, "what", "data") >= 0 || has_seq(tk, "which", "data") >= 0)
        return CAT_TABLES;
    return -1;
}

/* 1 when a word other than the catalog's own, the table's (or the
 * column's) name and function words is left: "how many products have no
 * inventory records" asks about products, not about the row count of a
 * table — the whole question is planned instead. Negations are never
 * function words here. */
static int other_words(const ask_schema_t *s, const ask_toks_t *tk, int table, int col)
{
    static const char *const own[] = {"rows", "row", "records", "record", "many", "count",
        "number", "sample", "samples", "preview", "example", "examples", "describe", "columns",
        "column", "fields", "field", "structure", "schema", "contain", "contains", "values",
        "possible", "mean", "means", "table", "show", "list", "give", "first", "some", "random",
        "total", "there", "exist", "each", "every", "all", NULL};
    static const char *const neg[] = {"no", "not", "without", "never", "none", NULL};
    const ask_phrase_t *m[16];
    for (int i = 0; i < tk->n; i++) {
        const char *w = tk->t[i].low;
        if (words_in(w, neg))
            return 1;
        if (tk->t[i].isnum || words_in(w, own) || words_is_stop_at(tk, i) || !isalnum((unsigned char)w[0]))
            continue;
        int n = lexicon_match(s, tk, i, m, 16), len = 0;
        for (int k = 0; k < n; k++)
            if (m[k]->table == table && (m[k]->kind == PH_TABLE ||
                (m[k]->kind == PH_COLUMN && m[k]->column == col)) && m[k]->nw > len)
                len = m[k]->nw;
        int t, c, sq = len ? 0 : lexicon_match_squashed(s, tk, i, &t, &c);
        if (sq && t == table && (c < 0 || c == col))  /* "special classes" of specialclasses */
            len = sq;
        if (!len)
            return 1;
        i += len - 1;
    }
    return 0;
}

/* 1 when every word asks for the list of tables or views — "what tables
 * are there", "which tables does this database have", "list the views" —
 * and none says something else: "number of views per month", "how many
 * views were on TV" count a title's views. */
static int about_catalog(const ask_toks_t *tk)
{
    static const char *const own[] = {"tables", "table", "views", "view", "relations", "database",
        "db", "data", "schema", "there", "exist", "list", "show", "give", "available", "have",
        "has", "we", "our", "you", "all", "and", "in", "this", "the", "how", "many", "number",
        "count", NULL};
    for (int i = 0; i < tk->n; i++)
        if (!words_in(tk->t[i].low, own) && !words_is_stop_at(tk, i) &&
            isalnum((unsigned char)tk->t[i].low[0]))
            return 0;
    return 1;
}

int catalog_parse(const ask_schema_t *s, ask_toks_t *tk, ask_q_t *q, buf_t *clar)
{
    int n, col;
    int cat = intent(tk, &n);
    if (cat < 0)
        return 0;
    plan_init(q);
    q->kind = Q_CATALOG;
    q->cat = cat;
    if (cat == CAT_TABLES || cat == CAT_RELATIONS) {
        if (!about_catalog(tk))  /* "how many views were on TV": views of a title */
            return 0;
        for (int i = 0; i < tk->n; i++)
            tk->t[i].used = 1;
        return 1;
    }
    q->table = named_table(s, tk, &col);
    if (cat == CAT_COLUMN)
        q->column = col;
    if (q->table < 0 || (cat == CAT_COLUMN && q->column < 0)) {
        if ((q->table < 0 && has(tk, "data") >= 0 && tk->n <= 5))
            return 0;
        buf_printf(clar, "I could not find %s \"%.60s\" in this database.",
                   cat == CAT_COLUMN ? "a column" : "a table", table_word(tk));
        return -1;
    }
    if (other_words(s, tk, q->table, q->column))
        return 0;
    if (cat == CAT_SAMPLE)
        q->limit = n > 0 ? (n > SAMPLE_MAX ? SAMPLE_MAX : n) : SAMPLE_DEFAULT;
    for (int i = 0; i < tk->n; i++)
        tk->t[i].used = 1;
    return 1;
}

static void put_table(const ask_schema_t *s, buf_t *b, const ask_table_t *t)
{
    dialect_ident(s, b, t->schema);
    buf_putc(b, '.');
    dialect_ident(s, b, t->name);
}

/* A result built from the discovered schema itself, as a constant table:
 * no system catalog is read (the validator refuses those, rightly), and the
 * answer is what the planner knows — the same names it plans with. The
 * table is a VALUES list where the dialect has one with column names
 * (PostgreSQL: (VALUES (…), …) AS t("a", "b")), else SELECT … UNION ALL
 * SELECT …, the first naming the columns. */
typedef struct rows {
    const char *alias;
    const char *const *names;
    int ncols, nrows;
} rows_t;

static void rows_open(buf_t *b, const ask_schema_t *s)
{
    buf_puts(b, s->dialect->has_values_list ? "SELECT * FROM (VALUES " : "SELECT * FROM (");
}

/* the next row; cells[k] is SQL already written */
static void rows_add(buf_t *b, const ask_schema_t *s, rows_t *r, const char *const *cells)
{
    int values = s->dialect->has_values_list;
    buf_puts(b, values ? (r->nrows ? ", (" : "(") : r->nrows ? " UNION ALL SELECT " : "SELECT ");
    for (int k = 0; k < r->ncols; k++) {
        buf_printf(b, "%s%s", k ? ", " : "", cells[k]);
        if (!values && !r->nrows) {
            buf_puts(b, " AS ");
            dialect_ident(s, b, r->names[k]);
        }
    }
    buf_puts(b, values ? ")" : "");
    r->nrows++;
}

static void rows_close(buf_t *b, const ask_schema_t *s, const rows_t *r)
{
    buf_printf(b, ") AS %s", r->alias);
    for (int k = 0; k < r->ncols && s->dialect->has_values_list; k++) {
        buf_puts(b, k ? ", " : "(");
        dialect_ident(s, b, r->names[k]);
    }
    buf_puts(b, s->dialect->has_values_list ? ")" : "");
}

/* a literal as a cell, written into the empty b */
static const char *lit(const ask_schema_t *s, buf_t *b, const char *v)
{
    dialect_literal(s, b, v);
    return buf_str(b);
}

/* 1 when the list shows t: "tables" are the base tables (views are
 * named apart, see catalog_views_left), unless the database has only
 * views; "views" lists both, each with its kind. */
static int views_left(const ask_schema_t *s, int cat)
{
    int n = 0;
    for (int i = 0; i < s->ntables && cat == CAT_TABLES; i++)
        n += s->tables[i].is_view;
    return n;
}

static int listed(const ask_schema_t *s, const ask_table_t *t, int cat)
{
    return cat == CAT_RELATIONS || !t->is_view || views_left(s, cat) == s->ntables;
}

void catalog_note_views(const ask_schema_t *s, const ask_q_t *q, char **understood)
{
    int views = views_left(s, q->cat);
    if (views == 0 || views == s->ntables)
        return;
    buf_t b = {0};
    buf_printf(&b, "%s (not the %d view%s: ask \"what views are there?\")", *understood ? *understood : "",
               views, views == 1 ? "" : "s");
    free(*understood);
    *understood = buf_detach(&b);
}

/* one row of the table list (PostgreSQL: the estimate as a bigint) */
static void table_row(buf_t *b, const ask_schema_t *s, rows_t *r, const char *name,
                      const char *schema, const char *kind, int ncols, double rows)
{
    buf_t c[5] = {{0}};
    buf_printf(&c[3], "%d", ncols);
    buf_printf(&c[4], s->dialect->has_values_list ? "%.0f::bigint" : "%.0f", rows > 0 ? rows : 0);
    const char *cells[] = {lit(s, &c[0], name), lit(s, &c[1], schema), lit(s, &c[2], kind),
                           buf_str(&c[3]), buf_str(&c[4])};
    rows_add(b, s, r, cells);
    for (int k = 0; k < 5; k++)
        buf_free(&c[k]);
}

/* ORDER BY the first n output columns: by place, or by name where
 * positions are not read (ClickHouse). */
static void order_by_names(const ask_schema_t *s, buf_t *b, const char *const *names, int n)
{
    for (int k = 0; k < n; k++) {
        buf_puts(b, k ? ", " : "");
        if (s->dialect->no_positions)
            dialect_ident(s, b, names[k]);
        else
            buf_printf(b, "%d", k + 1);
    }
}

static void tables_values(const ask_schema_t *s, int cat, buf_t *b)
{
    static const char *const names[] = {"table", "schema", "kind", "columns", "row_estimate"};
    rows_t r = {.alias = "t", .names = names, .ncols = 5};
    rows_open(b, s);
    if (s->ntables == 0) {  /* VALUES needs a row: one that no row passes */
        table_row(b, s, &r, "", "", "", 0, 0);
        rows_close(b, s, &r);
        buf_puts(b, " WHERE false");
        return;
    }
    for (int i = 0; i < s->ntables && i < CATALOG_MAX_ROWS; i++) {
        const ask_table_t *t = &s->tables[i];
        if (listed(s, t, cat))
            table_row(b, s, &r, t->name, t->schema, t->is_view ? "view" : "table", t->ncols, t->rows);
    }
    rows_close(b, s, &r);
    buf_puts(b, " ORDER BY ");
    order_by_names(s, b, names, 2);
}

/* What a column is for a reader: its key role and a few sampled values. */
static void column_note(const ask_schema_t *s, const ask_col_t *c, buf_t *b)
{
    if (c->pk)
        buf_puts(b, "primary key");
    if (c->fk_table >= 0)
        buf_printf(b, "%sreferences %s", b->len ? ", " : "", s->tables[c->fk_table].name);
    for (int k = 0; k < c->nsamples && k < 3; k++)
        buf_printf(b, "%s%.40s", k ? ", " : b->len ? "; e.g. " : "e.g. ", c->samples[k]);
}

/* "character varying(50)" as the SQL standard's data type, "character
 * varying", and its size, "50" ("timestamp(3) without time zone": 3).
 * Parentheses holding more than numbers ("Nullable(String)") stay. */
static void type_and_size(const char *type, buf_t *plain, buf_t *size)
{
    const char *p = type ? type : "";
    while (*p) {
        size_t n = *p == '(' ? strcspn(p + 1, ")") : 0;
        if (n && p[1 + n] == ')' && strspn(p + 1, "0123456789, ") == n && !size->len) {
            buf_printf(size, "%.*s", (int)n, p + 1);
            p += n + 2;
            while (*p == ' ' && (p[1] == ' ' || p[1] == 0))
                p++;
            continue;
        }
        buf_putc(plain, *p++);
    }
    while (plain->len && buf_str(plain)[plain->len - 1] == ' ')
        plain->len--, plain->data[plain->len] = 0;
}

static void columns_values(const ask_schema_t *s, const ask_table_t *t, buf_t *b)
{
    static const char *const names[] = {"position", "column", "type", "size", "notes"};
    rows_t r = {.alias = "c", .names = names, .ncols = 5};
    rows_open(b, s);
    for (int i = 0; i < t->ncols; i++) {
        buf_t note = {0}, plain = {0}, size = {0}, c[5] = {{0}};
        column_note(s, &t->cols[i], &note);
        type_and_size(t->cols[i].type, &plain, &size);
        buf_printf(&c[0], "%d", i + 1);
        const char *cells[] = {buf_str(&c[0]), lit(s, &c[1], t->cols[i].name),
                               lit(s, &c[2], buf_str(&plain)), lit(s, &c[3], buf_str(&size)),
                               lit(s, &c[4], buf_str(&note))};
        rows_add(b, s, &r, cells);
        for (int k = 0; k < 5; k++)
            buf_free(&c[k]);
        buf_free(&note);
        buf_free(&plain);
        buf_free(&size);
    }
    rows_close(b, s, &r);
    buf_puts(b, " ORDER BY ");
    order_by_names(s, b, names, 1);
}

/* The SQL for a catalog plan. */
char *catalog_sql(const ask_schema_t *s, const ask_q_t *q)
{
    buf_t b = {0};
    const ask_table_t *t = q->table >= 0 ? &s->tables[q->table] : NULL;
    switch (q->cat) {
    case CAT_TABLES:
    case CAT_RELATIONS:
        tables_values(s, q->cat, &b);
        break;
    case CAT_COLUMNS:
        columns_values(s, t, &b);
        break;
    case CAT_SAMPLE:
        buf_puts(&b, "SELECT * FROM ");
        put_table(s, &b, t);
        buf_printf(&b, " LIMIT %d", q->limit > 0 ? q->limit : SAMPLE_DEFAULT);
        break;
    case CAT_COUNT:
        buf_puts(&b, "SELECT count(*) AS ");
        dialect_ident(s, &b, "rows");
        buf_puts(&b, " FROM ");
        put_table(s, &b, t);
        break;
    default:  /* CAT_COLUMN: its values and how often each occurs */
        buf_puts(&b, "SELECT ");
        dialect_ident(s, &b, t->cols[q->column].name);
        buf_puts(&b, ", count(*) AS ");
        dialect_ident(s, &b, "rows");
        buf_puts(&b, " FROM ");
        put_table(s, &b, t);
        if (s->dialect->no_positions) {  /* by alias where positions are not read */
            buf_puts(&b, " GROUP BY ");
            dialect_ident(s, &b, t->cols[q->column].name);
            buf_puts(&b, " ORDER BY ");
            dialect_ident(s, &b, "rows");
            buf_puts(&b, " DESC, ");
            dialect_ident(s, &b, t->cols[q->column].name);
            buf_puts(&b, " LIMIT 50");
        } else {
            buf_puts(&b, " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50");
        }
    }
    return buf_detach(&b);
}
