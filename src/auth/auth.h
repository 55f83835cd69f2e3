/* auth.h — accounts: password hashing, session cookies, CSRF tokens,
 * connection secrets at rest.
 *
 * The crypto primitives below are pure functions over libsodium: no database,
 * no HTTP. Every key comes from DATAMIND_SECRET_KEY through auth_keys_init(),
 * which each process calls once at start-up before anything else here (the
 * password functions excepted: they need no key). Using a keyed function
 * before that is a broken invariant and aborts. */
#ifndef DM_AUTH_H
#define DM_AUTH_H

#include <stddef.h>

#include <sodium.h>

/* ==== crypto primitives ================================================== */

/* ---- keys.c: sub-keys derived from the master secret ---------------------
 *
 * Each secret is hashed to 32 bytes (crypto_generichash) and split with
 * crypto_kdf (context "datamind") into a cookie-MAC key, a CSRF key and a
 * secretbox key. secret_key_old (NULL or "" for none) is the previous secret
 * during a key rotation: cookies it signed still verify and connection
 * passwords it encrypted still decrypt; nothing new is made with it. CSRF
 * tokens are short-lived and use the current key only.
 * The keys live in process-wide memory, locked against swapping where the OS
 * allows. Calling auth_keys_init() again replaces them (SIGHUP reload). */
int auth_keys_init(const char *secret_key, const char *secret_key_old, char *err,
                   size_t errlen);
void auth_keys_wipe(void); /* zero every key; keyed functions abort until the next init */

/* For the src/auth files only: the raw sub-keys (32 bytes each). Returns NULL for
 * an old key when there is none; aborts for a current key before init. */
enum auth_key_id { AUTH_KEY_COOKIE, AUTH_KEY_COOKIE_OLD, AUTH_KEY_CSRF, AUTH_KEY_BOX,
                   AUTH_KEY_BOX_OLD };
const unsigned char *auth_key_get(enum auth_key_id which);

/* ---- password.c: Argon2id hashes and the password policy ----------------- */

/* Hash pw with Argon2id at the given limits into out (an encoded string with
 * its own salt and parameters). 0, or -1 with err (limits out of range, out
 * of memory). */
int password_hash(const char *pw, unsigned long long opslimit, size_t memlimit,
                  char out[crypto_pwhash_STRBYTES], char *err, size_t errlen);
/* 1 if pw matches hash, 0 if not (also for NULLs or a malformed hash). */
int password_verify(const char *hash, const char *pw);
/* 1 if hash was made with other limits or another algorithm (or is not a
 * valid hash at all): rehash it at the next successful sign-in. 0 if fine. */
int password_needs_rehash(const char *hash, unsigned long long opslimit, size_t memlimit);
/* Spend the time of one password_verify() at these limits and throw the
 * answer away, so "no such email" is as slow as "wrong password". The hash it
 * checks against is made at the first call (and again if the limits change). */
void password_dummy_verify(const char *pw, unsigned long long opslimit, size_t memlimit);

/* 0 if pw is acceptable for a new password, else -1 with a message the user
 * can act on: valid UTF-8, 10 to 1024 bytes worth of at least 10 characters
 * (code points), not one character repeated, not in the common-password
 * list (compared case-insensitively; checked only once the list is loaded). */
int password_check_policy(const char *pw, char *err, size_t errlen);
/* Read the common-password list (one per line, blank lines skipped) into a
 * sorted, de-duplicated table, replacing any loaded one. 0, or -1 with err. */
int password_list_load(const char *path, char *err, size_t errlen);
size_t password_list_count(void); /* distinct entries loaded; 0 if none */
void password_list_free(void);

/* ---- cookie.c: session cookie, CSRF tokens, random tokens ---------------- */

#define SESSION_ID_BYTES 16
/* base64url, no padding, of id(16) || MAC(32). */
#define SESSION_COOKIE_LEN 64
/* base64url, no padding, of HMAC-SHA256(32). */
#define CSRF_TOKEN_LEN 43
/* base64url, no padding, of 16 random bytes. */
#define CSRF_PRESESSION_LEN 22
#define AUTH_ONETIME_PASSWORD_LEN 16

