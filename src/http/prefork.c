/* prefork.c — the web master: open the socket, fork the workers, keep them.
 *
 * Signal handlers only set flags; the loop below does the work (nginx,
 * Kore). A worker that dies is replaced, with a growing back-off when
 * workers keep dying young (a crash loop must not become a fork bomb). A
 * worker that leaves after --max-requests is replaced at once. SIGHUP
 * reloads through the app's hook and, if that worked, replaces the workers
 * one at a time; if it failed, the old workers keep serving. SIGTERM/SIGINT
 * let every worker finish its request and the queued ones, then exit. */
#include "http/http.h"
#include "http/server_internal.h"
#include "core/log.h"
#include "core/mem.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DRAIN_SECONDS 30
#define BACKOFF_MAX 30.0

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

typedef struct slot {
    pid_t pid;        /* 0 = empty */
    int generation;
    int retiring;     /* sent SIGTERM, draining */
    double started;
} slot_t;

typedef struct master {
    int fd;
    const server_opts_t *opts;
    const server_hooks_t *hooks;
    slot_t *slots;     /* room for the workers and as many retiring ones */
    int nslots;
    int generation;
    double backoff;    /* grows while workers keep dying young */
    double next_spawn; /* no fork before this time */
} master_t;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int is_unix_path(const char *listen)
{
    return listen[0] == '/' || listen[0] == '.';
}

static int open_listener(const char *listen)
{
    int is_unix = is_unix_path(listen);
    if (is_unix)
        unlink(listen);
    mode_t old = umask(is_unix ? 0007 : 0022); /* socket: owner and group */
    int fd = FCGX_OpenSocket(listen, 1024);
    umask(old);
    if (fd < 0)
        return -1;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

static void spawn(master_t *m, slot_t *s)
{
    pid_t pid = fork();
    if (pid < 0) {
        log_msg(LOG_ERROR, "fork failed: %s", strerror(errno));
        m->next_spawn = now_s() + 1;
        return;
    }
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGCHLD, SIG_DFL);
        _exit(server_worker_main(m->fd, m->opts, m->hooks));
    }
    s->pid = pid;
    s->generation = m->generation;
    s->retiring = 0;
    s->started = now_s();
}

static slot_t *slot_of(master_t *m, pid_t pid)
{
    for (int i = 0; i < m->nslots; i++)
        if (m->slots[i].pid == pid)
            return &m->slots[i];
    return NULL;
}

static void describe_exit(int status, char *out, size_t n)
{
    if (WIFSIGNALED(status))
        snprintf(out, n, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(out, n, "exited with status %d", WEXITSTATUS(status));
}

/* Collect dead workers and decide when each slot is refilled. */
static void reap(master_t *m)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        slot_t *s = slot_of(m, pid);
        if (!s)
            continue;
        char how[64];
        describe_exit(status, how, sizeof how);
        int clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        double lived = now_s() - s->started;
        s->pid = 0;
        if (clean) {
            log_msg(LOG_INFO, "worker %d %s (recycled or drained)", (int)pid, how);
            continue;
        }
        metrics_count("worker_restart");
        m->backoff = lived < 2.0 ? (m->backoff ? m->backoff * 2 : 0.1) : 0;
        if (m->backoff > BACKOFF_MAX)
            m->backoff = BACKOFF_MAX;
        m->next_spawn = now_s() + m->backoff;
        log_msg(LOG_WARN, "worker %d %s after %.1fs; replacing in %.1fs", (int)pid, how, lived,
                m->backoff);
    }
}

/* Keep opts->workers workers of the current generation. After a reload,
 * workers are replaced one at a time: start a new one, then retire an old
 * one, so capacity never drops below opts->workers. */
static void maintain(master_t *m)
{
    int current = 0, old = 0;
    slot_t *empty = NULL, *oldest = NULL;
    for (int i = 0; i < m->nslots; i++) {
        slot_t *s = &m->slots[i];
        if (!s->pid)
            empty = empty ? empty : s;
        else if (s->retiring)
            continue;
        else if (s->generation == m->generation)
            current++;
        else if (old++ == 0)
            oldest = s;
    }
    if (current < m->opts->workers && current + old <= m->opts->workers && empty &&
        now_s() >= m->next_spawn) {
        spawn(m, empty);
        current++;
    }
    if (oldest && current + old > m->opts->workers) {
        kill(oldest->pid, SIGTERM);
        oldest->retiring = 1;
    }
}

static void reload(master_t *m)
{
    char err[512];
    got_reload = 0;
    if (m->hooks->reload && m->hooks->reload(err, sizeof err) < 0) {
        log_msg(LOG_ERROR, "reload refused, old workers keep running: %s", err);
        return;
    }
    m->generation++;
    log_msg(LOG_INFO, "reloaded; replacing workers one by one (generation %d)", m->generation);
}

static int alive(const master_t *m)
{
    int n = 0;
    for (int i = 0; i < m->nslots; i++)
        n += m->slots[i].pid != 0;
    return n;
}

/* Stop taking new connections, then let every worker finish what it has.
 * A unix socket is unlinked first: new connects then fail at once (nginx
 * can retry or say 502) instead of landing in a backlog that is about to be
 * closed, which would reset them. */
static void drain(master_t *m)
{
    if (is_unix_path(m->opts->listen))
        unlink(m->opts->listen);
    log_msg(LOG_INFO, "stopping: draining %d workers", alive(m));
    for (int i = 0; i < m->nslots; i++)
        if (m->slots[i].pid)
            kill(m->slots[i].pid, SIGTERM);
    double deadline = now_s() + DRAIN_SECONDS;
    while (alive(m) && now_s() < deadline) {
        usleep(20000);
        reap(m);
    }
    for (int i = 0; i < m->nslots; i++)
        if (m->slots[i].pid) {
            log_msg(LOG_WARN, "worker %d did not drain in %ds; killing", (int)m->slots[i].pid,
                    DRAIN_SECONDS);
            kill(m->slots[i].pid, SIGKILL);
        }
    while (waitpid(-1, NULL, 0) > 0)
        ;
}

static void install_signals(sigset_t *wait_mask)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_reload;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, wait_mask);
}

static void write_pidfile(const char *path)
{
    if (!path)
        return;
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
    }
}

int server_run(const server_opts_t *opts, const server_hooks_t *hooks)
{
    if (FCGX_Init() != 0) {
        log_msg(LOG_FATAL, "FastCGI library failed to initialise");
        return 1;
    }
    master_t m = {.opts = opts, .hooks = hooks, .nslots = opts->workers * 2};
    m.fd = open_listener(opts->listen);
    if (m.fd < 0) {
        log_msg(LOG_FATAL, "cannot listen on %s: %s", opts->listen, strerror(errno));
        return 1;
    }
    m.slots = xcalloc((size_t)m.nslots, sizeof *m.slots);
    sigset_t wait_mask;
    install_signals(&wait_mask);
    write_pidfile(opts->pidfile);
    log_msg(LOG_INFO, "listening on %s with %d workers", opts->listen, opts->workers);
    while (!got_stop) {
        if (got_reload)
            reload(&m);
        reap(&m);
        maintain(&m);
        struct timespec ts = {0, 100 * 1000 * 1000};
        ppoll(NULL, 0, &ts, &wait_mask); /* wakes on any signal */
    }
    drain(&m);
    close(m.fd);
    if (opts->pidfile)
        unlink(opts->pidfile);
    free(m.slots);
    log_msg(LOG_INFO, "stopped");
    return 0;
}
