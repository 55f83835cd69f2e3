/* followup.c — a follow-up edits the previous plan instead of starting over:
 * "now by month" replaces the grouping, "only Germany" / "what about France"
 * the filter on that column, "what about 2023" the date range, "top 5
 * instead" the limit, "show revenue instead" the measure. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

int followup_is_edit(const ask_parse_t *p)
{
    int stands_alone = p->measure_set && p->subject >= 0 && (p->q.ndims || p->q.grain ||
                                                             p->q.nf || p->q.date.kind);
    if (p->edit_cue)
        return 1;
    if (p->q.kind == Q_LIST)
        return 0;
    return !p->measure_set || !stands_alone ? 1 : 0;
}

static void drop_filter(ask_q_t *q, int i)
{
    for (int k = 0; k < q->f[i].nvals; k++)
        free(q->f[i].vals[k]);
    memmove(&q->f[i], &q->f[i + 1], (size_t)(q->nf - i - 1) * sizeof q->f[0]);
    q->nf--;
}

static void merge_filters(ask_q_t *prev, const ask_q_t *fresh)
{
    for (int i = 0; i < fresh->nf; i++) {
        const ask_filter_t *f = &fresh->f[i];
        for (int k = prev->nf - 1; k >= 0; k--)
            if (prev->f[k].col.t == f->col.t && prev->f[k].col.c == f->col.c)
                drop_filter(prev, k);
        if (prev->nf == ASK_MAX_FILTERS)
            continue;
        ask_filter_t *d = &prev->f[prev->nf++];
        *d = *f;
        for (int k = 0; k < f->nvals; k++)
            d->vals[k] = xstrdup(f->vals[k]);
    }
}

int followup_merge(const ask_schema_t *s, ask_q_t *prev, const ask_parse_t *p)
{
    const ask_q_t *fresh = &p->q;
    if (prev->kind == Q_CATALOG || fresh->kind == Q_LIST)
        return -1;
    if (p->measure_set && (prev->per || fresh->per))  /* "average total quantity per order", then "when */
        return -1;                                     /* was the first order placed": a question of its own */
    if (p->measure_set) {
        prev->kind = Q_AGG;
        prev->m = fresh->m;
    }
    if (fresh->ndims || fresh->grain) {
        prev->ndims = fresh->ndims;
        memcpy(prev->dims, fresh->dims, sizeof prev->dims);
        prev->grain = fresh->grain;
        if (fresh->grain && !fresh->order && !fresh->limit)
            prev->order = prev->limit = 0;  /* a time series reads in time order */
    }
    merge_filters(prev, fresh);
    if (fresh->rel >= 0)
        prev->rel = fresh->rel, prev->rel_not = fresh->rel_not, prev->rel_time = fresh->rel_time;
    for (int i = 0; i < fresh->nvia && prev->nvia < 2; i++)
        prev->via[prev->nvia++] = fresh->via[i];
    if (fresh->date.kind)
        prev->date = fresh->date;
    if (fresh->limit)
        prev->limit = fresh->limit;
    if (fresh->order)
        prev->order = fresh->order;
    int base = prev->kind == Q_LIST ? prev->table : prev->m.t;
    if (fresh->time.t >= 0 && (fresh->grain || fresh->date.kind))
        prev->time = fresh->time;
    if ((prev->grain || prev->date.kind) && base >= 0 &&
        (prev->time.t < 0 || p->measure_set))
        if (lexicon_time_for(s, base, &prev->time.t, &prev->time.c) < 0)
            return -1;
    return 0;
}
