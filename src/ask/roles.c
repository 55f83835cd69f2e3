/* roles.c — the small helpers every rule that gives a mention its role
 * shares: which reading of a mention to keep, marking the plan ambiguous,
 * a grouping from a mention, a table's money column, which of several
 * tables a word means. A leaf of the
 * planner: assemble.c, filters.c, ranking.c and share.c call it; it calls
 * none of them (scripts/include-graph keeps it so). */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>

void mention_take_alt(ask_mention_t *m, int k)
{
    m->t = m->alt[k].t;
    m->c = m->alt[k].c;
    m->val = m->alt[k].val;
}

/* 1 when table t's name says it is a copy of another table's rows
 * ("book_backup", "alternate_stock", "orders_old", "tmp_sales"). */
static int shadow_table(const ask_table_t *t)
{
    static const char *const shadow[] = {"backup", "bak", "copy", "old", "archive", "archived",
        "tmp", "temp", "alternate", "staging", "queue", NULL};
    for (int k = 0; k < t->nw; k++)
        if (words_in(t->w[k], shadow))
            return 1;
    return 0;
}

/* "The Cat in the Hat" is a title of book and of book_backup: a reading in
 * a copy of a table yields to the readings in tables that are no copies. */
void roles_drop_shadows(const ask_schema_t *s, ask_mention_t *m)
{
    if (m->nalt <= 0 || m->kind == -1 || m->kind == PH_VOCAB)
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5;
    for (int k = 0; k < n; k++)
        keep[k] = !shadow_table(&s->tables[roles_reading(m, k).t]);
    roles_keep_readings(m, keep);
}

ask_reading_t roles_reading(const ask_mention_t *m, int k)
{
    return k == 0 ? (ask_reading_t){m->t, m->c, m->val} : m->alt[k - 1];
}

void roles_keep_readings(ask_mention_t *m, const int *keep)
{
    ask_reading_t kept[5];
    int n = 0, all = m->nalt < 4 ? m->nalt + 1 : 5;
    for (int k = 0; k < all; k++)
        if (keep[k])
            kept[n++] = roles_reading(m, k);
    if (n == 0 || n == m->nalt + 1)
        return;
    m->t = kept[0].t, m->c = kept[0].c, m->val = kept[0].val;
    for (int k = 1; k < n; k++)
        m->alt[k - 1] = kept[k];
    m->nalt = n - 1;
}

/* 1 when table `from` has a foreign key to table `to`. */
static int points_at(const ask_schema_t *s, int from, int to)
{
    for (int k = 0; k < s->nedges; k++)
        if (s->edges[k].from_t == from && s->edges[k].to_t == to)
            return 1;
    return 0;
}

/* "orders" read as runner_orders and customer_orders, the second's rows
 * pointing at the first's (a row per pizza of an order): the order is the
 * row the others point at — when every table's name holds the word's
 * stem ("territories" is region by a synonym, not in "territories"). Reading k
 * (-1 the mention's own), or -2. */
static int table_pointed_at(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m)
{
    const char *w = tk->t[m->pos].stem;  /* "placed" is an order too */
    if (m->len != 1 || strlen(w) < 4)
        return -2;
    for (int k = -1; k < m->nalt; k++)
        if (!strcasestr(s->tables[k < 0 ? m->t : m->alt[k].t].name, w))
            return -2;
    for (int k = -1; k < m->nalt; k++) {
        int t = k < 0 ? m->t : m->alt[k].t, all = 1;
        for (int j = -1; j < m->nalt && all; j++)
            all = j == k || points_at(s, j < 0 ? m->t : m->alt[j].t, t);
        if (all)
            return k;
    }
    return -2;
}

/* Two tables of the same name in two schemas ("public.rental" and
 * "legacy.rental"): the one in public; of two tables a word names, the one
 * the other points at; else ask. */
