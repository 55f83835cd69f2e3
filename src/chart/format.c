/* format.c — numbers and dates as people read them on a chart.
 *
 * Compact labels (4.8M) on axes and bars, full values (4,812,345.67) in
 * tooltips. Negative numbers use the real minus sign U+2212, which lines up
 * with digits where a hyphen does not. Times are wall-clock seconds since
 * 1970 with no zone: a timestamp's offset is dropped, so "2024-03-01
 * 00:00+02" stays on March 1st, as the database showed it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart/internal.h"
#include "core/civil.h"

#define MINUS "\xe2\x88\x92"

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "12.50" -> "12.5", "3.00" -> "3". */
static void trim_zeros(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot || strchr(s, 'e'))
        return;
    char *end = s + strlen(s) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

/* Prefix the minus sign unless the text is a zero. */
static int put_signed(int neg, const char *digits, const char *suffix, char *out, size_t outlen)
{
    int zero = strspn(digits, "0.") == strlen(digits);
    int n = snprintf(out, outlen, "%s%s%s", neg && !zero ? MINUS : "", digits, suffix);
    return n < 0 || (size_t)n >= outlen ? -1 : n;
}

/* Smallest number of decimals that shows step exactly (0.25 -> 2). */
static int step_decimals(double step)
{
    for (int d = 0; d < 10; d++) {
        double s = step * pow(10, d);
        if (fabs(s - round(s)) < 1e-6 * fmax(1, s))
            return d;
    }
    return 10;
}

