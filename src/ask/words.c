/* words.c — tokenizer, stemming, synonyms and number words.
 *
 * Questions, identifiers and sampled values all go through the same folding
 * (lower-case, singular, synonym), so "Clients", "client" and a table named
 * "customers" meet on the stem "customer". */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Synonyms, folded onto the first word of each row (after singularising). */
static const char *const synonyms[][2] = {
    {"client", "customer"}, {"buyer", "customer"}, {"shopper", "customer"},
    {"purchaser", "customer"}, {"turnover", "revenue"}, {"income", "revenue"},
    {"earning", "revenue"}, {"spent", "revenue"}, {"spend", "revenue"}, {"spending", "revenue"},
    {"qty", "quantity"}, {"nation", "country"},
    {"territory", "region"}, {"town", "city"}, {"sku", "product"},
    {"article", "product"}, {"e-mail", "email"}, {"mail", "email"},
    {"priced", "price"}, {"cost", "cost"}, {"state", "status"},
    {"cust", "customer"}, {"prod", "product"}, {"cat", "category"},
    {"bought", "order"},
    {"placed", "order"}, {"ordered", "order"}, {"sold", "sale"},
    {"selling", "sale"}, {"day", "day"},
    {"line", "item"}, {"tier", "segment"}, {"game", "match"}, {"trade", "transaction"},
    /* abbreviations in column and table names */
    {"amt", "amount"}, {"dt", "date"}, {"addr", "address"}, {"dept", "department"},
    {"emp", "employee"}, {"mgr", "manager"}, {"acct", "account"}, {"txn", "transaction"},
    {"yr", "year"}, {"qtr", "quarter"}, {"cred", "credit"}, {"tot", "total"},
    {"transac", "transaction"}, {"trx", "transaction"}, {"lang", "language"},
    {"pop", "population"}, {"loc", "location"}, {"desc", "description"},
    {"elevation", "altitude"}, {"boro", "borough"}, {"neighbourhood", "neighborhood"},
    {"nbhd", "neighborhood"},
};

/* Irregular plurals and words the suffix rules get wrong. */
static const char *const irregular[][2] = {
    {"people", "person"}, {"children", "child"}, {"men", "man"},
    {"women", "woman"}, {"data", "data"}, {"status", "status"},
    {"statuses", "status"}, {"sales", "sale"}, {"series", "series"},
    {"news", "news"}, {"analysis", "analysis"}, {"units", "quantity"},
    {"unit", "unit"}, {"this", "this"}, {"was", "was"}, {"has", "has"},
    {"is", "is"}, {"its", "its"}, {"us", "us"}, {"gas", "gas"},
    {"address", "address"}, {"addresses", "address"}, {"business", "business"},
    {"less", "less"}, {"kitchens", "kitchen"}, {"does", "does"},
    /* -ies that are not -y: "movies" is not "movy" */
    {"movies", "movie"}, {"cookies", "cookie"}, {"rookies", "rookie"}, {"zombies", "zombie"},
    {"calories", "calorie"}, {"goalies", "goalie"}, {"selfies", "selfie"}, {"hoodies", "hoodie"},
    {"brownies", "brownie"}, {"smoothies", "smoothie"}, {"veggies", "veggie"},
    {"newbies", "newbie"}, {"freebies", "freebie"}, {"species", "species"}, {"aunties", "auntie"},
    /* Greek and Latin plurals: "the most common diagnoses" */
    {"diagnoses", "diagnosis"}, {"analyses", "analysis"}, {"crises", "crisis"},
    {"theses", "thesis"}, {"hypotheses", "hypothesis"}, {"indices", "index"},
    {"matrices", "matrix"}, {"vertices", "vertex"}, {"appendices", "appendix"},
    {"criteria", "criterion"}, {"mice", "mouse"}, {"feet", "foot"}, {"teeth", "tooth"},
};

/* Function words: they carry no meaning a plan must account for, so the
 * planner may leave them unused. Words that do carry meaning ("by", "each",
 * "total", "average", "most", "more", "than", "since", "before", "no", …) are
 * deliberately NOT here: a rule must consume them, and one left over makes
 * the planner unsure instead of silently dropping what it asked for. */