void roles_resolve_table(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p,
                          ask_mention_t *m)
{
    if (m->kind != PH_TABLE || !m->nalt)
        return;
    int at = table_pointed_at(s, tk, m);
    if (at >= -1) {
        if (at >= 0)
            mention_take_alt(m, at);
        m->nalt = 0;
        return;
    }
    int pick = -2;
    for (int k = -1; k < m->nalt; k++)
        if (!strcmp(s->tables[k < 0 ? m->t : m->alt[k].t].schema, "public"))
            pick = pick == -2 ? k : -3;
    if (pick >= -1) {
        if (pick >= 0)
            mention_take_alt(m, pick);
        m->nalt = 0;
    } else {
        roles_set_ambiguous(p, AMB_TABLE, m);
    }
}

/* 1 when the question names table t, or a value only t holds ("the GNP of
 * Japan": Japan is a country's name, so it is the country's GNP). */
int roles_table_named(const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int only_t = m->kind == PH_VALUE && m->t == t;  /* every reading in t (name, localname) */
        for (int k = 0; only_t && k < m->nalt; k++)
            only_t = m->alt[k].t == t;
        if ((m->kind == PH_TABLE && m->t == t) || only_t)
            return 1;
    }
    return 0;
}

/* Keep the reading whose table is prefer (or a table the question names). */
void roles_resolve_alt(ask_parse_t *p, ask_mention_t *m, int prefer)
{
    for (int pass = 0; pass < 2 && m->nalt; pass++) {
        int hits = 0, pick = -1;
        for (int k = -1; k < m->nalt; k++) {
            int t = k < 0 ? m->t : m->alt[k].t;
            if (pass == 0 ? t == prefer : roles_table_named(p, t))
                hits++, pick = k;
        }
        if (hits == 1) {
            if (pick >= 0)
                mention_take_alt(m, pick);
            m->nalt = 0;
        }
    }
}

/* "the rooms in Saucon with their capacity": a word naming text columns of
 * several tables (classroom's and section's room_number) is the one table
 * another column said alone belongs to (capacity: classroom's). Numbers
 * are left alone ("revenue per film rating" is no film column). */
void roles_resolve_by_column(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    if (m->kind != PH_COLUMN || !m->nalt)
        return;
    int hits = 0, pick = -2;
    for (int k = -1; k < m->nalt; k++) {
        ask_reading_t r = roles_reading(m, k + 1);
        if (lexicon_col_is_numeric(&s->tables[r.t].cols[r.c]))
            return;
        int said = 0;
        for (int i = 0; i < p->nm && !said; i++)
            said = &p->m[i] != m && p->m[i].kind == PH_COLUMN && !p->m[i].nalt && p->m[i].t == r.t;
        if (said)
            hits++, pick = k;
    }
    if (hits != 1)
        return;
    if (pick >= 0)
        mention_take_alt(m, pick);
    m->nalt = 0;
}

void roles_not_understood(const ask_toks_t *tk, ask_parse_t *p, int from, int to)
{
    if (p->unknown++)
        return;
    buf_t b = {0};
    words_put_typed(&b, tk, from, to, 1);
    snprintf(p->unknown_word, sizeof p->unknown_word, "%s", buf_str(&b));
    buf_free(&b);
}

void roles_set_ambiguous(ask_parse_t *p, int why, const ask_mention_t *m)
{
    if (p->ambiguous)
        return;
    p->ambiguous = why;
    p->namb = 0;
    if (!m)
        return;
    p->amb[p->namb++] = (ask_colref_t){m->t, m->c};
    for (int k = 0; k < m->nalt && p->namb < 4; k++)
        p->amb[p->namb++] = (ask_colref_t){m->alt[k].t, m->alt[k].c};
}

/* The one money column of table t, or -1 (none, or several). */
int roles_money_col(const ask_schema_t *s, int t)
{
    int found = -1;
    for (int c = 0; c < s->tables[t].ncols; c++)
        if (lexicon_col_is_money(&s->tables[t].cols[c]) && !s->tables[t].cols[c].pk)
            found = found < 0 ? c : -2;
    return found >= 0 ? found : -1;
}

