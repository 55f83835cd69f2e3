/* verbed.c — a superlative said with a verb instead of a noun: "the top 7
 * most rented films", "which customers paid us the most". The verb names
 * a table of events whose rows point at the subject (rented → rental,
 * film ← inventory ← rental); the question then reads as "the films with
 * the most rentals" — those rows counted per subject row — or, for a verb
 * of money (paid, spent), as "the customers with the highest total amount"
 * — the verb becomes a mention of the one money column of the one table
 * that points there — unless said "most often" (the payments counted). Only with "most", "least" or
 * "fewest" beside the verb: "the highest rated movie" is its rating. */
#include "ask/internal.h"

#include <string.h>

static const char *const money_verbs[] = {"paid", "spent", "pay", "pays", "spend", "spends", NULL};
static const char *const most[] = {"most", "least", "fewest", NULL};
static const char *const often[] = {"often", "times", "frequently", NULL};

/* The one table pointing at t with exactly one money column (*c), or -1. */
static int money_table(const ask_schema_t *s, int t, int *c)
{
    int found = -1;
    for (int v = 0; v < s->ntables; v++) {
        int money = roles_money_col(s, v);
        if (v == t || money < 0 || s->tables[v].is_view || !paths_belongs_to(s, v, t))
            continue;
        if (found >= 0)
            return -1;
        found = v, *c = money;
    }
    return found;
}

/* The one table said in the question, unplaced, or -1. */
static int only_table(const ask_parse_t *p)
{
    int t = -1;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && m->role == R_NONE && !m->nalt)
            t = t < 0 || t == m->t ? m->t : -2;
        else if (m->kind != PH_VALUE)
            return -1;
    }
    return t >= 0 ? t : -1;
}

/* "which instructor advises the most students": the verb names a table
 * linking the subject to what follows "most" (advisor: student, instructor)
 * — its rows counted per subject, one for each student advised. 1 when so. */
static int verbed_link(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_mention_t *subj = NULL, *obj = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_TABLE || m->role != R_NONE || m->nalt)
            continue;
        if (!subj)
            subj = m;
        else if (!obj && m->pos >= 2 && words_in(tk->t[m->pos - 1].low, most))
            obj = m;
    }
    if (!subj || !obj || subj->t == obj->t)
        return 0;
    for (int k = subj->pos + subj->len; k < obj->pos - 1; k++) {
        int v = tk->t[k].used ? -1 : filters_verb_table(s, tk->t[k].low);
        if (v < 0 || v == subj->t || v == obj->t || !paths_belongs_to(s, v, subj->t) || !paths_belongs_to(s, v, obj->t) ||
            paths_find(s, v, subj->t, (int[6]){0}, 6) != 1 || paths_find(s, v, obj->t, (int[6]){0}, 6) != 1)
            continue;
        tk->t[k].used = 1;
        obj->role = R_MEASURE;
        p->q.m = (ask_measure_t){M_COUNT, v, -1, -1, 0};
        p->measure_set = 1;
        if (!p->q.limit && !strcmp(tk->t[subj->pos + subj->len - 1].low, tk->t[subj->pos + subj->len - 1].stem))
            p->q.limit = 1, p->q.ties = 1;  /* "which instructor": the one (and its equals) */
        roles_make_dim(s, p, subj);
        return 1;
    }
    return 0;
}

void verbed_measure(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    if ((p->top || p->q.order) && !p->measure_set && verbed_link(s, tk, p))
        return;
    int t = (p->top || p->q.order) && !p->measure_set && p->nm < ASK_MAX_MENTIONS &&
            !words_at(tk, 0, "who") ? only_table(p) : -1;
    int at_t = -1;  /* the subject's first word */
    for (int i = 0; i < p->nm && t >= 0; i++)
        if (p->m[i].kind == PH_TABLE && at_t < 0)
            at_t = p->m[i].pos;
    for (int k = 0; k < tk->n && t >= 0; k++) {
        const char *w = tk->t[k].low;
        size_t n = strlen(w);
        if (tk->t[k].used || (k < at_t && k + 1 != at_t))
            continue;  /* "the most rented films", "films rented the most" — not "rented the most films" */
        int said = words_in(k > 0 ? tk->t[k - 1].low : "", most), times = 0;
        for (int i = k + 1; i < tk->n && i <= k + 3; i++)  /* "rented the most", "paid for most often" */
            if (words_in(tk->t[i].low, most))
                said = 1, times = i + 1 < tk->n && words_in(tk->t[i + 1].low, often);
        if (!said)
            continue;  /* "the highest rated movie": its rating, not how many ratings */
        int c = -1, money = words_in(w, money_verbs) && !times;  /* "paid for most often": how many */
        int v = words_in(w, money_verbs) ? money_table(s, t, &c)
                : n > 4 && !strcmp(w + n - 2, "ed") ? filters_verb_table(s, w) : -1;
        if (v < 0 || v == t || (!money && !paths_belongs_to(s, v, t)))
            continue;
        tk->t[k].used = 1;
        for (int i = k + 1; i < tk->n; i++)  /* "rented the most times", "most often" */
            if (words_in(tk->t[i].low, often) && words_in(tk->t[i - 1].low, most))
                tk->t[i].used = 1;
        if (!p->q.limit && at_t >= 0 && !strcmp(tk->t[at_t].low, tk->t[at_t].stem))
            p->q.limit = 1, p->q.ties = 1;  /* "the most rented film": the one (and its equals) */
        if (!money) {  /* the events counted per subject row, as "the films with the most rentals" */
            p->q.m = (ask_measure_t){M_COUNT, v, -1, -1, 0};
            p->measure_set = 1;
            for (int i = 0; i < p->nm; i++)
                if (p->m[i].kind == PH_TABLE && p->m[i].t == t && p->m[i].role == R_NONE)
                    roles_make_dim(s, p, &p->m[i]);
            return;
        }
        int at = 0;  /* mentions stay in the order of their words */
        while (at < p->nm && p->m[at].pos < k)
            at++;
        memmove(&p->m[at + 1], &p->m[at], (size_t)(p->nm - at) * sizeof *p->m);
        p->nm++;
        p->m[at] = (ask_mention_t){.kind = PH_COLUMN, .t = v, .c = c, .v = -1, .pos = k, .len = 1,
                                   .role = R_NONE};
        return;
    }
}
