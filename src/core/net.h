/* net.h — IP address lists ("127.0.0.1/32, ::1, 10.0.0.0/8") and the one
 * place DataMind turns a host name into the addresses it may connect to. */
#ifndef DM_NET_H
#define DM_NET_H

#include <stddef.h>

/* 1 when ip (text, v4 or v6) falls in any CIDR of the comma-separated list
 * (a bare address means /32 or /128). Malformed entries never match. */
int net_ip_in_list(const char *ip, const char *list);
/* 0 when every entry of the list parses, else -1 (for config validation). */
int net_list_valid(const char *list);
/* 1 when the comma/space-separated list has an entry equal to s (the whole
 * entry; case-insensitive when nocase). No length limit on entries. */
int net_list_has(const char *list, const char *s, int nocase);

#define NET_ADDRS_MAX 16
#define NET_IP_LEN 46 /* INET6_ADDRSTRLEN */

/* The addresses of one host, as text, in the resolver's order (the order
 * the system would dial them), each once. */
typedef struct net_addrs {
    int n;
    char ip[NET_ADDRS_MAX][NET_IP_LEN];
} net_addrs_t;

/* Resolve host once: a name, an address, or an IPv6 address in [brackets].
 * 0, or -1 with a reason in err. */
int net_resolve(const char *host, net_addrs_t *out, char *err, size_t errlen);

/* The resolver behind net_resolve (getaddrinfo). Tests swap it for one that
 * answers like a machine whose /etc/hosts lists ::1 first, or like a name
 * that was rebound; NULL restores getaddrinfo. */
typedef int (*net_resolver_fn)(const char *host, net_addrs_t *out, char *err, size_t errlen);
void net_resolver_set(net_resolver_fn fn);

/* May DataMind connect to ip, an address of host? Yes when host is listed by
 * name in allow, or ip falls in one of its CIDRs; with no list (NULL or ""),
 * yes unless ip is unspecified, link-local, multicast or broadcast. Else 0
 * with why (NET_NOT_ALLOWED with ip and allow_name). */
/* An address or socket outside the allow-list: the list is a setting of the
 * server, so the message names it and who changes it (not an org admin). */
#define NET_NOT_ALLOWED "%s is not in %s, a setting of the DataMind server (its environment " \
                        "or config file, not a page of the app): whoever runs the server adds it there"
int net_addr_admitted(const char *ip, const char *host, const char *allow,
                      const char *allow_name, char *why, size_t whylen);

/* Resolve host once and check every address with net_addr_admitted: ok gets
 * the admitted ones, in the resolver's order. Returns how many were refused
 * (why: the first refusal), or -1 when host does not resolve (why: the
 * reason). Connect only to addresses in ok, so a name that resolves
 * elsewhere later (DNS rebinding) cannot move the connection. */
int net_resolve_checked(const char *host, const char *allow, const char *allow_name,
                        net_addrs_t *ok, char *why, size_t whylen);

/* 1 when ip (text) is one of addrs (compared as addresses, not text). */
int net_addrs_has(const net_addrs_t *addrs, const char *ip);

#endif
