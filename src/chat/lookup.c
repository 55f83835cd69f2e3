/* lookup.c — a second look before asking back. When the planner left words
 * over, they may be values discovery did not sample ("routes of Lufthansa":
 * 6,000 airline names are not sampled). Look them up in the database and
 * plan again with what was found; keep the first reading when nothing is
 * found or the second plan is not sure either. The chat and `datamind ask`
 * both come through here. */
#include "chat/chat_internal.h"
#include "store/schema.h"
#include "store/vocabulary.h"
#include "query/query.h"
#include "engine/engine.h"
#include "store/connections.h"

#include <string.h>

int chat_plan_again(const engine_t *e, engine_conn_t *conn, const json_t *discovered,
                    const json_t *vocab, const char *question, const json_t *prev_plan,
                    ask_plan_result_t *p)
{
    size_t n = json_array_size(p->lookups);
    if (p->sql || !n || !conn || !discovered)
        return 0;
    const char *phrases[ASK_MAX_LOOKUP_PHRASES];
    int np = 0;
    for (size_t i = 0; i < n && np < ASK_MAX_LOOKUP_PHRASES; i++)
        if (json_string_value(json_array_get(p->lookups, i)))
            phrases[np++] = json_string_value(json_array_get(p->lookups, i));
    char err[512];
    json_t *copy = json_deep_copy(discovered);
    ask_schema_t *s2 = NULL;
    ask_plan_result_t p2 = {0};
    int replaced = 0;
    if (copy && e->lookup_values(conn, copy, phrases, np, err, sizeof err) > 0 &&
        (s2 = ask_schema_new_with(copy, vocab, &(ask_schema_opts_t){.dialect = e->dialect}, err,
                                  sizeof err)) &&
        ask_plan(s2, question, prev_plan, &p2, err, sizeof err) == 0) {
        ask_plan_result_free(p);
        *p = p2;
        replaced = 1;
    } else {
        ask_plan_result_free(&p2);
    }
    ask_schema_free(s2);
    json_decref(copy);
    return replaced;
}

int chat_plan_lookup(arena_t *a, const chat_turn_t *t, const store_conn_t *c,
                     const json_t *prev_plan, ask_plan_result_t *p)
{
    if (p->sql || !p->lookups)
        return 0;
    char err[256];
    json_t *discovered = store_schema_load(a, t->org_id, c->id);
    json_t *vocab = store_vocab_load(a, t->org_id, c->id);
    const engine_t *e = NULL;
    engine_conn_t *conn = discovered ? query_acquire(a, c, &e, err, sizeof err) : NULL;
    int replaced = conn ? chat_plan_again(e, conn, discovered, vocab, t->question, prev_plan, p)
                        : 0;
    if (conn)
        query_release(e, conn, 0);
    json_decref(discovered);
    json_decref(vocab);
    return replaced;
}
