/* exists.c — rows that have (or have not) related rows: "films that were
 * never rented", "airlines without any route", "accounts with a loan"; the
 * conditions on the related rows placed inside the EXISTS ("never booked
 * the squash court"); "employees without a department" as the base's own
 * key left empty. The SQL is sqlgen.c's (sqlgen_exists). */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>

/* 1 for an unplaced past-tense verb ("received", "scored"). */
static int past_verb(const ask_tok_t *t)
{
    size_t n = strlen(t->low);
    return !t->used && !t->isnum && n > 4 && !strcmp(t->low + n - 2, "ed");
}

/* A past-tense verb ("reviewed"), placed or not. */
static int past_verb_said(const ask_toks_t *tk, int k)
{
    size_t n = strlen(tk->t[k].low);
    return !tk->t[k].isnum && n > 4 && !strcmp(tk->t[k].low + n - 2, "ed");
}

/* The one-word column mention at token k, unread, or NULL. */
static ask_mention_t *column_at(ask_parse_t *p, int k)
{
    for (int x = 0; x < p->nm; x++)
        if (p->m[x].pos == k && p->m[x].len == 1 && p->m[x].kind == PH_COLUMN && p->m[x].role == R_NONE)
            return &p->m[x];
    return NULL;
}

/* "employees without a department": the base's own key to rel, named
 * after it (department_id), is empty — not "no department is managed by
 * them" through departments.manager_id. Adds that filter; 1 when it did. */
static int own_key_named(const ask_schema_t *s, ask_parse_t *p, int base, int rel, int is_neg)
{
    const ask_table_t *r = &s->tables[rel];
    for (int e = 0; e < s->nedges; e++) {
        const ask_edge_t *x = &s->edges[e];
        if (x->from_t != base || x->to_t != rel || r->nw < 1 ||
            !lexicon_col_has_word(&s->tables[base].cols[x->from_c], (const char *const[]){r->w[r->nw - 1], NULL}))
            continue;
        if (p->q.nf < ASK_MAX_FILTERS)
            p->q.f[p->q.nf++] = (ask_filter_t){.col = {base, x->from_c}, .op = is_neg ? OP_NULL : OP_NOT_NULL};
        return 1;
    }
    return 0;
}

/* The value mention starting at token k, or NULL. */
static const ask_mention_t *value_at(const ask_parse_t *p, int k)
{
    for (int x = 0; x < p->nm; x++)
        if (p->m[x].pos == k && p->m[x].kind == PH_VALUE)
            return &p->m[x];
    return NULL;
}

/* "don't have a single route": "single" before a table said next */
static int single_before_table(const ask_toks_t *tk, const ask_parse_t *p, int k)
{
    if (!words_at(tk, k, "single"))
        return 0;
    for (int x = 0; x < p->nm; x++)
        if (p->m[x].pos == k + 1 && p->m[x].kind == PH_TABLE)
            return 1;
    return 0;
}

/* "podcasts not on YouTube", "investors without an Early Retirement goal":
 * a value denied of rows the base has many of is "no such row" (NOT
 * EXISTS), not "some other row" (a podcast on Spotify is also on YouTube).
 * Made the existence test; with other conditions on such rows, asked. */
static void denied_through(const ask_schema_t *s, ask_parse_t *p, int base)
{
    ask_q_t *q = &p->q;
    int denied = -1, others = 0;
    for (int i = 0; i < q->nf; i++) {
        if (q->f[i].cond != FILTER_WHERE || !paths_fans_out(s, base, q->f[i].col.t))
            continue;
        if (q->f[i].op == OP_NOT_IN && denied < 0)
            denied = i;
        else
            others++;
    }
    if (denied < 0)
        return;
    if (others || q->share || paths_count(s, q->f[denied].col.t, base) != 1)
        return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    q->rel = q->f[denied].col.t, q->rel_not = 1;
    q->f[denied].op = OP_IN;
}

/* "members who never booked the squash court", "actors who have never been
 * in a Comedy film": a filter on rows the base has many of (reached
 * one-to-many) is about the related rows — it goes inside the EXISTS, not
 * beside it (which would ask for members who booked the court and booked
 * nothing). In a share, where the EXISTS is the condition, it is asked. */
