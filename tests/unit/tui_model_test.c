/* The TUI's model reducers: a dashboard snapshot and then events (in
 * order, out of order, duplicated, older than the snapshot) give the
 * right rows; filters, the urgency order and the selection; the event
 * log; the actions the state machine offers; the cancellation fee; who
 * may take an assignment. Pure code, no terminal, no network. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/board.h"
#include "model/detail.h"
#include "model/events.h"
#include "model/mechanics.h"
#include "model/offers.h"

#define NOW	1800000000000LL		/* ms, an arbitrary wall clock */
#define TIME_0211	1795659060	/* 2026-11-26T02:11:00Z */
#define TIME_0228	1795660080	/* 2026-11-26T02:28:00Z */

/* A dashboard row of booking id in status (id), with action and, when
 * mech is not NULL, a latest assignment of type held by mech. */
static char *
dash_row(long id, int status, const char *action, const char *type,
    const char *mech, const char *astatus)
{
	char	*s, *assign;

	if (mech != NULL) {
		if (asprintf(&assign, "{\"id\":%ld,\"mechanic\":{\"id\":\"%s\","
		    "\"name\":\"%s\"},\"assignment_type\":\"%s\",\"status\":"
		    "\"%s\"}", id * 10, mech, mech, type, astatus) < 0)
			fail();
	} else
		assign = strdup("null");
	if (asprintf(&s, "{\"booking_id\":%ld,\"customer_name\":\"Cust %ld\","
	    "\"car_model\":\"Maruti Suzuki Swift\",\"car_reg\":\"TN%04ld\","
	    "\"status\":\"%s\",\"status_id\":%d,\"drop_date\":\"2026-11-29\","
	    "\"created_at\":\"2026-11-26T01:00:00.000000Z\","
	    "\"action_required\":\"%s\",\"latest_progress\":null,"
	    "\"analysis_report\":null,\"latest_assignment\":%s,"
	    "\"customer_id\":\"CST%06ld\",\"pickup_date\":\"2026-11-28\","
	    "\"payment_method\":null,\"promised_at\":"
	    "\"2026-11-29T10:30:00.000000Z\",\"eta_risk\":\"on_track\"}", id,
	    id, id, proto_status_name(status), status, action, assign, id) < 0)
		fail();
	free(assign);
	return s;
}

/* Apply a snapshot made of JSON rows (a NULL-ended list) at seq. */
static void
snapshot(struct tui_board *b, int64_t seq, ...)
{
	va_list		 ap;
	char		*body, *row, *p;
	size_t		 len = 2;
	struct tui_row	*rows;
	size_t		 n;

	body = strdup("[");
	va_start(ap, seq);
	while ((row = va_arg(ap, char *)) != NULL) {
		len += strlen(row) + 1;
		p = realloc(body, len + 1);
		assert_non_null(p);
		body = p;
		if (body[1] != '\0')
			strcat(body, ",");
		strcat(body, row);
		free(row);
	}
	va_end(ap);
	strcat(body, "]");
	assert_int_equal(tui_board_parse_snapshot(body, &rows, &n), 0);
	tui_board_apply_snapshot(b, rows, n, seq, NOW);
	tui_rows_free(rows, n);
	free(body);
	tui_board_view(b);
}

/* An event as the stream carries it; summary may be NULL (REST). */
static void
event(struct tui_event *ev, int64_t seq, long booking, const char *kind,
    const char *data, const char *summary)
{
	char	*s;
	cJSON	*o;

	if (asprintf(&s, "{\"seq\":%lld,\"kind\":\"%s\",\"booking_id\":%ld,"
	    "\"at\":\"2026-11-26T02:%02lld:00.000000Z\","
	    "\"actor\":\"ADM000001\",\"actor_role\":1,\"data\":%s%s%s}",
	    (long long)seq, kind, booking,
	    (long long)(seq % 60), data, summary != NULL ? ",\"booking\":" :
	    "", summary != NULL ? summary : "") < 0)
		fail();
	o = cJSON_Parse(s);
	assert_non_null(o);
	assert_int_equal(tui_event_parse(o, ev), 0);
	cJSON_Delete(o);
	free(s);
}

/* A booking summary of id in status with action and a latest
 * assignment (type, mech, assignment status). */
static char *
summary(long id, int status, const char *action, const char *type,
    const char *mech, const char *astatus)
{
	static char	buf[1024];
	char		assign[256];

	if (mech != NULL)
		snprintf(assign, sizeof assign, "{\"id\":%ld,\"mechanic\":"
		    "{\"id\":\"%s\",\"name\":\"%s\"},"
		    "\"assignment_type\":\"%s\",\"status\":\"%s\"}", id * 10,
		    mech, mech, type, astatus);
	else
		snprintf(assign, sizeof assign, "null");
	snprintf(buf, sizeof buf, "{\"id\":%ld,\"status\":\"%s\","
	    "\"status_id\":%d,\"customer_id\":\"CST%06ld\",\"customer_name\":"
	    "\"Cust %ld\",\"car\":{\"manufacturer\":\"Maruti Suzuki\","
	    "\"model\":\"Swift\",\"reg_no\":\"TN%04ld\"},\"pickup_date\":"
	    "\"2026-11-28\",\"drop_date\":\"2026-11-29\",\"payment_method\":"
	    "null,\"validate_price\":false,\"promised_at\":"
	    "\"2026-11-29T10:30:00.000000Z\",\"updated_at\":"
	    "\"2026-11-26T02:00:00.000000Z\",\"action_required\":\"%s\","
	    "\"eta_risk\":\"on_track\",\"latest_assignment\":%s}", id,
	    proto_status_name(status), status, id, id, id, action, assign);
	return buf;
}

