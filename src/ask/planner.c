/* planner.c — ask_plan: catalog templates first, then the business-question
 * parser, follow-up edits of the previous plan, a confidence, and — when
 * the planner is unsure — a clarifying answer instead of a guess. The only
 * SQL it ever returns is one SELECT built by sqlgen/catalog from the schema. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_QUESTION 2000

static void result_init(ask_plan_result_t *r)
{
    memset(r, 0, sizeof *r);
}

void ask_plan_result_free(ask_plan_result_t *r)
{
    if (!r)
        return;
    json_decref(r->plan);
    json_decref(r->clarify);
    json_decref(r->lookups);
    free(r->sql);
    free(r->understood);
    free(r->chart);
    result_init(r);
}

static void add_option(json_t *opts, const char *label, const char *question)
{
    if (json_array_size(opts) < 4)
        json_array_append_new(opts, json_pack("{s:s, s:s}", "label", label, "question", question));
}

/* "Harry Potter" is a set's name and a theme's: "sets named Harry Potter",
 * "sets of the theme Harry Potter" — the value moved after the question's
 * table, the way the planner reads it without a doubt. 0 when the question
 * names no table to put it after. Options that still ask are dropped later. */
static int options_value(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                         const ask_mention_t *v, json_t *opts)
{
    const ask_mention_t *b = NULL;
    for (int i = 0; i < p->nm && !b; i++)
        if (p->m[i].kind == PH_TABLE && (p->m[i].pos + p->m[i].len <= v->pos ||
                                         p->m[i].pos >= v->pos + v->len))
            b = &p->m[i];
    if (!b)
        return 0;
    buf_t val = {0};
    for (int k = v->pos; k < v->pos + v->len; k++)
        buf_printf(&val, "%s%s", k > v->pos ? " " : "", tk->t[k].raw);
    for (int a = 0; a < p->namb; a++) {
        const ask_table_t *t = &s->tables[p->amb[a].t];
        buf_t ins = {0}, q = {0};
        if (p->amb[a].t == b->t) {
            buf_printf(&ins, "named %s", buf_str(&val));
        } else {
            buf_puts(&ins, "of the ");
            words_put(&ins, t->w, t->nw);
            buf_printf(&ins, " %s", buf_str(&val));
        }
        for (int i = 0; i < tk->n; i++) {
            if (i < v->pos || i >= v->pos + v->len)
                buf_printf(&q, "%s%s", q.len ? " " : "", tk->t[i].raw);
            if (i == b->pos + b->len - 1)
                buf_printf(&q, " %s", buf_str(&ins));
        }
        buf_t label = {0};  /* the table as the question says it */
        for (int k = b->pos; k < b->pos + b->len; k++)
            buf_printf(&label, "%s ", tk->t[k].raw);
        buf_puts(&label, buf_str(&ins));
        add_option(opts, buf_str(&label), buf_str(&q));
        buf_free(&label);
        buf_free(&ins);
        buf_free(&q);
    }
    buf_free(&val);
    return 1;
}

/* "Cork" alone or inside addresses: the question again with "exactly
 * Cork", and with "address containing Cork". */
static void options_part_of(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                            json_t *opts)
{
    const ask_col_t *c = &s->tables[p->amb[0].t].cols[p->amb[0].c];
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->t != p->amb[0].t || m->c != p->amb[0].c)
            continue;
        buf_t exact = {0}, part = {0};
        buf_printf(&exact, "exactly %s", m->val);
        words_put(&part, c->w, c->nw);
        buf_printf(&part, " containing %s", m->val);
        char *q1 = words_rewrite(tk, m->pos, m->len, buf_str(&exact));
        char *q2 = words_rewrite(tk, m->pos, m->len, buf_str(&part));
        add_option(opts, buf_str(&exact), q1);
        add_option(opts, buf_str(&part), q2);
        free(q1), free(q2);
        buf_free(&exact), buf_free(&part);
        return;
    }
}

static void options_column(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                           json_t *opts)
{
    int pos = tk->n, len = 0;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].t == p->amb[0].t && p->m[i].c == p->amb[0].c) {
            if (p->m[i].kind == PH_VALUE && options_value(s, tk, p, &p->m[i], opts))
                return;
            pos = p->m[i].pos, len = p->m[i].len;
        }
    for (int k = 0; k < p->namb; k++) {
        const ask_table_t *t = &s->tables[p->amb[k].t];
        buf_t r = {0};
        words_put(&r, t->cols[p->amb[k].c].w, t->cols[p->amb[k].c].nw);
        buf_puts(&r, " of ");
        words_put(&r, t->w, t->nw);
        char *q = words_rewrite(tk, pos, len, buf_str(&r));
        add_option(opts, buf_str(&r), q);
        free(q);
        buf_free(&r);
    }
}

