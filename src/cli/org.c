/* org.c — `datamind org list` and `datamind org set-limits`: an instance
 * operator's view of every organization's limits and usage, and setting
 * the limits (audited in the organization's log). */
#include "cli/cli.h"
#include "core/arena.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/orgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: datamind org list\n"
    "       datamind org set-limits SLUG [--max-users N] [--max-connections N]\n";

static int org_list(arena_t *a)
{
    store_org_t *rows;
    size_t n;
    if (store_org_list(a, &rows, &n) < 0) {
        fputs("datamind org list: the app database is unreachable\n", stderr);
        return 1;
    }
    printf("%-24s %-13s %-19s %s\n", "SLUG", "USERS", "CONNECTIONS", "CHAT RETENTION");
    for (size_t i = 0; i < n; i++) {
        const store_org_t *o = &rows[i];
        char users[32], conns[32], keep[32];
        snprintf(users, sizeof users, "%ld/%d", o->users, o->max_users);
        snprintf(conns, sizeof conns, "%ld/%d", o->connections, o->max_connections);
        if (o->retention_days)
            snprintf(keep, sizeof keep, "%d days", o->retention_days);
        else
            snprintf(keep, sizeof keep, "kept");
        printf("%-24s %-13s %-19s %s\n", o->slug, users, conns, keep);
    }
    return 0;
}

/* A limit's value: 0 … 1000000, or -1 (with a message) when not. */
static int limit_value(const char *flag, const char *v)
{
    char *end;
    long n = v ? strtol(v, &end, 10) : -1;
    if (!v || !*v || *end || n < 0 || n > 1000000) {
        fprintf(stderr, "datamind org set-limits: %s needs a whole number from 0 to 1000000\n",
                flag);
        return -1;
    }
    return (int)n;
}

static int set_limits(arena_t *a, int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fputs(usage, stderr);
        return 2;
    }
    const char *slug = argv[1];
    int users = -1, conns = -1;
    for (int i = 2; i < argc; i += 2) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int *into = strcmp(argv[i], "--max-users") == 0         ? &users
                    : strcmp(argv[i], "--max-connections") == 0 ? &conns : NULL;
        if (!into) {
            fputs(usage, stderr);
            return 2;
        }
        if ((*into = limit_value(argv[i], v)) < 0)
            return 2;
    }
    if (users < 0 && conns < 0) {
        fputs("datamind org set-limits: give --max-users and/or --max-connections\n", stderr);
        return 2;
    }
    const char *org_id = NULL;
    char err[256];
    int rc = store_org_set_limits(a, slug, users, conns, &org_id, err, sizeof err);
    if (rc == 404)
        fprintf(stderr, "datamind org set-limits: no organization with the short name '%s'\n", slug);
    if (rc < 0)
        fprintf(stderr, "datamind org set-limits: %s\n", err);
    if (rc != 0)
        return 1;
    json_t *d = json_pack("{s:s}", "via", "cli");
    if (users >= 0)
        json_object_set_new(d, "max_users", json_integer(users));
    if (conns >= 0)
        json_object_set_new(d, "max_connections", json_integer(conns));
    store_audit_record(a, org_id, NULL, "org.limits", "organization", org_id, d, NULL);
    return org_list(a);
}

int cli_org(int argc, char **argv)
{
    arena_t *a = arena_new();
    int rc;
    if (argc >= 1 && strcmp(argv[0], "list") == 0 && argc == 1)
        rc = org_list(a);
    else if (argc >= 1 && strcmp(argv[0], "set-limits") == 0)
        rc = set_limits(a, argc, argv);
    else {
        fputs(usage, stderr);
        rc = 2;
    }
    arena_free(a);
    db_close();
    return rc;
}
