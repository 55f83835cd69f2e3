/* config.h — DataMind's settings.
 *
 * One table (config.c) lists every setting: name, type, bounds, default.
 * Values come from DATAMIND_* environment variables, then (overriding them)
 * from an optional `--config FILE` of KEY=VALUE lines. A bad value, an
 * unknown key in the file, or a missing/weak DATAMIND_SECRET_KEY fails the
 * load with a message naming the key (and the file's line). */
#ifndef DM_CONFIG_H
#define DM_CONFIG_H

#include <stddef.h>

typedef struct config {
    /* secrets */
    char *secret_key;
    char *secret_key_old;
    /* servers */
    char *database_url;
    char *redis_url;
    char *redis_prefix;
    /* web */
    char *listen;
    int workers;
    int max_requests;
    char *base_url;
    char *trusted_proxies;
    char *metrics_allow;
    int body_max_kb;
    int upload_max_mb;
    int multipart_memory_kb;
    char *tmpdir;
    char *templates_dir;
    char *migrations_dir;
    char *static_dir;
    char *data_dir;
    char *log_level;
    /* accounts */
    char *registration;
    int session_idle_hours;
    int session_max_days;
    int pwhash_opslimit;
    int pwhash_memlimit_mb;
    /* queries */
    int max_rows;
    int max_cell_bytes;   /* one value; longer ones are cut */
    int max_result_bytes; /* a whole result; reading stops there */
    int export_max_rows;  /* "Download all rows": caps of their own, larger */
    int export_max_bytes;
    int query_timeout_ms;
    int query_wait_ms;
    int query_abandon_s;    /* a query job whose page stopped asking this long is cancelled */
    int org_max_running;    /* fair queue: jobs of one organization running at once */      /* a page waits this long for a query job, then follows it */
    int cache_ttl;
    int cost_warn_rows;     /* Explore asks before running a query that reads a relation this large whole (0: never) */
    int history_days;       /* query history is kept this many days */
    char *connect_allow;
    /* rate limits: per user per minute (per address: 4x) */
    int rate_questions, rate_queries, rate_exports, rate_uploads, rate_checks;
    int rate_public; /* public dashboard link views per minute (per address: 4x) */
    /* integrations */
    char *llm_provider;
    char *llm_base_url;
    char *llm_api_key;
    char *llm_model;
    int llm_timeout_ms;  /* one call to the LLM, its retries included */
    int llm_deadline_ms; /* every LLM call of one question together */
    char *smtp_url;
    char *smtp_from;
    char *webhook_allow;
    char *uploads_url;
    char *sqlite_dir; /* SQLite connections' files live under it (and uploaded .sqlite files) */
    char *live_url; /* nchan's publisher: "unix:/path" or "http://host:port"; empty = off */
} config_t;

/* Load from the environment and, if path is not NULL, the file. Returns a
 * new config or NULL with err filled. */
config_t *config_load(const char *path, char *err, size_t errlen);
void config_free(config_t *c);

/* The process-wide current configuration (set once at start-up, replaced on
 * SIGHUP by the master before it forks new workers). */
extern const config_t *cfg;
void config_set_current(config_t *c); /* takes ownership; frees the old one */

#endif
