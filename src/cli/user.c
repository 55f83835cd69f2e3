/* user.c — `datamind user add`: the same checks and audit as the admin page. */
#include "cli/cli.h"
#include "auth/auth.h"
#include "core/arena.h"
#include "core/config.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: datamind user add --org SLUG --email E --name N --role admin|analyst|viewer\n"
    "       (the password is read from standard input)\n";

static int read_password(char *out, size_t n)
{
    if (!fgets(out, (int)n, stdin))
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

static const char *org_id_of(arena_t *a, const char *slug)
{
    char err[256];
    const char *p[1] = {slug};
    PGresult *res = db_exec(a, "SELECT id FROM organizations WHERE slug = $1", 1, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? arena_strdup(a, db_get(res, 0, 0)) : NULL;
}

static int add_user(arena_t *a, const char *org, const char *email, const char *name,
                    const char *role)
{
    char pw[1100], why[256], hash[crypto_pwhash_STRBYTES];
    if (auth_keys_init(cfg->secret_key, cfg->secret_key_old, why, sizeof why) < 0) {
        fprintf(stderr, "datamind user add: %s\n", why);
        return 1;
    }
    const char *org_id = org_id_of(a, org);
    if (!org_id) {
        fprintf(stderr, "datamind user add: no organization with the short name '%s'\n", org);
        return 1;
    }
    char list[4096];
    snprintf(list, sizeof list, "%s/common-passwords.txt", cfg->data_dir);
    password_list_load(list, why, sizeof why);
    if (read_password(pw, sizeof pw) < 0 || password_check_policy(pw, why, sizeof why) < 0) {
        fprintf(stderr, "datamind user add: %s\n", *pw ? why : "no password on standard input");
        return 1;
    }
    char *uid = NULL;
    const char *field = NULL;
    if (password_hash(pw, (unsigned long long)cfg->pwhash_opslimit,
                      (size_t)cfg->pwhash_memlimit_mb << 20, hash, why, sizeof why) < 0 ||
        store_account_add(a, org_id, email, name, role, hash, &uid, &field, why, sizeof why) < 0) {
        fprintf(stderr, "datamind user add: %s\n",
                field ? "that email is already used in this organization"
                      : strcmp(why, "limit") == 0 ? "the organization has reached its user limit"
                                                 : why);
        return 1;
    }
    store_audit_record(a, org_id, NULL, "user.create", "user", uid,
                 json_pack("{s:s, s:s, s:s}", "email", email, "role", role, "via", "cli"), NULL);
    printf("added %s (%s) to %s as %s\n", email, uid, org, role);
    return 0;
}

int cli_user(int argc, char **argv)
{
    const char *org = NULL, *email = NULL, *name = NULL, *role = NULL;
    if (argc < 1 || strcmp(argv[0], "add") != 0) {
        fputs(usage, stderr);
        return 2;
    }
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--org") == 0)
            org = argv[i + 1];
        else if (strcmp(argv[i], "--email") == 0)
            email = argv[i + 1];
        else if (strcmp(argv[i], "--name") == 0)
            name = argv[i + 1];
        else if (strcmp(argv[i], "--role") == 0)
            role = argv[i + 1];
    }
    if (!org || !email || !name || !role || !strchr(email, '@') ||
        (strcmp(role, "admin") && strcmp(role, "analyst") && strcmp(role, "viewer"))) {
        fputs(usage, stderr);
        return 2;
    }
    arena_t *a = arena_new();
    int rc = add_user(a, org, email, name, role);
    arena_free(a);
    password_list_free();
    db_close();
    return rc;
}
