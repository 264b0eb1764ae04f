/* Booking events: parsing (REST lists and WebSocket messages share the
 * shape), one-line descriptions for the history views, and the bounded
 * event log of the Events screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "event.h"
#include "money.h"
#include "xmalloc.h"
#include "model/board.h"
#include "model/events.h"
#include "model/json.h"

/* The parts of data (and the booking summary) the reducers use. */
static int
event_lift(struct tui_event *ev, const cJSON *data, const cJSON *booking)
{
	const char	*type;

	ev->data = cJSON_IsObject(data) ? cJSON_PrintUnformatted(data) :
	    xstrdup("{}");
	ev->assignment_id = tui_json_long(data, "assignment_id", 0);
	ev->mechanic_id = tui_json_dup(data, "mechanic_id");
	ev->mechanic_name = tui_json_dup(data, "mechanic_name");
	type = tui_json_str(data, "assignment_type");
	ev->assignment_type = type != NULL ?
	    proto_assignment_type_parse(type) : 0;
	ev->automatic = tui_json_bool(data, "automatic");
	ev->to_status = (int)tui_json_long(data, "to_id", 0);
	ev->progress_id = tui_json_long(data, "progress_id", 0);
	ev->eta_risk = tui_json_dup(data, "eta_risk");
	ev->reason = tui_json_dup(data, "reason");
	if (cJSON_IsObject(booking)) {
		ev->summary = xcalloc(1, sizeof *ev->summary);
		if (tui_row_parse_summary(booking, ev->summary) != 0) {
			tui_row_cleanup(ev->summary);
			free(ev->summary);
			ev->summary = NULL;
		} else if (ev->booking_id <= 0)
			ev->booking_id = ev->summary->id;
	}
	if (ev->booking_id <= 0) {
		tui_event_cleanup(ev);
		return -1;
	}
	return 0;
}

/*
 * One event object, {seq, kind, booking_id, at, actor, actor_role, data,
 * booking?}, into ev (zeroed first; the caller cleans it up). Returns 0,
 * or -1 when seq, kind or booking_id is missing.
 */
int
tui_event_parse(const cJSON *o, struct tui_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->seq = tui_json_i64(o, "seq", 0);
	ev->booking_id = tui_json_long(o, "booking_id", 0);
	if (ev->seq <= 0 || tui_json_str(o, "kind") == NULL)
		return -1;
	ev->kind = tui_json_dup(o, "kind");
	ev->at = tui_json_time(o, "at");
	ev->actor = tui_json_dup(o, "actor");
	ev->actor_role = (int)tui_json_long(o, "actor_role", 0);
	return event_lift(ev, cJSON_GetObjectItemCaseSensitive(o, "data"),
	    cJSON_GetObjectItemCaseSensitive(o, "booking"));
}

/* An event as protocol/event.c decoded it from the stream, into ev (the
 * caller cleans it up). Any thread: pure. Returns 0, or -1 when it names
 * no booking. */
int
tui_event_from_proto(const struct proto_event *pe, struct tui_event *ev)
{
	memset(ev, 0, sizeof *ev);
	if (pe->seq <= 0 || pe->kind == NULL)
		return -1;
	ev->seq = pe->seq;
	ev->booking_id = pe->booking_id;
	ev->kind = xstrdup(pe->kind);
	ev->at = tui_time_parse(pe->at);
	ev->actor = pe->actor != NULL ? xstrdup(pe->actor) : NULL;
	ev->actor_role = pe->actor_role;
	return event_lift(ev, pe->data, pe->booking);
}

void
tui_event_cleanup(struct tui_event *ev)
{
	free(ev->kind);
	free(ev->actor);
	free(ev->data);
	free(ev->mechanic_id);
	free(ev->mechanic_name);
	free(ev->eta_risk);
	free(ev->reason);
	if (ev->summary != NULL) {
		tui_row_cleanup(ev->summary);
		free(ev->summary);
	}
	memset(ev, 0, sizeof *ev);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* dst (uninitialised) becomes a deep copy of src. */
void
tui_event_copy(struct tui_event *dst, const struct tui_event *src)
{
	*dst = *src;
	dst->kind = dup_or_null(src->kind);
	dst->actor = dup_or_null(src->actor);
	dst->data = dup_or_null(src->data);
	dst->mechanic_id = dup_or_null(src->mechanic_id);
	dst->mechanic_name = dup_or_null(src->mechanic_name);
	dst->eta_risk = dup_or_null(src->eta_risk);
	dst->reason = dup_or_null(src->reason);
	dst->summary = NULL;
	if (src->summary != NULL) {
		dst->summary = xcalloc(1, sizeof *dst->summary);
		tui_row_copy(dst->summary, src->summary);
	}
}

/* A JSON array of events (GET /events, GET /bookings/{id}/events) as a
 * new array; malformed items are skipped. Returns 0, or -1 when the body
 * is not an array. */
int
tui_events_parse(const char *body, struct tui_event **evs, size_t *n)
{
	cJSON		*root;
	const cJSON	*it;
	size_t		 k = 0;

	*evs = NULL;
	*n = 0;
	root = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return -1;
	}
	*evs = xcalloc((size_t)cJSON_GetArraySize(root) + 1, sizeof **evs);
	cJSON_ArrayForEach(it, root)
		if (tui_event_parse(it, &(*evs)[k]) == 0)
			k++;
	*n = k;
	cJSON_Delete(root);
	return 0;
}

