/*
 * Dispatch actions.
 *
 * A key (a, v, e, c, x) names a verb; tui_offer_pick asks the state
 * machine which action that verb is for the booking in focus, with what
 * the board and the open detail know. Actions that cannot be undone ask
 * first, and the question is dropped if the booking's status moved in the
 * meantime. Edits open a form (editor.c); assignments open the picker.
 * Every reply refetches, and a refusal is shown with the server's own
 * words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "money.h"
#include "xmalloc.h"
#include "app.h"
#include "dispatch.h"
#include "editor.h"
#include "fetch.h"
#include "input/commands.h"
#include "model/json.h"
#include "net/api.h"
#include "net/rest.h"

static const char *verb_names[TUI_VERB_COUNT] = {
	[TUI_VERB_ASSIGN] = "assign",
	[TUI_VERB_VALIDATE] = "validate",
	[TUI_VERB_EDIT] = "edit",
	[TUI_VERB_CANCEL] = "cancel",
	[TUI_VERB_RELEASE] = "release",
};

/* The booking in focus: the open one on its screen, else the board's
 * selection; 0 for none. */
static long
dispatch_booking(const struct tui_app *app)
{
	const struct tui_model	*m = &app->model;
	const struct tui_row	*r;

	if (m->screen == TUI_SCREEN_DETAIL)
		return m->detail.id;
	if (m->screen != TUI_SCREEN_BOARD)
		return 0;
	r = tui_board_selected(&m->board);
	return r != NULL ? r->id : 0;
}

/* What the board row and the detail (when it is this booking) tell. */
static void
dispatch_facts(const struct tui_app *app, long id, struct tui_facts *f)
{
	const struct tui_model	*m = &app->model;
	const struct tui_row	*r = tui_board_find(&m->board, id);

	if (r != NULL)
		tui_facts_from_row(r, f);
	else {
		memset(f, 0, sizeof *f);
		f->booking = id;
	}
	if (m->detail.id == id)
		tui_facts_add_detail(&m->detail, f);
}

/* Is booking id's detail fully loaded? */
static bool
dispatch_have_detail(const struct tui_app *app, long id)
{
	const struct tui_detail	*d = &app->model.detail;

	return d->id == id && tui_detail_is_fresh(d);
}

/* "Zoë Ångström, TN01T5946" for questions, from the board or detail. */
static void
dispatch_who(const struct tui_app *app, long id, char *buf, size_t len)
{
	const struct tui_row	*r = tui_board_find(&app->model.board, id);
	const struct tui_detail	*d = &app->model.detail;

	if (r != NULL)
		snprintf(buf, len, "%s, %s", r->customer != NULL ?
		    r->customer : "?", r->reg != NULL ? r->reg : "?");
	else if (d->id == id && d->cust_name != NULL)
		snprintf(buf, len, "%s, %s", d->cust_name,
		    d->car_reg != NULL ? d->car_reg : "?");
	else
		snprintf(buf, len, "booking %ld", id);
}

static void
dispatch_send(struct tui_app *app, enum tui_api api, long arg, char *json,
    long tag, const char *what)
{
	struct tui_session	*s = &app->model.session;
	struct tui_rest_req	*req;
	char			 a[24];

	snprintf(a, sizeof a, "%ld", arg);
	req = tui_api_call(api, s->server, s->token, a, NULL);
	if (json != NULL)
		tui_api_json(req, json);
	req->tag = tag;
	tui_app_send(app, req, what);
}

/* Ask question before doing pending. */
static int
dispatch_ask(struct tui_app *app, const struct tui_pending *p,
    const char *question)
{
	struct tui_model	*m = &app->model;

	m->pending = *p;
	snprintf(m->prompt_text, sizeof m->prompt_text, "%s", question);
	m->prompt = TUI_PROMPT_CONFIRM;
	return TUI_REDRAW;
}

/* --- the picker --- */

