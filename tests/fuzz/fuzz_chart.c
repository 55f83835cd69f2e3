/* fuzz_chart — SVG charts from arbitrary JSON {"result":{columns,rows},
 * "config":{type,x,y,...}}. Renders with the given config (when it parses)
 * and with chart_recommend()'s pick. Invariant: every SVG that rendering
 * accepted is well-formed XML (checked with expat) with an <svg> root, and
 * rendering the same input twice gives the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "chart/chart.h"

static int root_seen;

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    (void)attrs;
    int *depth = ud;
    if ((*depth)++ == 0)
        root_seen = strcmp(name, "svg") == 0;
}

static void on_end(void *ud, const XML_Char *name)
{
    (void)name;
    int *depth = ud;
    (*depth)--;
}

static void check_svg(const buf_t *svg)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    int depth = 0;
    root_seen = 0;
    XML_SetUserData(p, &depth);
    XML_SetElementHandler(p, on_start, on_end);
    if (XML_Parse(p, svg->data ? svg->data : "", (int)svg->len, 1) != XML_STATUS_OK) {
        fprintf(stderr, "malformed SVG: %s at line %lu col %lu\n%s\n",
                XML_ErrorString(XML_GetErrorCode(p)), (unsigned long)XML_GetCurrentLineNumber(p),
                (unsigned long)XML_GetCurrentColumnNumber(p), svg->data ? svg->data : "");
        abort();
    }
    if (!root_seen)
        abort();
    XML_ParserFree(p);
}

static void render(const json_t *result, const chart_config_t *cfg)
{
    buf_t a = {0}, b = {0};
    char err[256];
    if (chart_render_svg(result, cfg, &a, err, sizeof err) == 0) {
        check_svg(&a);
        if (chart_render_svg(result, cfg, &b, err, sizeof err) != 0 || a.len != b.len ||
            memcmp(a.data, b.data, a.len) != 0) {
            fprintf(stderr, "the same input rendered twice differs:\n%s\n---\n%s\n",
                    a.data, b.data ? b.data : err);
            abort();
        }
    } else if (a.len != 0 || !err[0]) {
        abort(); /* out unchanged, and a reason */
    }
    buf_free(&a);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    json_t *in = json_loadb((const char *)data, size, 0, NULL);
    if (!in)
        return 0;
    const json_t *result = json_object_get(in, "result");
    if (!result)
        result = in;
    const json_t *cj = json_object_get(in, "config");
    char err[256];
    chart_config_t cfg;
    if (cj && chart_config_from_json(cj, &cfg, err, sizeof err) == 0) {
        if (cfg.width > 4000 || cfg.height > 4000 || cfg.width < 0 || cfg.height < 0) {
            /* huge viewBoxes are valid but slow to fuzz; the size is clamped by callers */
        } else {
            render(result, &cfg);
        }
        json_t *back = chart_config_to_json(&cfg);
        if (!back)
            abort();
        json_decref(back);
        chart_config_free(&cfg);
    }
    chart_config_t rec;
    if (chart_recommend(result, &rec) == 0) {
        render(result, &rec);
        chart_config_free(&rec);
    }
    json_decref(in);
    return 0;
}
