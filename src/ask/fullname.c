/* fullname.c — "MARY SMITH": two values said side by side, where one
 * table holds both (a first and a last name), are that one table's row.
 * Read one at a time, MARY went to the actor (the films' table) and SMITH
 * to the customer, and the count joined an actor to a customer. When
 * exactly one table has a reading of each word, both keep only it. */
#include "ask/internal.h"

/* The one table with a reading of both mentions, or -1. */
static int shared_table(const ask_mention_t *a, const ask_mention_t *b)
{
    int found = -1;
    for (int i = 0; i <= a->nalt && i < 5; i++) {
        int t = roles_reading(a, i).t, both = 0;
        for (int j = 0; j <= b->nalt && j < 5 && !both; j++)
            both = roles_reading(b, j).t == t && roles_reading(b, j).c != roles_reading(a, i).c;
        if (!both || t == found)
            continue;
        if (found >= 0)
            return -1;
        found = t;
    }
    return found;
}

static void keep_table(ask_mention_t *m, int t)
{
    int keep[5] = {0};
    for (int k = 0; k <= m->nalt && k < 5; k++)
        keep[k] = roles_reading(m, k).t == t;
    roles_keep_readings(m, keep);
}

void fullname_join(ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *a = &p->m[i];
        if (a->kind != PH_VALUE || a->role != R_NONE)
            continue;
        for (int j = 0; j < p->nm; j++) {
            ask_mention_t *b = &p->m[j];
            if (b->kind != PH_VALUE || b->role != R_NONE || b->pos != a->pos + a->len || (!a->nalt && !b->nalt))
                continue;
            int t = shared_table(a, b);
            if (t >= 0)
                keep_table(a, t), keep_table(b, t);
        }
    }
}
