/* Assignments against the real server (SPEC §5.6, §5.7, §5.15, §8.10):
 * every assign check with its exact answer, the state moves and events,
 * two admins assigning at once, release with and without the automatic
 * re-assignment, and the mechanic's list. Each test makes its own
 * customers, cars, bookings and mechanics with SQL. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <libpq-fe.h>

#include "fixtures.h"

#define JSON_CT		"application/json"
#define ASSIGN_PATH	"/api/v1/bookings/admin/assign"
#define LIST_PATH	"/api/v1/bookings/mechanic/assignments"
#define INVALID		"Attempting invalid state transition"

/* Assignment types and statuses (SPEC §5.1, §5.3). */
enum { PICKUP = 1, DROP = 2, SERVICE = 3, ANALYSIS = 4 };
enum {
	BOOKED = 1, ST_PICKUP = 2, RECEIVED = 3, ST_ANALYSIS = 4,
	ANALYSED = 5, IN_PROGRESS = 6, COMPLETED = 7, OUT = 8,
	DELIVERED = 9, CANCELLED = 10
};

static char	*admin;		/* the admin's token */

/* ---- SQL fixtures ---------------------------------------------------- */

/* A booking of a fresh customer (own car and address) in status, with
 * car_received; cancelled ones were cancelled an hour ago. */
static long
booking_new(int status, bool car_received)
{
	struct tc_booking	b = { .name = "Assign %ld", .reg = "AS %ld",
	    .line1 = "7 Test Street", .status = status,
	    .received = car_received, .drop_slot = 3 };

	return tc_new_booking(&b);
}

/* A fresh mechanic with abilities and the one service category cat. */
static char *
mechanic_in(long cat, bool pickup_drop, bool analysis)
{
	char	buf[24];

	snprintf(buf, sizeof buf, "{%ld}", cat);
	return tc_new_mechanic(NULL, pickup_drop, analysis, buf, NULL);
}

/* A service category nobody else has, and a service in it. */
static long
category_new(void)
{
	long	n = tc_unique_phone();

	return tc_sql_long("INSERT INTO service_categories (name, description,"
	    " image) VALUES ('Category %ld', 'test category', 'c.png')"
	    " RETURNING id", n);
}

static long
service_new(long category, const char *hours)
{
	return tc_sql_long("INSERT INTO services (title, description,"
	    " category_id, works, warranty_kms, warranty_months, time_hrs,"
	    " difficulty) VALUES ('Test service', 'a test service', %ld,"
	    " '{check}', 0, 0, %s, 2) RETURNING id", category,
	    hours);
}

/* A booked service line: status 1, 12 or 13, maybe completed. */
static void
line_new(long booking, long service, int status, bool completed)
{
	free(tc_sqlf("INSERT INTO booked_services (booking_id, service_id,"
	    " status_id, est_price, completed, completed_at) VALUES (%ld, %ld,"
	    " %d, 100, %s, CASE WHEN %s THEN now() END)", booking, service,
	    status, completed ? "true" : "false",
	    completed ? "true" : "false"));
}

/* A progress entry on an assignment, in booking status, validated or not. */
static void
progress_new(long booking, const char *mechanic, long assignment,
    int status, bool validated)
{
	free(tc_sqlf("INSERT INTO booking_progress (mechanic_id, booking_id,"
	    " assignment_id, description, status_id, validated) VALUES ('%s',"
	    " %ld, %ld, 'done', %d, %s)", mechanic, booking, assignment, status,
	    validated ? "true" : "false"));
}

static long
booking_status(long booking)
{
	return tc_sql_long("SELECT status_id FROM bookings WHERE id = %ld",
	    booking);
}

static long
active_count(long booking)
{
	return tc_sql_long("SELECT count(*) FROM booking_assignment WHERE"
	    " booking_id = %ld AND status_id = 11", booking);
}

/* ---- HTTP helpers ---------------------------------------------------- */

static long
assign(const char *token, const char *mechanic, long booking, int type,
    struct tc_resp *r)
{
	struct tc_opt	 o = { .token = token, .ctype = JSON_CT };
	char		 body[256];

	snprintf(body, sizeof body, "{\"mechanic_id\":\"%s\",\"booking_id\":"
	    "%ld,\"assignment_type_id\":%d,\"note\":\"by hand\"}", mechanic,
	    booking, type);
	assert_int_equal(tc_request("POST", ASSIGN_PATH, body, &o, r), 0);
	return r->status;
}

/* Assign and expect status and detail (NULL: success). */
static void
assign_expect(const char *mechanic, long booking, int type, long status,
    const char *detail)
{
	struct tc_resp	r;

	assert_int_equal(assign(admin, mechanic, booking, type, &r), status);
	if (detail != NULL)
		assert_string_equal(tc_detail(&r), detail);
	tc_resp_free(&r);
}

static long
release(const char *token, long assignment, const char *reason,
    struct tc_resp *r)
{
	struct tc_opt	 o = { .token = token, .ctype = JSON_CT };
	char		 path[128], body[256];

