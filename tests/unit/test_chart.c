/* test_chart.c — chart/: every kind, the hard-data cases, well-formed XML
 * (every SVG goes through expat), determinism and golden files.
 * Usage: test_chart [GOLDEN_DIR]   (default tests/unit/chart_golden)
 * CHART_GOLDEN_UPDATE=1 rewrites the golden files instead of comparing. */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "chart/internal.h"
#include "check.h"
#include "core/buf.h"

static const char *golden_dir = "tests/unit/chart_golden";

static int xml_ok(const char *s)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    int ok = XML_Parse(p, s, (int)strlen(s), 1) == XML_STATUS_OK;
    if (!ok)
        fprintf(stderr, "XML error: %s at line %lu col %lu\n",
                XML_ErrorString(XML_GetErrorCode(p)), XML_GetCurrentLineNumber(p),
                XML_GetCurrentColumnNumber(p));
    XML_ParserFree(p);
    return ok;
}

/* Render result+config given as JSON text; returns the SVG (caller frees)
 * or NULL with err filled. Every SVG returned has been checked as XML. */
static char *render(const char *result, const char *config, char *err, size_t errlen)
{
    json_t *r = json_loads(result, 0, NULL), *c = json_loads(config, 0, NULL);
    chart_config_t cfg;
    buf_t out = {0};
    char *svg = NULL;
    if (!r || !c) {
        snprintf(err, errlen, "bad test JSON");
        goto out;
    }
    if (chart_config_from_json(c, &cfg, err, errlen) < 0)
        goto out;
    if (chart_render_svg(r, &cfg, &out, err, errlen) == 0) {
        svg = buf_detach(&out);
        CHECK(xml_ok(svg));
        CHECK(strstr(svg, "role=\"img\"") && strstr(svg, "<title>") && strstr(svg, "<desc>"));
        CHECK(!strstr(svg, " style="));
    }
    chart_config_free(&cfg);
out:
    buf_free(&out);
    json_decref(r);
    json_decref(c);
    return svg;
}

static int has(const char *svg, const char *needle)
{
    int ok = svg && strstr(svg, needle) != NULL;
    if (!ok)
        fprintf(stderr, "  missing: %s\n", needle);
    return ok;
}

#define REGION "{\"columns\":[{\"name\":\"region\",\"type\":\"text\"},{\"name\":\"revenue\"," \
               "\"type\":\"number\"}],\"rows\":[[\"EMEA\",4800000],[\"APAC\",2100000]," \
               "[\"LATAM\",900000]]}"
#define MONTHLY "{\"columns\":[{\"name\":\"month\",\"type\":\"date\"},{\"name\":\"revenue\"," \
                "\"type\":\"number\"}],\"rows\":[[\"2024-03-01\",30],[\"2024-01-01\",10]," \
                "[\"2024-02-01\",\"20.5\"],[\"2024-04-01\",null],[\"2024-12-01\",45]]}"

/* The printf-free coordinate formatter: exact strings, and the same bytes
 * as the snprintf it replaced over a sweep of values. */
static void old_svg_num(double v, char *tmp)
{
    double r = round(v * 10) / 10;
    if (r == 0)
        r = 0;
    snprintf(tmp, CHART_NUMLEN, r == round(r) ? "%.0f" : "%.1f", r);
}

static void test_svg_num_format(void)
{
    static const struct { double v; const char *want; } cases[] = {
        {0, "0"}, {-0.0, "0"}, {-0.04, "0"}, {0.05, "0.1"}, {-0.05, "-0.1"}, {12, "12"},
        {12.34, "12.3"}, {12.35, "12.4"}, {12.25, "12.3"}, {-0.5, "-0.5"}, {-12.96, "-13"},
        {99.95, "100"}, {340, "340"}, {1e6 + 0.1, "1000000.1"}, {123456789012.3, "123456789012.3"},
        {1e15, "1000000000000000"}, {-1e16, "-10000000000000000"},
    };
    char got[CHART_NUMLEN], want[CHART_NUMLEN];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = svg_num_format(cases[i].v, got);
        CHECK_STR(got, cases[i].want);
        CHECK_INT(n, (int)strlen(cases[i].want));
    }
    int same = 1;
    for (long i = -200000; i <= 200000 && same; i += 7) {
        double vs[] = {i / 100.0, i / 7.0, i * 0.05, i * 1.37e-3, i * 123.456};
        for (size_t k = 0; k < sizeof vs / sizeof vs[0]; k++) {
            svg_num_format(vs[k], got);
            old_svg_num(vs[k], want);
            if (strcmp(got, want) != 0) {
                CHECK_STR(got, want);
                same = 0;
            }
        }
    }
    CHECK(same);
}

