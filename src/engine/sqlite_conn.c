/* sqlite_conn.c — open a SQLite file read-only, with every door shut, and
 * interrupt it from another thread.
 *
 * The file must pass engine_sqlite_path_check (under DATAMIND_SQLITE_DIR).
 * It is opened SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, with no URI
 * parsing and no create; extension loading is off, the defensive flag on
 * (no writes to the schema or sqlite_dbpage even through a bug elsewhere),
 * schemas untrusted (functions in views and triggers are not run with the
 * file author's trust), and limits: no ATTACH (SQLITE_LIMIT_ATTACHED 0),
 * no statement longer than SQLSAFE_MAX_BYTES, and no value longer than
 * 128 MiB (SQLite's own limit is 1 GB: printf('%.*c', 1e9, 'x') would
 * take a gigabyte before the cell cap could cut it). The authorizer is set
 * for the life of the connection (sqlite_auth.c), and a progress handler
 * interrupts whatever runs past the connection's deadline.
 *
 * Cancel: sqlite3_interrupt is safe from another thread while the
 * connection is open; the guard (a mutex and a reference count shared by
 * the connection and its cancel handles) makes a cancel that arrives after
 * close a no-op instead of a use-after-free. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/sqlite_internal.h"

#define PROGRESS_STEPS 1000  /* VM instructions between two looks at the clock */
#define MAX_VALUE_BYTES (128 << 20) /* the longest string or blob a statement may make */

struct engine_sqlite_guard {
    pthread_mutex_t mu;
    sqlite3 *db;   /* NULL once closed */
    int refs;
};

struct engine_sqlite_cancel {
    engine_sqlite_guard_t *guard;
};

static void guard_release(engine_sqlite_guard_t *g)
{
    pthread_mutex_lock(&g->mu);
    int last = --g->refs == 0;
    pthread_mutex_unlock(&g->mu);
    if (last) {
        pthread_mutex_destroy(&g->mu);
        free(g);
    }
}

/* The settings that shut the doors; -1 with err if SQLite refused one. */
static int harden(sqlite3 *db, char *err, size_t errlen)
{
    int off = 0, on = 1, got = -1;
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &got);
    if (rc == SQLITE_OK && got == 0)
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, &got);
    if (rc == SQLITE_OK && got == 1)
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, &got);
    if (rc == SQLITE_OK && got == 0)
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, off, &got);
    if (rc != SQLITE_OK || got != 0) {
        snprintf(err, errlen, "SQLite refused a safety setting");
        return -1;
    }
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, SQLSAFE_MAX_BYTES);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
    return 0;
}

engine_sqlite_conn_t *engine_sqlite_open(const char *dbname, char *err, size_t errlen)
{
    engine_sqlite_conn_t *c = calloc(1, sizeof *c);
    char *real = NULL;

    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (engine_sqlite_path_check(dbname, engine_sqlite_dir(), &real, err, errlen) < 0)
        goto fail;
    c->path = real;
    int rc = sqlite3_open_v2(real, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s cannot be opened: %s", dbname,
                 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        goto fail;
    }
    if (harden(c->db, err, errlen) < 0)
        goto fail;
    /* Reading the schema now tells a file that is not a database apart. */
    rc = sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s is not a SQLite database it can read: %s", dbname,
                 sqlite3_errmsg(c->db));
        goto fail;
    }
    sqlite3_set_authorizer(c->db, engine_sqlite_authorize, &c->auth);
    sqlite3_progress_handler(c->db, PROGRESS_STEPS, engine_sqlite_progress, c);
    sqlite3_busy_timeout(c->db, 1000);
    c->guard = calloc(1, sizeof *c->guard);
    if (!c->guard) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    pthread_mutex_init(&c->guard->mu, NULL);
    c->guard->db = c->db;
    c->guard->refs = 1;
    return c;
fail:
    engine_sqlite_close(c);
    return NULL;
}

void engine_sqlite_close(engine_sqlite_conn_t *c)
{
    if (!c)
        return;
    if (c->guard) {
        pthread_mutex_lock(&c->guard->mu);
        c->guard->db = NULL; /* a cancel from now on finds nothing to interrupt */
        pthread_mutex_unlock(&c->guard->mu);
        guard_release(c->guard);
    }
    sqlite3_close_v2(c->db);
    free(c->path);
    free(c);
}

int engine_sqlite_idle_ok(engine_sqlite_conn_t *c)
{
    return c && c->db && !c->broken;
}

engine_sqlite_cancel_t *engine_sqlite_cancel_get(engine_sqlite_conn_t *c)
{
    engine_sqlite_cancel_t *k = c && c->guard ? calloc(1, sizeof *k) : NULL;
    if (!k)
        return NULL;
    pthread_mutex_lock(&c->guard->mu);
    c->guard->refs++;
    pthread_mutex_unlock(&c->guard->mu);
    k->guard = c->guard;
    return k;
}

int engine_sqlite_cancel(engine_sqlite_cancel_t *k, char *err, size_t errlen)
{
    if (!k) {
        snprintf(err, errlen, "nothing to cancel");
        return -1;
    }
    pthread_mutex_lock(&k->guard->mu);
    int open = k->guard->db != NULL;
    if (open)
        sqlite3_interrupt(k->guard->db);
    pthread_mutex_unlock(&k->guard->mu);
    if (!open)
        snprintf(err, errlen, "the connection is closed");
    return open ? 0 : -1;
}

void engine_sqlite_cancel_free(engine_sqlite_cancel_t *k)
{
    if (!k)
        return;
    guard_release(k->guard);
    free(k);
}
