/* fuzz_http_multipart — multipart/form-data bodies.
 * Input: the Content-Type header up to the first '\n', then the body. The body
 * is handed out in chunks whose size depends on the input, so delimiters land
 * across read boundaries; files past 64 bytes spill to /tmp (unlinked when the
 * arena is freed). Invariants: status is 400/413 on failure; a file's size
 * matches its data or its temp file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http/http.h"

#include "../unit/mem_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    size_t ctlen = (size_t)(nl - (const char *)data);
    char *ct = malloc(ctlen + 1);
    memcpy(ct, data, ctlen);
    ct[ctlen] = 0;
    if (ctlen && ct[ctlen - 1] == '\r')
        ct[ctlen - 1] = 0;
    const char *body = nl + 1;
    size_t blen = size - ctlen - 1;
    /* a private copy, so reading past the body is an ASan error */
    char *b = malloc(blen ? blen : 1);
    memcpy(b, body, blen);

    mem_reader_t m = {b, blen, 0, size % 3 == 0 ? 1 + size % 61 : 1 << 16};
    multipart_limits_t lim = {.max_total = 1 << 16, .max_field = 1024, .memory_file = 64,
                              .tmpdir = "/tmp"};
    arena_t *a = arena_new();
    kvlist_t form = {0};
    http_file_t *files = NULL;
    size_t nfiles = 0;
    int status = 0;
    char err[256];
    int rc = http_parse_multipart(a, ct, mem_read, &m, &lim, &form, &files, &nfiles, &status,
                                  err, sizeof err);
    if (rc != 0) {
        if (status != 400 && status != 413)
            abort();
    } else {
        for (size_t i = 0; i < form.n; i++)
            if (!form.items[i].name || !form.items[i].value || form.items[i].len > lim.max_field)
                abort();
        for (size_t i = 0; i < nfiles; i++) {
            const http_file_t *f = &files[i];
            if (!f->field || !f->filename)
                abort();
            if (f->data) {
                volatile char c = 0;
                for (size_t j = 0; j < f->size; j++)
                    c ^= f->data[j];
                (void)c;
            } else if (f->path) {
                struct stat st;
                if (stat(f->path, &st) != 0 || (size_t)st.st_size != f->size)
                    abort();
            } else if (f->size) {
                abort();
            }
        }
    }
    arena_free(a);
    free(b);
    free(ct);
    return 0;
}
