/* test_auth.c — auth/ crypto primitives: keys and rotation, Argon2id hashes,
 * the password policy and its list, session cookies (every byte flipped),
 * CSRF tokens, secrets at rest, random tokens.
 * Usage: test_auth [DATA_DIR]   (default data; a source tree root works too:
 * DATA_DIR/data/common-passwords.txt is tried when DATA_DIR/common-... is
 * missing) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "check.h"

#define OPS crypto_pwhash_OPSLIMIT_MIN
#define MEM crypto_pwhash_MEMLIMIT_MIN
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void keys(const char *cur, const char *old)
{
    char err[256] = "";
    int rc = auth_keys_init(cur, old, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc)
        fprintf(stderr, "  %s\n", err);
}

/* ---- keys ---------------------------------------------------------------- */

static void test_keys(void)
{
    char err[256] = "";
    unsigned char id[16];
    char a[SESSION_COOKIE_LEN + 1], b[SESSION_COOKIE_LEN + 1];

    CHECK_INT(auth_keys_init(NULL, NULL, err, sizeof err), -1);
    CHECK(strstr(err, "DATAMIND_SECRET_KEY") != NULL);
    CHECK_INT(auth_keys_init("", NULL, err, sizeof err), -1);

    /* Same secret, same keys; another secret, other keys. */
    memset(id, 7, sizeof id);
    keys("secret one, long enough to be real", NULL);
    session_cookie_encode(id, a);
    keys("secret one, long enough to be real", "");
    session_cookie_encode(id, b);
    CHECK_STR(a, b);
    keys("secret two, long enough to be real", NULL);
    session_cookie_encode(id, b);
    CHECK(strcmp(a, b) != 0);
    CHECK(auth_key_get(AUTH_KEY_COOKIE_OLD) == NULL);
    CHECK(auth_key_get(AUTH_KEY_BOX_OLD) == NULL);

    /* The sub-keys are distinct from each other. */
    CHECK(memcmp(auth_key_get(AUTH_KEY_COOKIE), auth_key_get(AUTH_KEY_CSRF), 32) != 0);
    CHECK(memcmp(auth_key_get(AUTH_KEY_COOKIE), auth_key_get(AUTH_KEY_BOX), 32) != 0);
    CHECK(memcmp(auth_key_get(AUTH_KEY_CSRF), auth_key_get(AUTH_KEY_BOX), 32) != 0);

    /* An old key identical to the current one is no old key. */
    keys("secret two, long enough to be real", "secret two, long enough to be real");
    CHECK(auth_key_get(AUTH_KEY_COOKIE_OLD) == NULL);
    keys("secret two, long enough to be real", "secret one, long enough to be real");
    CHECK(auth_key_get(AUTH_KEY_COOKIE_OLD) != NULL);
    CHECK(auth_key_get(AUTH_KEY_BOX_OLD) != NULL);
    CHECK(memcmp(auth_key_get(AUTH_KEY_COOKIE_OLD), auth_key_get(AUTH_KEY_COOKIE), 32) != 0);
}

/* ---- passwords ----------------------------------------------------------- */

static void test_password_hash(void)
{
    char h[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES], err[256] = "";

    CHECK_INT(password_hash("correct horse battery", OPS, MEM, h, err, sizeof err), 0);
    CHECK(strncmp(h, "$argon2id$", 10) == 0);
    CHECK_INT(password_verify(h, "correct horse battery"), 1);
    CHECK_INT(password_verify(h, "correct horse batterY"), 0);
    CHECK_INT(password_verify(h, ""), 0);
    CHECK_INT(password_verify(h, NULL), 0);
    CHECK_INT(password_verify(NULL, "x"), 0);
    CHECK_INT(password_verify("not a hash", "x"), 0);
    CHECK_INT(password_verify("", ""), 0);

    /* A random salt: the same password hashes differently each time. */
    CHECK_INT(password_hash("correct horse battery", OPS, MEM, h2, err, sizeof err), 0);
    CHECK(strcmp(h, h2) != 0);
    CHECK_INT(password_verify(h2, "correct horse battery"), 1);

    CHECK_INT(password_needs_rehash(h, OPS, MEM), 0);
    CHECK_INT(password_needs_rehash(h, OPS + 1, MEM), 1);
    CHECK_INT(password_needs_rehash(h, OPS, MEM * 2), 1);
    CHECK_INT(password_needs_rehash("garbage", OPS, MEM), 1);
    CHECK_INT(password_needs_rehash(NULL, OPS, MEM), 1);

    CHECK_INT(password_hash(NULL, OPS, MEM, h, err, sizeof err), -1);
    err[0] = '\0';
    CHECK_INT(password_hash("x", 0, MEM, h, err, sizeof err), -1);
    CHECK(err[0] != '\0');

    /* Runs, twice (the second reuses the dummy hash), and with NULL. */
    password_dummy_verify("whatever", OPS, MEM);
    password_dummy_verify(NULL, OPS, MEM);
    password_dummy_verify("whatever", OPS + 1, MEM); /* limits changed: new dummy */
    CHECK(1);
}

