/* Addresses against the real server (SPEC §8.7): shapes, label and line
 * rules, paging, ownership per role (SPEC §3.3), retired areas, soft
 * deletes and the open-booking 409. */
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

#define OPEN_BOOKING	"Address is used by an open booking."
#define OTHER_CUSTOMERS \
	"Operation not permitted. Trying to access addresses of other " \
	"customers."

/* Made once for the group; tests never delete or lock them. */
static struct tc_cast	 fx;
static char		*fx_addr;		/* an address of customer a */

/* An address straight into the table (for tests of something else). */
static char *
address_insert(const char *customer, int area)
{
	return tc_idstr(tc_new_address(customer, "Fixture", "1 Fixture Lane",
	    area));
}

/* An open booking (status booked) of a fresh car of customer, picking up
 * at pickup and dropping at drop. */
static char *
booking_insert(const char *customer, const char *pickup, const char *drop)
{
	struct tc_booking	b = { .customer = customer,
	    .pickup = atol(pickup), .drop = atol(drop), .drop_days = 3,
	    .drop_slot = 1, .promised = "3 days" };

	return tc_idstr(tc_new_booking(&b));
}

static int
setup(void **state)
{
	if (tc_cast_new(&fx) != 0)
		return -1;
	fx_addr = address_insert(fx.a.id, 2);
	return fx_addr == NULL;
}

static int
teardown(void **state)
{
	tc_cast_free(&fx);
	free(fx_addr);
	return 0;
}

/* SPEC §8.7's failures, one row each: the answer, and for 422 the first
 * item's msg. None of them may change anything (checked after). */
