/* xlsx.c — the result as an Excel workbook (libxlsxwriter).
 *
 * constant_memory mode: each row goes to a temp file as soon as the next
 * one starts, so memory stays flat for a million rows. That mode needs rows
 * written in order, which is how we write them anyway. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/mem.h"
#include "export/internal.h"

#define XLSX_STR_MAX 32767      /* characters an Excel cell can hold */
#define XLSX_SAMPLE 500         /* rows looked at for column widths */
#define XLSX_WIDTH_MAX 60.0
#define XLSX_EXACT_MAX 1e15     /* above this Excel loses digits: keep as text */

static const char TRUNC_NOTE[] = " \xe2\x80\xa6 [truncated]";

typedef struct xlsx_ctx {
    lxw_workbook *wb;
    lxw_format *head, *date, *ts, *label, *wrap;
    buf_t tmp;
    size_t cut_cells;   /* strings shortened to fit a cell */
    size_t rows_out;    /* data rows written */
} xlsx_ctx_t;

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

/* Byte length of the first `chars` characters of s. */
static size_t utf8_prefix(const char *s, size_t chars)
{
    size_t i = 0;
    for (size_t c = 0; s[i]; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80 && c++ == chars)
            break;
    return i;
}

/* Write text, shortened with a note when Excel could not hold it. */
static lxw_error put_string(xlsx_ctx_t *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                            const char *s, lxw_format *f)
{
    if (utf8_chars(s, strlen(s)) <= XLSX_STR_MAX)
        return worksheet_write_string(ws, r, c, s, f);
    buf_t b = {0};
    buf_append(&b, s, utf8_prefix(s, XLSX_STR_MAX - 20));
    buf_puts(&b, TRUNC_NOTE);
    lxw_error e = worksheet_write_string(ws, r, c, buf_str(&b), f);
    buf_free(&b);
    x->cut_cells++;
    return e;
}

static void dt_to_lxw(const export_dt_t *d, lxw_datetime *l)
{
    *l = (lxw_datetime){d->year, d->month, d->day, d->hour, d->min, d->sec};
}

static lxw_error put_value(xlsx_ctx_t *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                           const json_t *v, int kind)
{
    double d;
    export_dt_t dt;
    lxw_datetime l;
    if (!v || json_is_null(v))
        return LXW_NO_ERROR;  /* an empty cell */
    if (json_is_boolean(v))
        return worksheet_write_boolean(ws, r, c, json_is_true(v), NULL);
    if (export_kind_numeric(kind) && export_value_number(v, &d) &&
        !(kind == EXPORT_INT && fabs(d) >= XLSX_EXACT_MAX))
        return worksheet_write_number(ws, r, c, d, NULL);
    const char *s = json_string_value(v);
    if ((kind == EXPORT_DATE || kind == EXPORT_TS) && s && export_dt_parse(s, &dt) == 0 &&
        dt.year >= 1900) {
        dt_to_lxw(&dt, &l);
        return worksheet_write_datetime(ws, r, c, &l, dt.has_time ? x->ts : x->date);
    }
    buf_reset(&x->tmp);
    export_value_text(v, &x->tmp);
    return put_string(x, ws, r, c, buf_str(&x->tmp), NULL);
}

/* Excel column width (in characters) from the header and a sample. */
static double col_width(const export_table_t *t, size_t c, buf_t *tmp)
{
    double w = (double)utf8_chars(t->names[c], strlen(t->names[c])) * 1.1 + 4;  /* bold + filter arrow */
    if (t->kinds[c] == EXPORT_DATE)
        w = fmax(w, 11);
    for (size_t r = 0; r < t->nrows && r < XLSX_SAMPLE; r++) {
        const json_t *v = export_table_cell(t, r, c);
        buf_reset(tmp);
        export_value_text(v, tmp);
        double cw = (double)utf8_chars(buf_str(tmp), tmp->len) + 2;
        if (t->kinds[c] == EXPORT_TS && json_is_string(v))
            cw = 21;  /* shown as yyyy-mm-dd hh:mm:ss */
        w = fmax(w, cw);
    }
    return fmin(fmax(w, 8), XLSX_WIDTH_MAX);
}

static lxw_error write_data(xlsx_ctx_t *x, const export_table_t *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Data");
    lxw_error e = LXW_NO_ERROR;
    size_t ncols = t->ncols < LXW_COL_MAX ? t->ncols : LXW_COL_MAX;
    size_t nrows = t->nrows < LXW_ROW_MAX - 1 ? t->nrows : LXW_ROW_MAX - 1;
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (size_t c = 0; c < ncols && !e; c++)
        e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_width(t, c, &x->tmp), NULL);
    if (!e && ncols)
        worksheet_freeze_panes(ws, 1, 0);
    if (!e && ncols)
        e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1));
    if (!e)
        e = worksheet_set_row(ws, 0, 18, NULL);
    for (size_t c = 0; c < ncols && !e; c++)
        e = put_string(x, ws, 0, (lxw_col_t)c, t->names[c], x->head);
    for (size_t r = 0; r < nrows && !e; r++)
        for (size_t c = 0; c < ncols && !e; c++)
            e = put_value(x, ws, (lxw_row_t)(r + 1), (lxw_col_t)c, export_table_cell(t, r, c),
                          t->kinds[c]);
    x->rows_out = nrows;
    return e;
}

