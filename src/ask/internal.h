/* internal.h — shared types of the ask module's planner files.
 *
 * The pipeline: words.c splits a question into tokens (lower-cased, stemmed,
 * synonyms folded, number words read); schema_load.c reads the schema and its
 * foreign-key graph, lexicon.c indexes it all by words (lexicon_roles.c: what
 * a column is for); catalog.c answers questions about the database itself from
 * the discovered schema; parse.c scans the tokens (dates.c reads periods);
 * assemble.c gives what it found roles and builds a plan (ask_q_t), filters.c
 * the filters among them; account.c checks that every content word was placed
 * — a word left over makes the planner ask (typos.c reads a left-over word as
 * its nearest one); followup.c edits a previous plan; sqlgen.c writes one
 * SELECT (sqljoin.c its FROM); planner.c ties it together and writes
 * clarifications; context.c serves the LLM prompt and starter questions. A
 * plan refers to tables and columns by index into the schema; its JSON form
 * (planjson.c) uses names and is re-validated against the schema when read. */
#ifndef DM_ASK_INTERNAL_H
#define DM_ASK_INTERNAL_H

#include <stddef.h>
#include <jansson.h>

#include "ask/ask.h"
#include "ask/grammar.h"
#include "core/buf.h"
#include "engine/engine.h"
#include "sqlsafe/sqlsafe.h"
#include "ask/words.h"

/* --------------------------------------------------------------- schema */

enum { CK_INT, CK_NUM, CK_TEXT, CK_DATE, CK_TS, CK_BOOL, CK_OTHER };

typedef struct ask_col {
    char *name, *type;
    int kind;
    int pk;
    int fk_table, fk_col;  /* -1 when none */
    double n_distinct;     /* as discovered (negative = fraction of rows) */
    char **samples;
    int nsamples;
    char **w;              /* stems of the name */
    int nw;
    int lists;             /* cells hold lists ("United States, Japan", "Comedy|Drama") */
    const char *list_sep;  /* their separator: ", " or "|" (static) */
    int never_null;        /* declared NOT NULL, or no NULL in the statistics */
    int always_null;       /* NULL on every row by the statistics: a key that links nothing */
    int mostly_null;       /* NULL on more than half the rows: no name for them all */
    int range;             /* a range of dates or times (PostgreSQL tsrange): its start,
                              lower(col), is the column's date (sqljoin_put_col) */
    int numtext;           /* text that spells numbers among other characters ("? 12,541"):
                              read as the number (dialect number_in_text), kind CK_NUM */
    char lo[11], hi[11];   /* the first and last day its dates (or years) cover,
                              YYYY-MM-DD as discovery read them; "" when unknown */
} ask_col_t;

typedef struct ask_table {
    char *schema, *name;
    int is_view;
    double rows;
    ask_col_t *cols;
    int ncols;
    char **w;
    int nw;
    int pk;         /* single-column pk or -1 */
    int label;      /* column shown when grouping by this table, or -1 */
    int label2;     /* a second one ("last_name" beside "first_name"), or -1 */
    int time;       /* main date/timestamp column, or -1 */
} ask_table_t;

typedef struct ask_vocab {
    char *term, *desc, *expr;
    int is_metric;
    int table, column;
    char **w;
    int nw;
} ask_vocab_t;

enum { PH_TABLE, PH_COLUMN, PH_VALUE, PH_VOCAB };  /* what a phrase the lexicon knows names */
typedef struct ask_phrase {
    char **w;
    int nw;
    int kind;
    int table, column, value;  /* value: sample index, or vocab index */
    int exact_case;            /* 1: short codes ("IN", "DE") must match as typed; 2: an alias
                                * ("us" of the USA) said in capitals or after "the" */
} ask_phrase_t;

typedef struct ask_edge {
    int from_t, from_c, to_t, to_c;  /* from (many) -> to (one, its pk) */
} ask_edge_t;

struct ask_schema {
    ask_table_t *tables;
    int ntables;
    ask_vocab_t *vocab;
    int nvocab;
    ask_phrase_t *ph;  /* sorted by first word */
    int nph;
    ask_edge_t *edges;
    int nedges;
    const engine_dialect_t *dialect;  /* never NULL (dialect.c) */
    char **domain; int ndomain;  /* the database name's words, each beside its stem (domain.c) */
};

