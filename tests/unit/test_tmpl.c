/* test_tmpl.c — the mustache engine against spec-format cases, plus the
 * things the spec does not cover: compile errors, recursion, loading.
 *
 * usage: test_tmpl [CASES_DIR]   (default tests/unit/tmpl_cases) */
#define _POSIX_C_SOURCE 200809L

#include "check.h"
#include "core/buf.h"
#include "tmpl/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const spec_files[] = {
    "interpolation", "sections", "inverted", "comments", "partials", "delimiters", "extensions",
};

/* Compile the case's partials and template into a fresh set and render. */
static void run_case(const char *file, json_t *tc)
{
    const char *name = json_string_value(json_object_get(tc, "name"));
    const char *src = json_string_value(json_object_get(tc, "template"));
    const char *want = json_string_value(json_object_get(tc, "expected"));
    json_t *partials = json_object_get(tc, "partials");
    tmpl_set_t *set = tmpl_set_new();
    buf_t out = {0};
    char err[256] = "";
    const char *pname;
    json_t *psrc;
    int rc = 0;

    if (!name || !src || !want) {
        check_one(0, file, 0, "case lacks name, template or expected", NULL, NULL);
        goto out;
    }
    json_object_foreach(partials, pname, psrc) {
        const char *ps = json_string_value(psrc);
        if (rc == 0 && ps)
            rc = tmpl_set_add(set, pname, ps, strlen(ps), pname, err, sizeof err);
    }
    if (rc == 0)
        rc = tmpl_set_add(set, "(case)", src, strlen(src), "(case)", err, sizeof err);
    if (rc == 0)
        rc = tmpl_set_render(set, "(case)", json_object_get(tc, "data"), &out, err, sizeof err);
    if (rc < 0)
        check_one(0, file, 0, name, err, want);
    else
        check_one(strcmp(buf_str(&out), want) == 0, file, 0, name, buf_str(&out), want);
out:
    buf_free(&out);
    tmpl_set_free(set);
}

static void run_spec_file(const char *dir, const char *module)
{
    char path[1024];
    json_error_t jerr;
    snprintf(path, sizeof path, "%s/%s.json", dir, module);
    json_t *root = json_load_file(path, 0, &jerr);
    json_t *tests = json_object_get(root, "tests");
    size_t i;
    json_t *tc;
    CHECK(json_array_size(tests) > 0);
    if (!root)
        fprintf(stderr, "%s:%d: %s\n", path, jerr.line, jerr.text);
    json_array_foreach(tests, i, tc)
        run_case(path, tc);
    json_decref(root);
}

/* Compiling src must fail with exactly the message want. */
static void check_compile_error(const char *src, const char *want, int line)
{
    tmpl_set_t *set = tmpl_set_new();
    char err[256] = "";
    int rc = tmpl_set_add(set, "t", src, strlen(src), "templates/t.mustache", err, sizeof err);
    check_int(rc, -1, __FILE__, line, src);
    check_str(err, want, __FILE__, line, src);
    check_int(tmpl_set_has(set, "t"), 0, __FILE__, line, "failed template not added");
    tmpl_set_free(set);
}

static void test_compile_errors(void)
{
    check_compile_error("<table>\n{{#rows}}\n<tr>\n\n",
                        "templates/t.mustache:5: section 'rows' opened on line 2 is never closed",
                        __LINE__);
    check_compile_error("{{#a}}\n{{#b}}\n{{/a}}\n",
                        "templates/t.mustache:3: closing tag 'a' does not match section 'b' "
                        "opened on line 2", __LINE__);
    check_compile_error("ok\n{{/a}}", "templates/t.mustache:2: closing tag 'a' has no open section",
                        __LINE__);
    check_compile_error("a\nb {{name\nc\n",
                        "templates/t.mustache:2: tag '{{' is never closed (no '}}' after it)",
                        __LINE__);
    check_compile_error("{{{raw}}",
                        "templates/t.mustache:1: tag '{{' is never closed (no '}}}' after it)",
                        __LINE__);
    check_compile_error("\n\n{{=<% %>=}}\n<%x",
                        "templates/t.mustache:4: tag '<%' is never closed (no '%>' after it)",
                        __LINE__);
    check_compile_error("x\n{{=<%=}}",
                        "templates/t.mustache:2: bad delimiter tag '{{=<%=}}' (want two "
                        "delimiters, as in {{=<% %>=}})", __LINE__);
    check_compile_error("{{=a b c=}}",
                        "templates/t.mustache:1: bad delimiter tag '{{=a b c=}}' (want two "
                        "delimiters, as in {{=<% %>=}})", __LINE__);
    check_compile_error("{{= a= b =}}",
                        "templates/t.mustache:1: bad delimiter tag '{{= a= b =}}' (want two "
                        "delimiters, as in {{=<% %>=}})", __LINE__);
    check_compile_error("{{=<% %>}}",
                        "templates/t.mustache:1: tag '{{' is never closed (no '=}}' after it)",
                        __LINE__);
    check_compile_error("{{ }}", "templates/t.mustache:1: empty tag '{{ }}'", __LINE__);
    check_compile_error("{{a b}}", "templates/t.mustache:1: name 'a b' contains whitespace",
                        __LINE__);
    check_compile_error("{{> a b}}", "templates/t.mustache:1: partial name 'a b' contains "
                        "whitespace", __LINE__);
    check_compile_error("{{a..b}}", "templates/t.mustache:1: bad name 'a..b' (empty part)",
                        __LINE__);
    check_compile_error("{{#.a}}{{/.a}}", "templates/t.mustache:1: bad name '.a' (empty part)",
                        __LINE__);
}

