/* search.c — the organization's dashboards, saved queries, connections
 * and the user's chats whose names hold every word of a search. */
#include "store/search.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>

/* $1 org, $2 user, $3 the search, $4 the limit. Each word becomes an
 * ILIKE pattern with its wildcards escaped; no word matches everything. */
static const char *const search_sql =
    "WITH w AS (SELECT coalesce(array_agg('%' || replace(replace(replace(x, '\\', '\\\\'),"
    "  '%', '\\%'), '_', '\\_') || '%'), '{}') AS pats,"
    "  lower(trim($3)) AS q FROM regexp_split_to_table(trim($3), '\\s+') x WHERE x <> ''),"
    " hits AS ("
    "  SELECT 'dashboard' AS kind, d.id, d.title, d.description AS detail, d.updated_at AS at"
    "  FROM dashboards d, w WHERE d.org_id = $1 AND (d.is_shared OR d.created_by_id = $2)"
    "  AND d.title ILIKE ALL (w.pats)"
    " UNION ALL"
    "  SELECT 'query', q.id, q.name, q.description, q.updated_at"
    "  FROM saved_queries q, w WHERE q.org_id = $1 AND (q.is_shared OR q.created_by_id = $2)"
    "  AND q.name ILIKE ALL (w.pats)"
    " UNION ALL"
    "  SELECT 'connection', c.id, c.name, c.kind, c.updated_at"
    "  FROM connections c, w WHERE c.org_id = $1 AND c.name ILIKE ALL (w.pats)"
    " UNION ALL"
    "  SELECT 'chat', s.id, s.title, '', s.updated_at"
    "  FROM chat_sessions s, w WHERE s.org_id = $1 AND s.user_id = $2"
    "  AND s.title ILIKE ALL (w.pats))"
    " SELECT kind, id, title, detail FROM hits, w"
    " ORDER BY starts_with(lower(title), w.q) DESC, at DESC LIMIT $4::int";

static void hit_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_search_hit_t *h = out;
    h->kind = store_row_text(a, res, i, 0);
    h->id = store_row_text(a, res, i, 1);
    h->title = store_row_text(a, res, i, 2);
    h->detail = store_row_text(a, res, i, 3);
}

int store_search_run(arena_t *a, const char *org_id, const char *user_id, const char *search,
                     int limit, store_search_hit_t **rows, size_t *n)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[4] = {org_id, user_id, search ? search : "", lim};
    *rows = store_rows_fetch(a, search_sql, 4, p, sizeof **rows, hit_from_result, n);
    return *rows ? 0 : -1;
}
