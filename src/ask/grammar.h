/* grammar.h — the planner's grammar as data: every closed set of kinds is
 * declared once, here, as a table (X-macro), and the words that cue them
 * are rows of tables in grammar.c.
 *
 * One row per kind: the enum name, its stored name (the plan's JSON form,
 * planjson.c) and what else belongs to it (a measure's SQL function, a
 * grain's adjective). internal.h makes the enums from these rows; planjson.c
 * stores and reads plans with the names; sqlgen.c writes the SQL. A new kind
 * is one row here plus its case where the SQL is written (src/ask/README.md,
 * "Adding a shape").
 *
 * Leaf file: it includes nothing of the module, so every planner file may
 * include it. */
#ifndef DM_ASK_GRAMMAR_H
#define DM_ASK_GRAMMAR_H

/* Measures: enum, stored name, SQL aggregate (NULL: written by its own case
 * in sqlgen.c), column-label prefix ("total_amount"). */
#define ASK_MEASURES(X)                                   \
    X(M_NONE,           "none",           "",      "")         \
    X(M_COUNT,          "count",          NULL,    "")         \
    X(M_COUNT_DISTINCT, "count_distinct", "count", "distinct_") \
    X(M_SUM,            "sum",            "sum",   "total_")   \
    X(M_AVG,            "avg",            "avg",   "avg_")     \
    X(M_MIN,            "min",            "min",   "min_")     \
    X(M_MAX,            "max",            "max",   "max_")     \
    X(M_MEDIAN,         "median",         NULL,    "median_")  \
    X(M_METRIC,         "metric",         NULL,    "")         \
    X(M_REVENUE,        "revenue",        NULL,    "")         \
    X(M_DAYS_SPANNED,   "days_spanned",   NULL,    "days_")

/* Time grains: enum, name (also date_trunc's unit and the interval unit),
 * the adjective that asks for it ("monthly"). G_DOW groups by the day of
 * the week (Monday … Sunday), no period: never a date_trunc unit. */
#define ASK_GRAINS(X)                       \
    X(G_NONE,    "",        "")             \
    X(G_DAY,     "day",     "daily")        \
    X(G_WEEK,    "week",    "weekly")       \
    X(G_MONTH,   "month",   "monthly")      \
    X(G_QUARTER, "quarter", "quarterly")    \
    X(G_YEAR,    "year",    "yearly")       \
    X(G_DOW,     "weekday", "")

/* Filter operators: enum, stored name. The text tests come last
 * (op >= OP_CONTAINS: vals[0] is the text). */
#define ASK_OPS(X)                 \
    X(OP_IN,       "in")           \
    X(OP_GT,       ">")            \
    X(OP_GE,       ">=")           \
    X(OP_LT,       "<")            \
    X(OP_LE,       "<=")           \
    X(OP_BETWEEN,  "between")      \
    X(OP_NOT_IN,   "not_in")       \
    X(OP_NULL,     "is_null")      \
    X(OP_NOT_NULL, "not_null")     \
    X(OP_WEEKDAY,  "weekday")      \
    X(OP_GT_COL,   "gt_column")    \
    X(OP_LT_COL,   "lt_column")    \
    X(OP_SAME,     "same")         \
    X(OP_CHILD_OF, "points_to")    \
    X(OP_PARENT_OF, "pointed_by")  \
    X(OP_CONTAINS, "contains")     \
    X(OP_STARTS,   "starts_with")  \
    X(OP_ENDS,     "ends_with")

/* Date ranges: enum, stored name. */
#define ASK_DATE_KINDS(X)            \
    X(D_NONE,      "none")           \
    X(D_TODAY,     "today")          \
    X(D_YESTERDAY, "yesterday")      \
    X(D_THIS,      "this")           \
    X(D_PREV,      "last")           \
    X(D_LAST_N,    "last_n")         \
    X(D_RANGE,     "range")          \
    X(D_SINCE,     "since")          \
    X(D_BEFORE,    "before")

/* What a plan is: an aggregate, a list of rows, a question about the
 * database itself. */
#define ASK_QUERY_KINDS(X)    \
    X(Q_AGG,     "aggregate") \
    X(Q_LIST,    "list")      \
    X(Q_CATALOG, "catalog")

/* Catalog questions (catalog.c). */
#define ASK_CATALOG_KINDS(X)   \
    X(CAT_TABLES,  "tables")   \
    X(CAT_RELATIONS, "tables_and_views") \
    X(CAT_COLUMNS, "columns")  \
    X(CAT_SAMPLE,  "sample")   \
    X(CAT_COUNT,   "count")    \
    X(CAT_COLUMN,  "column")

