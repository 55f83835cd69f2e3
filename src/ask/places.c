/* places.c — a place named by its name alone is not one place: "which
 * cities have more than 5 airports" over airports.city groups London,
 * England with London, Ontario. A city (or town) column grouped beside a
 * country (or state, province) column of the same rows is grouped by both,
 * and both are shown — unless the question fixed the country, or named the
 * cities, already. */
#include "ask/internal.h"

#include <string.h>

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
