/* csvscan.c — the two passes over a CSV file: sniff + infer, then rows.
 *
 * A file whose first 64 KB are valid UTF-8 but with a bad byte later on
 * (an "é" from Excel at line 50,000) is read again from the start as
 * Windows-1252: at most one extra pass, and no U+FFFD soup. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "ingest/internal.h"

static const char *const enc_names[] = {"UTF-8", "UTF-8 (BOM)", "WINDOWS-1252"};

/* The first 64 KB (or less) into head; -1 if unreadable. */
static int read_head(const ingest_input_t *in, char *head, size_t *n, char *err,
                     size_t errlen)
{
    if (!in->path) {
        *n = in->len < INGEST_CHUNK ? in->len : INGEST_CHUNK;
        memcpy(head, in->data, *n);
        return 0;
    }
    FILE *f = fopen(in->path, "rb");
    if (!f) {
        ingest_errf(err, errlen, "cannot open the uploaded file: %s", strerror(errno));
        return -1;
    }
    *n = fread(head, 1, INGEST_CHUNK, f);
    fclose(f);
    return 0;
}

static int record_utf8_ok(const ingest_record_t *r)
{
    for (size_t i = 0; i < r->nstored; i++)
        if (!encode_utf8_valid(r->f[i], r->len[i]))
            return 0;
    return 1;
}

/* One full pass. 1: restart as Windows-1252; 0 done; -1 error. */
static int scan_pass(const ingest_input_t *in, const sniff_result_t *sr,
                     const ingest_opts_t *o, ingest_table_t *t, char *err, size_t errlen)
{
    csv_reader_t *r = csv_open(in, sr->delim, sr->skip, o, err, errlen);
    if (!r)
        return -1;
    infer_t *inf = infer_new(o, sr->delim, sr->enc, 0);
    ingest_record_t rec;
    int rc, ret = -1;
    while ((rc = csv_next(r, &rec, err, errlen)) == 1) {
        if (sr->enc == ENC_UTF8 && !record_utf8_ok(&rec)) {
            ret = 1;
            goto done;
        }
        if (infer_feed(inf, &rec, err, errlen) < 0)
            goto done;
    }
    if (rc == 0 && infer_finish(inf, t, err, errlen) == 0) {
        t->bytes = csv_total(r);
        ret = 0;
    }
done:
    infer_free(inf);
    csv_close(r);
    return ret;
}

static char *table_name(const char *filename)
{
    if (!filename || !*filename)
        return xstrdup("data");
    const char *base = strrchr(filename, '/');
    base = base ? base + 1 : filename;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return ingest_sanitize_name(base, n);
}

int csv_scan(const ingest_input_t *in, const char *filename, const ingest_opts_t *o,
             ingest_table_t **out, char *err, size_t errlen)
{
    char *head = xmalloc(INGEST_CHUNK);
    size_t n = 0;
    sniff_result_t sr;
    ingest_table_t *t = NULL;
    int rc = -1;
    *out = NULL;
    if (read_head(in, head, &n, err, errlen) < 0)
        goto done;
    if (n == 0 || (n == 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)) {
        ingest_errf(err, errlen, "the file is empty");
        goto done;
    }
    if (sniff_csv(head, n, filename, &sr, err, errlen) < 0)
        goto done;
    t = xcalloc(1, sizeof *t);
    rc = scan_pass(in, &sr, o, t, err, errlen);
    if (rc == 1) {
        sr.enc = ENC_CP1252;
        rc = scan_pass(in, &sr, o, t, err, errlen);
    }
    if (rc < 0)
        goto done;
    t->name = table_name(filename);
    t->encoding = xstrdup(enc_names[sr.enc]);
    t->delimiter = sr.delim;
    t->format = INGEST_CSV;
    *out = t;
    t = NULL;
done:
    if (t)
        ingest_tables_free(t, 1);
    free(head);
    return rc < 0 ? -1 : 0;
}

static long long input_size(const ingest_input_t *in)
{
    struct stat st;
    if (!in->path)
        return (long long)in->len;
    return stat(in->path, &st) == 0 ? (long long)st.st_size : -1;
}

static int changed(char *err, size_t errlen)
{
    ingest_errf(err, errlen, "the file changed since it was scanned; upload it again");
    return -1;
}

/* Each good data record as a COPY line to fn. */
static int rows_loop(csv_reader_t *r, const ingest_table_t *t, const ingest_opts_t *o,
                     ingest_row_fn fn, void *ctx, char *err, size_t errlen)
{
    int enc = encode_from_name(t->encoding), rc, first = 1;
    long rows = 0;
    ingest_record_t rec;
    buf_t line = {0};
    while ((rc = csv_next(r, &rec, err, errlen)) == 1) {
        if (first && t->has_header) {
            first = 0;
            continue;
        }
        first = 0;
        if (rec.n != t->ncols) {
            if (o->skip_bad_lines)
                continue;
            rc = changed(err, errlen);
            break;
        }
        if (++rows > t->rows) {
            rc = changed(err, errlen);
            break;
        }
        if (encode_row(t, enc, &rec, &line, err, errlen) < 0) {
            rc = -1;
            break;
        }
        if (fn(ctx, buf_str(&line), line.len) < 0) {
            char ln[32];
            ingest_errf(err, errlen, "loading stopped at line %s",
                        ingest_count_str(rec.line, ln));
            rc = -1;
            break;
        }
    }
    buf_free(&line);
    if (rc == 0 && rows != t->rows)
        rc = changed(err, errlen);
    return rc < 0 ? -1 : 0;
}

int csv_rows(const ingest_input_t *in, const ingest_table_t *t, const ingest_opts_t *o,
             ingest_row_fn fn, void *ctx, char *err, size_t errlen)
{
    if (input_size(in) != t->bytes)
        return changed(err, errlen);
    size_t skip = encode_from_name(t->encoding) == ENC_UTF8_BOM ? 3 : 0;
    csv_reader_t *r = csv_open(in, t->delimiter, skip, o, err, errlen);
    if (!r)
        return -1;
    int rc = rows_loop(r, t, o, fn, ctx, err, errlen);
    csv_close(r);
    return rc;
}
