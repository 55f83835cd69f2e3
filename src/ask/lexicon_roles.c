/* lexicon_roles.c — what a column or table is for, read from its name and
 * type: money, a quantity, something that adds up, a date; the column that
 * names a table's rows (its label) and the date that places them in time;
 * lookups by name. */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int lexicon_col_has_word(const ask_col_t *c, const char *const *list)
{
    for (int i = 0; i < c->nw; i++)
        for (int k = 0; list[k]; k++)
            if (!strcmp(c->w[i], list[k]))
                return 1;
    return 0;
}

int lexicon_flag_yes(const ask_col_t *c, const char **yes, int max)
{
    static const char *const pairs[][2] = {{"y", "n"}, {"yes", "no"}, {"true", "false"}, {"t", "f"},
                                           {"1", "0"}};
    if (c->kind == CK_BOOL) {
        yes[0] = "true";
        return max > 0;
    }
    if ((c->kind == CK_INT || c->kind == CK_NUM) && c->n_distinct > 2)
        return 0;  /* 0 and 1 sampled, a third value missed: no 0/1 flag */
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        int ok = c->nsamples >= 2 && c->nsamples <= ASK_MAX_VALUES, n = 0;
        for (int v = 0; v < c->nsamples && ok; v++)
            ok = !strcasecmp(c->samples[v], pairs[k][0]) || !strcasecmp(c->samples[v], pairs[k][1]);
        for (int v = 0; v < c->nsamples && ok; v++)
            if (!strcasecmp(c->samples[v], pairs[k][0]) && n < max)
                yes[n++] = c->samples[v];
        if (ok && n)
            return n;
    }
    return 0;
}

int lexicon_col_is_own_name(const ask_table_t *tb, int c)
{
    const ask_col_t *col = &tb->cols[c];
    if (c != tb->label)
        return 0;
    if (col->nw == 1)
        return !strcmp(col->w[0], "name") || !strcmp(col->w[0], "title");
    return tb->nw && !strcmp(col->w[0], tb->w[tb->nw - 1]);
}

/* 1 when column c of tb is "<w>_name" and w is not tb's own noun: the name
 * of another thing held on the row ("item_name" on orders: the items). */
int lexicon_col_names_other(const ask_table_t *tb, int c, const char *w)
{
    const ask_col_t *col = &tb->cols[c];
    return col->nw == 2 && !strcmp(col->w[1], "name") && !strcmp(col->w[0], w) &&
           !(tb->nw && !strcmp(col->w[0], tb->w[tb->nw - 1]));
}

int lexicon_named_by(const ask_schema_t *s, int t)
{
    const ask_table_t *tb = &s->tables[t];
    int p = tb->pk >= 0 && tb->label == tb->pk ? tb->cols[tb->pk].fk_table : -1;
    if (p < 0 || p == t || s->tables[p].label < 0 || s->tables[p].label == s->tables[p].pk)
        return t;
    /* a name of a person or thing: a loan keyed by its account is no kind
     * of account, named by its owner */
    const ask_table_t *pt = &s->tables[p];
    return lexicon_col_is_own_name(pt, pt->label) || pt->label2 >= 0 ? p : t;
}

int lexicon_col_is_flag(const ask_col_t *c)
{
    const char *yes[ASK_MAX_VALUES];
    return lexicon_flag_yes(c, yes, ASK_MAX_VALUES) > 0;
}

int lexicon_col_is_numeric(const ask_col_t *c)
{
    return (c->kind == CK_INT || c->kind == CK_NUM) && !c->pk && c->fk_table < 0 &&
           !(c->nw && !strcmp(c->w[c->nw - 1], "id"));
}

int lexicon_col_is_money(const ask_col_t *c)
{
    static const char *const money[] = {"price", "amount", "revenue", "total",
        "sale", "value", "spend", "paid", "fee", "charge", "salary", "net", "gross",
        "subtotal", NULL};
    static const char *const spans[] = {"year", "month", "week", "day", "hour", "minute", NULL};
    static const char *const counts[] = {"count", "quantity", NULL};
    return lexicon_col_is_numeric(c) && lexicon_col_has_word(c, money) &&
           !lexicon_col_has_word(c, spans) &&  /* TotalWorkingYears is time, not money */
           !lexicon_col_has_word(c, counts);   /* sales_count: how many, not how much */
}

