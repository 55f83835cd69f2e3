/* xlsx_zip.c — the zip entries of an .xlsx workbook, streamed through expat
 * under the limits, and the XML helpers xlsx.c, xlsx_parts.c and
 * xlsx_sheet.c share (internal.h). A leaf: it calls nothing else in ingest/
 * but ingest_errf (base.c).
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
