/* set.c — the named templates of a set, and loading them from a directory.
 *
 * Partial tags are resolved to template pointers whenever the set changes
 * (tmpl_set_relink), so rendering follows a pointer instead of looking a
 * name up, and replacing a template never leaves a dangling one. */
#define _POSIX_C_SOURCE 200809L

#include "tmpl/internal.h"
#include "core/mem.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SET_MAX_DIR_DEPTH 16 /* guards against symlink loops */
#define SET_EXT ".mustache"

tmpl_set_t *tmpl_set_new(void)
{
    return xcalloc(1, sizeof(tmpl_set_t));
}

static size_t set_index(const tmpl_set_t *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->items[i]->name, name) == 0)
            return i;
    return set->n;
}

const tmpl_t *tmpl_set_find(const tmpl_set_t *set, const char *name)
{
    size_t i = set_index(set, name);
    return i < set->n ? set->items[i] : NULL;
}

int tmpl_set_has(const tmpl_set_t *set, const char *name)
{
    return tmpl_set_find(set, name) != NULL;
}

static void set_relink(tmpl_set_t *set)
{
    for (size_t i = 0; i < set->n; i++) {
        tmpl_t *t = set->items[i];
        for (size_t k = 0; k < t->n; k++)
            if (t->nodes[k].kind == TMPL_PARTIAL && !t->nodes[k].dynamic)
                t->nodes[k].partial = tmpl_set_find(set, t->nodes[k].str);
    }
}

int tmpl_set_add(tmpl_set_t *set, const char *name, const char *src, size_t len,
                 const char *filename, char *err, size_t errlen)
{
    tmpl_t *t = tmpl_compile(name, src, len, filename, err, errlen);
    if (!t)
        return -1;
    size_t i = set_index(set, name);
    if (i < set->n) {
        tmpl_destroy(set->items[i]);
    } else {
        if (set->n == set->cap) {
            set->cap = set->cap ? set->cap * 2 : 16;
            set->items = xrealloc(set->items, set->cap * sizeof *set->items);
        }
        set->n++;
    }
    set->items[i] = t;
    set_relink(set);
    return 0;
}

void tmpl_set_free(tmpl_set_t *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        tmpl_destroy(set->items[i]);
    free(set->items);
    free(set);
}

int tmpl_read_file(const char *path, buf_t *b, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(b, chunk, n);
    int rc = ferror(f) ? -1 : 0;
    if (rc < 0)
        snprintf(err, errlen, "%s: read error", path);
    fclose(f);
    return rc;
}

static int set_load_file(tmpl_set_t *set, const char *path, const char *rel, char *err,
                         size_t errlen)
{
    buf_t src = {0};
    size_t namelen = strlen(rel) - strlen(SET_EXT);
    char *name = xstrndup(rel, namelen);
    int rc = tmpl_read_file(path, &src, err, errlen);
    if (rc == 0)
        rc = tmpl_set_add(set, name, buf_str(&src), src.len, path, err, errlen);
    free(name);
    buf_free(&src);
    return rc;
}

static int set_is_template(const char *fname)
{
    size_t n = strlen(fname), e = strlen(SET_EXT);
    return n > e && strcmp(fname + n - e, SET_EXT) == 0;
}

/* dir is the directory on disk; rel its path below the root ("" at the top). */
static int set_load_tree(tmpl_set_t *set, const char *dir, const char *rel, int depth,
                         char *err, size_t errlen)
{
    struct dirent **ents = NULL;
    int rc = 0;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    if (depth > SET_MAX_DIR_DEPTH) {
        snprintf(err, errlen, "%s: directories nested too deep (symlink loop?)", dir);
        rc = -1;
        goto out;
    }
    for (int i = 0; i < n && rc == 0; i++) {
        const char *fname = ents[i]->d_name;
        char path[PATH_MAX], sub[PATH_MAX];
        struct stat st;
        if (fname[0] == '.')
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, fname) >= (int)sizeof path ||
            snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", fname) >= (int)sizeof sub) {
            snprintf(err, errlen, "%s: path too long", dir);
            rc = -1;
        } else if (stat(path, &st) < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            rc = set_load_tree(set, path, sub, depth + 1, err, errlen);
        } else if (S_ISREG(st.st_mode) && set_is_template(fname)) {
            rc = set_load_file(set, path, sub, err, errlen);
        }
    }
out:
    for (int i = 0; i < n; i++)
        free(ents[i]);
    free(ents);
    return rc;
}

int tmpl_set_load_dir(tmpl_set_t *set, const char *dir, char *err, size_t errlen)
{
    return set_load_tree(set, dir, "", 0, err, errlen);
}
