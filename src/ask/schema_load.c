/* schema_load.c — an ask_schema_t from the discovered schema's JSON: its
 * tables and columns, their prefixes stripped, the foreign-key graph
 * (declared, or inferred from *_id / *Id columns naming a table), the
 * connection's vocabulary; then lexicon.c indexes it all by words. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *jstr(const json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

static int load_table(ask_table_t *t, const json_t *jt)
{
    t->schema = xstrdup(jstr(jt, "schema"));
    t->name = xstrdup(jstr(jt, "name"));
    t->is_view = !strcmp(jstr(jt, "type"), "view");
    t->rows = json_number_value(json_object_get(jt, "row_estimate"));
    const json_t *cols = json_object_get(jt, "columns");
    size_t n = json_is_array(cols) ? json_array_size(cols) : 0;
    t->cols = xcalloc(n ? n : 1, sizeof *t->cols);
    t->pk = -1;
    for (size_t i = 0; i < n; i++) {
        lexicon_load_column(&t->cols[t->ncols], json_array_get(cols, i));
        if (t->cols[t->ncols].pk)
            t->pk = t->pk == -1 ? t->ncols : -2;
        t->ncols++;
    }
    if (t->pk < 0)
        t->pk = -1;
    t->nw = words_ident(t->name, &t->w);
    t->label = lexicon_pick_label(t);
    t->label2 = lexicon_pick_label2(t);
    t->time = lexicon_pick_time(t);
    return *t->name ? 0 : -1;
}

static void drop_first_word(char ***w, int *nw)
{
    free((*w)[0]);
    memmove(*w, *w + 1, (size_t)(*nw - 1) * sizeof **w);
    (*nw)--;
}

/* "tbl_orders", "dim_customer", "sbCustomer" in a schema where every table
 * starts with "sb", "c_name" beside "c_city": a marker no one says aloud.
 * Dropped from the words (never from the names the SQL uses). */
static void strip_prefixes(ask_schema_t *s)
{
    static const char *const markers[] = {"tbl", "tb", "t", "dim", "fact", "fct", "stg", "vw", NULL};
    int common = s->ntables >= 2;
    for (int t = 0; t < s->ntables && common; t++)
        common = s->tables[t].nw >= 2 && !strcmp(s->tables[t].w[0], s->tables[0].w[0]);
    for (int t = 0; t < s->ntables; t++) {
        ask_table_t *tb = &s->tables[t];
        if (tb->nw >= 2 && (common || words_in(tb->w[0], markers)))
            drop_first_word(&tb->w, &tb->nw);
        int shared = tb->ncols >= 2;  /* every column starts with the same short word */
        for (int c = 0; c < tb->ncols && shared; c++)
            shared = tb->cols[c].nw >= 2 && strlen(tb->cols[0].w[0]) <= 3 &&
                     !strcmp(tb->cols[c].w[0], tb->cols[0].w[0]);
        for (int c = 0; c < tb->ncols && shared; c++)
            drop_first_word(&tb->cols[c].w, &tb->cols[c].nw);
    }
}

/* 1 when table tb's key can be what column c ("team_id") holds: a key
 * named "id", or named as c is — not teams.member_id, whose rows are
 * members (a team_id there is a column of the members). */
static int key_answers(const ask_table_t *tb, const ask_col_t *c)
{
    const ask_col_t *k = &tb->cols[tb->pk];
    if (k->nw == 1)
        return 1;
    if (k->nw > c->nw)
        return 0;
    for (int i = 1; i <= k->nw; i++)  /* shipping_country_id -> country_id */
        if (strcmp(k->w[k->nw - i], c->w[c->nw - i]))
            return 0;
    return 1;
}

/* "shipping_country_id" / "customerId" -> the table its words name. */
static int infer_fk_table(const ask_schema_t *s, int self, const ask_col_t *c)
{
    if (c->nw < 2 || strcmp(c->w[c->nw - 1], "id") || c->pk)
        return -1;
    for (int start = 0; start < c->nw - 1; start++)  /* longest name first */
        for (int t = 0; t < s->ntables; t++) {
            const ask_table_t *tb = &s->tables[t];
            if (t == self || tb->pk < 0 || tb->nw != c->nw - 1 - start || !key_answers(tb, c))
                continue;
            int ok = 1;
            for (int k = 0; k < tb->nw && ok; k++)
                ok = !strcmp(tb->w[k], c->w[start + k]);
            if (ok)
                return t;
        }
    return -1;
}

