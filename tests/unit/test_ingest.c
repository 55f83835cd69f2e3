/* test_ingest.c — CSV/TSV and XLSX ingestion, hostile inputs included.
 * Fixtures are generated here into a temp dir: usage test_ingest [TMPDIR]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "check.h"
#include "core/buf.h"
#include "ingest/ingest.h"

static char dir[512];
static char err[512];

static const char *put(const char *name, const char *data, size_t len)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
    return path;
}

static int collect(void *ctx, const char *line, size_t len)
{
    buf_t *b = ctx;
    buf_append(b, line, len);
    buf_putc(b, '\n');
    return 0;
}

/* Scan name with data; on success the COPY lines of table 0 go to rows. */
static int scan_str(const char *name, const char *data, size_t len, const ingest_opts_t *o,
                    ingest_table_t **t, size_t *n, buf_t *rows)
{
    const char *p = put(name, data, len);
    char path[1024];
    snprintf(path, sizeof path, "%s", p);
    err[0] = '\0';
    int rc = ingest_scan(path, name, o, t, n, err, sizeof err);
    if (rc == 0 && rows)
        rc = ingest_rows(path, *t, 0, o, collect, rows, err, sizeof err);
    return rc;
}

#define SCAN(name, lit, o, t, n, rows) scan_str(name, lit, sizeof(lit) - 1, o, t, n, rows)

static void test_clean_csv(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    buf_t rows = {0};
    int rc = SCAN("Sales 2024.csv",
                  "id,name,amount,when,ok,at\n"
                  "1,Alice,3.5,2024-01-31,true,2024-01-01T10:00:00Z\n"
                  "2,\"Bob, Jr\",4,2024-02-01,no,2024-01-02 11:30\n",
                  NULL, &t, &n, &rows);
    CHECK_INT(rc, 0);
    if (rc)
        fprintf(stderr, "  err: %s\n", err);
    CHECK_INT(n, 1);
    if (rc == 0) {
        CHECK_STR(t->name, "sales_2024");
        CHECK_INT(t->ncols, 6);
        CHECK_INT(t->rows, 2);
        CHECK_INT(t->has_header, 1);
        CHECK_INT(t->delimiter, ',');
        CHECK_STR(t->encoding, "UTF-8");
        CHECK_STR(ingest_type_sql(t->cols[0].type), "bigint");
        CHECK_STR(ingest_type_sql(t->cols[1].type), "text");
        CHECK_STR(ingest_type_sql(t->cols[2].type), "numeric");
        CHECK_STR(ingest_type_sql(t->cols[3].type), "date");
        CHECK_STR(ingest_type_sql(t->cols[4].type), "boolean");
        CHECK_STR(ingest_type_sql(t->cols[5].type), "timestamptz");
        CHECK_STR(buf_str(&rows),
                  "1\tAlice\t3.5\t2024-01-31\tt\t2024-01-01 10:00:00+00:00\n"
                  "2\tBob, Jr\t4\t2024-02-01\tf\t2024-01-02 11:30:00\n");
    }
    ingest_tables_free(t, n);
    buf_free(&rows);
}

static void test_delimiters(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    buf_t rows = {0};
    CHECK_INT(SCAN("x.tsv", "a\tb\n1\thello, world\n2\tx\n", NULL, &t, &n, &rows), 0);
    if (t) {
        CHECK_INT(t->delimiter, '\t');
        CHECK_STR(buf_str(&rows), "1\thello, world\n2\tx\n");
    }
    ingest_tables_free(t, n);
    buf_reset(&rows);
    t = NULL;
    CHECK_INT(SCAN("eu.csv", "name;price;qty\nA;1.234,56;1.000\nB;3,5;12\n", NULL, &t, &n,
                   &rows), 0);
    if (t) {
        CHECK_INT(t->delimiter, ';');
        CHECK_STR(ingest_type_sql(t->cols[1].type), "numeric");
        CHECK_INT(t->cols[1].decimal, ',');
        CHECK_STR(ingest_type_sql(t->cols[2].type), "bigint");
        CHECK_STR(buf_str(&rows), "A\t1234.56\t1000\nB\t3.5\t12\n");
    }
    ingest_tables_free(t, n);
    buf_reset(&rows);
    t = NULL;
    CHECK_INT(SCAN("pipe.txt", "a|b|c\n1|2|3\n4|5|6\n", NULL, &t, &n, NULL), 0);
    if (t)
        CHECK_INT(t->delimiter, '|');
    ingest_tables_free(t, n);
    t = NULL;
    CHECK_INT(SCAN("us.csv", "n,z\n\"1,234\",02134\n\"12,345,678.5\",00501\n", NULL, &t, &n,
                   &rows), 0);
    if (t) {
        CHECK_STR(ingest_type_sql(t->cols[0].type), "numeric");
        CHECK_STR(ingest_type_sql(t->cols[1].type), "text");   /* leading zeros */
        CHECK_STR(buf_str(&rows), "1234\t02134\n12345678.5\t00501\n");
    }
    ingest_tables_free(t, n);
    buf_free(&rows);
}

