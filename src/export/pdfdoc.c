/* pdfdoc.c — pages, footers and text for the PDF exports (cairo's toy text
 * API with DejaVu Sans: no pango, our own word wrap). */
#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "export/pdfdoc.h"

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 42.0
#define FOOTER_Y 26.0   /* footer baseline above the page's bottom edge */

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
    (void)closure, (void)data, (void)len;
    return CAIRO_STATUS_SUCCESS;
}

int pdfdoc_open(pdfdoc_t *d, const char *path, int landscape, const char *title,
                const char *footer, int pages, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    d->pw = landscape ? A4_H : A4_W;
    d->ph = landscape ? A4_W : A4_H;
    d->dry = path == NULL;
    d->surface = d->dry ? cairo_pdf_surface_create_for_stream(discard, NULL, d->pw, d->ph)
                        : cairo_pdf_surface_create(path, d->pw, d->ph);
    if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "Could not create the PDF file.");
        cairo_surface_destroy(d->surface);
        d->surface = NULL;
        return -1;
    }
    buf_t b = {0};
    export_utf8_clean(&b, title ? title : "", 0);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, buf_str(&b));
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "DataMind");
    buf_reset(&b);
    export_utf8_clean(&b, footer ? footer : "", 0);
    d->footer = buf_detach(&b);
    d->cr = cairo_create(d->surface);
    d->left = MARGIN;
    d->right = d->pw - MARGIN;
    d->top = MARGIN;
    d->bottom = d->ph - MARGIN - 8;
    d->y = d->top;
    d->page = 1;
    d->pages = pages;
    return 0;
}

static void footer_draw(pdfdoc_t *d)
{
    char right[64];
    double y = d->ph - FOOTER_Y;
    snprintf(right, sizeof right, "Page %d of %d", d->page, d->pages);
    pdfdoc_hline(d, d->left, d->right, y - 11, 0.5, PDF_RULE);
    pdfdoc_font(d, 7.5, PDF_REGULAR);
    pdfdoc_color(d, PDF_GREY);
    pdfdoc_fit(d, d->footer, (d->right - d->left) * 0.75, &d->tmp);
    pdfdoc_text(d, d->left, y, buf_str(&d->tmp), PDF_LEFT);
    pdfdoc_text(d, d->right, y, right, PDF_RIGHT);
}

static void page_end(pdfdoc_t *d)
{
    if (d->dry)
        return;
    footer_draw(d);
    cairo_show_page(d->cr);
}

void pdfdoc_new_page(pdfdoc_t *d)
{
    page_end(d);
    d->page++;
    d->y = d->top;
}

int pdfdoc_need(pdfdoc_t *d, double h)
{
    if (d->y + h <= d->bottom || d->y <= d->top)
        return 0;
    pdfdoc_new_page(d);
    return 1;
}

int pdfdoc_close(pdfdoc_t *d, char *err, size_t errlen)
{
    int pages = d->page;
    page_end(d);
    cairo_status_t st = cairo_status(d->cr);
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(d->surface);
    cairo_surface_destroy(d->surface);
    free(d->footer);
    buf_free(&d->tmp);
    memset(d, 0, sizeof *d);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "Could not write the PDF file (%s).", cairo_status_to_string(st));
        return -1;
    }
    return pages;
}

/* Always set on the context: a cached "already set" went stale across the
 * measuring and drawing passes, and cut cells that fitted. */
