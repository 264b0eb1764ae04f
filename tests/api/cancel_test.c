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

#include "fixtures.h"

#define CANCEL_MSG \
	"Booking cancelled successfully. Online payments will be refunded " \
	"in 14 days."

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

/* PUT /bookings/{id}/cancel as token; the reply must be exactly the
 * message and these rupee numbers. */
static void
cancel_ok(long id, const char *token, const char *fee, const char *gst,
    const char *total, const char *refund)
{
	struct tc_resp	 r;
	char		 path[64], *want;

	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	if (tc_call("PUT", path, token, NULL, &r) != 200)
		fprintf(stderr, "cancel: %s\n", r.body);
	assert_int_equal(r.status, 200);
	assert_true(asprintf(&want, "{\"message\":\"" CANCEL_MSG "\","
	    "\"cancellation_fee\":%s,\"cancellation_fee_gst\":%s,"
	    "\"cancellation_fee_total\":%s,\"refund_amount\":%s}", fee, gst,
	    total, refund) >= 0);
	tc_assert_json(r.json, want);
	/* numbers in rupees with a fraction digit, as the original wrote */
	assert_non_null(strstr(r.body, "\"cancellation_fee\":"));
	free(want);
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT status_id = 10 AND cancelled_at IS NOT NULL FROM"
	    " bookings WHERE id = %ld", id);
}

/* The cancelled event's data. */
static void
assert_cancelled_event(long id, const char *by, const char *fee,
    const char *gst, const char *refund)
{
	tc_sql_is("t", "SELECT payload->'data' = jsonb_build_object('by', '%s',"
	    " 'fee', '%s', 'fee_gst', '%s', 'refund', '%s') FROM booking_events"
	    " WHERE booking_id = %ld AND kind = 'cancelled'", by, fee, gst,
	    refund, id);
}

/* An active assignment of type on booking id for a fresh mechanic. */
static long
assign(long id, int type, char **mechanic)
{
	*mechanic = tc_new_mechanic(NULL, type == 1 || type == 2, type == 4,
	    TC_ALL_CATEGORIES, NULL);
	return tc_new_assignment(*mechanic, id, type, 11);
}

/* An in-progress booking of services 1, 2 and 4 (1 and 2 confirmed, 4
 * rejected) with the quotes given, the services payment of an offline
 * payer pending. */
static long
in_progress(const struct tc_customer *c, const char *p1, const char *p2)
{
	long	id = tc_book(c, "{\"1\": 0, \"2\": 0, \"4\": 0}");

	free(tc_sqlf("UPDATE booked_services SET status_id = CASE WHEN"
	    " service_id = 4 THEN 13 ELSE 12 END, price = CASE service_id WHEN"
	    " 1 THEN %s WHEN 2 THEN %s ELSE 700 END WHERE booking_id = %ld", p1,
	    p2, id));
	free(tc_sqlf("INSERT INTO offline_payments (booking_id, purpose,"
	    " amount, gst, gst_percent) VALUES (%ld, 'services', 5000, 900,"
	    " 18)", id));
	free(tc_sqlf("UPDATE bookings SET status_id = 6, car_received = true,"
	    " payment_method_id = 2 WHERE id = %ld", id));
	return id;
}

