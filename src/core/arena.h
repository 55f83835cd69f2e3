/* arena.h — per-request memory.
 *
 * A request allocates freely from its arena and never frees; the http layer
 * calls arena_reset() after FCGX_Finish_r and everything goes in one step
 * (nginx's ngx_pool_t). Foreign objects that need their own destructor —
 * PGresult, redisReply, json_t — are registered with arena_defer() and are
 * destroyed, newest first, by the same reset. */
#ifndef DM_ARENA_H
#define DM_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena_t;

arena_t *arena_new(void);
void *arena_alloc(arena_t *a, size_t n);            /* zeroed, 16-byte aligned */
char *arena_strdup(arena_t *a, const char *s);      /* NULL stays NULL */
char *arena_strndup(arena_t *a, const char *s, size_t n);
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_defer(arena_t *a, void (*fn)(void *), void *p);
void arena_defer_json(arena_t *a, void *json); /* json_decref at reset */
size_t arena_used(const arena_t *a);                /* bytes handed out since the last reset */
void arena_reset(arena_t *a);                       /* run deferred, free all but the first block */
void arena_free(arena_t *a);

#endif
