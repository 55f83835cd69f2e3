/* test_webhook.c — an alert's webhook address, checked again at delivery:
 * every address its host resolves to must be allowed, libcurl connects
 * only to those (never resolving the name itself), no proxy, no redirects.
 *
 * The receivers are real HTTP listeners on loopback, in a thread; the
 * resolver is swapped (net_resolver_set) so that a name can answer like a
 * rebound DNS name: hooks.invalid cannot be resolved by the system, so a
 * delivery that reaches the listener went to the address DataMind pinned. */
#include "check.h"
#include "core/net.h"
#include "tasks/tasks.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define ALLOW_V4 "127.0.0.1/32"

typedef struct sink {
    int fd, port, family;
    int requests;
    char paths[16][64];
    pthread_t thread;
} sink_t;

/* Read one request (headers and a Content-Length body); its path into path. */
static int read_request(int c, char *path, size_t pathlen)
{
    char req[8192] = "";
    size_t n = 0;
    char *end = NULL;
    while (n < sizeof req - 1 && !(end = strstr(req, "\r\n\r\n"))) {
        ssize_t k = read(c, req + n, sizeof req - 1 - n);
        if (k <= 0)
            return -1;
        n += (size_t)k;
        req[n] = '\0';
    }
    if (!end)
        return -1;
    const char *cl = strcasestr(req, "\r\nContent-Length:");
    size_t want = (size_t)(end + 4 - req) + (cl ? strtoul(cl + 17, NULL, 10) : 0);
    while (n < want && n < sizeof req - 1) {
        ssize_t k = read(c, req + n, sizeof req - 1 - n);
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    if (sscanf(req, "%*s %63s", path) != 1 || pathlen < 64)
        return -1;
    return 0;
}

static void *sink_serve(void *arg)
{
    sink_t *s = arg;
    for (;;) {
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            break;
        char path[64] = "", answer[256];
        if (read_request(c, path, sizeof path) < 0) {
            close(c);
            continue;
        }
        if (s->requests < 16)
            snprintf(s->paths[s->requests], sizeof s->paths[0], "%s", path);
        s->requests++;
        if (strcmp(path, "/redirect") == 0)
            snprintf(answer, sizeof answer,
                     "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/elsewhere\r\n"
                     "Content-Length: 0\r\nConnection: close\r\n\r\n", s->port);
        else
            snprintf(answer, sizeof answer,
                     "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        if (write(c, answer, strlen(answer)) < 0)
            perror("sink write");
        close(c);
    }
    return NULL;
}

/* A listener on 127.0.0.1 or ::1; -1 when the machine has no such address. */
static int sink_start(sink_t *s, int family)
{
    memset(s, 0, sizeof *s);
    s->family = family;
    s->fd = socket(family, SOCK_STREAM, 0);
    struct sockaddr_storage ss = {0};
    socklen_t len;
    if (family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        len = sizeof *a;
    }
    if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&ss, len) < 0 || listen(s->fd, 8) < 0 ||
        getsockname(s->fd, (struct sockaddr *)&ss, &len) < 0) {
        if (s->fd >= 0)
            close(s->fd);
        s->fd = -1;
        return -1;
    }
    s->port = ntohs(family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
                                      : ((struct sockaddr_in6 *)&ss)->sin6_port);
    pthread_create(&s->thread, NULL, sink_serve, s);
    return 0;
}

static void sink_stop(sink_t *s)
{
    if (s->fd < 0)
        return;
    shutdown(s->fd, SHUT_RDWR); /* accept() returns: the thread ends */
    pthread_join(s->thread, NULL);
    close(s->fd);
}

static int fake_resolve(const char *host, net_addrs_t *out, char *err, size_t errlen)
{
    if (strcasecmp(host, "hooks.invalid") == 0) {
        snprintf(out->ip[out->n++], NET_IP_LEN, "127.0.0.1");
        return 0;
    }
    if (strcasecmp(host, "rebound.invalid") == 0) { /* what a rebinding DNS answers */
        snprintf(out->ip[out->n++], NET_IP_LEN, "127.0.0.1");
        snprintf(out->ip[out->n++], NET_IP_LEN, "::1");
        return 0;
    }
    if (strcasecmp(host, "v6first.invalid") == 0) { /* localhost on Debian */
        snprintf(out->ip[out->n++], NET_IP_LEN, "::1");
        snprintf(out->ip[out->n++], NET_IP_LEN, "127.0.0.1");
        return 0;
    }
    if (strcasecmp(host, "metadata.invalid") == 0) {
        snprintf(out->ip[out->n++], NET_IP_LEN, "169.254.169.254");
        return 0;
    }
    snprintf(err, errlen, "the host name could not be resolved");
    return -1;
}

static void expect_refused(const char *url, const char *allow, const char *want)
{
    char err[512] = "";
    net_addrs_t addrs;
    CHECK_INT(tasks_webhook_check(url, allow, &addrs, err, sizeof err), -1);
    if (!strstr(err, want))
        fprintf(stderr, "  %s: want \"%s\" in \"%s\"\n", url, want, err);
    CHECK(strstr(err, want) != NULL);
}

