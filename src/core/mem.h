/* mem.h — allocation that never returns NULL.
 *
 * Out of memory is a broken invariant for a server process, not a user error:
 * like Redis's zmalloc, these abort with a message instead of making every
 * caller test for NULL. */
#ifndef DM_MEM_H
#define DM_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* a + b for a size about to be allocated; a sum that wraps around or
 * exceeds PTRDIFF_MAX (no allocator can meet it) aborts like out of
 * memory, instead of turning into a small allocation that is overrun. */
size_t mem_size_add(size_t a, size_t b);

#endif