static void
booked_costs_nothing(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[64];
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	cancel_ok(id, c.token, "0.0", "0.0", "0.0", "0.0");
	tc_sql_is(c.id, "SELECT cancelled_by FROM bookings WHERE id = %ld", id);
	tc_sql_is("0", "SELECT count(*) FROM offline_payments WHERE booking_id"
	    " = %ld", id);
	tc_kinds_are(id, 0, "created,status_changed,cancelled");
	assert_cancelled_event(id, "customer", "0.00", "0.00", "0.00");
	tc_sql_is("t", "SELECT payload->'data' = '{\"from\":\"booked\",\"to\":"
	    "\"cancelled\",\"from_id\":1,\"to_id\":10}'::jsonb FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'status_changed'", id);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	assert_int_equal(tc_call("GET", path, c.token, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "cancelled");
	tc_assert_json(cJSON_GetObjectItem(r.json, "cancellation"),
	    "{\"fee\":\"0.00\",\"gst\":\"0.00\",\"total\":\"0.00\","
	    "\"refund\":\"0.00\"}");
	tc_resp_free(&r);
	tc_customer_free(&c);
}

static void
pickup_costs_nothing_and_releases(void **state)
{
	struct tc_customer c;
	char		*m;
	long		 id, a;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	a = assign(id, 1, &m);
	free(tc_sqlf("UPDATE bookings SET status_id = 2 WHERE id = %ld", id));
	cancel_ok(id, c.token, "0.0", "0.0", "0.0", "0.0");
	tc_sql_is("17:booking cancelled:true", "SELECT status_id || ':' ||"
	    " release_reason || ':' || (released_at IS NOT NULL) FROM"
	    " booking_assignment WHERE id = %ld", a);
	tc_kinds_are(id, 0, "created,assignment_released,status_changed,"
	    "cancelled");
	tc_sql_is("t", "SELECT payload->'data' ="
	    " jsonb_build_object('assignment_id', %ld, 'mechanic_id', '%s',"
	    " 'assignment_type', 'pickup', 'reason', 'booking cancelled') AND"
	    " '%s' = ANY (audience) FROM booking_events WHERE booking_id = %ld"
	    " AND kind = 'assignment_released'", a, m, m, id);
	tc_sql_is("0", "SELECT count(*) FROM offline_payments WHERE booking_id"
	    " = %ld", id);
	free(m);
	tc_customer_free(&c);
}

static void
received_costs_100_plus_gst(void **state)
{
	struct tc_customer c;
	struct tc_resp	 r;
	char		 path[64];
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	free(tc_sqlf("UPDATE bookings SET status_id = 3, car_received = true"
	    " WHERE id = %ld", id));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	tc_sql_is("cancellation_fee:14:100.00:18.00:18:false", "SELECT purpose"
	    " || ':' || status_id || ':' || amount || ':' || gst || ':' ||"
	    " gst_percent || ':' || paid_online FROM offline_payments WHERE"
	    " booking_id = %ld", id);
	tc_sql_is("2", "SELECT payment_method_id FROM bookings WHERE id = %ld",
	    id);
	assert_cancelled_event(id, "customer", "100.00", "18.00", "0.00");
	/* automation is off for the run: no return drop was assigned */
	tc_sql_is("0", "SELECT count(*) FROM booking_assignment WHERE"
	    " booking_id = %ld", id);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld", id);
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
	tc_assert_json(cJSON_GetObjectItem(r.json, "cancellation"),
	    "{\"fee\":\"100.00\",\"gst\":\"18.00\",\"total\":\"118.00\","
	    "\"refund\":\"0.00\"}");
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "payment_method")->valuestring, "offline");
	tc_resp_free(&r);
	tc_customer_free(&c);
}

/* With automation on, a cancelled car at the workshop gets a return
 * drop; the booking stays cancelled. */
static void
car_at_workshop_triggers_return_drop(void **state)
{
	struct tc_customer c;
	char		*m;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	free(tc_sqlf("UPDATE bookings SET status_id = 3, car_received = true"
	    " WHERE id = %ld", id));
	/* at least one free driver */
	m = tc_new_mechanic(NULL, true, false, TC_ALL_CATEGORIES, NULL);
	tc_setting_set(admin, "assignment_automation", true);
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	tc_setting_set(admin, "assignment_automation", false);
	tc_kinds_are(id, 0, "created,status_changed,cancelled,assigned");
	tc_sql_is("10:2:true", "SELECT b.status_id || ':' ||"
	    " a.assignment_type_id || ':' || a.automatic FROM bookings b JOIN"
	    " booking_assignment a ON a.booking_id = b.id AND a.status_id = 11"
	    " WHERE b.id = %ld", id);
	/* free whoever was picked (it may be a sample driver) */
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 17, released_at"
	    " = now(), release_reason = 'test over' WHERE booking_id = %ld AND"
	    " status_id = 11", id));
	free(m);
	tc_customer_free(&c);
}

static void
analysis_costs_100_releases_and_voids_orders(void **state)
{
	struct tc_customer c;
	char		*m;
	long		 id, a;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	a = assign(id, 4, &m);
	free(tc_sqlf("UPDATE bookings SET status_id = 4, car_received = true"
	    " WHERE id = %ld", id));
	free(tc_sqlf("INSERT INTO online_payments (booking_id, purpose, amount,"
	    " gst, gst_percent, razorpay_order_id) VALUES (%ld, 'services', 10,"
	    " 1.8, 18, 'order_c%ld')", id, c.phone));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	tc_sql_is("17", "SELECT status_id FROM booking_assignment WHERE id ="
	    " %ld", a);
	tc_sql_is("18", "SELECT status_id FROM online_payments WHERE booking_id"
	    " = %ld", id);
	tc_kinds_are(id, 0, "created,assignment_released,status_changed,"
	    "cancelled");
	free(m);
	tc_customer_free(&c);
}