static void test_format(void)
{
    char s[32];
    static const struct { double v; const char *want; } cases[] = {
        {1234, "1.2K"}, {4812345, "4.8M"}, {3.1e9, "3.1B"}, {-2500, "\xe2\x88\x92" "2.5K"},
        {0, "0"}, {999960, "1M"}, {12.5, "12.5"}, {0.25, "0.25"}, {123456, "123K"},
        {42, "42"}, {2e12, "2T"}, {-0.0, "0"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(chart_format_number(cases[i].v, s, sizeof s) > 0);
        CHECK_STR(s, cases[i].want);
    }
    CHECK_INT(chart_format_number(1234, s, 3), -1);
    chart_format_full(4812345.678, s, sizeof s);
    CHECK_STR(s, "4,812,345.68");
    chart_format_full(-2500, s, sizeof s);
    CHECK_STR(s, "\xe2\x88\x92" "2,500");
    chart_format_tick(1500, 500, 2000, 0, 0, s, sizeof s);
    CHECK_STR(s, "1,500");
    chart_format_tick(2500000, 500000, 5000000, 0, 0, s, sizeof s);
    CHECK_STR(s, "2.5M");
    chart_format_tick(0.125, 0.025, 0.2, 1, 1, s, sizeof s);
    CHECK_STR(s, "12.5%");
    /* issue 15: a KPI showed "5K" for 4,990 */
    char err[256] = "";
    static const struct { double v; const char *want; } heads[] = {
        {4990, "4,990"}, {36138, "36,138"}, {99999.5, "99,999.5"}, {123.456, "123.46"},
        {100000, "100K"}, {4812345, "4.81M"}, {999960, "1M"}, {-4990, "\xe2\x88\x92" "4,990"},
        {12345678, "12.3M"}, {0, "0"}};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        chart_format_headline(heads[i].v, s, sizeof s);
        CHECK_STR(s, heads[i].want);
    }
    char *svg = render("{\"columns\":[{\"name\":\"orders\",\"type\":\"integer\"}],\"rows\":[[4990]]}",
                       "{\"type\":\"kpi\",\"y\":[\"orders\"]}", err, sizeof err);
    CHECK(has(svg, ">4,990<title>4,990</title>"));
    free(svg);
    /* issue 15: a monthly axis was labelled by quarter; quarterly data keeps Q labels */
    svg = render(MONTHLY, "{\"type\":\"line\",\"x\":\"month\",\"y\":[\"revenue\"]}", err, sizeof err);
    CHECK(has(svg, ">Apr 2024<") && !strstr(svg, "Q2 2024"));
    free(svg);
    svg = render("{\"columns\":[{\"name\":\"q\",\"type\":\"date\"},{\"name\":\"v\",\"type\":\"number\"}],"
                 "\"rows\":[[\"2024-01-01\",1],[\"2024-04-01\",2],[\"2024-07-01\",3],[\"2024-10-01\",4],"
                 "[\"2025-01-01\",5]]}", "{\"type\":\"line\",\"x\":\"q\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(svg, ">Q2 2024<"));
    free(svg);
}

/* issue 15: `datamind chart render` read PostgreSQL type names as text ("a bar
 * chart needs a numeric y column; v is text"); JSON numbers are numbers. */
/* "by year" gives the year itself (2022): a time axis labelled by year */
static void test_year_axis(void)
{
    char err[256] = "";
    char *svg = render("{\"columns\":[{\"name\":\"year\",\"type\":\"integer\"},"
                       "{\"name\":\"n\",\"type\":\"integer\"}],\"rows\":[[2022,5],[2023,7],[2024,9]]}",
                       "{\"type\":\"line\",\"x\":\"year\",\"y\":[\"n\"]}", err, sizeof err);
    CHECK(svg != NULL);
    CHECK(svg && strstr(svg, ">2023<") != NULL);  /* not "2,023" */
    CHECK(svg && strstr(svg, "2,023") == NULL);
    free(svg);
    /* "each quarter of 2025": quarters 1–4, bars labelled Q1 … Q4, not a pie of "1" … "4" */
    const char *quarters = "{\"columns\":[{\"name\":\"quarter\",\"type\":\"integer\"},"
                           "{\"name\":\"orders\",\"type\":\"integer\"}],\"rows\":[[1,6935],[2,7605],[3,7206],[4,11867]]}";
    json_t *r = json_loads(quarters, 0, NULL);
    chart_config_t cfg;
    CHECK_INT(chart_recommend(r, &cfg), 0);
    CHECK_INT(cfg.kind, CHART_BAR);
    chart_config_free(&cfg);
    json_decref(r);
    svg = render(quarters, "{\"type\":\"bar\",\"x\":\"quarter\",\"y\":[\"orders\"]}", err, sizeof err);
    CHECK(svg && strstr(svg, ">Q4<") != NULL);
    free(svg);
}

static void test_postgres_type_names(void)
{
    static const char *const numeric[] = {"numeric", "bigint", "double precision", "numeric(12,2)",
                                          "int8", "real", "smallint", "DECIMAL"};
    char json[512], err[256];
    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
        snprintf(json, sizeof json, "{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},"
                 "{\"name\":\"v\",\"type\":\"%s\"}],\"rows\":[[\"a\",1],[\"b\",\"2.5\"]]}", numeric[i]);
        err[0] = '\0';
        char *svg = render(json, "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
        CHECK(svg != NULL);
        if (!svg)
            fprintf(stderr, "  %s: %s\n", numeric[i], err);
        free(svg);
    }
    static const char *const times[] = {"timestamptz", "timestamp with time zone",
                                        "timestamp(3) without time zone", "date"};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        snprintf(json, sizeof json, "{\"columns\":[{\"name\":\"t\",\"type\":\"%s\"},"
                 "{\"name\":\"v\",\"type\":\"bigint\"}],\"rows\":[[\"2024-01-01 00:00:00+00\",1],"
                 "[\"2024-02-01 00:00:00+00\",2],[\"2024-03-01 00:00:00+00\",3]]}", times[i]);
        char *svg = render(json, "{\"type\":\"line\",\"x\":\"t\",\"y\":[\"v\"]}", err, sizeof err);
        CHECK(svg != NULL && has(svg, ">Feb 2024<"));
        free(svg);
    }
    /* JSON numbers under a type DataMind does not know, or none */
    char *svg = render("{\"columns\":[{\"name\":\"k\"},{\"name\":\"v\",\"type\":\"whatever\"}],"
                       "\"rows\":[[\"a\",1],[\"b\",2.5]]}", "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}",
                       err, sizeof err);
    CHECK(svg != NULL);
    free(svg);
    /* a text column stays text */
    svg = render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"varchar\"}],"
                 "\"rows\":[[\"a\",\"x\"],[\"b\",\"y\"]]}", "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}",
                 err, sizeof err);
    CHECK(svg == NULL && strstr(err, "needs a numeric y column"));
    free(svg);
}

