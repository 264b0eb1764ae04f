/* Bookings against the real server: creating one (each check of SPEC §5.5
 * in turn), the customer's list, the detailed view and confirming the
 * quoted services. Every test makes its own customer, car and address
 * with SQL; later statuses are reached with SQL updates where the
 * assignment, progress and analysis endpoints would take longer.
 * Automatic assignment is switched off for the run and restored after. */
#include <pthread.h>
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

#define JSON	"application/json"

static char	*admin;

static int
setup(void **state)
{
	return tc_group_setup(&admin, "assignment_automation", NULL);
}

/* The mechanics made are retired, so that automatic assignment in later
 * test programs never picks them. */
static int
teardown(void **state)
{
	tc_retire_mechanics();
	return tc_group_teardown(&admin);
}

/* The 422 item at index i has this type, message and last loc part. */
static void
assert_422(const struct tc_resp *r, int i, const char *type,
    const char *msg, const char *loc_last)
{
	cJSON	*it, *loc;
	char	 num[32];

	assert_int_equal(r->status, 422);
	it = cJSON_GetArrayItem(cJSON_GetObjectItem(r->json, "detail"), i);
	assert_non_null(it);
	assert_string_equal(cJSON_GetObjectItem(it, "type")->valuestring,
	    type);
	if (msg != NULL)
		assert_string_equal(cJSON_GetObjectItem(it, "msg")->valuestring,
		    msg);
	loc = cJSON_GetArrayItem(cJSON_GetObjectItem(it, "loc"),
	    cJSON_GetArraySize(cJSON_GetObjectItem(it, "loc")) - 1);
	assert_non_null(loc);
	if (cJSON_IsNumber(loc))	/* indexes and int keys are numbers */
		snprintf(num, sizeof num, "%.0f", loc->valuedouble);
	assert_string_equal(cJSON_IsNumber(loc) ? num : loc->valuestring,
	    loc_last);
}

/* Cancel booking id as token (used to free what automation assigned). */
static void
cancel(long id, const char *token)
{
	struct tc_resp	r;
	char		path[64];

	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	assert_int_equal(tc_call("PUT", path, token, NULL, &r), 200);
	tc_resp_free(&r);
}

/* Bring booking id to `analysed` with a validated analysis, quotes of
 * (est_price - 100) and a recommendation of service 29 at 1200.00. */
static void
make_analysed(long id)
{
	char	*m = tc_new_mechanic(NULL, false, true, TC_ALL_CATEGORIES,
	    NULL);

	free(tc_sqlf("WITH a AS (INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by)"
	    " VALUES ('%s', %ld, 4, 7, 'ADM000001') RETURNING id)"
	    " INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation, images, validated)"
	    " SELECT %ld, '%s', a.id, 'Worn parts', 'Refill AC',"
	    " '{/a.jpg}', true FROM a", m, id, id, m));
	free(tc_sqlf("UPDATE booked_services SET price = est_price - 100"
	    " WHERE booking_id = %ld", id));
	free(tc_sqlf("INSERT INTO booking_recommendations (booking_id,"
	    " service_id, price) VALUES (%ld, 29, 1200.00)", id));
	free(tc_sqlf("UPDATE bookings SET status_id = 5, car_received = true"
	    " WHERE id = %ld", id));
	free(m);
}

/* ---- POST /bookings/ ---- */

static void
customer_books_and_gets_booking_response(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		*body, *want, *created, *area;
	long		 id, pin;

	tc_customer_new(&c, NULL, 1);
	free(tc_sqlf("INSERT INTO cart (customer_id, service_id) VALUES ('%s',"
	    " 1), ('%s', 4), ('%s', 7)", c.id, c.id, c.id));
	/* the prices sent are ignored: the price chart decides */
	body = tc_booking_body(&c, "{\"1\": 1.00, \"4\": \"9.99\"}", 2, 3);
	assert_int_equal(tc_call("POST", "/api/v1/bookings/", c.token, body,
	    &r), 200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	created = tc_sqlf("SELECT revcare_ts(created_at) FROM bookings WHERE id"
	    " = %ld", id);
	area = tc_sqlf("SELECT name FROM areas WHERE id = 1");
	pin = tc_sql_long("SELECT pincode FROM areas WHERE id = 1");
	assert_true(asprintf(&want, "{\"id\":%ld,\"customer\":{\"name\":"
	    "\"Test %ld\",\"phone\":%ld,\"email\":\"t%ld@example.test\","
	    "\"id\":\"%s\"},\"car\":{\"manufacturer\":\"Maruti Suzuki\","
	    "\"model\":\"Swift\",\"reg_no\":\"TB %ld\"},"
	    "\"pickup\":{\"date\":\"%s\",\"timeslot\":\"Morning\",\"address\":"
	    "{\"line1\":\"1 Test Street\",\"line2\":null,\"area\":\"%s\","
	    "\"pincode\":%ld}},\"drop\":{\"date\":\"%s\",\"timeslot\":"
	    "\"Afternoon\",\"address\":{\"line1\":\"1 Test Street\",\"line2\":"
	    "null,\"area\":\"%s\",\"pincode\":%ld}},\"created_at\":\"%s\","
	    "\"status\":\"booked\",\"services\":[{\"id\":1,\"title\":"
	    "\"Basic Service\",\"est_price\":\"1500.00\"},{\"id\":4,\"title\":"
	    "\"Oil Change\",\"est_price\":\"800.00\"}],"
	    "\"total_estimated_price\":\"2714.00\"}", id, c.phone, c.phone,
	    c.phone, c.id, c.phone, tc_day(2), area, pin, tc_day(3), area, pin,
	    created) >= 0);
	tc_assert_json(r.json, want);
	tc_resp_free(&r);
	/* rows: booked services at chart prices, cart, promised_at, event */
	tc_sql_is("1:1:1500.00:booked,4:1:800.00:booked", "SELECT string_agg("
	    "service_id || ':' || status_id || ':' || est_price || ':' ||"
	    " source, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", id);
	tc_sql_is("7", "SELECT string_agg(service_id::text, ',') FROM cart"
	    " WHERE customer_id = '%s'", c.id);
	tc_sql_is("t", "SELECT promised_at = (drop_date + time '16:00')"
	    " AT TIME ZONE 'Asia/Kolkata' AND status_id = 1 AND created_by ="
	    " customer_id AND car_reg_number = 'TB %ld' FROM bookings WHERE"
	    " id = %ld", c.phone, id);
	tc_kinds_are(id, 0, "created");
	tc_sql_is("t", "SELECT payload->'data' ="
	    " jsonb_build_object('service_ids', jsonb_build_array(1, 4),"
	    " 'pickup_date', '%s', 'drop_date', '%s') AND actor = '%s' AND"
	    " actor_role = 3 FROM booking_events WHERE booking_id = %ld",
	    tc_day(2), tc_day(3), c.id, id);
	free(want);
	free(created);
	free(area);
	free(body);
	tc_customer_free(&c);
}

static void
inline_addresses_are_saved_as_the_customers(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		*body;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address\":{\"label\":\" \",\"line1\":\" 9 New Road \","
	    "\"area_id\":2},\"drop_address\":{\"label\":\"Office\",\"line1\":"
	    "\"5 Work Lane\",\"line2\":\"Floor 2\",\"area_id\":3},"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":1,"
	    "\"service_ids\":[4]}", c.car, tc_day(1), tc_day(2)) >= 0);
	assert_int_equal(tc_call("POST", "/api/v1/bookings/", c.token, body,
	    &r), 200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	tc_sql_is("|9 New Road||2,Office|5 Work Lane|Floor 2|3", "SELECT"
	    " string_agg(concat_ws('|', coalesce(a.label, ''), a.line1,"
	    " coalesce(a.line2, ''), a.area_id), ',' ORDER BY a.id) FROM"
	    " addresses a JOIN bookings b ON a.id IN (b.pickup_address_id,"
	    " b.drop_address_id) WHERE b.id = %ld AND a.customer_id = '%s'",
	    id, c.id);
	free(body);
	tc_customer_free(&c);
}