/* Apply one event built like event(). */
static bool
apply(struct tui_board *b, int64_t seq, long booking, const char *kind,
    const char *data, const char *sum, long long now)
{
	struct tui_event	ev;
	bool			changed;

	event(&ev, seq, booking, kind, data, sum);
	changed = tui_board_apply_event(b, &ev, now);
	tui_event_cleanup(&ev);
	tui_board_view(b);
	return changed;
}

/* The parts of a row the views show, as one comparable line. */
static void
row_text(const struct tui_row *r, char *buf, size_t len)
{
	int	t;
	size_t	k;

	k = (size_t)snprintf(buf, len, "%ld %s %s %s %s %ld/%d %d/%d "
	    "since=%lld", r->id, r->customer, r->reg,
	    proto_status_name(r->status_id),
	    tui_action_req_name(r->action), r->progress_id,
	    r->progress_validated, r->has_analysis, r->analysis_validated,
	    (long long)r->status_since);
	for (t = 1; t <= PROTO_ASSIGN_MAX && k < len; t++)
		k += (size_t)snprintf(buf + k, len - k, " %s:%s%s",
		    proto_assignment_type_name(t),
		    r->slot[t].mech_name != NULL ? r->slot[t].mech_name : "-",
		    r->slot[t].active ? "*" : "");
}

static void
snapshot_gives_one_row_per_booking_with_its_fields(void **state)
{
	struct tui_board	 b;
	const struct tui_row	*r;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(7, 2, "none", "pickup", "MEC000002",
	    "assigned"), dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.seq, 10);
	r = tui_board_find(&b, 7);
	assert_non_null(r);
	assert_string_equal(r->customer, "Cust 7");
	assert_string_equal(r->reg, "TN0007");
	assert_string_equal(r->car, "Maruti Suzuki Swift");
	assert_int_equal(r->status_id, PROTO_STATUS_PICKUP);
	assert_int_equal(r->action, TUI_ACTREQ_NONE);
	assert_int_equal(r->eta, TUI_ETA_ON_TRACK);
	assert_string_equal(r->slot[PROTO_ASSIGN_PICKUP].mech_name,
	    "MEC000002");
	assert_true(r->slot[PROTO_ASSIGN_PICKUP].active);
	assert_int_equal(tui_row_active_type(r), PROTO_ASSIGN_PICKUP);
	assert_int_equal(tui_board_find(&b, 3)->action, TUI_ACTREQ_ASSIGN);
	assert_null(tui_board_find(&b, 5));
	tui_board_cleanup(&b);
}

static void
event_with_summary_after_the_snapshot_updates_its_row(void **state)
{
	struct tui_board	 b;
	const struct tui_row	*r;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	assert_true(apply(&b, 11, 3, "assigned", "{\"assignment_id\":30,"
	    "\"mechanic_id\":\"MEC000009\",\"mechanic_name\":\"Zoë\","
	    "\"assignment_type\":\"pickup\",\"automatic\":false}",
	    summary(3, 2, "none", "pickup", "Zoë", "assigned"), NOW));
	r = tui_board_find(&b, 3);
	assert_int_equal(r->status_id, PROTO_STATUS_PICKUP);
	assert_int_equal(r->action, TUI_ACTREQ_NONE);
	assert_string_equal(r->slot[PROTO_ASSIGN_PICKUP].mech_name, "Zoë");
	assert_true(r->slot[PROTO_ASSIGN_PICKUP].active);
	assert_int_equal(b.seq, 11);
	tui_board_cleanup(&b);
}

static void
event_older_than_the_snapshot_changes_nothing(void **state)
{
	struct tui_board	b;
	char			before[512], after[512];

	tui_board_init(&b);
	snapshot(&b, 20, dash_row(3, 3, "validate", "pickup", "Karthik",
	    "completed"), NULL);
	row_text(tui_board_find(&b, 3), before, sizeof before);
	assert_false(apply(&b, 12, 3, "assigned", "{\"assignment_id\":30,"
	    "\"mechanic_id\":\"MEC000009\",\"mechanic_name\":\"Old\","
	    "\"assignment_type\":\"pickup\"}", summary(3, 2, "none", "pickup",
	    "Old", "assigned"), NOW));
	row_text(tui_board_find(&b, 3), after, sizeof after);
	assert_string_equal(before, after);
	assert_int_equal(b.seq, 20);
	tui_board_cleanup(&b);
}

