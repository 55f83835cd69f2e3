/* config.c — the settings table and its loader. See config.h. */
#include "core/config.h"
#include "core/mem.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DATADIR
#define DATADIR "/usr/local/share"
#endif
#define DM_SHARE DATADIR "/datamind"

typedef enum { CT_STR, CT_INT, CT_ENUM } config_type_t;

typedef struct config_def {
    const char *name;   /* without the DATAMIND_ prefix */
    config_type_t type;
    size_t offset;
    const char *def;    /* default as text; NULL = empty */
    long min, max;      /* CT_INT bounds */
    const char *choices; /* CT_ENUM: "a|b|c" */
} config_def_t;

#define S(field, name, def) {name, CT_STR, offsetof(config_t, field), def, 0, 0, NULL}
#define I(field, name, def, lo, hi) {name, CT_INT, offsetof(config_t, field), def, lo, hi, NULL}
#define E(field, name, def, ch) {name, CT_ENUM, offsetof(config_t, field), def, 0, 0, ch}

static const config_def_t config_defs[] = {
    S(secret_key, "SECRET_KEY", NULL),
    S(secret_key_old, "SECRET_KEY_OLD", NULL),
    S(database_url, "DATABASE_URL", "dbname=datamind"),
    S(redis_url, "REDIS_URL", "redis://127.0.0.1:6379"),
    S(redis_prefix, "REDIS_PREFIX", "dm:"),
    S(listen, "LISTEN", "127.0.0.1:9000"),
    I(workers, "WORKERS", "0", 0, 256),
    I(max_requests, "MAX_REQUESTS", "100000", 0, 100000000),
    S(base_url, "BASE_URL", "http://127.0.0.1:8080"),
    S(trusted_proxies, "TRUSTED_PROXIES", "127.0.0.1/32,::1/128"),
    S(metrics_allow, "METRICS_ALLOW", "127.0.0.1/32,::1/128"),
    I(body_max_kb, "BODY_MAX_KB", "1024", 1, 1048576),
    I(upload_max_mb, "UPLOAD_MAX_MB", "200", 1, 100000),
    I(multipart_memory_kb, "MULTIPART_MEMORY_KB", "256", 1, 1048576),
    S(tmpdir, "TMPDIR", "/tmp"),
    S(templates_dir, "TEMPLATES", DM_SHARE "/templates"),
    S(migrations_dir, "MIGRATIONS", DM_SHARE "/migrations"),
    S(static_dir, "STATIC", DM_SHARE "/static"),
    S(data_dir, "DATA", DM_SHARE "/data"),
    E(log_level, "LOG_LEVEL", "info", "debug|info|warn|error"),
    E(registration, "REGISTRATION", "open", "open|closed"),
    I(session_idle_hours, "SESSION_IDLE_HOURS", "12", 1, 8760),
    I(session_max_days, "SESSION_MAX_DAYS", "7", 1, 365),
    I(pwhash_opslimit, "PWHASH_OPSLIMIT", "2", 1, 20),
    I(pwhash_memlimit_mb, "PWHASH_MEMLIMIT_MB", "64", 8, 4096),
    I(max_rows, "MAX_ROWS", "10000", 1, 10000000),
    I(max_cell_bytes, "MAX_CELL_BYTES", "1048576", 1024, 1073741824),
    I(max_result_bytes, "MAX_RESULT_BYTES", "33554432", 65536, 1073741824),
    I(export_max_rows, "EXPORT_MAX_ROWS", "1000000", 1, 100000000),
    I(export_max_bytes, "EXPORT_MAX_BYTES", "268435456", 65536, 2147483647),
    I(query_timeout_ms, "QUERY_TIMEOUT_MS", "30000", 100, 3600000),
    I(query_wait_ms, "QUERY_WAIT_MS", "2000", 0, 60000),
    I(query_abandon_s, "QUERY_ABANDON_S", "10", 3, 86400),
    I(org_max_running, "ORG_MAX_RUNNING", "2", 1, 1000),
    I(cache_ttl, "CACHE_TTL", "300", 0, 604800),
    I(cost_warn_rows, "COST_WARN_ROWS", "10000000", 0, 2000000000),
    I(history_days, "HISTORY_DAYS", "90", 1, 3650),
    S(connect_allow, "CONNECT_ALLOW", NULL),
    I(rate_questions, "RATE_QUESTIONS", "30", 0, 1000000),
    I(rate_queries, "RATE_QUERIES", "120", 0, 1000000),
    I(rate_exports, "RATE_EXPORTS", "20", 0, 1000000),
    I(rate_public, "RATE_PUBLIC", "60", 0, 1000000),
    I(rate_uploads, "RATE_UPLOADS", "10", 0, 1000000),
    I(rate_checks, "RATE_CHECKS", "6", 0, 1000000),
    E(llm_provider, "LLM_PROVIDER", "none", "none|anthropic|openai"),
    S(llm_base_url, "LLM_BASE_URL", NULL),
    S(llm_api_key, "LLM_API_KEY", NULL),
    S(llm_model, "LLM_MODEL", NULL),
    I(llm_timeout_ms, "LLM_TIMEOUT_MS", "30000", 1000, 600000),
    I(llm_deadline_ms, "LLM_DEADLINE_MS", "60000", 1000, 3600000),
    S(smtp_url, "SMTP_URL", NULL),
    S(smtp_from, "SMTP_FROM", "datamind@localhost"),
    S(webhook_allow, "WEBHOOK_ALLOW", NULL),
    S(uploads_url, "UPLOADS_URL", NULL),
    S(sqlite_dir, "SQLITE_DIR", "/var/lib/datamind/sqlite"),
    S(live_url, "LIVE_URL", NULL),
};
#define NDEFS (sizeof config_defs / sizeof config_defs[0])

