/* grains.c — the names of the time grains (internal.h), shared by the plan's
 * JSON (planjson.c), the date words (dates.c) and the SQL (sqlgen.c). A
 * leaf: it calls nothing else in ask/. */
#include "ask/internal.h"

#include <string.h>

static const char *const grains[] = {"", "day", "week", "month", "quarter", "year"};

const char *plan_grain_name(int g)
{
    return g > G_NONE && g <= G_YEAR ? grains[g] : "";
}

int plan_grain_parse(const char *name)
{
    for (int g = G_DAY; name && g <= G_YEAR; g++)
        if (!strcmp(grains[g], name))
            return g;
    return G_NONE;
}
