/* xlsx_parts.c — the workbook's small parts: workbook.xml (sheet names,
 * 1900/1904 date system), its .rels (where each sheet lives), styles.xml
 * (which cell styles are dates) and sharedStrings.xml.
 *
 * A cell is a date when its style's number format is one of the built-in
 * date formats (14–17, 22, and the East Asian 27–36, 50–58), a time
 * (18–21, 45–47), or a custom format with d, m, y, h or s outside quotes,
 * brackets and escapes ("[Red]#,##0" is not a date, "dd/mm/yyyy" is). */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "ingest/internal.h"

#define MAX_SHEETS 1000
#define MAX_XFS 65536

/* ---- workbook.xml and its relationships ---- */

typedef struct wb_ctx {
    xml_ctx_t base;
} wb_ctx_t;

static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    wb_ctx_t *c = ud;
    xlsx_book_t *b = c->base.b;
    const char *name = xlsx_local(el);
    if (strcmp(name, "workbookPr") == 0) {
        const char *d = xlsx_attr(atts, "date1904");
        b->date1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
        const char *sn = xlsx_attr(atts, "name"), *rid = xlsx_attr(atts, "id");
        if (b->nsheets >= MAX_SHEETS) {
            xlsx_fail(&c->base, "the workbook has more than %d sheets", MAX_SHEETS);
            return;
        }
        size_t k = b->nsheets++;
        b->sheet_names = xrealloc(b->sheet_names, b->nsheets * sizeof(char *));
        b->sheet_rids = xrealloc(b->sheet_rids, b->nsheets * sizeof(char *));
        b->sheet_paths = xrealloc(b->sheet_paths, b->nsheets * sizeof(char *));
        b->sheet_names[k] = xstrdup(sn ? sn : "sheet");
        b->sheet_rids[k] = xstrdup(rid ? rid : "");
        b->sheet_paths[k] = NULL;
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *el) { (void)ud, (void)el; }

/* Target of a relationship as a zip entry name (relative to xl/). */
static char *rel_path(const char *target)
{
    buf_t p = {0};
    if (target[0] == '/')
        buf_puts(&p, target + 1);
    else {
        buf_puts(&p, "xl/");
        while (strncmp(target, "../", 3) == 0)
            target += 3, buf_reset(&p);
        buf_puts(&p, target);
    }
    return buf_detach(&p);
}

static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    xlsx_book_t *b = ((xml_ctx_t *)ud)->b;
    if (strcmp(xlsx_local(el), "Relationship") != 0)
        return;
    const char *id = xlsx_attr(atts, "Id"), *target = xlsx_attr(atts, "Target");
    if (!id || !target)
        return;
    for (size_t i = 0; i < b->nsheets; i++) {
        if (strcmp(b->sheet_rids[i], id) == 0 && !b->sheet_paths[i])
            b->sheet_paths[i] = rel_path(target);
    }
}

/* ---- styles.xml ---- */

typedef struct fmt {
    long id;
    int kind;
} fmt_t;

typedef struct st_ctx {
    xml_ctx_t base;
    fmt_t *fmts;
    size_t nfmts;
    long *xf_fmt;
    size_t nxf;
    int in_cellxfs;
} st_ctx_t;

static int custom_kind(const char *code)
{
    int date = 0, time = 0;
    for (const char *p = code; *p; p++) {
        char c = (char)(*p | 0x20);
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (*p == '[') {
            while (p[1] && p[1] != ']')
                p++;
        } else if ((*p == '\\' || *p == '_' || *p == '*') && p[1]) {
            p++;
        } else if (c == 'd' || c == 'y') {
            date = 1;
        } else if (c == 'h' || c == 's') {
            time = 1;
        } else if (c == 'm') {
            date |= 2;                     /* month, unless only with h/s */
        }
    }
    if ((date & 1) || (date && !time))
        return time ? XF_DATETIME : XF_DATE;
    return time ? XF_TIME : XF_GENERAL;
}

static int builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return XF_DATE;
    if (id == 22)
        return XF_DATETIME;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        return XF_TIME;
    return XF_GENERAL;
}

static void XMLCALL st_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    st_ctx_t *c = ud;
    const char *name = xlsx_local(el), *id = xlsx_attr(atts, "numFmtId");
    if (strcmp(name, "cellXfs") == 0) {
        c->in_cellxfs = 1;
    } else if (strcmp(name, "numFmt") == 0 && id) {
        const char *code = xlsx_attr(atts, "formatCode");
        c->fmts = xrealloc(c->fmts, (c->nfmts + 1) * sizeof *c->fmts);
        c->fmts[c->nfmts++] = (fmt_t){strtol(id, NULL, 10), custom_kind(code ? code : "")};
    } else if (strcmp(name, "xf") == 0 && c->in_cellxfs) {
        if (c->nxf >= MAX_XFS) {
            xlsx_fail(&c->base, "styles.xml has more than %d cell styles", MAX_XFS);
            return;
        }
        c->xf_fmt = xrealloc(c->xf_fmt, (c->nxf + 1) * sizeof *c->xf_fmt);
        c->xf_fmt[c->nxf++] = id ? strtol(id, NULL, 10) : 0;
    }
}

