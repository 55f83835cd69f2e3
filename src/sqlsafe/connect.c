/* connect.c — open a connection to a user's database, on the admin's terms.
 *
 * The connection form is hostile input: host, database, user and password
 * each go to libpq as one keyword value (expand_dbname = 0), never through a
 * conninfo string. The host name is resolved here, once; the address that
 * passes DATAMIND_CONNECT_ALLOW is the one libpq dials (hostaddr), so a DNS
 * answer that changes between check and use (rebinding) cannot move the
 * connection somewhere the check never saw. host stays set so verify-full
 * still checks the certificate against the name the user typed.
 *
 * libpq reports connection failures only as text (there is no SQLSTATE
 * before a PGresult exists), so the plain-words mapping matches its English
 * messages and falls back to their first line. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/net.h"
#include "sqlsafe/sqlsafe.h"

#define ALLOW_NAME "DATAMIND_CONNECT_ALLOW"

/* ---- the allow policy ----------------------------------------------------- */

/* 1 when the comma/space-separated list has an entry equal to s (whole
 * entry; case-insensitive when nocase). No length limit on entries. */
static int list_has(const char *list, const char *s, int nocase)
{
    size_t n = strlen(s);
    for (const char *p = list; p && *p;) {
        p += strspn(p, ", ");
        size_t len = strcspn(p, ", ");
        if (len == 0)
            break;
        if (len == n && (nocase ? strncasecmp(p, s, n) : strncmp(p, s, n)) == 0)
            return 1;
        p += len;
    }
    return 0;
}

/* Why an address is never dialled when no list is set, or NULL. Works on
 * the raw bytes; a v4-mapped v6 address is judged as its v4 address. */
static const char *addr_forbidden(const struct sockaddr *sa)
{
    const unsigned char *b;

    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        b = a6->s6_addr;
        if (IN6_IS_ADDR_V4MAPPED(a6))
            b += 12;
        else if (IN6_IS_ADDR_UNSPECIFIED(a6))
            return "an unspecified address";
        else if (IN6_IS_ADDR_LINKLOCAL(a6))
            return "a link-local address";
        else if (IN6_IS_ADDR_MULTICAST(a6))
            return "a multicast address";
        else
            return NULL;
    } else {
        b = (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
    }
    if (b[0] == 0)
        return "an unspecified address";
    if (b[0] == 169 && b[1] == 254)
        return "a link-local address";
    if (b[0] >= 224 && b[0] <= 239)
        return "a multicast address";
    if (b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255)
        return "a broadcast address";
    return NULL;
}

/* 0 when ip (the text of sa) may be dialled for host, else -1 with why. */
static int addr_check(const struct sockaddr *sa, const char *ip, const char *host,
                      const char *allow, char *err, size_t errlen)
{
    if (!allow || !*allow) {
        const char *why = addr_forbidden(sa);
        if (!why)
            return 0;
        snprintf(err, errlen, "%s is %s, which DataMind never connects to", ip, why);
        return -1;
    }
    if (net_ip_in_list(ip, allow) || list_has(allow, host, 1))
        return 0;
    snprintf(err, errlen, "%s is not in %s; ask an admin to allow it", ip, ALLOW_NAME);
    return -1;
}

/* Resolve host once; copy the first admitted address as text into ip.
 * The refusal of the first address explains a total refusal. */
