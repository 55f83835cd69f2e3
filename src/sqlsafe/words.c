/* words.c — SQL as a user would write it, for refusal messages:
 * identifiers quoted only where PostgreSQL needs it, qualified names, and
 * the SQL words of a statement node ("DROP TABLE", "SET", "COMMIT"). */
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "sqlsafe/internal.h"

/* The sval of a {"String":{"sval":...}} node, or NULL. */
const char *sqlsafe_string_node(json_t *node)
{
    return json_string_value(json_object_get(json_object_get(node, "String"), "sval"));
}

/* "a.b.c" from a list of String nodes (a function, operator or type name);
 * operators are not quoted. Returns the number of parts, -1 if a part is not
 * a String. */
int sqlsafe_qualified_name(json_t *list, int quote, buf_t *b)
{
    size_t i;
    json_t *part;

    json_array_foreach(list, i, part) {
        const char *s = sqlsafe_string_node(part);
        if (!s)
            return -1;
        if (i > 0)
            buf_putc(b, '.');
        if (quote)
            sqlsafe_show_ident(b, s);
        else
            buf_puts(b, s);
    }
    return (int)json_array_size(list);
}

const char *sqlsafe_last_name(json_t *list)
{
    return sqlsafe_string_node(json_array_get(list, json_array_size(list) - 1));
}

/* ---- statements -------------------------------------------------------- */

static const struct {
    const char *node, *word;
} stmt_words[] = {
    {"AlterRoleStmt", "ALTER ROLE"},         {"AlterSystemStmt", "ALTER SYSTEM"},
    {"AlterTableStmt", "ALTER TABLE"},       {"CallStmt", "CALL"},
    {"CheckPointStmt", "CHECKPOINT"},        {"ClosePortalStmt", "CLOSE"},
    {"ClusterStmt", "CLUSTER"},              {"CommentStmt", "COMMENT"},
    {"CopyStmt", "COPY"},                    {"CreateExtensionStmt", "CREATE EXTENSION"},
    {"CreateFunctionStmt", "CREATE FUNCTION"}, {"CreateRoleStmt", "CREATE ROLE"},
    {"CreateSchemaStmt", "CREATE SCHEMA"},   {"CreateSeqStmt", "CREATE SEQUENCE"},
    {"CreateStmt", "CREATE TABLE"},          {"CreateTableAsStmt", "CREATE TABLE AS"},
    {"CreateTrigStmt", "CREATE TRIGGER"},    {"CreatedbStmt", "CREATE DATABASE"},
    {"DeallocateStmt", "DEALLOCATE"},        {"DeclareCursorStmt", "DECLARE CURSOR"},
    {"DeleteStmt", "DELETE"},                {"DiscardStmt", "DISCARD"},
    {"DoStmt", "DO"},                        {"DropRoleStmt", "DROP ROLE"},
    {"DropdbStmt", "DROP DATABASE"},         {"ExecuteStmt", "EXECUTE"},
    {"ExplainStmt", "EXPLAIN"},              {"FetchStmt", "FETCH"},
    {"GrantRoleStmt", "GRANT/REVOKE role"},  {"GrantStmt", "GRANT/REVOKE"},
    {"IndexStmt", "CREATE INDEX"},           {"InsertStmt", "INSERT"},
    {"ListenStmt", "LISTEN"},                {"LoadStmt", "LOAD"},
    {"LockStmt", "LOCK"},                    {"MergeStmt", "MERGE"},
    {"NotifyStmt", "NOTIFY"},                {"PrepareStmt", "PREPARE"},
    {"RefreshMatViewStmt", "REFRESH MATERIALIZED VIEW"}, {"ReindexStmt", "REINDEX"},
    {"RenameStmt", "ALTER ... RENAME"},      {"RuleStmt", "CREATE RULE"},
    {"SelectStmt", "SELECT"},                {"TruncateStmt", "TRUNCATE"},
    {"UnlistenStmt", "UNLISTEN"},            {"UpdateStmt", "UPDATE"},
    {"VacuumStmt", "VACUUM/ANALYZE"},        {"VariableShowStmt", "SHOW"},
    {"ViewStmt", "CREATE VIEW"},
};

/* "PREFIX_SOME_WORDS" → "SOME WORDS" appended to b. */
static void put_enum_words(buf_t *b, const char *value, const char *prefix)
{
    size_t n = strlen(prefix);

    if (!value)
        return;
    if (strncmp(value, prefix, n) == 0)
        value += n;
    for (; *value; value++)
        buf_putc(b, *value == '_' ? ' ' : *value);
}

/* The SQL words for a statement node, e.g. "DROP TABLE", "SET", "COMMIT". */
void sqlsafe_stmt_word(buf_t *b, const char *node, json_t *body)
{
    if (strcmp(node, "VariableSetStmt") == 0) {
        const char *kind = json_string_value(json_object_get(body, "kind"));
        buf_puts(b, kind && strncmp(kind, "VAR_RESET", 9) == 0 ? "RESET" : "SET");
        return;
    }
    if (strcmp(node, "TransactionStmt") == 0) {
        const char *kind = json_string_value(json_object_get(body, "kind"));
        put_enum_words(b, kind, "TRANS_STMT_");
        if (kind && strcmp(kind, "TRANS_STMT_START") == 0)
            buf_puts(b, " TRANSACTION");
        return;
    }
    if (strcmp(node, "DropStmt") == 0) {
        buf_puts(b, "DROP ");
        put_enum_words(b, json_string_value(json_object_get(body, "removeType")), "OBJECT_");
        return;
    }
    for (size_t i = 0; i < sizeof stmt_words / sizeof stmt_words[0]; i++)
        if (strcmp(node, stmt_words[i].node) == 0) {
            buf_puts(b, stmt_words[i].word);
            return;
        }
    buf_puts(b, node);
}

const char *sqlsafe_article(const char *word)
{
    return word[0] && strchr("AEIOU", word[0]) ? "an" : "a";
}

/* The one key of a node such as {"SelectStmt": {...}}, with its body. */
const char *sqlsafe_stmt_node(json_t *wrapper, json_t **body)
{
    void *it = json_object_iter(wrapper);

    *body = it ? json_object_iter_value(it) : NULL;
    return it ? json_object_iter_key(it) : "";
}
