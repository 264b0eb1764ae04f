/* The admin dashboard against the real server (SPEC §5.14, §8.10): the
 * row's shape, action_required for every row of §5.14, the filters,
 * paging and order, the X-Event-Seq header, and who may not look. Each
 * test makes its own bookings with SQL under a customer name of its own
 * and finds them with q. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define DASH	"/api/v1/bookings/admin/dashboard"

enum {
	BOOKED = 1, PICKUP = 2, RECEIVED = 3, ANALYSIS = 4, ANALYSED = 5,
	IN_PROGRESS = 6, COMPLETED = 7, OUT = 8, DELIVERED = 9, CANCELLED = 10
};

static char	*admin;

/*
 * A booking of a fresh customer named "<name> <phone>" with its own car
 * (registration "DS <phone>") and address, in status, promised at
 * now() + promised (an interval), cancelled an hour ago when status is
 * cancelled. *phone (may be NULL) receives the phone.
 */
static long
booking_new(const char *name, int status, bool car_received,
    const char *promised, long *phone)
{
	struct tc_booking	 b = { .reg = "DS %ld",
	    .line1 = "9 Board Street", .status = status,
	    .received = car_received, .drop_slot = 3, .promised = promised };
	char			 fmt[64];
	long			 id;

	snprintf(fmt, sizeof fmt, "%s %%ld", name);
	b.name = fmt;
	id = tc_new_booking(&b);
	if (phone != NULL)
		*phone = b.phone;
	return id;
}

/* A fresh mechanic (pickup/drop and analysis); his id, malloc'd. */
static char *
mechanic_new(long *phone)
{
	return tc_new_mechanic("Board %ld", true, true, NULL, phone);
}

/* The dashboard as admin with the query string; status 200 asserted. */
static void
board(const char *query, struct tc_resp *r)
{
	char	path[512];

	snprintf(path, sizeof path, DASH "%s", query);
	assert_int_equal(tc_call("GET", path, admin, NULL, r), 200);
	assert_true(cJSON_IsArray(r->json));
}

/* The booking ids of a dashboard answer, comma separated. */
static void
ids(const struct tc_resp *r, char *out, size_t len)
{
	const cJSON	*it;
	size_t		 n = 0;

	out[0] = '\0';
	cJSON_ArrayForEach(it, r->json)
		n += (size_t)snprintf(out + n, len - n, "%s%d",
		    n > 0 ? "," : "",
		    cJSON_GetObjectItem(it, "booking_id")->valueint);
}

/* ---- shape ----------------------------------------------------------- */

