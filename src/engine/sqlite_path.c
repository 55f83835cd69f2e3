/* sqlite_path.c — which files a SQLite connection may open.
 *
 * Only a regular file whose real path (every symlink followed) lies under
 * DATAMIND_SQLITE_DIR (itself resolved); a relative name is taken inside
 * that directory. Names SQLite itself gives a
 * meaning to are refused before any path is looked at: ":memory:", ""
 * (a temporary database) and "file:" URIs (which carry options such as
 * mode=rwc or vfs=). The real path is what gets opened, so a symlink
 * swapped after the check points nowhere new until the next connect. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/config.h"
#include "engine/sqlite_internal.h"

#define DEFAULT_SQLITE_DIR "/var/lib/datamind/sqlite"

const char *engine_sqlite_dir(void)
{
    return cfg && cfg->sqlite_dir && *cfg->sqlite_dir ? cfg->sqlite_dir : DEFAULT_SQLITE_DIR;
}

/* 1 when path is dir itself or inside it (both real paths). */
static int path_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* A name SQLite would not read as a plain file name. */
static const char *special_name(const char *name)
{
    if (!*name)
        return "an empty file name (SQLite would open a temporary database)";
    if (!strcmp(name, ":memory:") || !strncmp(name, ":memory:", 8))
        return "\":memory:\" (an in-memory database holds nothing to ask about)";
    if (!strncasecmp(name, "file:", 5))
        return "a \"file:\" URI (give the file's path)";
    return NULL;
}

int engine_sqlite_path_check(const char *dbname, const char *dir, char **real, char *err,
                             size_t errlen)
{
    char rdir[PATH_MAX], rpath[PATH_MAX];
    struct stat sb;
    const char *why = NULL;

    *real = NULL;
    if (!dbname || (why = special_name(dbname))) {
        snprintf(err, errlen, "SQLite connections open a database file, not %s",
                 why ? why : "nothing");
        return -1;
    }
    if (!realpath(dir, rdir)) {
        snprintf(err, errlen, "the SQLite directory (DATAMIND_SQLITE_DIR) %s cannot be read: %s",
                 dir, strerror(errno));
        return -1;
    }
    char joined[PATH_MAX];
    if (dbname[0] != '/') { /* a relative name is the directory's */
        if (snprintf(joined, sizeof joined, "%s/%s", rdir, dbname) >= (int)sizeof joined) {
            snprintf(err, errlen, "the database file name is too long");
            return -1;
        }
        dbname = joined;
    }
    if (!realpath(dbname, rpath)) {
        int e = errno;
        snprintf(err, errlen, "the database file %s %s", dbname,
                 e == ENOENT ? "does not exist" : strerror(e));
        return -1;
    }
    if (!path_under(rpath, rdir) || !strcmp(rpath, rdir)) {
        snprintf(err, errlen,
                 "the database file %s is not under the SQLite directory %s "
                 "(DATAMIND_SQLITE_DIR; symlinks are followed)", dbname, dir);
        return -1;
    }
    if (stat(rpath, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s is not a database file (a directory or a special file)",
                 dbname);
        return -1;
    }
    *real = strdup(rpath);
    if (!*real) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}
