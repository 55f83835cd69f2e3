/* cli.c — `datamind sql check [--allow-function NAME]... [SQL]`.
 *
 * The admin's and the tests' way to ask the validator directly. SQL comes
 * from the one positional argument, or from stdin when there is none; stdin
 * is read up to one byte past the size cap, so a huge input is refused by
 * the validator without being slurped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "sqlsafe/sqlsafe.h"

static int cli_usage(const char *msg)
{
    if (msg)
        fprintf(stderr, "datamind sql check: %s\n", msg);
    fprintf(stderr, "usage: datamind sql check [--allow-function NAME]... [SQL]\n"
                    "  Validates one query (read from stdin when SQL is omitted).\n"
                    "  Prints \"ok\" and the normalized SQL, exit 0; or\n"
                    "  \"rejected: <reason>\", exit 1.\n");
    return 2;
}

/* Up to SQLSAFE_MAX_BYTES + 1 bytes of stdin into b; -1 on a read error. */
/* "--word" with no blank: an option. "-- note\nSELECT 1" is SQL. */
static int cli_is_option(const char *arg)
{
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
        return 0;
    return strcspn(arg, " \t\r\n") == strlen(arg);
}

static int cli_read_stdin(buf_t *b)
{
    char chunk[8192];
    size_t n;

    while (b->len <= SQLSAFE_MAX_BYTES) {
        size_t want = SQLSAFE_MAX_BYTES + 1 - b->len;
        n = fread(chunk, 1, want < sizeof chunk ? want : sizeof chunk, stdin);
        if (n == 0)
            break;
        buf_append(b, chunk, n);
    }
    return ferror(stdin) ? -1 : 0;
}

static int cli_run(const char *sql, size_t len, const char *const *extra, size_t n_extra)
{
    sqlsafe_check_t chk;
    char err[512];

    if (sqlsafe_validate(sql, len, extra, n_extra, &chk, err, sizeof err) < 0) {
        printf("rejected: %s\n", err);
        return 1;
    }
    printf("ok\n%s\n", chk.normalized);
    sqlsafe_check_free(&chk);
    return 0;
}

int sqlsafe_cli(int argc, char **argv)
{
    const char **extra = xcalloc((size_t)(argc > 0 ? argc : 1), sizeof *extra);
    size_t n_extra = 0;
    const char *sql = NULL;
    buf_t in = {0};
    int rc;

    if (argc < 1 || strcmp(argv[0], "check") != 0) {
        rc = cli_usage(argc < 1 ? "missing subcommand" : "unknown subcommand");
        goto out;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--allow-function") == 0 && i + 1 < argc) {
            extra[n_extra++] = argv[++i];
        } else if (strncmp(argv[i], "--allow-function=", 17) == 0) {
            extra[n_extra++] = argv[i] + 17;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            rc = cli_usage(NULL);
            goto out;
        } else if (cli_is_option(argv[i])) {
            rc = cli_usage("unknown option, or --allow-function without a NAME");
            goto out;
        } else if (!sql) {
            sql = argv[i];
        } else {
            rc = cli_usage("give the SQL as one argument (quote it)");
            goto out;
        }
    }
    if (sql) {
        rc = cli_run(sql, strlen(sql), extra, n_extra);
    } else if (cli_read_stdin(&in) < 0) {
        fprintf(stderr, "datamind sql check: cannot read stdin\n");
        rc = 2;
    } else {
        rc = cli_run(buf_str(&in), in.len, extra, n_extra);
    }
out:
    free(extra);
    buf_free(&in);
    return rc;
}
