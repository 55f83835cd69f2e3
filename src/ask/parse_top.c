/* parse_top.c — order and how many: "top 5", "the 10 most recent", "which
 * 3 products …", "the 5 customers with the highest credit limit", "highest
 * first", "from the best rating to the lowest", "most popular", "the most
 * common", "cheapest" — the order word kept to name it if nothing uses it;
 * and the verbs that add nothing ("happened", "are recorded"). */
#include "ask/internal.h"

#include <ctype.h>
#include <string.h>

/* Mark n tokens from i as read by a rule (parse.c's scans use it too). */
void parse_use(ask_toks_t *tk, int i, int n)
{
    for (int k = i; k < i + n && k < tk->n; k++)
        tk->t[k].used = 1;
}

/* "… to the lowest": a second order word that ends a range */
static int after_to(const ask_toks_t *tk, int i)
{
    return words_at(tk, i - 1, "to") || (words_at(tk, i - 1, "the") && words_at(tk, i - 2, "to"));
}

/* 1 when the number at i ends a comparison ("over 100, highest first" is
 * not the 100 highest) */
static int compared(const ask_toks_t *tk, int i)
{
    const ask_cue_t *r1 = grammar_cue_at(grammar_cmp_cues, tk, i - 1);
    const ask_cue_t *r2 = grammar_cue_at(grammar_cmp_cues, tk, i - 2);
    return (r1 && !r1->next) || (r2 && r2->next);
}

/* "which 3 products …", "the 5 customers with the highest credit limit",
 * "list the 10 films with the longest running time": with a superlative,
 * a number before the question's first noun is how many rows — not a value
 * (office 5) — and "which …" alone asks for one. */
static void scan_leading_count(ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const lead[] = {"which", "what", "who", "whose", "the", "show", "list",
        "give", "me", "return", "find", "get", "display", "name", "are", "were", "is", "was", NULL};
    static const char *const asks[] = {"which", "what", "who", "whose", NULL};
    int in = tk->n > 1 && words_in(tk->t[0].low, (const char *const[]){"on", "in", "at", "during", NULL}) &&
             words_in(tk->t[1].low, asks);  /* "on which day", "in which 3 buildings" */
    int which = tk->n && (words_in(tk->t[0].low, asks) || in);
    int i = in;
    while (i < tk->n && !tk->t[i].isnum && words_in(tk->t[i].low, lead))
        i++;
    if (i < tk->n && i + 1 < tk->n && tk->t[i].isnum && !tk->t[i].used && !tk->t[i + 1].isnum &&
        tk->t[i].num >= 1 && tk->t[i].num <= 10000 && tk->t[i].num == (int)tk->t[i].num &&
        !(tk->t[i].num >= 1900 && tk->t[i].num <= 2100)) {
        p->q.limit = (int)tk->t[i].num;
        tk->t[i].used = 1;
        p->top = 1;
    } else if (which) {
        p->q.limit = 1;
        p->q.ties = words_in(tk->t[0].low, (const char *const[]){"which", "who", "on", "in", NULL});  /* "which
                            * coffee got the lowest rating": each that did — "what is the highest rate": one value */
        p->top = 1;
    }
}

/* 1 when a column's name starts with word i ("top charge" of top_charge,
 * "first name"): a name, not an order. */
static int names_column(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    const ask_phrase_t *ph[8];
    int n = lexicon_match(s, tk, i, ph, 8);
    for (int k = 0; k < n; k++)
        if (ph[k]->kind == PH_COLUMN && ph[k]->nw >= 2)
            return 1;
    return 0;
}

/* A superlative by its form: an order word, or "-est" / "-most" ("longest",
 * "northernmost"). A word that only looks like one ("the second test")
 * makes no ordered list, and guards_nth_list asks. */
static int superlative(const char *w)
{
    size_t n = strlen(w);
    return grammar_order_of(w) || (n > 5 && !strcmp(w + n - 3, "est")) || (n > 6 && !strcmp(w + n - 4, "most"));
}

