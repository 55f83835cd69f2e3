/* spellings.c — one value the data spells several ways: a filter on
 * "solo" finds 'Solo' too, one on "Central Park" 'Central  Park' (the
 * planner then asks whether all are meant: golds and people differ), one
 * on "Japan" (in a category column, not a list) takes 'Myoko, Japan'.
 * Only values the column's samples hold are added, and each is shown. */
#include "ask/internal.h"
#include "core/buf.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 when sample sv is v qualified by a place before it: "Myoko, Japan"
 * for "Japan", "Hong Kong, China" for "China" — in it, by its name. */
static int qualified_by(const char *sv, const char *v)
{
    size_t n = strlen(sv), k = strlen(v);
    return n > k + 2 && !strcasecmp(sv + n - k, v) && !strncmp(sv + n - k - 2, ", ", 2);
}

/* s folded into out: lower case, a hyphen between two words as a space,
 * runs of spaces as one, and a last "(es)", "(s)" or "?" dropped
 * ("Stratovolcano(es)", "Stratovolcano?" are "stratovolcano";
 * "Fisher-Price" is "fisher price"). */
static void fold_spelling(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = s; *p && k + 1 < n; p++) {  /* "A-" keeps its hyphen: a grade, not "A" */
        int joins = *p == '-' && p > s && isalnum((unsigned char)p[-1]) && isalnum((unsigned char)p[1]);
        char c = joins ? ' ' : (char)tolower((unsigned char)*p);
        if (c != ' ' || (k && out[k - 1] != ' '))
            out[k++] = c;
    }
    out[k] = 0;
    static const char *const marks[] = {"(es)", "(s)", "?", NULL};
    for (int i = 0; marks[i]; i++) {
        size_t m = strlen(marks[i]);
        if (k > m && !strcmp(out + k - m, marks[i]))
            out[k -= m] = 0;
    }
    while (k && out[k - 1] == ' ')
        out[--k] = 0;
}

/* 1 when a and b differ only in case, runs of spaces, a hyphen for a space
 * or a mark of plural or doubt ("Central Park", "Central  Park"). */
static int same_spelling(const char *a, const char *b)
{
    char fa[256], fb[256];
    fold_spelling(a, fa, sizeof fa);
    fold_spelling(b, fb, sizeof fb);
    return *fa && !strcmp(fa, fb);
}

/* "solo races" where the column holds 'solo' and 'Solo': one value typed
 * two ways (or with two spaces), so the filter takes every such spelling;
 * "races held in Japan" where some read "Myoko, Japan" takes those too.
 * The number of other spellings added (places aside): the caller asks
 * which the user means unless said. */
static int add_spellings(const ask_col_t *c, ask_filter_t *f, const char *v, int places)
{
    int spelled = 0;  /* "Weill Medical, Cornell University" is another institution's name */
    places &= !c->lists && !(c->nw && words_in(c->w[c->nw - 1], (const char *const[]){"name", "title", NULL}));
    for (int k = 0; k < c->nsamples && f->nvals < ASK_MAX_VALUES; k++) {
        int have = 0, same = same_spelling(c->samples[k], v);
        for (int j = 0; j < f->nvals; j++)
            have |= !strcmp(f->vals[j], c->samples[k]);
        if (!have && (same || (places && qualified_by(c->samples[k], v)))) {
            f->vals[f->nvals++] = xstrdup(c->samples[k]);
            spelled += same;
        }
    }
    return spelled;
}

/* 1 when the user said which spellings of m's value they mean: "exactly
 * Rent" (f keeps its first n values, m's among them), "Rent in any case",
 * or each of f's values named. */
static int spelling_said(ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m, const char *v,
                         ask_filter_t *f, int n)
{
    int e = m->pos + m->len;  /* "solo in any case", "Rent in any spelling": all of them */
    if (words_at(tk, e, "in") && words_at(tk, e + 1, "any") &&
        (words_at(tk, e + 2, "case") || words_at(tk, e + 2, "spelling"))) {
        parse_use(tk, e, 3);
        return 1;
    }
    for (int k = m->pos - 1; k >= 0 && k >= m->pos - 2; k--)
        if (words_at(tk, k, "exactly")) {
            tk->t[k].used = 1;
            while (f->nvals > n)
                free(f->vals[--f->nvals]);
            return 1;
        }
    for (int j = 0; j < f->nvals; j++) {
        int named = 0;
        for (int i = 0; i < p->nm && !named; i++)  /* by other words than m's: "Fisher-Price" */
            named = p->m[i].kind == PH_VALUE && p->m[i].val && !strcmp(p->m[i].val, f->vals[j]) &&
                    (p->m[i].pos != m->pos || !strcmp(f->vals[j], v));  /* names one */
        if (!named)
            return 0;
    }
    return 1;
}

/* The sample of m's column spelled as m was typed, when m was typed with
 * a hyphen ("Fisher-Price" beside 'Fisher Price' and 'Fisher-Price'): that
 * one is meant. m's own value when there is none — or NULL when that value
 * has a space for the hyphen and the column holds values discovery did not
 * sample: the typed spelling may be another value, and is looked up first. */
static const char *typed_value(const ask_toks_t *tk, const ask_schema_t *s, const ask_mention_t *m)
{
    const ask_table_t *t = &s->tables[m->t];
    const ask_col_t *c = &t->cols[m->c];
    int hyphen = 0;
    for (int k = m->pos + 1; k < m->pos + m->len && k < tk->n; k++)
        hyphen |= tk->t[k].joined;
    if (!hyphen)
        return m->val;
    const char *found = NULL;
    buf_t b = {0}, sp = {0};  /* as typed, and spaced as the sample may be */
    words_put_typed(&b, tk, m->pos, m->pos + m->len, 1);
    words_put_typed(&sp, tk, m->pos, m->pos + m->len, 0);
    for (int k = 0; k < c->nsamples && !found; k++)
        if (!strcasecmp(c->samples[k], buf_str(&b)))
            found = c->samples[k];
    int spaced = !strcasecmp(m->val, buf_str(&sp));  /* not 'no_show' for "no-show" */
    buf_free(&b);
    buf_free(&sp);
    return found ? found : !spaced || lexicon_col_sampled_all(t, c) ? m->val : NULL;
}

void filters_spell_value(ask_toks_t *tk, const ask_schema_t *s, ask_parse_t *p, const ask_mention_t *m,
                         ask_filter_t *f, int places)
{
    const char *v = typed_value(tk, s, m);
    if (!v) {  /* looked up as typed, then planned again */
        roles_not_understood(tk, p, m->pos, m->pos + m->len);
        return;
    }
    for (int j = 0; j < f->nvals && v != m->val; j++)
        if (!strcmp(f->vals[j], m->val)) {
            free(f->vals[j]);
            f->vals[j] = xstrdup(v);
        }
    int n = f->nvals;
    for (int k = m->pos - 1; k >= 0 && k >= m->pos - 2; k--)
        if (words_at(tk, k, "exactly")) {
            tk->t[k].used = 1;  /* "exactly Cornell University": as written, no other spelling */
            return;
        }
    if (add_spellings(&s->tables[m->t].cols[m->c], f, v, places) && !spelling_said(tk, p, m, v, f, n) &&
        !p->ambiguous) {
        roles_set_ambiguous(p, AMB_SPELLED, m);  /* 'Rent' and 'rent': one, or both? */
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s", v);
    }
}