/* rephrase.c: "average order value" as "average revenue per order" (malloc'd, noted), or NULL */
char *rephrase_question(const ask_schema_t *s, const ask_toks_t *tk, buf_t *notes);
/* glued.c: "labrooms" of lab_room_id: its words, n > 1, else 0; *shared: another ends so */
int glued_words(const ask_schema_t *s, int t, char ***out, int *shared);
void lexicon_load_column(ask_col_t *c, const json_t *jc);  /* lexicon_column.c: c from its JSON */
void lexicon_numbers_in_text(ask_schema_t *s);  /* lexicon_column.c: "? 12,541" read as 12541 */
void lexicon_build_index(ask_schema_t *s);  /* after schema_load.c: every phrase, sorted */
/* Phrases starting at tokens[i] (longest first); fills up to max, returns count. */
int lexicon_match(const ask_schema_t *s, const ask_toks_t *tk, int i, const ask_phrase_t **out, int max);
/* "life expectancy" for LifeExpectancy: tokens used (2, 3), *table, *column (-1); 0 */
int lexicon_match_squashed(const ask_schema_t *s, const ask_toks_t *tk, int i, int *table, int *column);
/* "years of experience" for years_experience, "of" between one column's two words: 3, or 0 */
int lexicon_match_of(const ask_schema_t *s, const ask_toks_t *tk, int i, int *table, int *column);
const char *lexicon_phrase_value(const ask_schema_t *s, const ask_phrase_t *ph);  /* a PH_VALUE's, or NULL */
int lexicon_find_table(const ask_schema_t *s, const char *name);
/* states.c: a US state column's value said the other way ('TX': "Texas"); NULL none */
const char *states_other_name(const ask_table_t *t, const ask_col_t *c, int v, int *is_code);
int lexicon_find_column(const ask_schema_t *s, int t, const char *name);
int lexicon_find_vocab(const ask_schema_t *s, const char *term);
int lexicon_col_is_money(const ask_col_t *c);  /* column roles by name and type */
int lexicon_col_has_word(const ask_col_t *c, const char *const *list);  /* a name word in list */
int lexicon_col_is_qty(const ask_col_t *c);
int lexicon_col_is_numeric(const ask_col_t *c);
/* A flag: a boolean, or text sampled as one of a pair (Y/N, yes/no, t/f, 1/0); its
 * "yes" values go to yes (at most max; "true" for a boolean): how many, 0 no flag. */
int lexicon_flag_yes(const ask_col_t *c, const char **yes, int max);
int lexicon_col_is_flag(const ask_col_t *c);
int lexicon_verb_names_col(const char *verb, const ask_col_t *c);
double lexicon_col_distinct(const ask_table_t *t, const ask_col_t *c);  /* its values, counted */
int lexicon_col_sampled_all(const ask_table_t *t, const ask_col_t *c);  /* no value unsampled */
int lexicon_label_is_category(const ask_table_t *t);  /* most rows share their label */
int lexicon_label_names_rows(const ask_table_t *t);  /* two rows of one name are two */
int lexicon_col_is_time(const ask_col_t *c);
int lexicon_col_is_year(const ask_col_t *c);  /* "year", "indepyear": time when no date */
int lexicon_col_is_plain_number(const ask_col_t *c);  /* no key, no id, no year: not counted */
const char *lexicon_col_holds_lists(const ask_col_t *c);  /* "Japan", "US, Japan": the separator */
int lexicon_col_is_additive(const ask_col_t *c);
int lexicon_col_counts_units(const ask_col_t *c);  /* hours_worked: "how many hours" sums it */
extern const char *const lexicon_unit_words[];  /* "hour", "point", "mile": what columns count */
/* The column that names a table's rows when grouping by it, a second one
 * (a last name beside a first name), its main date; -1 when none. */
int lexicon_pick_label(const ask_table_t *t);
int lexicon_is_link(const ask_table_t *t);  /* every column a key (or a time), 2+ pointing out */
int lexicon_pick_label2(const ask_table_t *t);
int lexicon_people_col(const ask_table_t *t);  /* its one population column; -1 none, -2 several */
int lexicon_col_is_own_name(const ask_table_t *tb, int c);  /* label c: "name", "set_name", not "ship_name" */
int lexicon_col_names_other(const ask_table_t *tb, int c, const char *w);  /* "item_name" on orders */
int lexicon_own_amount_col(const ask_table_t *t);  /* line_downtime."Downtime(Mins)", or -1 */
int lexicon_word_names_table(const ask_schema_t *s, const char *w, int except);  /* a word of one */
/* The table whose label names t's rows: its parent for a kind of it (therapist → staff), else t. */
int lexicon_named_by(const ask_schema_t *s, int t);
int lexicon_pick_time(const ask_table_t *t);
/* (quantity, price) of table t, 0 if found; a line amount too: *qty -1, *price it. */
int lexicon_revenue_cols(const ask_schema_t *s, int t, int *qty, int *price);
/* The discount beside quantity × price: its column when it has decimals (a
 * fraction); -2 when whole numbers (a percent or an amount?); -1 when none. */
