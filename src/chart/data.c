/* data.c — from result rows to a grid of x keys by series.
 *
 * Every renderer draws from a chart_frame_t: distinct x keys (in data order
 * for text, sorted for numbers and dates), one series per y column or per
 * value of the series column, and the sum of the rows that share a key.
 * Rows with a NULL or unreadable x, y or series are skipped and counted. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart/internal.h"
#include "core/mem.h"

#define MAX_SERIES CHART_NCOLORS

/* ---- a string set giving each distinct label an index -------------------- */

typedef struct keyset {
    char **names;      /* owned, in first-seen order */
    size_t n, cap;
    size_t *slots;     /* index + 1, 0 = empty */
    size_t nslots;
} keyset_t;

static unsigned long hash_str(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

static void keyset_grow(keyset_t *k)
{
    size_t ns = k->nslots ? k->nslots * 2 : 64;
    free(k->slots);
    k->slots = xcalloc(ns, sizeof *k->slots);
    k->nslots = ns;
    for (size_t i = 0; i < k->n; i++) {
        size_t h = hash_str(k->names[i]) & (ns - 1);
        while (k->slots[h])
            h = (h + 1) & (ns - 1);
        k->slots[h] = i + 1;
    }
}

static size_t keyset_add(keyset_t *k, const char *name)
{
    if ((k->n + 1) * 2 > k->nslots)
        keyset_grow(k);
    size_t h = hash_str(name) & (k->nslots - 1);
    for (; k->slots[h]; h = (h + 1) & (k->nslots - 1))
        if (strcmp(k->names[k->slots[h] - 1], name) == 0)
            return k->slots[h] - 1;
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 16;
        k->names = xrealloc(k->names, k->cap * sizeof *k->names);
    }
    k->names[k->n] = xstrdup(name);
    k->slots[h] = ++k->n;
    return k->n - 1;
}

/* A label longer than this is shown by its start and "…": a value can be
 * megabytes long (up to DATAMIND_MAX_CELL_BYTES), a chart must stay small. */
#define LABEL_MAX 1000

static char *label_clip(const char *s)
{
    size_t n = strlen(s), keep = LABEL_MAX;
    if (n <= LABEL_MAX)
        return xstrdup(s);
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    char *out = xmalloc(keep + 4);
    memcpy(out, s, keep);
    memcpy(out + keep, "\xe2\x80\xa6", 4);
    return out;
}

/* Label for a category or series value; NULL for JSON null. Caller frees. */
static char *value_label(const json_t *v)
{
    char tmp[CHART_NUMLEN];
    if (json_is_string(v))
        return label_clip(json_string_value(v));
    if (json_is_boolean(v))
        return xstrdup(json_is_true(v) ? "true" : "false");
    if (json_is_integer(v)) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
        return xstrdup(tmp);
    }
    if (json_is_real(v)) {
        snprintf(tmp, sizeof tmp, "%.15g", json_real_value(v));
        return xstrdup(tmp);
    }
    return NULL;
}

/* A value as text the database reads back as the same value: a string as
 * it came, a number in full. NULL for anything else. */
static char *value_raw(const json_t *v)
{
    char tmp[CHART_NUMLEN];
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    if (json_is_boolean(v))
        return xstrdup(json_is_true(v) ? "true" : "false");
    if (json_is_integer(v))
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) { /* the shortest that reads back as the same double */
        snprintf(tmp, sizeof tmp, "%.15g", json_real_value(v));
        if (strtod(tmp, NULL) != json_real_value(v))
            snprintf(tmp, sizeof tmp, "%.17g", json_real_value(v));
    } else
        return NULL;
    return xstrdup(tmp);
}

static int is_percent_name(const char *s)
{
    static const char *const hints[] = {"pct", "percent", "%", "share"};
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
        if (strstr(s, hints[i]))
            return 1;
    return 0;
}

/* ---- the frame ----------------------------------------------------------- */

typedef struct entry {
    double x, y;
    size_t key, ser, seq, row;
} entry_t;

typedef struct collect {
    entry_t *e;
    size_t n, cap;
    keyset_t xk, sk;
    size_t xi, si, *yi;
    char **xr;        /* text x: each key's value as the result had it */
    size_t nxr, row;  /* how many of those; the row being read */
    int quarters;     /* x is a "quarter" of 1–4: labelled Q1 … Q4 */
} collect_t;