static const struct tc_failure addresses_failures[] = {
	{ "GET", "/api/v1/address/", TC_ANON, NULL, 401, "Not authenticated" },
	{ "GET", "/api/v1/address/?customer_id={a}", TC_CUST_B, NULL, 403,
	    OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/address/{addr}", TC_CUST_B, "{\"line1\":\"Hacked"
	    " St\"}", 403, OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/address/{addr}", TC_CUST_B, "{}", 403,
	    OTHER_CUSTOMERS },
	{ "DELETE", "/api/v1/address/{addr}", TC_CUST_B, NULL, 403,
	    OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/address/{addr}", TC_MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "DELETE", "/api/v1/address/{addr}", TC_MECH, NULL, 403,
	    "Insufficient permissions." },
	{ "POST", "/api/v1/address/", TC_MECH, "{\"line1\":\"Main St\","
	    "\"area_id\":1}", 403, "Insufficient permissions." },
	{ "POST", "/api/v1/address/", TC_ADMIN, "{\"line1\":\"Main St\","
	    "\"area_id\":1}", 403,
	    "Operation not permitted. Only Customers can add addresses" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"line1\":\"Main St\","
	    "\"area_id\":1,\"customer_id\":\"{b}\"}", 403, OTHER_CUSTOMERS },
	{ "POST", "/api/v1/address/", TC_ADMIN, "{\"line1\":\"Main St\","
	    "\"area_id\":1,\"customer_id\":\"CST999999999\"}", 400,
	    "Invalid foreign key reference" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"line1\":\"Main St\","
	    "\"area_id\":2147483647}", 400, "Invalid foreign key reference" },
	{ "PUT", "/api/v1/address/2147483647", TC_CUST_B, "{}", 404,
	    "Address not found." },
	{ "PUT", "/api/v1/address/2147483647", TC_ADMIN, "{}", 404,
	    "Address not found." },
	{ "DELETE", "/api/v1/address/2147483647", TC_CUST_A, NULL, 404,
	    "Address not found." },
	{ "PUT", "/api/v1/address/{addr}", TC_CUST_A,
	    "{\"area_id\":2147483647}", 400, "Invalid foreign key reference" },
	{ "PUT", "/api/v1/address/{addr}", TC_CUST_A, "{\"label\":\" \\t \"}",
	    422, "Value error, Address label cannot be empty or only"
	    " whitespace" },
	{ "PUT", "/api/v1/address/{addr}", TC_CUST_A, "{\"line1\":\"  \"}", 422,
	    "String should have at least 3 characters" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"line1\":\" ab \","
	    "\"area_id\":1}", 422, "String should have at least 3 characters" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"label\":\"H\","
	    "\"line1\":\"Main St\",\"area_id\":1}", 422,
	    "String should have at least 2 characters" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"label\":\""
	    "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk\","
	    "\"line1\":\"Main St\",\"area_id\":1}", 422,
	    "String should have at most 50 characters" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"line1\":\"Main St\"}", 422,
	    "Field required" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"line1\":\"Main St\","
	    "\"area_id\":0}", 422, "Input should be greater than 0" },
	{ "POST", "/api/v1/address/", TC_CUST_A, "{\"line1\":7,\"area_id\":1}",
	    422, "Input should be a valid string" },
	{ "GET", "/api/v1/address/?limit=0", TC_CUST_A, NULL, 422,
	    "Input should be greater than or equal to 1" },
	{ "GET", "/api/v1/address/?sort=line9", TC_CUST_A, NULL, 422, NULL },
	{ "DELETE", "/api/v1/address/0", TC_CUST_A, NULL, 422,
	    "Input should be greater than or equal to 1" },
};

static void
failures_get_specs_answer_and_change_nothing(void **state)
{
	char	*before, *after;

	(void)state;
	before = tc_sqlf("SELECT md5(string_agg(t::text, ',' ORDER BY t::text))"
	    " FROM (SELECT * FROM addresses WHERE customer_id IN ('%s', '%s'))"
	    " t", fx.a.id, fx.b.id);
	tc_failures_run(addresses_failures,
	    sizeof addresses_failures / sizeof addresses_failures[0], &fx,
	    "{addr}", fx_addr);
	after = tc_sqlf("SELECT md5(string_agg(t::text, ',' ORDER BY t::text))"
	    " FROM (SELECT * FROM addresses WHERE customer_id IN ('%s', '%s'))"
	    " t", fx.a.id, fx.b.id);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void
customer_adds_an_address_and_blanks_read_as_null(void **state)
{
	struct tc_resp	 r;
	const cJSON	*x;
	char		 body[256], *id;

	(void)state;
	assert_int_equal(tc_call("POST", "/api/v1/address/", fx.a.token,
	    "{\"label\":\"   \",\"line1\":\"  4 Beach Road \",\"line2\":\" \","
	    "\"area_id\":\"10\"}", &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "label")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "line2")));
	assert_string_equal(tc_jstr(r.json, "line1"), "4 Beach Road");
	assert_int_equal(tc_jlong(r.json, "area_id"), 10);
	x = cJSON_GetObjectItem(r.json, "area");
	assert_string_equal(tc_jstr(x, "name"), "Mylapore");
	assert_int_equal(tc_jlong(x, "pincode"), 600004);
	assert_int_equal(tc_jlong(x, "id"), 10);
	x = cJSON_GetObjectItem(r.json, "customer");
	assert_string_equal(tc_jstr(x, "id"), fx.a.id);
	assert_non_null(cJSON_GetObjectItem(x, "phone"));
	assert_non_null(cJSON_GetObjectItem(x, "email"));
	assert_non_null(cJSON_GetObjectItem(x, "name"));
	assert_int_equal(strlen(tc_jstr(r.json, "created_at")), 27);
	id = tc_idstr(tc_jlong(r.json, "id"));
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT customer_id = '%s' AND label IS NULL AND line2"
	    " IS NULL AND line1 = '4 Beach Road' FROM addresses WHERE id = %s",
	    fx.a.id, id);
	/* a customer naming himself is fine */
	snprintf(body, sizeof body, "{\"label\":\"Work\",\"line1\":"
	    "\"5 Beach Road\",\"line2\":\"Floor 2\",\"area_id\":10,"
	    "\"customer_id\":\"%s\"}", fx.a.id);
	assert_int_equal(tc_call("POST", "/api/v1/address/", fx.a.token, body,
	    &r), 200);
	assert_string_equal(tc_jstr(r.json, "label"), "Work");
	assert_string_equal(tc_jstr(r.json, "line2"), "Floor 2");
	tc_resp_free(&r);
	free(id);
}

