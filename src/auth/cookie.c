/* cookie.c — the session cookie, CSRF tokens and random tokens. See auth.h.
 *
 * The cookie carries the session id and a MAC of it, so a forged or mangled
 * cookie is turned away before any database lookup. Everything that compares
 * a secret against input does so in constant time (crypto_auth_verify,
 * sodium_memcmp). */
#include "auth/auth.h"

#include <string.h>

#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define CSRF_LABEL "csrf:"

_Static_assert(sodium_base64_ENCODED_LEN(SESSION_ID_BYTES + crypto_auth_BYTES, B64) ==
                   SESSION_COOKIE_LEN + 1, "SESSION_COOKIE_LEN");
_Static_assert(sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, B64) ==
                   CSRF_TOKEN_LEN + 1, "CSRF_TOKEN_LEN");
_Static_assert(sodium_base64_ENCODED_LEN(16, B64) == CSRF_PRESESSION_LEN + 1,
               "CSRF_PRESESSION_LEN");

/* ---- session id and cookie ----------------------------------------------- */

void session_id_new(unsigned char id[SESSION_ID_BYTES])
{
    randombytes_buf(id, SESSION_ID_BYTES);
}

void session_id_hex(const unsigned char id[SESSION_ID_BYTES], char out[33])
{
    sodium_bin2hex(out, 33, id, SESSION_ID_BYTES);
}

void session_cookie_encode(const unsigned char id[SESSION_ID_BYTES],
                           char out[SESSION_COOKIE_LEN + 1])
{
    unsigned char raw[SESSION_ID_BYTES + crypto_auth_BYTES];

    memcpy(raw, id, SESSION_ID_BYTES);
    crypto_auth(raw + SESSION_ID_BYTES, id, SESSION_ID_BYTES, auth_key_get(AUTH_KEY_COOKIE));
    sodium_bin2base64(out, SESSION_COOKIE_LEN + 1, raw, sizeof raw, B64);
}

/* Does mac authenticate id under the current key, or else the old one? */
static int session_mac_ok(const unsigned char *mac, const unsigned char *id)
{
    const unsigned char *old = auth_key_get(AUTH_KEY_COOKIE_OLD);

    if (crypto_auth_verify(mac, id, SESSION_ID_BYTES, auth_key_get(AUTH_KEY_COOKIE)) == 0)
        return 1;
    return old && crypto_auth_verify(mac, id, SESSION_ID_BYTES, old) == 0;
}

int session_cookie_decode(const char *value, unsigned char id[SESSION_ID_BYTES])
{
    unsigned char raw[SESSION_ID_BYTES + crypto_auth_BYTES];
    const char *end = NULL;
    size_t binlen = 0;
    int rc = -1;

    sodium_memzero(id, SESSION_ID_BYTES);
    if (!value || strnlen(value, SESSION_COOKIE_LEN + 1) != SESSION_COOKIE_LEN)
        return -1;
    if (sodium_base642bin(raw, sizeof raw, value, SESSION_COOKIE_LEN, NULL, &binlen, &end,
                          B64) != 0 ||
        binlen != sizeof raw || end != value + SESSION_COOKIE_LEN)
        goto out;
    if (!session_mac_ok(raw + SESSION_ID_BYTES, raw))
        goto out;
    memcpy(id, raw, SESSION_ID_BYTES);
    rc = 0;
out:
    sodium_memzero(raw, sizeof raw);
    return rc;
}

/* ---- CSRF ---------------------------------------------------------------- */

void csrf_token(const unsigned char *binding, size_t len, char out[CSRF_TOKEN_LEN + 1])
{
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];

    crypto_auth_hmacsha256_init(&st, auth_key_get(AUTH_KEY_CSRF),
                                crypto_auth_hmacsha256_KEYBYTES);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)CSRF_LABEL,
                                  sizeof CSRF_LABEL - 1);
    if (binding && len)
        crypto_auth_hmacsha256_update(&st, binding, len);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2base64(out, CSRF_TOKEN_LEN + 1, mac, sizeof mac, B64);
    sodium_memzero(&st, sizeof st);
}

int csrf_verify(const unsigned char *binding, size_t len, const char *token)
{
    char want[CSRF_TOKEN_LEN + 1];
    int ok;

    /* An empty binding would be one token shared by everyone without a
     * session: refuse it rather than accept it. */
    if (!binding || !len || !token ||
        strnlen(token, CSRF_TOKEN_LEN + 1) != CSRF_TOKEN_LEN)
        return 0;
    csrf_token(binding, len, want);
    ok = sodium_memcmp(want, token, CSRF_TOKEN_LEN) == 0;
    sodium_memzero(want, sizeof want);
    return ok;
}

void csrf_presession_new(char out[CSRF_PRESESSION_LEN + 1])
{
    unsigned char raw[16];

    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, CSRF_PRESESSION_LEN + 1, raw, sizeof raw, B64);
}

/* ---- random tokens and hex ----------------------------------------------- */

int auth_random_token(char *out, size_t outlen, size_t nbytes)
{
    unsigned char raw[256];

    if (!out || nbytes == 0 || nbytes > sizeof raw ||
        outlen < sodium_base64_ENCODED_LEN(nbytes, B64))
        return -1;
    randombytes_buf(raw, nbytes);
    sodium_bin2base64(out, outlen, raw, nbytes, B64);
    sodium_memzero(raw, nbytes);
    return 0;
}

void auth_onetime_password(char out[AUTH_ONETIME_PASSWORD_LEN + 1])
{
    /* No 0 O o 1 l I: read aloud or copied from a screen, nothing is
     * mistaken for something else. 56 symbols, about 5.8 bits each. */
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
                                   "abcdefghijkmnpqrstuvwxyz";

    for (int i = 0; i < AUTH_ONETIME_PASSWORD_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[AUTH_ONETIME_PASSWORD_LEN] = '\0';
}

int auth_hex_decode(const char *hex, unsigned char *out, size_t outlen)
{
    const char *end = NULL;
    size_t binlen = 0, n;

    if (!hex || !out)
        return -1;
    n = strlen(hex);
    if (n != 2 * outlen ||
        sodium_hex2bin(out, outlen, hex, n, NULL, &binlen, &end) != 0 ||
        binlen != outlen || end != hex + n)
        return -1;
    return 0;
}
