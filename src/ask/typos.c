/* typos.c — a word that matches nothing but is a keystroke or two from a
 * schema word, a sampled value's word or a cue word is read as that word,
 * and the reading is reported ("custmers" as "customers"), so a typo is
 * neither dropped nor silently guessed: only a single nearest word counts. */
#include "ask/internal.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#define MAX_WORD 40

/* Cue words the parser reads by their lower-case form. */
static const char *const cues[] = {"average", "total", "number", "count", "minimum", "maximum",
    "median", "distinct", "between", "highest", "lowest", "largest", "smallest", "biggest",
    "cheapest", "expensive", "longest", "shortest", "monthly", "yearly", "weekly", "daily",
    "quarterly", "without", "never", "which", NULL};

/* Optimal-string-alignment distance (a swap of neighbours costs 1), or a
 * large number when it is over max. */
static int distance(const char *a, const char *b, int max)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    if (n > MAX_WORD || m > MAX_WORD || abs(n - m) > max)
        return max + 1;
    int d[MAX_WORD + 1][MAX_WORD + 1];
    for (int i = 0; i <= n; i++)
        d[i][0] = i;
    for (int j = 0; j <= m; j++)
        d[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int c = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            v = d[i][j - 1] + 1 < v ? d[i][j - 1] + 1 : v;
            v = d[i - 1][j - 1] + c < v ? d[i - 1][j - 1] + c : v;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

/* The nearest candidate word; exact: the word itself names a table or a
 * column alone ("stock" of a stock column is no slip for the product
 * "Socks"; "african" of 'Central African Republic' may still be Africa). */
typedef struct nearest { const char *word; int dist, ties, exact; } nearest_t;

static void consider(nearest_t *n, const char *cand, const char *w, int max, int schema_word)
{
    if ((n->word && !strcmp(n->word, cand)) || cand[0] != w[0])
        return;  /* a slip keeps the first letter: "dean" is not "Kean" */
    int d = distance(w, cand, max);
    n->exact |= d == 0 && schema_word;
    if (d > max || d == 0)
        return;
    if (!n->word || d < n->dist)
        n->word = cand, n->dist = d, n->ties = 0;
    else if (d == n->dist)
        n->ties++;
}

/* Everyday verbs and question words a question uses as themselves, one
 * keystroke from names a schema may hold: "did not place any orders" is no
 * typo of 'Planes', "when did it open" none of 'Wien'. */
static const char *const verbs[] = {"when", "where", "what", "which", "whom", "whose", "open", "close",
    "start", "begin", "end", "place", "make", "take", "give", "live", "work", "come",
    "went", "have", "rate", "sell", "play", "stay", "ship", "want", "need", "know", "look", "like",
    "find", "keep", "leave", "move", "rank", "made", "rent", "earn", "spend", "spent", "send",
    "sent", "hold", "held", "join", "book", "visit", "serve", "teach", "fly", "drive", "bring",
    "born", "paid", "sold", "told", "lost", "won", "gave", "took", "came", "ran", "grew", "kept",
    "left", "felt", "meant", "met", "read", "said", "saw", "seen", "thought", "wore", "wrote",
    "built", "bought", "brought", "caught", "drew", "drawn", "fell", "fought", "hid", "hung", "led",
    "lent", "rode", "rose", "shot", "sang", "sat", "slept", "spoke", "stood", "stole", "swam", "threw",
    "woke", "won", NULL};

/* Everyday nouns of a question about data, never a slip of a name: "with
 * their dates" is no typo of the player 'Dale'. */
static const char *const nouns[] = {"date", "dates", "day", "days", "time", "times", "year",
    "years", "month", "months", "week", "weeks", "name", "names", "price", "prices", "amount",
    "amounts", "detail", "details", "code", "codes", "type", "types", "kind", "kinds", "size", "sizes",
    "level", "levels", NULL};  /* "with code M54.5" is no 'Core' */

/* Only what the parse left over is a candidate: a word some rule read is
 * not a typo, however close it is to a schema word. */
static int is_candidate(const ask_toks_t *tk, int i)
{
    const char *w = tk->t[i].low;
    size_t n = strlen(w);
    return !tk->t[i].used && !words_is_stop_at(tk, i) && !tk->t[i].isnum && n >= 4 && !words_in(w, verbs) &&
           !words_in(w, nouns) &&
           !(n > 4 && (!strcmp(w + n - 2, "ed") || !strcmp(w + n - 3, "ing")));
}

static void take(ask_tok_t *t, const char *word, buf_t *notes)
{
    buf_printf(notes, "%sread \"%s\" as \"%s\"", notes->len ? ", " : "", t->raw, word);
    words_reread(t, word);
}

/* A table named by the start of a word ("orde" for "orders"): the one
 * table of at least four letters whose whole name begins the word. */
static const char *table_prefix(const ask_schema_t *s, const char *w)
{
    const char *found = NULL;
    for (int t = 0; t < s->ntables; t++) {
        const ask_table_t *tb = &s->tables[t];
        size_t n = tb->nw == 1 ? strlen(tb->w[0]) : 0;
        /* "orde" for "orders", "transac" for "transactions": a name cut
         * short — a plural name is a whole word ("goalkeepers" is no "goals") */
        size_t nn = strlen(tb->name);
        int plural = nn > 1 && (tb->name[nn - 1] == 's' || tb->name[nn - 1] == 'S');
        if (n >= 4 && n < strlen(w) && !plural && !strncmp(tb->w[0], w, n)) {
            if (found && strcmp(found, tb->w[0]))
                return NULL;
            found = tb->w[0];
        }
    }
    return found;
}

/* "books in German" beside 'Germany': a capitalised word after "in", one
 * letter short of a name (or one over), is a language of its own, not a
 * slip ("African countries" are Africa's, "Rout C" is Route C); nor is
 * the second word of a capitalised name. */
/* 1 when a and b stand side by side in a phrase of the schema */
static int said_together(const ask_schema_t *s, const char *a, const char *b)
{
    for (int p = 0; p < s->nph; p++)
        for (int k = 0; k + 1 < s->ph[p].nw; k++)
            if (!strcmp(s->ph[p].w[k], a) && !strcmp(s->ph[p].w[k + 1], b))
                return 1;
    return 0;
}

static int name_cut(const ask_schema_t *s, const ask_toks_t *tk, int i, const char *word)
{
    const char *w = tk->t[i].low;
    size_t a = strlen(w), b = strlen(word);
    /* "does Planet Labs operate": the second word of a capitalised name is
     * the name's, not a slip of the value 'Laos' — unless the two words
     * stand together in a name ("San Fransisco": San Francisco) */
    if (i >= 2 && isupper((unsigned char)tk->t[i].raw[0]) && isupper((unsigned char)tk->t[i - 1].raw[0]) &&
        !said_together(s, tk->t[i - 1].stem, word))
        return 1;
    if (i == 0 || !isupper((unsigned char)tk->t[i].raw[0]) || (a != b + 1 && b != a + 1) ||
        !words_in(tk->t[i - 1].low, (const char *const[]){"in", "into", NULL}))
        return 0;
    return !strncmp(w, word, a < b ? a : b);
}

int typos_correct(const ask_schema_t *s, ask_toks_t *tk, buf_t *notes)
{
    int fixed = 0;
    for (int i = 0; i < tk->n; i++) {
        if (!is_candidate(tk, i))
            continue;
        const char *prefix = table_prefix(s, tk->t[i].low);
        if (prefix) {
            take(&tk->t[i], prefix, notes), fixed++;
            continue;
        }
        const char *w = tk->t[i].stem;
        int max = strlen(w) >= 10 ? 2 : 1;  /* "advises" is two from "advisor": no typo */
        nearest_t n = {0};
        for (int k = 0; cues[k]; k++)
            consider(&n, cues[k], tk->t[i].low, max, 0);
        if (i == 0 && n.word && !n.ties) {  /* "wich marks …": a question's first word is a cue */
            take(&tk->t[i], n.word, notes), fixed++;
            continue;
        }
        for (int p = 0; p < s->nph; p++)
            for (int k = 0; k < s->ph[p].nw; k++)
                consider(&n, s->ph[p].w[k], w, max, s->ph[p].kind != PH_VALUE && s->ph[p].nw == 1);
        if (n.word && !n.ties && !n.exact && !name_cut(s, tk, i, n.word))
            take(&tk->t[i], n.word, notes), fixed++;
    }
    return fixed;
}