static void policy_is(const char *pw, const char *want)
{
    char err[256] = "";
    int rc = password_check_policy(pw, err, sizeof err);

    if (!want) {
        CHECK_INT(rc, 0);
        if (rc)
            fprintf(stderr, "  for [%s]: %s\n", pw, err);
        return;
    }
    CHECK_INT(rc, -1);
    CHECK_STR(err, want);
}

#define SHORT "Use at least 10 characters."
#define COMMON "This password is one of the most common ones; choose another."
#define REPEAT "This password is one character repeated; choose another."

static void test_policy_rules(void)
{
    char err[256] = "", big[1100];

    policy_is(NULL, "Enter a password.");
    policy_is("", "Enter a password.");
    policy_is("short", SHORT);
    policy_is("123456789", SHORT);
    policy_is("ééééééééé", SHORT);       /* 9 characters, 18 bytes */
    policy_is("ééééééééée", NULL);       /* 10 characters */
    policy_is("日本語のパスワード", SHORT); /* 9 characters, 27 bytes */
    policy_is("日本語のパスワードです", NULL);
    policy_is("🔑🔑🔑🔑🔑🔑🔑🔑🔑x", NULL); /* 4-byte sequences */
    policy_is("aaaaaaaaaaaa", REPEAT);
    policy_is("éééééééééééé", REPEAT);
    policy_is("aaaaaaaaaaab", NULL);
    policy_is("tangerine lamp 42", NULL);

    /* Invalid UTF-8: stray continuation, truncated, overlong, surrogate. */
    CHECK_INT(password_check_policy("abcdefghij\x80", err, sizeof err), -1);
    CHECK(strstr(err, "UTF-8") != NULL);
    CHECK_INT(password_check_policy("abcdefghij\xc3", err, sizeof err), -1);
    CHECK_INT(password_check_policy("abcdefghij\xc0\xaf", err, sizeof err), -1);
    CHECK_INT(password_check_policy("abcdefghij\xed\xa0\x80", err, sizeof err), -1);
    CHECK_INT(password_check_policy("abcdefghij\xf4\x90\x80\x80", err, sizeof err), -1);
    CHECK_INT(password_check_policy("abcdefghij\xff", err, sizeof err), -1);

    /* 1024 bytes is fine, 1025 is not. */
    for (size_t i = 0; i < 1024; i++)
        big[i] = (char)('a' + i % 26);
    big[1024] = '\0';
    policy_is(big, NULL);
    big[1024] = 'z';
    big[1025] = '\0';
    CHECK_INT(password_check_policy(big, err, sizeof err), -1);
    CHECK(strstr(err, "at most 1024 bytes") != NULL);
}

/* Open DIR/common-passwords.txt, or DIR/data/common-passwords.txt. */
static int list_path(const char *dir, char *out, size_t outlen)
{
    FILE *f;

    snprintf(out, outlen, "%s/common-passwords.txt", dir);
    if ((f = fopen(out, "r")) != NULL) {
        fclose(f);
        return 0;
    }
    snprintf(out, outlen, "%s/data/common-passwords.txt", dir);
    if ((f = fopen(out, "r")) != NULL) {
        fclose(f);
        return 0;
    }
    return -1;
}

/* The file itself: lines, all lowercase, none blank or padded. */
static void test_list_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[2048];
    int lines = 0, clean = 1;

    CHECK(f != NULL);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\n");
        lines++;
        if (n == 0 || line[0] == ' ' || line[n - 1] == ' ' || line[n - 1] == '\r')
            clean = 0;
        for (size_t i = 0; i < n; i++)
            if (line[i] >= 'A' && line[i] <= 'Z')
                clean = 0;
    }
    fclose(f);
    CHECK_INT(lines, 1000);
    CHECK(clean);
}