static void options_measure(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                            json_t *opts)
{
    int t = p->q.ndims ? p->q.dims[0].t : p->subject;
    buf_t base = {0};
    for (int i = 0; i < tk->n; i++)  /* the question without its vague measure words */
        if (!(tk->t[i].used && !strcmp(tk->t[i].stem, "revenue")))
            buf_printf(&base, "%s%s", base.len ? " " : "", tk->t[i].raw);
    for (int i = 0; i + 1 < tk->n; i++) {  /* "total payments": how much, or how many? */
        const ask_mention_t *m = NULL;
        for (int k = 0; k < p->nm && !m; k++)
            if (p->m[k].kind == PH_TABLE && p->m[k].pos == i + 1)
                m = &p->m[k];
        int money = m && !strcmp(tk->t[i].low, "total") ? roles_money_col(s, m->t) : -1;
        if (money < 0)
            continue;
        buf_t l = {0};
        buf_puts(&l, "total ");
        words_put(&l, s->tables[m->t].cols[money].w, s->tables[m->t].cols[money].nw);
        buf_puts(&l, " of");
        char *q1 = words_rewrite(tk, i, 1, buf_str(&l)), *q2 = words_rewrite(tk, i, 1, "number of");
        buf_printf(&l, " %s", tk->t[i + 1].raw);
        add_option(opts, buf_str(&l), q1);
        buf_reset(&l);
        buf_printf(&l, "number of %s", tk->t[i + 1].raw);
        add_option(opts, buf_str(&l), q2);
        free(q1);
        free(q2);
        buf_free(&l);
    }
    static const char *const tails[] = {"by revenue", "by total quantity", NULL};
    int q, pr, fact = -1;
    for (int k = 0; k < s->ntables; k++)
        if (lexicon_revenue_cols(s, k, &q, &pr) == 0)
            fact = k;
    for (int k = 0; tails[k] && fact >= 0; k++) {
        buf_t o = {0};
        buf_printf(&o, "%s %s", buf_str(&base), tails[k]);
        add_option(opts, tails[k] + 3, buf_str(&o));
        buf_free(&o);
    }
    for (int e = 0; e < s->nedges && t >= 0; e++)  /* "by number of orders" */
        if (s->edges[e].to_t == t && json_array_size(opts) < 3) {
            buf_t o = {0}, l = {0};
            buf_puts(&l, "number of ");
            words_put(&l, s->tables[s->edges[e].from_t].w, s->tables[s->edges[e].from_t].nw);
            buf_printf(&o, "%s by %s", buf_str(&base), buf_str(&l));
            add_option(opts, buf_str(&l), buf_str(&o));
            buf_free(&o);
            buf_free(&l);
        }
    buf_free(&base);
}

static void options_compare(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                            json_t *opts)
{
    int t = p->subject;
    for (int i = 0; i < p->nm && t < 0; i++)
        if (p->m[i].kind == PH_TABLE)
            t = p->m[i].t;
    for (int c = 0; t >= 0 && c < s->tables[t].ncols; c++) {
        if (!lexicon_col_is_numeric(&s->tables[t].cols[c]))
            continue;
        buf_t l = {0};
        buf_puts(&l, "with ");
        words_put(&l, s->tables[t].cols[c].w, s->tables[t].cols[c].nw);
        int pos = tk->n;
        for (int i = 0; i < tk->n; i++)
            if (tk->t[i].isnum && pos == tk->n)
                pos = i > 0 && tk->t[i - 1].used ? i - 1 : i;
        for (int i = pos - 1; i > 0 && (!strcmp(tk->t[i].low, "than") || !strcmp(tk->t[i].low, "at")); i--)
            pos = i - 1 >= 0 && (!strcmp(tk->t[i - 1].low, "more") || !strcmp(tk->t[i - 1].low, "less")) ? i - 1 : i;
        char *q = words_rewrite(tk, pos, 0, buf_str(&l));
        add_option(opts, buf_str(&l), q);
        free(q);
        buf_free(&l);
    }
}

