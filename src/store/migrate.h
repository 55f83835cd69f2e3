/* migrate.h — the app database's schema migrations (migrations/NNNN_*.sql). */
#ifndef DM_STORE_MIGRATE_H
#define DM_STORE_MIGRATE_H

#include <stddef.h>

/* Apply dir/NNNN_*.sql not yet in schema_migrations, each in its own
 * transaction, under an advisory lock. *applied gets the count. */
int migrate_run(const char *dir, int *applied, char *err, size_t errlen);

#endif