int lexicon_col_is_qty(const ask_col_t *c)
{
    static const char *const qty[] = {"quantity", "count", NULL};
    return lexicon_col_is_numeric(c) && lexicon_col_has_word(c, qty);
}

/* A quantity that adds up across rows (amounts, counts, money, lengths of
 * time spent): what "X by Y" sums when no aggregate word is given. A level
 * (balance, rating, age, a rate, a price per unit) does not: summing it
 * answers nothing anyone asked. */
int lexicon_col_is_additive(const ask_col_t *c)
{
    static const char *const adds[] = {"amount", "quantity", "count", "revenue", "total", "sale",
        "spend", "paid", "payment", "fee", "charge", "cost", "value", "net", "gross", "subtotal",
        "unit", "population", "area", "budget", "salary", "credit", "hour", "minute", "second",
        "duration", "distance", "volume", "weight", "profit", "tax", "discount", "point", NULL};
    static const char *const levels[] = {"balance", "rate", "rating", "score", "age", "price",
        "percent", "percentage", "ratio", "average", "avg", "mean", "latitude", "longitude",
        "year", "level", "rank", "grade", "gpa", "temperature", "expectancy", "per", NULL};
    return lexicon_col_is_numeric(c) && lexicon_col_has_word(c, adds) && !lexicon_col_has_word(c, levels);
}

const char *const lexicon_unit_words[] = {"hour", "minute", "second", "point", "unit", "mile", "credit", NULL};

/* A count of some unit (hours_worked, points, units_sold): "how many
 * hours did volunteers work" adds it up. */
int lexicon_col_counts_units(const ask_col_t *c)
{
    return lexicon_col_is_numeric(c) && !c->pk && c->fk_table < 0 && c->nw && words_in(c->w[0], lexicon_unit_words);
}

int lexicon_col_is_time(const ask_col_t *c)
{
    return c->kind == CK_DATE || c->kind == CK_TS;
}

int lexicon_find_table(const ask_schema_t *s, const char *name)
{
    for (int i = 0; i < s->ntables; i++)
        if (!strcmp(s->tables[i].name, name))
            return i;
    return -1;
}

int lexicon_find_column(const ask_schema_t *s, int t, const char *name)
{
    if (t < 0 || t >= s->ntables || !name)
        return -1;
    for (int i = 0; i < s->tables[t].ncols; i++)
        if (!strcmp(s->tables[t].cols[i].name, name))
            return i;
    return -1;
}

int lexicon_find_vocab(const ask_schema_t *s, const char *term)
{
    for (int i = 0; i < s->nvocab; i++)
        if (!strcasecmp(s->vocab[i].term, term))
            return i;
    return -1;
}

/* A line's own amount beside its quantity and unit price (line_item_amount,
 * total_price, linetotal): what was charged after discounts and promotions,
 * where quantity x price is only the list value. -1 when none. */
static int is_line_amount(const ask_col_t *c)
{
    static const char *const line[] = {"amount", "total", "subtotal", "linetotal", "extended", NULL};
    static const char *const not_line[] = {"unit", "discount", "tax", "cost", "fee", "shipping",
        "freight", "paid", "due", "per", "insurance", NULL};
    return lexicon_col_is_money(c) && lexicon_col_has_word(c, line) && !lexicon_col_has_word(c, not_line);
}

static int line_amount_col(const ask_table_t *tb, int price)
{
    if (is_line_amount(&tb->cols[price]))  /* Qty beside Line_Total alone: the total is the line's */
        return price;
    static const char *const gross[] = {"gross", NULL};  /* gross_amount beside final_amount: */
    int found = -1;                                       /* what was paid is the final one */
    for (int i = 0; i < tb->ncols; i++)
        if (i != price && is_line_amount(&tb->cols[i]) &&
            (found < 0 || lexicon_col_has_word(&tb->cols[found], gross)))
            found = i;
    return found;
}

