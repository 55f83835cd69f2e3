/* places.c — a place named by its name alone is not one place: "which
 * cities have more than 5 airports" over airports.city groups London,
 * England with London, Ontario. A city (or town) column grouped beside a
 * country (or state, province) column of the same rows is grouped by both,
 * and both are shown — unless the question fixed the country, or named the
 * cities, already. */
#include "ask/internal.h"

#include <string.h>
#include <strings.h>

/* The text column of table t, not a key, whose last word is in words and
 * whose words before it are those of column like ("ship_country" beside
 * "ship_city", "country" beside "city" — not "ship_country" beside "city"); -1. */
static int text_col_named(const ask_table_t *t, const ask_col_t *like, const char *const *words)
{
    for (int c = 0; c < t->ncols; c++) {
        const ask_col_t *col = &t->cols[c];
        int same = col->nw == like->nw;
        for (int k = 0; same && k + 1 < col->nw; k++)
            same = !strcmp(col->w[k], like->w[k]);
        if (col->kind == CK_TEXT && !col->pk && col->fk_table < 0 && same && col->nw &&
            words_in(col->w[col->nw - 1], words))
            return c;
    }
    return -1;
}

void places_add_country(const ask_schema_t *s, ask_parse_t *p)
{
    static const char *const towns[] = {"city", "town", "village", "municipality", NULL};
    static const char *const lands[] = {"country", "state", "province", NULL};
    ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->ndims != 1 || q->ndims >= ASK_MAX_DIMS)
        return;
    int t = q->dims[0].t, c = q->dims[0].c;
    const ask_table_t *tb = &s->tables[t];
    const ask_col_t *col = &tb->cols[c];
    if (col->kind != CK_TEXT || col->pk || !col->nw || !words_in(col->w[col->nw - 1], towns))
        return;
    int land = text_col_named(tb, col, lands);
    for (int i = 0; i < q->nf && land >= 0; i++)
        if (q->f[i].col.t == t && (q->f[i].col.c == land || q->f[i].col.c == c))
            return;  /* "cities in Germany": one country; "in Leeds and Bonn": those named */
    if (land >= 0)
        q->dims[q->ndims++] = (ask_colref_t){t, land};
}

/* A country's short form and the name a country column keeps it by. */
static const char *const short_lands[][2] = {
    {"US", "United States"}, {"USA", "United States"}, {"UK", "United Kingdom"},
    {"UAE", "United Arab Emirates"},
};

/* The text column of the schema whose words say it holds countries and
 * whose sampled values (if sampled) hold the name land; -1. */
static int country_col(const ask_schema_t *s, const char *land, int *tt)
{
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            int held = col->nsamples == 0;
            for (int k = 0; k < col->nsamples && !held; k++)
                held = !strncasecmp(col->samples[k], land, strlen(land));
            if (col->kind == CK_TEXT && !col->pk && held &&
                lexicon_col_has_word(col, (const char *const[]){"country", "nation", NULL})) {
                *tt = t;
                return c;
            }
        }
    return -1;
}

void places_short_country(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm && !p->ambiguous; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->len != 1 || m->c < 0)
            continue;
        const ask_table_t *tb = &s->tables[m->t];
        if (lexicon_col_has_word(&tb->cols[m->c], (const char *const[]){"country", "nation", NULL}) ||
            words_in(tb->w[tb->nw ? tb->nw - 1 : 0], (const char *const[]){"country", "nation", NULL}))
            continue;  /* a country's own code or name */
        for (size_t k = 0; k < sizeof short_lands / sizeof *short_lands; k++) {
            int t, c;
            if (strcmp(tk->t[m->pos].raw, short_lands[k][0]) || (c = country_col(s, short_lands[k][1], &t)) < 0)
                continue;
            roles_set_ambiguous(p, AMB_COLUMN, NULL);  /* "UK airlines": the code 'UK', */
            p->amb[0] = (ask_colref_t){m->t, m->c};     /* or the United Kingdom? */
            p->amb[1] = (ask_colref_t){t, c}, p->namb = 2;
            return;
        }
    }
}

/* "airports in London": a value said after "in" or "from", found in a
 * table's name column and in a place column of the same table (the
 * airport named London, Ontario's; the airports whose city is London) is
 * the place — and so is one said after "each", "every" or "all" ("each
 * London airport": several, so not the one named London). */
void places_value_in(const ask_schema_t *s, const ask_toks_t *tk, ask_mention_t *m)
{
    static const char *const lands[] = {"city", "town", "village", "country", "state", "province",
                                        "region", "county", "district", NULL};
    if (!m->nalt || m->pos < 1 || !words_in(tk->t[m->pos - 1].low, (const char *const[]){"in", "from", "each",
            "every", "all", NULL}))
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, places = 0;
    for (int k = 0; k < n; k++) {
        ask_reading_t r = roles_reading(m, k);
        const ask_col_t *c = &s->tables[r.t].cols[r.c];
        if (r.t != m->t)
            return;
        keep[k] = c->nw && words_in(c->w[c->nw - 1], lands);
        places += keep[k];
    }
    if (places && places < n)
        roles_keep_readings(m, keep);
}
