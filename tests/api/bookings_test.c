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

#include "tclient.h"

#define JSON	"application/json"

static char	*admin;
static bool	 auto_was_on = true;
/* Mechanics this run made: retired at the end, so that automatic
 * assignment in later test programs never picks them. */
static char	*made[128];
static int	 nmade;

/* A fresh customer with a car and an address of their own. */
struct cust {
	long	 phone;
	char	*id;
	char	*token;
	long	 car;
	long	 addr;
};

static char *
qv(const char *fmt, va_list ap)
{
	char	*sql, *out;

	assert_true(vasprintf(&sql, fmt, ap) >= 0);
	out = tc_sql(sql);
	free(sql);
	return out;
}

/* Run formatted SQL; the first value (malloc'd) or NULL. */
static char *
q(const char *fmt, ...)
{
	va_list	 ap;
	char	*out;

	va_start(ap, fmt);
	out = qv(fmt, ap);
	va_end(ap);
	return out;
}

/* Run formatted SQL; the first value as a number (0 if none). */
static long
ql(const char *fmt, ...)
{
	va_list	 ap;
	char	*out;
	long	 n;

	va_start(ap, fmt);
	out = qv(fmt, ap);
	va_end(ap);
	n = out != NULL ? atol(out) : 0;
	free(out);
	return n;
}

/* Assert formatted SQL answers exactly want. */
static void
qeq(const char *want, const char *fmt, ...)
{
	va_list	 ap;
	char	*out;

	va_start(ap, fmt);
	out = qv(fmt, ap);
	va_end(ap);
	if (want == NULL)
		assert_null(out);
	else {
		assert_non_null(out);
		assert_string_equal(out, want);
	}
	free(out);
}

/* The business date n days from today (Asia/Kolkata), in a ring of
 * static buffers. */
static const char *
day(int n)
{
	static char	 ring[8][16];
	static int	 k;
	char		*s, *b = ring[k++ % 8];

	s = q("SELECT ((now() AT TIME ZONE 'Asia/Kolkata')::date + %d)::text",
	    n);
	snprintf(b, sizeof ring[0], "%s", s);
	free(s);
	return b;
}

static void
cust_new(struct cust *c, int model)
{
	char	ph[16];

	c->phone = tc_unique_phone();
	c->id = q("WITH u AS (INSERT INTO users (id, role_id, phone, password)"
	    " SELECT revcare_next_user_id('CST', 'customer_seq'), 3, %ld,"
	    " password FROM users WHERE id = 'CST000001' RETURNING id)"
	    " INSERT INTO customers (id, name, email) SELECT id, 'Test %ld',"
	    " 't%ld@example.test' FROM u RETURNING id", c->phone, c->phone,
	    c->phone);
	assert_non_null(c->id);
	c->car = ql("INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) VALUES ('TB %ld', 'TB%ld', %d, '%s')"
	    " RETURNING id", c->phone, c->phone, model, c->id);
	c->addr = ql("INSERT INTO addresses (customer_id, label, line1,"
	    " area_id) VALUES ('%s', 'Home', '1 Test Street', 1) RETURNING id",
	    c->id);
	snprintf(ph, sizeof ph, "%ld", c->phone);
	c->token = tc_login(ph, TC_PASSWORD, NULL);
	assert_non_null(c->token);
}

static void
cust_free(struct cust *c)
{
	free(c->id);
	free(c->token);
}

/* A fresh mechanic (pickup_drop, analysis) with categories 1..12. */
static char *
mechanic_new(bool pickup_drop, bool analysis)
{
	long	 phone = tc_unique_phone();
	char	*id;

	id = q("WITH u AS (INSERT INTO users (id, role_id, phone, password)"
	    " SELECT revcare_next_user_id('MEC', 'mechanic_seq'), 2, %ld,"
	    " password FROM users WHERE id = 'MEC000001' RETURNING id),"
	    " m AS (INSERT INTO mechanics (id, name, dob, pickup_drop,"
	    " analysis) SELECT id, 'Mech %ld', '1990-01-01', %s, %s FROM u"
	    " RETURNING id)"
	    " INSERT INTO mechanic_service_categories SELECT m.id, c"
	    " FROM m, generate_series(1, 12) c RETURNING mechanic_id", phone,
	    phone, pickup_drop ? "true" : "false", analysis ? "true" : "false");
	assert_non_null(id);
	if (nmade < (int)(sizeof made / sizeof made[0]))
		made[nmade++] = strdup(id);
	return id;
}

static char *
mechanic_token(const char *id)
{
	char	*phone, *tok;

	phone = q("SELECT phone FROM users WHERE id = '%s'", id);
	tok = tc_login(phone, TC_PASSWORD, NULL);
	free(phone);
	assert_non_null(tok);
	return tok;
}

static long
api(const char *method, const char *path, const char *token,
    const char *body, struct tc_resp *r)
{
	struct tc_opt	o = { .token = token };

	o.ctype = body != NULL ? JSON : NULL;

	assert_int_equal(tc_request(method, path, body, &o, r), 0);
	return r->status;
}

