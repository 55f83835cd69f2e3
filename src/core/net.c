/* net.c — see net.h. */
#include "core/net.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

typedef struct addr {
    int family;
    unsigned char b[16];
} addr_t;

static int addr_parse(const char *s, addr_t *a)
{
    memset(a, 0, sizeof *a);
    if (inet_pton(AF_INET, s, a->b) == 1) {
        a->family = AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, s, a->b) == 1) {
        a->family = AF_INET6;
        /* v4-mapped v6 (::ffff:1.2.3.4) compares as v4 */
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(a->b, mapped, 12) == 0) {
            memmove(a->b, a->b + 12, 4);
            memset(a->b + 4, 0, 12);
            a->family = AF_INET;
        }
        return 0;
    }
    return -1;
}

static int prefix_match(const addr_t *ip, const addr_t *net, int bits)
{
    if (ip->family != net->family)
        return 0;
    int full = bits / 8, rest = bits % 8;
    if (memcmp(ip->b, net->b, (size_t)full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (ip->b[full] & mask) == (net->b[full] & mask);
}

/* Parse one "addr[/bits]" entry; -1 when malformed. */
static int cidr_parse(const char *entry, addr_t *net, int *bits)
{
    char tmp[80];
    size_t len = strlen(entry);
    if (len == 0 || len >= sizeof tmp)
        return -1;
    memcpy(tmp, entry, len + 1);
    char *slash = strchr(tmp, '/');
    if (slash)
        *slash = '\0';
    if (addr_parse(tmp, net) < 0)
        return -1;
    int max = net->family == AF_INET ? 32 : 128;
    *bits = max;
    if (slash) {
        char *end;
        long b = strtol(slash + 1, &end, 10);
        if (*end || end == slash + 1 || b < 0 || b > max)
            return -1;
        *bits = (int)b;
    }
    return 0;
}

/* Call fn on each trimmed entry; stop when it returns non-zero. */
static int list_each(const char *list, int (*fn)(const char *, void *), void *ctx)
{
    char entry[80];
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ", ");
        if (n == 0)
            break;
        snprintf(entry, sizeof entry, "%.*s", (int)n, p);
        int rc = fn(entry, ctx);
        if (rc)
            return rc;
        p += n;
    }
    return 0;
}

static int match_one(const char *entry, void *ctx)
{
    addr_t net;
    int bits;
    return cidr_parse(entry, &net, &bits) == 0 && prefix_match(ctx, &net, bits);
}

static int bad_one(const char *entry, void *ctx)
{
    addr_t net;
    int bits;
    (void)ctx;
    return cidr_parse(entry, &net, &bits) < 0;
}

int net_ip_in_list(const char *ip, const char *list)
{
    addr_t a;
    if (!ip || addr_parse(ip, &a) < 0)
        return 0;
    return list_each(list, match_one, &a);
}

int net_list_valid(const char *list)
{
    return list_each(list, bad_one, NULL) ? -1 : 0;
}

int net_list_has(const char *list, const char *s, int nocase)
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

/* ---- resolving ------------------------------------------------------------------ */

static void addrs_add(net_addrs_t *out, const char *ip)
{
    for (int i = 0; i < out->n; i++)
        if (strcmp(out->ip[i], ip) == 0)
            return;
    if (out->n < NET_ADDRS_MAX)
        snprintf(out->ip[out->n++], NET_IP_LEN, "%s", ip);
}

static int resolve_system(const char *host, net_addrs_t *out, char *err, size_t errlen)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    int gai = getaddrinfo(host, NULL, &hints, &res);
    if (gai != 0) {
        if (gai == EAI_NONAME || gai == EAI_NODATA || gai == EAI_FAIL)
            snprintf(err, errlen, "the host name could not be resolved");
        else
            snprintf(err, errlen, "the host name could not be resolved (%s)", gai_strerror(gai));
        return -1;
    }
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        char text[INET6_ADDRSTRLEN];
        const void *a;
        if (ai->ai_family == AF_INET)
            a = &((const struct sockaddr_in *)(const void *)ai->ai_addr)->sin_addr;
        else if (ai->ai_family == AF_INET6)
            a = &((const struct sockaddr_in6 *)(const void *)ai->ai_addr)->sin6_addr;
        else
            continue;
        if (inet_ntop(ai->ai_family, a, text, sizeof text))
            addrs_add(out, text);
    }
    freeaddrinfo(res);
    return 0;
}

