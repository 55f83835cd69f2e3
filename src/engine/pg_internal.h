/* pg_internal.h — what the PostgreSQL engine's files (pg_*.c) share; not
 * for other modules, nor for the other engines' files.
 *
 * pg_engine.c is the engine_t (engine_pg, declared in internal.h): its
 * engine_conn_t holds a PGconn. The files below work on the PGconn itself.
 * This header and the pg_*.c files are the only ones of engine/ that name
 * libpq. */
#ifndef DM_ENGINE_PG_INTERNAL_H
#define DM_ENGINE_PG_INTERNAL_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "engine/internal.h"


/* ---- connect (pg_connect.c) ------------------------------------------------
 *
 * A user's database, as the connection form describes it. Every field is
 * passed to libpq as one keyword value (expand_dbname = 0), so a value like
 * "x' host=evil" is only a strange password or database name.
 *
 * Open a connection, or NULL with the reason in err (plain words, never the
 * password). The host is resolved here once; every address the policy
 * admits is tried in the resolver's order (as libpq and psql do: "localhost"
 * that resolves to ::1 first still reaches a server on 127.0.0.1), each
 * handed to libpq as hostaddr (host stays set for verify-full), so the
 * address checked is the address used. When every attempt fails, err gives
 * one reason if they agree ("… (tried ::1, 127.0.0.1)"), else each
 * address's ("::1: …; 127.0.0.1: …"). timeout_s bounds each attempt.
 *
 * allow is DATAMIND_CONNECT_ALLOW: comma-separated CIDRs, bare IPs, host
 * names and unix socket paths. NULL or empty = any address except
 * 0.0.0.0/8, ::, link-local (169.254/16, fe80::/10), multicast and
 * broadcast; set = only an address in a listed CIDR, or a host whose name
 * equals a listed name (case-insensitive). A socket path is refused unless
 * that exact path is listed. Loopback and private ranges pass an empty
 * list: production sets the list, or users can reach DataMind's own app DB.
 * ~/.pgpass is never consulted, so a blank password stays blank.
 *
 * The session starts read-only (default_transaction_read_only=on), with a
 * ENGINE_PG_SESSION_TIMEOUT_MS statement_timeout, client_encoding UTF8 and
 * NOTICEs discarded. timeout_s bounds the connect (libpq's floor is 2 s).
 * The caller owns the result: PQfinish() it. t->kind is not looked at. */
#define ENGINE_PG_SESSION_TIMEOUT_MS ENGINE_SESSION_TIMEOUT_MS

PGconn *engine_pg_connect(const engine_target_t *t, const char *allow, int timeout_s,
                          char *err, size_t errlen);

/* ---- probe (pg_probe.c) ------------------------------------------------------
 * "Test connection": engine.h's probe. can_write is true when the user is a
 * superuser, holds INSERT, UPDATE, DELETE or TRUNCATE on any table or view,
 * or CREATE on any schema or on the database; read_only_sql is the script an
 * admin can run to make a read-only role (datamind_reader, with a fresh
 * random password) for the schemas this user sees. */
int engine_pg_probe(PGconn *c, json_t **info, char *err, size_t errlen);

/* ---- execute (pg_execute.c, pg_result.c) -------------------------------------
 *
 * One statement (as the validator returned it) in BEGIN READ ONLY with
 * transaction-local statement_timeout, lock_timeout and
 * idle_in_transaction_session_timeout, sent through the extended protocol
 * (so a second statement is a server error too), read one row at a time.
 * After max_rows rows, one more row marks the result truncated and cancels
 * the query; memory holds at most max_rows rows whatever the query returns.
 * Bytes are capped the same way, as rows arrive: a value longer than
 * max_cell_bytes keeps its first max_cell_bytes (cut at a UTF-8 boundary)
 * followed by SQLSAFE_CUT_MARK and its full size, and the first row that
 * would take the kept bytes past max_result_bytes is dropped, marks the
 * result truncated by "bytes" and cancels the query. (libpq reads one row
 * whole before it can be looked at: a single 1 GB value passes through
 * memory once, and is then cut; PostgreSQL caps a value at 1 GB.)
 * ROLLBACK always; on return the connection is idle, or dead. */

typedef struct engine_pg_run {
    int timeout_ms;  /* statement_timeout; <= 0 means 30000, capped at a day */
    long max_rows;   /* row cap; <= 0 means 1000 */
    size_t max_cell_bytes;   /* per value; 0 means 1 MiB */
    size_t max_result_bytes; /* all kept values together; 0 means 32 MiB */
    int nparams;             /* values bound to $1..$nparams (text format) */
    const char *const *param_values;  /* NULL entry = SQL NULL */
    const unsigned int *param_types;  /* type OIDs (0 = let the server infer); may be NULL */
} engine_pg_run_t;

/* 0 and *result = engine.h's execute shape; "dbtype" is PostgreSQL's type
 * name. Values: JSON integers (int2/4/8, oid), reals (float4/8 and numeric
 * that round-trips with <= 15 significant digits), booleans, or
 * PostgreSQL's text output (NaN/Infinity, wide numerics, money, dates,
 * everything else). Duplicate column names are kept: columns are positions.
 *
 * -1 with err = PostgreSQL's message (first line, plus short DETAIL/HINT) and
 * *err_pos = its 1-based character position in statement (0 if none).
 * A timeout reads "the query ran longer than N s and was cancelled". When
 * err is "the connection to the database was lost", PQstatus(c) is
 * CONNECTION_BAD and the caller must PQfinish it and reconnect. */
