/* ends.c — "the airports with the most departing routes", "routes from
 * Heathrow", "flights arriving in Oslo": a table with two keys or more to
 * another (a route's source and destination airports) is joined by the
 * key a direction word says — the source's for departing, outgoing,
 * leaving, from; the destination's for arriving, incoming, inbound, to.
 * Without the word the planner asks which key; with it, only when no key
 * or more than one is named for that end. */
#include "ask/internal.h"

static const char *const start_words[] = {"departing", "outgoing", "outbound", "leaving", "departures",
    "depart", "departs", NULL};
static const char *const end_words[] = {"arriving", "incoming", "inbound", "arrivals", "arrive", "arrives",
    NULL};

/* 1 (start) or 2 (end) when the word at i says a direction; "from" and
 * "to" only right before a value of the far table or "it", "them". */
static int direction_at(const ask_toks_t *tk, const ask_parse_t *p, int i, int far)
{
    if (words_in(tk->t[i].low, start_words))
        return 1;
    if (words_in(tk->t[i].low, end_words))
        return 2;
    int from = words_at(tk, i, "from") || (words_at(tk, i, "out") && words_at(tk, i + 1, "of"));
    int to = words_at(tk, i, "to") || words_at(tk, i, "into");
    if (!from && !to)
        return 0;
    int next = i + 1 + words_at(tk, i, "out");
    if (words_at(tk, next, "it") || words_at(tk, next, "them") || words_at(tk, next, "there"))
        return from ? 1 : 2;
    for (int k = 0; k < p->nm; k++)
        if (p->m[k].kind == PH_VALUE && p->m[k].pos == next && p->m[k].t == far && !p->m[k].nalt)
            return from ? 1 : 2;
    return 0;
}

/* The one key of r pointing at far whose words say that end, or -1. */
static int end_key(const ask_schema_t *s, int r, int far, int dir)
{
    static const char *const starts[] = {"origin", "orig", "source", "src", "from", "departure",
        "start", "pickup", "sender", "dep", NULL};
    static const char *const ends[] = {"destination", "dest", "to", "arrival", "end", "dropoff",
        "recipient", "target", "arr", NULL};
    int found = -1;
    for (int e = 0; e < s->nedges; e++) {
        const ask_edge_t *x = &s->edges[e];
        if (x->from_t != r || x->to_t != far ||
            !lexicon_col_has_word(&s->tables[r].cols[x->from_c], dir == 1 ? starts : ends))
            continue;
        if (found >= 0)
            return -1;
        found = x->from_c;
    }
    return found;
}

/* The tables the plan reaches (dims, filters) into far; the table it reads
 * rows of, or -1. */
static int plan_tables(const ask_q_t *q, int *far, int *nfar)
{
    *nfar = 0;
    for (int i = 0; i < q->ndims && *nfar < 8; i++)
        far[(*nfar)++] = q->dims[i].t;
    for (int i = 0; i < q->nf && *nfar < 8; i++)
        far[(*nfar)++] = q->f[i].col.t;
    return q->kind == Q_LIST ? q->table : q->m.t;
}

/* a participle that says the direction ("departing", "arriving") */
static int direction_word(const ask_toks_t *tk)
{
    for (int i = 0; i < tk->n; i++)
        if (words_in(tk->t[i].low, start_words) || words_in(tk->t[i].low, end_words))
            return 1;
    return 0;
}

static int says_start(const ask_toks_t *tk, int i)
{
    return words_in(tk->t[i].low, start_words) || words_at(tk, i, "from") ||
           words_in(tk->t[i].low, (const char *const[]){"source", "origin", NULL});
}

static int says_end(const ask_toks_t *tk, int i)
{
    return words_in(tk->t[i].low, end_words) || words_at(tk, i, "to") || words_at(tk, i, "into") ||
           words_in(tk->t[i].low, (const char *const[]){"destination", "destinations", "arrival", NULL});
}

/* "to or from Heathrow", "departing and arriving": both ends said as one;
 * or both said anywhere while the far table is read twice ("routes from
 * Heathrow by destination country": the country is the other end's), or
 * the other end asked for ("destinations from Keflavik") — not shown
 * beside the rows ("with their arrival station") */
static int both_ends(const ask_toks_t *tk, int uses)
{
    int from = 0, to = 0, asked = 0;
    for (int i = 0; i < tk->n; i++) {
        int shown = i > 0 && (words_at(tk, i - 1, "their") || words_at(tk, i - 1, "its"));
        asked |= (says_start(tk, i) || says_end(tk, i)) && !shown &&
                 !words_at(tk, i, "from") && !words_at(tk, i, "to") && !words_at(tk, i, "into");
        from |= says_start(tk, i), to |= says_end(tk, i);
        if (i + 2 < tk->n && words_in(tk->t[i + 1].low, (const char *const[]){"or", "and", NULL}) &&
            ((says_start(tk, i) && says_end(tk, i + 2)) || (says_end(tk, i) && says_start(tk, i + 2))))
            return 1;
    }
    return from && to && (uses > 1 || (asked && !direction_word(tk)));
}

void ends_pick(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int far[8], nfar, r = plan_tables(&p->q, far, &nfar);
    if (r < 0 || p->q.end.t >= 0)
        return;
    for (int f = 0; f < nfar; f++) {
        int uses = 0;
        for (int g = 0; g < nfar; g++)
            uses += far[g] == far[f];
        int several = 0;  /* "refugees from Afghanistan living in Pakistan": one value each end */
        for (int i = 0; i < p->q.nf; i++)
            several |= p->q.f[i].col.t == far[f] && p->q.f[i].nvals > 1;
        if (far[f] == r || paths_edges(s, r, far[f]) < 2 || both_ends(tk, uses) || several)
            continue;
        for (int i = 0; i < tk->n; i++) {
            int dir = direction_at(tk, p, i, far[f]), c;
            if (!dir || (c = end_key(s, r, far[f], dir)) < 0)
                continue;
            p->q.end = (ask_colref_t){r, c};
            if (words_in(tk->t[i].low, start_words) || words_in(tk->t[i].low, end_words))
                tk->t[i].used = 1;
            return;
        }
    }
}
