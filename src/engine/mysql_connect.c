/* mysql_connect.c — open a connection to a user's MySQL / MariaDB server,
 * on the admin's terms, and cancel what it runs.
 *
 * The host is resolved once (net_resolve_checked); each address that
 * passes DATAMIND_CONNECT_ALLOW is tried in the resolver's order, and
 * libmariadb is handed that IP literal, so the address checked is the
 * address used (a host name would make libmariadb resolve it again, and
 * "localhost" would mean its unix socket). A unix socket path is used only
 * when the allow-list names it exactly.
 *
 * Options: connect / read / write timeouts; LOCAL INFILE off (a hostile
 * server could otherwise ask for a file of ours); no multi-statements
 * (client flags 0); no option files; utf8mb4; the authentication plugins
 * that never send the password in clear (no mysql_clear_password); TLS
 * per sslmode — disable: none; prefer: TLS when the server offers it;
 * require: TLS asked for, certificate not checked, and a connection without TLS closed
 * before any query (libmariadb does not refuse it by itself without
 * verification: the authentication exchange, a challenge-response, has
 * then already happened in clear); verify-full: TLS enforced and the
 * certificate verified (against the address dialled: libmariadb has no
 * separate "host name for the certificate", so a certificate must name
 * the IP, or the check fails — said in the error).
 *
 * Then the session: SET SESSION TRANSACTION READ ONLY, a fixed sql_mode
 * without ANSI_QUOTES ("…" stays a string, as engine_mysql_dialect and the
 * policy's tokens read it) and without NO_BACKSLASH_ESCAPES (the policy's
 * tokens read \' as an escape: the server must too), and a statement
 * timeout (max_statement_time on MariaDB, in seconds; max_execution_time on
 * MySQL, in ms). */
#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/mem.h"
#include "core/net.h"
#include "engine/internal.h"

#define ALLOW_NAME "DATAMIND_CONNECT_ALLOW"
#define DEFAULT_PORT 3306
#define IO_TIMEOUT_S 360 /* read / write: past the session's statement timeout */
#define SQL_MODE "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
#define AUTH_PLUGINS "mysql_native_password,caching_sha2_password,sha256_password,client_ed25519"
#define LOST_MSG "the connection to the database was lost"

static const char *const system_schemas[] = {"information_schema", "mysql",
                                             "performance_schema", "sys"};

/* ---- errors in plain words ----------------------------------------------- */

static void connect_explain(MYSQL *m, const engine_target_t *t, int timeout_s, int timed_out,
                            char *err, size_t errlen)
{
    unsigned int e = mysql_errno(m);
    const char *msg = mysql_error(m);
    const char *db = t->dbname ? t->dbname : "";
    if (e == ER_ACCESS_DENIED_ERROR || e == ER_ACCESS_DENIED_NO_PASSWORD_ERROR)
        snprintf(err, errlen, "wrong user name or password");
    else if (e == ER_BAD_DB_ERROR)
        snprintf(err, errlen, "the database \"%s\" does not exist", db);
    else if (e == ER_DBACCESS_DENIED_ERROR)
        snprintf(err, errlen, "the user may not use the database \"%s\"", db);
    else if (e == ER_HOST_NOT_PRIVILEGED)
        snprintf(err, errlen, "the server does not accept this user from DataMind's address");
    else if (timed_out && e == CR_CONN_HOST_ERROR)
        snprintf(err, errlen, "timed out after %d s", timeout_s);
    else if (strstr(msg, "(111)") || strstr(msg, "(115)") || strstr(msg, "refused"))
        snprintf(err, errlen, "the host could not be reached (connection refused)");
    else if (strstr(msg, "(113)") || strstr(msg, "(101)"))
        snprintf(err, errlen, "the host could not be reached (no route to host)");
    else if (strstr(msg, "(110)") || strstr(msg, "timeout") || strstr(msg, "timed out"))
        snprintf(err, errlen, "timed out after %d s", timeout_s);
    else if (strstr(msg, "does not support"))
        snprintf(err, errlen, "the server does not support TLS");
    else if (e == CR_SSL_CONNECTION_ERROR && strstr(msg, "certificate"))
        snprintf(err, errlen, "the server's TLS certificate could not be verified (%s)", msg);
    else if (e == CR_SSL_CONNECTION_ERROR || strstr(msg, "SSL") || strstr(msg, "TLS"))
        snprintf(err, errlen, "TLS failed: %s", msg);
    else if (e == CR_AUTH_PLUGIN_CANNOT_LOAD || strstr(msg, "plugin"))
        snprintf(err, errlen, "the server asked for an authentication method DataMind does not "
                              "use (%s)", msg);
    else
        snprintf(err, errlen, "%.*s", (int)strcspn(msg, "\n"), msg);
    if (t->password && strlen(t->password) >= 4 && strstr(err, t->password))
        snprintf(err, errlen, "the connection failed");
}

