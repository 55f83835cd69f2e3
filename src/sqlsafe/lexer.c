/* lexer.c — just enough of PostgreSQL's lexical rules for the validator:
 * quoted strings (with and without backslash escapes), quoted identifiers,
 * dollar quotes, nested block comments and line comments. It finds the
 * statement's first and last real token (so what is checked is what runs)
 * and measures ( / [ nesting before libpg_query sees anything. */
#include "sqlsafe/internal.h"

#include <ctype.h>
#include <string.h>


static int is_ident_start(unsigned char ch)
{
    return isalpha(ch) || ch == '_' || ch >= 0x80;
}

static int is_ident_char(unsigned char ch)
{
    return is_ident_start(ch) || isdigit(ch) || ch == '$';
}

/* s[i] is just past the opening quote q. Returns the offset past the
 * closing quote ('' or "" doubled inside; \x escapes when backslash). */
static size_t skip_quoted(const char *s, size_t len, size_t i, char q, int backslash,
                          scan_t *sc)
{
    while (i < len) {
        if (backslash && s[i] == '\\' && i + 1 < len) {
            i += 2;
        } else if (s[i] == q) {
            if (i + 1 < len && s[i + 1] == q)
                i += 2;
            else
                return i + 1;
        } else {
            i++;
        }
    }
    sc->open = q == '"' ? "quoted identifier" : "string literal";
    return len;
}

/* Block comments nest in PostgreSQL. s[i] is just past the opening slash-star. */
static size_t skip_block_comment(const char *s, size_t len, size_t i, scan_t *sc)
{
    int level = 1;

    while (i < len) {
        if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
            level++;
            i += 2;
        } else if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
            i += 2;
            if (--level == 0)
                return i;
        } else {
            i++;
        }
    }
    sc->open = "/* comment";
    return len;
}

/* Length of the dollar-quote tag ($$ or $tag$) at s[i], 0 if none ($1 is a
 * parameter, not a tag). */
static size_t dollar_tag_len(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;

    if (j < len && is_ident_start((unsigned char)s[j]))
        for (j++; j < len && is_ident_char((unsigned char)s[j]) && s[j] != '$'; j++)
            ;
    return j < len && s[j] == '$' ? j - i + 1 : 0;
}

static size_t skip_dollar_quote(const char *s, size_t len, size_t i, scan_t *sc)
{
    size_t tag = dollar_tag_len(s, len, i);

    for (size_t j = i + tag; j + tag <= len; j++)
        if (s[j] == '$' && memcmp(s + j, s + i, tag) == 0)
            return j + tag;
    sc->open = "dollar-quoted string";
    return len;
}

/* An identifier, or the E'...' / U&'...' / U&"..." literal it prefixes. */
static size_t skip_word(const char *s, size_t len, size_t i, scan_t *sc)
{
    size_t start = i;

    while (i < len && is_ident_char((unsigned char)s[i]))
        i++;
    if (i - start != 1 || i >= len)
        return i;
    if ((s[start] == 'e' || s[start] == 'E') && s[i] == '\'')
        return skip_quoted(s, len, i + 1, '\'', 1, sc);
    if ((s[start] == 'u' || s[start] == 'U') && s[i] == '&' && i + 1 < len &&
        (s[i + 1] == '\'' || s[i + 1] == '"'))
        return skip_quoted(s, len, i + 2, s[i + 1], 0, sc);
    return i;
}

/* One token (or comment) at s[i]; returns the offset past it and whether it
 * was a comment. Tracks bracket depth. (internal.h) */
size_t sqlsafe_scan_token(const char *s, size_t len, size_t i, scan_t *sc, int *depth,
                         int *is_comment)
{
    char ch = s[i];
    char next = i + 1 < len ? s[i + 1] : '\0';

    *is_comment = 0;
    if ((ch == '-' && next == '-') || (ch == '/' && next == '*')) {
        *is_comment = 1;
        if (ch == '/')
            return skip_block_comment(s, len, i + 2, sc);
        const char *nl = memchr(s + i, '\n', len - i);
        return nl ? (size_t)(nl - s) + 1 : len;
    }
    if (ch == '\'' || ch == '"')
        return skip_quoted(s, len, i + 1, ch, 0, sc);
    if (ch == '$' && dollar_tag_len(s, len, i))
        return skip_dollar_quote(s, len, i, sc);
    if (is_ident_start((unsigned char)ch))
        return skip_word(s, len, i, sc);
    if (ch == '(' || ch == '[') {
        if (++*depth > sc->max_depth)
            sc->max_depth = *depth;
    } else if ((ch == ')' || ch == ']') && *depth > 0) {
        --*depth;
    }
    return i + 1;
}

void sqlsafe_scan(const char *s, size_t len, scan_t *sc)
{
    int depth = 0, is_comment;

    *sc = (scan_t){.first = len, .end = 0};
    for (size_t i = 0; i < len;) {
        if (isspace((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        i = sqlsafe_scan_token(s, len, i, sc, &depth, &is_comment);
        if (is_comment || s[start] == ';')
            continue;
        if (sc->first == len)
            sc->first = start;
        sc->end = i;
    }
}

void sqlsafe_tokens(const char *s, size_t len, sqlsafe_token_fn fn, void *ud)
{
    int depth = 0, is_comment;
    scan_t sc = {.first = len};

    for (size_t i = 0; i < len;) {
        if (isspace((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        int before = depth;
        i = sqlsafe_scan_token(s, len, i, &sc, &depth, &is_comment);
        if (!is_comment && fn(ud, start, i, (s[start] == ')' || s[start] == ']') ? depth : before))
            return;
    }
}