static void options_table(const ask_schema_t *s, int t, json_t *opts)
{
    const char *name = s->tables[t].name;
    char q[256], l[256];
    snprintf(q, sizeof q, "How many %s are there?", name);
    snprintf(l, sizeof l, "count the %s", name);
    add_option(opts, l, q);
    snprintf(q, sizeof q, "Show 10 rows of %s", name);
    snprintf(l, sizeof l, "sample rows of %s", name);
    add_option(opts, l, q);
    snprintf(q, sizeof q, "Describe %s", name);
    snprintf(l, sizeof l, "the columns of %s", name);
    add_option(opts, l, q);
}

static void options_suggest(const ask_schema_t *s, json_t *opts)
{
    json_t *sg = ask_suggestions(s, 4);
    size_t i;
    json_t *v;
    json_array_foreach(sg, i, v)
        add_option(opts, json_string_value(v), json_string_value(v));
    json_decref(sg);
    if (json_array_size(opts) < 2)
        add_option(opts, "list the tables", "What tables are there?");
    if (json_array_size(opts) < 2)
        add_option(opts, "describe the database", "Which columns does each table have?");
}

/* What the parser recognised, for a clarification: "revenue, products". */
static char *understood_words(const ask_schema_t *s, const ask_parse_t *p)
{
    buf_t b = {0};
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        buf_puts(&b, b.len ? ", " : "");
        if (m->kind == -1)
            buf_puts(&b, "revenue");
        else if (m->kind == PH_VOCAB)
            buf_puts(&b, s->vocab[m->v].term);
        else if (m->kind == PH_TABLE)
            buf_puts(&b, s->tables[m->t].name);
        else if (m->kind == PH_VALUE)
            buf_printf(&b, "%s = %s", s->tables[m->t].cols[m->c].name, m->val ? m->val : "?");
        else
            buf_printf(&b, "%s.%s", s->tables[m->t].name, s->tables[m->t].cols[m->c].name);
    }
    if (p->q.date.kind) {
        buf_puts(&b, b.len ? ", " : "");
        dates_describe(&b, &p->q.date);
    }
    if (p->q.grain)
        buf_printf(&b, "%sby %s", b.len ? ", " : "", grammar_grain_name(p->q.grain));
    return buf_detach(&b);
}

static void options_bare(const ask_schema_t *s, const ask_toks_t *tk, json_t *opts)
{
    buf_t q = {0}, o = {0};
    for (int i = 0; i < tk->n; i++)
        buf_printf(&q, "%s%s", i ? " " : "", tk->t[i].raw);
    buf_printf(&o, "%s by month", buf_str(&q));
    add_option(opts, buf_str(&o), buf_str(&o));
    buf_reset(&o);
    buf_printf(&o, "total %s this year", buf_str(&q));
    add_option(opts, buf_str(&o), buf_str(&o));
    for (int t = 0; t < s->ntables; t++)
        if (s->tables[t].label >= 0 && s->tables[t].label != s->tables[t].pk &&
            s->tables[t].rows > 50 && s->tables[t].rows < 10000) {
            buf_reset(&o);
            buf_printf(&o, "top 10 %s by %s", s->tables[t].name, buf_str(&q));
            add_option(opts, buf_str(&o), buf_str(&o));
            break;
        }
    buf_free(&q);
    buf_free(&o);
}

/* An option is offered only when the planner answers it, sure: a rewrite
 * of the question that reads badly ("customers who placed more with credit
 * limit than 5 orders") or that would only ask again is dropped. The check
 * plans each option once, never the options of an option. */
static int checking_options;

static json_t *options_answerable(const ask_schema_t *s, json_t *opts)
{
    json_t *kept = json_array(), *o;
    size_t i;
    checking_options = 1;
    json_array_foreach(opts, i, o) {
        ask_plan_result_t r;
        char err[128];
        if (ask_plan(s, json_string_value(json_object_get(o, "question")), NULL, &r, err, sizeof err) == 0 &&
            r.sql && !r.clarify && r.confidence >= ASK_CONFIDENCE_MIN)
            json_array_append(kept, o);
        ask_plan_result_free(&r);
    }
    checking_options = 0;
    json_decref(opts);
    return kept;
}

