/* widgets.h — a dashboard's widgets: a chart, table or KPI drawn from a
 * query on one of the organization's connections, or a Markdown text; their
 * order on the dashboard and their last result. Tenancy: every function
 * takes the organization, and all but store_widget_set_result the
 * dashboard too, so a widget is only reached through a dashboard of the
 * caller's organization. The store does not check who may see or change
 * the dashboard: callers load it first with store_dash_get (which applies
 * the visibility rule) and check dashboard_can_edit before a change.
 * Callers: the dashboard and widget pages, the exports and the worker's
 * widget.refresh task. Rows live in the caller's arena. */
#ifndef DM_STORE_WIDGETS_H
#define DM_STORE_WIDGETS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_widget {
    const char *id, *dashboard_id, *title;
    const char *kind;          /* chart, table, kpi or text */
    const char *sql_text, *body_markdown;
    const char *size;          /* small, medium, large or full */
    const char *date_column;   /* the column the dashboard's date filter applies to; NULL: none */
    const char *connection_id; /* NULL when none (a text widget) or its connection was deleted */
    const char *connection;    /* that connection's name, "" when none */
    const char *refreshed;     /* last refresh as "YYYY-MM-DD HH:MI"; NULL: never */
    const char *last_error;    /* the last refresh's error; NULL when it worked */
    int position;              /* its place in reading order, from 0 */
    /* its cell on the 12-column grid (store/grid.h): column, row, width,
     * height; placed 0 while x and y are not set (laid out in order) */
    int gx, gy, gw, gh, placed;
    long long age_s;           /* seconds since the last refresh; -1: never */
    /* The chart settings the user chose ({"type", "x", "y", "series"},
     * read by chart/), as JSON (borrowed, owned by the arena; NULL when the
     * column is NULL). */
    json_t *chart_config;
    /* The stored query result ({"columns", "rows", …}) as its JSON text,
     * NULL when none: a view that copies the stored fragment never parses
     * it; store_widget_result does when it is needed. */
    const char *result_text;
    const char *result_hash;   /* md5 of the stored result's [columns, rows]; NULL when none */
    /* The fragment drawn from that result (chart_widget_render) and the
     * render key it was drawn under (chart_widget_key); NULL when none. */
    const char *render_key, *fragment_html, *fragment_svg;
    /* changes whenever the row changes (its xmin, so also a new result or
     * fragment): for the page's ETag */
    const char *version;
    const char *params;        /* its {{name}} parameters (query.h), a JSON array */
} store_widget_t;

typedef struct store_widget_fields {
    const char *title, *kind, *sql, *markdown, *size, *date_column, *connection_id;
    const json_t *chart_config; /* may be NULL */
    const json_t *last_result;  /* may be NULL: a result to show until the first refresh */
    const char *params;         /* JSON array of {{name}} declarations; NULL = [] */
} store_widget_fields_t;

/* The dashboard's widgets in their order. 0, or -1 when the database
 * failed (*rows and *n then empty). */
int store_widget_list(arena_t *a, const char *org_id, const char *dash_id, store_widget_t **rows,
                      size_t *n);
/* One widget of the dashboard: 0, or -1 when there is none (or the id is
 * not a UUID, or the database failed). */
int store_widget_get(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                     store_widget_t *out);
/* At the end of the dashboard (its place on the grid: the first free cell
 * after the last widget's row); a connection not of this organization is
 * left out. */
int store_widget_add(arena_t *a, const char *org_id, const char *dash_id,
                     const store_widget_fields_t *f, char **id, char *err, size_t errlen);
/* A changed SQL or connection drops the stored result. -1 when there is no
 * such widget, or the connection is not one of the organization's. */
int store_widget_update(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                        const store_widget_fields_t *f);
/* Swap places on the grid with the neighbour in reading order (delta -1
 * earlier, +1 later), in one transaction; the others settle around it
 * (store_grid_settle). -1 when there is no such widget. */
int store_widget_move(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                      int delta);
/* A widget's place after a move or resize on the grid. */
typedef struct store_widget_cell {
    const char *id;
    int x, y, w, h;
} store_widget_cell_t;
/* Put the widget at column x, row y, w columns wide and h rows high
 * (clamped to the grid); the others settle around it (the ones it now
 * covers move down), and the reading order follows. One transaction, under
 * the dashboard's row lock. *cells (may be NULL) gets every widget's place
 * in reading order. 0, or -1 when there is no such widget. */
int store_widget_place(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                       int x, int y, int w, int h, store_widget_cell_t **cells, size_t *n);
/* Give every widget of the dashboard without a place one, in order
 * (store_grid_settle), and store it. 0, or -1. */
int store_widget_lay_out(arena_t *a, const char *org_id, const char *dash_id);
int store_widget_delete(arena_t *a, const char *org_id, const char *dash_id, const char *id);
/* The stored result parsed (owned by the arena), or NULL when there is
 * none (or it is not a JSON object). */
json_t *store_widget_result(arena_t *a, const store_widget_t *w);
/* Record a refresh: the result (borrowed; NULL keeps the old one) and the
 * error (NULL when it worked). Returns the stored result's fingerprint
 * (result_hash, in the arena), NULL when there is none or no such widget. */
const char *store_widget_set_result(arena_t *a, const char *org_id, const char *id,
                                    const json_t *result, const char *error);
/* Store the fragment drawn for the widget's result and its render key
 * (svg may be NULL: the chart cannot be drawn). */
void store_widget_set_fragment(arena_t *a, const char *org_id, const char *id,
                               const char *render_key, const char *html, const char *svg);

/* For the store's own joins (store_dash_view): the select list of a
 * widget "w" with its connection "c" LEFT JOINed, and the fill from the
 * STORE_WIDGET_NCOLS columns that start at column c0. */
#define STORE_WIDGET_COLS STORE_WIDGET_COLS_WITH("w.fragment_svg")
/* the same but the SVG (NULL): for a page that does not show it (the dashboard) */
#define STORE_WIDGET_COLS_NO_SVG STORE_WIDGET_COLS_WITH("NULL::text")
/* A new column goes at the end of this list, with its line in
 * store_widget_fill and STORE_WIDGET_NCOLS one more. */
#define STORE_WIDGET_COLS_WITH(svg)                                                                \
    "w.id, w.dashboard_id, w.title, w.kind, w.sql_text, w.body_markdown,"                         \
    " w.chart_config::text, w.size, w.position, w.date_column, w.connection_id,"                  \
    " coalesce(c.name, ''), w.last_result::text,"                                                 \
    " to_char(w.last_refreshed_at, 'YYYY-MM-DD HH24:MI'),"                                        \
    " extract(epoch FROM now() - w.last_refreshed_at)::bigint, w.last_error, w.xmin::text,"       \
    " w.result_hash, w.render_key, w.fragment_html, " svg ","                                     \
    " w.params::text, w.grid_x, w.grid_y, w.grid_w, w.grid_h"
#define STORE_WIDGET_NCOLS 26
struct pg_result;
void store_widget_fill(arena_t *a, const struct pg_result *res, int row, int c0,
                       store_widget_t *w);

/* For templates: every field but the result and the fragments (large, and
 * no template shows them raw); NULL strings as null, age_s -1 as null, chart_config copied.
 * New reference. */
json_t *store_widget_json(const store_widget_t *w);

#endif
