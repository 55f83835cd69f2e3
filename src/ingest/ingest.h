/* ingest.h — read an uploaded CSV/TSV or XLSX file into typed tables.
 *
 * Two passes over the file, neither holding it in memory:
 *
 *   ingest_scan()  sniffs encoding (UTF-8 with or without BOM, else
 *                  Windows-1252), delimiter (, ; \t |) and header row, and
 *                  reads every row once to infer each column's type and
 *                  count rows and ragged lines. Memory: per-column state.
 *   ingest_rows()  reads the rows again and hands each one to a callback as
 *                  one line of PostgreSQL COPY text format (no newline).
 *                  The caller runs COPY ... FROM STDIN.
 *
 * An .xlsx workbook gives one table per sheet that has data (empty sheets
 * are skipped); the sheets are streamed through expat straight out of the
 * zip, with size and ratio limits checked before and while inflating.
 *
 * Value rules (the same for CSV and XLSX):
 *  - "" and whitespace-only values are NULL in every column, text included
 *    (COPY \N). Text keeps its value byte for byte otherwise; NUL bytes are
 *    dropped (PostgreSQL text cannot hold them).
 *  - bigint / numeric: [+-]digits[.digits][e±n]. Thousands separators
 *    "1,234,567.89" when the groups are well formed. A leading zero ("007",
 *    zip codes) makes a value text. In a ';'-delimited file a column may
 *    instead read European style, "1.234,56" / "3,5", and a column whose
 *    values fit both readings ("1.000", "12") reads European (1000): the ';'
 *    is itself the sign of a European locale.
 *  - boolean: true/false/yes/no/t/f, any case. 0/1 are integers.
 *  - date: YYYY-MM-DD, or DD/MM/YYYY and MM/DD/YYYY (separators / . -)
 *    decided per column: a first part > 12 anywhere means day first, a
 *    second part > 12 means month first, both → text (mixed). A column
 *    where every date fits both reads day first unless
 *    opts.date_order = INGEST_MDY.
 *  - timestamptz: YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|±HH[:MM]]. Without an
 *    offset the loader's session TimeZone applies (set it to UTC).
 *  - A column whose values disagree falls back to text with mixed = 1 and a
 *    note naming the lines ("line 7 has \"n/a\"; line 2 has a number").
 *  - Blank lines (and rows with no cells in XLSX) are skipped silently,
 *    also in a one-column file (an empty line there is not a NULL row).
 *
 * Every entry point takes hostile input: anything returns 0 or -1 with a
 * readable message in err, never crashes, and memory stays bounded by the
 * options (max_columns x max_field_bytes per row). */
#ifndef DM_INGEST_H
#define DM_INGEST_H

#include <stddef.h>

typedef enum {
    INGEST_BIGINT,
    INGEST_NUMERIC,
    INGEST_BOOLEAN,
    INGEST_DATE,
    INGEST_TIMESTAMPTZ,
    INGEST_TEXT
} ingest_type_t;

enum { INGEST_ISO = 0, INGEST_DMY = 1, INGEST_MDY = 2 };   /* date_order */
enum { INGEST_CSV = 0, INGEST_XLSX = 1 };                  /* table format */

typedef struct ingest_column {
    char *name;          /* sanitised, unique in the table */
    char *original;      /* header text in UTF-8 ("" without a header) */
    ingest_type_t type;
    int mixed;           /* fell back to text because values disagreed */
    char *note;          /* why it is text when mixed, else NULL */
    long nulls;
    int date_order;      /* INGEST_ISO, INGEST_DMY, INGEST_MDY (dates only) */
    char decimal;        /* numbers: '.' or ',' (European, ';' files only) */
} ingest_column_t;

