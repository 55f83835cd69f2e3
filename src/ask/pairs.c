/* pairs.c — two mentions said as one: "customer segment", "order status"
 * (a table named right before one of its columns says whose it is),
 * "product category" (a table it points to), "the patient's name" (the
 * patient, by its name), "the delay in minutes" (delay_minutes named twice).
 * The pair becomes one mention. */
#include "ask/internal.h"

#include <string.h>

void pairs_merge(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i + 1 < p->nm; i++) {
        ask_mention_t *a = &p->m[i], *b = &p->m[i + 1];
        int end = a->pos + a->len, owns = words_at(tk, end, "s") && b->pos == end + 1;
        if (a->kind != PH_TABLE || (b->pos != end && !owns) || tk->t[end - 1].ends)
            continue;  /* "the 5 most recent draws: bonus number and date" */
        int hit = 0;
        if (owns && !(b->len == 1 && words_in(tk->t[b->pos].low, (const char *const[]){"name", "names", NULL})))
            continue;  /* "the patient's name" only */
        if (b->len == 1 && b->kind != PH_VALUE && s->tables[a->t].label >= 0 &&
            words_in(tk->t[b->pos].low, (const char *const[]){"name", "names", NULL})) {
            /* "the patient's name": the patient, by its name — not the name
             * of a table it points at (province_names) nor another's column */
            b->kind = PH_TABLE, b->t = a->t, b->c = -1, b->nalt = 0;
        } else if (b->kind == PH_TABLE) {
            hit = paths_edges(s, a->t, b->t) > 0;  /* "product category" */
            for (int k = 0; k < b->nalt && !hit; k++)
                if (b->alt[k].t == a->t)
                    hit = 1, mention_take_alt(b, k);
            if (!hit)
                continue;
            if (p->q.nvia < 2)  /* the way there: via the customer */
                p->q.via[p->q.nvia++] = a->t;
            b->nalt = 0;
        } else if (b->kind == PH_COLUMN) {  /* a's own columns; several ("attrition rate":
                                              * daily, hourly or monthly?) still ask */
            size_t n = strlen(tk->t[b->pos].low);  /* "by potholes filled": the potholes, counted */
            if (!b->nalt && lexicon_col_is_time(&s->tables[b->t].cols[b->c]) && n > 4 &&
                !strcmp(tk->t[b->pos].low + n - 2, "ed") && words_is_plural(tk->t[a->pos + a->len - 1].low))
                continue;
            int keep[5] = {0}, all = b->nalt < 4 ? b->nalt + 1 : 5;
            for (int k = 0; k < all; k++)
                hit |= keep[k] = roles_reading(b, k).t == a->t;
            if (!hit)
                continue;
            roles_keep_readings(b, keep);
        } else {
            for (int k = 0; k < b->nalt && !hit; k++)
                if (b->alt[k].t == a->t)
                    hit = 1, mention_take_alt(b, k);
            if (!hit)
                continue;
            b->nalt = 0;
        }
        b->len += b->pos - a->pos;
        b->pos = a->pos;
        memmove(a, b, (size_t)(p->nm - i - 1) * sizeof *a);
        p->nm--;
    }
    for (int i = 0; i + 1 < p->nm; i++) {  /* "the delay in minutes": delay_minutes, said once */
        ask_mention_t *a = &p->m[i], *b = &p->m[i + 1];
        int same = 0;  /* "resolution time in hours": one of the hours is resolution_hours */
        for (int k = 0; k <= b->nalt && k < 5; k++)
            same |= roles_reading(b, k).t == a->t && roles_reading(b, k).c == a->c;
        int e = a->pos + a->len + words_at(tk, a->pos + a->len, "time");
        if (a->kind != PH_COLUMN || b->kind != PH_COLUMN || a->nalt || !same || !words_at(tk, e, "in") ||
            b->pos != e + 1)
            continue;
        a->len = b->pos + b->len - a->pos;
        memmove(b, b + 1, (size_t)(p->nm - i - 2) * sizeof *b);
        p->nm--;
    }
}
