/* parse.c — query strings, urlencoded forms, cookies, UTF-8 checks.
 * Pure functions over bytes: everything here is unit-tested and fuzzed. */
#include "http/http.h"
#include "core/mem.h"

#include <stdio.h>
#include <string.h>

void kv_add(arena_t *a, kvlist_t *l, const char *name, size_t nlen, const char *val, size_t vlen)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        kv_t *items = arena_alloc(a, cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    kv_t *kv = &l->items[l->n++];
    kv->name = arena_strndup(a, name, nlen);
    kv->value = arena_strndup(a, val, vlen);
    kv->len = vlen;
}

/* The first value wins on duplicate keys: a later copy cannot override what
 * a form or proxy put first. */
const char *kv_get(const kvlist_t *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0)
            return l->items[i].value;
    return NULL;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* In place; returns the new length. A malformed escape ("%zz", a lone "%"
 * at the end) is kept as it is, like browsers and most servers do. */
size_t http_url_decode(char *s, size_t len, int plus_is_space)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < len && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
            (l = hexval((unsigned char)s[i + 2])) >= 0) {
            s[o++] = (char)(h * 16 + l);
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            s[o++] = ' ';
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

void http_url_encode(buf_t *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~')
            buf_putc(out, (char)*p);
        else
            buf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

int http_valid_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        unsigned c = *p;
        size_t n;
        unsigned min;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1, min = 0x80, c &= 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2, min = 0x800, c &= 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3, min = 0x10000, c &= 0x07;
        } else {
            return 0;
        }
        if ((size_t)(e - p) <= n)
            return 0;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            c = (c << 6) | (p[i] & 0x3f);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}

static int decode_field(arena_t *a, const char *s, size_t n, char **out, size_t *outlen,
                        char *err, size_t errlen)
{
    char *d = arena_strndup(a, s, n);
    size_t len = http_url_decode(d, n, 1);
    if (memchr(d, '\0', len)) {
        snprintf(err, errlen, "the request contains a NUL byte (%%00)");
        return -1;
    }
    if (!http_valid_utf8(d, len)) {
        snprintf(err, errlen, "the request is not valid UTF-8");
        return -1;
    }
    *out = d;
    *outlen = len;
    return 0;
}

int http_parse_urlencoded(arena_t *a, const char *s, size_t len, kvlist_t *out, char *err,
                          size_t errlen)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&' && s[end] != ';')
            end++;
        if (end > i) {
            const char *eq = memchr(s + i, '=', end - i);
            size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
            const char *v = eq ? eq + 1 : s + end;
            size_t vlen = eq ? (size_t)(s + end - v) : 0;
            char *k, *val;
            size_t kl, vl;
            if (decode_field(a, s + i, klen, &k, &kl, err, errlen) < 0 ||
                decode_field(a, v, vlen, &val, &vl, err, errlen) < 0)
                return -1;
            if (kl > 0)
                kv_add(a, out, k, kl, val, vl);
        }
        i = end + 1;
    }
    return 0;
}

static const char *skip_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static const char *trim_end(const char *b, const char *e)
{
    while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return e;
}

/* "a=1; b = 2;c="x y"" → a, b, c. Pairs without '=' are skipped. */
void http_parse_cookies(arena_t *a, const char *header, kvlist_t *out)
{
    if (!header)
        return;
    const char *p = header, *end = header + strlen(header);
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *pe = semi ? semi : end;
        const char *eq = memchr(p, '=', (size_t)(pe - p));
        if (eq) {
            const char *nb = skip_ws(p, eq), *ne = trim_end(nb, eq);
            const char *vb = skip_ws(eq + 1, pe), *ve = trim_end(vb, pe);
            if (ve - vb >= 2 && *vb == '"' && ve[-1] == '"')
                vb++, ve--;
            if (ne > nb)
                kv_add(a, out, nb, (size_t)(ne - nb), vb, (size_t)(ve - vb));
        }
        p = pe + 1;
    }
}
