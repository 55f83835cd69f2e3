/* infer.c — pass 1: column types over every row, in constant memory per
 * column.
 *
 * Each column keeps the AND of its values' readings (value.c); its type is
 * the first reading left standing in the order boolean, bigint, numeric,
 * date, timestamptz, else text. In a ';' file a column that reads both
 * ways is European ("1.000" is a thousand); only ';' files have European
 * readings at all. For the "mixed" note a column remembers its first typed
 * value, its first untyped one and the first that broke agreement.
 *
 * Row 1 is held aside until the end, where the header is decided with the
 * whole file's column types to compare against (decide_header). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ingest/internal.h"

#define SAMPLE_BYTES 40

typedef struct seen {
    long line;          /* 0: none yet */
    char *val;
} seen_t;

typedef struct col_state {
    unsigned mask;
    long nulls, values;
    seen_t typed, untyped, clash;
} col_state_t;

struct infer {
    ingest_opts_t o;
    char delim;
    int enc, pad;
    col_state_t *cs;
    size_t ncols;
    char **row1;
    size_t *row1_len, nrow1;
    long row1_line;
    int have_row1;
    long rows;
    long bad;
    char **samples;
    long *sample_line;
    size_t *sample_n, nsamples;
};

infer_t *infer_new(const ingest_opts_t *o, char delim, int enc, int pad)
{
    infer_t *in = xcalloc(1, sizeof *in);
    in->o = *o, in->delim = delim, in->enc = enc, in->pad = pad;
    return in;
}