int lexicon_revenue_cols(const ask_schema_t *s, int t, int *qty, int *price)
{
    /* what is kept or paid for is no sale: quantity_in_stock x unit_price
     * is the stock's worth, quantity x cost_price what it cost */
    static const char *const stock[] = {"stock", "inventory", "hand", "available", "reorder", NULL};
    static const char *const cost[] = {"cost", "buying", "purchase", "wholesale", NULL};
    const ask_table_t *tb = &s->tables[t];
    *qty = *price = -1;
    for (int i = 0; i < tb->ncols; i++) {
        const ask_col_t *c = &tb->cols[i];
        if (*qty < 0 && lexicon_col_is_qty(c) && !lexicon_col_has_word(c, stock))
            *qty = i;
        if (*price < 0 && lexicon_col_is_money(c) && !lexicon_col_has_word(c, cost))
            *price = i;
    }
    if (*qty < 0 || *price < 0)
        return -1;
    int line = line_amount_col(tb, *price);
    if (line >= 0)  /* the line's own amount is what was charged: no product */
        *qty = -1, *price = line;
    return 0;
}

int lexicon_discount_col(const ask_table_t *tb)
{
    static const char *const disc[] = {"discount", NULL};
    for (int i = 0; i < tb->ncols; i++)
        if (lexicon_col_is_numeric(&tb->cols[i]) && lexicon_col_has_word(&tb->cols[i], disc))
            return tb->cols[i].kind == CK_NUM ? i : -2;
    return -1;
}

int lexicon_time_for(const ask_schema_t *s, int t, int *tt, int *tc)
{
    if (s->tables[t].time >= 0) {
        *tt = t;
        *tc = s->tables[t].time;
        return 0;
    }
    return lexicon_parent_time(s, t, tt, tc);
}

int lexicon_parent_time(const ask_schema_t *s, int t, int *tt, int *tc)
{
    /* one hop many-to-one, to the table this one details: order_items are
     * dated by their order — but a rental is not dated by its customer's
     * sign-up, so the two must share a word ("order"), and runner_orders
     * are not dated by their runner's registration */
    for (int e = 0; e < s->nedges; e++) {
        int to = s->edges[e].to_t, shared = 0;
        for (int a = 0; a < s->tables[t].nw; a++)
            for (int b = 0; b < s->tables[to].nw; b++)  /* glued: "orderdetails" of orders */
                shared |= !strcmp(s->tables[t].w[a], s->tables[to].w[b]) ||
                          (a == 0 && strlen(s->tables[to].w[b]) >= 4 &&
                           !strncmp(s->tables[t].w[a], s->tables[to].w[b], strlen(s->tables[to].w[b])));
        static const char *const joined[] = {"registration", "registered", "signup", "joined", "join",
            "hire", "hired", "enrolled", "enrollment", "enrolment", NULL};
        if (s->edges[e].from_t == t && s->tables[to].time >= 0 && shared &&
            !lexicon_col_has_word(&s->tables[to].cols[s->tables[to].time], joined)) {
            *tt = to;
            *tc = s->tables[to].time;
            return 0;
        }
    }
    return -1;
}

/* 1 when item is one of the sep-separated items of list. */
static int list_has_item(const char *list, const char *item, const char *sep)
{
    size_t n = strlen(item), k = strlen(sep);
    for (const char *p = strstr(list, item); n && p; p = strstr(p + 1, item)) {
        int starts = p == list || (p >= list + k && !strncmp(p - k, sep, k));
        int ends = p[n] == 0 || !strncmp(p + n, sep, k);
        if (starts && ends)
            return 1;
    }
    return 0;
}

static int lists_by(const ask_col_t *c, const char *sep)
{
    int lists = 0;
    for (int i = 0; i < c->nsamples; i++)
        lists += strstr(c->samples[i], sep) != NULL;
    if (c->kind != CK_TEXT || lists < 2 || lists * 10 < c->nsamples)
        return 0;
    /* an item said alone found after the first of a list ("Drama" in "Comedy,
     * Drama"); "Potassium" leading "Potassium, Whole Blood" is a name qualified */
    for (int i = 0; i < c->nsamples; i++)
        for (int k = 0; k < c->nsamples && !strstr(c->samples[i], sep); k++)
            if (k != i && strstr(c->samples[k], sep) && list_has_item(c->samples[k], c->samples[i], sep) &&
                strncmp(c->samples[k], c->samples[i], strlen(c->samples[i])))
                return 1;
    return 0;
}