void
tui_events_free(struct tui_event *evs, size_t n)
{
	size_t	i;

	for (i = 0; evs != NULL && i < n; i++)
		tui_event_cleanup(&evs[i]);
	free(evs);
}

/* --- descriptions --- */

static const char *
type_name(int type)
{
	const char	*s = proto_assignment_type_name(type);

	return s != NULL ? s : "?";
}

/* "118.00" for a money member of data, or "?" */
static void
data_money(const cJSON *data, const char *name, char *buf, size_t len)
{
	int64_t	p = tui_json_money(data, name);

	if (p < 0)
		snprintf(buf, len, "?");
	else
		proto_money_format(p, buf, len);
}

static void
desc_assigned(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	snprintf(b, len, "%s assigned to %s%s", type_name(ev->assignment_type),
	    ev->mechanic_name != NULL ? ev->mechanic_name :
	    ev->mechanic_id != NULL ? ev->mechanic_id : "?",
	    ev->automatic ? " (auto)" : "");
}

static void
desc_unassigned(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	snprintf(b, len, "%s %s by %s%s%s%s", type_name(ev->assignment_type),
	    strcmp(ev->kind, "assignment_released") == 0 ? "released" :
	    "finished", ev->mechanic_id != NULL ? ev->mechanic_id : "?",
	    ev->reason != NULL ? " (" : "", ev->reason != NULL ? ev->reason :
	    "", ev->reason != NULL ? ")" : "");
}

static void
desc_status(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	const char	*from = tui_json_str(data, "from");
	const char	*to = tui_json_str(data, "to");

	snprintf(b, len, "status %s → %s", from != NULL ? from : "?",
	    to != NULL ? to : "?");
}

static void
desc_progress(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	const char	*what = strchr(ev->kind, '_') + 1;

	snprintf(b, len, "progress #%ld %s%s", ev->progress_id, what,
	    ev->automatic ? " (auto)" : "");
}

static void
desc_payment(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	char		 amt[32], gst[32];
	const char	*method = tui_json_str(data, "method");
	const char	*purpose = tui_json_str(data, "purpose");

	data_money(data, "amount", amt, sizeof amt);
	data_money(data, "gst", gst, sizeof gst);
	snprintf(b, len, "%s: %s + GST %s%s%s%s%s",
	    strchr(ev->kind, '_') + 1, amt, gst,
	    purpose != NULL ? ", " : "", purpose != NULL ? purpose : "",
	    method != NULL ? ", " : "", method != NULL ? method : "");
}

static void
desc_cancelled(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	char	fee[32], gst[32], refund[32];

	data_money(data, "fee", fee, sizeof fee);
	data_money(data, "fee_gst", gst, sizeof gst);
	data_money(data, "refund", refund, sizeof refund);
	snprintf(b, len, "cancelled: fee %s + GST %s, refund %s", fee, gst,
	    refund);
}

static void
desc_plain(const struct tui_event *ev, const cJSON *data, char *b,
    size_t len)
{
	const char	*s;

	if (strcmp(ev->kind, "auto_assign_failed") == 0) {
		s = tui_json_str(data, "reason");
		snprintf(b, len, "automatic %s assignment failed: %s",
		    type_name(ev->assignment_type), s != NULL ? s : "?");
	} else if (strcmp(ev->kind, "eta_risk") == 0)
		snprintf(b, len, "ETA now %s", ev->eta_risk != NULL ?
		    ev->eta_risk : "?");
	else if (strcmp(ev->kind, "invoice_issued") == 0) {
		s = tui_json_str(data, "invoice_number");
		snprintf(b, len, "invoice %s issued", s != NULL ? s : "?");
	} else
		snprintf(b, len, "%s", ev->kind);
	for (; *b != '\0'; b++)
		if (*b == '_')
			*b = ' ';
}

