/* multipart.c — a streaming multipart/form-data parser (RFC 7578).
 *
 * The body is read through a small window; a part's data is handed on as it
 * arrives, except the last (delimiter length − 1) bytes, which might be the
 * start of the next delimiter. Files spill from memory to a temp file past
 * a threshold, so a 200 MB upload never sits in memory. */
#include "http/http.h"
#include "core/mem.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define WINDOW (64 * 1024)
#define MAX_PART_HEADERS (16 * 1024)
#define MAX_PARTS 1000

typedef struct mp {
    arena_t *a;
    http_reader_fn rd;
    void *ctx;
    const multipart_limits_t *lim;
    char delim[80 + 4]; /* "\r\n--" boundary */
    size_t dlen;
    char win[WINDOW + 128];
    size_t start, end;  /* unread bytes are win[start..end) */
    size_t total;
    int eof;
    int *status;
    char *err;
    size_t errlen;
} mp_t;

/* One part being received. */
typedef struct sink {
    int is_file;
    buf_t mem;
    int fd;
    char *path;
    size_t size;
} sink_t;

static int mp_fail(mp_t *m, int status, const char *msg)
{
    *m->status = status;
    snprintf(m->err, m->errlen, "%s", msg);
    return -1;
}

/* Extract boundary=… (quoted or not) from the Content-Type. */
static int mp_boundary(const char *ct, char *out, size_t outlen)
{
    const char *p = ct ? strcasestr(ct, "boundary=") : NULL;
    if (!p)
        return -1;
    p += 9;
    size_t n;
    if (*p == '"') {
        p++;
        const char *q = strchr(p, '"');
        if (!q)
            return -1;
        n = (size_t)(q - p);
    } else {
        n = strcspn(p, "; \t");
    }
    if (n == 0 || n > 70 || n + 1 > outlen)
        return -1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

/* Read more into the window (compacting first). 0 ok, -1 error/limit. */
static int mp_fill(mp_t *m)
{
    if (m->eof)
        return 0;
    if (m->start > 0) {
        memmove(m->win, m->win + m->start, m->end - m->start);
        m->end -= m->start;
        m->start = 0;
    }
    if (m->end >= WINDOW)
        return 0;
    long got = m->rd(m->ctx, m->win + m->end, WINDOW - m->end);
    if (got < 0)
        return mp_fail(m, 400, "the request body could not be read");
    if (got == 0)
        m->eof = 1;
    m->end += (size_t)got;
    m->total += (size_t)got;
    if (m->total > m->lim->max_total)
        return mp_fail(m, 413, "the upload is larger than the allowed size");
    return 0;
}

static size_t mp_avail(const mp_t *m)
{
    return m->end - m->start;
}

/* Make at least n bytes available unless the body ends first. */
static int mp_need(mp_t *m, size_t n)
{
    while (mp_avail(m) < n && !m->eof)
        if (mp_fill(m) < 0)
            return -1;
    return 0;
}

static int sink_write(mp_t *m, sink_t *s, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    s->size += n;
    if (!s->is_file && s->size > m->lim->max_field)
        return mp_fail(m, 413, "a form field is larger than the allowed size");
    if (s->fd < 0 && s->is_file && s->mem.len + n > m->lim->memory_file) {
        s->path = arena_printf(m->a, "%s/datamind-upload-XXXXXX", m->lim->tmpdir);
        s->fd = mkstemp(s->path);
        if (s->fd < 0)
            return mp_fail(m, 500, "no room for the upload in the temporary directory");
        if (write(s->fd, s->mem.data, s->mem.len) != (ssize_t)s->mem.len)
            return mp_fail(m, 507, "the temporary directory is full");
        buf_free(&s->mem);
    }
    if (s->fd >= 0) {
        if (write(s->fd, p, n) != (ssize_t)n)
            return mp_fail(m, 507, "the temporary directory is full");
        return 0;
    }
    buf_append(&s->mem, p, n);
    return 0;
}

/* Copy the part body into the sink up to the next delimiter, consuming it. */
static int mp_body(mp_t *m, sink_t *s)
{
    for (;;) {
        if (mp_need(m, m->dlen) < 0)
            return -1;
        char *base = m->win + m->start;
        size_t avail = mp_avail(m);
        char *hit = memmem(base, avail, m->delim, m->dlen);
        if (hit) {
            if (sink_write(m, s, base, (size_t)(hit - base)) < 0)
                return -1;
            m->start += (size_t)(hit - base) + m->dlen;
            return 0;
        }
        if (m->eof)
            return mp_fail(m, 400, "the upload was cut off before its end");
        size_t safe = avail - (m->dlen - 1);
        if (sink_write(m, s, base, safe) < 0)
            return -1;
        m->start += safe;
        if (mp_fill(m) < 0)
            return -1;
    }
}

/* Value of name="…" (or name=token) inside a header value. */
static char *header_param(arena_t *a, const char *h, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = h; (p = strcasestr(p, name)) != NULL; p += nl) {
        if (p > h && p[-1] != ' ' && p[-1] != ';' && p[-1] != '\t')
            continue;
        const char *v = p + nl;
        if (*v != '=')
            continue;
        v++;
        if (*v == '"') {
            v++;
            const char *q = strchr(v, '"');
            return q ? arena_strndup(a, v, (size_t)(q - v)) : NULL;
        }
        return arena_strndup(a, v, strcspn(v, "; \t\r\n"));
    }
    return NULL;
}

typedef struct part_head {
    char *name, *filename, *content_type;
} part_head_t;

