/*
 * Loading the console's data over REST.
 *
 * The board is a snapshot plus events. A load reads every dashboard page
 * (the first page's X-Event-Seq is the snapshot's seq), applies them as
 * one snapshot, then reads the event log from where it last stopped up to
 * that seq, which tells what the dashboard does not: when each booking
 * entered its status and who held each assignment type. Live events
 * (the WebSocket stream) go through tui_fetch_apply_event like these. A
 * load asked for while one runs is run once more after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"
#include "app.h"
#include "dispatch.h"
#include "fetch.h"
#include "model/json.h"
#include "input/commands.h"
#include "live.h"
#include "net/api.h"
#include "net/rest.h"

#define FETCH_PAGE		500	/* the largest page the API serves */
#define FETCH_DETAIL_DELAY_MS	250	/* gather live events, then reload */

static bool
fetch_is_admin(const struct tui_app *app)
{
	return app->model.session.signed_in &&
	    app->model.session.user.role == PROTO_ROLE_ADMIN;
}

/* Send api with path argument arg and query, tagged. */
static void
fetch_send(struct tui_app *app, enum tui_api api, const char *arg,
    const char *query, long tag, const char *what)
{
	struct tui_session	*s = &app->model.session;
	struct tui_rest_req	*req;

	req = tui_api_call(api, s->server, s->token, arg, query);
	req->tag = tag;
	tui_app_send(app, req, what);
}

static void
fetch_dashboard_page(struct tui_app *app, long offset)
{
	char	q[64];

	snprintf(q, sizeof q, "limit=%d&offset=%ld", FETCH_PAGE, offset);
	fetch_send(app, TUI_API_DASHBOARD, NULL, q, offset,
	    "Loading the board");
}

/* Start a board load (or ask for one more after the one running). */
int
tui_fetch_board(struct tui_app *app)
{
	struct tui_fetch	*f = &app->fetch;

	if (!fetch_is_admin(app))
		return 0;
	if (f->board_busy) {
		f->board_again = true;
		return 0;
	}
	f->board_busy = true;
	tui_rows_free(f->rows, f->nrows);
	f->rows = NULL;
	f->nrows = 0;
	f->snap_seq = -1;
	fetch_dashboard_page(app, 0);
	return TUI_REDRAW;
}

/* Read the event log after what was read, up to the snapshot's seq. */
static void
fetch_history(struct tui_app *app)
{
	struct tui_board	*b = &app->model.board;
	char			 q[64];

	if (app->fetch.hist_busy || b->hist_seq >= b->snap_seq)
		return;
	app->fetch.hist_busy = true;
	snprintf(q, sizeof q, "since=%lld&limit=%d", (long long)b->hist_seq,
	    FETCH_PAGE);
	fetch_send(app, TUI_API_EVENTS, NULL, q, (long)b->snap_seq,
	    "Reading the history");
}

/* A request failed: say so on the notice line, naming what failed. */
static int
fetch_fail(struct tui_app *app, const char *what,
    const struct tui_rest_res *res)
{
	struct tui_err	err;

	tui_app_reply_error(app->model.session.server, res, &err);
	tui_model_noticef(&app->model, TUI_NOTICE_ERROR, "%s: %s", what,
	    err.msg);
	return TUI_REDRAW;
}

/* Reply to one dashboard page: gather it; after the last, apply. */
int
tui_fetch_dashboard_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_fetch	*f = &app->fetch;
	struct tui_model	*m = &app->model;
	struct tui_row		*rows;
	size_t			 n;

	if (res->net != TUI_NET_OK || res->status != 200 ||
	    tui_board_parse_snapshot(res->body, &rows, &n) != 0) {
		f->board_busy = f->board_again = false;
		return fetch_fail(app, "Cannot load the board", res);
	}
	if (res->tag == 0)
		f->snap_seq = res->event_seq >= 0 ? res->event_seq :
		    m->board.seq;
	f->rows = xrealloc(f->rows, (f->nrows + n + 1) * sizeof *f->rows);
	memcpy(&f->rows[f->nrows], rows, n * sizeof *rows);
	f->nrows += n;
	free(rows);	/* the strings moved into f->rows */
	if (n > 0 && res->total > res->tag + (long)n) {
		fetch_dashboard_page(app, res->tag + (long)n);
		return TUI_REDRAW;
	}
	tui_board_apply_snapshot(&m->board, f->rows, f->nrows, f->snap_seq,
	    m->now_ms);
	tui_rows_free(f->rows, f->nrows);
	f->rows = NULL;
	f->nrows = 0;
	f->board_busy = false;
	tui_board_view(&m->board);
	tui_dispatch_picker_refresh(app);
	fetch_history(app);
	tui_live_snapshot(app);
	if (f->board_again) {
		f->board_again = false;
		tui_fetch_board(app);
	}
	return TUI_REDRAW;
}