static void test_policy_list(const char *dir)
{
    char path[1024], err[512] = "";

    CHECK_INT(password_list_load("/nonexistent/common.txt", err, sizeof err), -1);
    CHECK(strstr(err, "/nonexistent/common.txt") != NULL);
    CHECK_INT(password_list_count(), 0);

    /* Not loaded yet: the list is not consulted. */
    policy_is("qwertyuiop", NULL);

    if (list_path(dir, path, sizeof path) != 0) {
        fprintf(stderr, "FAIL: no common-passwords.txt under %s\n", dir);
        CHECK(0);
        return;
    }
    test_list_file(path);
    CHECK_INT(password_list_load(path, err, sizeof err), 0);
    CHECK_INT(password_list_count(), 1000); /* 1000 lines, 1000 distinct */
    CHECK_INT(password_list_load(path, err, sizeof err), 0); /* reload */
    CHECK_INT(password_list_count(), 1000);

    policy_is("password", SHORT);
    policy_is("123456", SHORT);
    policy_is("qwertyuiop", COMMON);
    policy_is("QwertyUIOP", COMMON);
    policy_is("1234567890", COMMON);
    policy_is("password123", COMMON);
    policy_is("PASSWORD123", COMMON);
    policy_is("iloveyou123", COMMON);
    policy_is("1q2w3e4r5t", COMMON);
    policy_is("qwertyuiop1", NULL);
    policy_is("tangerine lamp 42", NULL);

    password_list_free();
    CHECK_INT(password_list_count(), 0);
    policy_is("qwertyuiop", NULL);
    CHECK_INT(password_list_load(path, err, sizeof err), 0); /* freed again at exit */
}

/* ---- session cookie ------------------------------------------------------ */

/* Decode cookie to raw bytes, XOR byte i with x, encode again. */
static void cookie_flip(const char *cookie, size_t i, unsigned char x,
                        char out[SESSION_COOKIE_LEN + 1])
{
    unsigned char raw[48];
    size_t n = 0;

    sodium_base642bin(raw, sizeof raw, cookie, strlen(cookie), NULL, &n, NULL, B64);
    raw[i] ^= x;
    sodium_bin2base64(out, SESSION_COOKIE_LEN + 1, raw, sizeof raw, B64);
}

static void test_cookie_tamper(const char *c)
{
    char t[SESSION_COOKIE_LEN + 2];
    unsigned char got[16];
    int flip_ok = 1, char_ok = 1, bad_ok = 1;

    /* Every byte of id || MAC, every bit. */
    for (size_t i = 0; i < 48; i++)
        for (int bit = 0; bit < 8; bit++) {
            cookie_flip(c, i, (unsigned char)(1u << bit), t);
            if (session_cookie_decode(t, got) != -1)
                flip_ok = 0;
        }
    CHECK(flip_ok);

    /* Every character swapped for another valid one, or an invalid one. */
    for (size_t i = 0; i < SESSION_COOKIE_LEN; i++) {
        strcpy(t, c);
        t[i] = t[i] == 'A' ? 'B' : 'A';
        if (session_cookie_decode(t, got) != -1)
            char_ok = 0;
        t[i] = '.';
        if (session_cookie_decode(t, got) != -1)
            bad_ok = 0;
    }
    CHECK(char_ok);
    CHECK(bad_ok);
    CHECK(sodium_is_zero(got, 16)); /* a refused cookie leaves no id behind */
}

static void test_cookie_lengths(const char *c)
{
    char t[SESSION_COOKIE_LEN * 2 + 2];
    unsigned char got[16];
    int trunc_ok = 1;

    for (size_t n = 0; n < SESSION_COOKIE_LEN; n++) {
        memcpy(t, c, n);
        t[n] = '\0';
        if (session_cookie_decode(t, got) != -1)
            trunc_ok = 0;
    }
    CHECK(trunc_ok);
    CHECK_INT(session_cookie_decode(NULL, got), -1);
    CHECK_INT(session_cookie_decode("", got), -1);

    snprintf(t, sizeof t, "%sA", c);
    CHECK_INT(session_cookie_decode(t, got), -1);
    snprintf(t, sizeof t, "%s=", c);
    CHECK_INT(session_cookie_decode(t, got), -1);
    snprintf(t, sizeof t, "%s%s", c, c);
    CHECK_INT(session_cookie_decode(t, got), -1);
    snprintf(t, sizeof t, " %.*s", SESSION_COOKIE_LEN - 1, c);
    CHECK_INT(session_cookie_decode(t, got), -1);
    memset(t, 'A', SESSION_COOKIE_LEN);
    t[SESSION_COOKIE_LEN] = '\0';
    CHECK_INT(session_cookie_decode(t, got), -1);
}