static void test_encodings(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    buf_t rows = {0};
    CHECK_INT(SCAN("bom.csv", "\xEF\xBB\xBF" "col,v\nx,1\n", NULL, &t, &n, &rows), 0);
    if (t) {
        CHECK_STR(t->encoding, "UTF-8 (BOM)");
        CHECK_STR(t->cols[0].original, "col");
        CHECK_STR(t->cols[0].name, "col");
        CHECK_STR(buf_str(&rows), "x\t1\n");
    }
    ingest_tables_free(t, n);
    buf_reset(&rows);
    t = NULL;
    CHECK_INT(SCAN("cp.csv", "name,city\ncaf\xE9,Z\xFCrich \x80\n", NULL, &t, &n, &rows), 0);
    if (t) {
        CHECK_STR(t->encoding, "WINDOWS-1252");
        CHECK_STR(buf_str(&rows), "caf\xC3\xA9\tZ\xC3\xBCrich \xE2\x82\xAC\n");
    }
    ingest_tables_free(t, n);
    buf_reset(&rows);
    t = NULL;
    /* valid UTF-8 for the first 64 KB, a Latin-1 byte at the end */
    buf_t big = {0};
    buf_puts(&big, "id,word\n");
    for (int i = 0; i < 8000; i++)
        buf_printf(&big, "%d,plain\n", i);
    buf_puts(&big, "8000,na\xEFve\n");
    CHECK_INT(scan_str("late.csv", big.data, big.len, NULL, &t, &n, &rows), 0);
    if (t) {
        CHECK_STR(t->encoding, "WINDOWS-1252");
        CHECK_INT(t->rows, 8001);
        CHECK(strstr(buf_str(&rows), "8000\tna\xC3\xAFve\n") != NULL);
    }
    ingest_tables_free(t, n);
    t = NULL;
    CHECK_INT(SCAN("u16.csv", "\xFF\xFE" "a\0,\0b\0", NULL, &t, &n, NULL), -1);
    CHECK(strstr(err, "UTF-16") != NULL);
    buf_free(&big);
    buf_free(&rows);
}

