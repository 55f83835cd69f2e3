/* master.c — `datamind worker`: one scheduler and N runners, kept by
 * core/supervise.c (spawn, reap, back-off per child, drain, pidfile).
 *
 * What is the worker's own: slot 0 is the scheduler and the others are
 * runners, each with an id host:pid:n; a child never outlives the master;
 * SIGHUP is ignored. SIGTERM/SIGINT: every child gets SIGTERM; runners
 * finish their job (their handler runs with SIGTERM held) and leave, the
 * scheduler leaves at its next tick; whatever is left after 60 s is
 * SIGKILLed — its job stays in Redis and the reaper hands it out again.
 *
 * When a runner dies, the master knows its heartbeat is stale and deletes
 * it, so the reaper returns its job within a second instead of 15. */
#include "jobs/internal.h"
#include "core/log.h"
#include "core/supervise.h"
#include "store/kv.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define DRAIN_SECONDS 60
#define BACKOFF_MAX_S 30.0
#define YOUNG_S 2.0          /* a child dying sooner than this backs off */

typedef struct master {
    const jobs_opts_t *o;
    char host[256];
} master_t;

static void on_child_stop(int sig)
{
    (void)sig;
    jobs_stop = 1;
}

void jobs_child_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_child_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static int is_runner(const supervise_child_t *c)
{
    return c->index > 0; /* slot 0 is the scheduler */
}

/* The runner id host:pid:n (n: the fork's serial, unique per start). */
static void runner_id(const master_t *m, const supervise_child_t *c, pid_t pid, char *out,
                      size_t n)
{
    snprintf(out, n, "%s:%d:%u", m->host, (int)pid, c->serial);
}

static void name_child(void *ctx, const supervise_child_t *c, pid_t pid, char *out, size_t n)
{
    char id[300];
    runner_id(ctx, c, pid, id, sizeof id);
    snprintf(out, n, "%s %s", is_runner(c) ? "runner" : "scheduler", id);
}

/* In the child: never outlive the master (a SIGKILLed master must not
 * leave orphans taking jobs under a supervisor that no longer exists). */
static int child_main(void *ctx, const supervise_child_t *c, pid_t master)
{
    const master_t *m = ctx;
    const jobs_opts_t *o = m->o;
    jobs_child_signals();
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != master)
        return 0;
    kv_close(); /* the master's connection is the master's */
    if (o->process_init && o->process_init() < 0) {
        log_msg(LOG_ERROR, "jobs: %s could not initialise; exiting", is_runner(c) ? "runner" : "scheduler");
        return 1;
    }
    char id[300];
    runner_id(m, c, c->pid, id, sizeof id);
    int rc = is_runner(c) ? jobs_runner_main(o, id) : jobs_scheduler_main(o);
    if (o->process_done)
        o->process_done();
    kv_close();
    return rc;
}

/* A dead runner's heartbeat goes at once. */
static void child_exited(void *ctx, const supervise_child_t *c, int status, int stopping)
{
    (void)status;
    (void)stopping;
    if (!is_runner(c))
        return;
    char id[300];
    runner_id(ctx, c, c->pid, id, sizeof id);
    arena_t *a = arena_new();
    kv_cmd(a, "DEL %s", jobs_key2(a, "hb:", id));
    arena_free(a);
}

int jobs_worker_run(const jobs_opts_t *o)
{
    master_t m = {.o = o};
    gethostname(m.host, sizeof m.host - 1);
    if (!m.host[0])
        snprintf(m.host, sizeof m.host, "localhost");
    int runners = o->runners > 0 ? o->runners : 1;
    supervise_conf_t conf = {
        .children = 1 + runners, .what = "child", .log_prefix = "jobs: ", .pidfile = o->pidfile,
        .drain_s = DRAIN_SECONDS, .young_s = YOUNG_S, .backoff_max_s = BACKOFF_MAX_S,
        .ctx = &m, .child_main = child_main, .name_child = name_child,
        .child_exited = child_exited,
    };
    kv_close(); /* an inherited connection may be shared with our parent */
    log_msg(LOG_INFO, "jobs: worker started with %d runners", runners);
    supervise_run(&conf);
    kv_close();
    log_msg(LOG_INFO, "jobs: worker stopped");
    return 0;
}
