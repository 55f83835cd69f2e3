/* mysql_functions.c — the MySQL / MariaDB functions a BI query may call.
 *
 * An allow-list, as PostgreSQL's (sqlsafe/functions.c): aggregates, window
 * functions, dates, strings, numbers, conditionals, a few JSON readers.
 * Nothing that reads files, waits, takes locks, reads the server's state or
 * writes a sequence. The deny list names what is refused even when an admin
 * puts it on a connection's extra list: those are the functions that turn a
 * read into something else (a sleep that holds a worker, a lock, a file). */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* sorted (strcmp), lower-case */
static const char *const allowed[] = {
    "abs", "acos", "adddate", "addtime", "any_value", "ascii", "asin", "atan", "atan2", "avg",
    "bin", "bit_and", "bit_count", "bit_length", "bit_or", "bit_xor", "cast", "ceil",
    "ceiling", "char", "char_length", "character_length", "coalesce", "concat", "concat_ws",
    "conv", "convert", "convert_tz", "cos", "cot", "count", "crc32", "cume_dist", "curdate",
    "current_date", "current_time", "current_timestamp", "curtime", "date", "date_add",
    "date_format", "date_sub", "datediff", "day", "dayname", "dayofmonth", "dayofweek",
    "dayofyear", "degrees", "dense_rank", "elt", "exp", "extract", "field", "find_in_set",
    "first_value", "floor", "format", "from_days", "from_unixtime", "greatest", "group_concat",
    "hex", "hour", "if", "ifnull", "insert", "instr", "isnull", "json_contains",
    "json_extract", "json_length", "json_unquote", "json_value", "lag", "last_day",
    "last_value", "lcase", "lead", "least", "left", "length", "ln", "localtime",
    "localtimestamp", "locate", "log", "log10", "log2", "lower", "lpad", "ltrim", "makedate",
    "maketime", "match", "max", "md5", "median", "microsecond", "mid", "min", "minute", "mod", "month",
    "monthname", "now", "nth_value", "ntile", "nullif", "oct", "octet_length", "ord",
    "percent_rank", "percentile_cont", "percentile_disc", "period_add", "period_diff", "pi",
    "position", "pow", "power", "quarter", "radians", "rank", "regexp_instr", "regexp_replace",
    "regexp_substr", "repeat", "replace", "reverse", "right", "round", "row_number", "rpad",
    "rtrim", "sec_to_time", "second", "sha1", "sha2", "sign", "sin", "space", "sqrt", "std",
    "stddev", "stddev_pop", "stddev_samp", "str_to_date", "strcmp", "subdate", "substr",
    "substring", "substring_index", "subtime", "sum", "tan", "time", "time_format",
    "time_to_sec", "timediff", "timestamp", "timestampadd", "timestampdiff", "to_days",
    "to_seconds", "trim", "truncate", "ucase", "unhex", "unix_timestamp", "upper", "utc_date",
    "utc_time", "utc_timestamp", "var_pop", "var_samp", "variance", "week", "weekday",
    "weekofyear", "year", "yearweek",
};

/* sorted: never, whatever the connection's extra list says */
static const char *const denied[] = {
    "benchmark", "get_lock", "is_free_lock", "is_used_lock", "lastval", "load_file",
    "master_gtid_wait", "master_pos_wait", "nextval", "release_all_locks", "release_lock",
    "setval", "sleep", "source_pos_wait", "sys_eval", "sys_exec",
    "wait_for_executed_gtid_set", "wait_until_sql_thread_after_gtids",
};

static int by_name(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

static int listed(const char *const *list, size_t n, const char *name)
{
    return bsearch(name, list, n, sizeof *list, by_name) != NULL;
}

int engine_mysql_function_allowed(const char *name)
{
    return listed(allowed, sizeof allowed / sizeof *allowed, name);
}

int engine_mysql_function_denied(const char *name)
{
    return listed(denied, sizeof denied / sizeof *denied, name);
}
