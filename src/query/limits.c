/* limits.c — what a capped result says about itself, in words: the row
 * cap, the byte cap (DATAMIND_MAX_RESULT_BYTES) and cut values
 * (DATAMIND_MAX_CELL_BYTES). Every page, export and task that shows a
 * result takes its note from here, so they all say the same thing. */
#include "query/query.h"
#include "core/buf.h"
#include "core/config.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <string.h>

void query_size_words(size_t n, char *out, size_t outlen)
{
    if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
        snprintf(out, outlen, "%zu MB", n >> 20);
    else if (n >= ((size_t)1 << 20))
        snprintf(out, outlen, "%.1f MB", (double)n / (double)((size_t)1 << 20));
    else if (n >= 1024)
        snprintf(out, outlen, "%zu KB", (n + 1023) / 1024);
    else
        snprintf(out, outlen, "%zu bytes", n);
}

int query_result_by_bytes(const json_t *result)
{
    const char *by = json_string_value(json_object_get(result, "truncated_by"));
    return json_is_true(json_object_get(result, "truncated")) && by && strcmp(by, "bytes") == 0;
}

const char *query_result_note(arena_t *a, const json_t *result)
{
    long rows = (long)json_array_size(json_object_get(result, "rows"));
    json_int_t cut = json_integer_value(json_object_get(result, "cells_cut"));
    char size[32];
    buf_t b = {0};
    if (query_result_by_bytes(result)) {
        query_size_words((size_t)cfg->max_result_bytes, size, sizeof size);
        buf_printf(&b, "Results stopped at %s (DATAMIND_MAX_RESULT_BYTES): ", size);
        if (rows)
            buf_printf(&b, "showing the first %ld row%s; the query returned more. ", rows,
                       rows == 1 ? "" : "s");
        else
            buf_puts(&b, "the first row alone is larger than that. ");
        buf_puts(&b, "Select fewer or shorter columns, or fewer rows.");
    } else if (json_is_true(json_object_get(result, "truncated"))) {
        buf_printf(&b, "Showing the first %ld row%s; the query returned more.", rows,
                   rows == 1 ? "" : "s");
    }
    if (cut > 0) {
        query_size_words((size_t)cfg->max_cell_bytes, size, sizeof size);
        buf_printf(&b, "%s%lld value%s longer than %s %s cut (DATAMIND_MAX_CELL_BYTES): each "
                       "shows its start and is marked \"[cut: …]\".",
                   b.len ? " " : "", (long long)cut, cut == 1 ? "" : "s", size,
                   cut == 1 ? "is" : "are");
    }
    const char *out = b.len ? arena_strdup(a, buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

json_t *query_value_clip(const json_t *v, size_t max)
{
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (!s || n <= max)
        return json_incref((json_t *)v);
    size_t keep = max;
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    const char *mark = query_value_is_cut(v) ? strrchr(s, '[') : NULL;
    buf_t b = {0};
    buf_append(&b, s, keep);
    buf_puts(&b, "\xe2\x80\xa6");
    if (mark)
        buf_printf(&b, " %s", mark);
    json_t *out = json_stringn(buf_str(&b), b.len);
    buf_free(&b);
    return out ? out : json_string("\xe2\x80\xa6");
}

int query_value_is_cut(const json_t *v)
{
    const char *s = json_string_value(v);
    size_t n = json_string_length(v), m = strlen(SQLSAFE_CUT_MARK);
    if (!s || n < m + 1 || s[n - 1] != ']')
        return 0;
    /* the mark is near the end: "… [cut: N bytes, first M shown]" */
    size_t from = n > m + 64 ? n - m - 64 : 0;
    return memmem(s + from, n - from, SQLSAFE_CUT_MARK, m) != NULL;
}
