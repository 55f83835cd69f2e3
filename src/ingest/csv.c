/* csv.c — the RFC 4180 state machine, one record at a time from a 64 KB
 * window over a file or a buffer.
 *
 * Quotes and doubled quotes, delimiters and newlines inside quotes, LF,
 * CRLF and CR-only line ends. Lenient where real files are sloppy and the
 * meaning is plain: a quote inside an unquoted field is a literal quote,
 * text after a closing quote ("ab"c) is kept. Strict where guessing would
 * eat the rest of the file: a quote still open at end of file is an error
 * naming the line it opened on. Memory is bounded: a field over
 * max_field_bytes or a record over 16 of them is an error, and fields past
 * max_columns are counted but not kept. Lines with nothing on them are
 * skipped. NUL bytes are dropped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "ingest/internal.h"

enum { ST_START, ST_UNQUOTED, ST_QUOTED, ST_QUOTE_END };

struct csv_reader {
    FILE *fp;
    const char *mem;
    size_t memlen, mempos;
    char *chunk;
    size_t pos, len;
    long long consumed, total;
    int last_pct;
    ingest_progress_fn progress;
    void *progress_ctx;
    char delim;
    size_t max_field, max_record, max_cols;
    long line;           /* physical line of the next byte */
    int prev_cr;
    buf_t data;          /* the record's fields, each NUL-terminated */
    size_t *off, *lens, nf, cap, field_start;
    const char **ptrs;
};

static void report_progress(csv_reader_t *r)
{
    if (!r->progress || r->total <= 0)
        return;
    int pct = (int)(r->consumed * 100 / r->total);
    if (pct > r->last_pct) {
        r->last_pct = pct;
        r->progress(r->progress_ctx, pct / 100.0);
    }
}

/* 1 more bytes, 0 end of input, -1 read error */
static int fill(csv_reader_t *r)
{
    r->pos = 0;
    if (r->fp) {
        r->len = fread(r->chunk, 1, INGEST_CHUNK, r->fp);
        if (r->len == 0 && ferror(r->fp))
            return -1;
    } else {
        r->len = r->memlen - r->mempos;
        if (r->len > INGEST_CHUNK)
            r->len = INGEST_CHUNK;
        memcpy(r->chunk, r->mem + r->mempos, r->len);
        r->mempos += r->len;
    }
    r->consumed += (long long)r->len;
    report_progress(r);
    return r->len > 0;
}

csv_reader_t *csv_open(const ingest_input_t *in, char delim, size_t skip,
                       const ingest_opts_t *o, char *err, size_t errlen)
{
    csv_reader_t *r = xcalloc(1, sizeof *r);
    if (in->path) {
        struct stat st;
        r->fp = fopen(in->path, "rb");
        if (!r->fp || fstat(fileno(r->fp), &st) < 0) {
            ingest_errf(err, errlen, "cannot open the uploaded file: %s", strerror(errno));
            csv_close(r);
            return NULL;
        }
        r->total = (long long)st.st_size;
        if (skip && fseek(r->fp, (long)skip, SEEK_SET) < 0)
            skip = 0;
    } else {
        r->mem = in->data, r->memlen = in->len, r->total = (long long)in->len;
        r->mempos = skip < in->len ? skip : in->len;
    }
    r->chunk = xmalloc(INGEST_CHUNK);
    r->delim = delim;
    r->max_field = o->max_field_bytes;
    r->max_record = o->max_field_bytes * 16;
    r->max_cols = o->max_columns;
    r->progress = o->progress, r->progress_ctx = o->progress_ctx;
    r->line = 1;
    return r;
}

long long csv_total(const csv_reader_t *r) { return r->total; }

void csv_close(csv_reader_t *r)
{
    if (!r)
        return;
    if (r->fp)
        fclose(r->fp);
    buf_free(&r->data);
    free(r->chunk);
    free(r->off);
    free(r->lens);
    free(r->ptrs);
    free(r);
}

static int too_long(csv_reader_t *r, long line, char *err, size_t errlen)
{
    char ln[32];
    ingest_errf(err, errlen, "line %s: a field is longer than %zu KB (the limit)",
                ingest_count_str(line, ln), r->max_field / 1024);
    return -1;
}

static int append(csv_reader_t *r, const char *s, size_t n, long line, char *err,
                  size_t errlen)
{
    if (r->nf >= r->max_cols)        /* past the column limit: count only */
        return 0;
    if (r->data.len - r->field_start + n > r->max_field || r->data.len + n > r->max_record)
        return too_long(r, line, err, errlen);
    buf_append(&r->data, s, n);
    return 0;
}