	snprintf(path, sizeof path, "/api/v1/bookings/assignments/%ld/release",
	    assignment);
	snprintf(body, sizeof body, "{\"reason\":\"%s\"}", reason);
	assert_int_equal(tc_request("PUT", path, body, &o, r), 0);
	return r->status;
}

static void
release_expect(const char *token, long assignment, long status,
    const char *detail)
{
	struct tc_resp	r;

	assert_int_equal(release(token, assignment, "not today", &r), status);
	if (detail != NULL)
		assert_string_equal(tc_detail(&r), detail);
	tc_resp_free(&r);
}

/* ---- assign: success and effects ------------------------------------- */

static void
pickup_moves_booked_to_pickup_with_events(void **state)
{
	struct tc_resp	 r;
	long		 b = booking_new(BOOKED, false);
	char		*m = tc_new_mechanic(NULL, true, false, "{}", NULL), *v;

	assert_int_equal(assign(admin, m, b, PICKUP, &r), 200);
	assert_string_equal(tc_jstr(r.json, "mechanic_id"), m);
	assert_int_equal(tc_jnum(r.json, "booking_id"), b);
	assert_int_equal(tc_jnum(r.json, "assignment_type_id"), PICKUP);
	assert_int_equal(tc_jnum(r.json, "status_id"), 11);
	assert_string_equal(tc_jstr(r.json, "note"), "by hand");
	assert_int_equal(strlen(tc_jstr(r.json, "assigned_at")), 27);
	assert_true(tc_jnum(r.json, "id") > 0);
	v = tc_sqlf("SELECT concat_ws('|', status_id, note, automatic,"
	    " assigned_by) FROM booking_assignment WHERE id = %.0f",
	    tc_jnum(r.json, "id"));
	assert_string_equal(v, "11|by hand|f|ADM000001");
	free(v);
	tc_resp_free(&r);
	assert_int_equal(booking_status(b), ST_PICKUP);
	tc_kinds_are(b, 0, "assigned,status_changed");
	v = tc_sqlf("SELECT concat_ws('|', actor, actor_role,"
	    " payload->'data'->>'mechanic_id',"
	    " payload->'data'->>'mechanic_name',"
	    " payload->'data'->>'assignment_type',"
	    " payload->'data'->>'automatic',"
	    " (payload->'data'->>'assignment_id')::int = a.id)"
	    " FROM booking_events e, booking_assignment a WHERE e.booking_id ="
	    " %ld AND e.kind = 'assigned' AND a.booking_id = e.booking_id", b);
	assert_non_null(strstr(v, "ADM000001|1|MEC"));
	assert_non_null(strstr(v, "|Mech "));
	assert_non_null(strstr(v, "|pickup|false|t"));
	free(v);
	v = tc_sqlf("SELECT payload->>'data' FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'status_changed'", b);
	assert_non_null(strstr(v, "\"from\": \"booked\""));
	assert_non_null(strstr(v, "\"to\": \"pickup\""));
	free(v);
	free(m);
}

static void
analysis_moves_received_to_analysis(void **state)
{
	long	 b = booking_new(RECEIVED, true), a;
	char	*p = tc_new_mechanic(NULL, true, false, "{}", NULL);
	char	*m = tc_new_mechanic(NULL, false, true, "{}", NULL);

	a = tc_new_assignment(p, b, PICKUP, 7);
	progress_new(b, p, a, ST_PICKUP, true);
	assign_expect(m, b, ANALYSIS, 200, NULL);
	assert_int_equal(booking_status(b), ST_ANALYSIS);
	free(p);
	free(m);
}

static void
service_keeps_in_progress_and_writes_only_assigned(void **state)
{
	long	 cat = category_new(), b = booking_new(IN_PROGRESS, true);
	char	*m = mechanic_in(cat, false, false);

	line_new(b, service_new(cat, "2.50"), 12, false);
	assign_expect(m, b, SERVICE, 200, NULL);
	assert_int_equal(booking_status(b), IN_PROGRESS);
	tc_kinds_are(b, 0, "assigned");
	free(m);
}

static void
drop_moves_completed_to_out_for_delivery(void **state)
{
	long	 b = booking_new(COMPLETED, true);
	char	*m = tc_new_mechanic(NULL, true, false, "{}", NULL);

	assign_expect(m, b, DROP, 200, NULL);
	assert_int_equal(booking_status(b), OUT);
	free(m);
}

static void
return_drop_on_cancelled_keeps_cancelled_and_only_once(void **state)
{
	long	 b = booking_new(CANCELLED, true), a;
	char	*m = tc_new_mechanic(NULL, true, false, "{}", NULL);
	struct tc_resp r;

	assert_int_equal(assign(admin, m, b, DROP, &r), 200);
	a = (long)tc_jnum(r.json, "id");
	tc_resp_free(&r);
	assert_int_equal(booking_status(b), CANCELLED);
	/* the return is done: no second return drop */
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 7 WHERE id ="
	    " %ld", a));
	assign_expect(m, b, DROP, 400, INVALID);
	free(m);
}