static void test_quoting(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    buf_t rows = {0};
    CHECK_INT(SCAN("q.csv",
                   "a,b\r\n\"x,y\",\"line1\r\nline2\"\r\n\"he said \"\"hi\"\"\",z\\w\tq\r\n",
                   NULL, &t, &n, &rows), 0);
    if (t) {
        CHECK_INT(t->rows, 2);
        CHECK_STR(buf_str(&rows), "x,y\tline1\\r\\nline2\nhe said \"hi\"\tz\\\\w\\tq\n");
    }
    ingest_tables_free(t, n);
    buf_reset(&rows);
    t = NULL;
    CHECK_INT(SCAN("open.csv", "a,b\n1,2\n3,\"never\nclosed\n", NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "line 3: a quoted field starts here and is never closed (missing \")");
    /* CR-only, no trailing newline, NUL byte, blank lines */
    CHECK_INT(SCAN("cr.csv", "a,b\r1,x\0y\r\r3,4", NULL, &t, &n, &rows), 0);
    if (t) {
        CHECK_INT(t->rows, 2);
        CHECK_STR(buf_str(&rows), "1\txy\n3\t4\n");
    }
    ingest_tables_free(t, n);
    t = NULL;
    CHECK_INT(SCAN("crbad.csv", "a,b\r1,2\r3\r", NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "line 3 has 1 fields, the header has 2");
    buf_free(&rows);
}

static void test_ragged(void)
{
    buf_t f = {0};
    ingest_table_t *t = NULL;
    size_t n = 0;
    buf_puts(&f, "a,b,c,d,e,f,g,h\n");
    for (int line = 2; line <= 10300; line++)
        buf_puts(&f, line == 10233 ? "1,2,3,4,5,6,7\n" : "1,2,3,4,5,6,7,8\n");
    CHECK_INT(scan_str("rag.csv", f.data, f.len, NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "line 10,233 has 7 fields, the header has 8");
    ingest_opts_t o = {.skip_bad_lines = 1};
    buf_t rows = {0};
    CHECK_INT(scan_str("rag.csv", f.data, f.len, &o, &t, &n, &rows), 0);
    if (t) {
        CHECK_INT(t->bad_lines, 1);
        CHECK_INT(t->nbad_samples, 1);
        CHECK_STR(t->bad_samples[0], "line 10,233 has 7 fields, the header has 8");
        CHECK_INT(t->rows, 10298);
        CHECK_INT((long)strlen(buf_str(&rows)), 10298L * 16);
    }
    ingest_tables_free(t, n);
    buf_free(&rows);
    buf_free(&f);
}

static void test_degenerate(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    CHECK_INT(scan_str("empty.csv", "", 0, NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "the file is empty");
    CHECK_INT(SCAN("blank.csv", "\n\r\n\n", NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "the file is empty");
    CHECK_INT(SCAN("hdr.csv", "name,amount\n", NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "the file has only a header row (2 columns) and no data");
    buf_t w = {0};
    for (int i = 0; i < 2000; i++)
        buf_printf(&w, "%sc%d", i ? "," : "", i);
    buf_puts(&w, "\n");
    CHECK_INT(scan_str("wide.csv", w.data, w.len, NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "line 1 has 2,000 columns; the limit is 1,000");
    buf_reset(&w);
    buf_puts(&w, "a,b\n1,");
    for (int i = 0; i < 2 * 1024 * 1024; i++)
        buf_putc(&w, 'x');
    buf_puts(&w, "\n");
    CHECK_INT(scan_str("long.csv", w.data, w.len, NULL, &t, &n, NULL), -1);
    CHECK_STR(err, "line 2: a field is longer than 1024 KB (the limit)");
    ingest_opts_t o = {.max_field_bytes = 4 << 20};
    buf_t rows = {0};
    CHECK_INT(scan_str("long.csv", w.data, w.len, &o, &t, &n, &rows), 0);
    CHECK_INT((long)rows.len, 2L * 1024 * 1024 + 3);
    ingest_tables_free(t, n);
    t = NULL;
    ingest_opts_t cap = {.max_rows = 2};
    CHECK_INT(SCAN("cap.csv", "a\n1\n2\n3\n", &cap, &t, &n, NULL), -1);
    CHECK_STR(err, "the file has more than 2 rows (the limit)");
    buf_free(&rows);
    buf_free(&w);
}

static void check_col(const char *csv, size_t len, const ingest_opts_t *o, const char *type,
                      int order, const char *want_rows)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    buf_t rows = {0};
    CHECK_INT(scan_str("col.csv", csv, len, o, &t, &n, &rows), 0);
    if (t) {
        CHECK_STR(ingest_type_sql(t->cols[0].type), type);
        CHECK_INT(t->cols[0].date_order, order);
        if (want_rows)
            CHECK_STR(buf_str(&rows), want_rows);
    }
    ingest_tables_free(t, n);
    buf_free(&rows);
}

#define COL(lit, o, type, order, rows) check_col(lit, sizeof(lit) - 1, o, type, order, rows)

static void test_types(void)
{
    COL("d\n13/05/2024\n01/02/2024\n", NULL, "date", 1, "2024-05-13\n2024-02-01\n");
    COL("d\n05/13/2024\n02/01/2024\n", NULL, "date", 2, "2024-05-13\n2024-02-01\n");
    COL("d\n01/02/2024\n03/04/2024\n", NULL, "date", 1, "2024-02-01\n2024-04-03\n");
    ingest_opts_t mdy = {.date_order = INGEST_MDY};
    COL("d\n01/02/2024\n03/04/2024\n", &mdy, "date", 2, "2024-01-02\n2024-03-04\n");
    COL("d\n13/05/2024\n05/13/2024\n", NULL, "text", 0, NULL);
    COL("d\n31.12.2024\n\n", NULL, "date", 1, "2024-12-31\n");
    COL("b\nYes\nno\nT\n", NULL, "boolean", 0, "t\nf\nt\n");
    COL("n\n0\n1\n1\n", NULL, "bigint", 0, NULL);
    COL("n\n99999999999999999999\n1\n", NULL, "numeric", 0, NULL);
    COL("n\n1e5\n-2.5\n", NULL, "numeric", 0, "1e5\n-2.5\n");
    COL("n\n2024-02-30\n", NULL, "text", 0, NULL);
    COL("e\n\n \nx\n", NULL, "text", 0, "\\N\nx\n");   /* blank line skipped */

    ingest_table_t *t = NULL;
    size_t n = 0;
    CHECK_INT(SCAN("mixed.csv", "v,w\n1,a\n2,b\nn/a,c\n4,d\n", NULL, &t, &n, NULL), 0);
    if (t) {
        CHECK_STR(ingest_type_sql(t->cols[0].type), "text");
        CHECK_INT(t->cols[0].mixed, 1);
        CHECK_STR(t->cols[0].note, "line 2 has \"1\" but line 4 has \"n/a\"; kept as text");
        CHECK_INT(t->cols[1].mixed, 0);
        CHECK(t->cols[1].note == NULL);
    }
    ingest_tables_free(t, n);
    t = NULL;
    /* no header: first row typed like the rest */
    CHECK_INT(SCAN("nohdr.csv", "1,x\n2,y\n", NULL, &t, &n, NULL), 0);
    if (t) {
        CHECK_INT(t->has_header, 0);
        CHECK_INT(t->rows, 2);
        CHECK_STR(t->cols[0].name, "col_1");
        CHECK_STR(t->cols[1].name, "col_2");
    }
    ingest_tables_free(t, n);
}

static void test_names(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    CHECK_INT(SCAN("names.csv",
                   ",Name,name,1st col,\xCE\x94 delta,select,Prix (\xE2\x82\xAC) \xC3\xA9t\xC3\xA9\n"
                   "1,2,3,4,5,6,7\n",
                   NULL, &t, &n, NULL), 0);
    if (t) {
        CHECK_INT(t->has_header, 1);
        const char *want[] = {"col_1", "name", "name_2", "c_1st_col", "delta", "select",
                              "prix_ete"};
        for (size_t i = 0; i < 7 && i < t->ncols; i++)
            CHECK_STR(t->cols[i].name, want[i]);
        CHECK_STR(t->cols[1].original, "Name");
    }
    ingest_tables_free(t, n);
    char *s = ingest_sanitize_name("", 0);
    CHECK_STR(s, "column");
    free(s);
    s = ingest_sanitize_name("__A--B__", 8);
    CHECK_STR(s, "a_b");
    free(s);
    char longname[200];
    memset(longname, 'x', sizeof longname);
    s = ingest_sanitize_name(longname, sizeof longname);
    CHECK_INT(strlen(s), 63);
    free(s);
}

static int progress_calls;
static double progress_last;
static void on_progress(void *ctx, double f)
{
    (void)ctx;
    if (f >= progress_last && f <= 1)
        progress_calls++;
    progress_last = f;
}

static int stop_at_two(void *ctx, const char *line, size_t len)
{
    (void)line, (void)len;
    return ++*(int *)ctx >= 2 ? -1 : 0;
}

static void test_rows_pass(void)
{
    buf_t f = {0};
    buf_puts(&f, "id,v\n");
    for (int i = 0; i < 20000; i++)
        buf_printf(&f, "%d,%d.5\n", i, i);
    ingest_opts_t o = {.progress = on_progress};
    ingest_table_t *t = NULL;
    size_t n = 0;
    CHECK_INT(scan_str("prog.csv", f.data, f.len, &o, &t, &n, NULL), 0);
    CHECK(progress_calls >= 3);   /* one per 64 KB read, at most one per 1% */
    CHECK(progress_last == 1.0);
    if (t) {
        int calls = 0;
        char path[1024];
        snprintf(path, sizeof path, "%s/prog.csv", dir);
        CHECK_INT(ingest_rows(path, t, 0, &o, stop_at_two, &calls, err, sizeof err), -1);
        CHECK_INT(calls, 2);
        CHECK_STR(err, "loading stopped at line 3");
        put("prog.csv", f.data, f.len - 6);      /* the file changed */
        CHECK_INT(ingest_rows(path, t, 0, &o, collect, &f, err, sizeof err), -1);
        CHECK(strstr(err, "changed") != NULL);
    }
    ingest_tables_free(t, n);
    buf_free(&f);
}

/* ---- XLSX: workbooks built here with libzip ---- */

static const char *const wb_rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Target=\"worksheets/sheet3.xml\"/></Relationships>";
static const char *const styles =
    "<styleSheet><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
    "formatCode=\"yyyy\\-mm\\-dd h:mm\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"164\"/></cellXfs></styleSheet>";
static const char *const sst =
    "<sst><si><t>Name</t></si><si><t>Amount</t></si><si><t>Alice</t></si>"
    "<si><r><t>Bo</t></r><r><t>b</t></r><rPh><t>x</t></rPh></si><si><t>Paid</t></si></sst>";
static const char *const sheet1 =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>When</t></is></c><c r=\"D1\" t=\"s\"><v>4</v></c>"
    "<c r=\"E1\" t=\"inlineStr\"><is><t>At</t></is></c>"
    "<c r=\"F1\" t=\"inlineStr\"><is><t>Old</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>10.5</v></c>"
    "<c r=\"C2\" s=\"1\"><v>45000</v></c><c r=\"D2\" t=\"b\"><v>1</v></c>"
    "<c r=\"E2\" s=\"2\"><v>45000.5</v></c><c r=\"F2\" s=\"1\"><v>1</v></c></row>"
    "<row r=\"3\"/>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>3</v></c><c r=\"B4\"><v>7</v></c>"
    "<c r=\"C4\" s=\"1\"><v>45001</v></c><c r=\"D4\" t=\"b\"><v>0</v></c>"
    "<c r=\"F4\" s=\"1\"><v>61</v></c><c r=\"G4\" t=\"e\"><v>#N/A</v></c></row>"
    "</sheetData></worksheet>";
static const char *const sheet2 =
    "<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row>"
    "<row><c><v>3</v></c><c><v>4</v></c></row></sheetData></worksheet>";
static const char *const sheet3 = "<worksheet><sheetData/></worksheet>";

static char *workbook_xml(int date1904)
{
    buf_t b = {0};
    buf_printf(&b,
               "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
               "relationships\"><workbookPr date1904=\"%d\"/><sheets>"
               "<sheet name=\"Sales Data\" sheetId=\"1\" r:id=\"rId1\"/>"
               "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId2\"/>"
               "<sheet name=\"Empty\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>",
               date1904);
    return buf_detach(&b);
}

/* parts: name, content, ..., NULL; an entry whose content is NULL is
 * added from src instead (the zip bomb). */
static int make_zip(const char *path, const char *const *parts, zip_source_t *(*src)(zip_t *))
{
    int e;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
    if (!z)
        return -1;
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *s = parts[i + 1]
                              ? zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0)
                              : src(z);
        zip_int64_t idx = zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE);
        if (idx >= 0 && !parts[i + 1])
            zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1);
    }
    return zip_close(z);
}

static int scan_xlsx(const char *name, const ingest_opts_t *o, ingest_table_t **t, size_t *n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    err[0] = '\0';
    return ingest_scan(path, name, o, t, n, err, sizeof err);
}

static void test_xlsx_book(int date1904)
{
    char path[1024];
    char *wb = workbook_xml(date1904);
    const char *parts[] = {"xl/workbook.xml", wb, "xl/_rels/workbook.xml.rels", wb_rels,
                           "xl/styles.xml", styles, "xl/sharedStrings.xml", sst,
                           "xl/worksheets/sheet1.xml", sheet1, "xl/worksheets/sheet2.xml",
                           sheet2, "xl/worksheets/sheet3.xml", sheet3, NULL};
    snprintf(path, sizeof path, "%s/book.xlsx", dir);
    CHECK_INT(make_zip(path, parts, NULL), 0);
    ingest_table_t *t = NULL;
    size_t n = 0;
    CHECK_INT(scan_xlsx("book.xlsx", NULL, &t, &n), 0);
    if (*err)
        fprintf(stderr, "  err: %s\n", err);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(t[0].name, "sales_data");
        CHECK_INT(t[0].has_header, 1);
        CHECK_INT(t[0].rows, 2);
        const char *names[] = {"name", "amount", "when", "paid", "at", "old"};
        const char *types[] = {"text", "numeric", "date", "boolean", "timestamptz", "date"};
        CHECK_INT(t[0].ncols, 6);
        for (size_t i = 0; i < 6 && i < t[0].ncols; i++) {
            CHECK_STR(t[0].cols[i].name, names[i]);
            CHECK_STR(ingest_type_sql(t[0].cols[i].type), types[i]);
        }
        buf_t rows = {0};
        CHECK_INT(ingest_rows(path, t, 0, NULL, collect, &rows, err, sizeof err), 0);
        CHECK_STR(buf_str(&rows),
                  date1904 ? "Alice\t10.5\t2027-03-16\tt\t2027-03-16 12:00:00\t1904-01-02\n"
                             "Bob\t7\t2027-03-17\tf\t\\N\t1904-03-02\n"
                           : "Alice\t10.5\t2023-03-15\tt\t2023-03-15 12:00:00\t1900-01-01\n"
                             "Bob\t7\t2023-03-16\tf\t\\N\t1900-03-01\n");
        buf_reset(&rows);
        CHECK_STR(t[1].name, "other");
        CHECK_INT(t[1].has_header, 0);
        CHECK_STR(t[1].cols[1].name, "col_2");
        CHECK_INT(ingest_rows(path, t, 1, NULL, collect, &rows, err, sizeof err), 0);
        CHECK_STR(buf_str(&rows), "1\t2\n3\t4\n");
        buf_free(&rows);
    }
    ingest_tables_free(t, n);
    free(wb);
}

static const char *const wb_one =
    "<workbook><sheets><sheet name=\"Sales Data\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";

static void xlsx_one_sheet(const char *name, const char *sheet)
{
    char path[1024];
    const char *parts[] = {"xl/workbook.xml", wb_one, "xl/_rels/workbook.xml.rels", wb_rels,
                           "xl/worksheets/sheet1.xml", sheet, NULL};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    make_zip(path, parts, NULL);
}

/* ---- zip bombs ---- */

typedef struct zeros {
    unsigned long long size, done;
} zeros_t;

static zeros_t bomb = {.size = 2ULL << 30};

static zip_int64_t zeros_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    zeros_t *z = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN: z->done = 0; return 0;
    case ZIP_SOURCE_READ: {
        zip_uint64_t n = z->size - z->done < len ? z->size - z->done : len;
        memset(data, 0, n);
        z->done += n;
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->size = z->size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR: return 2 * sizeof(int);
    case ZIP_SOURCE_FREE: return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                              ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: return -1;
    }
}