static int cmp_entry(const void *a, const void *b)
{
    const entry_t *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static int resolve_columns(const json_t *result, const chart_config_t *cfg, int mode,
                           chart_frame_t *f, collect_t *c, char *err, size_t errlen)
{
    const char *kind = chart_kind_name(cfg->kind);
    if (!cfg->x || !*cfg->x)
        return snprintf(err, errlen, "a %s chart needs an x column", kind), -1;
    if (cfg->ny == 0)
        return snprintf(err, errlen, "a %s chart needs a numeric y column", kind), -1;
    if (cfg->series && cfg->ny > 1)
        return snprintf(err, errlen, "use several y columns or a series column, not both"), -1;
    if (chart_col_find(result, cfg->x, &c->xi, err, errlen) < 0)
        return -1;
    c->yi = xcalloc(cfg->ny, sizeof *c->yi);
    for (size_t j = 0; j < cfg->ny; j++) {
        if (chart_col_find(result, cfg->y[j], &c->yi[j], err, errlen) < 0)
            return -1;
        for (size_t i = 0; i < j; i++) /* one series per y: a repeat would share its key */
            if (strcmp(cfg->y[i], cfg->y[j]) == 0)
                return snprintf(err, errlen, "%s is chosen twice as a y column", cfg->y[j]), -1;
        int k = chart_col_class(result, c->yi[j]);
        if (k != CT_NUM && k != CT_BOOL)
            return snprintf(err, errlen, "a %s chart needs a numeric y column; %s is %s", kind,
                            cfg->y[j], k == CT_TIME ? "a date" : "text"), -1;
    }
    if (cfg->series && chart_col_find(result, cfg->series, &c->si, err, errlen) < 0)
        return -1;
    f->xtype = chart_col_class(result, c->xi);
    c->quarters = chart_col_is_quarter(result, c->xi);
    if (mode == FRAME_ORDERED && f->xtype != CT_NUM && f->xtype != CT_TIME)
        return snprintf(err, errlen, "a %s chart needs a date or numeric x column; %s is text",
                        kind, cfg->x), -1;
    f->xname = cfg->x;
    f->yname = cfg->y[0];
    f->sname = cfg->series;
    for (size_t j = 0; j < cfg->ny && !cfg->series; j++)
        keyset_add(&c->sk, cfg->y[j]);
    return 0;
}

static void collect_push(collect_t *c, double x, size_t key, size_t ser, double y)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->e = xrealloc(c->e, c->cap * sizeof *c->e);
    }
    c->e[c->n] = (entry_t){x, y, key, ser, c->n, c->row};
    c->n++;
}

/* One row into entries; returns 1 if something in it was NULL. */
static int collect_row(const json_t *row, const chart_config_t *cfg, chart_frame_t *f,
                       collect_t *c)
{
    const json_t *xv = json_array_get(row, c->xi);
    double x = 0, y;
    size_t key = 0, ser = 0;
    if (f->xtype == CT_TIME || f->xtype == CT_NUM) {
        if ((f->xtype == CT_TIME ? chart_value_time(xv, &x) : chart_value_number(xv, &x)) < 0)
            return 1;
    } else {
        char *l = value_label(xv);
        if (!l)
            return 1;
        if (c->quarters) {  /* "Q3", not "3" */
            char *q = xmalloc(strlen(l) + 2);
            sprintf(q, "Q%s", l);
            free(l);
            l = q;
        }
        key = keyset_add(&c->xk, l);
        free(l);
        if (key == c->nxr) { /* a new key: its value unclipped, for drill-down */
            c->xr = xrealloc(c->xr, (c->nxr + 1) * sizeof *c->xr);
            c->xr[c->nxr++] = value_raw(xv);
        }
    }
    if (cfg->series) {
        char *l = value_label(json_array_get(row, c->si));
        if (!l)
            return 1;
        ser = keyset_add(&c->sk, l);
        free(l);
    }
    int skipped = 0;
    for (size_t j = 0; j < cfg->ny; j++) {
        if (chart_value_number(json_array_get(row, c->yi[j]), &y) < 0)
            skipped = 1;
        else
            collect_push(c, x, key, cfg->series ? ser : j, y);
    }
    return skipped;
}

/* Numbers and dates: sort, then give each distinct x a key, a label and
 * its value as the first row with it had it. */
