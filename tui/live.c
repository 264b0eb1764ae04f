/*
 * The live stream's UI side.
 *
 * The stream starts after the first board snapshot so that it subscribes
 * from the snapshot's seq (X-Event-Seq) and misses nothing. Events it
 * posts go through the same path as the REST history. On a resync the
 * board is refetched and the stream subscribes again from the new
 * snapshot. A token the server refuses is renewed; the renewal hands the
 * new token to the stream. A server without /api/v1/ws leaves the console
 * on REST: the status bar says "online" and r refetches.
 */
#include <stddef.h>

#include "app.h"
#include "auth.h"
#include "fetch.h"
#include "live.h"
#include "input/commands.h"
#include "net/mailbox.h"
#include "net/ws.h"

/* After a snapshot: start the stream if the session wants one, or
 * subscribe it again after a resync. */
void
tui_live_snapshot(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	struct tui_fetch	*f = &app->fetch;

	if (f->resubscribe && app->ws != NULL) {
		f->resubscribe = false;
		tui_ws_subscribe(app->ws, m->board.snap_seq);
		return;
	}
	if (!f->want_live || app->ws != NULL || !m->session.signed_in)
		return;
	f->want_live = false;
	app->ws = tui_ws_new(app->mailbox, m->session.server,
	    m->session.token, m->board.snap_seq);
	m->stream = app->ws != NULL ? TUI_STREAM_CONNECTING :
	    TUI_STREAM_NONE;
}

/* Stop the stream (sign-out, quit). */
void
tui_live_stop(struct tui_app *app)
{
	tui_ws_free(app->ws);
	app->ws = NULL;
	app->model.stream = TUI_STREAM_NONE;
}

/* The session has a renewed token: the stream authenticates with it. */
void
tui_live_token(struct tui_app *app)
{
	if (app->ws != NULL && app->model.session.token != NULL)
		tui_ws_set_token(app->ws, app->model.session.token);
}

/* A message from the stream thread. */
int
tui_live_message(struct tui_app *app, struct tui_msg *msg)
{
	struct tui_model	*m = &app->model;
	enum tui_stream		 was;

	if (app->ws == NULL)
		return 0;	/* posted before the stream was stopped */
	switch (msg->kind) {
	case TUI_MSG_WS_STATE:
		was = m->stream;
		m->stream = (enum tui_stream)msg->state;
		if (m->stream == TUI_STREAM_LIVE &&
		    (was == TUI_STREAM_RECONNECTING ||
		    was == TUI_STREAM_OFFLINE))
			/* back after an outage: what REST missed meanwhile */
			return tui_fetch_board(app) | TUI_REDRAW;
		return TUI_REDRAW;
	case TUI_MSG_WS_EVENT:
		return tui_fetch_apply_event(app, msg->event, true);
	case TUI_MSG_WS_RESYNC:
		app->fetch.resubscribe = true;
		return tui_fetch_board(app) | TUI_REDRAW;
	case TUI_MSG_WS_AUTH:
		return tui_auth_renew(app);
	default:
		return 0;
	}
}
