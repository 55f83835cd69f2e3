/* test_store_db.c — the app-database layer (src/store) against a real
 * PostgreSQL, with real faults: a second connection kills the app
 * connection's backend (pg_terminate_backend) in the middle of a
 * transaction, or while one of its statements waits for a lock.
 *
 *   DATAMIND_TEST_DB='host=/path/to/socketdir port=5433 user=postgres dbname=postgres'
 *
 * Creates the database dm_test_store_<pid> (migrated with migrations/, so
 * run it from the source tree) and drops it at the end; skipped (exit 77)
 * when DATAMIND_TEST_DB is not set. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "core/config.h"
#include "core/log.h"
#include "store/alerts.h"
#include "store/accounts.h"
#include "store/connections.h"
#include "store/db.h"
#include "store/migrate.h"

static char dbname[64], app_conninfo[1024];
static PGconn *admin; /* superuser, DATAMIND_TEST_DB's database: create/drop */
static PGconn *tdb;   /* superuser, the test database: look, hold locks, kill */
static arena_t *A;

static PGconn *connect_to(const char *conninfo, const char *db)
{
    const char *keys[] = {"dbname", "dbname", NULL};
    const char *vals[] = {conninfo, db, NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "connect: %s", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* The first value of one statement (in a static buffer), "" when none;
 * "ERROR" when it failed. */
static const char *val(PGconn *c, const char *sql, const char *p1, const char *p2)
{
    static char out[256];
    const char *p[2] = {p1, p2};
    int n = p2 ? 2 : p1 ? 1 : 0;
    PGresult *r = PQexecParams(c, sql, n, NULL, p, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        fprintf(stderr, "sql failed: %s: %s", sql, PQresultErrorMessage(r));
        snprintf(out, sizeof out, "ERROR");
    } else {
        snprintf(out, sizeof out, "%s", PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "");
    }
    PQclear(r);
    return out;
}

static char *dupval(PGconn *c, const char *sql, const char *p1, const char *p2)
{
    return arena_strdup(A, val(c, sql, p1, p2));
}

/* Kill a backend now and wait until it is gone. */
static int kill_backend(int pid)
{
    char p[16];
    snprintf(p, sizeof p, "%d", pid);
    return strcmp(val(tdb, "SELECT pg_terminate_backend($1::int, 30000)", p, NULL), "t") == 0;
}

/* A child that kills backend pid as soon as it waits for a lock (so the
 * parent's blocked statement fails as if the server went away). */
static pid_t kill_when_waiting(int pid)
{
    fflush(NULL);
    pid_t child = fork();
    if (child != 0)
        return child;
    /* the parent's connections are not ours to touch: a new one */
    PGconn *c = connect_to(app_conninfo, dbname);
    char p[16];
    snprintf(p, sizeof p, "%d", pid);
    const char *params[1] = {p};
    for (int i = 0; c && i < 6000; i++) {
        PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_stat_activity WHERE pid = $1::int"
                                      " AND wait_event_type = 'Lock'", 1, NULL, params, NULL, NULL, 0);
        int waiting = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
        PQclear(r);
        if (waiting) {
            r = PQexecParams(c, "SELECT pg_terminate_backend($1::int, 30000)", 1, NULL, params,
                             NULL, NULL, 0);
            int ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQgetvalue(r, 0, 0)[0] == 't';
            PQclear(r);
            PQfinish(c);
            _exit(ok ? 0 : 2);
        }
        usleep(10000);
    }
    _exit(1);
}

static int child_ok(pid_t child)
{
    int st = 0;
    waitpid(child, &st, 0);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int app_pid(void)
{
    PGconn *c = db_conn();
    return c ? PQbackendPID(c) : 0;
}

/* --- prepared statements ------------------------------------------------- */

static db_stmt_t q_probe = {"test_probe", "SELECT $1::int + 1", 0};

static int run_probe(int v)
{
    char err[256], s[16];
    snprintf(s, sizeof s, "%d", v);
    const char *p[1] = {s};
    PGresult *res = db_exec_prepared(A, &q_probe, 1, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? atoi(PQgetvalue(res, 0, 0)) : -1;
}

static int server_has_probe(void)
{
    char err[256];
    PGresult *res = db_exec(A, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'test_probe'",
                            0, NULL, err, sizeof err);
    return res ? atoi(PQgetvalue(res, 0, 0)) : -1;
}

/* Prepared once per connection; prepared again on a new connection (the
 * old one killed, or closed) and when the server forgot it (DISCARD). */
static void test_prepared_per_connection(void)
{
    char err[256];
    CHECK_INT(run_probe(1), 2);
    CHECK_INT(server_has_probe(), 1);
    CHECK_INT(run_probe(2), 3);
    CHECK(kill_backend(app_pid()));
    CHECK_INT(run_probe(3), 4); /* db_conn noticed the goodbye: a new session, prepared again */
    CHECK_INT(server_has_probe(), 1);
    db_close();
    CHECK_INT(run_probe(4), 5);
    CHECK(db_exec(A, "DEALLOCATE ALL", 0, NULL, err, sizeof err) != NULL);
    CHECK_INT(server_has_probe(), 0);
    CHECK_INT(run_probe(5), 6); /* "does not exist": prepared again, once */
    CHECK_INT(server_has_probe(), 1);
}

/* --- the transaction primitive -------------------------------------------- */

static int probe_count(void)
{
    return atoi(val(tdb, "SELECT count(*) FROM tx_probe", NULL, NULL));
}

static int insert_probe(int id, char *err, size_t errlen)
{
    char v[16];
    snprintf(v, sizeof v, "%d", id);
    const char *p[1] = {v};
    return db_exec(A, "INSERT INTO tx_probe (id) VALUES ($1::int)", 1, p, err, errlen) ? 0 : -1;
}

static void test_tx_lost_midway(void)
{
    char err[256] = "";
    val(tdb, "CREATE TABLE tx_probe (id int PRIMARY KEY)", NULL, NULL);

    /* lost after a statement: every later statement fails, commit fails,
     * nothing is saved — no reconnect runs the rest in autocommit */
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(insert_probe(1, err, sizeof err), 0);
    CHECK(kill_backend(app_pid()));
    CHECK_INT(insert_probe(2, err, sizeof err), -1);
    CHECK_INT(insert_probe(3, err, sizeof err), -1);
    CHECK(strstr(err, "lost in the middle of a transaction") != NULL);
    CHECK_INT(insert_probe(4, err, sizeof err), -1);
    CHECK_INT(db_commit(err, sizeof err), -1);
    CHECK(strstr(err, "lost") != NULL);
    CHECK_INT(probe_count(), 0);
    /* after the transaction, the next query reconnects */
    CHECK(db_exec(A, "SELECT 1", 0, NULL, err, sizeof err) != NULL);
    CHECK(!db_is_down());

    /* lost, then straight to commit */
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(insert_probe(5, err, sizeof err), 0);
    CHECK(kill_backend(app_pid()));
    CHECK_INT(db_commit(err, sizeof err), -1);
    CHECK_INT(probe_count(), 0);

    /* lost, rolled back: the next transaction runs on a new connection */
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(insert_probe(6, err, sizeof err), 0);
    CHECK(kill_backend(app_pid()));
    CHECK_INT(insert_probe(7, err, sizeof err), -1);
    db_rollback();
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(insert_probe(8, err, sizeof err), 0);
    CHECK_INT(db_commit(err, sizeof err), 0);
    CHECK_INT(probe_count(), 1);

    /* a statement failed (no connection lost): COMMIT answers ROLLBACK,
     * and that is a failure, not a success */
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(insert_probe(9, err, sizeof err), 0);
    CHECK_INT(insert_probe(8, err, sizeof err), -1); /* duplicate key */
    CHECK_INT(db_commit(err, sizeof err), -1);
    CHECK_STR(val(tdb, "SELECT count(*) FROM tx_probe WHERE id = 9", NULL, NULL), "0");

    /* one owner: no transaction inside a transaction, no commit without one */
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(db_begin(err, sizeof err), -1);
    db_rollback();
    CHECK_INT(db_commit(err, sizeof err), -1);
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(db_commit(err, sizeof err), 0);
    /* a unit of work that forgot its transaction: rolled back after it */
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(insert_probe(10, err, sizeof err), 0);
    db_tx_abandoned("test");
    CHECK_INT(db_begin(err, sizeof err), 0);
    CHECK_INT(db_commit(err, sizeof err), 0);
    CHECK_STR(val(tdb, "SELECT count(*) FROM tx_probe WHERE id = 10", NULL, NULL), "0");
    db_tx_abandoned("test"); /* nothing open: nothing done */
}

/* --- "already taken" must mean taken ------------------------------------- */

static const char *org;

/* The case that fills the SQLSTATE buffer ("23505": the name is taken)
 * runs right before, from the same caller, so an uninitialized buffer of
 * the second call would still hold it. */
static void test_lock_failure_is_not_taken(void)
{
    char err[256] = "", err2[256] = "", *id = NULL, *uid = NULL;
    const char *field = "unset", *field2 = "unset";
    org = dupval(tdb, "INSERT INTO organizations (name, slug) VALUES ('Store test', 'store-test')"
                      " RETURNING id", NULL, NULL);
    const char *other = dupval(tdb, "INSERT INTO organizations (name, slug)"
                                    " VALUES ('Store test B', 'store-test-b') RETURNING id", NULL, NULL);
    store_conn_fields_t f = {.name = "Sales", .host = "db.example", .port = 5432,
                       .database_name = "sales", .username = "reader", .sslmode = "prefer"};
    CHECK_INT(store_conn_create(A, org, NULL, &f, &id, &field, err, sizeof err), 0);

    /* store_conn_create: the other organization's lock query fails (its backend
     * dies while waiting): a database failure, not "the name is taken" */
    val(tdb, "BEGIN", NULL, NULL);
    val(tdb, "SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", other, NULL);
    pid_t k = kill_when_waiting(app_pid());
    int taken = store_conn_create(A, org, NULL, &f, &id, &field, err, sizeof err);
    int lost = store_conn_create(A, other, NULL, &f, &id, &field2, err2, sizeof err2);
    val(tdb, "ROLLBACK", NULL, NULL);
    CHECK(child_ok(k));
    CHECK_INT(taken, -1);
    CHECK_STR(field, "name");
    CHECK_INT(lost, -1);
    CHECK(field2 == NULL);
    CHECK(strcmp(err2, "limit") != 0);
    CHECK_STR(val(tdb, "SELECT count(*) FROM connections WHERE org_id = $1", other, NULL), "0");
    /* and it works once the database is back */
    CHECK_INT(store_conn_create(A, other, NULL, &f, &id, &field2, err2, sizeof err2), 0);

    /* store_account_add: the same */
    CHECK_INT(store_account_add(A, org, "ann@example.com", "Ann", "analyst", "x", &uid, &field, err,
                          sizeof err), 0);
    field = field2 = "unset";
    val(tdb, "BEGIN", NULL, NULL);
    val(tdb, "SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", other, NULL);
    k = kill_when_waiting(app_pid());
    taken = store_account_add(A, org, "ann@example.com", "Ann", "analyst", "x", &uid, &field, err,
                        sizeof err);
    lost = store_account_add(A, other, "ann@example.com", "Ann", "analyst", "x", &uid, &field2, err2,
                       sizeof err2);
    val(tdb, "ROLLBACK", NULL, NULL);
    CHECK(child_ok(k));
    CHECK_INT(taken, -1);
    CHECK_STR(field, "email");
    CHECK_INT(lost, -1);
    CHECK(field2 == NULL);
    CHECK(strcmp(err2, "limit") != 0);
    CHECK_STR(val(tdb, "SELECT count(*) FROM users WHERE org_id = $1", other, NULL), "0");
    CHECK_INT(store_account_add(A, other, "ann@example.com", "Ann", "analyst", "x", &uid, &field2, err2,
                          sizeof err2), 0);
}

/* --- alert checks: recorded once, or not at all --------------------------- */

static void test_alert_check_lost_midway(void)
{
    char err[256] = "";
    store_alert_event_t *events = NULL;
    size_t n_events = 0;
    const char *conn = dupval(tdb, "SELECT id FROM connections WHERE org_id = $1", org, NULL);
    const char *alert = dupval(tdb,
                               "INSERT INTO alerts (org_id, connection_id, name, sql_text, condition,"
                               " threshold) VALUES ($1, $2, 'Revenue', 'SELECT 1', 'above', 10)"
                               " RETURNING id", org, conn);
    store_alert_outcome_t o = {.has_value = 1, .value = 42};

    /* The check's event insert waits on a second connection's uncommitted
     * event of the same slot; the check's backend dies there. The value
     * row went in before it: the check must fail (so its job is retried),
     * not report the slot recorded with nothing, or half of it, saved. */
    val(tdb, "BEGIN", NULL, NULL);
    val(tdb, "INSERT INTO alert_events (org_id, alert_id, slot, kind, message)"
             " VALUES ($1, $2, 7, 'triggered', 'held')", org, alert);
    pid_t k = kill_when_waiting(app_pid());
    CHECK_INT(store_alert_record_check(A, org, alert, 7, &o, &events, &n_events, err, sizeof err), -1);
    val(tdb, "ROLLBACK", NULL, NULL);
    CHECK(child_ok(k));
    CHECK_STR(val(tdb, "SELECT state || ':' || (last_checked_at IS NULL) FROM alerts WHERE id = $1",
                  alert, NULL), "ok:true");
    CHECK_STR(val(tdb, "SELECT count(*) FROM alert_values WHERE alert_id = $1", alert, NULL), "0");
    CHECK_STR(val(tdb, "SELECT count(*) FROM alert_events WHERE alert_id = $1", alert, NULL), "0");

    /* the alert row itself locked: its backend dies while loading it —
     * a failure to retry, not "the alert was deleted" */
    val(tdb, "BEGIN", NULL, NULL);
    val(tdb, "SELECT 1 FROM alerts WHERE id = $1 FOR UPDATE", alert, NULL);
    k = kill_when_waiting(app_pid());
    CHECK_INT(store_alert_record_check(A, org, alert, 7, &o, &events, &n_events, err, sizeof err), -1);
    val(tdb, "ROLLBACK", NULL, NULL);
    CHECK(child_ok(k));

    /* the retry records it, once */
    CHECK_INT(store_alert_record_check(A, org, alert, 7, &o, &events, &n_events, err, sizeof err), 0);
    CHECK_INT(n_events, 1);
    CHECK_STR(events[0].kind, "triggered");
    CHECK_STR(val(tdb, "SELECT state FROM alerts WHERE id = $1", alert, NULL), "triggered");
    CHECK_INT(store_alert_record_check(A, org, alert, 7, &o, &events, &n_events, err, sizeof err), 1);
    CHECK_INT(n_events, 1); /* the slot's events again, for the deliveries */
    CHECK_STR(events[0].kind, "triggered");
    CHECK_STR(val(tdb, "SELECT count(*) || '/' || (SELECT count(*) FROM alert_events WHERE alert_id = $1)"
                       " FROM alert_values WHERE alert_id = $1", alert, NULL), "1/1");
}

/* --- migrations ------------------------------------------------------------ */

static void test_migrate_empty_dir(void)
{
    char dir[] = "/tmp/dm-test-migrations-XXXXXX", err[256] = "";
    int applied = -1;
    CHECK(mkdtemp(dir) != NULL);
    CHECK_INT(migrate_run(dir, &applied, err, sizeof err), 0);
    CHECK_INT(applied, 0);
    rmdir(dir);
}

/* --- setup ---------------------------------------------------------------- */

static int setup(const char *conninfo)
{
    char err[512];
    snprintf(dbname, sizeof dbname, "dm_test_store_%d", (int)getpid());
    if (strcmp(val(admin, "SELECT 1", NULL, NULL), "1") != 0)
        return -1;
    PGresult *r = PQexec(admin, arena_printf(A, "CREATE DATABASE %s", dbname)); /* our own name */
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok || !(tdb = connect_to(conninfo, dbname)))
        return -1;
    /* the app's connection string: DATAMIND_TEST_DB's settings, our database */
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
    size_t n = 0;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (o->val && *o->val && strcmp(o->keyword, "dbname") != 0)
            n += (size_t)snprintf(app_conninfo + n, sizeof app_conninfo - n, "%s='%s' ", o->keyword, o->val);
    snprintf(app_conninfo + n, sizeof app_conninfo - n, "dbname='%s'", dbname);
    PQconninfoFree(opts);
    setenv("DATAMIND_DATABASE_URL", app_conninfo, 1);
    setenv("DATAMIND_SECRET_KEY", "9e2d4c6a8b0f1e3d5c7a9b1d3f5e7c9a0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d1f", 1);
    config_t *c = config_load(NULL, err, sizeof err);
    if (!c) {
        fprintf(stderr, "config: %s\n", err);
        return -1;
    }
    config_set_current(c);
    int applied = 0;
    if (migrate_run("migrations", &applied, err, sizeof err) < 0 || applied < 1) {
        fprintf(stderr, "migrate: %s\n", err);
        return -1;
    }
    return 0;
}

static void teardown(void)
{
    db_close();
    PQfinish(tdb);
    PGresult *r = PQexec(admin, arena_printf(A, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname));
    PQclear(r);
}

int main(void)
{
    const char *conninfo = check_test_db("test_store_db");
    if (!conninfo)
        return CHECK_SKIP;
    const char *lvl = getenv("DM_TEST_LOG");
    log_level_t l = LOG_FATAL;
    log_set_level(lvl && log_level_parse(lvl, &l) == 0 ? l : LOG_FATAL);
    A = arena_new();
    if (!(admin = connect_to(conninfo, NULL)) || setup(conninfo) < 0) {
        CHECK(!"set up the test database");
    } else {
        test_migrate_empty_dir();
        test_prepared_per_connection();
        test_tx_lost_midway();
        test_lock_failure_is_not_taken();
        test_alert_check_lost_midway();
    }
    teardown();
    PQfinish(admin);
    arena_free(A);
    config_set_current(NULL);
    return check_done("test_store_db");
}
