/* xlsx.c — an .xlsx workbook: the zip, its limits, and the two passes.
 *
 * Zip bombs: every entry's declared size is checked against what is left
 * of xlsx_max_uncompressed and its declared ratio against xlsx_max_ratio
 * before a byte is inflated; while inflating, the bytes actually produced
 * are counted against the same limits and the declared size (a lying
 * header stops there too). Entries are inflated 64 KB at a time straight
 * into expat, so memory does not grow with the entry. The ratio check
 * starts past 1 MB: small XML parts compress well and honestly. */
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/mem.h"
#include "ingest/internal.h"

#define RATIO_FLOOR (1u << 20)

void xlsx_fail(xml_ctx_t *ctx, const char *fmt, ...)
{
    if (!ctx->failed && ctx->b->err && ctx->b->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ctx->b->err, ctx->b->errlen, fmt, ap);
        va_end(ap);
    }
    ctx->failed = 1;
    XML_StopParser((XML_Parser)ctx->parser, XML_FALSE);
}

static void XMLCALL no_dtd(void *ud, const XML_Char *name, const XML_Char *sys,
                           const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    xlsx_fail(ud, "the workbook contains a DTD, which .xlsx files never do; refused");
}

void *xlsx_parser_new(xml_ctx_t *ctx, void *start, void *end, void *text)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        return NULL;
    ctx->parser = p;
    XML_SetUserData(p, ctx);
    XML_SetElementHandler(p, (XML_StartElementHandler)start, (XML_EndElementHandler)end);
    if (text)
        XML_SetCharacterDataHandler(p, (XML_CharacterDataHandler)text);
    XML_SetStartDoctypeDeclHandler(p, no_dtd);
    return p;
}

const char *xlsx_local(const char *qname)
{
    const char *c = strrchr(qname, ':');
    return c ? c + 1 : qname;
}

const char *xlsx_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (strcmp(xlsx_local(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

static int too_big(xlsx_book_t *b, const char *name, unsigned long long size)
{
    ingest_errf(b->err, b->errlen,
                "the workbook is too big unzipped (%s alone is %llu MB, the limit is "
                "%zu MB in all); refused as a possible zip bomb",
                name, size >> 20, b->o.xlsx_max_uncompressed >> 20);
    return -1;
}

static int too_dense(xlsx_book_t *b, const char *name, double ratio)
{
    ingest_errf(b->err, b->errlen,
                "%s in the workbook expands %.0f times when unzipped (the limit is "
                "%.0f); refused as a possible zip bomb",
                name, ratio, b->o.xlsx_max_ratio);
    return -1;
}

/* Limits on what an entry says it holds, before inflating any of it. */
static int check_declared(xlsx_book_t *b, const char *name, const zip_stat_t *st)
{
    unsigned long long left = b->o.xlsx_max_uncompressed - b->inflated;
    if (!(st->valid & ZIP_STAT_SIZE))
        return 0;
    if (st->size > left)
        return too_big(b, name, st->size);
    if ((st->valid & ZIP_STAT_COMP_SIZE) && st->size > RATIO_FLOOR &&
        (double)st->size > b->o.xlsx_max_ratio * (double)(st->comp_size + 1))
        return too_dense(b, name, (double)st->size / (double)(st->comp_size + 1));
    return 0;
}

/* Limits on what an entry actually produced so far. */
static int check_inflated(xlsx_book_t *b, const char *name, const zip_stat_t *st,
                          unsigned long long got)
{
    if (b->inflated > b->o.xlsx_max_uncompressed)
        return too_big(b, name, got);
    if ((st->valid & ZIP_STAT_SIZE) && got > st->size) {
        ingest_errf(b->err, b->errlen,
                    "%s in the workbook holds more than its header says; the file is "
                    "damaged or crafted", name);
        return -1;
    }
    if ((st->valid & ZIP_STAT_COMP_SIZE) && got > RATIO_FLOOR &&
        (double)got > b->o.xlsx_max_ratio * (double)(st->comp_size + 1))
        return too_dense(b, name, (double)got / (double)(st->comp_size + 1));
    return 0;
}

static int xml_status(xlsx_book_t *b, const char *name, XML_Parser p)
{
    xml_ctx_t *ctx = XML_GetUserData(p);
    if (ctx->failed)
        return -1;
    ingest_errf(b->err, b->errlen, "%s in the workbook is not valid XML (line %lu: %s)",
                name, (unsigned long)XML_GetCurrentLineNumber(p),
                XML_ErrorString(XML_GetErrorCode(p)));
    return -1;
}

static int stream_entry(xlsx_book_t *b, const char *name, zip_file_t *zf,
                        const zip_stat_t *st, XML_Parser p, char *chunk)
{
    unsigned long long got = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, INGEST_CHUNK);
        if (n < 0) {
            ingest_errf(b->err, b->errlen, "the workbook is damaged (%s: %s)", name,
                        zip_error_strerror(zip_file_get_error(zf)));
            return -1;
        }
        got += (unsigned long long)n, b->inflated += (unsigned long long)n;
        if (check_inflated(b, name, st, got) < 0)
            return -1;
        if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR)
            return xml_status(b, name, p);
        if (b->o.progress && (st->valid & ZIP_STAT_SIZE) && st->size)
            b->o.progress(b->o.progress_ctx, (double)got / (double)st->size);
        if (n == 0)
            return 0;
    }
}

int xlsx_entry_parse(xlsx_book_t *b, const char *name, void *parser, int required)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(b->z, name, ZIP_FL_NOCASE, &st) < 0) {
        if (!required)
            return 1;
        ingest_errf(b->err, b->errlen, "not an .xlsx workbook: it has no %s", name);
        return -1;
    }
    if (check_declared(b, name, &st) < 0)
        return -1;
    zip_file_t *zf = zip_fopen_index(b->z, st.index, 0);
    if (!zf) {
        ingest_errf(b->err, b->errlen, "cannot read %s in the workbook: %s", name,
                    zip_strerror(b->z));
        return -1;
    }
    char *chunk = xmalloc(INGEST_CHUNK);
    int rc = stream_entry(b, name, zf, &st, parser, chunk);
    free(chunk);
    zip_fclose(zf);
    return rc;
}

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
