/* target.c — what every engine with a host checks before a packet is sent
 * (engine/internal.h), and the password a read-only user script suggests. */
#include "engine/internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#define ALLOW_NAME "DATAMIND_CONNECT_ALLOW"

static int sslmode_valid(const char *m)
{
    return !strcmp(m, "disable") || !strcmp(m, "prefer") || !strcmp(m, "require") ||
           !strcmp(m, "verify-full");
}

int engine_target_check(const engine_target_t *t, const char *allow, net_addrs_t *addrs,
                        char *err, size_t errlen)
{
    addrs->n = 0;
    if (!t->host || !*t->host)
        return snprintf(err, errlen, "a host name is required"), -1;
    if (t->sslmode && !sslmode_valid(t->sslmode))
        return snprintf(err, errlen, "SSL mode must be disable, prefer, require or verify-full"), -1;
    if (t->port < 0 || t->port > 65535)
        return snprintf(err, errlen, "the port must be between 1 and 65535"), -1;
    if (t->host[0] == '/') {  /* a unix socket: only one the list names */
        if (allow && net_list_has(allow, t->host, 0))
            return 0;
        return snprintf(err, errlen, "the socket " NET_NOT_ALLOWED, t->host, ALLOW_NAME), -1;
    }
    /* none admitted: err says why the first address was refused */
    if (net_resolve_checked(t->host, allow, ALLOW_NAME, addrs, err, errlen) < 0 || addrs->n == 0)
        return -1;
    err[0] = '\0';
    return 0;
}

void engine_password_make(char out[25])
{
    unsigned char raw[12];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw) {
        snprintf(out, 25, "CHANGE-ME");  /* the admin changes it: said in the script */
        return;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
}
