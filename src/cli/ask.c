/* ask.c — `datamind ask --db URL|CONNINFO [--json] [--vocabulary FILE]
 * [--llm-sharing LEVEL] "question"`: discover that database's schema, plan
 * the question, run the SQL through the same validator and read-only
 * executor as the web pages, and print the SQL, the rows and the insight
 * (or one JSON object with --json). The question takes the chat's path
 * (chat_question_plan, chat_explain; chat_llm_run when the planner is not
 * sure and an LLM is configured), so it is answered and worded as in the
 * web; only the connection (a database URL — postgresql://, mysql://,
 * sqlite:///path, clickhouse:// — or a libpq conninfo string; no
 * organization) is the CLI's. It goes through the engine of its kind, as
 * the web's connections do. */
#include "cli/cli.h"
#include "ask/ask.h"
#include "chat/chat.h"
#include "core/config.h"
#include "engine/engine.h"
#include "http/http.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: datamind ask --db URL|CONNINFO [--json] [--vocabulary FILE]\n"
    "                    [--llm-sharing schema|samples|rows] \"question\"\n"
    "       datamind ask --db URL|CONNINFO --questions FILE   (one a line; JSON lines out)\n";

/* The database given with --db: its engine and an open connection. */
typedef struct cli_db {
    const engine_t *e;
    engine_conn_t *conn;
} cli_db_t;

typedef struct ask_opts {
    const char *conninfo, *vocab_file, *question;
    const char *questions_file;  /* --questions: one a line, the schema read once */
    int as_json;
    llm_share_t share; /* what may go to the LLM (default: schema only) */
} ask_opts_t;

static void print_json(json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    puts(s ? s : "{}");
    free(s);
}

static void print_rows(const json_t *res)
{
    const json_t *cols = json_object_get(res, "columns"), *rows = json_object_get(res, "rows");
    for (size_t c = 0; c < json_array_size(cols); c++)
        printf("%s%s", c ? "\t" : "", json_string_value(json_object_get(json_array_get(cols, c), "name")));
    putchar('\n');
    for (size_t r = 0; r < json_array_size(rows) && r < 50; r++) {
        const json_t *row = json_array_get(rows, r);
        for (size_t c = 0; c < json_array_size(row); c++) {
            const json_t *v = json_array_get(row, c);
            char *s = json_is_string(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY);
            printf("%s%s", c ? "\t" : "", s ? s : json_string_value(v));
            free(s);
        }
        putchar('\n');
    }
    if (json_array_size(rows) > 50)
        printf("… %zu rows in all\n", json_array_size(rows));
}

static engine_run_t run_limits(void)
{
    return (engine_run_t){.timeout_ms = cfg->query_timeout_ms, .max_rows = cfg->max_rows,
                          .max_cell_bytes = (size_t)cfg->max_cell_bytes,
                          .max_result_bytes = (size_t)cfg->max_result_bytes};
}

/* llm_exec_fn: the LLM's statement, already validated, read-only. */
static int exec_db(void *ctx, const char *sql, json_t **result, char *err, size_t errlen)
{
    const cli_db_t *db = ctx;
    engine_run_t run = run_limits();
    int pos = 0;
    return db->e->execute(db->conn, sql, &run, result, &pos, err, errlen);
}

/* The planner's clarification, as printed. */
static json_t *clarify_json(const ask_plan_result_t *p)
{
    return json_pack("{s:O?, s:O?}", "clarify", json_object_get(p->clarify, "message"), "options",
                     json_object_get(p->clarify, "options"));
}

/* The planner was not sure: the chat's LLM path, or the clarification
 * with why the LLM did not help. */
static json_t *llm_answer(cli_db_t *db, const ask_schema_t *s, const json_t *vocab,
                          const ask_opts_t *o, const ask_plan_result_t *p, long start_ms)
{
    char err[1024] = "", path[1200];
    llm_config_t lc = chat_llm_config(start_ms);
    tmpl_set_t *prompts = tmpl_set_new();
    chat_llm_result_t r = {0};
    json_t *out;
    snprintf(path, sizeof path, "%s/prompts", cfg->templates_dir);
    chat_llm_request_t rq = {.llm = &lc, .prompts = prompts, .schema = s, .question = o->question,
                             .vocabulary = vocab, .plan = p, .share = o->share, .exec = exec_db,
                             .exec_ctx = db, .engine = db->e};
    int rc = tmpl_set_load_dir(prompts, path, err, sizeof err);
    if (rc == 0)
        rc = chat_llm_run(&rq, &r, err, sizeof err);
    if (rc == 0) {
        out = json_pack("{s:s, s:O, s:O, s:s, s:O?, s:f, s:s, s:s}", "sql", r.sql, "columns",
                        json_object_get(r.result, "columns"), "rows",
                        json_object_get(r.result, "rows"), "insight", r.insight, "chart", r.chart,
                        "confidence", 0.5, "written_by", "llm", "model", lc.model ? lc.model : "");
    } else {
        out = clarify_json(p);
        json_object_set_new(out, "llm_error", json_string(err));
    }
    if (r.usage.attempts > 0)
        json_object_set_new(out, "token_usage", chat_usage_json(&r.usage));
    chat_llm_result_free(&r);
    tmpl_set_free(prompts);
    return out;
}

