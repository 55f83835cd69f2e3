/* mem_reader.h — a body reader over a memory buffer for the HTTP parsers
 * (unit tests and fuzz targets). It hands out at most `step` bytes a call,
 * so delimiters land across read boundaries. */
#ifndef DM_TEST_MEM_READER_H
#define DM_TEST_MEM_READER_H

#include <string.h>

typedef struct mem_reader {
    const char *data;
    size_t len, pos, step;
} mem_reader_t;

static long mem_read(void *ctx, char *buf, size_t n)
{
    mem_reader_t *m = ctx;
    size_t left = m->len - m->pos;
    size_t k = left < n ? left : n;
    if (k > m->step)
        k = m->step;
    memcpy(buf, m->data + m->pos, k);
    m->pos += k;
    return (long)k;
}

#endif