static void test_cookie(void)
{
    unsigned char id[16], id2[16], got[16];
    char c[SESSION_COOKIE_LEN + 1], hex[33];

    keys("cookie secret, current", NULL);
    session_id_new(id);
    session_id_new(id2);
    CHECK(memcmp(id, id2, 16) != 0);
    CHECK(!sodium_is_zero(id, 16));

    session_cookie_encode(id, c);
    CHECK_INT(strlen(c), SESSION_COOKIE_LEN);
    CHECK_INT(strspn(c, b64chars), SESSION_COOKIE_LEN);
    CHECK_INT(session_cookie_decode(c, got), 0);
    CHECK(memcmp(got, id, 16) == 0);

    test_cookie_tamper(c);
    test_cookie_lengths(c);

    /* Another id's MAC does not cover this id. */
    {
        char c2[SESSION_COOKIE_LEN + 1], mix[SESSION_COOKIE_LEN + 1];
        unsigned char raw[48], raw2[48];
        size_t n;
        session_cookie_encode(id2, c2);
        sodium_base642bin(raw, 48, c, SESSION_COOKIE_LEN, NULL, &n, NULL, B64);
        sodium_base642bin(raw2, 48, c2, SESSION_COOKIE_LEN, NULL, &n, NULL, B64);
        memcpy(raw + 16, raw2 + 16, 32);
        sodium_bin2base64(mix, sizeof mix, raw, 48, B64);
        CHECK_INT(session_cookie_decode(mix, got), -1);
    }

    const unsigned char known[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                     0x08, 0x09, 0x0a, 0x0b, 0xfc, 0xfd, 0xfe, 0xff};
    session_id_hex(known, hex);
    CHECK_STR(hex, "000102030405060708090a0bfcfdfeff");
}

static void test_cookie_rotation(void)
{
    unsigned char id[16], got[16];
    char under_a[SESSION_COOKIE_LEN + 1], under_c[SESSION_COOKIE_LEN + 1];
    char under_b[SESSION_COOKIE_LEN + 1];

    session_id_new(id);
    keys("key A: the one before", NULL);
    session_cookie_encode(id, under_a);
    keys("key C: unrelated to either", NULL);
    session_cookie_encode(id, under_c);

    /* Rotate A -> B: A's cookies still work; new ones are made under B. */
    keys("key B: the new one", "key A: the one before");
    CHECK_INT(session_cookie_decode(under_a, got), 0);
    CHECK(memcmp(got, id, 16) == 0);
    CHECK_INT(session_cookie_decode(under_c, got), -1);
    session_cookie_encode(id, under_b);
    CHECK(strcmp(under_a, under_b) != 0);
    CHECK_INT(session_cookie_decode(under_b, got), 0);

    /* Rotation over: A is gone. */
    keys("key B: the new one", NULL);
    CHECK_INT(session_cookie_decode(under_a, got), -1);
    CHECK_INT(session_cookie_decode(under_b, got), 0);

    /* B -> D: B still works, A (two keys back) does not. */
    keys("key D", "key B: the new one");
    CHECK_INT(session_cookie_decode(under_b, got), 0);
    CHECK_INT(session_cookie_decode(under_a, got), -1);
}

/* ---- CSRF ---------------------------------------------------------------- */

