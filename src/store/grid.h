/* grid.h — a dashboard's grid: where each widget sits on 12 columns, and
 * how a move or a resize settles the others (pure: no database; used by
 * store_widget_place / store_widget_move and by the dashboard page for
 * widgets not placed yet). */
#ifndef DM_STORE_GRID_H
#define DM_STORE_GRID_H

#include <stddef.h>

#define GRID_COLS 12
#define GRID_MAX_H 24   /* rows a widget may span */
#define GRID_MAX_Y 999  /* the last row a widget may start on */

typedef struct store_grid_item {
    int x, y, w, h; /* column, row, width in columns, height in rows */
    int placed;     /* 0: x and y are not set (a new widget, or never laid out) */
} store_grid_item_t;

/* Clamp w to 1..12, h to 1..GRID_MAX_H, x so the widget fits the 12
 * columns, y to 0..GRID_MAX_Y. */
void store_grid_clamp(store_grid_item_t *it);

/* Make items[0..n) a layout without overlaps. items are in reading order
 * (their stored position). The item at index `first` (or none when -1:
 * a page placing unplaced widgets) keeps its place; every other placed
 * widget keeps its own unless it overlaps one settled before it (settled
 * by row, then column): then it moves down just below. Unplaced widgets
 * go to the first free cell at or after the row of the widget before them.
 * All items end placed. */
void store_grid_settle(store_grid_item_t *items, size_t n, int first);

/* order[0..n): the indexes of items in reading order (row, then column,
 * then their index). */
void store_grid_order(const store_grid_item_t *items, size_t n, size_t *order);

#endif
