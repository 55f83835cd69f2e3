/* run.c — query_run and friends: see query.h. */
#include "query/internal.h"
#include "core/config.h"
#include "core/log.h"
#include "engine/engine.h"
#include "store/schema.h"
#include "store/kv.h"
#include "store/audit.h"
#include "store/connections.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ORG_CONCURRENT_QUERIES 8

/* Cache key: connection, its version (bumped on every edit) and a hash of
 * the exact statement and its bound parameters (each type and value, with
 * its length, so no two sets of values hash alike). Not the fingerprint: it
 * ignores constants, so "WHERE x = 1" and "WHERE x = 2" would share an entry. */
static const char *cache_key(arena_t *a, const store_conn_t *c, const char *stmt,
                             const query_bound_t *pb, long max_rows, long max_bytes)
{
    unsigned char h[16];
    char hex[33];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)stmt, strlen(stmt) + 1);
    for (int k = 0; k < pb->n; k++) {
        const char *part = arena_printf(a, "%s:%zu:", pb->types[k], strlen(pb->values[k]));
        crypto_generichash_update(&st, (const unsigned char *)part, strlen(part));
        crypto_generichash_update(&st, (const unsigned char *)pb->values[k], strlen(pb->values[k]));
    }
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return kv_key(a, arena_printf(a, "qc:%s:%s:%ld:%d:%ld:%s", c->id, c->version, max_rows,
                                  cfg->max_cell_bytes, max_bytes, hex));
}

static json_t *cache_get(arena_t *a, const char *key)
{
    if (cfg->cache_ttl <= 0)
        return NULL;
    redisReply *r = kv_cmd(a, "GET %s", key);
    if (!r || r->type != REDIS_REPLY_STRING)
        return NULL;
    return json_loadb(r->str, r->len, 0, NULL);
}

static void cache_put(arena_t *a, const char *key, json_t *result)
{
    if (cfg->cache_ttl <= 0)
        return;
    char *s = json_dumps(result, JSON_COMPACT);
    if (s) {
        kv_cmd(a, "SET %s %s EX %d", key, s, cfg->cache_ttl);
        free(s);
    }
}

/* A per-organization ceiling on queries running at once, so one team's
 * dashboard storm cannot take every worker. Redis down: no ceiling. */
static int slot_take(arena_t *a, const char *org_id, const char **key)
{
    *key = kv_key(a, arena_printf(a, "running:%s", org_id));
    redisReply *r = kv_cmd(a, "INCR %s", *key);
    if (!r || r->type != REDIS_REPLY_INTEGER) {
        *key = NULL;
        return 0;
    }
    kv_cmd(a, "EXPIRE %s %d", *key, cfg->query_timeout_ms / 1000 + 60);
    if (r->integer > ORG_CONCURRENT_QUERIES) {
        kv_cmd(a, "DECR %s", *key);
        *key = NULL;
        return -1;
    }
    return 0;
}

static void slot_give(arena_t *a, const char *key)
{
    if (key)
        kv_cmd(a, "DECR %s", key);
}

static void run_audit(arena_t *a, const char *org_id, const char *user_id, const char *ip,
                      const store_conn_t *c, const query_opts_t *o, const query_outcome_t *out,
                      const char *error)
{
    json_t *d = json_pack("{s:s, s:s, s:s?}", "connection", c->name, "source",
                          o->source ? o->source : "explore", "fingerprint", out->fingerprint);
    if (out->result) {
        json_object_set(d, "rows", json_object_get(out->result, "row_count"));
        json_object_set(d, "ms", json_object_get(out->result, "ms"));
        json_object_set(d, "cached", json_object_get(out->result, "cached"));
    }
    if (error)
        json_object_set_new(d, "error", json_string(error));
    store_audit_record(a, org_id, user_id, out->rejected ? "query.rejected" : "query.run", "connection",
                 c->id, d, ip);
}