/* The request fails with status and (when not NULL) detail. */
static void
fails(const char *method, const char *path, const char *token,
    const char *body, long status, const char *detail)
{
	struct tc_resp	r;

	if (api(method, path, token, body, &r) != status)
		fprintf(stderr, "%s %s: %ld %s\n", method, path, r.status,
		    r.body);
	assert_int_equal(r.status, status);
	if (detail != NULL)
		assert_string_equal(tc_detail(&r), detail);
	tc_resp_free(&r);
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

static void
assert_json_equal(const cJSON *got, const char *want_text)
{
	cJSON	*want = cJSON_Parse(want_text);
	char	*g;

	assert_non_null(want);
	if (!cJSON_Compare(want, got, true)) {
		g = cJSON_Print(got);
		fprintf(stderr, "got:  %s\nwant: %s\n", g, want_text);
		free(g);
	}
	assert_true(cJSON_Compare(want, got, true));
	cJSON_Delete(want);
}

/* A BookingCreate body for c: pickup in `from` days (slot 1), drop in
 * `to` days (slot 2), the given service_price object. */
static char *
create_body(const struct cust *c, const char *prices, int from, int to)
{
	char	*b;

	assert_true(asprintf(&b, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":2,"
	    "\"service_price\":%s}", c->car, c->addr, c->addr, day(from),
	    day(to), prices) >= 0);
	return b;
}

/* Book prices for c (2 and 3 days out); the new booking's id. */
static long
book(const struct cust *c, const char *prices)
{
	struct tc_resp	 r;
	char		*body = create_body(c, prices, 2, 3);
	long		 id;

	if (api("POST", "/api/v1/bookings/", c->token, body, &r) != 200)
		fprintf(stderr, "book: %s\n", r.body);
	assert_int_equal(r.status, 200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	free(body);
	return id;
}

/* Cancel booking id as token (used to free what automation assigned). */
static void
cancel(long id, const char *token)
{
	struct tc_resp	r;
	char		path[64];

	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	assert_int_equal(api("PUT", path, token, NULL, &r), 200);
	tc_resp_free(&r);
}

/* The booking's event kinds in seq order, comma-separated. */
static char *
kinds(long id)
{
	return q("SELECT string_agg(kind, ',' ORDER BY seq) FROM"
	    " booking_events WHERE booking_id = %ld", id);
}

static void
assert_kinds(long id, const char *want)
{
	char	*k = kinds(id);

	assert_non_null(k);
	assert_string_equal(k, want);
	free(k);
}

/* Bring booking id to `analysed` with a validated analysis, quotes of
 * (est_price - 100) and a recommendation of service 29 at 1200.00. */
static void
make_analysed(long id)
{
	char	*m = mechanic_new(false, true);

	free(q("WITH a AS (INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by)"
	    " VALUES ('%s', %ld, 4, 7, 'ADM000001') RETURNING id)"
	    " INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation, images, validated)"
	    " SELECT %ld, '%s', a.id, 'Worn parts', 'Refill AC',"
	    " '{/a.jpg}', true FROM a", m, id, id, m));
	free(q("UPDATE booked_services SET price = est_price - 100"
	    " WHERE booking_id = %ld", id));
	free(q("INSERT INTO booking_recommendations (booking_id, service_id,"
	    " price) VALUES (%ld, 29, 1200.00)", id));
	free(q("UPDATE bookings SET status_id = 5, car_received = true"
	    " WHERE id = %ld", id));
	free(m);
}

/* Switch automatic assignment (the group teardown restores the state
 * found at start). */
static void
set_automation(bool on)
{
	struct tc_resp	r;

	assert_int_equal(api("PUT", on ?
	    "/api/v1/settings/assignment_automation?state=true" :
	    "/api/v1/settings/assignment_automation?state=false", admin, NULL,
	    &r), 200);
	tc_resp_free(&r);
}

static int
setup(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	cJSON		*it;

	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (admin == NULL)
		return -1;
	o.token = admin;
	if (tc_request("GET", "/api/v1/settings/", NULL, &o, &r) != 0)
		return -1;
	cJSON_ArrayForEach(it, r.json)
		if (strcmp(cJSON_GetObjectItem(it, "setting_id")->valuestring,
		    "assignment_automation") == 0)
			auto_was_on = cJSON_IsTrue(cJSON_GetObjectItem(it,
			    "state"));
	tc_resp_free(&r);
	if (tc_request("PUT", "/api/v1/settings/assignment_automation?"
	    "state=false", NULL, &o, &r) != 0 || r.status != 200)
		return -1;
	tc_resp_free(&r);
	return 0;
}

static int
teardown(void **state)
{
	struct tc_resp	r;
	struct tc_opt	o = { .token = admin };
	char		*sql;
	int		 i;

	for (i = 0; i < nmade; i++) {
		if (asprintf(&sql, "WITH a AS (UPDATE booking_assignment SET"
		    " status_id = 17, released_at = now(), release_reason ="
		    " 'test over' WHERE mechanic_id = '%s' AND status_id = 11),"
		    " m AS (UPDATE mechanics SET deleted_at = now() WHERE id ="
		    " '%s') UPDATE users SET deleted_at = now()"
		    " WHERE id = '%s'",
		    made[i], made[i], made[i]) >= 0) {
			free(tc_sql(sql));
			free(sql);
		}
		free(made[i]);
	}

	if (tc_request("PUT", auto_was_on ?
	    "/api/v1/settings/assignment_automation?state=true" :
	    "/api/v1/settings/assignment_automation?state=false", NULL, &o,
	    &r) == 0)
		tc_resp_free(&r);
	free(admin);
	return 0;
}

/* ---- POST /bookings/ ---- */

static void
customer_books_and_gets_booking_response(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		*body, *want, *created, *area;
	long		 id, pin;

	cust_new(&c, 1);
	free(q("INSERT INTO cart (customer_id, service_id) VALUES ('%s', 1),"
	    " ('%s', 4), ('%s', 7)", c.id, c.id, c.id));
	/* the prices sent are ignored: the price chart decides */
	body = create_body(&c, "{\"1\": 1.00, \"4\": \"9.99\"}", 2, 3);
	assert_int_equal(api("POST", "/api/v1/bookings/", c.token, body, &r),
	    200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	created = q("SELECT revcare_ts(created_at) FROM bookings WHERE id ="
	    " %ld", id);
	area = q("SELECT name FROM areas WHERE id = 1");
	pin = ql("SELECT pincode FROM areas WHERE id = 1");
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
	    c.phone, c.id, c.phone, day(2), area, pin, day(3), area, pin,
	    created) >= 0);
	assert_json_equal(r.json, want);
	tc_resp_free(&r);
	/* rows: booked services at chart prices, cart, promised_at, event */
	qeq("1:1:1500.00:booked,4:1:800.00:booked", "SELECT string_agg("
	    "service_id || ':' || status_id || ':' || est_price || ':' ||"
	    " source, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", id);
	qeq("7", "SELECT string_agg(service_id::text, ',') FROM cart WHERE"
	    " customer_id = '%s'", c.id);
	qeq("t", "SELECT promised_at = (drop_date + time '16:00')"
	    " AT TIME ZONE 'Asia/Kolkata' AND status_id = 1 AND created_by ="
	    " customer_id AND car_reg_number = 'TB %ld' FROM bookings WHERE"
	    " id = %ld", c.phone, id);
	assert_kinds(id, "created");
	qeq("t", "SELECT payload->'data' = jsonb_build_object('service_ids',"
	    " jsonb_build_array(1, 4), 'pickup_date', '%s', 'drop_date', '%s')"
	    " AND actor = '%s' AND actor_role = 3 FROM booking_events WHERE"
	    " booking_id = %ld", day(2), day(3), c.id, id);
	free(want);
	free(created);
	free(area);
	free(body);
	cust_free(&c);
}

static void
inline_addresses_are_saved_as_the_customers(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		*body;
	long		 id;

	cust_new(&c, 1);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address\":{\"label\":\" \",\"line1\":\" 9 New Road \","
	    "\"area_id\":2},\"drop_address\":{\"label\":\"Office\",\"line1\":"
	    "\"5 Work Lane\",\"line2\":\"Floor 2\",\"area_id\":3},"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":1,"
	    "\"service_ids\":[4]}", c.car, day(1), day(2)) >= 0);
	assert_int_equal(api("POST", "/api/v1/bookings/", c.token, body, &r),
	    200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	qeq("|9 New Road||2,Office|5 Work Lane|Floor 2|3", "SELECT"
	    " string_agg(concat_ws('|', coalesce(a.label, ''), a.line1,"
	    " coalesce(a.line2, ''), a.area_id), ',' ORDER BY a.id) FROM"
	    " addresses a JOIN bookings b ON a.id IN (b.pickup_address_id,"
	    " b.drop_address_id) WHERE b.id = %ld AND a.customer_id = '%s'",
	    id, c.id);
	free(body);
	cust_free(&c);
}