static void add_edge(ask_schema_t *s, int *cap, int ft, int fc, int tt, int tc)
{
    if (s->nedges == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        s->edges = xrealloc(s->edges, (size_t)*cap * sizeof *s->edges);
    }
    s->edges[s->nedges++] = (ask_edge_t){ft, fc, tt, tc};
    s->tables[ft].cols[fc].fk_table = tt;
    s->tables[ft].cols[fc].fk_col = tc;
}

/* 1 when table t has a declared key to table tt (edges so far are declared). */
static int declared_to(const ask_schema_t *s, int t, int tt)
{
    for (int e = 0; e < s->nedges; e++)
        if (s->edges[e].from_t == t && s->edges[e].to_t == tt)
            return 1;
    return 0;
}

static void load_fks(ask_schema_t *s, const json_t *tables)
{
    int cap = 0;
    /* declared keys first; then keys inferred from names — but not a second
     * way to a table a declared key already reaches, in text where the key
     * is a number (chart_entries.track_id is the key, the text
     * spotify_track_id an attribute beside it) */
    for (int pass = 0; pass < 2; pass++)
    for (int t = 0; t < s->ntables; t++) {
        const json_t *cols = json_object_get(json_array_get(tables, (size_t)t), "columns");
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const json_t *fk = json_object_get(json_array_get(cols, (size_t)c), "fk");
            int tt = json_is_object(fk) ? lexicon_find_table(s, jstr(fk, "table")) : -1;
            int tc = lexicon_find_column(s, tt, jstr(fk, "column"));
            if ((tt >= 0 && tc >= 0) != !pass)
                continue;
            if (pass) {
                tt = infer_fk_table(s, t, &s->tables[t].cols[c]);
                tc = tt >= 0 && !(declared_to(s, t, tt) && (s->tables[t].cols[c].kind == CK_TEXT) !=
                                  (s->tables[tt].cols[s->tables[tt].pk].kind == CK_TEXT)) ? s->tables[tt].pk : -1;
            }
            /* A key NULL on every row links no row: a join through it would
             * find nothing, an anti-join everything ("books not returned"
             * through a return table whose book column was never filled). */
            if (tt >= 0 && tc >= 0 && !s->tables[t].cols[c].always_null)
                add_edge(s, &cap, t, c, tt, tc);
        }
    }
}

/* course(course_id, title, dept_name → department): the label picked
 * before the keys were known was the department's name; with the keys
 * known, the course's own title. */
static void relabel_key_names(ask_schema_t *s)
{
    for (int t = 0; t < s->ntables; t++) {
        ask_table_t *tb = &s->tables[t];
        if (tb->label >= 0 && tb->cols[tb->label].fk_table >= 0 && tb->cols[tb->label].fk_table != t) {
            tb->label = lexicon_pick_label(tb);
            tb->label2 = lexicon_pick_label2(tb);
        }
    }
}

/* "therapist" keyed by staffid → staff, "artist" by performer_id →
 * performer: a kind of the parent, named by the parent's name. Its label
 * becomes its key (shown by the parent's label) unless it has a name of
 * its own ("artist_name"; a stage_name, empty for some, is not one). */
static void subtype_labels(ask_schema_t *s)
{
    for (int t = 0; t < s->ntables; t++) {
        ask_table_t *tb = &s->tables[t];
        int label = tb->label;
        if (tb->pk < 0 || (label >= 0 && lexicon_col_is_own_name(tb, label)))
            continue;
        tb->label = tb->pk;  /* by its key, if the parent it names has a name */
        if (lexicon_named_by(s, t) == t)
            tb->label = label;
        else
            tb->label2 = -1;
    }
}

