/* log.h — one JSON object per line on stderr.
 *
 * Every line has time (RFC 3339, UTC, ms), level, pid and, inside a request,
 * the request id (nginx's $request_id) and user id set by the http layer.
 * Lines are written with one write(2), so workers sharing stderr never
 * interleave within a line. */
#ifndef DM_LOG_H
#define DM_LOG_H

#include <jansson.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_FATAL } log_level_t;

void log_set_level(log_level_t min);
int log_level_parse(const char *s, log_level_t *out);
/* Request context; strings are copied. NULL clears. */
void log_set_request(const char *request_id);
void log_set_user(const char *user_id);
const char *log_request_id(void);

void log_msg(log_level_t lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write obj (stolen) with time/level/pid/req added. */
void log_json(log_level_t lvl, json_t *obj);
/* Log then exit(1): start-up failures and broken invariants only. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