static void clarify(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                    const char *why, ask_plan_result_t *out)
{
    json_t *opts = json_array();
    buf_t msg = {0};
    int t = p ? p->subject : -1;
    for (int i = 0; p && i < p->nm && t < 0; i++)
        if (p->m[i].t >= 0)
            t = p->m[i].t;
    if (p && p->ambiguous == AMB_COLUMN)
        options_column(s, tk, p, opts);
    else if (p && p->ambiguous == AMB_MEASURE)
        options_measure(s, tk, p, opts);
    else if (p && p->ambiguous == AMB_COMPARE)
        options_compare(s, tk, p, opts);
    else if (p && p->ambiguous == AMB_PART_OF)
        options_part_of(s, tk, p, opts);
    else if (p && p->measure_set && !p->q.ndims && !p->q.grain && !p->sql_like)
        options_bare(s, tk, opts);
    if (p) {
        free(out->understood);
        out->understood = understood_words(s, p);
    }
    if (checking_options) {  /* an option's own options are never shown */
        json_decref(opts);
        opts = json_array();
    } else {
        if (json_array_size(opts) < 2 && t >= 0)
            options_table(s, t, opts);
        if (json_array_size(opts) < 2)
            options_suggest(s, opts);
        opts = options_answerable(s, opts);
        if (json_array_size(opts) == 0 && t >= 0)
            options_table(s, t, opts);  /* catalog questions: always answerable */
    }
    buf_printf(&msg, "%s", why);
    if (out->understood && *out->understood)
        buf_printf(&msg, " What I understood: %s.", out->understood);
    buf_puts(&msg, " Which did you mean?");
    out->clarify = json_pack("{s:s, s:o}", "message", buf_str(&msg), "options", opts);
    buf_free(&msg);
    json_decref(out->plan);
    out->plan = NULL;
    free(out->sql);
    out->sql = NULL;
}

/* Sure only when every content word was placed and no two readings tie:
 * a word left over means the plan answers something else than was asked. */
static double confidence(const ask_parse_t *p, int content)
{
    if (!p->recognised || (!p->measure_set && p->q.kind != Q_LIST) || p->sql_like)
        return 0.1;
    if (p->unknown || p->ambiguous)
        return 0.3;
    if (content <= 1 && !p->agg_cue && p->q.kind == Q_AGG && !p->q.ndims && !p->q.grain && !p->q.nf &&
        !p->q.date.kind)
        return 0.5;  /* a bare "sales": total? trend? per product? */
    return 1.0;
}

static int content_words(const ask_toks_t *tk)
{
    int n = 0;
    for (int i = 0; i < tk->n; i++)
        n += !words_is_stop_at(tk, i);
    return n;
}

/* 1 when the plan uses the order the question asked for ("the biggest
 * city" with nothing to rank by is a list in id order: not what was asked). */
static int order_used(const ask_q_t *q)
{
    if (!q->order || q->kind == Q_CATALOG)
        return 1;
    if (q->kind == Q_LIST)
        return q->m.c >= 0;
    return q->ndims > 0 || q->grain != G_NONE;
}

/* why: what made the SQL impossible, in words ("" when it was written). */
static void finish(const ask_schema_t *s, const ask_q_t *q, ask_plan_result_t *out, char *why,
                   size_t whylen)
{
    why[0] = 0;
    out->understood = plan_describe(s, q);
    out->sql = q->kind == Q_CATALOG ? catalog_sql(s, q)
             : q->per ? perentity_sql(s, q, why, whylen) : sqlgen_write(s, q, why, whylen);
    out->plan = out->sql ? plan_to_json(s, q) : NULL;
}

static int plan_catalog(const ask_schema_t *s, ask_toks_t *tk, ask_plan_result_t *out)
{
    ask_q_t q;
    buf_t why = {0};
    int rc = catalog_parse(s, tk, &q, &why);
    if (rc == 1) {
        out->confidence = 0.95;
        if (q.cat == CAT_TABLES || q.cat == CAT_COLUMNS || q.cat == CAT_SAMPLE)
            out->chart = xstrdup("table");  /* a list of tables is read, not plotted */
        out->sql = catalog_sql(s, &q);
        out->plan = plan_to_json(s, &q);
        out->understood = plan_describe(s, &q);
        catalog_note_views(s, &q, &out->understood);
    } else if (rc < 0) {
        out->understood = xstrdup("");
        clarify(s, tk, NULL, buf_str(&why), out);
    }
    buf_free(&why);
    return rc;
}

/* Scan the question (parse.c), then give what was found its roles and
 * build the plan (assemble.c). */
