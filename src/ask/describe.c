/* describe.c — one plain-English sentence per table and per column, from
 * what the planner already knows of the schema (lexicon.c, lexicon_roles.c):
 * what a row is, its key, the column that names it, the date that places it
 * in time, its links (declared or inferred foreign keys, link tables), what
 * a column is for (money, a quantity, a flag, a year, lists), a few sampled
 * values of a low-cardinality text column, the span of its dates, a
 * vocabulary term defined on it.
 * A database comment, where discovery read one, follows the sentence, said
 * to be the database's (the owner's words, beside what the data shows).
 * Nothing is guessed beyond that: a column the planner knows nothing about
 * is only its type. Deterministic: the same schema gives the same words. */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DESCRIBE_MAX_VALUES 20   /* a text column with at most this many values lists them */
#define DESCRIBE_SHOWN_VALUES 6  /* of which at most this many are written */
#define DESCRIBE_VALUE_BYTES 40  /* of each, at most this many bytes */

/* The discovered comment of table t (column c, or -1), or NULL when none. */
static const char *comment_of(const json_t *discovered, int t, int c)
{
    const json_t *jt = json_array_get(json_object_get(discovered, "tables"), (size_t)t);
    const json_t *o = c < 0 ? jt : json_array_get(json_object_get(jt, "columns"), (size_t)c);
    const char *v = json_string_value(json_object_get(o, "comment"));
    while (v && isspace((unsigned char)*v))
        v++;
    return v && *v ? v : NULL;
}

/* An identifier as lower-case words: "OrderLines" → "order lines". */
static void put_words(buf_t *b, const char *ident)
{
    size_t start = b->len;
    for (const char *p = ident; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        int upper_after_lower = p > ident && isupper(ch) && islower((unsigned char)p[-1]);
        if ((ch == '_' || ch == ' ' || ch == '-' || upper_after_lower) && b->len > start &&
            b->data[b->len - 1] != ' ')
            buf_putc(b, ' ');
        if (ch != '_' && ch != ' ' && ch != '-')
            buf_putc(b, (char)tolower(ch));
    }
}

/* The last word's singular when the stem is plainly it ("orders" → order,
 * "categories" → category); a synonym fold ("states" → status) is not. */
static char *singular_of(const char *w)
{
    char *st = words_stem(w);
    size_t n = strlen(st);
    if (n >= 2 && strncmp(st, w, n - 1) == 0)
        return st;
    free(st);
    return NULL;
}

/* 1 when the name's last word is a plural ("order_items"). */
static int name_is_plural(const char *name)
{
    buf_t b = {0};
    put_words(&b, name);
    const char *all = buf_str(&b), *last = strrchr(all, ' ');
    int plural = words_is_plural(last ? last + 1 : all);
    buf_free(&b);
    return plural;
}

/* "order" for orders, "order item" for order_items; NULL when the name's
 * singular is not plain. New string. */
static char *row_noun(const ask_table_t *tb)
{
    buf_t b = {0};
    put_words(&b, tb->name);
    char *all = buf_detach(&b);
    char *last = strrchr(all, ' ');
    char *one = singular_of(last ? last + 1 : all);
    if (!one) {
        free(all);
        return NULL;
    }
    if (last)
        last[1] = '\0';
    else
        all[0] = '\0';
    char *r = xmalloc(strlen(all) + strlen(one) + 1);
    strcpy(r, all);
    strcat(r, one);
    free(all);
    free(one);
    return r;
}

/* "About 98,765 rows." — the estimate as discovery read it (the browser
 * shows the same number beside the table). */
static void put_rows(buf_t *b, double rows)
{
    if (rows < 0 || isnan(rows))
        return;
    if (rows == 0) {
        buf_puts(b, " No rows when last read.");
        return;
    }
    char n[32];
    buf_count_text(n, sizeof n, (size_t)rows);
    buf_printf(b, " About %s %s.", n, rows == 1 ? "row" : "rows");
}

/* ------------------------------------------------------------- tables */

/* "Links films and actors (film_id, actor_id)." for a link table. */
static void put_link(buf_t *b, const ask_schema_t *s, const ask_table_t *tb)
{
    int fks = 0, n = 0;
    for (int c = 0; c < tb->ncols; c++)
        fks += tb->cols[c].fk_table >= 0;
    buf_puts(b, "Links ");
    for (int c = 0; c < tb->ncols; c++) {
        if (tb->cols[c].fk_table < 0)
            continue;
        buf_puts(b, n == 0 ? "" : n == fks - 1 ? " and " : ", ");
        put_words(b, s->tables[tb->cols[c].fk_table].name);
        n++;
    }
    buf_puts(b, " (");
    for (int c = 0, k = 0; c < tb->ncols; c++)
        if (tb->cols[c].fk_table >= 0)
            buf_printf(b, "%s%s", k++ ? ", " : "", tb->cols[c].name);
    buf_puts(b, ").");
}

