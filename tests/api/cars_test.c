/* Car models, customer cars and the three car lookups against the real
 * server: shapes, paging, registration rules, ownership per role (SPEC
 * §3.3), soft deletes that keep history, and the 409s of §8.6. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include <cmocka.h>

#include "fixtures.h"

#define OTHER_CUSTOMERS \
	"Operation not permitted. Trying to access data of other customers."

/* Made once for the group; tests never delete or lock them. */
static struct tc_cast	 fx;
static char		*fx_car;		/* a car of customer a */

/* A registration no other run uses: display and key form. */
static void
reg_new(char *disp, char *key, size_t len)
{
	long	x = tc_unique_phone() % 1000000000L;

	snprintf(disp, len, "tn %03ld ab-%06ld", x / 1000000, x % 1000000);
	snprintf(key, len, "TN%03ldAB%06ld", x / 1000000, x % 1000000);
}

/* A car straight into the table (for tests of something else). */
static char *
car_insert(const char *customer, int model)
{
	char	disp[32], key[32], *p;

	reg_new(disp, key, sizeof disp);
	for (p = disp; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	return tc_idstr(tc_new_car(customer, model, disp));
}

/* An open booking of car (status booked) at a fresh address. */
static char *
booking_insert(const char *customer, const char *car)
{
	struct tc_booking	b = { .customer = customer, .car = atol(car),
	    .line1 = "Booking Street", .drop_days = 3, .drop_slot = 1,
	    .promised = "3 days" };

	return tc_idstr(tc_new_booking(&b));
}

static int
setup(void **state)
{
	if (tc_cast_new(&fx) != 0)
		return -1;
	fx_car = car_insert(fx.a.id, 1);
	return fx_car == NULL;
}

static int
teardown(void **state)
{
	tc_cast_free(&fx);
	free(fx_car);
	return 0;
}

/* SPEC §8.6's failures, one row each: the answer, and for 422 the first
 * item's msg. None of them may change anything (checked after). */
static const struct tc_failure cars_failures[] = {
	{ "GET", "/api/v1/car/{car}", TC_ANON, NULL, 401, "Not authenticated" },
	{ "GET", "/api/v1/car/{car}", TC_CUST_B, NULL, 403, OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/car/{car}", TC_CUST_B, "{\"reg_number\":\"XX11\"}",
	    403, OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/car/{car}", TC_CUST_B, "{\"car_model_id\":2}", 403,
	    OTHER_CUSTOMERS },
	{ "DELETE", "/api/v1/car/{car}", TC_CUST_B, NULL, 403,
	    OTHER_CUSTOMERS },
	{ "GET", "/api/v1/car/{car}", TC_MECH, NULL, 403, OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/car/{car}", TC_MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "DELETE", "/api/v1/car/{car}", TC_MECH, NULL, 403,
	    "Insufficient permissions." },
	{ "GET", "/api/v1/car/?customer_id={a}", TC_CUST_B, NULL, 403,
	    OTHER_CUSTOMERS },
	{ "GET", "/api/v1/car/2147483647", TC_CUST_A, NULL, 404,
	    "CustomerCar not found." },
	{ "PUT", "/api/v1/car/2147483647", TC_CUST_A, "{}", 404,
	    "CustomerCar not found." },
	{ "DELETE", "/api/v1/car/2147483647", TC_ADMIN, NULL, 404,
	    "CustomerCar not found." },
	{ "GET", "/api/v1/car/0", TC_CUST_A, NULL, 422,
	    "Input should be greater than or equal to 1" },
	{ "POST", "/api/v1/car/", TC_MECH, "{\"reg_number\":\"MM1234\","
	    "\"car_model_id\":1}", 403, "Insufficient permissions." },
	{ "POST", "/api/v1/car/", TC_ADMIN, "{\"reg_number\":\"MM1234\","
	    "\"car_model_id\":1}", 403, "Operation not permitted." },
	{ "POST", "/api/v1/car/", TC_CUST_A, "{\"reg_number\":\"MM1234\","
	    "\"car_model_id\":1,\"customer_id\":\"{b}\"}", 403,
	    OTHER_CUSTOMERS },
	{ "POST", "/api/v1/car/", TC_CUST_A, "{\"reg_number\":\"MM1234\","
	    "\"car_model_id\":2147483647}", 400,
	    "Invalid foreign key reference" },
	{ "POST", "/api/v1/car/", TC_ADMIN, "{\"reg_number\":\"MM1234\","
	    "\"car_model_id\":1,\"customer_id\":\"CST999999999\"}", 400,
	    "Invalid foreign key reference" },
	{ "POST", "/api/v1/car/", TC_CUST_A, "{\"car_model_id\":1}", 422,
	    "Field required" },
	{ "POST", "/api/v1/car/", TC_CUST_A, "{\"reg_number\":\"MM1234\","
	    "\"car_model_id\":0}", 422, "Input should be greater than 0" },
	{ "POST", "/api/v1/car/", TC_CUST_A, "[1]", 422, "Input should be a "
	    "valid dictionary or object to extract fields from" },
	{ "PUT", "/api/v1/car/{car}", TC_CUST_A,
	    "{\"car_model_id\":2147483647}", 400, "Invalid foreign key"
	    " reference" },
	{ "POST", "/api/v1/car/models", TC_CUST_A, "{}", 403,
	    "Insufficient permissions." },
	{ "POST", "/api/v1/car/models", TC_ADMIN, "{\"model\":\"X\","
	    "\"manufacturer_id\":2147483647,\"fuel_type_id\":1,"
	    "\"car_class_id\":1,\"year\":2020,\"img\":\"x.jpg\"}", 400,
	    "Invalid foreign key reference" },
	{ "POST", "/api/v1/car/models", TC_ADMIN, "{\"model\":\"X\","
	    "\"manufacturer_id\":1,\"fuel_type_id\":1,\"car_class_id\":1,"
	    "\"year\":1899,\"img\":\"x.jpg\"}", 422,
	    "Input should be greater than or equal to 1900" },
	{ "POST", "/api/v1/car/models", TC_ADMIN, "{\"model\":\"  \","
	    "\"manufacturer_id\":1,\"fuel_type_id\":1,\"car_class_id\":1,"
	    "\"year\":2020,\"img\":\"x.jpg\"}", 422,
	    "String should have at least 1 character" },
	{ "PUT", "/api/v1/car/models/2147483647", TC_ADMIN, "{}", 404,
	    "Car not found." },
	{ "PUT", "/api/v1/car/models/1", TC_ADMIN, "{\"car_class_id\":"
	    "2147483647}", 400, "Invalid foreign key reference" },
	{ "DELETE", "/api/v1/car/models/2147483647", TC_ADMIN, NULL, 404,
	    "Car not found." },
	{ "DELETE", "/api/v1/car/models/1", TC_CUST_A, NULL, 403,
	    "Insufficient permissions." },
	{ "GET", "/api/v1/car/models?manufacturer_id=0", TC_CUST_A, NULL, 422,
	    "Input should be greater than or equal to 1" },
	{ "GET", "/api/v1/car/models?limit=501", TC_CUST_A, NULL, 422,
	    "Input should be less than or equal to 500" },
	{ "GET", "/api/v1/car/?sort=phone", TC_CUST_A, NULL, 422, NULL },
	{ "GET", "/api/v1/car/class", TC_ANON, NULL, 401, "Not authenticated" },
	{ "POST", "/api/v1/car/class", TC_CUST_A, "{\"class\":\"Van\"}", 403,
	    "Insufficient permissions." },
	{ "POST", "/api/v1/car/class", TC_ADMIN, "{\"class\":\"Basic Sedan\"}",
	    400, "Car class already exists." },
	{ "POST", "/api/v1/car/class", TC_ADMIN, "{}", 422, "Field required" },
	{ "POST", "/api/v1/car/fuel", TC_ADMIN, "{\"fuel_name\":\" Petrol \"}",
	    400, "Fuel type already exists." },
	{ "POST", "/api/v1/car/fuel", TC_ADMIN, "{\"fuel_name\":\"\"}", 422,
	    "String should have at least 1 character" },
	{ "POST", "/api/v1/car/manufacturer", TC_ADMIN,
	    "{\"name\":\"Hyundai\"}", 400, "Manufacturer already exists." },
	{ "POST", "/api/v1/car/manufacturer", TC_ADMIN, "{\"name\":\" H \"}",
	    422, "Value error, Manufacturer name must be at least 2 "
	    "characters long" },
	{ "PUT", "/api/v1/car/manufacturer/1", TC_ADMIN,
	    "{\"name\":\"Hyundai\"}", 400, "Manufacturer already exists." },
	{ "PUT", "/api/v1/car/class/2147483647", TC_ADMIN, "{}", 404,
	    "CarClass not found." },
	{ "PUT", "/api/v1/car/fuel/2147483647", TC_ADMIN, "{}", 404,
	    "FuelType not found." },
	{ "DELETE", "/api/v1/car/manufacturer/2147483647", TC_ADMIN, NULL, 404,
	    "Manufacturer not found." },
	{ "DELETE", "/api/v1/car/class/1", TC_ADMIN, NULL, 409,
	    "CarClass is in use." },
	{ "DELETE", "/api/v1/car/fuel/1", TC_ADMIN, NULL, 409,
	    "FuelType is in use." },
	{ "DELETE", "/api/v1/car/manufacturer/1", TC_ADMIN, NULL, 409,
	    "Manufacturer is in use." },
	{ "DELETE", "/api/v1/car/fuel/1", TC_MECH, NULL, 403,
	    "Insufficient permissions." },
};

static void
failures_get_specs_answer_and_change_nothing(void **state)
{
	char	*before, *after;

	(void)state;
	before = tc_sqlf("SELECT md5(string_agg(t::text, ',' ORDER BY t::text))"
	    " FROM (SELECT * FROM customer_cars WHERE id = %s UNION ALL"
	    " SELECT cc.* FROM customer_cars cc WHERE reg_number_norm ="
	    " 'MM1234') t", fx_car);
	tc_failures_run(cars_failures,
	    sizeof cars_failures / sizeof cars_failures[0], &fx, "{car}",
	    fx_car);
	after = tc_sqlf("SELECT md5(string_agg(t::text, ',' ORDER BY t::text))"
	    " FROM (SELECT * FROM customer_cars WHERE id = %s UNION ALL"
	    " SELECT cc.* FROM customer_cars cc WHERE reg_number_norm ="
	    " 'MM1234') t", fx_car);
	assert_string_equal(before, after);
	tc_sql_is("t", "SELECT deleted_at IS NULL FROM car_classes WHERE id ="
	    " 1");
	tc_sql_is("t", "SELECT deleted_at IS NULL FROM fuel_types WHERE id ="
	    " 1");
	tc_sql_is("t", "SELECT deleted_at IS NULL FROM manufacturers WHERE"
	    " id = 1");
	free(before);
	free(after);
}

static void
registration_is_upper_cased_and_unique_in_key_form(void **state)
{
	struct tc_resp	 r;
	char		 disp[32], key[32], body[256], path[64], *id;
	const cJSON	*cust;

	(void)state;
	reg_new(disp, key, sizeof disp);
	snprintf(body, sizeof body, "{\"reg_number\":\"  %s \","
	    "\"car_model_id\":2}", disp);
	assert_int_equal(tc_call("POST", "/api/v1/car/", fx.a.token, body, &r),
	    200);
	/* display form: upper-case, spaces and hyphens kept */
	assert_non_null(strstr(tc_jstr(r.json, "reg_number"), "TN "));
	assert_non_null(strstr(tc_jstr(r.json, "reg_number"), " AB-"));
	assert_int_equal(tc_jlong(r.json, "car_model_id"), 2);
	cust = cJSON_GetObjectItem(r.json, "customer");
	assert_string_equal(tc_jstr(cust, "id"), fx.a.id);
	assert_non_null(cJSON_GetObjectItem(cust, "phone"));
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "car"),
	    "model"), "Creta");
	assert_int_equal(strlen(tc_jstr(r.json, "created_at")), 27);
	id = tc_idstr(tc_jlong(r.json, "id"));
	tc_resp_free(&r);
	tc_sql_is(key, "SELECT reg_number_norm FROM customer_cars WHERE id ="
	    " %s", id);
	/* the same plate written without spaces, by someone else */
	snprintf(body, sizeof body, "{\"reg_number\":\"%s\","
	    "\"car_model_id\":1}", key);
	assert_int_equal(tc_call("POST", "/api/v1/car/", fx.b.token, body, &r),
	    400);
	assert_string_equal(tc_detail(&r),
	    "Car with this registration number already exists.");
	tc_resp_free(&r);
	/* nor may another car be renamed to it */
	snprintf(body, sizeof body, "{\"reg_number\":\"%s\"}", key);
	snprintf(path, sizeof path, "/api/v1/car/%s", fx_car);
	assert_int_equal(tc_call("PUT", path, fx.a.token, body, &r), 400);
	assert_string_equal(tc_detail(&r),
	    "Car with this registration number already exists.");
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT count(*) FROM customer_cars WHERE"
	    " reg_number_norm = '%s'", key);
	free(id);
}

