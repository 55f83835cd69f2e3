/* main.c — `datamind <command>`: dispatch only. */
#include "config.h"

#include "auth/auth.h"
#include "chart/chart.h"
#include "cli/cli.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mem.h"
#include "pages/pages.h"
#include "sqlsafe/sqlsafe.h"
#include "store/db.h"
#include "store/migrate.h"
#include "tasks/tasks.h"
#include "uploads/uploads.h"
#include "tmpl/tmpl.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_NOTE                                                                         \
    "Every command that touches a server also takes --config FILE (KEY=VALUE lines);\n"     \
    "settings come from DATAMIND_* environment variables otherwise. See README.md.\n"

static const char usage[] =
    "usage: datamind <command> [options]   (datamind <command> --help: that command)\n"
    "\n"
    "  web      [--listen PATH|HOST:PORT] [--workers N] [--max-requests N] [--pidfile F]\n"
    "  worker   [--runners N] [--pidfile F]   the scheduler and job runners\n"
    "  migrate                          apply migrations, idempotent\n"
    "  user add --org SLUG --email E --name N --role admin|analyst|viewer   (password on stdin)\n"
    "  org list                         every organization: users and connections (in use/limit), retention\n"
    "  org set-limits SLUG [--max-users N] [--max-connections N]\n"
    "  sql check [--allow-function NAME]... [SQL]   validate a query (stdin if no SQL)\n"
    "  ask --db URL|CONNINFO [--json] [--vocabulary FILE] [--llm-sharing schema|samples|rows] \"question\"\n"
    "  template render FILE [DATA.json] [--partials DIR]\n"
    "  chart render --type T [--x COL] [--y COL[,COL]] [--series COL] [--title S] < result.json\n"
    "  version\n"
    "\n" USAGE_NOTE;

/* `datamind CMD ... --help`: CMD's lines of the usage, before any
 * configuration is read (help needs no secret key, no database).
 * Returns -1 when CMD is not a command. */
static int cmd_help(const char *cmd)
{
    size_t n = strlen(cmd);
    int found = 0;
    for (const char *l = usage; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = (size_t)(e - l);
        if (len >= n + 2 && strncmp(l, "  ", 2) == 0 && strncmp(l + 2, cmd, n) == 0 &&
            (l[2 + n] == ' ' || l[2 + n] == '\n')) {
            fputs(found ? "       datamind " : "usage: datamind ", stdout);
            fwrite(l + 2, 1, len - 1, stdout);
            found = 1;
        }
        l = e + 1;
    }
    if (!found)
        return -1;
    fputs("\n" USAGE_NOTE, stdout);
    return 0;
}

static int asks_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

static const char *config_path;

/* Remove "--config FILE" from argv wherever it is. */
static int take_config(int argc, char **argv)
{
    int o = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_path = argv[++i];
            continue;
        }
        argv[o++] = argv[i];
    }
    return o;
}

static void load_config_or_die(void)
{
    char err[1024];
    config_t *c = config_load(config_path, err, sizeof err);
    if (!c) {
        fprintf(stderr, "datamind: %s\n", err);
        exit(1);
    }
    config_set_current(c);
    log_level_t lvl;
    if (log_level_parse(cfg->log_level, &lvl) == 0)
        log_set_level(lvl);
}

static int reload_app(char *err, size_t errlen)
{
    config_t *c = config_load(config_path, err, errlen);
    if (!c)
        return -1;
    const config_t *old = cfg;
    cfg = c; /* templates_dir may have changed */
    if (app_load(err, errlen) < 0) {
        cfg = old;
        config_free(c);
        return -1;
    }
    cfg = old;
    config_set_current(c);
    return 0;
}

static long arg_long(const char *flag, const char *v, long lo, long hi)
{
    char *end;
    long x = v ? strtol(v, &end, 10) : 0;
    if (!v || *end || x < lo || x > hi) {
        fprintf(stderr, "datamind: %s needs a number from %ld to %ld\n", flag, lo, hi);
        exit(2);
    }
    return x;
}

