/* export.h — answers as files a boss can open: CSV, XLSX and PDF.
 *
 * Input is the SQL executor's result object:
 *   {"columns":[{"name":"day","type":"date"},...], "rows":[[...],...],
 *    "row_count":N, "truncated":bool}
 * Column types: integer, number, boolean, date, timestamp, text (anything
 * else is text). Values are null, numbers, booleans or strings; numerics
 * may be strings ("12345.67"), dates "YYYY-MM-DD", timestamps as PostgreSQL
 * prints them ("2026-11-22 14:05:00.123+01").
 *
 * Exports take the result they are given: re-running the full query under
 * the row cap (not the on-screen preview) is the caller's job. Output goes
 * to a FILE* or to a path the caller chose (its own temp file); nothing
 * user-controlled ever becomes a path here, and export_filename() is the
 * only way a title turns into a download name.
 *
 * Every function is reentrant. Numbers are printed with printf, so the
 * process must run in the "C" numeric locale (the default). */
#ifndef DM_EXPORT_H
#define DM_EXPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"

typedef struct export_meta {
    const char *title;
    const char *question;      /* may be NULL */
    const char *insight;       /* may be NULL */
    const char *sql;
    const char *source;        /* e.g. "Shop (demo) · DataMind" */
    const char *generated_at;  /* "2026-11-22 14:05 UTC" */
    const json_t *chart_config; /* {type,x,y,series,title} or NULL = recommend */
} export_meta_t;

/* RFC 4180 with CRLF line ends and a header row, UTF-8 (with a BOM for
 * Excel when bom is set). Numbers are written as the database gave them,
 * NULL as an empty cell. Formula defusing: a cell that starts with
 * = + - @ TAB or CR gets a leading ' so a spreadsheet shows it instead of
 * running it — except a genuine number in an integer/number column
 * ("-2.5" stays "-2.5"): the column type decides, not the look of the
 * value. Header names are defused too. Rows are streamed: memory does not
 * grow with the result. 0, or -1 + err on a write error or a malformed
 * result. */
int export_csv(const json_t *result, int bom, FILE *out, char *err, size_t errlen);

/* A workbook with a "Data" sheet (bold frozen header with an autofilter,
 * typed cells: numbers, booleans, dates and timestamps as Excel serials
 * with a date format, text; widths from a sample of the content) and a
 * "Summary" sheet (title, question, insight, SQL, time, source, rows).
 * libxlsxwriter writes to a path: the caller passes its own temp file. */
int export_xlsx(const json_t *result, const export_meta_t *m, const char *path, char *err,
                size_t errlen);

/* A4 report (landscape for wide results): title, question, insight, the
 * chart drawn as vectors from chart_render_svg()'s SVG, the table (first
 * EXPORT_PDF_MAX_ROWS rows, header repeated on every page, numbers right-
 * aligned), the SQL, and a footer "source · generated at · Page N of M". */
#define EXPORT_PDF_MAX_ROWS 5000
int export_pdf(const json_t *result, const export_meta_t *m, const char *path, char *err,
               size_t errlen);

/* A whole dashboard as one PDF: one titled section per widget, showing its
 * chart (a table when the config says table or the chart cannot be drawn),
 * its text, or its error in place. */
typedef struct export_section {
    const char *title;
    const json_t *result;       /* may be NULL for text */
    const json_t *chart_config; /* NULL = recommend */
    const char *text;           /* markdown already rendered to plain text */
    const char *error;          /* a widget that failed: shown in its place */
} export_section_t;
int export_pdf_dashboard(const char *title, const char *subtitle, const export_section_t *s,
                         size_t n, const char *path, char *err, size_t errlen);

/* A safe download name from a title: "Revenue by month" + "csv" →
 * "revenue-by-month.csv". Lower-case ASCII letters and digits joined by
 * single dashes: no path separators, dots, quotes, CR/LF or non-ASCII
 * survive. The stem is at most 60 chars and never empty ("export");
 * ext (letters and digits only, may be NULL) is appended after a dot.
 * Caller frees. */
char *export_filename(const char *title, const char *ext);

/* Append one CSV cell: s defused (see export_csv) and quoted when it holds
 * a comma, quote, CR or LF. NULL appends nothing (an empty cell). The audit
 * log's CSV uses it too. */
void export_csv_cell(buf_t *b, const char *s);

#endif