/* Fixed decimals with thousands separators, no sign. */
static void put_grouped(double a, int decimals, char *out, size_t outlen)
{
    char raw[CHART_NUMLEN * 2];
    snprintf(raw, sizeof raw, "%.*f", decimals, a);
    char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    for (size_t i = 0; i < intlen && o + 2 < outlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    out[o] = '\0';
    if (dot)
        snprintf(out + o, outlen - o, "%s", dot);
}

int chart_format_number(double v, char *out, size_t outlen)
{
    static const struct { double div; const char *suffix; } units[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    char digits[CHART_NUMLEN];
    double a = fabs(v);
    if (!isfinite(v))
        return snprintf(out, outlen, "n/a") < (int)outlen ? 3 : -1;
    if (a >= 1e15) {
        snprintf(digits, sizeof digits, "%.1e", a);
        return put_signed(v < 0, digits, "", out, outlen);
    }
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        if (a < units[u].div)
            continue;
        double s = a / units[u].div;
        int dec = s < 99.95 ? 1 : 0;
        if (s >= 999.5 && u > 0) {  /* 999,960 is 1M, not 1000K */
            s /= 1000;
            u--;
            dec = 1;
        }
        snprintf(digits, sizeof digits, "%.*f", dec, s);
        trim_zeros(digits);
        return put_signed(v < 0, digits, units[u].suffix, out, outlen);
    }
    if (a == 0 || a == round(a))
        snprintf(digits, sizeof digits, "%.0f", a);
    else if (a >= 1)
        snprintf(digits, sizeof digits, "%.2f", a);
    else if (a >= 1e-3)
        snprintf(digits, sizeof digits, "%.2g", a);
    else
        snprintf(digits, sizeof digits, "%.1e", a);
    trim_zeros(digits);
    return put_signed(v < 0, digits, "", out, outlen);
}

void chart_format_full(double v, char *out, size_t outlen)
{
    char digits[CHART_NUMLEN];
    double a = fabs(v);
    if (!isfinite(v)) {
        snprintf(out, outlen, "n/a");
        return;
    }
    if (a >= 1e15 || (a > 0 && a < 0.01)) {
        snprintf(digits, sizeof digits, "%.4g", a);
    } else {
        put_grouped(a, 2, digits, sizeof digits);
        trim_zeros(digits);
    }
    put_signed(v < 0, digits, "", out, outlen);
}

void chart_format_headline(double v, char *out, size_t outlen)
{
    static const struct { double div; const char *suffix; } units[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    double a = fabs(v);
    if (!isfinite(v) || a < 1e5 || a >= 1e15) {
        chart_format_full(v, out, outlen);
        return;
    }
    char digits[CHART_NUMLEN];
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        if (a < units[u].div)
            continue;
        double s = a / units[u].div;
        if (s >= 999.5 && u > 0) {  /* 999,960 is 1M, not 1000K */
            s /= 1000;
            u--;
        }
        snprintf(digits, sizeof digits, "%.*f", s < 9.995 ? 2 : s < 99.95 ? 1 : 0, s);
        trim_zeros(digits);
        put_signed(v < 0, digits, units[u].suffix, out, outlen);
        return;
    }
}

void chart_format_value(const chart_frame_t *f, double v, int compact, char *out, size_t outlen)
{
    if (f && f->percent) {
        char digits[CHART_NUMLEN];
        double p = f->fraction ? v * 100 : v;
        snprintf(digits, sizeof digits, "%.1f", fabs(p));
        trim_zeros(digits);
        put_signed(p < 0, digits, "%", out, outlen);
    } else if (compact) {
        chart_format_number(v, out, outlen);
    } else {
        chart_format_full(v, out, outlen);
    }
}

void chart_format_tick(double v, double step, double maxabs, int percent, int fraction,
                       char *out, size_t outlen)
{
    static const struct { double div; const char *suffix; } units[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    char digits[CHART_NUMLEN];
    if (percent && fraction) {
        v *= 100;
        step *= 100;
        maxabs *= 100;
    }
    if (maxabs >= 1e15 || (maxabs > 0 && maxabs < 1e-4)) {
        snprintf(digits, sizeof digits, "%.2g", fabs(v));
        put_signed(v < 0, digits, percent ? "%" : "", out, outlen);
        return;
    }
    size_t u = 0;
    while (units[u].div > 1 && (maxabs < 1e4 || maxabs < units[u].div || percent))
        u++;
    int dec = step_decimals(step / units[u].div);
    if (fabs(v) < step * 1e-9)
        v = 0;
    put_grouped(fabs(v) / units[u].div, v == 0 ? 0 : dec, digits, sizeof digits);
    char suffix[4];
    snprintf(suffix, sizeof suffix, "%s", percent ? "%" : units[u].suffix);
    put_signed(v < 0, digits, v == 0 ? (percent ? "%" : "") : suffix, out, outlen);
}

/* ---- time ---------------------------------------------------------------- */

double chart_time_make(int y, int mo, int d)
{
    return (double)civil_days(y, mo, d) * 86400.0;
}

void chart_time_civil(double t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
    double days = floor(t / 86400.0);
    long sec = (long)(t - days * 86400.0);
    civil_date((long)days, y, mo, d);
    *h = (int)(sec / 3600);
    *mi = (int)(sec / 60 % 60);
    *s = (int)(sec % 60);
}

int chart_time_parse(const char *s, double *out)
{
    return civil_parse(s, out);
}

void chart_format_time(double t, int grain, int shortform, char *out, size_t outlen)
{
    int y, mo, d, h, mi, s;
    chart_time_civil(t, &y, &mo, &d, &h, &mi, &s);
    const char *mn = month_names[mo - 1];
    switch (grain) {
    case G_YEAR: snprintf(out, outlen, "%d", y); break;
    case G_QUARTER: snprintf(out, outlen, "Q%d %d", (mo - 1) / 3 + 1, y); break;
    case G_MONTH:
        if (shortform)
            snprintf(out, outlen, "%s", mn);
        else
            snprintf(out, outlen, "%s %d", mn, y);
        break;
    case G_WEEK:
    case G_DAY:
        if (shortform)
            snprintf(out, outlen, "%s %d", mn, d);
        else
            snprintf(out, outlen, "%s %d, %d", mn, d, y);
        break;
    case G_SEC:
        if (shortform)
            snprintf(out, outlen, "%02d:%02d:%02d", h, mi, s);
        else
            snprintf(out, outlen, "%s %d, %d %02d:%02d:%02d", mn, d, y, h, mi, s);
        break;
    default:
        if (shortform)
            snprintf(out, outlen, "%02d:%02d", h, mi);
        else
            snprintf(out, outlen, "%s %d, %d %02d:%02d", mn, d, y, h, mi);
    }
}

/* The coarsest grain every value sits on: all on the 1st -> months, all on
 * Jan 1st -> years (two or more values, or one date could pass for a year). */
int chart_time_grain(const double *t, size_t n)
{
    int grain = G_YEAR;
    for (size_t i = 0; i < n; i++) {
        int y, mo, d, h, mi, s, g;
        chart_time_civil(t[i], &y, &mo, &d, &h, &mi, &s);
        if (s)
            g = G_SEC;
        else if (mi)
            g = G_MIN;
        else if (h)
            g = G_HOUR;
        else if (d != 1)
            g = G_DAY;
        else if ((mo - 1) % 3)
            g = G_MONTH;
        else if (mo != 1)
            g = G_QUARTER;
        else
            g = G_YEAR;
        if (g < grain)
            grain = g;
    }
    if (n < 2 && grain > G_MONTH)
        grain = G_MONTH;
    return grain;
}