/* Open the picker for offer o on booking id, and load what it shows. */
static int
dispatch_open_picker(struct tui_app *app, long id, const struct tui_offer *o)
{
	struct tui_picker	*p = &app->model.picker;

	tui_picker_close(p);
	p->open = true;
	p->booking = id;
	p->type = o->type;
	p->release = o->release;
	tui_fetch_mechanics(app);
	if (o->type == PROTO_ASSIGN_SERVICE &&
	    !dispatch_have_detail(app, p->booking))
		tui_fetch_detail(app, p->booking, 0);
	tui_dispatch_picker_refresh(app);
	return TUI_REDRAW;
}

/* Sort key of the picker: fit first, then fewer open jobs, then name. */
struct picker_key {
	const struct tui_mech	*m;
	bool			 fit;
};

static int
picker_cmp(const void *pa, const void *pb)
{
	const struct picker_key	*a = pa, *b = pb;

	if (a->fit != b->fit)
		return a->fit ? -1 : 1;
	if (a->m->njobs != b->m->njobs)
		return a->m->njobs < b->m->njobs ? -1 : 1;
	return strcoll(a->m->name != NULL ? a->m->name : "",
	    b->m->name != NULL ? b->m->name : "");
}

/* Rebuild the picker's order from the mechanics now known that match its
 * filter, keeping the cursor on the same mechanic. */
void
tui_dispatch_picker_refresh(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	struct tui_picker	*p = &m->picker;
	struct picker_key	*keys;
	char			*current = NULL;
	size_t			 i, n;

	if (!p->open)
		return;
	if (p->cursor >= 0 && (size_t)p->cursor < p->norder)
		current = xstrdup(p->order[p->cursor]);
	for (i = 0; i < p->norder; i++)
		free(p->order[i]);
	free(p->order);
	keys = xcalloc(m->mechs.n + 1, sizeof *keys);
	for (i = 0, n = 0; i < m->mechs.n; i++) {
		if (!tui_mech_matches(&m->mechs.m[i], p->filter))
			continue;
		keys[n].m = &m->mechs.m[i];
		keys[n].fit = tui_mech_unfit(keys[n].m, p->type, p->booking,
		    &m->detail) == NULL;
		n++;
	}
	qsort(keys, n, sizeof *keys, picker_cmp);
	p->order = xcalloc(n + 1, sizeof *p->order);
	p->norder = n;
	p->cursor = 0;
	for (i = 0; i < n; i++) {
		p->order[i] = xstrdup(keys[i].m->id);
		if (current != NULL && strcmp(current, p->order[i]) == 0)
			p->cursor = (int)i;
	}
	free(keys);
	free(current);
}

