/* test_core.c — buffers, arenas, config loading, address lists. */
#include "check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/mem.h"
#include "core/net.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_buf(void)
{
    buf_t b = {0};
    CHECK_STR(buf_str(&b), "");
    buf_puts(&b, "x=");
    buf_printf(&b, "%d-%s", 42, "y");
    CHECK_STR(buf_str(&b), "x=42-y");
    buf_reset(&b);
    buf_put_html(&b, "<a href=\"x\">Tom & Jerry's</a>", 29);
    CHECK_STR(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, 'z');
    CHECK(b.len > 10000);
    /* growth doubles (appends stay amortized O(1)): 64 × a power of two */
    CHECK(b.cap >= b.len + 1 && b.cap % 64 == 0 && ((b.cap / 64) & (b.cap / 64 - 1)) == 0);
    char *s = buf_detach(&b);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
    buf_free(&b);
}

/* The shortest form that reads back, as PostgreSQL prints a float8. */
static void test_buf_double(void)
{
    static const struct { double d; const char *want; } cases[] = {
        {0.1, "0.1"}, {1000, "1000"}, {-2.5, "-2.5"}, {1e20, "1e+20"}, {1e-5, "1e-05"},
        {0.30000000000000004, "0.30000000000000004"}, {123456789.125, "123456789.125"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf_t b = {0};
        buf_put_double(&b, cases[i].d);
        CHECK_STR(buf_str(&b), cases[i].want);
        buf_free(&b);
    }
}

static int deferred;
static void bump(void *p)
{
    (void)p;
    deferred++;
}

static void test_arena(void)
{
    arena_t *a = arena_new();
    char *s = arena_printf(a, "%s-%d", "id", 7);
    CHECK_STR(s, "id-7");
    CHECK(((uintptr_t)arena_alloc(a, 3) & 15) == 0);
    void *big = arena_alloc(a, 1 << 20); /* larger than a block */
    memset(big, 1, 1 << 20);
    arena_defer(a, bump, a);
    arena_defer(a, bump, a);
    arena_reset(a);
    CHECK_INT(deferred, 2);
    CHECK_INT(arena_used(a), 0);
    CHECK(arena_strdup(a, NULL) == NULL);
    arena_free(a);
}

/* --- sizes no allocator can meet ----------------------------------------
 * Each case runs in a child: it must die of abort() with the out-of-memory
 * message, not wrap around to a small block and write past it. */

static void huge_arena_alloc(size_t n)
{
    arena_t *a = arena_new();
    arena_alloc(a, n);
    arena_free(a);
}

static void huge_arena_strndup(size_t n)
{
    arena_t *a = arena_new();
    arena_strndup(a, "x", n);
    arena_free(a);
}

static void huge_buf_append(size_t n)
{
    buf_t b = {0};
    buf_puts(&b, "abc");
    buf_append(&b, "x", n);
    buf_free(&b);
}

static void huge_buf_double(size_t n)
{
    buf_t b = {0};
    buf_putc(&b, 'a'); /* cap 64: doubling towards n must not wrap to 0 */
    buf_append(&b, "x", n);
    buf_free(&b);
}

static void huge_xstrndup(size_t n)
{
    free(xstrndup("x", n));
}

static int aborts_out_of_memory(void (*fn)(size_t), size_t n)
{
    int fds[2];
    if (pipe(fds) < 0)
        return 0;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        alarm(60); /* a doubling loop that wraps to 0 would never end */
        fn(n);
        _exit(0);
    }
    close(fds[1]);
    char out[4096];
    size_t len = 0;
    ssize_t got;
    while (len < sizeof out - 1 && (got = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
        len += (size_t)got;
    out[len] = '\0';
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    int ok = WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && strstr(out, "out of memory");
    if (!ok)
        fprintf(stderr, "  child status %d, stderr: %.300s\n", st, out);
    return ok;
}

static void test_huge_sizes(void)
{
    CHECK(aborts_out_of_memory(huge_arena_alloc, SIZE_MAX));
    CHECK(aborts_out_of_memory(huge_arena_alloc, SIZE_MAX - 20));
    CHECK(aborts_out_of_memory(huge_arena_alloc, (size_t)PTRDIFF_MAX));
    CHECK(aborts_out_of_memory(huge_arena_strndup, SIZE_MAX));
    CHECK(aborts_out_of_memory(huge_buf_append, SIZE_MAX - 3));
    CHECK(aborts_out_of_memory(huge_buf_append, SIZE_MAX));
    CHECK(aborts_out_of_memory(huge_buf_double, SIZE_MAX / 2 + 1));
    CHECK(aborts_out_of_memory(huge_xstrndup, SIZE_MAX));
    CHECK_INT(mem_size_add(40, 2), 42);
    /* and ordinary sizes still work right next to a huge request's check */
    arena_t *a = arena_new();
    char *s = arena_strndup(a, "hello", 4);
    CHECK_STR(s, "hell");
    arena_free(a);
}

static const char *write_tmp(const char *content)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/dm-test-config-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    ssize_t w = write(fd, content, strlen(content));
    (void)w;
    close(fd);
    return path;
}

static void test_config(void)
{
    char err[512];
    unsetenv("DATAMIND_SECRET_KEY");
    config_t *c = config_load(NULL, err, sizeof err);
    CHECK(c == NULL);
    CHECK(strstr(err, "DATAMIND_SECRET_KEY is not set") != NULL);
    CHECK(strstr(err, "openssl rand -hex 32") != NULL);

    setenv("DATAMIND_SECRET_KEY", "short", 1);
    CHECK(config_load(NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "shorter than 32") != NULL);
    setenv("DATAMIND_SECRET_KEY", "0123456789abcdef0123456789abcdef", 1);
    CHECK(config_load(NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "known example") != NULL);
    setenv("DATAMIND_SECRET_KEY", "ffffffffffffffffffffffffffffffffffff", 1);
    CHECK(config_load(NULL, err, sizeof err) == NULL);

    setenv("DATAMIND_SECRET_KEY", "3f1b9c0e7a52d84e6c19b0aa47d2e5f83c6b1d9e", 1);
    setenv("DATAMIND_WORKERS", "3", 1);
    c = config_load(NULL, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(c->workers, 3);
        CHECK_INT(c->max_rows, 10000);
        CHECK_INT(c->max_cell_bytes, 1048576);
        CHECK_INT(c->max_result_bytes, 33554432);
        CHECK_STR(c->registration, "open");
        config_free(c);
    }
    setenv("DATAMIND_WORKERS", "many", 1);
    CHECK(config_load(NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "DATAMIND_WORKERS must be a whole number") != NULL);
    unsetenv("DATAMIND_WORKERS");

    const char *path = write_tmp("# comment\n\nDATAMIND_MAX_ROWS=500\nQUERY_TIMEOUT_MS = 2000\n"
                                 "REGISTRATION=\"closed\"\n");
    c = config_load(path, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(c->max_rows, 500);
        CHECK_INT(c->query_timeout_ms, 2000);
        CHECK_STR(c->registration, "closed");
        config_free(c);
    }
    unlink(path);
    path = write_tmp("MAX_CELL_BYTES=4096\nMAX_RESULT_BYTES=1048576\n");
    c = config_load(path, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(c->max_cell_bytes, 4096);
        CHECK_INT(c->max_result_bytes, 1048576);
        config_free(c);
    }
    unlink(path);
    path = write_tmp("MAX_CELL_BYTES=100\n"); /* below 1 KB: numbers would be cut */
    CHECK(config_load(path, err, sizeof err) == NULL);
    CHECK(strstr(err, "DATAMIND_MAX_CELL_BYTES must be between") != NULL);
    unlink(path);
    path = write_tmp("MAX_ROWS=500\nNO_SUCH_THING=1\n");
    CHECK(config_load(path, err, sizeof err) == NULL);
    CHECK(strstr(err, ":2: unknown setting NO_SUCH_THING") != NULL);
    unlink(path);
    path = write_tmp("\n\n\nMAX_ROWS=0\n");
    CHECK(config_load(path, err, sizeof err) == NULL);
    CHECK(strstr(err, ":4: DATAMIND_MAX_ROWS must be between") != NULL);
    unlink(path);
    path = write_tmp("REGISTRATION=maybe\n");
    CHECK(config_load(path, err, sizeof err) == NULL);
    CHECK(strstr(err, "one of open|closed") != NULL);
    unlink(path);
    path = write_tmp("just words\n");
    CHECK(config_load(path, err, sizeof err) == NULL);
    CHECK(strstr(err, ":1: expected KEY=VALUE") != NULL);
    unlink(path);
    CHECK(config_load("/nonexistent/datamind.conf", err, sizeof err) == NULL);
}

static void test_net(void)
{
    CHECK(net_ip_in_list("127.0.0.1", "127.0.0.1/32,::1/128"));
    CHECK(net_ip_in_list("::1", "127.0.0.1/32, ::1/128"));
    CHECK(net_ip_in_list("10.1.2.3", "10.0.0.0/8"));
    CHECK(!net_ip_in_list("11.1.2.3", "10.0.0.0/8"));
    CHECK(net_ip_in_list("192.168.1.77", "192.168.1.64/26"));
    CHECK(!net_ip_in_list("192.168.1.128", "192.168.1.64/26"));
    CHECK(net_ip_in_list("::ffff:10.0.0.1", "10.0.0.0/8"));
    CHECK(net_ip_in_list("fd00::5", "fd00::/8"));
    CHECK(!net_ip_in_list("not-an-ip", "0.0.0.0/0"));
    CHECK(!net_ip_in_list("1.2.3.4", "garbage,/,1.2.3.4/99"));
    CHECK(net_ip_in_list("1.2.3.4", "0.0.0.0/0"));
    CHECK(!net_ip_in_list("1.2.3.4", ""));
    CHECK_INT(net_list_valid("10.0.0.0/8, ::1"), 0);
    CHECK_INT(net_list_valid("10.0.0.0/33"), -1);
    CHECK(net_list_has("10.0.0.0/8, DB.example.com,/run/pg", "db.EXAMPLE.com", 1));
    CHECK(!net_list_has("10.0.0.0/8, DB.example.com", "db.example.com", 0));
    CHECK(net_list_has("10.0.0.0/8,/run/pg", "/run/pg", 0));
    CHECK(!net_list_has("10.0.0.0/8,/run/pg", "/run", 0));
}

/* A resolver that answers like a machine whose /etc/hosts lists ::1 first
 * for localhost, or a name rebound to an address outside the list. */
static int fake_resolve(const char *host, net_addrs_t *out, char *err, size_t errlen)
{
    static const struct {
        const char *host, *ips[3];
    } table[] = {
        {"localhost", {"::1", "127.0.0.1"}},
        {"rebound.test", {"127.0.0.1", "::1"}},
        {"mapped.test", {"::ffff:127.0.0.1"}},
        {"inside.test", {"10.0.0.7", "10.0.0.8"}},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(host, table[i].host) != 0)
            continue;
        for (int k = 0; k < 3 && table[i].ips[k]; k++)
            snprintf(out->ip[out->n++], NET_IP_LEN, "%s", table[i].ips[k]);
        return 0;
    }
    snprintf(err, errlen, "the host name could not be resolved");
    return -1;
}

