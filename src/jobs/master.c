/* master.c — `datamind worker`: fork one scheduler and N runners, keep them.
 *
 * The same shape as the web master (http/prefork.c): signal handlers only
 * set flags; the loop reaps, logs and respawns, with a per-slot back-off
 * that grows while a child keeps dying young (a crash loop must not become
 * a fork bomb). SIGTERM/SIGINT: every child gets SIGTERM; runners finish
 * their job (their handler runs with SIGTERM held) and leave, the
 * scheduler leaves at its next tick; whatever is left after 60 s is
 * SIGKILLed — its job stays in Redis and the reaper hands it out again.
 *
 * When a runner dies, the master knows its heartbeat is stale and deletes
 * it, so the reaper returns its job within a second instead of 15. */
#include "jobs/internal.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/store.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DRAIN_SECONDS 60
#define BACKOFF_MAX_S 30.0
#define YOUNG_S 2.0          /* a child dying sooner than this backs off */

typedef struct child {
    pid_t pid;               /* 0 = empty */
    int is_runner;
    char id[320];            /* runner id host:pid:n */
    double started, backoff, next_spawn;
} child_t;

typedef struct master {
    const jobs_opts_t *o;
    child_t *kids;           /* [0] scheduler, [1..runners] runners */
    int nkids;
    unsigned spawned;        /* makes runner ids unique per start */
    char host[256];
} master_t;

static volatile sig_atomic_t got_stop;

static void on_stop(int sig)
{
    (void)sig;
    got_stop = 1;
}

static void on_child(int sig)
{
    (void)sig; /* only to interrupt the wait */
}

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

/* In the child: never outlive the master (a SIGKILLed master must not
 * leave orphans taking jobs under a supervisor that no longer exists). */
static int child_main(const jobs_opts_t *o, const child_t *c, pid_t master)
{
    jobs_child_signals();
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != master)
        return 0;
    kv_close(); /* the master's connection is the master's */
    if (o->process_init && o->process_init() < 0) {
        log_msg(LOG_ERROR, "jobs: %s could not initialise; exiting", c->is_runner ? "runner" : "scheduler");
        return 1;
    }
    int rc = c->is_runner ? jobs_runner_main(o, c->id) : jobs_scheduler_main(o);
    if (o->process_done)
        o->process_done();
    kv_close();
    return rc;
}

static void spawn(master_t *m, child_t *c)
{
    unsigned n = ++m->spawned;
    pid_t master = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        log_msg(LOG_ERROR, "jobs: fork failed: %s", strerror(errno));
        c->next_spawn = jobs_mono_s() + 1;
        return;
    }
    if (pid == 0) {
        snprintf(c->id, sizeof c->id, "%s:%d:%u", m->host, (int)getpid(), n);
        _exit(child_main(m->o, c, master));
    }
    snprintf(c->id, sizeof c->id, "%s:%d:%u", m->host, (int)pid, n);
    c->pid = pid;
    c->started = jobs_mono_s();
}

static child_t *child_of(master_t *m, pid_t pid)
{
    for (int i = 0; i < m->nkids; i++)
        if (m->kids[i].pid == pid)
            return &m->kids[i];
    return NULL;
}

static void forget_runner(const child_t *c)
{
    arena_t *a = arena_new();
    kv_cmd(a, "DEL %s", jobs_key2(a, "hb:", c->id));
    arena_free(a);
}

static void reap(master_t *m)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        child_t *c = child_of(m, pid);
        if (!c)
            continue;
        double lived = jobs_mono_s() - c->started;
        const char *what = c->is_runner ? "runner" : "scheduler";
        c->pid = 0;
        if (c->is_runner)
            forget_runner(c);
        if (got_stop)
            continue;
        c->backoff = lived < YOUNG_S ? (c->backoff ? c->backoff * 2 : 0.1) : 0;
        if (c->backoff > BACKOFF_MAX_S)
            c->backoff = BACKOFF_MAX_S;
        c->next_spawn = jobs_mono_s() + c->backoff;
        if (WIFSIGNALED(status))
            log_msg(LOG_WARN, "jobs: %s %s killed by signal %d after %.1fs; replacing in %.1fs",
                    what, c->id, WTERMSIG(status), lived, c->backoff);
        else
            log_msg(LOG_WARN, "jobs: %s %s exited with status %d after %.1fs; replacing in %.1fs",
                    what, c->id, WEXITSTATUS(status), lived, c->backoff);
    }
}

static void maintain(master_t *m)
{
    double now = jobs_mono_s();
    for (int i = 0; i < m->nkids; i++)
        if (!m->kids[i].pid && now >= m->kids[i].next_spawn)
            spawn(m, &m->kids[i]);
}

static int alive(const master_t *m)
{
    int n = 0;
    for (int i = 0; i < m->nkids; i++)
        n += m->kids[i].pid != 0;
    return n;
}

static void drain(master_t *m)
{
    log_msg(LOG_INFO, "jobs: stopping; %d children finish their work", alive(m));
    for (int i = 0; i < m->nkids; i++)
        if (m->kids[i].pid)
            kill(m->kids[i].pid, SIGTERM);
    double deadline = jobs_mono_s() + DRAIN_SECONDS;
    while (alive(m) && jobs_mono_s() < deadline) {
        usleep(20000);
        reap(m);
    }
    for (int i = 0; i < m->nkids; i++)
        if (m->kids[i].pid) {
            log_msg(LOG_WARN, "jobs: %s did not stop in %ds; killing it (its job is re-queued)",
                    m->kids[i].id, DRAIN_SECONDS);
            kill(m->kids[i].pid, SIGKILL);
        }
    while (alive(m)) {
        pid_t pid = waitpid(-1, NULL, 0);
        if (pid < 0 && errno != EINTR)
            break;
        child_t *c = pid > 0 ? child_of(m, pid) : NULL;
        if (c) {
            c->pid = 0;
            if (c->is_runner)
                forget_runner(c);
        }
    }
}

static void install_signals(sigset_t *wait_mask)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, wait_mask);
}

static void pidfile_write(const char *path)
{
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
    }
}

int jobs_worker_run(const jobs_opts_t *o)
{
    master_t m = {.o = o, .nkids = 1 + (o->runners > 0 ? o->runners : 1)};
    gethostname(m.host, sizeof m.host - 1);
    if (!m.host[0])
        snprintf(m.host, sizeof m.host, "localhost");
    m.kids = xcalloc((size_t)m.nkids, sizeof *m.kids);
    for (int i = 1; i < m.nkids; i++)
        m.kids[i].is_runner = 1;
    got_stop = 0;
    kv_close(); /* an inherited connection may be shared with our parent */
    sigset_t wait_mask;
    install_signals(&wait_mask);
    pidfile_write(o->pidfile);
    log_msg(LOG_INFO, "jobs: worker started with %d runners", m.nkids - 1);
    while (!got_stop) {
        reap(&m);
        maintain(&m);
        struct timespec ts = {0, 100 * 1000 * 1000};
        ppoll(NULL, 0, &ts, &wait_mask); /* wakes on any signal */
    }
    drain(&m);
    if (o->pidfile)
        unlink(o->pidfile);
    free(m.kids);
    kv_close();
    log_msg(LOG_INFO, "jobs: worker stopped");
    return 0;
}