/* A failed add leaves what was there; NULL filename falls back to the name. */
static void test_failed_add_keeps_old(void)
{
    tmpl_set_t *set = tmpl_set_new();
    char err[256] = "";
    buf_t out = {0};
    CHECK_INT(tmpl_set_add(set, "page", "v1", 2, NULL, err, sizeof err), 0);
    CHECK_INT(tmpl_set_add(set, "page", "{{#x}}", 6, NULL, err, sizeof err), -1);
    CHECK_STR(err, "page:1: section 'x' opened on line 1 is never closed");
    CHECK_INT(tmpl_set_render(set, "page", NULL, &out, err, sizeof err), 0);
    CHECK_STR(buf_str(&out), "v1");
    buf_free(&out);
    tmpl_set_free(set);
}

/* Replacing a partial is seen by templates compiled before it. */
static void test_replace_relinks(void)
{
    tmpl_set_t *set = tmpl_set_new();
    char err[256] = "";
    buf_t out = {0};
    CHECK_INT(tmpl_set_add(set, "page", "[{{>nav}}]", 10, NULL, err, sizeof err), 0);
    CHECK_INT(tmpl_set_render(set, "page", NULL, &out, err, sizeof err), 0);
    CHECK_STR(buf_str(&out), "[]");
    CHECK_INT(tmpl_set_add(set, "nav", "one", 3, NULL, err, sizeof err), 0);
    CHECK_INT(tmpl_set_add(set, "nav", "two", 3, NULL, err, sizeof err), 0);
    buf_reset(&out);
    CHECK_INT(tmpl_set_render(set, "page", NULL, &out, err, sizeof err), 0);
    CHECK_STR(buf_str(&out), "[two]");
    buf_free(&out);
    tmpl_set_free(set);
}

static void test_render_errors(void)
{
    tmpl_set_t *set = tmpl_set_new();
    char err[256] = "";
    buf_t out = {0};
    const char *loop = "x\n{{>loop}}";
    CHECK_INT(tmpl_set_render(set, "nope", NULL, &out, err, sizeof err), -1);
    CHECK_STR(err, "no template named 'nope'");
    CHECK_INT(tmpl_set_add(set, "loop", loop, strlen(loop), "loop.mustache", err, sizeof err), 0);
    CHECK_INT(tmpl_set_render(set, "loop", NULL, &out, err, sizeof err), -1);
    CHECK_STR(err, "loop.mustache:2: partial 'loop' nested more than 64 deep "
                   "(a partial including itself?)");
    buf_free(&out);
    tmpl_set_free(set);
}

/* {"n":{"n":...{"n":false}}} with `levels` objects. */
static json_t *nested_ctx(int levels)
{
    json_t *v = json_false();
    for (int i = 0; i < levels; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "n", v);
        v = o;
    }
    return v;
}

/* Exactly TMPL_MAX_DEPTH nested partials render; one more is an error. */
static void test_depth_limit_edge(void)
{
    tmpl_set_t *set = tmpl_set_new();
    char err[256] = "";
    buf_t out = {0};
    const char *chain = "{{#n}}+{{>c}}{{/n}}";
    json_t *ok = nested_ctx(TMPL_MAX_DEPTH + 1), *deep = nested_ctx(TMPL_MAX_DEPTH + 2);
    CHECK_INT(tmpl_set_add(set, "c", chain, strlen(chain), NULL, err, sizeof err), 0);
    CHECK_INT(tmpl_set_render(set, "c", ok, &out, err, sizeof err), 0);
    CHECK_INT(out.len, TMPL_MAX_DEPTH);
    buf_reset(&out);
    CHECK_INT(tmpl_set_render(set, "c", deep, &out, err, sizeof err), -1);
    json_decref(ok);
    json_decref(deep);
    buf_free(&out);
    tmpl_set_free(set);
}