static void understand(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_cmp_t cmps[4];
    int nc = parse_question(s, tk, p, cmps);
    assemble_plan(s, tk, p, cmps, nc);
}

/* The business question, or an edit of the previous plan. */
static void plan_business(const ask_schema_t *s, ask_toks_t *tk, const json_t *prev_plan,
                          ask_plan_result_t *out, buf_t *notes)
{
    ask_parse_t p;
    ask_q_t prev;
    char err[256], tmp[256];
    understand(s, tk, &p);
    if (p.unknown && demonyms_read(s, tk, notes) + typos_correct(s, tk, notes) > 0) {  /* read the
                                                     * typos and country adjectives, then again */
        parse_free(&p);
        for (int i = 0; i < tk->n; i++)
            tk->t[i].used = tk->t[i].scale;  /* "million" stays the number's */
        understand(s, tk, &p);
    }
    int have_prev = prev_plan && plan_from_json(s, prev_plan, &prev, err, sizeof err) == 0;
    if (p.chart[0])
        out->chart = xstrdup(p.chart);
    out->show_sql = p.show_sql;
    out->confidence = confidence(&p, content_words(tk));
    const ask_q_t *q = &p.q;
    if (have_prev && followup_is_edit(&p) && p.unknown == 0 && !p.ambiguous &&
        followup_merge(s, &prev, &p) == 0) {
        out->confidence = 0.9;
        q = &prev;
    }
    if (ranking_one_row_groups(s, q) && out->confidence >= ASK_CONFIDENCE_MIN) {
        out->confidence = 0.3;  /* "average social support of the top 20 countries" */
        p.unknown++;
        snprintf(p.unknown_word, sizeof p.unknown_word, "%s",
                 grammar_measure_names[q->m.kind]);
    }
    if (!order_used(q) && out->confidence >= ASK_CONFIDENCE_MIN) {
        out->confidence = 0.3;
        p.unknown++;
        snprintf(p.unknown_word, sizeof p.unknown_word, "%s", p.order_word[0] ? p.order_word : "most");
    }
    char cant[256], why[300];
    finish(s, q, out, cant, sizeof cant);
    if (have_prev)
        plan_clear(&prev);
    if (!out->sql || out->confidence < ASK_CONFIDENCE_MIN) {
        if (!out->sql && cant[0] && out->confidence >= ASK_CONFIDENCE_MIN)  /* understood, not writable */
            snprintf(why, sizeof why, "I understood the question but cannot write it safely: %s.", cant);
        else
            snprintf(why, sizeof why, "%s", why_asked(s, tk, &p, tmp, sizeof tmp));
        if (out->confidence >= ASK_CONFIDENCE_MIN)
            out->confidence = 0.3;
        clarify(s, tk, &p, why, out);
        if (p.unknown)
            out->lookups = lookups_phrases(tk, p.unknown_word);
        else if (!out->sql && cant[0])
            out->lookups = lookups_view_values(s, q);
    }
    parse_free(&p);
}

int ask_plan(const ask_schema_t *s, const char *question, const json_t *prev_plan,
             ask_plan_result_t *out, char *err, size_t errlen)
{
    ask_toks_t tk = {0};
    result_init(out);
    if (!s || !question) {
        snprintf(err, errlen, "no question");
        return -1;
    }
    if (words_split(question, &tk, err, errlen) < 0)
        return -1;
    buf_t notes = {0};
    char *again = strlen(question) <= MAX_QUESTION ? rephrase_question(s, &tk, &notes) : NULL;
    if (again) {  /* "average order value": read in the parser's words */
        words_free(&tk);
        int rc = words_split(again, &tk, err, errlen);
        free(again);
        if (rc < 0) {
            buf_free(&notes);
            return -1;
        }
    }
    if (strlen(question) > MAX_QUESTION || tk.n == 0) {
        out->understood = xstrdup("");
        clarify(s, &tk, NULL, strlen(question) > MAX_QUESTION
                ? "That question is too long for me; ask it in a sentence or two."
                : "Ask a question about your data.", out);
    } else if (plan_catalog(s, &tk, out) == 0) {
        plan_business(s, &tk, prev_plan, out, &notes);
    }
    if (notes.len) {  /* say how a typo was read */
        char *u = out->understood;
        buf_printf(&notes, "%s%s", u && *u ? "; " : "", u ? u : "");
        free(u);
        out->understood = buf_detach(&notes);
    }
    buf_free(&notes);
    words_free(&tk);
    return 0;
}
