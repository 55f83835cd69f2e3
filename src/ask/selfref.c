/* selfref.c — a table's key to itself (employees.reports_to, manager_id,
 * "reportsTo") beside a row named by its name: "who reports to Andrew
 * Fuller", "employees reporting directly to Steven King" are the rows whose
 * key names that row (OP_CHILD_OF); "who does Michael Suyama report to",
 * "Neena Yang's manager", "the manager of Neena Yang" the row its key names
 * (OP_PARENT_OF). The name's value filters become the named row's.
 *
 * The direction is read from the words between the key's word and the
 * name — "to", "by", "under" before the name; "of" before it, or the name
 * first and nothing after the key's word but "to". Anything else (another
 * filter beside the name, other words between, a name in another table)
 * is left as it was, and the planner asks. */
#include "ask/internal.h"

#include <string.h>

/* The mention of column c of table t, or NULL. */
static ask_mention_t *key_mention(ask_parse_t *p, int t, int c)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_COLUMN && !p->m[i].nalt && p->m[i].t == t && p->m[i].c == c)
            return &p->m[i];
    return NULL;
}

/* 1 when every token in [from, to) is one of words (and there is one). */
static int only_words(const ask_toks_t *tk, int from, int to, const char *const *words)
{
    if (from >= to)
        return 0;
    for (int k = from; k < to; k++)
        if (!words_in(tk->t[k].low, words))
            return 0;
    return 1;
}

/* OP_CHILD_OF, OP_PARENT_OF or 0: the key's word said at [k0, k1), the
 * name at [v0, v1). */
static int direction(const ask_toks_t *tk, int k0, int k1, int v0, int v1)
{
    static const char *const down[] = {"to", "directly", "by", "under", NULL};
    static const char *const up_after[] = {"to", "?", NULL};
    static const char *const own[] = {"'s", "s", "'", "does", "did", "do", NULL};
    if (k1 <= v0 && (only_words(tk, k1, v0, down) || (k1 == v0 && words_in(tk->t[k1 - 1].low, down))))
        return OP_CHILD_OF;  /* "reporting (directly) to Steven King", "reports_to" said "report to" */
    if (k1 <= v0 && only_words(tk, k1, v0, (const char *const[]){"of", NULL}))
        return OP_PARENT_OF;  /* "the manager of Neena Yang" */
    if (v1 <= k0 && (v1 == k0 || only_words(tk, v1, k0, own)) &&
        (k1 == tk->n || only_words(tk, k1, tk->n, up_after)))
        return OP_PARENT_OF;  /* "who does Michael Suyama report to", "Neena Yang's manager" */
    return 0;
}

