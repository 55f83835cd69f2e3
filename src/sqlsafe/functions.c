/* functions.c — the built-in function allow-list.
 *
 * An allow-list, not a deny-list: Superset's deny-list had to grow twice after
 * query_to_xml and friends walked past it. A name lands here only if calling
 * it can neither change anything, nor read outside the tables the query names,
 * nor tie up the server beyond what statement_timeout already bounds:
 * aggregates (incl. ordered-set and statistics), window functions, math,
 * string, date/time, formatting, JSON/JSONB, arrays, ranges and multiranges,
 * network-address helpers, text search, hashing, XML *parsing* (xpath,
 * xmlexists; xmlparse/xmlelement are not function calls), and the type
 * names PostgreSQL accepts as function-style casts (int4(x), date(x), ...).
 * Also the helpers the grammar itself emits as pg_catalog.f for SQL syntax:
 * btrim/ltrim/rtrim (TRIM), extract, like_escape, similar_to_escape,
 * normalize, is_normalized, overlaps, overlay, position, substring, timezone
 * (AT TIME ZONE), xmlexists.
 *
 * Deliberately absent: anything pg_* (pg_sleep, pg_read_file, pg_notify,
 * pg_advisory_lock, pg_current_*, pg_collation_for ...), lo_*, dblink*,
 * set_config/current_setting, *_to_xml (query_to_xml runs arbitrary SQL),
 * nextval/currval/setval, txid_*, to_reg*, has_*_privilege and other catalog
 * readers, setseed (session state). random() is in: volatile but harmless —
 * the result cache keyed by normalized SQL will happily serve a cached
 * random number, which is the cache's business.
 *
 * Keep the table sorted (LC_ALL=C sort order; the unit test checks it). */
#include <stdlib.h>
#include <string.h>

#include "sqlsafe/sqlsafe.h"