static void
admin_books_for_a_customer(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		*body, *with;

	cust_new(&c, 1);
	body = create_body(&c, "{\"4\": 0}", 2, 3);
	/* no customer_id: 400 */
	fails("POST", "/api/v1/bookings/", admin, body, 400, "customer_id is "
	    "required when an admin creates a booking.");
	assert_true(asprintf(&with, "{\"customer_id\":\"CST999999\",%s",
	    body + 1) >= 0);
	fails("POST", "/api/v1/bookings/", admin, with, 403, "Only customers "
	    "can create bookings.");
	free(with);
	assert_true(asprintf(&with, "{\"customer_id\":\"%s\",%s", c.id,
	    body + 1) >= 0);
	assert_int_equal(api("POST", "/api/v1/bookings/", admin, with, &r),
	    200);
	qeq("ADM000001", "SELECT created_by FROM bookings WHERE id = %ld",
	    (long)cJSON_GetObjectItem(r.json, "id")->valuedouble);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(r.json,
	    "customer"), "id")->valuestring, c.id);
	tc_resp_free(&r);
	free(with);
	free(body);
	cust_free(&c);
}

static void
create_without_token_or_scope_is_refused(void **state)
{
	struct cust	 c;
	char		*body, *mech;

	cust_new(&c, 1);
	body = create_body(&c, "{\"4\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", NULL, body, 401,
	    "Not authenticated");
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	fails("POST", "/api/v1/bookings/", mech, body, 403,
	    "Insufficient permissions.");
	qeq("0", "SELECT count(*) FROM bookings WHERE customer_car_id = %ld",
	    c.car);
	free(mech);
	free(body);
	cust_free(&c);
}

static void
create_body_errors_are_422(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		*body;

	cust_new(&c, 1);
	/* missing fields */
	assert_int_equal(api("POST", "/api/v1/bookings/", c.token,
	    "{\"service_ids\":[1]}", &r), 422);
	assert_422(&r, 0, "missing", "Field required", "customer_car_id");
	tc_resp_free(&r);
	/* past, order, 90 days */
	body = create_body(&c, "{\"4\": 0}", -1, 2);
	api("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Pickup date cannot be "
	    "in the past.", "pickup_date");
	tc_resp_free(&r);
	free(body);
	body = create_body(&c, "{\"4\": 0}", 3, 3);
	api("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Pickup date must be "
	    "earlier than drop date.", "body");
	tc_resp_free(&r);
	free(body);
	body = create_body(&c, "{\"4\": 0}", 91, 95);
	api("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Pickup date must be "
	    "within 90 days.", "pickup_date");
	tc_resp_free(&r);
	free(body);
	/* no service; bad key; bad inline address */
	body = create_body(&c, "{}", 2, 3);
	api("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "value_error", "Value error, Book atleast one "
	    "service.", "service_price");
	tc_resp_free(&r);
	free(body);
	body = create_body(&c, "{\"x\": 1, \"4\": 1.234}", 2, 3);
	api("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "int_parsing", NULL, "[key]");
	assert_422(&r, 1, "decimal_max_places", NULL, "4");
	tc_resp_free(&r);
	free(body);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address\":{\"line1\":\"ab\"},\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":1,\"drop_timeslot_id\":1,\"service_ids\":[4],"
	    "\"service_price\":{\"1\":0}}", c.car, c.addr, day(2),
	    day(3)) >= 0);
	api("POST", "/api/v1/bookings/", c.token, body, &r);
	assert_422(&r, 0, "string_too_short", NULL, "line1");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0),
	    "loc"), 1)->valuestring, "pickup_address");
	assert_422(&r, 1, "missing", NULL, "area_id");
	assert_422(&r, 2, "value_error", "Value error, service_ids and "
	    "service_price must name the same services.", "body");
	tc_resp_free(&r);
	free(body);
	qeq("0", "SELECT count(*) FROM bookings WHERE customer_car_id = %ld",
	    c.car);
	cust_free(&c);
}