static char *
dispatch_assign_body(const struct tui_chain *c)
{
	cJSON	*o = cJSON_CreateObject();
	char	*s;

	cJSON_AddStringToObject(o, "mechanic_id", c->mech_id);
	cJSON_AddNumberToObject(o, "booking_id", (double)c->booking);
	cJSON_AddNumberToObject(o, "assignment_type_id", c->type);
	cJSON_AddStringToObject(o, "note", "");
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

/* Enter in the picker: assign the mechanic under the cursor, releasing
 * the current assignment first for a reassignment. */
int
tui_dispatch_pick(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	struct tui_picker	*p = &m->picker;
	struct tui_chain	*c = &app->chain;
	const struct tui_mech	*mech;
	cJSON			*o;
	char			*body;

	if (p->cursor < 0 || (size_t)p->cursor >= p->norder)
		return 0;
	mech = tui_mechs_find(&m->mechs, p->order[p->cursor]);
	if (mech == NULL)
		return 0;
	memset(c, 0, sizeof *c);
	c->booking = p->booking;
	c->type = p->type;
	snprintf(c->mech_id, sizeof c->mech_id, "%s", mech->id);
	snprintf(c->mech_name, sizeof c->mech_name, "%s",
	    mech->name != NULL ? mech->name : mech->id);
	if (p->release != 0) {
		o = cJSON_CreateObject();
		xasprintf(&body, "Reassigned to %s by the admin", c->mech_name);
		cJSON_AddStringToObject(o, "reason", body);
		free(body);
		body = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		dispatch_send(app, TUI_API_RELEASE, p->release, body,
		    c->booking, "Releasing");
	} else
		dispatch_send(app, TUI_API_ASSIGN, 0, dispatch_assign_body(c),
		    c->booking, "Assigning");
	tui_model_noticef(m, TUI_NOTICE_INFO, "Assigning the %s of #%ld to "
	    "%s…", proto_assignment_type_name(c->type), c->booking,
	    c->mech_name);
	tui_picker_close(p);
	return TUI_REDRAW;
}

/* --- questions --- */

static int
dispatch_ask_validate(struct tui_app *app, const struct tui_offer *o,
    long booking, const struct tui_facts *f)
{
	struct tui_pending	p = { .kind = TUI_PENDING_VALIDATE_PROGRESS };
	char			q[512], who[160];

	dispatch_who(app, booking, who, sizeof who);
	p.booking = booking;
	p.target = o->target;
	p.status_id = f->status_id;
	if (o->act == PROTO_ACT_VALIDATE_ANALYSIS) {
		p.kind = TUI_PENDING_VALIDATE_ANALYSIS;
		snprintf(q, sizeof q, "Validate the analysis of booking #%ld "
		    "(%s) and send it to the customer? This cannot be undone.",
		    booking, who);
	} else
		snprintf(q, sizeof q, "Validate progress #%ld of booking #%ld "
		    "(%s) and send it to the customer? This cannot be undone.",
		    o->target, booking, who);
	return dispatch_ask(app, &p, q);
}

/* "₹118.00" or "?" */
static const char *
rupees(int64_t paise, char *buf, size_t len)
{
	char	n[32];

	if (paise < 0)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "₹%s", proto_money_format(paise, n,
		    sizeof n));
	return buf;
}

static int
dispatch_ask_cancel(struct tui_app *app, long booking,
    const struct tui_facts *f)
{
	struct tui_model	*m = &app->model;
	struct tui_pending	 p = { .kind = TUI_PENDING_CANCEL };
	struct tui_fee		 fee;
	char			 q[512], who[160], feetext[256];
	char			 a[32], g[32], t[32], r[32];
	int			 pct;

	pct = m->detail.analysis.gst_percent >= 0 ?
	    m->detail.analysis.gst_percent : m->gst_percent;
	if (tui_detail_cancel_fee(&m->detail, pct, &fee) != 0)
		snprintf(feetext, sizeof feetext, "The server will work out "
		    "the fee.");
	else if (fee.fee == 0)
		snprintf(feetext, sizeof feetext, "No fee: the car has not "
		    "been collected.");
	else if (fee.total < 0)
		snprintf(feetext, sizeof feetext, "Fee %s + GST%s.",
		    rupees(fee.fee, a, sizeof a), fee.collected ?
		    ", collected in cash at the return" : "");
	else
		snprintf(feetext, sizeof feetext, "Fee %s + GST %s = %s%s%s%s.",
		    rupees(fee.fee, a, sizeof a), rupees(fee.gst, g, sizeof g),
		    rupees(fee.total, t, sizeof t), fee.collected ?
		    ", collected in cash at the return" : "",
		    fee.online ? ", refund " : "",
		    fee.online ? rupees(fee.refund, r, sizeof r) : "");
	dispatch_who(app, booking, who, sizeof who);
	p.booking = booking;
	p.target = booking;
	p.status_id = f->status_id;
	snprintf(q, sizeof q, "Cancel booking #%ld (%s)? %s This cannot be "
	    "undone.", booking, who, feetext);
	return dispatch_ask(app, &p, q);
}

/*
 * A verb key on the booking in focus: find the action the state machine
 * allows for it and start it. Edits and cancelling need the whole detail
 * (to prefill, to work out the fee); from the board they open the
 * booking and carry on when it has loaded.
 */