/* A grouping column, once: "which charge is the most common top charge"
 * names the charge twice (the table, and the key that points at it). */
static void dim_add(ask_q_t *q, int t, int c)
{
    for (int i = 0; i < q->ndims; i++)
        if (q->dims[i].t == t && q->dims[i].c == c)
            return;
    if (q->ndims < ASK_MAX_DIMS)
        q->dims[q->ndims++] = (ask_colref_t){t, c};
}

/* "per supplier code" of deliveries.supplier_code: the code itself, said
 * whole, not the supplier's name it points at. */
static int code_said(const ask_mention_t *m, const ask_col_t *c)
{
    return c->nw >= 2 && m->len >= c->nw &&
           words_in(c->w[c->nw - 1], (const char *const[]){"code", "number", "no", "num", NULL});
}

void roles_make_dim(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    m->role = R_DIM;
    if (m->nalt)
        roles_resolve_alt(p, m, p->q.m.t);
    if (m->nalt) {
        roles_set_ambiguous(p, AMB_COLUMN, m);
        return;
    }
    const ask_col_t *c = m->c >= 0 ? &s->tables[m->t].cols[m->c] : NULL;
    if (c && lexicon_col_is_time(c)) {
        p->q.time = (ask_colref_t){m->t, m->c};
        int g = c->nw ? grammar_grain_parse(c->w[c->nw - 1]) : G_NONE;  /* download_month: by month */
        if (!p->q.grain)
            p->q.grain = g > G_NONE && g != G_DOW ? g : G_DAY;
        return;
    }
    if (p->q.ndims == ASK_MAX_DIMS)
        return;
    /* "by country_id": the country — not a part of a key of two columns
     * ("category" of (year, category)): alone it names no parent row */
    int via_fk = c && c->fk_table >= 0 && s->tables[c->fk_table].pk >= 0 && !code_said(m, c);
    int t = via_fk ? c->fk_table : m->t;
    if (!c && lexicon_named_by(s, t) != t) {  /* "each therapist": by the staff member's name */
        if (p->q.nvia < 2)
            p->q.via[p->q.nvia++] = t;  /* through the therapists */
        t = lexicon_named_by(s, t);
    }
    if (c && (!via_fk || s->tables[t].label < 0)) {  /* section.building: the building */
        dim_add(&p->q, m->t, m->c);
    } else if (s->tables[t].label >= 0) {  /* the entity: its label (and second label) */
        const ask_table_t *tb = &s->tables[t];
        dim_add(&p->q, t, tb->label);
        if (tb->label2 >= 0 && p->q.ndims < ASK_MAX_DIMS)
            dim_add(&p->q, t, tb->label2);
        else if (!c && p->q.ndims < ASK_MAX_DIMS && tb->pk >= 0 && tb->pk != tb->label &&  /* "which sites": */
                 tb->cols[tb->label].n_distinct != -1 && !lexicon_label_names_rows(tb) &&  /* Willard Beach's */
                 !lexicon_label_is_category(tb))                                          /* three stay three */
            dim_add(&p->q, t, tb->pk);
    } else {  /* a table with no name to group by: asked about unless a ranking uses it */
        p->nameless_group = t;
    }
}


int roles_has_value_filter(const ask_q_t *q, int t)
{
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].col.t == t && (q->f[i].op == OP_IN || q->f[i].op == OP_NOT_IN))
            return 1;
    return 0;
}

/* 1 when column mention m is said as each row's own: "their city", and in
 * "with their city and credit limit" the credit limit too — shown, not
 * summed nor grouped by. */
/* The column mention ending at token k, or NULL. */
static const ask_mention_t *column_ending(const ask_parse_t *p, int k, int tables)
{
    for (int i = 0; i < p->nm; i++)
        if ((p->m[i].kind == PH_COLUMN || (tables && p->m[i].kind == PH_TABLE)) &&
            p->m[i].pos + p->m[i].len - 1 == k)
            return &p->m[i];
    return NULL;
}

