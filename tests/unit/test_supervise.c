/* test_supervise.c — core/supervise.c with real processes: children start,
 * a SIGKILLed child is replaced in its slot, SIGHUP replaces every child
 * (and a refused reload keeps them), SIGTERM drains (each child finishes
 * and says so; one that ignores SIGTERM is SIGKILLed after drain_s), and
 * the pidfile lives exactly as long as the supervisor.
 *
 * Children write "start|stop <slot> <pid>" lines to a file; the test waits
 * for lines (polling with a generous limit), never for a time. */
#include "check.h"
#include "core/log.h"
#include "core/supervise.h"

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

static char dir[64], records[128], pidfile[128], refuse[128], stubborn[128];
static volatile sig_atomic_t child_stop;

typedef struct rec {
    char ev[8];
    int slot, pid;
} rec_t;

static void record(const char *ev, int slot)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%s %d %d\n", ev, slot, (int)getpid());
    int fd = open(records, O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (fd >= 0) {
        if (write(fd, line, (size_t)n) != n)
            perror("record");
        close(fd);
    }
}

static void on_term(int sig)
{
    (void)sig;
    child_stop = 1;
}

/* A child: records its start, waits for SIGTERM, records its stop. With
 * the "stubborn" file present it ignores SIGTERM. */
static int child_main(void *ctx, const supervise_child_t *c, pid_t master)
{
    (void)ctx;
    if (getppid() != master || c->pid != getpid())
        return 3;
    struct sigaction sa = {0};
    sa.sa_handler = access(stubborn, F_OK) == 0 ? SIG_IGN : on_term;
    sigaction(SIGTERM, &sa, NULL);
    record("start", c->index);
    while (!child_stop)
        pause();
    record("stop", c->index);
    return 0;
}

static int reload(void *ctx, char *err, size_t errlen)
{
    (void)ctx;
    if (access(refuse, F_OK) == 0) {
        record("refused", -1);
        snprintf(err, errlen, "refused by the test");
        return -1;
    }
    return 0;
}

static size_t read_records(rec_t *out, size_t max)
{
    FILE *f = fopen(records, "r");
    size_t n = 0;
    if (!f)
        return 0;
    while (n < max && fscanf(f, "%7s %d %d", out[n].ev, &out[n].slot, &out[n].pid) == 3)
        n++;
    fclose(f);
    return n;
}

static size_t count(const char *ev)
{
    rec_t r[64];
    size_t n = read_records(r, 64), k = 0;
    for (size_t i = 0; i < n; i++)
        k += strcmp(r[i].ev, ev) == 0;
    return k;
}

/* Poll until there are at least n ev records (30 s at most: a limit for a
 * broken supervisor, not a timing assertion). */
static int wait_count(const char *ev, size_t n)
{
    for (int i = 0; i < 3000; i++) {
        if (count(ev) >= n)
            return 1;
        usleep(10000);
    }
    return 0;
}

static int pid_alive(int pid)
{
    return kill(pid, 0) == 0 || errno != ESRCH;
}

static pid_t start(supervise_conf_t *conf)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* a crashed test leaves nothing behind */
        _exit(supervise_run(conf));
    }
    return pid;
}

static int stop(pid_t sup)
{
    int status = -1;
    kill(sup, SIGTERM);
    if (waitpid(sup, &status, 0) != sup)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_kill_reload_drain(void)
{
    supervise_conf_t conf = {
        .children = 2, .what = "child", .pidfile = pidfile, .drain_s = 30, .young_s = 2,
        .backoff_max_s = 30, .child_main = child_main, .reload = reload,
    };
    pid_t sup = start(&conf);
    CHECK(wait_count("start", 2));
    FILE *f = fopen(pidfile, "r");
    int written = 0;
    CHECK(f && fscanf(f, "%d", &written) == 1);
    if (f)
        fclose(f);
    CHECK_INT(written, sup);

    /* SIGKILL: the slot gets a new child */
    rec_t r[64];
    size_t n = read_records(r, 64);
    CHECK_INT(n, 2);
    kill(r[0].pid, SIGKILL);
    CHECK(wait_count("start", 3));
    n = read_records(r, 64);
    CHECK(n == 3 && r[2].slot == r[0].slot && r[2].pid != r[0].pid);
    CHECK(!pid_alive(r[0].pid));

    /* SIGHUP: both live children are replaced (each finishes: "stop") */
    kill(sup, SIGHUP);
    CHECK(wait_count("start", 5));
    CHECK(wait_count("stop", 2));
    n = read_records(r, 64);
    int old_stopped = 0;
    for (size_t i = 0; i < n; i++)
        old_stopped += strcmp(r[i].ev, "stop") == 0 && (r[i].pid == r[1].pid || r[i].pid == r[2].pid);
    CHECK_INT(old_stopped, 2);

    /* a refused reload keeps them (had it replaced them, the accepted one
     * after it would make 9 starts, not 7) */
    int fd = open(refuse, O_CREAT | O_WRONLY, 0600);
    close(fd);
    kill(sup, SIGHUP);
    CHECK(wait_count("refused", 1));
    unlink(refuse);
    kill(sup, SIGHUP);
    CHECK(wait_count("stop", 4));
    CHECK(wait_count("start", 7));

    /* SIGTERM: every child finishes, the supervisor exits 0, no pidfile */
    CHECK_INT(stop(sup), 0);
    CHECK_INT(count("refused"), 1);
    CHECK_INT(count("stop"), 6);
    CHECK_INT(count("start"), 7);
    CHECK(access(pidfile, F_OK) != 0);
    n = read_records(r, 64);
    for (size_t i = 0; i < n; i++)
        CHECK(!pid_alive(r[i].pid));
}

/* A child that ignores SIGTERM is SIGKILLed once drain_s is over; without
 * a reload hook SIGHUP is ignored (the supervisor lives on). */
static void test_stubborn_child(void)
{
    unlink(records);
    int fd = open(stubborn, O_CREAT | O_WRONLY, 0600);
    close(fd);
    supervise_conf_t conf = {
        .children = 1, .what = "child", .drain_s = 1, .young_s = 2, .backoff_max_s = 30,
        .child_main = child_main,
    };
    pid_t sup = start(&conf);
    CHECK(wait_count("start", 1));
    kill(sup, SIGHUP);
    CHECK_INT(stop(sup), 0);
    CHECK_INT(count("stop"), 0);
    rec_t r[4];
    CHECK(read_records(r, 4) == 1 && !pid_alive(r[0].pid));
    unlink(stubborn);
}

int main(void)
{
    log_set_level(LOG_FATAL);
    snprintf(dir, sizeof dir, "/tmp/dmsup-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(records, sizeof records, "%s/records", dir);
    snprintf(pidfile, sizeof pidfile, "%s/pid", dir);
    snprintf(refuse, sizeof refuse, "%s/refuse", dir);
    snprintf(stubborn, sizeof stubborn, "%s/stubborn", dir);
    test_kill_reload_drain();
    test_stubborn_child();
    unlink(records);
    rmdir(dir);
    return check_done("test_supervise");
}