static void
cancelled_without_the_car_has_no_return_drop(void **state)
{
	long	 b = booking_new(CANCELLED, false);
	char	*m = tc_new_mechanic(NULL, true, false, "{}", NULL);

	assign_expect(m, b, DROP, 400, INVALID);
	assert_int_equal(active_count(b), 0);
	free(m);
}

static void
pickup_and_drop_jobs_may_stack(void **state)
{
	long	 b1 = booking_new(BOOKED, false);
	long	 b2 = booking_new(BOOKED, false);
	char	*m = tc_new_mechanic(NULL, true, false, "{}", NULL);

	assign_expect(m, b1, PICKUP, 200, NULL);
	assign_expect(m, b2, PICKUP, 200, NULL);
	free(m);
}

/* ---- assign: failures, in SPEC's order --------------------------------- */

static void
assign_needs_a_token_and_the_admin_scope(void **state)
{
	struct tc_resp	 r;
	long		 b = booking_new(BOOKED, false), phone;
	char		*m = tc_new_mechanic(NULL, true, false, "{}", &phone),
	    *tok;

	assert_int_equal(assign(NULL, m, b, PICKUP, &r), 401);
	tc_resp_free(&r);
	tok = tc_login_phone(phone);
	assert_int_equal(assign(tok, m, b, PICKUP, &r), 403);
	tc_resp_free(&r);
	free(tok);
	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(assign(tok, m, b, PICKUP, &r), 403);
	tc_resp_free(&r);
	free(tok);
	assert_int_equal(active_count(b), 0);
	free(m);
}

static void
assign_body_is_validated_with_422(void **state)
{
	struct tc_opt	 o = { .token = admin, .ctype = JSON_CT };
	struct tc_resp	 r;
	const cJSON	*d;
	char		*note, body[1400];

	assert_int_equal(tc_request("POST", ASSIGN_PATH, "{\"booking_id\":1}",
	    &o, &r), 0);
	assert_int_equal(r.status, 422);
	d = cJSON_GetObjectItem(r.json, "detail");
	/* mechanic_id, assignment_type_id, note */
	assert_int_equal(cJSON_GetArraySize(d), 3);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(d, 0), "type"),
	    "missing");
	tc_resp_free(&r);
	note = malloc(1002);
	memset(note, 'n', 1001);
	note[1001] = '\0';
	snprintf(body, sizeof body, "{\"mechanic_id\":\"MEC000002\","
	    "\"booking_id\":1,\"assignment_type_id\":1,\"note\":\"%s\"}", note);
	free(note);
	assert_int_equal(tc_request("POST", ASSIGN_PATH, body, &o, &r), 0);
	assert_int_equal(r.status, 422);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    r.json, "detail"), 0), "type"), "string_too_long");
	tc_resp_free(&r);
	assert_int_equal(tc_request("POST", ASSIGN_PATH, "{\"mechanic_id\":"
	    "\"MEC000002\",\"booking_id\":1.5,\"assignment_type_id\":1,"
	    "\"note\":\"\"}", &o, &r), 0);
	assert_int_equal(r.status, 422);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    r.json, "detail"), 0), "type"), "int_from_float");
	tc_resp_free(&r);
}

static void
unknown_booking_is_404(void **state)
{
	assign_expect("MEC000002", 2000000000, PICKUP, 404,
	    "Booking not found.");
}

static void
unknown_assignment_type_is_404(void **state)
{
	long	 b = booking_new(BOOKED, false);
	char	*m = tc_new_mechanic(NULL, true, false, "{}", NULL);

	assign_expect(m, b, 99, 404, "Assignment type not found or Booking is "
	    "in invalid state.");
	free(m);
}

static void
unknown_deleted_or_inactive_mechanic_is_404(void **state)
{
	long	 b = booking_new(BOOKED, false);
	char	*gone = tc_new_mechanic(NULL, true, false, "{}", NULL);
	char	*off = tc_new_mechanic(NULL, true, false, "{}", NULL);

	assign_expect("MEC999999", b, PICKUP, 404, "Mechanic not found.");
	free(tc_sqlf("UPDATE mechanics SET deleted_at = now() WHERE id = '%s'",
	    gone));
	assign_expect(gone, b, PICKUP, 404, "Mechanic not found.");
	free(tc_sqlf("UPDATE users SET is_active = false WHERE id = '%s'",
	    off));
	assign_expect(off, b, PICKUP, 404, "Mechanic not found.");
	assert_int_equal(booking_status(b), BOOKED);
	free(gone);
	free(off);
}

static void
unvalidated_progress_blocks_the_next_assignment(void **state)
{
	long	 b = booking_new(RECEIVED, true), a;
	char	*p = tc_new_mechanic(NULL, true, false, "{}", NULL);
	char	*m = tc_new_mechanic(NULL, false, true, "{}", NULL);

	a = tc_new_assignment(p, b, PICKUP, 7);
	progress_new(b, p, a, ST_PICKUP, false);
	assign_expect(m, b, ANALYSIS, 400, "Validate and update previous "
	    "progress to customer before assigning.");
	assert_int_equal(booking_status(b), RECEIVED);
	free(p);
	free(m);
}