static void seen_set(seen_t *s, long line, int enc, const char *v, size_t n)
{
    buf_t b = {0};
    encode_to_utf8(enc, v, n, &b);
    size_t cut = b.len > SAMPLE_BYTES ? SAMPLE_BYTES : b.len;
    while (cut < b.len && cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
        cut--;                      /* do not split a character */
    buf_truncate(&b, cut);
    s->line = line, s->val = buf_detach(&b);
}

static void col_feed(infer_t *in, col_state_t *c, const char *s, size_t n, long line)
{
    const char *v = s;
    if (value_trim(&v, n) == 0) {
        c->nulls++;
        return;
    }
    unsigned m = value_mask(s, n, in->delim);
    if (c->values++ == 0)
        c->mask = V_ALL;
    if (m && !c->typed.line)
        seen_set(&c->typed, line, in->enc, s, n);
    if (!m && !c->untyped.line)
        seen_set(&c->untyped, line, in->enc, s, n);
    if (m && c->mask && !(c->mask & m) && !c->clash.line)
        seen_set(&c->clash, line, in->enc, s, n);
    c->mask &= m;
}

static void grow_cols(infer_t *in, size_t n)
{
    in->cs = xrealloc(in->cs, n * sizeof *in->cs);
    for (size_t i = in->ncols; i < n; i++) {
        memset(&in->cs[i], 0, sizeof in->cs[i]);
        in->cs[i].nulls = in->rows;   /* rows before it had nothing here */
    }
    in->ncols = n;
}

static int too_many_cols(const infer_t *in, const ingest_record_t *r, char *err,
                         size_t errlen)
{
    char ln[32], nc[32], lim[32];
    ingest_errf(err, errlen, "line %s has %s columns; the limit is %s",
                ingest_count_str(r->line, ln), ingest_count_str((long long)r->n, nc),
                ingest_count_str((long long)in->o.max_columns, lim));
    return -1;
}

static void keep_row1(infer_t *in, const ingest_record_t *r)
{
    in->have_row1 = 1, in->row1_line = r->line, in->nrow1 = r->nstored;
    in->row1 = xcalloc(r->nstored + 1, sizeof *in->row1);
    in->row1_len = xcalloc(r->nstored + 1, sizeof *in->row1_len);
    for (size_t i = 0; i < r->nstored; i++) {
        in->row1[i] = xstrndup(r->f[i], r->len[i]);
        in->row1_len[i] = r->len[i];
    }
    grow_cols(in, r->n);
}

/* Row 1 is a header when none of its cells reads like the values below it
 * (a number over numbers, a date over dates; any typed cell over a text
 * column), and either it has no empty cell or some cell is text over a
 * typed column. Works mid-file too, on the rows seen so far. */
static int decide_header(const infer_t *in)
{
    if (in->o.header)
        return in->o.header > 0;
    int all_filled = in->nrow1 == in->ncols, over_typed = 0;
    for (size_t i = 0; i < in->nrow1; i++) {
        const char *v = in->row1[i];
        size_t n = value_trim(&v, in->row1_len[i]);
        const col_state_t *c = &in->cs[i];
        unsigned m = n ? value_mask(v, n, in->delim) : 0;
        int typed_below = c->values && c->mask;
        if (n == 0)
            all_filled = 0;
        else if (m && (!typed_below || (m & c->mask)))
            return 0;
        else if (typed_below)
            over_typed = 1;
    }
    return all_filled || over_typed;
}

static int ragged(infer_t *in, const ingest_record_t *r, char *err, size_t errlen)
{
    char ln[32];
    in->bad++;
    if (!in->o.skip_bad_lines) {
        ingest_errf(err, errlen, "line %s has %zu fields, %s has %zu",
                    ingest_count_str(r->line, ln), r->n,
                    decide_header(in) ? "the header" : "the first row", in->ncols);
        return -1;
    }
    if (in->nsamples < INGEST_MAX_BAD_SAMPLES) {
        in->sample_line = xrealloc(in->sample_line, (in->nsamples + 1) * sizeof(long));
        in->sample_n = xrealloc(in->sample_n, (in->nsamples + 1) * sizeof(size_t));
        in->sample_line[in->nsamples] = r->line;
        in->sample_n[in->nsamples++] = r->n;
    }
    return 0;
}

int infer_feed(infer_t *in, const ingest_record_t *r, char *err, size_t errlen)
{
    if (r->n > in->o.max_columns)
        return in->have_row1 && !in->pad ? ragged(in, r, err, errlen)
                                         : too_many_cols(in, r, err, errlen);
    if (!in->have_row1) {
        keep_row1(in, r);
        return 0;
    }
    if (r->n != in->ncols && !in->pad)
        return ragged(in, r, err, errlen);
    if (r->n > in->ncols)
        grow_cols(in, r->n);
    if (in->o.max_rows && in->rows >= in->o.max_rows) {
        char lim[32];
        ingest_errf(err, errlen, "the file has more than %s rows (the limit)",
                    ingest_count_str(in->o.max_rows, lim));
        return -1;
    }
    in->rows++;
    for (size_t i = 0; i < in->ncols; i++) {
        if (i < r->nstored)
            col_feed(in, &in->cs[i], r->f[i], r->len[i], r->line);
        else
            in->cs[i].nulls++;
    }
    return 0;
}

static ingest_type_t final_type(const infer_t *in, const col_state_t *c,
                                ingest_column_t *col)
{
    unsigned m = c->mask;
    col->decimal = '.';
    if (c->values == 0)
        return INGEST_TEXT;
    if (m & V_BOOL)
        return INGEST_BOOLEAN;
    if ((m & (V_INT_EU | V_NUM_EU)) && (in->delim == ';' || !(m & (V_INT_US | V_NUM_US)))) {
        col->decimal = ',';
        return m & V_INT_EU ? INGEST_BIGINT : INGEST_NUMERIC;
    }
    if (m & (V_INT_US | V_NUM_US))
        return m & V_INT_US ? INGEST_BIGINT : INGEST_NUMERIC;
    if (m & V_DATE_ISO)
        return INGEST_DATE;
    if ((m & V_DATE_DMY) && (m & V_DATE_MDY))
        col->date_order = in->o.date_order == INGEST_MDY ? INGEST_MDY : INGEST_DMY;
    else if (m & (V_DATE_DMY | V_DATE_MDY))
        col->date_order = m & V_DATE_DMY ? INGEST_DMY : INGEST_MDY;
    if (col->date_order)
        return INGEST_DATE;
    return m & V_TS ? INGEST_TIMESTAMPTZ : INGEST_TEXT;
}

/* Why a column with typed values ended up text. */
static void mixed_note(const col_state_t *c, ingest_column_t *col)
{
    char a[32], b[32];
    const seen_t *x = &c->typed, *y = c->untyped.line ? &c->untyped : &c->clash;
    if (!x->line || !y->line)
        return;
    if (y->line < x->line) {
        const seen_t *t = x;
        x = y, y = t;
    }
    buf_t note = {0};
    buf_printf(&note, "line %s has \"%s\" but line %s has \"%s\"; kept as text",
               ingest_count_str(x->line, a), x->val, ingest_count_str(y->line, b), y->val);
    col->mixed = 1;
    col->note = buf_detach(&note);
}

static void build_cols(infer_t *in, ingest_table_t *t)
{
    t->ncols = in->ncols;
    t->cols = xcalloc(in->ncols ? in->ncols : 1, sizeof *t->cols);
    for (size_t i = 0; i < in->ncols; i++) {
        ingest_column_t *col = &t->cols[i];
        buf_t o = {0};
        if (t->has_header && i < in->nrow1)
            encode_to_utf8(in->enc, in->row1[i], in->row1_len[i], &o);
        col->original = buf_detach(&o);
        col->type = final_type(in, &in->cs[i], col);
        col->nulls = in->cs[i].nulls;
        if (col->type == INGEST_TEXT && in->cs[i].typed.line)
            mixed_note(&in->cs[i], col);
    }
    names_assign(t);
}

static void build_samples(infer_t *in, ingest_table_t *t)
{
    t->bad_lines = in->bad;
    t->bad_samples = xcalloc(in->nsamples + 1, sizeof *t->bad_samples);
    for (size_t i = 0; i < in->nsamples; i++) {
        char ln[32];
        buf_t b = {0};
        buf_printf(&b, "line %s has %zu fields, %s has %zu",
                   ingest_count_str(in->sample_line[i], ln), in->sample_n[i],
                   t->has_header ? "the header" : "the first row", in->ncols);
        t->bad_samples[i] = buf_detach(&b);
    }
    t->nbad_samples = in->nsamples;
}

int infer_finish(infer_t *in, ingest_table_t *t, char *err, size_t errlen)
{
    if (!in->have_row1) {
        ingest_errf(err, errlen, "the file is empty");
        return -1;
    }
    t->has_header = decide_header(in);
    if (t->has_header && in->rows == 0) {
        ingest_errf(err, errlen, "the file has only a header row (%zu columns) and no data",
                    in->ncols);
        return -1;
    }
    if (!t->has_header) {
        if (in->o.max_rows && in->rows >= in->o.max_rows) {
            char lim[32];
            ingest_errf(err, errlen, "the file has more than %s rows (the limit)",
                        ingest_count_str(in->o.max_rows, lim));
            return -1;
        }
        for (size_t i = 0; i < in->ncols; i++) {
            if (i < in->nrow1)
                col_feed(in, &in->cs[i], in->row1[i], in->row1_len[i], in->row1_line);
            else
                in->cs[i].nulls++;
        }
        in->rows++;
    }
    t->rows = in->rows;
    build_cols(in, t);
    build_samples(in, t);
    return 0;
}

long infer_records(const infer_t *in)
{
    return in->rows + in->have_row1;
}

void infer_free(infer_t *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->ncols; i++) {
        free(in->cs[i].typed.val);
        free(in->cs[i].untyped.val);
        free(in->cs[i].clash.val);
    }
    for (size_t i = 0; i < in->nrow1; i++)
        free(in->row1[i]);
    free(in->row1);
    free(in->row1_len);
    free(in->cs);
    free(in->sample_line);
    free(in->sample_n);
    free(in->samples);
    free(in);
}
