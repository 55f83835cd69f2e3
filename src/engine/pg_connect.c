/* connect.c — open a connection to a user's database, on the admin's terms.
 *
 * The connection form is hostile input: host, database, user and password
 * each go to libpq as one keyword value (expand_dbname = 0), never through a
 * conninfo string. The host name is resolved here, once (net_resolve_checked);
 * each address that passes DATAMIND_CONNECT_ALLOW is tried in the
 * resolver's order, as libpq and psql do, until one connects: "localhost"
 * that lists ::1 before 127.0.0.1 still reaches a server that listens on
 * IPv4 only. libpq dials exactly the checked address (hostaddr), so a DNS
 * answer that changes between check and use (rebinding) cannot move the
 * connection somewhere the check never saw. host stays set so verify-full
 * still checks the certificate against the name the user typed. Each
 * address is its own PQconnectdbParams call (not libpq's comma list) so
 * that each failure is explained on its own.
 *
 * libpq reports connection failures only as text (there is no SQLSTATE
 * before a PGresult exists), so the plain-words mapping matches its English
 * messages and falls back to their first line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/net.h"
#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define ALLOW_NAME "DATAMIND_CONNECT_ALLOW"

/* ---- libpq's messages in plain words ---------------------------------------- */

static void first_line(const char *msg, char *err, size_t errlen)
{
    size_t n = strcspn(msg, "\n");
    snprintf(err, errlen, "%.*s", (int)n, msg);
}

static void connect_explain(const char *msg, const engine_target_t *t, int timeout_s,
                            char *err, size_t errlen)
{
    if (strstr(msg, "password authentication failed") || strstr(msg, "no password supplied") ||
        (strstr(msg, "role \"") && strstr(msg, "does not exist")))
        snprintf(err, errlen, "wrong user name or password");
    else if (strstr(msg, "database \"") && strstr(msg, "does not exist"))
        snprintf(err, errlen, "the database \"%s\" does not exist", t->dbname ? t->dbname : "");
    else if (strstr(msg, "Connection refused"))
        snprintf(err, errlen, "the host could not be reached (connection refused)");
    else if (strstr(msg, "No route to host") || strstr(msg, "Network is unreachable"))
        snprintf(err, errlen, "the host could not be reached (no route to host)");
    else if (strstr(msg, "timeout expired"))
        snprintf(err, errlen, "timed out after %d s", timeout_s);
    else if (strstr(msg, "does not support SSL"))
        snprintf(err, errlen, "the server does not support TLS");
    else if (strstr(msg, "no pg_hba.conf entry") &&
             (strstr(msg, "no encryption") || strstr(msg, "SSL off")))
        snprintf(err, errlen, "the server requires TLS (set SSL mode to require)");
    else if (strstr(msg, "no pg_hba.conf entry"))
        snprintf(err, errlen, "the server does not accept this user from DataMind's address "
                              "(pg_hba.conf)");
    else if (strstr(msg, "certificate"))
        snprintf(err, errlen, "the server's TLS certificate could not be verified");
    else
        first_line(msg, err, errlen);
    /* libpq never echoes a password; make sure of it anyway. */
    if (t->password && strlen(t->password) >= 4 && strstr(err, t->password))
        snprintf(err, errlen, "the connection failed");
}

/* ---- connect ------------------------------------------------------------------ */

static void notice_drop(void *arg, const char *msg)
{
    (void)arg;
    (void)msg; /* a user's RAISE NOTICE is not ours to log */
}

/* One attempt: libpq dials ip (NULL: the socket in t->host). */
static PGconn *connect_at(const engine_target_t *t, const char *ip, int timeout_s, char *err,
                          size_t errlen)
{
    char port[16], timeout[16], options[160];
    snprintf(port, sizeof port, "%d", t->port ? t->port : 5432);
    snprintf(timeout, sizeof timeout, "%d", timeout_s);
    snprintf(options, sizeof options,
             "-c default_transaction_read_only=on -c statement_timeout=%d",
             ENGINE_PG_SESSION_TIMEOUT_MS);

    /* passfile points nowhere: a blank password must not pick up the
     * server account's ~/.pgpass. (An empty value still falls back to the
     * PG* environment, which is the admin's, not the user's.) */
    const char *keys[] = {"host", "port", "dbname", "user", "password", "sslmode",
                          "connect_timeout", "application_name", "options",
                          "client_encoding", "passfile", "hostaddr", NULL};
    const char *vals[] = {t->host, port, t->dbname ? t->dbname : "", t->user ? t->user : "",
                          t->password ? t->password : "", t->sslmode ? t->sslmode : "prefer",
                          timeout, "datamind", options, "UTF8",
                          "/nonexistent/datamind-no-passfile", ip, NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 0);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        connect_explain(PQerrorMessage(c), t, timeout_s, err, errlen);
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, notice_drop, NULL);
    return c;
}

#define WHY_LEN 200

/* Every attempt failed: one reason when they agree, else each address's. */
static void attempts_explain(const net_addrs_t *a, char why[][WHY_LEN], char *err,
                             size_t errlen)
{
    int same = 1;
    for (int i = 1; i < a->n; i++)
        same &= strcmp(why[i], why[0]) == 0;
    size_t n = (size_t)snprintf(err, errlen, "%s", same ? why[0] : "");
    for (int i = 0; i < a->n && n < errlen; i++) {
        if (same)
            n += (size_t)snprintf(err + n, errlen - n, "%s%s%s", i ? ", " : " (tried ",
                                  a->ip[i], i == a->n - 1 ? ")" : "");
        else
            n += (size_t)snprintf(err + n, errlen - n, "%s%s: %s", i ? "; " : "", a->ip[i],
                                  why[i]);
    }
}

PGconn *engine_pg_connect(const engine_target_t *t, const char *allow, int timeout_s,
                        char *err, size_t errlen)
{
    net_addrs_t addrs;
    char why[NET_ADDRS_MAX][WHY_LEN];

    err[0] = '\0';
    if (engine_target_check(t, allow, &addrs, err, errlen) < 0)
        return NULL;
    if (timeout_s < 2)
        timeout_s = 2; /* libpq's floor: it treats 1 as 2 */
    if (addrs.n == 0)
        return connect_at(t, NULL, timeout_s, err, errlen);
    for (int i = 0; i < addrs.n; i++) {
        PGconn *c = connect_at(t, addrs.ip[i], timeout_s, why[i], sizeof why[i]);
        if (c)
            return c;
    }
    if (addrs.n == 1)
        snprintf(err, errlen, "%s", why[0]);
    else
        attempts_explain(&addrs, why, err, errlen);
    return NULL;
}
