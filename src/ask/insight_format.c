/* insight_format.c — numbers and text pieces for the insight sentences.
 *
 * Numbers follow chart/: compact (4.8M) through chart_format_number, the
 * minus sign U+2212. Counts and amounts under 100,000 are written in full
 * with thousands separators (12,345; 87.46): a KPI of 12,345 orders should
 * not read as 12.3K. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ask/insight.h"
#include "chart/chart.h"

#define MINUS "\xe2\x88\x92"

/* "12.50" -> "12.5", "3.00" -> "3". */
static void trim_zeros(char *s)
{
    char *dot = strchr(s, '.'), *end = s + strlen(s) - 1;
    if (!dot)
        return;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

void insight_format_grouped(double v, int decimals, char *out, size_t outlen)
{
    char raw[INSIGHT_NUMLEN], grouped[INSIGHT_NUMLEN];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    trim_zeros(raw);
    size_t intlen = strcspn(raw, "."), o = 0;
    for (size_t i = 0; i < intlen && o + 2 < sizeof grouped; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            grouped[o++] = ',';
        grouped[o++] = raw[i];
    }
    snprintf(grouped + o, sizeof grouped - o, "%s", raw + intlen);
    int zero = strspn(grouped, "0.,") == strlen(grouped);
    snprintf(out, outlen, "%s%s", v < 0 && !zero ? MINUS : "", grouped);
}

void insight_format_pct(double p, char *out, size_t outlen)
{
    char digits[INSIGHT_NUMLEN];
    insight_format_grouped(p, fabs(p) >= 10 ? 0 : 1, digits, sizeof digits);
    snprintf(out, outlen, "%s%%", digits);
}

void insight_format_value(const insight_measure_t *m, double v, char *out, size_t outlen)
{
    char digits[INSIGHT_NUMLEN];
    if (m->percent) {
        insight_format_grouped(m->fraction ? v * 100 : v, 1, digits, sizeof digits);
        snprintf(out, outlen, "%s%%", digits);
    } else if (fabs(v) >= 1e5 || (fabs(v) < 1 && v != round(v))) {
        chart_format_number(v, out, outlen);
    } else {
        insight_format_grouped(v, m->integral ? 0 : 2, out, outlen);
    }
}

/* The unit is read back from ref's compact form, so the two always agree
 * (999,960 prints as 1M, not 1000K). */
void insight_format_like(const insight_measure_t *m, double v, double ref, char *out,
                         size_t outlen)
{
    static const char units[] = "KMBT";
    char r[INSIGHT_NUMLEN], digits[INSIGHT_NUMLEN];
    insight_format_value(m, ref, r, sizeof r);
    const char *u = r[0] ? strchr(units, r[strlen(r) - 1]) : NULL;
    double scaled = u && *u ? fabs(v) / pow(1000, (double)(u - units + 1)) : 0;
    if (m->percent || !u || !*u || fabs(v) > fabs(ref) || scaled < 0.05) {
        insight_format_value(m, v, out, outlen);
        return;
    }
    insight_format_grouped(v < 0 ? -scaled : scaled, 1, digits, sizeof digits);
    snprintf(out, outlen, "%s%c", digits, *u);
}

void insight_put_clipped(buf_t *b, const char *s, size_t max)
{
    size_t len = strlen(s), n = len;
    if (n > max) {
        n = max > 3 ? max - 3 : 0;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++)
        buf_putc(b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i]);
    if (n < len)
        buf_puts(b, "\xe2\x80\xa6");
}

void insight_put_cap(buf_t *b, const char *s)
{
    if (!*s)
        return;
    buf_putc(b, *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
    buf_puts(b, s + 1);
}

void insight_put_plural(buf_t *b, const char *noun)
{
    size_t n = strlen(noun);
    char last = n ? noun[n - 1] : 0, before = n > 1 ? noun[n - 2] : 0;
    if (n > 1 && last == 'y' && !strchr("aeiou", before)) {
        buf_append(b, noun, n - 1);
        buf_puts(b, "ies");
    } else if (last == 's' && before != 's' && before != 'u') {
        buf_puts(b, noun);
    } else {
        buf_puts(b, noun);
        if (n)
            buf_puts(b, last == 's' || last == 'x' || (last == 'h' && before && strchr("cs", before))
                            ? "es" : "s");
    }
}