static const char *const stops[] = {
    "the", "a", "an", "of", "for", "in", "on", "at", "to", "me", "show", "give",
    "list", "what", "which", "is", "are", "was", "were", "do", "does", "did", "our",
    "we", "my", "i", "you", "please", "with", "and", "or", "how", "many", "much",
    "there", "all", "from", "that", "have", "has", "had", "it", "its", "be", "been",
    "can", "could", "would", "tell", "get", "find", "display", "see", "let", "us", "s",
    "t", "as", "this", "these", "those", "they", "their", "them", "who", "whom", "whose",
    "where", "up", "into", "so", "then", "just", "only", "now", "also", "about",
    "what's", "whats", "some", "any", "time", "overall", "ever", "made", "make",
    "generated", "got", "instead", "but", "chart", "graph",
    "plot", "breakdown", "break", "down", "split", "broken", "out",
    "we've", "via", "through", "hey", "hi", "ok", "okay", "thanks", "thank", "kindly",
    "want", "need", "know", "like", "should", "will", "shall", "rows", "row", "record",
    "records", "entries", "entry", "table", "tables", "column", "columns", "field",
    "fields", "provide", "retrieve", "fetch", "data", "everything", "anything", "something",
    "information", "info", "details", "database", "db",
};

int words_is_stop(const char *low)
{
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
        if (strcmp(stops[i], low) == 0)
            return 1;
    return 0;
}

/* A command verb is a function word only where it opens the question:
 * "Return the films …", "please return …" — but "orders that had a
 * return" is a word the plan must place. */
int words_is_stop_at(const ask_toks_t *tk, int i)
{
    if (!strcmp(tk->t[i].raw, "US"))
        return 0;  /* "top 5 US states": the country, not "us" — placed, or asked about */
    if (!strcmp(tk->t[i].low, "us") && words_at(tk, i - 1, "the") &&
        words_in(i >= 2 ? tk->t[i - 2].low : "", (const char *const[]){"in", "from", "of", "across", NULL}))
        return 0;  /* "the second biggest city in the us": the country too */
    if (words_is_stop(tk->t[i].low))
        return 1;
    if (words_in(tk->t[i].low, (const char *const[]){"work", "works", "working", "worked", NULL}) &&
        words_in(i + 1 < tk->n ? tk->t[i + 1].low : "", (const char *const[]){"in", "at", "for", NULL}) &&
        i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"people", "employees", "staff", "workers",
                                                                   "persons", NULL}))
        return 1;  /* "how many people work in Shipping": where they are, said by the place */
    if (!strcmp(tk->t[i].low, "world") && words_at(tk, i - 1, "the") &&  /* "… airport in the world" */
        (words_at(tk, i - 2, "in") || words_at(tk, i - 2, "of")) && (i + 1 == tk->n || tk->t[i + 1].low[0] == '?'))
        return 1;
    if (strcmp(tk->t[i].low, "return"))
        return 0;
    for (int k = 0; k < i; k++)  /* "how many returns" is no command */
        if (!words_in(tk->t[k].low, (const char *const[]){"please", "can", "could", "would", "you",
                "kindly", "now", "just", "and", NULL}))
            return 0;
    return 1;
}

int words_at(const ask_toks_t *tk, int i, const char *w)
{
    return i >= 0 && i < tk->n && !strcmp(tk->t[i].low, w);
}

const char *const words_all_of[] = {"all", "every", "the", "both", NULL};

int words_skip(const ask_toks_t *tk, int i, int step, const char *const *list)
{
    while (i >= 0 && i < tk->n && words_in(tk->t[i].low, list))
        i += step;
    return i;
}

int words_in(const char *w, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (!strcmp(w, list[k]))
            return 1;
    return 0;
}

int words_number(const char *low)
{
    static const char *const ones[] = {"zero", "one", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty"};
    static const char *const tens[] = {"thirty", "forty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "hundred"};
    for (int i = 0; i < (int)(sizeof ones / sizeof *ones); i++)
        if (strcmp(low, ones[i]) == 0)
            return i;
    for (int i = 0; i < (int)(sizeof tens / sizeof *tens); i++)
        if (strcmp(low, tens[i]) == 0)
            return i == 7 ? 100 : 30 + 10 * i;
    if (strcmp(low, "dozen") == 0)
        return 12;
    return -1;
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && memcmp(w + n - k, suf, k) == 0;
}

/* Singular form: categories -> category, boxes -> box, orders -> order. */
static char *singular(const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++)
        if (strcmp(irregular[i][0], w) == 0)
            return xstrdup(irregular[i][1]);
    if (n > 4 && ends(w, n, "ies")) {
        char *r = xstrndup(w, n - 3 + 1);
        r[n - 3] = 'y';
        return r;
    }
    if (ends(w, n, "xes") || ends(w, n, "ches") || ends(w, n, "shes") ||
        ends(w, n, "sses") || ends(w, n, "uses"))
        return xstrndup(w, n - 2);
    if (n > 3 && w[n - 1] == 's' && !ends(w, n, "ss") && !ends(w, n, "us") &&
        !ends(w, n, "is"))
        return xstrndup(w, n - 1);
    return xstrdup(w);
}

/* 1 when the word is a plural ("ratings", "diagnoses", "people"). */
int words_is_plural(const char *low)
{
    char *s = singular(low);
    int plural = strcmp(s, low) != 0;
    free(s);
    return plural;
}

void words_reread(ask_tok_t *t, const char *word)
{
    free(t->low);
    free(t->stem);
    t->low = xstrdup(word);
    t->stem = words_stem(word);
}

char *words_stem(const char *low)
{
    char *s = singular(low);
    for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
        if (strcmp(synonyms[i][0], s) == 0) {
            free(s);
            return xstrdup(synonyms[i][1]);
        }
    return s;
}

/* Length of a valid UTF-8 sequence at p, or 0. */
static int utf8_len(const unsigned char *p)
{
    int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
    if (n == 0 || (n == 2 && *p < 0xC2))
        return 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    /* overlong forms, UTF-16 surrogates and code points past U+10FFFF */
    if ((n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))) ||
        (n == 4 && (p[0] > 0xF4 || (p[0] == 0xF0 && p[1] < 0x90) ||
                    (p[0] == 0xF4 && p[1] >= 0x90))))
        return 0;
    return n;
}