static void
registration_rules_are_422(void **state)
{
	static const struct {
		const char	*reg;
		const char	*msg;
	} bad[] = {
		{ "TN.09", "Value error, Registration number can only contain "
		    "letters and numbers" },
		{ "KA 01 ä 12", "Value error, Registration number can only "
		    "contain letters and numbers" },
		{ "a-b c", "Value error, Registration number must be at "
		    "least 4 characters long" },
		{ "   ", "String should have at least 1 character" },
		{ "ABCDEFGHIJKLMNOPQRSTU", "String should have at most 20 "
		    "characters" },
	};
	struct tc_resp	 r;
	char		 body[128];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body, "{\"reg_number\":\"%s\","
		    "\"car_model_id\":1}", bad[i].reg);
		assert_int_equal(tc_call("POST", "/api/v1/car/", fx.a.token,
		    body, &r), 422);
		assert_string_equal(tc_detail_or_msg(&r), bad[i].msg);
		tc_resp_free(&r);
	}
}

static void
customer_lists_own_cars_with_paging_and_total(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 c;
	char		*cars[3], path[128];
	int		 i;

	(void)state;
	tc_user_new(&c, 3, NULL);
	for (i = 0; i < 3; i++)
		cars[i] = car_insert(c.id, 1 + i);
	assert_int_equal(tc_call("GET", "/api/v1/car/?limit=2&sort=-id",
	    c.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(cars[2]));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/car/?limit=2&offset=2",
	    c.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	/* own id is fine; admins filter by customer */
	snprintf(path, sizeof path, "/api/v1/car/?customer_id=%s", c.id);
	assert_int_equal(tc_call("GET", path, c.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", path, fx.admin, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    r.json, 0), "customer"), "id"), c.id);
	tc_resp_free(&r);
	/* a stranger's list does not show them */
	assert_int_equal(tc_call("GET", "/api/v1/car/", fx.b.token, NULL, &r),
	    200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_string_equal(tc_jstr(cJSON_GetObjectItem(
		    cJSON_GetArrayItem(r.json, i), "customer"), "id"), fx.b.id);
	tc_resp_free(&r);
	for (i = 0; i < 3; i++)
		free(cars[i]);
	tc_user_free(&c);
}

static void
q_finds_a_registration_in_either_form(void **state)
{
	struct tc_resp	 r;
	char		*car, *disp, path[128];

	(void)state;
	car = car_insert(fx.a.id, 1);
	disp = tc_sqlf("SELECT reg_number FROM customer_cars WHERE id = %s",
	    car);
	/* "TN 123 AB-456789": search "ab-456789", and "123 ab 456789" which
	 * only the key form holds */
	snprintf(path, sizeof path, "/api/v1/car/?q=ab-%.6s", disp + 10);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(car));
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/?q=%.3s%%20ab%%20%.6s",
	    disp + 3, disp + 10);
	assert_int_equal(tc_call("GET", path, fx.admin, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(car));
	tc_resp_free(&r);
	/* customer b's search does not reach a's car */
	assert_int_equal(tc_call("GET", path, fx.b.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 0);
	tc_resp_free(&r);
	free(car);
	free(disp);
}

static void
mechanic_sees_a_car_only_after_an_assignment(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 c, m;
	char		*car, *booking, *asg, path[128];

	(void)state;
	tc_user_new(&c, 3, NULL);
	tc_user_new(&m, 2, NULL);
	car = car_insert(c.id, 1);
	snprintf(path, sizeof path, "/api/v1/car/%s", car);
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 403);
	assert_string_equal(tc_detail(&r), OTHER_CUSTOMERS);
	tc_resp_free(&r);
	booking = booking_insert(c.id, car);
	/* a booking alone is not enough */
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 403);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/car/", m.token, NULL, &r),
	    200);
	assert_int_equal(tc_total_count(&r), 0);
	tc_resp_free(&r);
	asg = tc_sqlf("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, assigned_by) VALUES ('%s', %s, 1,"
	    " 'ADM000001') RETURNING id", m.id, booking);
	assert_non_null(asg);
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 200);
	assert_int_equal(tc_jlong(r.json, "id"), atol(car));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/car/", m.token, NULL, &r),
	    200);
	assert_int_equal(tc_total_count(&r), 1);
	tc_resp_free(&r);
	/* he held it: still visible once released */
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 17, released_at"
	    " = now() WHERE id = %s", asg));
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 200);
	tc_resp_free(&r);
	/* another mechanic still sees nothing */
	assert_int_equal(tc_call("GET", path, fx.m.token, NULL, &r), 403);
	tc_resp_free(&r);
	free(car);
	free(booking);
	free(asg);
	tc_user_free(&c);
	tc_user_free(&m);
}

