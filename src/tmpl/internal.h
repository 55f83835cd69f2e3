/* internal.h — the compiled form of a template, shared by compile.c (which
 * builds it) and render.c (which walks it). Not for use outside src/tmpl/.
 *
 * A template is a flat array of nodes. A section's body is the nodes
 * i+1 .. end-1, so nesting needs no pointers and rendering is a loop over
 * an array. Text nodes point into the template's own copy of its source. */
#ifndef DM_TMPL_INTERNAL_H
#define DM_TMPL_INTERNAL_H

#include <stddef.h>

#include "tmpl/tmpl.h"

typedef enum tmpl_kind {
    TMPL_TEXT,     /* literal bytes: str, len */
    TMPL_VAR,      /* {{name}}: HTML-escaped */
    TMPL_RAW,      /* {{{name}}} or {{&name}} */
    TMPL_SECTION,  /* {{#name}}: body up to end */
    TMPL_INVERTED, /* {{^name}}: body up to end */
    TMPL_PARTIAL,  /* {{>name}}: str is the name, resolved into partial */
} tmpl_kind_t;

typedef struct tmpl tmpl_t;

typedef struct tmpl_node {
    tmpl_kind_t kind;
    /* The node starts a line of the source: inside an indented partial the
     * indentation is written before it. */
    unsigned char bol;
    /* Partial alone on its line: its whitespace prefix (indent, indent_len)
     * is prepended to every line of the partial. */
    unsigned char standalone;
    /* Partial {{>*name}}: str and parts are a name, as for a variable, whose
     * value in the context names the template to render. */
    unsigned char dynamic;
    /* Text: the bytes, not NUL-terminated, inside tmpl.src.
     * Variables and sections: the name as written, then its dotted parts,
     * each NUL-terminated ("a.b" → "a.b\0a\0b\0"); parts points at the
     * first part, and nparts 0 is the implicit iterator ".".
     * Partials: the name. Anything but text owns str. */
    char *str;
    const char *parts;
    size_t len;       /* text: byte count */
    unsigned nparts;  /* variables and sections */
    size_t end;       /* sections: index of the first node after the body */
    const char *indent;
    size_t indent_len;
    const tmpl_t *partial; /* partials: the target, or NULL when missing (or dynamic) */
    int line;              /* 1-based source line of the tag */
} tmpl_node_t;

struct tmpl {
    char *name;
    char *filename;
    char *src;        /* our copy; text nodes and indents point into it */
    tmpl_node_t *nodes;
    size_t n;
};

struct tmpl_set {
    tmpl_t **items;
    size_t n, cap;
};

/* compile.c: parse src into a new template, or NULL with err filled. */
tmpl_t *tmpl_compile(const char *name, const char *src, size_t len, const char *filename,
                     char *err, size_t errlen);
void tmpl_destroy(tmpl_t *t);

/* set.c: the template called name, or NULL. */
const tmpl_t *tmpl_set_find(const tmpl_set_t *set, const char *name);

/* set.c: append the whole file at path to b. 0, or -1 with err filled. */
int tmpl_read_file(const char *path, buf_t *b, char *err, size_t errlen);

#endif
