/* pdfchart.c — the page's own chart in the PDF: chart_render_svg()'s SVG
 * drawn by librsvg onto the cairo PDF surface, so it stays vectors and
 * there is one chart implementation, not a second one for print. */
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "export/pdfdoc.h"

#define SVG_SCALE 0.85   /* points per viewBox unit: 12px chart text prints at ~10pt */

static int config_get(const json_t *result, const json_t *config, chart_config_t *cfg,
                      char *err, size_t errlen)
{
    if (config)
        return chart_config_from_json(config, cfg, err, errlen);
    if (chart_recommend(result, cfg) < 0) {
        snprintf(err, errlen, "The result cannot be charted.");
        return -1;
    }
    return 0;
}

/* Place the SVG (viewBox vw x vh) in the content width, at most max_h high. */
static int draw(pdfdoc_t *d, const buf_t *svg, double max_h, char *err, size_t errlen)
{
    GError *gerr = NULL;
    RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg->data, svg->len, &gerr);
    if (!h) {
        snprintf(err, errlen, "The chart could not be drawn.");
        g_clear_error(&gerr);
        return -1;
    }
    gboolean has_w, has_h, has_vb;
    RsvgLength lw, lh;
    RsvgRectangle vb = {0, 0, 600, 340};
    rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    double avail = d->right - d->left;
    double w = fmin(avail, vb.width * SVG_SCALE), ht = w * vb.height / vb.width;
    if (ht > max_h)
        w *= max_h / ht, ht = max_h;
    pdfdoc_need(d, ht);
    RsvgRectangle vp = {d->left + (avail - w) / 2, d->y, w, ht};
    int rc = 0;
    if (!d->dry && !rsvg_handle_render_document(h, d->cr, &vp, &gerr)) {
        snprintf(err, errlen, "The chart could not be drawn.");
        g_clear_error(&gerr);
        rc = -1;
    }
    d->fsize = 0;  /* librsvg leaves the cairo font state alone, but be sure */
    d->y += ht + 8;
    g_object_unref(h);
    return rc;
}

int pdfdoc_chart(pdfdoc_t *d, const json_t *result, const json_t *config,
                 const char *skip_title, double max_h, char *err, size_t errlen)
{
    chart_config_t cfg;
    buf_t svg = {0};
    int rc = -1;
    if (config_get(result, config, &cfg, err, errlen) < 0)
        return -1;
    if (cfg.kind == CHART_TABLE) {
        rc = 0;
        goto out;
    }
    if (cfg.title && skip_title && strcmp(cfg.title, skip_title) == 0) {
        free(cfg.title);
        cfg.title = NULL;
    }
    if (!cfg.width)  /* as wide as the page, so text keeps its size */
        cfg.width = (int)((d->right - d->left) / SVG_SCALE);
    if (!cfg.height)  /* a KPI is one big number: a short box */
        cfg.height = (int)fmin(cfg.kind == CHART_KPI ? 150 : 340, max_h / SVG_SCALE);
    if (chart_render_svg(result, &cfg, &svg, err, errlen) < 0)
        goto out;
    if (draw(d, &svg, max_h, err, errlen) == 0)
        rc = 1;
out:
    buf_free(&svg);
    chart_config_free(&cfg);
    return rc;
}
