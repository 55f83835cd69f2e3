/* cli.c — `datamind chart render --type T [--x COL] [--y COL[,COL]]
 * [--series COL] [--title S] [--stacked] [--width N] [--height N]
 * < result.json > chart.svg`. --type auto takes chart_recommend()'s pick. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

static const char usage[] =
    "usage: datamind chart render --type bar|hbar|line|area|pie|scatter|kpi|table|auto\n"
    "         [--x COL] [--y COL[,COL...]] [--series COL] [--title TEXT] [--stacked]\n"
    "         [--previous N] [--width N] [--height N] < result.json > chart.svg\n";

static void split_y(chart_config_t *cfg, const char *list)
{
    for (size_t i = 0; i < cfg->ny; i++)
        free(cfg->y[i]);
    free(cfg->y);
    cfg->ny = 0;
    cfg->y = xmalloc((strlen(list) / 2 + 2) * sizeof *cfg->y);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n)
            cfg->y[cfg->ny++] = xstrndup(p, n);
        p += n + (p[n] == ',');
    }
}

static void set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = xstrdup(v);
}

/* Options over the config; returns -1 on a bad option. */
static int parse_opts(int argc, char **argv, chart_config_t *cfg, int *autotype)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--stacked")) {
            cfg->stacked = 1;
            continue;
        }
        if (!v)
            return fprintf(stderr, "datamind chart: %s needs a value\n", o), -1;
        i++;
        if (!strcmp(o, "--type")) {
            *autotype = !strcmp(v, "auto");
            if (!*autotype && chart_kind_parse(v, &cfg->kind) < 0)
                return fprintf(stderr, "datamind chart: unknown type \"%s\"\n", v), -1;
        } else if (!strcmp(o, "--x")) {
            set_str(&cfg->x, v);
        } else if (!strcmp(o, "--y")) {
            split_y(cfg, v);
        } else if (!strcmp(o, "--series")) {
            set_str(&cfg->series, v);
        } else if (!strcmp(o, "--title")) {
            set_str(&cfg->title, v);
        } else if (!strcmp(o, "--previous")) {
            cfg->previous = strtod(v, NULL);
            cfg->has_previous = 1;
        } else if (!strcmp(o, "--width") || !strcmp(o, "--height")) {
            *(o[2] == 'w' ? &cfg->width : &cfg->height) = atoi(v);
        } else {
            return fprintf(stderr, "datamind chart: unknown option %s\n", o), -1;
        }
    }
    return 0;
}

/* Command-line choices override the recommendation field by field. */
static void merge_auto(const json_t *result, chart_config_t *cfg)
{
    chart_config_t rec;
    chart_recommend(result, &rec);
    cfg->kind = rec.kind;
    if (!cfg->x) {
        cfg->x = rec.x;
        rec.x = NULL;
    }
    if (!cfg->ny) {
        cfg->y = rec.y;
        cfg->ny = rec.ny;
        rec.y = NULL;
        rec.ny = 0;
    }
    if (!cfg->series) {
        cfg->series = rec.series;
        rec.series = NULL;
    }
    cfg->stacked |= rec.stacked;
    chart_config_free(&rec);
}

int chart_cli(int argc, char **argv)
{
    chart_config_t cfg = {0};
    json_error_t jerr;
    json_t *result = NULL;
    buf_t out = {0};
    char err[512];
    int autotype = 0, rc = 2;
    if (argc < 1 || strcmp(argv[0], "render") != 0 || parse_opts(argc, argv, &cfg, &autotype) < 0) {
        fputs(usage, stderr);
        goto out;
    }
    rc = 1;
    result = json_loadf(stdin, 0, &jerr);
    if (!result) {
        fprintf(stderr, "datamind chart: stdin is not JSON: %s (line %d)\n", jerr.text, jerr.line);
        goto out;
    }
    if (autotype)
        merge_auto(result, &cfg);
    if (chart_render_svg(result, &cfg, &out, err, sizeof err) < 0) {
        fprintf(stderr, "datamind chart: %s\n", err);
        goto out;
    }
    rc = fwrite(out.data, 1, out.len, stdout) == out.len && fflush(stdout) == 0 ? 0 : 1;
out:
    buf_free(&out);
    json_decref(result);
    chart_config_free(&cfg);
    return rc;
}