int lexicon_discount_col(const ask_table_t *tb);
int lexicon_time_for(const ask_schema_t *s, int t, int *tt, int *tc);  /* its own, else its parent's */
int lexicon_parent_time(const ask_schema_t *s, int t, int *tt, int *tc);  /* that parent's alone */

/* ---------------------------------- plan (the kinds M_*, G_*, OP_*, D_*, Q_*, CAT_*, SHARE_*: grammar.h) */

#define ASK_MAX_DIMS 2
#define ASK_MAX_FILTERS 8
#define ASK_MAX_VALUES 8

typedef struct ask_colref { int t, c; } ask_colref_t;

typedef struct ask_measure {
    int kind;
    int t, c;     /* table; column or -1 */
    int metric;   /* vocab index for M_METRIC */
    int since;    /* span.c: 1 + the date column the days run from to c; 0 none */
} ask_measure_t;

typedef struct ask_filter {
    ask_colref_t col;
    int op;
    int nvals;
    char *vals[ASK_MAX_VALUES];  /* owned; text values */
    double num[2];               /* numeric comparisons */
    int pos;                     /* token where the question says it */
    int ref[2];                  /* OP_SAME: the columns vals name the row by (same.c) */
    int cond;                    /* FILTER_WHERE, FILTER_SHARE (the condition of a share,
                                  * q.share) or FILTER_EXISTS (on the related rows, inside
                                  * the EXISTS: "never booked the squash court") */
} ask_filter_t;

enum { FILTER_WHERE, FILTER_SHARE, FILTER_EXISTS };

typedef struct ask_date {
    int kind;       /* D_* */
    int unit;       /* G_* for this/prev/last-n */
    int n;
    char from[11];  /* YYYY-MM-DD, inclusive */
    char to[11];    /* YYYY-MM-DD, exclusive */
    char from2[11], to2[11];  /* a second period beside it ("March 2021 vs March 2022"), or "" */
    int later_first;  /* "2023 compared with 2022": 2023 first */
} ask_date_t;

typedef struct ask_q {
    int kind;                  /* Q_* */
    int cat;                   /* CAT_* */
    int table;                 /* catalog table / list table, or -1 */
    int column;                /* catalog column, or -1 */
    ask_measure_t m;
    ask_colref_t dims[ASK_MAX_DIMS];
    int ndims;
    int grain;
    ask_colref_t time;         /* column the grain and date range apply to */
    ask_filter_t f[ASK_MAX_FILTERS];
    int nf;
    ask_date_t date;
    int via[2];                /* tables the question named that joins may pass */
    int nvia;
    int limit, ties;           /* 0 = default; ties: limit 1 said "which … most", its equals too */
    int nth;                   /* "the second largest": the rows of the 2nd value of the order, or 0 */
    int order;                 /* 1 desc by measure, -1 asc, 0 natural */
    int having;                /* OP_GT… on the measure per group ("with more than 5 routes"), 0 none */
    int rel, rel_not;          /* rows of the base that have (not) a row of table rel, -1 none */
    double hnum[2];
    int share;                 /* SHARE_*: a percentage of the measure */
    int zeros;                 /* "… does each Y have": Y's with none count 0 */
    int per;                   /* 1: the counts per Y averaged ("average number of X per Y");
                                * 2: the Ys whose count passes the having, counted */
    ask_colref_t listed, listed_with;  /* a column's values ("the districts of …": SELECT DISTINCT
                                * district), and a pair's second ("… with their region"), or {-1, -1} */
    ask_colref_t show[2];      /* a list's key columns named ("and their capitals"):
                                  shown by the name of the row they point at */
    int nshow;
    int rel_cond;              /* rel is the share's condition, not a WHERE */
    int rel_time;              /* the period is about rel's rows: "customers who have not
                                * rented in 2006" dates the rentals, inside the EXISTS */
    int each;                  /* a list ranked within each group of dims[0] ("the largest city
                                * on each continent"): the top row of each, ties kept */
    ask_colref_t end;          /* "departing routes": the key of a table with two keys to
                                * another (routes.source_id) a direction word picks, or {-1, -1} */
} ask_q_t;

void plan_init(ask_q_t *q);
void plan_clear(ask_q_t *q);   /* frees filter values */
void plan_copy(ask_q_t *dst, const ask_q_t *src);
json_t *plan_to_json(const ask_schema_t *s, const ask_q_t *q);
/* 0, or -1 with err when the JSON names things the schema lacks. */
int plan_from_json(const ask_schema_t *s, const json_t *j, ask_q_t *q, char *err, size_t errlen);
char *plan_describe(const ask_schema_t *s, const ask_q_t *q);  /* "revenue by month in 2024" */
char *plan_measure_label(const ask_schema_t *s, const ask_measure_t *m);

/* ---------------------------------------------------------------- dates */

