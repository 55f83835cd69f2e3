/* render.c — chart_render_svg: dispatch to the renderer of each kind. The
 * configs are in config.c, the <desc> sentences in desc.c. */
#include <stdio.h>

#include "chart/internal.h"

int chart_render_svg(const json_t *result, const chart_config_t *cfg, buf_t *out, char *err,
                     size_t errlen)
{
    static int (*const renderers[])(const json_t *, const chart_config_t *, buf_t *, char *,
                                    size_t) = {
        chart_bar_render, chart_hbar_render,    chart_line_render, chart_line_render,
        chart_pie_render, chart_scatter_render, chart_kpi_render,  chart_table_render};
    if (!json_is_array(json_object_get(result, "columns")) ||
        !json_is_array(json_object_get(result, "rows")))
        return snprintf(err, errlen, "the result has no \"columns\" and \"rows\" lists"), -1;
    if ((unsigned)cfg->kind >= sizeof renderers / sizeof renderers[0])
        return snprintf(err, errlen, "unknown chart type"), -1;
    buf_t b = {0};  /* render aside, so a failure leaves out untouched */
    int rc = renderers[cfg->kind](result, cfg, &b, err, errlen);
    if (rc == 0)
        buf_append(out, buf_str(&b), b.len);
    buf_free(&b);
    return rc;
}