static int cmd_web(int argc, char **argv)
{
    load_config_or_die();
    /* copies: a reload replaces cfg, and the master keeps its socket */
    char *listen = xstrdup(cfg->listen);
    server_opts_t opts = {.listen = listen, .workers = cfg->workers,
                          .max_requests = cfg->max_requests};
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--listen") == 0 && v)
            opts.listen = argv[++i];
        else if (strcmp(argv[i], "--workers") == 0)
            opts.workers = (int)arg_long("--workers", v, 1, 256), i++;
        else if (strcmp(argv[i], "--max-requests") == 0)
            opts.max_requests = arg_long("--max-requests", v, 0, 1000000000), i++;
        else if (strcmp(argv[i], "--pidfile") == 0 && v)
            opts.pidfile = argv[++i];
        else {
            fprintf(stderr, "datamind web: unknown option %s\n%s", argv[i], usage);
            return 2;
        }
    }
    char err[1024];
    if (app_load(err, sizeof err) < 0)
        fatal("cannot start: %s", err);
    if (metrics_init(app_nroutes) < 0)
        fatal("cannot map the shared metrics block");
    server_hooks_t hooks = {.worker_init = app_worker_init, .worker_done = app_worker_done,
                            .handle = app_handle, .reload = reload_app};
    int rc = server_run(&opts, &hooks);
    app_unload();
    free(listen);
    return rc;
}

static int cmd_worker(int argc, char **argv)
{
    load_config_or_die();
    int runners = 2;
    const char *pidfile = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--runners") == 0)
            runners = (int)arg_long("--runners", v, 1, 64), i++;
        else if (strcmp(argv[i], "--pidfile") == 0 && v)
            pidfile = argv[++i];
        else {
            fprintf(stderr, "datamind worker: unknown option %s\n%s", argv[i], usage);
            return 2;
        }
    }
    char err[512];
    if (auth_keys_init(cfg->secret_key, cfg->secret_key_old, err, sizeof err) < 0)
        fatal("cannot start: %s", err);
    jobs_opts_t o = {.runners = runners, .tasks = tasks_table, .ntasks = tasks_count,
                     .periodic = tasks_periodic, .nperiodic = tasks_periodic_count,
                     .process_init = tasks_process_init, .process_done = tasks_process_done,
                     .pidfile = pidfile, .fair_queue = TASKS_FAIR_QUEUE,
                     .fair_cap = cfg->org_max_running};
    return jobs_worker_run(&o);
}

static int cmd_migrate(int argc, char **argv)
{
    (void)argc, (void)argv;
    load_config_or_die();
    char err[2048];
    int applied;
    if (migrate_run(cfg->migrations_dir, &applied, err, sizeof err) < 0) {
        fprintf(stderr, "datamind migrate: %s\n", err);
        db_close();
        return 1;
    }
    printf("migrations: %d applied, database is up to date\n", applied);
    if (uploads_db_ensure(err, sizeof err) < 0)
        fprintf(stderr, "datamind migrate: warning: %s (uploads will not work)\n", err);
    db_close();
    return 0;
}

static int cmd_version(void)
{
    printf("datamind %s (jansson %s, libpq %d)\n", PACKAGE_VERSION, JANSSON_VERSION,
           PQlibVersion());
    return 0;
}

int main(int argc, char **argv)
{
    argc = take_config(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT); /* before any process forks or thread starts */
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (asks_help(argc - 2, argv + 2) && cmd_help(cmd) == 0)
        return 0;
    if (strcmp(cmd, "web") == 0)
        return cmd_web(argc - 1, argv + 1);
    if (strcmp(cmd, "worker") == 0)
        return cmd_worker(argc - 1, argv + 1);
    if (strcmp(cmd, "migrate") == 0)
        return cmd_migrate(argc - 1, argv + 1);
    if (strcmp(cmd, "user") == 0) {
        load_config_or_die();
        return cli_user(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "org") == 0) {
        load_config_or_die();
        return cli_org(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "ask") == 0) {
        config_t *c = config_load(config_path, (char[512]){0}, 512);
        if (!c) { /* ask needs no secret key: fall back to the defaults */
            setenv("DATAMIND_SECRET_KEY", "ask-command-needs-no-secret-key-0123456789", 1);
            char e[512];
            c = config_load(config_path, e, sizeof e);
        }
        if (c)
            config_set_current(c);
        return c ? cli_ask(argc - 2, argv + 2) : 1;
    }
    if (strcmp(cmd, "sql") == 0 && argc >= 3)
        return sqlsafe_cli(argc - 2, argv + 2);
    if (strcmp(cmd, "template") == 0 && argc >= 3)
        return tmpl_cli(argc - 2, argv + 2);
    if (strcmp(cmd, "chart") == 0 && argc >= 3)
        return chart_cli(argc - 2, argv + 2);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0)
        return cmd_version();
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    fprintf(stderr, "datamind: unknown command '%s'\n\n%s", cmd, usage);
    return 2;
}
