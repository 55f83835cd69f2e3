/* xlsx_sheet.c — one worksheet's <sheetData>, streamed: each <row> becomes
 * a record of cell texts in column order, gaps as empty cells.
 *
 * Cell texts are what a CSV of the sheet would hold, so infer.c types them
 * the same way: shared and inline strings as written, numbers as in <v>,
 * booleans "true"/"false", errors (#N/A) empty, and date-styled numbers as
 * ISO dates or timestamps from the 1900 or 1904 serial system. Rows with
 * no non-empty cell are skipped like blank CSV lines. */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ingest/internal.h"

typedef struct sheet_ctx {
    xml_ctx_t base;
    const char *name;
    ingest_record_fn fn;
    void *fn_ctx;
    long row, last_row;
    size_t col;              /* current cell's column */
    long next_col;
    char type[16];
    long style;
    int in_cell, in_v, in_is, in_t;
    buf_t raw;               /* the cell's <v> or <is><t> text */
    buf_t cells;             /* this row's cell texts, NUL-separated */
    size_t *col_of, *off, ncells, cap;
    const char **f;
    size_t *len, fcap;
} sheet_ctx_t;

/* "BC12" → 54 (0-based); -1 if no letters or absurdly wide. */
static long col_index(const char *ref)
{
    long c = 0;
    int k = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++, k++) {
        if (k >= 4)
            return -1;
        c = c * 26 + (*ref - 'A' + 1);
    }
    return k ? c - 1 : -1;
}

static void cell_start(sheet_ctx_t *c, const char **atts)
{
    const char *r = xlsx_attr(atts, "r"), *t = xlsx_attr(atts, "t");
    const char *s = xlsx_attr(atts, "s");
    long col = r ? col_index(r) : c->next_col;
    if (col < 0)
        col = c->next_col;
    if ((size_t)col >= c->base.b->o.max_columns) {
        char lim[32];
        xlsx_fail(&c->base, "sheet \"%s\": cell %s is past column %s (the limit)", c->name,
                  r ? r : "?", ingest_count_str((long long)c->base.b->o.max_columns, lim));
        return;
    }
    c->col = (size_t)col, c->next_col = col + 1;
    snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
    c->style = s ? strtol(s, NULL, 10) : 0;
    c->in_cell = 1;
    buf_reset(&c->raw);
}

static void XMLCALL sh_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    sheet_ctx_t *c = ud;
    const char *name = xlsx_local(el);
    if (strcmp(name, "row") == 0) {
        const char *r = xlsx_attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : 0;
        c->row = n > 0 ? n : c->last_row + 1;
        c->next_col = 0, c->ncells = 0;
        buf_reset(&c->cells);
    } else if (strcmp(name, "c") == 0) {
        cell_start(c, atts);
    } else if (c->in_cell && strcmp(name, "v") == 0) {
        c->in_v = 1;
    } else if (c->in_cell && strcmp(name, "is") == 0) {
        c->in_is = 1;
    } else if (c->in_is && strcmp(name, "t") == 0) {
        c->in_t = 1;
    }
}

static void XMLCALL sh_text(void *ud, const XML_Char *s, int len)
{
    sheet_ctx_t *c = ud;
    if (!c->in_v && !c->in_t)
        return;
    if (c->raw.len + (size_t)len > c->base.b->o.max_field_bytes) {
        xlsx_fail(&c->base, "sheet \"%s\", row %ld: a cell is longer than %zu KB", c->name,
                  c->row, c->base.b->o.max_field_bytes / 1024);
        return;
    }
    buf_append(&c->raw, s, (size_t)len);
}

/* The cell's text per its type and style into out. */
static void cell_text(sheet_ctx_t *c, buf_t *out)
{
    xlsx_book_t *b = c->base.b;
    const char *raw = buf_str(&c->raw);
    if (strcmp(c->type, "s") == 0) {
        char *end;
        long i = strtol(raw, &end, 10);
        if (*raw && !*end && i >= 0 && (size_t)i < b->nsst)
            buf_puts(out, b->sst.data + b->sst_off[i]);
    } else if (strcmp(c->type, "b") == 0) {
        buf_puts(out, strcmp(raw, "1") == 0 ? "true" : "false");
    } else if (strcmp(c->type, "e") == 0) {
        return;
    } else if (strcmp(c->type, "n") == 0 && c->raw.len) {
        int kind = c->style >= 0 && (size_t)c->style < b->nxf ? b->xf_kind[c->style] : 0;
        char *end;
        double v = strtod(raw, &end);
        if (kind == XF_GENERAL || *end || xlsx_serial_text(v, b->date1904, kind, out) < 0)
            buf_append(out, c->raw.data, c->raw.len);
    } else {
        buf_append(out, c->raw.data ? c->raw.data : "", c->raw.len);   /* str, inlineStr, d */
    }
}

