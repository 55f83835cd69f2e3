/* llm_prompt.c — prompts in, SQL out: rendering and splitting the prompt
 * templates, disarming user text, and finding the SQL in a reply. */
#include "ask/llm_internal.h"
#include "core/buf.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define USER_MARK "=== USER ==="

/* Case-insensitive strstr over NUL-terminated text. */
static const char *find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return hay;
    return NULL;
}

/* 1 when p starts one of the prompts' own tags: <sql>, </question>... */
static int is_prompt_tag(const char *p)
{
    static const char *const tags[] = { "sql", "question", "previous_sql", "last_answer_sql" };
    if (*p++ != '<')
        return 0;
    if (*p == '/')
        p++;
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (strncasecmp(p, tags[i], strlen(tags[i])) == 0)
            return 1;
    return 0;
}

char *llm_text_defuse(const char *s)
{
    buf_t b = {0};
    for (const char *p = s ? s : ""; *p;) {
        if (is_prompt_tag(p)) {
            buf_putc(&b, '[');
            p++;
        } else if (strncmp(p, "```", 3) == 0) {
            buf_puts(&b, "'''");
            p += 3;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_detach(&b);
}

json_t *llm_json_defuse(const json_t *v)
{
    if (json_is_string(v)) {
        char *d = llm_text_defuse(json_string_value(v));
        json_t *s = json_string(d);  /* NULL only for invalid UTF-8 */
        free(d);
        return s ? s : json_string("");
    }
    if (json_is_array(v)) {
        json_t *a = json_array();
        size_t i;
        json_t *x;
        json_array_foreach((json_t *)v, i, x)
            json_array_append_new(a, llm_json_defuse(x));
        return a;
    }
    if (json_is_object(v)) {
        json_t *o = json_object();
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x)
            json_object_set_new(o, k, llm_json_defuse(x));
        return o;
    }
    return v ? json_deep_copy(v) : json_null();
}

int llm_prompt_render(const tmpl_set_t *set, const char *name, json_t *ctx, char **system,
                      json_t **messages, char *err, size_t errlen)
{
    char full[64];
    snprintf(full, sizeof full, "prompts/%s", name);
    const char *use = tmpl_set_has(set, full) ? full : name;
    if (!set || !tmpl_set_has(set, use)) {
        snprintf(err, errlen, "the prompt template %s.mustache is missing", full);
        return -1;
    }
    buf_t out = {0};
    if (tmpl_set_render(set, use, ctx, &out, err, errlen) < 0) {
        buf_free(&out);
        return -1;
    }
    const char *text = buf_str(&out);
    const char *mark = strstr(text, USER_MARK "\n");  /* the first: template text */
    const char *user = mark ? mark + strlen(USER_MARK) + 1 : text;
    *system = mark ? xstrndup(text, (size_t)(mark - text)) : xstrdup("");
    *messages = json_pack("[{s:s,s:s}]", "role", "user", "content", user);
    buf_free(&out);
    if (!*messages) {  /* invalid UTF-8 somewhere in the rendered text */
        free(*system);
        *system = NULL;
        snprintf(err, errlen, "the prompt is not valid UTF-8");
        return -1;
    }
    return 0;
}

void llm_usage_add(llm_usage_t *to, const llm_usage_t *from)
{
    to->input_tokens += from->input_tokens;
    to->output_tokens += from->output_tokens;
    to->calls += from->calls;
    to->attempts += from->attempts;
    to->ms += from->ms;
}

static const char *const share_names[] = { "schema", "samples", "rows" };

int llm_share_parse(const char *name)
{
    for (int i = 0; name && i < 3; i++)
        if (strcmp(name, share_names[i]) == 0)
            return i;
    return -1;
}

const char *llm_share_name(llm_share_t s)
{
    return (int)s >= 0 && (int)s < 3 ? share_names[s] : "schema";
}

/* A database message quotes the value it could not read after a colon:
 * 'invalid input syntax for type integer: "Ada Lovelace"'. Names of
 * columns and tables are quoted without one ('column "x" does not exist')
 * and stay: the LLM needs them to correct its SQL. */
char *llm_redact_values(const char *msg)
{
    buf_t b = {0};
    for (const char *p = msg ? msg : ""; *p;) {
        if (p[0] == ':' && p[1] == ' ' && p[2] == '"') {
            const char *end = strchr(p + 3, '"');
            while (end && end[1] == '"')  /* "" inside a quoted value */
                end = strchr(end + 2, '"');
            buf_puts(&b, ": (a value, left out)");
            p = end ? end + 1 : p + strlen(p);
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_detach(&b);
}

/* [s, e) without surrounding whitespace, as a new string; NULL when empty. */
static char *trimmed(const char *s, const char *e)
{
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    return e > s ? xstrndup(s, (size_t)(e - s)) : NULL;
}

static char *from_tags(const char *text)
{
    for (const char *p = text; (p = find_ci(p, "<sql>")) != NULL; p += 5) {
        const char *end = find_ci(p + 5, "</sql>");
        if (!end)
            return NULL;
        char *sql = trimmed(p + 5, end);
        if (sql)
            return sql;
    }
    return NULL;
}

/* 1 for a fence info string naming SQL ("sql", "postgresql", "psql"…). */
static int info_is_sql(const char *s, const char *e)
{
    static const char *const names[] = { "sql", "postgresql", "postgres", "pgsql", "psql" };
    size_t n = (size_t)(e - s);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (n == strlen(names[i]) && strncasecmp(s, names[i], n) == 0)
            return 1;
    return 0;
}

/* The first ```sql block, else the first unlabelled ``` block. */
static char *from_fences(const char *text)
{
    const char *plain = NULL, *plain_end = NULL;
    for (const char *p = strstr(text, "```"); p; ) {
        const char *info = p + 3, *nl = strchr(info, '\n');
        if (!nl)
            break;
        const char *ie = nl;
        while (ie > info && isspace((unsigned char)ie[-1]))
            ie--;
        const char *close = strstr(nl + 1, "```");
        if (!close)
            close = nl + 1 + strlen(nl + 1);  /* unclosed: to the end */
        if (info_is_sql(info, ie)) {
            char *sql = trimmed(nl + 1, close);
            if (sql)
                return sql;
        } else if (ie == info && !plain) {
            plain = nl + 1;
            plain_end = close;
        }
        p = *close ? strstr(close + 3, "```") : NULL;
    }
    return plain ? trimmed(plain, plain_end) : NULL;
}

char *llm_extract_sql(const char *text)
{
    if (!text)
        return NULL;
    char *sql = from_tags(text);
    return sql ? sql : from_fences(text);
}
