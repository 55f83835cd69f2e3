/* uploads_internal.h — shared by the uploads module's own files. */
#ifndef DM_UPLOADS_INTERNAL_H
#define DM_UPLOADS_INTERNAL_H

#include "uploads/uploads.h"
#include "sqlsafe/sqlsafe.h"

void uploads_quiet(void *arg, const char *msg);
void uploads_names(arena_t *a, const char *org_id, const char **schema, const char **role);
int uploads_exec(PGconn *c, const char *sql, char *err, size_t errlen);
int uploads_org_schema(arena_t *a, PGconn *c, const char *org_id, int new_password,
                       const char **password, char *err, size_t errlen);
void uploads_target(PGconn *c, const char **host, int *port);
/* sqlite.c: upload.ingest for a SQLite file (uploads_sqlite_name). */
int uploads_sqlite_task(arena_t *a, const json_t *job, char *err, size_t errlen);

#endif