void session_id_new(unsigned char id[SESSION_ID_BYTES]);
void session_id_hex(const unsigned char id[SESSION_ID_BYTES], char out[33]);
/* The dm_session cookie value for id, MAC'd with the current cookie key. */
void session_cookie_encode(const unsigned char id[SESSION_ID_BYTES],
                           char out[SESSION_COOKIE_LEN + 1]);
/* 0 and the id if value is a cookie whose MAC verifies under the current or
 * the old key; -1 (id zeroed) for anything else, NULL and "" included. The
 * id must still be looked up: a valid MAC only says that we made it. */
int session_cookie_decode(const char *value, unsigned char id[SESSION_ID_BYTES]);

/* The CSRF token for a binding: the session id once signed in, else the
 * pre-session cookie value. Same binding, same token. */
void csrf_token(const unsigned char *binding, size_t len, char out[CSRF_TOKEN_LEN + 1]);
/* 1 if token is the token for binding (compared in constant time), 0
 * otherwise: NULL, empty or wrong-length token, NULL or empty binding. */
int csrf_verify(const unsigned char *binding, size_t len, const char *token);
/* A fresh pre-session value for the CSRF cookie used before sign-in. */
void csrf_presession_new(char out[CSRF_PRESESSION_LEN + 1]);

/* base64url (no padding) of nbytes (1..256) random bytes into out. -1 if
 * nbytes is out of range or out is too small (it needs 4*nbytes/3 + 2). */
int auth_random_token(char *out, size_t outlen, size_t nbytes);
/* 16 random characters from an alphabet without look-alikes (no 0 O o 1 l
 * I), for one-time passwords an admin reads to a user: about 93 bits. */
void auth_onetime_password(char out[AUTH_ONETIME_PASSWORD_LEN + 1]);
/* 0 if hex is exactly 2*outlen hex digits (either case) and out holds their
 * bytes; -1 otherwise. */
int auth_hex_decode(const char *hex, unsigned char *out, size_t outlen);

/* ---- apitoken.c: personal API tokens ------------------------------------- */

/* "dm_" + base64url (no padding) of 32 random bytes: 46 characters. */
#define AUTH_API_TOKEN_PREFIX "dm_"
#define AUTH_API_TOKEN_LEN 46
#define AUTH_API_HASH_BYTES 32
/* A fresh token into out and the hash to store (BLAKE2b-256 of its bytes). */
void auth_api_token_new(char out[AUTH_API_TOKEN_LEN + 1], unsigned char hash[AUTH_API_HASH_BYTES]);
/* The hash of a token as a client sent it: 0, or -1 when it is not exactly
 * a token (wrong prefix, length or alphabet). */
int auth_api_token_hash(const char *token, unsigned char hash[AUTH_API_HASH_BYTES]);

/* ---- secret.c: connection passwords at rest ------------------------------ */

/* Encrypt len bytes of plain into *out = nonce(24) || secretbox ciphertext
 * (len + 16 bytes); *out is malloc'd, the caller frees it. 0, or -1 if plain
 * is NULL with a length or the message is too long. */
int secret_encrypt(const char *plain, size_t len, unsigned char **out, size_t *outlen);
/* Decrypt with the current key, then the old one. 0 with *plain malloc'd,
 * NUL-terminated, *plainlen bytes long (free it with secret_free); -1 with
 * *plain = NULL if the input is short, tampered or made under another key. */
int secret_decrypt(const unsigned char *in, size_t len, char **plain, size_t *plainlen);
/* Zero len bytes of p, then free it. NULL is fine. */
void secret_free(char *p, size_t len);

/* A password bound to what it was typed for (a connection's target, see
 * store_conn_target_binding): the binding is sealed in with it, so a password is
 * never handed over for another target, whatever a row says now.
 * secret_seal: like secret_encrypt of a password, bound to binding.
 * secret_unseal: 0 with *plain (the password alone) when the binding
 * matches; -1 when it does not (*mismatch = 1) or the box does not open
 * (*mismatch = 0). A box made by secret_encrypt (before bindings) opens
 * with any binding. */
int secret_seal(const char *binding, const char *password, unsigned char **out, size_t *outlen);
int secret_unseal(const char *binding, const unsigned char *in, size_t len, char **plain,
                  size_t *plainlen, int *mismatch);

#endif