/* Validate, run and explain the planner's SQL (worded as in the chat). */
static json_t *planned_answer(const cli_db_t *db, const ask_plan_result_t *p, char *err,
                              size_t errlen)
{
    sqlsafe_check_t chk;
    json_t *res = NULL, *out;
    int pos = 0;
    engine_run_t run = run_limits();
    if (db->e->validate(p->sql, strlen(p->sql), 0, NULL, 0, &chk, err, errlen) < 0)
        return json_pack("{s:s, s:s}", "error", err, "sql", p->sql);
    int rc = db->e->execute(db->conn, chk.statement, &run, &res, &pos, err, errlen);
    sqlsafe_check_free(&chk);
    if (rc < 0)
        return json_pack("{s:s, s:s}", "error", err, "sql", p->sql);
    arena_t *a = arena_new();
    insight_t ins;
    chat_explain(a, p, res, &ins);
    out = json_pack("{s:s, s:O, s:O, s:s, s:O, s:f}", "sql", p->sql, "columns",
                    json_object_get(res, "columns"), "rows", json_object_get(res, "rows"),
                    "insight", ins.text ? ins.text : "", "chart", ins.chart,
                    "confidence", p->confidence);
    if (p->understood && *p->understood) /* what each word became: the chat's "What I understood" */
        json_object_set_new(out, "understood", json_string(p->understood));
    insight_free(&ins);
    arena_free(a);
    json_decref(res);
    return out;
}

/* chat_question_t's second look, on the database given with --db. */
typedef struct again_ctx {
    const cli_db_t *db;
    const json_t *discovered, *vocab;
    const char *question;
} again_ctx_t;

static void look_again(void *ctx, ask_plan_result_t *p)
{
    again_ctx_t *g = ctx;
    chat_plan_again(g->db->e, g->db->conn, g->discovered, g->vocab, g->question, NULL, p);
}

/* The chat's path (chat_question_plan), then by its route: fills *out (new
 * object) — the --json shape. */
static json_t *answer(cli_db_t *db, const ask_schema_t *s, const json_t *discovered,
                      const json_t *vocab, const ask_opts_t *o, char *err, size_t errlen)
{
    ask_plan_result_t p;
    chat_route_t route;
    long plan_us = 0;
    long start_ms = llm_now_ms(); /* the question's LLM deadline counts from here */
    again_ctx_t g = {db, discovered, vocab, o->question};
    chat_question_t q = {s, o->question, NULL, look_again, &g};
    json_t *out;
    if (chat_question_plan(&q, &p, &route, &plan_us, err, errlen) < 0)
        out = json_pack("{s:s}", "error", err);
    else if (route == CHAT_ROUTE_LLM)
        out = llm_answer(db, s, vocab, o, &p, start_ms);
    else if (route == CHAT_ROUTE_CLARIFY)
        out = clarify_json(&p);
    else
        out = planned_answer(db, &p, err, errlen);
    ask_plan_result_free(&p);
    json_object_set_new(out, "plan_us", json_integer(plan_us)); /* ask_plan only: the benchmark's planner time */
    return out;
}

static void print_text(const json_t *out)
{
    const char *llm_error = json_string_value(json_object_get(out, "llm_error"));
    if (json_object_get(out, "clarify")) {
        printf("%s\n", json_string_value(json_object_get(out, "clarify")));
        if (llm_error)
            printf("(An AI model was asked too, but %s.)\n", llm_error);
        size_t i;
        json_t *opt;
        json_array_foreach(json_object_get(out, "options"), i, opt)
            printf("  - %s\n", json_string_value(json_object_get(opt, "question")));
    } else if (json_object_get(out, "error")) {
        fprintf(stderr, "datamind ask: %s\n", json_string_value(json_object_get(out, "error")));
    } else {
        if (json_object_get(out, "written_by"))
            printf("Written by the LLM (%s)\n\n", json_string_value(json_object_get(out, "model")));
        printf("%s\n\n", json_string_value(json_object_get(out, "sql")));
        print_rows(out);
        printf("\n%s\n", json_string_value(json_object_get(out, "insight")));
    }
}

/* PostgreSQL's gaps filled as libpq would: PGHOST (else its socket
 * directory), PGPORT; an empty database, user or password is libpq's
 * default (PGDATABASE, PGUSER, PGPASSWORD, the login name). */
static void pg_defaults(engine_target_t *t)
{
    const char *host = getenv("PGHOST"), *port = getenv("PGPORT");
    if (!t->host || !*t->host)
        t->host = host && *host ? host : "/var/run/postgresql";
    if (!t->port && port)
        t->port = atoi(port);
}

/* Open --db: a URL of any kind, or a libpq conninfo string. It is the
 * admin's own target, so its host is the allow-list (a unix socket is
 * allowed because it was named). */
