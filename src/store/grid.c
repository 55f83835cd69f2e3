/* grid.c — placing widgets on a dashboard's 12-column grid. */
#include "store/grid.h"

#include <stdlib.h>

void store_grid_clamp(store_grid_item_t *it)
{
    it->w = it->w < 1 ? 1 : it->w > GRID_COLS ? GRID_COLS : it->w;
    it->h = it->h < 1 ? 1 : it->h > GRID_MAX_H ? GRID_MAX_H : it->h;
    it->x = it->x < 0 ? 0 : it->x > GRID_COLS - it->w ? GRID_COLS - it->w : it->x;
    it->y = it->y < 0 ? 0 : it->y > GRID_MAX_Y ? GRID_MAX_Y : it->y;
}

static int overlap(const store_grid_item_t *a, const store_grid_item_t *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The lowest bottom edge among the settled items it overlaps, or -1. */
static int blocker_bottom(const store_grid_item_t *items, const char *settled, size_t n,
                          const store_grid_item_t *it)
{
    int bottom = -1;
    for (size_t j = 0; j < n; j++)
        if (settled[j] && overlap(it, &items[j]) && items[j].y + items[j].h > bottom)
            bottom = items[j].y + items[j].h;
    return bottom;
}

/* Down below whatever it overlaps, again until nothing (each step goes
 * down, so it ends). */
static void push_down(store_grid_item_t *items, const char *settled, size_t n,
                      store_grid_item_t *it)
{
    for (int b; (b = blocker_bottom(items, settled, n, it)) >= 0;)
        it->y = b;
}

/* The first cell at or after row y0 where it fits, row by row. */
static void first_fit(store_grid_item_t *items, const char *settled, size_t n,
                      store_grid_item_t *it, int y0)
{
    for (int y = y0;; y++)
        for (int x = 0; x + it->w <= GRID_COLS; x++) {
            it->x = x;
            it->y = y;
            if (blocker_bottom(items, settled, n, it) < 0)
                return;
        }
}

static int before(const store_grid_item_t *items, size_t a, size_t b)
{
    const store_grid_item_t *x = &items[a], *y = &items[b];
    if (x->y != y->y)
        return x->y < y->y;
    if (x->x != y->x)
        return x->x < y->x;
    return a < b;
}

/* An insertion sort: a dashboard has tens of widgets, and qsort would need
 * the items in a static (it takes no context). */
void store_grid_order(const store_grid_item_t *items, size_t n, size_t *order)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        for (; j > 0 && before(items, i, order[j - 1]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

void store_grid_settle(store_grid_item_t *items, size_t n, int first)
{
    if (n == 0)
        return;
    char *settled = calloc(n, 1);
    size_t *order = calloc(n, sizeof *order);
    if (!settled || !order) {
        free(settled);
        free(order);
        for (size_t i = 0; i < n; i++) { /* no memory: one column, in order */
            items[i].x = 0;
            items[i].y = i ? items[i - 1].y + items[i - 1].h : 0;
            items[i].placed = 1;
        }
        return;
    }
    for (size_t i = 0; i < n; i++)
        store_grid_clamp(&items[i]);
    if (first >= 0 && (size_t)first < n) {
        items[first].placed = 1;
        settled[first] = 1;
    }
    store_grid_order(items, n, order); /* unplaced ones sort anywhere: skipped here */
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        if (settled[i] || !items[i].placed)
            continue;
        push_down(items, settled, n, &items[i]);
        settled[i] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (settled[i])
            continue;
        first_fit(items, settled, n, &items[i], i ? items[i - 1].y : 0);
        items[i].placed = 1;
        settled[i] = 1;
    }
    free(settled);
    free(order);
}
