/* internal.h — what the export/ files share and nobody else sees. */
#ifndef DM_EXPORT_INTERNAL_H
#define DM_EXPORT_INTERNAL_H

#include <stddef.h>

#include "core/buf.h"
#include "export/export.h"

/* Column kinds: the executor's type names, anything unknown is text. */
enum { EXPORT_TEXT, EXPORT_INT, EXPORT_NUM, EXPORT_BOOL, EXPORT_DATE, EXPORT_TS };

/* A checked view of a result: borrowed references, only kinds owned. */
typedef struct export_table {
    const json_t *rows;
    size_t ncols, nrows;
    const char **names;  /* borrowed from the result ("" when missing) */
    int *kinds;          /* EXPORT_* per column */
    size_t row_count;    /* the executor's row_count (nrows when absent) */
    int truncated;       /* a cap cut the result */
    int by_bytes;        /* ... and it was DATAMIND_MAX_RESULT_BYTES, not the row cap */
} export_table_t;

/* -1 + err when result is not {columns:[...], rows:[...]}. */
int export_table_open(const json_t *result, export_table_t *t, char *err, size_t errlen);
void export_table_close(export_table_t *t);
/* Cell (r, c) or NULL when the row is short or not an array. */
const json_t *export_table_cell(const export_table_t *t, size_t r, size_t c);
int export_kind_numeric(int kind);

/* Append a value as the database spelled it: strings verbatim, integers
 * with %lld, reals in their shortest round-trip form, true/false; JSON
 * null appends nothing; arrays/objects as compact JSON. */
void export_value_text(const json_t *v, buf_t *b);
/* 1 when v is a JSON number or a string that is entirely a finite
 * decimal number ("-2.5", "1e3", " 12" is not), with its value in *out. */
int export_value_number(const json_t *v, double *out);

/* A wall-clock date/time; the UTC offset of a timestamp is dropped (a
 * spreadsheet cell has no zone: the time is shown as PostgreSQL printed it). */
typedef struct export_dt {
    int year, month, day, hour, min;
    double sec;
    int has_time;
} export_dt_t;
/* "YYYY-MM-DD" or "YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][Z|±HH[:MM]]". 0 / -1. */
int export_dt_parse(const char *s, export_dt_t *dt);

/* Append s with invalid UTF-8 bytes and control characters replaced: bad
 * bytes become U+FFFD, TAB/CR/LF a space (newlines kept when keep_nl). */
void export_utf8_clean(buf_t *b, const char *s, int keep_nl);

#endif
