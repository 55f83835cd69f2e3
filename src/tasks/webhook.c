/* webhook.c — where an alert may post, checked twice: when the alert is
 * saved (tasks_webhook_allowed) and again at every delivery
 * (tasks_webhook_post), because the host name can resolve elsewhere by then
 * (DNS rebinding).
 *
 * The rule: every address the host resolves to must pass
 * DATAMIND_WEBHOOK_ALLOW; one outside it refuses the delivery. (Using only
 * the allowed ones would be safe too, since the connection is pinned, but a
 * name that mixes allowed and other addresses is not the target the admin
 * allowed: the delivery fails with the reason, the same rule as at save.)
 * libcurl then connects only to the checked addresses: CURLOPT_RESOLVE pins
 * them so curl does not resolve again, and the open-socket callback refuses
 * any other address whatever curl resolved. No proxy (a proxy would resolve
 * the name itself), no redirects (a 3xx is a failed delivery), http and
 * https only. */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "core/net.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define ALLOW_NAME "DATAMIND_WEBHOOK_ALLOW"

/* 1 when host is an IP address, not a name. */
static int host_is_address(const char *host)
{
    unsigned char tmp[16];
    return inet_pton(AF_INET, host, tmp) == 1 || inet_pton(AF_INET6, host, tmp) == 1;
}

/* Parse url into u; host without [brackets] and the port curl will use. */
static int url_parse(const char *url, CURLU *u, char *host, size_t hostlen, long *port,
                     char *err, size_t errlen)
{
    char *scheme = NULL, *h = NULL, *p = NULL;
    int rc = -1;
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
        snprintf(err, errlen, "this is not a web address like https://hooks.example.com/…");
    } else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
        snprintf(err, errlen, "a webhook address starts with http:// or https://");
    } else if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK) {
        snprintf(err, errlen, "this is not a web address like https://hooks.example.com/…");
    } else if (curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        snprintf(err, errlen, "this web address has no usable port");
    } else {
        size_t len = strlen(h);
        const char *start = h;
        if (len >= 2 && h[0] == '[' && h[len - 1] == ']')
            start++, len -= 2;
        if (len == 0 || len >= hostlen) {
            snprintf(err, errlen, "this web address has no usable host name");
        } else {
            memcpy(host, start, len);
            host[len] = '\0';
            *port = strtol(p, NULL, 10);
            rc = 0;
        }
    }
    curl_free(scheme);
    curl_free(h);
    curl_free(p);
    return rc;
}

/* Every address of host admitted (into addrs), else -1 with why. */
static int host_check(const char *host, const char *allow, net_addrs_t *addrs, char *err,
                      size_t errlen)
{
    char why[512];
    if (!allow || !*allow) {
        snprintf(err, errlen, "webhooks are off: an admin lists the allowed hosts in %s",
                 ALLOW_NAME);
        return -1;
    }
    int refused = net_resolve_checked(host, allow, ALLOW_NAME, addrs, why, sizeof why);
    if (refused == 0)
        return 0;
    if (host_is_address(host))
        snprintf(err, errlen, "%s", why); /* why names the address */
    else
        snprintf(err, errlen, "%s: %s", host, why);
    return -1;
}

int tasks_webhook_check(const char *url, const char *allow, net_addrs_t *addrs, char *err,
                        size_t errlen)
{
    char host[256];
    long port;
    CURLU *u = curl_url();
    int rc = url_parse(url, u, host, sizeof host, &port, err, errlen) == 0 &&
                     host_check(host, allow, addrs, err, errlen) == 0
                 ? 0
                 : -1;
    curl_url_cleanup(u);
    return rc;
}

int tasks_webhook_allowed(const char *url, char *err, size_t errlen)
{
    net_addrs_t addrs;
    return tasks_webhook_check(url, cfg->webhook_allow, &addrs, err, errlen);
}

/* ---- delivery ------------------------------------------------------------------- */

typedef struct pinned {
    const net_addrs_t *addrs;
    char refused[NET_IP_LEN]; /* an address curl tried that was not checked */
} pinned_t;

