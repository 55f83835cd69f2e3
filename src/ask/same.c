/* same.c — "which guests live in the same city as Adam Wayne", "players
 * who play the same position as Xavi", "loans with the same loan type as
 * loan 1": the rows of a table whose column holds what the row named holds,
 * that row left out (OP_SAME: col = the column compared, vals/ref = the
 * value and the column naming the row; two for a first and last name).
 *
 * Only within one table: the rows listed or counted are the table the
 * named row is in, and the column is theirs (or their key to the thing
 * named: "the same team" of team_id). Anything else — a column of
 * another table ("the same plan … in the usage records"), a row named by
 * nothing the table holds — is left unread, and the planner asks. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The column of t that "the same <mention>" compares: a column of t, or
 * t's one key to the table named ("the same team": team_id); -1. */
static int compared(const ask_schema_t *s, int t, const ask_mention_t *m)
{
    if (m->kind == PH_COLUMN && !m->nalt && m->t == t)
        return m->c;
    if (m->kind != PH_TABLE || m->nalt || m->t == t)
        return -1;
    int c = -1;
    for (int k = 0; k < s->tables[t].ncols; k++)
        if (s->tables[t].cols[k].fk_table == m->t)
            c = c == -1 ? k : -2;
    return c >= 0 ? c : -1;
}

/* The table of the value said at pos (after the articles), or -1. */
static int value_table(const ask_toks_t *tk, ask_parse_t *p, int pos)
{
    while (pos < tk->n && words_in(tk->t[pos].low, (const char *const[]){"the", "that", NULL}))
        pos++;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos == pos && p->m[i].kind == PH_VALUE)
            return p->m[i].nalt ? -1 : p->m[i].t;
    return -1;
}

/* The row named after "as" at pos: values of t's text columns other than
 * the one compared (a first and a last name: two), or "<t's noun>
 * <number>" of its key. Fills f's values; the tokens read, or 0. */
static int row_named(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, int t, int pos,
                     ask_filter_t *f)
{
    const ask_table_t *tb = &s->tables[t];
    int k = pos, n = 0;
    while (k < tk->n && words_in(tk->t[k].low, (const char *const[]){"the", "that", "of", NULL}))
        k++;
    for (int i = 0; i < p->nm; i++) {  /* "loan 1", "customer 105": its key */
        const ask_mention_t *m = &p->m[i];
        if (m->pos == k && m->kind == PH_TABLE && m->t == t && tb->pk >= 0 &&
            m->pos + m->len < tk->n && tk->t[m->pos + m->len].isnum) {
            f->ref[0] = tb->pk, f->vals[0] = xstrdup(tk->t[m->pos + m->len].raw), f->nvals = 1;
            return m->pos + m->len + 1 - pos;
        }
    }
    for (int i = 0; i < p->nm && n < 2; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_VALUE && m->pos == k && m->nalt)
            roles_resolve_alt(p, m, t);  /* "Thomas Lee": the driver, of the drivers listed */
        int c = m->kind == PH_VALUE && !m->nalt && m->t == t && m->val ? m->c : -1;
        if (m->pos != k || c < 0 || c == f->col.c || tb->cols[c].kind != CK_TEXT)
            continue;
        f->ref[n] = c, f->vals[n++] = xstrdup(m->val);
        m->role = R_FILTER;
        k = m->pos + m->len, i = -1;  /* "Hazel" then "Tarbert" */
    }
    f->nvals = n;
    return n ? k - pos : 0;
}