int roles_their(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m)
{
    static const char *const own[] = {"their", "its", NULL}, *const joins[] = {"and", ",", "the",
        "monthly", "yearly", "annual", "weekly", "daily", NULL};  /* "their monthly price" */
    int k = m->pos - 1, chained = 0, end = m->pos + m->len, from = m->pos;  /* from: the item said after k */
    /* "with title and date", "with title and salary": columns said as a pair */
    if (words_at(tk, k, "with") && m->kind == PH_COLUMN && (words_at(tk, end, "and") || words_at(tk, end, ",")) &&
        column_ending(p, end + 1 + words_at(tk, end + 1, "the"), 0))
        return 1;
    static const char *const names[] = {"name", "names", "title", "titles", "date", "dates", NULL};
    int v = k - words_at(tk, k, "are") - words_at(tk, k, "is");  /* "… and which of them are official" */
    if ((v >= 2 && words_at(tk, v - 2, "which") && words_at(tk, v - 1, "of") &&
         words_in(tk->t[v].low, (const char *const[]){"them", "those", "these", NULL})) ||
        (v >= 1 && words_in(tk->t[v - 1].low, (const char *const[]){"whether", "if", NULL}) &&
         words_in(tk->t[v].low, (const char *const[]){"they", "it", "each", NULL})))
        return 1;
    while (k >= 0 && k >= m->pos - 8) {
        if (words_in(tk->t[k].low, own) || (words_at(tk, k, "with") && (words_at(tk, k + 1, "the") || chained)))
            return 1;  /* "appointments with the pet and the vet": the same */
        if (words_in(tk->t[k].low, (const char *const[]){"give", "show", NULL}) &&
            (k > 0 ? words_in(tk->t[0].low, (const char *const[]){"which", "list", NULL})
                   : (chained || words_at(tk, end, "and")) &&
                     strcmp(tk->t[m->pos + m->len - 1].low, tk->t[m->pos + m->len - 1].stem) != 0))
            return 1;  /* "which buildings …? Give name and floors."; "show the addresses and values of …" */
        if (!words_in(tk->t[k].low, joins)) {
            /* the column named before: "city and …"; or the table: "the pet and the vet" */
            const ask_mention_t *c = column_ending(p, k, 1);  /* "the customer's name and the amount" */
            if (!c && words_in(tk->t[k].low, names) &&
                (words_at(tk, k + 1, "and") || words_at(tk, k + 1, ",") || k + 1 == from)) {
                chained = 1, from = k, k--;  /* "their name and floors", "their date, state and species" */
                continue;
            }
            if (!c)
                return 0;
            if (c->kind == PH_TABLE && m->kind == PH_TABLE && p->q.kind == Q_LIST && c->t == p->q.table &&
                c != m)
                return 1;  /* "pending requests and the hospital": the listed rows' own */
            k = c->pos, from = c->pos, chained = 1;
        }
        k--;
    }
    return 0;
}

/* "the rooms with their hotel": a table said as the listed rows' own,
 * which they point at by one key column — that column, or -1. */
int roles_their_key(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                    const ask_mention_t *m)
{
    const ask_table_t *t = &s->tables[p->q.table];
    if (m->t == p->q.table || !roles_their(tk, p, m))
        return -1;
    int key = -1;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].fk_table == m->t)
            key = key < 0 ? c : -2;
    return key >= 0 ? key : -1;
}

/* The names a list shows beside its rows' keys: a kind of another table
 * by that one's name (therapists: their staff name); rows filtered through
 * a table their key points at by its name ("rentals by customers in Huye":
 * the customer's name, already joined). */