/* Reply to GET /events: fold the events up to the snapshot (tag) into
 * the model; more pages until the newest snapshot's seq. */
int
tui_fetch_events_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_board	*b = &app->model.board;
	struct tui_event	*evs;
	size_t			 n, i;

	app->fetch.hist_busy = false;
	if (res->net != TUI_NET_OK || res->status != 200 ||
	    tui_events_parse(res->body, &evs, &n) != 0)
		return fetch_fail(app, "Cannot read the event history", res);
	for (i = 0; i < n && evs[i].seq <= res->tag; i++) {
		/* only the newest events can stay in the bounded log */
		tui_board_apply_event(b, &evs[i], 0);
		if (evs[i].seq > res->tag - TUI_EVLOG_MAX)
			tui_evlog_add(&app->model.evlog, &evs[i]);
		if (evs[i].booking_id == app->model.detail.id)
			tui_detail_add_event(&app->model.detail, &evs[i]);
		if (evs[i].seq > b->hist_seq)
			b->hist_seq = evs[i].seq;
	}
	if ((n < FETCH_PAGE || i < n) && b->hist_seq < res->tag)
		b->hist_seq = res->tag;	/* nothing more up to there */
	tui_events_free(evs, n);
	fetch_history(app);	/* the next page, or a newer snapshot's */
	tui_board_view(b);
	return TUI_REDRAW;
}

/*
 * Apply one event to everything that shows it: the board row, the event
 * log, and the open booking. live: it just happened (highlight the row,
 * reload the open booking shortly, reload a board that lacks the row).
 */
int
tui_fetch_apply_event(struct tui_app *app, const struct tui_event *ev,
    bool live)
{
	struct tui_model	*m = &app->model;

	tui_board_apply_event(&m->board, ev, live ? m->now_ms : 0);
	tui_evlog_add(&m->evlog, ev);
	if (ev->booking_id == m->detail.id) {
		tui_detail_add_event(&m->detail, ev);
		if (live)
			m->detail.stale_seq = ev->seq;
		if (live && app->fetch.detail_due == 0)
			app->fetch.detail_due = m->now_ms +
			    FETCH_DETAIL_DELAY_MS;
	}
	if (live) {
		tui_board_view(&m->board);
		if (m->board.stale)
			tui_fetch_board(app);
		if (ev->kind != NULL && strstr(ev->kind, "assign") != NULL &&
		    (m->screen == TUI_SCREEN_MECHANICS || m->picker.open))
			tui_fetch_mechanics(app);
	}
	return TUI_REDRAW;
}

/*
 * Load booking id's detail: the booking, its progress, analysis and
 * events, four requests tagged with the id. A different booking's data
 * goes at once; the same booking's stays shown until the replies come.
 * after: a verb + 1 to run when every part has arrived, or 0.
 */
int
tui_fetch_detail(struct tui_app *app, long id, int after)
{
	struct tui_detail	*d = &app->model.detail;
	char			 arg[24];

	if (!fetch_is_admin(app) || id <= 0)
		return 0;
	if (d->id != id)
		tui_detail_open(d, id);
	snprintf(arg, sizeof arg, "%ld", id);
	d->pending = TUI_DETAIL_ALL;
	d->asked_seq = app->model.board.seq;
	app->fetch.detail_after = after;
	app->fetch.detail_due = 0;
	fetch_send(app, TUI_API_BOOKING, arg, NULL, id, "Loading the booking");
	fetch_send(app, TUI_API_BOOKING_PROGRESS, arg, NULL, id,
	    "Loading progress");
	fetch_send(app, TUI_API_BOOKING_ANALYSIS, arg, NULL, id,
	    "Loading the analysis");
	fetch_send(app, TUI_API_BOOKING_EVENTS, arg, "limit=500", id,
	    "Loading the history");
	return TUI_REDRAW;
}

/* Which detail part a reply kind is. */
static const struct {
	enum tui_api	 api;
	unsigned	 part;
	int		(*apply)(struct tui_detail *, const char *);
} detail_parts[] = {
	{ TUI_API_BOOKING,		TUI_DETAIL_BOOKING,
	    tui_detail_apply_booking },
	{ TUI_API_BOOKING_PROGRESS,	TUI_DETAIL_PROGRESS,
	    tui_detail_apply_progress },
	{ TUI_API_BOOKING_ANALYSIS,	TUI_DETAIL_ANALYSIS,
	    tui_detail_apply_analysis },
	{ TUI_API_BOOKING_EVENTS,	TUI_DETAIL_EVENTS,
	    tui_detail_apply_events },
};

/* Reply to one part of a detail. An analysis not yet written (404) is
 * not an error; a booking that cannot be read is. */
