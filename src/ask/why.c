/* why.c — the first sentence of a question back: why the planner asks
 * (two columns fit a word, a period outside the data, a word not matched,
 * …), from the parse's ambiguity and its unknown word. The options that
 * follow are planner.c's. */
#include "ask/internal.h"
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

/* "\"salary\" fits more than one column: salary of employee, min salary of
 * job or max salary of job." — the words as typed, and what they may be. */
static const char *why_column(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                              char *tmp, size_t n)
{
    int pos = -1, len = 0;
    for (int i = 0; i < p->nm && pos < 0; i++)
        if (p->namb && p->m[i].t == p->amb[0].t && p->m[i].c == p->amb[0].c)
            pos = p->m[i].pos, len = p->m[i].len;
    if (pos < 0 || p->namb < 2)
        return "That name fits more than one column.";
    buf_t b = {0};
    buf_putc(&b, '"');
    for (int k = pos; k < pos + len && k < tk->n; k++)
        buf_printf(&b, "%s%s", k > pos ? " " : "", tk->t[k].raw);
    buf_puts(&b, "\" fits more than one column: ");
    for (int k = 0; k < p->namb; k++) {
        const ask_table_t *t = &s->tables[p->amb[k].t];
        buf_puts(&b, k == 0 ? "" : k == p->namb - 1 ? " or " : ", ");
        words_put(&b, t->cols[p->amb[k].c].w, t->cols[p->amb[k].c].nw);
        buf_puts(&b, " of ");
        words_put(&b, t->w, t->nw);
    }
    buf_putc(&b, '.');
    snprintf(tmp, n, "%s", buf_str(&b));
    buf_free(&b);
    return tmp;
}

/* "\"Cork\" is a whole members.address in some rows and part of it in
 * others (\"Monkstown Cork\"): …" — the value, its column and one value
 * that holds it. */
static const char *why_part_of(const ask_schema_t *s, const ask_parse_t *p, char *tmp, size_t n)
{
    const ask_col_t *c = &s->tables[p->amb[0].t].cols[p->amb[0].c];
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        const char *other = m->kind == PH_VALUE && m->t == p->amb[0].t && m->c == p->amb[0].c
                                ? filters_part_of(c, m->val) : NULL;
        if (other) {
            snprintf(tmp, n, "\"%.40s\" is a whole %.40s.%.40s in some rows and part of it in "
                     "others (\"%.60s\"): say \"exactly %.40s\" or \"containing %.40s\".", m->val,
                     s->tables[p->amb[0].t].name, c->name, other, m->val, m->val);
            return tmp;
        }
    }
    return "That value stands alone in some rows and inside others: say \"exactly\" or "
           "\"containing\".";
}

/* "orders" read as customer_orders and runner_orders, or "rental" in two
 * schemas: the tables it may be, schema-qualified when names repeat. */
static const char *why_table(const ask_schema_t *s, const ask_parse_t *p, char *tmp, size_t n)
{
    if (p->namb < 2)
        return "That name fits more than one table.";
    buf_t b = {0};
    buf_puts(&b, "That name fits more than one table: ");
    for (int k = 0; k < p->namb; k++) {
        const ask_table_t *t = &s->tables[p->amb[k].t];
        int twice = 0;
        for (int j = 0; j < p->namb; j++)
            twice |= j != k && !strcmp(s->tables[p->amb[j].t].name, t->name);
        buf_puts(&b, k == 0 ? "" : k == p->namb - 1 ? " or " : ", ");
        if (twice)
            buf_printf(&b, "%s.", t->schema);
        buf_puts(&b, t->name);
    }
    buf_putc(&b, '.');
    snprintf(tmp, n, "%s", buf_str(&b));
    buf_free(&b);
    return tmp;
}

/* "\"the district\" may be the type 'District' of schools, or all of
 * them: …" — the word as typed, the value and its column. */
static const char *why_noun(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                            char *tmp, size_t n)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->t != p->amb[0].t || m->c != p->amb[0].c || !m->val || m->pos >= tk->n)
            continue;
        snprintf(tmp, n, "\"the %.40s\" may be the %.40s '%.40s' of %.40s, or all of them: say \"%.40s "
                 "%.40s\" for the one, or leave it out.", tk->t[m->pos].raw, s->tables[m->t].cols[m->c].name,
                 m->val, s->tables[m->t].name, m->val, s->tables[m->t].name);
        return tmp;
    }
    return "A word reads as a value of a kind and as everything; name the kind, or leave it out.";
}

