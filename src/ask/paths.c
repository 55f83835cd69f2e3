/* paths.c — ways through the foreign-key graph: the cheapest join path
 * between two tables, how many cheapest routes there are (two are a
 * question, not a choice), and the walk an EXISTS takes. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdlib.h>

/* 1 when edge e repeats an earlier edge between the same two tables (a
 * composite key's other columns, or a rival key): one route, not two. */
static int edge_repeats(const ask_schema_t *s, int e)
{
    for (int k = 0; k < e; k++)
        if (s->edges[k].from_t == s->edges[e].from_t && s->edges[k].to_t == s->edges[e].to_t)
            return 1;
    return 0;
}

/* Dijkstra over the FK graph from base until target is settled, hop cost
 * 10 (+1 against the FK direction, so equal-length paths prefer
 * many-to-one joins, which never fan out). Per table: dist (-1 when not
 * reached), via (the edge it was first reached by: index + 1 walked
 * forward, many->one; -(index + 1) backward) and ways (cheapest routes
 * there, counted up to 2). */
static void walk(const ask_schema_t *s, int base, int target, int *dist, int *via, int *ways)
{
    int n = s->ntables;
    char *done = xcalloc((size_t)n, 1);
    for (int i = 0; i < n; i++)
        dist[i] = -1, via[i] = 0, ways[i] = 0;
    dist[base] = 0, ways[base] = 1;
    for (;;) {
        int u = -1;
        for (int i = 0; i < n; i++)
            if (!done[i] && dist[i] >= 0 && (u < 0 || dist[i] < dist[u]))
                u = i;
        if (u < 0 || u == target)
            break;
        done[u] = 1;
        for (int e = 0; e < s->nedges; e++) {
            const ask_edge_t *ed = &s->edges[e];
            int v = ed->from_t == u ? ed->to_t : ed->to_t == u ? ed->from_t : -1;
            int d = dist[u] + (ed->from_t == u ? 10 : 11);
            if (v < 0 || done[v] || edge_repeats(s, e))
                continue;
            if (dist[v] < 0 || d < dist[v])
                dist[v] = d, via[v] = ed->from_t == u ? e + 1 : -(e + 1), ways[v] = ways[u];
            else if (d == dist[v])
                ways[v] = ways[v] + ways[u] > 2 ? 2 : ways[v] + ways[u];
        }
    }
    free(done);
}

/* The cheapest path: path[k] = edge index + 1 walked forward (many->one),
 * -(edge + 1) backward; its length, or -1. */
int paths_find(const ask_schema_t *s, int base, int target, int *path, int max)
{
    int n = s->ntables, found = -1;
    int *dist = xmalloc((size_t)n * sizeof *dist), *via = xmalloc((size_t)n * sizeof *via);
    int *ways = xmalloc((size_t)n * sizeof *ways);
    walk(s, base, target, dist, via, ways);
    if (dist[target] >= 0) {
        int len = 0;
        for (int v = target; v != base && len < max; len++) {
            int e = via[v] > 0 ? via[v] - 1 : -via[v] - 1;
            path[len] = via[v];
            v = via[v] > 0 ? s->edges[e].from_t : s->edges[e].to_t;
        }
        for (int i = 0; i < len / 2; i++) {  /* base first */
            int x = path[i];
            path[i] = path[len - 1 - i];
            path[len - 1 - i] = x;
        }
        found = len;
    }
    free(dist);
    free(via);
    free(ways);
    return found;
}

/* How many foreign keys of table from point at table to. */
int paths_edges(const ask_schema_t *s, int from, int to)
{
    int n = 0;
    for (int e = 0; e < s->nedges; e++)
        n += s->edges[e].from_t == from && s->edges[e].to_t == to;
    return n;
}

/* 1 when another table's key points at t: its rows are things of their own. */
int paths_pointed_at(const ask_schema_t *s, int t)
{
    for (int e = 0; e < s->nedges; e++)
        if (s->edges[e].to_t == t && s->edges[e].from_t != t)
            return 1;
    return 0;
}

/* 1 when the rows of t reached from base fan out (a base row has many),
 * or t is not reached at all. */
int paths_fans_out(const ask_schema_t *s, int base, int t)
{
    int path[6], len = t == base ? 0 : paths_find(s, base, t, path, 6), fans = len < 0;
    for (int k = 0; k < len; k++)
        fans |= path[k] < 0;
    return fans;
}

/* How many cheapest routes lead from base to target, counted up to 2:
 * payment reaches store through staff and through customer, and which one
 * a question means is not ours to pick. */
int paths_count(const ask_schema_t *s, int base, int target)
{
    int n = s->ntables;
    int *dist = xmalloc((size_t)n * sizeof *dist), *via = xmalloc((size_t)n * sizeof *via);
    int *ways = xmalloc((size_t)n * sizeof *ways);
    walk(s, base, target, dist, via, ways);
    int r = dist[target] >= 0 ? ways[target] : 0;
    free(dist);
    free(via);
    free(ways);
    return r;
}

/* "films that were never rented": [NOT] EXISTS (SELECT 1 FROM rental JOIN
 * inventory … WHERE inventory.film_id = f.film_id), walking the related
 * table's keys many-to-one up to the base; through a link table
 * (film_actor) the link's own rows say it. 0, or -1 when no such walk. */
int paths_exists(const ask_schema_t *s, int rel, int base, int *path, int max)
{
    int len = paths_find(s, rel, base, path, max);
    if (len == 2 && path[0] < 0 && path[1] > 0) {  /* rel ← link → base: the link alone */
        path[0] = path[1];
        return 1;
    }
    for (int k = 0; k < len; k++)
        if (path[k] < 0)
            return -1;
    return len;
}

/* The edge of q's end key ("departing routes": routes.source_id), or -1. */
int paths_end_edge(const ask_schema_t *s, const ask_q_t *q)
{
    for (int e = 0; q && q->end.t >= 0 && e < s->nedges; e++)
        if (s->edges[e].from_t == q->end.t && s->edges[e].from_c == q->end.c)
            return e;
    return -1;
}

/* 1 when each row of v belongs to one row of t: v reaches t by keys alone
 * (many to one at every hop), along one cheapest route. */
int paths_belongs_to(const ask_schema_t *s, int v, int t)
{
    int path[6], len = paths_find(s, v, t, path, 6);
    for (int k = 0; k < len; k++)
        if (path[k] < 0)
            return 0;
    return len > 0 && paths_count(s, v, t) == 1;
}