static zip_source_t *zeros_source(zip_t *z) { return zip_source_function(z, zeros_cb, &bomb); }

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Set the uncompressed size of entry name in both headers of the zip. */
static void patch_size(const char *path, const char *name, unsigned size)
{
    FILE *f = fopen(path, "r+b");
    if (!f)
        return;
    static char z[1 << 20];
    size_t n = fread(z, 1, sizeof z, f), nl = strlen(name);
    for (size_t i = 0; i + 46 + nl <= n; i++) {
        size_t at = 0;
        if (memcmp(z + i, "PK\x01\x02", 4) == 0 && memcmp(z + i + 46, name, nl) == 0)
            at = i + 24;
        else if (memcmp(z + i, "PK\x03\x04", 4) == 0 && memcmp(z + i + 30, name, nl) == 0)
            at = i + 22;
        if (at)
            for (int k = 0; k < 4; k++)
                z[at + (size_t)k] = (char)(size >> (8 * k));
    }
    fseek(f, 0, SEEK_SET);
    fwrite(z, 1, n, f);
    fclose(f);
}

static void test_xlsx_bombs(void)
{
    char path[1024];
    const char *parts[] = {"xl/workbook.xml", wb_one, "xl/_rels/workbook.xml.rels", wb_rels,
                           "xl/worksheets/sheet1.xml", NULL, NULL};
    ingest_table_t *t = NULL;
    size_t n = 0;
    snprintf(path, sizeof path, "%s/bomb.xlsx", dir);
    CHECK_INT(make_zip(path, parts, zeros_source), 0);
    long rss = maxrss_kb();
    clock_t c0 = clock();
    CHECK_INT(scan_xlsx("bomb.xlsx", NULL, &t, &n), -1);
    CHECK(strstr(err, "too big unzipped") && strstr(err, "zip bomb"));
    ingest_opts_t roomy = {.xlsx_max_uncompressed = 4ULL << 30};
    CHECK_INT(scan_xlsx("bomb.xlsx", &roomy, &t, &n), -1);
    CHECK(strstr(err, "expands") && strstr(err, "zip bomb"));
    CHECK((clock() - c0) / CLOCKS_PER_SEC < 2);
    CHECK(maxrss_kb() - rss < 32 * 1024);

    /* a small entry whose header claims 4 GB, and one that claims 100 bytes */
    buf_t big = {0};
    buf_puts(&big, "<worksheet><sheetData>");
    for (int i = 0; i < 20000; i++)
        buf_printf(&big, "<row><c><v>%d</v></c></row>", i);
    buf_puts(&big, "</sheetData></worksheet>");
    parts[5] = big.data;
    make_zip(path, parts, NULL);
    patch_size(path, "xl/worksheets/sheet1.xml", 0xFFFFFFF0u);
    CHECK_INT(scan_xlsx("bomb.xlsx", NULL, &t, &n), -1);
    CHECK(strstr(err, "zip bomb") != NULL);
    make_zip(path, parts, NULL);
    patch_size(path, "xl/worksheets/sheet1.xml", 100);
    CHECK_INT(scan_xlsx("bomb.xlsx", NULL, &t, &n), -1);
    CHECK(err[0] != '\0');
    buf_free(&big);
}