/* Check 2: another customer's car, or a deleted one. */
static void
check2_car_must_be_the_customers(void **state)
{
	struct cust	 c, other;
	char		*body;

	cust_new(&c, 1);
	cust_new(&other, 1);
	c.car = other.car;
	body = create_body(&c, "{\"4\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 403,
	    "Car not found or doesn't belong to customer.");
	free(body);
	free(q("UPDATE customer_cars SET deleted_at = now() WHERE id = %ld",
	    other.car));
	body = create_body(&other, "{\"4\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", other.token, body, 403,
	    "Car not found or doesn't belong to customer.");
	free(body);
	cust_free(&c);
	cust_free(&other);
}

/* Check 3: one open booking per car; a cancelled one does not count. */
static void
check3_car_with_an_open_booking_is_409(void **state)
{
	struct cust	 c;
	char		*body;
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	body = create_body(&c, "{\"1\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 409,
	    "Car already has an open booking.");
	free(q("UPDATE bookings SET status_id = 10 WHERE id = %ld", id));
	free(body);
	book(&c, "{\"1\": 0}");
	cust_free(&c);
}

/* Check 4: unknown or deleted services, before any other service check. */
static void
check4_unknown_or_deleted_service_is_404(void **state)
{
	struct cust	 c;
	char		*body;
	long		 svc;

	cust_new(&c, 3);	/* electric: service 4 would fail check 5 */
	body = create_body(&c, "{\"4\": 0, \"99999\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 404,
	    "Service not found.");
	free(body);
	svc = ql("INSERT INTO services (title, description, category_id, works,"
	    " warranty_kms, warranty_months, time_hrs, difficulty, deleted_at)"
	    " VALUES ('Gone %ld', 'A retired test service', 1, '{x}', 0, 0, 1,"
	    " 1, now()) RETURNING id", c.phone);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":1,\"drop_timeslot_id\":1,\"service_ids\":[%ld]}", c.car, c.addr,
	    c.addr, day(2), day(3), svc) >= 0);
	fails("POST", "/api/v1/bookings/", c.token, body, 404,
	    "Service not found.");
	free(body);
	cust_free(&c);
}

/* Check 5: the service must list the car's fuel. */
static void
check5_service_for_another_fuel_is_400(void **state)
{
	struct cust	 c;
	char		*body;

	cust_new(&c, 3);	/* Nexon EV */
	body = create_body(&c, "{\"1\": 0, \"4\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Service 'Oil Change' is not available for Electric cars.");
	free(body);
	cust_free(&c);
}

/* Check 6: the service must be priced for the car's class. */
static void
check6_service_without_a_price_is_400(void **state)
{
	struct cust	 c;
	char		*body;
	long		 cls, model;

	cust_new(&c, 1);
	cls = ql("INSERT INTO car_classes (class) VALUES ('Class %ld')"
	    " RETURNING id", c.phone);
	model = ql("INSERT INTO cars (model, manufacturer_id, fuel_type_id,"
	    " car_class_id, year, img) VALUES ('Model %ld', 1, 1, %ld, 2024,"
	    " 'x.jpg') RETURNING id", c.phone, cls);
	free(q("UPDATE customer_cars SET car_model_id = %ld WHERE id = %ld",
	    model, c.car));
	body = create_body(&c, "{\"4\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Service 'Oil Change' has no price for this car.");
	free(q("UPDATE customer_cars SET car_model_id = 1 WHERE id = %ld",
	    c.car));
	free(q("UPDATE cars SET deleted_at = now() WHERE id = %ld", model));
	free(q("UPDATE car_classes SET deleted_at = now() WHERE id = %ld",
	    cls));
	free(body);
	cust_free(&c);
}

/* Check 7 (and a rolled-back request): too few days; nothing is kept. */
static void
check7_too_few_days_is_400_and_leaves_nothing(void **state)
{
	struct cust	 c;
	char		*body;
	long		 before;

	cust_new(&c, 1);
	before = ql("SELECT count(*) FROM addresses WHERE customer_id = '%s'",
	    c.id);
	/* Full Body Painting: 40 h at 9 h a day = 5 days */
	body = create_body(&c, "{\"41\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "5 day(s) are required to complete all the booked services.");
	free(body);
	qeq("0", "SELECT count(*) FROM bookings WHERE customer_car_id = %ld",
	    c.car);
	qeq("0", "SELECT count(*) FROM booking_events e JOIN bookings b ON"
	    " b.id = e.booking_id WHERE b.customer_id = '%s'", c.id);
	assert_int_equal(ql("SELECT count(*) FROM addresses WHERE customer_id"
	    " = '%s'", c.id), before);
	cust_free(&c);
}

/* Check 8: live timeslots; a pickup today after its slot started. */
static void
check8_started_or_unknown_timeslot_is_400(void **state)
{
	struct cust	 c;
	char		*body;
	long		 slot;

	cust_new(&c, 1);
	slot = ql("INSERT INTO timeslots (name, start_time, end_time) VALUES"
	    " ('Dawn %ld', '00:00', '00:30') RETURNING id", c.phone);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":%ld,\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, c.addr,
	    c.addr, day(0), day(1), slot) >= 0);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Pickup timeslot has already started.");
	free(body);
	free(q("UPDATE timeslots SET deleted_at = now() WHERE id = %ld", slot));
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":%ld,\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, c.addr,
	    c.addr, day(2), day(3), slot) >= 0);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Invalid foreign key reference");
	free(body);
	cust_free(&c);
}