static void test_time(void)
{
    double t;
    char s[48];
    CHECK_INT(chart_time_parse("2024-03-05", &t), 0);
    chart_format_time(t, G_DAY, 0, s, sizeof s);
    CHECK_STR(s, "Mar 5, 2024");
    CHECK_INT(chart_time_parse("2024-03-05T14:02:11.123456+02:00", &t), 0);
    chart_format_time(t, G_SEC, 0, s, sizeof s);
    CHECK_STR(s, "Mar 5, 2024 14:02:11");
    CHECK_INT(chart_time_parse("2024-03-05 14:02:11+0530", &t), 0);
    CHECK_INT(chart_time_parse("2024-03-05 14:02", &t), 0);
    CHECK_INT(chart_time_parse("2024-13-05", &t), -1);
    CHECK_INT(chart_time_parse("2024-03-05x", &t), -1);
    CHECK_INT(chart_time_parse("yesterday", &t), -1);
    chart_format_time(chart_time_make(2024, 8, 1), G_QUARTER, 0, s, sizeof s);
    CHECK_STR(s, "Q3 2024");
    chart_format_time(chart_time_make(2024, 3, 1), G_MONTH, 0, s, sizeof s);
    CHECK_STR(s, "Mar 2024");
    chart_format_time(chart_time_make(1969, 12, 31), G_YEAR, 0, s, sizeof s);
    CHECK_STR(s, "1969");
    double q[] = {chart_time_make(2024, 1, 1), chart_time_make(2024, 4, 1), chart_time_make(2024, 7, 1)};
    CHECK_INT(chart_time_grain(q, 3), G_QUARTER);
    double y[] = {chart_time_make(2022, 1, 1), chart_time_make(2023, 1, 1)};
    CHECK_INT(chart_time_grain(y, 2), G_YEAR);
}

static void test_scales(void)
{
    chart_ticks_t t;
    double lo = 0, hi = 4.8e6;
    chart_ticks_linear(&lo, &hi, 5, &t);
    CHECK(t.step == 1e6 && lo == 0 && hi == 5e6 && t.n == 6);
    lo = -250, hi = 6100;
    chart_ticks_linear(&lo, &hi, 6, &t);
    int has_zero = 0, ok125 = 1;
    for (size_t i = 0; i < t.n; i++)
        has_zero |= t.v[i] == 0;
    double m = t.step / pow(10, floor(log10(t.step)));
    ok125 = fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
    CHECK(has_zero && ok125 && lo <= -250 && hi >= 6100);
    lo = hi = 7;  /* one value */
    chart_ticks_linear(&lo, &hi, 5, &t);
    CHECK(lo < 7 && hi > 7 && t.n >= 2);
    lo = 1e-300, hi = 3e-300;
    chart_ticks_linear(&lo, &hi, 5, &t);
    CHECK(t.n >= 2 && t.n <= 13);
    lo = -1e300, hi = 1e300;
    chart_ticks_linear(&lo, &hi, 5, &t);
    CHECK(t.n >= 2 && isfinite(t.step));
    chart_ticks_time(chart_time_make(2024, 1, 1), chart_time_make(2024, 12, 1), 12, &t);
    CHECK(t.grain == G_MONTH && t.n == 12);
    chart_ticks_time(chart_time_make(2015, 3, 1), chart_time_make(2024, 12, 1), 6, &t);
    CHECK(t.grain == G_YEAR && t.n >= 4 && t.n <= 6);
    int y, mo, d, h, mi, s;
    chart_time_civil(t.v[0], &y, &mo, &d, &h, &mi, &s);
    CHECK(mo == 1 && d == 1 && y % 2 == 0);
    chart_ticks_time(0, 86400 * 2, 8, &t);
    CHECK(t.grain == G_HOUR && t.n >= 5);
}

