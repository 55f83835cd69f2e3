/* lookups.c — what the planner leaves for a look-up in the database: the
 * words it could not place, in runs ("Mama Rosa"), a sampled name that may
 * run on past its sample ("Penguin" of "Penguin Books"), and values read
 * only in a view. chat/lookup.c looks them up and plans again. */
#include "ask/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* "Revenue By Product Category": most words after the first capitalised. */
static int title_case(const ask_toks_t *tk)
{
    int caps = 0, words = 0;
    for (int i = 1; i < tk->n; i++)
        if (isalpha((unsigned char)tk->t[i].raw[0]))
            words++, caps += isupper((unsigned char)tk->t[i].raw[0]) != 0;
    return 2 * caps > words;
}

/* "books published by Penguin Books": the sampled "Penguin" then a capital
 * "Books" read as the books table — the name may run on ("Penguin Books")
 * among the values discovery did not sample. Not sure: the run is left
 * for a look-up in the database, and asked when it finds nothing. A
 * question in Title Case says nothing by its capitals. */
void lookups_value_runs_on(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    if (title_case(tk))
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int k = m->pos + m->len, value_next = 0;
        if (m->kind != PH_VALUE || k >= tk->n || !tk->t[k].used ||
            !isupper((unsigned char)tk->t[k].raw[0]) || !isupper((unsigned char)tk->t[m->pos].raw[0]) ||
            lexicon_col_sampled_all(&s->tables[m->t], &s->tables[m->t].cols[m->c]))
            continue;
        for (int j = 0; j < p->nm; j++)
            value_next |= p->m[j].kind == PH_VALUE && p->m[j].pos == k;
        if (value_next)
            continue;
        roles_not_understood(tk, p, m->pos, k + 1);  /* the run goes to the look-up */
        return;
    }
}

/* A word that may be part of a value: left over, not a function word, with
 * a letter in it ("Lufthansa", "A380"; not "2005" or "?"). */
static int lookup_word(const ask_tok_t *t)
{
    if (t->used || t->isnum || words_is_stop(t->low) || strlen(t->low) < 2)
        return 0;
    for (const char *c = t->low; *c; c++)
        if ((*c >= 'a' && *c <= 'z') || (unsigned char)*c >= 0x80)
            return 1;
    return 0;
}

/* "Penguin Books": a capital word after a capital word of the run goes on
 * with it, though a rule read it ("Books" the books table). */
static int run_goes_on(const ask_toks_t *tk, int j, int title)
{
    return !title && tk->t[j].used && !tk->t[j].isnum && isupper((unsigned char)tk->t[j].raw[0]) &&
           isupper((unsigned char)tk->t[j - 1].raw[0]);
}

static void add_run(const ask_toks_t *tk, int from, int len, json_t *out)
{
    int unused = 0;  /* "Books" alone was read: not looked up */
    for (int k = from; k < from + len; k++)
        unused |= !tk->t[k].used;
    if (!unused)
        return;
    buf_t b = {0};  /* "Fisher-Price" as typed, and as "Fisher Price": one name spelled two ways */
    words_put_typed(&b, tk, from, from + len, 1);
    json_array_append_new(out, json_string(buf_str(&b)));
    int joined = 0;
    for (int k = from + 1; k < from + len; k++)
        joined |= tk->t[k].joined;
    if (joined && json_array_size(out) < ASK_MAX_LOOKUP_PHRASES) {
        buf_free(&b);
        words_put_typed(&b, tk, from, from + len, 0);
        json_array_append_new(out, json_string(buf_str(&b)));
    }
    buf_free(&b);
}

/* "rentals by MARY SMITH": SMITH not sampled, MARY sampled only as an
 * actor's first name. A capital word read as a value right before a run
 * of capitals left over is looked up too, so the table that has both
 * (the customer) is found (ask/fullname.c reads them as one row). Names
 * in capitals say so even in a question typed in Title Case. */
static int all_caps(const char *raw)
{
    int n = 0;
    for (; *raw; raw++, n++)
        if (islower((unsigned char)*raw))
            return 0;
    return n > 1;
}

static void add_name_before(const ask_toks_t *tk, int i, int title, json_t *out)
{
    const ask_tok_t *w = &tk->t[i - 1];
    if (i < 2 || (title && !(all_caps(w->raw) && all_caps(tk->t[i].raw))) || !w->used || w->isnum || !isupper((unsigned char)w->raw[0]) ||
        !isupper((unsigned char)tk->t[i].raw[0]) || words_is_stop(w->low) ||
        json_array_size(out) >= ASK_MAX_LOOKUP_PHRASES)
        return;
    json_array_append_new(out, json_string(w->raw));
}

json_t *lookups_phrases(const ask_toks_t *tk, const char *unknown)
{
    json_t *out = json_array();
    int title = title_case(tk);
    for (int i = 0; i < tk->n; i++) {
        /* "who directed The Irishman": a capital "The" inside the question
         * starts the name that follows it */
        int the = i > 0 && !tk->t[i].used && !strcmp(tk->t[i].raw, "The") && i + 1 < tk->n &&
                  lookup_word(&tk->t[i + 1]);
        int j = i + the;
        while (j < tk->n && j - i < 4 &&
               (lookup_word(&tk->t[j]) || (j > i && run_goes_on(tk, j, title))))
            j++;
        if (j > i && !the)
            add_name_before(tk, i, title, out);
        for (int len = j - i; len > 0; len--)  /* "Aer Lingus", then "Aer", "Lingus" */
            for (int k = i; k + len <= j; k++)
                if (json_array_size(out) < ASK_MAX_LOOKUP_PHRASES && !(the && k == i && len == 1))
                    add_run(tk, k, len, out);
        i = j > i ? j - 1 : i;
    }
    int listed = 0;  /* "Penguin Books", read as a sampled name and a table: first */
    for (size_t k = 0; k < json_array_size(out); k++)
        listed |= !strcmp(json_string_value(json_array_get(out, k)), unknown);
    if (isupper((unsigned char)unknown[0]) && !listed) {
        if (json_array_size(out) >= ASK_MAX_LOOKUP_PHRASES)
            json_array_remove(out, json_array_size(out) - 1);
        json_array_insert_new(out, 0, json_string(unknown));
        char spaced[sizeof ((ask_parse_t *)0)->unknown_word];  /* "Fisher-Price": "Fisher Price" too */
        snprintf(spaced, sizeof spaced, "%s", unknown);
        for (char *c = strchr(spaced, '-'); c; c = strchr(c + 1, '-'))
            if (c > spaced && isalnum((unsigned char)c[-1]) && isalpha((unsigned char)c[1]))
                *c = ' ';
        if (strcmp(spaced, unknown) && json_array_size(out) < ASK_MAX_LOOKUP_PHRASES)
            json_array_insert_new(out, 1, json_string(spaced));
    }
    if (!json_array_size(out)) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* "actors in ACADEMY DINOSAUR": the title was sampled only in a view
 * (family_films), which no key joins, and discovery did not sample the
 * film table's 1,000 titles. The values of the filters read in a view,
 * to be looked up in the tables (a plan that could not be written). */
json_t *lookups_view_values(const ask_schema_t *s, const ask_q_t *q)
{
    json_t *out = json_array();
    for (int i = 0; i < q->nf; i++)
        for (int k = 0; s->tables[q->f[i].col.t].is_view && k < q->f[i].nvals; k++)
            if (json_array_size(out) < ASK_MAX_LOOKUP_PHRASES)
                json_array_append_new(out, json_string(q->f[i].vals[k]));
    if (!json_array_size(out)) {
        json_decref(out);
        return NULL;
    }
    return out;
}
