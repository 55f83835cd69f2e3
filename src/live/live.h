/* live.h — live updates through nginx's nchan module (live.c).
 *
 * The app publishes events (a name and an HTML fragment) to channels; pages
 * subscribe with EventSource at /live/<channel>, which nginx serves itself
 * (nchan, with Redis as its store) after asking `datamind web` whether the
 * session owns the channel (the auth subrequest, pages/live.c). A channel id
 * names its owner, so one org's ids never work for another:
 *   u.<org>.<user>              a user's own (the bell)
 *   u.<org>.<user>.<kind>.<id>  one thing of that user's (an upload, a question)
 *   o.<org>                     everyone of an organization
 *   o.<org>.<kind>.<id>         one thing everyone of the org may watch (an upload)
 * Publishing is an HTTP POST to nchan's publisher location at
 * DATAMIND_LIVE_URL (a unix socket "unix:/path" or "http://host:port"); it is
 * off when that is empty. Live updates are a convenience: pages refresh or
 * poll without them, so a failed publish is logged and otherwise ignored. */
#ifndef DM_LIVE_H
#define DM_LIVE_H

#include <stddef.h>

#include "core/arena.h"

#define LIVE_CHANNEL_MAX 200

/* 1 when DATAMIND_LIVE_URL is set. */
int live_enabled(void);

/* Channel ids, in the arena; NULL when an id has characters a channel may
 * not hold (only letters, digits and '-'). */
const char *live_channel_user(arena_t *a, const char *org_id, const char *user_id);
const char *live_channel_org(arena_t *a, const char *org_id);
const char *live_channel_item(arena_t *a, const char *org_id, const char *user_id,
                              const char *kind, const char *id);

const char *live_channel_org_item(arena_t *a, const char *org_id, const char *kind, const char *id);

/* 1 when this user of this org may subscribe to channel, else 0. */
int live_channel_allowed(const char *channel, const char *org_id, const char *user_id);

/* Publish one event: 0, or -1 with err (live off counts as success). */
int live_publish(const char *channel, const char *event, const char *html, char *err,
                 size_t errlen);

/* The bell's badge as the navigation shows it (templates/partials/bell_count),
 * published to the user's channel as event "bell". */
int live_publish_bell(arena_t *a, const char *org_id, const char *user_id, long unread);

/* A job's progress as the pages show it (a <progress> bar and its message,
 * HTML-escaped), event "progress"; and its end, event "done" (data: the
 * status). The page fetches its final state on "done". Errors are logged. */
int live_publish_progress(arena_t *a, const char *channel, int pct, const char *message);
int live_publish_done(const char *channel, const char *status);

/* Plain text as an event's HTML (escaped), e.g. a chat answer's stage. */
int live_publish_text(arena_t *a, const char *channel, const char *event, const char *text);

#endif
