/* widget_grid.c — moving and resizing widgets on a dashboard's grid: one
 * transaction under the dashboard's row lock that reads every widget's
 * place, settles the layout (store/grid.c) and writes back the rows that
 * changed, with the reading order as their position. */
#include "store/widgets.h"
#include "store/grid.h"
#include "store/db.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct layout {
    const char **ids;
    store_grid_item_t *items;
    size_t n;
} layout_t;

/* BEGIN, lock the dashboard, read its widgets' places in their order and
 * settle them (unplaced ones laid out). -1 (rolled back) on failure. */
static int layout_open(arena_t *a, const char *org_id, const char *dash_id, layout_t *l)
{
    char err[256];
    const char *p[2] = {org_id, dash_id};
    if (db_begin(err, sizeof err) < 0)
        return -1;
    PGresult *lock = db_exec(a, "SELECT 1 FROM dashboards WHERE org_id = $1 AND id = $2 FOR UPDATE",
                             2, p, err, sizeof err);
    PGresult *res = lock && PQntuples(lock) == 1
        ? db_exec(a, "SELECT id, grid_x, grid_y, grid_w, grid_h FROM widgets"
                     " WHERE org_id = $1 AND dashboard_id = $2 ORDER BY position, created_at",
                  2, p, err, sizeof err) : NULL;
    if (!res) {
        db_rollback();
        return -1;
    }
    l->n = (size_t)PQntuples(res);
    l->ids = arena_alloc(a, (l->n + 1) * sizeof *l->ids);
    l->items = arena_alloc(a, (l->n + 1) * sizeof *l->items);
    for (size_t i = 0; i < l->n; i++) {
        store_grid_item_t *it = &l->items[i];
        l->ids[i] = arena_strdup(a, db_get(res, (int)i, 0));
        it->placed = !db_is_null(res, (int)i, 1) && !db_is_null(res, (int)i, 2);
        it->x = it->placed ? atoi(db_get(res, (int)i, 1)) : 0;
        it->y = it->placed ? atoi(db_get(res, (int)i, 2)) : 0;
        it->w = atoi(db_get(res, (int)i, 3));
        it->h = atoi(db_get(res, (int)i, 4));
    }
    store_grid_settle(l->items, l->n, -1);
    return 0;
}

static int layout_find(const layout_t *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->ids[i], id) == 0)
            return (int)i;
    return -1;
}

/* Write the places that changed (one statement, arrays as parameters)
 * and commit; *cells gets the layout in reading order. */
static int layout_commit(arena_t *a, const char *org_id, const char *dash_id, const layout_t *l,
                         store_widget_cell_t **cells, size_t *n)
{
    char err[256];
    size_t *order = arena_alloc(a, (l->n + 1) * sizeof *order);
    store_grid_order(l->items, l->n, order);
    buf_t ids = {0}, v[5] = {{0}};
    for (size_t k = 0; k < l->n; k++) {
        const store_grid_item_t *it = &l->items[order[k]];
        int vals[5] = {it->x, it->y, it->w, it->h, (int)k};
        buf_printf(&ids, "%s%s", k ? "," : "{", l->ids[order[k]]);
        for (int c = 0; c < 5; c++)
            buf_printf(&v[c], "%s%d", k ? "," : "{", vals[c]);
    }
    const char *p[8] = {org_id, dash_id, arena_printf(a, "%s}", l->n ? buf_str(&ids) : "{")};
    for (int c = 0; c < 5; c++) {
        p[3 + c] = arena_printf(a, "%s}", l->n ? buf_str(&v[c]) : "{");
        buf_free(&v[c]);
    }
    buf_free(&ids);
    PGresult *res = db_exec(a,
        "UPDATE widgets w SET grid_x = v.x, grid_y = v.y, grid_w = v.w, grid_h = v.h,"
        " position = v.pos FROM unnest($3::uuid[], $4::int[], $5::int[], $6::int[], $7::int[],"
        " $8::int[]) AS v(id, x, y, w, h, pos)"
        " WHERE w.org_id = $1 AND w.dashboard_id = $2 AND w.id = v.id"
        " AND (w.grid_x, w.grid_y, w.grid_w, w.grid_h, w.position)"
        "  IS DISTINCT FROM (v.x, v.y, v.w, v.h, v.pos)",
        8, p, err, sizeof err);
    if (!res || db_commit(err, sizeof err) < 0) {
        if (!res)
            db_rollback();
        return -1;
    }
    if (cells) {
        *n = l->n;
        *cells = arena_alloc(a, (l->n + 1) * sizeof **cells);
        for (size_t k = 0; k < l->n; k++) {
            const store_grid_item_t *it = &l->items[order[k]];
            (*cells)[k] = (store_widget_cell_t){l->ids[order[k]], it->x, it->y, it->w, it->h};
        }
    }
    return 0;
}

int store_widget_place(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                       int x, int y, int w, int h, store_widget_cell_t **cells, size_t *n)
{
    layout_t l;
    if (!db_is_uuid(id) || layout_open(a, org_id, dash_id, &l) < 0)
        return -1;
    int k = layout_find(&l, id);
    if (k < 0) {
        db_rollback();
        return -1;
    }
    l.items[k] = (store_grid_item_t){x, y, w, h, 1};
    store_grid_settle(l.items, l.n, k);
    return layout_commit(a, org_id, dash_id, &l, cells, n);
}

int store_widget_move(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                      int delta)
{
    layout_t l;
    if (!db_is_uuid(id) || layout_open(a, org_id, dash_id, &l) < 0)
        return -1;
    int k = layout_find(&l, id);
    if (k < 0) {
        db_rollback();
        return -1;
    }
    size_t *order = arena_alloc(a, (l.n + 1) * sizeof *order), at = 0;
    store_grid_order(l.items, l.n, order);
    while (order[at] != (size_t)k)
        at++;
    long other = (long)at + (delta < 0 ? -1 : 1);
    if (other >= 0 && (size_t)other < l.n) { /* the first or last stays where it is */
        store_grid_item_t *me = &l.items[k], *them = &l.items[order[other]];
        int mx = me->x, my = me->y;
        me->x = them->x;
        me->y = them->y;
        them->x = mx;
        them->y = my;
        store_grid_settle(l.items, l.n, k);
    }
    return layout_commit(a, org_id, dash_id, &l, NULL, NULL);
}

int store_widget_lay_out(arena_t *a, const char *org_id, const char *dash_id)
{
    layout_t l;
    if (layout_open(a, org_id, dash_id, &l) < 0) /* settles the unplaced ones */
        return -1;
    return layout_commit(a, org_id, dash_id, &l, NULL, NULL);
}
