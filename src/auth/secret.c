/* secret.c — connection passwords encrypted at rest. See auth.h.
 *
 * Format: nonce(24) || crypto_secretbox_easy(plain) (MAC(16) || ciphertext).
 * The nonce is random per message: 192 bits make a collision negligible, so
 * no counter has to be kept anywhere.
 *
 * A sealed password's plain text is BOUND_TAG binding NUL password: a
 * password typed in a form never starts with NUL, so a box from before
 * bindings (plain = the password) is told apart. */
#include "auth/auth.h"
#include "core/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONCE crypto_secretbox_NONCEBYTES
#define OVERHEAD (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)

int secret_encrypt(const char *plain, size_t len, unsigned char **out, size_t *outlen)
{
    unsigned char *box;

    *out = NULL;
    *outlen = 0;
    if ((!plain && len) || len > crypto_secretbox_MESSAGEBYTES_MAX - OVERHEAD)
        return -1;
    box = xmalloc(OVERHEAD + len);
    randombytes_buf(box, NONCE);
    if (crypto_secretbox_easy(box + NONCE, (const unsigned char *)(plain ? plain : ""), len,
                              box, auth_key_get(AUTH_KEY_BOX)) != 0) {
        free(box);
        return -1;
    }
    *out = box;
    *outlen = OVERHEAD + len;
    return 0;
}

/* Open in with one key into plain (room for len - OVERHEAD bytes). */
static int secret_open(unsigned char *plain, const unsigned char *in, size_t len,
                       const unsigned char *key)
{
    if (!key)
        return -1;
    return crypto_secretbox_open_easy(plain, in + NONCE, len - NONCE, in, key);
}

int secret_decrypt(const unsigned char *in, size_t len, char **plain, size_t *plainlen)
{
    unsigned char *p;
    size_t n;

    *plain = NULL;
    *plainlen = 0;
    if (!in || len < OVERHEAD)
        return -1;
    n = len - OVERHEAD;
    p = xmalloc(n + 1);
    if (secret_open(p, in, len, auth_key_get(AUTH_KEY_BOX)) != 0 &&
        secret_open(p, in, len, auth_key_get(AUTH_KEY_BOX_OLD)) != 0) {
        secret_free((char *)p, n + 1);
        return -1;
    }
    p[n] = '\0';
    *plain = (char *)p;
    *plainlen = n;
    return 0;
}

void secret_free(char *p, size_t len)
{
    if (!p)
        return;
    sodium_memzero(p, len);
    free(p);
}

static const char BOUND_TAG[4] = {'\0', 'd', 'm', 'b'};

int secret_seal(const char *binding, const char *password, unsigned char **out, size_t *outlen)
{
    size_t nb = strlen(binding), np = strlen(password), n = sizeof BOUND_TAG + nb + 1 + np;
    char *plain = xmalloc(n);
    memcpy(plain, BOUND_TAG, sizeof BOUND_TAG);
    memcpy(plain + sizeof BOUND_TAG, binding, nb + 1);
    memcpy(plain + sizeof BOUND_TAG + nb + 1, password, np);
    int rc = secret_encrypt(plain, n, out, outlen);
    secret_free(plain, n);
    return rc;
}

int secret_unseal(const char *binding, const unsigned char *in, size_t len, char **plain,
                  size_t *plainlen, int *mismatch)
{
    char *p;
    size_t n;
    *mismatch = 0;
    if (secret_decrypt(in, len, plain, plainlen) < 0)
        return -1;
    p = *plain;
    n = *plainlen;
    if (n < sizeof BOUND_TAG || memcmp(p, BOUND_TAG, sizeof BOUND_TAG) != 0)
        return 0; /* made before bindings: the password alone */
    size_t nb = strnlen(p + sizeof BOUND_TAG, n - sizeof BOUND_TAG);
    if (sizeof BOUND_TAG + nb == n || strcmp(p + sizeof BOUND_TAG, binding) != 0) {
        secret_free(p, n + 1);
        *plain = NULL;
        *plainlen = 0;
        *mismatch = 1;
        return -1;
    }
    size_t skip = sizeof BOUND_TAG + nb + 1;
    memmove(p, p + skip, n - skip + 1); /* the password and its NUL */
    sodium_memzero(p + n - skip + 1, skip);
    *plainlen = n - skip;
    return 0;
}