static void
admin_books_for_a_customer(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		*body, *with;

	tc_customer_new(&c, NULL, 1);
	body = tc_booking_body(&c, "{\"4\": 0}", 2, 3);
	/* no customer_id: 400 */
	tc_expect("POST", "/api/v1/bookings/", admin, body, 400, "customer_id"
	    " is required when an admin creates a booking.");
	assert_true(asprintf(&with, "{\"customer_id\":\"CST999999\",%s",
	    body + 1) >= 0);
	tc_expect("POST", "/api/v1/bookings/", admin, with, 403, "Only"
	    " customers can create bookings.");
	free(with);
	assert_true(asprintf(&with, "{\"customer_id\":\"%s\",%s", c.id,
	    body + 1) >= 0);
	assert_int_equal(tc_call("POST", "/api/v1/bookings/", admin, with, &r),
	    200);
	tc_sql_is("ADM000001", "SELECT created_by FROM bookings WHERE id = %ld",
	    (long)cJSON_GetObjectItem(r.json, "id")->valuedouble);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(r.json,
	    "customer"), "id")->valuestring, c.id);
	tc_resp_free(&r);
	free(with);
	free(body);
	tc_customer_free(&c);
}

static void
create_without_token_or_scope_is_refused(void **state)
{
	struct tc_customer c;
	char		*body, *mech;

	tc_customer_new(&c, NULL, 1);
	body = tc_booking_body(&c, "{\"4\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", NULL, body, 401,
	    "Not authenticated");
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	tc_expect("POST", "/api/v1/bookings/", mech, body, 403,
	    "Insufficient permissions.");
	tc_sql_is("0", "SELECT count(*) FROM bookings WHERE customer_car_id ="
	    " %ld", c.car);
	free(mech);
	free(body);
	tc_customer_free(&c);
}

static void
create_body_errors_are_422(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		*body;

	tc_customer_new(&c, NULL, 1);
	/* missing fields */
	assert_int_equal(tc_call("POST", "/api/v1/bookings/", c.token,
	    "{\"service_ids\":[1]}", &r), 422);
	assert_422(&r, 0, "missing", "Field required", "customer_car_id");
	tc_resp_free(&r);
	/* past, order, 90 days */
	body = tc_booking_body(&c, "{\"4\": 0}", -1, 2);
	tc_call("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Pickup date cannot be "
	    "in the past.", "pickup_date");
	tc_resp_free(&r);
	free(body);
	body = tc_booking_body(&c, "{\"4\": 0}", 3, 3);
	tc_call("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Pickup date must be "
	    "earlier than drop date.", "body");
	tc_resp_free(&r);
	free(body);
	body = tc_booking_body(&c, "{\"4\": 0}", 91, 95);
	tc_call("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Pickup date must be "
	    "within 90 days.", "pickup_date");
	tc_resp_free(&r);
	free(body);
	/* no service; bad key; bad inline address */
	body = tc_booking_body(&c, "{}", 2, 3);
	tc_call("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Book atleast one "
	    "service.", "service_price");
	tc_resp_free(&r);
	free(body);
	body = tc_booking_body(&c, "{\"x\": 1, \"4\": 1.234}", 2, 3);
	tc_call("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "int_parsing", NULL, "[key]");
	assert_422(&r, 1, "decimal_max_places", NULL, "4");
	tc_resp_free(&r);
	free(body);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address\":{\"line1\":\"ab\"},\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":1,\"drop_timeslot_id\":1,\"service_ids\":[4],"
	    "\"service_price\":{\"1\":0}}", c.car, c.addr, tc_day(2),
	    tc_day(3)) >= 0);
	tc_call("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "string_too_short", NULL, "line1");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0),
	    "loc"), 1)->valuestring, "pickup_address");
	assert_422(&r, 1, "missing", NULL, "area_id");
	assert_422(&r, 2, "value_error", "Value error, service_ids and "
	    "service_price must name the same services.", "body");
	tc_resp_free(&r);
	free(body);
	tc_sql_is("0", "SELECT count(*) FROM bookings WHERE customer_car_id ="
	    " %ld", c.car);
	tc_customer_free(&c);
}