static void test_csrf(void)
{
    unsigned char s1[16], s2[16];
    char t1[CSRF_TOKEN_LEN + 1], t1b[CSRF_TOKEN_LEN + 1], t2[CSRF_TOKEN_LEN + 1];
    char pre[CSRF_PRESESSION_LEN + 1], pre2[CSRF_PRESESSION_LEN + 1];
    char t[CSRF_TOKEN_LEN + 8];
    int tamper_ok = 1;

    keys("csrf secret", "csrf old secret");
    session_id_new(s1);
    session_id_new(s2);
    csrf_token(s1, 16, t1);
    csrf_token(s1, 16, t1b);
    csrf_token(s2, 16, t2);
    CHECK_INT(strlen(t1), CSRF_TOKEN_LEN);
    CHECK_INT(strspn(t1, b64chars), CSRF_TOKEN_LEN);
    CHECK_STR(t1, t1b);
    CHECK(strcmp(t1, t2) != 0);

    CHECK_INT(csrf_verify(s1, 16, t1), 1);
    CHECK_INT(csrf_verify(s2, 16, t2), 1);
    CHECK_INT(csrf_verify(s1, 16, t2), 0); /* another session's token */
    CHECK_INT(csrf_verify(s2, 16, t1), 0);
    CHECK_INT(csrf_verify(s1, 15, t1), 0);
    CHECK_INT(csrf_verify(s1, 16, NULL), 0);
    CHECK_INT(csrf_verify(s1, 16, ""), 0);
    CHECK_INT(csrf_verify(NULL, 0, t1), 0);
    CHECK_INT(csrf_verify(s1, 0, t1), 0);
    snprintf(t, sizeof t, "%.*s", CSRF_TOKEN_LEN - 1, t1);
    CHECK_INT(csrf_verify(s1, 16, t), 0);
    snprintf(t, sizeof t, "%sA", t1);
    CHECK_INT(csrf_verify(s1, 16, t), 0);
    for (size_t i = 0; i < CSRF_TOKEN_LEN; i++) {
        strcpy(t, t1);
        t[i] = t[i] == 'A' ? 'B' : 'A';
        if (csrf_verify(s1, 16, t))
            tamper_ok = 0;
    }
    CHECK(tamper_ok);

    /* Pre-session binding: base64url text, works as a binding. */
    csrf_presession_new(pre);
    csrf_presession_new(pre2);
    CHECK_INT(strlen(pre), CSRF_PRESESSION_LEN);
    CHECK_INT(strspn(pre, b64chars), CSRF_PRESESSION_LEN);
    CHECK(strcmp(pre, pre2) != 0);
    csrf_token((const unsigned char *)pre, strlen(pre), t1);
    CHECK_INT(csrf_verify((const unsigned char *)pre, strlen(pre), t1), 1);
    CHECK_INT(csrf_verify((const unsigned char *)pre2, strlen(pre2), t1), 0);

    /* A new key invalidates tokens (CSRF uses no old key). */
    csrf_token(s1, 16, t1);
    keys("csrf new secret", "csrf secret");
    CHECK_INT(csrf_verify(s1, 16, t1), 0);
}

/* ---- secrets at rest ----------------------------------------------------- */

static void test_secret_roundtrip(void)
{
    unsigned char *box = NULL, *box2 = NULL;
    size_t boxlen = 0, box2len = 0, n = 0;
    char *plain = NULL;
    const char *pw = "s3cret db pässword";

    keys("box key", NULL);
    CHECK_INT(secret_encrypt(pw, strlen(pw), &box, &boxlen), 0);
    CHECK_INT(boxlen, 24 + 16 + strlen(pw));
    CHECK_INT(secret_decrypt(box, boxlen, &plain, &n), 0);
    CHECK_STR(plain, pw);
    CHECK_INT(n, strlen(pw));
    secret_free(plain, n);

    /* Fresh nonce each time. */
    CHECK_INT(secret_encrypt(pw, strlen(pw), &box2, &box2len), 0);
    CHECK(memcmp(box, box2, boxlen) != 0);
    free(box2);
    box2 = NULL;

    /* Empty secret; NULL with no length is empty. */
    CHECK_INT(secret_encrypt("", 0, &box2, &box2len), 0);
    CHECK_INT(secret_decrypt(box2, box2len, &plain, &n), 0);
    CHECK_STR(plain, "");
    CHECK_INT(n, 0);
    secret_free(plain, n);
    free(box2);
    CHECK_INT(secret_encrypt(NULL, 0, &box2, &box2len), 0);
    free(box2);
    CHECK_INT(secret_encrypt(NULL, 5, &box2, &box2len), -1);
    CHECK(box2 == NULL);
    secret_free(NULL, 0);
    free(box);
}

