/* mydata.c — "Download my data": the export job's file when its args say
 * "mydata": everything the user owns as one JSON document
 * (store_rights_export), never a secret. Written by a job runner because
 * a long-time user's chats can be large; sent like any export. */
#include "tasks/tasks_internal.h"
#include "core/log.h"
#include "store/rights.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

json_t *tasks_mydata_file(arena_t *a, const json_t *args, buf_t *body, json_t **audit)
{
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *user = json_string_value(json_object_get(args, "user_id"));
    char err[512];
    const char *doc = store_rights_export(a, org, user, err, sizeof err);
    if (!doc) {
        log_msg(LOG_WARN, "tasks: data export of user %s: %s", user ? user : "?", err);
        return json_pack("{s:b, s:i, s:s}", "ok", 0, "status", 503, "error",
                         "Your data could not be read right now. Try again in a moment.");
    }
    buf_puts(body, doc);
    char day[16];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    *audit = json_pack("{s:I}", "bytes", (json_int_t)strlen(doc));
    return json_pack("{s:b, s:s, s:s}", "ok", 1, "name",
                     arena_printf(a, "datamind-my-data-%s.json", day), "type",
                     "application/json; charset=utf-8");
}
