/* preview.c — chat_result_preview (chat_internal.h): what a stored message
 * keeps of a result. A leaf of chat/: answer.c and llm_path.c both use it. */
#include "chat/chat_internal.h"
#include "query/query.h"

#include <string.h>

#define PREVIEW_ROWS 100
#define PREVIEW_CELL_BYTES 4096 /* of a text value kept in a stored message */

/* The first 100 rows, for the stored message; the rest is re-run on demand
 * (a download runs the query again). A long text value keeps what a screen
 * shows of it: a message stays small whatever the query returned. */
json_t *chat_result_preview(const json_t *result)
{
    json_t *p = json_pack("{s:[]}", "rows");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)result, key, v)
        if (strcmp(key, "rows") != 0 && strcmp(key, "ms") != 0)
            json_object_set(p, key, v);
    json_t *rows = json_object_get(p, "rows"), *row;
    size_t i, j;
    json_array_foreach(json_object_get(result, "rows"), i, row) {
        if (i >= PREVIEW_ROWS)
            break;
        json_t *copy = json_array(), *cell;
        json_array_foreach(row, j, cell)
            json_array_append_new(copy, query_value_clip(cell, PREVIEW_CELL_BYTES));
        json_array_append_new(rows, copy);
    }
    return p;
}