static int word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Token end at p: a date (2024-03-01), a number (1,000.50), a comparison
 * sign, or a word. */
static size_t token_end(const char *p)
{
    size_t i = 0;
    if (isdigit((unsigned char)p[0])) {
        while (isdigit((unsigned char)p[i]) ||
               ((p[i] == '-' || p[i] == '.' || p[i] == ',' || p[i] == '/') &&
                isdigit((unsigned char)p[i + 1])))
            i++;
        while (isalpha((unsigned char)p[i]))  /* 10k, 3rd */
            i++;
        return i;
    }
    if (p[0] == '%')  /* read as "percent" (words_split) */
        return 1;
    if (p[0] == '<' || p[0] == '>' || p[0] == '=')
        return p[1] == '=' ? 2 : 1;
    /* words end at a camelCase hump too: "PurchaseOrders" is two words */
    while (p[i] && word_byte((unsigned char)p[i]) &&
           !(i && isupper((unsigned char)p[i]) && islower((unsigned char)p[i - 1])))
        i++;
    size_t k = i;  /* "A+", "A-", "C++": signs that end a word are part of it */
    while (i && (p[k] == '+' || p[k] == '-'))
        k++;
    if (k > i && !isalnum((unsigned char)p[k]))
        i = k;
    return i;
}