static net_resolver_fn resolver = resolve_system;

void net_resolver_set(net_resolver_fn fn)
{
    resolver = fn ? fn : resolve_system;
}

int net_resolve(const char *host, net_addrs_t *out, char *err, size_t errlen)
{
    char bare[256];
    size_t len = host ? strlen(host) : 0;

    out->n = 0;
    if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
        host++;
        len -= 2;
    }
    if (len == 0 || len >= sizeof bare) {
        snprintf(err, errlen, len ? "the host name is too long" : "a host name is required");
        return -1;
    }
    memcpy(bare, host, len);
    bare[len] = '\0';
    addr_t lit;
    char text[INET6_ADDRSTRLEN];
    if (addr_parse(bare, &lit) == 0 && inet_ntop(lit.family, lit.b, text, sizeof text)) {
        addrs_add(out, text); /* an address is its own answer: no resolver */
        return 0;
    }
    if (resolver(bare, out, err, errlen) < 0)
        return -1;
    if (out->n == 0) {
        snprintf(err, errlen, "the host name has no usable address");
        return -1;
    }
    return 0;
}

/* ---- checking ------------------------------------------------------------------- */

/* Why an address is never dialled when no list is set, or NULL. A v4-mapped
 * v6 address was already turned into its v4 address by addr_parse. */
static const char *addr_forbidden(const addr_t *a)
{
    const unsigned char *b = a->b;
    if (a->family == AF_INET6) {
        static const unsigned char zero[16];
        if (memcmp(b, zero, 16) == 0)
            return "an unspecified address";
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
            return "a link-local address";
        if (b[0] == 0xff)
            return "a multicast address";
        return NULL;
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

int net_addr_admitted(const char *ip, const char *host, const char *allow,
                      const char *allow_name, char *why, size_t whylen)
{
    addr_t a;
    if (!ip || addr_parse(ip, &a) < 0) {
        snprintf(why, whylen, "%s is not an IP address", ip ? ip : "(none)");
        return 0;
    }
    if (allow && *allow) {
        if ((host && net_list_has(allow, host, 1)) || list_each(allow, match_one, &a))
            return 1;
        snprintf(why, whylen, NET_NOT_ALLOWED, ip, allow_name);
        return 0;
    }
    const char *kind = addr_forbidden(&a);
    if (!kind)
        return 1;
    snprintf(why, whylen, "%s is %s, which DataMind never connects to", ip, kind);
    return 0;
}

int net_resolve_checked(const char *host, const char *allow, const char *allow_name,
                        net_addrs_t *ok, char *why, size_t whylen)
{
    net_addrs_t all;
    int refused = 0;

    ok->n = 0;
    if (whylen)
        why[0] = '\0';
    if (net_resolve(host, &all, why, whylen) < 0)
        return -1;
    for (int i = 0; i < all.n; i++) {
        char w[256];
        if (net_addr_admitted(all.ip[i], host, allow, allow_name, w, sizeof w))
            addrs_add(ok, all.ip[i]);
        else if (refused++ == 0)
            snprintf(why, whylen, "%s", w);
    }
    return refused;
}

int net_addrs_has(const net_addrs_t *addrs, const char *ip)
{
    addr_t a, b;
    if (!ip || addr_parse(ip, &a) < 0)
        return 0;
    for (int i = 0; i < addrs->n; i++)
        if (addr_parse(addrs->ip[i], &b) == 0 && a.family == b.family &&
            memcmp(a.b, b.b, sizeof a.b) == 0)
            return 1;
    return 0;
}
