/* compile.c — mustache source to the node array of internal.h.
 *
 * One pass over the source. Each tag is found by the current delimiters,
 * classified by its sigil, and checked for the spec's "standalone" rule: a
 * section, inverted, close, comment, partial or set-delimiter tag alone on
 * its line (only spaces and tabs around it) takes the whole line with it,
 * line ending included. Open sections are chained through their `end` field
 * while parsing, so nesting needs no separate stack. */
#include "tmpl/internal.h"
#include "core/mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

typedef struct parser {
    tmpl_t *t;
    size_t cap;             /* of t->nodes */
    const char *src;        /* t->src */
    size_t len;
    size_t text_start;      /* first byte not yet emitted as text */
    const char *otag, *ctag;
    size_t olen, clen;
    size_t open;            /* innermost open section, or NONE */
    size_t line_pos;        /* line_of() cache: line number at line_pos */
    int line;
    char *err;
    size_t errlen;
} parser_t;

/* One tag as found in the source. */
typedef struct tag {
    char sigil;           /* '#', '^', '/', '!', '>', '=', '&', '{' or 0 */
    size_t at, end;       /* from the open delimiter to past the close one */
    const char *body;     /* content, trimmed */
    size_t body_len;
    int line;
    int standalone;
    size_t line_start;    /* standalone: the line's first byte */
    size_t next;          /* where parsing resumes */
} tag_t;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int line_of(parser_t *p, size_t pos)
{
    if (pos < p->line_pos) {
        p->line_pos = 0;
        p->line = 1;
    }
    for (; p->line_pos < pos; p->line_pos++)
        if (p->src[p->line_pos] == '\n')
            p->line++;
    return p->line;
}

static int is_bol(const parser_t *p, size_t pos)
{
    return pos == 0 || p->src[pos - 1] == '\n';
}