static void
analysed_costs_100(void **state)
{
	struct tc_customer c;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	free(tc_sqlf("UPDATE bookings SET status_id = 5, car_received = true"
	    " WHERE id = %ld", id));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	tc_sql_is("cancellation_fee:100.00:18.00", "SELECT purpose || ':' ||"
	    " amount || ':' || gst FROM offline_payments WHERE booking_id ="
	    " %ld", id);
	tc_customer_free(&c);
}

/* Nothing completed yet: the floor, and the services payment becomes
 * the fee (the same row). */
static void
in_progress_without_work_costs_the_floor(void **state)
{
	struct tc_customer c;
	char		*m;
	long		 id, pay, a;

	tc_customer_new(&c, NULL, 1);
	id = in_progress(&c, "1500", "2500");
	a = assign(id, 3, &m);
	pay = tc_sql_long("SELECT id FROM offline_payments WHERE booking_id ="
	    " %ld", id);
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	tc_sql_is("cancellation_fee:14:100.00:18.00:18", "SELECT purpose || ':'"
	    " || status_id || ':' || amount || ':' || gst || ':' || gst_percent"
	    " FROM offline_payments WHERE booking_id = %ld AND id = %ld", id,
	    pay);
	tc_sql_is("17", "SELECT status_id FROM booking_assignment WHERE id ="
	    " %ld", a);
	free(m);
	tc_customer_free(&c);
}

/* Completed confirmed services are paid at their quotes, GST per line:
 * 1500.00 → 270.00 and 800.50 → 144.09. */
static void
in_progress_offline_pays_for_work_done(void **state)
{
	struct tc_customer c;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = in_progress(&c, "1500", "800.50");
	free(tc_sqlf("UPDATE booked_services SET completed = true WHERE"
	    " booking_id = %ld AND service_id IN (1, 2)", id));
	cancel_ok(id, c.token, "2300.5", "414.09", "2714.59", "0.0");
	tc_sql_is("cancellation_fee:2300.50:414.09", "SELECT purpose || ':' ||"
	    " amount || ':' || gst FROM offline_payments WHERE booking_id ="
	    " %ld", id);
	assert_cancelled_event(id, "customer", "2300.50", "414.09", "0.00");
	tc_customer_free(&c);
}

/* Work done worth less than the floor: the floor. */
static void
in_progress_small_work_still_costs_the_floor(void **state)
{
	struct tc_customer c;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = in_progress(&c, "40", "2500");
	free(tc_sqlf("UPDATE booked_services SET completed = true WHERE"
	    " booking_id = %ld AND service_id = 1", id));
	cancel_ok(id, c.token, "100.0", "18.0", "118.0", "0.0");
	tc_customer_free(&c);
}

/* An online payer (a successful services payment put in with SQL: the
 * gateway is the billing issue's) pays for the work done and gets the
 * rest back: 5900.00 paid, 1770.00 owed, 4130.00 refunded. */
static void
online_payer_is_refunded_the_rest(void **state)
{
	struct tc_customer c;
	long		 id, pay;

	tc_customer_new(&c, NULL, 1);
	id = in_progress(&c, "1500", "2500");
	free(tc_sqlf("DELETE FROM offline_payments WHERE booking_id = %ld",
	    id));
	pay = tc_sql_long("INSERT INTO online_payments (booking_id, purpose,"
	    " status_id, amount, gst, gst_percent, razorpay_order_id,"
	    " razorpay_payment_id) VALUES (%ld, 'services', 15, 5000, 900, 18,"
	    " 'order_r%ld', 'pay_r%ld') RETURNING id", id, c.phone, c.phone);
	free(tc_sqlf("UPDATE bookings SET payment_method_id = 1 WHERE id = %ld",
	    id));
	free(tc_sqlf("UPDATE booked_services SET completed = true WHERE"
	    " booking_id = %ld AND service_id = 1", id));
	cancel_ok(id, c.token, "1500.0", "270.0", "1770.0", "4130.0");
	tc_sql_is("14:4130.00", "SELECT status_id || ':' || amount FROM refunds"
	    " WHERE booking_id = %ld AND online_payment_id = %ld AND"
	    " customer_id = '%s'", id, pay, c.id);
	tc_sql_is("cancellation_fee:15:1500.00:270.00:true", "SELECT purpose"
	    " || ':' || status_id || ':' || amount || ':' || gst || ':' ||"
	    " paid_online FROM offline_payments WHERE booking_id = %ld AND"
	    " online_payment_id = %ld", id, pay);
	tc_sql_is("1", "SELECT payment_method_id FROM bookings WHERE id = %ld",
	    id);
	tc_kinds_are(id, 0, "created,status_changed,cancelled,refund_created");
	assert_cancelled_event(id, "customer", "1500.00", "270.00", "4130.00");
	tc_sql_is("t", "SELECT payload->'data'->>'amount' = '4130.00' AND"
	    " (payload->'data'->>'refund_id')::int = (SELECT id FROM refunds"
	    " WHERE booking_id = %ld) FROM booking_events WHERE booking_id ="
	    " %ld AND kind = 'refund_created'", id, id);
	tc_customer_free(&c);
}

