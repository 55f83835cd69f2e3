/* fuzz_sqlsafe — sqlsafe_validate on arbitrary bytes (with two extra allowed
 * functions). Invariant: an accepted query's statement, normalized form and
 * fingerprint are set, and the statement is accepted again on its own.
 * Also sqlsafe_params_rewrite ({{name}} to $k): SQL and names on success
 * (at most SQLSAFE_MAX_PARAMS, each a name), a reason and nothing on failure. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlsafe/sqlsafe.h"

static const char *const extra[] = {"my_func", "analytics.score"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    sqlsafe_check_t c;
    memset(&c, 0xA5, sizeof c); /* must be zeroed or filled by the call */
    /* a private copy with no NUL after it: reading past len is an ASan error */
    char *sql = malloc(size ? size : 1);
    memcpy(sql, data, size);
    if (sqlsafe_validate(sql, size, extra, 2, &c, err, sizeof err) == 0) {
        if (!c.statement || !c.normalized || !c.fingerprint)
            abort();
        sqlsafe_check_t again;
        if (sqlsafe_validate(c.statement, strlen(c.statement), extra, 2, &again, err,
                             sizeof err) != 0)
            abort();
        if (strcmp(again.statement, c.statement) != 0)
            abort();
        sqlsafe_check_free(&again);
        sqlsafe_check_free(&c);
    } else {
        if (c.statement || c.normalized || c.fingerprint)
            abort();
        if (!err[0])
            abort();
    }
    sqlsafe_params_t p;
    if (sqlsafe_params_rewrite(sql, size, &p, err, sizeof err) == 0) {
        if (!p.sql || p.n > SQLSAFE_MAX_PARAMS)
            abort();
        for (size_t k = 0; k < p.n; k++)
            if (!p.names[k][0] || strlen(p.names[k]) > SQLSAFE_PARAM_NAME_MAX)
                abort();
        sqlsafe_params_free(&p);
    } else if (p.sql || p.n || !err[0]) {
        abort();
    }
    free(sql);
    return 0;
}