static void test_xlsx(void)
{
    ingest_table_t *t = NULL;
    size_t n = 0;
    test_xlsx_book(0);
    test_xlsx_book(1);
    put("fake.xlsx", "hello,world\n", 12);
    CHECK_INT(scan_xlsx("fake.xlsx", NULL, &t, &n), -1);
    CHECK_STR(err, "not an .xlsx workbook: the file is not a zip archive");
    xlsx_one_sheet("badxml.xlsx", "<worksheet><sheetData><row>");
    CHECK_INT(scan_xlsx("badxml.xlsx", NULL, &t, &n), -1);
    CHECK(strstr(err, "is not valid XML") != NULL);
    xlsx_one_sheet("dtd.xlsx", "<!DOCTYPE w [<!ENTITY a \"b\">]><worksheet/>");
    CHECK_INT(scan_xlsx("dtd.xlsx", NULL, &t, &n), -1);
    CHECK(strstr(err, "DTD") != NULL);
    xlsx_one_sheet("wide.xlsx", "<worksheet><sheetData><row><c r=\"XFD1\"><v>1</v></c>"
                                "</row></sheetData></worksheet>");
    CHECK_INT(scan_xlsx("wide.xlsx", NULL, &t, &n), -1);
    CHECK_STR(err, "sheet \"Sales Data\": cell XFD1 is past column 1,000 (the limit)");
    xlsx_one_sheet("nodata.xlsx", sheet3);
    CHECK_INT(scan_xlsx("nodata.xlsx", NULL, &t, &n), -1);
    CHECK(strstr(err, "no sheet with data") != NULL);
    test_xlsx_bombs();
}

