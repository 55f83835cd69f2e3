/* lexicon_label.c — the column that names a table's rows (its label): one
 * named like the table, a name or title (a full name before a first name),
 * a text column whose values all differ, else the key; and the second
 * column shown beside it (a last name beside a first name, a city beside a
 * place's name that repeats). */
#include "ask/internal.h"

#include <string.h>
#include <strings.h>

static int col_words_are(const ask_col_t *c, const char *const *w, int n)
{
    if (c->nw != n)
        return 0;
    for (int k = 0; k < n; k++)
        if (strcmp(c->w[k], w[k]))
            return 0;
    return 1;
}

/* The column a grouping by this table shows, in order of preference: one
 * named like the table (country.country), a name/title/label (a full name
 * before a first name), a text column whose values are all different, else
 * the key (a status column would merge unrelated rows). */
/* The column's words run together are the table's ("productLine" in
 * "productlines", "country" in "country"). */
static int col_named_like(const ask_col_t *c, const ask_table_t *t)
{
    char a[128] = "", b[128] = "";
    if (col_words_are(c, (const char *const *)t->w, t->nw))
        return 1;
    for (int k = 0; k < c->nw && strlen(a) + strlen(c->w[k]) < sizeof a; k++)
        strcat(a, c->w[k]);
    for (int k = 0; k < t->nw && strlen(b) + strlen(t->w[k]) < sizeof b; k++)
        strcat(b, t->w[k]);
    return *a && !strcmp(a, b);
}

/* A link, a picture or a paragraph names nothing a reader would group by
 * ("seasons.url", "productlines.textDescription", "reports.narrative"). */
static int col_is_not_a_name(const ask_col_t *c)
{
    static const char *const words[] = {"url", "uri", "link", "href", "website", "web", "image",
        "photo", "picture", "path", "file", "description", "desc", "note", "comment", "html",
        "text", "email", "mail", "password", "hash", "phone", "token", "narrative", "synopsis", "abstract",
        "summary", NULL};
    return lexicon_col_has_word(c, words);
}

int lexicon_pick_label(const ask_table_t *t)
{
    static const char *const names[] = {"name", "title", "label", NULL};
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == CK_TEXT && col_named_like(&t->cols[i], t))
            return i;
    /* rank: "name" alone 0, "full_name" 1, "first_name" 2, "last_name" 3,
     * "login_name" / "username" 4 (an account's handle, after a person's name) */
    static const char *const handle[] = {"user", "login", "screen", "nick", "account", NULL};
    int best = -1, best_rank = 5;
    /* another table's name held as a key (course.dept_name) after the
     * table's own (course.title) */
    for (int fk = 0; fk < 2 && best < 0; fk++)
    for (int k = 0; names[k] && best < 0; k++)
        for (int i = 0; i < t->ncols; i++) {
            const ask_col_t *c = &t->cols[i];  /* objects.name of 28 of 4,226 asteroids: no label */
            if (!c->nw || strcmp(c->w[c->nw - 1], names[k]) || c->mostly_null || (c->fk_table >= 0) != fk)
                continue;
            const char *before = c->nw > 1 ? c->w[c->nw - 2] : "";
            int rank = c->nw == 1 ? 0 : !strcmp(before, "first") ? 2 : !strcmp(before, "last") ? 3
                       : words_in(before, handle) ? 4 : 1;
            if (rank < best_rank)
                best = i, best_rank = rank;
        }
    if (best >= 0)
        return best;
    /* expenditure_categories(expenditure_code, category): the column named as
     * the table's noun names its rows before a code does — when its values
     * are mostly different (employee_attrition.attrition, Yes or No, is not) */
    for (int i = 0; t->nw && i < t->ncols; i++)
        if (t->cols[i].kind == CK_TEXT && !t->cols[i].pk && t->cols[i].nw == 1 &&
            !strcmp(t->cols[i].w[0], t->w[t->nw - 1]) && t->rows > 0 &&
            lexicon_col_distinct(t, &t->cols[i]) * 2 >= t->rows)
            return i;
    /* a key a reader can read is its own label: a text code, a year */
    if (t->pk >= 0 && (t->cols[t->pk].kind == CK_TEXT || lexicon_col_is_year(&t->cols[t->pk])))
        return t->pk;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == CK_TEXT && !t->cols[i].pk && t->cols[i].n_distinct == -1 &&
            (!col_is_not_a_name(&t->cols[i]) || t->ncols == 2))  /* services(service_id, description) */
            return i;
    /* weeks(week_id, week_start, week_end): a table of periods is named by
     * its first day, not a number of its own */
    static const char *const periods[] = {"week", "month", "day", "quarter", "period", "season", NULL};
    for (int i = 0; t->nw && words_in(t->w[t->nw - 1], periods) && i < t->ncols; i++)
        if ((t->cols[i].kind == CK_DATE || t->cols[i].kind == CK_TS) && !t->cols[i].pk &&
            (lexicon_col_has_word(&t->cols[i], (const char *const[]){"start", "begin", "first", NULL}) ||
             t->cols[i].n_distinct == -1))
            return i;
    return t->pk;
}

/* 1 when c's words are pre's first words then "last name" ("act_lname"
 * beside "act_fname"). */
static int last_name_of(const ask_col_t *c, const ask_col_t *first)
{
    int n = first->nw;
    if (c->nw != n || strcmp(c->w[n - 2], "last") || strcmp(c->w[n - 1], "name"))
        return 0;
    for (int k = 0; k < n - 2; k++)
        if (strcmp(c->w[k], first->w[k]))
            return 0;
    return 1;
}

/* "last_name" beside a "first_name" label: both show who it is. */
/* "Capital Intl", "Heathrow": a place's name that repeats (airports.name)
 * is told apart by its city — shown beside it, as a last name is. */
static int city_of_name(const ask_table_t *t, const ask_col_t *f)
{
    /* "name" itself, not a street_name; known to repeat (a fraction of the
     * rows, or fewer values than rows) — an engine that keeps no statistics
     * (MySQL, ClickHouse: 0) says nothing, and the answer must not change
     * with the engine */
    int repeats = (f->n_distinct < 0 && f->n_distinct > -1) || (f->n_distinct > 0 && f->n_distinct < t->rows);
    if (f->kind != CK_TEXT || strcasecmp(f->name, "name") || !repeats || f->pk)
        return -1;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == CK_TEXT && !strcasecmp(t->cols[i].name, "city") && t->cols[i].fk_table < 0)
            return i;
    return -1;
}

int lexicon_pick_label2(const ask_table_t *t)
{
    if (t->label < 0)
        return -1;
    const ask_col_t *f = &t->cols[t->label];
    if (f->nw < 2 || strcmp(f->w[f->nw - 2], "first") || strcmp(f->w[f->nw - 1], "name"))
        return city_of_name(t, f);
    for (int i = 0; i < t->ncols; i++)
        if (last_name_of(&t->cols[i], f))
            return i;
    return -1;
}
