/* Cancelling bookings against the real server (SPEC §5.13): the fee at
 * every status, GST per line, the fee and refund rows, assignments
 * released, pending orders voided, the events, and every refusal. Later
 * statuses are reached with SQL updates (the assignment, progress and
 * analysis endpoints are another helper's). Automatic assignment is
 * switched off for the run and restored after. */
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
#define CANCEL_MSG \
	"Booking cancelled successfully. Online payments will be refunded " \
	"in 14 days."

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


/* PUT /bookings/{id}/cancel as token; the reply must be exactly the
 * message and these rupee numbers. */
static void
cancel_ok(long id, const char *token, const char *fee, const char *gst,
    const char *total, const char *refund)
{
	struct tc_resp	 r;
	char		 path[64], *want;

	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	if (api("PUT", path, token, NULL, &r) != 200)
		fprintf(stderr, "cancel: %s\n", r.body);
	assert_int_equal(r.status, 200);
	assert_true(asprintf(&want, "{\"message\":\"" CANCEL_MSG "\","
	    "\"cancellation_fee\":%s,\"cancellation_fee_gst\":%s,"
	    "\"cancellation_fee_total\":%s,\"refund_amount\":%s}", fee, gst,
	    total, refund) >= 0);
	assert_json_equal(r.json, want);
	/* numbers in rupees with a fraction digit, as the original wrote */
	assert_non_null(strstr(r.body, "\"cancellation_fee\":"));
	free(want);
	tc_resp_free(&r);
	qeq("t", "SELECT status_id = 10 AND cancelled_at IS NOT NULL FROM"
	    " bookings WHERE id = %ld", id);
}

/* The cancelled event's data. */
static void
assert_cancelled_event(long id, const char *by, const char *fee,
    const char *gst, const char *refund)
{
	qeq("t", "SELECT payload->'data' = jsonb_build_object('by', '%s',"
	    " 'fee', '%s', 'fee_gst', '%s', 'refund', '%s') FROM booking_events"
	    " WHERE booking_id = %ld AND kind = 'cancelled'", by, fee, gst,
	    refund, id);
}

/* An active assignment of type on booking id for a fresh mechanic. */
static long
assign(long id, int type, char **mechanic)
{
	*mechanic = mechanic_new(type == 1 || type == 2, type == 4);
	return ql("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %ld,"
	    " %d, 11, 'ADM000001') RETURNING id", *mechanic, id, type);
}

/* An in-progress booking of services 1, 2 and 4 (1 and 2 confirmed, 4
 * rejected) with the quotes given, the services payment of an offline
 * payer pending. */
static long
in_progress(const struct cust *c, const char *p1, const char *p2)
{
	long	id = book(c, "{\"1\": 0, \"2\": 0, \"4\": 0}");

	free(q("UPDATE booked_services SET status_id = CASE WHEN service_id"
	    " = 4 THEN 13 ELSE 12 END, price = CASE service_id WHEN 1 THEN %s"
	    " WHEN 2 THEN %s ELSE 700 END WHERE booking_id = %ld", p1, p2, id));
	free(q("INSERT INTO offline_payments (booking_id, purpose, amount, gst,"
	    " gst_percent) VALUES (%ld, 'services', 5000, 900, 18)", id));
	free(q("UPDATE bookings SET status_id = 6, car_received = true,"
	    " payment_method_id = 2 WHERE id = %ld", id));
	return id;
}

