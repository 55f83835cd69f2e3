/* test_jobs_db.c — the job queue and `datamind worker` against a real Redis.
 *
 *   DM_REDIS_URL=unix:/path/redis.sock   (else $DM_VAR/run/redis.sock, else
 *                                          a private redis-server is started)
 *   DM_TEST_LOG=info                      to see the workers' log lines
 *
 * Every key lives under the prefix dmtest<pid>: and is deleted at the end.
 * Handlers record what they did in a file (not in Redis, so the outage case
 * can record too): "event job-id attempt pid unix-ms" per line. The Redis
 * outage case runs its own redis-server on a temp unix socket. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "core/config.h"
#include "core/log.h"
#include "jobs/internal.h"
#include "jobs/jobs.h"
#include "store/kv.h"

static char tmpdir[256], logpath[300], gatepath[300];
static arena_t *A;

typedef struct rec {
    char ev[64], id[64];
    int attempt, pid;
    long long ms;
} rec_t;

/* --- what handlers record ------------------------------------------------ */

static void record(const char *ev, const json_t *job)
{
    char line[256];
    int n = snprintf(line, sizeof line, "%s %s %d %d %lld\n", ev,
                     json_string_value(json_object_get(job, "id")),
                     (int)json_integer_value(json_object_get(job, "attempt")), (int)getpid(),
                     jobs_now_ms());
    int fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (fd >= 0) {
        if (write(fd, line, (size_t)n) != n)
            perror("record");
        close(fd);
    }
}

static rec_t *records(size_t *n)
{
    static rec_t r[4096]; /* test-only scratch, one reader */
    *n = 0;
    FILE *f = fopen(logpath, "r");
    if (!f)
        return r;
    while (*n < 4096 && fscanf(f, "%63s %63s %d %d %lld", r[*n].ev, r[*n].id, &r[*n].attempt,
                               &r[*n].pid, &r[*n].ms) == 5)
        (*n)++;
    fclose(f);
    return r;
}

static int count(const char *ev, const char *id)
{
    size_t n;
    rec_t *r = records(&n);
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += strcmp(r[i].ev, ev) == 0 && (!id || strcmp(r[i].id, id) == 0);
    return c;
}

static const rec_t *find(const char *ev, const char *id, int nth)
{
    size_t n;
    rec_t *r = records(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].ev, ev) == 0 && strcmp(r[i].id, id) == 0 && nth-- == 0)
            return &r[i];
    return NULL;
}

static int wait_count(const char *ev, const char *id, int want, double secs)
{
    double until = jobs_mono_s() + secs;
    while (count(ev, id) < want && jobs_mono_s() < until)
        usleep(50000);
    return count(ev, id) >= want;
}

static void nap_ms(long ms) /* ignores signals: a handler must run its course */
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* --- test tasks ------------------------------------------------------------ */

static int t_record(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)a, (void)err, (void)n;
    record("done", job);
    return 0;
}

static int t_fail(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)a;
    record("fail", job);
    snprintf(err, n, "boom %d", (int)json_integer_value(json_object_get(job, "attempt")));
    return -1;
}

static int t_flaky(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)a;
    record("try", job);
    if (json_integer_value(json_object_get(job, "attempt")) < 2) {
        snprintf(err, n, "not yet");
        return -1;
    }
    record("done", job);
    return 0;
}

static int t_gate(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)a;
    if (access(gatepath, F_OK) != 0) {
        snprintf(err, n, "gate closed");
        return -1;
    }
    record("done", job);
    return 0;
}

static int t_sleep(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)err, (void)n;
    record("start", job);
    long ms = (long)json_integer_value(json_object_get(json_object_get(job, "args"), "ms"));
    const char *id = json_string_value(json_object_get(job, "id"));
    for (long done = 0; done < ms; done += 100) {
        nap_ms(100);
        jobs_progress(a, id, "running", (int)(done * 100 / ms), "sleeping");
    }
    record("done", job);
    return 0;
}