static void
row_carries_every_field_of_admin_booking_dashboard(void **state)
{
	struct tc_resp	 r;
	const cJSON	*row, *o;
	long		 phone, b, seq;
	char		*m = mechanic_new(NULL), q[64], *h, *v;

	b = booking_new("Shape", ANALYSED, true, "5 days", &phone);
	free(tc_sqlf("WITH a AS (INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by) VALUES"
	    " ('%s', %ld, 4, 7, 'ADM000001') RETURNING id),"
	    " x AS (INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation) SELECT %ld, '%s', id,"
	    " 'worn pads', 'replace pads' FROM a)"
	    " INSERT INTO booking_progress (mechanic_id, booking_id,"
	    " assignment_id, description, status_id, validated) SELECT '%s',"
	    " %ld, id, 'collected', 2, true FROM a", m, b, b, m, m, b));
	free(tc_sqlf("INSERT INTO booking_events (kind, booking_id, actor)"
	    " VALUES ('eta_risk', %ld, 'system')", b));
	v = tc_sqlf("SELECT max(seq) FROM booking_events");
	seq = atol(v);
	free(v);
	snprintf(q, sizeof q, "?q=shape%%20%ld", phone);
	board(q, &r);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	h = tc_header(&r, "x-total-count");
	assert_string_equal(h, "1");
	free(h);
	h = tc_header(&r, "x-event-seq");
	assert_non_null(h);
	assert_true(atol(h) >= seq);
	free(h);
	row = cJSON_GetArrayItem(r.json, 0);
	assert_int_equal(cJSON_GetObjectItem(row, "booking_id")->valueint, b);
	assert_non_null(strstr(tc_jstr(row, "customer_name"), "Shape "));
	assert_string_equal(tc_jstr(row, "car_model"), "Maruti Suzuki Swift");
	assert_non_null(strstr(tc_jstr(row, "car_reg"), "DS "));
	assert_string_equal(tc_jstr(row, "status"), "analysed");
	assert_int_equal(cJSON_GetObjectItem(row, "status_id")->valueint,
	    ANALYSED);
	assert_int_equal(strlen(tc_jstr(row, "drop_date")), 10);
	assert_int_equal(strlen(tc_jstr(row, "pickup_date")), 10);
	assert_int_equal(strlen(tc_jstr(row, "created_at")), 27);
	assert_int_equal(strlen(tc_jstr(row, "promised_at")), 27);
	assert_string_equal(tc_jstr(row, "action_required"), "validate");
	assert_string_equal(tc_jstr(row, "eta_risk"), "on_track");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(row, "payment_method")));
	assert_non_null(strstr(tc_jstr(row, "customer_id"), "CST"));
	o = cJSON_GetObjectItem(row, "latest_progress");
	assert_string_equal(tc_jstr(o, "description"), "collected");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "validated")));
	assert_int_equal(strlen(tc_jstr(o, "timestamp")), 27);
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(o, "id")));
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(o, "mechanic"), "id"),
	    m);
	assert_non_null(strstr(tc_jstr(cJSON_GetObjectItem(o, "mechanic"),
	    "name"), "Board "));
	o = cJSON_GetObjectItem(row, "analysis_report");
	assert_string_equal(tc_jstr(o, "description"), "worn pads");
	assert_string_equal(tc_jstr(o, "recommendation"), "replace pads");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(o, "validated")));
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(o, "mechanic"), "id"),
	    m);
	o = cJSON_GetObjectItem(row, "latest_assignment");
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(o, "id")));
	assert_string_equal(tc_jstr(o, "assignment_type"), "analysis");
	assert_string_equal(tc_jstr(o, "status"), "completed");
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(o, "mechanic"), "id"),
	    m);
	assert_int_equal(cJSON_GetArraySize(row), 17);
	tc_resp_free(&r);
	free(m);
}

static void
a_booking_with_no_history_has_null_parts(void **state)
{
	struct tc_resp	 r;
	const cJSON	*row;
	long		 phone;
	char		 q[64];

	booking_new("Empty", BOOKED, false, "5 days", &phone);
	snprintf(q, sizeof q, "?q=empty%%20%ld", phone);
	board(q, &r);
	row = cJSON_GetArrayItem(r.json, 0);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(row, "latest_progress")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(row, "analysis_report")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(row,
	    "latest_assignment")));
	assert_string_equal(tc_jstr(row, "action_required"), "assign");
	tc_resp_free(&r);
}

/* ---- action_required, row by row of §5.14 ------------------------------ */

/* Setup SQL: %1$ld is the booking, %2$s a mechanic. */
#define ACTIVE \
	"INSERT INTO booking_assignment (mechanic_id, booking_id," \
	" assignment_type_id, assigned_by) VALUES ('%2$s', %1$ld, 1," \
	" 'ADM000001');"
#define PROGRESS(st, v) \
	"WITH a AS (INSERT INTO booking_assignment (mechanic_id, booking_id," \
	" assignment_type_id, status_id, assigned_by) VALUES ('%2$s', %1$ld," \
	" 1, 7, 'ADM000001') RETURNING id) INSERT INTO booking_progress" \
	" (mechanic_id, booking_id, assignment_id, description, status_id," \
	" validated) SELECT '%2$s', %1$ld, id, 'step', " st ", " v " FROM a;"
#define ANALYSIS_ROW(v) \
	"WITH a AS (INSERT INTO booking_assignment (mechanic_id, booking_id," \
	" assignment_type_id, status_id, assigned_by) VALUES ('%2$s', %1$ld," \
	" 4, 7, 'ADM000001') RETURNING id) INSERT INTO booking_analysis" \
	" (booking_id, mechanic_id, assignment_id, description," \
	" recommendation, validated) SELECT %1$ld, '%2$s', id, 'd', 'r', " v \
	" FROM a;"
#define LINE(done) \
	"INSERT INTO booked_services (booking_id, service_id, status_id," \
	" est_price, completed) VALUES (%1$ld, 1, 12, 100, " done ");"
#define RETURN_DROP(st) \
	"INSERT INTO booking_assignment (mechanic_id, booking_id," \
	" assignment_type_id, status_id, assigned_by) VALUES ('%2$s', %1$ld," \
	" 2, " st ", 'ADM000001');"