int dates_parse(ask_toks_t *tk, int i, ask_date_t *d);  /* a date phrase at i: d; tokens used or 0 */
/* periods.c: b (at bi) beside a ("2010 and 2018"): the grain, or 0 */
int periods_pair(ask_toks_t *tk, ask_date_t *a, int ai, const ask_date_t *b, int bi);
void periods_describe(buf_t *b, const ask_date_t *d);  /* "in March 2021 and March 2022" */
int periods_within_year(const ask_date_t *d);  /* one period, inside one calendar year */
int dates_one_year(const ask_date_t *d);  /* 1 when d is one whole year ("in 2024") */
void dates_sql(const engine_dialect_t *dl, buf_t *b, const ask_date_t *d, const char *col);  /* col >= lo AND … */
/* The same over a column of years (whole years; -1, nothing written, for "March 2005"): */
int dates_sql_year(const engine_dialect_t *dl, buf_t *b, const ask_date_t *d, const char *col);
void dates_describe(buf_t *b, const ask_date_t *d);

/* -------------------------------------------------------------- catalog */

/* 1 when the question is a catalog question (q filled), 0 if not, -1 when it
 * is one but names no known table (clar filled with a message). */
int catalog_parse(const ask_schema_t *s, ask_toks_t *tk, ask_q_t *q, buf_t *clar);
char *catalog_sql(const ask_schema_t *s, const ask_q_t *q);  /* a catalog plan's SQL; new string */
/* Append to *understood how many views a list of the tables left out. */
void catalog_note_views(const ask_schema_t *s, const ask_q_t *q, char **understood);

/* ---------------------------------------------------------------- parse */

/* One reading of a phrase: a table, a column, or a value of a column (its own
 * text, owned by the schema: moving a mention to another reading moves it). */
typedef struct ask_reading {
    int t, c;
    const char *val;  /* PH_VALUE: the sampled value as stored; else NULL */
} ask_reading_t;

/* A schema phrase found in the question, with its equally good readings. */
typedef struct ask_mention {
    int kind;              /* PH_* or -1 for a revenue word */
    int t, c;
    int v;                 /* PH_VOCAB: vocabulary index; -1 word: 1 = a verb ("sold") */
    const char *val;       /* PH_VALUE: the value this reading filters on */
    int pos, len;
    int role;              /* R_* */
    int nalt;
    ask_reading_t alt[4];  /* other columns the same words name */
} ask_mention_t;

void mention_take_alt(ask_mention_t *m, int k);  /* reading k of m (an alternative) its own */
/* roles.c: readings in a copy of a table ("book_backup") dropped beside others. */
void roles_drop_shadows(const ask_schema_t *s, ask_mention_t *m);
/* roles.c: reading k of m (0 its own, k > 0 its alternative k - 1); keep the
 * readings marked in keep[0..nalt] — when some, not all, are. */
ask_reading_t roles_reading(const ask_mention_t *m, int k);
void roles_keep_readings(ask_mention_t *m, const int *keep);
/* lexicon_roles.c: "how many policies" of status_of_policy (not its head): statuses */
int lexicon_counts_other_word(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m);

enum { R_NONE, R_MEASURE, R_DIM, R_FILTER, R_CMP };
enum { AMB_NONE, AMB_COLUMN, AMB_MEASURE, AMB_COMPARE, AMB_TIME, AMB_TABLE, AMB_GROUP, AMB_UNSUPPORTED,
       AMB_ORDER, AMB_LINK, AMB_ALL_ROWS, AMB_WHICH, AMB_DATES, AMB_TWO_TIMES, AMB_OUTSIDE,
       AMB_NEVER_NULL, AMB_ROUTES, AMB_PART_OF, AMB_ECHO, AMB_NONE_OF, AMB_NOUN, AMB_RANK, AMB_RECENT,
       AMB_NAMES, AMB_SPELLED, AMB_ROW_NOUN, AMB_ZERO, AMB_UNSHOWN };

/* A list of every row of a bigger table asks back: which rows, or what? */
#define ASK_LIST_ALL_MAX 1000

#define ASK_MAX_MENTIONS 24