/* "One row per order (order_id), named by name, dated by order_date". */
static void put_row(buf_t *b, const ask_table_t *tb)
{
    char *noun = row_noun(tb);
    if (noun)
        buf_printf(b, "One row per %s", noun);
    else {
        buf_puts(b, "Rows of ");
        put_words(b, tb->name);
    }
    free(noun);
    if (tb->pk >= 0)
        buf_printf(b, " (%s)", tb->cols[tb->pk].name);
    if (tb->label >= 0 && tb->label != tb->pk) {
        buf_printf(b, ", named by %s", tb->cols[tb->label].name);
        if (tb->label2 >= 0)
            buf_printf(b, " and %s", tb->cols[tb->label2].name);
    }
    if (tb->time >= 0)
        buf_printf(b, ", dated by %s", tb->cols[tb->time].name);
}

/* "; each belongs to one customer (customer_id) and one staff (staff_id)" */
static void put_parents(buf_t *b, const ask_schema_t *s, int t)
{
    int n = 0;
    for (int e = 0; e < s->nedges; e++) {
        const ask_edge_t *ed = &s->edges[e];
        if (ed->from_t != t || ed->to_t == t)
            continue;
        buf_puts(b, n++ ? " and one " : "; each belongs to one ");
        char *noun = row_noun(&s->tables[ed->to_t]);
        if (noun)
            buf_puts(b, noun);
        else
            put_words(b, s->tables[ed->to_t].name);
        free(noun);
        buf_printf(b, " (%s)", s->tables[t].cols[ed->from_c].name);
    }
}

/* "; order items refer to it" — the tables whose rows point at this one. */
static void put_children(buf_t *b, const ask_schema_t *s, int t)
{
    int n = 0, total = 0, last = -1;
    for (int e = 0; e < s->nedges; e++)
        total += s->edges[e].to_t == t && s->edges[e].from_t != t;
    for (int e = 0; e < s->nedges; e++) {
        const ask_edge_t *ed = &s->edges[e];
        if (ed->to_t != t || ed->from_t == t)
            continue;
        buf_puts(b, n == 0 ? "; " : n == total - 1 ? " and " : ", ");
        put_words(b, s->tables[ed->from_t].name);
        last = ed->from_t;
        n++;
    }
    if (total)
        buf_puts(b, total == 1 && !name_is_plural(s->tables[last].name) ? " refers to it"
                                                                         : " refer to it");
}

/* Vocabulary terms defined on table t (column c, or -1 for metrics). */
static void put_terms(buf_t *b, const ask_schema_t *s, int t, int c)
{
    int n = 0;
    for (int v = 0; v < s->nvocab; v++) {
        const ask_vocab_t *x = &s->vocab[v];
        if (x->table != t || (c < 0 ? !x->is_metric : x->is_metric || x->column != c))
            continue;
        buf_printf(b, "%s\"%s\"", n++ ? ", " : c < 0 ? " Vocabulary: " : "; called ", x->term);
        if (x->desc && *x->desc)
            buf_printf(b, " (%s)", x->desc);
    }
    if (n && c < 0)
        buf_putc(b, '.');
}

/* " The database's comment: …." after the sentence, when it has one. */
static void put_comment(buf_t *b, const char *comment)
{
    if (!comment)
        return;
    buf_puts(b, " The database's comment: ");
    buf_puts(b, comment);
    if (!strchr(".!?", b->data[b->len - 1]))
        buf_putc(b, '.');
}

static char *describe_table(const ask_schema_t *s, const json_t *discovered, int t)
{
    const ask_table_t *tb = &s->tables[t];
    buf_t b = {0};
    if (lexicon_is_link(tb))
        put_link(&b, s, tb);
    else {
        if (tb->is_view)
            buf_puts(&b, "A view. ");
        put_row(&b, tb);
        put_parents(&b, s, t);
        put_children(&b, s, t);
        buf_putc(&b, '.');
    }
    put_terms(&b, s, t, -1);
    put_rows(&b, tb->rows);
    put_comment(&b, comment_of(discovered, t, -1));
    return buf_detach(&b);
}

/* ------------------------------------------------------------ columns */

static const char *kind_words(const ask_col_t *c)
{
    if (c->range)
        return c->kind == CK_DATE ? "period of dates (start to end)" : "period of time (start to end)";
    switch (c->kind) {
    case CK_INT: return "whole number";
    case CK_NUM: return "number";
    case CK_TEXT: return "text";
    case CK_DATE: return "date";
    case CK_TS: return "date and time";
    case CK_BOOL: return "yes/no";
    default: return NULL;
    }
}

/* The noun of a table's rows for "each order", or "row". New string. */
static char *each_noun(const ask_table_t *tb)
{
    char *n = row_noun(tb);
    return n ? n : xstrdup("row");
}

