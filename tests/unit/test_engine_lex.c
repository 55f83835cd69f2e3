/* test_engine_lex.c — the tokens the MySQL, SQLite and ClickHouse policies
 * read (engine/lex.c): what is a string, a name, a comment, a parameter, and
 * what cannot be read whole and so is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/internal.h"

static const engine_lex_rules_t MYSQL = {.backtick_ident = 1, .backslash_escape = 1,
                                         .hash_comment = 1, .dash_needs_space = 1,
                                         .exec_comments = 1};
static const engine_lex_rules_t CLICKHOUSE = {.backtick_ident = 1, .dquote_ident = 1,
                                              .backslash_escape = 1};
static const engine_lex_rules_t SQLITE = {.backtick_ident = 1, .dquote_ident = 1,
                                          .bracket_ident = 1};

/* The tokens of sql as "kind:text" joined by spaces (W word, I name, S
 * string, N number, P parameter, V variable, . punctuation). */
static void lexes(const engine_lex_rules_t *r, const char *sql, const char *want)
{
    engine_tokens_t t;
    char err[200], got[1024] = "";
    int rc = engine_lex(sql, strlen(sql), r, &t, err, sizeof err);
    check_one(rc == 0, __FILE__, __LINE__, sql, rc ? err : "ok", "ok");
    if (rc < 0)
        return;
    static const char kinds[] = "WISNPV.";
    for (size_t k = 0; k < t.n; k++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%c:%.*s", k ? " " : "",
                 kinds[t.tok[k].kind], (int)(t.tok[k].end - t.tok[k].start), sql + t.tok[k].start);
    check_str(got, want, __FILE__, __LINE__, sql);
    engine_tokens_free(&t);
}

static void refuses(const engine_lex_rules_t *r, const char *sql, const char *want)
{
    engine_tokens_t t;
    char err[200];
    int rc = engine_lex(sql, strlen(sql), r, &t, err, sizeof err);
    check_one(rc == -1 && strstr(err, want) != NULL, __FILE__, __LINE__, sql,
              rc ? err : "(read)", want);
    CHECK(t.tok == NULL && t.n == 0);
}

static void test_mysql(void)
{
    lexes(&MYSQL, "SELECT `a b`, \"x\" FROM t", "W:SELECT I:`a b` .:, S:\"x\" W:FROM W:t");
    /* a backslash escapes the quote: the string does not end there */
    lexes(&MYSQL, "SELECT 'it\\'s; DROP' x", "W:SELECT S:'it\\'s; DROP' W:x");
    lexes(&MYSQL, "SELECT 'a''b'", "W:SELECT S:'a''b'");
    lexes(&MYSQL, "SELECT 1 # comment; DROP\n, 2", "W:SELECT N:1 .:, N:2");
    lexes(&MYSQL, "SELECT 1 -- c\n", "W:SELECT N:1");
    /* "--1" is minus minus one in MySQL, not a comment */
    lexes(&MYSQL, "SELECT 5--1", "W:SELECT N:5 .:- .:- N:1");
    lexes(&MYSQL, "SELECT @x, @@version", "W:SELECT V:@x .:, V:@@version");
    lexes(&MYSQL, "SELECT $1 + 1.5e-3", "W:SELECT P:$1 .:+ N:1.5e-3");
    refuses(&MYSQL, "SELECT /*! 1; DROP TABLE t */", "comments that run as SQL");
    refuses(&MYSQL, "SELECT /*M!100000 1 */", "comments that run as SQL");
    refuses(&MYSQL, "SELECT /*+ MAX_EXECUTION_TIME(1) */ 1", "comments that run as SQL");
    refuses(&MYSQL, "SELECT 'abc", "a string is not closed");
    refuses(&MYSQL, "SELECT 'abc\\'", "a string is not closed");
    refuses(&MYSQL, "SELECT `abc", "a quoted name is not closed");
    refuses(&MYSQL, "SELECT 1 /* x", "a /* comment is not closed");
}

static void test_others(void)
{
    lexes(&CLICKHOUSE, "SELECT \"a\", `b` FROM db.t -- x", "W:SELECT I:\"a\" .:, I:`b` W:FROM W:db .:. W:t");
    lexes(&CLICKHOUSE, "SELECT 'a\\'b'", "W:SELECT S:'a\\'b'");
    /* SQLite: no backslash escapes, [names] */
    lexes(&SQLITE, "SELECT 'a\\', [x y] FROM t", "W:SELECT S:'a\\' .:, I:[x y] W:FROM W:t");
    refuses(&SQLITE, "SELECT [x", "not closed");
}

static void test_depth_and_check(void)
{
    char deep[400];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof deep, "SELECT ");
    for (int i = 0; i < 120; i++)
        deep[n++] = '(';
    deep[n] = '\0';
    refuses(&MYSQL, deep, "too deeply");

    const char *sql = "  /* lead */ SELECT a, 'x' FROM `T` WHERE b = 42 ;; ";
    engine_tokens_t t;
    char err[200];
    CHECK(engine_lex(sql, strlen(sql), &MYSQL, &t, err, sizeof err) == 0);
    CHECK_INT((long long)engine_tok_statement_end(&t), 10);
    CHECK(engine_tok_is(&t, 0, "select") && !engine_tok_is(&t, 1, "select"));
    CHECK(engine_tok_punct(&t, 2, ','));
    CHECK_INT(t.tok[0].depth, 0);
    sqlsafe_check_t c = {0};
    engine_tok_check(&t, &c);
    CHECK_STR(c.statement, "SELECT a, 'x' FROM `T` WHERE b = 42");
    CHECK_STR(c.normalized, "select a , ? from `T` where b = ?");
    CHECK_INT((long long)strlen(c.fingerprint), 32);
    /* the same shape with other constants: one fingerprint */
    engine_tokens_t t2;
    const char *sql2 = "select a,'y' from `T` where b=7";
    CHECK(engine_lex(sql2, strlen(sql2), &MYSQL, &t2, err, sizeof err) == 0);
    sqlsafe_check_t c2 = {0};
    engine_tok_check(&t2, &c2);
    CHECK_STR(c2.fingerprint, c.fingerprint);
    sqlsafe_check_free(&c);
    sqlsafe_check_free(&c2);
    engine_tokens_free(&t);
    engine_tokens_free(&t2);
}

int main(void)
{
    test_mysql();
    test_others();
    test_depth_and_check();
    return check_done("test_engine_lex");
}