static int mp_headers(mp_t *m, part_head_t *ph)
{
    memset(ph, 0, sizeof *ph);
    char *hit;
    for (;;) {
        if (mp_need(m, 4) < 0)
            return -1;
        hit = memmem(m->win + m->start, mp_avail(m), "\r\n\r\n", 4);
        if (hit)
            break;
        if (m->eof || mp_avail(m) > MAX_PART_HEADERS)
            return mp_fail(m, 400, "a part of the upload has malformed headers");
        size_t before = mp_avail(m);
        if (mp_fill(m) < 0)
            return -1;
        if (mp_avail(m) == before && m->eof)
            return mp_fail(m, 400, "a part of the upload has malformed headers");
    }
    char *h = arena_strndup(m->a, m->win + m->start, (size_t)(hit - (m->win + m->start)));
    m->start = (size_t)(hit - m->win) + 4;
    for (char *line = strtok(h, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        if (strncasecmp(line, "Content-Disposition:", 20) == 0) {
            ph->name = header_param(m->a, line + 20, "name");
            ph->filename = header_param(m->a, line + 20, "filename");
        } else if (strncasecmp(line, "Content-Type:", 13) == 0) {
            const char *v = line + 13;
            while (*v == ' ')
                v++;
            ph->content_type = arena_strdup(m->a, v);
        }
    }
    if (!ph->name)
        return mp_fail(m, 400, "a part of the upload has no field name");
    return 0;
}

static void unlink_file(void *p)
{
    unlink((const char *)p);
}

/* Store a finished part in the form or the file list. */
static int mp_store(mp_t *m, const part_head_t *ph, sink_t *s, kvlist_t *form, http_file_t **files,
                    size_t *nfiles)
{
    if (!s->is_file) {
        if (memchr(buf_str(&s->mem), '\0', s->mem.len) || !http_valid_utf8(buf_str(&s->mem), s->mem.len))
            return mp_fail(m, 400, "a form field is not valid UTF-8 text");
        kv_add(m->a, form, ph->name, strlen(ph->name), buf_str(&s->mem), s->mem.len);
        return 0;
    }
    if (!*ph->filename && s->size == 0)
        return 0; /* a file input left empty */
    http_file_t *arr = arena_alloc(m->a, (*nfiles + 1) * sizeof *arr);
    if (*nfiles)
        memcpy(arr, *files, *nfiles * sizeof *arr);
    http_file_t *f = &arr[*nfiles];
    f->field = ph->name;
    f->filename = ph->filename;
    f->content_type = ph->content_type ? ph->content_type : "application/octet-stream";
    f->size = s->size;
    if (s->fd >= 0) {
        f->path = s->path;
    } else {
        f->data = arena_strndup(m->a, buf_str(&s->mem), s->mem.len);
    }
    *files = arr;
    (*nfiles)++;
    return 0;
}

static void sink_close(mp_t *m, sink_t *s, int keep)
{
    buf_free(&s->mem);
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
        if (keep)
            arena_defer(m->a, unlink_file, s->path);
        else
            unlink(s->path);
    }
}

/* After a delimiter: "--" ends the body, CRLF starts a part. 1 = more parts. */
static int mp_after_delim(mp_t *m)
{
    if (mp_need(m, 2) < 0)
        return -1;
    if (mp_avail(m) >= 2 && memcmp(m->win + m->start, "--", 2) == 0)
        return 0;
    if (mp_avail(m) >= 2 && memcmp(m->win + m->start, "\r\n", 2) == 0) {
        m->start += 2;
        return 1;
    }
    return mp_fail(m, 400, "the upload is not well-formed multipart data");
}

int http_parse_multipart(arena_t *a, const char *content_type, http_reader_fn rd, void *ctx,
                         const multipart_limits_t *lim, kvlist_t *form, http_file_t **files,
                         size_t *nfiles, int *status, char *err, size_t errlen)
{
    mp_t *m = xcalloc(1, sizeof *m);
    int rc = -1;
    char boundary[80];
    *m = (mp_t){.a = a, .rd = rd, .ctx = ctx, .lim = lim, .status = status, .err = err,
                .errlen = errlen};
    if (mp_boundary(content_type, boundary, sizeof boundary) < 0) {
        mp_fail(m, 400, "the upload has no multipart boundary");
        goto out;
    }
    m->dlen = (size_t)snprintf(m->delim, sizeof m->delim, "\r\n--%s", boundary);
    /* The first delimiter has no CRLF before it: pretend it had. */
    memcpy(m->win, "\r\n", 2);
    m->end = 2;
    sink_t skip = {.fd = -1, .is_file = 0}; /* the preamble, discarded */
    int pre = mp_body(m, &skip);
    buf_free(&skip.mem);
    if (pre < 0)
        goto out;
    for (int parts = 0;; parts++) {
        int more = mp_after_delim(m);
        if (more <= 0) {
            rc = more;
            goto out;
        }
        if (parts >= MAX_PARTS) {
            mp_fail(m, 413, "the upload has too many parts");
            goto out;
        }
        part_head_t ph;
        if (mp_headers(m, &ph) < 0)
            goto out;
        sink_t s = {.fd = -1, .is_file = ph.filename != NULL};
        int ok = mp_body(m, &s) == 0 && mp_store(m, &ph, &s, form, files, nfiles) == 0;
        sink_close(m, &s, ok && s.fd >= 0);
        if (!ok)
            goto out;
    }
out:
    free(m);
    return rc;
}