static void
second_assignment_is_400_already_assigned(void **state)
{
	long	 b = booking_new(BOOKED, false);
	char	*m1 = tc_new_mechanic(NULL, true, false, "{}", NULL);
	char	*m2 = tc_new_mechanic(NULL, true, false, "{}", NULL);

	assign_expect(m1, b, PICKUP, 200, NULL);
	assign_expect(m2, b, PICKUP, 400, "Already assigned to a mechanic.");
	assert_int_equal(active_count(b), 1);
	free(m1);
	free(m2);
}

static void
abilities_are_checked_with_400(void **state)
{
	long	 cat = category_new(), b1 = booking_new(BOOKED, false);
	long	 b2 = booking_new(RECEIVED, true), b3;
	char	*none = tc_new_mechanic(NULL, false, false, "{1}", NULL);

	assign_expect(none, b1, PICKUP, 400,
	    "Mechanic is not qualified for pickup or drop.");
	assign_expect(none, b2, ANALYSIS, 400,
	    "Mechanic is not qualified for analysis.");
	b3 = booking_new(IN_PROGRESS, true);
	line_new(b3, service_new(cat, "1.00"), 12, false);
	assign_expect(none, b3, SERVICE, 400,
	    "Mechanic is not qualified for the remaining services.");
	assert_int_equal(active_count(b3), 0);
	free(none);
}

static void
a_type_the_status_does_not_allow_is_400(void **state)
{
	long	 b = booking_new(BOOKED, false);
	char	*m = tc_new_mechanic(NULL, true, true, "{}", NULL);

	assign_expect(m, b, ANALYSIS, 400, INVALID);
	assign_expect(m, b, DROP, 400, INVALID);
	assign_expect(m, b, SERVICE, 400, INVALID);
	assert_int_equal(booking_status(b), BOOKED);
	free(m);
}

static void
service_with_nothing_left_is_400(void **state)
{
	long	 cat = category_new(), b = booking_new(IN_PROGRESS, true);
	char	*m = mechanic_in(cat, false, false);

	line_new(b, service_new(cat, "1.00"), 12, true);
	line_new(b, service_new(cat, "1.00"), 13, false);
	assign_expect(m, b, SERVICE, 400, "No services remain to be done.");
	free(m);
}

static void
a_second_active_service_or_analysis_job_is_409(void **state)
{
	long	 cat = category_new(), b1 = booking_new(IN_PROGRESS, true);
	long	 b2 = booking_new(IN_PROGRESS, true);
	long	 b3 = booking_new(RECEIVED, true);
	long	 b4 = booking_new(RECEIVED, true);
	char	*m = mechanic_in(cat, false, true);

	line_new(b1, service_new(cat, "1.00"), 12, false);
	line_new(b2, service_new(cat, "1.00"), 12, false);
	assign_expect(m, b1, SERVICE, 200, NULL);
	assign_expect(m, b2, SERVICE, 409,
	    "Mechanic already has an active service assignment.");
	assign_expect(m, b3, ANALYSIS, 200, NULL);
	assign_expect(m, b4, ANALYSIS, 409,
	    "Mechanic already has an active analysis assignment.");
	assert_int_equal(active_count(b2) + active_count(b4), 0);
	free(m);
}

/* ---- concurrency ------------------------------------------------------ */

struct race {
	pthread_barrier_t	*start;
	const char		*mechanic;
	long			 booking;
	int			 type;
	long			 status;
	char			 detail[128];
};

/* One admin's request, sent when every thread is ready. */
static void *
race_run(void *arg)
{
	struct race	*x = arg;
	struct tc_opt	 o = { .token = admin, .ctype = JSON_CT };
	struct tc_resp	 r;
	char		 body[256];

	snprintf(body, sizeof body, "{\"mechanic_id\":\"%s\",\"booking_id\":"
	    "%ld,\"assignment_type_id\":%d,\"note\":\"race\"}", x->mechanic,
	    x->booking, x->type);
	pthread_barrier_wait(x->start);
	x->status = tc_request("POST", ASSIGN_PATH, body, &o, &r) == 0 ?
	    r.status : -1;
	snprintf(x->detail, sizeof x->detail, "%s",
	    tc_detail(&r) != NULL ? tc_detail(&r) : "");
	tc_resp_free(&r);
	return NULL;
}