static void
admin_adds_a_car_for_a_customer_and_it_is_audited(void **state)
{
	struct tc_resp	 r;
	char		 disp[32], key[32], body[256], *id;

	(void)state;
	reg_new(disp, key, sizeof disp);
	snprintf(body, sizeof body, "{\"reg_number\":\"%s\",\"car_model_id\":"
	    "3,\"customer_id\":\"%s\"}", disp, fx.b.id);
	assert_int_equal(tc_call("POST", "/api/v1/car/", fx.admin, body, &r),
	    200);
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "customer"),
	    "id"), fx.b.id);
	id = tc_idstr(tc_jlong(r.json, "id"));
	tc_resp_free(&r);
	tc_sql_is(fx.b.id, "SELECT customer_id FROM customer_cars WHERE id ="
	    " %s", id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE entity ="
	    " 'customer_cars' AND entity_id = '%s' AND action = 'create'", id);
	free(id);
}

static void
owner_changes_and_deletes_a_car_softly(void **state)
{
	struct tc_resp	 r;
	char		 disp[32], key[32], body[128], path[64], *car;

	(void)state;
	car = car_insert(fx.a.id, 1);
	snprintf(path, sizeof path, "/api/v1/car/%s", car);
	reg_new(disp, key, sizeof disp);
	snprintf(body, sizeof body, "{\"reg_number\":\"%s\",\"car_model_id\":"
	    "5}", disp);
	assert_int_equal(tc_call("PUT", path, fx.a.token, body, &r), 200);
	assert_int_equal(tc_jlong(r.json, "car_model_id"), 5);
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "car"),
	    "model"), "City");
	tc_resp_free(&r);
	tc_sql_is(key, "SELECT reg_number_norm FROM customer_cars WHERE id ="
	    " %s", car);
	/* an empty body changes nothing */
	assert_int_equal(tc_call("PUT", path, fx.a.token, "{}", &r), 200);
	assert_int_equal(tc_jlong(r.json, "car_model_id"), 5);
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Car deleted successfully.");
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT deleted_at IS NOT NULL FROM customer_cars WHERE"
	    " id = %s", car);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "CustomerCar not found.");
	tc_resp_free(&r);
	/* the plate is free again */
	snprintf(body, sizeof body, "{\"reg_number\":\"%s\",\"car_model_id\":"
	    "1}", key);
	assert_int_equal(tc_call("POST", "/api/v1/car/", fx.b.token, body, &r),
	    200);
	tc_resp_free(&r);
	free(car);
}

