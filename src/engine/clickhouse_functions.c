/* clickhouse_functions.c — the functions a ClickHouse statement may call
 * (engine_clickhouse_validate): aggregates (with the -If, -Array, -Distinct,
 * -OrNull, -OrDefault and -Merge combinators), dates, strings, numbers,
 * conditionals, conversions and arrays; and the functions that reach
 * outside the database (table functions, dictionaries, sleeps), refused
 * whatever a connection's extra list says.
 *
 * Names compare case aside: ClickHouse's names are case-sensitive with a
 * few case-insensitive aliases, so this admits no function ClickHouse would
 * run under another name. */
#include <string.h>
#include <strings.h>

#include "engine/internal.h"

/* sorted, lower-case (bsearch with strncasecmp) */
static const char *const allowed[] = {
    "abs", "acos", "adddays", "addhours", "addminutes", "addmonths", "addquarters",
    "addseconds", "addweeks", "addyears", "and", "any", "anyheavy", "anylast", "argmax",
    "argmin", "array", "arrayall", "arraycount", "arraydistinct", "arrayelement",
    "arrayenumerate", "arrayexists", "arrayfilter", "arrayjoin", "arraymap",
    "arrayreversesort", "arrayslice", "arraysort", "arraystringconcat", "arraysum",
    "arrayuniq", "asin", "assumenotnull", "atan", "avg", "bar", "cast", "cbrt", "ceil",
    "ceiling", "char_length", "character_length", "coalesce", "concat", "corr", "cos",
    "count", "covarpop", "covarsamp", "datediff", "divide", "e", "empty", "endswith",
    "equals", "erf", "exp", "exp10", "exp2", "extract", "extractall", "floor",
    "formatdatetime", "formatreadablesize", "greater", "greaterorequals", "greatest",
    "grouparray", "groupuniqarray", "has", "hasall", "hasany", "if", "ifnull", "in",
    "indexof", "intdiv", "intdivorzero", "isfinite", "isinfinite", "isnan", "isnotnull",
    "isnull", "lcase", "least", "length", "lengthutf8", "less", "lessorequals", "lgamma",
    "like", "ln", "log", "log10", "log2", "lower", "lowerutf8", "ltrim", "match", "max",
    "median", "medianexact", "min", "minus", "modulo", "multiif", "multiply", "negate",
    "not", "notempty", "notequals", "notin", "notlike", "now", "nullif", "or",
    "parsedatetimebesteffort", "parsedatetimebesteffortornull", "pi", "plus", "position",
    "positioncaseinsensitive", "positioncaseinsensitiveutf8", "positionutf8", "pow",
    "power", "quantile", "quantileexact", "quantiles", "quantiletiming", "range",
    "replaceall", "replaceone", "replaceregexpall", "replaceregexpone", "reverse",
    "reverseutf8", "round", "roundtoexp2", "rtrim", "runningdifference", "sin",
    "splitbychar", "splitbystring", "sqrt", "startswith", "stddevpop", "stddevsamp",
    "substr", "substring", "substringutf8", "subtractdays", "subtracthours",
    "subtractminutes", "subtractmonths", "subtractquarters", "subtractseconds",
    "subtractweeks", "subtractyears", "sum", "sumwithoverflow", "tan", "tgamma",
    "timeslot", "todate", "todateornull", "todateorzero", "todatetime",
    "todatetimeornull", "todatetimeorzero", "today", "todayofmonth", "todayofweek",
    "todecimal128", "todecimal32", "todecimal64", "tofixedstring", "tofloat32",
    "tofloat32ornull", "tofloat32orzero", "tofloat64", "tofloat64ornull",
    "tofloat64orzero", "tohour", "toint16", "toint16ornull", "toint16orzero", "toint32",
    "toint32ornull", "toint32orzero", "toint64", "toint64ornull", "toint64orzero",
    "toint8", "toint8ornull", "toint8orzero", "tointervalday", "tointervalhour",
    "tointervalminute", "tointervalmonth", "tointervalquarter", "tointervalsecond",
    "tointervalweek", "tointervalyear", "tominute", "tomonday", "tomonth", "tonullable",
    "topk", "toquarter", "torelativedaynum", "torelativemonthnum", "torelativeweeknum",
    "torelativeyearnum", "tosecond", "tostartofday", "tostartoffiveminute",
    "tostartofhour", "tostartofminute", "tostartofmonth", "tostartofquarter",
    "tostartofyear", "tostring", "totime", "totypename", "touint16", "touint16ornull",
    "touint16orzero", "touint32", "touint32ornull", "touint32orzero", "touint64",
    "touint64ornull", "touint64orzero", "touint8", "touint8ornull", "touint8orzero",
    "tounixtimestamp", "toyear", "toyyyymm", "toyyyymmdd", "toyyyymmddhhmmss",
    "trimboth", "trimleft", "trimright", "trunc", "truncate", "tuple", "tupleelement",
    "ucase", "uniq", "uniqcombined", "uniqexact", "uniqhll12", "upper", "upperutf8",
    "varpop", "varsamp", "yesterday",
};

/* table functions and what reads outside the database or stalls it */
static const char *const outside[] = {
    "catboostevaluate", "cluster", "clusterallreplicas", "dictionary", "executable",
    "file", "generaterandom", "hdfs", "input", "jdbc", "joinget", "merge", "mysql",
    "numbers", "numbers_mt", "odbc", "postgresql", "remote", "remotesecure", "s3",
    "s3cluster", "sleep", "sleepeachrow", "url", "values", "zeros",
};

static int in_list(const char *const *list, size_t count, const char *name, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncasecmp(list[mid], name, n);
        if (c == 0 && list[mid][n] != 0)
            c = 1;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const combinators[] = {"If", "Array", "Distinct", "OrNull", "OrDefault",
                                          "Merge"};

static int is_aggregate(const char *name, size_t n)
{
    static const char *const aggs[] = {
        "any", "anyheavy", "anylast", "argmax", "argmin", "avg", "corr", "count",
        "covarpop", "covarsamp", "grouparray", "groupuniqarray", "max", "median",
        "medianexact", "min", "quantile", "quantileexact", "quantiles", "quantiletiming",
        "stddevpop", "stddevsamp", "sum", "sumwithoverflow", "topk", "uniq", "uniqcombined",
        "uniqexact", "uniqhll12", "varpop", "varsamp",
    };
    return in_list(aggs, COUNT(aggs), name, n);
}

/* sumIf, countIf, uniqArrayIf …: an aggregate and up to three combinators */
static int aggregate_combined(const char *name, size_t n, int depth)
{
    if (is_aggregate(name, n))
        return 1;
    for (size_t k = 0; depth < 3 && k < COUNT(combinators); k++) {
        size_t cn = strlen(combinators[k]);
        if (n > cn && strncasecmp(name + n - cn, combinators[k], cn) == 0 &&
            aggregate_combined(name, n - cn, depth + 1))
            return 1;
    }
    return 0;
}

int engine_clickhouse_function_allowed(const char *name, size_t n)
{
    return in_list(allowed, COUNT(allowed), name, n) || aggregate_combined(name, n, 0);
}

int engine_clickhouse_function_outside(const char *name, size_t n)
{
    /* dictGet, dictGetString, dictHas …: dictionaries load from anywhere */
    if (n >= 4 && strncasecmp(name, "dict", 4) == 0)
        return 1;
    return in_list(outside, COUNT(outside), name, n);
}
