/* verbrel.c — "students advised by Wieland", "which students does Wieland
 * advise", "customers who rented ALABAMA DEVIL": a verb, not denied, that
 * names a table the subject's rows have many of (advise → advisor,
 * rented → rental), with a value of another table said beside it — the
 * subject's rows that have such a row with that value (an EXISTS), as
 * "students with advisor Wieland" is read. The verb was left over, and
 * the question asked back. */
#include "ask/internal.h"

#include <string.h>

static int denied(const ask_toks_t *tk, int k)
{
    static const char *const neg[] = {"never", "no", "not", "without", "didn't", "hasn't", "haven't",
        "don't", "doesn't", "n't", NULL};
    for (int i = k - 1; i >= 0 && i >= k - 3; i--)
        if (words_in(tk->t[i].low, neg))
            return 1;
    return 0;
}

/* "rent" (did X rent) read as "rented" (filters.c); "taught" as "teach"
 * (the teaches table) */
static int verb_names(const ask_schema_t *s, const char *low)
{
    static const char *const irregular[][2] = {{"taught", "teach"}, {"sold", "sell"}, {"written", "write"},
        {"wrote", "write"}, {"built", "build"}, {"driven", "drive"}, {"drove", "drive"}, {"held", "hold"},
        {"chosen", "choose"}, {"chose", "choose"}, {"spent", "spend"}};
    for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++)
        if (!strcmp(low, irregular[i][0]))
            low = irregular[i][1];
    return filters_verb_table_any(s, low);
}

/* A value within three words of the verb read in a table other than the
 * base that rel's rows reach (the film of a rental, the advisor's
 * instructor): 1 when one is. */
static int value_through(const ask_schema_t *s, const ask_parse_t *p, int k, int rel, int base)
{
    int path[6], values = 0;
    for (int i = 0; i < p->nm; i++)  /* "enrolled in Math and how many in Science": a grouping */
        values += p->m[i].kind == PH_VALUE && (i == 0 || p->m[i - 1].kind != PH_VALUE ||
                                               p->m[i - 1].pos + p->m[i - 1].len != p->m[i].pos);
    if (values != 1)
        return 0;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->pos > k + 3 || m->pos + m->len < k - 3)
            continue;
        for (int a = 0; a <= m->nalt && a < 5; a++) {
            int t = roles_reading(m, a).t, len = t != base && t != rel ? paths_find(s, rel, t, path, 6) : -1;
            /* rel's rows point its way (the rental's film), or its lines do (an order's
             * items' product) — not the matches a player played (players ← matches) */
            if ((len > 0 && path[0] > 0) || (len > 1 && path[0] < 0 && path[1] > 0))
                return 1;
        }
    }
    return 0;
}

/* "does Wieland advise", "did Wieland teach": a verb after "did", "does",
 * "has" or "have" and the name — not "have an advisor" (a noun) */
static int after_aux(const ask_toks_t *tk, int k)
{
    static const char *const aux[] = {"did", "does", "do", "has", "have", "had", NULL};
    static const char *const det[] = {"a", "an", "the", "any", "some", "no", "one", "their", "his", "her",
        "its", "my", "our", "your", NULL};
    int found = 0;
    if (k < 2 || words_in(tk->t[k - 1].low, det) || words_in(tk->t[k - 1].low, aux))
        return 0;
    for (int i = k - 2; i >= 0 && i >= k - 4 && !found; i--)
        found = words_in(tk->t[i].low, aux);
    return found;
}

/* "rented", "advised", "taught" — or a verb after an auxiliary and the
 * name; not a noun ("their jackpots" of jackpot_winners) */
static int verb_form(const ask_toks_t *tk, int k)
{
    size_t n = strlen(tk->t[k].low);
    return (n > 4 && !strcmp(tk->t[k].low + n - 2, "ed")) || words_in(tk->t[k].low, (const char *const[]){
               "taught", "sold", "written", "wrote", "built", "driven", "drove", "held", "chosen", "chose",
               "spent", NULL}) || after_aux(tk, k);
}

/* "which courses did Wieland teach", "which customers ordered Laptop Pro
 * 14": the verb read as the table it names (teaches, orders), left
 * unplaced: that mention, else NULL. */
static ask_mention_t *verb_mention(const ask_toks_t *tk, ask_parse_t *p, int k)
{
    size_t n = strlen(tk->t[k].low);
    int ed = n > 4 && !strcmp(tk->t[k].low + n - 2, "ed");
    for (int i = 0; i < p->nm && (ed || after_aux(tk, k)); i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].pos == k && p->m[i].len == 1 && p->m[i].role == R_NONE &&
            !p->m[i].nalt)
            return &p->m[i];
    return NULL;
}

/* "Which games did Reiner Knizia design?": the verb names the table the
 * value said is the name of (designers.designer_name) — the filter says it
 * all; the verb used. Not a value of rows the verb makes ("watched on a
 * tablet" of watch_history.device: the watchings may be what is counted). */
static int verb_of_value(const ask_schema_t *s, ask_toks_t *tk, const ask_parse_t *p, int k)
{
    int rel = verb_names(s, tk->t[k].low);
    const char *w = tk->t[k].low, *t0 = rel >= 0 && s->tables[rel].nw ? s->tables[rel].w[0] : "";
    size_t n = strlen(w);  /* "design" of designers — not the noun "departmnet" of department */
    if (rel >= 0 && !(n > 4 && !strcmp(w + n - 2, "ed")) &&
        !(!strncmp(t0, w, n) && (!strcmp(t0 + n, "er") || !strcmp(t0 + n, "or") || !strcmp(t0 + n, "r"))))
        return 0;
    for (int i = 0; i < p->nm && rel >= 0; i++)
        if (p->m[i].kind == PH_VALUE && !p->m[i].nalt && p->m[i].t == rel && p->m[i].role == R_FILTER &&
            p->m[i].c == s->tables[rel].label)
            return tk->t[k].used = 1;
    return 0;
}

void verbrel_apply(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    for (int k = 0; k < tk->n; k++)
        if (!tk->t[k].used && !tk->t[k].isnum && !denied(tk, k) && verb_form(tk, k) &&
            verb_of_value(s, tk, p, k))
            break;
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, path[6];
    if (base < 0 || p->q.rel >= 0 || (p->q.kind == Q_AGG && p->q.m.kind != M_COUNT) || p->q.ndims ||
        p->q.grain)
        return;
    for (int k = 0; k < tk->n; k++)
        if (words_in(tk->t[k].low, (const char *const[]){"each", "per", "every", NULL}))
            return;  /* a grouping said: the verb's table is on its way */
    for (int k = 0; k < tk->n; k++) {
        ask_mention_t *said = verb_mention(tk, p, k);
        if ((tk->t[k].used && !said) || tk->t[k].isnum || denied(tk, k) || !verb_form(tk, k))
            continue;
        int rel = said ? said->t : verb_names(s, tk->t[k].low);
        if (rel < 0 || rel == base || paths_exists(s, rel, base, path, 6) < 1 ||
            paths_count(s, rel, base) > 1 || !value_through(s, p, k, rel, base))
            continue;
        for (int i = 0; i < p->nm; i++)
            if (p->m[i].kind == PH_TABLE && p->m[i].t == rel && &p->m[i] != said)
                return;  /* "rentals" said too: the question's own words say how */
        p->q.rel = rel;
        p->q.rel_not = 0;
        tk->t[k].used = 1;
        if (said)
            said->role = R_FILTER;
        return;
    }
}