void same_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int how_many = words_at(tk, 0, "how") && words_at(tk, 1, "many"), other = 0;
    for (int k = 0; k < tk->n && !words_at(tk, k, "same"); k++)
        other |= words_at(tk, k, "other") || words_at(tk, k, "else");
    /* "how many listings are of the same brand as listing 7": that one too,
     * or not? People say "other" when not; without it golds differ: asked */
    if (how_many && (!other || p->q.kind != Q_AGG))
        return;
    int t0 = p->q.kind == Q_LIST ? p->q.table : p->q.kind == Q_AGG && p->q.m.kind == M_COUNT &&
                                                    p->q.m.c < 0 ? p->q.m.t : -1;
    for (int i = 1, t = t0; i + 3 < tk->n && p->q.nf < ASK_MAX_FILTERS; i++, t = t0) {
        if (!words_at(tk, i, "same") || !words_in(tk->t[i - 1].low, (const char *const[]){"the", "a",
                                                                                            NULL}))
            continue;
        ask_mention_t *m = NULL;
        for (int k = 0; k < p->nm && !m; k++)  /* taken for the subject of "who …" too */
            if (p->m[k].pos == i + 1 && (p->m[k].role == R_NONE || p->m[k].t == t))
                m = &p->m[k];
        int as = m ? m->pos + m->len : -1, who = -1;
        int c = m && t >= 0 ? compared(s, t, m) : -1;
        if (c < 0 && m && words_at(tk, 0, "who") && !p->measure_set &&  /* "who works in the same */
            (who = value_table(tk, p, as + 1)) >= 0)                     /* office as Hazel": hers */
            c = compared(s, t = who, m);
        if (c < 0 || !words_at(tk, as, "as"))
            continue;
        ask_filter_t f = {.col = {t, c}, .op = OP_SAME, .pos = i, .ref = {-1, -1}};
        int len = row_named(s, tk, p, t, as + 1, &f);
        if (!len) {
            for (int k = 0; k < f.nvals; k++)
                free(f.vals[k]);
            continue;
        }
        for (int k = i - 1; k < as + 1 + len; k++)
            tk->t[k].used = 1;
        for (int k = 0; k < i; k++)  /* "which other departments": the row named is left out */
            if (words_at(tk, k, "other") || words_at(tk, k, "else")) {
                tk->t[k].used = 1;
                for (int x = 0; x < p->nm; x++)  /* not the genre 'Other' */
                    if (p->m[x].pos == k && p->m[x].kind == PH_VALUE)
                        p->m[x].role = R_FILTER;
            }
        m->role = R_FILTER;
        p->q.f[p->q.nf++] = f;
        if (who >= 0)
            p->q.kind = Q_LIST, p->q.table = p->subject = who, tk->t[0].used = 1;
        return;
    }
}

/* v as a literal of column c: a number as one ("loan 1"), else a string. */
static void put_value(const ask_schema_t *s, buf_t *b, const ask_col_t *c, const char *v)
{
    char *end;
    if (lexicon_col_is_numeric(c) && *v && (strtod(v, &end), !*end))
        buf_puts(b, v);
    else
        dialect_literal(s, b, v);
}

/* col IN (SELECT col FROM t WHERE ref = v …) AND NOT (ref = v …): the
 * outer column written as outer, the table's rows again as "r". */
/* (SELECT r.<column sel> FROM t AS r WHERE r.ref = v …): the row f names. */
static void put_named(const ask_schema_t *s, buf_t *b, const ask_filter_t *f, int sel)
{
    const ask_table_t *tb = &s->tables[f->col.t];
    buf_puts(b, "(SELECT ");
    dialect_ident(s, b, "r");
    buf_putc(b, '.');
    dialect_ident(s, b, tb->cols[sel].name);
    buf_puts(b, " FROM ");
    if (tb->schema && *tb->schema) {
        dialect_ident(s, b, tb->schema);
        buf_putc(b, '.');
    }
    dialect_ident(s, b, tb->name);
    buf_puts(b, " AS ");
    dialect_ident(s, b, "r");
    for (int k = 0; k < f->nvals && k < 2; k++) {
        buf_puts(b, k ? " AND " : " WHERE ");
        dialect_ident(s, b, "r");
        buf_putc(b, '.');
        dialect_ident(s, b, tb->cols[f->ref[k]].name);
        buf_puts(b, " = ");
        put_value(s, b, &tb->cols[f->ref[k]], f->vals[k]);
    }
    buf_putc(b, ')');
}

void same_sql(const ask_schema_t *s, buf_t *b, const ask_filter_t *f, const char *outer,
              const char *const *outer_refs)
{
    const ask_table_t *tb = &s->tables[f->col.t];
    buf_printf(b, "%s IN ", outer);
    put_named(s, b, f, f->col.c);
    buf_puts(b, " AND NOT (");
    for (int k = 0; k < f->nvals && k < 2; k++) {
        buf_printf(b, "%s%s = ", k ? " AND " : "", outer_refs[k]);
        put_value(s, b, &tb->cols[f->ref[k]], f->vals[k]);
    }
    buf_putc(b, ')');
}

/* A key of the table to itself: OP_CHILD_OF "reports_to IN (SELECT
 * r.employee_id … named)", the rows under the one named; OP_PARENT_OF
 * "employee_id IN (SELECT r.reports_to … named)", the one above it. */
void same_link_sql(const ask_schema_t *s, buf_t *b, const ask_filter_t *f, const char *key, const char *target)
{
    int up = s->tables[f->col.t].cols[f->col.c].fk_col;
    buf_printf(b, "%s IN ", f->op == OP_CHILD_OF ? key : target);
    put_named(s, b, f, f->op == OP_CHILD_OF ? up : f->col.c);
}