/* Check 2: another customer's car, or a deleted one. */
static void
check2_car_must_be_the_customers(void **state)
{
	struct tc_customer c, other;
	char		*body;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&other, NULL, 1);
	c.car = other.car;
	body = tc_booking_body(&c, "{\"4\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 403,
	    "Car not found or doesn't belong to customer.");
	free(body);
	free(tc_sqlf("UPDATE customer_cars SET deleted_at = now() WHERE id ="
	    " %ld", other.car));
	body = tc_booking_body(&other, "{\"4\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", other.token, body, 403,
	    "Car not found or doesn't belong to customer.");
	free(body);
	tc_customer_free(&c);
	tc_customer_free(&other);
}

/* Check 3: one open booking per car; a cancelled one does not count. */
static void
check3_car_with_an_open_booking_is_409(void **state)
{
	struct tc_customer c;
	char		*body;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	body = tc_booking_body(&c, "{\"1\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 409,
	    "Car already has an open booking.");
	free(tc_sqlf("UPDATE bookings SET status_id = 10 WHERE id = %ld", id));
	free(body);
	tc_book(&c, "{\"1\": 0}");
	tc_customer_free(&c);
}

/* Check 4: unknown or deleted services, before any other service check. */
static void
check4_unknown_or_deleted_service_is_404(void **state)
{
	struct tc_customer c;
	char		*body;
	long		 svc;

	/* electric: service 4 would fail check 5 */
	tc_customer_new(&c, NULL, 3);
	body = tc_booking_body(&c, "{\"4\": 0, \"99999\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 404,
	    "Service not found.");
	free(body);
	svc = tc_sql_long("INSERT INTO services (title, description,"
	    " category_id, works, warranty_kms, warranty_months, time_hrs,"
	    " difficulty, deleted_at) VALUES ('Gone %ld', 'A retired test"
	    " service', 1, '{x}', 0, 0, 1, 1, now()) RETURNING id", c.phone);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":1,\"drop_timeslot_id\":1,\"service_ids\":[%ld]}", c.car, c.addr,
	    c.addr, tc_day(2), tc_day(3), svc) >= 0);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 404,
	    "Service not found.");
	free(body);
	tc_customer_free(&c);
}

/* Check 5: the service must list the car's fuel. */
static void
check5_service_for_another_fuel_is_400(void **state)
{
	struct tc_customer c;
	char		*body;

	tc_customer_new(&c, NULL, 3);	/* Nexon EV */
	body = tc_booking_body(&c, "{\"1\": 0, \"4\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Service 'Oil Change' is not available for Electric cars.");
	free(body);
	tc_customer_free(&c);
}

/* Check 6: the service must be priced for the car's class. */
static void
check6_service_without_a_price_is_400(void **state)
{
	struct tc_customer c;
	char		*body;
	long		 cls, model;

	tc_customer_new(&c, NULL, 1);
	cls = tc_sql_long("INSERT INTO car_classes (class) VALUES ('Class %ld')"
	    " RETURNING id", c.phone);
	model = tc_sql_long("INSERT INTO cars (model, manufacturer_id,"
	    " fuel_type_id, car_class_id, year, img) VALUES ('Model %ld', 1, 1,"
	    " %ld, 2024, 'x.jpg') RETURNING id", c.phone, cls);
	free(tc_sqlf("UPDATE customer_cars SET car_model_id = %ld WHERE id ="
	    " %ld", model, c.car));
	body = tc_booking_body(&c, "{\"4\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Service 'Oil Change' has no price for this car.");
	free(tc_sqlf("UPDATE customer_cars SET car_model_id = 1 WHERE id = %ld",
	    c.car));
	free(tc_sqlf("UPDATE cars SET deleted_at = now() WHERE id = %ld",
	    model));
	free(tc_sqlf("UPDATE car_classes SET deleted_at = now() WHERE id = %ld",
	    cls));
	free(body);
	tc_customer_free(&c);
}

/* Check 7 (and a rolled-back request): too few days; nothing is kept. */
static void
check7_too_few_days_is_400_and_leaves_nothing(void **state)
{
	struct tc_customer c;
	char		*body;
	long		 before;

	tc_customer_new(&c, NULL, 1);
	before = tc_sql_long("SELECT count(*) FROM addresses WHERE customer_id"
	    " = '%s'", c.id);
	/* Full Body Painting: 40 h at 9 h a day = 5 days */
	body = tc_booking_body(&c, "{\"41\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "5 day(s) are required to complete all the booked services.");
	free(body);
	tc_sql_is("0", "SELECT count(*) FROM bookings WHERE customer_car_id ="
	    " %ld", c.car);
	tc_sql_is("0", "SELECT count(*) FROM booking_events e JOIN bookings b"
	    " ON b.id = e.booking_id WHERE b.customer_id = '%s'", c.id);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM addresses WHERE"
	    " customer_id = '%s'", c.id), before);
	tc_customer_free(&c);
}