static const struct {
	const char	*kind;
	void		(*fn)(const struct tui_event *, const cJSON *, char *,
			    size_t);
} desc_table[] = {
	{ "assigned",			desc_assigned },
	{ "assignment_completed",	desc_unassigned },
	{ "assignment_released",	desc_unassigned },
	{ "status_changed",		desc_status },
	{ "progress_posted",		desc_progress },
	{ "progress_updated",		desc_progress },
	{ "progress_validated",		desc_progress },
	{ "payment_pending",		desc_payment },
	{ "payment_received",		desc_payment },
	{ "payment_failed",		desc_payment },
	{ "cancelled",			desc_cancelled },
};

/* One line saying what happened ("pickup assigned to Karthik"), in buf;
 * returns its length. */
size_t
tui_event_describe(const struct tui_event *ev, char *buf, size_t len)
{
	cJSON	*data;
	size_t	 i;

	if (len == 0)
		return 0;
	data = ev->data != NULL ? cJSON_Parse(ev->data) : NULL;
	for (i = 0; i < sizeof desc_table / sizeof desc_table[0]; i++)
		if (ev->kind != NULL && strcmp(desc_table[i].kind,
		    ev->kind) == 0)
			break;
	if (ev->kind == NULL)
		snprintf(buf, len, "?");
	else if (i < sizeof desc_table / sizeof desc_table[0])
		desc_table[i].fn(ev, data, buf, len);
	else
		desc_plain(ev, data, buf, len);
	cJSON_Delete(data);
	return strlen(buf);
}

/* --- the event log --- */

/*
 * Add a copy of ev in seq order; a seq already present is ignored, and
 * at TUI_EVLOG_MAX the oldest events go (a tenth of them, or those older
 * than ev). Returns true when added.
 */
bool
tui_evlog_add(struct tui_evlog *log, const struct tui_event *ev)
{
	size_t	lo = 0, hi = log->n, mid, drop, i;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (log->ev[mid].seq < ev->seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < log->n && log->ev[lo].seq == ev->seq)
		return false;
	if (log->n == TUI_EVLOG_MAX) {
		if (lo == 0)
			return false;	/* older than all we keep */
		/* drop the oldest tenth at once: one move per 50 adds */
		drop = lo < TUI_EVLOG_MAX / 10 ? lo : TUI_EVLOG_MAX / 10;
		for (i = 0; i < drop; i++)
			tui_event_cleanup(&log->ev[i]);
		memmove(&log->ev[0], &log->ev[drop], (log->n - drop) *
		    sizeof log->ev[0]);
		log->n -= drop;
		lo -= drop;
	}
	if (log->ev == NULL)
		log->ev = xcalloc(TUI_EVLOG_MAX, sizeof *log->ev);
	memmove(&log->ev[lo + 1], &log->ev[lo], (log->n - lo) *
	    sizeof log->ev[0]);
	tui_event_copy(&log->ev[lo], ev);
	log->n++;
	return true;
}

void
tui_evlog_cleanup(struct tui_evlog *log)
{
	size_t	i;

	for (i = 0; i < log->n; i++)
		tui_event_cleanup(&log->ev[i]);
	free(log->ev);
	memset(log, 0, sizeof *log);
}

/* Does ev pass the log's filter (every word in its booking id, kind,
 * actor or description)? */
bool
tui_evlog_matches(const struct tui_evlog *log, const struct tui_event *ev)
{
	char	 buf[128], desc[256], num[24], *w, *save;

	if (log->filter[0] == '\0')
		return true;
	tui_event_describe(ev, desc, sizeof desc);
	snprintf(num, sizeof num, "%ld", ev->booking_id);
	snprintf(buf, sizeof buf, "%s", log->filter);
	for (w = strtok_r(buf, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (w[0] == '#' ? strcmp(num, w + 1) == 0 :
		    strcmp(num, w) == 0 || strcasestr(desc, w) != NULL ||
		    (ev->actor != NULL && strcasestr(ev->actor, w) != NULL) ||
		    strcasestr(ev->kind, w) != NULL)
			continue;
		return false;
	}
	return true;
}

/* How many events pass the log's filter. */
size_t
tui_evlog_count(const struct tui_evlog *log)
{
	size_t	i, k = 0;

	for (i = 0; i < log->n; i++)
		if (tui_evlog_matches(log, &log->ev[i]))
			k++;
	return k;
}

/* The index-th event passing the filter, newest first, or NULL. */
const struct tui_event *
tui_evlog_at(const struct tui_evlog *log, int index)
{
	size_t	i;
	int	k = 0;

	for (i = log->n; i > 0; i--)
		if (tui_evlog_matches(log, &log->ev[i - 1]) && k++ == index)
			return &log->ev[i - 1];
	return NULL;
}