static void
open_booking_blocks_model_change_and_delete_with_409(void **state)
{
	struct tc_resp	 r;
	char		 disp[32], key[32], body[128], path[64];
	char		*car, *b, *snap;

	(void)state;
	car = car_insert(fx.a.id, 1);
	b = booking_insert(fx.a.id, car);
	snprintf(path, sizeof path, "/api/v1/car/%s", car);
	assert_int_equal(tc_call("PUT", path, fx.a.token,
	    "{\"car_model_id\":2}", &r), 409);
	assert_string_equal(tc_detail(&r), "Car has an open booking.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 409);
	assert_string_equal(tc_detail(&r), "Car has an open booking.");
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT car_model_id FROM customer_cars WHERE id = %s"
	    " AND deleted_at IS NULL", car);
	/* the same model, or a new plate, is fine; the booking keeps its
	 * snapshot */
	snap = tc_sqlf("SELECT car_reg_number FROM bookings WHERE id = %s", b);
	reg_new(disp, key, sizeof disp);
	snprintf(body, sizeof body, "{\"reg_number\":\"%s\",\"car_model_id\":"
	    "1}", disp);
	assert_int_equal(tc_call("PUT", path, fx.a.token, body, &r), 200);
	tc_resp_free(&r);
	tc_sql_is(snap, "SELECT car_reg_number FROM bookings WHERE id = %s", b);
	/* once delivered the booking is closed */
	free(tc_sqlf("UPDATE bookings SET status_id = 9 WHERE id = %s", b));
	assert_int_equal(tc_call("PUT", path, fx.a.token,
	    "{\"car_model_id\":2}", &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 200);
	tc_resp_free(&r);
	free(car);
	free(b);
	free(snap);
}

/* A fresh car model through the API; returns its id. */
static long
model_new(const char *name, int manufacturer, int fuel, int cls)
{
	struct tc_resp	r;
	char		body[256];
	long		id;

	snprintf(body, sizeof body, "{\"model\":\" %s \",\"manufacturer_id\":"
	    "%d,\"fuel_type_id\":%d,\"car_class_id\":%d,\"year\":2022,"
	    "\"img\":\"m.jpg\"}", name, manufacturer, fuel, cls);
	assert_int_equal(tc_call("POST", "/api/v1/car/models", fx.admin, body,
	    &r), 200);
	id = tc_jlong(r.json, "id");
	tc_resp_free(&r);
	return id;
}

static void
car_models_list_filters_pages_and_counts(void **state)
{
	struct tc_resp	 r;
	char		 name[64], path[256];
	long		 ids[3], tag = tc_unique_phone();
	int		 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "Zm%ld-%d", tag, i);
		ids[i] = model_new(name, i == 0 ? 2 : 3, 2, 8);
	}
	snprintf(path, sizeof path, "/api/v1/car/models?q=ZM%ld&limit=2"
	    "&sort=-model", tag);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"), ids[2]);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/models?q=zm%ld&offset=2"
	    "&sort=-model", tag);
	assert_int_equal(tc_call("GET", path, fx.m.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"), ids[0]);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/models?q=zm%ld"
	    "&manufacturer_id=3&fuel_type_id=2&car_class_id=8", tag);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 2);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/models?q=zm%ld"
	    "&car_class_id=1", tag);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 0);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
}