static void
booked_costs_nothing(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[64];
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	cancel_ok(id, c.token, "0.0", "0.0", "0.0", "0.0");
	qeq(c.id, "SELECT cancelled_by FROM bookings WHERE id = %ld", id);
	qeq("0", "SELECT count(*) FROM offline_payments WHERE booking_id = %ld",
	    id);
	assert_kinds(id, "created,status_changed,cancelled");
	assert_cancelled_event(id, "customer", "0.00", "0.00", "0.00");
	qeq("t", "SELECT payload->'data' = '{\"from\":\"booked\",\"to\":"
	    "\"cancelled\",\"from_id\":1,\"to_id\":10}'::jsonb FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'status_changed'", id);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	assert_int_equal(api("GET", path, c.token, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "cancelled");
	assert_json_equal(cJSON_GetObjectItem(r.json, "cancellation"),
	    "{\"fee\":\"0.00\",\"gst\":\"0.00\",\"total\":\"0.00\","
	    "\"refund\":\"0.00\"}");
	tc_resp_free(&r);
	cust_free(&c);
}

static void
pickup_costs_nothing_and_releases(void **state)
{
	struct cust	 c;
	char		*m;
	long		 id, a;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	a = assign(id, 1, &m);
	free(q("UPDATE bookings SET status_id = 2 WHERE id = %ld", id));
	cancel_ok(id, c.token, "0.0", "0.0", "0.0", "0.0");
	qeq("17:booking cancelled:true", "SELECT status_id || ':' ||"
	    " release_reason || ':' || (released_at IS NOT NULL) FROM"
	    " booking_assignment WHERE id = %ld", a);
	assert_kinds(id, "created,assignment_released,status_changed,"
	    "cancelled");
	qeq("t", "SELECT payload->'data' = jsonb_build_object('assignment_id',"
	    " %ld, 'mechanic_id', '%s', 'assignment_type', 'pickup', 'reason',"
	    " 'booking cancelled') AND '%s' = ANY (audience) FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'assignment_released'", a, m, m, id);
	qeq("0", "SELECT count(*) FROM offline_payments WHERE booking_id = %ld",
	    id);
	free(m);
	cust_free(&c);
}

static void
received_costs_100_plus_gst(void **state)
{
	struct cust	 c;
	struct tc_resp	 r;
	char		 path[64];
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	free(q("UPDATE bookings SET status_id = 3, car_received = true WHERE"
	    " id = %ld", id));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	qeq("cancellation_fee:14:100.00:18.00:18:false", "SELECT purpose"
	    " || ':' || status_id || ':' || amount || ':' || gst || ':' ||"
	    " gst_percent || ':' || paid_online FROM offline_payments WHERE"
	    " booking_id = %ld", id);
	qeq("2", "SELECT payment_method_id FROM bookings WHERE id = %ld", id);
	assert_cancelled_event(id, "customer", "100.00", "18.00", "0.00");
	/* automation is off for the run: no return drop was assigned */
	qeq("0", "SELECT count(*) FROM booking_assignment WHERE booking_id ="
	    " %ld", id);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	assert_int_equal(api("GET", path, admin, NULL, &r), 200);
	assert_json_equal(cJSON_GetObjectItem(r.json, "cancellation"),
	    "{\"fee\":\"100.00\",\"gst\":\"18.00\",\"total\":\"118.00\","
	    "\"refund\":\"0.00\"}");
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "payment_method")->valuestring, "offline");
	tc_resp_free(&r);
	cust_free(&c);
}

/* With automation on, a cancelled car at the workshop gets a return
 * drop; the booking stays cancelled. */
static void
car_at_workshop_triggers_return_drop(void **state)
{
	struct cust	 c;
	char		*m;
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	free(q("UPDATE bookings SET status_id = 3, car_received = true WHERE"
	    " id = %ld", id));
	m = mechanic_new(true, false);	/* at least one free driver */
	set_automation(true);
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	set_automation(false);
	assert_kinds(id, "created,status_changed,cancelled,assigned");
	qeq("10:2:true", "SELECT b.status_id || ':' || a.assignment_type_id ||"
	    " ':' || a.automatic FROM bookings b JOIN booking_assignment a ON"
	    " a.booking_id = b.id AND a.status_id = 11 WHERE b.id = %ld", id);
	/* free whoever was picked (it may be a sample driver) */
	free(q("UPDATE booking_assignment SET status_id = 17, released_at ="
	    " now(), release_reason = 'test over' WHERE booking_id = %ld AND"
	    " status_id = 11", id));
	free(m);
	cust_free(&c);
}

static void
analysis_costs_100_releases_and_voids_orders(void **state)
{
	struct cust	 c;
	char		*m;
	long		 id, a;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	a = assign(id, 4, &m);
	free(q("UPDATE bookings SET status_id = 4, car_received = true WHERE"
	    " id = %ld", id));
	free(q("INSERT INTO online_payments (booking_id, purpose, amount, gst,"
	    " gst_percent, razorpay_order_id) VALUES (%ld, 'services', 10, 1.8,"
	    " 18, 'order_c%ld')", id, c.phone));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	qeq("17", "SELECT status_id FROM booking_assignment WHERE id = %ld", a);
	qeq("18", "SELECT status_id FROM online_payments WHERE booking_id ="
	    " %ld", id);
	assert_kinds(id, "created,assignment_released,status_changed,"
	    "cancelled");
	free(m);
	cust_free(&c);
}

static void
analysed_costs_100(void **state)
{
	struct cust	 c;
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	free(q("UPDATE bookings SET status_id = 5, car_received = true WHERE"
	    " id = %ld", id));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	qeq("cancellation_fee:100.00:18.00", "SELECT purpose || ':' || amount"
	    " || ':' || gst FROM offline_payments WHERE booking_id = %ld", id);
	cust_free(&c);
}

