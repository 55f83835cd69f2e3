/* supervise.c — fork the children, reap them, refill with back-off, drain
 * on SIGTERM, roll them over on SIGHUP. See supervise.h. */
#include "core/supervise.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/metrics.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct pace {
    double backoff;    /* grows while children keep dying young */
    double next_spawn; /* no fork before this time */
} pace_t;

typedef struct sup {
    const supervise_conf_t *conf;
    const char *pfx;           /* log prefix, "" when none */
    supervise_child_t *slots;  /* room for the children, and as many retiring ones on reload */
    pace_t *pace;              /* one per slot */
    pace_t shared;             /* conf->shared_backoff */
    int nslots, generation;
    unsigned serial;
    pid_t self;
} sup_t;

static volatile sig_atomic_t got_stop, got_reload;

static void on_stop(int sig)
{
    (void)sig;
    got_stop = 1;
}

static void on_reload(int sig)
{
    (void)sig;
    got_reload = 1;
}

static void on_child(int sig)
{
    (void)sig; /* only to interrupt the wait */
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pace_t *pace_of(sup_t *s, const supervise_child_t *c)
{
    return s->conf->shared_backoff || s->conf->reload ? &s->shared : &s->pace[c->index];
}

static void name_child(sup_t *s, supervise_child_t *c, pid_t pid)
{
    const supervise_conf_t *k = s->conf;
    if (k->name_child)
        k->name_child(k->ctx, c, pid, c->name, sizeof c->name);
    else
        snprintf(c->name, sizeof c->name, "%s %d", k->what, (int)pid);
}

static void spawn(sup_t *s, supervise_child_t *c)
{
    c->serial = ++s->serial;
    fflush(NULL); /* nothing buffered gets written twice */
    pid_t pid = fork();
    if (pid < 0) {
        log_msg(LOG_ERROR, "%sfork failed: %s", s->pfx, strerror(errno));
        pace_of(s, c)->next_spawn = now_s() + 1;
        return;
    }
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGCHLD, SIG_DFL);
        supervise_child_t me = *c;
        me.pid = getpid();
        name_child(s, &me, me.pid);
        _exit(s->conf->child_main(s->conf->ctx, &me, s->self));
    }
    c->pid = pid;
    name_child(s, c, pid);
    c->generation = s->generation;
    c->retiring = 0;
    c->started = now_s();
}

static supervise_child_t *slot_of(sup_t *s, pid_t pid)
{
    for (int i = 0; i < s->nslots; i++)
        if (s->slots[i].pid == pid)
            return &s->slots[i];
    return NULL;
}

static void describe_exit(int status, char *out, size_t n)
{
    if (WIFSIGNALED(status))
        snprintf(out, n, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(out, n, "exited with status %d", WEXITSTATUS(status));
}

/* Child c has exited: tell the caller, log, and decide when its slot is
 * refilled. */
static void exited(sup_t *s, supervise_child_t *c, int status)
{
    const supervise_conf_t *k = s->conf;
    double lived = now_s() - c->started;
    char how[64];
    describe_exit(status, how, sizeof how);
    if (k->child_exited)
        k->child_exited(k->ctx, c, status, got_stop != 0);
    c->pid = 0;
    if (got_stop) {
        log_msg(LOG_INFO, "%s%s %s (stopping)", s->pfx, c->name, how);
        return;
    }
    if (k->clean_exit_is_recycle && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        log_msg(LOG_INFO, "%s%s %s (recycled or retired)", s->pfx, c->name, how);
        return;
    }
    if (k->restart_metric)
        metrics_count(k->restart_metric);
    pace_t *p = pace_of(s, c);
    p->backoff = lived < k->young_s ? (p->backoff ? p->backoff * 2 : 0.1) : 0;
    if (p->backoff > k->backoff_max_s)
        p->backoff = k->backoff_max_s;
    p->next_spawn = now_s() + p->backoff;
    log_msg(LOG_WARN, "%s%s %s after %.1fs; replacing in %.1fs", s->pfx, c->name, how, lived,
            p->backoff);
}

static void reap(sup_t *s)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        supervise_child_t *c = slot_of(s, pid);
        if (c)
            exited(s, c, status);
    }
}

