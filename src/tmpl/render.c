/* render.c — walk a compiled template over a jansson value.
 *
 * The context stack and the partial indentation are linked lists whose
 * links live in the C stack frames of render_nodes, so a render allocates
 * nothing but what the output buffer needs to grow. */
#include "tmpl/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    json_t *v;
    const struct ctx *up;
} ctx_t;

/* Indentation of standalone partials, innermost last in the output. */
typedef struct indent {
    const char *s;
    size_t len;
    const struct indent *up;
} indent_t;

typedef struct render {
    const tmpl_set_t *set; /* for dynamic partials */
    buf_t *out;
    int depth; /* partials entered */
    char *err;
    size_t errlen;
} render_t;

static int render_nodes(render_t *r, const tmpl_t *t, size_t from, size_t to,
                        const ctx_t *ctx, const indent_t *in);

/* One step of a dotted name: a key of an object, or — an extension to the
 * spec, for "{{#list.0}}…{{/list.0}}" (is the list non-empty?) — a decimal
 * index into an array. */
static json_t *render_step(json_t *v, const char *part)
{
    if (json_is_object(v))
        return json_object_get(v, part);
    if (json_is_array(v) && *part && strspn(part, "0123456789") == strlen(part) && strlen(part) < 9)
        return json_array_get(v, (size_t)atol(part));
    return NULL;
}

/* Spec name resolution: the first part is looked up down the context
 * stack; the rest only inside what the first part found. */
static json_t *render_lookup(const ctx_t *ctx, const tmpl_node_t *n)
{
    if (n->nparts == 0)
        return ctx->v;
    const char *part = n->parts;
    json_t *v = NULL;
    for (; ctx && !v; ctx = ctx->up)
        if (json_is_object(ctx->v))
            v = json_object_get(ctx->v, part);
    for (unsigned i = 1; v && i < n->nparts; i++) {
        part += strlen(part) + 1;
        v = render_step(v, part);
    }
    return v;
}

static int render_truthy(const json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    return 1;
}

static void render_value(buf_t *out, const json_t *v, int escape)
{
    char tmp[32];
    switch (json_typeof(v)) {
    case JSON_STRING:
        if (escape)
            buf_put_html(out, json_string_value(v), json_string_length(v));
        else
            buf_append(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        buf_puts(out, tmp);
        break;
    case JSON_REAL:
        buf_put_double(out, json_real_value(v));
        break;
    case JSON_TRUE:
        buf_puts(out, "true");
        break;
    default: /* null, false, objects and arrays render as nothing */
        break;
    }
}

static void render_indent(buf_t *out, const indent_t *in)
{
    if (!in)
        return;
    render_indent(out, in->up);
    buf_append(out, in->s, in->len);
}

/* Text inside an indented partial gets the indentation after each of its
 * line breaks, except a final one: the next line may not be ours. */
static void render_text(buf_t *out, const tmpl_node_t *n, const indent_t *in)
{
    if (!in) {
        buf_append(out, n->str, n->len);
        return;
    }
    const char *s = n->str, *end = s + n->len;
    if (n->bol)
        render_indent(out, in);
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl) {
            buf_append(out, s, (size_t)(end - s));
            break;
        }
        buf_append(out, s, (size_t)(nl + 1 - s));
        s = nl + 1;
        if (s < end)
            render_indent(out, in);
    }
}

static int render_section(render_t *r, const tmpl_t *t, size_t i, const ctx_t *ctx,
                          const indent_t *in)
{
    const tmpl_node_t *n = &t->nodes[i];
    json_t *v = render_lookup(ctx, n);
    if (n->kind == TMPL_INVERTED)
        return render_truthy(v) ? 0 : render_nodes(r, t, i + 1, n->end, ctx, in);
    if (!render_truthy(v))
        return 0;
    if (!json_is_array(v)) {
        ctx_t top = {v, ctx};
        return render_nodes(r, t, i + 1, n->end, &top, in);
    }
    size_t k;
    json_t *item;
    json_array_foreach(v, k, item) {
        ctx_t top = {item, ctx};
        if (render_nodes(r, t, i + 1, n->end, &top, in) < 0)
            return -1;
    }
    return 0;
}

/* A standalone partial adds its own indentation to the current one; an
 * inline partial is pasted in place, so none applies to its lines. */
static int render_partial(render_t *r, const tmpl_t *t, const tmpl_node_t *n,
                          const ctx_t *ctx, const indent_t *in)
{
    const tmpl_t *p = n->partial;
    if (n->dynamic) {
        const char *name = json_string_value(render_lookup(ctx, n));
        p = name ? tmpl_set_find(r->set, name) : NULL;
    }
    if (!p)
        return 0;
    if (r->depth >= TMPL_MAX_DEPTH) {
        snprintf(r->err, r->errlen,
                 "%s:%d: partial '%s' nested more than %d deep (a partial including itself?)",
                 t->filename, n->line, n->str, TMPL_MAX_DEPTH);
        return -1;
    }
    indent_t mine = {n->indent, n->indent_len, in};
    const indent_t *child = NULL;
    if (n->standalone)
        child = n->indent_len ? &mine : in;
    r->depth++;
    int rc = render_nodes(r, p, 0, p->n, ctx, child);
    r->depth--;
    return rc;
}

static int render_nodes(render_t *r, const tmpl_t *t, size_t from, size_t to,
                        const ctx_t *ctx, const indent_t *in)
{
    for (size_t i = from; i < to; i++) {
        const tmpl_node_t *n = &t->nodes[i];
        if (in && n->bol && n->kind != TMPL_TEXT)
            render_indent(r->out, in);
        switch (n->kind) {
        case TMPL_TEXT:
            render_text(r->out, n, in);
            break;
        case TMPL_VAR:
        case TMPL_RAW: {
            const json_t *v = render_lookup(ctx, n);
            if (v)
                render_value(r->out, v, n->kind == TMPL_VAR);
            break;
        }
        case TMPL_SECTION:
        case TMPL_INVERTED:
            if (render_section(r, t, i, ctx, in) < 0)
                return -1;
            i = n->end - 1;
            break;
        case TMPL_PARTIAL:
            if (render_partial(r, t, n, ctx, in) < 0)
                return -1;
            break;
        }
    }
    return 0;
}

int tmpl_set_render(const tmpl_set_t *set, const char *name, json_t *ctx, buf_t *out,
                    char *err, size_t errlen)
{
    const tmpl_t *t = tmpl_set_find(set, name);
    if (!t) {
        snprintf(err, errlen, "no template named '%s'", name);
        return -1;
    }
    render_t r = {.set = set, .out = out, .err = err, .errlen = errlen};
    ctx_t root = {ctx, NULL};
    return render_nodes(&r, t, 0, t->n, &root, NULL);
}