static void test_secret_tamper(void)
{
    unsigned char *box = NULL;
    size_t boxlen = 0, n = 0;
    char *plain = (char *)"sentinel";
    int flip_ok = 1;

    keys("box key", NULL);
    CHECK_INT(secret_encrypt("hunter2hunter2", 14, &box, &boxlen), 0);
    for (size_t i = 0; i < boxlen; i++) {
        box[i] ^= 0x01;
        if (secret_decrypt(box, boxlen, &plain, &n) != -1 || plain != NULL)
            flip_ok = 0;
        box[i] ^= 0x01;
    }
    CHECK(flip_ok);
    for (size_t len = 0; len < boxlen; len++)
        if (secret_decrypt(box, len, &plain, &n) != -1)
            flip_ok = 0;
    CHECK(flip_ok);
    CHECK_INT(secret_decrypt(NULL, 100, &plain, &n), -1);

    /* Rotation: old key still opens it; an unrelated pair does not. */
    keys("box key 2", "box key");
    CHECK_INT(secret_decrypt(box, boxlen, &plain, &n), 0);
    CHECK_STR(plain, "hunter2hunter2");
    secret_free(plain, n);
    keys("box key 3", "box key 2");
    CHECK_INT(secret_decrypt(box, boxlen, &plain, &n), -1);
    CHECK(plain == NULL);
    free(box);
}

/* A sealed password opens only with the binding it was sealed with; a box
 * from before bindings (secret_encrypt) opens with any. */
static void test_secret_seal(void)
{
    unsigned char *box = NULL;
    size_t boxlen = 0, n = 0;
    char *plain = (char *)"sentinel";
    int mismatch = -1;
    const char *here = "pg1|9:127.0.0.1|5432|4:shop|11:shop_reader|7:disable";

    keys("box key", NULL);
    CHECK_INT(secret_seal(here, "reader pw", &box, &boxlen), 0);
    CHECK_INT(secret_unseal(here, box, boxlen, &plain, &n, &mismatch), 0);
    CHECK_STR(plain, "reader pw");
    CHECK_INT(n, 9);
    CHECK_INT(mismatch, 0);
    secret_free(plain, n);
    /* another port, a prefix of the binding, a longer one: nothing */
    const char *others[] = {"pg1|9:127.0.0.1|6666|4:shop|11:shop_reader|7:disable",
                            "pg1|9:127.0.0.1|5432|4:shop|11:shop_reader|7:disabl",
                            "pg1|9:127.0.0.1|5432|4:shop|11:shop_reader|7:disable|", ""};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        plain = (char *)"sentinel";
        CHECK_INT(secret_unseal(others[i], box, boxlen, &plain, &n, &mismatch), -1);
        CHECK(plain == NULL);
        CHECK_INT(mismatch, 1);
    }
    /* the plain secret_decrypt sees the binding, not just the password */
    CHECK_INT(secret_decrypt(box, boxlen, &plain, &n), 0);
    CHECK(strcmp(plain, "reader pw") != 0);
    secret_free(plain, n);
    free(box);
    /* tampered: no box, and not a mismatch */
    CHECK_INT(secret_seal(here, "", &box, &boxlen), 0);
    box[boxlen - 1] ^= 1;
    CHECK_INT(secret_unseal(here, box, boxlen, &plain, &n, &mismatch), -1);
    CHECK_INT(mismatch, 0);
    free(box);
    /* a password saved before bindings */
    CHECK_INT(secret_encrypt("old pw", 6, &box, &boxlen), 0);
    CHECK_INT(secret_unseal(here, box, boxlen, &plain, &n, &mismatch), 0);
    CHECK_STR(plain, "old pw");
    secret_free(plain, n);
    free(box);
}

/* ---- helpers ------------------------------------------------------------- */

