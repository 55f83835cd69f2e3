/* clickhouse_tsv.c — a streaming reader of ClickHouse's
 * TabSeparatedWithNamesAndTypes, the format the engine asks for.
 *
 * Why this format: it is exact (every value is ClickHouse's own text, so a
 * UInt64 or a Decimal loses nothing on the way), it names the type of each
 * column in the second line (what the result's "type" is made from), 18.16
 * has it (it has no JSONCompactEachRow), and it is read a byte at a time,
 * so no row is ever held whole beyond the caps: a cell longer than max_cell
 * is counted, not kept.
 *
 * Escapes (ClickHouse's writeEscapedString): \t \n \r \b \f \0 \\ \' and
 * \N alone for NULL; a backslash before any other byte stands for that
 * byte. Fields end at a tab, rows at a newline. When the server fails after
 * the reply has begun, it writes its error as a last line ("Code: 159,
 * e.displayText() = …"): engine_ch_tsv_feed returns -2 for it, and the text
 * is the row's first cell (engine_ch_tsv_error). */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "engine/internal.h"

#define HEADER_CELL_MAX 4096

void engine_ch_tsv_init(engine_ch_tsv_t *p, size_t max_cell)
{
    memset(p, 0, sizeof *p);
    p->max_cell = max_cell;
}

static void grow(engine_ch_tsv_t *p, int col)
{
    if (col < p->cap)
        return;
    int cap = p->cap ? p->cap * 2 : 16;
    while (cap <= col)
        cap *= 2;
    p->cell = xrealloc(p->cell, (size_t)cap * sizeof *p->cell);
    p->full = xrealloc(p->full, (size_t)cap * sizeof *p->full);
    p->null = xrealloc(p->null, (size_t)cap);
    for (int i = p->cap; i < cap; i++) {
        memset(&p->cell[i], 0, sizeof p->cell[i]);
        p->full[i] = 0;
        p->null[i] = 0;
    }
    p->cap = cap;
}

static void put(engine_ch_tsv_t *p, char ch)
{
    size_t max = p->line < 2 ? HEADER_CELL_MAX : p->max_cell;
    if (p->full[p->col] < max)
        buf_putc(&p->cell[p->col], ch);
    p->full[p->col]++;
    p->null[p->col] = 0;
}

static int is_server_error(const engine_ch_tsv_t *p)
{
    const buf_t *c = &p->cell[0];
    return c->len > 6 && strncmp(buf_str(c), "Code: ", 6) == 0 &&
           strstr(buf_str(c), "e.displayText() = ") != NULL;
}

static char **cells_strdup(engine_ch_tsv_t *p, int n)
{
    char **out = xcalloc((size_t)n, sizeof *out);
    for (int i = 0; i < n; i++)
        out[i] = xstrdup(buf_str(&p->cell[i]));
    return out;
}

static int end_header(engine_ch_tsv_t *p, int n)
{
    if (p->line == 0) {
        p->ncols = n;
        p->names = cells_strdup(p, n);
        return 0;
    }
    if (n != p->ncols)
        return -2;
    p->types = cells_strdup(p, n);
    return p->header ? p->header(p->ctx, p->ncols, p->names, p->types) : 0;
}

static int end_row(engine_ch_tsv_t *p)
{
    int n = p->col + 1, rc = 0;
    if (p->line < 2 && !(p->line == 0 && is_server_error(p))) {
        rc = end_header(p, n);
    } else if (n != p->ncols || is_server_error(p)) {
        return -2; /* the server's error (or a reply that is not this format) */
    } else {
        engine_ch_cell_t cells[n];
        for (int i = 0; i < n; i++) {
            int null = p->null[i];
            cells[i] = (engine_ch_cell_t){.s = null ? NULL : buf_str(&p->cell[i]),
                                          .n = null ? 0 : p->cell[i].len, .full = p->full[i]};
        }
        p->rows++;
        rc = p->row ? p->row(p->ctx, n, cells) : 0;
    }
    p->line++;
    for (int i = 0; i < n; i++) {
        buf_reset(&p->cell[i]);
        p->full[i] = 0;
        p->null[i] = 0;
    }
    p->col = 0;
    p->raw = 0;
    return rc;
}

static void end_cell(engine_ch_tsv_t *p)
{
    p->col++;
    grow(p, p->col);
    buf_reset(&p->cell[p->col]);
    p->full[p->col] = 0;
    p->null[p->col] = 0;
    p->raw = 0;
}

static char unescape(char ch)
{
    switch (ch) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'b': return '\b';
    case 'f': return '\f';
    case '0': return '\0';
    default: return ch;
    }
}

int engine_ch_tsv_feed(engine_ch_tsv_t *p, const char *data, size_t n)
{
    grow(p, p->col);
    for (size_t i = 0; i < n; i++) {
        char ch = data[i];
        p->raw++;
        if (p->esc) {
            p->esc = 0;
            put(p, unescape(ch));
            if (ch == 'N' && p->raw == 2)
                p->null[p->col] = 1; /* cleared by any byte after it */
        } else if (ch == '\\') {
            p->esc = 1;
        } else if (ch == '\t') {
            end_cell(p);
        } else if (ch == '\n') {
            int rc = end_row(p);
            if (rc)
                return rc;
        } else {
            put(p, ch);
        }
    }
    return 0;
}

int engine_ch_tsv_finish(engine_ch_tsv_t *p)
{
    if (p->col == 0 && p->raw == 0 && !p->esc)
        return 0;
    /* a last line without its newline: an error the server appended, or a cut reply */
    return -1;
}

const char *engine_ch_tsv_error(const engine_ch_tsv_t *p)
{
    return p->cap ? buf_str(&p->cell[0]) : "";
}

static void strv_free(char **v, int n)
{
    for (int i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

void engine_ch_tsv_free(engine_ch_tsv_t *p)
{
    for (int i = 0; i < p->cap; i++)
        buf_free(&p->cell[i]);
    free(p->cell);
    free(p->full);
    free(p->null);
    strv_free(p->names, p->ncols);
    strv_free(p->types, p->ncols);
    memset(p, 0, sizeof *p);
}
