/* prefork.c — the web master: open the socket, then let core/supervise.c
 * fork the workers and keep them.
 *
 * What is the web's own: the FastCGI socket (unlinked first on stop, so new
 * connects fail at once instead of landing in a backlog about to be
 * closed), the worker's main, the app's reload hook behind SIGHUP, and the
 * rules that a worker leaving cleanly (after --max-requests, or retired by
 * a reload) is replaced at once and that one back-off covers every worker.
 * SIGTERM/SIGINT let every worker finish its request and the queued ones
 * (30 s, then SIGKILL). */
#include "http/http.h"
#include "http/server_internal.h"
#include "core/log.h"
#include "core/supervise.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DRAIN_SECONDS 30
#define BACKOFF_MAX 30.0
#define YOUNG_S 2.0

typedef struct web {
    int fd;
    const server_opts_t *opts;
    const server_hooks_t *hooks;
} web_t;

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

static int web_child(void *ctx, const supervise_child_t *c, pid_t master)
{
    (void)c;
    (void)master;
    const web_t *w = ctx;
    return server_worker_main(w->fd, w->opts, w->hooks);
}

static int web_reload(void *ctx, char *err, size_t errlen)
{
    const web_t *w = ctx;
    return w->hooks->reload ? w->hooks->reload(err, errlen) : 0;
}

/* A unix socket is unlinked first: new connects then fail at once (nginx
 * can retry or say 502). */
static void web_stopping(void *ctx)
{
    const web_t *w = ctx;
    if (is_unix_path(w->opts->listen))
        unlink(w->opts->listen);
}

int server_run(const server_opts_t *opts, const server_hooks_t *hooks)
{
    if (FCGX_Init() != 0) {
        log_msg(LOG_FATAL, "FastCGI library failed to initialise");
        return 1;
    }
    web_t w = {.opts = opts, .hooks = hooks, .fd = open_listener(opts->listen)};
    if (w.fd < 0) {
        log_msg(LOG_FATAL, "cannot listen on %s: %s", opts->listen, strerror(errno));
        return 1;
    }
    supervise_conf_t conf = {
        .children = opts->workers, .what = "worker", .pidfile = opts->pidfile,
        .drain_s = DRAIN_SECONDS, .young_s = YOUNG_S, .backoff_max_s = BACKOFF_MAX,
        .shared_backoff = 1, .clean_exit_is_recycle = 1, .restart_metric = "worker_restart",
        .ctx = &w, .child_main = web_child, .reload = web_reload, .stopping = web_stopping,
    };
    log_msg(LOG_INFO, "listening on %s with %d workers", opts->listen, opts->workers);
    supervise_run(&conf);
    close(w.fd);
    log_msg(LOG_INFO, "stopped");
    return 0;
}
