/* jobs_bench.c — the job queue's throughput and pick-up latency.
 *
 *   jobs_bench REDIS_URL [JOBS]
 *
 * Runs a real `jobs_worker_run` master (scheduler + 2 runners) with one
 * no-op task, against the given Redis, under a private key prefix that is
 * deleted afterwards. The handler writes its measurements into memory
 * shared with this process (mmap before fork).
 *   1. drain: JOBS jobs queued up front, then the worker starts; jobs/s
 *      from the fork to the last handler call (each job: BLMOVE, heartbeat,
 *      handler, ack script).
 *   2. mixed: JOBS jobs enqueued as fast as one client can while the
 *      runners take them; jobs/s from the first enqueue to the last call.
 *   3. latency: 2000 jobs, one every 2 ms (well under capacity, so no
 *      queueing): enqueue → handler start, median and p99. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "jobs/jobs.h"
#include "store/store.h"

#define MAX_JOBS 200000
#define LAT_JOBS 2000

typedef struct shared {
    atomic_long n;
    long long lat_us[MAX_JOBS];
} shared_t;

static shared_t *sh;

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int noop(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)a, (void)err, (void)n;
    long long t = json_integer_value(json_object_get(json_object_get(job, "args"), "t"));
    long i = atomic_fetch_add(&sh->n, 1);
    if (i < MAX_JOBS)
        sh->lat_us[i] = now_us() - t;
    return 0;
}

static const jobs_task_t tasks[] = {{"bench.noop", noop}};

static pid_t start_worker(void)
{
    static jobs_opts_t o = {.runners = 2, .tasks = tasks, .ntasks = 1};
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0)
        _exit(jobs_worker_run(&o));
    return pid;
}

static void stop_worker(pid_t pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

static void enqueue_n(arena_t *a, long n, long gap_us)
{
    char err[256];
    for (long i = 0; i < n; i++) {
        if (jobs_enqueue(a, "default", "bench.noop", json_pack("{s:I}", "t", (json_int_t)now_us()),
                         1, NULL, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "enqueue: %s\n", err);
            exit(1);
        }
        if (gap_us)
            usleep((useconds_t)gap_us);
        if (i % 1000 == 999)
            arena_reset(a);
    }
}

static void wait_for(long n)
{
    while (atomic_load(&sh->n) < n)
        usleep(200);
}

static int cmp_ll(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return a < b ? -1 : a > b;
}

static void delete_keys(arena_t *a)
{
    const char *cursor = "0";
    do {
        redisReply *r = kv_cmd(a, "SCAN %s MATCH %s* COUNT 1000", cursor, cfg->redis_prefix);
        if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2)
            return;
        cursor = arena_strdup(a, r->element[0]->str);
        for (size_t i = 0; i < r->element[1]->elements; i++)
            kv_cmd(a, "DEL %s", r->element[1]->element[i]->str);
    } while (strcmp(cursor, "0") != 0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: jobs_bench REDIS_URL [JOBS]\n");
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 20000;
    if (n < 1 || n > MAX_JOBS)
        n = 20000;
    char prefix[64], err[512];
    snprintf(prefix, sizeof prefix, "dmbench%d:", (int)getpid());
    setenv("DATAMIND_SECRET_KEY", "3f1c9a7be2d84c6f0a5e9b13d7c2f8e46a0b9c1d2e3f4a5b6c7d8e9f0a1b2c3d", 1);
    setenv("DATAMIND_REDIS_URL", argv[1], 1);
    setenv("DATAMIND_REDIS_PREFIX", prefix, 1);
    config_t *c = config_load(NULL, err, sizeof err);
    if (!c) {
        fprintf(stderr, "config: %s\n", err);
        return 1;
    }
    config_set_current(c);
    log_set_level(LOG_ERROR);
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        return 1;
    arena_t *a = arena_new();

    enqueue_n(a, n, 0);
    double t0 = (double)now_us();
    pid_t w = start_worker();
    wait_for(n);
    double drain = n / (((double)now_us() - t0) / 1e6);

    atomic_store(&sh->n, 0);
    t0 = (double)now_us();
    enqueue_n(a, n, 0);
    wait_for(n);
    double mixed = n / (((double)now_us() - t0) / 1e6);

    atomic_store(&sh->n, 0);
    enqueue_n(a, LAT_JOBS, 2000);
    wait_for(LAT_JOBS);
    qsort(sh->lat_us, LAT_JOBS, sizeof sh->lat_us[0], cmp_ll);
    stop_worker(w);
    arena_reset(a);
    delete_keys(a);
    arena_free(a);
    printf("jobs: %ld per phase, 2 runners, no-op task\n", n);
    printf("drain (queued up front)   %8.0f jobs/s\n", drain);
    printf("mixed (enqueue while run) %8.0f jobs/s\n", mixed);
    printf("latency enqueue→handler   median %lld us, p99 %lld us (%d jobs, 1 per 2 ms)\n",
           sh->lat_us[LAT_JOBS / 2], sh->lat_us[LAT_JOBS * 99 / 100], LAT_JOBS);
    munmap(sh, sizeof *sh);
    config_set_current(NULL);
    return 0;
}
