/* rephrase.c — a shorthand the parser reads in longer words: "average
 * order value" is "average revenue per order", the mean of each order's
 * revenue (issue 18's derived measures) — unless a column is named so
 * (orders.order_value, orders.value). The reading is reported like a
 * typo's: "read "order value" as "revenue per order"". */
#include "ask/internal.h"
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

/* The table a lone word at i names ("order"), when no phrase of more
 * words starts there ("order value" of order_value); -1 otherwise. */
static int table_alone_at(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    const ask_phrase_t *ph[16];
    int n = lexicon_match(s, tk, i, ph, 16), t = -1;
    for (int k = 0; k < n; k++) {
        if (ph[k]->nw > 1)
            return -1;
        if (ph[k]->kind == PH_TABLE)
            t = ph[k]->table;
    }
    return t;
}

/* 1 when a column is named by the word at i ("value"). */
static int column_at(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    const ask_phrase_t *ph[16];
    int n = lexicon_match(s, tk, i, ph, 16);
    for (int k = 0; k < n; k++)
        if (ph[k]->kind == PH_COLUMN)
            return 1;
    return 0;
}

char *rephrase_question(const ask_schema_t *s, const ask_toks_t *tk, buf_t *notes)
{
    static const char *const mean[] = {"average", "avg", "mean", NULL};
    for (int i = 0; i + 2 < tk->n; i++) {
        if (!words_in(tk->t[i].low, mean) || strcmp(tk->t[i + 2].stem, "value") ||
            table_alone_at(s, tk, i + 1) < 0 || column_at(s, tk, i + 2))
            continue;
        char repl[96];
        snprintf(repl, sizeof repl, "revenue per %s", tk->t[i + 1].raw);
        buf_printf(notes, "%sread \"%s %s\" as \"%s\"", notes->len ? ", " : "", tk->t[i + 1].raw,
                   tk->t[i + 2].raw, repl);
        return words_rewrite(tk, i + 1, 2, repl);
    }
    return NULL;
}