int
tui_dispatch_verb(struct tui_app *app, enum tui_verb verb)
{
	struct tui_model	*m = &app->model;
	struct tui_facts	 f;
	struct tui_offer	 o;
	long			 id = dispatch_booking(app);
	const char		*status;

	if (id <= 0) {
		tui_model_notice(m, TUI_NOTICE_ERROR, "No booking selected.");
		return TUI_REDRAW;
	}
	dispatch_facts(app, id, &f);
	if (!tui_offer_pick(&f, verb, &o)) {
		status = proto_status_name(f.status_id);
		tui_model_noticef(m, TUI_NOTICE_ERROR, "Nothing to %s on "
		    "booking #%ld now (%s).", verb_names[verb], id,
		    status != NULL ? status : "status unknown");
		return TUI_REDRAW;
	}
	if ((verb == TUI_VERB_EDIT || verb == TUI_VERB_CANCEL) &&
	    !dispatch_have_detail(app, id)) {
		if (m->screen != TUI_SCREEN_DETAIL)
			m->back = m->screen;
		m->screen = TUI_SCREEN_DETAIL;
		return tui_fetch_detail(app, id, (int)verb + 1);
	}
	tui_model_notice(m, TUI_NOTICE_NONE, NULL);
	switch (verb) {
	case TUI_VERB_ASSIGN:
		return dispatch_open_picker(app, id, &o);
	case TUI_VERB_VALIDATE:
		return dispatch_ask_validate(app, &o, id, &f);
	case TUI_VERB_EDIT:
		if (o.act == PROTO_ACT_EDIT_ANALYSIS)
			return tui_editor_analysis(app);
		return tui_editor_progress(app, &o);
	case TUI_VERB_CANCEL:
		return dispatch_ask_cancel(app, id, &f);
	case TUI_VERB_RELEASE:
		return tui_editor_release(app, &o, id, &f);
	default:
		return 0;
	}
}

/* Yes to a confirmation: send it, unless the booking moved meanwhile. */
int
tui_dispatch_confirm(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	struct tui_pending	 p = m->pending;
	struct tui_facts	 f;

	m->prompt = TUI_PROMPT_NONE;
	memset(&m->pending, 0, sizeof m->pending);
	dispatch_facts(app, p.booking, &f);
	if (f.status_id != p.status_id) {
		tui_model_noticef(m, TUI_NOTICE_ERROR, "Booking #%ld changed "
		    "meanwhile (now %s); nothing was sent.", p.booking,
		    proto_status_name(f.status_id) != NULL ?
		    proto_status_name(f.status_id) : "?");
		return TUI_REDRAW;
	}
	switch (p.kind) {
	case TUI_PENDING_VALIDATE_PROGRESS:
		dispatch_send(app, TUI_API_VALIDATE_PROGRESS, p.target, NULL,
		    p.booking, "Validating");
		break;
	case TUI_PENDING_VALIDATE_ANALYSIS:
		dispatch_send(app, TUI_API_VALIDATE_ANALYSIS, p.booking, NULL,
		    p.booking, "Validating");
		break;
	case TUI_PENDING_CANCEL:
		dispatch_send(app, TUI_API_CANCEL, p.booking, NULL, p.booking,
		    "Cancelling");
		break;
	default:
		break;
	}
	return TUI_REDRAW;
}

/* --- replies --- */

static void
cancel_summary(const char *body, long booking, char *buf, size_t len)
{
	cJSON	*o = cJSON_Parse(body);
	char	 f[32], g[32], t[32], r[32];
	int64_t	 v;

	v = tui_json_money(o, "cancellation_fee");
	rupees(v, f, sizeof f);
	rupees(tui_json_money(o, "cancellation_fee_gst"), g, sizeof g);
	rupees(tui_json_money(o, "cancellation_fee_total"), t, sizeof t);
	rupees(tui_json_money(o, "refund_amount"), r, sizeof r);
	snprintf(buf, len, "Booking #%ld cancelled. Fee %s + GST %s = %s; "
	    "refund %s.", booking, f, g, t, r);
	cJSON_Delete(o);
}

/* What the server said on success ({"message": …}), or dflt. */
static const char *
reply_message(const char *body, char *buf, size_t len, const char *dflt)
{
	cJSON		*o = cJSON_Parse(body);
	const char	*s = tui_json_str(o, "message");

	snprintf(buf, len, "%s", s != NULL ? s : dflt);
	cJSON_Delete(o);
	return buf;
}