static void
duplicate_event_changes_nothing(void **state)
{
	struct tui_board	b;
	char			once[512], twice[512];
	const char		*data = "{\"from\":\"booked\","
				    "\"to\":\"pickup\",\"from_id\":1,"
				    "\"to_id\":2}";

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	assert_true(apply(&b, 11, 3, "status_changed", data, summary(3, 2,
	    "none", "pickup", "Karthik", "assigned"), NOW));
	row_text(tui_board_find(&b, 3), once, sizeof once);
	assert_false(apply(&b, 11, 3, "status_changed", data, summary(3, 2,
	    "none", "pickup", "Karthik", "assigned"), NOW));
	row_text(tui_board_find(&b, 3), twice, sizeof twice);
	assert_string_equal(once, twice);
	tui_board_cleanup(&b);
}

/* The events of one booking's dispatch: pickup assigned and done, status
 * moves, progress posted and validated, analysis assigned. */
static const struct {
	int64_t		 seq;
	const char	*kind;
	const char	*data;
	int		 status;	/* summary status, 0: none (REST) */
	const char	*action;
	const char	*type;
	const char	*mech;
	const char	*astatus;
} story[] = {
	{ 21, "assigned", "{\"assignment_id\":1,\"mechanic_id\":\"MEC2\","
	    "\"mechanic_name\":\"Karthik\",\"assignment_type\":\"pickup\"}",
	    1, "none", "pickup", "Karthik", "assigned" },
	{ 22, "status_changed", "{\"from_id\":1,\"to_id\":2}", 2, "none",
	    "pickup", "Karthik", "assigned" },
	{ 23, "progress_posted", "{\"progress_id\":5}", 2, "none", "pickup",
	    "Karthik", "assigned" },
	{ 24, "assignment_completed", "{\"assignment_id\":1,\"mechanic_id\":"
	    "\"MEC2\",\"assignment_type\":\"pickup\"}", 2, "none", "pickup",
	    "Karthik", "completed" },
	{ 25, "status_changed", "{\"from_id\":2,\"to_id\":3}", 3, "validate",
	    "pickup", "Karthik", "completed" },
	{ 26, "progress_validated", "{\"progress_id\":5}", 3, "assign",
	    "pickup", "Karthik", "completed" },
	{ 27, "assigned", "{\"assignment_id\":2,\"mechanic_id\":\"MEC1\","
	    "\"mechanic_name\":\"Arun\",\"assignment_type\":\"analysis\"}", 3,
	    "none", "analysis", "Arun", "assigned" },
	{ 28, "status_changed", "{\"from_id\":3,\"to_id\":4}", 4, "none",
	    "analysis", "Arun", "assigned" },
};

#define NSTORY	(sizeof story / sizeof story[0])

/* The board after the snapshot at 20 and the story in the given order. */
static void
play(const size_t *order, char *out, size_t len)
{
	struct tui_board	b;
	size_t			i, k;

	tui_board_init(&b);
	snapshot(&b, 20, dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	for (i = 0; i < NSTORY; i++) {
		k = order[i];
		apply(&b, story[k].seq, 3, story[k].kind, story[k].data,
		    summary(3, story[k].status, story[k].action, story[k].type,
		    story[k].mech, story[k].astatus), NOW);
	}
	row_text(tui_board_find(&b, 3), out, len);
	assert_int_equal(b.seq, 28);
	tui_board_cleanup(&b);
}

static void
out_of_order_events_give_the_same_rows_as_in_order(void **state)
{
	static const size_t	orders[][NSTORY] = {
		{ 7, 6, 5, 4, 3, 2, 1, 0 },
		{ 2, 0, 7, 1, 5, 3, 6, 4 },
		{ 4, 5, 0, 1, 2, 3, 7, 6 },
	};
	static const size_t	sorted[NSTORY] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	char			want[512], got[512];
	size_t			i;

	play(sorted, want, sizeof want);
	assert_non_null(strstr(want, "analysis"));
	assert_non_null(strstr(want, "pickup:Karthik "));
	assert_non_null(strstr(want, "analysis:Arun*"));
	assert_non_null(strstr(want, " 5/1 "));	/* progress 5 validated */
	for (i = 0; i < sizeof orders / sizeof orders[0]; i++) {
		play(orders[i], got, sizeof got);
		assert_string_equal(want, got);
	}
}

static void
snapshot_after_newer_events_keeps_what_they_wrote(void **state)
{
	struct tui_board	 b;
	const struct tui_row	*r;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	apply(&b, 15, 3, "assigned", "{\"assignment_id\":30,\"mechanic_id\":"
	    "\"M9\",\"mechanic_name\":\"New\",\"assignment_type\":\"pickup\"}",
	    summary(3, 2, "none", "pickup", "New", "assigned"), NOW);
	/* a refetch read before seq 15 arrives late */
	snapshot(&b, 12, dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	r = tui_board_find(&b, 3);
	assert_int_equal(r->status_id, PROTO_STATUS_PICKUP);
	assert_string_equal(r->slot[PROTO_ASSIGN_PICKUP].mech_name, "New");
	assert_int_equal(b.seq, 15);
	tui_board_cleanup(&b);
}

static void
snapshot_drops_bookings_it_lacks_but_keeps_newer_ones(void **state)
{
	struct tui_board	b;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(1, 1, "assign", NULL, NULL, NULL),
	    dash_row(2, 1, "assign", NULL, NULL, NULL), NULL);
	/* booking 9 is created live, after the next snapshot was read */
	apply(&b, 14, 9, "created", "{}", summary(9, 1, "assign", NULL, NULL,
	    NULL), NOW);
	snapshot(&b, 13, dash_row(2, 1, "assign", NULL, NULL, NULL), NULL);
	assert_null(tui_board_find(&b, 1));
	assert_non_null(tui_board_find(&b, 2));
	assert_non_null(tui_board_find(&b, 9));
	tui_board_cleanup(&b);
}

static void
unknown_booking_comes_from_a_summary_else_board_is_stale(
    void **state)
{
	struct tui_board	 b;
	const struct tui_row	*r;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(1, 1, "assign", NULL, NULL, NULL), NULL);
	assert_true(apply(&b, 11, 4, "created", "{}", summary(4, 1, "assign",
	    NULL, NULL, NULL), NOW));
	r = tui_board_find(&b, 4);
	assert_non_null(r);
	assert_string_equal(r->customer, "Cust 4");
	assert_string_equal(r->car, "Maruti Suzuki Swift");
	assert_int_equal(r->status_since, TIME_0211);	/* 02:11 */
	assert_false(b.stale);
	assert_false(apply(&b, 12, 5, "created", "{}", NULL, NOW));
	assert_null(tui_board_find(&b, 5));
	assert_true(b.stale);
	tui_board_cleanup(&b);
}

