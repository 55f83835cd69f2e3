/* pdf.c — the answer report and the dashboard as PDF (cairo + librsvg).
 *
 * Both are laid out by one function run twice (see pdfdoc.h): the first
 * run counts pages so every footer can say "Page N of M". */
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "export/pdfdoc.h"

#define WIDE_COLS 7          /* more columns than this: landscape */
#define DASH_TABLE_ROWS 25   /* a dashboard widget shown as a table */

typedef int (*layout_fn)(pdfdoc_t *d, const void *arg, char *err, size_t errlen);

static int two_pass(const char *path, int landscape, const char *title, const char *footer,
                    layout_fn fn, const void *arg, char *err, size_t errlen)
{
    pdfdoc_t d;
    if (pdfdoc_open(&d, NULL, landscape, title, footer, 0, err, errlen) < 0)
        return -1;
    int bad = fn(&d, arg, err, errlen);
    int pages = pdfdoc_close(&d, err, errlen);
    if (bad || pages < 0)
        return -1;
    if (pdfdoc_open(&d, path, landscape, title, footer, pages, err, errlen) < 0)
        return -1;
    bad = fn(&d, arg, err, errlen);
    return pdfdoc_close(&d, err, errlen) < 0 || bad ? -1 : 0;
}

static void heading(pdfdoc_t *d, const char *s, double size)
{
    pdfdoc_para(d, s, size, PDF_BOLD, PDF_INK);
}

/* ---- one answer ----------------------------------------------------------- */

typedef struct report {
    const export_table_t *t;
    const json_t *result;
    const export_meta_t *m;
} report_t;

static void rows_note(pdfdoc_t *d, const export_table_t *t)
{
    char n[32], cap[32], line[200];
    buf_count_text(n, sizeof n, t->nrows);
    buf_count_text(cap, sizeof cap, EXPORT_PDF_MAX_ROWS);
    if (t->nrows > EXPORT_PDF_MAX_ROWS)
        snprintf(line, sizeof line,
                 "First %s of %s rows \xe2\x80\x94 download CSV or Excel for all.", cap, n);
    else if (t->by_bytes)
        snprintf(line, sizeof line, "%s rows (the query stopped at the result size limit).", n);
    else if (t->truncated)
        snprintf(line, sizeof line, "%s rows (the query stopped at the row limit).", n);
    else if (t->nrows == 0)
        snprintf(line, sizeof line, "No rows.");
    else
        snprintf(line, sizeof line, "%s row%s.", n, t->nrows == 1 ? "" : "s");
    pdfdoc_para(d, line, 8, PDF_ITALIC, PDF_GREY);
    d->y += 2;
}

static int report_layout(pdfdoc_t *d, const void *arg, char *err, size_t errlen)
{
    const report_t *r = arg;
    const export_meta_t *m = r->m;
    char cerr[256];
    heading(d, m->title && *m->title ? m->title : "Query result", 18);
    d->y += 2;
    pdfdoc_hline(d, d->left, d->left + 40, d->y, 2, PDF_ACCENT);
    d->y += 10;
    if (m->question && *m->question)
        pdfdoc_para(d, m->question, 9.5, PDF_ITALIC, PDF_GREY);
    if (m->insight && *m->insight) {
        d->y += 4;
        pdfdoc_para(d, m->insight, 11, PDF_REGULAR, PDF_INK);
    }
    d->y += 10;
    if (r->t->nrows && pdfdoc_chart(d, r->result, m->chart_config, m->title, 300, cerr,
                                    sizeof cerr) < 0)
        pdfdoc_para(d, cerr, 8.5, PDF_ITALIC, PDF_GREY);  /* the table still has the data */
    d->y += 6;
    rows_note(d, r->t);
    pdfdoc_table(d, r->t, EXPORT_PDF_MAX_ROWS);
    if (m->sql && *m->sql) {
        pdfdoc_need(d, 40);
        heading(d, "SQL", 9.5);
        d->y += 2;
        pdfdoc_para(d, m->sql, 7.5, PDF_MONO, 0x3d444d);
    }
    (void)err, (void)errlen;
    return 0;
}