static void
owner_changes_an_address_and_null_clears_label_and_line2(void **state)
{
	struct tc_resp	 r;
	char		*addr, path[64];

	(void)state;
	addr = address_insert(fx.a.id, 1);
	snprintf(path, sizeof path, "/api/v1/address/%s", addr);
	assert_int_equal(tc_call("PUT", path, fx.a.token, "{\"label\":\" Gym"
	    " \",\"line2\":\"Opp. park\",\"area_id\":5,\"line1\":\"9 Hill"
	    " Rd\"}", &r), 200);
	assert_string_equal(tc_jstr(r.json, "label"), "Gym");
	assert_string_equal(tc_jstr(r.json, "line2"), "Opp. park");
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "area"),
	    "name"), "Nungambakkam");
	tc_resp_free(&r);
	tc_sql_is("Gym|9 Hill Rd|Opp. park|5", "SELECT concat_ws('|', label,"
	    " line1, line2, area_id) FROM addresses WHERE id = %s", addr);
	/* an empty body changes nothing */
	assert_int_equal(tc_call("PUT", path, fx.a.token, "{}", &r), 200);
	assert_string_equal(tc_jstr(r.json, "label"), "Gym");
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, fx.a.token, "{\"label\":null,"
	    "\"line2\":\"  \"}", &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "label")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "line2")));
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT label IS NULL AND line2 IS NULL FROM addresses"
	    " WHERE id = %s", addr);
	/* admins may change any address, and it is audited */
	assert_int_equal(tc_call("PUT", path, fx.admin, "{\"label\":\"Desk\"}",
	    &r), 200);
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE entity ="
	    " 'addresses' AND entity_id = '%s' AND action = 'update'", addr);
	free(addr);
}

static void
owner_deletes_an_address_softly(void **state)
{
	struct tc_resp	 r;
	char		*addr, path[64];
	int		 i;

	(void)state;
	addr = address_insert(fx.a.id, 1);
	snprintf(path, sizeof path, "/api/v1/address/%s", addr);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Address deleted successfully.");
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT deleted_at IS NOT NULL FROM addresses WHERE"
	    " id = %s", addr);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Address not found.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", path, fx.a.token, "{}", &r), 404);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/address/?limit=500",
	    fx.a.token, NULL, &r), 200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_int_not_equal(tc_jlong(cJSON_GetArrayItem(r.json, i),
		    "id"), atol(addr));
	tc_resp_free(&r);
	free(addr);
}

static void
address_of_an_open_booking_cannot_be_deleted(void **state)
{
	struct tc_resp	 r;
	char		*pick, *drop, *b, path[64];

	(void)state;
	pick = address_insert(fx.a.id, 1);
	drop = address_insert(fx.a.id, 2);
	b = booking_insert(fx.a.id, pick, drop);
	snprintf(path, sizeof path, "/api/v1/address/%s", pick);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 409);
	assert_string_equal(tc_detail(&r), OPEN_BOOKING);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/%s", drop);
	assert_int_equal(tc_call("DELETE", path, fx.admin, NULL, &r), 409);
	assert_string_equal(tc_detail(&r), OPEN_BOOKING);
	tc_resp_free(&r);
	tc_sql_is("0", "SELECT count(*) FROM addresses WHERE id IN (%s, %s) AND"
	    " deleted_at IS NOT NULL", pick, drop);
	/* it may still be edited */
	assert_int_equal(tc_call("PUT", path, fx.a.token,
	    "{\"label\":\"Still\"}", &r), 200);
	tc_resp_free(&r);
	/* a cancelled booking is closed */
	free(tc_sqlf("UPDATE bookings SET status_id = 10 WHERE id = %s", b));
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 200);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/%s", pick);
	assert_int_equal(tc_call("DELETE", path, fx.a.token, NULL, &r), 200);
	tc_resp_free(&r);
	free(pick);
	free(drop);
	free(b);
}

