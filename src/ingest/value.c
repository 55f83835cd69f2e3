/* value.c — the grammar of one value: numbers, booleans, dates, timestamps.
 *
 * value_mask() says every way a value could be read; infer.c ANDs the masks
 * of a column together, so a column's type is whatever all of its values
 * agree on. The value_* normalisers re-parse in pass 2 and write the COPY
 * form; both sides share the parsers below so they cannot drift apart. */
#include <stdint.h>
#include <string.h>

#include "ingest/internal.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t value_trim(const char **s, size_t n)
{
    const char *p = *s;
    while (n && is_space(*p))
        p++, n--;
    while (n && is_space(p[n - 1]))
        n--;
    *s = p;
    return n;
}

/* ---- numbers ---- */

typedef struct num {
    int is_int;      /* no decimal part, no exponent */
    int fits;        /* integer fits in bigint */
} num_t;

/* [+-] int-part [dec frac] [e[+-]exp], int-part optionally grouped by grp
 * in threes. A leading zero on a multi-digit integer part fails: "007" is
 * an identifier, not a number. */
static int num_parse(const char *s, size_t n, char dec, char grp, num_t *o)
{
    size_t i = 0, digits = 0, group = 0;
    int grouped = 0;
    uint64_t v = 0;
    o->is_int = 1, o->fits = 1;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t start = i;
    for (; i < n; i++) {
        if (is_digit(s[i])) {
            digits++, group++;
            if (v > (UINT64_MAX - 9) / 10)
                o->fits = 0;
            else
                v = v * 10 + (uint64_t)(s[i] - '0');
        } else if (s[i] == grp && digits > 0 && (grouped ? group == 3 : group <= 3)) {
            grouped = 1, group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3)
        return -1;
    if (digits > 1 && s[start] == '0')
        return -1;
    if (i < n && s[i] == dec) {
        size_t f = 0;
        for (i++; i < n && is_digit(s[i]); i++)
            f++;
        if (f == 0)
            return -1;
        o->is_int = 0, digits += f;
    }
    if (digits == 0)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (; i < n && is_digit(s[i]); i++)
            e++;
        if (e == 0 || e > 4)
            return -1;
        o->is_int = 0;
    }
    if (v > (uint64_t)INT64_MAX + (s[0] == '-'))
        o->fits = 0;
    return i == n ? 0 : -1;
}

static unsigned num_mask(const char *s, size_t n, char delim)
{
    unsigned m = 0;
    num_t r;
    if (num_parse(s, n, '.', ',', &r) == 0)
        m |= V_NUM_US | (r.is_int && r.fits ? V_INT_US : 0);
    if (delim == ';' && num_parse(s, n, ',', '.', &r) == 0)
        m |= V_NUM_EU | (r.is_int && r.fits ? V_INT_EU : 0);
    return m;
}

int value_number(const char *s, size_t n, char decimal, int integer, buf_t *out)
{
    char grp = decimal == ',' ? '.' : ',';
    num_t r;
    n = value_trim(&s, n);
    if (num_parse(s, n, decimal, grp, &r) < 0 || (integer && !(r.is_int && r.fits)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == grp || (i == 0 && s[i] == '+'))
            continue;
        buf_putc(out, s[i] == decimal ? '.' : s[i]);
    }
    return 0;
}

/* ---- booleans ---- */

static int bool_parse(const char *s, size_t n)
{
    static const char *const yes[] = {"true", "yes", "t"}, *const no[] = {"false", "no", "f"};
    for (int i = 0; i < 3; i++) {
        if (strlen(yes[i]) == n && strncasecmp(s, yes[i], n) == 0)
            return 1;
        if (strlen(no[i]) == n && strncasecmp(s, no[i], n) == 0)
            return 0;
    }
    return -1;
}

int value_bool(const char *s, size_t n, buf_t *out)
{
    n = value_trim(&s, n);
    int b = bool_parse(s, n);
    if (b < 0)
        return -1;
    buf_putc(out, b ? 't' : 'f');
    return 0;
}