static int t_tick(arena_t *a, const json_t *job, char *err, size_t n)
{
    (void)err, (void)n;
    long slot = (long)json_integer_value(json_object_get(json_object_get(job, "args"), "slot"));
    record(arena_printf(a, "tick:%ld", slot), job);
    return 0;
}

static int enqueue_tick(arena_t *a, long slot, char *err, size_t n)
{
    char id[33];
    int rc = jobs_enqueue(a, "default", "t.tick", json_pack("{s:I}", "slot", (json_int_t)slot), 3,
                          arena_printf(a, "tick:%ld", slot), id, err, n);
    json_t *fake = json_pack("{s:s, s:i}", "id", id, "attempt", 0);
    if (rc >= 0) /* 1: another leader had this slot already (dedupe said no) */
        record(arena_printf(a, rc == 0 ? "call:%ld" : "dup:%ld", slot), fake);
    json_decref(fake);
    return rc < 0 ? -1 : 0;
}

static const jobs_task_t tasks[] = {
    {"t.record", t_record}, {"t.fail", t_fail}, {"t.flaky", t_flaky},
    {"t.gate", t_gate},     {"t.sleep", t_sleep}, {"t.tick", t_tick},
};
static const jobs_periodic_t ticks[] = {{"tick", 1, enqueue_tick}};

/* --- helpers ---------------------------------------------------------------- */

static jobs_opts_t opts(int runners)
{
    jobs_opts_t o = {.runners = runners, .tasks = tasks, .ntasks = sizeof tasks / sizeof *tasks};
    return o;
}

static pid_t worker_start(const jobs_opts_t *o)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* a crashed test leaves no workers */
        _exit(jobs_worker_run(o));
    }
    return pid;
}

