/* encode.c — bytes to UTF-8 and rows to PostgreSQL COPY text lines.
 *
 * Windows-1252 is decoded as a superset of Latin-1: 0x80–0x9F are the
 * Windows punctuation (€ “ ” …), and its five holes map to the C1 controls
 * the way Latin-1 would. Invalid UTF-8 (only possible after a BOM promised
 * UTF-8, see csvscan.c) becomes U+FFFD; PostgreSQL would refuse it. */
#include <string.h>

#include "ingest/internal.h"

static const unsigned short cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Length of the valid UTF-8 sequence at s (non-ASCII lead), 0 if invalid:
 * no overlongs, no surrogates, nothing past U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        k = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        k = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return k;
}

int encode_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(p + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

static void put_cp(unsigned cp, buf_t *out)
{
    char b[3];
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 2);
    } else {
        b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 3);
    }
}

static const char *copy_escape(unsigned char c)
{
    switch (c) {
    case '\\': return "\\\\";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    default: return NULL;
    }
}

/* The one loop behind both public converters: runs of plain bytes are
 * copied in one append; NULs are dropped. */
static void put_text(int enc, const char *s, size_t n, int escape, buf_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned c = p[i];
        const char *esc = NULL;
        size_t k = 1;
        if (c < 0x80) {
            if (c != 0 && !(escape && (esc = copy_escape((unsigned char)c)))) {
                i++;
                continue;
            }
        } else if (enc != ENC_CP1252 && (k = utf8_seq(p + i, n - i)) > 0) {
            i += k;
            continue;
        }
        buf_append(out, s + run, i - run);
        if (esc)
            buf_puts(out, esc);
        else if (c >= 0x80 && enc == ENC_CP1252)
            put_cp(c < 0xA0 ? cp1252_hi[c - 0x80] : c, out);
        else if (c >= 0x80)
            buf_append(out, "\xEF\xBF\xBD", 3);
        i += k ? k : 1;
        run = i;
    }
    buf_append(out, s + run, n - run);
}

void encode_to_utf8(int enc, const char *s, size_t n, buf_t *out)
{
    put_text(enc, s, n, 0, out);
}

void encode_copy_escape(const char *s, size_t n, buf_t *out)
{
    put_text(ENC_UTF8, s, n, 1, out);
}

int encode_from_name(const char *encoding)
{
    if (encoding && strcmp(encoding, "WINDOWS-1252") == 0)
        return ENC_CP1252;
    if (encoding && strcmp(encoding, "UTF-8 (BOM)") == 0)
        return ENC_UTF8_BOM;
    return ENC_UTF8;
}

static int put_value(const ingest_column_t *c, int enc, const char *s, size_t n,
                     buf_t *line)
{
    switch (c->type) {
    case INGEST_BIGINT: return value_number(s, n, c->decimal, 1, line);
    case INGEST_NUMERIC: return value_number(s, n, c->decimal, 0, line);
    case INGEST_BOOLEAN: return value_bool(s, n, line);
    case INGEST_DATE: return value_date(s, n, c->date_order, line);
    case INGEST_TIMESTAMPTZ: return value_timestamp(s, n, line);
    case INGEST_TEXT: put_text(enc, s, n, 1, line); return 0;
    }
    return -1;
}

int encode_row(const ingest_table_t *t, int enc, const ingest_record_t *r, buf_t *line,
               char *err, size_t errlen)
{
    buf_reset(line);
    for (size_t i = 0; i < t->ncols; i++) {
        const char *s = i < r->nstored ? r->f[i] : "";
        size_t n = i < r->nstored ? r->len[i] : 0;
        if (i)
            buf_putc(line, '\t');
        const char *v = s;
        if (value_trim(&v, n) == 0) {
            buf_append(line, "\\N", 2);
            continue;
        }
        if (put_value(&t->cols[i], enc, s, n, line) < 0) {
            char ln[32];
            ingest_errf(err, errlen,
                        "line %s, column \"%s\" no longer holds a %s: the file changed "
                        "since it was scanned",
                        ingest_count_str(r->line, ln), t->cols[i].name,
                        ingest_type_sql(t->cols[i].type));
            return -1;
        }
    }
    return 0;
}