/* One label/value row; the height grows with the wrapped value (Excel does
 * not re-measure rows written by a library). */
static lxw_error summary_row(xlsx_ctx_t *x, lxw_worksheet *ws, lxw_row_t *r,
                             const char *label, const char *value)
{
    if (!value || !*value)
        return LXW_NO_ERROR;
    buf_reset(&x->tmp);
    export_utf8_clean(&x->tmp, value, 1);
    size_t lines = 0, col = 0;
    for (const char *p = buf_str(&x->tmp);; p++) {
        if (*p == '\n' || *p == '\0' || col >= 95) {
            lines++;
            col = 0;
        } else if (((unsigned char)*p & 0xc0) != 0x80) {
            col++;
        }
        if (!*p)
            break;
    }
    double h = 15.0 * (double)(lines ? lines : 1);
    lxw_error e = worksheet_set_row(ws, *r, h > 409 ? 409 : h, NULL);
    if (!e)
        e = worksheet_write_string(ws, *r, 0, label, x->label);
    if (!e)
        e = put_string(x, ws, *r, 1, buf_str(&x->tmp), x->wrap);
    (*r)++;
    return e;
}

static lxw_error write_summary(xlsx_ctx_t *x, const export_table_t *t, const export_meta_t *m)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Summary");
    lxw_row_t r = 0;
    char rows[160];
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error e = worksheet_set_column(ws, 0, 0, 16, NULL);
    if (!e)
        e = worksheet_set_column(ws, 1, 1, 100, NULL);
    if (t->by_bytes)
        snprintf(rows, sizeof rows, "%zu (the query returned more: it stopped at the result size "
                 "limit, DATAMIND_MAX_RESULT_BYTES)", x->rows_out);
    else if (t->truncated)
        snprintf(rows, sizeof rows, "%zu (truncated at %zu rows by the row limit)",
                 x->rows_out, x->rows_out);
    else if (x->rows_out < t->nrows)
        snprintf(rows, sizeof rows, "%zu of %zu (an Excel sheet holds %d rows)",
                 x->rows_out, t->nrows, LXW_ROW_MAX - 1);
    else
        snprintf(rows, sizeof rows, "%zu", x->rows_out);
    const char *pairs[][2] = {
        {"Title", m->title},   {"Question", m->question},         {"Insight", m->insight},
        {"SQL", m->sql},       {"Generated at", m->generated_at}, {"Source", m->source},
        {"Rows", rows},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0] && !e; i++)
        e = summary_row(x, ws, &r, pairs[i][0], pairs[i][1]);
    if (!e && x->cut_cells) {
        snprintf(rows, sizeof rows, "%zu cell(s) longer than Excel's %d characters were cut short",
                 x->cut_cells, XLSX_STR_MAX);
        e = summary_row(x, ws, &r, "Note", rows);
    }
    return e;
}

static void formats_make(xlsx_ctx_t *x)
{
    x->head = workbook_add_format(x->wb);
    format_set_bold(x->head);
    format_set_bg_color(x->head, 0xE8ECF2);
    format_set_bottom(x->head, LXW_BORDER_THIN);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
    x->date = workbook_add_format(x->wb);
    format_set_num_format(x->date, "yyyy-mm-dd");
    x->ts = workbook_add_format(x->wb);
    format_set_num_format(x->ts, "yyyy-mm-dd hh:mm:ss");
    x->label = workbook_add_format(x->wb);
    format_set_bold(x->label);
    format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
}

int export_xlsx(const json_t *result, const export_meta_t *m, const char *path, char *err,
                size_t errlen)
{
    export_table_t t;
    xlsx_ctx_t x = {0};
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    if (export_table_open(result, &t, err, errlen) < 0)
        return -1;
    x.wb = workbook_new_opt(path, &opt);
    if (!x.wb) {
        snprintf(err, errlen, "Could not create the Excel file.");
        export_table_close(&t);
        return -1;
    }
    buf_t title = {0};
    export_utf8_clean(&title, m && m->title ? m->title : "DataMind export", 0);
    lxw_doc_properties props = {.title = title.data, .author = "DataMind"};
    workbook_set_properties(x.wb, &props);
    formats_make(&x);
    lxw_error e = write_data(&x, &t);
    if (!e)
        e = write_summary(&x, &t, m ? m : &(export_meta_t){0});
    lxw_error ce = workbook_close(x.wb);  /* always: it frees the workbook */
    if (e || ce)
        snprintf(err, errlen, "Could not write the Excel file: %s.", lxw_strerror(e ? e : ce));
    buf_free(&title);
    buf_free(&x.tmp);
    export_table_close(&t);
    return e || ce ? -1 : 0;
}
