/* arena.c — see arena.h. Blocks are chained; the first one is kept across
 * resets so a typical request makes no malloc call for its scratch memory. */
#include "core/arena.h"
#include "core/mem.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

typedef struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[]; /* malloc's alignment is 16 */
} block_t;

typedef struct deferred {
    struct deferred *next;
    void (*fn)(void *);
    void *p;
} deferred_t;

struct arena {
    block_t *head;      /* newest block first; the last one is the kept one */
    deferred_t *defers; /* newest first */
    size_t used;
};

static block_t *block_new(size_t size)
{
    block_t *b = xmalloc(mem_size_add(sizeof *b, size));
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

arena_t *arena_new(void)
{
    arena_t *a = xcalloc(1, sizeof *a);
    a->head = block_new(ARENA_BLOCK);
    return a;
}

void *arena_alloc(arena_t *a, size_t n)
{
    size_t need = mem_size_add(n, ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;
    block_t *b = a->head;
    if (b->size - b->used < need) {
        b = block_new(need > ARENA_BLOCK ? need : ARENA_BLOCK);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used += need;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, mem_size_add(n, 1));
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap, cp;
    va_start(ap, fmt);
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *s = arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void arena_defer(arena_t *a, void (*fn)(void *), void *p)
{
    if (!p)
        return;
    deferred_t *d = arena_alloc(a, sizeof *d);
    d->fn = fn;
    d->p = p;
    d->next = a->defers;
    a->defers = d;
}

static void decref(void *p)
{
    json_decref(p);
}

void arena_defer_json(arena_t *a, void *json)
{
    arena_defer(a, decref, json);
}

size_t arena_used(const arena_t *a)
{
    return a->used;
}

void arena_reset(arena_t *a)
{
    /* Deferred records live in the arena itself: walk them before freeing. */
    for (deferred_t *d = a->defers; d; d = d->next)
        d->fn(d->p);
    a->defers = NULL;
    while (a->head->next) {
        block_t *b = a->head;
        a->head = b->next;
        free(b);
    }
    a->head->used = 0;
    a->used = 0;
}

void arena_free(arena_t *a)
{
    if (!a)
        return;
    arena_reset(a);
    free(a->head);
    free(a);
}
