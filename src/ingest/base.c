/* base.c — what every file of src/ingest/ stands on (internal.h): default
 * options, error messages, counts in words, column type names, freeing
 * tables. A leaf: it calls nothing else in ingest/. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ingest/internal.h"

void ingest_opts_resolve(const ingest_opts_t *in, ingest_opts_t *out)
{
    if (in)
        *out = *in;
    else
        memset(out, 0, sizeof *out);
    if (!out->max_columns)
        out->max_columns = 1000;
    if (!out->max_field_bytes)
        out->max_field_bytes = 1024 * 1024;
    if (!out->xlsx_max_uncompressed)
        out->xlsx_max_uncompressed = (size_t)1 << 30;
    if (out->xlsx_max_ratio <= 0)
        out->xlsx_max_ratio = 100;
}

void ingest_errf(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

const char *ingest_count_str(long long n, char out[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n), k = 0;
    if (n < 0)
        out[k++] = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    return out;
}

const char *ingest_type_sql(ingest_type_t t)
{
    switch (t) {
    case INGEST_BIGINT: return "bigint";
    case INGEST_NUMERIC: return "numeric";
    case INGEST_BOOLEAN: return "boolean";
    case INGEST_DATE: return "date";
    case INGEST_TIMESTAMPTZ: return "timestamptz";
    case INGEST_TEXT: return "text";
    }
    return "text";
}

void ingest_tables_free(ingest_table_t *t, size_t n)
{
    if (!t)
        return;
    for (size_t i = 0; i < n; i++) {
        for (size_t c = 0; c < t[i].ncols; c++) {
            free(t[i].cols[c].name);
            free(t[i].cols[c].original);
            free(t[i].cols[c].note);
        }
        free(t[i].cols);
        for (size_t s = 0; s < t[i].nbad_samples; s++)
            free(t[i].bad_samples[s]);
        free(t[i].bad_samples);
        free(t[i].name);
        free(t[i].encoding);
        free(t[i].source);
    }
    free(t);
}
