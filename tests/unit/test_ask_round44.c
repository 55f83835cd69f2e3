/* test_ask_round44.c — the forty-fourth round, from batches 112–114's
 * first contact, on schemas built inline: "the status of each unit" is
 * read, not counted (asked); 'Transit Timing Variations' of a method
 * beside the planets' has_transit_timing_variations asks which; "flew
 * more than 5 missions" is no comparison of mission_hours; a report's
 * narrative is no name to group by; "the total production" of
 * mine_production asks which number; "incidents with their date, state
 * and shark species" shows the species too (a name word before a comma
 * chains like "and"). */
#include "ask_fixture.h"

static json_t *space(void)
{
    static const char *const status[] = {"Operational", "Shutdown", "Planned", NULL};
    static const char *const methods[] = {"Transit", "Radial Velocity", "Transit Timing Variations", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("reactor_statuses", 12, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("status", "text", 0, NULL, status))));
    json_array_append_new(t, table("plants", 331, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("plant_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("reactors", 804, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("reactor_name", "text", 0, NULL, NULL),
        col("plant_id", "integer", 0, "plants", NULL), col("status_id", "integer", 0, "reactor_statuses", NULL))));
    json_array_append_new(t, table("discovery_methods", 11, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("method_name", "text", 0, NULL, methods))));
    json_array_append_new(t, table("planets", 5967, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("planet_name", "text", 0, NULL, NULL),
        col("method_id", "integer", 0, "discovery_methods", NULL),
        col("has_transit_timing_variations", "boolean", 0, NULL, NULL))));
    json_array_append_new(t, table("astronauts", 565, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("astronaut_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("astronaut_flights", 1277, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("astronaut_id", "integer", 0, "astronauts", NULL),
        col("mission_hours", "numeric", 0, NULL, NULL), col("hours_worked", "numeric", 0, NULL, NULL),
        col("alert_count", "integer", 0, NULL, NULL))));
    return t;
}

static void test_read(void)
{
    ask_schema_t *s = schema_of(space());
    asks_about(s, "What is the status of each plant?", NULL);  /* a status per plant, not a count */
    answers_with(s, "How many reactors are there per status?", "count(*)");
    answers_with(s, "What is the number of reactor statuses per plant?", "count(");
    asks_about(s, "What share of planets show transit timing variations?", "transit timing variations");
    answers_with(s, "How many planets were found by radial velocity?", "= 'Radial Velocity'");
    asks_about(s, "Which astronauts flew more than 5 missions?", "missions");
    asks_about(s, "of 4 the reactors", NULL);  /* "of" first: nothing before it to read (fuzz_ask) */
    answers_with(s, "Which flights had more than 100 mission hours?", "\"af\".\"mission_hours\" > 100");
    answers_with(s, "Which flights worked more than 95 hours?", "\"af\".\"hours_worked\" > 95");
    answers_with(s, "Which flights had between 3 and 5 alerts?", "\"af\".\"alert_count\" BETWEEN 3 AND 5");
    ask_schema_free(s);
}

static json_t *logs(void)
{
    static const char *const outcome[] = {"fatal", "injured", "uninjured", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("states", 7, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("state_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("shark_species", 22, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("common_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("incidents", 1196, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("incident_date", "date", 0, NULL, NULL),
        col("state_id", "integer", 0, "states", NULL), col("species_id", "integer", 0, "shark_species", NULL),
        col("outcome", "text", 0, NULL, outcome))));
    json_array_append_new(t, table("reports", 190, json_pack("[o, o]",
        col("acn", "integer", 1, NULL, NULL), col("narrative", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("anomalies", 30, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("anomaly_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("report_anomalies", 492, json_pack("[o, o]",
        col("acn", "integer", 0, "reports", NULL), col("anomaly_id", "integer", 0, "anomalies", NULL))));
    json_array_append_new(t, table("mines", 1061, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("mine_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("mine_production", 1061, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("mine_id", "integer", 0, "mines", NULL),
        col("production_short_tons", "bigint", 0, NULL, NULL))));
    return t;
}

static void test_shown(void)
{
    ask_schema_t *s = schema_of(logs());
    const char *q = "List the fatal incidents with their date, state and shark species.";
    answers_with(s, q, "\"common_name\"");
    answers_with(s, q, "\"state_name\"");
    asks_about(s, "List the fatal incidents with date state and shark species.", "date");
    refuses_sql(s, "Which reports list more than four anomalies?", "\"narrative\"");
    asks_about(s, "What was the total production of each mine?", NULL);
    ask_schema_free(s);
}

int main(void)
{
    test_read();
    test_shown();
    return check_done("test_ask_round44");
}