typedef struct ingest_table {
    char *name;          /* sanitised: from the file name or the sheet name */
    ingest_column_t *cols;
    size_t ncols;
    long rows;           /* good data rows (header excluded) */
    long bad_lines;      /* ragged lines skipped (skip_bad_lines) */
    char **bad_samples;  /* up to 5: "line 10,233 has 7 fields, the header has 8" */
    size_t nbad_samples;
    char *encoding;      /* "UTF-8", "UTF-8 (BOM)", "WINDOWS-1252"; XLSX "UTF-8" */
    char delimiter;      /* CSV only */
    int has_header;
    /* what pass 2 needs to find the same rows again */
    int format;          /* INGEST_CSV or INGEST_XLSX */
    char *source;        /* XLSX: zip entry of the sheet; CSV: NULL */
    long long bytes;     /* CSV: file size at scan time (a change → error) */
} ingest_table_t;

typedef void (*ingest_progress_fn)(void *ctx, double fraction);

/* Zero means "the default" for every field, so `ingest_opts_t o = {0};`
 * (or a NULL pointer) is fine. */
typedef struct ingest_opts {
    int skip_bad_lines;            /* 0: a ragged line rejects the file */
    size_t max_columns;            /* 1000 */
    long max_rows;                 /* 0 = no cap */
    size_t max_field_bytes;        /* 1 MB */
    size_t xlsx_max_uncompressed;  /* 1 GB, all zip entries read together */
    double xlsx_max_ratio;         /* 100: uncompressed / compressed, per entry > 1 MB */
    int header;                    /* 0 sniff, 1 first row is a header, -1 it is not */
    int date_order;                /* for all-ambiguous date columns: INGEST_DMY (default) or INGEST_MDY */
    ingest_progress_fn progress;   /* optional, about every 1% of the bytes */
    void *progress_ctx;
} ingest_opts_t;

/* Pass 1. filename (the user's name for it, may be NULL → path) picks the
 * format by extension (.xlsx; anything else is sniffed) and names the table.
 * For CSV one table; for XLSX one per sheet with data. -1 + err naming the
 * line on a fatal problem: empty file, only a header, too many columns, a
 * ragged line when !skip_bad_lines, a field over max_field_bytes, an
 * unterminated quote, not a zip, a zip bomb, bad XML. */
int ingest_scan(const char *path, const char *filename, const ingest_opts_t *o,
                ingest_table_t **tables, size_t *ntables, char *err, size_t errlen);

/* Pass 2: call fn once per good row of tables[table_index] (the array
 * ingest_scan returned) with one COPY-text line, no trailing newline. -1 if
 * fn returns -1 (err left to the caller's message if fn wrote none) or the
 * file no longer matches the scan. Use the same options as the scan. */
typedef int (*ingest_row_fn)(void *ctx, const char *line, size_t len);
int ingest_rows(const char *path, const ingest_table_t *tables, size_t table_index,
                const ingest_opts_t *o, ingest_row_fn fn, void *ctx, char *err,
                size_t errlen);

void ingest_tables_free(ingest_table_t *t, size_t n);

/* "bigint", "numeric", "boolean", "date", "timestamptz", "text". */
const char *ingest_type_sql(ingest_type_t t);

/* An SQL-friendly name: ASCII lowercase [a-z0-9_] (Latin-1 accents folded,
 * other characters → _, runs of _ collapsed, trimmed), a leading digit gets
 * "c_", empty → "column", at most 63 bytes. Reserved words stay as they are
 * ("select"): generated SQL quotes every identifier. Caller frees. */
char *ingest_sanitize_name(const char *s, size_t n);

/* Buffer entry points (fuzzers, tests). The CSV table is named "data". */
int ingest_scan_csv_buffer(const char *data, size_t len, const ingest_opts_t *o,
                           ingest_table_t **out, char *err, size_t errlen);
int ingest_scan_xlsx_buffer(const char *data, size_t len, const ingest_opts_t *o,
                            ingest_table_t **out, size_t *n, char *err, size_t errlen);
int ingest_rows_buffer(const char *data, size_t len, const ingest_table_t *tables,
                       size_t table_index, const ingest_opts_t *o, ingest_row_fn fn,
                       void *ctx, char *err, size_t errlen);

#endif