/* "the second largest country", "the 3rd most populous": an ordinal before
 * a superlative is the rank of the value asked for (q.nth). */
static void scan_nth(ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const nth[][2] = {{"second", "2nd"}, {"third", "3rd"}, {"fourth", "4th"},
        {"fifth", "5th"}, {"sixth", "6th"}, {"seventh", "7th"}, {"eighth", "8th"}, {"ninth", "9th"},
        {"tenth", "10th"}};
    for (int i = 0; i + 1 < tk->n && !p->q.nth; i++)
        for (int k = 0; k < 9; k++)
            if ((!strcmp(tk->t[i].low, nth[k][0]) || !strcmp(tk->t[i].low, nth[k][1])) && !tk->t[i].used &&
                superlative(tk->t[i + 1].low)) {
                p->q.nth = k + 2, p->nth_at = i + 1;
                tk->t[i].used = 1;
                break;
            }
}

/* The one rank column of the database (games.bgg_rank: a whole number
 * named rank, no key); 0 when none or several. */
static int rank_column(const ask_schema_t *s, ask_colref_t *out)
{
    int n = 0;
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols && !s->tables[t].is_view; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            if (col->kind == CK_INT && !col->pk && col->fk_table < 0 &&
                lexicon_col_has_word(col, (const char *const[]){"rank", "ranking", NULL}))
                *out = (ask_colref_t){t, c}, n++;
        }
    return n == 1;
}

/* "How many games in the top 200 were published before 1990?", "among the
 * top 100 games": "in the top N" where the database ranks its rows in one
 * column is that rank up to N — a condition, not the N rows with the most
 * of something. */
static int in_the_top(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, int i)
{
    int the = words_at(tk, i - 1, "the"), at = i - 1 - the;
    ask_colref_t r;
    if (!words_at(tk, i, "top") || i + 1 >= tk->n || !tk->t[i + 1].isnum || tk->t[i + 1].num < 1 ||
        tk->t[i + 1].num > 1e6 || at < 0 || !(words_at(tk, at, "in") || words_at(tk, at, "among")) ||
        p->q.nf >= ASK_MAX_FILTERS || !rank_column(s, &r))
        return 0;
    p->q.f[p->q.nf++] = (ask_filter_t){.col = r, .op = OP_LE, .num = {tk->t[i + 1].num, 0}, .pos = i};
    parse_use(tk, at, i + 2 - at);
    return 1;
}