const char *why_asked(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                      char *tmp, size_t n)
{
    switch (p->ambiguous) {
    case AMB_WHICH:
        snprintf(tmp, n, "Which %.40s? Name it, or ask about all of them.", s->tables[p->amb[0].t].name);
        return tmp;
    case AMB_ALL_ROWS:
        snprintf(tmp, n, "%.40s has %.0f rows: which ones do you want, or what about them?",
                 s->tables[p->q.table].name, s->tables[p->q.table].rows);
        return tmp;
    case AMB_LINK:
        snprintf(tmp, n, "%.40s only links other tables (pairs of keys): ask for the rows it "
                 "links instead.", s->tables[p->q.table].name);
        return tmp;
    case AMB_COLUMN: return why_column(s, tk, p, tmp, n);
    case AMB_MEASURE: return "I am not sure what to measure.";
    case AMB_COMPARE:
        if (p->namb == 2 && p->amb[0].c >= 0 && p->amb[1].t >= 0 && p->amb[1].c == -2) {  /* average_of_rows */
            const char *t = s->tables[p->amb[0].t].name, *c = s->tables[p->amb[0].t].cols[p->amb[0].c].name;
            snprintf(tmp, n, "Is that one %.40s row's %.40s, or %.40s averaged over the %.40s rows of each "
                     "%.40s row?", t, c, c, t, s->tables[p->amb[1].t].name);
            return tmp;
        }
        if (p->namb == 2 && p->amb[0].c >= 0 && p->amb[1].t >= 0) {  /* guards.c one_row_or_total */
            const char *t = s->tables[p->amb[0].t].name, *c = s->tables[p->amb[0].t].cols[p->amb[0].c].name;
            snprintf(tmp, n, "Is that %.40s in one %.40s row, or added up over all the rows of each of the "
                     "%.40s?", c, t, s->tables[p->amb[1].t].name);
            return tmp;
        }
        return "I am not sure which number that comparison is about.";
    case AMB_TIME: return "I found no date column to apply that period to.";
    case AMB_ORDER: return "The question asks for both the highest and the lowest first.";
    case AMB_RECENT:
        snprintf(tmp, n, "The %d most recent dates, each once, or the dates of the %d most recent %.40s "
                 "(a date may repeat)?", p->q.limit, p->q.limit, s->tables[p->subject].name);
        return tmp;
    case AMB_RANK:
        snprintf(tmp, n, "%.40s counts down (1 is the best): do you want rank 1 first, or the "
                 "largest numbers?", s->tables[p->q.m.t].cols[p->q.m.c].name);
        return tmp;
    case AMB_TABLE: return why_table(s, p, tmp, n);
    case AMB_DATES: return "The question names two periods; ask about one at a time.";
    case AMB_TWO_TIMES:
        if (p->amb[1].t != p->amb[0].t) {  /* a child's year column beside its parent's date */
            snprintf(tmp, n, "The date could be %.40s's %.40s or %.40s's %.40s; say which.",
                     s->tables[p->amb[0].t].name, s->tables[p->amb[0].t].cols[p->amb[0].c].name,
                     s->tables[p->amb[1].t].name, s->tables[p->amb[1].t].cols[p->amb[1].c].name);
            return tmp;
        }
        snprintf(tmp, n, "The date could be %.40s's %.40s or its %.40s; say which.",
                 s->tables[p->amb[0].t].name, s->tables[p->amb[0].t].cols[p->amb[0].c].name,
                 s->tables[p->amb[1].t].cols[p->amb[1].c].name);
        return tmp;
    case AMB_OUTSIDE: return outside_why(s, p, tmp, n);
    case AMB_ROUTES:
        if (p->namb == 2 && p->amb[0].c >= 0 && p->amb[1].c >= 0) {  /* guards_linked_both_ways */
            const ask_table_t *a = &s->tables[p->amb[0].t], *b = &s->tables[p->amb[1].t];
            snprintf(tmp, n, "%.40s and %.40s are linked both ways: by %.40s.%.40s and by %.40s.%.40s; "
                     "say which (\"… as its %.40s\", or the %.40s's own %.40s).", a->name, b->name, a->name,
                     a->cols[p->amb[0].c].name, b->name, b->cols[p->amb[1].c].name, a->cols[p->amb[0].c].name,
                     b->name, b->cols[p->amb[1].c].name);
            return tmp;
        }
        snprintf(tmp, n, "%.40s and %.40s are linked in more than one way; name the table that "
                 "links them.", s->tables[p->amb[0].t].name, s->tables[p->amb[1].t].name);
        return tmp;
    case AMB_NEVER_NULL:
        snprintf(tmp, n, "%.40s.%.40s is never empty in this data, so none lacks it; if one of its "
                 "values stands for none, ask with that value.",
                 s->tables[p->amb[0].t].name, s->tables[p->amb[0].t].cols[p->amb[0].c].name);
        return tmp;
    case AMB_PART_OF: return why_part_of(s, p, tmp, n);
    case AMB_ECHO:
        snprintf(tmp, n, "Those are names in %.40s.%.40s, which holds nothing else: say which rows "
                 "about them you want.", s->tables[p->amb[0].t].name,
                 s->tables[p->amb[0].t].cols[p->amb[0].c].name);
        return tmp;
    case AMB_NOUN: return why_noun(s, tk, p, tmp, n);
    case AMB_NONE_OF:
        snprintf(tmp, n, "Every %.40s whose %.40s all lack such %.40s, or each %.40s of %.40s with "
                 "none? Ask about the %.40s to see which have none.",
                 s->tables[p->amb[0].t].cols[p->amb[0].c].name, s->tables[p->amb[0].t].name,
                 s->tables[p->amb[1].t].name, s->tables[p->amb[0].t].cols[p->amb[0].c].name,
                 s->tables[p->amb[0].t].name, s->tables[p->amb[0].t].name);
        return tmp;
    case AMB_NAMES: {
        const ask_table_t *tb = &s->tables[p->amb[0].t];
        snprintf(tmp, n, "The %.0f %.40s have only %.0f different %.40s values, so one value may stand for "
                 "several of them; to group by the value, ask \"by %.40s\".", tb->rows, tb->name,
                 lexicon_col_distinct(tb, &tb->cols[p->amb[0].c]), tb->cols[p->amb[0].c].name,
                 tb->cols[p->amb[0].c].name);
        return tmp;
    }
    case AMB_SPELLED:
        snprintf(tmp, n, "\"%.40s\" is written more than one way in %.40s.%.40s (other capitals, "
                 "spaces, hyphens or marks): say \"exactly %.40s\" for that spelling alone, or \"%.40s in any case\" for all.",
                 p->unknown_word, s->tables[p->amb[0].t].name, s->tables[p->amb[0].t].cols[p->amb[0].c].name,
                 p->unknown_word, p->unknown_word);
        return tmp;
    case AMB_ROW_NOUN: {  /* guards.c value_names_rows */
        const ask_table_t *tb = &s->tables[p->amb[0].t];
        snprintf(tmp, n, "\"%.40s\" is a value of %.40s.%.40s, and it also names every row of %.40s: "
                 "all %.40s, or only those whose %.40s is %.40s?", p->unknown_word, tb->name,
                 tb->cols[p->amb[0].c].name, s->tables[p->amb[1].t].name, s->tables[p->amb[1].t].name,
                 tb->cols[p->amb[0].c].name, p->unknown_word);
        return tmp;
    }
    case AMB_GROUP:
        snprintf(tmp, n, "I don't know how to group by \"%.40s\".", p->unknown_word);
        return tmp;
    case AMB_UNSHOWN:
        snprintf(tmp, n, "You ask to see %.40s, but this answer only counts or adds up by its groups: "
                 "group by %.40s, or leave it out.", s->tables[p->amb[0].t].name, s->tables[p->amb[0].t].name);
        return tmp;
    case AMB_ZERO: {  /* presence.c: "no hunters" of a count column */
        const char *c = s->tables[p->amb[0].t].cols[p->amb[0].c].name;
        snprintf(tmp, n, "%.40s.%.40s is a number: \"no %.40s\" could be 0 or none recorded; say \"fewer "
                 "than 1 %.40s\" or \"no %.40s recorded\".", s->tables[p->amb[0].t].name, c, c, c, c);
        return tmp;
    }
    case AMB_UNSUPPORTED:
        snprintf(tmp, n, "I can't answer \"%.40s\" questions on my own yet.", p->unknown_word);
        return tmp;
    default: break;
    }
    if (p->sql_like)
        return "That looks like SQL. I only read questions in words (and never run SQL typed "
               "into the chat); ask it as a question.";
    if (p->measure_set && !p->unknown && !p->q.ndims && !p->q.grain)
        return "That could be a total, a trend or a ranking.";
    if (p->unknown_word[0]) {
        snprintf(tmp, n, "I could not match \"%.40s\" to anything in this database.", p->unknown_word);
        return tmp;
    }
    return "I could not tell what to compute from that question.";
}
