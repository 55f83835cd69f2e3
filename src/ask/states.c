/* states.c — a US state said by name or by postal code: a column of codes
 * ('TX') also answers "Texas", a column of names ('Texas') also "TX".
 * Only a column named state whose every value is a state (or DC, Puerto
 * Rico): Brazil's 'PA' (Pará) or 'MA' (Maranhão) is never Pennsylvania or
 * Massachusetts, since 'SP' beside them is no US state. */
#include "ask/internal.h"

#include <string.h>
#include <strings.h>

static const char *const states[][2] = {
    {"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"}, {"CA", "California"},
    {"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"}, {"FL", "Florida"}, {"GA", "Georgia"},
    {"HI", "Hawaii"}, {"ID", "Idaho"}, {"IL", "Illinois"}, {"IN", "Indiana"}, {"IA", "Iowa"},
    {"KS", "Kansas"}, {"KY", "Kentucky"}, {"LA", "Louisiana"}, {"ME", "Maine"}, {"MD", "Maryland"},
    {"MA", "Massachusetts"}, {"MI", "Michigan"}, {"MN", "Minnesota"}, {"MS", "Mississippi"},
    {"MO", "Missouri"}, {"MT", "Montana"}, {"NE", "Nebraska"}, {"NV", "Nevada"}, {"NH", "New Hampshire"},
    {"NJ", "New Jersey"}, {"NM", "New Mexico"}, {"NY", "New York"}, {"NC", "North Carolina"},
    {"ND", "North Dakota"}, {"OH", "Ohio"}, {"OK", "Oklahoma"}, {"OR", "Oregon"}, {"PA", "Pennsylvania"},
    {"RI", "Rhode Island"}, {"SC", "South Carolina"}, {"SD", "South Dakota"}, {"TN", "Tennessee"},
    {"TX", "Texas"}, {"UT", "Utah"}, {"VT", "Vermont"}, {"VA", "Virginia"}, {"WA", "Washington"},
    {"WV", "West Virginia"}, {"WI", "Wisconsin"}, {"WY", "Wyoming"}, {"DC", "District of Columbia"},
    {"PR", "Puerto Rico"},
};
enum { NSTATES = sizeof states / sizeof *states };

/* The state v is, by code (as written, in capitals) or by name; -1 none. */
static int find(const char *v)
{
    for (int k = 0; k < NSTATES; k++)
        if (!strcmp(v, states[k][0]) || !strcasecmp(v, states[k][1]))
            return k;
    return -1;
}

/* 1 when the name says state ("state", "customer_state", "StateCode"; not
 * "estate", "statement"): the words fold "state" into "status". */
static int named_state(const char *name)
{
    const char *p = strcasestr(name, "state");
    return p && (p == name || strncasecmp(p - 1, "e", 1)) && strncasecmp(p, "statement", 9);
}

/* 1 when c is a column of US states: named state, every value known and
 * one, at least two of them. */
static int us_states(const ask_table_t *t, const ask_col_t *c)
{
    if (c->pk || !named_state(c->name) || c->nsamples < 2 ||
        !lexicon_col_sampled_all(t, c))
        return 0;
    for (int v = 0; v < c->nsamples; v++)
        if (find(c->samples[v]) < 0)
            return 0;
    return 1;
}

const char *states_other_name(const ask_table_t *t, const ask_col_t *c, int v, int *is_code)
{
    int k = us_states(t, c) ? find(c->samples[v]) : -1;
    if (k < 0)
        return NULL;
    *is_code = strcmp(c->samples[v], states[k][0]) != 0;  /* the other name is the code */
    return states[k][*is_code ? 0 : 1];
}
