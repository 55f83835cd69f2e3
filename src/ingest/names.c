/* names.c — column and table names PostgreSQL and people can both type.
 *
 * "Prix unitaire (€)" → prix_unitaire, "1st col" → c_1st_col, "Δ delta" →
 * delta. Duplicates get _2, _3 ... in order ("Name", "name" → name, name_2);
 * an empty header cell is named after its position (col_3), which says
 * more than "column". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ingest/internal.h"

#define NAME_MAX_BYTES 63

/* ASCII for U+00C0..U+00FF (Latin-1 letters); "" for × and ÷. */
static const char *const latin1_fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};

static void put_sep(buf_t *b)
{
    if (b->len && b->data[b->len - 1] != '_')
        buf_putc(b, '_');
}

char *ingest_sanitize_name(const char *s, size_t n)
{
    buf_t b = {0};
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            buf_putc(&b, (char)c);
        } else if (c >= 'A' && c <= 'Z') {
            buf_putc(&b, (char)(c - 'A' + 'a'));
        } else if ((c == 0xC3) && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0xBF) {
            const char *f = latin1_fold[p[++i] - 0x80];
            if (*f)
                buf_puts(&b, f);
            else
                put_sep(&b);
        } else {
            while (i + 1 < n && (p[i + 1] & 0xC0) == 0x80)   /* rest of a UTF-8 char */
                i++;
            put_sep(&b);
        }
    }
    while (b.len && b.data[b.len - 1] == '_')
        buf_truncate(&b, b.len - 1);
    const char *body = buf_str(&b);
    while (*body == '_')
        body++;
    buf_t out = {0};
    if (*body >= '0' && *body <= '9')
        buf_puts(&out, "c_");
    buf_puts(&out, *body ? body : "column");
    buf_free(&b);
    if (out.len > NAME_MAX_BYTES)
        buf_truncate(&out, NAME_MAX_BYTES);
    while (out.len > 1 && out.data[out.len - 1] == '_')
        buf_truncate(&out, out.len - 1);
    return buf_detach(&out);
}

static int name_taken(char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return 1;
    return 0;
}

/* names[k] made unique among names[0..k) by a _N suffix within 63 bytes. */
static void name_unique(char **names, size_t k)
{
    if (!name_taken(names, k, names[k]))
        return;
    char cand[NAME_MAX_BYTES + 1];
    for (size_t i = 2;; i++) {
        char suffix[24];
        int sl = snprintf(suffix, sizeof suffix, "_%zu", i);
        size_t base = strlen(names[k]);
        if (base + (size_t)sl > NAME_MAX_BYTES)
            base = NAME_MAX_BYTES - (size_t)sl;
        snprintf(cand, sizeof cand, "%.*s%s", (int)base, names[k], suffix);
        if (!name_taken(names, k, cand))
            break;
    }
    free(names[k]);
    names[k] = xstrdup(cand);
}

void names_assign(ingest_table_t *t)
{
    char **names = xcalloc(t->ncols ? t->ncols : 1, sizeof *names);
    for (size_t i = 0; i < t->ncols; i++) {
        const char *o = t->cols[i].original ? t->cols[i].original : "";
        const char *v = o;
        if (value_trim(&v, strlen(o)) == 0) {
            char gen[32];
            snprintf(gen, sizeof gen, "col_%zu", i + 1);
            names[i] = xstrdup(gen);
        } else {
            names[i] = ingest_sanitize_name(o, strlen(o));
        }
        name_unique(names, i);
    }
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->cols[i].name);
        t->cols[i].name = names[i];
    }
    free(names);
}

void names_dedupe_tables(ingest_table_t *t, size_t n)
{
    char **names = xcalloc(n ? n : 1, sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[i] = t[i].name;
        name_unique(names, i);
        t[i].name = names[i];
    }
    free(names);
}