static void test_lttb(void)
{
    enum { N = 10000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    size_t *idx = malloc(N * sizeof *idx);
    for (size_t i = 0; i < N; i++) {
        x[i] = (double)i;
        y[i] = sin((double)i / 500);
    }
    y[4321] = 50;  /* a spike must survive */
    size_t n = chart_lttb(x, y, N, 500, idx), spike = 0, sorted = 1;
    CHECK_INT(n, 500);
    CHECK(idx[0] == 0 && idx[n - 1] == N - 1);
    for (size_t i = 0; i < n; i++) {
        spike |= idx[i] == 4321;
        sorted &= i == 0 || idx[i] > idx[i - 1];
    }
    CHECK(spike && sorted);
    CHECK_INT(chart_lttb(x, y, 10, 500, idx), 10);
    free(x);
    free(y);
    free(idx);
}

static void test_kinds(void)
{
    char err[256];
    char *s;
    s = render(REGION, "{\"type\":\"bar\",\"x\":\"region\",\"y\":[\"revenue\"],\"title\":\"Revenue\"}",
               err, sizeof err);
    CHECK(has(s, "Bar chart of revenue by region; highest: EMEA 4.8M; lowest: LATAM 900K"));
    CHECK(has(s, "<title>EMEA: 4,800,000</title>") && has(s, "class=\"mk s0\""));
    CHECK(!strstr(s, "class=\"legend\""));  /* no series, no legend */
    free(s);
    s = render(REGION, "{\"type\":\"hbar\",\"x\":\"region\",\"y\":\"revenue\"}", err, sizeof err);
    CHECK(has(s, "dm-hbar") && has(s, ">4.8M<"));
    free(s);
    s = render(MONTHLY, "{\"type\":\"line\",\"x\":\"month\",\"y\":[\"revenue\"]}", err, sizeof err);
    CHECK(has(s, "Line chart of revenue by month, Jan 2024 to Dec 2024"));
    CHECK(has(s, "1 row with empty values skipped") && has(s, "<title>Feb 2024: 20.5</title>"));
    free(s);
    s = render(MONTHLY, "{\"type\":\"area\",\"x\":\"month\",\"y\":[\"revenue\"]}", err, sizeof err);
    CHECK(has(s, "Area chart") && has(s, "class=\"ar s0\""));
    free(s);
    s = render(REGION, "{\"type\":\"pie\",\"x\":\"region\",\"y\":[\"revenue\"]}", err, sizeof err);
    CHECK(has(s, "Donut chart of revenue by region, total 7.8M; largest: EMEA 4.8M (62%)"));
    CHECK(has(s, ">7.8M</text>"));
    free(s);
    s = render("{\"columns\":[{\"name\":\"price\",\"type\":\"number\"},{\"name\":\"qty\",\"type\":"
               "\"integer\"},{\"name\":\"cat\",\"type\":\"text\"}],\"rows\":[[1.5,10,\"a\"],[2,8,\"b\"],"
               "[3,4,\"a\"],[null,1,\"b\"]]}",
               "{\"type\":\"scatter\",\"x\":\"price\",\"y\":[\"qty\"],\"series\":\"cat\"}", err, sizeof err);
    CHECK(has(s, "Scatter plot of qty against price, 3 points coloured by cat") &&
          has(s, "class=\"legend\""));
    free(s);
    s = render("{\"columns\":[{\"name\":\"revenue\",\"type\":\"number\"}],\"rows\":[[4812345]]}",
               "{\"type\":\"kpi\",\"y\":[\"revenue\"],\"previous\":4300000}", err, sizeof err);
    CHECK(has(s, ">4.81M<title>4,812,345</title>") && has(s, "\xe2\x96\xb2 11.9% vs 4.3M"));
    CHECK(has(s, "revenue: 4,812,345, up 11.9% vs 4.3M"));
    free(s);
    s = render(MONTHLY, "{\"type\":\"kpi\",\"x\":\"month\",\"y\":[\"revenue\"]}", err, sizeof err);
    CHECK(has(s, "\xe2\x96\xb2 50% vs 30") && has(s, "class=\"ln spark s0\""));
    free(s);
    s = render(REGION, "{\"type\":\"table\"}", err, sizeof err);
    CHECK(has(s, "Table of 3 rows and 2 columns") && has(s, ">4,800,000<"));
    free(s);
}

static void test_errors(void)
{
    char err[256] = "";
    CHECK(!render(REGION, "{\"type\":\"bar\",\"x\":\"regoin\",\"y\":[\"revenue\"]}", err, sizeof err));
    CHECK_STR(err, "there is no column named \"regoin\" in the result (columns: region, revenue)");
    CHECK(!render(REGION, "{\"type\":\"pie\",\"x\":\"revenue\",\"y\":[\"region\"]}", err, sizeof err));
    CHECK_STR(err, "a pie chart needs a numeric y column; region is text");
    CHECK(!render(REGION, "{\"type\":\"line\",\"x\":\"region\",\"y\":[\"revenue\"]}", err, sizeof err));
    CHECK_STR(err, "a line chart needs a date or numeric x column; region is text");
    CHECK(!render(REGION, "{\"type\":\"bar\",\"y\":[\"revenue\"]}", err, sizeof err));
    CHECK_STR(err, "a bar chart needs an x column");
    CHECK(!render(REGION, "{\"type\":\"donut-ish\"}", err, sizeof err));
    CHECK(strstr(err, "unknown chart type \"donut-ish\"") != NULL);
    CHECK(!render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
                  "\"rows\":[[\"a\",5],[\"b\",-2]]}",
                  "{\"type\":\"pie\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err));
    CHECK(strstr(err, "cannot show negative values") != NULL);
    char *t = render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\"}],"
                     "\"rows\":[[\"a\",1],[\"b\"]]}", "{\"type\":\"table\"}", err, sizeof err);
    CHECK(t != NULL);  /* a short row: the table shows a dash */
    free(t);
    CHECK(!render("{\"rows\":[]}", "{\"type\":\"table\"}", err, sizeof err));
}

/* A result of n rows built by fmt(i) for each row. */
static char *big_result(const char *cols, size_t n, void (*row)(buf_t *, size_t))
{
    buf_t b = {0};
    buf_printf(&b, "{\"columns\":%s,\"rows\":[", cols);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, ',');
        row(&b, i);
    }
    buf_puts(&b, "]}");
    return buf_detach(&b);
}