static void
history_tells_status_age_and_each_types_mechanic(void **state)
{
	struct tui_board	 b;
	const struct tui_row	*r;

	tui_board_init(&b);
	snapshot(&b, 30, dash_row(3, 4, "none", "analysis", "Arun",
	    "assigned"), NULL);
	/* REST history up to the snapshot: no summaries, no highlight */
	apply(&b, 21, 3, "assigned", story[0].data, NULL, 0);
	apply(&b, 22, 3, "status_changed", story[1].data, NULL, 0);
	apply(&b, 24, 3, "assignment_completed", story[3].data, NULL, 0);
	apply(&b, 28, 3, "status_changed", story[7].data, NULL, 0);
	r = tui_board_find(&b, 3);
	assert_int_equal(r->status_id, PROTO_STATUS_ANALYSIS);	/* snapshot */
	assert_int_equal(r->action, TUI_ACTREQ_NONE);
	assert_int_equal(r->status_since, TIME_0228);		/* 02:28 */
	assert_string_equal(r->slot[PROTO_ASSIGN_PICKUP].mech_name, "Karthik");
	assert_false(r->slot[PROTO_ASSIGN_PICKUP].active);
	assert_string_equal(r->slot[PROTO_ASSIGN_ANALYSIS].mech_name, "Arun");
	assert_true(r->slot[PROTO_ASSIGN_ANALYSIS].active);
	assert_int_equal(r->flash_until, 0);
	tui_board_cleanup(&b);
}

static void
live_change_highlights_the_row_for_a_while(void **state)
{
	struct tui_board	 b;
	const struct tui_row	*r;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(3, 1, "assign", NULL, NULL, NULL), NULL);
	assert_int_equal(tui_board_next_flash(&b, NOW), 0);
	apply(&b, 11, 3, "assigned", story[0].data, summary(3, 2, "none",
	    "pickup", "Karthik", "assigned"), NOW);
	r = tui_board_find(&b, 3);
	assert_true(r->flash_until > NOW);
	assert_int_equal(tui_board_next_flash(&b, NOW), r->flash_until);
	assert_int_equal(tui_board_next_flash(&b, r->flash_until), 0);
	tui_board_cleanup(&b);
}

static void
status_change_without_summary_marks_the_action_unknown(void **state)
{
	struct tui_board	b;

	tui_board_init(&b);
	snapshot(&b, 10, dash_row(3, 3, "validate", NULL, NULL, NULL), NULL);
	apply(&b, 11, 3, "status_changed", story[7].data, NULL, NOW);
	assert_int_equal(tui_board_find(&b, 3)->status_id,
	    PROTO_STATUS_ANALYSIS);
	assert_int_equal(tui_board_find(&b, 3)->action, TUI_ACTREQ_UNKNOWN);
	tui_board_cleanup(&b);
}

static void
filter_matches_words_qualifiers_and_utf8_names(void **state)
{
	struct tui_row	r;
	cJSON		*o;

	o = cJSON_Parse("{\"booking_id\":12,"
	    "\"customer_name\":\"Zoë Ångström\","
	    "\"car_model\":\"Tata Nexon\",\"car_reg\":\"TN01AB1234\","
	    "\"status\":\"analysed\",\"status_id\":5,\"action_required\":"
	    "\"validate\",\"latest_assignment\":{\"id\":1,\"mechanic\":{\"id\":"
	    "\"MEC000001\",\"name\":\"Arunachalam\"},\"assignment_type\":"
	    "\"analysis\",\"status\":\"completed\"}}");
	assert_int_equal(tui_row_parse_dashboard(o, &r), 0);
	cJSON_Delete(o);
	assert_true(tui_row_matches(&r, ""));
	assert_true(tui_row_matches(&r, "zoë"));
	assert_true(tui_row_matches(&r, "Ångström nexon"));
	assert_true(tui_row_matches(&r, "ab1234"));
	assert_true(tui_row_matches(&r, "#12"));
	assert_true(tui_row_matches(&r, "12"));
	assert_false(tui_row_matches(&r, "#1"));
	assert_true(tui_row_matches(&r, "status:analysed"));
	assert_false(tui_row_matches(&r, "status:analysis"));
	assert_true(tui_row_matches(&r, "action:val"));
	assert_false(tui_row_matches(&r, "action:assign"));
	assert_true(tui_row_matches(&r, "arunachalam"));
	assert_false(tui_row_matches(&r, "zoë karthik"));
	tui_row_cleanup(&r);
}

