/* civil.c — calendar arithmetic (Howard Hinnant's days_from_civil and
 * civil_from_days) and the ISO 8601 date/timestamp reader. */
#include "core/civil.h"

long civil_days(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_date(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Exactly n digits at s; -1 if not. */
static int digits_at(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* After the time of day: fraction, then Z or ±HH[:MM] (ignored). */
static int parse_tail(const char *p)
{
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++) {}
    if (*p == 'Z')
        return p[1] ? -1 : 0;
    if (*p == '+' || *p == '-') {
        if (digits_at(p + 1, 2) < 0)
            return -1;
        p += 3;
        if (*p == ':')
            p++;
        if (*p && digits_at(p, 2) < 0)
            return -1;
        return *p && p[2] ? -1 : 0;
    }
    return *p ? -1 : 0;
}

int civil_parse(const char *s, double *seconds)
{
    int y = digits_at(s, 4), mo, d, h = 0, mi = 0, sec = 0;
    if (y < 0 || s[4] != '-' || (mo = digits_at(s + 5, 2)) < 1 || mo > 12 || s[7] != '-' ||
        (d = digits_at(s + 8, 2)) < 1 || d > 31)
        return -1;
    const char *p = s + 10;
    if (*p == 'T' || *p == ' ') {
        if ((h = digits_at(p + 1, 2)) < 0 || h > 23 || p[3] != ':' ||
            (mi = digits_at(p + 4, 2)) < 0 || mi > 59)
            return -1;
        p += 6;
        if (*p == ':') {
            if ((sec = digits_at(p + 1, 2)) < 0 || sec > 60)
                return -1;
            p += 3;
        }
        if (parse_tail(p) < 0)
            return -1;
    } else if (*p) {
        return -1;
    }
    *seconds = (double)civil_days(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + sec;
    return 0;
}