static const char *const allowed[] = {
    "abs", "acos", "acosd", "acosh", "age", "array_agg", "array_append",
    "array_cat", "array_dims", "array_fill", "array_length", "array_lower",
    "array_ndims", "array_position", "array_positions", "array_prepend",
    "array_remove", "array_replace", "array_to_json", "array_to_string",
    "array_upper", "ascii", "asin", "asind", "asinh", "atan", "atan2", "atan2d",
    "atand", "atanh", "avg", "bit_and", "bit_length", "bit_or", "bit_xor", "bool",
    "bool_and", "bool_or", "broadcast", "btrim", "cardinality", "cbrt", "ceil",
    "ceiling", "char_length", "character_length", "chr", "clock_timestamp",
    "concat", "concat_ws", "convert_from", "convert_to", "corr", "cos", "cosd",
    "cosh", "cot", "cotd", "count", "covar_pop", "covar_samp", "cume_dist",
    "current_database", "date", "date_bin", "date_part", "date_trunc",
    "datemultirange", "daterange", "decode", "degrees", "dense_rank", "div",
    "encode", "every", "exp", "extract", "factorial", "family", "first_value",
    "float4", "float8", "floor", "format", "gcd", "gen_random_uuid",
    "generate_series", "generate_subscripts", "host", "hostmask", "initcap", "int2",
    "int4", "int4multirange", "int4range", "int8", "int8multirange", "int8range",
    "interval", "is_normalized", "isempty", "isfinite", "json_agg",
    "json_agg_strict", "json_array_elements", "json_array_elements_text",
    "json_array_length", "json_build_array", "json_build_object", "json_each",
    "json_each_text", "json_extract_path", "json_extract_path_text", "json_object",
    "json_object_agg", "json_object_keys", "json_populate_record",
    "json_populate_recordset", "json_strip_nulls", "json_to_record",
    "json_to_recordset", "json_typeof", "jsonb_agg", "jsonb_array_elements",
    "jsonb_array_elements_text", "jsonb_array_length", "jsonb_build_array",
    "jsonb_build_object", "jsonb_each", "jsonb_each_text", "jsonb_extract_path",
    "jsonb_extract_path_text", "jsonb_insert", "jsonb_object", "jsonb_object_agg",
    "jsonb_object_keys", "jsonb_path_exists", "jsonb_path_exists_tz",
    "jsonb_path_match", "jsonb_path_match_tz", "jsonb_path_query",
    "jsonb_path_query_array", "jsonb_path_query_array_tz", "jsonb_path_query_first",
    "jsonb_path_query_first_tz", "jsonb_path_query_tz", "jsonb_populate_record",
    "jsonb_populate_recordset", "jsonb_pretty", "jsonb_set", "jsonb_set_lax",
    "jsonb_strip_nulls", "jsonb_to_record", "jsonb_to_recordset", "jsonb_typeof",
    "justify_days", "justify_hours", "justify_interval", "lag", "last_value", "lcm",
    "lead", "left", "length", "like_escape", "ln", "log", "log10", "lower",
    "lower_inc", "lower_inf", "lpad", "ltrim", "make_date", "make_interval",
    "make_time", "make_timestamp", "make_timestamptz", "masklen", "max", "md5",
    "min", "min_scale", "mod", "mode", "multirange", "netmask", "network",
    "normalize", "now", "nth_value", "ntile", "num_nonnulls", "num_nulls",
    "numeric", "nummultirange", "numrange", "octet_length", "overlaps", "overlay",
    "parse_ident", "percent_rank", "percentile_cont", "percentile_disc",
    "phraseto_tsquery", "pi", "plainto_tsquery", "position", "power", "quote_ident",
    "quote_literal", "quote_nullable", "radians", "random", "range_agg",
    "range_intersect_agg", "range_merge", "rank", "regexp_count", "regexp_instr",
    "regexp_like", "regexp_match", "regexp_matches", "regexp_replace",
    "regexp_split_to_array", "regexp_split_to_table", "regexp_substr", "regr_avgx",
    "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope",
    "regr_sxx", "regr_sxy", "regr_syy", "repeat", "replace", "reverse", "right",
    "round", "row_number", "row_to_json", "rpad", "rtrim", "scale", "set_masklen",
    "sha224", "sha256", "sha384", "sha512", "sign", "similar_to_escape", "sin",
    "sind", "sinh", "split_part", "sqrt", "starts_with", "statement_timestamp",
    "stddev", "stddev_pop", "stddev_samp", "string_agg", "string_to_array",
    "string_to_table", "strpos", "substr", "substring", "sum", "tan", "tand",
    "tanh", "text", "time", "timeofday", "timestamp", "timestamptz", "timetz",
    "timezone", "to_ascii", "to_char", "to_date", "to_hex", "to_json", "to_jsonb",
    "to_number", "to_timestamp", "to_tsquery", "to_tsvector",
    "transaction_timestamp", "translate", "trim_array", "trim_scale", "trunc",
    "ts_headline", "ts_rank", "ts_rank_cd", "tsmultirange", "tsrange",
    "tstzmultirange", "tstzrange", "unistr", "unnest", "upper", "upper_inc",
    "upper_inf", "var_pop", "var_samp", "varchar", "variance", "version",
    "websearch_to_tsquery", "width_bucket", "xml_is_well_formed",
    "xml_is_well_formed_content", "xml_is_well_formed_document", "xmlagg",
    "xmlexists", "xpath", "xpath_exists",
};

#define N_ALLOWED (sizeof allowed / sizeof allowed[0])

static int cmp_name(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int sqlsafe_function_allowed(const char *name)
{
    if (!name)
        return 0;
    return bsearch(name, allowed, N_ALLOWED, sizeof allowed[0], cmp_name) != NULL;
}

const char *sqlsafe_function_at(size_t i)
{
    return i < N_ALLOWED ? allowed[i] : NULL;
}