/* Nothing completed yet: the floor, and the services payment becomes
 * the fee (the same row). */
static void
in_progress_without_work_costs_the_floor(void **state)
{
	struct cust	 c;
	char		*m;
	long		 id, pay, a;

	cust_new(&c, 1);
	id = in_progress(&c, "1500", "2500");
	a = assign(id, 3, &m);
	pay = ql("SELECT id FROM offline_payments WHERE booking_id = %ld", id);
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	qeq("cancellation_fee:14:100.00:18.00:18", "SELECT purpose || ':' ||"
	    " status_id || ':' || amount || ':' || gst || ':' || gst_percent"
	    " FROM offline_payments WHERE booking_id = %ld AND id = %ld", id,
	    pay);
	qeq("17", "SELECT status_id FROM booking_assignment WHERE id = %ld", a);
	free(m);
	cust_free(&c);
}

/* Completed confirmed services are paid at their quotes, GST per line:
 * 1500.00 → 270.00 and 800.50 → 144.09. */
static void
in_progress_offline_pays_for_work_done(void **state)
{
	struct cust	 c;
	long		 id;

	cust_new(&c, 1);
	id = in_progress(&c, "1500", "800.50");
	free(q("UPDATE booked_services SET completed = true WHERE booking_id ="
	    " %ld AND service_id IN (1, 2)", id));
	cancel_ok(id, c.token, "2300.5", "414.09", "2714.59", "0.0");
	qeq("cancellation_fee:2300.50:414.09", "SELECT purpose || ':' ||"
	    " amount || ':' || gst FROM offline_payments WHERE booking_id ="
	    " %ld", id);
	assert_cancelled_event(id, "customer", "2300.50", "414.09", "0.00");
	cust_free(&c);
}

/* Work done worth less than the floor: the floor. */
static void
in_progress_small_work_still_costs_the_floor(void **state)
{
	struct cust	 c;
	long		 id;

	cust_new(&c, 1);
	id = in_progress(&c, "40", "2500");
	free(q("UPDATE booked_services SET completed = true WHERE booking_id ="
	    " %ld AND service_id = 1", id));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	cust_free(&c);
}

/* An online payer (a successful services payment put in with SQL: the
 * gateway is the billing issue's) pays for the work done and gets the
 * rest back: 5900.00 paid, 1770.00 owed, 4130.00 refunded. */
static void
online_payer_is_refunded_the_rest(void **state)
{
	struct cust	 c;
	long		 id, pay;

	cust_new(&c, 1);
	id = in_progress(&c, "1500", "2500");
	free(q("DELETE FROM offline_payments WHERE booking_id = %ld", id));
	pay = ql("INSERT INTO online_payments (booking_id, purpose, status_id,"
	    " amount, gst, gst_percent, razorpay_order_id, razorpay_payment_id)"
	    " VALUES (%ld, 'services', 15, 5000, 900, 18, 'order_r%ld',"
	    " 'pay_r%ld') RETURNING id", id, c.phone, c.phone);
	free(q("UPDATE bookings SET payment_method_id = 1 WHERE id = %ld", id));
	free(q("UPDATE booked_services SET completed = true WHERE booking_id ="
	    " %ld AND service_id = 1", id));
	cancel_ok(id, c.token, "1500.0", "270.0", "1770.0", "4130.0");
	qeq("14:4130.00", "SELECT status_id || ':' || amount FROM refunds"
	    " WHERE booking_id = %ld AND online_payment_id = %ld AND"
	    " customer_id = '%s'", id, pay, c.id);
	qeq("cancellation_fee:15:1500.00:270.00:true", "SELECT purpose"
	    " || ':' || status_id || ':' || amount || ':' || gst || ':' ||"
	    " paid_online FROM offline_payments WHERE booking_id = %ld AND"
	    " online_payment_id = %ld", id, pay);
	qeq("1", "SELECT payment_method_id FROM bookings WHERE id = %ld", id);
	assert_kinds(id, "created,status_changed,cancelled,refund_created");
	assert_cancelled_event(id, "customer", "1500.00", "270.00", "4130.00");
	qeq("t", "SELECT payload->'data'->>'amount' = '4130.00' AND"
	    " (payload->'data'->>'refund_id')::int = (SELECT id FROM refunds"
	    " WHERE booking_id = %ld) FROM booking_events WHERE booking_id ="
	    " %ld AND kind = 'refund_created'", id, id);
	cust_free(&c);
}

/* The fee total never exceeds what an online payer paid (50.00 here):
 * the largest fee whose GST fits, nothing refunded. */