int engine_pg_execute(PGconn *c, const char *statement, const engine_pg_run_t *o,
                      json_t **result, int *err_pos, char *err, size_t errlen);

/* Name of a PostgreSQL type OID for the common built-ins ("int4",
 * "timestamptz", ...), or NULL. */
const char *engine_pg_type_name(unsigned int oid);

/* pg_result.c: {"name","type","dbtype"} for each column of r (new array). */
json_t *engine_pg_result_columns(const PGresult *r);
/* pg_result.c: row i of r as a new JSON array of typed values; a value
 * longer than max_cell bytes is cut (see above). *bytes += the bytes kept,
 * *cut += the values cut. */
json_t *engine_pg_result_row(const PGresult *r, int i, size_t max_cell, size_t *bytes,
                             long *cut);
/* The error of r in words for err: the primary message's first line, plus
 * DETAIL and HINT when they are short. *pos (if not NULL) = the 1-based
 * statement position, 0 if none. */
void engine_pg_result_error(const PGresult *r, char *err, size_t errlen, int *pos);

/* The OID a {{name}} parameter's type binds as: "number" numeric, "date"
 * date, anything else (text, list, NULL) 0: the server reads it in context
 * (pg_engine.c). */
unsigned int engine_pg_param_oid(const char *type);

/* ---- discover (pg_discover.c, pg_sample.c) -----------------------------------
 *
 * engine.h's discover: every table, view and materialized view the user can
 * read in a non-system schema (partitions are folded into their parent).
 * Metadata comes from three set-based catalog queries; counts and samples
 * are one bounded query each, inside one READ ONLY transaction, and one that
 * fails or times out is skipped, not an error (row_estimate stays the
 * estimate, or null; samples stay []). Counting and sampling stop after 45 s
 * in all, leaving the rest unsampled. Only tables with reltuples < 0 (never
 * analyzed) or < exact_count_below are counted. -1 with err when the catalog
 * cannot be read or the connection is lost. */
int engine_pg_discover(PGconn *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                       char *err, size_t errlen);

/* SQL predicate: namespace alias n is a user schema (not pg_catalog,
 * information_schema, pg_toast*, pg_temp_*). */
#define ENGINE_PG_USER_SCHEMA(n)                                      \
    n ".nspname NOT IN ('pg_catalog', 'information_schema') AND " n \
    ".nspname !~ '^pg_(toast|temp_)'"

/* discovery's working set (pg_discover.c builds it, pg_sample.c fills in
 * counts and samples) */
typedef struct engine_pg_col {
    int attnum;
    int textlike;      /* string category or enum: a sampling candidate */
    int numeric;       /* a number: sampled only when it holds a few values (flags: 0/1) */
    int has_stats;
    double n_distinct; /* pg_stats: > 0 a count, < 0 a fraction of the rows */
    json_t *json;      /* borrowed from the table's "columns" */
} engine_pg_col_t;

typedef struct engine_pg_rel {
    unsigned int oid;
    char kind;         /* pg_class.relkind: r p v m */
    double reltuples;  /* < 0: never analyzed */
    long long rows;    /* best row count known, -1 if none */
    const char *schema, *name;  /* borrowed from the relations' PGresult */
    json_t *json;      /* borrowed from "tables" */
    engine_pg_col_t *cols;
    size_t ncols, cap;
} engine_pg_rel_t;

/* pg_sample.c: exact counts and sample values for rels[0..n), each query in
 * the open READ ONLY transaction under savepoint dm_probe and rolled back
 * to it (which also drops its locks). -1 only when the connection is lost. */
int engine_pg_sample_rels(PGconn *c, engine_pg_rel_t *rels, size_t n,
                          const sqlsafe_discover_opts_t *o, char *err, size_t errlen);

/* pg_sample.c: in an open transaction, set statement_timeout (transaction-
 * local) and make savepoint dm_probe. 0 / -1 (the connection failed). */
int engine_pg_savepoint_begin(PGconn *c, int timeout_ms);
/* pg_sample.c: run one query under dm_probe and roll back to it: 0 with *out
 * (rows), 1 when it failed or timed out (skip it), -1 when the connection
 * is gone. */
int engine_pg_bounded(PGconn *c, const char *sql, int n, const char *const *params,
                      PGresult **out);

/* ---- lookup (pg_lookup.c) ----------------------------------------------------
 * engine.h's lookup_values: phrases looked up among the values of the text
 * columns of schema that discovery did not sample in full — a whole cell
 * equal to a phrase, case aside — each value found added to its column's
 * "samples". Read-only, one transaction on an idle connection, 0.5 s per
 * query, 2 s and 60 columns in all, name-like columns first. The number of
 * values added, or -1 with err when the connection failed. */
int engine_pg_lookup_values(PGconn *c, json_t *schema, const char *const *phrases, int n,
                            char *err, size_t errlen);

#endif