static void XMLCALL st_end(void *ud, const XML_Char *el)
{
    if (strcmp(xlsx_local(el), "cellXfs") == 0)
        ((st_ctx_t *)ud)->in_cellxfs = 0;
}

static void styles_resolve(xlsx_book_t *b, const st_ctx_t *c)
{
    b->nxf = c->nxf;
    b->xf_kind = xcalloc(c->nxf + 1, 1);
    for (size_t i = 0; i < c->nxf; i++) {
        int kind = builtin_kind(c->xf_fmt[i]);
        for (size_t k = 0; k < c->nfmts; k++)
            if (c->fmts[k].id == c->xf_fmt[i])
                kind = c->fmts[k].kind;
        b->xf_kind[i] = (unsigned char)kind;
    }
}

/* ---- sharedStrings.xml ---- */

typedef struct sst_ctx {
    xml_ctx_t base;
    int in_si, in_t, in_rph;
    size_t start;
} sst_ctx_t;

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sst_ctx_t *c = ud;
    const char *name = xlsx_local(el);
    (void)atts;
    if (strcmp(name, "si") == 0)
        c->in_si = 1, c->start = c->base.b->sst.len;
    else if (strcmp(name, "rPh") == 0)
        c->in_rph++;
    else if (strcmp(name, "t") == 0 && c->in_si && !c->in_rph)
        c->in_t = 1;
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
    sst_ctx_t *c = ud;
    xlsx_book_t *b = c->base.b;
    if (!c->in_t)
        return;
    if (b->sst.len - c->start + (size_t)len > b->o.max_field_bytes) {
        xlsx_fail(&c->base, "a shared string in the workbook is longer than %zu KB",
                  b->o.max_field_bytes / 1024);
        return;
    }
    buf_append(&b->sst, s, (size_t)len);
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
    sst_ctx_t *c = ud;
    xlsx_book_t *b = c->base.b;
    const char *name = xlsx_local(el);
    if (strcmp(name, "t") == 0) {
        c->in_t = 0;
    } else if (strcmp(name, "rPh") == 0 && c->in_rph) {
        c->in_rph--;
    } else if (strcmp(name, "si") == 0 && c->in_si) {
        buf_putc(&b->sst, '\0');
        if (b->nsst == b->sst_cap) {
            b->sst_cap = b->sst_cap ? b->sst_cap * 2 : 256;
            b->sst_off = xrealloc(b->sst_off, b->sst_cap * sizeof *b->sst_off);
        }
        b->sst_off[b->nsst++] = c->start;
        c->in_si = 0;
    }
}

/* ---- loading ---- */

static int parse_part(xlsx_book_t *b, const char *entry, xml_ctx_t *ctx, void *start,
                      void *end, void *text, int required)
{
    ctx->b = b;
    XML_Parser p = xlsx_parser_new(ctx, start, end, text);
    if (!p) {
        ingest_errf(b->err, b->errlen, "out of memory creating an XML parser");
        return -1;
    }
    int rc = xlsx_entry_parse(b, entry, p, required);
    XML_ParserFree(p);
    return rc < 0 ? -1 : 0;
}

int xlsx_book_load(xlsx_book_t *b)
{
    wb_ctx_t wb = {0};
    xml_ctx_t rels = {0};
    st_ctx_t st = {0};
    sst_ctx_t sst = {0};
    if (parse_part(b, "xl/workbook.xml", &wb.base, wb_start, no_end, NULL, 1) < 0 ||
        parse_part(b, "xl/_rels/workbook.xml.rels", &rels, rels_start, no_end, NULL, 0) < 0)
        return -1;
    for (size_t i = 0; i < b->nsheets; i++) {
        if (!b->sheet_paths[i]) {
            char p[64];
            snprintf(p, sizeof p, "xl/worksheets/sheet%zu.xml", i + 1);
            b->sheet_paths[i] = xstrdup(p);
        }
    }
    int rc = parse_part(b, "xl/styles.xml", &st.base, st_start, st_end, NULL, 0);
    if (rc == 0)
        styles_resolve(b, &st);
    free(st.fmts);
    free(st.xf_fmt);
    if (rc < 0)
        return -1;
    return parse_part(b, "xl/sharedStrings.xml", &sst.base, sst_start, sst_end, sst_text, 0);
}

void xlsx_book_clear(xlsx_book_t *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        free(b->sheet_names[i]);
        free(b->sheet_rids[i]);
        free(b->sheet_paths[i]);
    }
    free(b->sheet_names);
    free(b->sheet_rids);
    free(b->sheet_paths);
    free(b->xf_kind);
    free(b->sst_off);
    buf_free(&b->sst);
    memset(b, 0, sizeof *b);
}
