/* validate.c — the filter between a user's SQL and the user's database.
 *
 * Pipeline, cheapest and most hostile-proof first:
 *   1. raw bytes: size cap, no NUL, valid UTF-8;
 *   2. a small lexer (quotes, dollar quotes, nested comments) measures ( / [
 *      nesting and finds the statement's first and last real token, so the
 *      text we check is the text we hand to the executor — no leading or
 *      trailing comments, whitespace or ';';
 *   3. libpg_query parses that text; exactly one statement, rooted in SELECT;
 *   4. jansson loads the JSON tree and one generic walk visits every object
 *      and array, checking node types wherever they occur (FuncCall, RangeVar,
 *      TypeName, any *Stmt, intoClause, lockingClause, ...). Nothing depends
 *      on a hand-written list of where expressions may hide, so a node type
 *      this file has never heard of cannot smuggle a call past it;
 *   5. normalize + fingerprint for the cache and the audit log.
 *
 * Deep nesting: the grammar itself is not recursive (bison gives up with
 * "memory exhausted" past 10000 levels) and libpg_query's JSON output copes
 * with 50000-deep operator chains, but its tree walkers (normalize,
 * fingerprint) recurse and overflow the stack around 30000. So parentheses
 * are capped before parsing, and the parse tree's depth — which also counts
 * un-parenthesized chains like 1+1+1... or UNION ... UNION — is capped
 * (MAX_TREE_DEPTH, within jansson's own 2048) before those walkers run.
 *
 * Blind spot, by design of SQL: attribute notation t.f means f(t) when t has
 * no column f. The raw tree cannot tell that from a column reference, so a
 * one-argument function taking the row type (to_json, row_to_json, ...)
 * can be reached that way. Core has no unsafe function of that shape; the
 * READ ONLY transaction and the read-only role are the boundary anyway. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <pg_query.h>

#include "core/buf.h"
#include "core/mem.h"
#include "sqlsafe/internal.h"
#include "sqlsafe/sqlsafe.h"

/* JSON levels in libpg_query's tree; about 4 per expression level. */
#define MAX_TREE_DEPTH 1500

typedef struct vctx {
    const char *const *extra;  /* admin-allowed function names */
    size_t n_extra;
    int nparams;               /* $1..$nparams are bound by the caller */
    char *err;
    size_t errlen;
} vctx_t;

