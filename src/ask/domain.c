/* domain.c — the words of the database's own name. A database called
 * measles_surveillance holds measles cases and nothing else, so "measles"
 * in "how many measles cases in 2019" narrows nothing: it says what every
 * row is about. Such a word is accounted for where it stands right before
 * a table's (or a column's) noun — "measles cases", "avalanche incidents",
 * "COVID studies" —, and a value that spells it there ('COVID' an acronym,
 * 'chocolate' a tasting note) is no filter. Said elsewhere it is left to
 * the rest of the planner ("sellers" of seller_listings may be what is
 * counted). Read from discovery's "database" (the connection's database
 * name), absent for ClickHouse. */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The name's words as written, lower-case ("covid_trials_2020": covid,
 * trials; "nuforc_ufo_reports": ufo); numbers, stop words and words under
 * three letters are no domain ("us", 2020). */
void domain_load(ask_schema_t *s, const char *database)
{
    size_t n = database ? strlen(database) : 0;
    s->domain = xcalloc(n + 2, sizeof *s->domain);
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && isalpha((unsigned char)database[k]))
            k++;
        if (k - i >= 3 && k - i < 48) {
            char w[48];
            for (size_t c = i; c < k; c++)
                w[c - i] = (char)tolower((unsigned char)database[c]);
            w[k - i] = '\0';
            if (!words_is_stop(w)) {  /* the word, then its stem */
                s->domain[2 * s->ndomain] = xstrdup(w);
                s->domain[2 * s->ndomain++ + 1] = words_stem(w);
            }
        }
        i = k < n ? k + 1 : n;
    }
}

/* The word as the name writes it, its stem as the name's, or its plural
 * ("avalanche" of tirol_avalanches, "tornado" of us_tornadoes) — nothing
 * nearer: "meteorits" stays a slip of meteorites for typos.c to read,
 * "reviewed" is no word of coffee_reviews. */
static int domain_is_word(const ask_schema_t *s, const ask_tok_t *t)
{
    for (int i = 0; i < s->ndomain; i++) {
        const char *d = s->domain[2 * i];
        size_t n = strlen(t->low);
        if (!strcmp(d, t->low) || (!strncmp(d, t->low, n) && (!strcmp(d + n, "s") || !strcmp(d + n, "es"))) ||
            !strcmp(s->domain[2 * i + 1], t->stem))
            return 1;
    }
    return 0;
}

/* 1 when a table's or column's phrase starts at token i. */
static int noun_at(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    const ask_phrase_t *ph[8];
    int n = i < tk->n ? lexicon_match(s, tk, i, ph, 8) : 0;
    for (int k = 0; k < n; k++)
        if (ph[k]->kind == PH_TABLE || (ph[k]->kind == PH_COLUMN &&  /* "sellers created": a verb */
                                         !lexicon_col_is_time(&s->tables[ph[k]->table].cols[ph[k]->column])))
            return 1;
    return 0;
}

/* 1 when columns a and b have the same words but the k-th. */
static int differ_at(const ask_col_t *a, const ask_col_t *b, int k)
{
    if (a == b || a->nw != b->nw || !strcmp(a->w[k], b->w[k]))
        return 0;
    for (int i = 0; i < a->nw; i++)
        if (i != k && strcmp(a->w[i], b->w[i]))
            return 0;
    return 1;
}

/* 1 when the word tells a table's columns apart ("refuse" of refuse_tons
 * beside paper_tons): it names a column, it is no domain. */
static int tells_columns_apart(const ask_schema_t *s, const char *stem)
{
    for (int t = 0; t < s->ntables; t++) {
        const ask_table_t *tb = &s->tables[t];
        for (int c = 0; c < tb->ncols; c++)
            for (int k = 0; k < tb->cols[c].nw; k++)
                for (int o = 0; !strcmp(tb->cols[c].w[k], stem) && o < tb->ncols; o++)
                    if (differ_at(&tb->cols[c], &tb->cols[o], k))
                        return 1;
    }
    return 0;
}

/* Before the mentions are read: a name word said right before a noun of
 * the schema, itself no noun of it nor the word that tells two columns
 * apart, is used up. */
void domain_scan(const ask_schema_t *s, ask_toks_t *tk)
{
    for (int i = 0; i + 1 < tk->n; i++)
        if (!tk->t[i].used && !tk->t[i].ends && domain_is_word(s, &tk->t[i]) && !noun_at(s, tk, i) &&
            noun_at(s, tk, i + 1) && !tells_columns_apart(s, tk->t[i].stem))
            tk->t[i].used = 1;
}