typedef struct ask_parse {
    ask_q_t q;
    ask_mention_t m[ASK_MAX_MENTIONS];
    int nm;
    int subject;          /* the table the question is about, or -1 */
    int measure_set;      /* a measure was named */
    int recognised;       /* schema things and slots understood */
    int unknown;          /* content words not understood */
    char unknown_word[64];
    int ambiguous;        /* AMB_* */
    ask_colref_t amb[4];
    int namb;
    int want_price, popular;  /* "most expensive", "cheapest"; "most popular": a measure named? */
    int listed_said;      /* a column said in the plural is listed: each value, however many rows */
    int dow_from, dow_to; /* "on a Friday" 5..5, "on weekends" 6..7 (ISO); 0 none */
    int first_last[2];    /* span.c: 1 + the tokens of "first" and "last" of a range of days; 0 */
    int common_at;        /* 1 + the token index of "common"/"frequent" after most/least; 0 none */
    int order_conflict;   /* "highest … lowest" with no "from … to" between */
    int order_only;       /* "highest first", "from … to …", "all the …": a sort, not a pick */
    char order_word[32];  /* the word that set q.order, to name it if unused */
    int order_at;         /* 1 + its token index; 0 when none */
    int nth_at;           /* 1 + the token index of the ordinal of q.nth ("second"); 0 when none */
    int top;              /* "top N" / "which … most" given */
    int edit_cue;         /* starts like a follow-up: "now", "only", "what about" */
    int only;             /* "only X": replace filters on X's column */
    int sql_like;         /* reads as SQL, not as a question */
    int agg_cue;          /* an aggregate word ("total", "how many") was applied */
    int share_pos, rate_at;  /* "percentage of X": X's last token; "no-show rate": 1 + the value's */
    ask_colref_t level;   /* a level named without an aggregate ("the GNP"), or {-1,-1} */
    int nameless_group;   /* a table with no name column asked as a grouping, or -1 */
    char chart[16];
    int show_sql;
} ask_parse_t;

/* A comparison before its column is known: "over 100", "contains Express" (text: a token's). */
typedef struct ask_cmp {
    int op, pos;
    double a, b;
    const char *text;
    const char *const *hint;  /* words of the column it is about ("older" → age), or NULL */
    int money;                /* "over 100 dollars", "cost less than": a money column */
    int price_verb;           /* 1 + the token of "cost" / "priced" before it, 0 when none */
    int num_at;               /* token index of the (last) number */
    double unit;              /* seconds in the number's unit of time ("3 minutes": 60), or 0 */
    char words[96];           /* "with Star Wars in the title": the words, when several */
} ask_cmp_t;

/* roles.c, the helpers the role-giving files share: keep the reading whose
 * table is prefer (or one the question names); note why the plan is
 * unclear; group by what m names (roles_make_dim); 1 when the question
 * names table t or a value only t holds. */