int
tui_fetch_detail_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_detail	*d = &app->model.detail;
	struct tui_err		 err;
	size_t			 i;
	int			 after, bits = TUI_REDRAW;

	if (res->tag != d->id)
		return TUI_REDRAW;	/* another booking's, since left */
	for (i = 0; i < sizeof detail_parts / sizeof detail_parts[0]; i++)
		if ((int)detail_parts[i].api == res->kind)
			break;
	if (i == sizeof detail_parts / sizeof detail_parts[0])
		return TUI_REDRAW;
	d->pending &= ~detail_parts[i].part;
	if (res->net == TUI_NET_OK && res->status == 200)
		detail_parts[i].apply(d, res->body);
	else if (res->net == TUI_NET_OK && res->status == 404 &&
	    detail_parts[i].part == TUI_DETAIL_ANALYSIS) {
		tui_detail_clear_analysis(d);
		d->have |= TUI_DETAIL_ANALYSIS;
	} else {
		tui_app_reply_error(app->model.session.server, res, &err);
		if (detail_parts[i].part == TUI_DETAIL_BOOKING)
			snprintf(d->error, sizeof d->error, "%s", err.msg);
		fetch_fail(app, "Cannot load the booking", res);
		app->fetch.detail_after = 0;
	}
	tui_dispatch_picker_refresh(app);	/* service: categories */
	if (d->pending == 0 && app->fetch.detail_after != 0) {
		after = app->fetch.detail_after;
		app->fetch.detail_after = 0;
		bits |= tui_dispatch_verb(app, (enum tui_verb)(after - 1));
	}
	return bits;
}

/* Load the mechanics and their workload (and the category names once). */
int
tui_fetch_mechanics(struct tui_app *app)
{
	if (!fetch_is_admin(app))
		return 0;
	fetch_send(app, TUI_API_MECHANICS, NULL, "limit=500", 0,
	    "Loading mechanics");
	fetch_send(app, TUI_API_WORKLOAD, NULL, "limit=500", 0,
	    "Loading workload");
	return TUI_REDRAW;
}

/* Reply to GET /mechanics/ or /mechanics/workload. */
int
tui_fetch_mechanics_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_mechs	*ms = &app->model.mechs;
	int			 rc;

	if (res->net != TUI_NET_OK || res->status != 200)
		return fetch_fail(app, "Cannot load mechanics", res);
	if (res->kind == TUI_API_MECHANICS)
		rc = tui_mechs_apply_list(ms, res->body);
	else
		rc = tui_mechs_apply_workload(ms, res->body);
	if (rc != 0)
		return fetch_fail(app, "Cannot load mechanics", res);
	tui_dispatch_picker_refresh(app);
	return TUI_REDRAW;
}

/* Replies that only fill a lookup: category names, the GST rate (a
 * server without GET /gst/ leaves the rate unknown). */
int
tui_fetch_misc_done(struct tui_app *app, const struct tui_rest_res *res)
{
	cJSON	*o;

	if (res->net != TUI_NET_OK || res->status != 200)
		return 0;
	if (res->kind == TUI_API_MAKERS) {
		tui_model_apply_makers(&app->model, res->body);
		return TUI_REDRAW;
	}
	if (res->kind == TUI_API_CATEGORIES) {
		tui_mechs_apply_categories(&app->model.mechs, res->body);
		return TUI_REDRAW;
	}
	o = cJSON_Parse(res->body);
	app->model.gst_percent = (int)tui_json_long(o, "percent", -1);
	cJSON_Delete(o);
	return TUI_REDRAW;
}

/*
 * Reload what the current screen shows (key r, and after every action):
 * always the board; the open booking on its screen; mechanics on theirs.
 * At sign-in also the lookups.
 */
int
tui_fetch_refetch(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	int			 bits;

	if (!fetch_is_admin(app))
		return 0;
	bits = tui_fetch_board(app);
	if (!app->fetch.lookups) {	/* once a session */
		app->fetch.lookups = true;
		fetch_send(app, TUI_API_GST, NULL, NULL, 0, "Loading GST");
		fetch_send(app, TUI_API_MAKERS, NULL, "limit=500", 0,
		    "Loading manufacturers");
		fetch_send(app, TUI_API_CATEGORIES, NULL, "limit=500", 0,
		    "Loading categories");
	}
	if (m->screen == TUI_SCREEN_DETAIL && m->detail.id > 0)
		bits |= tui_fetch_detail(app, m->detail.id, 0);
	if (m->screen == TUI_SCREEN_MECHANICS || m->picker.open)
		bits |= tui_fetch_mechanics(app);
	return bits | TUI_REDRAW;
}

/* Called every turn: a reload of the open booking that live events asked
 * for, once they have settled. */
int
tui_fetch_tick(struct tui_app *app)
{
	struct tui_fetch	*f = &app->fetch;

	if (f->detail_due == 0 || app->model.now_ms < f->detail_due)
		return 0;
	f->detail_due = 0;
	return tui_fetch_detail(app, app->model.detail.id, 0);
}

void
tui_fetch_cleanup(struct tui_fetch *f)
{
	tui_rows_free(f->rows, f->nrows);
	memset(f, 0, sizeof *f);
}