static void
urgency_is_validate_then_assign_then_longest_waiting(
    void **state)
{
	struct tui_board	b;

	tui_board_init(&b);
	snapshot(&b, 30, dash_row(1, 2, "none", NULL, NULL, NULL),
	    dash_row(2, 1, "assign", NULL, NULL, NULL),
	    dash_row(3, 3, "validate", NULL, NULL, NULL),
	    dash_row(4, 1, "assign", NULL, NULL, NULL),
	    dash_row(5, 9, "none", NULL, NULL, NULL), NULL);
	/* booking 4 has waited longer than booking 2 */
	apply(&b, 5, 2, "created", "{}", NULL, 0);
	apply(&b, 3, 4, "created", "{}", NULL, 0);
	assert_int_equal(b.nvis, 4);	/* delivered, no action: closed */
	assert_int_equal(b.vis[0], 3);
	assert_int_equal(b.vis[1], 4);
	assert_int_equal(b.vis[2], 2);
	assert_int_equal(b.vis[3], 1);
	b.show_closed = true;
	tui_board_view(&b);
	assert_int_equal(b.nvis, 5);
	b.sort = TUI_SORT_ID;
	tui_board_view(&b);
	assert_int_equal(b.vis[0], 1);
	tui_board_cleanup(&b);
}

static void
selection_stays_on_its_booking_when_rows_reorder(void **state)
{
	struct tui_board	b;

	tui_board_init(&b);
	snapshot(&b, 30, dash_row(1, 1, "assign", NULL, NULL, NULL),
	    dash_row(2, 1, "assign", NULL, NULL, NULL), NULL);
	b.selected = 2;
	apply(&b, 31, 1, "assigned", story[0].data, summary(1, 2, "none",
	    "pickup", "Karthik", "assigned"), NOW);
	assert_int_equal(b.vis[0], 2);
	assert_int_equal(b.selected, 2);
	tui_board_move(&b, 1);
	assert_int_equal(b.selected, 1);
	tui_board_move(&b, 5);
	assert_int_equal(b.selected, 1);
	/* the selected row leaves the view: the one now at its place */
	snprintf(b.filter, sizeof b.filter, "#2");
	tui_board_view(&b);
	assert_int_equal(b.selected, 2);
	tui_board_cleanup(&b);
}

static void
event_log_keeps_each_seq_once_in_order_and_bounded(void **state)
{
	struct tui_evlog	log;
	struct tui_event	ev;
	int64_t			seq;

	memset(&log, 0, sizeof log);
	for (seq = TUI_EVLOG_MAX + 10; seq > 0; seq--) {
		event(&ev, seq, 3, "assigned", story[0].data, NULL);
		tui_evlog_add(&log, &ev);
		assert_false(tui_evlog_add(&log, &ev));
		tui_event_cleanup(&ev);
	}
	assert_int_equal(log.n, TUI_EVLOG_MAX);
	assert_int_equal(log.ev[0].seq, 11);
	assert_int_equal(log.ev[log.n - 1].seq, TUI_EVLOG_MAX + 10);
	assert_int_equal(tui_evlog_at(&log, 0)->seq, TUI_EVLOG_MAX + 10);
	snprintf(log.filter, sizeof log.filter, "karthik #3");
	assert_int_equal(tui_evlog_count(&log), TUI_EVLOG_MAX);
	snprintf(log.filter, sizeof log.filter, "#4");
	assert_int_equal(tui_evlog_count(&log), 0);
	tui_evlog_cleanup(&log);

	/* ascending, as the history arrives: the newest stay, in order */
	memset(&log, 0, sizeof log);
	for (seq = 1; seq <= 3 * TUI_EVLOG_MAX; seq++) {
		event(&ev, seq, 3, "created", "{}", NULL);
		assert_true(tui_evlog_add(&log, &ev));
		tui_event_cleanup(&ev);
	}
	assert_true(log.n >= TUI_EVLOG_MAX * 9 / 10);
	assert_true(log.n <= TUI_EVLOG_MAX);
	assert_int_equal(log.ev[log.n - 1].seq, 3 * TUI_EVLOG_MAX);
	for (seq = 1; seq < (int64_t)log.n; seq++)
		assert_int_equal(log.ev[seq].seq, log.ev[seq - 1].seq + 1);
	tui_evlog_cleanup(&log);
}

