/* tmpl.h — mustache templates, compiled once, rendered over jansson values.
 *
 * Implements the mustache spec modules interpolation, sections, inverted,
 * comments, partials, delimiters and dynamic names (`{{>*name}}`: the partial
 * named by name's string value; no lambdas, no inheritance). Templates
 * live in a set; a partial tag `{{> partials/nav}}` names another template of
 * the same set. A partial missing at render time renders as nothing (the
 * spec's rule), so templates may be added in any order.
 *
 * Values render as: string as is (HTML-escaped by `{{x}}`, raw by `{{{x}}}`
 * and `{{&x}}`), integer in decimal, real in the shortest form that reads back
 * to the same double (1.21 → "1.21"), true as "true"; null, false, objects and
 * arrays as nothing. Falsey for sections: missing, null, false, "" and [];
 * everything else (0, {} included) is truthy.
 *
 * Every syntax error is found by tmpl_set_add, with "file:line: message";
 * rendering fails only for an unknown template name or partials nested deeper
 * than TMPL_MAX_DEPTH. Rendering allocates nothing but the output's growth.
 *
 * Ownership: the set owns its templates and copies everything it is given;
 * render borrows ctx and never changes its reference count. A set is not
 * changed by rendering, so one set may be rendered from many threads once
 * it is fully loaded. */
#ifndef DM_TMPL_H
#define DM_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"

#define TMPL_MAX_DEPTH 64 /* partials within partials, before render fails */

typedef struct tmpl_set tmpl_set_t;

tmpl_set_t *tmpl_set_new(void);

/* Compile src (len bytes, need not be NUL-terminated) as template `name`,
 * replacing any template of that name. filename only labels error messages
 * (NULL: name is used). Returns 0, or -1 with err filled and the set
 * unchanged. */
int tmpl_set_add(tmpl_set_t *set, const char *name, const char *src, size_t len,
                 const char *filename, char *err, size_t errlen);

/* Compile every *.mustache file under dir, recursively (dot-files skipped).
 * A template's name is its path relative to dir without ".mustache":
 * "layout", "partials/nav". Stops at the first error: returns -1 with err
 * filled; templates compiled before it stay in the set. */
int tmpl_set_load_dir(tmpl_set_t *set, const char *dir, char *err, size_t errlen);

/* 1 when the set has a template called name, else 0. */
int tmpl_set_has(const tmpl_set_t *set, const char *name);

/* Render template `name` with ctx (borrowed; NULL acts as an empty context),
 * appending to out. Returns 0, or -1 with err filled for an unknown template
 * or partials nested too deep; out then holds a partial result, which the
 * caller should discard. */
int tmpl_set_render(const tmpl_set_t *set, const char *name, json_t *ctx, buf_t *out,
                    char *err, size_t errlen);

/* Free the set and every template in it. NULL is fine. */
void tmpl_set_free(tmpl_set_t *set);

/* `datamind template render FILE [DATA.json] [--partials DIR]`; argv[0] is
 * "render". Writes the result to stdout and errors to stderr. Partials are the
 * templates under DIR, by name ("header" is DIR/header.mustache). Returns the
 * process exit code: 0 done, 1 failed, 2 bad usage. */
int tmpl_cli(int argc, char **argv);

/* Markdown (a text widget) to safe HTML: raw HTML dropped, unsafe links
 * refused, links rel="noopener". New string, caller frees. */
char *tmpl_markdown(const char *md);
/* The same Markdown as plain text for print (the PDF): no markup characters,
 * headings and paragraphs as lines with a blank line between, list items as
 * "• item" or "1. item", link text without its address. Caller frees. */
char *tmpl_markdown_text(const char *md);

#endif
