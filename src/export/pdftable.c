/* pdftable.c — a result as a paginated table: header row repeated on every
 * page, zebra rows, numbers right-aligned, long text cut with an ellipsis. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "export/pdfdoc.h"

#define FONT 7.8
#define ROW_H 13.0
#define HEAD_H 17.0
#define PAD 4.0
#define SAMPLE 200        /* rows measured for natural column widths */
#define COL_MIN 34.0
#define COL_MAX 230.0
#define ZEBRA 0xf6f8fa
#define HEAD_FILL 0xe8ecf2

typedef struct layout {
    size_t ncols;         /* columns shown */
    double *w;
    int *right;
    double width;         /* the table's: the page's, or less for a few narrow columns */
} layout_t;

static void cell_text(const json_t *v, buf_t *raw, buf_t *out)
{
    buf_reset(raw);
    buf_reset(out);
    export_value_text(v, raw);
    export_utf8_clean(out, buf_str(raw), 0);
}

/* Natural width of each column: header or the widest sampled value. */
static void natural_widths(pdfdoc_t *d, const export_table_t *t, layout_t *l)
{
    buf_t raw = {0}, txt = {0};
    for (size_t c = 0; c < l->ncols; c++) {
        pdfdoc_font(d, FONT, PDF_BOLD);
        buf_reset(&txt);
        export_utf8_clean(&txt, t->names[c], 0);
        double w = pdfdoc_width(d, buf_str(&txt));
        pdfdoc_font(d, FONT, PDF_REGULAR);
        for (size_t r = 0; r < t->nrows && r < SAMPLE; r++) {
            cell_text(export_table_cell(t, r, c), &raw, &txt);
            w = fmax(w, pdfdoc_width(d, buf_str(&txt)));
        }
        l->w[c] = fmin(fmax(w + 2 * PAD, COL_MIN), COL_MAX);
        l->right[c] = export_kind_numeric(t->kinds[c]);
    }
    buf_free(&raw);
    buf_free(&txt);
}

/* Fair shares: narrow columns keep their natural width, the wide ones split
 * what is left; then everything stretches to the full content width —
 * unless the table is much narrower (two small columns spread across a
 * page read badly). */
static void fit_widths(layout_t *l, double avail)
{
    char *fixed = xcalloc(l->ncols + 1, 1);
    double left = avail, total = 0;
    size_t open = l->ncols;
    for (int changed = 1; changed && open;) {
        changed = 0;
        double share = left / (double)open;
        for (size_t c = 0; c < l->ncols; c++)
            if (!fixed[c] && l->w[c] <= share) {
                fixed[c] = 1, left -= l->w[c], open--, changed = 1;
            }
    }
    for (size_t c = 0; c < l->ncols; c++) {
        if (!fixed[c])
            l->w[c] = left / (double)open;
        total += l->w[c];
    }
    double scale = total > avail * 0.6 ? avail / total : 1;
    for (size_t c = 0; c < l->ncols && total > 0; c++)
        l->w[c] *= scale;
    l->width = total * scale;
    free(fixed);
}

static void header_draw(pdfdoc_t *d, const export_table_t *t, const layout_t *l, buf_t *tmp)
{
    double x = d->left, width = l->width;
    buf_t name = {0};
    pdfdoc_rect(d, x, d->y, width, HEAD_H, HEAD_FILL);
    pdfdoc_hline(d, x, x + width, d->y + HEAD_H, 0.8, 0x8c959f);
    pdfdoc_font(d, FONT, PDF_BOLD);
    pdfdoc_color(d, PDF_INK);
    for (size_t c = 0; c < l->ncols; c++) {
        buf_reset(&name);
        export_utf8_clean(&name, t->names[c], 0);
        pdfdoc_fit(d, buf_str(&name), l->w[c] - 2 * PAD, tmp);
        double tx = l->right[c] ? x + l->w[c] - PAD : x + PAD;
        pdfdoc_text(d, tx, d->y + HEAD_H / 2 + FONT * 0.36, buf_str(tmp),
                    l->right[c] ? PDF_RIGHT : PDF_LEFT);
        x += l->w[c];
    }
    d->y += HEAD_H;
    buf_free(&name);
}

static void row_draw(pdfdoc_t *d, const export_table_t *t, const layout_t *l, size_t r,
                     buf_t *raw, buf_t *txt, buf_t *fit)
{
    double x = d->left;
    if (r % 2)
        pdfdoc_rect(d, x, d->y, l->width, ROW_H, ZEBRA);
    pdfdoc_font(d, FONT, PDF_REGULAR);
    pdfdoc_color(d, PDF_INK);
    for (size_t c = 0; c < l->ncols; c++) {
        cell_text(export_table_cell(t, r, c), raw, txt);
        if (txt->len && !d->dry) {  /* measuring is the costly part: skip it when counting */
            pdfdoc_fit(d, txt->data, l->w[c] - 2 * PAD, fit);
            double tx = l->right[c] ? x + l->w[c] - PAD : x + PAD;
            pdfdoc_text(d, tx, d->y + ROW_H / 2 + FONT * 0.36, fit->data,
                        l->right[c] ? PDF_RIGHT : PDF_LEFT);
        }
        x += l->w[c];
    }
    d->y += ROW_H;
}

void pdfdoc_table(pdfdoc_t *d, const export_table_t *t, size_t max_rows)
{
    double avail = d->right - d->left;
    layout_t l = {0};
    buf_t raw = {0}, txt = {0}, fit = {0};
    l.ncols = t->ncols;
    if ((double)l.ncols * COL_MIN > avail)
        l.ncols = (size_t)(avail / COL_MIN);
    if (l.ncols == 0)
        return;
    l.w = xcalloc(l.ncols, sizeof *l.w);
    l.right = xcalloc(l.ncols, sizeof *l.right);
    natural_widths(d, t, &l);
    fit_widths(&l, avail);
    if (l.ncols < t->ncols) {
        char note[96];
        snprintf(note, sizeof note, "Showing the first %zu of %zu columns.", l.ncols, t->ncols);
        pdfdoc_para(d, note, 8, PDF_ITALIC, PDF_GREY);
    }
    pdfdoc_need(d, HEAD_H + ROW_H * 3);
    header_draw(d, t, &l, &fit);
    size_t n = t->nrows < max_rows ? t->nrows : max_rows;
    for (size_t r = 0; r < n; r++) {
        if (pdfdoc_need(d, ROW_H))
            header_draw(d, t, &l, &fit);
        row_draw(d, t, &l, r, &raw, &txt, &fit);
    }
    pdfdoc_hline(d, d->left, d->left + l.width, d->y, 0.5, PDF_RULE);
    d->y += 10;
    free(l.w);
    free(l.right);
    buf_free(&raw);
    buf_free(&txt);
    buf_free(&fit);
}
