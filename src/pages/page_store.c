/* page_store.c — the pages a web worker rendered, kept in its memory so a
 * repeat view copies them instead of rendering again (the dashboard).
 *
 * An entry is found by who asks for what (the session, the path and query,
 * htmx or not, JavaScript or not) and holds the page's ETag (cache.c:
 * a hash of the page's content key — its rows' versions — and of
 * everything about the asker the page shows) with the body, plain and
 * gzipped. A view whose ETag, computed after a fresh check of the session
 * and the versions (page_dashboard_again), equals the entry's gets that
 * body; any change to a row, the user, the bell or the templates changes
 * the ETag, so nothing needs to be invalidated by hand. The worker's memory is bounded: PAGE_STORE_SLOTS entries of at most
 * PAGE_STORE_MAX bytes each, a new page replacing the one in its slot. */
#include "pages/pages.h"
#include "core/mem.h"
#include "core/metrics.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define PAGE_STORE_SLOTS 64
#define PAGE_STORE_MAX (512 * 1024)

typedef struct page_entry {
    unsigned char who[16]; /* hash of the asker and the address; all zero: empty */
    char etag[40];         /* "…32 hex…" */
    buf_t body, gz;        /* gz: body gzipped, empty until a client takes it */
    int gz_failed;         /* zlib failed: the body is sent as it is */
} page_entry_t;

static page_entry_t slots[PAGE_STORE_SLOTS];

static void who_of(req_t *r, const unsigned char sid[16], unsigned char out[16])
{
    const char *parts[] = {r->path, r->query_string, r->htmx ? "htmx" : "", http_cookie(r, "dm_js")};
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 16);
    crypto_generichash_update(&st, sid, 16);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const char *s = parts[i] ? parts[i] : "";
        crypto_generichash_update(&st, (const unsigned char *)s, strlen(s) + 1);
    }
    crypto_generichash_final(&st, out, 16);
}

static page_entry_t *slot_of(const unsigned char who[16])
{
    unsigned v;
    memcpy(&v, who, sizeof v);
    return &slots[v % PAGE_STORE_SLOTS];
}

static page_entry_t *entry_for(req_t *r)
{
    if (!r->user || !http_is_get(r))
        return NULL;
    unsigned char who[16];
    who_of(r, r->user->sid, who);
    page_entry_t *e = slot_of(who);
    return memcmp(e->who, who, 16) == 0 ? e : NULL;
}

int page_store_has(req_t *r, const unsigned char sid[16])
{
    unsigned char who[16];
    who_of(r, sid, who);
    return http_is_get(r) && memcmp(slot_of(who)->who, who, 16) == 0;
}

/* The client takes gzip: a "gzip" coding in Accept-Encoding whose q is not 0. */
static int takes_gzip(const req_t *r)
{
    const char *ae = http_header_in(r, "Accept-Encoding");
    for (const char *p = ae; p && *p;) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, ",;");
        int gz = (n == 4 && strncasecmp(p, "gzip", 4) == 0) ||
                 (n == 6 && strncasecmp(p, "x-gzip", 6) == 0);
        p += n;
        int q0 = 0;
        if (*p == ';') { /* parameters: only q matters */
            const char *q = p + 1 + strspn(p + 1, " \t");
            if ((q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
                q += 2;
                q0 = q[0] == '0' && strspn(q + 1 + (q[1] == '.'), "0") ==
                                         strcspn(q + 1 + (q[1] == '.'), ", \t");
            }
            p += strcspn(p, ",");
        }
        if (gz)
            return !q0;
    }
    return 0;
}

/* in, gzipped, into out (replaced). 0, or -1 (out then empty). */
static int gzip_into(const buf_t *in, buf_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    buf_reset(out);
    if (!in->len || deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) /* +16: gzip */
        return -1;
    uLong cap = deflateBound(&z, (uLong)in->len);
    unsigned char *tmp = xmalloc(cap);
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    z.next_out = tmp;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    if (rc == Z_STREAM_END)
        buf_append(out, (const char *)tmp, z.total_out);
    deflateEnd(&z);
    free(tmp);
    return rc == Z_STREAM_END ? 0 : -1;
}

int page_store_answer(req_t *r, const char *key)
{
    page_entry_t *e = entry_for(r);
    const char *etag = e ? page_etag(r, key) : NULL;
    if (!etag || strcmp(e->etag, etag) != 0)
        return 0;
    int gz = takes_gzip(r);
    if (gz && !e->gz.len && !e->gz_failed) /* compressed once, when first asked for */
        e->gz_failed = gzip_into(&e->body, &e->gz) < 0;
    gz = gz && e->gz.len;
    metrics_count("page_store_hit");
    http_header(r, "Vary", "Accept-Encoding");
    if (page_etag_answer(r, etag, gz))
        return 1; /* 304 */
    r->status = 200;
    const buf_t *src = gz ? &e->gz : &e->body;
    if (gz) /* nginx passes a coded body as it is */
        http_header(r, "Content-Encoding", "gzip");
    buf_reset(&r->body);
    buf_append(&r->body, src->data, src->len);
    return 1;
}

void page_store_keep(req_t *r, const char *key)
{
    const char *etag = page_etag(r, key);
    if (!etag || r->status != 200 || r->sent || strlen(etag) >= sizeof slots[0].etag ||
        r->body.len > PAGE_STORE_MAX || strstr(buf_str(&r->headers), "Set-Cookie:"))
        return;
    unsigned char who[16];
    who_of(r, r->user->sid, who);
    page_entry_t *e = slot_of(who);
    memcpy(e->who, who, 16);
    strcpy(e->etag, etag);
    buf_free(&e->body); /* not reset: a slot holds no more than its page's size */
    buf_append(&e->body, r->body.data, r->body.len);
    buf_free(&e->gz);
    e->gz_failed = 0;
}