/* SIGTERM and wait; the exit status, or -1 when it did not stop in time. */
static int worker_stop(pid_t pid, double secs)
{
    kill(pid, SIGTERM);
    double until = jobs_mono_s() + secs;
    int status;
    while (jobs_mono_s() < until) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        usleep(20000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

static const char *enq(const char *type, json_t *args, int max, const char *dedupe)
{
    char *id = arena_alloc(A, 33), err[256];
    int rc = jobs_enqueue(A, "default", type, args, max, dedupe, id, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "enqueue failed: %s\n", err);
    CHECK(rc == 0);
    return id;
}

static long long kv_int(const char *fmt, const char *key, const char *arg)
{
    redisReply *r = kv_cmd(A, fmt, jobs_key2(A, key, NULL), arg);
    return r && r->type == REDIS_REPLY_INTEGER ? r->integer : -1;
}

static int wait_dead(const char *id, double secs)
{
    double until = jobs_mono_s() + secs;
    while (kv_int("HEXISTS %s %s", "dead", id) != 1 && jobs_mono_s() < until)
        usleep(50000);
    return kv_int("HEXISTS %s %s", "dead", id) == 1;
}

static json_t *dead_record(const char *id)
{
    redisReply *r = kv_cmd(A, "HGET %s %s", jobs_key2(A, "dead", NULL), id);
    return r && r->type == REDIS_REPLY_STRING ? json_loads(r->str, 0, NULL) : NULL;
}

static int alive_runners(void)
{
    json_t *o = jobs_overview(A, NULL);
    size_t i;
    json_t *r;
    int n = 0;
    json_array_foreach(json_object_get(o, "runners"), i, r)
        n += json_is_true(json_object_get(r, "alive"));
    return n;
}

static void use_redis(const char *url)
{
    char err[512];
    setenv("DATAMIND_REDIS_URL", url, 1);
    config_t *c = config_load(NULL, err, sizeof err);
    if (!c) {
        fprintf(stderr, "config: %s\n", err);
        exit(1);
    }
    config_set_current(c);
    kv_close();
}

static void delete_keys(void)
{
    const char *cursor = "0";
    do {
        redisReply *r = kv_cmd(A, "SCAN %s MATCH %s* COUNT 500", cursor, cfg->redis_prefix);
        if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2)
            return;
        cursor = arena_strdup(A, r->element[0]->str);
        for (size_t i = 0; i < r->element[1]->elements; i++)
            kv_cmd(A, "DEL %s", r->element[1]->element[i]->str);
    } while (strcmp(cursor, "0") != 0);
}

/* --- a private redis-server (for the outage case) --------------------------- */

static int private_redis_start(const char *name, char *url, size_t n)
{
    const char *d = arena_printf(A, "%s/%s", tmpdir, name);
    const char *cmd = arena_printf(A,
        "mkdir -p %s && redis-server --port 0 --unixsocket %s/redis.sock --dir %s --save '' "
        "--appendonly no --daemonize yes --pidfile %s/redis.pid --logfile %s/redis.log",
        d, d, d, d, d);
    if (system(cmd) != 0)
        return -1;
    const char *sock = arena_printf(A, "%s/redis.sock", d);
    for (int i = 0; i < 100; i++) {
        struct stat st;
        if (stat(sock, &st) == 0) {
            snprintf(url, n, "unix:%s", sock);
            return 0;
        }
        usleep(50000);
    }
    return -1;
}

/* SHUTDOWN SAVE: what was in Redis comes back on the next start. */
static void private_redis_stop(const char *name)
{
    const char *sock = arena_printf(A, "%s/%s/redis.sock", tmpdir, name);
    if (system(arena_printf(A, "redis-cli -s %s shutdown save >/dev/null 2>&1", sock)) != 0)
        fprintf(stderr, "redis shutdown failed\n");
    for (int i = 0; i < 100 && access(sock, F_OK) == 0; i++)
        usleep(50000);
}

/* --- the cases ---------------------------------------------------------------- */

static void case_enqueue(void)
{
    char id[33], id2[33], id3[33], err[256];
    CHECK_INT(jobs_enqueue(A, "default", "t.record", json_pack("{s:i}", "n", 1), 3, NULL, id,
                           err, sizeof err), 0);
    CHECK_INT(strlen(id), 32);
    CHECK_INT(kv_int("LLEN %s", "q:default", NULL), 1);
    redisReply *r = kv_cmd(A, "LINDEX %s 0", jobs_key2(A, "q:default", NULL));
    json_t *j = r && r->type == REDIS_REPLY_STRING ? json_loads(r->str, 0, NULL) : NULL;
    CHECK_STR(json_string_value(json_object_get(j, "id")), id);
    CHECK_STR(json_string_value(json_object_get(j, "type")), "t.record");
    CHECK_STR(json_string_value(json_object_get(j, "queue")), "default");
    CHECK_INT(json_integer_value(json_object_get(j, "attempt")), 0);
    CHECK_INT(json_integer_value(json_object_get(j, "max_attempts")), 3);
    CHECK(llabs(json_integer_value(json_object_get(j, "enqueued_at")) - jobs_now_ms()) < 5000);
    CHECK(json_is_null(json_object_get(j, "dedupe")));
    CHECK_INT(json_integer_value(json_object_get(json_object_get(j, "args"), "n")), 1);
    json_decref(j);
    const char *why = "unset";
    CHECK_INT(jobs_find(A, id, &why), JOBS_WAITING); /* no worker yet: on its queue */
    CHECK(why == NULL);
    CHECK_INT(jobs_find(A, "0123456789abcdef0123456789abcdef", &why), JOBS_GONE);
    CHECK_INT(jobs_find(A, "not a job id", &why), JOBS_GONE);
    /* dedupe: the second enqueue of a slot is refused and names the first */
    CHECK_INT(jobs_enqueue(A, "default", "t.record", NULL, 3, "t.check:1:99", id2, err,
                           sizeof err), 0);
    CHECK_INT(jobs_enqueue(A, "default", "t.record", NULL, 3, "t.check:1:99", id3, err,
                           sizeof err), 1);
    CHECK_STR(id3, id2);
    CHECK_INT(kv_int("LLEN %s", "q:default", NULL), 2);
    long long ttl = kv_int("TTL %s", "dedupe:t.check:1:99", NULL);
    CHECK(ttl > 172000 && ttl <= 172800);
    CHECK_INT(kv_int("SISMEMBER %s %s", "queues", "default"), 1);
    /* each job rang the doorbell idle runners of a fair queue block on; a
     * refused one did not */
    CHECK_INT(kv_int("LLEN %s", "wake", NULL), 2);
    kv_cmd(A, "DEL %s", jobs_key2(A, "wake", NULL));
    CHECK_INT(jobs_enqueue(A, "no such/queue", "t.record", NULL, 3, NULL, id, err, sizeof err),
              -1);
    CHECK(strstr(err, "queue") != NULL);
    kv_cmd(A, "DEL %s", jobs_key2(A, "q:default", NULL));
    /* progress */
    jobs_progress(A, id2, "running", 40, "half way");
    json_t *p = jobs_progress_get(A, id2);
    CHECK_STR(json_string_value(json_object_get(p, "state")), "running");
    CHECK_INT(json_integer_value(json_object_get(p, "pct")), 40);
    CHECK_STR(json_string_value(json_object_get(p, "message")), "half way");
    CHECK(jobs_progress_get(A, "ffffffffffffffffffffffffffffffff") == NULL);
}

static void case_run(void)
{
    const char *ids[20];
    for (int i = 0; i < 20; i++)
        ids[i] = enq("t.record", NULL, 3, NULL);
    int all = 1;
    for (int i = 0; i < 20; i++)
        all &= wait_count("done", ids[i], 1, 10);
    CHECK(all);
    for (int i = 0; i < 20; i++) {
        CHECK_INT(count("done", ids[i]), 1);
        const rec_t *r = find("done", ids[i], 0);
        CHECK(r && r->attempt == 0);
    }
    usleep(300000);
    json_t *o = jobs_overview(A, NULL);
    CHECK(o != NULL);
    CHECK_INT(json_array_size(json_object_get(o, "running")), 0);
    CHECK(json_array_size(json_object_get(o, "recent")) >= 20);
    CHECK(json_is_true(json_object_get(json_array_get(json_object_get(o, "recent"), 0), "ok")));
    CHECK(json_is_string(json_object_get(o, "leader")));
    CHECK_INT(alive_runners(), 2);
    json_t *q = json_array_get(json_object_get(o, "queues"), 0);
    CHECK_STR(json_string_value(json_object_get(q, "name")), "default");
    CHECK_INT(json_integer_value(json_object_get(q, "depth")), 0);
}

static void case_retry_dead(void)
{
    const char *flaky = enq("t.flaky", NULL, 5, NULL);
    const char *bad = enq("t.fail", NULL, 3, NULL);
    CHECK(wait_count("done", flaky, 1, 15));
    const rec_t *t0 = find("try", flaky, 0), *t1 = find("try", flaky, 1), *t2 = find("try", flaky, 2);
    CHECK(t0 && t1 && t2);
    if (t0 && t1 && t2) {
        long long g1 = t1->ms - t0->ms, g2 = t2->ms - t1->ms;
        CHECK(t0->attempt == 0 && t1->attempt == 1 && t2->attempt == 2);
        /* ~1 s and ~2 s ± 20 %: the floors only. A busy machine can only
         * make a retry later, so a ceiling here tested the machine. */
        CHECK(g1 >= 750);
        CHECK(g2 >= 1550);
    }
    CHECK(wait_dead(bad, 15));
    CHECK_INT(count("fail", bad), 3);
    json_t *d = dead_record(bad);
    CHECK_STR(json_string_value(json_object_get(d, "error")), "boom 2");
    CHECK_INT(json_integer_value(json_object_get(d, "attempt")), 3);
    json_decref(d);
    json_t *o = jobs_overview(A, NULL);
    json_t *first = json_array_get(json_object_get(o, "dead"), 0);
    CHECK_STR(json_string_value(json_object_get(first, "id")), bad);
    CHECK_STR(json_string_value(json_object_get(first, "error")), "boom 2");
    CHECK_INT(json_integer_value(json_object_get(first, "attempts")), 3);
    CHECK_INT(kv_int("ZCARD %s", "delayed", NULL), 0);
}

static void case_dead_admin(void)
{
    char err[256];
    unlink(gatepath);
    const char *a = enq("t.gate", NULL, 1, NULL), *b = enq("t.gate", NULL, 1, NULL);
    CHECK(wait_dead(a, 10) && wait_dead(b, 10));
    const char *why = NULL;
    CHECK_INT(jobs_find(A, a, &why), JOBS_DEAD);
    CHECK_STR(why, "gate closed");
    CHECK_INT(jobs_dead_discard(A, NULL, a, err, sizeof err), 0);
    CHECK_INT(jobs_find(A, a, &why), JOBS_GONE);
    CHECK_INT(kv_int("HEXISTS %s %s", "dead", a), 0);
    CHECK_INT(kv_int("ZSCORE %s %s", "dead:idx", a), -1);
    CHECK_INT(jobs_dead_discard(A, NULL, a, err, sizeof err), -1);
    CHECK(strstr(err, "no such dead job") != NULL);
    int fd = open(gatepath, O_CREAT | O_WRONLY, 0600);
    close(fd);
    CHECK_INT(jobs_dead_retry(A, NULL, b, err, sizeof err), 0);
    CHECK(wait_count("done", b, 1, 10));
    const rec_t *r = find("done", b, 0);
    CHECK(r && r->attempt == 0);
    CHECK_INT(jobs_dead_retry(A, NULL, b, err, sizeof err), -1);
    CHECK_INT(count("done", a), 0);
}

static void case_killed_runner(void)
{
    const char *id = enq("t.sleep", json_pack("{s:i}", "ms", 1500), 3, NULL);
    CHECK(wait_count("start", id, 1, 10));
    const char *why = NULL;
    CHECK_INT(jobs_find(A, id, &why), JOBS_RUNNING); /* in its runner's processing list */
    const rec_t *s = find("start", id, 0);
    if (s)
        kill(s->pid, SIGKILL);
    CHECK(wait_count("done", id, 1, 25));
    CHECK_INT(count("start", id), 2);      /* delivered twice … */
    CHECK_INT(count("done", id), 1);       /* … finished once, same id */
    const rec_t *again = find("start", id, 1);
    CHECK(again && again->attempt == 0 && s && again->pid != s->pid);
    /* a runner that vanished without its master (host died): heartbeat
     * gone, job still in its processing list → the reaper returns it */
    const char *ghost = "9999999999999999999999999999aaaa";
    char *job = arena_printf(A, "{\"id\":\"%s\",\"type\":\"t.record\",\"queue\":\"default\","
                             "\"args\":{},\"attempt\":0,\"max_attempts\":3,\"enqueued_at\":%lld,"
                             "\"dedupe\":null}", ghost, jobs_now_ms());
    kv_cmd(A, "RPUSH %s %s", jobs_key2(A, "proc:ghost", NULL), job);
    kv_cmd(A, "SADD %s ghost", jobs_key2(A, "runners", NULL));
    CHECK(wait_count("done", ghost, 1, 10));
    CHECK_INT(kv_int("SISMEMBER %s %s", "runners", "ghost"), 0);
    /* a job whose runners keep dying under it ends as a dead letter */
    const char *poison = "9999999999999999999999999999bbbb";
    job = arena_printf(A, "{\"id\":\"%s\",\"type\":\"t.record\",\"queue\":\"default\","
                       "\"args\":{},\"attempt\":2,\"max_attempts\":3,\"enqueued_at\":%lld,"
                       "\"dedupe\":null}", poison, jobs_now_ms());
    kv_cmd(A, "RPUSH %s %s", jobs_key2(A, "proc:ghost2", NULL), job);
    kv_cmd(A, "SADD %s ghost2", jobs_key2(A, "runners", NULL));
    CHECK(wait_dead(poison, 10));
    json_t *d = dead_record(poison);
    CHECK(d && strstr(json_string_value(json_object_get(d, "error")), "runner died"));
    json_decref(d);
    double until = jobs_mono_s() + 5;
    while (alive_runners() != 2 && jobs_mono_s() < until)
        usleep(100000);
    CHECK_INT(alive_runners(), 2); /* the killed one was replaced */
}

static void case_sigterm(pid_t w)
{
    const char *id = enq("t.sleep", json_pack("{s:i}", "ms", 2000), 3, NULL);
    CHECK(wait_count("start", id, 1, 10));
    double t0 = jobs_mono_s();
    CHECK_INT(worker_stop(w, 70), 0);
    CHECK(jobs_mono_s() - t0 > 1.0);       /* it waited for the job */
    CHECK_INT(count("done", id), 1);
    CHECK_INT(kv_int("LLEN %s", "q:default", NULL), 0);
    CHECK_INT(kv_int("SCARD %s", "runners", NULL), 0);   /* runners left cleanly */
    CHECK_INT(kv_int("EXISTS %s", "leader", NULL), 0);   /* lock released */
}

static void case_two_masters(void)
{
    jobs_opts_t o = opts(1);
    o.periodic = ticks;
    o.nperiodic = 1;
    pid_t w1 = worker_start(&o), w2 = worker_start(&o);
    char leader[300] = "";
    double until = jobs_mono_s() + 15; /* a loaded machine starts workers slowly */
    while (!leader[0] && jobs_mono_s() < until) {
        usleep(100000);
        redisReply *l1 = kv_cmd(A, "GET %s", jobs_key2(A, "leader", NULL));
        if (l1 && l1->type == REDIS_REPLY_STRING)
            snprintf(leader, sizeof leader, "%s", l1->str);
    }
    CHECK(leader[0]);
    usleep(4000000);
    redisReply *l2 = kv_cmd(A, "GET %s", jobs_key2(A, "leader", NULL));
    CHECK(l2 && l2->type == REDIS_REPLY_STRING && strcmp(l2->str, leader) == 0);
    usleep(1000000);
    long long stop_ms = jobs_now_ms(); /* then the other may take over: fine */
    kill(w2, SIGTERM);
    CHECK_INT(worker_stop(w1, 30), 0);
    CHECK_INT(worker_stop(w2, 30), 0);
    size_t n;
    rec_t *r = records(&n);
    int calls = 0, ran = 0, bad = 0, leader_pid = 0, leaders = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(r[i].ev, "call:", 5) != 0)
            continue;
        calls++;
        if (r[i].pid != leader_pid && r[i].ms < stop_ms)
            leaders++;
        if (r[i].ms < stop_ms)
            leader_pid = r[i].pid;
        char tick[70];
        snprintf(tick, sizeof tick, "tick:%s", r[i].ev + 5);
        int k = count(r[i].ev, NULL), t = count(tick, NULL);
        bad += k != 1 || t > 1;
        if (k != 1 || t > 1 || getenv("DM_TEST_LOG"))
            fprintf(stderr, "slot %s: %d call(s), ran %d time(s), pid %d\n", r[i].ev + 5, k, t,
                    r[i].pid);
        ran += t;
    }
    CHECK(calls >= 3);       /* a 1 s period over ~5 s, on a busy machine too */
    CHECK_INT(leaders, 1);   /* one scheduler made every call */
    CHECK_INT(bad, 0);       /* each slot enqueued once, run at most once */
    int dups = 0;
    for (size_t i = 0; i < n; i++)
        dups += strncmp(r[i].ev, "dup:", 4) == 0;
    if (getenv("DM_TEST_LOG"))
        fprintf(stderr, "%d slot(s) refused by dedupe at a hand-over\n", dups);
    long long left = kv_int("LLEN %s", "q:default", NULL);
    CHECK_INT(ran + left, calls); /* the rest still queued: none lost, none doubled */
    kv_cmd(A, "DEL %s", jobs_key2(A, "q:default", NULL));
}