/* Check 8: live timeslots; a pickup today after its slot started. */
static void
check8_started_or_unknown_timeslot_is_400(void **state)
{
	struct tc_customer c;
	char		*body;
	long		 slot;

	tc_customer_new(&c, NULL, 1);
	slot = tc_sql_long("INSERT INTO timeslots (name, start_time, end_time)"
	    " VALUES ('Dawn %ld', '00:00', '00:30') RETURNING id", c.phone);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":%ld,\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, c.addr,
	    c.addr, tc_day(0), tc_day(1), slot) >= 0);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Pickup timeslot has already started.");
	free(body);
	free(tc_sqlf("UPDATE timeslots SET deleted_at = now() WHERE id = %ld",
	    slot));
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":%ld,\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, c.addr,
	    c.addr, tc_day(2), tc_day(3), slot) >= 0);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Invalid foreign key reference");
	free(body);
	tc_customer_free(&c);
}

/* Check 9: addresses of the customer, one form given, live area. */
static void
check9_address_rules(void **state)
{
	struct tc_customer c, other;
	char		*body;
	long		 area, addr;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&other, NULL, 1);
	c.addr = other.addr;
	body = tc_booking_body(&c, "{\"4\": 0}", 2, 3);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 404,
	    "Address not found or doesn't belong to customer");
	free(body);
	assert_true(asprintf(&body,
	    "{\"customer_car_id\":%ld,\"pickup_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":1,\"service_ids\":"
	    "[4]}", c.car, other.addr, tc_day(2), tc_day(3)) >= 0);
	free(tc_sqlf("UPDATE addresses SET customer_id = '%s' WHERE id = %ld",
	    c.id, other.addr));
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Either address_id or address data must be provided");
	free(body);
	area = tc_sql_long("INSERT INTO areas (name, pincode, deleted_at)"
	    " VALUES ('Closed %ld', 600999, now()) RETURNING id", c.phone);
	addr = tc_sql_long("INSERT INTO addresses (customer_id, line1, area_id)"
	    " VALUES ('%s', 'Old Street', %ld) RETURNING id", c.id, area);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,\"pickup_date\":"
	    "\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\":1,"
	    "\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, other.addr,
	    addr, tc_day(2), tc_day(3)) >= 0);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Area is not serviceable.");
	free(body);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address\":{\"line1\":\"New St\","
	    "\"area_id\":99999999},\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":1,\"service_ids\":"
	    "[4]}", c.car, other.addr, tc_day(2), tc_day(3)) >= 0);
	tc_expect("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Invalid foreign key reference");
	free(body);
	tc_sql_is("0", "SELECT count(*) FROM bookings WHERE customer_car_id ="
	    " %ld", c.car);
	tc_customer_free(&c);
	tc_customer_free(&other);
}

/* Check 10: a slot with a capacity fills up; the failed request's
 * inline address is rolled back with it. */
static void
check10_full_timeslot_is_409(void **state)
{
	struct tc_customer c, d;
	char		*body;
	long		 slot;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&d, NULL, 1);
	slot = tc_sql_long("INSERT INTO timeslots (name, start_time, end_time,"
	    " capacity) VALUES ('Tiny %ld', '09:00', '10:00', 1) RETURNING id",
	    c.phone);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":%ld,\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, c.addr,
	    c.addr, tc_day(5), tc_day(6), slot) >= 0);
	{
		struct tc_resp r;

		assert_int_equal(tc_call("POST", "/api/v1/bookings/", c.token,
		    body, &r), 200);
		tc_resp_free(&r);
	}
	free(body);
	assert_true(asprintf(&body,
	    "{\"customer_car_id\":%ld,\"pickup_address\":{\"line1\":\"Rolled"
	    " Back"
	    " Road\",\"area_id\":1},\"drop_address_id\":%ld,\"pickup_date\":"
	    "\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\":%ld,"
	    "\"drop_timeslot_id\":1,\"service_ids\":[4]}", d.car, d.addr,
	    tc_day(5), tc_day(6), slot) >= 0);
	tc_expect("POST", "/api/v1/bookings/", d.token, body, 409,
	    "Timeslot is full.");
	tc_sql_is("0", "SELECT count(*) FROM addresses WHERE line1 = 'Rolled"
	    " Back Road' AND customer_id = '%s'", d.id);
	/* a cancelled booking frees its place */
	free(tc_sqlf("UPDATE bookings SET status_id = 10 WHERE customer_car_id"
	    " = %ld", c.car));
	{
		struct tc_resp r;

		assert_int_equal(tc_call("POST", "/api/v1/bookings/", d.token,
		    body, &r), 200);
		tc_resp_free(&r);
	}
	free(tc_sqlf("UPDATE timeslots SET deleted_at = now() WHERE id = %ld",
	    slot));
	free(body);
	tc_customer_free(&c);
	tc_customer_free(&d);
}

struct race {
	const char	*token;
	const char	*body;
	long		 status;
};

static void *
race_run(void *arg)
{
	struct race	*x = arg;
	struct tc_resp	 r;
	struct tc_opt	 o = { .token = x->token, .ctype = JSON };

	if (tc_request("POST", "/api/v1/bookings/", x->body, &o, &r) == 0) {
		x->status = r.status;
		tc_resp_free(&r);
	}
	return NULL;
}

/* Two requests for one car at once: one booking, one 409, no 500. */
static void
concurrent_creates_make_one_booking(void **state)
{
	struct tc_customer c;
	struct race	 x[2];
	pthread_t	 t[2];
	char		*body;
	int		 i;

	tc_customer_new(&c, NULL, 1);
	body = tc_booking_body(&c, "{\"4\": 0}", 2, 3);
	for (i = 0; i < 2; i++) {
		x[i].token = c.token;
		x[i].body = body;
		x[i].status = 0;
		pthread_create(&t[i], NULL, race_run, &x[i]);
	}
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_true((x[0].status == 200 && x[1].status == 409) ||
	    (x[0].status == 409 && x[1].status == 200));
	tc_sql_is("1", "SELECT count(*) FROM bookings WHERE customer_car_id ="
	    " %ld", c.car);
	free(body);
	tc_customer_free(&c);
}