/* Check 9: addresses of the customer, one form given, live area. */
static void
check9_address_rules(void **state)
{
	struct cust	 c, other;
	char		*body;
	long		 area, addr;

	cust_new(&c, 1);
	cust_new(&other, 1);
	c.addr = other.addr;
	body = create_body(&c, "{\"4\": 0}", 2, 3);
	fails("POST", "/api/v1/bookings/", c.token, body, 404,
	    "Address not found or doesn't belong to customer");
	free(body);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"pickup_date\":\"%s\",\"drop_date\":"
	    "\"%s\",\"pickup_timeslot_id\":1,\"drop_timeslot_id\":1,"
	    "\"service_ids\":[4]}", c.car, other.addr, day(2), day(3)) >= 0);
	free(q("UPDATE addresses SET customer_id = '%s' WHERE id = %ld", c.id,
	    other.addr));
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Either address_id or address data must be provided");
	free(body);
	area = ql("INSERT INTO areas (name, pincode, deleted_at) VALUES"
	    " ('Closed %ld', 600999, now()) RETURNING id", c.phone);
	addr = ql("INSERT INTO addresses (customer_id, line1, area_id) VALUES"
	    " ('%s', 'Old Street', %ld) RETURNING id", c.id, area);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,\"pickup_date\":"
	    "\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\":1,"
	    "\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, other.addr,
	    addr, day(2), day(3)) >= 0);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Area is not serviceable.");
	free(body);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address\":{\"line1\":\"New St\","
	    "\"area_id\":99999999},\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":1,\"service_ids\":"
	    "[4]}", c.car, other.addr, day(2), day(3)) >= 0);
	fails("POST", "/api/v1/bookings/", c.token, body, 400,
	    "Invalid foreign key reference");
	free(body);
	qeq("0", "SELECT count(*) FROM bookings WHERE customer_car_id = %ld",
	    c.car);
	cust_free(&c);
	cust_free(&other);
}

/* Check 10: a slot with a capacity fills up; the failed request's
 * inline address is rolled back with it. */
static void
check10_full_timeslot_is_409(void **state)
{
	struct cust	 c, d;
	char		*body;
	long		 slot;

	cust_new(&c, 1);
	cust_new(&d, 1);
	slot = ql("INSERT INTO timeslots (name, start_time, end_time, capacity)"
	    " VALUES ('Tiny %ld', '09:00', '10:00', 1) RETURNING id", c.phone);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":%ld,\"drop_timeslot_id\":1,\"service_ids\":[4]}", c.car, c.addr,
	    c.addr, day(5), day(6), slot) >= 0);
	{
		struct tc_resp r;

		assert_int_equal(api("POST", "/api/v1/bookings/", c.token, body,
		    &r), 200);
		tc_resp_free(&r);
	}
	free(body);
	assert_true(asprintf(&body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address\":{\"line1\":\"Rolled Back Road\",\"area_id\":1},"
	    "\"drop_address_id\":%ld,\"pickup_date\":\"%s\",\"drop_date\":"
	    "\"%s\",\"pickup_timeslot_id\":%ld,\"drop_timeslot_id\":1,"
	    "\"service_ids\":[4]}", d.car, d.addr, day(5), day(6), slot) >= 0);
	fails("POST", "/api/v1/bookings/", d.token, body, 409,
	    "Timeslot is full.");
	qeq("0", "SELECT count(*) FROM addresses WHERE line1 = 'Rolled Back"
	    " Road' AND customer_id = '%s'", d.id);
	/* a cancelled booking frees its place */
	free(q("UPDATE bookings SET status_id = 10 WHERE customer_car_id ="
	    " %ld", c.car));
	{
		struct tc_resp r;

		assert_int_equal(api("POST", "/api/v1/bookings/", d.token, body,
		    &r), 200);
		tc_resp_free(&r);
	}
	free(q("UPDATE timeslots SET deleted_at = now() WHERE id = %ld", slot));
	free(body);
	cust_free(&c);
	cust_free(&d);
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
	struct cust	 c;
	struct race	 x[2];
	pthread_t	 t[2];
	char		*body;
	int		 i;

	cust_new(&c, 1);
	body = create_body(&c, "{\"4\": 0}", 2, 3);
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
	qeq("1", "SELECT count(*) FROM bookings WHERE customer_car_id = %ld",
	    c.car);
	free(body);
	cust_free(&c);
}

/* With automation on, a new booking gets its pickup mechanic at once. */
static void
creation_triggers_automatic_pickup(void **state)
{
	struct cust	 c;
	char		*m;
	long		 id;

	cust_new(&c, 1);
	m = mechanic_new(true, false);	/* at least one free driver */
	set_automation(true);
	id = book(&c, "{\"4\": 0}");
	set_automation(false);
	assert_kinds(id, "created,assigned,status_changed");
	qeq("2:1:true:system", "SELECT b.status_id || ':' ||"
	    " a.assignment_type_id || ':' || a.automatic || ':' ||"
	    " a.assigned_by FROM bookings b JOIN booking_assignment a ON"
	    " a.booking_id = b.id AND a.status_id = 11 WHERE b.id = %ld", id);
	cancel(id, c.token);	/* frees whoever was picked */
	free(m);
	cust_free(&c);
}

/* ---- GET /bookings/customer ---- */