void parse_scan_top(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    scan_nth(tk, p);
    for (int i = 0; i < tk->n; i++) {
        const char *w = tk->t[i].low;
        ask_tok_t *nx = i + 1 < tk->n ? &tk->t[i + 1] : NULL;
        if (in_the_top(s, tk, p, i))
            continue;
        if (!p->order_word[0] && !words_at(tk, i - 1, "at") && (grammar_order_of(w) ||
                                  !strcmp(w, "top") || !strcmp(w, "bottom") || !strcmp(w, "expensive")))
            snprintf(p->order_word, sizeof p->order_word, "%s", tk->t[i].raw), p->order_at = i + 1;
        if (((!strcmp(w, "top") || !strcmp(w, "bottom")) && !names_column(s, tk, i)) || ((!strcmp(w, "best") ||
            !strcmp(w, "worst")) && nx && nx->isnum) || (!strcmp(w, "first") && nx && nx->isnum)) {
            p->q.order = !strcmp(w, "bottom") || !strcmp(w, "worst") ? -1 : 1;
            p->q.limit = nx && nx->isnum && nx->num >= 1 && nx->num <= 10000 ? (int)nx->num : 10;
            p->top = 1;
            parse_use(tk, i, nx && nx->isnum ? 2 : 1);
        } else if (tk->t[i].isnum && nx && grammar_order_of(nx->low) && !compared(tk, i) &&
                   tk->t[i].num >= 1 && tk->t[i].num <= 10000 && !tk->t[i].used &&
                   !(p->top && p->q.limit > 0)) {  /* "the 5 biggest fires of 2019, largest first" */
            p->q.limit = (int)tk->t[i].num;
            p->q.order = grammar_order_of(nx->low);
            p->top = 1;
            parse_use(tk, i, 2);
        } else if (!tk->t[i].used && grammar_order_of(w) && strcmp(w, "cheapest") &&
                   !words_at(tk, i - 1, "at") &&  /* "at least 5" is a comparison, */
                   !(!strcmp(w, "most") && nx && !strcmp(nx->low, "recently"))) {  /* donefirst.c's */
            int o = grammar_order_of(w);
            /* "from the best rating to the lowest": the first word says the way */
            int to = after_to(tk, i);
            if (p->q.order && p->q.order != o && !to)
                p->order_conflict = 1;
            p->order_only |= to;
            if (!p->q.order)
                p->q.order = o;
            parse_use(tk, i, 1);
        }
        /* "highest first", "longest duration first": the order's own word —
         * not "the most studies first posted" (first_posted) */
        int said_last = i + 1 == tk->n || tk->t[i].ends || tk->t[i + 1].low[0] == ',' ||
                        words_in(tk->t[i + 1].low, (const char *const[]){"then", "and", "please", NULL});
        for (int k = i - 1; !strcmp(w, "first") && said_last && !tk->t[i].used && k >= 0 && k >= i - 3; k--)
            if (grammar_order_of(tk->t[k].low) ||
                words_in(tk->t[k].low, (const char *const[]){"longest", "shortest", "newest",
                         "oldest", "latest", "earliest", "biggest", NULL}))
                parse_use(tk, i, 1), p->order_only = 1;
        if (words_in(w, (const char *const[]){"single", "individual", NULL}) && i > 0 &&
            tk->t[i - 1].used && (grammar_order_of(tk->t[i - 1].low) ||
            words_in(tk->t[i - 1].low, (const char *const[]){"largest", "biggest", "smallest", NULL})))
            parse_use(tk, i, 1);  /* "the largest single payment": one row, as the superlative says */
        if (!strcmp(w, "all") && said_last && i > 0 && words_at(tk, i - 1, "of"))
            parse_use(tk, i - 1, 2);  /* "the lowest rating of all": the superlative's stress, no list */
        else if (!strcmp(w, "all") && !p->top)  /* "all the products … cheapest first" */
            p->order_only = 1;
        if (words_in(w, (const char *const[]){"common", "frequent", NULL}) && i > 0 &&
            tk->t[i - 1].used && words_in(tk->t[i - 1].low, (const char *const[]){"most", "least", NULL})) {
            p->common_at = i + 1;  /* "the 10 most common diagnoses": rows counted per value */
            parse_use(tk, i, 1);
        }
        if (!strcmp(w, "popular") && i > 0 && tk->t[i - 1].used) {  /* "most popular" */
            p->popular = 1;
            parse_use(tk, i, 1);
        }
        if (!strcmp(w, "expensive") || !strcmp(w, "priciest") || !strcmp(w, "cheapest")) {
            /* "from the most expensive to the cheapest", "from most to least
             * expensive": the first says the way */
            int to = after_to(tk, i) || (i > 0 && after_to(tk, i - 1) &&
                     words_in(tk->t[i - 1].low, (const char *const[]){"most", "least", NULL}));
            p->want_price = 1;
            p->order_only |= to;
            if (to && p->q.order)
                ;
            else if (!strcmp(w, "expensive") && i > 0 && !strcmp(tk->t[i - 1].low, "least"))
                p->q.order = -1;
            else if (!p->q.order || strcmp(w, "expensive"))
                p->q.order = strcmp(w, "cheapest") ? 1 : -1;
            parse_use(tk, i, 1);
        }
    }
    if (p->q.order && !p->q.limit && !p->order_only)
        scan_leading_count(tk, p);
}

