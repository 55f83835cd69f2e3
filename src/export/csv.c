/* csv.c — RFC 4180 CSV, streamed row by row, plus safe download names.
 *
 * Formula injection: Excel, LibreOffice and Sheets run a cell that starts
 * with = + - @ (and, through DDE tricks, TAB or CR) as a formula. Such text
 * cells get a leading apostrophe, which the spreadsheet shows as text (the
 * OWASP "CSV injection" advice). A number column's genuine numbers are left
 * alone: "-2.5" must stay a number. The column type decides, not the value:
 * a text column holding "-2.5" is defused, because a text column is where
 * an attacker's "-2+3+cmd|..." would sit. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "export/internal.h"

static int needs_defuse(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

static void cell_put(buf_t *b, const char *s, size_t n, int defuse)
{
    int quote = defuse || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        buf_append(b, s, n);
        return;
    }
    buf_putc(b, '"');
    if (defuse)
        buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_putc(b, '"');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '"');
}

void export_csv_cell(buf_t *b, const char *s)
{
    if (s)
        cell_put(b, s, strlen(s), needs_defuse(s));
}

/* One value of a column of kind `kind` appended to the row in b. */
static void value_put(buf_t *b, buf_t *tmp, const json_t *v, int kind)
{
    double d;
    if (json_is_null(v) || !v)
        return;
    buf_reset(tmp);
    export_value_text(v, tmp);
    if (tmp->len == 0)
        return;
    /* embedded NULs cannot be in a jansson string we spell, but strpbrk
     * and the defuse test stop at the first NUL: that is the safe side */
    int numeric = export_kind_numeric(kind) && export_value_number(v, &d);
    int plain = numeric || json_is_boolean(v);
    cell_put(b, tmp->data, tmp->len, !plain && needs_defuse(tmp->data));
}

static int flush(buf_t *b, FILE *out, char *err, size_t errlen)
{
    if (b->len && fwrite(b->data, 1, b->len, out) != b->len) {
        snprintf(err, errlen, "Could not write the CSV file: %s.", strerror(errno));
        return -1;
    }
    buf_reset(b);
    return 0;
}

int export_csv(const json_t *result, int bom, FILE *out, char *err, size_t errlen)
{
    export_table_t t;
    buf_t b = {0}, tmp = {0};
    int rc = -1;
    if (export_table_open(result, &t, err, errlen) < 0)
        return -1;
    if (bom)
        buf_puts(&b, "\xef\xbb\xbf");
    for (size_t c = 0; c < t.ncols; c++) {
        if (c)
            buf_putc(&b, ',');
        export_csv_cell(&b, t.names[c]);
    }
    buf_puts(&b, "\r\n");
    for (size_t r = 0; r < t.nrows; r++) {
        for (size_t c = 0; c < t.ncols; c++) {
            if (c)
                buf_putc(&b, ',');
            value_put(&b, &tmp, export_table_cell(&t, r, c), t.kinds[c]);
        }
        buf_puts(&b, "\r\n");
        if (b.len >= 64 * 1024 && flush(&b, out, err, errlen) < 0)
            goto fail;
    }
    if (flush(&b, out, err, errlen) < 0)
        goto fail;
    if (fflush(out) != 0) {
        snprintf(err, errlen, "Could not write the CSV file: %s.", strerror(errno));
        goto fail;
    }
    rc = 0;
fail:
    buf_free(&b);
    buf_free(&tmp);
    export_table_close(&t);
    return rc;
}

#define STEM_MAX 60

char *export_filename(const char *title, const char *ext)
{
    buf_t b = {0};
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)(title ? title : ""); *p; p++) {
        if (*p < 0x80 && isalnum(*p)) {
            if (dash && b.len)
                buf_putc(&b, '-');
            dash = 0;
            if (b.len >= STEM_MAX)
                break;
            buf_putc(&b, (char)tolower(*p));
        } else {
            dash = 1;  /* any run of anything else: one dash, later */
        }
    }
    while (b.len > STEM_MAX || (b.len && b.data[b.len - 1] == '-'))
        buf_truncate(&b, b.len - 1);
    if (b.len == 0)
        buf_puts(&b, "export");
    char e[11];
    size_t n = 0;
    for (const char *p = ext ? ext : ""; *p && n < sizeof e - 1; p++)
        if ((unsigned char)*p < 0x80 && isalnum((unsigned char)*p))
            e[n++] = (char)tolower((unsigned char)*p);
    e[n] = '\0';
    if (n)
        buf_printf(&b, ".%s", e);
    return buf_detach(&b);
}