static void
events_describe_what_happened(void **state)
{
	struct tui_event	ev;
	char			buf[256];

	event(&ev, 1, 3, "assigned", "{\"mechanic_name\":\"Karthik\","
	    "\"assignment_type\":\"pickup\",\"automatic\":true}", NULL);
	tui_event_describe(&ev, buf, sizeof buf);
	assert_string_equal(buf, "pickup assigned to Karthik (auto)");
	tui_event_cleanup(&ev);
	event(&ev, 2, 3, "status_changed", "{\"from\":\"booked\",\"to\":"
	    "\"pickup\"}", NULL);
	tui_event_describe(&ev, buf, sizeof buf);
	assert_string_equal(buf, "status booked → pickup");
	tui_event_cleanup(&ev);
	event(&ev, 3, 3, "cancelled", "{\"fee\":\"100.00\",\"fee_gst\":"
	    "\"18.00\",\"refund\":\"0.00\"}", NULL);
	tui_event_describe(&ev, buf, sizeof buf);
	assert_string_equal(buf, "cancelled: fee 100.00 + GST 18.00, refund "
	    "0.00");
	tui_event_cleanup(&ev);
}

static void
malformed_input_is_refused_without_harm(void **state)
{
	struct tui_row		*rows;
	struct tui_event	*evs, ev;
	size_t			 n;
	cJSON			*o;

	assert_int_equal(tui_board_parse_snapshot("{\"detail\":\"x\"}", &rows,
	    &n), -1);
	assert_int_equal(tui_board_parse_snapshot("[{\"booking_id\":\"x\"},"
	    "3, null, {}]", &rows, &n), 0);
	assert_int_equal(n, 0);
	tui_rows_free(rows, n);
	assert_int_equal(tui_events_parse("[{\"seq\":1}, {\"kind\":\"x\"}]",
	    &evs, &n), 0);
	assert_int_equal(n, 0);
	tui_events_free(evs, n);
	assert_int_equal(tui_events_parse("not json", &evs, &n), -1);
	o = cJSON_Parse("{\"seq\":4,\"kind\":\"created\",\"booking_id\":0}");
	assert_int_equal(tui_event_parse(o, &ev), -1);
	cJSON_Delete(o);
}

/* --- offers: the state machine, asked with what the board knows --- */

static size_t
offers_of(int status, const char *action, int active_type,
    long open_progress, bool analysis_open, char *out, size_t len)
{
	struct tui_row		r;
	struct tui_facts	f;
	struct tui_offer	o[12];
	char			label[64];
	size_t			n, i, k = 0;

	memset(&r, 0, sizeof r);
	r.id = 9;
	r.status_id = status;
	r.action = tui_action_req_parse(action);
	if (active_type > 0) {
		r.slot[active_type].mech_name = (char *)"Karthik";
		r.slot[active_type].mech_id = (char *)"MEC000002";
		r.slot[active_type].assignment_id = 77;
		r.slot[active_type].active = true;
	}
	r.progress_id = open_progress;
	r.progress_validated = open_progress == 0;
	r.has_analysis = analysis_open;
	tui_facts_from_row(&r, &f);
	n = tui_offers(&f, o, sizeof o / sizeof o[0]);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		tui_offer_label(&o[i], &f, label, sizeof label);
		k += (size_t)snprintf(out + k, len - k, "%s%s", i > 0 ? "; " :
		    "", label);
	}
	return n;
}

static void
offers_are_what_the_state_machine_allows_an_admin(void **state)
{
	char	s[512];

	offers_of(PROTO_STATUS_BOOKED, "assign", 0, 0, false, s, sizeof s);
	assert_string_equal(s, "assign pickup; cancel booking");
	offers_of(PROTO_STATUS_PICKUP, "none", PROTO_ASSIGN_PICKUP, 0, false,
	    s, sizeof s);
	assert_string_equal(s, "reassign pickup; cancel booking; release "
	    "pickup (Karthik)");
	offers_of(PROTO_STATUS_RECEIVED, "validate", 0, 5, false, s, sizeof s);
	assert_string_equal(s, "assign analysis; validate progress #5; edit "
	    "progress #5; cancel booking");
	offers_of(PROTO_STATUS_ANALYSED, "validate", 0, 0, true, s, sizeof s);
	assert_string_equal(s, "validate analysis; edit analysis; cancel "
	    "booking");
	offers_of(PROTO_STATUS_COMPLETED, "assign", 0, 0, false, s, sizeof s);
	assert_string_equal(s, "out for delivery (assign drop)");
	offers_of(PROTO_STATUS_OUT_FOR_DELIVERY, "none", PROTO_ASSIGN_DROP, 0,
	    false, s, sizeof s);
	assert_string_equal(s, "reassign drop; release drop (Karthik)");
	offers_of(PROTO_STATUS_DELIVERED, "validate", 0, 8, false, s,
	    sizeof s);
	assert_string_equal(s, "validate progress #8; edit progress #8");
	assert_int_equal(offers_of(PROTO_STATUS_DELIVERED, "none", 0, 0,
	    false, s, sizeof s), 0);
	/* cancelled without the car at the shop: no return drop */
	assert_int_equal(offers_of(PROTO_STATUS_CANCELLED, "none", 0, 0,
	    false, s, sizeof s), 0);
	offers_of(PROTO_STATUS_CANCELLED, "assign", 0, 0, false, s, sizeof s);
	assert_string_equal(s, "assign return drop");
}