/* ", "-separated ("United States, Japan") or "|"-separated
 * ("Comedy|Drama") lists: the separator, or NULL. A name or a title with a
 * comma is one name ("University of California, Berkeley" beside
 * "Berkeley" among 6,604 institution names), not a list. */
const char *lexicon_col_holds_lists(const ask_col_t *c)
{
    static const char *const seps[] = {", ", "|", NULL};
    int named = c->nw && words_in(c->w[c->nw - 1], (const char *const[]){"name", "title", NULL});
    for (int k = named ? 1 : 0; seps[k]; k++)
        if (lists_by(c, seps[k]))
            return seps[k];
    return NULL;
}

/* The table's main date: an order date, or one named for the table's own
 * event, before others; never a bookkeeping
 * stamp ("last_update", "modified_at"), which says when a row was edited,
 * not when the thing happened. */
/* 1 when most of t's rows share their label (generations by birth year,
 * food listings named "Rice"): the label is a category, not a name. */
/* How many values c holds: n_distinct as discovered, negative a fraction of the rows. */
double lexicon_col_distinct(const ask_table_t *t, const ask_col_t *c)
{
    return c->n_distinct > 0 ? c->n_distinct : -c->n_distinct * t->rows;
}

int lexicon_label_is_category(const ask_table_t *t)
{
    if (t->label < 0 || t->label2 >= 0 || t->rows < 10)
        return 0;
    double distinct = lexicon_col_distinct(t, &t->cols[t->label]);
    return distinct > 0 && 2 * distinct < t->rows;
}

/* 1 when the table's label is what its rows are called by — a name or a
 * title of their own ("customer_name", "title"), or a first name beside a
 * last — so two rows of one name are two (PENELOPE and PENELOPE); "per
 * bank" over finance_details.bank_name groups the banks, not the rows. */
int lexicon_label_names_rows(const ask_table_t *tb)
{
    const ask_col_t *c = &tb->cols[tb->label];
    if (lexicon_label_is_category(tb))
        return 0;  /* generations by birth year: a label most rows share is a category */
    static const char *const own[] = {"display", "full", "nick", "screen", "given", "legal",
        "preferred", "real", NULL};  /* "DisplayName": a user's own name */
    if (tb->label2 >= 0 || c->nw == 1 || (c->nw == 2 && !strcmp(c->w[1], "name") &&
                                          words_in(c->w[0], own)))
        return 1;
    for (int k = 0; k < tb->nw; k++)
        if (!strcmp(c->w[0], tb->w[k]))
            return 1;
    return 0;
}

/* 1 when discovery found the column's values within years 1850 … 2100
 * (engine/ranges.c reads a "…season" integer column's span as years). */
static int spans_years(const ask_col_t *c)
{
    return c->lo[0] && c->hi[0] && strncmp(c->lo, "1850", 4) >= 0 && strncmp(c->hi, "2100", 4) <= 0;
}

int lexicon_col_is_year(const ask_col_t *c)
{
    size_t n = strlen(c->name);
    if (c->kind == CK_INT && n >= 6 && !strcasecmp(c->name + n - 6, "season") && spans_years(c))
        return 1;  /* team_seasons.season 1917 … 2017: the year it began, never summed */
    int of = !strncasecmp(c->name, "year_of", 7) || !strncasecmp(c->name, "yearof", 6) ||  /* yearofrelease */
             (!strncasecmp(c->name, "year_", 5) && n > 5 && !strchr(c->name + 5, '_')) ||  /* year_published */
             !strcasecmp(c->name, "yearid");  /* Lahman's yearID: the year itself, no key */
    return (c->kind == CK_INT || c->kind == CK_NUM) && n >= 4 &&
           (!strcasecmp(c->name + n - 4, "year") || of);
}

