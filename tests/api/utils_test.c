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

#include "fixtures.h"

/* Made once for the group. */
static struct tc_cast	 fx;

static int
setup(void **state)
{
	return tc_cast_new(&fx);
}

static int
teardown(void **state)
{
	tc_cast_free(&fx);
	return 0;
}

#define BUILTIN	"Built-in status cannot be changed."
#define ORDER	"Value error, end_time must be after start_time"

/* SPEC §8.9's failures, one row each: the answer, and for 422 the first
 * item's msg. None of them may change anything (checked after). */
static const struct tc_failure utils_failures[] = {
	{ "GET", "/api/v1/utils/status", TC_ANON, NULL, 401,
	    "Not authenticated" },
	{ "POST", "/api/v1/utils/status", TC_CUST_A, "{\"name\":\"held\"}", 403,
	    "Insufficient permissions." },
	{ "PUT", "/api/v1/utils/status/19", TC_MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "PUT", "/api/v1/utils/status/1", TC_ADMIN, "{\"name\":\"reserved\"}",
	    409, BUILTIN },
	{ "PUT", "/api/v1/utils/status/18", TC_ADMIN, "{}", 409, BUILTIN },
	{ "DELETE", "/api/v1/utils/status/10", TC_ADMIN, NULL, 409, BUILTIN },
	{ "DELETE", "/api/v1/utils/status/17", TC_ADMIN, NULL, 409, BUILTIN },
	{ "PUT", "/api/v1/utils/status/32767", TC_ADMIN, "{\"name\":\"held\"}",
	    404, "Status not found." },
	{ "DELETE", "/api/v1/utils/status/2147483647", TC_ADMIN, NULL, 404,
	    "Status not found." },
	{ "POST", "/api/v1/utils/status", TC_ADMIN, "{\"name\":\" booked \"}",
	    400, "Status already exists." },
	{ "POST", "/api/v1/utils/status", TC_ADMIN, "{\"name\":\" x \"}", 422,
	    "String should have at least 2 characters" },
	{ "POST", "/api/v1/utils/status", TC_ADMIN, "{}", 422,
	    "Field required" },
	{ "PUT", "/api/v1/utils/status/1", TC_ADMIN, "{\"name\":1}", 422,
	    "Input should be a valid string" },
	{ "GET", "/api/v1/utils/status?offset=-1", TC_CUST_A, NULL, 422,
	    "Input should be greater than or equal to 0" },
	{ "GET", "/api/v1/utils/timeslot", TC_ANON, NULL, 401,
	    "Not authenticated" },
	{ "POST", "/api/v1/utils/timeslot", TC_MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "POST", "/api/v1/utils/timeslot", TC_ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\",\"end_time\":\"05:59:59\"}", 422, ORDER },
	{ "POST", "/api/v1/utils/timeslot", TC_ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\",\"end_time\":\"06:00:00\"}", 422, ORDER },
	{ "POST", "/api/v1/utils/timeslot", TC_ADMIN, "{\"name\":\"Morning\","
	    "\"start_time\":\"06:00\",\"end_time\":\"07:00\"}", 400,
	    "Timeslot already exists." },
	{ "POST", "/api/v1/utils/timeslot", TC_ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\",\"end_time\":\"07:00\",\"capacity\":0}",
	    422, "Input should be greater than or equal to 1" },
	{ "POST", "/api/v1/utils/timeslot", TC_ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"25:00\",\"end_time\":\"07:00\"}", 422,
	    "Input should be in a valid time format" },
	{ "POST", "/api/v1/utils/timeslot", TC_ADMIN, "{\"name\":\"Dawn\","
	    "\"start_time\":\"06:00\"}", 422, "Field required" },
	{ "PUT", "/api/v1/utils/timeslot/2147483647", TC_ADMIN, "{}", 404,
	    "Timeslot not found." },
	{ "PUT", "/api/v1/utils/timeslot/1", TC_ADMIN,
	    "{\"end_time\":\"07:00\"}", 422, ORDER },
	{ "PUT", "/api/v1/utils/timeslot/1", TC_ADMIN,
	    "{\"start_time\":\"12:00:00\"}", 422, ORDER },
	{ "PUT", "/api/v1/utils/timeslot/1", TC_ADMIN, "{\"start_time\":"
	    "\"13:00\",\"end_time\":\"12:59\"}", 422, ORDER },
	{ "PUT", "/api/v1/utils/timeslot/2", TC_ADMIN, "{\"name\":\"Morning\"}",
	    400, "Timeslot already exists." },
	{ "PUT", "/api/v1/utils/timeslot/2", TC_ADMIN, "{\"capacity\":-1}", 422,
	    "Input should be greater than or equal to 1" },
	{ "DELETE", "/api/v1/utils/timeslot/2147483647", TC_ADMIN, NULL, 404,
	    "Timeslot not found." },
	{ "DELETE", "/api/v1/utils/timeslot/1", TC_CUST_A, NULL, 403,
	    "Insufficient permissions." },
	{ "GET", "/api/v1/utils/timeslot?limit=x", TC_CUST_A, NULL, 422,
	    "Input should be a valid integer, unable to parse string as an "
	    "integer" },
	{ "GET", "/api/v1/utils/payment_method", TC_ANON, NULL, 401,
	    "Not authenticated" },
	{ "GET", "/api/v1/utils/notification_category?sort=nope", TC_MECH, NULL,
	    422, NULL },
};

