/* svg.c — the SVG writer: the root element, text that is always valid XML,
 * text measuring and cutting, headings, legends and notes.
 *
 * Text width is estimated from per-character classes (a 12px UI font is
 * ~6.6px per average Latin letter, 12px per CJK character or emoji). Good
 * enough to decide where labels fit; browsers never see the estimate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

/* Okabe-Ito hues at middle lightness: distinct for the common colour
 * blindnesses and legible on white and on #16181d. chart.css swaps in
 * lighter variants for dark mode. Grey is kept for "Other". */
const char *const chart_colors[CHART_NCOLORS] = {"#2f6eba", "#e08a00", "#1a9e77", "#cc5a9e",
                                                 "#4da3d9", "#d1512b", "#a89000", "#7b6fd0"};
#define OTHER_COLOR "#9aa1ab"

/* The coordinate rounded to one decimal (halves away from zero, as
 * round() does), written without printf: most of an SVG is numbers. The
 * output is exactly what snprintf "%.0f" of a whole value or "%.1f"
 * otherwise gave: "12", "12.3", "-0.5", never "-0". Past 1e15 (and for
 * NaN or infinity) it falls back to snprintf. */
int svg_num_format(double v, char *out)
{
    double t = round(v * 10);
    if (!(fabs(t) < 1e15)) {
        double r = t / 10;
        return snprintf(out, CHART_NUMLEN, r == round(r) ? "%.0f" : "%.1f", r == 0 ? 0 : r);
    }
    long long n = (long long)t;
    unsigned long long u = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
    char rev[24];
    int k = 0, len = 0;
    unsigned tenth = (unsigned)(u % 10);
    u /= 10;
    do {
        rev[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0)
        out[len++] = '-';
    while (k)
        out[len++] = rev[--k];
    if (tenth) {
        out[len++] = '.';
        out[len++] = (char)('0' + tenth);
    }
    out[len] = '\0';
    return len;
}

void svg_num(buf_t *b, double v)
{
    char tmp[CHART_NUMLEN];
    buf_append(b, tmp, (size_t)svg_num_format(v, tmp));
}

/* Next code point of s at *i; an invalid byte comes back as U+FFFD and is
 * skipped alone, so the rest of the string still reads. */
static unsigned decode(const unsigned char *s, size_t len, size_t *i)
{
    static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
    unsigned c = s[*i];
    size_t need;
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    need = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (need == 0 || *i + need >= len) {
        (*i)++;
        return 0xFFFD;
    }
    unsigned cp = c & (0x3F >> need);
    for (size_t k = 1; k <= need; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[*i + k] & 0x3F);
    }
    if (cp < min[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return 0xFFFD;
    }
    *i += need + 1;
    return cp;
}

#define TOOLTIP_MAX 1000

void svg_text_put(buf_t *b, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    buf_t clean = {0};
    while (i < len) {
        size_t start = i;
        unsigned cp = decode(u, len, &i);
        if (cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF)
            buf_putc(&clean, ' ');
        else if (cp == 0xFFFD)
            buf_puts(&clean, "\xef\xbf\xbd");
        else
            buf_append(&clean, s + start, i - start);
    }
    buf_put_html(b, buf_str(&clean), clean.len);
    buf_free(&clean);
}

static double char_width(unsigned cp)
{
    if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x300 && cp <= 0x36F))
        return 0;
    if (cp >= 0x1100)
        return 1.0;
    if (cp >= 0x80)
        return 0.6;
    if (strchr("iljtf.,:;'|!() []1", (int)cp))
        return 0.32;
    if ((cp >= 'A' && cp <= 'Z') || cp == 'm' || cp == 'w' || cp == '%' || cp == '@')
        return 0.7;
    return 0.58;
}

double svg_text_width(const char *s, double font)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    double w = 0;
    while (i < len)
        w += char_width(decode(u, len, &i));
    return w * font;
}

char *svg_text_fit(const char *s, double max_w, double font)
{
    if (svg_text_width(s, font) <= max_w)
        return xstrdup(s);
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, cut = 0;
    double w = 0.6 * font;  /* the ellipsis */
    while (i < len) {
        w += char_width(decode(u, len, &i)) * font;
        if (w > max_w)
            break;
        cut = i;
    }
    while (cut > 0 && s[cut - 1] == ' ')
        cut--;
    char *out = xmalloc(cut + 4);
    memcpy(out, s, cut);
    memcpy(out + cut, "\xe2\x80\xa6", 4);
    return out;
}

void svg_begin(buf_t *b, const chart_config_t *cfg, const char *kind, double w, double h,
               const char *desc)
{
    buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    svg_num(b, w);
    buf_putc(b, ' ');
    svg_num(b, h);
    buf_printf(b, "\" class=\"dm-chart dm-%s\" role=\"img\" font-family=\"system-ui, "
                  "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" "
                  "font-size=\"12\"><title>", kind);
    if (cfg->title && *cfg->title)
        svg_text_put(b, cfg->title);
    else
        buf_printf(b, "%c%s chart", kind[0] - 32, kind + 1);
    buf_puts(b, "</title><desc>");
    svg_text_put(b, desc);
    buf_puts(b, "</desc>");
}

void svg_end(buf_t *b)
{
    buf_puts(b, "</svg>\n");
}