static int host_resolve(const char *host, const char *allow, char *ip, size_t iplen,
                        char *err, size_t errlen)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    int rc = -1;

    int gai = getaddrinfo(host, NULL, &hints, &res);
    if (gai != 0) {
        if (gai == EAI_NONAME || gai == EAI_NODATA || gai == EAI_FAIL)
            snprintf(err, errlen, "the host name could not be resolved");
        else
            snprintf(err, errlen, "the host name could not be resolved (%s)",
                     gai_strerror(gai));
        return -1;
    }
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        char text[INET6_ADDRSTRLEN];
        const void *a = ai->ai_family == AF_INET
                            ? (const void *)&((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr
                            : (const void *)&((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr;
        if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6) ||
            !inet_ntop(ai->ai_family, a, text, sizeof text))
            continue;
        char why[256];
        if (addr_check(ai->ai_addr, text, host, allow, why, sizeof why) == 0) {
            snprintf(ip, iplen, "%s", text);
            rc = 0;
            goto out;
        }
        if (ai == res)
            snprintf(err, errlen, "%s", why);
    }
    if (err[0] == '\0')
        snprintf(err, errlen, "the host name has no usable address");
out:
    freeaddrinfo(res);
    return rc;
}

/* ---- libpq's messages in plain words ---------------------------------------- */

static void first_line(const char *msg, char *err, size_t errlen)
{
    size_t n = strcspn(msg, "\n");
    snprintf(err, errlen, "%.*s", (int)n, msg);
}

static void connect_explain(const char *msg, const sqlsafe_target_t *t, int timeout_s,
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

static int sslmode_valid(const char *m)
{
    return !strcmp(m, "disable") || !strcmp(m, "prefer") || !strcmp(m, "require") ||
           !strcmp(m, "verify-full");
}

/* Refuse what never reaches libpq: no host, a bad SSL mode, a socket path
 * that is not listed. Fills ip (empty for a socket) when allowed. */
static int target_check(const sqlsafe_target_t *t, const char *allow, char *ip, size_t iplen,
                        char *err, size_t errlen)
{
    if (!t->host || !*t->host) {
        snprintf(err, errlen, "a host name is required");
        return -1;
    }
    if (t->sslmode && !sslmode_valid(t->sslmode)) {
        snprintf(err, errlen, "SSL mode must be disable, prefer, require or verify-full");
        return -1;
    }
    if (t->port < 0 || t->port > 65535) {
        snprintf(err, errlen, "the port must be between 1 and 65535");
        return -1;
    }
    if (t->host[0] == '/') {
        if (allow && list_has(allow, t->host, 0)) {
            ip[0] = '\0';
            return 0;
        }
        snprintf(err, errlen, "the socket %s is not in %s; ask an admin to allow it", t->host,
                 ALLOW_NAME);
        return -1;
    }
    return host_resolve(t->host, allow, ip, iplen, err, errlen);
}

PGconn *sqlsafe_connect(const sqlsafe_target_t *t, const char *allow, int timeout_s,
                        char *err, size_t errlen)
{
    char ip[INET6_ADDRSTRLEN] = "", port[16], timeout[16], options[160];
    PGconn *c = NULL;

    err[0] = '\0';
    if (target_check(t, allow, ip, sizeof ip, err, errlen) < 0)
        return NULL;
    if (timeout_s < 2)
        timeout_s = 2; /* libpq's floor: it treats 1 as 2 */
    snprintf(port, sizeof port, "%d", t->port ? t->port : 5432);
    snprintf(timeout, sizeof timeout, "%d", timeout_s);
    snprintf(options, sizeof options,
             "-c default_transaction_read_only=on -c statement_timeout=%d",
             SQLSAFE_SESSION_TIMEOUT_MS);

    /* passfile points nowhere: a blank password must not pick up the
     * server account's ~/.pgpass. (An empty value still falls back to the
     * PG* environment, which is the admin's, not the user's.) */
    const char *keys[] = {"host", "port", "dbname", "user", "password", "sslmode",
                          "connect_timeout", "application_name", "options",
                          "client_encoding", "passfile", "hostaddr", NULL};
    const char *vals[] = {t->host, port, t->dbname ? t->dbname : "", t->user ? t->user : "",
                          t->password ? t->password : "", t->sslmode ? t->sslmode : "prefer",
                          timeout, "datamind", options, "UTF8",
                          "/nonexistent/datamind-no-passfile", ip[0] ? ip : NULL, NULL};
    c = PQconnectdbParams(keys, vals, 0);
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
