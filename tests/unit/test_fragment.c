/* test_fragment.c — the render key of a stored widget fragment
 * (tasks/fragment.c): it changes with every part it is made of and with
 * nothing else. */
#include <jansson.h>
#include <sodium.h>
#include <string.h>

#include "check.h"
#include "tasks/tasks.h"

/* The render key: the same for the same inputs (key order in the config
 * does not matter), different when any part changes. */
static void test_render_key(void)
{
    char k1[TASKS_KEYLEN], k2[TASKS_KEYLEN];
    json_t *a = json_pack("{s:s, s:s}", "type", "bar", "x", "day");
    json_t *b = json_pack("{s:s, s:s}", "x", "day", "type", "bar");
    json_t *c = json_pack("{s:s, s:s}", "type", "line", "x", "day");
    tasks_render_key("chart", "medium", a, "abc", k1);
    CHECK_INT((int)strlen(k1), TASKS_KEYLEN - 1);
    CHECK(strspn(k1, "0123456789abcdef") == TASKS_KEYLEN - 1);
    tasks_render_key("chart", "medium", b, "abc", k2);
    CHECK_STR(k1, k2);
    tasks_render_key("chart", "medium", c, "abc", k2);
    CHECK(strcmp(k1, k2) != 0);
    tasks_render_key("chart", "medium", a, "abd", k2);
    CHECK(strcmp(k1, k2) != 0);
    tasks_render_key("chart", "large", a, "abc", k2);
    CHECK(strcmp(k1, k2) != 0);
    tasks_render_key("kpi", "medium", a, "abc", k2);
    CHECK(strcmp(k1, k2) != 0);
    tasks_render_key("chart", "medium", NULL, "abc", k2);
    CHECK(strcmp(k1, k2) != 0);
    /* parts are separated: "ab"+"c" is not "a"+"bc" */
    tasks_render_key("ab", "c", NULL, "", k1);
    tasks_render_key("a", "bc", NULL, "", k2);
    CHECK(strcmp(k1, k2) != 0);
    json_decref(a);
    json_decref(b);
    json_decref(c);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_render_key();
    return check_done("test_fragment");
}
