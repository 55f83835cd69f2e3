/* querywatch.c — while a query job runs, a thread of its runner watches
 * for a reason to stop it: a cancel request from its page (qcancel:<id>),
 * or a page that stopped asking for it (qseen:<id> older than
 * DATAMIND_QUERY_ABANDON_S: the page was closed). It then cancels the
 * running statement through its engine (engine_t's cancel, which the
 * engine makes safe to call from another thread). The thread has its own Redis connection (kv_open_own): the
 * process's is the runner's. See tasks_internal.h. */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "core/log.h"
#include "store/kv.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOOK_EVERY_MS 200

struct qwatch {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    const engine_t *engine;  /* the running statement's, or NULL */
    engine_cancel_t *cancel; /* its cancel handle, or NULL */
    int stop;          /* the job is done: the thread ends */
    int why;           /* QWATCH_* */
    int sent;          /* the cancel was sent for it */
    long long abandon_ms;
    char cancel_key[160], seen_key[160];
};

static long long wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Why the job should stop, asked on connection c (QWATCH_NONE: go on;
 * also when Redis cannot say, so a Redis hiccup cancels nothing). */
static int qwatch_ask(redisContext *c, const char *cancel_key, const char *seen_key,
                      long long abandon_ms)
{
    int why = QWATCH_NONE;
    redisReply *r = redisCommand(c, "EXISTS %s", cancel_key);
    if (r && r->type == REDIS_REPLY_INTEGER && r->integer == 1)
        why = QWATCH_CANCELLED;
    freeReplyObject(r);
    if (why)
        return why;
    r = redisCommand(c, "GET %s", seen_key);
    if (r && r->type == REDIS_REPLY_STRING && wall_ms() - strtoll(r->str, NULL, 10) > abandon_ms)
        why = QWATCH_ABANDONED;
    freeReplyObject(r);
    return why;
}

static void qwatch_fire(qwatch_t *w)
{
    if (w->why && w->cancel && !w->sent) {
        char err[256];
        if (w->engine->cancel(w->cancel, err, sizeof err) < 0)
            log_msg(LOG_WARN, "tasks: cancelling a query failed: %s", err);
        w->sent = 1;
    }
}

static void *qwatch_main(void *p)
{
    qwatch_t *w = p;
    redisContext *c = NULL;
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        pthread_mutex_unlock(&w->mu);
        if (!c || c->err) {
            redisFree(c);
            c = kv_open_own();
        }
        int why = c ? qwatch_ask(c, w->cancel_key, w->seen_key, w->abandon_ms) : QWATCH_NONE;
        pthread_mutex_lock(&w->mu);
        if (why && !w->why)
            w->why = why;
        qwatch_fire(w);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += LOOK_EVERY_MS * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        if (!w->stop)
            pthread_cond_timedwait(&w->cv, &w->mu, &until);
    }
    pthread_mutex_unlock(&w->mu);
    redisFree(c);
    return NULL;
}

static void qwatch_keys(const char *job_id, char *cancel_key, char *seen_key, size_t n)
{
    snprintf(cancel_key, n, "%sqcancel:%s", cfg->redis_prefix, job_id);
    snprintf(seen_key, n, "%sqseen:%s", cfg->redis_prefix, job_id);
}

int qwatch_check_now(const char *job_id)
{
    char ck[160], sk[160];
    qwatch_keys(job_id, ck, sk, sizeof ck);
    redisContext *c = kv_conn();
    return c ? qwatch_ask(c, ck, sk, (long long)cfg->query_abandon_s * 1000) : QWATCH_NONE;
}

qwatch_t *qwatch_start(const char *job_id)
{
    qwatch_t *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    w->abandon_ms = (long long)cfg->query_abandon_s * 1000;
    qwatch_keys(job_id, w->cancel_key, w->seen_key, sizeof w->cancel_key);
    int rc = pthread_create(&w->th, NULL, qwatch_main, w);
    if (rc != 0) {
        log_msg(LOG_WARN, "tasks: query %s runs without a cancel watch: %s", job_id, strerror(rc));
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    return w;
}

void qwatch_running(const engine_t *e, engine_conn_t *conn, void *ud)
{
    qwatch_t *w = ud;
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    if (w->cancel)
        w->engine->cancel_free(w->cancel);
    w->engine = conn ? e : NULL;
    w->cancel = conn ? e->cancel_get(conn) : NULL;
    w->sent = 0;
    qwatch_fire(w); /* asked to stop before it started */
    pthread_mutex_unlock(&w->mu);
}

int qwatch_stop(qwatch_t *w)
{
    if (!w)
        return QWATCH_NONE;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    int why = w->why;
    if (w->cancel)
        w->engine->cancel_free(w->cancel);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w);
    return why;
}