static void row_cat(buf_t *b, size_t i) { buf_printf(b, "[\"cat %05zu\",%zu]", i, (i * 7919) % 10007); }
static void row_line(buf_t *b, size_t i)
{
    buf_printf(b, "[%zu,%.3f]", i, sin((double)i / 3000) * 100 + (i == 54321 ? 900 : 0));
}
static void row_slice(buf_t *b, size_t i) { buf_printf(b, "[\"part %zu\",%zu]", i, 100 - i * 9); }
static void row_zero(buf_t *b, size_t i) { buf_printf(b, "[\"k%zu\",0]", i); }

static void test_hard_data(void)
{
    char err[256], *s, *r;
    const char *catcols = "[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"integer\"}]";
    /* 10,000 categories: top N and a note */
    r = big_result(catcols, 10000, row_cat);
    s = render(r, "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, " more not shown") && has(s, "more</text>") && has(s, ">+9,9"));
    CHECK(s && strlen(s) < 40000);
    free(s);
    s = render(r, "{\"type\":\"hbar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "+9,970 more"));
    free(s);
    free(r);
    /* 100,000-point line: LTTB keeps 1,000 and the spike */
    r = big_result("[{\"name\":\"t\",\"type\":\"integer\"},{\"name\":\"y\",\"type\":\"number\"}]",
                   100000, row_line);
    s = render(r, "{\"type\":\"line\",\"x\":\"t\",\"y\":[\"y\"]}", err, sizeof err);
    CHECK(has(s, "100000 points drawn as 1000") && has(s, "highest: 54321"));
    CHECK(s && strlen(s) < 30000);
    free(s);
    free(r);
    /* pie with 9 parts: 6 + Other */
    r = big_result(catcols, 9, row_slice);
    s = render(r, "{\"type\":\"pie\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "<title>Other: ") && has(s, "3 smaller parts grouped as Other") &&
          has(s, "class=\"sl so\""));
    free(s);
    free(r);
    /* all zero: bars, pie and line still draw */
    r = big_result(catcols, 3, row_zero);
    s = render(r, "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "class=\"zero\""));
    free(s);
    s = render(r, "{\"type\":\"pie\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "total 0"));
    free(s);
    free(r);
    /* negative bars hang below a zero line */
    s = render("{\"columns\":" "[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}]"
               ",\"rows\":[[\"up\",5],[\"down\",-3.5]]}",
               "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "class=\"zero\"") && has(s, "<title>down: \xe2\x88\x92" "3.5</title>") &&
          has(s, "lowest: down \xe2\x88\x92" "3.5"));
    free(s);
    /* single point line, one category */
    s = render("{\"columns\":[{\"name\":\"d\",\"type\":\"date\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[[\"2024-05-01\",3]]}",
               "{\"type\":\"line\",\"x\":\"d\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "<circle") && has(s, "May 2024: 3"));
    free(s);
    s = render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[[\"only\",3]]}",
               "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "<title>only: 3</title>"));
    free(s);
    /* huge and tiny magnitudes */
    s = render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[[\"a\",1e300],[\"b\",3e299],[\"c\",\"1e400\"]]}",
               "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "1 row with empty values skipped") && !strstr(s, "nan") && !strstr(s, "inf"));
    free(s);
    s = render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[[\"a\",1e-300],[\"b\",3e-300]]}",
               "{\"type\":\"hbar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(s && !strstr(s, "nan") && !strstr(s, "inf"));
    free(s);
    /* duplicate x values are summed; dates out of order sorted */
    s = render("{\"columns\":[{\"name\":\"d\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[[\"2024-02-01\",1],[\"2024-01-01\",2],[\"2024-02-01\",4]]}",
               "{\"type\":\"line\",\"x\":\"d\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "Jan 2024 to Feb 2024") && has(s, "<title>Feb 2024: 5</title>"));
    free(s);
    /* hostile text: markup, quotes, emoji, control characters, broken UTF-8 */
    s = render("{\"columns\":[{\"name\":\"k<&>\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[[\"<script>alert('x')</script> & \\\"q\\\"\",3],[\"\xf0\x9f\x9a\x80 rocket\",2],"
               "[\"bell\\u0007\\u001ftab\",1]]}",
               "{\"type\":\"bar\",\"x\":\"k<&>\",\"y\":[\"v\"],\"title\":\"A & B <c> 'd'\"}", err, sizeof err);
    CHECK(has(s, "&lt;script&gt;alert(&#39;x&#39;)") && has(s, "<title>A &amp; B &lt;c&gt;"));
    CHECK(has(s, "\xf0\x9f\x9a\x80 rocket") && !strstr(s, "<script"));
    free(s);
    buf_t bad = {0};
    svg_text_put(&bad, "ok\xff\xc3(\xed\xa0\x80 \x01");
    buf_t doc = {0};
    buf_printf(&doc, "<t>%s</t>", buf_str(&bad));
    CHECK(xml_ok(buf_str(&doc)));
    buf_free(&bad);
    buf_free(&doc);
    /* empty result */
    s = render("{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"number\"}],"
               "\"rows\":[]}", "{\"type\":\"bar\",\"x\":\"k\",\"y\":[\"v\"]}", err, sizeof err);
    CHECK(has(s, "No data to show"));
    free(s);
    /* a date axis where no x value reads as a date: nothing to sort (fuzz_chart
     * found qsort called with a NULL base under UBSan) */
    s = render("{\"columns\":[{\"name\":\"d\",\"type\":\"date\"},{\"name\":\"n\",\"type\":\"integer\"}],"
               "\"rows\":[[\"2024-0?-01\",3]]}", "{\"type\":\"line\",\"x\":\"d\",\"y\":[\"n\"]}",
               err, sizeof err);
    CHECK(s != NULL || err[0]);
    free(s);
    /* pie slices of equal value keep the frame's order, every time (fuzz_chart:
     * the tie-break compared label pointers, so the output depended on the heap) */
    const char *tied = "{\"columns\":[{\"name\":\"k\",\"type\":\"text\"},{\"name\":\"v\",\"type\":\"integer\"}],"
                       "\"rows\":[[\"zed\",2],[\"why\",0],[\"ex\",2]]}";
    s = render(tied, "{\"type\":\"pie\",\"x\":\"k\",\"y\":\"v\"}", err, sizeof err);
    r = render(tied, "{\"type\":\"pie\",\"x\":\"k\",\"y\":\"v\"}", err, sizeof err);
    CHECK(s && r && strcmp(s, r) == 0);
    CHECK(s && strstr(s, "<title>zed: 2") && strstr(s, "<title>ex: 2") &&
          strstr(s, "<title>zed: 2") < strstr(s, "<title>ex: 2"));
    free(s);
    free(r);
    /* the same y column twice (fuzz_chart: heap-buffer-overflow in cap_series,
     * two measures sharing one series key) */
    s = render("{\"columns\":[{\"name\":\"d\",\"type\":\"date\"},{\"name\":\"m\",\"type\":\"number\"}],"
               "\"rows\":[[\"2024-01-01\",1.5],[\"2024-02-01\",2]]}",
               "{\"type\":\"line\",\"x\":\"d\",\"y\":[\"m\",\"m\"]}", err, sizeof err);
    CHECK(s == NULL && strstr(err, "twice") != NULL);
    free(s);
    /* a wide hbar over -2 .. 7e10 (fuzz_chart: chart_ticks_linear never left
     * its "lopsided range" loop) */
    s = render("{\"columns\":[{\"name\":\"month\",\"type\":\"date\"},{\"name\":\"n\",\"type\":\"integer\"},"
               "{\"name\":\"m\",\"type\":\"number\"}],\"rows\":[[\"2027-01-01\",3,1.5],"
               "[\"2024-02-0WW01\",-2,7e10]]}",
               "{\"type\":\"hbar\",\"x\":\"month\",\"y\":[\"n\",\"m\"],\"width\":3560}", err, sizeof err);
    CHECK(s != NULL || err[0]);
    free(s);
}

static void check_recommend(const char *result, const char *want)
{
    json_t *r = json_loads(result, 0, NULL), *j;
    chart_config_t cfg;
    CHECK_INT(chart_recommend(r, &cfg), 0);
    j = chart_config_to_json(&cfg);
    char *got = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    CHECK_STR(got, want);
    free(got);
    json_decref(j);
    chart_config_free(&cfg);
    json_decref(r);
}

static void test_recommend(void)
{
    check_recommend(MONTHLY, "{\"type\":\"line\",\"x\":\"month\",\"y\":[\"revenue\"]}");
    check_recommend(REGION "", "{\"type\":\"bar\",\"x\":\"region\",\"y\":[\"revenue\"]}");
    check_recommend("{\"columns\":[{\"name\":\"product\",\"type\":\"text\"},{\"name\":\"units\",\"type\":"
                    "\"integer\"}],\"rows\":[[\"Ergonomic Standing Desk\",9],[\"Mouse\",4]]}",
                    "{\"type\":\"hbar\",\"x\":\"product\",\"y\":[\"units\"]}");
    check_recommend("{\"columns\":[{\"name\":\"p\",\"type\":\"text\"},{\"name\":\"sales\",\"type\":"
                    "\"integer\"}],\"rows\":[[\"a\",90],[\"b\",70],[\"c\",50],[\"d\",30],[\"e\",10],[\"f\",9]]}",
                    "{\"type\":\"hbar\",\"x\":\"p\",\"y\":[\"sales\"]}");
    check_recommend("{\"columns\":[{\"name\":\"total\",\"type\":\"number\"}],\"rows\":[[\"42.5\"]]}",
                    "{\"type\":\"kpi\",\"y\":[\"total\"]}");
    check_recommend("{\"columns\":[{\"name\":\"price\",\"type\":\"number\"},{\"name\":\"qty\",\"type\":"
                    "\"number\"}],\"rows\":[[1,2],[2,3],[3,1]]}",
                    "{\"type\":\"scatter\",\"x\":\"price\",\"y\":[\"qty\"]}");
    check_recommend("{\"columns\":[{\"name\":\"status\",\"type\":\"text\"},{\"name\":\"orders\",\"type\":"
                    "\"integer\"}],\"rows\":[[\"open\",5],[\"paid\",30],[\"void\",2]]}",
                    "{\"type\":\"pie\",\"x\":\"status\",\"y\":[\"orders\"]}");
    check_recommend("{\"columns\":[{\"name\":\"name\",\"type\":\"text\"},{\"name\":\"email\",\"type\":"
                    "\"text\"}],\"rows\":[[\"a\",\"b\"]]}", "{\"type\":\"table\",\"y\":[]}");
    check_recommend("{\"columns\":[{\"name\":\"d\",\"type\":\"date\"},{\"name\":\"plan\",\"type\":\"text\"},"
                    "{\"name\":\"n\",\"type\":\"integer\"}],\"rows\":[[\"2024-01-01\",\"a\",1],"
                    "[\"2024-01-01\",\"b\",2]]}",
                    "{\"series\":\"plan\",\"type\":\"line\",\"x\":\"d\",\"y\":[\"n\"]}");
    /* one row of several numbers (a product: price, cost, launch date) is read as its table */
    check_recommend("{\"columns\":[{\"name\":\"name\",\"type\":\"text\"},{\"name\":\"price\",\"type\":"
                    "\"number\"},{\"name\":\"cost\",\"type\":\"number\"},{\"name\":\"launched\",\"type\":"
                    "\"date\"}],\"rows\":[[\"Desk\",1299.99,573.44,\"2021-10-24\"]]}", "{\"type\":\"table\",\"y\":[]}");
}

static void test_config(void)
{
    char err[128];
    chart_config_t cfg;
    chart_kind_t k;
    json_t *in = json_loads("{\"type\":\"area\",\"x\":\"d\",\"y\":[\"a\",\"b\"],\"stacked\":true,"
                            "\"title\":\"T\"}", 0, NULL), *out;
    CHECK_INT(chart_config_from_json(in, &cfg, err, sizeof err), 0);
    out = chart_config_to_json(&cfg);
    CHECK(json_equal(in, out));
    json_decref(out);
    chart_config_free(&cfg);
    json_decref(in);
    for (int i = CHART_BAR; i <= CHART_TABLE; i++)
        CHECK(chart_kind_parse(chart_kind_name((chart_kind_t)i), &k) == 0 && (int)k == i);
    CHECK_INT(chart_kind_parse("radar", &k), -1);
}

/* Same input, same bytes; and a few charts pinned as golden files. */
static void check_golden(const char *name, const char *result, const char *config)
{
    char err[256], path[512];
    char *a = render(result, config, err, sizeof err), *b = render(result, config, err, sizeof err);
    CHECK(a && b && strcmp(a, b) == 0);
    snprintf(path, sizeof path, "%s/%s.svg", golden_dir, name);
    if (getenv("CHART_GOLDEN_UPDATE")) {
        FILE *f = fopen(path, "w");
        CHECK(f && fputs(a ? a : "", f) >= 0 && fclose(f) == 0);
    } else {
        buf_t want = {0};
        char chunk[4096];
        size_t n;
        FILE *f = fopen(path, "r");
        while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_append(&want, chunk, n);
        if (f)
            fclose(f);
        check_one(f && a && strcmp(a, buf_str(&want)) == 0, __FILE__, __LINE__, path, NULL,
                  "golden file matches (CHART_GOLDEN_UPDATE=1 to regenerate)");
        buf_free(&want);
    }
    free(a);
    free(b);
}

/* The stored fragment: the chart at three widths in a figure and the one
 * SVG; a config that cannot draw says why, escaped. */
static void test_widget_render(void)
{
    json_t *res = json_loads("{\"columns\": [{\"name\": \"city\", \"type\": \"text\"},"
                             " {\"name\": \"n\", \"type\": \"integer\"}],"
                             " \"rows\": [[\"Oslo\", 3], [\"Bergen\", 5]]}", 0, NULL);
    buf_t html = {0}, svg = {0};
    json_t *conf = json_pack("{s:s}", "type", "bar");
    CHECK_INT(chart_widget_render(res, conf, &html, &svg), 0);
    CHECK(strncmp(buf_str(&html), "<figure class=\"chart\"><div class=\"cw cw-360\"><svg", 49) == 0);
    CHECK(strstr(buf_str(&html), "<div class=\"cw cw-600\">") != NULL);
    CHECK(strstr(buf_str(&html), "<div class=\"cw cw-960\">") != NULL);
    CHECK(strncmp(buf_str(&svg), "<svg", 4) == 0);
    CHECK(strstr(buf_str(&html), buf_str(&svg)) != NULL); /* the 600 one is the default */
    json_decref(conf);
    buf_reset(&html);
    buf_reset(&svg);
    conf = json_pack("{s:s, s:s}", "type", "pie", "y", "<city>");
    CHECK_INT(chart_widget_render(res, conf, &html, &svg), -1);
    CHECK(strncmp(buf_str(&html), "<p class=\"muted\">", 17) == 0);
    CHECK(strstr(buf_str(&html), "&lt;city&gt;") != NULL);
    CHECK_INT((int)svg.len, 0);
    json_decref(conf);
    buf_free(&html);
    buf_free(&svg);
    json_decref(res);
}

static void test_golden(void)
{
    check_golden("bar", REGION, "{\"type\":\"bar\",\"x\":\"region\",\"y\":[\"revenue\"],\"title\":\"Revenue by region\"}");
    check_golden("line", MONTHLY, "{\"type\":\"line\",\"x\":\"month\",\"y\":[\"revenue\"]}");
    check_golden("pie", REGION, "{\"type\":\"pie\",\"x\":\"region\",\"y\":[\"revenue\"]}");
    check_golden("stacked", "{\"columns\":[{\"name\":\"q\",\"type\":\"text\"},{\"name\":\"p\",\"type\":\"text\"},"
                 "{\"name\":\"v\",\"type\":\"integer\"}],\"rows\":[[\"Q1\",\"a\",1],[\"Q1\",\"b\",2],"
                 "[\"Q2\",\"a\",3],[\"Q2\",\"b\",-1]]}",
                 "{\"type\":\"bar\",\"x\":\"q\",\"y\":[\"v\"],\"series\":\"p\",\"stacked\":true}");
    check_golden("kpi", MONTHLY, "{\"type\":\"kpi\",\"x\":\"month\",\"y\":[\"revenue\"]}");
}

/* One kind drawn with a drill-down prefix: the SVG (caller frees). */
static char *render_drill(const char *result, const char *config, const char *drill)
{
    json_t *r = json_loads(result, 0, NULL), *c = json_loads(config, 0, NULL);
    chart_config_t cfg;
    char err[256];
    buf_t out = {0};
    char *svg = NULL;
    if (r && c && chart_config_from_json(c, &cfg, err, sizeof err) == 0) {
        cfg.drill = strdup(drill);
        if (chart_render_svg(r, &cfg, &out, err, sizeof err) == 0) {
            svg = buf_detach(&out);
            CHECK(xml_ok(svg));
        }
        chart_config_free(&cfg);
    }
    buf_free(&out);
    json_decref(r);
    json_decref(c);
    return svg;
}

/* Drill-down (issue 15, item 4): every bar, slice and line point is an
 * <a href> to the prefix plus col and the value as the result had it
 * (not its label), percent-encoded: a hostile value stays a value. */
static void test_drill_links(void)
{
    const char *cats = "{\"columns\":[{\"name\":\"channel\",\"type\":\"text\"},"
                       "{\"name\":\"n\",\"type\":\"integer\"}],"
                       "\"rows\":[[\"web\",5],[\"x' OR 1=1; --\",3],[\"<b>&\\\"\",2]]}";
    char *svg = render_drill(cats, "{\"type\":\"bar\",\"x\":\"channel\",\"y\":[\"n\"]}", "/w/rows?");
    CHECK(has(svg, "<a class=\"drill\" href=\"/w/rows?col=channel&amp;v=web\"><rect"));
    CHECK(has(svg, "href=\"/w/rows?col=channel&amp;v=x%27%20OR%201%3D1%3B%20--\""));
    CHECK(has(svg, "href=\"/w/rows?col=channel&amp;v=%3Cb%3E%26%22\""));
    CHECK(svg && !strstr(svg, "<b>"));
    free(svg);
    svg = render_drill(cats, "{\"type\":\"pie\",\"x\":\"channel\",\"y\":[\"n\"]}", "/m/rows?");
    CHECK(has(svg, "<a class=\"drill\" href=\"/m/rows?col=channel&amp;v=web\"><path"));
    free(svg);
    /* a line's points link with the date as the database wrote it, not its label */
    const char *months = "{\"columns\":[{\"name\":\"month\",\"type\":\"date\"},"
                         "{\"name\":\"revenue\",\"type\":\"number\"}],"
                         "\"rows\":[[\"2024-01-01\",10.5],[\"2024-02-01\",0.1],[\"2024-03-01\",7]]}";
    svg = render_drill(months, "{\"type\":\"line\",\"x\":\"month\",\"y\":[\"revenue\"]}", "/x?a=1&");
    CHECK(has(svg, "href=\"/x?a=1&amp;col=month&amp;v=2024-02-01\"><circle"));
    free(svg);
    /* numbers read back exactly: 0.1, not 0.10000000000000001 */
    const char *nums = "{\"columns\":[{\"name\":\"k\",\"type\":\"number\"},"
                       "{\"name\":\"v\",\"type\":\"integer\"}],\"rows\":[[0.1,1],[2.5,2]]}";
    svg = render_drill(nums, "{\"type\":\"line\",\"x\":\"k\",\"y\":[\"v\"]}", "/r?");
    CHECK(has(svg, "v=0.1\""));
    free(svg);
    /* a value too long for a URL gets no link; the others keep theirs */
    char big[700 + 200];
    memset(big, 'y', 600);
    big[600] = 0;
    char longs[1000];
    snprintf(longs, sizeof longs, "{\"columns\":[{\"name\":\"pad\",\"type\":\"text\"},"
             "{\"name\":\"n\",\"type\":\"integer\"}],\"rows\":[[\"%s\",1],[\"short\",2]]}", big);
    svg = render_drill(longs, "{\"type\":\"bar\",\"x\":\"pad\",\"y\":[\"n\"]}", "/w/rows?");
    CHECK(has(svg, "v=short\""));
    CHECK(svg && !strstr(svg, "v=yyyy"));
    free(svg);
    /* no prefix: no links (files, PDFs, the .svg route) */
    char err[256];
    svg = render(cats, "{\"type\":\"bar\",\"x\":\"channel\",\"y\":[\"n\"]}", err, sizeof err);
    CHECK(svg && !strstr(svg, "<a "));
    free(svg);
    /* a widget's fragment: the card's charts link, its file does not */
    json_t *res = json_loads(cats, 0, NULL);
    json_t *conf = json_pack("{s:s, s:s, s:[s], s:s}", "type", "bar", "x", "channel", "y", "n",
                             "drill", "/dashboards/d/widgets/w/rows?");
    buf_t html = {0}, file = {0};
    CHECK(chart_widget_render(res, conf, &html, &file) == 0);
    CHECK(strstr(buf_str(&html), "href=\"/dashboards/d/widgets/w/rows?col=channel&amp;v=web\"") != NULL);
    CHECK(strstr(buf_str(&file), "<a ") == NULL);
    buf_free(&html);
    buf_free(&file);
    json_decref(conf);
    json_decref(res);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        golden_dir = argv[1];
    test_drill_links();
    test_format();
    test_svg_num_format();
    test_time();
    test_postgres_type_names();
    test_year_axis();
    test_scales();
    test_lttb();
    test_kinds();
    test_errors();
    test_hard_data();
    test_recommend();
    test_config();
    test_widget_render();
    test_golden();
    return check_done("test_chart");
}