static void
admin_creates_changes_and_retires_a_car_model(void **state)
{
	struct tc_resp	 r;
	char		 path[64], body[256];
	long		 id, next;
	struct tm	 tm;
	time_t		 now = time(NULL);
	const cJSON	*x;

	(void)state;
	gmtime_r(&now, &tm);
	next = tm.tm_year + 1900 + 1;
	snprintf(body, sizeof body, "{\"model\":\" Future \","
	    "\"manufacturer_id\":\"6\",\"fuel_type_id\":4,\"car_class_id\":5,"
	    "\"year\":%ld,\"img\":\" f.jpg \"}", next + 1);
	assert_int_equal(tc_call("POST", "/api/v1/car/models", fx.admin, body,
	    &r), 422);
	tc_resp_free(&r);
	snprintf(body, sizeof body, "{\"model\":\" Future \","
	    "\"manufacturer_id\":\"6\",\"fuel_type_id\":4,\"car_class_id\":5,"
	    "\"year\":%ld,\"img\":\" f.jpg \"}", next);
	assert_int_equal(tc_call("POST", "/api/v1/car/models", fx.admin, body,
	    &r), 200);
	assert_string_equal(tc_jstr(r.json, "model"), "Future");
	assert_string_equal(tc_jstr(r.json, "img"), "f.jpg");
	assert_int_equal(tc_jlong(r.json, "year"), next);
	x = cJSON_GetObjectItem(r.json, "manufacturer");
	assert_string_equal(tc_jstr(x, "name"), "Toyota");
	x = cJSON_GetObjectItem(r.json, "fuel_type");
	assert_string_equal(tc_jstr(x, "fuel_name"), "Hybrid");
	x = cJSON_GetObjectItem(r.json, "car_class");
	assert_string_equal(tc_jstr(x, "class"), "Premium Sedan");
	assert_int_equal(tc_jlong(x, "id"), 5);
	id = tc_jlong(r.json, "id");
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE entity = 'cars'"
	    " AND entity_id = '%ld' AND action = 'create'", id);
	snprintf(path, sizeof path, "/api/v1/car/models/%ld", id);
	assert_int_equal(tc_call("PUT", path, fx.admin, "{\"year\":2001,"
	    "\"model\":\"Past\",\"img\":null}", &r), 200);
	assert_int_equal(tc_jlong(r.json, "year"), 2001);
	assert_string_equal(tc_jstr(r.json, "img"), "f.jpg");
	tc_resp_free(&r);
	tc_sql_is("Past 2001", "SELECT model || ' ' || year FROM cars WHERE"
	    " id = %ld", id);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Car deleted successfully.");
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT deleted_at IS NOT NULL FROM cars WHERE id = %ld",
	    id);
	assert_int_equal(tc_call("PUT", path, fx.admin, "{}", &r), 404);
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 404);
	tc_resp_free(&r);
}