void filters_place_exists(const ask_schema_t *s, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    if (q->rel < 0 && base >= 0)
        denied_through(s, p, base);
    if (q->rel < 0 || base < 0)
        return;
    if (q->rel_not && q->listed.t == base && s->tables[base].cols[q->listed.c].n_distinct != -1) {
        roles_set_ambiguous(p, AMB_NONE_OF, NULL);  /* "districts that never harvested": */
        p->amb[0] = q->listed, p->amb[1] = (ask_colref_t){q->rel, -1}, p->namb = 2;
        return;  /* none of theirs, or some of them none? */
    }
    for (int i = 0; i < q->nf; i++) {
        if (!paths_fans_out(s, base, q->f[i].col.t) || q->f[i].cond != FILTER_WHERE)
            continue;
        if (q->rel_cond || q->share)
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
        q->f[i].cond = FILTER_EXISTS;
    }
}

/* "instructors who have never taught a section", "members who never
 * borrowed a book": a verb that only says the two rows meet — the row of
 * rel exists — or one naming rel itself ("ordered" an order). Not "won",
 * "scored", "cancelled": those say which of rel's rows. */
static const char *const meet[] = {"taught", "borrowed", "rented", "hired", "used", "had", "taken",
        "took", "visited", "attended", "played", "hosted", "served", "received", "got", "gotten", "booked",
        "ordered", "bought", "purchased", "reviewed", "rated", "enrolled", "registered",
        "joined", "participated", "appeared", "published", "written", "wrote", "handled", "processed",
        "listed", "chartered", "liked", "followed", "ridden", "rode", "driven", "drove", "flown", "flew",
        "managed", "supervised", "treated", "prescribed", "issued", "collected", "donated", "requested",
        "picked", "selected", "chosen", "sent", "posted", "submitted", "uploaded", "asked", "answered",
        "commented", "performed", "directed", "produced", "starred", "acted", "featured", "shown",
        "screened", "stocked", "supplied", "delivered", "shipped", "sold", NULL};

static int only_has(const ask_schema_t *s, const ask_tok_t *verb, int rel)
{
    return words_in(verb->low, meet) || filters_verb_table(s, verb->low) == rel;
}

/* "films that were never rented", "airlines without any route", "accounts
 * with a loan": rows of the subject that have (no) rows of another table
 * belonging to them. */

