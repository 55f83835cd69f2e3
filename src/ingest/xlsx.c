/* xlsx.c — an .xlsx workbook's two passes: scan (sheets into tables) and
 * rows (COPY lines). The zip and its limits are in xlsx_zip.c. */
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/mem.h"
#include "ingest/internal.h"

static int book_open(xlsx_book_t *b, const ingest_input_t *in, const ingest_opts_t *o,
                     char *err, size_t errlen)
{
    zip_error_t ze;
    zip_error_init(&ze);
    memset(b, 0, sizeof *b);
    b->o = *o, b->err = err, b->errlen = errlen;
    zip_source_t *src = in->path ? zip_source_file_create(in->path, 0, -1, &ze)
                                 : zip_source_buffer_create(in->data, in->len, 0, &ze);
    if (src && !(b->z = zip_open_from_source(src, ZIP_RDONLY, &ze)))
        zip_source_free(src);
    if (!b->z) {
        if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP || zip_error_code_zip(&ze) == ZIP_ER_INCONS)
            ingest_errf(err, errlen, "not an .xlsx workbook: the file is not a zip archive");
        else
            ingest_errf(err, errlen, "cannot open the workbook: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_error_fini(&ze);
    return xlsx_book_load(b);
}

static void book_close(xlsx_book_t *b)
{
    if (b->z)
        zip_discard(b->z);
    xlsx_book_clear(b);
}

static int feed_infer(void *ctx, const ingest_record_t *r, char *err, size_t errlen)
{
    return infer_feed(ctx, r, err, errlen);
}

/* Pass 1 over sheet i into t. 1: the sheet has no data (skip it). */
static int scan_sheet(xlsx_book_t *b, size_t i, ingest_table_t *t)
{
    infer_t *inf = infer_new(&b->o, ',', ENC_UTF8, 1);
    int rc = xlsx_sheet_read(b, b->sheet_paths[i], b->sheet_names[i], feed_infer, inf);
    if (rc == 0 && infer_finish(inf, t, b->err, b->errlen) < 0)
        rc = infer_records(inf) <= 1 ? 1 : -1;
    infer_free(inf);
    if (rc != 0)
        return rc;
    t->name = ingest_sanitize_name(b->sheet_names[i], strlen(b->sheet_names[i]));
    t->source = xstrdup(b->sheet_paths[i]);
    t->encoding = xstrdup("UTF-8");
    t->delimiter = ',';
    t->format = INGEST_XLSX;
    return 0;
}

int xlsx_scan(const ingest_input_t *in, const ingest_opts_t *o, ingest_table_t **out,
              size_t *n, char *err, size_t errlen)
{
    xlsx_book_t b;
    *out = NULL, *n = 0;
    if (book_open(&b, in, o, err, errlen) < 0) {
        book_close(&b);
        return -1;
    }
    ingest_table_t *t = xcalloc(b.nsheets + 1, sizeof *t);
    size_t nt = 0;
    for (size_t i = 0; i < b.nsheets; i++) {
        int rc = scan_sheet(&b, i, &t[nt]);
        if (rc < 0) {
            ingest_tables_free(t, nt + 1);
            book_close(&b);
            return -1;
        }
        if (rc == 0)
            nt++;
        else
            memset(&t[nt], 0, sizeof t[nt]);   /* nothing was allocated */
    }
    book_close(&b);
    if (nt == 0) {
        free(t);
        ingest_errf(err, errlen, "the workbook has no sheet with data (every sheet is "
                                 "empty or only has a header row)");
        return -1;
    }
    names_dedupe_tables(t, nt);
    ingest_errf(err, errlen, "%s", "");     /* a skipped sheet's message */
    *out = t, *n = nt;
    return 0;
}

typedef struct rows_ctx {
    const ingest_table_t *t;
    ingest_row_fn fn;
    void *ctx;
    buf_t line;
    long seen, rows;
} rows_ctx_t;

static int emit_row(void *ud, const ingest_record_t *r, char *err, size_t errlen)
{
    rows_ctx_t *rc = ud;
    char ln[32];
    if (rc->seen++ == 0 && rc->t->has_header)
        return 0;
    if (++rc->rows > rc->t->rows || r->n > rc->t->ncols) {
        ingest_errf(err, errlen, "the file changed since it was scanned; upload it again");
        return -1;
    }
    if (encode_row(rc->t, ENC_UTF8, r, &rc->line, err, errlen) < 0)
        return -1;
    if (rc->fn(rc->ctx, buf_str(&rc->line), rc->line.len) < 0) {
        ingest_errf(err, errlen, "loading stopped at row %s", ingest_count_str(r->line, ln));
        return -1;
    }
    return 0;
}

int xlsx_rows(const ingest_input_t *in, const ingest_table_t *t, const ingest_opts_t *o,
              ingest_row_fn fn, void *ctx, char *err, size_t errlen)
{
    xlsx_book_t b;
    rows_ctx_t rc = {.t = t, .fn = fn, .ctx = ctx};
    int ret = -1;
    if (book_open(&b, in, o, err, errlen) == 0 && t->source) {
        ret = xlsx_sheet_read(&b, t->source, t->name, emit_row, &rc);
        if (ret == 0 && rc.rows != t->rows) {
            ingest_errf(err, errlen, "the file changed since it was scanned; upload it again");
            ret = -1;
        }
    }
    buf_free(&rc.line);
    book_close(&b);
    return ret;
}
