/* apitoken.c — personal API tokens: "dm_" and base64url (no padding) of 32
 * random bytes; what is stored is the BLAKE2b-256 hash of those bytes
 * (store/tokens.h), never the token. */
#include "auth/auth.h"

#include <string.h>

#define API_B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

void auth_api_token_new(char out[AUTH_API_TOKEN_LEN + 1], unsigned char hash[AUTH_API_HASH_BYTES])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    memcpy(out, AUTH_API_TOKEN_PREFIX, 3);
    sodium_bin2base64(out + 3, AUTH_API_TOKEN_LEN - 3 + 1, raw, sizeof raw, API_B64);
    crypto_generichash(hash, AUTH_API_HASH_BYTES, raw, sizeof raw, NULL, 0);
    sodium_memzero(raw, sizeof raw);
}

int auth_api_token_hash(const char *token, unsigned char hash[AUTH_API_HASH_BYTES])
{
    unsigned char raw[32];
    size_t len = 0;
    if (!token || strlen(token) != AUTH_API_TOKEN_LEN || strncmp(token, AUTH_API_TOKEN_PREFIX, 3) != 0 ||
        sodium_base642bin(raw, sizeof raw, token + 3, AUTH_API_TOKEN_LEN - 3, NULL, &len, NULL,
                          API_B64) != 0 ||
        len != sizeof raw)
        return -1;
    crypto_generichash(hash, AUTH_API_HASH_BYTES, raw, sizeof raw, NULL, 0);
    sodium_memzero(raw, sizeof raw);
    return 0;
}
