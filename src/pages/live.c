/* live.c — the auth subrequest nginx sends before it lets a browser
 * subscribe to a live channel (nchan_authorize_request /live-auth/<channel>,
 * passed on as the LIVE_CHANNEL parameter): 200 when the session's user owns
 * the channel, 403 otherwise (signed out too). nginx forwards the
 * subscriber's headers, so its session cookie. */
#include "pages/pages.h"
#include "live/live.h"

void page_live_auth(req_t *r)
{
    const char *ch = http_env(r, "LIVE_CHANNEL");
    if (!ch || !*ch) { /* only nginx's subrequest names a channel */
        page_error(r, 404, "There is no such page.");
        return;
    }
    http_header(r, "Cache-Control", "no-store");
    http_header(r, "Content-Type", "text/plain; charset=utf-8");
    if (!r->user || !live_channel_allowed(ch, r->user->org_id, r->user->id)) {
        http_status(r, 403);
        buf_puts(&r->body, r->user ? "This channel is not yours.\n" : "Sign in first.\n");
        return;
    }
    http_status(r, 200);
}