int engine_mysql_gone(engine_mysql_conn_t *c, unsigned int e)
{
    if (e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_SERVER_LOST_EXTENDED ||
        e == ER_CONNECTION_KILLED || e == CR_CONNECTION_ERROR || e == 4031)
        c->lost = 1;
    return c->lost;
}

/* ---- one attempt ------------------------------------------------------- */

static MYSQL *open_at(const engine_mysql_addr_t *a, const char *db, int timeout_s)
{
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    unsigned int ct = (unsigned int)timeout_s, io = IO_TIMEOUT_S, zero = 0;
    my_bool no = 0;
    mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
    mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &io);
    mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &io);
    mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &zero);
    mysql_optionsv(m, MYSQL_OPT_RECONNECT, &no);
    mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_optionsv(m, MARIADB_OPT_RESTRICTED_AUTH, AUTH_PLUGINS);
    /* libmariadb 3.3's MYSQL_OPT_SSL_ENFORCE asks for TLS when the server
     * offers it and goes on without it when not; only with the certificate
     * verified is TLS required (require checks the cipher after connect) */
    my_bool tls = strcmp(a->sslmode, "disable") != 0;
    my_bool verify = !strcmp(a->sslmode, "verify-full");
    mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &tls);
    mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    const char *host = a->socket[0] ? "localhost" : a->ip;
    /* on failure the caller reads mysql_errno(m), then closes it */
    mysql_real_connect(m, host, a->user, a->password, db && *db ? db : NULL,
                       (unsigned int)a->port, a->socket[0] ? a->socket : NULL, 0);
    return m;
}

static int session_setup(engine_mysql_conn_t *c, char *err, size_t errlen)
{
    c->thread_id = mysql_thread_id(c->m);
    c->mariadb = mariadb_connection(c->m) ? 1 : 0;
    if (engine_mysql_command(c, "SET SESSION TRANSACTION READ ONLY", err, errlen) < 0 ||
        engine_mysql_command(c, "SET SESSION sql_mode = '" SQL_MODE "'", err, errlen) < 0 ||
        /* an average to 30 places, not MySQL's 4 (AVG(quantity) = 2.4824
         * where every other engine gives 2.482394…) */
        engine_mysql_command(c, "SET SESSION div_precision_increment = 30", err, errlen) < 0)
        return -1;
    return engine_mysql_statement_timeout(c, ENGINE_SESSION_TIMEOUT_MS, err, errlen);
}

/* ---- checks before any packet is sent ----------------------------------- */

static int target_check(const engine_target_t *t, const char *allow, net_addrs_t *addrs,
                        char *err, size_t errlen)
{
    addrs->n = 0;
    if (t->host && strlen(t->host) >= sizeof ((engine_mysql_addr_t *)0)->socket)
        return snprintf(err, errlen, "the host name is too long"), -1;
    for (size_t i = 0; t->dbname && i < sizeof system_schemas / sizeof *system_schemas; i++)
        if (!strcasecmp(t->dbname, system_schemas[i]))
            return snprintf(err, errlen, "the database \"%s\" is the server's own; name the "
                                         "database to ask about", t->dbname), -1;
    return engine_target_check(t, allow, addrs, err, errlen);
}

static void addr_fill(engine_mysql_addr_t *a, const engine_target_t *t, const char *ip)
{
    memset(a, 0, sizeof *a);
    snprintf(a->ip, sizeof a->ip, "%s", ip ? ip : "");
    snprintf(a->socket, sizeof a->socket, "%s", ip ? "" : t->host);
    a->port = t->port ? t->port : DEFAULT_PORT;
    snprintf(a->user, sizeof a->user, "%s", t->user ? t->user : "");
    snprintf(a->password, sizeof a->password, "%s", t->password ? t->password : "");
    snprintf(a->sslmode, sizeof a->sslmode, "%s", t->sslmode ? t->sslmode : "prefer");
}

static engine_mysql_conn_t *connect_at(const engine_target_t *t, const char *ip, int timeout_s,
                                       char *err, size_t errlen)
{
    engine_mysql_conn_t *c = xcalloc(1, sizeof *c);
    addr_fill(&c->addr, t, ip);
    snprintf(c->db, sizeof c->db, "%s", t->dbname ? t->dbname : "");
    time_t t0 = time(NULL);
    c->m = open_at(&c->addr, t->dbname, timeout_s);
    if (!c->m) {
        snprintf(err, errlen, "out of memory");
    } else if (mysql_errno(c->m)) {
        connect_explain(c->m, t, timeout_s, time(NULL) - t0 >= timeout_s, err, errlen);
    } else if (!strcmp(c->addr.sslmode, "require") && !mysql_get_ssl_cipher(c->m)) {
        /* libmariadb's MYSQL_OPT_SSL_ENFORCE alone does not refuse a
         * server without TLS (only with certificate verification on) */
        snprintf(err, errlen, "the server does not support TLS");
    } else if (session_setup(c, err, errlen) == 0) {
        return c;
    }
    engine_mysql_close((engine_conn_t *)c);
    return NULL;
}