/* One step towards conf->children children of the current generation:
 * start one in a free slot whose back-off is over; after a reload, retire
 * one old child per new one, so capacity never drops. 1 if it should be
 * called again at once (it started one and no old ones are left). */
static int maintain_step(sup_t *s)
{
    int want = s->conf->children, current = 0, old = 0;
    supervise_child_t *empty = NULL, *oldest = NULL;
    double now = now_s();
    for (int i = 0; i < s->nslots; i++) {
        supervise_child_t *c = &s->slots[i];
        if (!c->pid) {
            if (!empty && now >= pace_of(s, c)->next_spawn)
                empty = c;
        } else if (c->retiring) {
            continue;
        } else if (c->generation == s->generation) {
            current++;
        } else if (old++ == 0) {
            oldest = c;
        }
    }
    int started = 0;
    if (current < want && current + old <= want && empty) {
        spawn(s, empty);
        started = empty->pid != 0;
        current += started;
    }
    if (oldest && current + old > want) {
        kill(oldest->pid, SIGTERM);
        oldest->retiring = 1;
    }
    return started && !old;
}

static void reload(sup_t *s)
{
    const supervise_conf_t *k = s->conf;
    char err[512] = "";
    got_reload = 0;
    if (k->reload(k->ctx, err, sizeof err) < 0) {
        log_msg(LOG_ERROR, "%sreload refused, the old %ss keep running: %s", s->pfx, k->what,
                err);
        return;
    }
    s->generation++;
    log_msg(LOG_INFO, "%sreloaded; replacing %ss one by one (generation %d)", s->pfx, k->what,
            s->generation);
}

static int alive(const sup_t *s)
{
    int n = 0;
    for (int i = 0; i < s->nslots; i++)
        n += s->slots[i].pid != 0;
    return n;
}

/* Every child gets SIGTERM and conf->drain_s to finish, then SIGKILL. */
static void drain(sup_t *s)
{
    const supervise_conf_t *k = s->conf;
    if (k->stopping)
        k->stopping(k->ctx);
    log_msg(LOG_INFO, "%sstopping: %d children finish their work", s->pfx, alive(s));
    for (int i = 0; i < s->nslots; i++)
        if (s->slots[i].pid)
            kill(s->slots[i].pid, SIGTERM);
    double deadline = now_s() + k->drain_s;
    while (alive(s) && now_s() < deadline) {
        usleep(20000);
        reap(s);
    }
    for (int i = 0; i < s->nslots; i++)
        if (s->slots[i].pid) {
            log_msg(LOG_WARN, "%s%s did not stop in %ds; killing it", s->pfx, s->slots[i].name,
                    k->drain_s);
            kill(s->slots[i].pid, SIGKILL);
        }
    while (alive(s)) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0)
            break;
        supervise_child_t *c = slot_of(s, pid);
        if (c)
            exited(s, c, status);
    }
}

static void install_signals(int reloads, sigset_t *wait_mask)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    if (reloads) {
        sa.sa_handler = on_reload;
        sigaction(SIGHUP, &sa, NULL);
    } else {
        signal(SIGHUP, SIG_IGN);
    }
    signal(SIGPIPE, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
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

int supervise_run(const supervise_conf_t *conf)
{
    sup_t s = {.conf = conf, .pfx = conf->log_prefix ? conf->log_prefix : "", .self = getpid()};
    /* a reload needs room for the new children beside the retiring ones */
    s.nslots = conf->children * (conf->reload ? 2 : 1);
    s.slots = xcalloc((size_t)s.nslots, sizeof *s.slots);
    s.pace = xcalloc((size_t)s.nslots, sizeof *s.pace);
    for (int i = 0; i < s.nslots; i++)
        s.slots[i].index = i;
    got_stop = got_reload = 0;
    sigset_t wait_mask;
    install_signals(conf->reload != NULL, &wait_mask);
    pidfile_write(conf->pidfile);
    while (!got_stop) {
        if (got_reload)
            reload(&s);
        reap(&s);
        while (maintain_step(&s))
            ;
        struct timespec ts = {0, 100 * 1000 * 1000};
        ppoll(NULL, 0, &ts, &wait_mask); /* wakes on any signal */
    }
    drain(&s);
    if (conf->pidfile)
        unlink(conf->pidfile);
    free(s.slots);
    free(s.pace);
    return 0;
}