static void
two_admins_assigning_at_once_get_one_200_and_one_400(void **state)
{
	pthread_barrier_t	 start;
	pthread_t		 t[2];
	struct race		 x[2];
	long			 b, ok = 0, refused = 0;
	int			 round, i;
	char			*m[2];

	for (round = 0; round < 5; round++) {
		b = booking_new(BOOKED, false);
		m[0] = tc_new_mechanic(NULL, true, false, "{}", NULL);
		m[1] = tc_new_mechanic(NULL, true, false, "{}", NULL);
		pthread_barrier_init(&start, NULL, 2);
		for (i = 0; i < 2; i++) {
			memset(&x[i], 0, sizeof x[i]);
			x[i].start = &start;
			x[i].mechanic = m[i];
			x[i].booking = b;
			x[i].type = PICKUP;
			pthread_create(&t[i], NULL, race_run, &x[i]);
		}
		for (i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
		pthread_barrier_destroy(&start);
		for (i = 0; i < 2; i++) {
			if (x[i].status == 200)
				ok++;
			else {
				assert_int_equal(x[i].status, 400);
				assert_string_equal(x[i].detail,
				    "Already assigned to a mechanic.");
				refused++;
			}
		}
		assert_int_equal(active_count(b), 1);
		assert_int_equal(booking_status(b), ST_PICKUP);
		assert_int_equal(tc_sql_long("SELECT count(*) FROM"
		    " booking_events WHERE booking_id = %ld AND kind ="
		    " 'assigned'", b), 1);
		free(m[0]);
		free(m[1]);
	}
	assert_int_equal(ok, 5);
	assert_int_equal(refused, 5);
}

/* Assign in a thread while the test holds a conflicting row. */
struct held {
	const char	*mechanic;
	long		 booking;
	long		 status;
	char		 detail[128];
};

static void *
held_run(void *arg)
{
	struct held	*h = arg;
	struct tc_resp	 r;

	h->status = assign(admin, h->mechanic, h->booking, SERVICE, &r);
	snprintf(h->detail, sizeof h->detail, "%s",
	    tc_detail(&r) != NULL ? tc_detail(&r) : "");
	tc_resp_free(&r);
	return NULL;
}

/* Whether some backend waits on a lock inside an assignment insert. */
static bool
insert_waits(PGconn *pg)
{
	PGresult	*res;
	bool		 yes;

	res = PQexec(pg, "SELECT count(*) FROM pg_stat_activity WHERE"
	    " wait_event_type = 'Lock' AND query LIKE"
	    " '%INSERT INTO booking_assignment%'");
	yes = PQresultStatus(res) == PGRES_TUPLES_OK &&
	    atoi(PQgetvalue(res, 0, 0)) > 0;
	PQclear(res);
	return yes;
}

static void
unique_index_winner_gives_the_409_not_a_500(void **state)
{
	PGconn		*pg, *watch;
	PGresult	*res;
	pthread_t	 t;
	struct held	 h;
	long		 cat = category_new();
	long		 b1 = booking_new(IN_PROGRESS, true);
	long		 b2 = booking_new(IN_PROGRESS, true);
	char		*m = mechanic_in(cat, false, false), sql[512];
	time_t		 deadline;

	line_new(b1, service_new(cat, "1.00"), 12, false);
	line_new(b2, service_new(cat, "1.00"), 12, false);
	/* an uncommitted active service job of his: the checks cannot see
	 * it, only the unique index can */
	pg = PQconnectdb(tc_pgurl());
	watch = PQconnectdb(tc_pgurl());
	PQclear(PQexec(pg, "BEGIN"));
	snprintf(sql, sizeof sql, "INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, assigned_by) VALUES ('%s', %ld,"
	    " 3, 'ADM000001')", m, b1);
	res = PQexec(pg, sql);
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	memset(&h, 0, sizeof h);
	h.mechanic = m;
	h.booking = b2;
	pthread_create(&t, NULL, held_run, &h);
	deadline = time(NULL) + 20;
	while (!insert_waits(watch) && time(NULL) < deadline)
		usleep(20000);
	assert_true(insert_waits(watch));
	PQclear(PQexec(pg, "COMMIT"));
	pthread_join(t, NULL);
	assert_int_equal(h.status, 409);
	assert_string_equal(h.detail,
	    "Mechanic already has an active service assignment.");
	assert_int_equal(active_count(b2), 0);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM booking_events WHERE"
	    " booking_id = %ld", b2), 0);
	PQfinish(pg);
	PQfinish(watch);
	free(m);
}

/* ---- release ---------------------------------------------------------- */

static void
admin_release_moves_back_and_writes_events(void **state)
{
	struct tc_resp	 r;
	long		 b = booking_new(BOOKED, false), a;
	char		*m = tc_new_mechanic(NULL, true, false, "{}", NULL), *v;

	tc_setting_set(admin, "assignment_automation", false);
	assert_int_equal(assign(admin, m, b, PICKUP, &r), 200);
	a = (long)tc_jnum(r.json, "id");
	tc_resp_free(&r);
	assert_int_equal(release(admin, a, "  driver is sick  ", &r), 200);
	assert_int_equal(tc_jnum(r.json, "id"), a);
	assert_int_equal(tc_jnum(r.json, "status_id"), 17);
	tc_resp_free(&r);
	v = tc_sqlf("SELECT concat_ws('|', status_id, release_reason,"
	    " released_at IS NOT NULL) FROM booking_assignment WHERE id = %ld",
	    a);
	assert_string_equal(v, "17|driver is sick|t");
	free(v);
	assert_int_equal(booking_status(b), BOOKED);
	assert_int_equal(active_count(b), 0);
	tc_kinds_are(b, 0, "assigned,status_changed,assignment_released,"
	    "status_changed");
	v = tc_sqlf("SELECT concat_ws('|', payload->'data'->>'assignment_id',"
	    " payload->'data'->>'mechanic_id', payload->'data'->>'reason',"
	    " payload->'data'->>'assignment_type') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'assignment_released'", b);
	assert_non_null(strstr(v, "|driver is sick|pickup"));
	assert_non_null(strstr(v, m));
	free(v);
	free(m);
}