double svg_heading(buf_t *b, const chart_config_t *cfg, double w)
{
    if (!cfg->title || !*cfg->title)
        return 12;
    svg_label(b, 16, 26, "start", "ttl", cfg->title, w - 32);
    return 42;
}

void svg_label(buf_t *b, double x, double y, const char *anchor, const char *cls,
               const char *text, double max_w)
{
    char *shown = svg_text_fit(text, max_w, CHART_FONT);
    buf_puts(b, "<text x=\"");
    svg_num(b, x);
    buf_puts(b, "\" y=\"");
    svg_num(b, y);
    buf_putc(b, '"');
    if (strcmp(anchor, "start") != 0)
        buf_printf(b, " text-anchor=\"%s\"", anchor);
    if (cls && !strcmp(cls, "ttl"))
        buf_puts(b, " class=\"ttl\" font-size=\"15\" font-weight=\"600\" fill=\"#1f2328\"");
    else if (cls)
        buf_printf(b, " class=\"%s\"", cls);
    buf_putc(b, '>');
    svg_text_put(b, shown);
    if (strcmp(shown, text) != 0) {
        /* the tooltip: the whole label, up to a screenful (a value can be
         * megabytes long; the chart must stay small) */
        size_t n = strlen(text), keep = n <= TOOLTIP_MAX ? n : TOOLTIP_MAX;
        while (keep < n && keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
            keep--;
        char *tip = xstrndup(text, keep);
        buf_puts(b, "<title>");
        svg_text_put(b, tip);
        if (keep < n)
            buf_puts(b, "\xe2\x80\xa6");
        buf_puts(b, "</title>");
        free(tip);
    }
    buf_puts(b, "</text>");
    free(shown);
}

void svg_attr_color(buf_t *b, const char *cls, size_t s, int is_other, int stroke)
{
    const char *c = is_other ? OTHER_COLOR : chart_colors[s % CHART_NCOLORS];
    if (is_other)
        buf_printf(b, " class=\"%s so\"", cls);
    else
        buf_printf(b, " class=\"%s s%zu\"", cls, s % CHART_NCOLORS);
    if (stroke)
        buf_printf(b, " fill=\"none\" stroke=\"%s\"", c);
    else
        buf_printf(b, " fill=\"%s\"", c);
}

void svg_empty(buf_t *b, const chart_config_t *cfg, const char *kind, const char *what)
{
    double w, h;
    chart_size(cfg, &w, &h);
    svg_begin(b, cfg, kind, w, h, what);
    double top = svg_heading(b, cfg, w);
    buf_puts(b, "<g class=\"note\" fill=\"#6b7280\">");
    svg_label(b, w / 2, top + (h - top) / 2, "middle", NULL, what, w - 32);
    buf_puts(b, "</g>");
    svg_end(b);
}

double svg_legend(buf_t *b, double x, double y, double w, char **names, size_t n, int other_last)
{
    if (n < 2)
        return 0;
    double cx = x, cy = y;
    buf_puts(b, "<g class=\"legend\" fill=\"#4b5260\">");
    for (size_t i = 0; i < n; i++) {
        char *shown = svg_text_fit(names[i], 150, CHART_FONT);
        double iw = 16 + svg_text_width(shown, CHART_FONT) + 18;
        if (cx > x && cx + iw > x + w) {
            cx = x;
            cy += 20;
        }
        buf_puts(b, "<g><rect x=\"");
        svg_num(b, cx);
        buf_puts(b, "\" y=\"");
        svg_num(b, cy - 9);
        buf_puts(b, "\" width=\"10\" height=\"10\" rx=\"2\"");
        svg_attr_color(b, "mk", i, other_last && i == n - 1, 0);
        buf_puts(b, "/>");
        free(shown);
        svg_label(b, cx + 15, cy, "start", NULL, names[i], 150);
        buf_puts(b, "</g>");
        cx += iw;
    }
    buf_puts(b, "</g>");
    return cy - y + 24;
}

void svg_note(buf_t *b, double x, double y, const char *text)
{
    buf_puts(b, "<g class=\"note\" fill=\"#6b7280\" font-style=\"italic\">");
    svg_label(b, x, y, "end", NULL, text, 400);
    buf_puts(b, "</g>");
}

/* Percent-encode all but the unreserved characters (RFC 3986), so the
 * value reads back exactly; '&' of the query string as &amp;. */
static void url_part(buf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~')
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

/* A value longer than this gets no drill link: its URL would pass what
 * a server reads of a request line (and weigh on the page for each mark). */
#define DRILL_MAX_VALUE 512

int svg_drill_open(buf_t *b, const chart_config_t *cfg, const chart_frame_t *f, size_t i)
{
    if (!cfg->drill || !cfg->x || !f->xr || i >= f->nx || !f->xr[i] ||
        strlen(f->xr[i]) > DRILL_MAX_VALUE)
        return 0;
    buf_puts(b, "<a class=\"drill\" href=\"");
    svg_text_put(b, cfg->drill);
    buf_puts(b, "col=");
    url_part(b, cfg->x);
    buf_puts(b, "&amp;v=");
    url_part(b, f->xr[i]);
    buf_puts(b, "\">");
    return 1;
}

void svg_drill_close(buf_t *b, int opened)
{
    if (opened)
        buf_puts(b, "</a>");
}