static void test_net_resolve(void)
{
    char why[256];
    net_addrs_t ok;

    /* the system resolver: literals, brackets, failures */
    CHECK_INT(net_resolve("127.0.0.1", &ok, why, sizeof why), 0);
    CHECK_INT(ok.n, 1);
    CHECK_STR(ok.ip[0], "127.0.0.1");
    CHECK_INT(net_resolve("[::1]", &ok, why, sizeof why), 0);
    CHECK_INT(ok.n, 1);
    CHECK_STR(ok.ip[0], "::1");
    CHECK_INT(net_resolve("", &ok, why, sizeof why), -1);
    CHECK_STR(why, "a host name is required");
    CHECK_INT(net_resolve("no-such-host.invalid", &ok, why, sizeof why), -1);
    CHECK(strstr(why, "could not be resolved") != NULL);

    /* each address checked on its own */
    CHECK(net_addr_admitted("127.0.0.1", "x", "127.0.0.1/32", "LIST", why, sizeof why));
    CHECK(!net_addr_admitted("::1", "x", "127.0.0.1/32", "LIST", why, sizeof why));
    CHECK_STR(why, "::1 is not in LIST,"
                   " a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    CHECK(net_addr_admitted("::1", "Hooks.Example", "10.0.0.0/8, hooks.example", "LIST", why,
                            sizeof why));
    CHECK(net_addr_admitted("127.0.0.1", "x", NULL, "LIST", why, sizeof why));
    CHECK(!net_addr_admitted("169.254.169.254", "x", "", "LIST", why, sizeof why));
    CHECK_STR(why, "169.254.169.254 is a link-local address, which DataMind never connects to");
    CHECK(!net_addr_admitted("::ffff:0.0.0.0", "x", NULL, "LIST", why, sizeof why));
    CHECK(strstr(why, "an unspecified address") != NULL);
    CHECK(!net_addr_admitted("fe80::1", "x", NULL, "LIST", why, sizeof why));
    CHECK(!net_addr_admitted("ff02::1", "x", NULL, "LIST", why, sizeof why));
    CHECK(!net_addr_admitted("239.1.1.1", "x", NULL, "LIST", why, sizeof why));
    CHECK(!net_addr_admitted("255.255.255.255", "x", NULL, "LIST", why, sizeof why));
    CHECK(!net_addr_admitted("::", "x", NULL, "LIST", why, sizeof why));

    /* resolve once, keep the admitted addresses in the resolver's order */
    net_resolver_set(fake_resolve);
    CHECK_INT(net_resolve_checked("localhost", "127.0.0.1/32", "LIST", &ok, why, sizeof why), 1);
    CHECK_INT(ok.n, 1);
    CHECK_STR(ok.ip[0], "127.0.0.1");
    CHECK_STR(why, "::1 is not in LIST,"
                   " a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    CHECK_INT(net_resolve_checked("localhost", "127.0.0.1/32, ::1", "LIST", &ok, why, sizeof why), 0);
    CHECK_INT(ok.n, 2);
    CHECK_STR(ok.ip[0], "::1");
    CHECK_STR(ok.ip[1], "127.0.0.1");
    CHECK_INT(net_resolve_checked("localhost", "10.0.0.0/8, LOCALHOST", "LIST", &ok, why, sizeof why), 0);
    CHECK_INT(ok.n, 2);
    CHECK_INT(net_resolve_checked("localhost", NULL, "LIST", &ok, why, sizeof why), 0);
    CHECK_INT(ok.n, 2);
    CHECK_INT(net_resolve_checked("rebound.test", "127.0.0.1/32", "LIST", &ok, why, sizeof why), 1);
    CHECK_STR(why, "::1 is not in LIST,"
                   " a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    CHECK_INT(net_resolve_checked("inside.test", "127.0.0.1/32", "LIST", &ok, why, sizeof why), 2);
    CHECK_INT(ok.n, 0);
    CHECK_STR(why, "10.0.0.7 is not in LIST,"
                   " a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    CHECK_INT(net_resolve_checked("mapped.test", "127.0.0.1/32", "LIST", &ok, why, sizeof why), 0);
    CHECK_INT(net_resolve_checked("gone.test", "127.0.0.1/32", "LIST", &ok, why, sizeof why), -1);
    CHECK_INT(ok.n, 0);
    CHECK(strstr(why, "could not be resolved") != NULL);
    net_resolver_set(NULL);

    /* the address a socket is about to use, against the checked ones */
    net_addrs_t two = {.n = 2, .ip = {"127.0.0.1", "::1"}};
    CHECK(net_addrs_has(&two, "127.0.0.1"));
    CHECK(net_addrs_has(&two, "0:0:0:0:0:0:0:1"));
    CHECK(net_addrs_has(&two, "::ffff:127.0.0.1"));
    CHECK(!net_addrs_has(&two, "127.0.0.2"));
    CHECK(!net_addrs_has(&two, "junk"));
}

int main(void)
{
    test_buf();
    test_buf_double();
    test_arena();
    test_huge_sizes();
    test_config();
    test_net();
    test_net_resolve();
    return check_done("test_core");
}