static void
release_of_analysis_and_drop_follow_t13(void **state)
{
	long	 b1 = booking_new(ST_ANALYSIS, true);
	long	 b2 = booking_new(OUT, true);
	char	*m = tc_new_mechanic(NULL, true, true, "{}", NULL);

	tc_setting_set(admin, "assignment_automation", false);
	release_expect(admin, tc_new_assignment(m, b1, ANALYSIS, 11), 200,
	    NULL);
	release_expect(admin, tc_new_assignment(m, b2, DROP, 11), 200, NULL);
	assert_int_equal(booking_status(b1), RECEIVED);
	assert_int_equal(booking_status(b2), COMPLETED);
	free(m);
}

static void
release_of_automatic_pickup_reassigns_to_another_mechanic(void **state)
{
	struct tc_resp	 r;
	long		 b = booking_new(BOOKED, false), a;
	char		*m = tc_new_mechanic(NULL, true, false, "{}", NULL), *v;

	tc_setting_set(admin, "assignment_automation", true);
	a = tc_new_assignment(m, b, PICKUP, 11);
	free(tc_sqlf("UPDATE booking_assignment SET automatic = true,"
	    " note = 'automated assignment for pickup', assigned_by = 'system'"
	    " WHERE id = %ld; UPDATE bookings SET status_id = 2 WHERE id = %ld",
	    a, b));
	assert_int_equal(release(admin, a, "van broke down", &r), 200);
	tc_resp_free(&r);
	v = tc_sqlf("SELECT concat_ws('|', a.mechanic_id <> '%s',"
	    " m.pickup_drop, a.automatic, a.note, a.assigned_by) FROM"
	    " booking_assignment a JOIN mechanics m ON m.id = a.mechanic_id"
	    " WHERE a.booking_id = %ld AND a.status_id = 11", m, b);
	assert_non_null(v);
	assert_string_equal(v, "t|t|t|automated assignment for pickup|system");
	free(v);
	assert_int_equal(booking_status(b), ST_PICKUP);
	tc_kinds_are(b, 0, "assignment_released,status_changed,assigned,"
	    "status_changed");
	v = tc_sqlf("SELECT concat_ws('|', actor, actor_role IS NULL,"
	    " payload->'data'->>'automatic') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'assigned'", b);
	assert_string_equal(v, "system|t|true");
	free(v);
	free(m);
}

static void
release_of_a_service_job_goes_to_the_other_able_mechanic(void **state)
{
	long	 cat = category_new(), b = booking_new(IN_PROGRESS, true), a;
	char	*m1 = mechanic_in(cat, false, false);
	char	*m2 = mechanic_in(cat, false, false), *v;

	line_new(b, service_new(cat, "3.00"), 12, false);
	a = tc_new_assignment(m1, b, SERVICE, 11);
	tc_setting_set(admin, "assignment_automation", true);
	release_expect(admin, a, 200, NULL);
	v = tc_sqlf("SELECT mechanic_id FROM booking_assignment WHERE"
	    " booking_id = %ld AND status_id = 11 AND automatic", b);
	assert_non_null(v);
	assert_string_equal(v, m2);
	free(v);
	assert_int_equal(booking_status(b), IN_PROGRESS);
	free(m1);
	free(m2);
}

static void
nobody_eligible_writes_auto_assign_failed_and_succeeds(void **state)
{
	long	 cat = category_new(), b = booking_new(IN_PROGRESS, true), a;
	char	*m = mechanic_in(cat, false, false), *v;

	line_new(b, service_new(cat, "3.00"), 12, false);
	a = tc_new_assignment(m, b, SERVICE, 11);
	tc_setting_set(admin, "assignment_automation", true);
	release_expect(admin, a, 200, NULL);
	assert_int_equal(active_count(b), 0);
	assert_int_equal(tc_sql_long("SELECT status_id FROM booking_assignment"
	    " WHERE id = %ld", a), 17);
	tc_kinds_are(b, 0, "assignment_released,auto_assign_failed");
	v = tc_sqlf("SELECT concat_ws('|', actor, payload->'data'->>"
	    "'assignment_type', payload->'data'->>'reason') FROM booking_events"
	    " WHERE booking_id = %ld AND kind = 'auto_assign_failed'", b);
	assert_string_equal(v, "system|service|No eligible mechanic.");
	free(v);
	free(m);
}

static void
automation_off_leaves_the_booking_unassigned(void **state)
{
	long	 b = booking_new(ST_PICKUP, false);
	char	*m = tc_new_mechanic(NULL, true, false, "{}", NULL);

	tc_setting_set(admin, "assignment_automation", false);
	release_expect(admin, tc_new_assignment(m, b, PICKUP, 11), 200, NULL);
	assert_int_equal(active_count(b), 0);
	tc_kinds_are(b, 0, "assignment_released,status_changed");
	free(m);
}

