/* words.h — the planner's tokens and the word functions words.c gives
 * (split, stem, function words, numbers), with the cue-table lookups of
 * grammar.c that read them. Included by internal.h; split out so that the
 * planner's one internal interface stays readable. */
#ifndef DM_ASK_WORDS_H
#define DM_ASK_WORDS_H

#include <stddef.h>

#include "ask/grammar.h"
#include "core/buf.h"

typedef struct ask_tok {
    char *raw;   /* as typed (UTF-8) */
    char *low;   /* ASCII lower-case */
    char *stem;  /* singular, synonym folded: "clients" -> "customer" */
    double num;  /* value when isnum (digits or number words) */
    int isnum;
    int used;    /* consumed by the parser */
    int ends;    /* a sentence or clause mark follows ("draws: bonus number"): no phrase spans it */
    int joined;  /* typed right after the word before and a hyphen: "Price" of "Fisher-Price" */
    int scale;   /* a scale word taken into the number before it: "million" of "50 million" */
} ask_tok_t;

typedef struct ask_toks {
    ask_tok_t *t;
    int n;
} ask_toks_t;

/* Split text into tokens; 0, or -1 with err on invalid UTF-8. */
int words_split(const char *text, ask_toks_t *out, char *err, size_t errlen);
void words_free(ask_toks_t *t);
/* Tokens from..to-1 as typed, each joined to the one before by a space or,
 * with hyphens, by the hyphen typed ("Fisher-Price"; else "Fisher Price"). */
void words_put_typed(buf_t *b, const ask_toks_t *tk, int from, int to, int hyphens);
/* The question with tokens [from, from+len) replaced by repl (malloc'd). */
char *words_rewrite(const ask_toks_t *tk, int from, int len, const char *repl);
/* Split an identifier (snake_case, camelCase, "Order Lines") into stems. */
int words_ident(const char *ident, char ***stems);
int words_ident_plain(const char *ident, char ***words);  /* singular, not folded: an alias */
void words_free_list(char **w, int n);
/* Singular + synonym folding of one lower-case word; new string. */
char *words_stem(const char *low);
/* Token t read as word from now on (its low form and stem; raw kept). */
void words_reread(ask_tok_t *t, const char *word);
int words_is_plural(const char *low);
int words_is_stop(const char *low);
int words_is_stop_at(const ask_toks_t *tk, int i);
/* Number words: "ten" -> 10, "twenty" -> 20, "dozen" -> 12; -1 if not one. */
int words_number(const char *low);
/* 1 if token i exists and is w (lower case). */
int words_at(const ask_toks_t *tk, int i, const char *w);
/* From token i, stepping by step (1 or -1), the first token not in list
 * (-1 or n past the ends): "across all the countries" skips to countries. */
int words_skip(const ask_toks_t *tk, int i, int step, const char *const *list);
/* "all", "every", "the", "both": the words that say all of something */
extern const char *const words_all_of[];
/* 1 if w is one of the NULL-terminated list. */
int words_in(const char *w, const char *const *list);
/* The n words w joined by spaces, appended to b ("unit price"). */
void words_put(buf_t *b, char **w, int n);
/* The row of a cue table (grammar.h) that the words at tk[i] say, or NULL;
 * it spans 1 word, 2 when it has a next word. */
const ask_cue_t *grammar_cue_at(const ask_cue_t *rows, const ask_toks_t *tk, int i);
/* 1 when w sorts highest first ("most"), -1 lowest first ("cheapest"), 0
 * when it is no sort word (grammar_order_cues). */
int grammar_order_of(const char *w);

#endif