/* libcurl opens every socket here: only to a checked address. */
static curl_socket_t open_checked(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
    pinned_t *p = clientp;
    char ip[INET6_ADDRSTRLEN] = "";
    const void *bytes = NULL;
    (void)purpose;
    if (a->family == AF_INET)
        bytes = &((const struct sockaddr_in *)(const void *)&a->addr)->sin_addr;
    else if (a->family == AF_INET6)
        bytes = &((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_addr;
    if (!bytes || !inet_ntop(a->family, bytes, ip, sizeof ip) || !net_addrs_has(p->addrs, ip)) {
        snprintf(p->refused, sizeof p->refused, "%s", ip[0] ? ip : "an unknown address");
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* "host:port:addr,[v6addr],…" for CURLOPT_RESOLVE; empty for an address
 * (curl does not resolve those; open_checked still holds it to addrs). */
static void resolve_entry(const char *host, long port, const net_addrs_t *addrs, char *out,
                          size_t outlen)
{
    out[0] = '\0';
    if (host_is_address(host))
        return;
    size_t n = (size_t)snprintf(out, outlen, "%s:%ld:", host, port);
    for (int i = 0; i < addrs->n && n < outlen; i++) {
        int v6 = strchr(addrs->ip[i], ':') != NULL;
        n += (size_t)snprintf(out + n, outlen - n, "%s%s%s%s", i ? "," : "", v6 ? "[" : "",
                              addrs->ip[i], v6 ? "]" : "");
    }
}

static size_t discard(char *p, size_t s, size_t n, void *u)
{
    (void)p, (void)u;
    return s * n;
}

/* What the answer means: 0 for 2xx, else -1 with a reason. */
static int answer_check(CURL *c, char *err, size_t errlen)
{
    long status = 0;
    char *location = NULL;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300)
        return 0;
    if (status >= 300 && status < 400) {
        curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
        snprintf(err, errlen,
                 "webhook answered HTTP %ld, a redirect%s%.200s; DataMind does not follow "
                 "redirects: use the address it points to",
                 status, location ? " to " : "", location ? location : "");
    } else {
        snprintf(err, errlen, "webhook answered HTTP %ld", status);
    }
    return -1;
}

static int post_pinned(CURLU *u, const char *resolve, pinned_t *pin, const char *body,
                       char *err, size_t errlen)
{
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, errlen, "could not start an HTTP request");
        return -1;
    }
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    struct curl_slist *r = resolve[0] ? curl_slist_append(NULL, resolve) : NULL;
    curl_easy_setopt(c, CURLOPT_CURLU, u);
    curl_easy_setopt(c, CURLOPT_RESOLVE, r);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_checked);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, pin);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    CURLcode rc = curl_easy_perform(c);
    int ok = -1;
    if (pin->refused[0])
        snprintf(err, errlen, "webhook refused: %s is not an address DataMind checked",
                 pin->refused);
    else if (rc != CURLE_OK)
        snprintf(err, errlen, "webhook failed: %s", curl_easy_strerror(rc));
    else
        ok = answer_check(c, err, errlen);
    curl_slist_free_all(h);
    curl_slist_free_all(r);
    curl_easy_cleanup(c);
    return ok;
}

int tasks_webhook_post(const char *url, const char *body, const char *allow, char *err,
                       size_t errlen)
{
    char host[256], resolve[1400], why[400];
    long port;
    net_addrs_t addrs;
    int rc = -1;
    CURLU *u = curl_url();

    if (url_parse(url, u, host, sizeof host, &port, why, sizeof why) < 0 ||
        host_check(host, allow, &addrs, why, sizeof why) < 0) {
        snprintf(err, errlen, "webhook refused: %s", why);
    } else {
        pinned_t pin = {.addrs = &addrs};
        resolve_entry(host, port, &addrs, resolve, sizeof resolve);
        rc = post_pinned(u, resolve, &pin, body, err, errlen);
    }
    curl_url_cleanup(u);
    return rc;
}
