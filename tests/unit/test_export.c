/* test_export.c — export/: CSV bytes, download names, and XLSX and PDF files
 * checked with real readers (python3 zipfile + ElementTree; poppler's
 * pdfinfo, pdftotext, pdfimages). Shelling out is for the test only.
 * Usage: test_export [TMPDIR]   (default /tmp; files are left there to look at) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "check.h"
#include "core/buf.h"
#include "export/export.h"

static const char *tmpdir = "/tmp";

static json_t *load(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j)
        fprintf(stderr, "bad test JSON: %s\n", e.text);
    return j;
}

/* export_csv into a string (caller frees). */
static char *csv_of(const char *result, int bom)
{
    json_t *r = load(result);
    char *data = NULL, err[256] = "";
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    if (export_csv(r, bom, f, err, sizeof err) < 0)
        fprintf(stderr, "export_csv: %s\n", err);
    fclose(f);
    json_decref(r);
    return data;
}

/* Run a shell command, its stdout into out; returns the exit status. */
static int run(const char *cmd, buf_t *out)
{
    char chunk[4096];
    size_t n;
    buf_reset(out);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(out, chunk, n);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_csv_cell(void)
{
    static const char *cases[][2] = {
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\r\nlines", "\"two\r\nlines\""},
        {"=SUM(A1:A9)", "\"'=SUM(A1:A9)\""},
        {"+1", "\"'+1\""},
        {"-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""},
        {"@foo", "\"'@foo\""},
        {"\tx", "\"'\tx\""},
        {"\rx", "\"'\rx\""},
        {"a=b", "a=b"},
        {"Zürich ✓", "Zürich ✓"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_t b = {0};
        export_csv_cell(&b, cases[i][0]);
        CHECK_STR(buf_str(&b), cases[i][1]);
        buf_free(&b);
    }
    buf_t b = {0};
    export_csv_cell(&b, NULL);
    CHECK_INT(b.len, 0);
}

static void test_csv(void)
{
    const char *res =
        "{\"columns\":[{\"name\":\"name\",\"type\":\"text\"},{\"name\":\"amount\",\"type\":\"number\"},"
        "{\"name\":\"n\",\"type\":\"integer\"},{\"name\":\"ok\",\"type\":\"boolean\"},"
        "{\"name\":\"day\",\"type\":\"date\"},{\"name\":\"=cmd\",\"type\":\"text\"}],"
        "\"rows\":[[\"a,b\",\"12345.67\",42,true,\"2024-03-01\",null],"
        "[\"say \\\"hi\\\"\",\"-2.5\",-7,false,null,\"-2.5\"],"
        "[\"line1\\nline2\",-0.25,null,null,\"2024-12-31\",\"=1+1\"],"
        "[\"Zürich 😀\",null,9007199254740993,true,null,\"@x\"],"
        "[\"-\",\"-x\",\"=2\",null,null,\"+\"]],\"row_count\":5,\"truncated\":false}";
    const char *want =
        "name,amount,n,ok,day,\"'=cmd\"\r\n"
        "\"a,b\",12345.67,42,true,2024-03-01,\r\n"
        "\"say \"\"hi\"\"\",-2.5,-7,false,,\"'-2.5\"\r\n"
        "\"line1\nline2\",-0.25,,,2024-12-31,\"'=1+1\"\r\n"
        "Zürich 😀,,9007199254740993,true,,\"'@x\"\r\n"
        "\"'-\",\"'-x\",\"'=2\",,,\"'+\"\r\n";
    char *got = csv_of(res, 0);
    CHECK_STR(got, want);
    free(got);

    got = csv_of(res, 1);
    CHECK(got && memcmp(got, "\xef\xbb\xbf", 3) == 0);
    CHECK_STR(got ? got + 3 : NULL, want);
    free(got);

    got = csv_of("{\"columns\":[{\"name\":\"x\",\"type\":\"number\"}],\"rows\":[]}", 0);
    CHECK_STR(got, "x\r\n");
    free(got);

    char err[256] = "";
    json_t *bad = load("{\"rows\":[]}");
    FILE *f = tmpfile();
    CHECK_INT(export_csv(bad, 0, f, err, sizeof err), -1);
    CHECK(err[0] != '\0');
    fclose(f);
    json_decref(bad);
}

static void test_filename(void)
{
    static const char *cases[][3] = {
        {"Revenue by month", "csv", "revenue-by-month.csv"},
        {"../../etc/passwd", "pdf", "etc-passwd.pdf"},
        {"\"a\r\nb\"", "xlsx", "a-b.xlsx"},
        {"😀 Sales 😀 2024", "csv", "sales-2024.csv"},
        {"😀", "csv", "export.csv"},
        {"", "csv", "export.csv"},
        {"Top 10 Products — Q3/2024: \"Widgets\"", "xlsx", "top-10-products-q3-2024-widgets.xlsx"},
        {"C:\\temp\\evil.exe", "..", "c-temp-evil-exe"},
        {"x", "../sh", "x.sh"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *f = export_filename(cases[i][0], cases[i][1]);
        CHECK_STR(f, cases[i][2]);
        free(f);
    }
    char *f = export_filename(NULL, NULL);
    CHECK_STR(f, "export");
    free(f);
    char longt[300];
    memset(longt, 'a', sizeof longt - 1);
    longt[sizeof longt - 1] = '\0';
    longt[59] = ' ';  /* a separator right at the limit leaves no trailing dash */
    f = export_filename(longt, "csv");
    CHECK(f && strlen(f) <= 64 && strchr(f, '-') == NULL);
    free(f);
}

static const char *XLSX_CHECK =
    "import sys, zipfile, xml.etree.ElementTree as ET\n"
    "ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}\n"
    "z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None\n"
    "wb = ET.fromstring(z.read('xl/workbook.xml'))\n"
    "names = [s.get('name') for s in wb.iterfind('.//m:sheet', ns)]\n"
    "assert names == ['Data', 'Summary'], names\n"
    "st = ET.fromstring(z.read('xl/styles.xml'))\n"
    "fonts = st.findall('m:fonts/m:font', ns); xfs = st.findall('m:cellXfs/m:xf', ns)\n"
    "fmts = {f.get('numFmtId'): f.get('formatCode') for f in st.iterfind('m:numFmts/m:numFmt', ns)}\n"
    "sh = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))\n"
    "pane = sh.find('.//m:pane', ns)\n"
    "assert pane is not None and pane.get('state') == 'frozen' and pane.get('ySplit') == '1'\n"
    "assert sh.find('m:autoFilter', ns) is not None\n"
    "cells = {c.get('r'): c for c in sh.iterfind('.//m:c', ns)}\n"
    "def text(r): return ''.join(cells[r].itertext())\n"
    "def xf(r): return xfs[int(cells[r].get('s', '0'))]\n"
    "assert fonts[int(xf('A1').get('fontId'))].find('m:b', ns) is not None, 'header not bold'\n"
    "assert text('A1') == 'day' and text('E1') == 'note'\n"
    "a2 = cells['A2']; assert a2.get('t') is None and a2.find('m:v', ns).text == '45352', 'date serial'\n"
    "assert 'yy' in fmts.get(xf('A2').get('numFmtId'), ''), 'date format'\n"
    "b2 = cells['B2'].find('m:v', ns).text; assert abs(float(b2) - 45352.5208333) < 1e-6, b2\n"
    "assert 'hh' in fmts.get(xf('B2').get('numFmtId'), ''), 'datetime format'\n"
    "c2 = cells['C2']; assert c2.get('t') is None and float(c2.find('m:v', ns).text) == 12345.67\n"
    "assert cells['D2'].get('t') == 'b' and cells['D2'].find('m:v', ns).text == '1'\n"
    "assert text('E2') == '<b>&amp; \"x\"'\n"
    "assert float(cells['C3'].find('m:v', ns).text) == -2.5 and 'C4' not in cells\n"
    "assert text('E4').endswith('[truncated]') and len(text('E4')) <= 32767\n"
    "cols = sh.findall('.//m:col', ns); assert len(cols) == 5 and float(cols[4].get('width')) >= 20\n"
    "sm = ET.fromstring(z.read('xl/worksheets/sheet2.xml'))\n"
    "s = ' | '.join(''.join(c.itertext()) for c in sm.iterfind('.//m:c', ns))\n"
    "for w in ['Question', 'How much?', 'Insight', 'SELECT 1', 'Generated at', 'Shop (demo)', 'truncated at 3 rows']:\n"
    "    assert w in s, w\n"
    "print('ok')\n";

static void test_xlsx(void)
{
    buf_t big = {0}, res = {0}, out = {0}, cmd = {0};
    for (int i = 0; i < 40000; i++)
        buf_puts(&big, "x");
    buf_printf(&res,
               "{\"columns\":[{\"name\":\"day\",\"type\":\"date\"},{\"name\":\"at\",\"type\":\"timestamp\"},"
               "{\"name\":\"amount\",\"type\":\"number\"},{\"name\":\"ok\",\"type\":\"boolean\"},"
               "{\"name\":\"note\",\"type\":\"text\"}],\"rows\":["
               "[\"2024-03-01\",\"2024-03-01 12:30:00+01\",\"12345.67\",true,\"<b>&amp; \\\"x\\\"\"],"
               "[\"2024-03-02\",\"2024-03-02 00:00:00.5+00\",-2.5,false,\"=HYPERLINK(1)\"],"
               "[null,\"not a time\",null,null,\"%s\"]],\"row_count\":3,\"truncated\":true}",
               big.data);
    json_t *r = load(res.data);
    export_meta_t m = {.title = "Revenue", .question = "How much?", .insight = "A lot.",
                       .sql = "SELECT 1", .source = "Shop (demo) \xc2\xb7 DataMind",
                       .generated_at = "2026-11-22 14:05 UTC"};
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/test_export.xlsx", tmpdir);
    int rc = export_xlsx(r, &m, path, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc < 0)
        fprintf(stderr, "export_xlsx: %s\n", err);
    FILE *f = fopen("/tmp/test_export_xlsx_check.py", "w");
    fputs(XLSX_CHECK, f);
    fclose(f);
    buf_printf(&cmd, "python3 /tmp/test_export_xlsx_check.py '%s' 2>&1", path);
    CHECK_INT(run(cmd.data, &out), 0);
    CHECK_STR(buf_str(&out), "ok\n");
    remove("/tmp/test_export_xlsx_check.py");

    CHECK_INT(export_xlsx(r, &m, "/nonexistent-dir/x.xlsx", err, sizeof err), -1);
    CHECK(err[0] != '\0');
    json_decref(r);
    buf_free(&big);
    buf_free(&res);
    buf_free(&out);
    buf_free(&cmd);
}

/* A daily series of n rows for three regions; the last note is a marker. */
static json_t *sales(int n)
{
    static const char *regions[] = {"EMEA", "Americas", "APAC"};
    json_t *rows = json_array();
    for (int i = 0; i < n; i++) {
        char day[16], note[128];
        snprintf(day, sizeof day, "2024-%02d-%02d", 1 + (i / 3) / 28 % 12, 1 + (i / 3) % 28);
        snprintf(note, sizeof note, i == n - 1 ? "final-row-marker" : "order batch %d with a "
                 "rather long description that must be cut to fit its column", i);
        json_array_append_new(rows, json_pack("[s,s,f,i,s]", day, regions[i % 3],
                                              1000.0 + (i % 37) * 25.5 + (i % 3) * 300, i * 7, note));
    }
    json_t *r = json_pack("{s:[{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s}],s:o,s:i,s:b}",
                          "columns", "name", "day", "type", "date", "name", "region", "type",
                          "text", "name", "revenue", "type", "number", "name", "orders", "type",
                          "integer", "name", "note", "type", "text", "rows", rows, "row_count", n,
                          "truncated", 0);
    return r;
}

static void pdf_checks(const char *path, buf_t *out, buf_t *cmd)
{
    buf_reset(cmd);
    buf_printf(cmd, "pdfinfo '%s'", path);
    CHECK_INT(run(cmd->data, out), 0);
    const char *p = strstr(buf_str(out), "Pages:");
    CHECK(p && atoi(p + 6) >= 2);
    CHECK(strstr(buf_str(out), "Monthly revenue") != NULL);  /* Title metadata */

    buf_reset(cmd);
    buf_printf(cmd, "pdftotext -layout '%s' -", path);
    CHECK_INT(run(cmd->data, out), 0);
    const char *want[] = {"Monthly revenue", "EMEA led with", "final-row-marker", "Page 1 of",
                          "Shop (demo) \xc2\xb7 DataMind \xc2\xb7 generated 2026-11-22 14:05 UTC",
                          "300 rows", "SELECT day, region", "\xe2\x80\xa6"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(buf_str(out), want[i])) {
            fprintf(stderr, "pdftotext lacks [%s]\n", want[i]);
            CHECK(0);
        }
    buf_reset(cmd);
    buf_printf(cmd, "pdftotext -f 2 -l 2 '%s' -", path);
    CHECK_INT(run(cmd->data, out), 0);
    CHECK(strstr(buf_str(out), "revenue") && strstr(buf_str(out), "orders"));
    CHECK(strstr(buf_str(out), "Page 2 of") != NULL);

    buf_reset(cmd);  /* vectors: no raster image anywhere (2 header lines only) */
    buf_printf(cmd, "pdfimages -list '%s' | wc -l", path);
    CHECK_INT(run(cmd->data, out), 0);
    CHECK_INT(atoi(buf_str(out)), 2);
}

static void test_pdf(void)
{
    json_t *r = sales(300);
    json_t *cfg = load("{\"type\":\"line\",\"x\":\"day\",\"y\":\"revenue\",\"series\":\"region\","
                       "\"title\":\"Revenue by day\"}");
    export_meta_t m = {
        .title = "Monthly revenue", .question = "What was revenue by day and region in 2024?",
        .insight = "EMEA led with 4.8M, 41% of the total; APAC grew fastest, up 23% from "
                   "January to October, while Americas stayed flat at around 1.1M a month.",
        .sql = "SELECT day, region, sum(amount) AS revenue, count(*) AS orders\nFROM orders\n"
               "GROUP BY 1, 2 ORDER BY 1",
        .source = "Shop (demo) \xc2\xb7 DataMind", .generated_at = "2026-11-22 14:05 UTC",
        .chart_config = cfg};
    char path[512], err[256] = "";
    buf_t out = {0}, cmd = {0};
    snprintf(path, sizeof path, "%s/test_export.pdf", tmpdir);
    int rc = export_pdf(r, &m, path, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc < 0)
        fprintf(stderr, "export_pdf: %s\n", err);
    pdf_checks(path, &out, &cmd);
    buf_reset(&cmd);
    buf_printf(&cmd, "pdftoppm -png -r 60 -f 1 -l 1 '%s' '%s/test_export_page'", path, tmpdir);
    CHECK_INT(run(cmd.data, &out), 0);

    m.chart_config = NULL;  /* recommended chart; a bad path fails cleanly */
    CHECK_INT(export_pdf(r, &m, "/nonexistent-dir/x.pdf", err, sizeof err), -1);
    CHECK(err[0] != '\0');
    json_decref(r);
    json_decref(cfg);
    buf_free(&out);
    buf_free(&cmd);
}

static void test_pdf_cap(void)
{
    json_t *r = sales(EXPORT_PDF_MAX_ROWS + 10);
    export_meta_t m = {.title = "Everything", .sql = "SELECT 1", .source = "Shop",
                       .generated_at = "now"};
    char path[512], err[256] = "";
    buf_t out = {0}, cmd = {0};
    snprintf(path, sizeof path, "%s/test_export_cap.pdf", tmpdir);
    CHECK_INT(export_pdf(r, &m, path, err, sizeof err), 0);
    buf_printf(&cmd, "pdftotext '%s' - | grep -c -e 'First 5,000 of 5,010 rows' -e final-row-marker",
               path);
    run(cmd.data, &out);
    CHECK_INT(atoi(buf_str(&out)), 1);  /* the note, and not the 5,010th row */
    json_decref(r);
    buf_free(&out);
    buf_free(&cmd);
}

/* Wide results turn the page; empty ones still make valid files. */
static void test_edges(void)
{
    json_t *cols = json_array(), *row = json_array();
    for (int i = 0; i < 12; i++) {
        char name[32];
        snprintf(name, sizeof name, "column_%d", i);
        json_array_append_new(cols, json_pack("{s:s,s:s}", "name", name, "type", "text"));
        json_array_append_new(row, json_string(i == 11 ? "last-col" : "v"));
    }
    json_t *wide = json_pack("{s:o,s:[o]}", "columns", cols, "rows", row);
    json_t *empty = load("{\"columns\":[{\"name\":\"n\",\"type\":\"integer\"}],\"rows\":[]}");
    export_meta_t m = {.title = "Wide \xff\x01 title"};  /* bad UTF-8 and a control byte */
    char path[512], err[256] = "";
    buf_t out = {0}, cmd = {0};
    snprintf(path, sizeof path, "%s/test_export_wide.pdf", tmpdir);
    CHECK_INT(export_pdf(wide, &m, path, err, sizeof err), 0);
    buf_printf(&cmd, "pdfinfo '%s' | grep 'Page size'; pdftotext '%s' - | grep -c last-col",
               path, path);
    CHECK_INT(run(cmd.data, &out), 0);
    CHECK(strstr(buf_str(&out), "841.89 x 595.28") != NULL);
    snprintf(path, sizeof path, "%s/test_export_empty.pdf", tmpdir);
    CHECK_INT(export_pdf(empty, NULL, path, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/test_export_empty.xlsx", tmpdir);
    CHECK_INT(export_xlsx(empty, &m, path, err, sizeof err), 0);
    buf_reset(&cmd);
    buf_printf(&cmd, "python3 -m zipfile -t '%s'", path);
    CHECK_INT(run(cmd.data, &out), 0);
    json_decref(wide);
    json_decref(empty);
    buf_free(&out);
    buf_free(&cmd);
}

static void test_dashboard(void)
{
    json_t *r = sales(60), *tcfg = load("{\"type\":\"table\"}");
    json_t *kpi = load("{\"columns\":[{\"name\":\"revenue\",\"type\":\"number\"}],"
                       "\"rows\":[[\"4812345.67\"]]}");
    export_section_t s[] = {
        {.title = "Revenue trend", .result = r},
        {.title = "Total revenue", .result = kpi},
        {.title = "Latest orders", .result = r, .chart_config = tcfg},
        {.title = "Notes", .text = "Figures are net of refunds.\nUpdated nightly."},
        {.title = "Churn", .error = "the connection timed out"},
    };
    char path[512], err[256] = "";
    buf_t out = {0}, cmd = {0};
    snprintf(path, sizeof path, "%s/test_export_dashboard.pdf", tmpdir);
    int rc = export_pdf_dashboard("Sales overview", "Shop (demo) \xc2\xb7 2026-11-22 14:05 UTC",
                                  s, sizeof s / sizeof s[0], path, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc < 0)
        fprintf(stderr, "export_pdf_dashboard: %s\n", err);
    buf_printf(&cmd, "pdftotext '%s' -", path);
    CHECK_INT(run(cmd.data, &out), 0);
    const char *want[] = {"Sales overview", "Revenue trend", "Total revenue", "Latest orders",
                          "Figures are net of refunds.", "the connection timed out",
                          "First 25 of 60 rows", "Page 1 of"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(buf_str(&out), want[i])) {
            fprintf(stderr, "dashboard pdftotext lacks [%s]\n", want[i]);
            CHECK(0);
        }
    buf_reset(&cmd);
    buf_printf(&cmd, "pdfimages -list '%s' | wc -l", path);
    run(cmd.data, &out);
    CHECK_INT(atoi(buf_str(&out)), 2);
    buf_reset(&cmd);
    buf_printf(&cmd, "pdftoppm -png -r 60 -f 1 -l 1 '%s' '%s/test_export_dashboard'", path,
               tmpdir);
    CHECK_INT(run(cmd.data, &out), 0);
    json_decref(r);
    json_decref(tcfg);
    json_decref(kpi);
    buf_free(&out);
    buf_free(&cmd);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        tmpdir = argv[1];
    test_csv_cell();
    test_csv();
    test_filename();
    test_xlsx();
    test_pdf();
    test_pdf_cap();
    test_edges();
    test_dashboard();
    return check_done("test_export");
}