static void
service_assignment_needs_work_left_by_the_detail(void **state)
{
	struct tui_facts	f;
	struct tui_offer	o;

	memset(&f, 0, sizeof f);
	f.booking = 9;
	f.status_id = PROTO_STATUS_IN_PROGRESS;
	f.work_left = TUI_TRI_UNKNOWN;
	assert_true(tui_offer_pick(&f, TUI_VERB_ASSIGN, &o));
	assert_int_equal(o.type, PROTO_ASSIGN_SERVICE);
	f.work_left = TUI_TRI_NO;
	assert_false(tui_offer_pick(&f, TUI_VERB_ASSIGN, &o));
	assert_false(tui_offer_pick(&f, TUI_VERB_VALIDATE, &o));
}

/* --- the detail: fee and fitness --- */

static const char *detail_body =
    "{\"id\":9,\"status\":\"%s\",\"customer\":{\"name\":\"Zoë\","
    "\"phone\":7000000001,\"email\":\"z@example.test\",\"id\":\"CST1\"},"
    "\"car\":{\"manufacturer\":\"Tata\",\"model\":\"Nexon\",\"reg_no\":"
    "\"TN01\"},\"booked_services\":[{\"id\":1,\"title\":\"Oil\","
    "\"category\":{\"id\":2,\"name\":\"Engine\"},\"status\":\"confirmed\","
    "\"est_price\":\"1500.00\",\"price\":\"%s\",\"completed\":%s},"
    "{\"id\":2,\"title\":\"Wash\",\"category\":{\"id\":10,\"name\":"
    "\"Washing\"},\"status\":\"confirmed\",\"est_price\":\"300.00\","
    "\"price\":\"250.00\",\"completed\":false}],"
    "\"total_estimated_price\":\"2124.00\",\"total_final_price\":%s,"
    "\"payment_method\":%s}";

static void
load_detail(struct tui_detail *d, const char *status, const char *price,
    const char *done, const char *final, const char *method)
{
	char	body[2048];

	snprintf(body, sizeof body, detail_body, status, price, done, final,
	    method);
	tui_detail_init(d);
	tui_detail_open(d, 9);
	assert_int_equal(tui_detail_apply_booking(d, body), 0);
}

static void
cancel_fee_follows_spec_5_13(void **state)
{
	struct tui_detail	d;
	struct tui_fee		f;

	load_detail(&d, "pickup", "1200.00", "false", "null", "null");
	assert_int_equal(tui_detail_cancel_fee(&d, 18, &f), 0);
	assert_int_equal(f.fee, 0);
	tui_detail_cleanup(&d);

	load_detail(&d, "analysed", "1200.00", "false", "null", "null");
	assert_int_equal(tui_detail_cancel_fee(&d, 18, &f), 0);
	assert_int_equal(f.fee, 10000);
	assert_int_equal(f.gst, 1800);
	assert_int_equal(f.total, 11800);
	assert_true(f.collected);
	assert_int_equal(tui_detail_cancel_fee(&d, -1, &f), 0);
	assert_int_equal(f.total, -1);
	tui_detail_cleanup(&d);

	/* in progress: the quoted price of the completed service */
	load_detail(&d, "in-progress", "1200.00", "true", "\"1711.00\"",
	    "\"offline\"");
	assert_int_equal(tui_detail_cancel_fee(&d, 18, &f), 0);
	assert_int_equal(f.fee, 120000);
	assert_int_equal(f.gst, 21600);
	assert_int_equal(f.total, 141600);
	tui_detail_cleanup(&d);

	/* nothing completed: ₹100.00; online: capped at the paid, refunded */
	load_detail(&d, "in-progress", "1200.00", "false", "\"1711.00\"",
	    "\"online\"");
	assert_int_equal(tui_detail_cancel_fee(&d, 18, &f), 0);
	assert_int_equal(f.total, 11800);
	assert_int_equal(f.refund, 171100 - 11800);
	assert_false(f.collected);
	tui_detail_cleanup(&d);

	load_detail(&d, "completed", "1200.00", "true", "null", "null");
	assert_int_equal(tui_detail_cancel_fee(&d, 18, &f), -1);
	tui_detail_cleanup(&d);
}

static void
stale_detail_gives_way_to_the_live_board_row(void **state)
{
	struct tui_detail	d;
	struct tui_row		r;
	struct tui_facts	f;

	load_detail(&d, "analysed", "1200.00", "false", "null", "null");
	assert_int_equal(tui_detail_apply_progress(&d, "[]"), 0);
	assert_int_equal(tui_detail_apply_events(&d, "[]"), 0);
	d.have |= TUI_DETAIL_ANALYSIS;	/* none yet: a 404 */
	d.asked_seq = 10;
	memset(&r, 0, sizeof r);
	r.id = 9;
	r.status_id = PROTO_STATUS_IN_PROGRESS;
	r.action = TUI_ACTREQ_ASSIGN;
	tui_facts_from_row(&r, &f);
	tui_facts_add_detail(&d, &f);
	assert_int_equal(f.status_id, PROTO_STATUS_ANALYSED);
	assert_int_equal(f.work_left, TUI_TRI_YES);
	/* a live event came after the detail was asked for */
	d.stale_seq = 11;
	tui_facts_from_row(&r, &f);
	tui_facts_add_detail(&d, &f);
	assert_int_equal(f.status_id, PROTO_STATUS_IN_PROGRESS);
	tui_detail_cleanup(&d);
}