static int execute(arena_t *a, const store_conn_t *c, const char *stmt, const query_bound_t *pb,
                   long max_rows,
                   long max_bytes, const query_opts_t *o, query_outcome_t *out, char *err,
                   size_t errlen)
{
    const engine_t *e;
    engine_conn_t *conn = query_acquire(a, c, &e, err, errlen);
    if (!conn)
        return -1;
    if (o->on_running)
        o->on_running(e, conn, o->ud);
    engine_run_t run = {.timeout_ms = cfg->query_timeout_ms, .max_rows = max_rows,
                        .max_cell_bytes = (size_t)cfg->max_cell_bytes,
                        .max_result_bytes = (size_t)max_bytes, .nparams = pb->n,
                        .param_values = pb->values, .param_types = pb->types};
    int rc = e->execute(conn, stmt, &run, &out->result, &out->err_pos, err, errlen);
    if (o->on_running)
        o->on_running(NULL, NULL, o->ud);
    query_release(e, conn, 0);
    return rc;
}

int query_run(arena_t *a, const char *org_id, const char *user_id, const char *ip,
              const char *conn_id, const char *sql, const query_opts_t *o,
              query_outcome_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    query_stmt_t qs;
    int prep = query_stmt_prepare(a, org_id, conn_id, sql, o->param_decl, o->param_values, &qs,
                                  err, errlen);
    if (prep != QUERY_STMT_OK) {
        out->param_error = prep == QUERY_STMT_PARAMS;
        out->rejected = prep == QUERY_STMT_REJECTED;
        if (out->rejected)
            run_audit(a, org_id, user_id, ip, &qs.conn, o, out, err);
        return -1;
    }
    const store_conn_t c = qs.conn;
    const query_bound_t pb = qs.pb;
    out->fingerprint = qs.fingerprint;
    const char *stmt = qs.statement;
    long max_rows = o->max_rows > 0 ? o->max_rows : cfg->max_rows;
    long max_bytes = o->max_bytes > 0 ? o->max_bytes : cfg->max_result_bytes;
    const char *key = cache_key(a, &c, stmt, &pb, max_rows, max_bytes);
    if (!o->refresh && !o->no_cache && (out->result = cache_get(a, key)) != NULL) {
        json_object_set_new(out->result, "cached", json_true());
        run_audit(a, org_id, user_id, ip, &c, o, out, NULL);
        return 0;
    }
    const char *slot;
    if (slot_take(a, org_id, &slot) < 0) {
        snprintf(err, errlen, "your organization is already running %d queries; try again in a "
                              "moment", ORG_CONCURRENT_QUERIES);
        return -1;
    }
    int rc = execute(a, &c, stmt, &pb, max_rows, max_bytes, o, out, err, errlen);
    if (rc < 0 && pb.n > 0)
        out->err_pos = 0; /* a position in the rewritten SQL: no mark rather than a wrong one */
    slot_give(a, slot);
    if (rc == 0) {
        /* when the rows were read: a cached copy keeps it (a saved query
         * made from a cached result says when its rows are from) */
        json_object_set_new(out->result, "read_at", json_integer((json_int_t)time(NULL)));
        if (!o->no_cache)
            cache_put(a, key, out->result);
        json_object_set_new(out->result, "cached", json_false());
    }
    run_audit(a, org_id, user_id, ip, &c, o, out, rc < 0 ? err : NULL);
    return rc;
}

int query_probe(arena_t *a, const store_conn_t *c, json_t **info, char *err, size_t errlen)
{
    const engine_t *e;
    engine_conn_t *conn = query_acquire(a, c, &e, err, errlen);
    if (!conn)
        return -1;
    int rc = e->probe(conn, info, err, errlen);
    query_release(e, conn, rc < 0);
    return rc;
}

int query_discover(arena_t *a, const char *org_id, const store_conn_t *c, int *ntables,
                   char *err, size_t errlen)
{
    const engine_t *e;
    engine_conn_t *conn = query_acquire(a, c, &e, err, errlen);
    if (!conn) {
        store_conn_set_sync(a, org_id, c->id, err);
        return -1;
    }
    sqlsafe_discover_opts_t opts = {.sample_values = SQLSAFE_SAMPLE_VALUES, .sample_timeout_ms = 2000,
                                    .exact_count_below = 10000};
    json_t *schema = NULL;
    int rc = engine_discover(e, conn, &opts, &schema, err, errlen);
    query_release(e, conn, rc < 0);
    if (rc == 0)
        rc = store_schema_save(a, org_id, c->id, schema, err, errlen);
    *ntables = rc == 0 ? (int)json_array_size(json_object_get(schema, "tables")) : 0;
    json_decref(schema);
    store_conn_set_sync(a, org_id, c->id, rc == 0 ? NULL : err);
    return rc;
}