static void end_field(csv_reader_t *r)
{
    if (r->nf < r->max_cols) {
        if (r->nf == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 16;
            r->off = xrealloc(r->off, r->cap * sizeof *r->off);
            r->lens = xrealloc(r->lens, r->cap * sizeof *r->lens);
        }
        r->off[r->nf] = r->field_start;
        r->lens[r->nf] = r->data.len - r->field_start;
        buf_putc(&r->data, '\0');
    }
    r->nf++;
    r->field_start = r->data.len;
}

static void start_record(csv_reader_t *r)
{
    buf_reset(&r->data);
    r->nf = 0;
    r->field_start = 0;
}

static void finish_record(csv_reader_t *r, ingest_record_t *rec, long line)
{
    size_t kept = r->nf < r->max_cols ? r->nf : r->max_cols;
    r->ptrs = xrealloc(r->ptrs, (kept ? kept : 1) * sizeof *r->ptrs);
    for (size_t i = 0; i < kept; i++)
        r->ptrs[i] = r->data.data + r->off[i];
    rec->n = r->nf, rec->nstored = kept;
    rec->f = r->ptrs, rec->len = r->lens;
    rec->line = line;
}

/* Bytes up to the next one the state machine must look at. */
static size_t plain_run(const csv_reader_t *r, int quoted)
{
    const char *p = r->chunk + r->pos, *end = r->chunk + r->len;
    const char *q = p;
    if (quoted)
        while (q < end && *q != '"' && *q != '\n' && *q != '\r' && *q)
            q++;
    else
        while (q < end && *q != r->delim && *q != '"' && *q != '\n' && *q != '\r' && *q)
            q++;
    return (size_t)(q - p);
}

/* One special byte inside quotes. */
static int quoted_byte(csv_reader_t *r, char c, int *st, long rec_line, char *err,
                       size_t errlen)
{
    if (c == '"') {
        *st = ST_QUOTE_END;
        return 0;
    }
    if (c == '\0')
        return 0;
    if (c == '\r' || (c == '\n' && !r->prev_cr))
        r->line++;
    r->prev_cr = c == '\r';
    return append(r, &c, 1, rec_line, err, errlen);
}

int csv_next(csv_reader_t *r, ingest_record_t *rec, char *err, size_t errlen)
{
    int st = ST_START, any = 0, quoted = 0;
    long rec_line = r->line, quote_line = 0;
    start_record(r);
    for (;;) {
        if (r->pos == r->len) {
            int f = fill(r);
            if (f < 0) {
                ingest_errf(err, errlen, "reading the file failed: %s", strerror(errno));
                return -1;
            }
            if (f == 0)
                break;
        }
        size_t run = plain_run(r, st == ST_QUOTED);
        if (run) {
            if (append(r, r->chunk + r->pos, run, rec_line, err, errlen) < 0)
                return -1;
            r->pos += run, any = 1, r->prev_cr = 0;
            if (st != ST_QUOTED)
                st = ST_UNQUOTED;
            continue;
        }
        char c = r->chunk[r->pos++];
        if (st == ST_QUOTED) {
            if (quoted_byte(r, c, &st, rec_line, err, errlen) < 0)
                return -1;
            continue;
        }
        int was_cr = r->prev_cr;
        r->prev_cr = 0;
        if (c == '\n' && was_cr)
            continue;                       /* the LF of a CRLF */
        if (c == '\n' || c == '\r') {
            r->line++;
            r->prev_cr = c == '\r';
            if (!any && !quoted) {          /* blank line */
                rec_line = r->line;
                continue;
            }
            end_field(r);
            finish_record(r, rec, rec_line);
            return 1;
        }
        any = 1;
        if (c == r->delim) {
            end_field(r);
            st = ST_START;
        } else if (c == '"' && st == ST_START) {
            st = ST_QUOTED, quoted = 1, quote_line = r->line;
        } else if (c == '"' && st == ST_QUOTE_END) {
            st = ST_QUOTED;                 /* "" inside quotes */
            if (append(r, "\"", 1, rec_line, err, errlen) < 0)
                return -1;
        } else if (c != '\0') {
            st = ST_UNQUOTED;
            if (append(r, &c, 1, rec_line, err, errlen) < 0)
                return -1;
        }
    }
    if (st == ST_QUOTED) {
        char ln[32];
        ingest_errf(err, errlen,
                    "line %s: a quoted field starts here and is never closed (missing \")",
                    ingest_count_str(quote_line, ln));
        return -1;
    }
    if (!any && !quoted)
        return 0;
    end_field(r);
    finish_record(r, rec, rec_line);
    return 1;
}
