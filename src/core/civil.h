/* civil.h — calendar dates without time zones: days since 1970-01-01 to
 * (year, month, day) and back, and the ISO 8601 forms PostgreSQL prints for
 * date and timestamp[tz] values. Used by the charts (axes, labels) and the
 * written insight (periods). Proleptic Gregorian, any year. */
#ifndef DM_CORE_CIVIL_H
#define DM_CORE_CIVIL_H

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31). */
long civil_days(long y, int m, int d);

/* The date of a day count: inverse of civil_days. */
void civil_date(long days, int *y, int *m, int *d);

/* "YYYY-MM-DD", optionally followed by "T" or " " and "HH:MM[:SS][.fff]"
 * and a zone ("Z", "±HH", "±HH:MM", "±HHMM") that is checked and ignored:
 * a value is charted at the wall-clock time the database printed.
 * Sets *seconds since 1970-01-01 00:00; 0, or -1 when s is not such a value. */
int civil_parse(const char *s, double *seconds);

#endif