int lexicon_pick_time(const ask_table_t *t)
{
    /* a bookkeeping stamp is not when the row happened, nor is a birth
     * date ("drivers held in 2023" is no question about their births;
     * "born in" names it, dates.c / time_by_verb) */
    static const char *const bookkeeping[] = {"update", "updated", "modified", "modify", "changed",
        "synced", "etl", "loaded", "birth", "dob", "birthday", "born", NULL};
    /* a row's creation stamp beside a year of its own (albums: created_at
     * beside yearofrelease) says when the row was typed in — beside other
     * dates (canceled_at) it is when the order was placed */
    static const char *const stamp[] = {"created", "creation", "inserted", "added", NULL};
    /* an appointment happens when scheduled, not when it was booked */
    static const char *const scheduled[] = {"scheduled", "schedule", NULL},
                      *const booked[] = {"booked", "booking", "reserved", "requested", NULL};
    /* a date foreseen is not when it happened: order_estimated_delivery_date
     * is no order's date beside order_purchase_timestamp */
    static const char *const foreseen[] = {"estimated", "expected", "planned", "projected", "promised",
        "required", "target", NULL};
    int other = 0, best = -1, rank = -1;
    for (int i = 0; i < t->ncols; i++)
        other |= !t->cols[i].pk && lexicon_col_is_year(&t->cols[i]);
    for (int i = 0; i < t->ncols; i++) {
        const ask_col_t *c = &t->cols[i];
        if (!lexicon_col_is_time(c) || lexicon_col_has_word(c, bookkeeping) ||
            (other && lexicon_col_has_word(c, stamp)))
            continue;
        /* harvests.harvest_date before planting_date, order_date before ship_date: the first */
        int r = 2 * !lexicon_col_has_word(c, foreseen) + (strstr(c->name, "order") || strstr(c->name, "Order") ||
                (t->nw && c->nw > 1 && !strcmp(c->w[0], t->w[t->nw - 1])));
        if (r > rank || (r == rank && lexicon_col_has_word(c, scheduled) &&
                         lexicon_col_has_word(&t->cols[best], booked)))
            best = i, rank = r;  /* scheduled_start_at before booked_at */
    }
    for (int i = 0; i < t->ncols && best < 0; i++)  /* no date: a year column ("year", "indepyear") */
        if (lexicon_col_is_year(&t->cols[i]))
            best = i;
    return best;
}

int lexicon_is_link(const ask_table_t *t)
{
    int fks = 0;
    for (int c = 0; c < t->ncols; c++) {
        if (t->cols[c].fk_table >= 0)
            fks++;
        else if (!t->cols[c].pk && !lexicon_col_is_time(&t->cols[c]))  /* a last_update stamp is no name */
            return 0;
    }
    return fks >= 2;
}

/* 1 when the verb is the column's word: "released" ~ release_year,
 * "added" ~ date_added, "shipped" ~ shippedDate, "born" ~ birth_date/dob. */
int lexicon_verb_names_col(const char *verb, const ask_col_t *c)
{
    static const char *const born[] = {"birth", "dob", "birthday", "born", "bdate", "birthdate", NULL};
    char root[3][48];
    size_t n = strlen(verb);
    if (!strcmp(verb, "born"))  /* birthcountry glued too */
        return lexicon_col_has_word(c, born) || !strncasecmp(c->name, "birth", 5);
    if (!strcmp(verb, "died"))  /* "died in the United States": death_country */
        return lexicon_col_has_word(c, (const char *const[]){"death", "dod", "died", NULL}) ||
               !strncasecmp(c->name, "death", 5);
    static const char *const irregular[] = {"built", "sold", "made", "won", "lost", "paid", "spent",
        "held", "driven", "flown", "taken", "given", "written", "grown", "shown", "sent", "bought", NULL};
    if (words_in(verb, irregular) && lexicon_col_has_word(c, (const char *const[]){verb, NULL}))
        return 1;  /* "built" of year_built, "sold" of units_sold */
    if (n < 5 || n >= sizeof root[0] || strcmp(verb + n - 2, "ed"))
        return 0;
    snprintf(root[0], sizeof root[0], "%.*s", (int)(n - 2), verb);  /* shipp, add, order */
    snprintf(root[1], sizeof root[1], "%.*s", (int)(n - 1), verb);  /* release, hire */
    snprintf(root[2], sizeof root[2], "%.*s", (int)(n - 3), verb);  /* ship */
    for (int k = 0; k < c->nw; k++) {
        size_t w = strlen(c->w[k]);
        if (w >= 3 && w <= 4 && c->nw > 1 && !strncmp(root[0], c->w[k], w) && lexicon_col_is_time(c))
            return 1;  /* "registered" of reg_dt: the column's word is the verb cut short */
        for (int r = 0; r < 3; r++)
            if (strlen(root[r]) >= 3 && !strncmp(c->w[k], root[r], strlen(root[r])) &&
                w <= strlen(root[r]) + 3)
                return 1;
    }
    return 0;
}