/* With automation on, a new booking gets its pickup mechanic at once. */
static void
creation_triggers_automatic_pickup(void **state)
{
	struct tc_customer c;
	char		*m;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	/* at least one free driver */
	m = tc_new_mechanic(NULL, true, false, TC_ALL_CATEGORIES, NULL);
	tc_setting_set(admin, "assignment_automation", true);
	id = tc_book(&c, "{\"4\": 0}");
	tc_setting_set(admin, "assignment_automation", false);
	tc_kinds_are(id, 0, "created,assigned,status_changed");
	tc_sql_is("2:1:true:system", "SELECT b.status_id || ':' ||"
	    " a.assignment_type_id || ':' || a.automatic || ':' ||"
	    " a.assigned_by FROM bookings b JOIN booking_assignment a ON"
	    " a.booking_id = b.id AND a.status_id = 11 WHERE b.id = %ld", id);
	cancel(id, c.token);	/* frees whoever was picked */
	free(m);
	tc_customer_free(&c);
}

/* ---- GET /bookings/customer ---- */

static void
customer_lists_own_bookings_newest_first(void **state)
{
	struct tc_customer c, other;
	struct tc_resp	 r;
	long		 first, second, car2;
	cJSON		*it;
	char		*seq;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&other, NULL, 1);
	tc_book(&other, "{\"4\": 0}");
	first = tc_book(&c, "{\"4\": 0}");
	car2 = tc_sql_long("INSERT INTO customer_cars (reg_number,"
	    " reg_number_norm, car_model_id, customer_id) VALUES ('TC %ld',"
	    " 'TC%ld', 5, '%s') RETURNING id", c.phone, c.phone, c.id);
	c.car = car2;
	second = tc_book(&c, "{\"1\": 0}");
	free(tc_sqlf("UPDATE bookings SET status_id = 3 WHERE id = %ld",
	    first));
	assert_int_equal(tc_call("GET", "/api/v1/bookings/customer", c.token,
	    NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	it = cJSON_GetArrayItem(r.json, 0);
	assert_int_equal((long)cJSON_GetObjectItem(it, "id")->valuedouble,
	    second);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "car"),
	    "model")->valuestring, "City");
	it = cJSON_GetArrayItem(r.json, 1);
	assert_int_equal((long)cJSON_GetObjectItem(it, "id")->valuedouble,
	    first);
	/* received is "pickup" to a customer */
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring,
	    "pickup");
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(it, "validate_price")));
	assert_string_equal(cJSON_GetObjectItem(it, "pickup_date")->valuestring,
	    tc_day(2));
	assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "car"),
	    "img"));
	seq = tc_header(&r, "x-total-count");
	assert_string_equal(seq, "2");
	free(seq);
	seq = tc_header(&r, "x-event-seq");
	assert_non_null(seq);
	free(seq);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET",
	    "/api/v1/bookings/customer?status=pickup", c.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/bookings/customer?limit=1&"
	    "offset=1", c.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal((long)cJSON_GetObjectItem(cJSON_GetArrayItem(r.json,
	    0), "id")->valuedouble, first);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET",
	    "/api/v1/bookings/customer?status=received", c.token, NULL, &r),
	    422);
	assert_422(&r, 0, "literal_error", NULL, "status");
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/bookings/customer", admin, NULL, 403,
	    "Only customers can view their bookings");
	tc_expect("GET", "/api/v1/bookings/customer", NULL, NULL, 401, NULL);
	tc_customer_free(&c);
	tc_customer_free(&other);
}

/* ---- GET /bookings/{id} ---- */

static void
detail_visibility_by_role(void **state)
{
	struct tc_customer c, other;
	struct tc_resp	 r;
	char		 path[64], *m, *mt, *seq, *head;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&other, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	free(tc_sqlf("UPDATE bookings SET status_id = 3 WHERE id = %ld", id));
	head = tc_sqlf("SELECT max(seq) FROM booking_events");
	assert_int_equal(tc_call("GET", path, c.token, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "pickup");
	seq = tc_header(&r, "x-event-seq");
	assert_non_null(seq);
	assert_true(atol(seq) >= atol(head));
	free(seq);
	free(head);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "received");
	tc_resp_free(&r);
	tc_expect("GET", path, other.token, NULL, 403, "Operation not"
	    " permitted. Trying to access data of other customers.");
	m = tc_new_mechanic(NULL, true, false, TC_ALL_CATEGORIES, NULL);
	mt = tc_login_id(m);
	tc_expect("GET", path, mt, NULL, 403, "Trying to access other mechanic "
	    "assignments.");
	free(tc_sqlf("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %ld, 1,"
	    " 7, 'ADM000001')", m, id));
	assert_int_equal(tc_call("GET", path, mt, NULL, &r), 200);
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/bookings/2147483000", admin, NULL, 404,
	    "Booking not found.");
	tc_expect("GET", path, NULL, NULL, 401, "Not authenticated");
	free(m);
	free(mt);
	tc_customer_free(&c);
	tc_customer_free(&other);
}

/* Fetch one service's catalogue fields as the detail shows them. */
static char *
service_fields(long id)
{
	return tc_sqlf("SELECT substr(j, 2, length(j) - 2) FROM (SELECT"
	    " json_build_object('title', s.title, 'description', s.description,"
	    " 'images', s.images, 'category', json_build_object('name',"
	    " c.name, 'description', c.description, 'image', c.image, 'id',"
	    " c.id))::text AS j FROM services s JOIN service_categories c"
	    " ON c.id = s.category_id WHERE s.id = %ld) x", id);
}

/* Five shown services (four booked and confirmed, one recommended),
 * one rejected left out, two recommendations, three progress entries
 * (one unvalidated left out) and the validated analysis. */