/* What the column is for, as the planner reads it; 0 when nothing. */
static int put_role(buf_t *b, const ask_schema_t *s, int t, int c)
{
    const ask_table_t *tb = &s->tables[t];
    const ask_col_t *col = &tb->cols[c];
    char *each = each_noun(tb);
    int said = 1;
    if (c == tb->pk)
        buf_printf(b, "the key: identifies each %s", each);
    else if (col->fk_table >= 0) {
        char *one = each_noun(&s->tables[col->fk_table]);
        buf_printf(b, "the %s each %s belongs to (%s.%s)", one, each,
                   s->tables[col->fk_table].name, s->tables[col->fk_table].cols[col->fk_col].name);
        free(one);
    } else if (c == tb->label)
        buf_printf(b, "names each %s", each);
    else if (c == tb->label2)
        buf_printf(b, "names each %s, with %s", each, tb->cols[tb->label].name);
    else if (c == tb->time)
        buf_printf(b, "the date that places each %s in time", each);
    else if (col->kind != CK_BOOL && lexicon_col_is_flag(col))
        buf_puts(b, "a yes/no flag");
    else if (lexicon_col_is_money(col))
        buf_puts(b, "money");
    else if (lexicon_col_is_qty(col))
        buf_puts(b, "a quantity");
    else if (lexicon_col_is_year(col))
        buf_puts(b, "a year");
    else
        said = 0;
    free(each);
    return said;
}

/* A sampled value, cut after DESCRIBE_VALUE_BYTES (on a character's
 * boundary) with "…": a long text says what it is in its first words. */
static void put_sample(buf_t *b, const char *v)
{
    size_t n = strlen(v);
    if (n <= DESCRIBE_VALUE_BYTES) {
        buf_append(b, v, n);
        return;
    }
    n = DESCRIBE_VALUE_BYTES;
    while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
        n--;
    buf_append(b, v, n);
    buf_puts(b, "…");
}

/* "one of shipped, pending, … (12 values)", "lists such as …", "such as …" */
static void put_values(buf_t *b, const ask_col_t *col)
{
    if (col->kind != CK_TEXT || col->nsamples == 0 || col->pk || col->fk_table >= 0 ||
        lexicon_col_is_flag(col))
        return;
    int few = col->n_distinct >= 1 && col->n_distinct <= DESCRIBE_MAX_VALUES;
    int all = few && col->nsamples >= (int)col->n_distinct;
    buf_puts(b, col->lists ? ", lists such as " : few ? ", one of " : ", such as ");
    int shown = col->nsamples < DESCRIBE_SHOWN_VALUES ? col->nsamples : DESCRIBE_SHOWN_VALUES;
    if (col->lists || !few)
        shown = shown < 3 ? shown : 3;
    for (int i = 0; i < shown; i++) {
        buf_puts(b, i ? ", " : "");
        put_sample(b, col->samples[i]);
    }
    if (few && !all)
        buf_printf(b, ", … (%.0f values)", col->n_distinct);
    else if (few && shown < col->nsamples)
        buf_printf(b, ", … (%d values)", col->nsamples);
}

/* ", from 1996-07-04 to 1998-05-06" / ", from 1930 to 2022": what the
 * dates cover, as discovery read them (engine/ranges.c) */
static void put_span(buf_t *b, const ask_col_t *col)
{
    if (!col->lo[0])
        return;
    if (lexicon_col_is_year(col))
        buf_printf(b, ", from %.4s to %.4s", col->lo, col->hi);
    else
        buf_printf(b, ", from %s to %s", col->lo, col->hi);
}

static char *describe_column(const ask_schema_t *s, const json_t *discovered, int t, int c)
{
    const ask_col_t *col = &s->tables[t].cols[c];
    buf_t b = {0};
    const char *kind = kind_words(col);
    buf_puts(&b, kind ? kind : col->type);
    buf_puts(&b, ", ");
    if (!put_role(&b, s, t, c))
        buf_truncate(&b, b.len - 2);
    put_values(&b, col);
    put_span(&b, col);
    put_terms(&b, s, t, c);
    buf_putc(&b, '.');
    b.data[0] = (char)toupper((unsigned char)b.data[0]);
    put_comment(&b, comment_of(discovered, t, c));
    return buf_detach(&b);
}

/* ------------------------------------------------------------- public */

ask_description_t *ask_describe(const ask_schema_t *s, const json_t *discovered, size_t *n)
{
    size_t cap = 0;
    for (int t = 0; t < s->ntables; t++)
        cap += 1 + (size_t)s->tables[t].ncols;
    ask_description_t *d = xcalloc(cap ? cap : 1, sizeof *d);
    *n = 0;
    for (int t = 0; t < s->ntables; t++) {
        const ask_table_t *tb = &s->tables[t];
        d[(*n)++] = (ask_description_t){tb->schema, tb->name, NULL,
                                        describe_table(s, discovered, t)};
        for (int c = 0; c < tb->ncols; c++)
            d[(*n)++] = (ask_description_t){tb->schema, tb->name, tb->cols[c].name,
                                            describe_column(s, discovered, t, c)};
    }
    return d;
}

void ask_descriptions_free(ask_description_t *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++)
        free(d[i].text);
    free(d);
}
