/* Utility lookups against the real server (SPEC §8.9): statuses with
 * their built-in rows, timeslots with capacity and the order of the
 * resulting pair, payment methods and notification categories; paging and
 * X-Total-Count on every list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tclient.h"

/* A user made for this run, and his access token. */
struct who {
	char	*id;
	char	*tok;
};

/* Made once for the group. */
static struct {
	char		*admin;
	struct who	 c, m;
} fx;

static char *
sqlf(const char *fmt, ...)
{
	char	sql[4096];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return tc_sql(sql);
}

static void
sql_is(const char *want, const char *fmt, ...)
{
	char	 sql[4096], *got;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	got = tc_sql(sql);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* A fresh user of role 3 (customer) or 2 (mechanic) with the sample
 * password, logged in. */
static void
user_new(struct who *w, int role)
{
	long	phone = tc_unique_phone();
	char	ph[16];

	if (role == 3)
		w->id = sqlf("WITH u AS (INSERT INTO users (id, role_id,"
		    " phone, password) SELECT revcare_next_user_id('CST',"
		    " 'customer_seq'), 3, %ld, password FROM users WHERE"
		    " id = 'CST000001' RETURNING id) INSERT INTO customers"
		    " (id, name, email) SELECT id, 'Utils User %ld',"
		    " 'utils%ld@example.test' FROM u RETURNING id", phone,
		    phone, phone);
	else
		w->id = sqlf("WITH u AS (INSERT INTO users (id, role_id,"
		    " phone, password) SELECT revcare_next_user_id('MEC',"
		    " 'mechanic_seq'), 2, %ld, password FROM users WHERE"
		    " id = 'CST000001' RETURNING id) INSERT INTO mechanics"
		    " (id, name, dob, pickup_drop) SELECT id,"
		    " 'Utils Mechanic %ld',"
		    " '1990-01-01', true FROM u RETURNING id", phone, phone);
	assert_non_null(w->id);
	snprintf(ph, sizeof ph, "%ld", phone);
	w->tok = tc_login(ph, TC_PASSWORD, NULL);
	assert_non_null(w->tok);
}

static void
who_free(struct who *w)
{
	free(w->id);
	free(w->tok);
}

/* Perform a JSON request; returns the status. */
static long
call(const char *method, const char *path, const char *tok, const char *body,
    struct tc_resp *r)
{
	struct tc_opt	o = { .token = tok };

	if (body != NULL)
		o.ctype = "application/json";
	assert_int_equal(tc_request(method, path, body, &o, r), 0);
	return r->status;
}

static const char *
jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItem(o, k);

	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

static long
jint(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItem(o, k);

	assert_true(cJSON_IsNumber(v));
	return (long)v->valuedouble;
}

/* The first 422 item's msg, or the plain detail. */
static const char *
detail_or_msg(const struct tc_resp *r)
{
	const cJSON	*d = cJSON_GetObjectItem(r->json, "detail");

	if (cJSON_IsArray(d))
		return jstr(cJSON_GetArrayItem(d, 0), "msg");
	return tc_detail(r);
}

static long
total_count(const struct tc_resp *r)
{
	char	*h = tc_header(r, "x-total-count");
	long	 n;

	assert_non_null(h);
	n = atol(h);
	free(h);
	return n;
}

static int
setup(void **state)
{
	(void)state;
	fx.admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	user_new(&fx.c, 3);
	user_new(&fx.m, 2);
	return fx.admin == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	free(fx.admin);
	who_free(&fx.c);
	who_free(&fx.m);
	return 0;
}

enum caller { ANON, ADMIN, CUST, MECH };

static const char *
caller_token(enum caller c)
{
	switch (c) {
	case ADMIN:	return fx.admin;
	case CUST:	return fx.c.tok;
	case MECH:	return fx.m.tok;
	default:	return NULL;
	}
}

#define BUILTIN	"Built-in status cannot be changed."
#define ORDER	"Value error, end_time must be after start_time"

/* SPEC §8.9's failures, one row each: the answer, and for 422 the first
 * item's msg. None of them may change anything (checked after). */
static const struct {
	const char	*method;
	const char	*path;
	enum caller	 who;
	const char	*body;
	long		 status;
	const char	*detail;
} utils_failures[] = {
	{ "GET", "/api/v1/utils/status", ANON, NULL, 401,
	    "Not authenticated" },
	{ "POST", "/api/v1/utils/status", CUST, "{\"name\":\"held\"}", 403,
	    "Insufficient permissions." },
	{ "PUT", "/api/v1/utils/status/19", MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "PUT", "/api/v1/utils/status/1", ADMIN, "{\"name\":\"reserved\"}",
	    409, BUILTIN },
	{ "PUT", "/api/v1/utils/status/18", ADMIN, "{}", 409, BUILTIN },
	{ "DELETE", "/api/v1/utils/status/10", ADMIN, NULL, 409, BUILTIN },
	{ "DELETE", "/api/v1/utils/status/17", ADMIN, NULL, 409, BUILTIN },
	{ "PUT", "/api/v1/utils/status/32767", ADMIN, "{\"name\":\"held\"}",
	    404, "Status not found." },
	{ "DELETE", "/api/v1/utils/status/2147483647", ADMIN, NULL, 404,
	    "Status not found." },
	{ "POST", "/api/v1/utils/status", ADMIN, "{\"name\":\" booked \"}",
	    400, "Status already exists." },
	{ "POST", "/api/v1/utils/status", ADMIN, "{\"name\":\" x \"}", 422,
	    "String should have at least 2 characters" },
	{ "POST", "/api/v1/utils/status", ADMIN, "{}", 422,
	    "Field required" },
	{ "PUT", "/api/v1/utils/status/1", ADMIN, "{\"name\":1}", 422,
	    "Input should be a valid string" },
	{ "GET", "/api/v1/utils/status?offset=-1", CUST, NULL, 422,
	    "Input should be greater than or equal to 0" },
	{ "GET", "/api/v1/utils/timeslot", ANON, NULL, 401,
	    "Not authenticated" },
	{ "POST", "/api/v1/utils/timeslot", MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "POST", "/api/v1/utils/timeslot", ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\",\"end_time\":\"05:59:59\"}", 422, ORDER },
	{ "POST", "/api/v1/utils/timeslot", ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\",\"end_time\":\"06:00:00\"}", 422, ORDER },
	{ "POST", "/api/v1/utils/timeslot", ADMIN, "{\"name\":\"Morning\","
	    "\"start_time\":\"06:00\",\"end_time\":\"07:00\"}", 400,
	    "Timeslot already exists." },
	{ "POST", "/api/v1/utils/timeslot", ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\",\"end_time\":\"07:00\",\"capacity\":0}",
	    422, "Input should be greater than or equal to 1" },
	{ "POST", "/api/v1/utils/timeslot", ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"25:00\",\"end_time\":\"07:00\"}", 422,
	    "Input should be in a valid time format" },
	{ "POST", "/api/v1/utils/timeslot", ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\"}", 422, "Field required" },
	{ "PUT", "/api/v1/utils/timeslot/2147483647", ADMIN, "{}", 404,
	    "Timeslot not found." },
	{ "PUT", "/api/v1/utils/timeslot/1", ADMIN, "{\"end_time\":\"07:00\"}",
	    422, ORDER },
	{ "PUT", "/api/v1/utils/timeslot/1", ADMIN,
	    "{\"start_time\":\"12:00:00\"}", 422, ORDER },
	{ "PUT", "/api/v1/utils/timeslot/1", ADMIN, "{\"start_time\":"
	    "\"13:00\",\"end_time\":\"12:59\"}", 422, ORDER },
	{ "PUT", "/api/v1/utils/timeslot/2", ADMIN, "{\"name\":\"Morning\"}",
	    400, "Timeslot already exists." },
	{ "PUT", "/api/v1/utils/timeslot/2", ADMIN, "{\"capacity\":-1}", 422,
	    "Input should be greater than or equal to 1" },
	{ "DELETE", "/api/v1/utils/timeslot/2147483647", ADMIN, NULL, 404,
	    "Timeslot not found." },
	{ "DELETE", "/api/v1/utils/timeslot/1", CUST, NULL, 403,
	    "Insufficient permissions." },
	{ "GET", "/api/v1/utils/timeslot?limit=x", CUST, NULL, 422,
	    "Input should be a valid integer, unable to parse string as an "
	    "integer" },
	{ "GET", "/api/v1/utils/payment_method", ANON, NULL, 401,
	    "Not authenticated" },
	{ "GET", "/api/v1/utils/notification_category?sort=nope", MECH, NULL,
	    422, NULL },
};

static void
failures_get_specs_answer_and_change_nothing(void **state)
{
	struct tc_resp	 r;
	const char	*want;
	char		*before, *after;
	size_t		 i;
	static const char *snapshot = "SELECT md5((SELECT string_agg(s::text,"
	    " ',' ORDER BY id) FROM status s WHERE id <= 18) || (SELECT"
	    " string_agg(t::text, ',' ORDER BY id) FROM timeslots t WHERE"
	    " id <= 4))";

	(void)state;
	before = tc_sql(snapshot);
	for (i = 0; i < sizeof utils_failures / sizeof utils_failures[0];
	    i++) {
		call(utils_failures[i].method, utils_failures[i].path,
		    caller_token(utils_failures[i].who), utils_failures[i].body,
		    &r);
		if (r.status != utils_failures[i].status)
			fail_msg("%s %s: %ld, want %ld (%s)",
			    utils_failures[i].method, utils_failures[i].path,
			    r.status, utils_failures[i].status, r.body);
		want = utils_failures[i].detail;
		if (want != NULL && strcmp(detail_or_msg(&r), want) != 0)
			fail_msg("%s %s: detail %s", utils_failures[i].method,
			    utils_failures[i].path, r.body);
		tc_resp_free(&r);
	}
	after = tc_sql(snapshot);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void
custom_status_is_created_renamed_and_removed(void **state)
{
	struct tc_resp	 r;
	char		 name[64], body[128], path[64], q[96];
	long		 id, tag = tc_unique_phone();

	(void)state;
	snprintf(name, sizeof name, "On hold %ld", tag);
	snprintf(body, sizeof body, "{\"name\":\"  %s  \"}", name);
	assert_int_equal(call("POST", "/api/v1/utils/status", fx.admin, body,
	    &r), 200);
	assert_string_equal(jstr(r.json, "name"), name);
	id = jint(r.json, "id");
	assert_true(id > 18);
	tc_resp_free(&r);
	sql_is("f", "SELECT builtin FROM status WHERE id = %ld", id);
	snprintf(q, sizeof q, "/api/v1/utils/status?q=hold%%20%ld", tag);
	assert_int_equal(call("GET", q, fx.c.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 1);
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "id"), id);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/utils/status/%ld", id);
	assert_int_equal(call("PUT", path, fx.admin, "{\"name\":\"delivered\"}",
	    &r), 400);
	assert_string_equal(tc_detail(&r), "Status already exists.");
	tc_resp_free(&r);
	snprintf(body, sizeof body, "{\"name\":\"Paused %ld\"}", tag);
	assert_int_equal(call("PUT", path, fx.admin, body, &r), 200);
	assert_int_equal(jint(r.json, "id"), id);
	tc_resp_free(&r);
	assert_int_equal(call("PUT", path, fx.admin, "{}", &r), 200);
	snprintf(name, sizeof name, "Paused %ld", tag);
	assert_string_equal(jstr(r.json, "name"), name);
	tc_resp_free(&r);
	sql_is(name, "SELECT name FROM status WHERE id = %ld", id);
	assert_int_equal(call("DELETE", path, fx.admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Status deleted successfully.");
	tc_resp_free(&r);
	sql_is("0", "SELECT count(*) FROM status WHERE id = %ld", id);
	assert_int_equal(call("DELETE", path, fx.admin, NULL, &r), 404);
	tc_resp_free(&r);
	sql_is("4", "SELECT count(*) FROM audit_log WHERE entity = 'status'"
	    " AND entity_id = '%ld'", id);
}

static void
status_list_pages_with_total_count(void **state)
{
	struct tc_resp	 r;

	(void)state;
	assert_int_equal(call("GET", "/api/v1/utils/status?limit=3&offset=15"
	    "&sort=id", fx.m.tok, NULL, &r), 200);
	assert_true(total_count(&r) >= 18);
	assert_int_equal(cJSON_GetArraySize(r.json), 3);
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "id"), 16);
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 1), "name"),
	    "released");
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 2), "name"),
	    "voided");
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/utils/status?q=DELIVER",
	    fx.c.tok, NULL, &r), 200);
	/* delivered, out for delivery */
	assert_int_equal(total_count(&r), 2);
	tc_resp_free(&r);
}

