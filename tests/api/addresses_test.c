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

#include "tclient.h"

#define OPEN_BOOKING	"Address is used by an open booking."
#define OTHER_CUSTOMERS \
	"Operation not permitted. Trying to access addresses of other " \
	"customers."

/* A user made for this run, and his access token. */
struct who {
	char	*id;
	char	*tok;
};

/* Made once for the group; tests never delete or lock them. */
static struct {
	char		*admin;
	struct who	 a, b, m;
	char		*addr;		/* an address of customer a */
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

/* An id as text (malloc'd). */
static char *
idstr(long id)
{
	char	*s;

	assert_true(asprintf(&s, "%ld", id) > 0);
	return s;
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
		    " (id, name, email) SELECT id, 'Address Owner %ld',"
		    " 'addr%ld@example.test' FROM u RETURNING id", phone,
		    phone, phone);
	else
		w->id = sqlf("WITH u AS (INSERT INTO users (id, role_id,"
		    " phone, password) SELECT revcare_next_user_id('MEC',"
		    " 'mechanic_seq'), 2, %ld, password FROM users WHERE"
		    " id = 'CST000001' RETURNING id) INSERT INTO mechanics"
		    " (id, name, dob, pickup_drop) SELECT id,"
		    " 'Address Mechanic %ld',"
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

/* An address straight into the table (for tests of something else). */
static char *
address_insert(const char *customer, int area)
{
	return sqlf("INSERT INTO addresses (customer_id, label, line1, area_id)"
	    " VALUES ('%s', 'Fixture', '1 Fixture Lane', %d) RETURNING id",
	    customer, area);
}

/* An open booking (status booked) of a fresh car of customer, picking up
 * at pickup and dropping at drop. */
static char *
booking_insert(const char *customer, const char *pickup, const char *drop)
{
	long	 x = tc_unique_phone() % 1000000000L;
	char	*car, *b;

	car = sqlf("INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) VALUES ('AD%09ld', 'AD%09ld', 1, '%s')"
	    " RETURNING id", x, x, customer);
	b = sqlf("INSERT INTO bookings (customer_id, customer_car_id,"
	    " car_reg_number, pickup_address_id, pickup_date,"
	    " pickup_timeslot_id, drop_address_id, drop_date,"
	    " drop_timeslot_id, promised_at, created_by) SELECT '%s', id,"
	    " reg_number, %s, current_date + 1, 1, %s, current_date + 3, 1,"
	    " now() + interval '3 days', '%s' FROM customer_cars WHERE id = %s"
	    " RETURNING id", customer, pickup, drop, customer, car);
	assert_non_null(b);
	free(car);
	return b;
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
	user_new(&fx.a, 3);
	user_new(&fx.b, 3);
	user_new(&fx.m, 2);
	fx.addr = address_insert(fx.a.id, 2);
	return fx.admin == NULL || fx.addr == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	free(fx.admin);
	who_free(&fx.a);
	who_free(&fx.b);
	who_free(&fx.m);
	free(fx.addr);
	return 0;
}

/* Replace {addr}, {a} and {b} in a path with the fixture's values. */
static void
expand(const char *tmpl, char *out, size_t len)
{
	const char	*v;
	size_t		 o = 0;

	while (*tmpl != '\0' && o + 1 < len) {
		v = NULL;
		if (strncmp(tmpl, "{addr}", 6) == 0)
			v = fx.addr;
		else if (strncmp(tmpl, "{a}", 3) == 0)
			v = fx.a.id;
		else if (strncmp(tmpl, "{b}", 3) == 0)
			v = fx.b.id;
		if (v == NULL) {
			out[o++] = *tmpl++;
			continue;
		}
		o += (size_t)snprintf(out + o, len - o, "%s", v);
		tmpl = strchr(tmpl, '}') + 1;
	}
	out[o < len ? o : len - 1] = '\0';
}

enum caller { ANON, ADMIN, CUST_A, CUST_B, MECH };

static const char *
caller_token(enum caller c)
{
	switch (c) {
	case ADMIN:	return fx.admin;
	case CUST_A:	return fx.a.tok;
	case CUST_B:	return fx.b.tok;
	case MECH:	return fx.m.tok;
	default:	return NULL;
	}
}

/* SPEC §8.7's failures, one row each: the answer, and for 422 the first
 * item's msg. None of them may change anything (checked after). */
static const struct {
	const char	*method;
	const char	*path;
	enum caller	 who;
	const char	*body;
	long		 status;
	const char	*detail;
} addresses_failures[] = {
	{ "GET", "/api/v1/address/", ANON, NULL, 401, "Not authenticated" },
	{ "GET", "/api/v1/address/?customer_id={a}", CUST_B, NULL, 403,
	    OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/address/{addr}", CUST_B, "{\"line1\":\"Hacked St\"}",
	    403, OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/address/{addr}", CUST_B, "{}", 403,
	    OTHER_CUSTOMERS },
	{ "DELETE", "/api/v1/address/{addr}", CUST_B, NULL, 403,
	    OTHER_CUSTOMERS },
	{ "PUT", "/api/v1/address/{addr}", MECH, "{}", 403,
	    "Insufficient permissions." },
	{ "DELETE", "/api/v1/address/{addr}", MECH, NULL, 403,
	    "Insufficient permissions." },
	{ "POST", "/api/v1/address/", MECH, "{\"line1\":\"Main St\","
	    "\"area_id\":1}", 403, "Insufficient permissions." },
	{ "POST", "/api/v1/address/", ADMIN, "{\"line1\":\"Main St\","
	    "\"area_id\":1}", 403,
	    "Operation not permitted. Only Customers can add addresses" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"line1\":\"Main St\","
	    "\"area_id\":1,\"customer_id\":\"{b}\"}", 403, OTHER_CUSTOMERS },
	{ "POST", "/api/v1/address/", ADMIN, "{\"line1\":\"Main St\","
	    "\"area_id\":1,\"customer_id\":\"CST999999999\"}", 400,
	    "Invalid foreign key reference" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"line1\":\"Main St\","
	    "\"area_id\":2147483647}", 400, "Invalid foreign key reference" },
	{ "PUT", "/api/v1/address/2147483647", CUST_B, "{}", 404,
	    "Address not found." },
	{ "PUT", "/api/v1/address/2147483647", ADMIN, "{}", 404,
	    "Address not found." },
	{ "DELETE", "/api/v1/address/2147483647", CUST_A, NULL, 404,
	    "Address not found." },
	{ "PUT", "/api/v1/address/{addr}", CUST_A, "{\"area_id\":2147483647}",
	    400, "Invalid foreign key reference" },
	{ "PUT", "/api/v1/address/{addr}", CUST_A, "{\"label\":\" \\t \"}", 422,
	    "Value error, Address label cannot be empty or only whitespace" },
	{ "PUT", "/api/v1/address/{addr}", CUST_A, "{\"line1\":\"  \"}", 422,
	    "String should have at least 3 characters" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"line1\":\" ab \","
	    "\"area_id\":1}", 422, "String should have at least 3 characters" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"label\":\"H\","
	    "\"line1\":\"Main St\",\"area_id\":1}", 422,
	    "String should have at least 2 characters" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"label\":\""
	    "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk\","
	    "\"line1\":\"Main St\",\"area_id\":1}", 422,
	    "String should have at most 50 characters" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"line1\":\"Main St\"}", 422,
	    "Field required" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"line1\":\"Main St\","
	    "\"area_id\":0}", 422, "Input should be greater than 0" },
	{ "POST", "/api/v1/address/", CUST_A, "{\"line1\":7,\"area_id\":1}",
	    422, "Input should be a valid string" },
	{ "GET", "/api/v1/address/?limit=0", CUST_A, NULL, 422,
	    "Input should be greater than or equal to 1" },
	{ "GET", "/api/v1/address/?sort=line9", CUST_A, NULL, 422, NULL },
	{ "DELETE", "/api/v1/address/0", CUST_A, NULL, 422,
	    "Input should be greater than or equal to 1" },
};

static void
failures_get_specs_answer_and_change_nothing(void **state)
{
	struct tc_resp	 r;
	char		 path[256], body[512], *before, *after;
	const char	*want;
	size_t		 i;

	(void)state;
	before = sqlf("SELECT md5(string_agg(t::text, ',' ORDER BY t::text))"
	    " FROM (SELECT * FROM addresses WHERE customer_id IN ('%s', '%s'))"
	    " t", fx.a.id, fx.b.id);
	for (i = 0; i < sizeof addresses_failures /
	    sizeof addresses_failures[0]; i++) {
		expand(addresses_failures[i].path, path, sizeof path);
		if (addresses_failures[i].body != NULL)
			expand(addresses_failures[i].body, body, sizeof body);
		call(addresses_failures[i].method, path,
		    caller_token(addresses_failures[i].who),
		    addresses_failures[i].body != NULL ? body : NULL, &r);
		if (r.status != addresses_failures[i].status)
			fail_msg("%s %s: %ld, want %ld (%s)",
			    addresses_failures[i].method, path, r.status,
			    addresses_failures[i].status, r.body);
		want = addresses_failures[i].detail;
		if (want != NULL && strcmp(detail_or_msg(&r), want) != 0)
			fail_msg("%s %s: detail %s",
			    addresses_failures[i].method, path, r.body);
		tc_resp_free(&r);
	}
	after = sqlf("SELECT md5(string_agg(t::text, ',' ORDER BY t::text))"
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
	assert_int_equal(call("POST", "/api/v1/address/", fx.a.tok,
	    "{\"label\":\"   \",\"line1\":\"  4 Beach Road \",\"line2\":\" \","
	    "\"area_id\":\"10\"}", &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "label")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "line2")));
	assert_string_equal(jstr(r.json, "line1"), "4 Beach Road");
	assert_int_equal(jint(r.json, "area_id"), 10);
	x = cJSON_GetObjectItem(r.json, "area");
	assert_string_equal(jstr(x, "name"), "Mylapore");
	assert_int_equal(jint(x, "pincode"), 600004);
	assert_int_equal(jint(x, "id"), 10);
	x = cJSON_GetObjectItem(r.json, "customer");
	assert_string_equal(jstr(x, "id"), fx.a.id);
	assert_non_null(cJSON_GetObjectItem(x, "phone"));
	assert_non_null(cJSON_GetObjectItem(x, "email"));
	assert_non_null(cJSON_GetObjectItem(x, "name"));
	assert_int_equal(strlen(jstr(r.json, "created_at")), 27);
	id = idstr(jint(r.json, "id"));
	tc_resp_free(&r);
	sql_is("t", "SELECT customer_id = '%s' AND label IS NULL AND line2 IS"
	    " NULL AND line1 = '4 Beach Road' FROM addresses WHERE id = %s",
	    fx.a.id, id);
	/* a customer naming himself is fine */
	snprintf(body, sizeof body, "{\"label\":\"Work\",\"line1\":"
	    "\"5 Beach Road\",\"line2\":\"Floor 2\",\"area_id\":10,"
	    "\"customer_id\":\"%s\"}", fx.a.id);
	assert_int_equal(call("POST", "/api/v1/address/", fx.a.tok, body, &r),
	    200);
	assert_string_equal(jstr(r.json, "label"), "Work");
	assert_string_equal(jstr(r.json, "line2"), "Floor 2");
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
	assert_int_equal(call("PUT", path, fx.a.tok, "{\"label\":\" Gym \","
	    "\"line2\":\"Opp. park\",\"area_id\":5,\"line1\":\"9 Hill Rd\"}",
	    &r), 200);
	assert_string_equal(jstr(r.json, "label"), "Gym");
	assert_string_equal(jstr(r.json, "line2"), "Opp. park");
	assert_string_equal(jstr(cJSON_GetObjectItem(r.json, "area"), "name"),
	    "Nungambakkam");
	tc_resp_free(&r);
	sql_is("Gym|9 Hill Rd|Opp. park|5", "SELECT concat_ws('|', label,"
	    " line1, line2, area_id) FROM addresses WHERE id = %s", addr);
	/* an empty body changes nothing */
	assert_int_equal(call("PUT", path, fx.a.tok, "{}", &r), 200);
	assert_string_equal(jstr(r.json, "label"), "Gym");
	tc_resp_free(&r);
	assert_int_equal(call("PUT", path, fx.a.tok, "{\"label\":null,"
	    "\"line2\":\"  \"}", &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "label")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "line2")));
	tc_resp_free(&r);
	sql_is("t", "SELECT label IS NULL AND line2 IS NULL FROM addresses"
	    " WHERE id = %s", addr);
	/* admins may change any address, and it is audited */
	assert_int_equal(call("PUT", path, fx.admin, "{\"label\":\"Desk\"}",
	    &r), 200);
	tc_resp_free(&r);
	sql_is("1", "SELECT count(*) FROM audit_log WHERE entity = 'addresses'"
	    " AND entity_id = '%s' AND action = 'update'", addr);
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
	assert_int_equal(call("DELETE", path, fx.a.tok, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Address deleted successfully.");
	tc_resp_free(&r);
	sql_is("t", "SELECT deleted_at IS NOT NULL FROM addresses WHERE"
	    " id = %s", addr);
	assert_int_equal(call("DELETE", path, fx.a.tok, NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Address not found.");
	tc_resp_free(&r);
	assert_int_equal(call("PUT", path, fx.a.tok, "{}", &r), 404);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/address/?limit=500", fx.a.tok,
	    NULL, &r), 200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_int_not_equal(jint(cJSON_GetArrayItem(r.json, i), "id"),
		    atol(addr));
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
	assert_int_equal(call("DELETE", path, fx.a.tok, NULL, &r), 409);
	assert_string_equal(tc_detail(&r), OPEN_BOOKING);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/%s", drop);
	assert_int_equal(call("DELETE", path, fx.admin, NULL, &r), 409);
	assert_string_equal(tc_detail(&r), OPEN_BOOKING);
	tc_resp_free(&r);
	sql_is("0", "SELECT count(*) FROM addresses WHERE id IN (%s, %s) AND"
	    " deleted_at IS NOT NULL", pick, drop);
	/* it may still be edited */
	assert_int_equal(call("PUT", path, fx.a.tok, "{\"label\":\"Still\"}",
	    &r), 200);
	tc_resp_free(&r);
	/* a cancelled booking is closed */
	free(sqlf("UPDATE bookings SET status_id = 10 WHERE id = %s", b));
	assert_int_equal(call("DELETE", path, fx.a.tok, NULL, &r), 200);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/%s", pick);
	assert_int_equal(call("DELETE", path, fx.a.tok, NULL, &r), 200);
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
	assert_int_equal(call("POST", "/api/v1/address/", fx.admin, body,
	    &r), 200);
	assert_string_equal(jstr(cJSON_GetObjectItem(r.json, "customer"),
	    "id"), fx.b.id);
	id = idstr(jint(r.json, "id"));
	tc_resp_free(&r);
	sql_is(fx.b.id, "SELECT customer_id FROM addresses WHERE id = %s", id);
	sql_is("1", "SELECT count(*) FROM audit_log WHERE entity = 'addresses'"
	    " AND entity_id = '%s' AND action = 'create' AND actor ="
	    " 'ADM000001'", id);
	free(id);
}

static void
retired_area_stays_on_addresses_but_new_ones_cannot_use_it(void **state)
{
	struct tc_resp	 r;
	char		*area, *addr, *other, path[64], body[128];

	(void)state;
	area = sqlf("INSERT INTO areas (name, pincode) VALUES ('Retired %ld',"
	    " 600999) RETURNING id", tc_unique_phone());
	addr = address_insert(fx.a.id, atoi(area));
	other = address_insert(fx.a.id, 1);
	free(sqlf("UPDATE areas SET deleted_at = now() WHERE id = %s", area));
	snprintf(body, sizeof body, "{\"line1\":\"New Street\",\"area_id\":%s}",
	    area);
	assert_int_equal(call("POST", "/api/v1/address/", fx.a.tok, body, &r),
	    400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/%s", other);
	snprintf(body, sizeof body, "{\"area_id\":%s}", area);
	assert_int_equal(call("PUT", path, fx.a.tok, body, &r), 400);
	assert_string_equal(tc_detail(&r), "Invalid foreign key reference");
	tc_resp_free(&r);
	sql_is("1", "SELECT area_id FROM addresses WHERE id = %s", other);
	/* the address that has it keeps it, shows it, and may change */
	snprintf(path, sizeof path, "/api/v1/address/%s", addr);
	assert_int_equal(call("PUT", path, fx.a.tok,
	    "{\"line1\":\"Old Street\"}", &r), 200);
	assert_int_equal(jint(cJSON_GetObjectItem(r.json, "area"), "id"),
	    atol(area));
	assert_int_equal(jint(cJSON_GetObjectItem(r.json, "area"), "pincode"),
	    600999);
	tc_resp_free(&r);
	free(area);
	free(addr);
	free(other);
}

static void
list_pages_with_total_count_and_q(void **state)
{
	struct tc_resp	 r;
	struct who	 c;
	char		*ids[3], path[128];
	int		 i;

	(void)state;
	user_new(&c, 3);
	for (i = 0; i < 3; i++)
		ids[i] = address_insert(c.id, 4 + i);
	assert_int_equal(call("GET", "/api/v1/address/?limit=2&sort=-id",
	    c.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(ids[2]));
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/address/?offset=2", c.tok, NULL,
	    &r), 200);
	assert_int_equal(total_count(&r), 3);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(ids[2]));
	tc_resp_free(&r);
	/* q over the area name (Guindy is area 6) and the pincode */
	assert_int_equal(call("GET", "/api/v1/address/?q=GUINDY", c.tok, NULL,
	    &r), 200);
	assert_int_equal(total_count(&r), 1);
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "area_id"), 6);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/address/?q=600042", c.tok, NULL,
	    &r), 200);
	assert_int_equal(total_count(&r), 1);
	tc_resp_free(&r);
	/* admins see everyone's and filter by customer */
	snprintf(path, sizeof path, "/api/v1/address/?customer_id=%s", c.id);
	assert_int_equal(call("GET", path, fx.admin, NULL, &r), 200);
	assert_int_equal(total_count(&r), 3);
	tc_resp_free(&r);
	assert_int_equal(call("GET", path, c.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 3);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/address/", fx.admin, NULL, &r),
	    200);
	assert_true(total_count(&r) >= 5);
	tc_resp_free(&r);
	/* nobody else's address is in a customer's list */
	assert_int_equal(call("GET", "/api/v1/address/?limit=500", fx.b.tok,
	    NULL, &r), 200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_string_equal(jstr(cJSON_GetObjectItem(
		    cJSON_GetArrayItem(r.json, i), "customer"), "id"), fx.b.id);
	tc_resp_free(&r);
	for (i = 0; i < 3; i++)
		free(ids[i]);
	who_free(&c);
}