/* Percentages (share.c): "what percentage of loans have status A" is
 * 100 × the measure where the condition holds / the measure (SHARE_COND);
 * "percentage of students in each department" is 100 × each group's
 * measure / the total (SHARE_TOTAL). */
#define ASK_SHARE_KINDS(X)          \
    X(SHARE_NONE,  "none")          \
    X(SHARE_COND,  "of_condition")  \
    X(SHARE_TOTAL, "of_total")

/* Column pickers for the tables above, by their number of columns. */
#define ASK_COL1_OF2(e, name) e,
#define ASK_COL1_OF3(e, name, a) e,
#define ASK_COL1_OF4(e, name, a, b) e,
enum { ASK_MEASURES(ASK_COL1_OF4) M_COUNT_ };
enum { ASK_GRAINS(ASK_COL1_OF3) G_COUNT_ };
enum { ASK_OPS(ASK_COL1_OF2) OP_COUNT_ };
enum { ASK_DATE_KINDS(ASK_COL1_OF2) D_COUNT_ };
enum { ASK_QUERY_KINDS(ASK_COL1_OF2) Q_COUNT_ };
enum { ASK_CATALOG_KINDS(ASK_COL1_OF2) CAT_COUNT_ };
enum { ASK_SHARE_KINDS(ASK_COL1_OF2) SHARE_COUNT_ };

/* The stored names, indexed by the enums above. */
extern const char *const grammar_measure_names[M_COUNT_];
extern const char *const grammar_measure_sql[M_COUNT_];
extern const char *const grammar_measure_prefix[M_COUNT_];
extern const char *const grammar_grain_names[G_COUNT_];
extern const char *const grammar_grain_adjectives[G_COUNT_];
extern const char *const grammar_op_names[OP_COUNT_];
extern const char *const grammar_date_names[D_COUNT_];
extern const char *const grammar_query_names[Q_COUNT_];
extern const char *const grammar_catalog_names[CAT_COUNT_];
extern const char *const grammar_share_names[SHARE_COUNT_];

/* The index of v in names[0..n), or -1 (v NULL or not there). */
int grammar_find(const char *const *names, int n, const char *v);
/* "month" for G_MONTH; "" for G_NONE or out of range. */
const char *grammar_grain_name(int g);
/* G_MONTH for "month"; G_NONE for anything else. */
int grammar_grain_parse(const char *name);
/* 1 for the operators whose values name one row of the table by ref[]:
 * OP_SAME ("the same city as Adam Wayne") and a key to the table itself
 * (OP_CHILD_OF "reports to Andrew Fuller", OP_PARENT_OF "Suyama's manager"). */
int grammar_names_row(int op);

/* ------------------------------------------------------------------ cues
 *
 * A cue is one or two words that say a kind: "how many" (a count), "more
 * than" (>), "last" (the previous period). A table of cues ends with a row
 * whose word is NULL; rows of two words come before rows of one that start
 * the same, so the longer reading wins. What the kind means is the table's:
 * a measure, an operator, a date kind, a sort direction. */
typedef struct ask_cue {
    const char *word;  /* lower case */
    const char *next;  /* the word that must follow, or NULL */
    int kind;
    int flags;         /* per table; see each table */
} ask_cue_t;

/* Measures named by a word: "how many", "total", "average" … */
extern const ask_cue_t grammar_measure_cues[];
/* Numeric comparisons: "over", "more than", "at least" … */
#define CUE_NEGATABLE 1  /* "no more than 5" reads the other way round */
#define CUE_AGE       2  /* "older than", "younger than": about an age */
#define CUE_HEIGHT    4  /* "taller than" */
#define CUE_WEIGHT    8  /* "heavier than", "lighter than" */
#define CUE_LENGTH   16  /* "longer than", "shorter than": a length or duration */
extern const ask_cue_t grammar_cmp_cues[];
/* Text tests: "contains", "starting with", "ends with". */
extern const ask_cue_t grammar_text_cues[];
/* Relative periods: "this", "last", "past" (the last N). */
extern const ask_cue_t grammar_relative_cues[];
/* Open-ended periods: "since", "after", "before", "until". */
extern const ask_cue_t grammar_bound_cues[];
/* Periods said in one word or phrase: "today", "ytd", "year to date". */
#define CUE_THREE 1  /* the phrase is three words: word, next, "date" */
extern const ask_cue_t grammar_day_cues[];
/* Sort words: kind 1 for the highest first, -1 for the lowest. */
extern const ask_cue_t grammar_order_cues[];
/* Chart requests: kind is the index into grammar_chart_names. */
#define CUE_WANTS_CHART 1  /* only with "chart", "graph" or "plot" after it */
extern const ask_cue_t grammar_chart_cues[];
extern const char *const grammar_chart_names[];

#endif