/* "how many crashes happened in the rain", "… took place on a Sunday",
 * "how many crashes are recorded?", "came in", a "still" before a state:
 * words that only say the rows exist. */
void parse_scan_happened(ask_toks_t *tk)
{
    static const char *const verbs[] = {"happened", "occurred", "occured", "happen", "occur", "done",
        "conducted", "performed", NULL};
    for (int i = 0; i < tk->n; i++) {
        if (!tk->t[i].used && words_in(tk->t[i].low, verbs))
            parse_use(tk, i, 1);
        else if (!tk->t[i].used && words_in(tk->t[i].low, (const char *const[]){"took", "take", NULL}) &&
                 words_at(tk, i + 1, "place"))
            parse_use(tk, i, 2);
    }
    for (int i = 0; i + 1 < tk->n; i++) {
        if (tk->t[i].used)
            continue;
        /* "orders that are still pending": the value says it */
        if (!strcmp(tk->t[i].low, "still") && !tk->t[i + 1].used &&  /* "still in Issued status", */
            (!words_is_stop(tk->t[i + 1].low) ||                       /* not "still in each committee" */
             (words_in(tk->t[i + 1].low, (const char *const[]){"in", "at", NULL}) &&
              !words_in(i + 2 < tk->n ? tk->t[i + 2].low : "", (const char *const[]){"each", "every", "a", NULL}))))
            parse_use(tk, i, 1);
        /* "orders came in on a Sunday", "tickets came through social media" */
        else if (words_in(tk->t[i].low, (const char *const[]){"came", "come", "comes", NULL}) &&
                 words_in(tk->t[i + 1].low, (const char *const[]){"in", "from", "through", "via", NULL}))
            parse_use(tk, i, 1);
        /* "how many samples were taken in 2019", "purchases made on a Sunday" */
        else if (i > 0 && words_in(tk->t[i].low, (const char *const[]){"taken", "made", "collected", NULL}) &&
                 words_in(tk->t[i - 1].low, (const char *const[]){"were", "was", "been", "be", NULL}) &&
                 words_in(tk->t[i + 1].low, (const char *const[]){"in", "on", "at", "during", "between", "before",
                     "after", "since", "each", "per", "every", "from", NULL}))
            parse_use(tk, i, 1);
        /* "delayed because of the weather", "due to weather": the value says why */
        else if ((!strcmp(tk->t[i].low, "because") && words_at(tk, i + 1, "of")) ||
                 (!strcmp(tk->t[i].low, "due") && words_at(tk, i + 1, "to")))
            parse_use(tk, i, 2);
        /* "deliveries that went from Perth to Darwin" */
        else if (words_in(tk->t[i].low, (const char *const[]){"went", "go", "goes", "going", NULL}) &&
                 words_in(tk->t[i + 1].low, (const char *const[]){"from", "to", NULL}))
            parse_use(tk, i, 1);
        /* "deliveries marked Delayed", "marked as Delayed": the value says it */
        else if (words_in(tk->t[i].low, (const char *const[]){"marked", "flagged", "labelled", "labeled",
                     "tagged", NULL}) && (words_at(tk, i + 1, "as") || isupper((unsigned char)tk->t[i + 1].raw[0])))
            parse_use(tk, i, words_at(tk, i + 1, "as") ? 2 : 1);
    }
    int last = tk->n - 1;
    if (last >= 2 && !tk->t[last].used && words_in(tk->t[last].low, (const char *const[]){"recorded",
            "logged", "registered", "stored", "listed", "filed", "lodged", "reported", NULL}) &&
        words_in(tk->t[last - 1].low, (const char *const[]){"are", "were", "is", "was", NULL}))
        parse_use(tk, last - 1, 2);
}