static const struct {
	const char	*what;
	int		 status;
	bool		 car_received;
	const char	*setup;
	const char	*expected;
} action_rows[] = {
	{ "booked", BOOKED, false, NULL, "assign" },
	{ "booked, assigned", BOOKED, false, ACTIVE, "none" },
	{ "completed", COMPLETED, true, LINE("true"), "assign" },
	{ "completed, assigned", COMPLETED, true, ACTIVE, "none" },
	{ "received, no progress", RECEIVED, true, NULL, "none" },
	{ "received, unvalidated", RECEIVED, true, PROGRESS("2", "false"),
	    "validate" },
	{ "received, validated", RECEIVED, true, PROGRESS("2", "true"),
	    "assign" },
	{ "analysed, validated", ANALYSED, true, ANALYSIS_ROW("true"),
	    "waiting" },
	{ "analysed, not validated", ANALYSED, true, ANALYSIS_ROW("false"),
	    "validate" },
	{ "in-progress, assigned", IN_PROGRESS, true, LINE("false") ACTIVE,
	    "none" },
	{ "in-progress, unvalidated", IN_PROGRESS, true,
	    LINE("false") PROGRESS("6", "false"), "validate" },
	{ "in-progress, nothing left", IN_PROGRESS, true,
	    LINE("true") PROGRESS("6", "true"), "none" },
	{ "in-progress, work left", IN_PROGRESS, true,
	    LINE("false") PROGRESS("6", "true"), "assign" },
	{ "delivered, unvalidated", DELIVERED, true, PROGRESS("8", "false"),
	    "validate" },
	{ "delivered, validated", DELIVERED, true, PROGRESS("8", "true"),
	    "none" },
	{ "cancelled with the car", CANCELLED, true, NULL, "assign" },
	{ "cancelled, return assigned", CANCELLED, true, RETURN_DROP("11"),
	    "none" },
	{ "cancelled, return unvalidated", CANCELLED, true,
	    RETURN_DROP("7") PROGRESS("10", "false"), "validate" },
	{ "cancelled, returned", CANCELLED, true,
	    RETURN_DROP("7") PROGRESS("10", "true"), "none" },
	{ "cancelled without the car", CANCELLED, false, NULL, "none" },
	{ "pickup", PICKUP, false, ACTIVE, "none" },
	{ "analysis", ANALYSIS, true, ACTIVE, "none" },
	{ "out for delivery", OUT, true, ACTIVE, "none" },
};

static void
action_required_follows_every_row_of_the_table(void **state)
{
	struct tc_resp	 r;
	size_t		 i;
	long		 b, phone;
	char		*m = mechanic_new(NULL), q[64], *sql;

	for (i = 0; i < sizeof action_rows / sizeof action_rows[0]; i++) {
		b = booking_new("Action", action_rows[i].status,
		    action_rows[i].car_received, "5 days", &phone);
		if (action_rows[i].setup != NULL) {
			if (asprintf(&sql, action_rows[i].setup, b, m) < 0)
				abort();
			free(tc_sql(sql));
			free(sql);
		}
		snprintf(q, sizeof q, "?q=action%%20%ld", phone);
		board(q, &r);
		assert_int_equal(cJSON_GetArraySize(r.json), 1);
		if (strcmp(tc_jstr(cJSON_GetArrayItem(r.json, 0),
		    "action_required"), action_rows[i].expected) != 0)
			fail_msg("%s: action_required %s, expected %s",
			    action_rows[i].what,
			    tc_jstr(cJSON_GetArrayItem(r.json, 0),
			    "action_required"), action_rows[i].expected);
		tc_resp_free(&r);
	}
	free(m);
}

/* ---- filters, paging, order ------------------------------------------- */

