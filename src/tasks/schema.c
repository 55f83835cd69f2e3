/* schema.c — schema.refresh: read a connection's schema again; every
 * connection every 6 hours, and on demand (a connection saved, "Refresh
 * schema"): each try's end is its outcome, for the page that waits. Once
 * a discovery is saved, each table and column gets its plain-English
 * sentence (ask/describe.c) for the schema browser. */
#include "tasks/tasks_internal.h"
#include "ask/ask.h"
#include "core/log.h"
#include "query/query.h"
#include "store/connections.h"
#include "store/schema.h"
#include "store/vocabulary.h"

#include <stdio.h>

/* The descriptions of the saved schema, from the planner's reading of it
 * and the connection's vocabulary: 0, or -1 with err. */
static int describe_schema(arena_t *a, const char *org, const char *id, char *err, size_t errlen)
{
    json_t *discovered = store_schema_load(a, org, id);
    json_t *vocab = discovered ? store_vocab_load(a, org, id) : NULL;
    ask_schema_t *s = discovered ? ask_schema_new(discovered, vocab, err, errlen) : NULL;
    int rc = -1;
    if (s) {
        size_t n;
        ask_description_t *d = ask_describe(s, discovered, &n);
        store_schema_note_t *notes = arena_alloc(a, (n ? n : 1) * sizeof *notes);
        for (size_t i = 0; i < n; i++)
            notes[i] = (store_schema_note_t){d[i].schema, d[i].table, d[i].column, d[i].text};
        rc = store_schema_describe(a, org, id, notes, n, err, errlen);
        ask_descriptions_free(d, n);
        ask_schema_free(s);
    } else if (!discovered)
        snprintf(err, errlen, "the saved schema could not be read");
    json_decref(vocab);
    json_decref(discovered);
    return rc;
}

int task_schema_refresh(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *id = json_string_value(json_object_get(args, "conn_id"));
    const char *jid = json_string_value(json_object_get(job, "id"));
    store_conn_t c;
    int n;
    if (!org || !id || store_conn_get(a, org, id, &c) < 0)
        return 0; /* deleted meanwhile */
    int rc = query_discover(a, org, &c, &n, err, errlen);
    char derr[256];
    if (rc == 0 && describe_schema(a, org, id, derr, sizeof derr) < 0) /* the tables stand without */
        log_msg(LOG_WARN, "tasks: descriptions of connection %s: %s", id, derr);
    /* for a page that waits on it (a connection just saved): each try's end */
    json_t *o = rc == 0 ? json_pack("{s:b, s:i}", "ok", 1, "tables", n)
                        : json_pack("{s:b, s:s}", "ok", 0, "error", err);
    if (o && jid)
        jobs_outcome_put(a, jid, o);
    json_decref(o);
    if (rc < 0)
        return -1; /* retried: the database may be back later */
    jobs_progress(a, jid, "done", 100, arena_printf(a, "%d tables", n));
    return 0;
}

int tasks_enqueue_schema_refresh(arena_t *a, const char *org_id, const char *conn_id,
                                 char *job_id, char *err, size_t errlen)
{
    return jobs_enqueue(a, "default", "schema.refresh",
                        json_pack("{s:s, s:s}", "org_id", org_id, "conn_id", conn_id), 3, NULL,
                        job_id, err, errlen) < 0 ? -1 : 0;
}

int periodic_schema_refresh(arena_t *a, long slot, char *err, size_t errlen)
{
    size_t n;
    store_conn_ref_t *all = store_conn_all(a, &n);
    for (size_t i = 0; i < n; i++)
        tasks_enqueue_one(a, all[i].org_id, all[i].id, "schema.refresh", "conn_id", 3, slot, err,
                          errlen);
    return 0;
}