void filters_apply_exists(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const neg[] = {"never", "no", "without", "not", NULL};
    static const char *const made[] = {"made", "make", "placed", "place", "opened", "open",
        "submitted", "submit", "booked", "book", "filed", "file", "raised", "raise", "posted",
        "post", "created", "create", "sent", "send", "wrote", "written", "write", "logged",
        "log", "left", "leave", "given", "gave", "give", "bought", "buy", "used", "use", NULL};
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, path[6];
    if (base < 0 || (p->q.kind == Q_AGG && p->q.m.kind != M_COUNT))
        return;
    for (int i = 0; i < tk->n; i++) {
        int is_neg = words_in(tk->t[i].low, neg);
        if (tk->t[i].used || !(is_neg || words_at(tk, i, "with")) ||
            (!is_neg && words_at(tk, i + 1, "the")))  /* "with the pet": shown (roles_their) */
            continue;
        int rel = -1, k, words = 0, verb = -1;
        ask_mention_t *m = NULL;
        const ask_mention_t *val = NULL;
        for (k = i + 1; k < tk->n && words < 4 && rel < 0; k++, words++) {
            for (int x = 0; x < p->nm && !m; x++)
                if (p->m[x].pos == k && p->m[x].kind == PH_TABLE &&
                    (p->m[x].role == R_NONE || p->m[x].role == R_FILTER))  /* "an order refunded" */
                    m = &p->m[x];
            for (int x = 0; x < p->nm && !m && is_neg; x++)  /* "customers without a sales rep": */
                if (p->m[x].pos == k && p->m[x].kind == PH_COLUMN && !p->m[x].nalt &&  /* their own key */
                    p->m[x].t == base && s->tables[base].cols[p->m[x].c].fk_table >= 0 &&
                    p->m[x].role == R_NONE && p->q.nf < ASK_MAX_FILTERS) {
                    p->q.f[p->q.nf++] = (ask_filter_t){.col = {base, p->m[x].c}, .op = OP_NULL, .pos = i};
                    p->m[x].role = R_FILTER;
                    for (int u = i; u < k; u++)
                        tk->t[u].used = 1;
                    return;
                }
            rel = m ? m->t : !tk->t[k].used && is_neg ? filters_verb_table_any(s, tk->t[k].low) : -1;
            for (int x = 0; x < p->nm && rel < 0; x++)  /* "maps never played": matches.map_played */
                if (p->m[x].pos == k && p->m[x].kind == PH_COLUMN && !p->m[x].nalt &&
                    s->tables[p->m[x].t].cols[p->m[x].c].fk_table == base && p->m[x].t != base)
                    m = &p->m[x], rel = m->t;
            ask_mention_t *col = rel < 0 && is_neg && past_verb_said(tk, k) ? column_at(p, k) : NULL;
            if (col && (rel = filters_verb_table_any(s, tk->t[k].low)) >= 0)
                col->role = R_FILTER;  /* "never been reviewed": the reviews, not first_review */
            const ask_mention_t *v = rel < 0 ? value_at(p, k) : NULL;
            if (v) {  /* "never been in a Comedy film": the value is the film's, said before it */
                val = val ? val : v;
                k += v->len - 1;
                words--;  /* the value's words are not counted */
                continue;
            }
            if (rel < 0 && is_neg && words_in(tk->t[k].low, made)) {
                words--;  /* "never opened a ticket", "did not place an order": the rows */
                continue;
            }
            if (rel < 0 && is_neg && verb < 0 && !val && (past_verb(&tk->t[k]) || words_in(tk->t[k].low, meet))) {
                verb = k;  /* "never received an A+" */
                continue;
            }
            if (rel < 0 && !single_before_table(tk, p, k) && !words_in(tk->t[k].low, (const char *const[]){"any", "a", "an", "been",
                    "ever", "be", "was", "were", "is", "are", "have", "has", "had", "in", "the",
                    "for", "to", "from", "on", "at", "yet", NULL}))
                break;
        }
        /* "students who never received an A+": no table named, but a verb
         * and a value of rows the base has many of — those are the rows */
        if (rel < 0 && val && verb >= 0 && !val->nalt && val->t != base)
            rel = val->t;
        else if (verb >= 0 && !val && !(rel >= 0 && only_has(s, &tk->t[verb], rel)))
            rel = -1;  /* "not assigned to any department", "never won a match": the verb says how */
        if (rel >= 0 && rel != base && p->q.rel < 0 && !val && own_key_named(s, p, base, rel, is_neg)) {
            for (int u = i; u < k; u++)  /* "employees without a department": department_id */
                tk->t[u].used = 1;
            if (m)
                m->role = R_FILTER;
            return;
        }
        if (rel < 0 || rel == base || p->q.rel >= 0 || paths_exists(s, rel, base, path, 6) < 1)
            continue;
        if (paths_count(s, rel, base) > 1) {  /* "products never ordered": through order lines, */
            roles_set_ambiguous(p, AMB_ROUTES, NULL);  /* or through notes on them? */
            p->amb[0] = (ask_colref_t){base, -1}, p->amb[1] = (ask_colref_t){rel, -1}, p->namb = 2;
            return;
        }
        p->q.rel = rel;
        p->q.rel_not = is_neg;
        for (int u = i; u < k; u++)
            tk->t[u].used = 1;
        if (m)
            m->role = R_FILTER;
        filters_use_stated(tk, m ? m->pos + m->len : k);  /* "no actors listed" */
        return;
    }
}

/* "users who never commented": comments reach users only through posts
 * (the post's author), while a column of their own names a user as users
 * does (comments.username beside users.username, unique there) — the
 * commenter, linked by no key. -1 with err then, else 0. */
int exists_own_doer(const ask_schema_t *s, int rel, int base, char *err, size_t errlen)
{
    const ask_table_t *r = &s->tables[rel], *b = &s->tables[base];
    for (int c = 0; c < r->ncols; c++) {
        if (r->cols[c].pk || r->cols[c].fk_table >= 0 || r->cols[c].kind != CK_TEXT)
            continue;
        for (int k = 0; k < b->ncols; k++)
            if (!strcmp(r->cols[c].name, b->cols[k].name) && !b->cols[k].pk && b->cols[k].kind == CK_TEXT &&
                (k == b->label || b->cols[k].n_distinct == -1)) {
                snprintf(err, errlen, "%s names its own %s by %s, which no key links, and its keys reach "
                         "%s only through another table: whose %s they are I can't tell", r->name, b->name,
                         r->cols[c].name, b->name, r->name);
                return -1;
            }
    }
    return 0;
}