void pdfdoc_font(pdfdoc_t *d, double size, int style)
{
    cairo_select_font_face(d->cr, style == PDF_MONO ? "DejaVu Sans Mono" : "DejaVu Sans",
                           style == PDF_ITALIC ? CAIRO_FONT_SLANT_OBLIQUE : CAIRO_FONT_SLANT_NORMAL,
                           style == PDF_BOLD ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(d->cr, size);
    d->fsize = size;
    d->fstyle = style;
}

void pdfdoc_color(pdfdoc_t *d, unsigned rgb)
{
    cairo_set_source_rgb(d->cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
}

double pdfdoc_width(pdfdoc_t *d, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(d->cr, s, &e);
    return e.x_advance;
}

void pdfdoc_text(pdfdoc_t *d, double x, double y, const char *s, int align)
{
    if (d->dry || !*s)
        return;
    if (align != PDF_LEFT) {
        double w = pdfdoc_width(d, s);
        x -= align == PDF_RIGHT ? w : w / 2;
    }
    cairo_move_to(d->cr, x, y);
    cairo_show_text(d->cr, s);
}

/* Byte offset of character k in s (s is clean UTF-8). */
static size_t char_offset(const char *s, size_t k)
{
    size_t i = 0;
    for (size_t c = 0; s[i]; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80 && c++ == k)
            break;
    return i;
}

void pdfdoc_fit(pdfdoc_t *d, const char *s, double w, buf_t *out)
{
    buf_reset(out);
    w += 0.5; /* a column measured to fit its widest value must not cut it on rounding */
    if (pdfdoc_width(d, s) <= w) {
        buf_puts(out, s);
        return;
    }
    size_t lo = 0, hi = 0;  /* chars: lo fits, hi does not */
    for (const char *p = s; *p; p++)
        hi += ((unsigned char)*p & 0xc0) != 0x80;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        buf_reset(out);
        buf_append(out, s, char_offset(s, mid));
        buf_puts(out, "\xe2\x80\xa6");
        if (pdfdoc_width(d, out->data) <= w)
            lo = mid;
        else
            hi = mid;
    }
    buf_reset(out);
    buf_append(out, s, char_offset(s, lo));
    while (out->len && out->data[out->len - 1] == ' ')
        buf_truncate(out, out->len - 1);
    buf_puts(out, "\xe2\x80\xa6");
}

void pdfdoc_rect(pdfdoc_t *d, double x, double y, double w, double h, unsigned rgb)
{
    if (d->dry)
        return;
    pdfdoc_color(d, rgb);
    cairo_rectangle(d->cr, x, y, w, h);
    cairo_fill(d->cr);
}

void pdfdoc_hline(pdfdoc_t *d, double x0, double x1, double y, double width, unsigned rgb)
{
    if (d->dry)
        return;
    pdfdoc_color(d, rgb);
    cairo_set_line_width(d->cr, width);
    cairo_move_to(d->cr, x0, y);
    cairo_line_to(d->cr, x1, y);
    cairo_stroke(d->cr);
}

static void line_emit(pdfdoc_t *d, const char *s, double size, double lead, unsigned rgb)
{
    pdfdoc_need(d, lead);
    pdfdoc_color(d, rgb);
    pdfdoc_text(d, d->left, d->y + size, s, PDF_LEFT);
    d->y += lead;
}

/* One paragraph (no newlines) wrapped at width w. */
static void para_one(pdfdoc_t *d, const char *s, double size, double w, unsigned rgb)
{
    buf_t line = {0}, cand = {0};
    double lead = size * 1.4;
    while (*s) {
        const char *sp = strchr(s, ' ');
        size_t n = sp ? (size_t)(sp - s) : strlen(s);
        buf_reset(&cand);
        buf_append(&cand, line.data ? line.data : "", line.len);
        if (line.len)
            buf_putc(&cand, ' ');
        buf_append(&cand, s, n);
        if (pdfdoc_width(d, buf_str(&cand)) <= w) {
            buf_reset(&line);
            buf_append(&line, cand.data, cand.len);
        } else {
            if (line.len)
                line_emit(d, line.data, size, lead, rgb);
            buf_reset(&line);
            buf_append(&line, s, n);
            while (line.len && pdfdoc_width(d, line.data) > w) {  /* a word wider than the line */
                size_t k = 1;
                while (char_offset(line.data, k + 1) < line.len) {
                    buf_reset(&cand);
                    buf_append(&cand, line.data, char_offset(line.data, k + 1));
                    if (pdfdoc_width(d, cand.data) > w)
                        break;
                    k++;
                }
                size_t cut = char_offset(line.data, k);
                buf_reset(&cand);
                buf_append(&cand, line.data, cut);
                line_emit(d, cand.data, size, lead, rgb);
                memmove(line.data, line.data + cut, line.len - cut + 1);
                line.len -= cut;
            }
        }
        s += n + (sp != NULL);
    }
    line_emit(d, buf_str(&line), size, lead, rgb);
    buf_free(&line);
    buf_free(&cand);
}

void pdfdoc_para(pdfdoc_t *d, const char *s, double size, int style, unsigned rgb)
{
    buf_t clean = {0};
    export_utf8_clean(&clean, s, 1);
    pdfdoc_font(d, size, style);
    char *p = clean.data;
    while (p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        para_one(d, p, size, d->right - d->left, rgb);
        p = nl ? nl + 1 : NULL;
    }
    buf_free(&clean);
}