__attribute__((format(printf, 3, 4)))
static int parse_fail(parser_t *p, int line, const char *fmt, ...)
{
    int n = snprintf(p->err, p->errlen, "%s:%d: ", p->t->filename, line);
    if (n >= 0 && (size_t)n < p->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Position of `c` (unless 0) immediately followed by needle, or NONE. */
static size_t parse_find(const parser_t *p, size_t from, char c, const char *needle,
                         size_t nlen)
{
    size_t skip = c ? 1 : 0;
    for (size_t i = from; i + skip + nlen <= p->len; i++) {
        if (c && p->src[i] != c)
            continue;
        if (memcmp(p->src + i + skip, needle, nlen) == 0)
            return i;
    }
    return NONE;
}

static tmpl_node_t *parse_push(parser_t *p, tmpl_kind_t kind, int line)
{
    if (p->t->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->t->nodes = xrealloc(p->t->nodes, p->cap * sizeof *p->t->nodes);
    }
    tmpl_node_t *n = &p->t->nodes[p->t->n++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = line;
    n->end = NONE;
    return n;
}

static void parse_text(parser_t *p, size_t from, size_t to)
{
    if (from >= to)
        return;
    tmpl_node_t *n = parse_push(p, TMPL_TEXT, 0);
    n->str = p->t->src + from;
    n->len = to - from;
    n->bol = (unsigned char)is_bol(p, from);
}

/* An empty text node that only carries "a line starts here", for a tag that
 * renders nothing but does not take its line away (so an indented partial
 * still indents that line). */
static void parse_mark_bol(parser_t *p, const tag_t *tag)
{
    if (tag->standalone || !is_bol(p, tag->at))
        return;
    tmpl_node_t *n = parse_push(p, TMPL_TEXT, tag->line);
    n->str = p->t->src + tag->at;
    n->bol = 1;
}

/* Spec: the tag is alone on its line, apart from spaces and tabs, and no
 * other tag shares the line. */
static void parse_standalone(const parser_t *p, tag_t *tag)
{
    size_t s = tag->at, e = tag->end;
    tag->next = tag->end;
    if (tag->sigil == 0 || !strchr("#^/!>=", tag->sigil))
        return;
    while (s > p->text_start && (p->src[s - 1] == ' ' || p->src[s - 1] == '\t'))
        s--;
    if (s != 0 && p->src[s - 1] != '\n')
        return;
    while (e < p->len && (p->src[e] == ' ' || p->src[e] == '\t'))
        e++;
    if (e < p->len && p->src[e] == '\r' && e + 1 < p->len && p->src[e + 1] == '\n')
        e++;
    if (e < p->len && p->src[e] != '\n')
        return;
    tag->standalone = 1;
    tag->line_start = s;
    tag->next = e < p->len ? e + 1 : e;
}

/* Find the end of the tag opening at `at` and split out its content. */
static int parse_scan(parser_t *p, size_t at, tag_t *tag)
{
    size_t cs = at + p->olen, close;
    memset(tag, 0, sizeof *tag);
    tag->at = at;
    tag->line = line_of(p, at);
    char c = cs < p->len ? p->src[cs] : 0;
    if (c && strchr("#^/!>=&{", c)) {
        tag->sigil = c;
        cs++;
    }
    char closer = c == '{' ? '}' : c == '=' ? '=' : 0;
    close = parse_find(p, cs, closer, p->ctag, p->clen);
    if (close == NONE)
        return parse_fail(p, tag->line, "tag '%.*s' is never closed (no '%s%.*s' after it)",
                          (int)p->olen, p->otag, closer == '}' ? "}" : closer ? "=" : "",
                          (int)p->clen, p->ctag);
    tag->end = close + (closer ? 1 : 0) + p->clen;
    while (cs < close && is_blank(p->src[cs]))
        cs++;
    while (close > cs && is_blank(p->src[close - 1]))
        close--;
    tag->body = p->src + cs;
    tag->body_len = close - cs;
    if (tag->sigil != '!' && tag->sigil != '=' && tag->body_len == 0)
        return parse_fail(p, tag->line, "empty tag '%.*s'", (int)(tag->end - at),
                          p->src + at);
    parse_standalone(p, tag);
    return 0;
}

/* "a.b.c" → "a.b.c\0a\0b\0c\0" with 3 parts; "." → ".\0" with 0 parts. */
static int parse_name(parser_t *p, const tag_t *tag, tmpl_node_t *n)
{
    const char *s = tag->body;
    size_t len = tag->body_len;
    for (size_t i = 0; i < len; i++)
        if (is_blank(s[i]))
            return parse_fail(p, tag->line, "name '%.*s' contains whitespace", (int)len, s);
    n->str = xmalloc(2 * len + 2);
    memcpy(n->str, s, len);
    n->str[len] = '\0';
    n->parts = n->str + len + 1;
    if (len == 1 && s[0] == '.')
        return 0;
    memcpy(n->str + len + 1, s, len);
    n->str[2 * len + 1] = '\0';
    for (char *q = n->str + len + 1; ; q++) {
        if (*q != '.' && *q != '\0')
            continue;
        if (q == n->parts || q[-1] == '\0' || (*q == '\0' && q[-1] == '.'))
            return parse_fail(p, tag->line, "bad name '%s' (empty part)", n->str);
        n->nparts++;
        if (*q == '\0')
            break;
        *q = '\0';
    }
    return 0;
}

/* {{=<% %>=}}: two delimiters, no whitespace or '=' inside either. */
static int parse_delims(parser_t *p, const tag_t *tag)
{
    const char *s = tag->body, *end = s + tag->body_len;
    const char *a = s, *b;
    while (s < end && !is_blank(*s))
        s++;
    size_t alen = (size_t)(s - a);
    while (s < end && is_blank(*s))
        s++;
    b = s;
    while (s < end && !is_blank(*s))
        s++;
    size_t blen = (size_t)(s - b);
    if (alen == 0 || blen == 0 || s != end || memchr(a, '=', alen) || memchr(b, '=', blen))
        return parse_fail(p, tag->line,
                          "bad delimiter tag '%.*s' (want two delimiters, as in {{=<%% %%>=}})",
                          (int)(tag->end - tag->at), p->src + tag->at);
    p->otag = a;
    p->olen = alen;
    p->ctag = b;
    p->clen = blen;
    return 0;
}

static int parse_open(parser_t *p, const tag_t *tag)
{
    tmpl_node_t *n = parse_push(p, tag->sigil == '#' ? TMPL_SECTION : TMPL_INVERTED,
                                tag->line);
    n->bol = (unsigned char)(!tag->standalone && is_bol(p, tag->at));
    if (parse_name(p, tag, n) < 0)
        return -1;
    n->end = p->open; /* parent link until the close tag sets the real end */
    p->open = p->t->n - 1;
    return 0;
}

static int parse_close(parser_t *p, const tag_t *tag)
{
    if (p->open == NONE)
        return parse_fail(p, tag->line, "closing tag '%.*s' has no open section",
                          (int)tag->body_len, tag->body);
    tmpl_node_t *o = &p->t->nodes[p->open];
    if (strlen(o->str) != tag->body_len || memcmp(o->str, tag->body, tag->body_len) != 0)
        return parse_fail(p, tag->line,
                          "closing tag '%.*s' does not match section '%s' opened on line %d",
                          (int)tag->body_len, tag->body, o->str, o->line);
    parse_mark_bol(p, tag); /* belongs to the body: before end is set */
    o = &p->t->nodes[p->open];
    size_t parent = o->end;
    o->end = p->t->n;
    p->open = parent;
    return 0;
}

/* {{>name}}, or {{>*name}} (the spec's dynamic names): the template named
 * by the value of name in the context, looked up when rendering. */
static int parse_partial(parser_t *p, const tag_t *tag)
{
    for (size_t i = 0; i < tag->body_len; i++)
        if (is_blank(tag->body[i]))
            return parse_fail(p, tag->line, "partial name '%.*s' contains whitespace",
                              (int)tag->body_len, tag->body);
    tmpl_node_t *n = parse_push(p, TMPL_PARTIAL, tag->line);
    if (tag->body_len > 1 && tag->body[0] == '*') {
        tag_t named = *tag;
        named.body++;
        named.body_len--;
        n->dynamic = 1;
        if (parse_name(p, &named, n) < 0)
            return -1;
    } else
        n->str = xstrndup(tag->body, tag->body_len);
    if (tag->standalone) {
        n->standalone = 1;
        n->indent = p->t->src + tag->line_start;
        n->indent_len = tag->at - tag->line_start;
    } else {
        n->bol = (unsigned char)is_bol(p, tag->at);
    }
    return 0;
}

static int parse_tag(parser_t *p, const tag_t *tag)
{
    tmpl_node_t *n;
    switch (tag->sigil) {
    case '#':
    case '^':
        return parse_open(p, tag);
    case '/':
        return parse_close(p, tag);
    case '>':
        return parse_partial(p, tag);
    case '!':
        parse_mark_bol(p, tag);
        return 0;
    case '=':
        parse_mark_bol(p, tag);
        return parse_delims(p, tag);
    default:
        n = parse_push(p, tag->sigil ? TMPL_RAW : TMPL_VAR, tag->line);
        n->bol = (unsigned char)is_bol(p, tag->at);
        return parse_name(p, tag, n);
    }
}

static int parse_all(parser_t *p)
{
    size_t pos = 0;
    for (;;) {
        size_t at = parse_find(p, pos, 0, p->otag, p->olen);
        if (at == NONE)
            break;
        tag_t tag;
        if (parse_scan(p, at, &tag) < 0)
            return -1;
        parse_text(p, p->text_start, tag.standalone ? tag.line_start : at);
        if (parse_tag(p, &tag) < 0)
            return -1;
        pos = p->text_start = tag.next;
    }
    parse_text(p, p->text_start, p->len);
    if (p->open != NONE) {
        const tmpl_node_t *o = &p->t->nodes[p->open];
        return parse_fail(p, line_of(p, p->len), "section '%s' opened on line %d is never closed",
                          o->str, o->line);
    }
    return 0;
}

tmpl_t *tmpl_compile(const char *name, const char *src, size_t len, const char *filename,
                     char *err, size_t errlen)
{
    tmpl_t *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->filename = xstrdup(filename ? filename : name);
    t->src = xmalloc(len + 1);
    if (len)
        memcpy(t->src, src, len);
    t->src[len] = '\0';
    parser_t p = {
        .t = t, .src = t->src, .len = len, .otag = "{{", .ctag = "}}", .olen = 2,
        .clen = 2, .open = NONE, .line = 1, .err = err, .errlen = errlen,
    };
    if (parse_all(&p) < 0)
        goto fail;
    return t;
fail:
    tmpl_destroy(t);
    return NULL;
}

void tmpl_destroy(tmpl_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        if (t->nodes[i].kind != TMPL_TEXT)
            free(t->nodes[i].str);
    free(t->nodes);
    free(t->src);
    free(t->filename);
    free(t->name);
    free(t);
}
