/* supervise.h — one process supervisor: fork N children, keep them.
 *
 * Used by `datamind web` (http/prefork.c) and `datamind worker`
 * (jobs/master.c). Signal handlers only set flags; the loop reaps, logs and
 * refills (nginx, Kore). A child that dies is replaced, with a back-off that
 * doubles (0.1 s up to backoff_max_s) while children keep dying younger than
 * young_s (a crash loop must not become a fork bomb). SIGTERM/SIGINT drain:
 * every child gets SIGTERM and drain_s seconds to finish, then SIGKILL.
 * SIGHUP calls conf->reload and, if that worked, replaces the children one
 * at a time (start a new one, then retire an old one, so capacity never
 * drops); without a reload hook SIGHUP is ignored. The pidfile, when given,
 * holds the supervisor's pid while it runs. */
#ifndef DM_CORE_SUPERVISE_H
#define DM_CORE_SUPERVISE_H

#include <stddef.h>
#include <sys/types.h>

typedef struct supervise_child {
    int index;          /* slot number, 0 .. nslots-1: stable for the slot's life */
    pid_t pid;          /* 0 = empty; in the child, its own pid */
    unsigned serial;    /* 1, 2, 3 … across every fork of this supervisor */
    char name[320];     /* for logs: conf->name_child's, else "<what> <pid>" */
    /* the supervisor's own bookkeeping */
    int generation, retiring;
    double started, backoff, next_spawn;
} supervise_child_t;

typedef struct supervise_conf {
    int children;         /* how many to keep running */
    const char *what;     /* "worker": in log lines and default names */
    const char *log_prefix; /* put before every log line ("jobs: "), or NULL */
    const char *pidfile;  /* may be NULL */
    int drain_s;          /* SIGTERM to SIGKILL on stop */
    double young_s;       /* a child dying sooner than this backs off */
    double backoff_max_s;
    int shared_backoff;   /* 1: one back-off for all slots; 0: one per slot
                             (always 1 with a reload hook: a slot in back-off
                             must not be bypassed through a spare one) */
    int clean_exit_is_recycle; /* 1: exit status 0 = planned (replaced at once) */
    const char *restart_metric; /* metrics_count() name per unplanned exit, or NULL */
    void *ctx;            /* passed to every hook */
    /* In the child after fork (signal mask cleared, SIGCHLD default): its
     * exit status. c->pid is the child's pid; master is the supervisor's. */
    int (*child_main)(void *ctx, const supervise_child_t *c, pid_t master);
    /* Optional: c->name for the child with pid (called in both processes). */
    void (*name_child)(void *ctx, const supervise_child_t *c, pid_t pid, char *out, size_t n);
    /* Optional: in the supervisor after child c (c->name) exited; stopping
     * is 1 during the drain. */
    void (*child_exited)(void *ctx, const supervise_child_t *c, int status, int stopping);
    /* Optional: SIGHUP; -1 with err keeps the old children. */
    int (*reload)(void *ctx, char *err, size_t errlen);
    /* Optional: first thing on SIGTERM/SIGINT, before children are told. */
    void (*stopping)(void *ctx);
} supervise_conf_t;

/* Run until SIGTERM/SIGINT has drained every child. Returns 0. Installs
 * its signal handlers (SIGPIPE ignored) and leaves them installed. */
int supervise_run(const supervise_conf_t *conf);

#endif