static void
filters_narrow_the_list(void **state)
{
	struct tc_resp	 r;
	long		 p1, p2, b[4];
	char		*m = mechanic_new(NULL), name[32], q[256], got[128];
	char		 want[128], *h;

	snprintf(name, sizeof name, "Filter%ld", tc_unique_phone());
	b[0] = booking_new(name, BOOKED, false, "5 days", &p1);
	b[1] = booking_new(name, RECEIVED, true, "5 days", &p2);
	b[2] = booking_new(name, ANALYSED, true, "5 days", NULL);
	free(tc_sqlf("WITH a AS (INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by) VALUES"
	    " ('%s', %ld, 4, 7, 'ADM000001') RETURNING id)"
	    " INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation, validated)"
	    " SELECT %ld, '%s', id, 'd', 'r', true FROM a", m, b[2], b[2], m));
	b[3] = booking_new(name, IN_PROGRESS, true, "-1 hour", NULL);

	snprintf(q, sizeof q, "?q=%s", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld,%ld,%ld,%ld", b[3], b[2], b[1], b[0]);
	assert_string_equal(got, want);
	h = tc_header(&r, "x-total-count");
	assert_string_equal(h, "4");
	free(h);
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&status_id=1", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld", b[0]);
	assert_string_equal(got, want);
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&action_required=ASSIGN", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	assert_string_equal(got, want);
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&action_required=waiting", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld", b[2]);
	assert_string_equal(got, want);
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&mechanic_id=%s", name, m);
	board(q, &r);
	ids(&r, got, sizeof got);
	assert_string_equal(got, want);
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&eta_risk=overdue", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld", b[3]);
	assert_string_equal(got, want);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "eta_risk"),
	    "overdue");
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&limit=2&offset=1", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld,%ld", b[2], b[1]);
	assert_string_equal(got, want);
	h = tc_header(&r, "x-total-count");
	assert_string_equal(h, "4");
	free(h);
	tc_resp_free(&r);

	snprintf(q, sizeof q, "?q=%s&sort=booking_id", name);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld,%ld,%ld,%ld", b[0], b[1], b[2], b[3]);
	assert_string_equal(got, want);
	tc_resp_free(&r);

	/* q also finds the registration and the booking id */
	snprintf(q, sizeof q, "?q=ds%%20%ld", p2);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld", b[1]);
	assert_string_equal(got, want);
	tc_resp_free(&r);
	snprintf(q, sizeof q, "?q=%ld&limit=500", b[0]);
	board(q, &r);
	ids(&r, got, sizeof got);
	snprintf(want, sizeof want, "%ld", b[0]);
	assert_non_null(strstr(got, want));
	tc_resp_free(&r);
	free(m);
	(void)p1;
}

static void
bad_filter_values_are_422(void **state)
{
	static const char *const bad[][2] = {
		{ "?action_required=later", "literal_error" },
		{ "?eta_risk=soon", "literal_error" },
		{ "?status_id=x", "int_parsing" },
		{ "?limit=501", "less_than_equal" },
		{ "?sort=customer", "literal_error" },
	};
	struct tc_resp	 r;
	const cJSON	*d;
	size_t		 i;
	char		 path[128];

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(path, sizeof path, DASH "%s", bad[i][0]);
		assert_int_equal(tc_call("GET", path, admin, NULL, &r), 422);
		d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"),
		    0);
		assert_string_equal(tc_jstr(d, "type"), bad[i][1]);
		assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(d,
		    "loc"), 0)->valuestring, "query");
		tc_resp_free(&r);
	}
	assert_int_equal(tc_call("GET", DASH "?action_required=later", admin,
	    NULL, &r), 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_string_equal(tc_jstr(d, "msg"),
	    "Input should be 'assign', 'validate', 'waiting' or 'none'");
	tc_resp_free(&r);
}

/* ---- who may look ------------------------------------------------------ */

static void
mechanics_and_customers_get_insufficient_permissions(void **state)
{
	struct tc_resp	 r;
	long		 phone;
	char		*m = mechanic_new(&phone), *tok, buf[24];

	assert_int_equal(tc_call("GET", DASH, NULL, NULL, &r), 401);
	tc_resp_free(&r);
	snprintf(buf, sizeof buf, "%ld", phone);
	tok = tc_login(buf, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", DASH, tok, NULL, &r), 403);
	assert_string_equal(tc_detail(&r), "Insufficient Permissions.");
	tc_resp_free(&r);
	free(tok);
	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", DASH, tok, NULL, &r), 403);
	assert_string_equal(tc_detail(&r), "Insufficient Permissions.");
	tc_resp_free(&r);
	free(tok);
	free(m);
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
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    row_carries_every_field_of_admin_booking_dashboard),
		cmocka_unit_test(a_booking_with_no_history_has_null_parts),
		cmocka_unit_test(
		    action_required_follows_every_row_of_the_table),
		cmocka_unit_test(filters_narrow_the_list),
		cmocka_unit_test(bad_filter_values_are_422),
		cmocka_unit_test(
		    mechanics_and_customers_get_insufficient_permissions),
	};

	tc_base();
	return cmocka_run_group_tests_name("dashboard", tests, setup,
	    teardown);
}
