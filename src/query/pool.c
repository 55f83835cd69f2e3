/* pool.c — a few open connections to users' databases per process.
 *
 * Connecting costs more than a typical dashboard query (TCP + SCRAM + a
 * backend fork), so each web worker keeps up to POOL_SIZE connections,
 * keyed by connection id and version: editing a connection bumps the
 * version, which retires the old sockets. A connection that failed, or
 * that the server closed while it sat idle, is closed, never reused. Each
 * slot holds an engine_conn_t with its engine (the connection's kind:
 * engine_find), so the pool serves every engine alike. */
#include "query/query.h"
#include "auth/auth.h"
#include "core/config.h"
#include "engine/engine.h"
#include "store/connections.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define POOL_SIZE 8

typedef struct slot {
    char key[80];   /* id:version */
    const engine_t *engine;
    engine_conn_t *conn;
    int busy;
    time_t used;
} slot_t;

static slot_t pool[POOL_SIZE];

static void slot_close(slot_t *s)
{
    if (s->conn)
        s->engine->close(s->conn);
    memset(s, 0, sizeof *s);
}

static engine_conn_t *connect_new(arena_t *a, const store_conn_t *c, const engine_t *e, char *err,
                                  size_t errlen)
{
    char *pw = NULL;
    size_t pwlen = 0;
    int mismatch = 0;
    /* the password opens only for the target it was typed for */
    const char *binding = store_conn_target_binding(a, c->kind, c->host, c->port, c->database_name, c->username,
                                              c->sslmode);
    if (c->password_enc && secret_unseal(binding, c->password_enc, c->password_enc_len, &pw,
                                         &pwlen, &mismatch) < 0) {
        snprintf(err, errlen, mismatch
                 ? "the saved password was entered for another host, port, database, user or "
                   "SSL mode and is not sent here: edit the connection and type the password again"
                 : "the stored password cannot be decrypted (was the secret key changed?): "
                   "enter the password again");
        return NULL;
    }
    engine_target_t t = {.kind = e->kind, .host = c->host, .port = c->port,
                         .dbname = c->database_name, .user = c->username,
                         .password = pw ? pw : "", .sslmode = c->sslmode};
    /* the org's Uploads connection points where DataMind itself put the
     * data, which DATAMIND_CONNECT_ALLOW (for users' databases) need not list */
    int own = strcmp(c->kind, "uploads") == 0;
    engine_conn_t *conn = e->connect(&t, own ? NULL : cfg->connect_allow, 10, err, errlen);
    if (pw)
        secret_free(pw, pwlen);
    return conn;
}

engine_conn_t *query_acquire(arena_t *a, const store_conn_t *c, const engine_t **e, char *err,
                             size_t errlen)
{
    char key[80];
    if (!(*e = engine_find(c->kind, err, errlen)))
        return NULL;
    snprintf(key, sizeof key, "%s:%s", c->id, c->version);
    slot_t *oldest = NULL;
    for (int i = 0; i < POOL_SIZE; i++) {
        slot_t *s = &pool[i];
        if (s->conn && !s->busy && strcmp(s->key, key) == 0) {
            if (s->engine == *e && s->engine->idle_ok(s->conn)) {
                s->busy = 1;
                s->used = time(NULL);
                return s->conn;
            }
            slot_close(s);
        }
        if (!s->busy && (!oldest || !s->conn || (oldest->conn && s->used < oldest->used)))
            oldest = s;
    }
    engine_conn_t *conn = connect_new(a, c, *e, err, errlen);
    if (!conn)
        return NULL;
    if (oldest) {
        slot_close(oldest);
        snprintf(oldest->key, sizeof oldest->key, "%s", key);
        oldest->engine = *e;
        oldest->conn = conn;
        oldest->busy = 1;
        oldest->used = time(NULL);
    }
    return conn;
}

void query_release(const engine_t *e, engine_conn_t *conn, int bad)
{
    for (int i = 0; i < POOL_SIZE; i++) {
        if (pool[i].conn == conn) {
            if (bad || !e->idle_ok(conn))
                slot_close(&pool[i]);
            else
                pool[i].busy = 0;
            return;
        }
    }
    e->close(conn); /* the pool was full of busy slots: it was never pooled */
}

void query_pool_drop(const char *conn_id)
{
    size_t n = strlen(conn_id);
    for (int i = 0; i < POOL_SIZE; i++)
        if (pool[i].conn && !pool[i].busy && strncmp(pool[i].key, conn_id, n) == 0 &&
            pool[i].key[n] == ':')
            slot_close(&pool[i]);
}

void query_pool_close(void)
{
    for (int i = 0; i < POOL_SIZE; i++)
        slot_close(&pool[i]);
}