static void
customer_lists_own_bookings_newest_first(void **state)
{
	struct cust	 c, other;
	struct tc_resp	 r;
	long		 first, second, car2;
	cJSON		*it;
	char		*seq;

	cust_new(&c, 1);
	cust_new(&other, 1);
	book(&other, "{\"4\": 0}");
	first = book(&c, "{\"4\": 0}");
	car2 = ql("INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) VALUES ('TC %ld', 'TC%ld', 5, '%s')"
	    " RETURNING id", c.phone, c.phone, c.id);
	c.car = car2;
	second = book(&c, "{\"1\": 0}");
	free(q("UPDATE bookings SET status_id = 3 WHERE id = %ld", first));
	assert_int_equal(api("GET", "/api/v1/bookings/customer", c.token, NULL,
	    &r), 200);
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
	    day(2));
	assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "car"),
	    "img"));
	seq = tc_header(&r, "x-total-count");
	assert_string_equal(seq, "2");
	free(seq);
	seq = tc_header(&r, "x-event-seq");
	assert_non_null(seq);
	free(seq);
	tc_resp_free(&r);
	assert_int_equal(api("GET", "/api/v1/bookings/customer?status=pickup",
	    c.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	assert_int_equal(api("GET", "/api/v1/bookings/customer?limit=1&"
	    "offset=1", c.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_int_equal((long)cJSON_GetObjectItem(cJSON_GetArrayItem(r.json,
	    0), "id")->valuedouble, first);
	tc_resp_free(&r);
	assert_int_equal(api("GET", "/api/v1/bookings/customer?status=received",
	    c.token, NULL, &r), 422);
	assert_422(&r, 0, "literal_error", NULL, "status");
	tc_resp_free(&r);
	fails("GET", "/api/v1/bookings/customer", admin, NULL, 403,
	    "Only customers can view their bookings");
	fails("GET", "/api/v1/bookings/customer", NULL, NULL, 401, NULL);
	cust_free(&c);
	cust_free(&other);
}

/* ---- GET /bookings/{id} ---- */

static void
detail_visibility_by_role(void **state)
{
	struct cust	 c, other;
	struct tc_resp	 r;
	char		 path[64], *m, *mt, *seq, *head;
	long		 id;

	cust_new(&c, 1);
	cust_new(&other, 1);
	id = book(&c, "{\"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	free(q("UPDATE bookings SET status_id = 3 WHERE id = %ld", id));
	head = q("SELECT max(seq) FROM booking_events");
	assert_int_equal(api("GET", path, c.token, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "pickup");
	seq = tc_header(&r, "x-event-seq");
	assert_non_null(seq);
	assert_true(atol(seq) >= atol(head));
	free(seq);
	free(head);
	tc_resp_free(&r);
	assert_int_equal(api("GET", path, admin, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "received");
	tc_resp_free(&r);
	fails("GET", path, other.token, NULL, 403, "Operation not permitted. "
	    "Trying to access data of other customers.");
	m = mechanic_new(true, false);
	mt = mechanic_token(m);
	fails("GET", path, mt, NULL, 403, "Trying to access other mechanic "
	    "assignments.");
	free(q("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %ld, 1,"
	    " 7, 'ADM000001')", m, id));
	assert_int_equal(api("GET", path, mt, NULL, &r), 200);
	tc_resp_free(&r);
	fails("GET", "/api/v1/bookings/2147483000", admin, NULL, 404,
	    "Booking not found.");
	fails("GET", path, NULL, NULL, 401, "Not authenticated");
	free(m);
	free(mt);
	cust_free(&c);
	cust_free(&other);
}

/* Fetch one service's catalogue fields as the detail shows them. */
static char *
service_fields(long id)
{
	return q("SELECT substr(j, 2, length(j) - 2) FROM (SELECT"
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
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[64], *want, *sv[6], *ts[2], *area, *m, *mp;
	long		 id, pin, pa, an, sa, i;
	static const long svc[6] = { 1, 2, 4, 9, 24, 29 };

	cust_new(&c, 1);
	id = book(&c, "{\"1\":0,\"2\":0,\"4\":0,\"9\":0,\"24\":0}");
	m = mechanic_new(false, true);
	mp = mechanic_new(true, false);
	pa = ql("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %ld, 1,"
	    " 7, 'ADM000001') RETURNING id", mp, id);
	an = ql("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %ld, 4,"
	    " 7, 'ADM000001') RETURNING id", m, id);
	sa = ql("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %ld, 3,"
	    " 11, 'ADM000001') RETURNING id", m, id);
	free(q("INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation, images, validated,"
	    " created_at) VALUES (%ld, '%s', %ld, 'Brakes worn', 'Refill AC',"
	    " '{/an.jpg}', true, '2030-01-01 09:00+00')", id, m, an));
	free(q("INSERT INTO booking_progress (mechanic_id, booking_id,"
	    " assignment_id, description, images, status_id, validated,"
	    " created_at, completed_service_ids) VALUES"
	    " ('%s', %ld, %ld, 'Car collected', '{/p1.jpg}', 2, true,"
	    "  '2030-01-01 08:00+00', '{}'),"
	    " ('%s', %ld, %ld, 'Service done', '{/p2.jpg,/p3.jpg}', 6, true,"
	    "  '2030-01-02 10:00+00', '{1,2}'),"
	    " ('%s', %ld, %ld, 'Not yet seen', '{/p4.jpg}', 6, false,"
	    "  '2030-01-02 12:00+00', '{}')", mp, id, pa, m, id, sa, m, id,
	    sa));
	free(q("UPDATE booked_services SET status_id = CASE WHEN service_id ="
	    " 24 THEN 13 ELSE 12 END, price = CASE service_id WHEN 1 THEN 1400"
	    " WHEN 2 THEN 3000 WHEN 4 THEN 750.50 WHEN 9 THEN 1800 ELSE 2000"
	    " END, completed = service_id IN (1, 2) WHERE booking_id = %ld",
	    id));
	free(q("INSERT INTO booked_services (booking_id, service_id, status_id,"
	    " source, est_price, price, created_at) VALUES (%ld, 29, 12,"
	    " 'recommended', 1200, 1200, now() + interval '1 minute')", id));
	free(q("INSERT INTO booking_recommendations (booking_id, service_id,"
	    " price) VALUES (%ld, 29, 1200), (%ld, 31, 450)", id, id));
	/* the services payment's rate (12) rules total_final_price */
	free(q("INSERT INTO offline_payments (booking_id, purpose, amount, gst,"
	    " gst_percent) VALUES (%ld, 'services', 8150.50, 978.06, 12)", id));
	free(q("UPDATE bookings SET status_id = 6, payment_method_id = 2,"
	    " car_received = true WHERE id = %ld", id));
	for (i = 0; i < 6; i++)
		sv[i] = service_fields(svc[i]);
	ts[0] = q("SELECT revcare_ts(created_at) FROM bookings WHERE id = %ld",
	    id);
	ts[1] = q("SELECT revcare_ts(updated_at) FROM bookings WHERE id = %ld",
	    id);
	area = q("SELECT name FROM areas WHERE id = 1");
	pin = ql("SELECT pincode FROM areas WHERE id = 1");
	{
		char *np = q("SELECT name FROM mechanics WHERE id = '%s'", mp);
		char *nm = q("SELECT name FROM mechanics WHERE id = '%s'", m);

		assert_true(asprintf(&want, "{\"id\":%ld,\"status\":"
		    "\"in-progress\",\"customer\":{\"name\":\"Test %ld\","
		    "\"phone\":%ld,\"email\":\"t%ld@example.test\",\"id\":"
		    "\"%s\"},\"car\":{\"manufacturer\":\"Maruti Suzuki\","
		    "\"model\":\"Swift\",\"reg_no\":\"TB %ld\",\"img\":"
		    "\"swift.jpg\"},\"pickup\":{\"date\":\"%s\",\"timeslot\":"
		    "\"Morning\",\"address\":{\"line1\":\"1 Test Street\","
		    "\"line2\":null,\"area\":\"%s\",\"pincode\":%ld}},\"drop\":"
		    "{\"date\":\"%s\",\"timeslot\":\"Afternoon\",\"address\":"
		    "{\"line1\":\"1 Test Street\",\"line2\":null,\"area\":"
		    "\"%s\",\"pincode\":%ld}},\"booked_services\":["
		    "{\"id\":1,%s,\"status\":\"confirmed\",\"est_price\":"
		    "\"1500.00\",\"price\":\"1400.00\",\"completed\":true},"
		    "{\"id\":2,%s,\"status\":\"confirmed\",\"est_price\":"
		    "\"2500.00\",\"price\":\"3000.00\",\"completed\":true},"
		    "{\"id\":4,%s,\"status\":\"confirmed\",\"est_price\":"
		    "\"800.00\",\"price\":\"750.50\",\"completed\":false},"
		    "{\"id\":9,%s,\"status\":\"confirmed\",\"est_price\":"
		    "\"2500.00\",\"price\":\"1800.00\",\"completed\":false},"
		    "{\"id\":29,%s,\"status\":\"confirmed\",\"est_price\":"
		    "\"1200.00\",\"price\":\"1200.00\",\"completed\":false}],"
		    "\"recommendations\":[{\"service_id\":29,\"title\":"
		    "\"AC Gas Refill\",\"price\":\"1200.00\",\"selected\":"
		    "true},"
		    "{\"service_id\":31,\"title\":"
		    "\"AC Filter Cleaning/Replacement\",\"price\":\"450.00\","
		    "\"selected\":false}],\"booking_progress\":["
		    "{\"status\":\"pickup\",\"description\":\"Car collected\","
		    "\"images\":[\"/p1.jpg\"],\"mechanic\":\"%s\","
		    "\"timestamp\":"
		    "\"2030-01-01T08:00:00.000000Z\"},"
		    "{\"status\":\"analysis\",\"description\":\"Brakes worn\","
		    "\"images\":[\"/an.jpg\"],\"mechanic\":\"%s\","
		    "\"timestamp\":"
		    "\"2030-01-01T09:00:00.000000Z\"},"
		    "{\"status\":\"in-progress\",\"description\":"
		    "\"Service done\",\"images\":[\"/p2.jpg\",\"/p3.jpg\"],"
		    "\"mechanic\":\"%s\",\"timestamp\":"
		    "\"2030-01-02T10:00:00.000000Z\"}],"
		    "\"total_estimated_price\":\"10030.00\","
		    "\"total_final_price\":\"9128.56\",\"created_at\":\"%s\","
		    "\"updated_at\":\"%s\",\"completed_at\":null,"
		    "\"payment_method\":\"offline\",\"validate_price\":false,"
		    "\"promised_at\":\"%sT10:30:00.000000Z\","
		    "\"invoice_number\":null,\"cancellation\":null}",
		    id, c.phone, c.phone, c.phone, c.id, c.phone, day(2), area,
		    pin, day(3), area, pin, sv[0], sv[1], sv[2], sv[3], sv[5],
		    np, nm, nm, ts[0], ts[1], day(3)) >= 0);
		free(np);
		free(nm);
	}
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	assert_int_equal(api("GET", path, admin, NULL, &r), 200);
	assert_json_equal(r.json, want);
	tc_resp_free(&r);
	for (i = 0; i < 6; i++)
		free(sv[i]);
	free(ts[0]);
	free(ts[1]);
	free(area);
	free(want);
	free(m);
	free(mp);
	cust_free(&c);
}

/* Customers see recommendations only once the analysis is validated,
 * and `delivered` only once the drop progress is. */
static void
detail_hides_what_customers_may_not_see_yet(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[64];
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	make_analysed(id);
	free(q("UPDATE booking_analysis SET validated = false WHERE"
	    " booking_id = %ld", id));
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	api("GET", path, c.token, NULL, &r);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "recommendations")), 0);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(r.json,
	    "validate_price")));
	tc_resp_free(&r);
	api("GET", path, admin, NULL, &r);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "recommendations")), 1);
	tc_resp_free(&r);
	free(q("UPDATE booking_analysis SET validated = true WHERE"
	    " booking_id = %ld", id));
	api("GET", path, c.token, NULL, &r);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "recommendations")), 1);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json,
	    "validate_price")));
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "analysis");
	tc_resp_free(&r);
	free(q("UPDATE bookings SET status_id = 9, completed_at = now() WHERE"
	    " id = %ld", id));
	api("GET", path, c.token, NULL, &r);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "completed");
	tc_resp_free(&r);
	cust_free(&c);
}