void roles_show_names(const ask_schema_t *s, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || q->table < 0)
        return;
    const ask_table_t *t = &s->tables[q->table];
    if (lexicon_named_by(s, q->table) != q->table && q->nshow < 2)
        q->show[q->nshow++] = (ask_colref_t){q->table, t->pk};
    else if ((t->label < 0 || t->label == t->pk) && !q->nshow) {
        int key = -1;  /* athletes, teams with no name of their own: their participant's */
        for (int c = 0; c < t->ncols; c++) {
            int to = t->cols[c].fk_table;
            if (c != t->pk && to >= 0 && to != q->table && s->tables[to].label >= 0 &&
                lexicon_col_is_own_name(&s->tables[to], s->tables[to].label))
                key = key == -1 ? c : -2;
        }
        if (key >= 0)
            q->show[q->nshow++] = (ask_colref_t){q->table, key};
    }
    for (int c = 0; c < t->ncols && q->nshow < 2; c++) {
        int to = t->cols[c].fk_table, named = 0, shown = 0;
        for (int i = 0; i < q->nf && to >= 0 && to != q->table; i++)  /* not the one name */
            named |= q->f[i].col.t == to && q->f[i].op == OP_IN && !q->f[i].cond &&  /* filtered */
                        !(q->f[i].col.c == s->tables[to].label && q->f[i].nvals == 1);
        /* "the 10 largest cities": each city's country by its name, not IND
         * (one key to that table: two, a movement's warehouse and its
         * counterparty's, are not told apart by a join) */
        named |= to >= 0 && to != q->table && s->tables[to].label >= 0 &&
                    lexicon_col_is_own_name(&s->tables[to], s->tables[to].label) &&
                    paths_edges(s, q->table, to) == 1;
        for (int i = 0; i < q->nshow; i++)
            shown |= q->show[i].c == c;
        if (named && !shown && c != t->pk && s->tables[to].label >= 0 &&
            s->tables[to].label != s->tables[to].pk)
            q->show[q->nshow++] = (ask_colref_t){q->table, c};
    }
}

/* The one table the words before token end name (each mention of it), or NULL. */
ask_mention_t *roles_one_table(ask_parse_t *p, int end)
{
    ask_mention_t *m = NULL;
    for (int k = 0; k < p->nm; k++)
        if (p->m[k].kind == PH_TABLE && p->m[k].pos < end && !p->m[k].nalt) {
            if (m && m->t != p->m[k].t)
                return NULL;
            m = m ? m : &p->m[k];
        }
    return m;
}

/* "Which county had the most tornadoes? Give the county and its state":
 * a table said as a grouped row's own — a key of the grouped table points
 * at it — is grouped too, by its name. Without this the state went to the
 * joins, which dropped it (tornadoes reach states without the counties). */
void roles_own_dims(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || !q->ndims)
        return;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_TABLE || m->role != R_NONE || m->nalt || m->t == q->m.t ||
            s->tables[m->t].label < 0 || !roles_their(tk, p, m))
            continue;
        int owned = 0;
        for (int d = 0; d < q->ndims && !owned; d++)
            owned = q->dims[d].t != m->t && paths_edges(s, q->dims[d].t, m->t) == 1;
        if (owned && q->ndims < ASK_MAX_DIMS)
            roles_make_dim(s, p, m);
    }
}

/* "more than 10 languages", "how many languages does a country have" of
 * countrylanguage(countrycode → country, language): a text column that is
 * the other half of a two-column key, one half a key to another table,
 * names its table's rows — one per language of a country. The mention
 * becomes the table's; 1 when it did. */
int roles_key_item(const ask_schema_t *s, ask_mention_t *m)
{
    if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt)
        return 0;
    const ask_table_t *t = &s->tables[m->t];
    int keys = 0, fks = 0;
    for (int k = 0; k < t->ncols; k++)
        keys += t->cols[k].pk, fks += t->cols[k].pk && t->cols[k].fk_table >= 0 && t->cols[k].fk_table != m->t;
    if (keys != 2 || fks != 1 || t->cols[m->c].kind != CK_TEXT || !t->cols[m->c].pk || t->cols[m->c].fk_table >= 0)
        return 0;
    m->kind = PH_TABLE, m->c = -1;
    return 1;
}
