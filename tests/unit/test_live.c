/* test_live.c — live channel ids and who may subscribe to them: a channel
 * names its org and user, and no other org's or user's session is allowed
 * on it, whatever the id is dressed up as. Delivery through a real nginx
 * with nchan is tests/integration/test_live.py. */
#include "check.h"

#include <stdlib.h>
#include "core/arena.h"
#include "core/config.h"
#include "live/live.h"

#define ORG "0b8f7c9e-1111-4a4a-9c9c-000000000001"
#define ORG2 "0b8f7c9e-1111-4a4a-9c9c-000000000002"
#define USR "5d1e2f3a-2222-4b4b-8d8d-000000000001"
#define USR2 "5d1e2f3a-2222-4b4b-8d8d-000000000002"

static void test_ids(arena_t *a)
{
    CHECK_STR(live_channel_user(a, ORG, USR), "u." ORG "." USR);
    CHECK_STR(live_channel_org(a, ORG), "o." ORG);
    CHECK_STR(live_channel_item(a, ORG, USR, "upload", "42"), "u." ORG "." USR ".upload.42");
    /* an id that is not letters, digits and '-' makes no channel */
    CHECK(live_channel_user(a, ORG, "a.b") == NULL);
    CHECK(live_channel_user(a, "", USR) == NULL);
    CHECK(live_channel_item(a, ORG, USR, "up/load", "1") == NULL);
    CHECK(live_channel_org(a, NULL) == NULL);
    CHECK_STR(live_channel_org_item(a, ORG, "upload", "9"), "o." ORG ".upload.9");
    CHECK(live_channel_org_item(a, ORG, "upload", "9.9") == NULL);
}

static void test_allowed(void)
{
    CHECK(live_channel_allowed("u." ORG "." USR, ORG, USR));
    CHECK(live_channel_allowed("o." ORG, ORG, USR));
    CHECK(live_channel_allowed("u." ORG "." USR ".chat.77", ORG, USR));
    /* another user of the same org, or another org */
    CHECK(!live_channel_allowed("u." ORG "." USR, ORG, USR2));
    CHECK(!live_channel_allowed("u." ORG "." USR, ORG2, USR));
    CHECK(!live_channel_allowed("o." ORG, ORG2, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR ".chat.77", ORG, USR2));
    /* prefixes and extensions of one's own ids */
    CHECK(!live_channel_allowed("u." ORG "." USR "x", ORG, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR ".", ORG, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR ".chat", ORG, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR ".chat.", ORG, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR "..77", ORG, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR ".chat.7.7", ORG, USR));
    CHECK(!live_channel_allowed("o." ORG ".x", ORG, USR));
    /* one thing of an org's: anyone of that org, nobody of another */
    CHECK(live_channel_allowed("o." ORG ".upload.9", ORG, USR2));
    CHECK(!live_channel_allowed("o." ORG ".upload.9", ORG2, USR));
    CHECK(!live_channel_allowed("o." ORG ".upload", ORG, USR));
    CHECK(!live_channel_allowed("o." ORG ".upload.9.9", ORG, USR));
    CHECK(!live_channel_allowed("o." ORG "x.upload.9", ORG, USR));
    CHECK(!live_channel_allowed("o." ORG, ORG "-", USR));
    CHECK(!live_channel_allowed("u." ORG, ORG, USR));
    CHECK(!live_channel_allowed("", ORG, USR));
    CHECK(!live_channel_allowed(NULL, ORG, USR));
    CHECK(!live_channel_allowed("u." ORG "." USR, NULL, USR));
    CHECK(!live_channel_allowed("u.." USR, "", USR));
}

static void test_publish(void)
{
    char err[256] = "";
    /* live off (no DATAMIND_LIVE_URL): publishing is a no-op that succeeds */
    CHECK(!live_enabled());
    CHECK_INT(live_publish("u.a.b", "bell", "<span>1</span>", err, sizeof err), 0);
    /* on, but nothing listens there: -1 and a message naming the channel */
    setenv("DATAMIND_SECRET_KEY", "3f9c2a7be1d04c58a6e9b0f1d2c3e4f5a6b7c8d9e0f1a2b3", 1);
    setenv("DATAMIND_LIVE_URL", "unix:/nonexistent/live.sock", 1);
    config_t *c = config_load(NULL, err, sizeof err);
    CHECK(c != NULL);
    config_set_current(c);
    CHECK(live_enabled());
    CHECK_INT(live_publish("u.a.b", "bell", "<span>1</span>", err, sizeof err), -1);
    CHECK(strstr(err, "u.a.b") != NULL);
    /* a bad event name is refused before anything is sent */
    CHECK_INT(live_publish("u.a.b", "bell\nx", "", err, sizeof err), -1);
    config_set_current(NULL);
}

int main(void)
{
    arena_t *a = arena_new();
    test_ids(a);
    test_allowed();
    test_publish();
    arena_free(a);
    return check_done("test_live");
}
