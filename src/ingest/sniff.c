/* sniff.c — encoding and delimiter from the first 64 KB.
 *
 * Encoding: a UTF-8 BOM wins; UTF-16 BOMs are refused with advice; else
 * the sample is UTF-8 if it validates (a sequence cut by the 64 KB edge is
 * forgiven), otherwise Windows-1252. csvscan.c falls back to Windows-1252
 * if a later line proves the guess wrong.
 *
 * Delimiter: for each of , ; \t | count the fields of the first 100
 * records with quotes respected; the winner has the most records agreeing
 * on one field count above 1, then the most fields. A .tsv name wins ties.
 * Nothing above one field → one column, ',' (or tab for .tsv). */
#include <string.h>

#include "ingest/internal.h"

#define SNIFF_RECORDS 100

int sniff_is_zip(const char *head, size_t n)
{
    return n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0;
}

static int has_ext(const char *filename, const char *ext)
{
    size_t n = filename ? strlen(filename) : 0, e = strlen(ext);
    return n >= e && strcasecmp(filename + n - e, ext) == 0;
}

/* Field counts of the first records in s; the last one is dropped when the
 * sample was cut (it may be partial). Returns the number of records. */
static size_t count_fields(const char *s, size_t n, char delim, int cut, size_t *counts)
{
    size_t nrec = 0, fields = 1;
    int quoted = 0, any = 0;
    for (size_t i = 0; i < n && nrec < SNIFF_RECORDS; i++) {
        char c = s[i];
        if (c == '"') {
            quoted = !quoted, any = 1;
        } else if (quoted) {
            continue;
        } else if (c == delim) {
            fields++, any = 1;
        } else if (c == '\n' || c == '\r') {
            if (any)
                counts[nrec++] = fields;
            fields = 1, any = 0;
        } else {
            any = 1;
        }
    }
    if (any && !cut && !quoted && nrec < SNIFF_RECORDS)
        counts[nrec++] = fields;
    return nrec;
}

/* How many records share the most common count (> 1), and that count. */
static size_t mode_of(const size_t *counts, size_t n, size_t *mode)
{
    size_t best = 0;
    *mode = 1;
    for (size_t i = 0; i < n; i++) {
        if (counts[i] < 2)
            continue;
        size_t f = 0;
        for (size_t j = 0; j < n; j++)
            f += counts[j] == counts[i];
        if (f > best || (f == best && counts[i] > *mode))
            best = f, *mode = counts[i];
    }
    return best;
}

static char pick_delim(const char *s, size_t n, int cut, const char *filename)
{
    static const char cands[] = {',', '\t', ';', '|'};
    int tsv = has_ext(filename, ".tsv") || has_ext(filename, ".tab");
    size_t counts[SNIFF_RECORDS], score[4] = {0}, mode[4] = {0};
    size_t best = 4;
    for (size_t k = 0; k < sizeof cands; k++) {
        size_t nrec = count_fields(s, n, cands[k], cut, counts);
        size_t f = mode_of(counts, nrec, &mode[k]);
        score[k] = f ? f * 1000 / nrec : 0;
        if (score[k] && (best == 4 || score[k] > score[best] ||
                         (score[k] == score[best] && mode[k] > mode[best])))
            best = k;
    }
    if (tsv && score[1] && (best == 4 || score[1] == score[best]))
        best = 1;
    return best < 4 ? cands[best] : tsv ? '\t' : ',';
}

/* Length of s without a UTF-8 sequence cut off at its end. */
static size_t uncut_len(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned c = p[n - back];
        if (c < 0x80)
            return n;
        if (c >= 0xC0) {
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return need > back ? n - back : n;
        }
    }
    return n;
}

int sniff_csv(const char *head, size_t n, const char *filename, sniff_result_t *out,
              char *err, size_t errlen)
{
    const unsigned char *p = (const unsigned char *)head;
    int cut = n >= INGEST_CHUNK;
    memset(out, 0, sizeof *out);
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        ingest_errf(err, errlen, "the file is UTF-16 text; save it as \"CSV UTF-8\" "
                                 "and upload it again");
        return -1;
    }
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        out->enc = ENC_UTF8_BOM, out->skip = 3;
    size_t nul = 0;
    for (size_t i = 0; i < n; i++)
        nul += p[i] == 0;
    if (nul > n / 10 + 1) {
        ingest_errf(err, errlen, "this does not look like a text file (it is full of "
                                 "NUL bytes); upload a CSV or an .xlsx workbook");
        return -1;
    }
    head += out->skip, n -= out->skip;
    if (out->enc != ENC_UTF8_BOM)
        out->enc = encode_utf8_valid(head, cut ? uncut_len(head, n) : n) ? ENC_UTF8
                                                                         : ENC_CP1252;
    out->delim = pick_delim(head, n, cut, filename);
    return 0;
}
