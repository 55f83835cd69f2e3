/* test_engine_lookup.c — which values a lookup keeps (engine/lookup.c):
 * the phrase as typed, or with a capital where it had none; a value in
 * other capitals only beside one of those in its own column ("PNEUMONIA"
 * with "pneumonia": one cause typed two ways), never alone ("IRISH" the
 * callsign for "irish"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/internal.h"

static json_t *column(void)
{
    json_t *c = json_object();
    json_object_set_new(c, "samples", json_array());
    return c;
}

/* 1 when col's samples hold v. */
static int holds(const json_t *col, const char *v)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(col, "samples"), i, e)
        if (!strcmp(json_string_value(e), v))
            return 1;
    return 0;
}

static void test_case_variants(void)
{
    const char *phrases[] = {"pneumonia"};
    engine_hits_t hs = {.phrases = phrases, .nphrases = 1};
    json_t *cause = column(), *other = column();
    engine_hits_add(&hs, cause, "Pneumonia");
    engine_hits_add(&hs, cause, "PNEUMONIA");
    engine_hits_add(&hs, cause, "pneumonia");
    engine_hits_add(&hs, other, "PNEUMONIA");  /* other capitals, alone in its column */
    engine_hits_add(&hs, other, "Pneumonia");  /* a capital, but an exact hit exists */
    engine_hits_add(&hs, other, "bronchopneumonia");  /* not the phrase at all */
    CHECK(!strcmp(engine_hits_named(&hs, 0), "Pneumonia"));
    CHECK(engine_hits_named(&hs, 1) && !strcmp(engine_hits_named(&hs, 1), "pneumonia"));
    CHECK(engine_hits_keep(&hs) == 3);
    CHECK(holds(cause, "pneumonia") && holds(cause, "Pneumonia") && holds(cause, "PNEUMONIA"));
    CHECK(json_array_size(json_object_get(other, "samples")) == 0);
    CHECK(hs.n == 0);
    json_decref(cause);
    json_decref(other);
}

static void test_capitals_only(void)
{
    const char *phrases[] = {"irish"};
    engine_hits_t hs = {.phrases = phrases, .nphrases = 1};
    json_t *name = column(), *callsign = column();
    engine_hits_add(&hs, callsign, "IRISH");
    engine_hits_add(&hs, name, "Irish");
    CHECK(!strcmp(engine_hits_named(&hs, 0), "Irish"));
    CHECK(engine_hits_named(&hs, 2) == NULL);
    CHECK(engine_hits_keep(&hs) == 1);
    CHECK(holds(name, "Irish") && !holds(callsign, "IRISH"));
    json_decref(name);
    json_decref(callsign);
}

int main(void)
{
    test_case_variants();
    test_capitals_only();
    return check_done("test_engine_lookup");
}