static void
mechanic_sees_only_his_bookings_addresses(void **state)
{
	struct tc_resp	 r;
	struct who	 c, m;
	char		*pick, *drop, *home, *b, *asg, path[128];
	int		 i;

	(void)state;
	user_new(&c, 3);
	user_new(&m, 2);
	pick = address_insert(c.id, 1);
	drop = address_insert(c.id, 2);
	home = address_insert(c.id, 3);
	b = booking_insert(c.id, pick, drop);
	assert_int_equal(call("GET", "/api/v1/address/", m.tok, NULL, &r),
	    200);
	assert_int_equal(total_count(&r), 0);
	tc_resp_free(&r);
	asg = sqlf("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, assigned_by) VALUES ('%s', %s, 1,"
	    " 'ADM000001') RETURNING id", m.id, b);
	assert_non_null(asg);
	assert_int_equal(call("GET", "/api/v1/address/?sort=id", m.tok, NULL,
	    &r), 200);
	assert_int_equal(total_count(&r), 2);
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 0), "id"),
	    atol(pick));
	assert_int_equal(jint(cJSON_GetArrayItem(r.json, 1), "id"),
	    atol(drop));
	tc_resp_free(&r);
	/* filtering by the customer narrows, never widens */
	snprintf(path, sizeof path, "/api/v1/address/?customer_id=%s", c.id);
	assert_int_equal(call("GET", path, m.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 2);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/address/?customer_id=%s",
	    fx.a.id);
	assert_int_equal(call("GET", path, m.tok, NULL, &r), 200);
	assert_int_equal(total_count(&r), 0);
	tc_resp_free(&r);
	/* still his after the job is done */
	free(sqlf("UPDATE booking_assignment SET status_id = 7, completed_at ="
	    " now() WHERE id = %s", asg));
	assert_int_equal(call("GET", "/api/v1/address/", m.tok, NULL, &r),
	    200);
	assert_int_equal(total_count(&r), 2);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/address/", fx.m.tok, NULL, &r),
	    200);
	for (i = 0; i < cJSON_GetArraySize(r.json); i++)
		assert_int_not_equal(jint(cJSON_GetArrayItem(r.json, i), "id"),
		    atol(home));
	tc_resp_free(&r);
	free(pick);
	free(drop);
	free(home);
	free(b);
	free(asg);
	who_free(&c);
	who_free(&m);
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
