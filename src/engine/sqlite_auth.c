/* sqlite_auth.c — what a statement may do on a SQLite connection: the
 * authorizer SQLite asks while it prepares every statement.
 *
 * An allow-list: a user's statement may SELECT, read columns of tables and
 * views, recurse (WITH RECURSIVE) and call the functions listed below (or
 * on the connection's extra list). Everything else — ATTACH/DETACH, every
 * PRAGMA, INSERT/UPDATE/DELETE (a write inside a CTE included), BEGIN/
 * COMMIT/SAVEPOINT, CREATE/DROP/ALTER, ANALYZE, REINDEX — is refused while
 * preparing, before anything runs, with a reason in words. So are reads of
 * SQLite's own tables (sqlite_schema, sqlite_dbpage, sqlite_stat*) and the
 * table-valued pragma_* functions: discovery reads the schema, users'
 * queries read the data.
 *
 * The functions left out can load code (load_extension), read the
 * library's build (sqlite_compileoption_*), report other statements
 * (changes, last_insert_rowid, total_changes), re-point the full-text
 * tokenizer (fts3_tokenizer), or allocate at will (zeroblob, randomblob).
 * DataMind's own catalog queries (internal) may also read sqlite_schema
 * and the read-only pragmas discovery uses. Keep the list sorted
 * (LC_ALL=C; the unit test checks it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/sqlite_internal.h"

static const char *const allowed[] = {
    "->", "->>", "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "avg",
    "ceil", "ceiling", "char", "coalesce", "concat", "concat_ws", "cos", "cosh", "count",
    "cume_dist", "date", "datetime", "degrees", "dense_rank", "exp", "first_value", "floor",
    "format", "glob", "group_concat", "hex", "ifnull", "iif", "instr", "json", "json_array",
    "json_array_length", "json_extract", "json_group_array", "json_group_object",
    "json_insert", "json_object", "json_patch", "json_quote", "json_remove", "json_replace",
    "json_set", "json_type", "json_valid", "julianday", "lag", "last_value", "lead", "length",
    "like", "likelihood", "likely", "ln", "log", "log10", "log2", "lower", "ltrim", "max",
    "min", "mod", "nth_value", "ntile", "nullif", "octet_length", "percent_rank", "pi", "pow",
    "power", "printf", "quote", "radians", "random", "rank", "replace", "round", "row_number",
    "rtrim", "sign", "sin", "sinh", "sqlite_version", "sqrt", "strftime", "string_agg",
    "substr", "substring", "sum", "tan", "tanh", "time", "timediff", "total", "trim", "trunc",
    "typeof", "unhex", "unicode", "unixepoch", "unlikely", "upper",
};

#define N_ALLOWED (sizeof allowed / sizeof allowed[0])

/* The read-only pragmas discovery uses, as table-valued functions. */
static const char *const internal_pragmas[] = {
    "foreign_key_list", "index_info", "index_list", "table_info", "table_xinfo", NULL,
};

static int cmp_name(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int engine_sqlite_function_allowed(const char *name)
{
    char low[64];
    size_t i = 0;
    if (!name)
        return 0;
    for (; name[i] && i < sizeof low - 1; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[i] = '\0';
    if (name[i])
        return 0;
    return bsearch(low, allowed, N_ALLOWED, sizeof allowed[0], cmp_name) != NULL;
}

const char *engine_sqlite_function_at(size_t i)
{
    return i < N_ALLOWED ? allowed[i] : NULL;
}

static int extra_allowed(const engine_sqlite_auth_t *a, const char *name)
{
    for (size_t i = 0; i < a->n_extra; i++)
        if (a->extra[i] && !strcasecmp(a->extra[i], name))
            return 1;
    return 0;
}

static int internal_pragma(const char *name)
{
    for (int i = 0; name && internal_pragmas[i]; i++)
        if (!strcasecmp(name, internal_pragmas[i]))
            return 1;
    return 0;
}

/* SQLite's own tables and the pragma functions. */
static int system_table(const char *t)
{
    return t && (!strncasecmp(t, "sqlite_", 7) || !strncasecmp(t, "pragma_", 7));
}

static const char *action_words(int action)
{
    switch (action) {
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_INSERT: return "INSERT";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_TRANSACTION: return "transaction control (BEGIN, COMMIT, ROLLBACK)";
    case SQLITE_SAVEPOINT: return "SAVEPOINT";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_VIEW: case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_VTABLE:
        return "CREATE";
    case SQLITE_DROP_INDEX: case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_TEMP_TRIGGER: case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER: case SQLITE_DROP_VIEW: case SQLITE_DROP_VTABLE:
        return "DROP";
    default: return NULL;
    }
}

/* The first refusal's words: what, then why. */
static int refuse(engine_sqlite_auth_t *a, const char *pre, const char *what, const char *post)
{
    if (!a->why[0])
        snprintf(a->why, sizeof a->why, "%s%s%s", pre, what ? what : "", post);
    return SQLITE_DENY;
}

int engine_sqlite_authorize(void *ud, int action, const char *a1, const char *a2,
                            const char *db, const char *trigger)
{
    engine_sqlite_auth_t *a = ud;
    const char *words;

    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_READ:
        /* rowid of sqlite_master: read when a table-valued function is
         * first used (with the UPDATE below); it tells nothing */
        if (system_table(a1) && !a->internal && !(a2 && !strcasecmp(a2, "rowid") &&
                                                   !strcasecmp(a1, "sqlite_master")))
            return refuse(a, "reading ", a1, " is not allowed: ask about the data's own tables");
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (engine_sqlite_function_allowed(a2) || extra_allowed(a, a2))
            return SQLITE_OK;
        return refuse(a, "function ", a2,
                      " is not allowed (an admin can allow it for this connection)");
    case SQLITE_PRAGMA:
        if (a->internal && internal_pragma(a1))
            return SQLITE_OK;
        return refuse(a, "PRAGMA ", a1, " is not allowed: a query only reads data");
    default:
        break;
    }
    words = action_words(action);
    /* SQLite asks for UPDATE of sqlite_master's columns when a table-valued
     * function (json_each, pragma_*) is first used: not a write. A real one
     * (UPDATE sqlite_master …) still fails: sqlite3_stmt_readonly, the
     * defensive flag and the read-only open each refuse it. */
    if (action == SQLITE_UPDATE && a1 && (!strcasecmp(a1, "sqlite_master") ||
                                          !strcasecmp(a1, "sqlite_temp_master")))
        return SQLITE_OK;
    if ((action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) &&
        system_table(a1))  /* CREATE, DROP and ALTER write the schema table first */
        return refuse(a, "", "changing the schema (CREATE, DROP, ALTER)",
                      " is not allowed: a query only reads data");
    if (action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) {
        if (!a->why[0])
            snprintf(a->why, sizeof a->why, "%s%s%s is not allowed: a query only reads data",
                     words, a1 ? " on " : "", a1 ? a1 : "");
        return SQLITE_DENY;
    }
    return refuse(a, "", words ? words : "this statement", " is not allowed: a query only reads data");
}