static void test_helpers(void)
{
    char tok[64], otp[AUTH_ONETIME_PASSWORD_LEN + 1], otp2[AUTH_ONETIME_PASSWORD_LEN + 1];
    unsigned char out[4];
    int otp_ok = 1;

    CHECK_INT(auth_random_token(tok, sizeof tok, 16), 0);
    CHECK_INT(strlen(tok), 22);
    CHECK_INT(strspn(tok, b64chars), 22);
    CHECK_INT(auth_random_token(tok, sizeof tok, 32), 0);
    CHECK_INT(strlen(tok), 43);
    CHECK_INT(auth_random_token(tok, 43, 32), -1); /* no room for the NUL */
    CHECK_INT(auth_random_token(tok, 44, 32), 0);
    CHECK_INT(auth_random_token(tok, sizeof tok, 0), -1);
    CHECK_INT(auth_random_token(tok, sizeof tok, 257), -1);

    for (int i = 0; i < 200; i++) {
        auth_onetime_password(otp);
        if (strlen(otp) != AUTH_ONETIME_PASSWORD_LEN || strpbrk(otp, "0Oo1lI") ||
            strspn(otp, b64chars) != AUTH_ONETIME_PASSWORD_LEN)
            otp_ok = 0;
    }
    CHECK(otp_ok);
    auth_onetime_password(otp2);
    CHECK(strcmp(otp, otp2) != 0);

    CHECK_INT(auth_hex_decode("deadBEEF", out, 4), 0);
    CHECK(out[0] == 0xde && out[1] == 0xad && out[2] == 0xbe && out[3] == 0xef);
    CHECK_INT(auth_hex_decode("deadbee", out, 4), -1);
    CHECK_INT(auth_hex_decode("deadbeef00", out, 4), -1);
    CHECK_INT(auth_hex_decode("deadbeeg", out, 4), -1);
    CHECK_INT(auth_hex_decode("dead bef", out, 4), -1);
    CHECK_INT(auth_hex_decode("", out, 4), -1);
    CHECK_INT(auth_hex_decode(NULL, out, 4), -1);

    /* session_id_hex and auth_hex_decode are inverses. */
    {
        unsigned char id[16], back[16];
        char hex[33];
        session_id_new(id);
        session_id_hex(id, hex);
        CHECK_INT(auth_hex_decode(hex, back, 16), 0);
        CHECK(memcmp(id, back, 16) == 0);
    }
}

/* Personal API tokens: "dm_" + 43 base64url characters, a fresh one each
 * time; the hash of a token as sent is the hash made with it; anything
 * else is refused. */
static void test_api_token(void)
{
    char a[AUTH_API_TOKEN_LEN + 1], b[AUTH_API_TOKEN_LEN + 1];
    unsigned char ha[AUTH_API_HASH_BYTES], hb[AUTH_API_HASH_BYTES], again[AUTH_API_HASH_BYTES];
    auth_api_token_new(a, ha);
    auth_api_token_new(b, hb);
    CHECK(strlen(a) == AUTH_API_TOKEN_LEN);
    CHECK(strncmp(a, "dm_", 3) == 0);
    CHECK(strspn(a + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43);
    CHECK(strcmp(a, b) != 0);
    CHECK(memcmp(ha, hb, sizeof ha) != 0);
    CHECK(auth_api_token_hash(a, again) == 0);
    CHECK(memcmp(ha, again, sizeof ha) == 0);
    CHECK(auth_api_token_hash(b, again) == 0 && memcmp(hb, again, sizeof hb) == 0);
    char bad[AUTH_API_TOKEN_LEN + 2];
    memcpy(bad, a, sizeof a);
    bad[0] = 'x'; /* another prefix */
    CHECK(auth_api_token_hash(bad, again) < 0);
    memcpy(bad, a, sizeof a);
    bad[10] = '+'; /* not base64url */
    CHECK(auth_api_token_hash(bad, again) < 0);
    memcpy(bad, a, sizeof a);
    bad[AUTH_API_TOKEN_LEN - 1] = '\0'; /* short */
    CHECK(auth_api_token_hash(bad, again) < 0);
    memcpy(bad, a, sizeof a);
    bad[AUTH_API_TOKEN_LEN] = 'A', bad[AUTH_API_TOKEN_LEN + 1] = '\0'; /* long */
    CHECK(auth_api_token_hash(bad, again) < 0);
    CHECK(auth_api_token_hash(NULL, again) < 0);
    CHECK(auth_api_token_hash("", again) < 0);
    CHECK(auth_api_token_hash("dm_", again) < 0);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "data";

    test_keys();
    test_password_hash();
    test_policy_rules();
    test_policy_list(dir);
    test_cookie();
    test_cookie_rotation();
    test_csrf();
    test_secret_roundtrip();
    test_secret_tamper();
    test_secret_seal();
    test_helpers();
    test_api_token();

    password_list_free();
    auth_keys_wipe();
    return check_done("test_auth");
}
