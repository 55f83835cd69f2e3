/* lookup.c — what every engine's lookup_values shares (engine.h): which
 * values a looked-up phrase matches, and keeping those found in the
 * schema's samples. Each engine writes its own bounded query; the matching
 * and the keeping are one. */
#include "engine/internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

const char *const engine_list_seps[] = {", ", "|", NULL};

void engine_lookup_item_pattern(buf_t *pat, const char *v, const char *sep)
{
    buf_printf(pat, "%%%s", sep);
    for (const char *p = v; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(pat, '\\');
        buf_putc(pat, *p);
    }
    buf_printf(pat, "%s%%", sep);
}

int engine_lookup_other_items(const char *cell, const char *v, const char *sep, char **out, int max)
{
    int n = 0;
    size_t len = strlen(sep);
    for (const char *p = cell; p && n < max;) {
        const char *e = strstr(p, sep);
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k && (k != strlen(v) || strncmp(p, v, k)))
            out[n++] = xstrndup(p, k);
        p = e ? e + len : NULL;
    }
    return n;
}

void engine_lookup_mark_lists(json_t *col, const char *sep)
{
    if (!strcmp(sep, ", ") && engine_lookup_name_like(col))
        return;  /* "University of California, Berkeley" is one name (ask/lexicon_roles.c) */
    json_object_set_new(col, "lists", json_true());
    json_object_set_new(col, "list_sep", json_string(sep));
}

int engine_lookup_name_like(const json_t *col)
{
    const char *name = json_string_value(json_object_get(col, "name"));
    return name && (strcasestr(name, "name") || strcasestr(name, "title"));
}

/* 2 when v is the phrase as typed, 1 when it differs only in the case of
 * a word's first letter ("lufthansa" for "Lufthansa": a name typed in lower
 * case), 0 otherwise ("Irish" is not the callsign "IRISH"). */
static int spelled_as(const char *phrase, const char *v)
{
    if (!strcmp(phrase, v))
        return 2;
    for (size_t i = 0;; i++) {
        char a = phrase[i], b = v[i];
        if (a == b && !a)
            return 1;
        if (a == b)
            continue;
        int word_start = i == 0 || phrase[i - 1] == ' ' || phrase[i - 1] == '-';
        if (!word_start || (a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')
            return 0;
    }
}

void engine_hits_add(engine_hits_t *hs, json_t *col, const char *v)
{
    int how = -1;
    for (int i = 0; i < hs->nphrases; i++) {
        int s = spelled_as(hs->phrases[i], v);
        s = s ? s : strcasecmp(hs->phrases[i], v) ? -1 : 0;
        how = s > how ? s : how;
    }
    if (how >= 0 && hs->n < (int)(sizeof hs->h / sizeof hs->h[0]))
        hs->h[hs->n++] = (engine_hit_t){col, xstrdup(v), how};
}

const char *engine_hits_named(const engine_hits_t *hs, int from)
{
    for (int i = from; i < hs->n; i++)
        if (hs->h[i].how > 0)
            return hs->h[i].value;
    return NULL;
}

/* 1 when hit i goes into its column: spelled as typed (or, none being
 * so, with a capital), or another case of such a hit in its column. */
static int hit_kept(const engine_hits_t *hs, int i, int any_exact)
{
    const engine_hit_t *h = &hs->h[i];
    if (h->how == 2 || (h->how == 1 && !any_exact))
        return 1;
    for (int j = 0; j < hs->n; j++)
        if (j != i && hs->h[j].col == h->col && (hs->h[j].how == 2 || (hs->h[j].how == 1 && !any_exact)) &&
            !strcasecmp(hs->h[j].value, h->value))
            return 1;
    return 0;
}

int engine_hits_keep(engine_hits_t *hs)
{
    int any_exact = 0, added = 0;
    for (int i = 0; i < hs->n; i++)
        any_exact |= hs->h[i].how == 2;
    for (int i = 0; i < hs->n; i++) {
        json_t *samples = json_object_get(hs->h[i].col, "samples"), *e;
        size_t k;
        int seen = !json_is_array(samples) || !hit_kept(hs, i, any_exact);
        json_array_foreach(samples, k, e)
            seen |= !strcmp(json_string_value(e) ? json_string_value(e) : "", hs->h[i].value);
        if (!seen && json_array_append_new(samples, json_string(hs->h[i].value)) == 0)
            added++;
        free(hs->h[i].value);
    }
    hs->n = 0;
    return added;
}