static void
online_fee_is_capped_at_the_amount_paid(void **state)
{
	struct cust	 c;
	long		 id;

	cust_new(&c, 1);
	id = in_progress(&c, "1500", "2500");
	free(q("DELETE FROM offline_payments WHERE booking_id = %ld", id));
	free(q("INSERT INTO online_payments (booking_id, purpose, status_id,"
	    " amount, gst, gst_percent, razorpay_order_id) VALUES (%ld,"
	    " 'services', 15, 42.37, 7.63, 18, 'order_k%ld')", id, c.phone));
	free(q("UPDATE bookings SET payment_method_id = 1 WHERE id = %ld", id));
	cancel_ok(id, c.token, "42.37", "7.63", "50.0", "0.0");
	qeq("0", "SELECT count(*) FROM refunds WHERE booking_id = %ld", id);
	cust_free(&c);
}

/* completed, out for delivery and delivered: refused, nothing written. */
static void
finished_work_cannot_be_cancelled(void **state)
{
	struct cust	 c;
	char		 path[64];
	long		 id;
	int		 st;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	for (st = 7; st <= 9; st++) {
		free(q("UPDATE bookings SET status_id = %d WHERE id = %ld", st,
		    id));
		fails("PUT", path, c.token, NULL, 400, "Service is completed. "
		    "Cancellation is not allowed.");
		fails("PUT", path, admin, NULL, 400, "Service is completed. "
		    "Cancellation is not allowed.");
	}
	qeq("9:false", "SELECT status_id || ':' || (cancelled_at IS NOT"
	    " NULL) FROM bookings WHERE id = %ld", id);
	assert_kinds(id, "created");
	cust_free(&c);
}

static void
cancelled_booking_cannot_be_cancelled_again(void **state)
{
	struct cust	 c;
	char		 path[64];
	long		 id;

	cust_new(&c, 1);
	id = book(&c, "{\"4\": 0}");
	cancel_ok(id, c.token, "0.0", "0.0", "0.0", "0.0");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	fails("PUT", path, c.token, NULL, 400, "Attempting invalid state "
	    "transition.");
	assert_kinds(id, "created,status_changed,cancelled");
	cust_free(&c);
}

static void
only_the_owner_or_an_admin_may_cancel(void **state)
{
	struct cust	 c, other;
	char		 path[64], *mech;
	long		 id;

	cust_new(&c, 1);
	cust_new(&other, 1);
	id = book(&c, "{\"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	fails("PUT", path, NULL, NULL, 401, "Not authenticated");
	fails("PUT", path, other.token, NULL, 403, "Booking not found or "
	    "access denied.");
	fails("PUT", "/api/v1/bookings/2147483000/cancel", admin, NULL, 403,
	    "Booking not found or access denied.");
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	fails("PUT", path, mech, NULL, 403, "Insufficient permissions.");
	free(mech);
	fails("PUT", "/api/v1/bookings/0/cancel", admin, NULL, 422, NULL);
	assert_kinds(id, "created");
	cancel_ok(id, admin, "0.0", "0.0", "0.0", "0.0");
	qeq("ADM000001", "SELECT cancelled_by FROM bookings WHERE id = %ld",
	    id);
	qeq("ADM000001:1", "SELECT actor || ':' || actor_role FROM"
	    " booking_events WHERE booking_id = %ld AND kind = 'cancelled'",
	    id);
	assert_cancelled_event(id, "admin", "0.00", "0.00", "0.00");
	cust_free(&c);
	cust_free(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(booked_costs_nothing),
		cmocka_unit_test(pickup_costs_nothing_and_releases),
		cmocka_unit_test(received_costs_100_plus_gst),
		cmocka_unit_test(car_at_workshop_triggers_return_drop),
		cmocka_unit_test(analysis_costs_100_releases_and_voids_orders),
		cmocka_unit_test(analysed_costs_100),
		cmocka_unit_test(in_progress_without_work_costs_the_floor),
		cmocka_unit_test(in_progress_offline_pays_for_work_done),
		cmocka_unit_test(in_progress_small_work_still_costs_the_floor),
		cmocka_unit_test(online_payer_is_refunded_the_rest),
		cmocka_unit_test(online_fee_is_capped_at_the_amount_paid),
		cmocka_unit_test(finished_work_cannot_be_cancelled),
		cmocka_unit_test(cancelled_booking_cannot_be_cancelled_again),
		cmocka_unit_test(only_the_owner_or_an_admin_may_cancel),
	};

	return cmocka_run_group_tests_name("cancel", tests, setup, teardown);
}