int export_pdf(const json_t *result, const export_meta_t *m, const char *path, char *err,
               size_t errlen)
{
    export_table_t t;
    export_meta_t none = {0};
    buf_t footer = {0};
    if (export_table_open(result, &t, err, errlen) < 0)
        return -1;
    m = m ? m : &none;
    buf_printf(&footer, "%s%s%s", m->source ? m->source : "DataMind",
               m->generated_at ? " \xc2\xb7 generated " : "",
               m->generated_at ? m->generated_at : "");
    report_t r = {&t, result, m};
    int rc = two_pass(path, t.ncols > WIDE_COLS, m->title, buf_str(&footer), report_layout, &r,
                      err, errlen);
    buf_free(&footer);
    export_table_close(&t);
    return rc;
}

/* ---- a dashboard ---------------------------------------------------------- */

typedef struct dash {
    const char *title, *subtitle;
    const export_section_t *s;
    size_t n;
} dash_t;

static void section_data(pdfdoc_t *d, const export_section_t *s)
{
    export_table_t t;
    char cerr[256];
    if (export_table_open(s->result, &t, cerr, sizeof cerr) < 0) {
        pdfdoc_para(d, cerr, 9, PDF_ITALIC, PDF_ERROR);
        return;
    }
    int drawn = t.nrows ? pdfdoc_chart(d, s->result, s->chart_config, s->title, 230, cerr,
                                       sizeof cerr) : 0;
    if (drawn < 0)
        pdfdoc_para(d, cerr, 8.5, PDF_ITALIC, PDF_GREY);
    if (drawn <= 0) {  /* a table widget, or a chart that could not be drawn */
        pdfdoc_table(d, &t, DASH_TABLE_ROWS);
        if (t.nrows > DASH_TABLE_ROWS) {
            char a[32], b[32], line[128];
            buf_count_text(a, sizeof a, DASH_TABLE_ROWS);
            buf_count_text(b, sizeof b, t.nrows);
            snprintf(line, sizeof line, "First %s of %s rows.", a, b);
            pdfdoc_para(d, line, 8, PDF_ITALIC, PDF_GREY);
        }
    }
    export_table_close(&t);
}

static int dash_layout(pdfdoc_t *d, const void *arg, char *err, size_t errlen)
{
    const dash_t *db = arg;
    heading(d, db->title && *db->title ? db->title : "Dashboard", 20);
    if (db->subtitle && *db->subtitle)
        pdfdoc_para(d, db->subtitle, 9.5, PDF_REGULAR, PDF_GREY);
    d->y += 2;
    pdfdoc_hline(d, d->left, d->left + 40, d->y, 2, PDF_ACCENT);
    d->y += 14;
    for (size_t i = 0; i < db->n; i++) {
        const export_section_t *s = &db->s[i];
        pdfdoc_need(d, 120);  /* a heading never sits alone at a page's foot */
        heading(d, s->title && *s->title ? s->title : "Untitled", 12.5);
        pdfdoc_hline(d, d->left, d->right, d->y + 1, 0.5, PDF_RULE);
        d->y += 8;
        if (s->error && *s->error) {
            buf_t b = {0};
            buf_printf(&b, "This widget could not be loaded: %s", s->error);
            pdfdoc_para(d, buf_str(&b), 9.5, PDF_ITALIC, PDF_ERROR);
            buf_free(&b);
        } else {
            if (s->text && *s->text)
                pdfdoc_para(d, s->text, 10, PDF_REGULAR, PDF_INK);
            if (s->result)
                section_data(d, s);
        }
        d->y += 14;
    }
    (void)err, (void)errlen;
    return 0;
}

int export_pdf_dashboard(const char *title, const char *subtitle, const export_section_t *s,
                         size_t n, const char *path, char *err, size_t errlen)
{
    dash_t db = {title, subtitle, s, n};
    buf_t footer = {0};
    buf_printf(&footer, "%s \xc2\xb7 DataMind", title && *title ? title : "Dashboard");
    int rc = two_pass(path, 0, title, buf_str(&footer), dash_layout, &db, err, errlen);
    buf_free(&footer);
    return rc;
}
