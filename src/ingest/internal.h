/* internal.h — what the ingest/ files share; not for other modules.
 *
 * Both readers (csv.c, xlsx_sheet.c) turn a file into records: arrays of
 * raw field bytes with the line they start on. infer.c consumes records in
 * pass 1, encode.c turns them into COPY lines in pass 2. */
#ifndef DM_INGEST_INTERNAL_H
#define DM_INGEST_INTERNAL_H

#include <stddef.h>

#include "core/buf.h"
#include "ingest/ingest.h"

#define INGEST_CHUNK 65536
#define INGEST_MAX_BAD_SAMPLES 5

enum { ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252 };

typedef struct ingest_record {
    size_t n;           /* fields in the row; may exceed nstored (too many) */
    size_t nstored;     /* fields in f/len */
    const char **f;     /* NUL-terminated raw bytes (file encoding) */
    const size_t *len;
    long line;          /* CSV: line where the record starts; XLSX: row number */
} ingest_record_t;

typedef int (*ingest_record_fn)(void *ctx, const ingest_record_t *r, char *err,
                                size_t errlen);

/* A file either on disk or in memory. */
typedef struct ingest_input {
    const char *path;   /* NULL for a buffer */
    const char *data;
    size_t len;
} ingest_input_t;

/* base.c */
void ingest_opts_resolve(const ingest_opts_t *in, ingest_opts_t *out);
void ingest_errf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* n with thousands separators: 10233 → "10,233". */
const char *ingest_count_str(long long n, char out[32]);

/* encode.c */
int encode_utf8_valid(const char *s, size_t n);
/* s (file encoding) as UTF-8; drops NULs, invalid UTF-8 → U+FFFD. */
void encode_to_utf8(int enc, const char *s, size_t n, buf_t *out);
/* COPY text escaping of UTF-8 s: \\ \t \n \r (and other controls < 0x20 kept). */
void encode_copy_escape(const char *s, size_t n, buf_t *out);
/* One COPY line for r under t's column types (line reset first). -1 if a
 * value no longer fits its type (the file changed). */
int encode_row(const ingest_table_t *t, int enc, const ingest_record_t *r, buf_t *line,
               char *err, size_t errlen);
int encode_from_name(const char *encoding);

/* value.c — one value's grammar. Bits a value can be read as: */
enum {
    V_INT_US = 1u << 0, V_NUM_US = 1u << 1, V_INT_EU = 1u << 2, V_NUM_EU = 1u << 3,
    V_BOOL = 1u << 4, V_DATE_ISO = 1u << 5, V_DATE_DMY = 1u << 6,
    V_DATE_MDY = 1u << 7, V_TS = 1u << 8,
    V_ALL = (1u << 9) - 1
};
/* The readings of s (trimmed); 0 = text only. European bits only when
 * delim == ';'. */
unsigned value_mask(const char *s, size_t n, char delim);
/* Trim ASCII whitespace; returns the new length, *s advanced. */
size_t value_trim(const char **s, size_t n);
/* Normalised COPY form of s for a column type; -1 if s does not fit. */
int value_number(const char *s, size_t n, char decimal, int integer, buf_t *out);
int value_bool(const char *s, size_t n, buf_t *out);
int value_date(const char *s, size_t n, int order, buf_t *out);
int value_timestamp(const char *s, size_t n, buf_t *out);
/* Days since 1970-01-01 → y, m, d (proleptic Gregorian). */
void value_civil(long long days, int *y, int *m, int *d);

/* infer.c — pass 1 column state. pad: short rows are padded with NULLs and
 * long rows widen the table (XLSX), instead of being ragged (CSV). */
typedef struct infer infer_t;
infer_t *infer_new(const ingest_opts_t *o, char delim, int enc, int pad);
int infer_feed(infer_t *in, const ingest_record_t *r, char *err, size_t errlen);
/* Fills t's columns, counts, has_header. -1: empty, only a header. */
int infer_finish(infer_t *in, ingest_table_t *t, char *err, size_t errlen);
void infer_free(infer_t *in);

