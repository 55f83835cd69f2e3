/* test_store_admin.c — the typed rows of the store's admin-side entity
 * groups (alerts, notifications, audit, accounts, connections, sessions)
 * as templates see them: store_<entity>_json from a struct, no database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "store/accounts.h"
#include "store/alerts.h"
#include "store/connections.h"
#include "store/notifications.h"
#include "store/sessions.h"
#include "store/audit.h"


/* What {{key}} of the object renders (numbers as the template prints them). */
static const char *shown(const json_t *o, const char *key)
{
    static char out[256];
    const json_t *v = json_object_get(o, key);
    out[0] = 0;
    if (json_is_string(v))
        snprintf(out, sizeof out, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(out, sizeof out, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(out, sizeof out, "%g", json_real_value(v));
    else if (json_is_true(v))
        snprintf(out, sizeof out, "true");
    else if (!v)
        snprintf(out, sizeof out, "(missing)");
    return out;
}

static void test_alert_json(void)
{
    const char *ch[] = {"in_app", "webhook"};
    store_alert_t al = {.id = "a1", .name = "Revenue", .connection_id = "c1", .connection = "Shop",
                        .sql_text = "SELECT 1", .condition = "above", .state = "triggered",
                        .threshold = 1000, .has_threshold = 1, .anomaly_k = 3, .anomaly_n = 20,
                        .interval_minutes = 60, .is_active = 1, .owner = "Ann",
                        .webhook_url = "https://hooks.example.com/x", .channels = ch, .n_channels = 2};
    json_t *o = store_alert_json(&al);
    CHECK_STR(shown(o, "name"), "Revenue");
    CHECK_STR(shown(o, "threshold"), "1000");
    CHECK_STR(shown(o, "interval_minutes"), "60");
    CHECK_STR(shown(o, "anomaly_n"), "20");
    CHECK(json_is_true(json_object_get(o, "is_active")));
    CHECK(json_is_false(json_object_get(o, "muted")));
    /* NULL columns stay null: the templates test them with {{#…}} */
    CHECK(json_is_null(json_object_get(o, "last_value")));
    CHECK(json_is_null(json_object_get(o, "last_checked")));
    CHECK(json_is_null(json_object_get(o, "email_to")));
    CHECK(json_is_null(json_object_get(o, "rows_expect")));
    CHECK_INT(json_array_size(json_object_get(o, "channels")), 2);
    CHECK_STR(json_string_value(json_array_get(json_object_get(o, "channels"), 1)), "webhook");
    json_decref(o);

    al.has_threshold = 0;
    al.has_last_value = 1;
    al.last_value = 0.1;
    o = store_alert_json(&al);
    CHECK(json_is_null(json_object_get(o, "threshold")));
    CHECK_STR(shown(o, "last_value"), "0.1");
    json_decref(o);

    store_alert_event_t ev = {.id = "e1", .kind = "resolved", .message = "back to normal",
                              .at = "2026-12-03 10:00"};
    o = store_alert_event_json(&ev);
    CHECK_STR(shown(o, "kind"), "resolved");
    CHECK(json_is_null(json_object_get(o, "value")));
    CHECK_STR(shown(o, "at"), "2026-12-03 10:00");
    json_decref(o);
}

static void test_notif_json(void)
{
    store_notif_t n = {.id = "n1", .title = "Alert triggered: Revenue", .body = "Revenue is 12",
                       .at = "2026-12-03 10:00"};
    json_t *o = store_notif_json(&n);
    CHECK_STR(shown(o, "title"), "Alert triggered: Revenue");
    CHECK(json_is_false(json_object_get(o, "is_read")));
    CHECK(json_is_null(json_object_get(o, "link")));
    json_decref(o);
    n.is_read = 1;
    n.link = "/alerts/a1";
    o = store_notif_json(&n);
    CHECK(json_is_true(json_object_get(o, "is_read")));
    CHECK_STR(shown(o, "link"), "/alerts/a1");
    json_decref(o);
}

static void test_audit_json(void)
{
    store_audit_t e = {.time = "2026-12-03 10:00:00", .action = "alert.create", .user_email = "",
                       .user_name = "", .resource_type = "alert", .resource_id = "a1",
                       .details = "{\"name\": \"Revenue\"}", .ip = "127.0.0.1"};
    json_t *o = store_audit_json(&e);
    CHECK_STR(shown(o, "action"), "alert.create");
    CHECK_STR(shown(o, "details"), "{\"name\": \"Revenue\"}"); /* the JSON text, shown as is */
    CHECK_STR(shown(o, "user_name"), "");
    CHECK_STR(shown(o, "ip"), "127.0.0.1");
    json_decref(o);
}

static void test_account_json(void)
{
    store_account_t u = {.user_id = "u1", .org_id = "o1", .org_slug = "acme", .org_name = "Acme",
                         .email = "ann@example.com", .full_name = "Ann", .role = "admin",
                         .password_hash = "$argon2id$v=19$secret", .is_active = 1,
                         .created = "2026-12-01"};
    json_t *o = store_account_json(&u);
    CHECK_STR(shown(o, "id"), "u1");
    CHECK_STR(shown(o, "full_name"), "Ann");
    CHECK(json_is_true(json_object_get(o, "is_active")));
    CHECK(json_is_null(json_object_get(o, "last_login"))); /* never signed in */
    /* the hash never reaches a template, under any key */
    char *all = json_dumps(o, 0);
    CHECK(all && !strstr(all, "argon2") && !strstr(all, "password"));
    free(all);
    json_decref(o);
}

static void test_session_json(void)
{
    store_session_t ss = {.id = "00112233445566778899aabbccddeeff", .current = 1,
                          .user_agent = "", .created = "2026-12-03 09:00", .last_seen = "2026-12-03 10:00"};
    json_t *o = store_session_json(&ss);
    CHECK_STR(shown(o, "id"), "00112233445566778899aabbccddeeff");
    CHECK(json_is_true(json_object_get(o, "current")));
    CHECK(json_is_null(json_object_get(o, "ip")));
    CHECK_STR(shown(o, "last_seen"), "2026-12-03 10:00");
    json_decref(o);
}

static void test_conn_json(void)
{
    static const unsigned char sealed[] = {1, 2, 3};
    const char *fns[] = {"similarity", NULL};
    store_conn_t rows[2] = {
        {.id = "c1", .name = "Shop", .kind = "postgres", .host = "db", .port = 5432,
         .database_name = "shop", .username = "reader", .sslmode = "prefer", .llm_sharing = "schema",
         .tables = 12, .allowed_functions = fns, .n_allowed_functions = 1,
         .password_enc = sealed, .password_enc_len = 3},
        {.id = "c2", .name = "Uploads", .kind = "uploads", .host = "db", .port = 5432,
         .database_name = "up", .username = "up", .sslmode = "prefer", .llm_sharing = "schema",
         .last_synced_at = "2026-12-03 10:00", .last_error = "timeout"}};
    json_t *list = store_conn_list_json(rows, 2, "c2");
    CHECK_INT(json_array_size(list), 2);
    const json_t *a = json_array_get(list, 0), *b = json_array_get(list, 1);
    CHECK_STR(shown(a, "port"), "5432");
    CHECK_STR(shown(a, "tables"), "12");
    CHECK(json_is_null(json_object_get(a, "last_synced"))); /* never read */
    CHECK(json_is_false(json_object_get(a, "selected")));
    CHECK(json_is_true(json_object_get(b, "selected")));
    CHECK_STR(shown(b, "last_synced"), "2026-12-03 10:00");
    CHECK_STR(shown(b, "last_error"), "timeout");
    /* the sealed password never reaches a template */
    CHECK(!json_object_get(a, "password_enc") && !json_object_get(a, "password"));
    json_decref(list);
    list = store_conn_list_json(rows, 2, NULL);
    CHECK(json_is_false(json_object_get(json_array_get(list, 1), "selected")));
    json_decref(list);
}

int main(void)
{
    test_alert_json();
    test_notif_json();
    test_audit_json();
    test_account_json();
    test_session_json();
    test_conn_json();
    return check_done("test_store_admin");
}