static void
detail_of_a_busy_booking_is_exact(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[64], *want, *sv[6], *ts[2], *area, *m, *mp;
	long		 id, pin, pa, an, sa, i;
	static const long svc[6] = { 1, 2, 4, 9, 24, 29 };

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"1\":0,\"2\":0,\"4\":0,\"9\":0,\"24\":0}");
	m = tc_new_mechanic(NULL, false, true, TC_ALL_CATEGORIES, NULL);
	mp = tc_new_mechanic(NULL, true, false, TC_ALL_CATEGORIES, NULL);
	pa = tc_sql_long("INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by) VALUES"
	    " ('%s', %ld, 1, 7, 'ADM000001') RETURNING id", mp, id);
	an = tc_sql_long("INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by) VALUES"
	    " ('%s', %ld, 4, 7, 'ADM000001') RETURNING id", m, id);
	sa = tc_sql_long("INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by) VALUES"
	    " ('%s', %ld, 3, 11, 'ADM000001') RETURNING id", m, id);
	free(tc_sqlf("INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation, images, validated,"
	    " created_at) VALUES (%ld, '%s', %ld, 'Brakes worn', 'Refill AC',"
	    " '{/an.jpg}', true, '2030-01-01 09:00+00')", id, m, an));
	free(tc_sqlf("INSERT INTO booking_progress (mechanic_id, booking_id,"
	    " assignment_id, description, images, status_id, validated,"
	    " created_at, completed_service_ids) VALUES"
	    " ('%s', %ld, %ld, 'Car collected', '{/p1.jpg}', 2, true,"
	    "  '2030-01-01 08:00+00', '{}'),"
	    " ('%s', %ld, %ld, 'Service done', '{/p2.jpg,/p3.jpg}', 6, true,"
	    "  '2030-01-02 10:00+00', '{1,2}'),"
	    " ('%s', %ld, %ld, 'Not yet seen', '{/p4.jpg}', 6, false,"
	    "  '2030-01-02 12:00+00', '{}')", mp, id, pa, m, id, sa, m, id,
	    sa));
	free(tc_sqlf("UPDATE booked_services SET status_id = CASE WHEN"
	    " service_id = 24 THEN 13 ELSE 12 END, price = CASE service_id WHEN"
	    " 1 THEN 1400 WHEN 2 THEN 3000 WHEN 4 THEN 750.50 WHEN 9 THEN 1800"
	    " ELSE 2000 END, completed = service_id IN (1, 2) WHERE booking_id"
	    " = %ld", id));
	free(tc_sqlf("INSERT INTO booked_services (booking_id, service_id,"
	    " status_id, source, est_price, price, created_at) VALUES (%ld, 29,"
	    " 12, 'recommended', 1200, 1200, now() + interval '1 minute')",
	    id));
	free(tc_sqlf("INSERT INTO booking_recommendations (booking_id,"
	    " service_id, price) VALUES (%ld, 29, 1200), (%ld, 31, 450)", id,
	    id));
	/* the services payment's rate (12) rules total_final_price */
	free(tc_sqlf("INSERT INTO offline_payments (booking_id, purpose,"
	    " amount, gst, gst_percent) VALUES (%ld, 'services', 8150.50,"
	    " 978.06, 12)", id));
	free(tc_sqlf("UPDATE bookings SET status_id = 6, payment_method_id = 2,"
	    " car_received = true WHERE id = %ld", id));
	for (i = 0; i < 6; i++)
		sv[i] = service_fields(svc[i]);
	ts[0] = tc_sqlf("SELECT revcare_ts(created_at) FROM bookings WHERE id ="
	    " %ld", id);
	ts[1] = tc_sqlf("SELECT revcare_ts(updated_at) FROM bookings WHERE id ="
	    " %ld", id);
	area = tc_sqlf("SELECT name FROM areas WHERE id = 1");
	pin = tc_sql_long("SELECT pincode FROM areas WHERE id = 1");
	{
		char *np = tc_sqlf("SELECT name FROM mechanics WHERE id = '%s'",
		    mp);
		char *nm = tc_sqlf("SELECT name FROM mechanics WHERE id = '%s'",
		    m);

		assert_true(asprintf(&want,
		    "{\"id\":%ld,\"status\":\"in-progress\",\"customer\":"
		    "{\"name\":\"Test"
		    " %ld\",\"phone\":%ld,\"email\":\"t%ld@example.test\","
		    "\"id\":\"%s\"},\"car\":{\"manufacturer\":\"Maruti"
		    " Suzuki\",\"model\":\"Swift\",\"reg_no\":\"TB"
		    " %ld\",\"img\":\"swift.jpg\"},\"pickup\":{\"date\":\"%s\","
		    "\"timeslot\":\"Morning\",\"address\":{\"line1\":\"1 Test"
		    " Street\",\"line2\":null,\"area\":\"%s\",\"pincode\":%ld}}"
		    ",\"drop\":{\"date\":\"%s\",\"timeslot\":\"Afternoon\","
		    "\"address\":{\"line1\":\"1 Test"
		    " Street\",\"line2\":null,\"area\":\"%s\",\"pincode\":%ld}}"
		    ",\"booked_services\":[{\"id\":1,%s,\"status\":"
		    "\"confirmed\",\"est_price\":\"1500.00\",\"price\":"
		    "\"1400.00\",\"completed\":true},{\"id\":2,%s,\"status\":"
		    "\"confirmed\",\"est_price\":\"2500.00\",\"price\":"
		    "\"3000.00\",\"completed\":true},{\"id\":4,%s,\"status\":"
		    "\"confirmed\",\"est_price\":\"800.00\",\"price\":"
		    "\"750.50\",\"completed\":false},{\"id\":9,%s,\"status\":"
		    "\"confirmed\",\"est_price\":\"2500.00\",\"price\":"
		    "\"1800.00\",\"completed\":false},{\"id\":29,%s,\"status\":"
		    "\"confirmed\",\"est_price\":\"1200.00\",\"price\":"
		    "\"1200.00\",\"completed\":false}],\"recommendations\":"
		    "[{\"service_id\":29,\"title\":\"AC Gas"
		    " Refill\",\"price\":\"1200.00\",\"selected\":true},"
		    "{\"service_id\":31,\"title\":\"AC Filter"
		    " Cleaning/Replacement\",\"price\":\"450.00\",\"selected\":"
		    "false}],\"booking_progress\":[{\"status\":\"pickup\","
		    "\"description\":\"Car"
		    " collected\",\"images\":[\"/p1.jpg\"],\"mechanic\":\"%s\","
		    "\"timestamp\":\"2030-01-01T08:00:00.000000Z\"},"
		    "{\"status\":\"analysis\",\"description\":\"Brakes"
		    " worn\",\"images\":[\"/an.jpg\"],\"mechanic\":\"%s\","
		    "\"timestamp\":\"2030-01-01T09:00:00.000000Z\"},"
		    "{\"status\":\"in-progress\",\"description\":\"Service"
		    " done\",\"images\":[\"/p2.jpg\",\"/p3.jpg\"],\"mechanic\":"
		    "\"%s\",\"timestamp\":\"2030-01-02T10:00:00.000000Z\"}],"
		    "\"total_estimated_price\":\"10030.00\","
		    "\"total_final_price\":\"9128.56\",\"created_at\":\"%s\","
		    "\"updated_at\":\"%s\",\"completed_at\":null,"
		    "\"payment_method\":\"offline\",\"validate_price\":false,"
		    "\"promised_at\":\"%sT10:30:00.000000Z\","
		    "\"invoice_number\":null,\"cancellation\":null}", id,
		    c.phone, c.phone, c.phone, c.id, c.phone, tc_day(2), area,
		    pin, tc_day(3), area, pin, sv[0], sv[1], sv[2], sv[3],
		    sv[5], np, nm, nm, ts[0], ts[1], tc_day(3)) >= 0);
		free(np);
		free(nm);
	}
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
	tc_assert_json(r.json, want);
	tc_resp_free(&r);
	for (i = 0; i < 6; i++)
		free(sv[i]);
	free(ts[0]);
	free(ts[1]);
	free(area);
	free(want);
	free(m);
	free(mp);
	tc_customer_free(&c);
}