/* names.c */
/* Unique sanitised names for t->cols from originals; empty → col_N. */
void names_assign(ingest_table_t *t);
/* Unique table names across t[0..n). */
void names_dedupe_tables(ingest_table_t *t, size_t n);

/* sniff.c */
typedef struct sniff_result {
    int enc;            /* ENC_* */
    size_t skip;        /* BOM bytes to skip */
    char delim;
} sniff_result_t;
int sniff_csv(const char *head, size_t n, const char *filename, sniff_result_t *out,
              char *err, size_t errlen);
int sniff_is_zip(const char *head, size_t n);

/* csv.c */
typedef struct csv_reader csv_reader_t;
csv_reader_t *csv_open(const ingest_input_t *in, char delim, size_t skip,
                       const ingest_opts_t *o, char *err, size_t errlen);
/* 1 a record, 0 end of file, -1 error (err names the line). */
int csv_next(csv_reader_t *r, ingest_record_t *rec, char *err, size_t errlen);
long long csv_total(const csv_reader_t *r);
void csv_close(csv_reader_t *r);

/* csvscan.c */
int csv_scan(const ingest_input_t *in, const char *filename, const ingest_opts_t *o,
             ingest_table_t **out, char *err, size_t errlen);
int csv_rows(const ingest_input_t *in, const ingest_table_t *t, const ingest_opts_t *o,
             ingest_row_fn fn, void *ctx, char *err, size_t errlen);

/* Records seen so far (row 1 included). */
long infer_records(const infer_t *in);

/* xlsx.c — a workbook open for reading, with what every sheet needs. */
enum { XF_GENERAL, XF_DATE, XF_DATETIME, XF_TIME };
typedef struct xlsx_book {
    struct zip *z;
    ingest_opts_t o;
    unsigned long long inflated;    /* bytes inflated so far, all entries */
    int date1904;
    unsigned char *xf_kind;         /* by cellXfs index (the s attribute) */
    size_t nxf;
    buf_t sst;                      /* shared strings, NUL-separated */
    size_t *sst_off, nsst, sst_cap;
    char **sheet_names, **sheet_rids, **sheet_paths;
    size_t nsheets;
    char *err;                      /* the caller's buffer, for XML handlers */
    size_t errlen;
} xlsx_book_t;

/* What every expat callback context starts with. */
typedef struct xml_ctx {
    xlsx_book_t *b;
    void *parser;                   /* XML_Parser */
    int failed;
} xml_ctx_t;

/* xlsx_zip.c: a parser whose user data is ctx (a struct starting with xml_ctx_t), with
 * DTDs refused. start/end/text are expat handler pointers. */
void *xlsx_parser_new(xml_ctx_t *ctx, void *start, void *end, void *text);
/* Stop the parse with a message (printf-style) for the caller. */
void xlsx_fail(xml_ctx_t *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Stream zip entry name through parser, enforcing the size and ratio limits.
 * 1 if the entry is absent and !required, 0 done, -1 error in err. */
int xlsx_entry_parse(xlsx_book_t *b, const char *name, void *parser, int required);
/* Attribute value by local name (prefix ignored), NULL if absent. */
const char *xlsx_attr(const char **atts, const char *local);
const char *xlsx_local(const char *qname);

/* xlsx_parts.c: workbook (sheets, date system), its relationships (sheet
 * paths), styles (date cells) and shared strings into b. */
int xlsx_book_load(xlsx_book_t *b);
void xlsx_book_clear(xlsx_book_t *b);

/* xlsx_sheet.c: stream the rows of the sheet at zip entry path as records
 * to fn; name is for messages. */
int xlsx_sheet_read(xlsx_book_t *b, const char *path, const char *name,
                    ingest_record_fn fn, void *ctx);
/* Excel serial v in the book's date system as text; -1 if out of range. */
int xlsx_serial_text(double v, int date1904, int kind, buf_t *out);

/* xlsx.c */
int xlsx_scan(const ingest_input_t *in, const ingest_opts_t *o, ingest_table_t **out,
              size_t *n, char *err, size_t errlen);
int xlsx_rows(const ingest_input_t *in, const ingest_table_t *t, const ingest_opts_t *o,
              ingest_row_fn fn, void *ctx, char *err, size_t errlen);

#endif
