/* check.h — the unit tests' tiny assertion kit.
 *
 * Each tests/unit/test_*.c is a program run by `make check`. CHECK() records a
 * pass or a failure (with file:line and the expression) and carries on, so
 * one run shows every broken case; check_done() prints
 * "<name>: N passed, N failed" and returns the exit status for main(). */
#ifndef DM_CHECK_H
#define DM_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond) check_one(!!(cond), __FILE__, __LINE__, #cond, NULL, NULL)
#define CHECK_STR(got, want) \
    check_str((got), (want), __FILE__, __LINE__, #got)
#define CHECK_INT(got, want) \
    check_int((long long)(got), (long long)(want), __FILE__, __LINE__, #got)

static inline void check_one(int ok, const char *file, int line, const char *what,
                             const char *got, const char *want)
{
    if (ok) {
        check_passed++;
        return;
    }
    check_failed++;
    fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
    if (got || want)
        fprintf(stderr, "  got:  [%s]\n  want: [%s]\n", got ? got : "(null)",
                want ? want : "(null)");
}

static inline void check_str(const char *got, const char *want, const char *file,
                             int line, const char *what)
{
    int ok = (got == NULL && want == NULL) ||
             (got != NULL && want != NULL && strcmp(got, want) == 0);
    check_one(ok, file, line, what, got, want);
}

static inline void check_int(long long got, long long want, const char *file, int line,
                             const char *what)
{
    char g[32], w[32];
    snprintf(g, sizeof g, "%lld", got);
    snprintf(w, sizeof w, "%lld", want);
    check_one(got == want, file, line, what, g, w);
}

static inline int check_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

/* The PostgreSQL the DB-backed tests (tests/integration/test_*_db.c) use:
 * DATAMIND_TEST_DB, a superuser's conninfo over the server's unix socket,
 * e.g. "host=/var/run/postgresql port=5432 user=postgres dbname=postgres".
 * NULL, with a line saying so, when it is not set: the caller returns
 * CHECK_SKIP, and make check reports the program as SKIP. */
#define CHECK_SKIP 77 /* automake's exit status for "skipped" */
static inline const char *check_test_db(const char *prog)
{
    const char *conninfo = getenv("DATAMIND_TEST_DB");
    if (conninfo && *conninfo)
        return conninfo;
    printf("%s: skipped: DATAMIND_TEST_DB is not set (a superuser conninfo; see README.md)\n",
           prog);
    return NULL;
}

#endif