static void cell_end(sheet_ctx_t *c)
{
    size_t start = c->cells.len;
    c->in_cell = c->in_v = c->in_is = c->in_t = 0;
    cell_text(c, &c->cells);
    if (c->cells.len == start)
        return;
    buf_putc(&c->cells, '\0');
    if (c->ncells == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->col_of = xrealloc(c->col_of, c->cap * sizeof *c->col_of);
        c->off = xrealloc(c->off, c->cap * sizeof *c->off);
    }
    c->col_of[c->ncells] = c->col, c->off[c->ncells++] = start;
}

/* The row's cells as a dense record to fn. */
static void row_end(sheet_ctx_t *c)
{
    c->last_row = c->row;
    if (c->ncells == 0)
        return;
    size_t n = 0;
    for (size_t i = 0; i < c->ncells; i++)
        if (c->col_of[i] + 1 > n)
            n = c->col_of[i] + 1;
    if (n > c->fcap) {
        c->fcap = n;
        c->f = xrealloc(c->f, n * sizeof *c->f);
        c->len = xrealloc(c->len, n * sizeof *c->len);
    }
    for (size_t i = 0; i < n; i++)
        c->f[i] = "", c->len[i] = 0;
    for (size_t i = 0; i < c->ncells; i++) {
        c->f[c->col_of[i]] = c->cells.data + c->off[i];
        c->len[c->col_of[i]] = strlen(c->cells.data + c->off[i]);
    }
    ingest_record_t rec = {.n = n, .nstored = n, .f = c->f, .len = c->len, .line = c->row};
    if (c->fn(c->fn_ctx, &rec, c->base.b->err, c->base.b->errlen) < 0) {
        c->base.failed = 1;
        XML_StopParser((XML_Parser)c->base.parser, XML_FALSE);
    }
}

static void XMLCALL sh_end(void *ud, const XML_Char *el)
{
    sheet_ctx_t *c = ud;
    const char *name = xlsx_local(el);
    if (c->base.failed)
        return;
    if (strcmp(name, "c") == 0 && c->in_cell)
        cell_end(c);
    else if (strcmp(name, "v") == 0)
        c->in_v = 0;
    else if (strcmp(name, "t") == 0)
        c->in_t = 0;
    else if (strcmp(name, "is") == 0)
        c->in_is = 0;
    else if (strcmp(name, "row") == 0)
        row_end(c);
}

int xlsx_sheet_read(xlsx_book_t *b, const char *path, const char *name,
                    ingest_record_fn fn, void *ctx)
{
    sheet_ctx_t c = {.base.b = b, .name = name, .fn = fn, .fn_ctx = ctx};
    XML_Parser p = xlsx_parser_new(&c.base, sh_start, sh_end, sh_text);
    if (!p) {
        ingest_errf(b->err, b->errlen, "out of memory creating an XML parser");
        return -1;
    }
    int rc = xlsx_entry_parse(b, path, p, 1);
    XML_ParserFree(p);
    buf_free(&c.raw);
    buf_free(&c.cells);
    free(c.col_of);
    free(c.off);
    free(c.f);
    free(c.len);
    return rc < 0 ? -1 : 0;
}

/* Days from 1970-01-01 to serial day d: 1900 system with Lotus' phantom
 * 1900-02-29 (serial 60, read as 02-28), or the 1904 system. */
static long long serial_days(long long d, int date1904)
{
    if (date1904)
        return d - 24107;
    if (d >= 61)
        return d - 25569;
    return d - 25568 - (d == 60);
}

int xlsx_serial_text(double v, int date1904, int kind, buf_t *out)
{
    if (!(v >= 0 && v < 2958466))              /* NaN, negative, past 9999-12-31 */
        return -1;
    long long ms = llround(v * 86400000.0), day = ms / 86400000, rem = ms % 86400000;
    long long s = rem / 1000;
    if (kind == XF_TIME) {
        buf_printf(out, "%02lld:%02lld:%02lld", day * 24 + s / 3600, s / 60 % 60, s % 60);
        return 0;
    }
    int y, m, d;
    value_civil(serial_days(day, date1904), &y, &m, &d);
    if (y < 1 || y > 9999)
        return -1;
    buf_printf(out, "%04d-%02d-%02d", y, m, d);
    if (kind == XF_DATETIME || rem)
        buf_printf(out, " %02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    return 0;
}