/* ---- PUT /bookings/{id}/confirm-services ---- */

static void
offline_confirmation_applies_the_selection(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[80];
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"1\": 0, \"4\": 0}");
	make_analysed(id);
	free(q("INSERT INTO online_payments (booking_id, purpose, amount, gst,"
	    " gst_percent, razorpay_order_id) VALUES (%ld, 'services', 10, 1.8,"
	    " 18, 'order_t%ld')", id, c.phone));
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	/* quotes: 1 → 1400.00, 4 → 700.00; recommendation 29 → 1200.00 */
	assert_int_equal(api("PUT", path, c.token, "{\"service_ids\":[29,1,1],"
	    "\"payment_method_id\":2}", &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Services confirmed successfully");
	tc_resp_free(&r);
	qeq("1:12:booked:1500.00:1400.00,4:13:booked:800.00:700.00,"
	    "29:12:recommended:1200.00:1200.00", "SELECT string_agg(service_id"
	    " || ':' || status_id || ':' || source || ':' || est_price || ':'"
	    " || price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", id);
	/* 1400 + 1200 = 2600.00, GST 252.00 + 216.00 */
	qeq("services:14:2600.00:468.00:18", "SELECT purpose || ':' ||"
	    " status_id || ':' || amount || ':' || gst || ':' || gst_percent"
	    " FROM offline_payments WHERE booking_id = %ld", id);
	qeq("18", "SELECT status_id FROM online_payments WHERE booking_id ="
	    " %ld", id);
	qeq("6:2", "SELECT status_id || ':' || payment_method_id FROM bookings"
	    " WHERE id = %ld", id);
	assert_kinds(id, "created,services_confirmed,status_changed");
	qeq("t", "SELECT payload->'data' = '{\"confirmed\":[1,29],"
	    "\"rejected\":[4],\"payment_method\":\"offline\"}'::jsonb FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'services_confirmed'", id);
	/* done once: the booking is no longer analysed */
	fails("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 400, "Booking must be in 'analysed' "
	    "status.");
	cust_free(&c);
}

/* With automation on, confirmed work goes to a service mechanic. */
static void
confirmation_triggers_automatic_service(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[80], *m;
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	make_analysed(id);
	m = mechanic_new(false, false);	/* free, of every category */
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	set_automation(true);
	assert_int_equal(api("PUT", path, c.token, "{\"service_ids\":[4],"
	    "\"payment_method_id\":2}", &r), 200);
	set_automation(false);
	tc_resp_free(&r);
	assert_kinds(id, "created,services_confirmed,status_changed,assigned");
	qeq("6:3:true", "SELECT b.status_id || ':' || a.assignment_type_id ||"
	    " ':' || a.automatic FROM bookings b JOIN booking_assignment a ON"
	    " a.booking_id = b.id AND a.status_id = 11 WHERE b.id = %ld", id);
	cancel(id, c.token);	/* frees whoever was picked */
	free(m);
	cust_free(&c);
}

static void
admin_may_confirm_for_the_customer(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[80];
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	make_analysed(id);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	assert_int_equal(api("PUT", path, admin, "{\"service_ids\":[\"4\"],"
	    "\"payment_method_id\":2}", &r), 200);
	tc_resp_free(&r);
	qeq("ADM000001", "SELECT actor FROM booking_events WHERE booking_id ="
	    " %ld AND kind = 'services_confirmed'", id);
	cust_free(&c);
}

static void
confirm_checks_in_order(void **state)
{
	struct cust	 c, other;
	struct tc_resp	 r;
	char		 path[80], *mech;
	long		 id;

	cust_new(&c, 1);
	cust_new(&other, 1);
	id = book(&c, "{\"1\": 0, \"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    id);
	/* 422 before anything else */
	assert_int_equal(api("PUT", path, c.token, "{\"service_ids\":[],"
	    "\"payment_method_id\":2}", &r), 422);
	assert_422(&r, 0, "value_error", "Value error, Select at least one "
	    "service.", "service_ids");
	tc_resp_free(&r);
	assert_int_equal(api("PUT", path, c.token, "{\"service_ids\":[1]}",
	    &r), 422);
	assert_422(&r, 0, "missing", "Field required", "payment_method_id");
	tc_resp_free(&r);
	fails("PUT", path, NULL, "{}", 401, NULL);
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	fails("PUT", path, mech, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 403, "Insufficient permissions.");
	free(mech);
	/* 1: own booking (a missing one reads the same) */
	fails("PUT", path, other.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 403, "Booking not found or access "
	    "denied.");
	fails("PUT", "/api/v1/bookings/2147483000/confirm-services", admin,
	    "{\"service_ids\":[1],\"payment_method_id\":2}", 403,
	    "Booking not found or access denied.");
	/* 2: analysed with the analysis validated */
	fails("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 400, "Booking must be in 'analysed' "
	    "status.");
	make_analysed(id);
	free(q("UPDATE booking_analysis SET validated = false WHERE"
	    " booking_id = %ld", id));
	fails("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":2}", 400, "Booking must be in 'analysed' "
	    "status.");
	free(q("UPDATE booking_analysis SET validated = true WHERE"
	    " booking_id = %ld", id));
	/* 3: the method exists; 4: each service is quoted */
	fails("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":9}", 400, "invalid payment method.");
	fails("PUT", path, c.token, "{\"service_ids\":[1, 31, 7],"
	    "\"payment_method_id\":2}", 400, "Service 7 is not part of this "
	    "booking's quote.");
	/* online: the gateway is not configured */
	fails("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":1}", 503, "Online payments are not "
	    "configured.");
	qeq("5:1,1", "SELECT b.status_id || ':' ||"
	    " string_agg(bs.status_id::text, ',') FROM bookings b JOIN"
	    " booked_services bs ON bs.booking_id = b.id WHERE b.id = %ld"
	    " GROUP BY b.status_id", id);
	qeq("0", "SELECT count(*) FROM offline_payments WHERE booking_id = %ld",
	    id);
	assert_kinds(id, "created");
	cust_free(&c);
	cust_free(&other);
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