/* ---- dates ---- */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int date_ok(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* up to max digits (at least min) at s[*i] */
static int take_int(const char *s, size_t n, size_t *i, int min, int max, int *v)
{
    int k = 0;
    *v = 0;
    while (*i < n && k < max && is_digit(s[*i]))
        *v = *v * 10 + (s[(*i)++] - '0'), k++;
    return k >= min ? 0 : -1;
}

/* YYYY-MM-DD at the start of s; returns the length used, 0 if none. */
static size_t iso_date(const char *s, size_t n, int *y, int *m, int *d)
{
    size_t i = 0;
    if (take_int(s, n, &i, 4, 4, y) || i >= n || s[i++] != '-' ||
        take_int(s, n, &i, 1, 2, m) || i >= n || s[i++] != '-' ||
        take_int(s, n, &i, 1, 2, d) || (i < n && is_digit(s[i])) || !date_ok(*y, *m, *d))
        return 0;
    return i;
}

/* a/b/YYYY with one separator among / . - ; -1 if not that shape */
static int slash_date(const char *s, size_t n, int *a, int *b, int *y)
{
    size_t i = 0;
    if (take_int(s, n, &i, 1, 2, a) || i >= n)
        return -1;
    char sep = s[i++];
    if ((sep != '/' && sep != '.' && sep != '-') || take_int(s, n, &i, 1, 2, b) ||
        i >= n || s[i++] != sep || take_int(s, n, &i, 4, 4, y))
        return -1;
    return i == n ? 0 : -1;
}

static unsigned date_mask(const char *s, size_t n)
{
    int y, m, d;
    if (iso_date(s, n, &y, &m, &d) == n)
        return V_DATE_ISO | V_TS;
    int a, b;   /* a/b/y: day first is date_ok(y, b, a) */
    if (slash_date(s, n, &a, &b, &y) < 0)
        return 0;
    return (date_ok(y, b, a) ? V_DATE_DMY : 0u) | (date_ok(y, a, b) ? V_DATE_MDY : 0u);
}

int value_date(const char *s, size_t n, int order, buf_t *out)
{
    int y, m, d, a, b;
    n = value_trim(&s, n);
    if (order == INGEST_ISO) {
        if (n == 0 || iso_date(s, n, &y, &m, &d) != n)
            return -1;
    } else {
        if (slash_date(s, n, &a, &b, &y) < 0)
            return -1;
        d = order == INGEST_DMY ? a : b;
        m = order == INGEST_DMY ? b : a;
        if (!date_ok(y, m, d))
            return -1;
    }
    buf_printf(out, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* ---- timestamps ---- */

typedef struct ts {
    int y, m, d, hh, mi, ss;
    const char *frac;
    size_t nfrac;
    int has_time, has_off, off_min;   /* off_min: signed minutes */
} ts_t;

static int ts_offset(const char *s, size_t n, size_t i, ts_t *t)
{
    if (i < n && s[i] == ' ')
        i++;
    if (i == n)
        return 0;
    t->has_off = 1;
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
        return 0;
    if (s[i] != '+' && s[i] != '-')
        return -1;
    int sign = s[i++] == '-' ? -1 : 1, h, mm = 0;
    if (take_int(s, n, &i, 2, 2, &h))
        return -1;
    if (i < n && s[i] == ':')
        i++;
    if (i < n && take_int(s, n, &i, 2, 2, &mm))
        return -1;
    if (i != n || h > 15 || mm > 59)
        return -1;
    t->off_min = sign * (h * 60 + mm);
    return 0;
}

static int ts_parse(const char *s, size_t n, ts_t *t)
{
    memset(t, 0, sizeof *t);
    size_t i = iso_date(s, n, &t->y, &t->m, &t->d);
    if (i == 0)
        return -1;
    if (i == n)
        return 0;
    if (s[i] != 'T' && s[i] != ' ')
        return -1;
    i++;
    if (take_int(s, n, &i, 2, 2, &t->hh) || i >= n || s[i++] != ':' ||
        take_int(s, n, &i, 2, 2, &t->mi))
        return -1;
    if (i < n && s[i] == ':') {
        i++;
        if (take_int(s, n, &i, 2, 2, &t->ss))
            return -1;
        if (i < n && (s[i] == '.' || s[i] == ',')) {
            t->frac = s + ++i;
            while (i < n && is_digit(s[i]))
                i++, t->nfrac++;
            if (t->nfrac == 0 || t->nfrac > 9)
                return -1;
        }
    }
    t->has_time = 1;
    if (t->hh > 23 || t->mi > 59 || t->ss > 59)
        return -1;
    return ts_offset(s, n, i, t);
}

int value_timestamp(const char *s, size_t n, buf_t *out)
{
    ts_t t;
    n = value_trim(&s, n);
    if (ts_parse(s, n, &t) < 0)
        return -1;
    buf_printf(out, "%04d-%02d-%02d %02d:%02d:%02d", t.y, t.m, t.d, t.hh, t.mi, t.ss);
    if (t.nfrac)
        buf_printf(out, ".%.*s", (int)(t.nfrac > 6 ? 6 : t.nfrac), t.frac);
    if (t.has_off) {
        int a = t.off_min < 0 ? -t.off_min : t.off_min;
        buf_printf(out, "%c%02d:%02d", t.off_min < 0 ? '-' : '+', a / 60, a % 60);
    }
    return 0;
}

unsigned value_mask(const char *s, size_t n, char delim)
{
    ts_t t;
    n = value_trim(&s, n);
    if (n == 0 || n > 64)
        return 0;
    if (bool_parse(s, n) >= 0)
        return V_BOOL;
    unsigned m = num_mask(s, n, delim);
    if (m)
        return m;
    m = date_mask(s, n);
    if (m)
        return m;
    return ts_parse(s, n, &t) == 0 ? V_TS : 0;
}

/* Howard Hinnant's civil_from_days. */
void value_civil(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}