__attribute__((format(printf, 2, 3)))
static int reject(vctx_t *c, const char *fmt, ...)
{
    va_list ap;

    if (c->errlen == 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(c->err, c->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- 1. raw bytes ------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s[0..n), 0 if invalid (overlong
 * forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    size_t need;
    unsigned cp;

    if (b < 0x80)
        return 1;
    if (b >= 0xc2 && b <= 0xdf) need = 2, cp = b & 0x1f;
    else if (b >= 0xe0 && b <= 0xef) need = 3, cp = b & 0x0f;
    else if (b >= 0xf0 && b <= 0xf4) need = 4, cp = b & 0x07;
    else return 0;
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return need;
}

static int check_bytes(vctx_t *c, const char *sql, size_t len)
{
    if (len > SQLSAFE_MAX_BYTES)
        return reject(c, "query is %zu bytes long; the limit is %d", len,
                      SQLSAFE_MAX_BYTES);
    const char *nul = memchr(sql, '\0', len);
    if (nul)
        return reject(c, "contains a NUL byte at offset %zu", (size_t)(nul - sql));
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq_len((const unsigned char *)sql + i, len - i);
        if (n == 0)
            return reject(c, "is not valid UTF-8 (at byte offset %zu)", i);
        i += n;
    }
    return 0;
}

static int reject_stmt(vctx_t *c, const char *verb, const char *node, json_t *body,
                       const char *tail)
{
    buf_t w = {0};

    sqlsafe_stmt_word(&w, node, body);
    reject(c, "%s %s %s statement; %s", verb, sqlsafe_article(buf_str(&w)), buf_str(&w), tail);
    buf_free(&w);
    return -1;
}

static int reject_count(vctx_t *c, json_t *stmts)
{
    buf_t list = {0};
    size_t i;
    json_t *s, *body;

    json_array_foreach(stmts, i, s) {
        if (i > 0)
            buf_puts(&list, "; ");
        const char *node = sqlsafe_stmt_node(json_object_get(s, "stmt"), &body);
        sqlsafe_stmt_word(&list, node, body);
    }
    reject(c, "has %zu statements (%s); only one is allowed", json_array_size(stmts),
           buf_str(&list));
    buf_free(&list);
    return -1;
}

/* ---- node checks ------------------------------------------------------- */

static int extra_allowed(const vctx_t *c, const char *name)
{
    for (size_t i = 0; i < c->n_extra; i++)
        if (c->extra[i] && strcmp(c->extra[i], name) == 0)
            return 1;
    return 0;
}

/* funcname: [schema.]name, resolved the way PostgreSQL does: exact strings,
 * since libpg_query already folded unquoted names and decoded U&"...". */
static int check_function(vctx_t *c, json_t *funcname)
{
    buf_t shown = {0}, raw = {0};
    int parts = sqlsafe_qualified_name(funcname, 1, &shown);
    const char *name = sqlsafe_last_name(funcname);
    int rc = 0;

    if (parts < 1 || parts > 2 || !name) {
        rc = reject(c, "calls %s; only pg_catalog may qualify a function name",
                    buf_str(&shown));
        goto out;
    }
    int name_ok = sqlsafe_function_allowed(name) || extra_allowed(c, name);
    if (parts == 2) {
        sqlsafe_qualified_name(funcname, 0, &raw);
        const char *schema = sqlsafe_string_node(json_array_get(funcname, 0));
        if (extra_allowed(c, buf_str(&raw)))
            goto out;
        if (name_ok && strcmp(schema, "pg_catalog") != 0) {
            rc = reject(c, "calls %s; only pg_catalog may qualify a function name",
                        buf_str(&shown));
            goto out;
        }
    }
    if (!name_ok)
        rc = reject(c, "calls %s, which is not on the allowed function list",
                    buf_str(&shown));
out:
    buf_free(&shown);
    buf_free(&raw);
    return rc;
}

static int is_system_schema(const char *s)
{
    return strcasecmp(s, "information_schema") == 0 || strncasecmp(s, "pg_", 3) == 0;
}

/* A RangeVar, wrapped or not: FROM items, TABLE x, JOIN sides, ONLY x ... */
static int check_relation(vctx_t *c, json_t *rv)
{
    const char *schema = json_string_value(json_object_get(rv, "schemaname"));
    const char *rel = json_string_value(json_object_get(rv, "relname"));
    buf_t shown = {0};
    int rc = 0;

    if (schema) {
        sqlsafe_show_ident(&shown, schema);
        buf_putc(&shown, '.');
    }
    sqlsafe_show_ident(&shown, rel);
    if (schema && is_system_schema(schema))
        rc = reject(c, "reads %s; relations in %s are off limits", buf_str(&shown),
                    schema);
    else if (strncasecmp(rel, "pg_", 3) == 0)
        rc = reject(c, "reads %s; system relations (pg_*) are off limits",
                    buf_str(&shown));
    buf_free(&shown);
    return rc;
}

/* Casting to regclass & co. resolves names in the system catalogs ('x'::regclass
 * says whether a table exists and 1259::regclass names it): a side door around
 * the pg_* relation rule, and nothing a BI query needs. */
static int check_type(vctx_t *c, json_t *type)
{
    static const char *const reg_types[] = {
        "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace",
        "regoper", "regoperator", "regproc", "regprocedure", "regrole", "regtype",
    };
    const char *name = sqlsafe_last_name(json_object_get(type, "names"));

    if (!name)
        return 0;
    for (size_t i = 0; i < sizeof reg_types / sizeof reg_types[0]; i++)
        if (strcmp(name, reg_types[i]) == 0)
            return reject(c, "casts to %s, which looks names up in the system catalogs",
                          name);
    return 0;
}

/* OPERATOR(schema.op): user-defined operators run user-defined functions. */
static int check_operator(vctx_t *c, json_t *name)
{
    buf_t shown = {0};
    int rc = 0;

    if (json_array_size(name) < 2)
        return 0;
    const char *schema = sqlsafe_string_node(json_array_get(name, 0));
    if (!schema || strcmp(schema, "pg_catalog") != 0 || json_array_size(name) > 2) {
        sqlsafe_qualified_name(name, 0, &shown);
        rc = reject(c, "uses operator %s; only pg_catalog may qualify an operator",
                    buf_str(&shown));
    }
    buf_free(&shown);
    return rc;
}

/* TABLESAMPLE methods are functions too; core ships two. */
static int check_tablesample(vctx_t *c, json_t *ts)
{
    json_t *method = json_object_get(ts, "method");
    const char *name = sqlsafe_last_name(method);
    const char *schema = sqlsafe_string_node(json_array_get(method, 0));
    buf_t shown = {0};
    int rc = 0;

    int qualified_ok = json_array_size(method) == 1 ||
                       (json_array_size(method) == 2 && schema &&
                        strcmp(schema, "pg_catalog") == 0);
    if (!qualified_ok || !name ||
        (strcmp(name, "system") != 0 && strcmp(name, "bernoulli") != 0)) {
        sqlsafe_qualified_name(method, 1, &shown);
        rc = reject(c, "uses TABLESAMPLE %s; only SYSTEM and BERNOULLI are allowed",
                    buf_str(&shown));
    }
    buf_free(&shown);
    return rc;
}

static const char *lock_words(json_t *locking)
{
    static const struct {
        const char *strength, *words;
    } map[] = {
        {"LCS_FORKEYSHARE", "FOR KEY SHARE"},
        {"LCS_FORSHARE", "FOR SHARE"},
        {"LCS_FORNOKEYUPDATE", "FOR NO KEY UPDATE"},
        {"LCS_FORUPDATE", "FOR UPDATE"},
    };
    const char *s = json_string_value(json_object_get(locking, "strength"));

    for (size_t i = 0; s && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(s, map[i].strength) == 0)
            return map[i].words;
    return "a locking clause";
}

static int reject_locking(vctx_t *c, json_t *locking)
{
    return reject(c, "uses %s, which locks rows; locking clauses are not allowed",
                  lock_words(locking));
}

/* A node-type key: {"FuncCall": {...}}, {"DeleteStmt": {...}}, ... */
static int check_node(vctx_t *c, const char *node, json_t *body)
{
    size_t n = strlen(node);

    if (n > 4 && strcmp(node + n - 4, "Stmt") == 0 && strcmp(node, "SelectStmt") != 0)
        return reject_stmt(c, "contains", node, body,
                           "only SELECT is allowed, in WITH and sub-queries too");
    if (strcmp(node, "IntoClause") == 0)
        return reject(c, "uses SELECT INTO, which creates a table");
    if (strcmp(node, "LockingClause") == 0)
        return reject_locking(c, body);
    if (strcmp(node, "ParamRef") == 0 &&
        !(json_integer_value(json_object_get(body, "number")) >= 1 &&
          json_integer_value(json_object_get(body, "number")) <= c->nparams))
        return reject(c, "uses the parameter $%lld, which nothing supplies",
                      (long long)json_integer_value(json_object_get(body, "number")));
    if (strcmp(node, "A_Expr") == 0)
        return check_operator(c, json_object_get(body, "name"));
    if (strcmp(node, "RangeTableSample") == 0)
        return check_tablesample(c, body);
    if (strcmp(node, "TypeName") == 0)
        return check_type(c, body);
    return 0;
}

/* A field key: {"intoClause": ...}, {"typeName": {...}}, ... (typed fields
 * are not wrapped in a node-type key, so they are recognised by name). */
static int check_field(vctx_t *c, const char *field, json_t *value)
{
    if (strcmp(field, "intoClause") == 0 && !json_is_null(value))
        return reject(c, "uses SELECT INTO, which creates a table");
    if (strcmp(field, "lockingClause") == 0 && json_array_size(value) > 0)
        return reject_locking(c, json_object_get(json_array_get(value, 0), "LockingClause"));
    if (strcmp(field, "typeName") == 0)
        return check_type(c, value);
    if (strcmp(field, "useOp") == 0 || strcmp(field, "operName") == 0)
        return check_operator(c, value);
    return 0;
}

/* Checks that go by an object's shape wherever it sits: anything with a
 * funcname is a call, anything with a relname reads a relation. */
static int check_shape(vctx_t *c, json_t *obj)
{
    json_t *funcname = json_object_get(obj, "funcname");

    if (json_is_array(funcname) && check_function(c, funcname) < 0)
        return -1;
    if (json_is_string(json_object_get(obj, "relname")) && check_relation(c, obj) < 0)
        return -1;
    return 0;
}

static int walk(vctx_t *c, json_t *v, int depth)
{
    const char *key;
    json_t *child;
    size_t i;

    if (depth > MAX_TREE_DEPTH)
        return reject(c, "is nested too deeply (the parse tree exceeds %d levels)",
                      MAX_TREE_DEPTH);
    if (json_is_array(v)) {
        json_array_foreach(v, i, child)
            if (walk(c, child, depth + 1) < 0)
                return -1;
        return 0;
    }
    if (!json_is_object(v))
        return 0;
    if (check_shape(c, v) < 0)
        return -1;
    json_object_foreach(v, key, child) {
        int rc = isupper((unsigned char)key[0]) ? check_node(c, key, child)
                                                : check_field(c, key, child);
        if (rc < 0 || walk(c, child, depth + 1) < 0)
            return -1;
    }
    return 0;
}

/* ---- 3. parse and walk ------------------------------------------------- */

/* Characters (not bytes) in s[0..n), for error positions. */
static size_t char_count(const char *s, size_t n)
{
    size_t chars = 0;

    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xc0) != 0x80;
    return chars;
}

static int check_tree(vctx_t *c, json_t *tree)
{
    json_t *stmts = json_object_get(tree, "stmts"), *body;

    if (json_array_size(stmts) == 0)
        return reject(c, "empty query");
    if (json_array_size(stmts) > 1)
        return reject_count(c, stmts);
    json_t *wrapper = json_object_get(json_array_get(stmts, 0), "stmt");
    const char *node = sqlsafe_stmt_node(wrapper, &body);
    if (strcmp(node, "SelectStmt") != 0)
        return reject_stmt(c, "is", node, body, "only SELECT is allowed");
    return walk(c, wrapper, 0);
}

/* stmt starts at character `offset` of what the user sent. */
static int check_parse(vctx_t *c, const char *stmt, size_t offset)
{
    PgQueryParseResult pr = pg_query_parse(stmt);
    json_t *tree = NULL;
    json_error_t jerr;
    int rc = -1;

    if (pr.error) {
        reject(c, "%s (at character %zu)", pr.error->message,
               offset + (size_t)(pr.error->cursorpos > 0 ? pr.error->cursorpos : 1));
        goto out;
    }
    tree = json_loads(pr.parse_tree, JSON_REJECT_DUPLICATES, &jerr);
    if (!tree) {
        /* libpg_query's JSON is well-formed; this is jansson's depth limit. */
        reject(c, "is nested too deeply (the parse tree exceeds %d levels)", MAX_TREE_DEPTH);
        goto out;
    }
    rc = check_tree(c, tree);
out:
    json_decref(tree);
    pg_query_free_parse_result(pr);
    return rc;
}

/* ---- 5. normalize + fingerprint ---------------------------------------- */

static int fill_out(vctx_t *c, char *stmt, sqlsafe_check_t *out)
{
    PgQueryNormalizeResult nr = pg_query_normalize(stmt);
    PgQueryFingerprintResult fr = pg_query_fingerprint(stmt);
    int rc = -1;

    if (nr.error || fr.error) {
        reject(c, "%s", nr.error ? nr.error->message : fr.error->message);
        goto out;
    }
    out->normalized = xstrdup(nr.normalized_query);
    out->fingerprint = xstrdup(fr.fingerprint_str);
    out->statement = stmt;
    rc = 0;
out:
    pg_query_free_normalize_result(nr);
    pg_query_free_fingerprint_result(fr);
    return rc;
}

/* ---- public ------------------------------------------------------------ */

static int check_text(vctx_t *c, const char *sql, size_t len, scan_t *sc)
{
    if (check_bytes(c, sql, len) < 0)
        return -1;
    sqlsafe_scan(sql, len, sc);
    if (sc->max_depth > SQLSAFE_MAX_NESTING)
        return reject(c, "nests brackets %d deep; the limit is %d", sc->max_depth,
                      SQLSAFE_MAX_NESTING);
    if (sc->open)
        return reject(c, "has an unterminated %s", sc->open);
    if (sc->first >= sc->end)
        return reject(c, "empty query");
    return 0;
}

int sqlsafe_validate(const char *sql, size_t len, const char *const *extra_functions,
                     size_t n_extra, sqlsafe_check_t *out, char *err, size_t errlen)
{
    return sqlsafe_validate_params(sql, len, 0, extra_functions, n_extra, out, err, errlen);
}

int sqlsafe_validate_params(const char *sql, size_t len, int nparams,
                            const char *const *extra_functions, size_t n_extra,
                            sqlsafe_check_t *out, char *err, size_t errlen)
{
    vctx_t c = {extra_functions, extra_functions ? n_extra : 0, nparams, err, errlen};
    scan_t sc;
    char *stmt = NULL;

    memset(out, 0, sizeof *out);
    if (errlen)
        err[0] = '\0';
    if (!sql)
        sql = "", len = 0;
    if (check_text(&c, sql, len, &sc) < 0)
        return -1;
    stmt = xstrndup(sql + sc.first, sc.end - sc.first);
    if (check_parse(&c, stmt, char_count(sql, sc.first)) < 0 || fill_out(&c, stmt, out) < 0) {
        free(stmt);
        sqlsafe_check_free(out);
        return -1;
    }
    return 0;
}

void sqlsafe_check_free(sqlsafe_check_t *c)
{
    if (!c)
        return;
    free(c->normalized);
    free(c->fingerprint);
    free(c->statement);
    memset(c, 0, sizeof *c);
}