static void
admin_adds_an_address_for_a_customer_and_it_is_audited(void **state)
{
	struct tc_resp	 r;
	char		 body[256], *id;

	(void)state;
	snprintf(body, sizeof body, "{\"label\":\"Office\",\"line1\":"
	    "\"1 Mount Road\",\"area_id\":3,\"customer_id\":\" %s \"}",
	    fx.b.id);
	assert_int_equal(tc_call("POST", "/api/v1/address/", fx.admin, body,
	    &r), 200);
	assert_string_equal(tc_jstr(cJSON_GetObjectItem(r.json, "customer"),
	    "id"), fx.b.id);
	id = tc_idstr(tc_jlong(r.json, "id"));
	tc_resp_free(&r);
	tc_sql_is(fx.b.id, "SELECT customer_id FROM addresses WHERE id = %s",
	    id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE entity ="
	    " 'addresses' AND entity_id = '%s' AND action = 'create' AND actor"
	    " = 'ADM000001'", id);
	free(id);
}

static void
retired_area_stays_on_addresses_but_new_ones_cannot_use_it(void **state)
{
	struct tc_resp	 r;
	char		*area, *addr, *other, path[64], body[128];

	(void)state;
	area = tc_sqlf("INSERT INTO areas (name, pincode) VALUES ('Retired"
	    " %ld', 600999) RETURNING id", tc_unique_phone());
	addr = address_insert(fx.a.id, atoi(area));
	other = address_insert(fx.a.id, 1);
	free(tc_sqlf("UPDATE areas SET deleted_at = now() WHERE id = %s",
	    area));
	snprintf(body, sizeof body, "{\"line1\":\"New Street\",\"area_id\":%s}",
	    area);
	assert_int_equal(tc_call("POST", "/api/v1/address/", fx.a.token, body,
	    &r), 400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/%s", other);
	snprintf(body, sizeof body, "{\"area_id\":%s}", area);
	assert_int_equal(tc_call("PUT", path, fx.a.token, body, &r), 400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT area_id FROM addresses WHERE id = %s", other);
	/* the address that has it keeps it, shows it, and may change */
	snprintf(path, sizeof path, "/api/v1/address/%s", addr);
	assert_int_equal(tc_call("PUT", path, fx.a.token,
	    "{\"line1\":\"Old Street\"}", &r), 200);
	assert_int_equal(tc_jlong(cJSON_GetObjectItem(r.json, "area"), "id"),
	    atol(area));
	assert_int_equal(tc_jlong(cJSON_GetObjectItem(r.json, "area"),
	    "pincode"), 600999);
	tc_resp_free(&r);
	free(area);
	free(addr);
	free(other);
}

static void
list_pages_with_total_count_and_q(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 c;
	char		*ids[3], path[128];
	int		 i;

	(void)state;
	tc_user_new(&c, 3, NULL);
	for (i = 0; i < 3; i++)
		ids[i] = address_insert(c.id, 4 + i);
	assert_int_equal(tc_call("GET", "/api/v1/address/?limit=2&sort=-id",
	    c.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(ids[2]));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/address/?offset=2", c.token,
	    NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(ids[2]));
	tc_resp_free(&r);
	/* q over the area name (Guindy is area 6) and the pincode */
	assert_int_equal(tc_call("GET", "/api/v1/address/?q=GUINDY", c.token,
	    NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "area_id"), 6);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/address/?q=600042", c.token,
	    NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 1);
	tc_resp_free(&r);
	/* admins see everyone's and filter by customer */
	snprintf(path, sizeof path, "/api/v1/address/?customer_id=%s", c.id);
	assert_int_equal(tc_call("GET", path, fx.admin, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", path, c.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 3);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/address/", fx.admin, NULL, &r),
	    200);
	assert_true(tc_total_count(&r) >= 5);
	tc_resp_free(&r);
	/* nobody else's address is in a customer's list */
	assert_int_equal(tc_call("GET", "/api/v1/address/?limit=500",
	    fx.b.token, NULL, &r), 200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_string_equal(tc_jstr(cJSON_GetObjectItem(
		    cJSON_GetArrayItem(r.json, i), "customer"), "id"), fx.b.id);
	tc_resp_free(&r);
	for (i = 0; i < 3; i++)
		free(ids[i]);
	tc_user_free(&c);
}

static void
mechanic_sees_only_his_bookings_addresses(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 c, m;
	char		*pick, *drop, *home, *b, *asg, path[128];
	int		 i;

	(void)state;
	tc_user_new(&c, 3, NULL);
	tc_user_new(&m, 2, NULL);
	pick = address_insert(c.id, 1);
	drop = address_insert(c.id, 2);
	home = address_insert(c.id, 3);
	b = booking_insert(c.id, pick, drop);
	assert_int_equal(tc_call("GET", "/api/v1/address/", m.token, NULL, &r),
	    200);
	assert_int_equal(tc_total_count(&r), 0);
	tc_resp_free(&r);
	asg = tc_sqlf("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, assigned_by) VALUES ('%s', %s, 1,"
	    " 'ADM000001') RETURNING id", m.id, b);
	assert_non_null(asg);
	assert_int_equal(tc_call("GET", "/api/v1/address/?sort=id", m.token,
	    NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 2);
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(pick));
	assert_int_equal(tc_jlong(cJSON_GetArrayItem(r.json, 1), "id"),
	    atol(drop));
	tc_resp_free(&r);
	/* filtering by the customer narrows, never widens */
	snprintf(path, sizeof path, "/api/v1/address/?customer_id=%s", c.id);
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 2);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/?customer_id=%s",
	    fx.a.id);
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 200);
	assert_int_equal(tc_total_count(&r), 0);
	tc_resp_free(&r);
	/* still his after the job is done */
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 7, completed_at"
	    " = now() WHERE id = %s", asg));
	assert_int_equal(tc_call("GET", "/api/v1/address/", m.token, NULL, &r),
	    200);
	assert_int_equal(tc_total_count(&r), 2);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/address/", fx.m.token, NULL,
	    &r), 200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_int_not_equal(tc_jlong(cJSON_GetArrayItem(r.json, i),
		    "id"), atol(home));
	tc_resp_free(&r);
	free(pick);
	free(drop);
	free(home);
	free(b);
	free(asg);
	tc_user_free(&c);
	tc_user_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failures_get_specs_answer_and_change_nothing),
		cmocka_unit_test(
		    customer_adds_an_address_and_blanks_read_as_null),
		cmocka_unit_test(
		    owner_changes_an_address_and_null_clears_label_and_line2),
		cmocka_unit_test(owner_deletes_an_address_softly),
		cmocka_unit_test(address_of_an_open_booking_cannot_be_deleted),
		cmocka_unit_test(
		    admin_adds_an_address_for_a_customer_and_it_is_audited),
		cmocka_unit_test(
		    retired_area_stays_on_addresses_but_new_ones_cannot_use_it),
		cmocka_unit_test(list_pages_with_total_count_and_q),
		cmocka_unit_test(mechanic_sees_only_his_bookings_addresses),
	};

	tc_base();
	return cmocka_run_group_tests_name("addresses", tests, setup,
	    teardown);
}
