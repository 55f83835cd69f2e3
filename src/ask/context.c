/* context.c — the schema as an LLM prompt (tables ranked by how well they
 * match the question, cut to a size) and starter questions for an empty
 * chat. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int word_in(const ask_toks_t *tk, const char *stem)
{
    for (int i = 0; i < tk->n; i++)
        if (!strcmp(tk->t[i].stem, stem))
            return 1;
    return 0;
}

static double table_score(const ask_schema_t *s, int t, const ask_toks_t *tk)
{
    const ask_table_t *tb = &s->tables[t];
    double sc = 0;
    for (int k = 0; k < tb->nw; k++)
        sc += 3 * word_in(tk, tb->w[k]);
    for (int c = 0; c < tb->ncols; c++)
        for (int k = 0; k < tb->cols[c].nw; k++)
            sc += word_in(tk, tb->cols[c].w[k]) && strcmp(tb->cols[c].w[k], "id");
    return sc;
}

static void table_line(const ask_schema_t *s, int t, int with_samples, buf_t *b)
{
    const ask_table_t *tb = &s->tables[t];
    buf_printf(b, "%s.%s%s(", tb->schema, tb->name, tb->is_view ? " [view] " : "");
    for (int c = 0; c < tb->ncols; c++) {
        const ask_col_t *col = &tb->cols[c];
        buf_printf(b, "%s%s %s%s", c ? ", " : "", col->name, col->type, col->pk ? " pk" : "");
        if (col->fk_table >= 0)
            buf_printf(b, " -> %s.%s", s->tables[col->fk_table].name,
                       s->tables[col->fk_table].cols[col->fk_col].name);
        if (with_samples && col->kind == CK_TEXT && col->nsamples && col->nsamples <= 12 &&
            col->n_distinct > 0) {
            buf_puts(b, " e.g. ");
            for (int v = 0; v < col->nsamples && v < 5; v++)
                buf_printf(b, "%s'%.30s'", v ? "/" : "", col->samples[v]);
        }
    }
    buf_printf(b, ") ~%.0f rows\n", tb->rows);
}

char *ask_schema_context(const ask_schema_t *s, const char *question, size_t max_chars)
{
    return ask_schema_context_for(s, question, max_chars, 1, NULL);
}

char *ask_schema_context_for(const ask_schema_t *s, const char *question, size_t max_chars,
                             int with_samples, int *left_out)
{
    int skipped = 0;
    ask_toks_t tk = {0};
    char err[64];
    if (words_split(question ? question : "", &tk, err, sizeof err) < 0)
        tk.n = 0;
    int n = s->ntables;
    int *order = xmalloc((size_t)(n ? n : 1) * sizeof *order);
    double *score = xmalloc((size_t)(n ? n : 1) * sizeof *score);
    for (int t = 0; t < n; t++) {
        order[t] = t;
        score[t] = table_score(s, t, &tk) + s->tables[t].rows * 1e-12;
    }
    for (int e = 0; e < s->nedges; e++)  /* neighbours of a match come along */
        if (score[s->edges[e].from_t] >= 3 || score[s->edges[e].to_t] >= 3)
            score[s->edges[e].from_t] += 0.5, score[s->edges[e].to_t] += 0.5;
    for (int i = 1; i < n; i++)  /* insertion sort, best first, stable */
        for (int j = i; j > 0 && score[order[j]] > score[order[j - 1]]; j--) {
            int x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    buf_t out = {0}, line = {0};
    for (int i = 0; i < n; i++) {
        buf_reset(&line);
        table_line(s, order[i], with_samples, &line);
        if (out.len + line.len <= max_chars)
            buf_append(&out, line.data, line.len);
        else
            skipped++;
    }
    if (left_out)
        *left_out = skipped;
    buf_free(&line);
    free(order);
    free(score);
    words_free(&tk);
    return buf_detach(&out);
}

static void suggest(json_t *a, int n, const char *text)
{
    if ((int)json_array_size(a) < n)
        json_array_append_new(a, json_string(text));
}

json_t *ask_suggestions(const ask_schema_t *s, int n)
{
    json_t *a = json_array();
    char q[300];
    int fact = -1, rev = -1, qc, pc;
    for (int t = 0; t < s->ntables; t++) {
        if (s->tables[t].time >= 0 && (fact < 0 || s->tables[t].rows > s->tables[fact].rows))
            fact = t;
        if (lexicon_revenue_cols(s, t, &qc, &pc) == 0)
            rev = t;
    }
    if (fact >= 0) {
        snprintf(q, sizeof q, "How many %s per month?", s->tables[fact].name);
        suggest(a, n, q);
    }
    for (int e = 0; e < s->nedges && rev >= 0; e++) {  /* "Top 10 products by revenue" */
        int t = s->edges[e].to_t;
        if (s->edges[e].from_t == rev && s->tables[t].label >= 0 &&
            s->tables[t].label != s->tables[t].pk) {
            snprintf(q, sizeof q, "Top 10 %s by revenue", s->tables[t].name);
            suggest(a, n, q);
            break;
        }
    }
    if (rev >= 0)
        suggest(a, n, "Revenue by month this year");
    for (int t = 0; t < s->ntables; t++)
        if (t != fact && s->tables[t].label >= 0 && s->tables[t].label != s->tables[t].pk &&
            s->tables[t].rows > 100) {
            snprintf(q, sizeof q, "How many %s are there?", s->tables[t].name);
            suggest(a, n, q);
            break;
        }
    suggest(a, n, "What tables are there?");
    return a;
}