static void case_outage(void)
{
    char url[600], main_url[600];
    snprintf(main_url, sizeof main_url, "%s", cfg->redis_url);
    if (private_redis_start("outage", url, sizeof url) < 0) {
        CHECK(!"private redis-server started");
        return;
    }
    use_redis(url);
    jobs_opts_t o = opts(1);
    pid_t w = worker_start(&o);
    const char *ids[8];
    for (int i = 0; i < 8; i++)
        ids[i] = enq("t.sleep", json_pack("{s:i}", "ms", 300), 3, NULL);
    CHECK(wait_count("done", ids[0], 1, 10));
    private_redis_stop("outage");
    int before = 0;
    for (int i = 0; i < 8; i++)
        before += count("done", ids[i]) > 0;
    usleep(3000000);
    CHECK(private_redis_start("outage", url, sizeof url) == 0);
    kv_close();
    int all = 1;
    for (int i = 0; i < 8; i++)
        all &= wait_count("done", ids[i], 1, 30);
    CHECK(all);              /* none lost */
    CHECK(before < 8);       /* and some really waited out the outage */
    usleep(500000);
    CHECK_INT(kv_int("LLEN %s", "q:default", NULL), 0);
    CHECK_INT(worker_stop(w, 30), 0);
    if (system(arena_printf(A, "redis-cli -s %s/outage/redis.sock shutdown nosave >/dev/null 2>&1",
                            tmpdir)) != 0)
        fprintf(stderr, "redis shutdown failed\n");
    use_redis(main_url);
}