/* A number column that is no key, no id and no year ("YearsWithCurrManager",
 * "NumCompaniesWorked"): counting its different numbers is never what
 * "how many managers" asks. */
int lexicon_col_is_plain_number(const ask_col_t *c)
{
    return lexicon_col_is_numeric(c) && !c->pk && c->fk_table < 0 && c->nw &&
           strcmp(c->w[c->nw - 1], "id") && !lexicon_col_is_year(c);
}

/* "how many policies" where the word is one of status_of_policy's but not
 * what the column holds (statuses): counting its values would count
 * statuses. 1 when m, one word, is a column's word other than its head —
 * the word before "of", else the last — unless the head only names the
 * thing ("city_name": how many cities). */
int lexicon_counts_other_word(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m)
{
    static const char *const naming[] = {"name", "title", "code", "id", "number", "no", "label",
                                         NULL};
    if (m->kind != PH_COLUMN || m->nalt || m->len != 1)
        return 0;
    const ask_col_t *c = &s->tables[m->t].cols[m->c];
    if (c->nw < 2 || c->pk || c->fk_table >= 0 || lexicon_col_is_time(c))
        return 0;  /* "number of hires" of hire_date: the rows, counted elsewhere */
    int head = c->nw - 1;
    for (int k = 1; k < c->nw; k++)
        if (!strcmp(c->w[k], "of"))
            head = k - 1;
    return !words_in(c->w[head], naming) && strcmp(tk->t[m->pos].stem, c->w[head]);
}

/* "total downtime" of line_downtime("Downtime(Mins)"): the one number
 * column named as its table's noun and a unit is the amount its rows add
 * up ("total orders" beside order_total still counts orders). -1 when
 * none or several. */
int lexicon_own_amount_col(const ask_table_t *t)
{
    static const char *const units[] = {"min", "mins", "minute", "hour", "hrs", "hr", "second",
        "secs", "day", "kg", "km", "mile", "unit", "litre", "liter", NULL};
    int found = -1;
    for (int c = 0; c < t->ncols && t->nw; c++) {
        const ask_col_t *col = &t->cols[c];
        if (lexicon_col_is_numeric(col) && col->nw >= 1 && col->nw <= 2 &&
            !strcmp(col->w[0], t->w[t->nw - 1]) &&
            (col->nw == 1 || words_in(col->w[1], units) ||  /* spend_amount of campaign_spend */
             (lexicon_col_is_money(col) && words_in(col->w[1], (const char *const[]){"amount", "total",
                                                                                    "value", NULL}))))
            found = found == -1 ? c : -2;
    }
    return found >= 0 ? found : -1;
}

int lexicon_word_names_table(const ask_schema_t *s, const char *w, int except)
{
    for (int t = 0; t < s->ntables; t++)
        for (int k = 0; t != except && !s->tables[t].is_view && k < s->tables[t].nw; k++)
            if (!strcmp(s->tables[t].w[k], w))
                return 1;
    return 0;
}

/* The table's one numeric column of people (population, not a key): its
 * index, -1 when none, -2 when several. */
int lexicon_people_col(const ask_table_t *t)
{
    int found = -1;
    for (int k = 0; k < t->ncols; k++)
        if (lexicon_col_is_numeric(&t->cols[k]) && !t->cols[k].pk &&
            lexicon_col_has_word(&t->cols[k], (const char *const[]){"population", NULL}))
            found = found == -1 ? k : -2;
    return found;
}