static void test_check(void)
{
    char err[512] = "";
    net_addrs_t addrs;

    expect_refused("not a url", ALLOW_V4, "not a web address");
    expect_refused("ftp://127.0.0.1/x", ALLOW_V4, "starts with http:// or https://");
    expect_refused("file:///etc/passwd", ALLOW_V4, "starts with http:// or https://");
    expect_refused("http://127.0.0.1/x", "", "webhooks are off");
    expect_refused("http://[::1]:8080/x", ALLOW_V4,
                   "::1 is not in DATAMIND_WEBHOOK_ALLOW,"
                   " a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    expect_refused("http://rebound.invalid/x", ALLOW_V4,
                   "rebound.invalid: ::1 is not in DATAMIND_WEBHOOK_ALLOW");
    expect_refused("http://metadata.invalid/x", ALLOW_V4,
                   "metadata.invalid: 169.254.169.254 is not in DATAMIND_WEBHOOK_ALLOW");
    expect_refused("http://nowhere.invalid/x", ALLOW_V4,
                   "nowhere.invalid: the host name could not be resolved");

    CHECK_INT(tasks_webhook_check("https://rebound.invalid/x", "127.0.0.1/32, ::1/128", &addrs,
                                  err, sizeof err), 0);
    CHECK_INT(addrs.n, 2);
    CHECK_STR(addrs.ip[0], "127.0.0.1");
    CHECK_STR(addrs.ip[1], "::1");
    /* a name the admin listed by name is trusted with what it resolves to */
    CHECK_INT(tasks_webhook_check("https://REBOUND.invalid/x", "10.0.0.0/8, rebound.invalid",
                                  &addrs, err, sizeof err), 0);
    CHECK_INT(tasks_webhook_check("http://[::1]:8080/x", "::1/128", &addrs, err, sizeof err), 0);
}

static void test_delivery(void)
{
    sink_t v4, v6;
    char url[128], err[512];
    CHECK_INT(sink_start(&v4, AF_INET), 0);
    int have_v6 = sink_start(&v6, AF_INET6) == 0;
    if (!have_v6)
        fprintf(stderr, "  (no ::1 on this machine: the IPv6 receiver is not started)\n");

    /* proxies in the environment are not used: a proxy resolves names itself */
    setenv("http_proxy", "http://127.0.0.1:9", 1);
    setenv("HTTP_PROXY", "http://127.0.0.1:9", 1);
    setenv("ALL_PROXY", "http://127.0.0.1:9", 1);

    /* the pinned address is the one used: the system cannot resolve hooks.invalid */
    snprintf(url, sizeof url, "http://hooks.invalid:%d/hook", v4.port);
    CHECK_INT(tasks_webhook_post(url, "{\"text\":\"hi\"}", ALLOW_V4, err, sizeof err), 0);
    CHECK_INT(v4.requests, 1);
    CHECK_STR(v4.paths[0], "/hook");

    /* rebound: one address outside the list refuses the delivery, before any connection */
    snprintf(url, sizeof url, "http://rebound.invalid:%d/hook", have_v6 ? v6.port : v4.port);
    CHECK_INT(tasks_webhook_post(url, "{}", ALLOW_V4, err, sizeof err), -1);
    CHECK_STR(err, "webhook refused: rebound.invalid: ::1 is not in DATAMIND_WEBHOOK_ALLOW, "
                   "a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    if (have_v6) {
        snprintf(url, sizeof url, "http://[::1]:%d/hook", v6.port);
        CHECK_INT(tasks_webhook_post(url, "{}", ALLOW_V4, err, sizeof err), -1);
        CHECK(strstr(err, "webhook refused: ::1 is not in DATAMIND_WEBHOOK_ALLOW") != NULL);
        CHECK_INT(v6.requests, 0);
        CHECK_INT(tasks_webhook_post(url, "{}", "::1/128", err, sizeof err), 0);
        CHECK_INT(v6.requests, 1);
        /* both addresses allowed: both pinned ("[::1],127.0.0.1" in
         * CURLOPT_RESOLVE); the first one answers */
        snprintf(url, sizeof url, "http://v6first.invalid:%d/both", v6.port);
        CHECK_INT(tasks_webhook_post(url, "{}", "127.0.0.1/32, ::1/128", err, sizeof err), 0);
        CHECK_INT(v6.requests, 2);
        CHECK_STR(v6.paths[1], "/both");
    }

    /* a redirect is a failed delivery, and is not followed */
    snprintf(url, sizeof url, "http://hooks.invalid:%d/redirect", v4.port);
    CHECK_INT(tasks_webhook_post(url, "{}", ALLOW_V4, err, sizeof err), -1);
    char want[160];
    snprintf(want, sizeof want, "webhook answered HTTP 302, a redirect to http://127.0.0.1:%d/elsewhere",
             v4.port);
    if (strncmp(err, want, strlen(want)) != 0)
        fprintf(stderr, "  redirect: got \"%s\"\n", err);
    CHECK(strncmp(err, want, strlen(want)) == 0);
    CHECK(strstr(err, "DataMind does not follow redirects") != NULL);
    CHECK_INT(v4.requests, 2);
    CHECK_STR(v4.paths[1], "/redirect");

    /* other protocols never reach libcurl */
    CHECK_INT(tasks_webhook_post("gopher://127.0.0.1/x", "{}", ALLOW_V4, err, sizeof err), -1);
    CHECK(strstr(err, "http:// or https://") != NULL);

    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("ALL_PROXY");
    sink_stop(&v4);
    CHECK_INT(v4.requests, 2); /* never /elsewhere */
    if (have_v6) {
        sink_stop(&v6);
        CHECK_INT(v6.requests, 2);
    }
}

int main(void)
{
    net_resolver_set(fake_resolve);
    test_check();
    test_delivery();
    net_resolver_set(NULL);
    return check_done("test_webhook");
}