static void
deleting_a_model_in_use_keeps_every_customer_car(void **state)
{
	struct tc_resp	 r;
	char		 name[64], path[128], body[128], *c1, *c2, mid[16];
	long		 id;

	(void)state;
	snprintf(name, sizeof name, "Keep%ld", tc_unique_phone());
	id = model_new(name, 4, 2, 7);
	snprintf(mid, sizeof mid, "%ld", id);
	c1 = car_insert(fx.a.id, (int)id);
	c2 = car_insert(fx.b.id, (int)id);
	snprintf(path, sizeof path, "/api/v1/car/models/%ld", id);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 200);
	tc_resp_free(&r);
	tc_sql_is("2", "SELECT count(*) FROM customer_cars WHERE car_model_id ="
	    " %ld AND deleted_at IS NULL", id);
	snprintf(path, sizeof path, "/api/v1/car/%s", c1);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 200);
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "car"),
	    "model"), name);
	assert_int_equal(tc_jlong(cJSON_GetObjectItem(r.json, "car"), "id"),
	    id);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/%s", c2);
	assert_int_equal(tc_call("GET", path, fx.b.token, NULL, &r), 200);
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "car"),
	    "model"), name);
	tc_resp_free(&r);
	/* other fields may change while the retired model stays */
	assert_int_equal(tc_call("PUT", path, fx.b.token, "{}", &r), 200);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/models?q=%s", name);
	assert_int_equal(tc_call("GET", path, fx.a.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 0);
	tc_resp_free(&r);
	/* but no new car may take it */
	snprintf(body, sizeof body, "{\"reg_number\":\"RT%s\","
	    "\"car_model_id\":%ld}", mid, id);
	assert_int_equal(tc_call("POST", "/api/v1/car/", fx.a.token, body, &r),
	    400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/%s", c1);
	snprintf(body, sizeof body, "{\"car_model_id\":%ld}", id);
	assert_int_equal(tc_call("PUT", path, fx.a.token, body, &r), 200);
	tc_resp_free(&r);
	free(c1);
	free(c2);
}

/* One lookup kind as the tests drive it. */
static const struct {
	const char	*path;
	const char	*field;
	const char	*model;
} lookups[] = {
	{ "/api/v1/car/class", "class", "CarClass" },
	{ "/api/v1/car/fuel", "fuel_name", "FuelType" },
	{ "/api/v1/car/manufacturer", "name", "Manufacturer" },
};

static long
lookup_new(int k, const char *value)
{
	struct tc_resp	r;
	char		body[128];
	long		id;

	snprintf(body, sizeof body, "{\"%s\":\"  %s \"}", lookups[k].field,
	    value);
	assert_int_equal(tc_call("POST", lookups[k].path, fx.admin, body, &r),
	    200);
	assert_string_equal(tc_jstr(r.json, lookups[k].field), value);
	id = tc_jlong(r.json, "id");
	tc_resp_free(&r);
	return id;
}

static void
each_lookup_is_created_renamed_listed_and_retired(void **state)
{
	struct tc_resp	 r;
	char		 v[64], path[128], body[128], detail[64];
	long		 id, tag = tc_unique_phone();
	int		 k;

	(void)state;
	for (k = 0; k < 3; k++) {
		snprintf(v, sizeof v, "Lk%ld-%d", tag, k);
		id = lookup_new(k, v);
		snprintf(path, sizeof path, "%s?q=lk%ld-%d", lookups[k].path,
		    tag, k);
		assert_int_equal(tc_call("GET", path, fx.m.token, NULL, &r),
		    200);
		assert_int_equal(tc_total_count(&r), 1);
		assert_int_equal(cJSON_GetArraySize(cJSON_GetArrayItem(r.json,
		    0)), 2);
		tc_resp_free(&r);
		snprintf(path, sizeof path, "%s/%ld", lookups[k].path, id);
		snprintf(body, sizeof body, "{\"%s\":\"Lk%ld-%dx\"}",
		    lookups[k].field, tag, k);
		assert_int_equal(tc_call("PUT", path, fx.admin, body, &r), 200);
		tc_resp_free(&r);
		assert_int_equal(tc_call("PUT", path, fx.admin, "{}", &r), 200);
		snprintf(v, sizeof v, "Lk%ld-%dx", tag, k);
		assert_string_equal(tc_jstr(r.json, lookups[k].field), v);
		tc_resp_free(&r);
		assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r),
		    200);
		snprintf(detail, sizeof detail, "%s deleted successfully.",
		    lookups[k].model);
		assert_string_equal(tc_detail(&r), detail);
		tc_resp_free(&r);
		assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r),
		    404);
		snprintf(detail, sizeof detail, "%s not found.",
		    lookups[k].model);
		assert_string_equal(tc_detail(&r), detail);
		tc_resp_free(&r);
		snprintf(path, sizeof path, "%s?q=lk%ld-%d", lookups[k].path,
		    tag, k);
		assert_int_equal(tc_call("GET", path, fx.admin, NULL, &r), 200);
		assert_int_equal(tc_total_count(&r), 0);
		tc_resp_free(&r);
	}
	tc_sql_is("3", "SELECT (SELECT count(*) FROM car_classes WHERE class"
	    " LIKE 'Lk%ld-%%' AND deleted_at IS NOT NULL) + (SELECT count(*)"
	    " FROM fuel_types WHERE fuel_name LIKE 'Lk%ld-%%' AND deleted_at IS"
	    " NOT NULL) + (SELECT count(*) FROM manufacturers WHERE name LIKE"
	    " 'Lk%ld-%%' AND deleted_at IS NOT NULL)", tag, tag, tag);
	/* each row's audit entries, matched within its own table */
	tc_sql_is("12", "SELECT count(*) FROM audit_log WHERE at > now() -"
	    " interval '1 minute' AND ((entity = 'car_classes' AND entity_id IN"
	    " (SELECT id::text FROM car_classes WHERE class LIKE 'Lk%ld-%%'))"
	    " OR (entity = 'fuel_types' AND entity_id IN (SELECT id::text FROM"
	    " fuel_types WHERE fuel_name LIKE 'Lk%ld-%%')) OR (entity ="
	    " 'manufacturers' AND entity_id IN (SELECT id::text FROM"
	    " manufacturers WHERE name LIKE 'Lk%ld-%%')))",
	    tag, tag, tag);
}