/* Customers see recommendations only once the analysis is validated,
 * and `delivered` only once the drop progress is. */
static void
detail_hides_what_customers_may_not_see_yet(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[64];
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	make_analysed(id);
	free(tc_sqlf("UPDATE booking_analysis SET validated = false WHERE"
	    " booking_id = %ld", id));
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	tc_call("GET", path, c.token, NULL, &r);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "recommendations")), 0);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(r.json,
	    "validate_price")));
	tc_resp_free(&r);
	tc_call("GET", path, admin, NULL, &r);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "recommendations")), 1);
	tc_resp_free(&r);
	free(tc_sqlf("UPDATE booking_analysis SET validated = true WHERE"
	    " booking_id = %ld", id));
	tc_call("GET", path, c.token, NULL, &r);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "recommendations")), 1);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json,
	    "validate_price")));
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "analysis");
	tc_resp_free(&r);
	free(tc_sqlf("UPDATE bookings SET status_id = 9, completed_at = now()"
	    " WHERE id = %ld", id));
	tc_call("GET", path, c.token, NULL, &r);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "completed");
	tc_resp_free(&r);
	tc_customer_free(&c);
}

/* ---- PUT /bookings/{id}/confirm-services ---- */

static void
offline_confirmation_applies_the_selection(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[80];
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"1\": 0, \"4\": 0}");
	make_analysed(id);
	free(tc_sqlf("INSERT INTO online_payments (booking_id, purpose, amount,"
	    " gst, gst_percent, razorpay_order_id) VALUES (%ld, 'services', 10,"
	    " 1.8, 18, 'order_t%ld')", id, c.phone));
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	/* quotes: 1 → 1400.00, 4 → 700.00; recommendation 29 → 1200.00 */
	assert_int_equal(tc_call("PUT", path, c.token,
	    "{\"service_ids\":[29,1,1],\"payment_method_id\":2}", &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Services confirmed successfully");
	tc_resp_free(&r);
	tc_sql_is("1:12:booked:1500.00:1400.00,4:13:booked:800.00:700.00,"
	    "29:12:recommended:1200.00:1200.00", "SELECT string_agg(service_id"
	    " || ':' || status_id || ':' || source || ':' || est_price || ':'"
	    " || price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", id);
	/* 1400 + 1200 = 2600.00, GST 252.00 + 216.00 */
	tc_sql_is("services:14:2600.00:468.00:18", "SELECT purpose || ':' ||"
	    " status_id || ':' || amount || ':' || gst || ':' || gst_percent"
	    " FROM offline_payments WHERE booking_id = %ld", id);
	tc_sql_is("18", "SELECT status_id FROM online_payments WHERE booking_id"
	    " = %ld", id);
	tc_sql_is("6:2", "SELECT status_id || ':' || payment_method_id FROM"
	    " bookings WHERE id = %ld", id);
	tc_kinds_are(id, 0, "created,services_confirmed,status_changed");
	tc_sql_is("t", "SELECT payload->'data' = '{\"confirmed\":[1,29],"
	    "\"rejected\":[4],\"payment_method\":\"offline\"}'::jsonb FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'services_confirmed'", id);
	/* done once: the booking is no longer analysed */
	tc_expect("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 400, "Booking must be in 'analysed' "
	    "status.");
	tc_customer_free(&c);
}

/* With automation on, confirmed work goes to a service mechanic. */
static void
confirmation_triggers_automatic_service(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[80], *m;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	make_analysed(id);
	/* free, of every category */
	m = tc_new_mechanic(NULL, false, false, TC_ALL_CATEGORIES, NULL);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	tc_setting_set(admin, "assignment_automation", true);
	assert_int_equal(tc_call("PUT", path, c.token, "{\"service_ids\":[4],"
	    "\"payment_method_id\":2}", &r), 200);
	tc_setting_set(admin, "assignment_automation", false);
	tc_resp_free(&r);
	tc_kinds_are(id, 0,
	    "created,services_confirmed,status_changed,assigned");
	tc_sql_is("6:3:true", "SELECT b.status_id || ':' ||"
	    " a.assignment_type_id || ':' || a.automatic FROM bookings b JOIN"
	    " booking_assignment a ON a.booking_id = b.id AND a.status_id = 11"
	    " WHERE b.id = %ld", id);
	cancel(id, c.token);	/* frees whoever was picked */
	free(m);
	tc_customer_free(&c);
}

static void
admin_may_confirm_for_the_customer(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[80];
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	make_analysed(id);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	assert_int_equal(tc_call("PUT", path, admin, "{\"service_ids\":[\"4\"],"
	    "\"payment_method_id\":2}", &r), 200);
	tc_resp_free(&r);
	tc_sql_is("ADM000001", "SELECT actor FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'services_confirmed'", id);
	tc_customer_free(&c);
}

static void
confirm_checks_in_order(void **state)
{
	struct tc_customer c, other;
	struct tc_resp	 r;
	char		 path[80], *mech;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&other, NULL, 1);
	id = tc_book(&c, "{\"1\": 0, \"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	/* 422 before anything else */
	assert_int_equal(tc_call("PUT", path, c.token, "{\"service_ids\":[],"
	    "\"payment_method_id\":2}", &r), 422);
	assert_422(&r, 0, "value_error", "Value error, Select at least one "
	    "service.", "service_ids");
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, c.token, "{\"service_ids\":[1]}",
	    &r), 422);
	assert_422(&r, 0, "missing", "Field required", "payment_method_id");
	tc_resp_free(&r);
	tc_expect("PUT", path, NULL, "{}", 401, NULL);
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	tc_expect("PUT", path, mech, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 403, "Insufficient permissions.");
	free(mech);
	/* 1: own booking (a missing one reads the same) */
	tc_expect("PUT", path, other.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 403, "Booking not found or access "
	    "denied.");
	tc_expect("PUT", "/api/v1/bookings/2147483000/confirm-services", admin,
	    "{\"service_ids\":[1],\"payment_method_id\":2}", 403,
	    "Booking not found or access denied.");
	/* 2: analysed with the analysis validated */
	tc_expect("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 400, "Booking must be in 'analysed' "
	    "status.");
	make_analysed(id);
	free(tc_sqlf("UPDATE booking_analysis SET validated = false WHERE"
	    " booking_id = %ld", id));
	tc_expect("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 400, "Booking must be in 'analysed' "
	    "status.");
	free(tc_sqlf("UPDATE booking_analysis SET validated = true WHERE"
	    " booking_id = %ld", id));
	/* 3: the method exists; 4: each service is quoted */
	tc_expect("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":9}", 400, "invalid payment method.");
	tc_expect("PUT", path, c.token, "{\"service_ids\":[1, 31, 7],"
	    "\"payment_method_id\":2}", 400, "Service 7 is not part of this "
	    "booking's quote.");
	/* online: the gateway is not configured */
	tc_expect("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":1}", 503, "Online payments are not "
	    "configured.");
	tc_sql_is("5:1,1", "SELECT b.status_id || ':' ||"
	    " string_agg(bs.status_id::text, ',') FROM bookings b JOIN"
	    " booked_services bs ON bs.booking_id = b.id WHERE b.id = %ld"
	    " GROUP BY b.status_id", id);
	tc_sql_is("0", "SELECT count(*) FROM offline_payments WHERE booking_id"
	    " = %ld", id);
	tc_kinds_are(id, 0, "created");
	tc_customer_free(&c);
	tc_customer_free(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(customer_books_and_gets_booking_response),
		cmocka_unit_test(inline_addresses_are_saved_as_the_customers),
		cmocka_unit_test(admin_books_for_a_customer),
		cmocka_unit_test(create_without_token_or_scope_is_refused),
		cmocka_unit_test(create_body_errors_are_422),
		cmocka_unit_test(check2_car_must_be_the_customers),
		cmocka_unit_test(check3_car_with_an_open_booking_is_409),
		cmocka_unit_test(check4_unknown_or_deleted_service_is_404),
		cmocka_unit_test(check5_service_for_another_fuel_is_400),
		cmocka_unit_test(check6_service_without_a_price_is_400),
		cmocka_unit_test(check7_too_few_days_is_400_and_leaves_nothing),
		cmocka_unit_test(check8_started_or_unknown_timeslot_is_400),
		cmocka_unit_test(check9_address_rules),
		cmocka_unit_test(check10_full_timeslot_is_409),
		cmocka_unit_test(concurrent_creates_make_one_booking),
		cmocka_unit_test(creation_triggers_automatic_pickup),
		cmocka_unit_test(customer_lists_own_bookings_newest_first),
		cmocka_unit_test(detail_visibility_by_role),
		cmocka_unit_test(detail_of_a_busy_booking_is_exact),
		cmocka_unit_test(detail_hides_what_customers_may_not_see_yet),
		cmocka_unit_test(offline_confirmation_applies_the_selection),
		cmocka_unit_test(confirmation_triggers_automatic_service),
		cmocka_unit_test(admin_may_confirm_for_the_customer),
		cmocka_unit_test(confirm_checks_in_order),
	};

	return cmocka_run_group_tests_name("bookings", tests, setup, teardown);
}