static void
mechanic_releases_his_own_job_before_posting(void **state)
{
	long	 b = booking_new(ST_PICKUP, false), phone, a;
	char	*m = tc_new_mechanic(NULL, true, false, "{}", &phone), *tok, *v;

	tc_setting_set(admin, "assignment_automation", false);
	a = tc_new_assignment(m, b, PICKUP, 11);
	tok = tc_login_phone(phone);
	release_expect(tok, a, 200, NULL);
	v = tc_sqlf("SELECT actor FROM booking_events WHERE booking_id = %ld"
	    " AND kind = 'assignment_released'", b);
	assert_string_equal(v, m);
	free(v);
	assert_int_equal(booking_status(b), BOOKED);
	free(tok);
	free(m);
}

static void
release_refusals(void **state)
{
	struct tc_resp	 r;
	long		 b = booking_new(ST_PICKUP, false), p1, p2, a, done;
	long		 b2 = booking_new(BOOKED, false);
	char		*m1 = tc_new_mechanic(NULL, true, false, "{}", &p1);
	char		*m2 = tc_new_mechanic(NULL, true, false, "{}", &p2),
	    *t1, *t2, *tc;

	a = tc_new_assignment(m1, b, PICKUP, 11);
	done = tc_new_assignment(m1, b2, PICKUP, 7);
	t1 = tc_login_phone(p1);
	t2 = tc_login_phone(p2);
	tc = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(release(NULL, a, "no token", &r), 401);
	tc_resp_free(&r);
	assert_int_equal(release(tc, a, "a customer", &r), 403);
	tc_resp_free(&r);
	assert_int_equal(release(admin, a, "no", &r), 422);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    r.json, "detail"), 0), "type"), "string_too_short");
	tc_resp_free(&r);
	release_expect(admin, 2000000000, 404, "Assignment not found.");
	release_expect(t2, a, 403, "Operation not permitted.");
	release_expect(admin, done, 400, "Assignment is not active.");
	release_expect(t1, done, 400, "Assignment is not active.");
	/* something posted on it: no longer his to give back */
	progress_new(b, m1, a, ST_PICKUP, false);
	release_expect(t1, a, 403, "Operation not permitted.");
	assert_int_equal(active_count(b), 1);
	assert_int_equal(booking_status(b), ST_PICKUP);
	free(t1);
	free(t2);
	free(tc);
	free(m1);
	free(m2);
}

/* ---- the mechanic's list ---------------------------------------------- */

static void
mechanic_lists_his_assignments_newest_first(void **state)
{
	struct tc_resp	 r;
	const cJSON	*it, *pl;
	long		 b1 = booking_new(BOOKED, false), phone, a1, a2, head;
	long		 b2 = booking_new(ST_PICKUP, false);
	char		*m = tc_new_mechanic(NULL, true, false, "{}", &phone),
	    *tok, *seq;

	a1 = tc_new_assignment(m, b1, PICKUP, 17);
	a2 = tc_new_assignment(m, b2, PICKUP, 11);
	free(tc_sqlf("UPDATE booking_assignment SET assigned_at = assigned_at -"
	    " interval '1 hour' WHERE id = %ld", a1));
	tok = tc_login_phone(phone);
	head = tc_max_seq();
	assert_int_equal(tc_call("GET", LIST_PATH, tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	seq = tc_header(&r, "x-total-count");
	assert_string_equal(seq, "2");
	free(seq);
	seq = tc_header(&r, "x-event-seq");
	assert_non_null(seq);
	assert_true(atol(seq) >= head);
	free(seq);
	it = cJSON_GetArrayItem(r.json, 0);
	assert_int_equal(tc_jnum(it, "id"), a2);
	assert_int_equal(tc_jnum(it, "booking_id"), b2);
	assert_string_equal(tc_jstr(it, "assignment_type"), "pickup");
	assert_string_equal(tc_jstr(it, "status"), "assigned");
	assert_string_equal(tc_jstr(it, "note"), "");
	assert_string_equal(tc_jstr(it, "booking_status"), "pickup");
	assert_int_equal(strlen(tc_jstr(it, "assigned_at")), 27);
	pl = cJSON_GetObjectItem(it, "car");
	assert_string_equal(tc_jstr(pl, "manufacturer"), "Maruti Suzuki");
	assert_string_equal(tc_jstr(pl, "model"), "Swift");
	assert_non_null(strstr(tc_jstr(pl, "reg_no"), "AS "));
	assert_non_null(cJSON_GetObjectItem(pl, "img"));
	pl = cJSON_GetObjectItem(it, "pickup");
	assert_string_equal(tc_jstr(pl, "timeslot"), "Morning");
	assert_int_equal(strlen(tc_jstr(pl, "date")), 10);
	pl = cJSON_GetObjectItem(pl, "address");
	assert_string_equal(tc_jstr(pl, "line1"), "7 Test Street");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(pl, "line2")));
	assert_true(tc_jnum(pl, "pincode") >= 100000);
	assert_non_null(cJSON_GetObjectItem(pl, "area"));
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(it, "drop"),
	    "timeslot"), "Evening");
	pl = cJSON_GetObjectItem(it, "customer");
	assert_non_null(strstr(tc_jstr(pl, "name"), "Assign "));
	assert_true(tc_jnum(pl, "phone") >= 6000000000.0);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 1), "status"),
	    "released");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", LIST_PATH "?status=released", tok, NULL,
	    &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal(tc_jnum(cJSON_GetArrayItem(r.json, 0), "id"), a1);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", LIST_PATH "?limit=1&offset=1", tok,
	    NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal(tc_jnum(cJSON_GetArrayItem(r.json, 0), "id"), a1);
	seq = tc_header(&r, "x-total-count");
	assert_string_equal(seq, "2");
	free(seq);
	tc_resp_free(&r);
	free(tok);
	free(m);
}

