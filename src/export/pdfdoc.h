/* pdfdoc.h — the small page-layout layer the PDF exports share (internal).
 *
 * A document is drawn twice: a counting pass (dry: text is measured on a
 * PDF surface that discards its output, nothing is drawn) that finds the
 * page count, then the real pass, whose footers can say "Page N of M".
 * The layout code is the same in both passes, so the pages agree.
 * Units are PDF points; y grows downwards from the top of the page. */
#ifndef DM_EXPORT_PDFDOC_H
#define DM_EXPORT_PDFDOC_H

#include <cairo.h>
#include <jansson.h>

#include "core/buf.h"
#include "export/internal.h"

enum { PDF_LEFT, PDF_RIGHT, PDF_CENTER };

#define PDF_INK 0x1f2328
#define PDF_GREY 0x6b7280
#define PDF_RULE 0xd0d7de
#define PDF_ACCENT 0x2563eb
#define PDF_ERROR 0xb42318

typedef struct pdfdoc {
    cairo_surface_t *surface;
    cairo_t *cr;
    double pw, ph;          /* page size */
    double left, right;     /* content column: x from left to right */
    double top, bottom;     /* content rows: y from top to bottom */
    double y;               /* the cursor: top of the next thing */
    int page, pages;        /* current page (1-based), total (0 when counting) */
    int dry;                /* counting pass */
    char *footer;           /* left footer text, cleaned */
    double fsize;           /* current font, so switches are cheap */
    int fstyle;
    buf_t tmp;
} pdfdoc_t;

enum { PDF_REGULAR, PDF_BOLD, PDF_ITALIC, PDF_MONO };

/* path NULL = the counting pass. pages: the total from that pass. */
int pdfdoc_open(pdfdoc_t *d, const char *path, int landscape, const char *title,
                const char *footer, int pages, char *err, size_t errlen);
/* Ends the last page and writes the file. Returns the page count, or -1. */
int pdfdoc_close(pdfdoc_t *d, char *err, size_t errlen);

void pdfdoc_new_page(pdfdoc_t *d);
/* Start a new page unless h more points fit on this one. 1 when it broke. */
int pdfdoc_need(pdfdoc_t *d, double h);

void pdfdoc_font(pdfdoc_t *d, double size, int style);
void pdfdoc_color(pdfdoc_t *d, unsigned rgb);
/* s must be clean UTF-8 (see export_utf8_clean). */
double pdfdoc_width(pdfdoc_t *d, const char *s);
/* Draw s with its baseline at y; align against x (left edge, right edge or centre). */
void pdfdoc_text(pdfdoc_t *d, double x, double y, const char *s, int align);
/* s (clean) cut to fit w with an ellipsis, into out (reset first). */
void pdfdoc_fit(pdfdoc_t *d, const char *s, double w, buf_t *out);
void pdfdoc_rect(pdfdoc_t *d, double x, double y, double w, double h, unsigned rgb);
void pdfdoc_hline(pdfdoc_t *d, double x0, double x1, double y, double width, unsigned rgb);
/* Word-wrapped text (any UTF-8; newlines start paragraphs) across the
 * content width at the cursor, breaking pages as needed. */
void pdfdoc_para(pdfdoc_t *d, const char *s, double size, int style, unsigned rgb);

/* ---- pdftable.c ---------------------------------------------------------- */

/* The result's first max_rows rows as a table at the cursor, header row
 * repeated on every page. */
void pdfdoc_table(pdfdoc_t *d, const export_table_t *t, size_t max_rows);

/* ---- pdfchart.c ---------------------------------------------------------- */

/* The chart chart_render_svg() draws for result + config (NULL =
 * recommend), as vectors, at the cursor, at most max_h high. 1 drawn,
 * 0 nothing to draw (the config is a table), -1 + err when it cannot be
 * drawn. A chart title equal to skip_title is dropped (the page has it). */
int pdfdoc_chart(pdfdoc_t *d, const json_t *result, const json_t *config,
                 const char *skip_title, double max_h, char *err, size_t errlen);


#endif