static void run_cases(void)
{
    case_enqueue();
    jobs_opts_t o = opts(2);
    pid_t w = worker_start(&o);
    case_run();
    case_retry_dead();
    case_dead_admin();
    case_killed_runner();
    case_sigterm(w);
    case_two_masters();
    case_outage();
}

int main(void)
{
    char err[512], url[600];
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dmjobs-XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    snprintf(logpath, sizeof logpath, "%s/records", tmpdir);
    snprintf(gatepath, sizeof gatepath, "%s/gate", tmpdir);
    signal(SIGPIPE, SIG_IGN); /* a Redis restart must fail a check, not kill the test */
    const char *lvl = getenv("DM_TEST_LOG");
    log_level_t l = LOG_FATAL;
    log_set_level(lvl && log_level_parse(lvl, &l) == 0 ? l : LOG_FATAL);
    setenv("DATAMIND_SECRET_KEY", "3f1c9a7be2d84c6f0a5e9b13d7c2f8e46a0b9c1d2e3f4a5b6c7d8e9f0a1b2c3d", 1);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "dmtest%d:", (int)getpid());
    setenv("DATAMIND_REDIS_PREFIX", prefix, 1);
    int own = 0;
    A = arena_new();
    if (getenv("DM_REDIS_URL"))
        snprintf(url, sizeof url, "%s", getenv("DM_REDIS_URL"));
    else if (getenv("DM_VAR"))
        snprintf(url, sizeof url, "unix:%s/run/redis.sock", getenv("DM_VAR"));
    else
        own = private_redis_start("main", url, sizeof url) == 0;
    (void)err;
    use_redis(url);
    if (kv_ping() != 0) {
        fprintf(stderr, "no Redis at %s\n", url);
        CHECK(!"Redis reachable");
        return check_done("jobs");
    }
    run_cases();
    arena_reset(A);
    delete_keys();
    if (own)
        private_redis_stop("main");
    kv_close();
    if (system(arena_printf(A, "rm -rf %s", tmpdir)) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    arena_free(A);
    config_set_current(NULL);
    return check_done("jobs");
}