static void keys_from_sorted(chart_frame_t *f, collect_t *c, const json_t *rows)
{
    if (c->n) /* qsort's base must not be NULL, even for 0 items */
        qsort(c->e, c->n, sizeof *c->e, cmp_entry);
    f->xv = xmalloc((c->n ? c->n : 1) * sizeof *f->xv);
    f->xr = xmalloc((c->n ? c->n : 1) * sizeof *f->xr);
    for (size_t i = 0; i < c->n; i++) {
        if (f->nx == 0 || f->xv[f->nx - 1] != c->e[i].x) {
            f->xr[f->nx] = value_raw(json_array_get(json_array_get(rows, c->e[i].row), c->xi));
            f->xv[f->nx++] = c->e[i].x;
        }
        c->e[i].key = f->nx - 1;
    }
    f->xl = xmalloc((f->nx ? f->nx : 1) * sizeof *f->xl);
    if (f->xtype == CT_TIME)
        f->grain = chart_time_grain(f->xv, f->nx);
    for (size_t i = 0; i < f->nx; i++) {
        char tmp[CHART_NUMLEN];
        if (f->xtype == CT_TIME)
            chart_format_time(f->xv[i], f->grain, 0, tmp, sizeof tmp);
        else
            snprintf(tmp, sizeof tmp, "%.15g", f->xv[i]);
        f->xl[i] = xstrdup(tmp);
    }
}

/* More series than colours: keep the biggest by total, drop the rest. */
static void cap_series(chart_frame_t *f, collect_t *c, size_t *map)
{
    size_t ns = c->sk.n;
    double *tot = xcalloc(ns ? ns : 1, sizeof *tot);
    for (size_t i = 0; i < c->n; i++)
        tot[c->e[i].ser] += fabs(c->e[i].y);
    for (size_t s = 0; s < ns; s++) {
        size_t rank = 0;
        for (size_t t = 0; t < ns; t++)
            rank += tot[t] > tot[s] || (tot[t] == tot[s] && t < s);
        map[s] = rank < MAX_SERIES ? 0 : (size_t)-1;
    }
    f->ns = 0;
    f->sl = xmalloc((ns ? ns : 1) * sizeof *f->sl);
    for (size_t s = 0; s < ns; s++) {
        if (map[s] == (size_t)-1) {
            free(c->sk.names[s]);
            f->more_series++;
            continue;
        }
        map[s] = f->ns;
        f->sl[f->ns++] = c->sk.names[s];
    }
    free(tot);
}

static void fill_grid(chart_frame_t *f, collect_t *c)
{
    size_t *map = xmalloc((c->sk.n ? c->sk.n : 1) * sizeof *map);
    cap_series(f, c, map);
    f->v = xmalloc((f->nx * f->ns + 1) * sizeof *f->v);
    for (size_t i = 0; i < f->nx * f->ns; i++)
        f->v[i] = NAN;
    int all_fraction = 1;
    for (size_t i = 0; i < c->n; i++) {
        size_t s = map[c->e[i].ser];
        if (s == (size_t)-1)
            continue;
        double *cell = &f->v[c->e[i].key * f->ns + s];
        *cell = isnan(*cell) ? c->e[i].y : *cell + c->e[i].y;
        all_fraction &= fabs(c->e[i].y) <= 1;
    }
    f->fraction = all_fraction;
    free(map);
}

int chart_frame_build(const json_t *result, const chart_config_t *cfg, int mode,
                      chart_frame_t *f, char *err, size_t errlen)
{
    collect_t c = {0};
    int rc = -1;
    memset(f, 0, sizeof *f);
    const json_t *rows = json_object_get(result, "rows");
    size_t ncols = json_array_size(json_object_get(result, "columns"));
    if (resolve_columns(result, cfg, mode, f, &c, err, errlen) < 0)
        goto out;
    for (size_t r = 0; r < json_array_size(rows); r++) {
        const json_t *row = json_array_get(rows, r);
        if (!json_is_array(row) || json_array_size(row) < ncols) {
            snprintf(err, errlen, "row %zu of the result has the wrong number of values", r + 1);
            goto out;
        }
        c.row = r;
        f->nulls += (size_t)collect_row(row, cfg, f, &c);
    }
    if (f->xtype == CT_TIME || f->xtype == CT_NUM) {
        keys_from_sorted(f, &c, rows);
    } else {
        f->nx = c.xk.n;
        f->xl = c.xk.names;
        c.xk.names = NULL;
        f->xr = xrealloc(c.xr, (f->nx ? f->nx : 1) * sizeof *f->xr);
        for (size_t i = c.nxr; i < f->nx; i++)
            f->xr[i] = NULL;
        c.xr = NULL;
        c.nxr = 0;
    }
    fill_grid(f, &c);
    f->percent = 1;
    for (size_t j = 0; j < cfg->ny; j++)
        f->percent &= is_percent_name(cfg->y[j]);
    rc = 0;
out:
    for (size_t i = 0; c.xk.names && i < c.xk.n; i++)
        free(c.xk.names[i]);
    if (rc < 0)
        for (size_t i = 0; i < c.sk.n; i++)
            free(c.sk.names[i]);
    for (size_t i = 0; i < c.nxr; i++)
        free(c.xr[i]);
    free(c.xr);
    free(c.xk.names);
    free(c.xk.slots);
    free(c.sk.names);
    free(c.sk.slots);
    free(c.e);
    free(c.yi);
    if (rc < 0)
        chart_frame_free(f);
    return rc;
}