static void
failures_get_specs_answer_and_change_nothing(void **state)
{
	char		*before, *after;
	static const char *snapshot = "SELECT md5((SELECT string_agg(s::text,"
	    " ',' ORDER BY id) FROM status s WHERE id <= 18) || (SELECT"
	    " string_agg(t::text, ',' ORDER BY id) FROM timeslots t WHERE"
	    " id <= 4))";

	(void)state;
	before = tc_sql(snapshot);
	tc_failures_run(utils_failures,
	    sizeof utils_failures / sizeof utils_failures[0], &fx, NULL, NULL);
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
	assert_int_equal(tc_call("POST", "/api/v1/utils/status", fx.admin, body,
	    &r), 200);
	assert_string_equal(tc_jstr(r.json, "name"), name);
	id = tc_jlong(r.json, "id");
	assert_true(id > 18);
	tc_resp_free(&r);
	tc_sql_is("f", "SELECT builtin FROM status WHERE id = %ld", id);
	snprintf(q, sizeof q, "/api/v1/utils/status?q=hold%%20%ld", tag);
	assert_int_equal(tc_call("GET", q, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"), id);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/utils/status/%ld", id);
	assert_int_equal(tc_call("PUT", path, fx.admin,
	    "{\"name\":\"delivered\"}", &r), 400);
	assert_string_equal(tc_detail(&r), "Status already exists.");
	tc_resp_free(&r);
	snprintf(body, sizeof body, "{\"name\":\"Paused %ld\"}", tag);
	assert_int_equal(tc_call("PUT", path, fx.admin, body, &r), 200);
	assert_int_equal(tc_jlong(r.json, "id"), id);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, fx.admin, "{}", &r), 200);
	snprintf(name, sizeof name, "Paused %ld", tag);
	assert_string_equal(tc_jstr(r.json, "name"), name);
	tc_resp_free(&r);
	tc_sql_is(name, "SELECT name FROM status WHERE id = %ld", id);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Status deleted successfully.");
	tc_resp_free(&r);
	tc_sql_is("0", "SELECT count(*) FROM status WHERE id = %ld", id);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 404);
	tc_resp_free(&r);
	tc_sql_is("4", "SELECT count(*) FROM audit_log WHERE entity = 'status'"
	    " AND entity_id = '%ld'", id);
}

