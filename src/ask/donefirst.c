/* donefirst.c — "which employee was hired first?", "who was hired most
 * recently", "the customer who signed up last": the row whose date the
 * verb names (hired → hire_date, lexicon_verb_names_col) is the earliest or
 * the latest — one row, with its equals. The verb must name one date
 * column of the table asked about ("which employee") or, after "who", of
 * one table only; the order word must end the question. */
#include "ask/internal.h"

#include <string.h>

/* The date column of table t the verb names, -1 when none or two. */
static int verb_col(const ask_schema_t *s, int t, const char *verb)
{
    int c = -1;
    for (int k = 0; k < s->tables[t].ncols; k++)
        if ((lexicon_col_is_time(&s->tables[t].cols[k]) || lexicon_col_is_year(&s->tables[t].cols[k])) &&
            lexicon_verb_names_col(verb, &s->tables[t].cols[k]))
            c = c == -1 ? k : -2;
    return c >= 0 ? c : -1;
}

/* The order word's first token and its way (-1 first, 1 last); 0 none. */
static int order_at_end(const ask_toks_t *tk, int *at)
{
    int n = tk->n;
    while (n > 0 && !strcmp(tk->t[n - 1].low, "?"))
        n--;
    if (n >= 2 && words_at(tk, n - 2, "most") && words_at(tk, n - 1, "recently"))
        return *at = n - 2, 1;
    if (n < 1)
        return 0;
    *at = n - 1;
    return words_in(tk->t[n - 1].low, (const char *const[]){"first", "earliest", NULL}) ? -1
         : words_in(tk->t[n - 1].low, (const char *const[]){"last", "recently", "latest", NULL}) ? 1 : 0;
}

void donefirst_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int at = 0, way = order_at_end(tk, &at), v = at - 1;
    int pair = words_at(tk, at, "most");  /* "most" taken as a superlative's: "recently" says it */
    ask_mention_t *said = NULL, *word = NULL;  /* "returned" read as return_date itself; "last" */
    for (int i = 0; i < p->nm; i++) {          /* as last_update, "first" as first_name */
        if (p->m[i].kind == PH_COLUMN && p->m[i].pos == v && p->m[i].len == 1 && p->m[i].role == R_NONE)
            said = &p->m[i];
        if (p->m[i].kind == PH_COLUMN && p->m[i].pos == at && p->m[i].len == 1 && p->m[i].role == R_NONE && !pair)
            word = &p->m[i];
    }
    if (!way || v < 1 || (tk->t[v].used && !said) || (tk->t[at + pair].used && !word) || p->measure_set ||
        p->q.m.t >= 0 || p->q.ndims ||
        p->q.nf || p->q.date.kind)
        return;
    ask_mention_t *tab = NULL;
    int tables = 0;  /* the one table named before the verb */
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && !p->m[i].nalt && p->m[i].role == R_NONE && p->m[i].pos < v)
            tab = &p->m[i], tables++;
    if (tables > 1)
        return;
    int t = tab ? tab->t : -1, c = t >= 0 ? verb_col(s, t, tk->t[v].low) : -1;
    for (int u = 0; !tab && words_at(tk, 0, "who") && u < s->ntables; u++) {  /* "who was hired first" */
        int k = s->tables[u].is_view ? -1 : verb_col(s, u, tk->t[v].low);
        if (k >= 0)
            t = c == -1 ? u : -2, c = c == -1 ? k : -2;
    }
    int from = tab ? tab->pos + tab->len : 1;
    for (int k = from; k < v; k++)  /* "which employee was hired first": nothing else said */
        if (!words_in(tk->t[k].low, (const char *const[]){"was", "were", "got", "get", "gets", NULL}))
            return;
    if (t < 0 || c < 0 || p->nm > (tab ? 1 : 0) + (said != NULL) + (word != NULL) || (tab && tab->pos > 1) ||
        (said && (said->nalt || said->t != t || said->c != c)))
        return;
    if (said)
        said->role = R_MEASURE;
    if (word)
        word->role = R_MEASURE;
    p->q.kind = Q_LIST;
    p->q.table = p->subject = t;
    p->q.m = (ask_measure_t){M_NONE, t, c, -1, 0};
    p->q.order = way;
    p->q.limit = 1, p->q.ties = 1;
    if (pair)
        p->top = 0, p->order_at = 0;
    if (tab)
        tab->role = R_MEASURE;
    for (int k = from; k < tk->n; k++)  /* "was hired first" */
        tk->t[k].used = 1;
    tk->t[0].used |= words_in(tk->t[0].low, (const char *const[]){"who", "which", "what", NULL});
}