double chart_frame_get(const chart_frame_t *f, size_t i, size_t s)
{
    return f->v[i * f->ns + s];
}

/* Rebuild the frame from the x keys listed in keep (in that order). */
static void frame_select(chart_frame_t *f, const size_t *keep, size_t n)
{
    double *v = xmalloc((n * f->ns + 1) * sizeof *v);
    char **xl = xmalloc((n ? n : 1) * sizeof *xl);
    char **xr = xmalloc((n ? n : 1) * sizeof *xr);
    double *xv = f->xv ? xmalloc((n ? n : 1) * sizeof *xv) : NULL;
    char *used = xcalloc(f->nx ? f->nx : 1, 1);
    for (size_t k = 0; k < n; k++) {
        memcpy(v + k * f->ns, f->v + keep[k] * f->ns, f->ns * sizeof *v);
        xl[k] = f->xl[keep[k]];
        xr[k] = f->xr[keep[k]];
        used[keep[k]] = 1;
        if (xv)
            xv[k] = f->xv[keep[k]];
    }
    for (size_t i = 0; i < f->nx; i++)
        if (!used[i]) {
            free(f->xl[i]);
            free(f->xr[i]);
        }
    free(used);
    free(f->v);
    free(f->xl);
    free(f->xr);
    f->xr = xr;
    free(f->xv);
    f->more += f->nx - n;
    f->v = v;
    f->xl = xl;
    f->xv = xv;
    f->nx = n;
}

static double row_total(const chart_frame_t *f, size_t i)
{
    double t = 0;
    for (size_t s = 0; s < f->ns; s++)
        if (!isnan(f->v[i * f->ns + s]))
            t += f->v[i * f->ns + s];
    return t;
}

typedef struct ranked {
    double total;
    size_t i;
} ranked_t;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked_t *p = a, *q = b;
    if (p->total != q->total)
        return p->total > q->total ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

void chart_frame_top(chart_frame_t *f, size_t n)
{
    if (f->nx <= n)
        return;
    ranked_t *r = xmalloc(f->nx * sizeof *r);
    size_t *keep = xmalloc(n * sizeof *keep);
    for (size_t i = 0; i < f->nx; i++)
        r[i] = (ranked_t){row_total(f, i), i};
    qsort(r, f->nx, sizeof *r, cmp_ranked);
    for (size_t k = 0; k < n; k++)
        keep[k] = r[k].i;
    frame_select(f, keep, n);
    free(keep);
    free(r);
}

void chart_frame_tail(chart_frame_t *f, size_t n)
{
    if (f->nx <= n)
        return;
    size_t *keep = xmalloc(n * sizeof *keep);
    for (size_t k = 0; k < n; k++)
        keep[k] = f->nx - n + k;
    frame_select(f, keep, n);
    free(keep);
}

void chart_frame_free(chart_frame_t *f)
{
    for (size_t i = 0; f->xl && i < f->nx; i++)
        free(f->xl[i]);
    for (size_t i = 0; f->xr && i < f->nx; i++)
        free(f->xr[i]);
    free(f->xr);
    for (size_t s = 0; f->sl && s < f->ns; s++)
        free(f->sl[s]);
    free(f->xl);
    free(f->sl);
    free(f->xv);
    free(f->v);
    memset(f, 0, sizeof *f);
}
