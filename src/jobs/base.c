/* base.c — what every file of src/jobs/ stands on (internal.h): the stop
 * flag, clocks, random ids, Redis key names and scripts. A leaf: it calls
 * nothing else in jobs/. */
#include "jobs/internal.h"
#include "core/config.h"
#include "core/log.h"
#include "store/kv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

volatile sig_atomic_t jobs_stop;

long long jobs_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double jobs_mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep in small steps so a stop request is seen within 50 ms. */
void jobs_sleep_s(double s)
{
    double until = jobs_mono_s() + s;
    while (!jobs_stop) {
        double left = until - jobs_mono_s();
        if (left <= 0)
            break;
        if (left > 0.05)
            left = 0.05;
        struct timespec ts = {0, (long)(left * 1e9)};
        nanosleep(&ts, NULL);
    }
}

static void jobs_random_bytes(unsigned char *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(p + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            fatal("getrandom failed: %s", strerror(errno)); /* broken system */
        got += (size_t)r;
    }
}

void jobs_random_hex(char *out, size_t nbytes)
{
    unsigned char b[64];
    if (nbytes > sizeof b)
        nbytes = sizeof b;
    jobs_random_bytes(b, nbytes);
    for (size_t i = 0; i < nbytes; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
}

double jobs_random_unit(void)
{
    unsigned int u;
    jobs_random_bytes((unsigned char *)&u, sizeof u);
    return (double)u / 4294967296.0;
}

const char *jobs_key2(arena_t *a, const char *kind, const char *name)
{
    return arena_printf(a, "%s%s%s", cfg->redis_prefix, kind, name ? name : "");
}

redisReply *jobs_eval(arena_t *a, const char *script, int nkeys, const char *const *keys,
                      int nargs, const char *const *args)
{
    int argc = 3 + nkeys + nargs;
    const char **argv = arena_alloc(a, sizeof *argv * (size_t)argc);
    size_t *lens = arena_alloc(a, sizeof *lens * (size_t)argc);
    argv[0] = "EVAL";
    argv[1] = script;
    argv[2] = arena_printf(a, "%d", nkeys);
    for (int i = 0; i < nkeys; i++)
        argv[3 + i] = keys[i];
    for (int i = 0; i < nargs; i++)
        argv[3 + nkeys + i] = args[i];
    for (int i = 0; i < argc; i++)
        lens[i] = strlen(argv[i]);
    redisReply *r = kv_cmdv(a, argc, argv, lens);
    if (r && r->type == REDIS_REPLY_ERROR) {
        log_msg(LOG_ERROR, "jobs: redis script failed: %s", r->str);
        return NULL;
    }
    return r;
}