static void
timeslot_order_is_checked_on_the_resulting_pair(void **state)
{
	struct tc_resp	 r;
	char		 name[64], body[256], path[64], q[96];
	char		*car, *addr, *b;
	long		 id, tag = tc_unique_phone();

	(void)state;
	snprintf(name, sizeof name, "Slot %ld", tag);
	snprintf(body, sizeof body, "{\"name\":\" %s \",\"start_time\":"
	    "\"06:30\",\"end_time\":\"07:45:00\",\"capacity\":\"3\"}", name);
	assert_int_equal(call("POST", "/api/v1/utils/timeslot", fx.admin, body,
	    &r), 200);
	assert_string_equal(jstr(r.json, "name"), name);
	assert_string_equal(jstr(r.json, "start_time"), "06:30:00");
	assert_string_equal(jstr(r.json, "end_time"), "07:45:00");
	assert_int_equal(jint(r.json, "capacity"), 3);
	id = jint(r.json, "id");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/utils/timeslot/%ld", id);
	/* only the end: checked against the stored start */
	assert_int_equal(call("PUT", path, fx.admin, "{\"end_time\":\"06:30\"}",
	    &r), 422);
	assert_string_equal(detail_or_msg(&r), ORDER);
	tc_resp_free(&r);
	/* both moved later together: fine although the new start is after the
	 * old end */
	assert_int_equal(call("PUT", path, fx.admin, "{\"start_time\":"
	    "\"09:00\",\"end_time\":\"10:00\"}", &r), 200);
	tc_resp_free(&r);
	assert_int_equal(call("PUT", path, fx.admin, "{\"start_time\":"
	    "\"09:30\"}", &r), 200);
	assert_string_equal(jstr(r.json, "start_time"), "09:30:00");
	assert_string_equal(jstr(r.json, "end_time"), "10:00:00");
	assert_int_equal(jint(r.json, "capacity"), 3);
	tc_resp_free(&r);
	/* capacity null: unlimited; an empty body keeps everything */
	assert_int_equal(call("PUT", path, fx.admin, "{\"capacity\":null}",
	    &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "capacity")));
	tc_resp_free(&r);
	assert_int_equal(call("PUT", path, fx.admin, "{}", &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "capacity")));
	tc_resp_free(&r);
	sql_is("09:30:00-10:00:00-", "SELECT start_time || '-' ||"
	    " end_time || '-' || coalesce(capacity::text, '') FROM timeslots"
	    " WHERE id = %ld", id);
	/* a booking uses it; retiring it keeps the booking's reference */
	car = sqlf("INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) VALUES ('UT%ld', 'UT%ld', 1, '%s')"
	    " RETURNING id", tag, tag, fx.c.id);
	addr = sqlf("INSERT INTO addresses (customer_id, line1, area_id)"
	    " VALUES ('%s', 'Slot Street', 1) RETURNING id", fx.c.id);
	b = sqlf("INSERT INTO bookings (customer_id, customer_car_id,"
	    " car_reg_number, pickup_address_id, pickup_date,"
	    " pickup_timeslot_id, drop_address_id, drop_date,"
	    " drop_timeslot_id, promised_at, created_by) VALUES ('%s', %s,"
	    " 'UT', %s, current_date + 1, %ld, %s, current_date + 2, 1, now(),"
	    " '%s') RETURNING id", fx.c.id, car, addr, id, addr, fx.c.id);
	assert_non_null(b);
	assert_int_equal(call("DELETE", path, fx.admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Timeslot deleted successfully.");
	tc_resp_free(&r);
	sql_is("t", "SELECT deleted_at IS NOT NULL FROM timeslots WHERE"
	    " id = %ld", id);
	sql_is("1", "SELECT count(*) FROM bookings WHERE id = %s AND"
	    " pickup_timeslot_id = %ld", b, id);
	snprintf(q, sizeof q, "/api/v1/utils/timeslot?q=slot%%20%ld", tag);
	assert_int_equal(call("GET", q, fx.c.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 0);
	tc_resp_free(&r);
	assert_int_equal(call("PUT", path, fx.admin, "{}", &r), 404);
	assert_string_equal(tc_detail(&r), "Timeslot not found.");
	tc_resp_free(&r);
	assert_int_equal(call("DELETE", path, fx.admin, NULL, &r), 404);
	tc_resp_free(&r);
	/* create, four changes, delete */
	sql_is("6", "SELECT count(*) FROM audit_log WHERE entity ="
	    " 'timeslots' AND entity_id = '%ld'", id);
	free(car);
	free(addr);
	free(b);
}

static void
timeslot_list_pages_with_total_count(void **state)
{
	struct tc_resp	r;

	(void)state;
	assert_int_equal(call("GET", "/api/v1/utils/timeslot?limit=2&sort=id",
	    fx.c.tok, NULL, &r), 200);
	assert_true(total_count(&r) >= 4);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "Morning");
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 0), "start_time"),
	    "08:00:00");
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 0), "end_time"),
	    "12:00:00");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json,
	    0), "capacity")));
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/utils/timeslot?q=noon"
	    "&sort=-start_time", fx.m.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 1);
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "Afternoon");
	tc_resp_free(&r);
}

