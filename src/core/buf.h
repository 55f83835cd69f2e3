/* buf.h — a growable, always NUL-terminated byte string.
 *
 * A buf_t owns its memory: buf_free() releases it, buf_detach() hands it to
 * the caller (who frees it with free()). A zeroed buf_t is a valid empty
 * buffer, so `buf_t b = {0};` needs no init call. Appends never fail (memory
 * exhaustion aborts, see mem.h). */
#ifndef DM_BUF_H
#define DM_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;  /* NUL-terminated once anything was appended; NULL when empty */
    size_t len;
    size_t cap;
} buf_t;

void buf_append(buf_t *b, const char *s, size_t n);
/* Appends the whole file at path; -1 (errno set) when it cannot be opened. */
int buf_read_file(buf_t *b, const char *path);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
/* The shortest %g form of d that reads back as the same double (as
 * PostgreSQL prints a float8: 0.1, 1000, 1e+20). */
void buf_put_double(buf_t *b, double d);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* HTML/XML-escape s (& < > " ') and append it. Valid in text and in
 * double- or single-quoted attribute values. */
void buf_put_html(buf_t *b, const char *s, size_t n);

/* The contents as a C string: "" for an empty buffer, never NULL. */
const char *buf_str(const buf_t *b);

void buf_truncate(buf_t *b, size_t len);
void buf_reset(buf_t *b);          /* len = 0, memory kept */
char *buf_detach(buf_t *b);        /* caller owns the result (never NULL) */
void buf_free(buf_t *b);

/* "1,234,567": n with a comma every three digits into out (cut to outlen). */
void buf_count_text(char *out, size_t outlen, size_t n);

#endif
