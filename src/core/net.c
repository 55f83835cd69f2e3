/* net.c — see net.h. */
#include "core/net.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
