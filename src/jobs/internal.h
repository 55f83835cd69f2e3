/* internal.h — what the files of src/jobs/ share; not for other modules. */
#ifndef DM_JOBS_INTERNAL_H
#define DM_JOBS_INTERNAL_H

#include <hiredis/hiredis.h>
#include <signal.h>
#include <stddef.h>

#include "core/arena.h"
#include "jobs/jobs.h"

#define JOBS_HB_TTL_S 15         /* a runner silent this long is presumed dead */
#define JOBS_HB_EVERY_S 5        /* idle runners renew their heartbeat this often */
#define JOBS_RECENT_MAX 50
#define JOBS_ID_LEN 32           /* hex chars */

/* Set by the SIGTERM/SIGINT handler of a child process (runner or
 * scheduler). Process-wide by nature: a signal is process-wide. */
extern volatile sig_atomic_t jobs_stop;
void jobs_child_signals(void);

long long jobs_now_ms(void);
double jobs_mono_s(void);
void jobs_sleep_s(double s);     /* returns early when jobs_stop is set */
void jobs_random_hex(char *out, size_t nbytes); /* 2*nbytes hex + NUL */
double jobs_random_unit(void);   /* [0, 1) */

/* EVAL script with keys and args (all NUL-free strings). The reply is owned
 * by a; NULL when Redis is down or the script failed (logged). */
redisReply *jobs_eval(arena_t *a, const char *script, int nkeys, const char *const *keys,
                      int nargs, const char *const *args);
/* Key helpers: cfg->redis_prefix + a + b, in the arena. */
const char *jobs_key2(arena_t *a, const char *kind, const char *name);

/* The runner of this process, for jobs_progress to renew its heartbeat
 * (runner.c; a no-op outside a runner). */
void jobs_runner_touch(arena_t *a);

/* The children, each run in its own forked process; return exit codes. */
int jobs_runner_main(const jobs_opts_t *o, const char *runner_id);
int jobs_scheduler_main(const jobs_opts_t *o);

/* scheduler.c, also used by the tests through the scheduler's loop. */
int jobs_move_due(arena_t *a);   /* due delayed jobs → queues; count or -1 */
int jobs_reap(arena_t *a);       /* dead runners' jobs → queues; count or -1 */

#endif
