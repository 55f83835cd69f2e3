/* glued.c — a table named in one run of small letters ("labrooms",
 * "equipmenttypes", "inventoryitems") says several words nobody types run
 * together: "how many lab rooms", "list the equipment types". Its own
 * columns often spell them (lab_room_id, equipment_id, item_id): the name
 * splits where a column's words, run together, begin or end it, or are all
 * of it. What is left over must be a word the schema writes apart
 * elsewhere, or a noun tables are named with — "settings" is no "set
 * tings". The lexicon indexes the table by these words too (its name as
 * typed stays its own word). */
#include "ask/internal.h"
#include "core/buf.h"
#include "core/mem.h"

#include <string.h>

/* 1 when w (a stem) is a noun tables are named with, or some identifier
 * of the schema holds it on its own. */
static int word_elsewhere(const ask_schema_t *s, const char *w)
{
    static const char *const tails[] = {"type", "item", "log", "detail", "line", "history",
        "entry", "event", "category", "group", "level", "rate", "code", "status", "report",
        "request", "assignment", "reservation", "booking", "order", "payment", "member",
        "record", "list", "link", "map", "mapping", "zone", "room", "task", "note", NULL};
    for (int k = 0; tails[k]; k++) {
        char *t = words_stem(tails[k]);
        int same = !strcmp(t, w);
        free(t);
        if (same)
            return 1;
    }
    for (int t = 0; t < s->ntables; t++) {
        for (int k = 0; k < s->tables[t].nw; k++)
            if (s->tables[t].nw > 1 && !strcmp(s->tables[t].w[k], w))
                return 1;
        for (int c = 0; c < s->tables[t].ncols; c++)
            for (int k = 0; k < s->tables[t].cols[c].nw; k++)
                if (s->tables[t].cols[c].nw > 1 && !strcmp(s->tables[t].cols[c].w[k], w))
                    return 1;
    }
    return 0;
}

/* The words of col without a last "id", run together into b; their count. */
static int run_together(const ask_col_t *col, buf_t *b)
{
    int n = col->nw - (col->nw > 1 && !strcmp(col->w[col->nw - 1], "id"));
    buf_reset(b);
    for (int k = 0; k < n; k++)
        buf_puts(b, col->w[k]);
    return n;
}

/* Table t's one word split by column c: the new words, or 0. */
static int split_by(const ask_schema_t *s, const ask_table_t *t, const ask_col_t *c, char ***out)
{
    buf_t b = {0};
    int n = run_together(c, &b);
    const char *name = t->w[0], *run = buf_str(&b);
    size_t ln = strlen(name), lr = strlen(run);
    int got = 0;
    if (lr >= 3 && lr <= ln && (n > 1 || lr < ln)) {
        const char *rest = NULL;
        int before = 0;
        if (!strncmp(name, run, lr))
            rest = name + lr;  /* "equipment" + "types" */
        else if (!strcmp(name + ln - lr, run))
            rest = name, before = 1;  /* "inventory" + "items" */
        size_t lrest = rest ? (before ? ln - lr : strlen(rest)) : 0;
        char part[64];
        snprintf(part, sizeof part, "%.*s", (int)lrest, rest ? rest : "");
        char *stem = words_stem(part);
        int known = lrest == 0 || (lrest >= 3 && word_elsewhere(s, stem));
        free(stem);
        if (rest && known) {
            *out = xmalloc((size_t)(n + 1) * sizeof **out);
            if (before && lrest)
                (*out)[got++] = words_stem(part);
            for (int k = 0; k < n; k++)
                (*out)[got++] = xstrdup(c->w[k]);
            if (!before && lrest)
                (*out)[got++] = words_stem(part);
        }
    }
    buf_free(&b);
    return got > 1 ? got : 0;
}

/* The longest split of table t's one word its columns spell: n > 1, or 0. */
static int split_of(const ask_schema_t *s, int t, char ***out)
{
    const ask_table_t *tb = &s->tables[t];
    *out = NULL;
    if (tb->nw != 1 || strlen(tb->w[0]) < 7)
        return 0;
    int nbest = 0;
    for (int c = 0; c < tb->ncols; c++) {  /* the longest split its columns spell */
        char **w = NULL;
        int n = split_by(s, tb, &tb->cols[c], &w);
        if (n > nbest) {
            for (int k = 0; k < nbest; k++)
                free((*out)[k]);
            free(*out);
            *out = w, nbest = n;
        } else {
            for (int k = 0; k < n; k++)
                free(w[k]);
            free(w);
        }
    }
    return nbest;
}

static void free_words(char **w, int n)
{
    for (int k = 0; k < n; k++)
        free(w[k]);
    free(w);
}

int glued_words(const ask_schema_t *s, int t, char ***out, int *shared)
{
    int n = split_of(s, t, out);
    *shared = 0;
    for (int u = 0; n > 1 && u < s->ntables && !*shared; u++) {  /* another table's head too? */
        const ask_table_t *x = &s->tables[u];
        char **o = NULL;
        int no = u == t ? 0 : split_of(s, u, &o);
        *shared = (u != t && x->nw > 1 && !strcmp(x->w[x->nw - 1], (*out)[n - 1])) ||
                  (no > 1 && !strcmp(o[no - 1], (*out)[n - 1]));
        free_words(o, no);
    }
    return n;
}