static void tok_fill(ask_tok_t *t, const char *p, size_t n)
{
    t->raw = xstrndup(p, n);
    t->low = xstrdup(t->raw);
    for (char *c = t->low; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    t->stem = words_stem(t->low);
    int wn = words_number(t->low);
    if (wn >= 0) {
        t->isnum = 1;
        t->num = wn;
    } else if (isdigit((unsigned char)p[0]) && !strchr(t->low, '-') &&
               !strchr(t->low, '/')) {
        char tmp[64];
        size_t k = 0;
        for (size_t i = 0; t->low[i] && k + 1 < sizeof tmp; i++)
            if (t->low[i] != ',')
                tmp[k++] = t->low[i];
        tmp[k] = '\0';
        char *end;
        t->num = strtod(tmp, &end);
        if (*end == 'k' && end[1] == '\0')
            t->num *= 1000, end++;
        t->isnum = *end == '\0';
    }
}

/* "100 million", "5 thousand", "2.5 bn": one number; the scale word is
 * consumed with it — and it scales the smaller first end of a range said
 * before it ("between 10 and 20 million", "10 to 20 million"). */
static void scale_numbers(ask_toks_t *tk)
{
    static const struct { const char *w; double f; } scales[] = {{"thousand", 1e3},
        {"million", 1e6}, {"millions", 1e6}, {"mn", 1e6}, {"billion", 1e9}, {"billions", 1e9},
        {"bn", 1e9}, {"milion", 1e6}, {"millon", 1e6}, {"bilion", 1e9}};  /* and their usual typos */
    for (int i = 1; i + 1 < tk->n; i++)  /* "more than a million": 1 million */
        if (!strcmp(tk->t[i].low, "a") && words_in(tk->t[i + 1].low, (const char *const[]){"thousand",
                "million", "billion", NULL}) && words_in(tk->t[i - 1].low, (const char *const[]){"than",
                "over", "above", "under", "below", "exceeding", "least", "most", NULL}))
            tk->t[i].isnum = 1, tk->t[i].num = 1;
    for (int i = 0; i + 1 < tk->n; i++)
        for (size_t k = 0; tk->t[i].isnum && k < sizeof scales / sizeof *scales; k++)
            if (!strcmp(tk->t[i + 1].low, scales[k].w)) {
                if (i >= 2 && tk->t[i - 2].isnum && (!strcmp(tk->t[i - 1].low, "and") ||
                    !strcmp(tk->t[i - 1].low, "to")) && tk->t[i - 2].num < tk->t[i].num)
                    tk->t[i - 2].num *= scales[k].f;
                tk->t[i].num *= scales[k].f;
                tk->t[i + 1].used = tk->t[i + 1].scale = 1;
            }
}

static void tok_set(ask_tok_t *t, const char *w)
{
    free(t->raw);
    free(t->low);
    free(t->stem);
    t->raw = xstrdup(w);
    t->low = xstrdup(w);
    t->stem = words_stem(w);
}

/* "haven't", "didn't", "doesn't": the verb and "not", so a rule that reads
 * "have not" or "did not" reads them (split at the apostrophe: "haven" "t");
 * "what's", "who's": "what is", "who is". */
static void contractions(ask_toks_t *out)
{
    static const char *const verbs[][2] = {{"haven", "have"}, {"hasn", "has"}, {"hadn", "had"},
        {"didn", "did"}, {"doesn", "does"}, {"don", "do"}, {"isn", "is"}, {"aren", "are"},
        {"wasn", "was"}, {"weren", "were"}, {"won", "will"}, {"can", "can"}, {"couldn", "could"},
        {"wouldn", "would"}, {"shouldn", "should"}};
    static const char *const is[] = {"what", "who", "where", "when", "how", "that", "there", "it",
                                     "here", NULL};
    for (int i = 0; i + 1 < out->n; i++) {
        if (!strcmp(out->t[i + 1].low, "s") && words_in(out->t[i].low, is))
            tok_set(&out->t[i + 1], "is");  /* "what's the average …": "what is", as rules read it */
        if (strcmp(out->t[i + 1].low, "t"))
            continue;
        for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
            if (!strcmp(out->t[i].low, verbs[k][0])) {
                tok_set(&out->t[i], verbs[k][1]);
                tok_set(&out->t[i + 1], "not");
                break;
            }
    }
}

/* "their first and last names": "first name and last name", so each
 * column is said whole. */
static void first_and_last(ask_toks_t *out)
{
    for (int i = 0; i + 3 < out->n; i++) {
        if (strcmp(out->t[i].low, "first") || strcmp(out->t[i + 1].low, "and") ||
            strcmp(out->t[i + 2].low, "last") || strcmp(out->t[i + 3].stem, "name"))
            continue;
        out->t = xrealloc(out->t, (size_t)(out->n + 1) * sizeof *out->t);
        memmove(&out->t[i + 2], &out->t[i + 1], (size_t)(out->n - i - 1) * sizeof *out->t);
        out->n++;
        memset(&out->t[i + 1], 0, sizeof *out->t);
        out->t[i + 1].raw = xstrdup("name");
        out->t[i + 1].low = xstrdup("name");
        out->t[i + 1].stem = words_stem("name");
        return;
    }
}

int words_split(const char *text, ask_toks_t *out, char *err, size_t errlen)
{
    out->t = NULL;
    out->n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        int k = utf8_len(p);
        if (!k) {
            snprintf(err, errlen, "the question is not valid UTF-8 text");
            return -1;
        }
        p += k;
    }
    int cap = 0;
    for (const char *p = text; *p;) {
        size_t n = token_end(p);
        if (n == 0) {
            p++;
            continue;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            out->t = xrealloc(out->t, (size_t)cap * sizeof *out->t);
        }
        memset(&out->t[out->n], 0, sizeof *out->t);
        out->t[out->n].joined = out->n && p > text + 1 && p[-1] == '-' && word_byte((unsigned char)p[-2]) &&
                                isalpha((unsigned char)p[0]);
        tok_fill(&out->t[out->n++], p, n);
        p += n;
        size_t gap = strspn(p, " \t\r\n?:;!");  /* "payments? amount and date" */
        out->t[out->n - 1].ends = strcspn(p, "?:;!") < gap;
    }
    scale_numbers(out);
    for (int i = 0; i < out->n; i++)
        if (!strcmp(out->t[i].raw, "%"))
            tok_set(&out->t[i], "percent");
    contractions(out);
    first_and_last(out);
    return 0;
}