static void test_escaping(void)
{
    tmpl_set_t *set = tmpl_set_new();
    char err[256] = "";
    buf_t out = {0};
    const char *src = "<a title=\"{{t}}\">{{t}}</a>|{{{t}}}|{{&t}}";
    json_t *ctx = json_pack("{s:s}", "t", "& < > \" '");
    CHECK_INT(tmpl_set_add(set, "e", src, strlen(src), NULL, err, sizeof err), 0);
    CHECK_INT(tmpl_set_render(set, "e", ctx, &out, err, sizeof err), 0);
    CHECK_STR(buf_str(&out), "<a title=\"&amp; &lt; &gt; &quot; &#39;\">"
                             "&amp; &lt; &gt; &quot; &#39;</a>|& < > \" '|& < > \" '");
    json_decref(ctx);
    buf_free(&out);
    tmpl_set_free(set);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_load_dir(void)
{
    char root[] = "/tmp/test_tmpl_XXXXXX", p[4096], err[512] = "";
    buf_t out = {0};
    json_t *ctx = json_pack("{s:s}", "user", "Zoë");
    tmpl_set_t *set = tmpl_set_new();
    if (!mkdtemp(root)) {
        CHECK(!"mkdtemp");
        goto out;
    }
    snprintf(p, sizeof p, "%s/partials", root);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/prompts", root);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/layout.mustache", root);
    write_file(p, "<body>\n  {{> partials/nav}}\n</body>\n");
    snprintf(p, sizeof p, "%s/partials/nav.mustache", root);
    write_file(p, "<nav>{{user}}</nav>\n");
    snprintf(p, sizeof p, "%s/prompts/sql.mustache", root);
    write_file(p, "SELECT 1;\n");
    snprintf(p, sizeof p, "%s/notes.txt", root);
    write_file(p, "{{#broken");
    snprintf(p, sizeof p, "%s/.swap.mustache", root);
    write_file(p, "{{#broken");

    CHECK_INT(tmpl_set_load_dir(set, root, err, sizeof err), 0);
    CHECK_STR(err, "");
    CHECK(tmpl_set_has(set, "layout"));
    CHECK(tmpl_set_has(set, "partials/nav"));
    CHECK(tmpl_set_has(set, "prompts/sql"));
    CHECK(!tmpl_set_has(set, "notes"));
    CHECK(!tmpl_set_has(set, ".swap"));
    CHECK(!tmpl_set_has(set, "nav"));
    CHECK_INT(tmpl_set_render(set, "layout", ctx, &out, err, sizeof err), 0);
    CHECK_STR(buf_str(&out), "<body>\n  <nav>Zoë</nav>\n</body>\n");

    /* a broken file is reported with its path and line */
    snprintf(p, sizeof p, "%s/prompts/bad.mustache", root);
    write_file(p, "ok\n{{#rows}}\n");
    CHECK_INT(tmpl_set_load_dir(set, root, err, sizeof err), -1);
    char want[600];
    snprintf(want, sizeof want, "%s/prompts/bad.mustache:3: section 'rows' opened on line 2 "
             "is never closed", root);
    CHECK_STR(err, want);
    unlink(p);

    CHECK_INT(tmpl_set_load_dir(set, "/nonexistent/dir", err, sizeof err), -1);
    CHECK_STR(err, "/nonexistent/dir: No such file or directory");

    const char *files[] = {"layout.mustache", "partials/nav.mustache", "prompts/sql.mustache",
                           "notes.txt", ".swap.mustache"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p, sizeof p, "%s/%s", root, files[i]);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/partials", root);
    rmdir(p);
    snprintf(p, sizeof p, "%s/prompts", root);
    rmdir(p);
    rmdir(root);
out:
    json_decref(ctx);
    buf_free(&out);
    tmpl_set_free(set);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/unit/tmpl_cases";
    for (size_t i = 0; i < sizeof spec_files / sizeof *spec_files; i++)
        run_spec_file(dir, spec_files[i]);
    test_compile_errors();
    test_failed_add_keeps_old();
    test_replace_relinks();
    test_render_errors();
    test_depth_limit_edge();
    test_escaping();
    test_load_dir();
    return check_done("test_tmpl");
}