static void
class_is_accepted_as_class_underscore(void **state)
{
	struct tc_resp	 r;
	char		 body[128], path[64], v[64];
	long		 id;

	(void)state;
	snprintf(v, sizeof v, "Alias%ld", tc_unique_phone());
	snprintf(body, sizeof body, "{\"class_\":\"%s\"}", v);
	assert_int_equal(tc_call("POST", "/api/v1/car/class", fx.admin, body,
	    &r), 200);
	assert_string_equal(tc_jstr(r.json, "class"), v);
	id = tc_jlong(r.json, "id");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/class/%ld", id);
	snprintf(body, sizeof body, "{\"class_\":\"%s2\"}", v);
	assert_int_equal(tc_call("PUT", path, fx.admin, body, &r), 200);
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT class = '%s2' FROM car_classes WHERE id = %ld",
	    v, id);
}

static void
lookups_in_use_are_409_until_their_users_go(void **state)
{
	struct tc_resp	 r;
	char		 v[64], path[128], detail[64];
	long		 ids[3], model;
	long		 tag = tc_unique_phone();
	int		 k;

	(void)state;
	for (k = 0; k < 3; k++) {
		snprintf(v, sizeof v, "Use%ld-%d", tag, k);
		ids[k] = lookup_new(k, v);
	}
	snprintf(v, sizeof v, "UseModel%ld", tag);
	model = model_new(v, (int)ids[2], (int)ids[1], (int)ids[0]);
	for (k = 0; k < 3; k++) {
		snprintf(path, sizeof path, "%s/%ld", lookups[k].path, ids[k]);
		assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r),
		    409);
		snprintf(detail, sizeof detail, "%s is in use.",
		    lookups[k].model);
		assert_string_equal(tc_detail(&r), detail);
		tc_resp_free(&r);
	}
	tc_sql_is("0", "SELECT (SELECT count(*) FROM car_classes WHERE id = %ld"
	    " AND deleted_at IS NOT NULL) + (SELECT count(*) FROM fuel_types"
	    " WHERE id = %ld AND deleted_at IS NOT NULL)", ids[0], ids[1]);
	/* a retired model no longer holds them, but a live service does */
	snprintf(path, sizeof path, "/api/v1/car/models/%ld", model);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 200);
	tc_resp_free(&r);
	free(tc_sqlf("INSERT INTO price_chart (service_id, car_class_id, price)"
	    " VALUES (1, %ld, 100)", ids[0]));
	free(tc_sqlf("INSERT INTO service_fuel_types (service_id, fuel_type_id)"
	    " VALUES (1, %ld)", ids[1]));
	for (k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/%ld", lookups[k].path, ids[k]);
		assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r),
		    409);
		tc_resp_free(&r);
	}
	free(tc_sqlf("DELETE FROM price_chart WHERE car_class_id = %ld",
	    ids[0]));
	free(tc_sqlf("DELETE FROM service_fuel_types WHERE fuel_type_id = %ld",
	    ids[1]));
	for (k = 0; k < 3; k++) {
		snprintf(path, sizeof path, "%s/%ld", lookups[k].path, ids[k]);
		assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r),
		    200);
		tc_resp_free(&r);
	}
}

