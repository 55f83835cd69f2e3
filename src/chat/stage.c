/* stage.c — the stages of an answer (understood, sql, running, rows,
 * chart, insight), pushed to the page that asked as they happen; a leaf
 * that answer.c and llm_path.c both call. */
#include "chat/chat_internal.h"
#include "live/live.h"

void chat_stage(arena_t *a, const chat_turn_t *t, const char *name, const char *text)
{
    if (t->live_channel)
        live_publish_text(a, t->live_channel, name, text);
}

void chat_stage_rows(arena_t *a, const chat_turn_t *t, const json_t *result)
{
    long n = (long)json_integer_value(json_object_get(result, "row_count"));
    chat_stage(a, t, "rows", arena_printf(a, "%ld row%s%s", n, n == 1 ? "" : "s",
                                          json_is_true(json_object_get(result, "cached")) ? " (cached)" : ""));
}

void chat_stage_chart(arena_t *a, const chat_turn_t *t, const json_t *chart)
{
    const char *kind = json_string_value(json_object_get(chart, "type"));
    chat_stage(a, t, "chart", kind ? arena_printf(a, "%s chart", kind) : "a table");
}