static void
mechanic_fitness_follows_abilities_and_busy_rules(void **state)
{
	struct tui_mechs	ms;
	struct tui_detail	d;
	const struct tui_mech	*arun, *kart;

	tui_mechs_init(&ms);
	assert_int_equal(tui_mechs_apply_list(&ms, "[{\"id\":\"MEC1\","
	    "\"name\":\"Arun\",\"pickup_drop\":false,\"analysis\":true,"
	    "\"service_categories\":[{\"id\":2,\"name\":\"Engine\"}]},"
	    "{\"id\":\"MEC2\",\"name\":\"Karthik\",\"pickup_drop\":true,"
	    "\"analysis\":false,\"service_categories\":[{\"id\":3}]}]"), 0);
	assert_int_equal(tui_mechs_apply_workload(&ms, "[{\"id\":\"MEC1\","
	    "\"active_assignments\":[{\"id\":4,\"booking_id\":5,"
	    "\"assignment_type\":\"analysis\"}],\"active_hours\":\"1.00\"}]"),
	    0);
	arun = tui_mechs_find(&ms, "MEC1");
	kart = tui_mechs_find(&ms, "MEC2");
	assert_string_equal(arun->hours, "1.00");
	assert_int_equal(tui_mech_jobs_of(arun, PROTO_ASSIGN_ANALYSIS), 1);
	assert_string_equal(tui_mech_unfit(arun, PROTO_ASSIGN_PICKUP, 9, NULL),
	    "no pickup/drop");
	assert_null(tui_mech_unfit(kart, PROTO_ASSIGN_DROP, 9, NULL));
	assert_string_equal(tui_mech_unfit(arun, PROTO_ASSIGN_ANALYSIS, 9,
	    NULL), "busy: analysis");
	assert_null(tui_mech_unfit(arun, PROTO_ASSIGN_ANALYSIS, 5, NULL));
	load_detail(&d, "in-progress", "1200.00", "false", "null", "null");
	assert_null(tui_mech_unfit(arun, PROTO_ASSIGN_SERVICE, 9, &d));
	assert_string_equal(tui_mech_unfit(kart, PROTO_ASSIGN_SERVICE, 9, &d),
	    "no category");
	/* a new list keeps the workload until its own reply */
	assert_int_equal(tui_mechs_apply_list(&ms, "[{\"id\":\"MEC1\","
	    "\"name\":\"Arun\",\"analysis\":true}]"), 0);
	assert_int_equal(tui_mechs_find(&ms, "MEC1")->njobs, 1);
	assert_null(tui_mechs_find(&ms, "MEC2"));
	tui_detail_cleanup(&d);
	tui_mechs_cleanup(&ms);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    snapshot_gives_one_row_per_booking_with_its_fields),
		cmocka_unit_test(
		    event_with_summary_after_the_snapshot_updates_its_row),
		cmocka_unit_test(event_older_than_the_snapshot_changes_nothing),
		cmocka_unit_test(duplicate_event_changes_nothing),
		cmocka_unit_test(
		    out_of_order_events_give_the_same_rows_as_in_order),
		cmocka_unit_test(
		    snapshot_after_newer_events_keeps_what_they_wrote),
		cmocka_unit_test(
		    snapshot_drops_bookings_it_lacks_but_keeps_newer_ones),
		cmocka_unit_test(
		    unknown_booking_comes_from_a_summary_else_board_is_stale),
		cmocka_unit_test(
		    history_tells_status_age_and_each_types_mechanic),
		cmocka_unit_test(live_change_highlights_the_row_for_a_while),
		cmocka_unit_test(
		    status_change_without_summary_marks_the_action_unknown),
		cmocka_unit_test(
		    filter_matches_words_qualifiers_and_utf8_names),
		cmocka_unit_test(
		    urgency_is_validate_then_assign_then_longest_waiting),
		cmocka_unit_test(
		    selection_stays_on_its_booking_when_rows_reorder),
		cmocka_unit_test(
		    event_log_keeps_each_seq_once_in_order_and_bounded),
		cmocka_unit_test(events_describe_what_happened),
		cmocka_unit_test(malformed_input_is_refused_without_harm),
		cmocka_unit_test(
		    offers_are_what_the_state_machine_allows_an_admin),
		cmocka_unit_test(
		    service_assignment_needs_work_left_by_the_detail),
		cmocka_unit_test(cancel_fee_follows_spec_5_13),
		cmocka_unit_test(stale_detail_gives_way_to_the_live_board_row),
		cmocka_unit_test(
		    mechanic_fitness_follows_abilities_and_busy_rules),
	};

	/* UTF-8 case folding for the filter test, where the locale has it */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
