/* guards.c — readings a plan must not take in silence, checked once the
 * plan is assembled: a value said after "by" whose first word names a
 * column ("crashes by weather condition"), a value right before another
 * column's noun that is also a column's first word ("cargo types"), both
 * asked; and a grouping by a table whose label most rows share, made each
 * row's ("food listings that got more than one claim": the key beside the
 * name). */
#include "ask/internal.h"

#include <string.h>

/* "crashes by weather condition": the value 'Weather Conditions' of
 * environment_factor, or a grouping by the weather column its first word
 * names? Asked, naming both. */
void guards_by_value(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, const ask_mention_t *v)
{
    const ask_table_t *t = &s->tables[v->t];
    for (int c = 0; v->len >= 2 && c < t->ncols; c++)
        if (c != v->c && t->cols[c].nw && !strcmp(t->cols[c].w[0], tk->t[v->pos].stem) && !t->cols[c].pk) {
            p->amb[0] = (ask_colref_t){v->t, v->c}, p->amb[1] = (ask_colref_t){v->t, c}, p->namb = 2;
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_COLUMN;
            return;
        }
}

/* "top 3 cargo types by tonnage" where 'Cargo' is a value of ballast_cargo_bc
 * and cargo_desc a column: "types" of the cargo rows, or the cargo's own
 * kinds? A one-word value that is the first word of another column of its
 * table, said right before a column noun, asks, naming both columns. */
void guards_value_or_kind(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i + 1 < p->nm; i++) {
        const ask_mention_t *v = &p->m[i], *n = &p->m[i + 1];
        if (v->kind != PH_VALUE || v->len != 1 || v->nalt || n->kind != PH_COLUMN ||
            n->pos != v->pos + 1 || n->t != v->t || n->c == v->c)
            continue;
        const ask_table_t *t = &s->tables[v->t];
        for (int c = 0; c < t->ncols; c++)
            if (c != v->c && c != n->c && t->cols[c].nw > 1 && !strcmp(t->cols[c].w[0], tk->t[v->pos].stem)) {
                p->amb[0] = (ask_colref_t){n->t, n->c}, p->amb[1] = (ask_colref_t){v->t, c}, p->namb = 2;
                p->ambiguous = p->ambiguous ? p->ambiguous : AMB_COLUMN;
                return;
            }
    }
}

/* "food listings that got more than one claim": the related rows counted
 * per listing named as a table, whose label most listings share ("Rice"),
 * are each listing's — its key beside the name — not each name's. */
void guards_each_row(const ask_schema_t *s, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    int t = q->ndims == 1 ? q->dims[0].t : -1;
    if (t < 0 || q->kind != Q_AGG || q->grain || q->m.t == t || q->dims[0].c != s->tables[t].label ||
        s->tables[t].pk < 0 || !lexicon_label_is_category(&s->tables[t]))
        return;
    const ask_table_t *tb = &s->tables[t];  /* generations.generation: the table's noun is its label */
    if (!tb->nw || !strcmp(tb->cols[tb->label].w[0], tb->w[tb->nw - 1]))
        return;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].role == R_DIM && p->m[i].t == t) {
            q->dims[q->ndims++] = (ask_colref_t){t, s->tables[t].pk};
            return;
        }
}