/* Example values people paste from documentation; refused as secret keys. */
static const char *const weak_keys[] = {
    "changeme", "change-me", "secret", "password", "datamind", "example",
    "your-secret-key", "please-change-this-secret-key-now",
    "0123456789abcdef0123456789abcdef", "00000000000000000000000000000000",
};

const config_t *cfg;

static void set_err(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

static const config_def_t *config_find(const char *name)
{
    for (size_t i = 0; i < NDEFS; i++)
        if (strcmp(config_defs[i].name, name) == 0)
            return &config_defs[i];
    return NULL;
}

static int enum_has(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0)
            return 1;
        p += len + (bar ? 1 : 0);
    }
    return 0;
}

/* Parse and store one value. Returns 0, or -1 with a reason (no location). */
static int config_set(config_t *c, const config_def_t *d, const char *v, char *err, size_t n)
{
    char *base = (char *)c;
    if (d->type == CT_INT) {
        char *end;
        errno = 0;
        long x = strtol(v, &end, 10);
        if (errno || end == v || *end) {
            set_err(err, n, "DATAMIND_%s must be a whole number, not \"%s\"", d->name, v);
            return -1;
        }
        if (x < d->min || x > d->max) {
            set_err(err, n, "DATAMIND_%s must be between %ld and %ld, not %ld", d->name,
                    d->min, d->max, x);
            return -1;
        }
        *(int *)(base + d->offset) = (int)x;
        return 0;
    }
    if (d->type == CT_ENUM && !enum_has(d->choices, v)) {
        set_err(err, n, "DATAMIND_%s must be one of %s, not \"%s\"", d->name, d->choices, v);
        return -1;
    }
    char **slot = (char **)(base + d->offset);
    free(*slot);
    *slot = xstrdup(v);
    return 0;
}

static int config_defaults(config_t *c, char *err, size_t n)
{
    for (size_t i = 0; i < NDEFS; i++) {
        const config_def_t *d = &config_defs[i];
        if (config_set(c, d, d->def ? d->def : "", err, n) < 0)
            return -1;
    }
    return 0;
}