static void
payment_methods_and_notification_categories_page(void **state)
{
	struct tc_resp	r;

	(void)state;
	assert_int_equal(call("GET", "/api/v1/utils/payment_method",
	    fx.c.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 2);
	assert_string_equal(r.body, "[{\"name\" : \"online\", \"id\" : 1}, "
	    "{\"name\" : \"offline\", \"id\" : 2}]");
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/utils/payment_method?limit=1"
	    "&offset=1", fx.m.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 2);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "offline");
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/utils/notification_category"
	    "?limit=3&sort=-id", fx.admin, NULL, &r), 200);
	assert_int_equal(total_count(&r), 7);
	assert_int_equal(cJSON_GetArraySize(r.json), 3);
	assert_string_equal(jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "Refund");
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "id"), 7);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/utils/notification_category"
	    "?q=booking", fx.c.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 2);
	tc_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failures_get_specs_answer_and_change_nothing),
		cmocka_unit_test(custom_status_is_created_renamed_and_removed),
		cmocka_unit_test(status_list_pages_with_total_count),
		cmocka_unit_test(
		    timeslot_order_is_checked_on_the_resulting_pair),
		cmocka_unit_test(timeslot_list_pages_with_total_count),
		cmocka_unit_test(
		    payment_methods_and_notification_categories_page),
	};

	tc_base();
	return cmocka_run_group_tests_name("utils", tests, setup, teardown);
}
