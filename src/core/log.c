/* log.c — see log.h. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static log_level_t log_min = LOG_INFO;
static char log_req[64];
static char log_user[64];

static const char *const log_names[] = {"debug", "info", "warn", "error", "fatal"};

void log_set_level(log_level_t min)
{
    log_min = min;
}

int log_level_parse(const char *s, log_level_t *out)
{
    for (int i = 0; i <= LOG_FATAL; i++)
        if (strcmp(s, log_names[i]) == 0) {
            *out = (log_level_t)i;
            return 0;
        }
    return -1;
}

static void log_copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

void log_set_request(const char *request_id)
{
    log_copy(log_req, sizeof log_req, request_id);
    if (!request_id)
        log_user[0] = '\0';
}

void log_set_user(const char *user_id)
{
    log_copy(log_user, sizeof log_user, user_id);
}

const char *log_request_id(void)
{
    return log_req;
}

static void log_time(char *out, size_t n)
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    size_t k = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + k, n - k, ".%03dZ", (int)(tv.tv_usec / 1000));
}

void log_json(log_level_t lvl, json_t *obj)
{
    if (lvl < log_min || !obj) {
        json_decref(obj);
        return;
    }
    char ts[40];
    log_time(ts, sizeof ts);
    json_t *line = json_pack("{s:s, s:s, s:i}", "time", ts, "level", log_names[lvl],
                             "pid", (int)getpid());
    if (log_req[0])
        json_object_set_new(line, "req", json_string(log_req));
    if (log_user[0])
        json_object_set_new(line, "user", json_string(log_user));
    json_object_update(line, obj);
    json_decref(obj);
    char *s = json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(line);
    if (!s)
        return;
    size_t len = strlen(s);
    s[len] = '\n'; /* overwrite the NUL: one write for the whole line */
    ssize_t w = write(STDERR_FILENO, s, len + 1);
    (void)w;
    free(s);
}

void log_msg(log_level_t lvl, const char *fmt, ...)
{
    if (lvl < log_min)
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_json(lvl, json_pack("{s:s}", "msg", msg));
}

void fatal(const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_json(LOG_FATAL, json_pack("{s:s}", "msg", msg));
    exit(1);
}