#define WHY_LEN 200

engine_conn_t *engine_mysql_connect(const engine_target_t *t, const char *allow, int timeout_s,
                                    char *err, size_t errlen)
{
    net_addrs_t addrs;
    char why[NET_ADDRS_MAX][WHY_LEN];
    err[0] = '\0';
    if (target_check(t, allow, &addrs, err, errlen) < 0)
        return NULL;
    if (timeout_s < 1)
        timeout_s = 1;
    if (addrs.n == 0)
        return (engine_conn_t *)connect_at(t, NULL, timeout_s, err, errlen);
    size_t n = 0;
    for (int i = 0; i < addrs.n; i++) {
        engine_mysql_conn_t *c = connect_at(t, addrs.ip[i], timeout_s, why[i], sizeof why[i]);
        if (c)
            return (engine_conn_t *)c;
    }
    if (addrs.n == 1) {
        snprintf(err, errlen, "%s", why[0]);
        return NULL;
    }
    for (int i = 0; i < addrs.n && n < errlen; i++)
        n += (size_t)snprintf(err + n, errlen - n, "%s%s: %s", i ? "; " : "", addrs.ip[i], why[i]);
    return NULL;
}

void engine_mysql_close(engine_conn_t *conn)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    if (!c)
        return;
    if (c->m)
        mysql_close(c->m);
    sodium_memzero(c->addr.password, sizeof c->addr.password);
    free(c);
}

int engine_mysql_idle_ok(engine_conn_t *conn)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    return c && c->m && !c->lost;
}

/* ---- statements of our own ------------------------------------------- */

int engine_mysql_command(engine_mysql_conn_t *c, const char *sql, char *err, size_t errlen)
{
    if (mysql_real_query(c->m, sql, strlen(sql)) == 0) {
        MYSQL_RES *r = mysql_store_result(c->m);
        mysql_free_result(r);
        if (mysql_errno(c->m) == 0)
            return 0;
    }
    if (engine_mysql_gone(c, mysql_errno(c->m)))
        snprintf(err, errlen, LOST_MSG);
    else
        snprintf(err, errlen, "%s", mysql_error(c->m));
    return -1;
}

int engine_mysql_statement_timeout(engine_mysql_conn_t *c, int ms, char *err, size_t errlen)
{
    char sql[96];
    if (c->mariadb)
        snprintf(sql, sizeof sql, "SET SESSION max_statement_time = %.3f", ms / 1000.0);
    else
        snprintf(sql, sizeof sql, "SET SESSION max_execution_time = %d", ms);
    return engine_mysql_command(c, sql, err, errlen);
}

/* ---- cancel: KILL QUERY from a second connection ------------------------ */

typedef struct mysql_cancel {
    engine_mysql_addr_t addr;
    unsigned long thread_id;
} mysql_cancel_t;

int engine_mysql_kill_query(const engine_mysql_addr_t *addr, unsigned long thread_id,
                            char *err, size_t errlen)
{
    MYSQL *m = open_at(addr, NULL, 5);
    int rc = -1;
    char sql[64];
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    snprintf(sql, sizeof sql, "KILL QUERY %lu", thread_id);
    if (mysql_errno(m) == 0 && mysql_real_query(m, sql, strlen(sql)) == 0)
        rc = 0;
    else
        snprintf(err, errlen, "could not cancel the query: %s", mysql_error(m));
    mysql_close(m);
    return rc;
}

engine_cancel_t *engine_mysql_cancel_get(engine_conn_t *conn)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    mysql_cancel_t *k = xcalloc(1, sizeof *k);
    k->addr = c->addr;
    k->thread_id = c->thread_id;
    return (engine_cancel_t *)k;
}

int engine_mysql_cancel(engine_cancel_t *kk, char *err, size_t errlen)
{
    mysql_cancel_t *k = (mysql_cancel_t *)kk;
    return engine_mysql_kill_query(&k->addr, k->thread_id, err, errlen);
}

void engine_mysql_cancel_free(engine_cancel_t *kk)
{
    mysql_cancel_t *k = (mysql_cancel_t *)kk;
    if (!k)
        return;
    sodium_memzero(k->addr.password, sizeof k->addr.password);
    free(k);
}

/* ---- rows of a query of our own (catalog, counts, samples) ------------- */

int engine_mysql_rows(engine_mysql_conn_t *c, const char *sql, MYSQL_RES **rows, char *err,
                      size_t errlen)
{
    *rows = NULL;
    if (mysql_real_query(c->m, sql, strlen(sql)) == 0 && (*rows = mysql_store_result(c->m)))
        return 0;
    if (engine_mysql_gone(c, mysql_errno(c->m))) {
        snprintf(err, errlen, LOST_MSG);
        return -1;
    }
    snprintf(err, errlen, "%s", mysql_errno(c->m) ? mysql_error(c->m) : "the query returned no rows");
    return 1;
}
