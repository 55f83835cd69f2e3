/* keys.c — sub-keys derived from DATAMIND_SECRET_KEY. See auth.h.
 *
 * The master secret is any-length text, so it is first hashed to a 32-byte
 * crypto_kdf master key; crypto_kdf then gives one independent key per
 * purpose, so a key leaked through one use (say a cookie MAC oracle) says
 * nothing about the others. The ids are part of the stored data's format:
 * changing one invalidates every cookie or every encrypted password. */
#include "auth/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KDF_CONTEXT "datamind"
enum { KDF_ID_COOKIE = 1, KDF_ID_CSRF = 2, KDF_ID_BOX = 3 };

#define KEYLEN 32
_Static_assert(crypto_auth_KEYBYTES == KEYLEN, "cookie key size");
_Static_assert(crypto_auth_hmacsha256_KEYBYTES == KEYLEN, "CSRF key size");
_Static_assert(crypto_secretbox_KEYBYTES == KEYLEN, "secretbox key size");
_Static_assert(sizeof KDF_CONTEXT - 1 == crypto_kdf_CONTEXTBYTES, "kdf context size");

/* Process-wide: set at start-up, read by every request. */
static struct {
    unsigned char key[5][KEYLEN]; /* indexed by enum auth_key_id */
    int have_old;
    int ready;
    int locked;
} keys;

/* Derive one sub-key from an already-hashed master key. */
static int keys_derive(unsigned char out[KEYLEN], const unsigned char master[KEYLEN],
                       uint64_t id)
{
    return crypto_kdf_derive_from_key(out, KEYLEN, id, KDF_CONTEXT, master);
}

/* Hash secret into a crypto_kdf master key (wiped by the caller). */
static int keys_master(unsigned char master[crypto_kdf_KEYBYTES], const char *secret)
{
    _Static_assert(crypto_kdf_KEYBYTES == KEYLEN, "kdf master key size");
    return crypto_generichash(master, KEYLEN, (const unsigned char *)secret,
                              strlen(secret), NULL, 0);
}

static int keys_derive_all(const char *secret, const char *old)
{
    unsigned char master[KEYLEN];
    int rc = -1;

    if (keys_master(master, secret) != 0 ||
        keys_derive(keys.key[AUTH_KEY_COOKIE], master, KDF_ID_COOKIE) != 0 ||
        keys_derive(keys.key[AUTH_KEY_CSRF], master, KDF_ID_CSRF) != 0 ||
        keys_derive(keys.key[AUTH_KEY_BOX], master, KDF_ID_BOX) != 0)
        goto out;
    if (keys.have_old &&
        (keys_master(master, old) != 0 ||
         keys_derive(keys.key[AUTH_KEY_COOKIE_OLD], master, KDF_ID_COOKIE) != 0 ||
         keys_derive(keys.key[AUTH_KEY_BOX_OLD], master, KDF_ID_BOX) != 0))
        goto out;
    rc = 0;
out:
    sodium_memzero(master, sizeof master);
    return rc;
}

int auth_keys_init(const char *secret_key, const char *secret_key_old, char *err,
                   size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium failed to initialize");
        return -1;
    }
    if (!secret_key || !*secret_key) {
        snprintf(err, errlen, "DATAMIND_SECRET_KEY is not set");
        return -1;
    }
    auth_keys_wipe();
    /* Best effort: a locked page stays out of swap. Failing (RLIMIT_MEMLOCK)
     * is not a reason to refuse to start. */
    keys.locked = sodium_mlock(&keys, sizeof keys) == 0;
    keys.have_old = secret_key_old && *secret_key_old &&
                    strcmp(secret_key_old, secret_key) != 0;
    if (keys_derive_all(secret_key, secret_key_old) != 0) {
        auth_keys_wipe();
        snprintf(err, errlen, "could not derive keys from DATAMIND_SECRET_KEY");
        return -1;
    }
    keys.ready = 1;
    return 0;
}

void auth_keys_wipe(void)
{
    if (keys.locked)
        sodium_munlock(&keys, sizeof keys); /* zeroes too */
    sodium_memzero(&keys, sizeof keys);
}

const unsigned char *auth_key_get(enum auth_key_id which)
{
    if (!keys.ready) {
        fprintf(stderr, "{\"level\":\"fatal\",\"msg\":\"auth: key used before "
                        "auth_keys_init()\"}\n");
        abort();
    }
    if ((which == AUTH_KEY_COOKIE_OLD || which == AUTH_KEY_BOX_OLD) && !keys.have_old)
        return NULL;
    return keys.key[which];
}