static int db_open(arena_t *a, const char *spec, cli_db_t *db, char *err, size_t errlen)
{
    http_db_url_t u;
    int url = strstr(spec, "://") != NULL;
    if ((url ? http_parse_db_url(a, spec, &u) : http_parse_conninfo(a, spec, &u)) < 0) {
        snprintf(err, errlen, url ? "--db: not a database URL (postgresql://, mysql://, "
                                    "sqlite:///path, clickhouse://)"
                                  : "--db: not a conninfo string (host=… port=… dbname=… user=…)");
        return -1;
    }
    if (!(db->e = engine_find(u.kind, err, errlen)))
        return -1;
    engine_target_t t = {.kind = db->e->kind, .host = u.host, .port = u.port, .dbname = u.dbname,
                         .user = u.user ? u.user : "", .password = u.password ? u.password : "",
                         .sslmode = u.sslmode};
    if (db->e->kind == ENGINE_POSTGRESQL)
        pg_defaults(&t);
    char why[900];
    db->conn = db->e->connect(&t, t.host, 10, why, sizeof why);
    if (!db->conn)
        snprintf(err, errlen, "cannot connect: %s", why);
    return db->conn ? 0 : -1;
}

/* --questions FILE: each line a question on the one discovered schema,
 * each answer one line of JSON with its "question" (the engines'
 * comparison: discovery once, not once a question). 0, or 1 when the file
 * cannot be read. */
static int ask_each(cli_db_t *db, const ask_schema_t *s, const json_t *schema, const json_t *vocab,
                    const ask_opts_t *o)
{
    FILE *f = fopen(o->questions_file, "r");
    if (!f) {
        fprintf(stderr, "datamind ask: cannot read %s\n", o->questions_file);
        return 1;
    }
    char line[2048], err[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!*line)
            continue;
        ask_opts_t one = *o;
        one.question = line;
        json_t *out = answer(db, s, schema, vocab, &one, err, sizeof err);
        json_object_set_new(out, "question", json_string(line));
        print_json(out);
        fflush(stdout);
        json_decref(out);
    }
    fclose(f);
    return 0;
}

static int run_ask(const ask_opts_t *o)
{
    char err[1024];
    json_t *vocab = NULL, *schema = NULL, *out = NULL;
    ask_schema_t *s = NULL;
    int rc = 1;
    arena_t *a = arena_new();
    cli_db_t db = {0};
    if (db_open(a, o->conninfo ? o->conninfo : "", &db, err, sizeof err) < 0)
        goto fail;
    if (o->vocab_file && !(vocab = json_load_file(o->vocab_file, 0, NULL))) {
        snprintf(err, sizeof err, "cannot read the vocabulary file %s (a JSON array)",
                 o->vocab_file);
        goto fail;
    }
    sqlsafe_discover_opts_t d = {.sample_values = SQLSAFE_SAMPLE_VALUES, .sample_timeout_ms = 2000,
                                 .exact_count_below = 10000};
    if (engine_discover(db.e, db.conn, &d, &schema, err, sizeof err) < 0 ||
        !(s = ask_schema_new_with(schema, vocab, &(ask_schema_opts_t){.dialect = db.e->dialect},
                                  err, sizeof err)))
        goto fail;
    if (o->questions_file) {
        rc = ask_each(&db, s, schema, vocab, o);
        goto out;
    }
    out = answer(&db, s, schema, vocab, o, err, sizeof err);
    if (o->as_json)
        print_json(out);
    else
        print_text(out);
    rc = json_object_get(out, "error") ? 1 : 0;
    goto out;
fail:
    if (o->as_json) {
        json_t *e = json_pack("{s:s}", "error", err);
        print_json(e);
        json_decref(e);
    } else {
        fprintf(stderr, "datamind ask: %s\n", err);
    }
out:
    json_decref(out);
    json_decref(schema);
    json_decref(vocab);
    ask_schema_free(s);
    if (db.conn)
        db.e->close(db.conn);
    arena_free(a);
    return rc;
}

int cli_ask(int argc, char **argv)
{
    ask_opts_t o = {.share = LLM_SHARE_SCHEMA};
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            o.conninfo = argv[++i];
        } else if (strcmp(argv[i], "--vocabulary") == 0 && i + 1 < argc) {
            o.vocab_file = argv[++i];
        } else if (strcmp(argv[i], "--llm-sharing") == 0 && i + 1 < argc) {
            int level = llm_share_parse(argv[++i]);
            if (level < 0) {
                fprintf(stderr, "datamind ask: --llm-sharing is schema, samples or rows\n");
                return 2;
            }
            o.share = (llm_share_t)level;
        } else if (strcmp(argv[i], "--questions") == 0 && i + 1 < argc) {
            o.questions_file = argv[++i];
        } else if (strcmp(argv[i], "--json") == 0) {
            o.as_json = 1;
        } else if (!o.question) {
            o.question = argv[i];
        } else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!o.conninfo || (!o.question == !o.questions_file)) {
        fputs(usage, stderr);
        return 2;
    }
    return run_ask(&o);
}