/* A reply to a reassignment's release: now assign, or report. */
static int
dispatch_release_done(struct tui_app *app, const struct tui_rest_res *res,
    bool ok)
{
	struct tui_model	*m = &app->model;
	struct tui_chain	*c = &app->chain;
	struct tui_err		 err;

	if (c->booking != res->tag || c->mech_id[0] == '\0') {
		if (ok) {
			tui_edit_close(&m->edit);
			tui_model_noticef(m, TUI_NOTICE_INFO, "Released the "
			    "assignment of booking #%ld.", res->tag);
			return TUI_REDRAW | TUI_REFETCH;
		}
		tui_app_reply_error(m->session.server, res, &err);
		tui_model_noticef(m, TUI_NOTICE_ERROR, "Release refused: %s",
		    err.msg);
		return TUI_REDRAW | TUI_REFETCH;
	}
	if (!ok) {
		tui_app_reply_error(m->session.server, res, &err);
		tui_model_noticef(m, TUI_NOTICE_ERROR, "Reassign refused: %s",
		    err.msg);
		memset(c, 0, sizeof *c);
		return TUI_REDRAW | TUI_REFETCH;
	}
	c->released = true;
	dispatch_send(app, TUI_API_ASSIGN, 0, dispatch_assign_body(c),
	    c->booking, "Assigning");
	return TUI_REDRAW;
}

/*
 * Reply to an action. Success: say what happened and refetch. Refusal:
 * the server's words on the notice line (an edit form stays open to be
 * corrected), and refetch too, since the refusal often means the
 * booking moved.
 */
int
tui_dispatch_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_model	*m = &app->model;
	struct tui_chain	*c = &app->chain;
	struct tui_err		 err;
	char			 text[256];
	bool			 ok;

	ok = res->net == TUI_NET_OK && res->status >= 200 &&
	    res->status < 300;
	if (res->kind == TUI_API_RELEASE)
		return dispatch_release_done(app, res, ok);
	if (!ok) {
		tui_app_reply_error(m->session.server, res, &err);
		if (res->kind == TUI_API_ASSIGN && c->released &&
		    strcmp(err.msg, "Already assigned to a mechanic.") == 0)
			/* the release let automation assign someone first */
			tui_model_noticef(m, TUI_NOTICE_ERROR, "Refused: %s "
			    "Automatic assignment took the released job; turn "
			    "assignment_automation off to choose by hand.",
			    err.msg);
		else
			tui_model_noticef(m, TUI_NOTICE_ERROR, "Refused: %s",
			    err.msg);
		if (res->kind == TUI_API_ASSIGN)
			memset(c, 0, sizeof *c);
		if (m->edit.open)
			m->edit.form.edited = true;	/* still unsent */
		return TUI_REDRAW | TUI_REFETCH;
	}
	switch (res->kind) {
	case TUI_API_ASSIGN:
		tui_model_noticef(m, TUI_NOTICE_INFO, "The %s of booking #%ld "
		    "is assigned to %s.", proto_assignment_type_name(c->type),
		    c->booking, c->mech_name);
		memset(c, 0, sizeof *c);
		break;
	case TUI_API_CANCEL:
		cancel_summary(res->body, res->tag, text, sizeof text);
		tui_model_notice(m, TUI_NOTICE_INFO, text);
		break;
	case TUI_API_MECHANIC_UPDATE:
		tui_model_noticef(m, TUI_NOTICE_INFO, "Saved: %s.",
		    m->edit.title);
		tui_edit_close(&m->edit);
		tui_fetch_mechanics(app);
		break;
	default:
		tui_model_noticef(m, TUI_NOTICE_INFO, "Booking #%ld: %s.",
		    res->tag, reply_message(res->body, text, sizeof text,
		    "saved"));
		tui_edit_close(&m->edit);
		break;
	}
	return TUI_REDRAW | TUI_REFETCH;
}
