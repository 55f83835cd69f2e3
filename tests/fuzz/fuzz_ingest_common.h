/* fuzz_ingest_common.h — pass-2 row checks shared by the ingest fuzzers.
 * Every row is one line of COPY text: no newline or NUL in it, exactly
 * ncols - 1 unescaped tabs; and pass 2 yields as many rows as pass 1 counted. */
#ifndef FUZZ_INGEST_COMMON_H
#define FUZZ_INGEST_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

typedef struct row_check {
    size_t ncols;
    long rows;
} row_check_t;

static int check_row(void *ctx, const char *line, size_t len)
{
    row_check_t *rc = ctx;
    size_t tabs = 0;
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (c == '\n' || c == '\r' || c == 0)
            abort();
        if (c == '\\') {
            if (i + 1 >= len)
                abort(); /* a lone trailing backslash escapes nothing */
            i++;
            continue;
        }
        if (c == '\t')
            tabs++;
    }
    if (tabs + 1 != rc->ncols)
        abort();
    rc->rows++;
    return 0;
}

static void check_table(const ingest_table_t *t)
{
    if (!t->name || !t->ncols || !t->encoding)
        abort();
    for (size_t i = 0; i < t->ncols; i++) {
        const char *n = t->cols[i].name;
        if (!n || !*n || strlen(n) > 63)
            abort();
        for (const char *p = n; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                abort();
        for (size_t j = 0; j < i; j++)
            if (strcmp(n, t->cols[j].name) == 0)
                abort();
    }
}

#endif
