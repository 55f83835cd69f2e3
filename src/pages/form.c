/* form.c — reading and checking form fields, and keeping what the user
 * typed so a form with an error is shown again with their input and the
 * message next to the field. */
#include "pages/pages.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void form_open(form_t *f, req_t *r)
{
    f->r = r;
    f->values = json_object();
    f->errors = json_object();
}

void form_error(form_t *f, const char *field, const char *msg)
{
    if (!json_object_get(f->errors, field))
        json_object_set_new(f->errors, field, json_string(msg));
}

int form_ok(const form_t *f)
{
    return json_object_size(f->errors) == 0;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static int has_control(const char *s, int allow_newlines)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
            return 1;
    }
    return 0;
}

/* Trim, check required/length/control characters; record the value. */
const char *form_text(form_t *f, const char *name, const char *label, int required,
                      size_t max_chars)
{
    const char *raw = http_param(f->r, name);
    const char *s = raw ? raw : "";
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char *v = arena_strndup(f->r->arena, s, len);
    char msg[160];
    if (required && !*v) {
        snprintf(msg, sizeof msg, "%s is required.", label);
        form_error(f, name, msg);
    } else if (utf8_chars(v) > max_chars) {
        snprintf(msg, sizeof msg, "%s can be at most %zu characters.", label, max_chars);
        form_error(f, name, msg);
        v[0] = '\0'; /* do not echo 10,000 characters back */
    } else if (has_control(v, max_chars > 1000)) {
        snprintf(msg, sizeof msg, "%s contains control characters; remove them.", label);
        form_error(f, name, msg);
    }
    json_object_set_new(f->values, name, json_string(v));
    return v;
}

/* An email address: one @, something on both sides, no spaces; lowercased. */
const char *form_email(form_t *f, const char *name)
{
    const char *v = form_text(f, name, "Email", 1, 254);
    if (!*v || json_object_get(f->errors, name))
        return v;
    const char *at = strchr(v, '@');
    if (!at || at == v || !at[1] || strchr(at + 1, '@') || strpbrk(v, " \t,;<>\"") ||
        !strchr(at + 1, '.')) {
        form_error(f, name, "Enter an email address like name@example.com.");
        return v;
    }
    char *low = arena_strdup(f->r->arena, v);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return low;
}

/* A password field: never trimmed, never echoed back. */
const char *form_password(form_t *f, const char *name, const char *label)
{
    const char *v = http_param(f->r, name);
    if (!v || !*v) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s is required.", label);
        form_error(f, name, msg);
        return "";
    }
    return v;
}

/* Values and errors into the page context (ctx.form, ctx.errors); the
 * form's references move to ctx. */
void form_into(form_t *f, json_t *ctx)
{
    json_object_set_new(ctx, "form", f->values);
    json_object_set_new(ctx, "errors", f->errors);
    if (json_object_size(f->errors))
        json_object_set_new(ctx, "has_errors", json_true());
    f->values = f->errors = NULL;
}

void form_close(form_t *f)
{
    json_decref(f->values);
    json_decref(f->errors);
    f->values = f->errors = NULL;
}