void words_put_typed(buf_t *b, const ask_toks_t *tk, int from, int to, int hyphens)
{
    for (int k = from; k < to && k < tk->n; k++)
        buf_printf(b, "%s%s", k == from ? "" : hyphens && tk->t[k].joined ? "-" : " ", tk->t[k].raw);
}

char *words_rewrite(const ask_toks_t *tk, int from, int len, const char *repl)
{
    buf_t b = {0};
    for (int i = 0; i < tk->n; i++) {
        if (i == from)
            buf_printf(&b, "%s%s", b.len ? " " : "", repl);
        if (i >= from && i < from + len)
            continue;
        buf_printf(&b, "%s%s", !b.len ? "" : tk->t[i].joined && i != from + len ? "-" : " ", tk->t[i].raw);
    }
    if (from >= tk->n)
        buf_printf(&b, "%s%s", b.len ? " " : "", repl);
    return buf_detach(&b);
}

void words_free(ask_toks_t *t)
{
    for (int i = 0; i < t->n; i++) {
        free(t->t[i].raw);
        free(t->t[i].low);
        free(t->t[i].stem);
    }
    free(t->t);
    t->t = NULL;
    t->n = 0;
}

static const char *name_parts(const char *w)
{
    static const char *const parts[][2] = {{"fname", "first"}, {"lname", "last"},
        {"firstname", "first"}, {"lastname", "last"}, {"surname", "last"}, {"forename", "first"},
        {"givenname", "first"}, {"familyname", "last"}};
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        if (!strcmp(w, parts[k][0]))
            return parts[k][1];
    return NULL;
}

/* "productname", "jobtitle", "imageurl", "listprice", "hiredate": a
 * name written in one word that ends in one of these words after a word of
 * 3 letters or more — the length of that word, else 0. "username" stays
 * whole: a login, not the name a person is called by (first and last name
 * come before it); so do "candidate", "validate", "mandate". */
static size_t glued_head(const char *w)
{
    static const char *const tails[] = {"name", "title", "url", "price", "date", NULL};
    size_t n = strlen(w);
    for (int k = 0; tails[k]; k++) {
        size_t t = strlen(tails[k]), h = n - t;
        if (n < t + 3 || strcmp(w + h, tails[k]) || !strncmp(w, "user", h) || w[h - 1] == 'i' ||
            (h == 3 && !strncmp(w, "man", 3)))
            continue;
        return h;
    }
    return 0;
}

static char *word_of(const char *w, int fold)
{
    return fold ? words_stem(w) : singular(w);
}

/* Identifier to words, each singular and, with fold, its synonym's stem. */
static int ident_words(const char *ident, char ***stems, int fold)
{
    buf_t w = {0};
    char **out = NULL;
    int n = 0;
    for (const char *p = ident;; p++) {
        unsigned char c = (unsigned char)*p;
        /* a capital after a small letter starts a word ("unitPrice"); a run
         * of capitals is one ("IATA", not i a t a) */
        int split = !c || (!isalnum(c) && c < 0x80) ||
                    (w.len && p > ident && isupper(c) && islower((unsigned char)p[-1]));
        if (split && w.len) {
            /* "fname", "lastname": two words, as first_name and last_name are */
            const char *two = name_parts(buf_str(&w));
            size_t head = two ? 0 : glued_head(buf_str(&w));
            out = xrealloc(out, (size_t)(n + 2) * sizeof *out);
            if (two) {
                out[n++] = xstrdup(two), out[n++] = xstrdup("name");
            } else if (head) {  /* "productname", "imageurl": product name, image url */
                char *tail = word_of(buf_str(&w) + head, fold);
                buf_truncate(&w, head);
                out[n++] = word_of(buf_str(&w), fold);
                out[n++] = tail;
            } else {
                out[n++] = word_of(buf_str(&w), fold);
            }
            buf_reset(&w);
        }
        if (!*p)
            break;
        if (isalnum(c) || c >= 0x80)
            buf_putc(&w, (char)tolower(c));
    }
    buf_free(&w);
    *stems = out;
    return n;
}

/* Identifier to stems: "shipping_country_id" -> shipping country id,
 * "OrderLines" -> order item (line folds to item), "unitPrice" -> unit price. */
int words_ident(const char *ident, char ***stems)
{
    return ident_words(ident, stems, 1);
}

/* The same words as said, singular: "states" -> state (its stem is status). */
int words_ident_plain(const char *ident, char ***words)
{
    return ident_words(ident, words, 0);
}

void words_free_list(char **w, int n)
{
    for (int i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

void words_put(buf_t *b, char **w, int n)
{
    for (int k = 0; k < n; k++)
        buf_printf(b, "%s%s", k ? " " : "", w[k]);
}