static int load_vocab(ask_schema_t *s, const json_t *voc, char *err, size_t errlen)
{
    size_t n = json_is_array(voc) ? json_array_size(voc) : 0;
    s->vocab = xcalloc(n ? n : 1, sizeof *s->vocab);
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(voc, i);
        ask_vocab_t *x = &s->vocab[s->nvocab];
        const char *expr = json_string_value(json_object_get(v, "expression"));
        x->is_metric = !strcmp(jstr(v, "kind"), "metric");
        x->table = lexicon_find_table(s, jstr(v, "table"));
        x->column = lexicon_find_column(s, x->table, jstr(v, "column"));
        if (!*jstr(v, "term") || x->table < 0 || (x->is_metric && !expr) ||
            (!x->is_metric && x->column < 0))
            continue;  /* names something this connection cannot see */
        if (expr && (strchr(expr, ';') || strstr(expr, "--") || strstr(expr, "/*"))) {
            snprintf(err, errlen, "metric \"%s\": an expression may not hold ';' or comments",
                     jstr(v, "term"));
            return -1;
        }
        x->term = xstrdup(jstr(v, "term"));
        x->desc = xstrdup(jstr(v, "description"));
        x->expr = expr ? xstrdup(expr) : NULL;
        ask_toks_t tk;
        char e2[8];
        if (words_split(x->term, &tk, e2, sizeof e2) == 0) {
            x->w = xmalloc((size_t)(tk.n ? tk.n : 1) * sizeof *x->w);
            for (int k = 0; k < tk.n; k++)
                x->w[x->nw++] = xstrdup(tk.t[k].stem);
            words_free(&tk);
        }
        s->nvocab++;
    }
    return 0;
}

ask_schema_t *ask_schema_new(const json_t *discovered, const json_t *vocabulary,
                             char *err, size_t errlen)
{
    return ask_schema_new_with(discovered, vocabulary, NULL, err, errlen);
}

ask_schema_t *ask_schema_new_with(const json_t *discovered, const json_t *vocabulary,
                                  const ask_schema_opts_t *o, char *err, size_t errlen)
{
    const json_t *tables = json_object_get(discovered, "tables");
    if (!json_is_array(tables)) {
        snprintf(err, errlen, "the schema has no \"tables\" list");
        return NULL;
    }
    ask_schema_t *s = xcalloc(1, sizeof *s);
    s->dialect = dialect_or_pg(o ? o->dialect : NULL);
    size_t n = json_array_size(tables);
    s->tables = xcalloc(n ? n : 1, sizeof *s->tables);
    for (size_t i = 0; i < n; i++, s->ntables++)
        if (load_table(&s->tables[i], json_array_get(tables, i)) < 0) {
            snprintf(err, errlen, "table %zu of the schema has no name", i + 1);
            s->ntables++;
            goto fail;
        }
    strip_prefixes(s);
    load_fks(s, tables);
    relabel_key_names(s);
    lexicon_numbers_in_text(s);
    subtype_labels(s);
    if (load_vocab(s, vocabulary, err, errlen) < 0)
        goto fail;
    lexicon_build_index(s);
    domain_load(s, json_string_value(json_object_get(discovered, "database")));
    return s;
fail:
    ask_schema_free(s);
    return NULL;
}

void ask_schema_free(ask_schema_t *s)
{
    if (!s)
        return;
    for (int t = 0; t < s->ntables; t++) {
        ask_table_t *tb = &s->tables[t];
        for (int c = 0; c < tb->ncols; c++) {
            ask_col_t *col = &tb->cols[c];
            free(col->name);
            free(col->type);
            words_free_list(col->samples, col->nsamples);
            words_free_list(col->w, col->nw);
        }
        free(tb->cols);
        free(tb->schema);
        free(tb->name);
        words_free_list(tb->w, tb->nw);
    }
    words_free_list(s->domain, 2 * s->ndomain);
    for (int v = 0; v < s->nvocab; v++) {
        free(s->vocab[v].term);
        free(s->vocab[v].desc);
        free(s->vocab[v].expr);
        words_free_list(s->vocab[v].w, s->vocab[v].nw);
    }
    for (int p = 0; p < s->nph; p++)
        words_free_list(s->ph[p].w, s->ph[p].nw);
    free(s->ph);
    free(s->edges);
    free(s->vocab);
    free(s->tables);
    free(s);
}