static int config_from_env(config_t *c, char *err, size_t n)
{
    char name[96];
    for (size_t i = 0; i < NDEFS; i++) {
        snprintf(name, sizeof name, "DATAMIND_%s", config_defs[i].name);
        const char *v = getenv(name);
        if (v && config_set(c, &config_defs[i], v, err, n) < 0)
            return -1;
    }
    return 0;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Strip one pair of matching quotes around a value. */
static char *unquote(char *v)
{
    size_t len = strlen(v);
    if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
        v[len - 1] = '\0';
        return v + 1;
    }
    return v;
}

static int config_line(config_t *c, char *line, const char *path, int lineno, char *err,
                       size_t n)
{
    char *s = trim(line);
    if (!*s || *s == '#')
        return 0;
    char *eq = strchr(s, '=');
    if (!eq) {
        set_err(err, n, "%s:%d: expected KEY=VALUE", path, lineno);
        return -1;
    }
    *eq = '\0';
    char *key = trim(s), *val = unquote(trim(eq + 1));
    if (strncmp(key, "DATAMIND_", 9) == 0)
        key += 9;
    const config_def_t *d = config_find(key);
    if (!d) {
        set_err(err, n, "%s:%d: unknown setting %s", path, lineno, key);
        return -1;
    }
    char why[512];
    if (config_set(c, d, val, why, sizeof why) < 0) {
        set_err(err, n, "%s:%d: %s", path, lineno, why);
        return -1;
    }
    return 0;
}

static int config_from_file(config_t *c, const char *path, char *err, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        set_err(err, n, "cannot open config file %s: %s", path, strerror(errno));
        return -1;
    }
    char line[8192];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        rc = config_line(c, line, path, lineno, err, n);
    }
    fclose(f);
    return rc;
}

static int key_is_weak(const char *k)
{
    for (size_t i = 0; i < sizeof weak_keys / sizeof weak_keys[0]; i++)
        if (strcmp(k, weak_keys[i]) == 0)
            return 1;
    size_t len = strlen(k), same = 0;
    for (size_t i = 0; i < len; i++)
        same += k[i] == k[0];
    return same == len; /* "aaaa…" */
}

static int config_check_secret(const config_t *c, char *err, size_t n)
{
    static const char how[] = " Generate one with: openssl rand -hex 32";
    if (!*c->secret_key) {
        set_err(err, n, "DATAMIND_SECRET_KEY is not set.%s", how);
        return -1;
    }
    if (strlen(c->secret_key) < 32) {
        set_err(err, n, "DATAMIND_SECRET_KEY is shorter than 32 bytes.%s", how);
        return -1;
    }
    if (key_is_weak(c->secret_key)) {
        set_err(err, n, "DATAMIND_SECRET_KEY is a known example value.%s", how);
        return -1;
    }
    if (*c->secret_key_old && strlen(c->secret_key_old) < 32) {
        set_err(err, n, "DATAMIND_SECRET_KEY_OLD is shorter than 32 bytes");
        return -1;
    }
    return 0;
}

config_t *config_load(const char *path, char *err, size_t errlen)
{
    config_t *c = xcalloc(1, sizeof *c);
    if (config_defaults(c, err, errlen) < 0 || config_from_env(c, err, errlen) < 0)
        goto fail;
    if (path && config_from_file(c, path, err, errlen) < 0)
        goto fail;
    if (config_check_secret(c, err, errlen) < 0)
        goto fail;
    if (c->workers == 0) {
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        c->workers = ncpu > 0 ? (int)ncpu : 2;
    }
    return c;
fail:
    config_free(c);
    return NULL;
}

void config_free(config_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < NDEFS; i++)
        if (config_defs[i].type != CT_INT)
            free(*(char **)((char *)c + config_defs[i].offset));
    free(c);
}

void config_set_current(config_t *c)
{
    config_t *old = (config_t *)cfg;
    cfg = c;
    config_free(old);
}