int selfref_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, int show)
{
    int t = p->q.show[show].t, key = p->q.show[show].c;
    ask_mention_t *km = key_mention(p, t, key);
    int listed = p->q.kind == Q_LIST && t == p->q.table,
        counted = p->q.kind == Q_AGG && p->q.m.kind == M_COUNT && p->q.m.t == t && !p->q.ndims;
    if (!(listed || counted) || !km || s->tables[t].cols[key].fk_col < 0)
        return 0;
    int idx[2], n = 0, v0 = tk->n, v1 = 0;
    for (int k = 0; k < p->q.nf; k++) {
        const ask_filter_t *f = &p->q.f[k];
        if (n == 2 || f->col.t != t || f->op != OP_IN || f->nvals != 1 || f->cond != FILTER_WHERE ||
            s->tables[t].cols[f->col.c].kind != CK_TEXT)
            return 0;  /* only the name of the row, of this table */
        idx[n++] = k;
    }
    for (int i = 0; i < p->nm; i++)
        for (int k = 0; k < n; k++)
            if (p->m[i].kind == PH_VALUE && p->m[i].pos == p->q.f[idx[k]].pos) {
                v0 = p->m[i].pos < v0 ? p->m[i].pos : v0;
                v1 = p->m[i].pos + p->m[i].len > v1 ? p->m[i].pos + p->m[i].len : v1;
            }
    int op = n && v1 > v0 ? direction(tk, km->pos, km->pos + km->len, v0, v1) : 0;
    if (!op)
        return 0;
    ask_filter_t f = {.col = {t, key}, .op = op, .pos = v0, .ref = {-1, -1}, .cond = FILTER_WHERE};
    for (int k = 0; k < n; k++)
        f.ref[k] = p->q.f[idx[k]].col.c, f.vals[k] = p->q.f[idx[k]].vals[0];
    f.nvals = n;
    p->q.nf = 0;  /* the name's filters were all of q.f: they are the named row's now */
    p->q.f[p->q.nf++] = f;
    for (int k = show; k + 1 < p->q.nshow; k++)
        p->q.show[k] = p->q.show[k + 1];
    p->q.nshow--;
    km->role = R_FILTER;
    int from = km->pos < v0 ? km->pos + km->len : v1, to = km->pos < v0 ? v0 : km->pos;
    for (int k = from; k < to; k++)
        tk->t[k].used = 1;
    for (int k = km->pos + km->len; op == OP_PARENT_OF && km->pos > v0 && k < tk->n; k++)
        tk->t[k].used = 1;  /* "… report to" */
    return 1;
}

/* The one column of t that is a key to t itself, or -1. */
static int self_key(const ask_table_t *tb, int t)
{
    int key = -1;
    for (int c = 0; c < tb->ncols; c++)
        if (tb->cols[c].fk_table == t && tb->cols[c].fk_col >= 0)
            key = key == -1 ? c : -2;
    return key >= 0 ? key : -1;
}

/* "who reports (directly) to Steven King", "who does Neena Yang report
 * to" where the key is not named so (hr's manager_id): the verb "report
 * to" names the table's one key to itself, when the name is of that table.
 * Read as selfref_plan reads the key's own word. */
void selfref_verb(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int r = -1;
    for (int k = 0; k + 1 < tk->n && r < 0; k++)
        if (!tk->t[k].used && words_in(tk->t[k].low, (const char *const[]){"report", "reports", "reporting",
                                                                             NULL}))
            r = k;
    if (r < 0 || p->q.nf == 0 || p->nm == ASK_MAX_MENTIONS || p->q.nshow >= 2)
        return;
    int t = p->q.f[0].col.t, key = self_key(&s->tables[t], t);
    int by_to = words_at(tk, r + 1, "to") || (words_at(tk, r + 1, "directly") && words_at(tk, r + 2, "to"));
    int unset = p->q.kind == Q_AGG && p->q.m.t < 0 && !p->measure_set && !p->q.ndims;
    if (key < 0 || !by_to || (p->q.kind == Q_LIST && p->q.table != t) ||
        (p->q.kind == Q_AGG && !unset && (p->q.m.kind != M_COUNT || p->q.m.t != t)))
        return;
    int end = words_at(tk, r + 1, "to") ? r + 2 : r + 3;
    p->m[p->nm++] = (ask_mention_t){.kind = PH_COLUMN, .t = t, .c = key, .v = -1, .pos = r, .len = end - r};
    int kind = p->q.kind, table = p->q.table;
    if (unset)  /* "who reports to …": the rows */
        p->q.kind = Q_LIST, p->q.table = t;
    p->q.show[p->q.nshow++] = (ask_colref_t){t, key};
    if (selfref_plan(s, tk, p, p->q.nshow - 1)) {
        p->subject = t;
        for (int k = r; k < end; k++)
            tk->t[k].used = 1;
        for (int k = 0; k < r; k++)  /* "who": the rows listed */
            tk->t[k].used |= words_in(tk->t[k].low, (const char *const[]){"who", "whom", "which", NULL});
        return;
    }
    p->nm--, p->q.nshow--;
    p->q.kind = kind, p->q.table = table;
}