static void
retired_lookups_cannot_be_used_by_new_models(void **state)
{
	struct tc_resp	 r;
	char		 v[64], path[128], body[256];
	long		 fuel, model;

	(void)state;
	snprintf(v, sizeof v, "Gone%ld", tc_unique_phone());
	fuel = lookup_new(1, v);
	model = model_new(v, 1, 1, 1);
	snprintf(path, sizeof path, "/api/v1/car/fuel/%ld", fuel);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 200);
	tc_resp_free(&r);
	snprintf(body, sizeof body, "{\"model\":\"%s\",\"manufacturer_id\":1,"
	    "\"fuel_type_id\":%ld,\"car_class_id\":1,\"year\":2020,"
	    "\"img\":\"g.jpg\"}", v, fuel);
	assert_int_equal(tc_call("POST", "/api/v1/car/models", fx.admin, body,
	    &r), 400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/car/models/%ld", model);
	snprintf(body, sizeof body, "{\"fuel_type_id\":%ld}", fuel);
	assert_int_equal(tc_call("PUT", path, fx.admin, body, &r), 400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT fuel_type_id FROM cars WHERE id = %ld", model);
}

static void
lookup_lists_page_with_total_count(void **state)
{
	static const struct {
		const char	*path;
		long		 seeded;
	} lists[] = {
		{ "/api/v1/car/class?limit=5&sort=-id", 21 },
		{ "/api/v1/car/fuel?limit=2&offset=1&sort=fuel_name", 5 },
		{ "/api/v1/car/manufacturer?limit=3&sort=-name", 25 },
	};
	struct tc_resp	r;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		assert_int_equal(tc_call("GET", lists[i].path, fx.a.token, NULL,
		    &r), 200);
		assert_true(tc_total_count(&r) >= lists[i].seeded);
		assert_true(cJSON_GetArraySize(r.json) <= 5);
		assert_true(cJSON_GetArraySize(r.json) >= 2);
		tc_resp_free(&r);
	}
	assert_int_equal(tc_call("GET", "/api/v1/car/fuel?q=diesel", fx.a.token,
	    NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "fuel_name"),
	    "Diesel");
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"), 2);
	tc_resp_free(&r);
}

/* A retired name is free again: re-adding it makes a new live row. */
static void
retired_names_can_be_added_again(void **state)
{
	static const struct {
		const char	*path;
		const char	*fmt;
	} kinds[] = {
		{ "/api/v1/car/fuel", "{\"fuel_name\":\"Retired %d\"}" },
		{ "/api/v1/car/class", "{\"class\":\"Retired %d\"}" },
		{ "/api/v1/car/manufacturer", "{\"name\":\"Retired %d\"}" },
		{ "/api/v1/utils/timeslot", "{\"name\":\"Retired %d\","
		    "\"start_time\":\"06:00\",\"end_time\":\"07:00\"}" },
		{ "/api/v1/services/category", "{\"name\":\"Retired %d\","
		    "\"description\":\"Old work\",\"image\":\"x.png\"}" },
	};
	struct tc_resp	 r;
	char		 body[256], path[128];
	long		 first, second;
	size_t		 i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		snprintf(body, sizeof body, kinds[i].fmt, (int)getpid());
		assert_int_equal(tc_call("POST", kinds[i].path, fx.admin, body,
		    &r), 200);
		first = tc_jlong(r.json, "id");
		tc_resp_free(&r);
		/* while it is live the name is taken */
		assert_int_equal(tc_call("POST", kinds[i].path, fx.admin, body,
		    &r), 400);
		tc_resp_free(&r);
		snprintf(path, sizeof path, "%s/%ld", kinds[i].path, first);
		assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r),
		    200);
		tc_resp_free(&r);
		assert_int_equal(tc_call("POST", kinds[i].path, fx.admin, body,
		    &r), 200);
		second = tc_jlong(r.json, "id");
		assert_true(second != first);
		tc_resp_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failures_get_specs_answer_and_change_nothing),
		cmocka_unit_test(
		    registration_is_upper_cased_and_unique_in_key_form),
		cmocka_unit_test(registration_rules_are_422),
		cmocka_unit_test(customer_lists_own_cars_with_paging_and_total),
		cmocka_unit_test(q_finds_a_registration_in_either_form),
		cmocka_unit_test(
		    mechanic_sees_a_car_only_after_an_assignment),
		cmocka_unit_test(
		    admin_adds_a_car_for_a_customer_and_it_is_audited),
		cmocka_unit_test(owner_changes_and_deletes_a_car_softly),
		cmocka_unit_test(
		    open_booking_blocks_model_change_and_delete_with_409),
		cmocka_unit_test(car_models_list_filters_pages_and_counts),
		cmocka_unit_test(admin_creates_changes_and_retires_a_car_model),
		cmocka_unit_test(
		    deleting_a_model_in_use_keeps_every_customer_car),
		cmocka_unit_test(
		    each_lookup_is_created_renamed_listed_and_retired),
		cmocka_unit_test(class_is_accepted_as_class_underscore),
		cmocka_unit_test(retired_names_can_be_added_again),
		cmocka_unit_test(lookups_in_use_are_409_until_their_users_go),
		cmocka_unit_test(retired_lookups_cannot_be_used_by_new_models),
		cmocka_unit_test(lookup_lists_page_with_total_count),
	};

	tc_base();
	return cmocka_run_group_tests_name("cars", tests, setup, teardown);
}