static void test_fuzz_smoke(void)
{
    srand(42);
    const char alphabet[] = "a1,;\t|\"\r\n\\ .-/:TZ\xE9\xC3\0";
    for (int iter = 0; iter < 3000; iter++) {
        char data[256];
        size_t len = (size_t)(rand() % (int)sizeof data);
        for (size_t i = 0; i < len; i++)
            data[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
        ingest_table_t *t = NULL;
        buf_t rows = {0};
        if (ingest_scan_csv_buffer(data, len, NULL, &t, err, sizeof err) == 0) {
            ingest_rows_buffer(data, len, t, 0, NULL, collect, &rows, err, sizeof err);
            ingest_tables_free(t, 1);
        }
        buf_free(&rows);
        size_t nt = 0;
        if (ingest_scan_xlsx_buffer(data, len, NULL, &t, &nt, err, sizeof err) == 0)
            ingest_tables_free(t, nt);
    }
    CHECK(1);
}

int main(int argc, char **argv)
{
    snprintf(dir, sizeof dir, "%s/test_ingest.%d", argc > 1 ? argv[1] : "/tmp", (int)getpid());
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    if (system(cmd) != 0)
        return 2;
    test_clean_csv();
    test_delimiters();
    test_encodings();
    test_quoting();
    test_ragged();
    test_degenerate();
    test_types();
    test_names();
    test_rows_pass();
    test_xlsx();
    test_fuzz_smoke();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_ingest");
}
