/* sqljoin.h — what the SQL-writing files share (sqlgen, sqljoin, sqlshape,
 * sqlwrite): the tables a query joins and the clauses written over them.
 * Private to the ask module; the parser's files need only internal.h. */
#ifndef DM_ASK_SQLJOIN_H
#define DM_ASK_SQLJOIN_H

#include "ask/internal.h"

/* -------------------------------------------------------------- sqljoin */

#define ASK_MAX_JOINED 16
#define ASK_MAX_KEYCOLS 8  /* columns of one composite key a join matches (a longer one is not joined) */

/* One column pair a join matches: j's tables fi and ti along edge e. */
typedef struct sqljoin_on { int fi, ti, e; } sqljoin_on_t;

typedef struct joins {
    int t[ASK_MAX_JOINED];
    char alias[ASK_MAX_JOINED][64];
    int n;
    int fanout;     /* a one-to-many join was made */
    int by_name;    /* alias = table name (metric expressions refer to it) */
    buf_t from;
    char why[200];  /* why a join was refused, in words, or "" */
    int left;       /* LEFT JOIN from the base: count what is there */
    int edge;       /* the one-hop route from the base the caller chose (a path step), or 0 */
    const char *prefix;  /* before every alias (an EXISTS's own tables: "x"), or NULL */
    /* how each table idx >= 1 was joined: LEFT or not, and its key columns
     * (on[idx][k]: j's tables fi and ti equal along edge e), from which the
     * FROM is written flat or nested (sqlshape_nest.c) */
    int step_left[ASK_MAX_JOINED];
    sqljoin_on_t on[ASK_MAX_JOINED][ASK_MAX_KEYCOLS];
    int non[ASK_MAX_JOINED];
    int nested;     /* tables 0..nested-1 are inside the sub-query `nest`; 0: none */
    char nest[16];
} joins_t;

/* The aggregate SELECT over j (semi: " WHERE <key> IN (…)" for the filters,
 * or NULL); the WHERE of q's filters, existence and period. */
void sqlgen_agg(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b, const char *semi);
int sqlgen_where(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q);  /* conditions written */
/* sqlgen_filter.c: filter f over j's tables as one condition: "c"."city" IN ('A', 'B'). */
void sqlgen_filter(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_filter_t *f);
/* The EXISTS of q->rel for base aliased in j; -1 with err when it cannot be written. */
int sqlgen_exists(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q, char *err, size_t errlen);
/* sqlshape.c: the filters as a semi-join on the base's key, or the counts per entity
 * with LEFT JOINs (zeros kept); 0 written, -1 not that shape, -2 (zeros) two keys
 * link the tables, -3 the counted rows are filtered (a 0 the filter would drop). */
int sqlshape_semijoin(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b);
int sqlshape_zeros(const ask_schema_t *s, const ask_q_t *q, buf_t *b);
/* sqleach.c: the top rows of each group of q->dims[0] (q->each), over j. */
void sqleach_write(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b);

/* Start j at base and join every table q needs; 0, or -1 when no allowed
 * path reaches one of them. j->from holds " FROM … JOIN …" (free it). */
int sqljoin_collect(const ask_schema_t *s, const ask_q_t *q, joins_t *j, int base);
/* Start j at base (" FROM base"), then join table t to what j holds: 0, or
 * -1 when no allowed path reaches it (j->why may say why). */
void sqljoin_begin(const ask_schema_t *s, joins_t *j, int base);
int sqljoin_add(const ask_schema_t *s, joins_t *j, int t);
/* j's index of table t, or -1; the quoted "alias"."column" of (t, c) — "nest"."alias__column"
 * inside j's nest (sqljoin_put_ref: of j's table idx, the one place that knows). */
int sqljoin_index(const joins_t *j, int t);
void sqljoin_put_col(const ask_schema_t *s, buf_t *b, const joins_t *j, int t, int c);
void sqljoin_put_ref(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx, const char *col);
/* " [LEFT ]JOIN "schema"."table" AS "alias" ON …" of j's table idx; a LEFT JOINed table where
 * the dialect reads defaults for missing rows, as (SELECT *, 1 AS "dm__hit" FROM …). */
void sqljoin_put_step(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx);
#define SQLJOIN_HIT "dm__hit"
/* 1 when j's table idx carries that marker; "<its marker> = 1". */
int sqljoin_has_hit(const ask_schema_t *s, const joins_t *j, int idx);
void sqljoin_put_hit(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx);
/* sqlshape_nest.c: when j joins more tables than the dialect runs in one SELECT, j->from
 * rewritten as left-deep sub-queries, one JOIN each: "(SELECT every column as alias__column
 * FROM … JOIN …) AS n1"; j->nested and j->nest say which are inside. Nothing when it fits. */
void sqlshape_nest(const ask_schema_t *s, joins_t *j);
/* "alias".* of j's base, or each of its columns through the nest. */
void sqlshape_put_star(const ask_schema_t *s, buf_t *b, const joins_t *j);
/* "schema"."table" AS "alias" of j's table idx. */
void sqljoin_put_table(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx);
/* 1 when another key of e's table points at the same column (two roles). */
int sqljoin_has_rival(const ask_schema_t *s, const ask_edge_t *e);

#endif