int roles_table_named(const ask_parse_t *p, int t);
int roles_key_item(const ask_schema_t *s, ask_mention_t *m);  /* "languages" of countrylanguage: its rows */
int roles_has_value_filter(const ask_q_t *q, int t);  /* an in / not in filter on a column of t */
void roles_resolve_alt(ask_parse_t *p, ask_mention_t *m, int prefer);
void readings_prefer(const ask_schema_t *s, ask_mention_t *x, const char *before);  /* readings.c: a table's, the one-word */
void readings_qualified(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* the said word's */
/* roles.c: "the rooms … with their capacity": a text column said of several tables, the one
 * another column alone belongs to */
void roles_resolve_by_column(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m);
/* roles.c: a word of several tables — the public one, the one pointed at, else asked */
void roles_resolve_table(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m);
void roles_set_ambiguous(ask_parse_t *p, int why, const ask_mention_t *m);
void roles_not_understood(const ask_toks_t *tk, ask_parse_t *p, int from, int to);  /* counted, kept */
int roles_money_col(const ask_schema_t *s, int t);  /* t's one money column, or -1 (none, several) */
ask_mention_t *roles_one_table(ask_parse_t *p, int end);  /* the one table said before end, or NULL */
/* ranking.c: rows ordered by a column ("the 5 longest films"): 1 when q became that
 * list; a level of one row by its name ("the GNP of Japan") becomes that row. */
int ranking_list(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
/* sizes.c: the column of t a size word (p->order_word) ranks by, or -1 */
int sizes_column(const ask_schema_t *s, const ask_parse_t *p, int t);
/* 1 when each group of q is one row of the measured table (its key, or a name
 * the statistics find unique): the question meant something else; asked. */
int ranking_one_row_groups(const ask_schema_t *s, const ask_q_t *q);
void ranking_level(const ask_schema_t *s, ask_parse_t *p);
void ranking_when_asked(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* "when was X added" */
void ranking_one_named(const ask_toks_t *tk, ask_parse_t *p);  /* "the priciest plan": 1 row */
void ranking_amount_words(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);  /* "how much" */
void ranking_duration_words(const ask_schema_t *s, ask_toks_t *tk);  /* "longest delay": highest */
void ranking_all_rows(const ask_schema_t *s, ask_parse_t *p);  /* every row of a big table: asked */
/* listed.c: "countries in Europe with their number of cities": one number per country */
void listed_their_count(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
/* listed.c: a column's values listed ("the districts of …"), or counted ("breakdown of …") */
void listed_plan(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t *by_col);
void listed_breakdown(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void listed_each_value(ask_parse_t *p);
void parse_use(ask_toks_t *tk, int i, int n);  /* parse.c: tokens used by a rule */
void parse_scan_top(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* parse_top.c: order words and top N */
void parse_scan_happened(ask_toks_t *tk);  /* parse_top.c: "happened", "are recorded" */
int parse_scan_cmp(ask_toks_t *tk, int i, ask_cmp_t *c);  /* parse_cmp.c: "over 100" at i: 1, c */
void assemble_pick_time(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* the date column */
void weekday_parse(ask_toks_t *tk, ask_parse_t *p);
int weekday_group_words(const ask_toks_t *tk, int i);  /* "by day of the week": G_DOW */
void weekday_group_sql(const engine_dialect_t *dl, buf_t *b, const char *col);  /* its name */
void weekday_apply(const ask_schema_t *s, ask_parse_t *p);
void weekday_sql(const engine_dialect_t *dl, buf_t *b, const ask_filter_t *f, const char *col);
void weekday_describe(buf_t *b, const ask_filter_t *f);
/* through.c: "customers who ordered last month" counts orders' customer keys */
void through_count(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
/* through.c: doubtful counts ask (a link's quantity, a stated numrooms, one owner) */
void through_quantity(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
void through_stated_count(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
void through_one_owner(const ask_schema_t *s, ask_parse_t *p);
void through_value_counted(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
/* why.c: why the planner asks, in one sentence (built in tmp, or a constant) */
const char *why_asked(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, char *tmp, size_t n);
/* outside.c: a period wholly outside its column's dates asks (AMB_OUTSIDE, amb[0]) */
void outside_check(const ask_schema_t *s, ask_parse_t *p);
const char *outside_why(const ask_schema_t *s, const ask_parse_t *p, char *tmp, size_t n);
/* " (the data ends 1998-05-06)": a period past its column's last day (or before its first) */
void outside_describe_partial(const ask_schema_t *s, const ask_q_t *q, buf_t *b);
/* nouns.c: the table a value said as the noun at pos stands for (counted: a kind's
 * rows), the one table named sales, a mass noun's own amount column; -1 each */
int nouns_value_table(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int pos, int counted);
int nouns_sales_table(const ask_schema_t *s);
int nouns_own_amount(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int t);
int nouns_own_count(const ask_table_t *tb);  /* monthly_visits.recreation_visits, winner_count; -1 */
void perentity_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void span_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void side_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* "bought": side = 'BUY' */
void guards_by_value(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, const ask_mention_t *v);
void places_add_country(const ask_schema_t *s, ask_parse_t *p);  /* places.c: a city by its country */
/* places.c: "UK airlines" where 'UK' is some code and a column keeps countries by name: asked */
void places_short_country(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
/* places.c: "airports in London": of a name and a place column of one table, the place */
void places_value_in(const ask_schema_t *s, const ask_toks_t *tk, ask_mention_t *m);
/* owned.c: "per store city": the mention to group by — the store's city (m stays a table the
 * joins pass), or m itself. */
ask_mention_t *owned_group(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m);
/* owned.c: "… each store have? Show the store's city.": a table asked to be shown that a
 * count or total leaves out asks (AMB_UNSHOWN) */
void owned_unshown(const ask_toks_t *tk, ask_parse_t *p);
/* owned.c: numeric column m said "of" a value of its table's name column ("the salary of
 * Wieland"): 1 — the row's own number, listed, not a sum */
int owned_number_of_named(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                          const ask_mention_t *m);
int sqlshape_having_holds_zero(const ask_q_t *q);  /* "fewer than 3": 0 passes */
void guards_plan(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);  /* guards.c: once assembled */
void guards_singular_amount(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);  /* guards_amounts.c */
void guards_row_or_total(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
void guards_money_rows_compared(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
void guards_its_key_target(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);  /* guards_lists.c */
void guards_nth_list(const ask_toks_t *tk, ask_parse_t *p);
void guards_count_in_top(const ask_toks_t *tk, ask_parse_t *p);  /* "how many … in the top 100" */
void guards_linked_both_ways(const ask_schema_t *s, ask_parse_t *p);  /* "in which country is Marrakech" */
/* verbed.c: "the most rented films": the verb as a mention of the table it names (rental) */
void verbed_measure(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void periods_check(const ask_toks_t *tk, ask_parse_t *p);  /* two periods, not two totals: asked */
void span_scan_first_last(ask_toks_t *tk, ask_parse_t *p);  /* before dates: "the last month" */
void same_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* "in the same city as X" */
/* selfref.c: the key q.show[show] to its own table beside a row named ("reports to Andrew
 * Fuller", "Suyama's manager"): the rows under or over it; 1 when read, q.show[show] gone */
int selfref_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, int show);
void selfref_verb(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* "who reports to X" */
/* colcmp.c: "orders shipped after the required date": one column against another of the row */
void colcmp_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void same_sql(const ask_schema_t *s, buf_t *b, const ask_filter_t *f, const char *outer, const char *const *refs);
/* OP_CHILD_OF / OP_PARENT_OF: key is the table's key to itself, target the column it points at */
void same_link_sql(const ask_schema_t *s, buf_t *b, const ask_filter_t *f, const char *key, const char *target);
char *perentity_sql(const ask_schema_t *s, const ask_q_t *q, char *err, size_t errlen);
void ranking_when_first(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
/* donefirst.c: "which employee was hired first": the row with the earliest date the verb names */
void donefirst_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void recent_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* recent.c: "dates of the 5 most recent claims" */
int ranking_age_col(const ask_schema_t *s, int t);  /* the one number column named "age", or -1 */
void ranking_most_common(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
void roles_make_dim(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m);
int roles_their(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m);
void roles_own_dims(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);  /* "the county and its state" */
/* roles.c: "the rooms with their hotel": the listed table's one key to m's table; -1 */
int roles_their_key(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m);

/* filters*.c: values, NULL tests, comparisons, counts per entity, existence, flags: filters. */
void filters_apply_values(ask_toks_t *tk, const ask_schema_t *s, ask_parse_t *p);
int filters_value_denied(ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m);  /* filters_denied.c */
/* The first sampled value of c other than val holding val as a whole word. */
const char *filters_part_of(const ask_col_t *c, const char *val);
void filters_spell_value(ask_toks_t *tk, const ask_schema_t *s, ask_parse_t *p, const ask_mention_t *m,
                         ask_filter_t *f, int places);  /* spellings.c */
void filters_apply_nulls(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);   /* presence.c */
/* presence.c: "no director listed": the participle at token k after what is lacking, used. */
void filters_use_stated(ask_toks_t *tk, int k);
extern const char *const filters_unit_words[];  /* presence.c: "10 units in stock" */
void filters_apply_stock(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void filters_apply_cmp(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c);
void filters_apply_numbered(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* "in ward 3" */
/* filters.c: the one table a verb names by its stem ("rented" → rental), or -1. */
int filters_verb_table(const ask_schema_t *s, const char *low);
int filters_verb_table_any(const ask_schema_t *s, const char *low);  /* and "rent" as "rented" */
/* exists.c: existence ("never rented") and the conditions inside it. */
void filters_apply_exists(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void filters_place_exists(const ask_schema_t *s, ask_parse_t *p);
/* exists.c: rel names base's rows by a text column of its own, by no key (comments.username):
 * -1 with err, else 0 */
int exists_own_doer(const ask_schema_t *s, int rel, int base, char *err, size_t errlen);
void filters_order_by_cmp(ask_parse_t *p);
void filters_split_counts(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void filters_apply_flags(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
/* 1 when m names a flag column of the table named right after it ("active airlines"). */
int filters_add_flag(const ask_schema_t *s, ask_parse_t *p, int t, int c, int pos);
int filters_flag_before_table(const ask_schema_t *s, const ask_parse_t *p, const ask_mention_t *m);

/* typos.c: each word left unused read as its one nearest schema, value or cue word
 * (one edit; two of 10+ letters), noted ("read \"custmers\" as \"customer\""); how many. */
int typos_correct(const ask_schema_t *s, ask_toks_t *tk, buf_t *notes);
/* demonyms.c: "Icelandic" read as "iceland" where that is a value and the adjective is not; how many */
int demonyms_read(const ask_schema_t *s, ask_toks_t *tk, buf_t *notes);
void fullname_join(ask_parse_t *p);
/* each.c: 1 with *g, the grouping said after "each" that t's ranked rows fall in */
int each_group(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int t, ask_colref_t *g);
int each_grouping_said(const ask_toks_t *tk, const ask_parse_t *p);  /* a grouping said after "each" */
/* verbrel.c: "students advised by Wieland": q.rel, the table the verb names */
void verbrel_apply(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
/* ends.c: "departing routes", "routes from Heathrow": q.end, the key a direction word picks */
void ends_pick(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);

/* account.c: count the words and mentions the plan leaves unused (p->unknown). */
void account_words(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
int account_is_verb(const char *low);  /* a verb that links things: "held", "taught", "operated" */
/* account_said.c: 1 when token i / column mention m only restates the plan ("paid by card") */
int account_said_word(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i);
int account_said_column(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m);
int share_cue(const ask_toks_t *tk, int i);  /* share.c: "percentage of" at i: its length, or 0 */
/* share.c: the filters split into the share's population and its condition (said after) */
void share_split(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);
void share_rate(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* "no-show rate": % with it */
/* share.c: "share of all payments (by amount)": m, the money column after "by", summed: 1 */
int share_by_amount(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m);
/* lookups.c: the phrases to look up (the unplaced words if capitalised, then runs
 * of words no rule consumed, longest first, at most ASK_MAX_LOOKUP_PHRASES). */
json_t *lookups_phrases(const ask_toks_t *tk, const char *unknown);
json_t *lookups_view_values(const ask_schema_t *s, const ask_q_t *q);
/* "Penguin Books" as a sampled "Penguin" and a table: not placed (p->unknown). */
void lookups_value_runs_on(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);

/* pairs.c: "customer segment", "product category", "the patient's name": one mention. */
void pairs_merge(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p);
/* roles.c: the names a list shows beside its keys (a kind's parent, filtered parents). */
void roles_show_names(const ask_schema_t *s, ask_parse_t *p);
/* revenue.c: p->q.m for "revenue" — a line amount or quantity x price, else asked;
 * 1 when each row of t is one sale (priced, dated, no quantity of it elsewhere) */
void revenue_set_measure(const ask_schema_t *s, ask_parse_t *p);
int revenue_row_is_sale(const ask_schema_t *s, int t);
int revenue_paid_column(const ask_schema_t *s, int t);  /* "payments": their one money column, or -1 */
/* measure.c: a cue's agg applied to m; the column of a table's head noun said alone, or -1 */
void measure_from_cue(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m, int agg,
                      int distinct, const char *word);
int measure_head_column(const ask_schema_t *s, const ask_mention_t *m);
void measure_default(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);  /* no cue: count, sum or list */
/* domain.c: "measles cases" of measles_surveillance, the name's word said before a noun */
void domain_load(ask_schema_t *s, const char *database);
void domain_scan(const ask_schema_t *s, ask_toks_t *tk);
/* Give the mentions roles and build p->q (assemble.c). */
void assemble_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c, int nc);
/* Scan the question's business slots into p (tokens marked used): the
 * comparisons found go to cmps (their count returned) for assemble_plan. */
int parse_question(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, ask_cmp_t cmps[4]);
void parse_free(ask_parse_t *p);

/* --------------------------------------------------------------- sqlgen */

#define ASK_LIST_LIMIT 100    /* rows of a list when the question names no number */
#define ASK_GROUP_LIMIT 1000  /* groups of an aggregate when it names none */

/* dialect.c: the engine dialect of the schema's SQL (NULL: PostgreSQL's), the quoting, the limit. */
const engine_dialect_t *dialect_or_pg(const struct engine_dialect *d);
void dialect_ident(const ask_schema_t *s, buf_t *b, const char *name);  /* quoted, whatever it holds */
void dialect_position(const ask_schema_t *s, buf_t *b, int k, const buf_t *aliases);
void dialect_literal(const ask_schema_t *s, buf_t *b, const char *v);
engine_grain_t dialect_grain(int g);  /* engine.h's grain for a G_* grain (G_DAY…G_YEAR) */
int dialect_ties(const ask_schema_t *s, const ask_q_t *q);  /* "which … most": its equals kept too */
void dialect_limit(const ask_schema_t *s, buf_t *b, const ask_q_t *q, int dflt);  /* " LIMIT n" or ties */
char *sqlgen_write(const ask_schema_t *s, const ask_q_t *q, char *err, size_t errlen);  /* NULL: err */

/* ---------------------------------------------------------------- paths */

/* Tables reached from base on the shortest FK path to target: fills path with
 * edge indexes (positive = many->one from the base side), returns length or -1. */
int paths_find(const ask_schema_t *s, int base, int target, int *path, int max);
int paths_count(const ask_schema_t *s, int base, int target);  /* cheapest routes: 1, or 2 = several */
int paths_edges(const ask_schema_t *s, int from, int to);  /* foreign keys of from pointing at to */
int paths_end_edge(const ask_schema_t *s, const ask_q_t *q);  /* the edge of q->end ("departing"), or -1 */
int paths_belongs_to(const ask_schema_t *s, int v, int t);  /* v's rows each reach one t row by keys */
int paths_pointed_at(const ask_schema_t *s, int t);  /* another table's key points at t */
int paths_fans_out(const ask_schema_t *s, int base, int t);  /* t's rows fan out from base (or unreached) */
/* The walk for "base rows with (no) rel rows": edges (all forward) from rel,
 * or from the link table between them, to base; length, or -1. */
int paths_exists(const ask_schema_t *s, int rel, int base, int *path, int max);

/* ------------------------------------------------------------- followup */

/* 1 when the question edits the previous plan ("now by month", "only Germany"). */
int followup_is_edit(const ask_parse_t *p);
/* Merge the parsed slots of the new question into prev (in place); 0, or -1
 * when the edit cannot apply (a filter on a table the plan cannot reach). */
int followup_merge(const ask_schema_t *s, ask_q_t *prev, const ask_parse_t *p);

#endif
