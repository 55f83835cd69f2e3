/* row_fields.h — reading one column of an app-database result into a typed
 * row: the helpers the store's row_from_result functions share (inside
 * store/ only). Strings and JSON land in the caller's arena. */
#ifndef DM_STORE_ROW_FIELDS_H
#define DM_STORE_ROW_FIELDS_H

#include <jansson.h>
#include <libpq-fe.h>

#include "core/arena.h"
#include "store/db.h"

/* The column's text, or NULL when it is SQL NULL. */
static inline const char *row_text_or_null(arena_t *a, const PGresult *res, int row, int col)
{
    return db_is_null(res, row, col) ? NULL : arena_strdup(a, db_get(res, row, col));
}

/* A JSON column (selected as text), parsed and owned by the arena; NULL
 * when it is SQL NULL (or not JSON). */
static inline json_t *row_json(arena_t *a, const PGresult *res, int row, int col)
{
    json_t *v = db_is_null(res, row, col) ? NULL : json_loads(db_get(res, row, col), 0, NULL);
    if (v)
        arena_defer_json(a, v);
    return v;
}

#endif