static void
admin_sees_a_mechanics_list_only_when_asking(void **state)
{
	struct tc_resp	 r;
	long		 b = booking_new(BOOKED, false);
	char		*m = tc_new_mechanic(NULL, true, false, "{}", NULL),
	    path[128];

	tc_new_assignment(m, b, PICKUP, 11);
	assert_int_equal(tc_call("GET", LIST_PATH, admin, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	snprintf(path, sizeof path, LIST_PATH "?mechanic_id=%s", m);
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal(tc_jnum(cJSON_GetArrayItem(r.json, 0), "booking_id"),
	    b);
	tc_resp_free(&r);
	free(m);
}

static void
list_refusals(void **state)
{
	struct tc_resp	 r;
	long		 phone;
	char		*m = tc_new_mechanic(NULL, true, false, "{}", &phone),
	    *tok;

	assert_int_equal(tc_call("GET", LIST_PATH, NULL, NULL, &r), 401);
	tc_resp_free(&r);
	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", LIST_PATH, tok, NULL, &r), 403);
	assert_string_equal(tc_detail(&r),
	    "Only mechanics or admin can view assignments");
	tc_resp_free(&r);
	free(tok);
	tok = tc_login_phone(phone);
	assert_int_equal(tc_call("GET", LIST_PATH "?mechanic_id=MEC000002", tok,
	    NULL, &r), 403);
	assert_string_equal(tc_detail(&r), "Operation not permitted. Trying to"
	    " access data of other mechanics.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", LIST_PATH "?status=busy", tok, NULL,
	    &r), 422);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    r.json, "detail"), 0), "type"), "literal_error");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", LIST_PATH "?limit=0", tok, NULL, &r),
	    422);
	tc_resp_free(&r);
	free(tok);
	free(m);
}

/* After every test, even a failed one: leave the setting as found. */
/* Put assignment_automation back as the test found it. */
static int
automation_restore(void **state)
{
	tc_setting_restore(admin);
	return 0;
}

static int
setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	return admin == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	free(admin);
	return 0;
}

int
main(void)
{
#define T(f)	cmocka_unit_test_teardown(f, automation_restore)
	const struct CMUnitTest tests[] = {
		T(pickup_moves_booked_to_pickup_with_events),
		T(analysis_moves_received_to_analysis),
		T(service_keeps_in_progress_and_writes_only_assigned),
		T(drop_moves_completed_to_out_for_delivery),
		T(return_drop_on_cancelled_keeps_cancelled_and_only_once),
		T(cancelled_without_the_car_has_no_return_drop),
		T(pickup_and_drop_jobs_may_stack),
		T(assign_needs_a_token_and_the_admin_scope),
		T(assign_body_is_validated_with_422),
		T(unknown_booking_is_404),
		T(unknown_assignment_type_is_404),
		T(unknown_deleted_or_inactive_mechanic_is_404),
		T(unvalidated_progress_blocks_the_next_assignment),
		T(second_assignment_is_400_already_assigned),
		T(abilities_are_checked_with_400),
		T(a_type_the_status_does_not_allow_is_400),
		T(service_with_nothing_left_is_400),
		T(a_second_active_service_or_analysis_job_is_409),
		T(two_admins_assigning_at_once_get_one_200_and_one_400),
		T(unique_index_winner_gives_the_409_not_a_500),
		T(admin_release_moves_back_and_writes_events),
		T(release_of_analysis_and_drop_follow_t13),
		T(release_of_automatic_pickup_reassigns_to_another_mechanic),
		T(release_of_a_service_job_goes_to_the_other_able_mechanic),
		T(nobody_eligible_writes_auto_assign_failed_and_succeeds),
		T(automation_off_leaves_the_booking_unassigned),
		T(mechanic_releases_his_own_job_before_posting),
		T(release_refusals),
		T(mechanic_lists_his_assignments_newest_first),
		T(admin_sees_a_mechanics_list_only_when_asking),
		T(list_refusals),
	};

	tc_base();
	curl_global_init(CURL_GLOBAL_ALL);
	return cmocka_run_group_tests_name("assignments", tests, setup,
	    teardown);
}
