/* fuzz_http_forms — urlencoded bodies/query strings, Cookie headers, URL
 * decoding and the ?next= path check, on arbitrary bytes.
 * Invariants: a parsed form holds no NUL byte and only valid UTF-8;
 * decode(encode(s)) == s; a "safe" local path starts with one '/'. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

static void check_kv(const kvlist_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const kv_t *kv = &l->items[i];
        if (!kv->name || !kv->value)
            abort();
        if (memchr(kv->value, 0, kv->len) || kv->value[kv->len] != 0)
            abort();
        if (!http_valid_utf8(kv->value, kv->len) || !http_valid_utf8(kv->name, strlen(kv->name)))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena_t *a = arena_new();
    char err[256];
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;

    kvlist_t form = {0};
    if (http_parse_urlencoded(a, s, size, &form, err, sizeof err) == 0)
        check_kv(&form);

    kvlist_t cookies = {0};
    http_parse_cookies(a, s, &cookies);
    for (size_t i = 0; i < cookies.n; i++)
        if (!cookies.items[i].name || !cookies.items[i].value)
            abort();

    /* encode then decode gives the bytes back (up to the first NUL) */
    buf_t enc = {0};
    http_url_encode(&enc, s);
    size_t slen = strlen(s);
    if (enc.len) {
        size_t n = http_url_decode(enc.data, enc.len, 0);
        if (n != slen || memcmp(enc.data, s, n) != 0)
            abort();
    } else if (slen) {
        abort();
    }
    buf_free(&enc);

    /* decoding in place never grows */
    char *d = malloc(size + 1);
    memcpy(d, data, size);
    d[size] = 0;
    if (http_url_decode(d, size, 1) > size)
        abort();
    free(d);

    if (http_safe_local_path(s)) {
        if (s[0] != '/' || s[1] == '/' || s[1] == '\\')
            abort();
    }

    free(s);
    arena_free(a);
    return 0;
}