/* The fee total never exceeds what an online payer paid (50.00 here):
 * the largest fee whose GST fits, nothing refunded. */
static void
online_fee_is_capped_at_the_amount_paid(void **state)
{
	struct tc_customer c;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = in_progress(&c, "1500", "2500");
	free(tc_sqlf("DELETE FROM offline_payments WHERE booking_id = %ld",
	    id));
	free(tc_sqlf("INSERT INTO online_payments (booking_id, purpose,"
	    " status_id, amount, gst, gst_percent, razorpay_order_id) VALUES"
	    " (%ld, 'services', 15, 42.37, 7.63, 18, 'order_k%ld')", id,
	    c.phone));
	free(tc_sqlf("UPDATE bookings SET payment_method_id = 1 WHERE id = %ld",
	    id));
	cancel_ok(id, c.token, "42.37", "7.63", "50.0", "0.0");
	tc_sql_is("0", "SELECT count(*) FROM refunds WHERE booking_id = %ld",
	    id);
	tc_customer_free(&c);
}

/* completed, out for delivery and delivered: refused, nothing written. */
static void
finished_work_cannot_be_cancelled(void **state)
{
	struct tc_customer c;
	char		 path[64];
	long		 id;
	int		 st;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	for (st = 7; st <= 9; st++) {
		free(tc_sqlf("UPDATE bookings SET status_id = %d WHERE id ="
		    " %ld", st, id));
		tc_expect("PUT", path, c.token, NULL, 400, "Service is"
		    " completed. Cancellation is not allowed.");
		tc_expect("PUT", path, admin, NULL, 400, "Service is completed."
		    " Cancellation is not allowed.");
	}
	tc_sql_is("9:false", "SELECT status_id || ':' || (cancelled_at IS NOT"
	    " NULL) FROM bookings WHERE id = %ld", id);
	tc_kinds_are(id, 0, "created");
	tc_customer_free(&c);
}

static void
cancelled_booking_cannot_be_cancelled_again(void **state)
{
	struct tc_customer c;
	char		 path[64];
	long		 id;

	tc_customer_new(&c, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	cancel_ok(id, c.token, "0.0", "0.0", "0.0", "0.0");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	tc_expect("PUT", path, c.token, NULL, 400, "Attempting invalid state "
	    "transition.");
	tc_kinds_are(id, 0, "created,status_changed,cancelled");
	tc_customer_free(&c);
}

static void
only_the_owner_or_an_admin_may_cancel(void **state)
{
	struct tc_customer c, other;
	char		 path[64], *mech;
	long		 id;

	tc_customer_new(&c, NULL, 1);
	tc_customer_new(&other, NULL, 1);
	id = tc_book(&c, "{\"4\": 0}");
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/cancel", id);
	tc_expect("PUT", path, NULL, NULL, 401, "Not authenticated");
	tc_expect("PUT", path, other.token, NULL, 403, "Booking not found or "
	    "access denied.");
	tc_expect("PUT", "/api/v1/bookings/2147483000/cancel", admin, NULL, 403,
	    "Booking not found or access denied.");
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	tc_expect("PUT", path, mech, NULL, 403, "Insufficient permissions.");
	free(mech);
	tc_expect("PUT", "/api/v1/bookings/0/cancel", admin, NULL, 422, NULL);
	tc_kinds_are(id, 0, "created");
	cancel_ok(id, admin, "0.0", "0.0", "0.0", "0.0");
	tc_sql_is("ADM000001", "SELECT cancelled_by FROM bookings WHERE id ="
	    " %ld", id);
	tc_sql_is("ADM000001:1", "SELECT actor || ':' || actor_role FROM"
	    " booking_events WHERE booking_id = %ld AND kind = 'cancelled'",
	    id);
	assert_cancelled_event(id, "admin", "0.00", "0.00", "0.00");
	tc_customer_free(&c);
	tc_customer_free(&other);
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
