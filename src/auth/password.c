/* password.c — Argon2id hashes and the password policy. See auth.h.
 *
 * The policy follows NIST SP 800-63B: a minimum length, a block-list of
 * passwords attackers try first, and no composition rules (they push people
 * to "Password1!", which every cracker tries). */
#include "auth/auth.h"
#include "core/mem.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POLICY_MIN_CHARS 10
#define POLICY_MAX_BYTES 1024

/* The common-password list: sorted, distinct, lowercase. Process-wide,
 * loaded at start-up. */
static struct {
    char **words;
    size_t n;
} plist;

/* The hash password_dummy_verify() checks against, and its limits. */
static struct {
    char hash[crypto_pwhash_STRBYTES];
    unsigned long long ops;
    size_t mem;
} dummy;

/* ---- hashing ------------------------------------------------------------- */

int password_hash(const char *pw, unsigned long long opslimit, size_t memlimit,
                  char out[crypto_pwhash_STRBYTES], char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium failed to initialize");
        return -1;
    }
    if (!pw) {
        snprintf(err, errlen, "no password given");
        return -1;
    }
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), opslimit, memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        snprintf(err, errlen,
                 "could not hash the password (limits out of range or out of memory)");
        return -1;
    }
    return 0;
}

int password_verify(const char *hash, const char *pw)
{
    if (!hash || !pw || sodium_init() < 0)
        return 0;
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int password_needs_rehash(const char *hash, unsigned long long opslimit, size_t memlimit)
{
    if (!hash || sodium_init() < 0)
        return 1;
    /* -1 (not an Argon2id hash at all) also means "replace it". */
    return crypto_pwhash_str_needs_rehash(hash, opslimit, memlimit) != 0;
}

void password_dummy_verify(const char *pw, unsigned long long opslimit, size_t memlimit)
{
    char err[128];

    if (!dummy.hash[0] || dummy.ops != opslimit || dummy.mem != memlimit) {
        unsigned char seed[16];
        char seedhex[33];

        /* The dummy's password is random: nothing can ever match it. */
        randombytes_buf(seed, sizeof seed);
        sodium_bin2hex(seedhex, sizeof seedhex, seed, sizeof seed);
        if (password_hash(seedhex, opslimit, memlimit, dummy.hash, err, sizeof err) != 0) {
            dummy.hash[0] = '\0';
            return; /* the real verify would fail the same way */
        }
        dummy.ops = opslimit;
        dummy.mem = memlimit;
    }
    (void)password_verify(dummy.hash, pw ? pw : "");
}

/* ---- policy -------------------------------------------------------------- */

/* Decode one code point at *p and advance. -1 for invalid UTF-8: a stray
 * continuation byte, a truncated sequence, an overlong form, a surrogate or
 * anything past U+10FFFF. Stops at the NUL (it fails the continuation test). */
static int password_utf8_next(const unsigned char **p, uint32_t *cp)
{
    const unsigned char *s = *p;
    uint32_t c = s[0], min;
    int n;

    if (c < 0x80) {
        *cp = c;
        *p = s + 1;
        return 0;
    }
    if ((c & 0xE0) == 0xC0) {
        n = 1, c &= 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 2, c &= 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3, c &= 0x07, min = 0x10000;
    } else {
        return -1;
    }
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *cp = c;
    *p = s + n + 1;
    return 0;
}

/* Count pw's code points into *count and tell whether they are all the same
 * one. -1 if pw is not valid UTF-8. */
static int password_utf8_scan(const char *pw, size_t *count, int *all_same)
{
    const unsigned char *p = (const unsigned char *)pw;
    uint32_t first = 0, cp;

    *count = 0;
    *all_same = 1;
    while (*p) {
        if (password_utf8_next(&p, &cp) != 0)
            return -1;
        if (*count == 0)
            first = cp;
        else if (cp != first)
            *all_same = 0;
        (*count)++;
    }
    return 0;
}

static int password_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void password_lower(char *dst, const char *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = (src[i] >= 'A' && src[i] <= 'Z') ? (char)(src[i] - 'A' + 'a') : src[i];
    dst[n] = '\0';
}

/* Is pw (at most POLICY_MAX_BYTES) in the list, ignoring ASCII case? The
 * list is ASCII, so folding ASCII alone is enough. */
static int password_list_contains(const char *pw)
{
    char low[POLICY_MAX_BYTES + 1];
    const char *key = low;
    int found;

    if (!plist.n)
        return 0;
    password_lower(low, pw, strlen(pw));
    found = bsearch(&key, plist.words, plist.n, sizeof *plist.words, password_cmp) != NULL;
    sodium_memzero(low, sizeof low);
    return found;
}

int password_check_policy(const char *pw, char *err, size_t errlen)
{
    size_t chars;
    int all_same;

    if (!pw || !*pw) {
        snprintf(err, errlen, "Enter a password.");
        return -1;
    }
    if (strlen(pw) > POLICY_MAX_BYTES) {
        snprintf(err, errlen, "Use at most %d bytes (a passphrase of a few words is plenty).",
                 POLICY_MAX_BYTES);
        return -1;
    }
    if (password_utf8_scan(pw, &chars, &all_same) != 0) {
        snprintf(err, errlen, "This password contains bytes that are not valid text "
                              "(UTF-8); type it again.");
        return -1;
    }
    if (chars < POLICY_MIN_CHARS) {
        snprintf(err, errlen, "Use at least %d characters.", POLICY_MIN_CHARS);
        return -1;
    }
    if (all_same) {
        snprintf(err, errlen, "This password is one character repeated; choose another.");
        return -1;
    }
    if (password_list_contains(pw)) {
        snprintf(err, errlen, "This password is one of the most common ones; choose another.");
        return -1;
    }
    return 0;
}

/* ---- the common-password list -------------------------------------------- */

/* Strip trailing CR/LF and blanks (in place); the length left. */
static size_t password_line_trim(char *line, size_t n)
{
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                 line[n - 1] == '\t'))
        line[--n] = '\0';
    return n;
}

/* Sort and drop duplicates. */
static void password_list_finish(void)
{
    size_t j = 0;

    if (!plist.n)
        return;
    qsort(plist.words, plist.n, sizeof *plist.words, password_cmp);
    for (size_t i = 1; i < plist.n; i++) {
        if (strcmp(plist.words[i], plist.words[j]) == 0)
            free(plist.words[i]);
        else
            plist.words[++j] = plist.words[i];
    }
    plist.n = j + 1;
}

int password_list_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t got;
    int rc = -1;

    password_list_free();
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    while ((got = getline(&line, &cap, f)) != -1) {
        size_t n = password_line_trim(line, (size_t)got);
        if (!n || n > POLICY_MAX_BYTES)
            continue;
        if (plist.n == alloc) {
            alloc = alloc ? alloc * 2 : 1024;
            plist.words = xrealloc(plist.words, alloc * sizeof *plist.words);
        }
        plist.words[plist.n] = xmalloc(n + 1);
        password_lower(plist.words[plist.n++], line, n);
    }
    if (ferror(f)) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        password_list_free();
        goto out;
    }
    password_list_finish();
    rc = 0;
out:
    free(line);
    fclose(f);
    return rc;
}

size_t password_list_count(void)
{
    return plist.n;
}

void password_list_free(void)
{
    for (size_t i = 0; i < plist.n; i++)
        free(plist.words[i]);
    free(plist.words);
    plist.words = NULL;
    plist.n = 0;
}