static void
status_list_pages_with_total_count(void **state)
{
	struct tc_resp	 r;

	(void)state;
	assert_int_equal(tc_call("GET", "/api/v1/utils/status?limit=3&offset=15"
	    "&sort=id", fx.m.token, NULL, &r), 200);
	assert_true(tc_total_count(&r) >= 18);
	assert_int_equal(cJSON_GetArraySize(r.json), 3);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"), 16);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 1), "name"),
	    "released");
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 2), "name"),
	    "voided");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/utils/status?q=DELIVER",
	    fx.a.token, NULL, &r), 200);
	/* delivered, out for delivery */
	assert_int_equal(tc_total_count(&r), 2);
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
	assert_int_equal(tc_call("POST", "/api/v1/utils/timeslot", fx.admin,
	    body, &r), 200);
	assert_string_equal(tc_jstr(r.json, "name"), name);
	assert_string_equal(tc_jstr(r.json, "start_time"), "06:30:00");
	assert_string_equal(tc_jstr(r.json, "end_time"), "07:45:00");
	assert_int_equal(tc_jlong(r.json, "capacity"), 3);
	id = tc_jlong(r.json, "id");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/utils/timeslot/%ld", id);
	/* only the end: checked against the stored start */
	assert_int_equal(tc_call("PUT", path, fx.admin,
	    "{\"end_time\":\"06:30\"}", &r), 422);
	assert_string_equal(tc_detail_or_msg(&r), ORDER);
	tc_resp_free(&r);
	/* both moved later together: fine although the new start is after the
	 * old end */
	assert_int_equal(tc_call("PUT", path, fx.admin, "{\"start_time\":"
	    "\"09:00\",\"end_time\":\"10:00\"}", &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, fx.admin, "{\"start_time\":"
	    "\"09:30\"}", &r), 200);
	assert_string_equal(tc_jstr(r.json, "start_time"), "09:30:00");
	assert_string_equal(tc_jstr(r.json, "end_time"), "10:00:00");
	assert_int_equal(tc_jlong(r.json, "capacity"), 3);
	tc_resp_free(&r);
	/* capacity null: unlimited; an empty body keeps everything */
	assert_int_equal(tc_call("PUT", path, fx.admin, "{\"capacity\":null}",
	    &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "capacity")));
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, fx.admin, "{}", &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "capacity")));
	tc_resp_free(&r);
	tc_sql_is("09:30:00-10:00:00-", "SELECT start_time || '-' ||"
	    " end_time || '-' || coalesce(capacity::text, '') FROM timeslots"
	    " WHERE id = %ld", id);
	/* a booking uses it; retiring it keeps the booking's reference */
	car = tc_sqlf("INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) VALUES ('UT%ld', 'UT%ld', 1, '%s')"
	    " RETURNING id", tag, tag, fx.a.id);
	addr = tc_sqlf("INSERT INTO addresses (customer_id, line1, area_id)"
	    " VALUES ('%s', 'Slot Street', 1) RETURNING id", fx.a.id);
	b = tc_sqlf("INSERT INTO bookings (customer_id, customer_car_id,"
	    " car_reg_number, pickup_address_id, pickup_date,"
	    " pickup_timeslot_id, drop_address_id, drop_date,"
	    " drop_timeslot_id, promised_at, created_by) VALUES ('%s', %s,"
	    " 'UT', %s, current_date + 1, %ld, %s, current_date + 2, 1, now(),"
	    " '%s') RETURNING id", fx.a.id, car, addr, id, addr, fx.a.id);
	assert_non_null(b);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Timeslot deleted successfully.");
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT deleted_at IS NOT NULL FROM timeslots WHERE"
	    " id = %ld", id);
	tc_sql_is("1", "SELECT count(*) FROM bookings WHERE id = %s AND"
	    " pickup_timeslot_id = %ld", b, id);
	snprintf(q, sizeof q, "/api/v1/utils/timeslot?q=slot%%20%ld", tag);
	assert_int_equal(tc_call("GET", q, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 0);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, fx.admin, "{}", &r), 404);
	assert_string_equal(tc_detail(&r), "Timeslot not found.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 404);
	tc_resp_free(&r);
	/* create, four changes, delete */
	tc_sql_is("6", "SELECT count(*) FROM audit_log WHERE entity ="
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
	assert_int_equal(tc_call("GET",
	    "/api/v1/utils/timeslot?limit=2&sort=id", fx.a.token, NULL, &r),
	    200);
	assert_true(tc_total_count(&r) >= 4);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "Morning");
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0),
	    "start_time"), "08:00:00");
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "end_time"),
	    "12:00:00");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json,
	    0), "capacity")));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/utils/timeslot?q=noon"
	    "&sort=-start_time", fx.m.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "Afternoon");
	tc_resp_free(&r);
}

static void
payment_methods_and_notification_categories_page(void **state)
{
	struct tc_resp	r;

	(void)state;
	assert_int_equal(tc_call("GET", "/api/v1/utils/payment_method",
	    fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 2);
	assert_string_equal(r.body, "[{\"name\" : \"online\", \"id\" : 1}, "
	    "{\"name\" : \"offline\", \"id\" : 2}]");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/utils/payment_method?limit=1"
	    "&offset=1", fx.m.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 2);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "offline");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/utils/notification_category"
	    "?limit=3&sort=-id", fx.admin, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 7);
	assert_int_equal(cJSON_GetArraySize(r.json), 3);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "Refund");
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"), 7);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/utils/notification_category"
	    "?q=booking", fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 2);
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
