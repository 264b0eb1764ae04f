/* The whole booking flow through the real endpoints, as the three roles
 * would drive it: a new customer books, the admin dispatches one mechanic
 * through pickup, analysis, service and drop, the customer confirms the
 * quote, and the event log records exactly the expected steps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <pthread.h>

#include "fixtures.h"

static char	*admin;

/* Automatic assignment is off for the run: this test dispatches by
 * hand. */
static int
setup(void **state)
{
	return tc_group_setup(&admin, "assignment_automation", NULL);
}

static int
teardown(void **state)
{
	return tc_group_teardown(&admin);
}

/* Perform the request, demand status, return the id field (0 if none). */
static long
must(long want, const char *method, const char *path, const char *tok,
    const char *fmt, ...)
{
	struct tc_resp	 r;
	va_list		 ap;
	char		*body = NULL;
	long		 id = 0;
	cJSON		*v;

	if (fmt != NULL) {
		va_start(ap, fmt);
		assert_true(vasprintf(&body, fmt, ap) >= 0);
		va_end(ap);
	}
	if (tc_call(method, path, tok, body, &r) != want)
		fail_msg("%s %s: %ld, wanted %ld: %s", method, path, r.status,
		    want, r.body);
	v = cJSON_GetObjectItem(r.json, "id");
	if (cJSON_IsNumber(v))
		id = (long)v->valuedouble;
	tc_resp_free(&r);
	free(body);
	return id;
}

/* A customer registered through the API with a car and an address. */
struct customer {
	char	*token;
	long	 car;
	long	 address;
};

static void
new_customer(struct customer *c)
{
	long	phone = tc_unique_phone();
	char	ph[16];

	must(200, "POST", "/api/v1/customers/", NULL, "{\"name\":\"Flow %ld\","
	    "\"phone\":%ld,\"email\":\"flow%ld@example.test\",\"password\":"
	    "\"Flow#Pass1\"}", phone, phone, phone);
	snprintf(ph, sizeof ph, "%ld", phone);
	c->token = tc_login(ph, "Flow#Pass1", NULL);
	assert_non_null(c->token);
	c->car = must(200, "POST", "/api/v1/car/", c->token,
	    "{\"reg_number\":\"TN 01 FL %04ld\",\"car_model_id\":1}",
	    phone % 10000);
	c->address = must(200, "POST", "/api/v1/address/", c->token,
	    "{\"label\":\"Home\",\"line1\":\"12 Flow Street\","
	    "\"area_id\":1}");
}

/* Book services 1 and 2 for c, pickup tomorrow, drop in four days. */
static long
book(const struct customer *c)
{
	char	*from, *to;
	long	 id;

	from = tc_sqlf("SELECT ((now() AT TIME ZONE 'Asia/Kolkata')::date + 1)"
	    "::text");
	to = tc_sqlf("SELECT ((now() AT TIME ZONE 'Asia/Kolkata')::date + 4)"
	    "::text");
	id = must(200, "POST", "/api/v1/bookings/", c->token,
	    "{\"customer_car_id\":%ld,\"pickup_address_id\":%ld,"
	    "\"drop_address_id\":%ld,\"pickup_date\":\"%s\",\"drop_date\":"
	    "\"%s\",\"pickup_timeslot_id\":3,\"drop_timeslot_id\":2,"
	    "\"service_ids\":[1,2]}", c->car, c->address, c->address, from,
	    to);
	free(from);
	free(to);
	return id;
}

/* A mechanic who can do everything (pickup/drop, analysis, all
 * categories); returns his token, id in idbuf. */
static char *
new_mechanic(char *idbuf, size_t len)
{
	struct tc_resp	 r;
	long		 phone = tc_unique_phone();
	char		 body[512], ph[16], *tok;

	snprintf(body, sizeof body, "{\"name\":\"Flow Mech %ld\",\"phone\":%ld,"
	    "\"dob\":\"1990-01-01\",\"pickup_drop\":true,\"analysis\":true,"
	    "\"password\":\"Mech#Pass1\",\"service_category_ids\":"
	    "[1,2,3,4,5,6,7,8,9,10,11,12]}", phone, phone);
	assert_int_equal(tc_call("POST", "/api/v1/mechanics/", admin, body, &r),
	    200);
	snprintf(idbuf, len, "%s",
	    cJSON_GetObjectItem(r.json, "id")->valuestring);
	tc_resp_free(&r);
	snprintf(ph, sizeof ph, "%ld", phone);
	tok = tc_login(ph, "Mech#Pass1", NULL);
	assert_non_null(tok);
	return tok;
}

static void
assign(long booking, const char *mech, int type)
{
	must(200, "POST", "/api/v1/bookings/admin/assign", admin,
	    "{\"mechanic_id\":\"%s\",\"booking_id\":%ld,"
	    "\"assignment_type_id\":%d,\"note\":\"flow\"}", mech, booking,
	    type);
}

/* Post progress as the mechanic and validate it as the admin. */
static void
progress(long booking, const char *mtok, const char *done)
{
	char	path[96];
	long	id;

	id = must(200, "POST", "/api/v1/bookings/mechanic/progress", mtok,
	    "{\"booking_id\":%ld,\"description\":\"Step done as asked\","
	    "\"images\":[\"https://img.example.test/%ld.jpg\"],"
	    "\"services_completed_ids\":%s}", booking, booking, done);
	snprintf(path, sizeof path, "/api/v1/bookings/admin/progress/%ld/"
	    "validate", id);
	must(200, "POST", path, admin, NULL);
}

static char *
status_of(long booking, const char *tok)
{
	struct tc_resp	 r;
	char		 path[64], *s;

	snprintf(path, sizeof path, "/api/v1/bookings/%ld", booking);
	assert_int_equal(tc_call("GET", path, tok, NULL, &r), 200);
	s = strdup(cJSON_GetObjectItem(r.json, "status")->valuestring);
	tc_resp_free(&r);
	return s;
}

/* The kinds of a booking's events as the caller sees them, joined by ' '. */
static char *
kinds(long booking, const char *tok)
{
	struct tc_resp	 r;
	char		 path[80], *out = calloc(1, 4096);
	cJSON		*e;

	snprintf(path, sizeof path, "/api/v1/bookings/%ld/events", booking);
	assert_int_equal(tc_call("GET", path, tok, NULL, &r), 200);
	cJSON_ArrayForEach(e, r.json) {
		if (*out != '\0')
			strcat(out, " ");
		strcat(out, cJSON_GetObjectItem(e, "kind")->valuestring);
	}
	tc_resp_free(&r);
	return out;
}

static void
booking_goes_from_booked_to_delivered(void **state)
{
	struct customer	 c;
	char		 mech[20], *mtok, *s, path[96];
	long		 b;

	new_customer(&c);
	mtok = new_mechanic(mech, sizeof mech);
	b = book(&c);
	s = status_of(b, admin);
	assert_string_equal(s, "booked");
	free(s);

	assign(b, mech, 1);				/* pickup */
	progress(b, mtok, "[]");			/* car received */
	assign(b, mech, 4);				/* analysis */
	must(200, "POST", "/api/v1/bookings/mechanic/analysis", mtok,
	    "{\"booking_id\":%ld,\"description\":\"Brake pads worn out\","
	    "\"recommendation\":\"Replace the pads soon\",\"images\":"
	    "[\"https://img.example.test/a.jpg\"],\"price_quote\":"
	    "{\"1\":1500,\"2\":\"800.50\"}}", b);
	snprintf(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld/"
	    "validate", b);
	must(200, "POST", path, admin, NULL);
	s = status_of(b, c.token);
	assert_string_equal(s, "analysis");		/* customer-facing */
	free(s);

	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    b);
	must(200, "PUT", path, c.token, "{\"service_ids\":[1,2],"
	    "\"payment_method_id\":2}");
	assign(b, mech, 3);				/* service */
	progress(b, mtok, "[1,2]");			/* all work done */
	s = status_of(b, admin);
	assert_string_equal(s, "completed");
	free(s);
	assign(b, mech, 2);				/* drop */
	/* the cash is collected at the door (the billing issue's endpoint) */
	free(tc_sqlf("UPDATE offline_payments SET status_id = 15, collected_at"
	    " = now() WHERE booking_id = %ld", b));
	progress(b, mtok, "[]");			/* delivered */
	s = status_of(b, admin);
	assert_string_equal(s, "delivered");
	free(s);
	s = status_of(b, c.token);
	assert_string_equal(s, "delivered");
	free(s);

	s = kinds(b, admin);
	assert_string_equal(s, "created "
	    "assigned status_changed "
	    "progress_posted assignment_completed status_changed "
	    "progress_validated "
	    "assigned status_changed "
	    "analysis_submitted assignment_completed status_changed "
	    "analysis_validated "
	    "services_confirmed status_changed "
	    "assigned "
	    "progress_posted assignment_completed "
	    "progress_validated status_changed "
	    "assigned status_changed "
	    "progress_posted assignment_completed status_changed "
	    "progress_validated");
	free(s);
	/* the customer sees the steps that concern him */
	s = kinds(b, c.token);
	assert_string_equal(s, "created assigned status_changed "
	    "status_changed progress_validated assigned status_changed "
	    "status_changed analysis_validated services_confirmed "
	    "status_changed assigned progress_validated status_changed "
	    "assigned status_changed status_changed progress_validated");
	free(s);
	free(mtok);
	free(c.token);
}

static void
online_payment_stops_at_the_payment_step(void **state)
{
	struct customer	 c;
	struct tc_resp	 r;
	char		 mech[20], *mtok, path[96], *n;
	long		 b;

	new_customer(&c);
	mtok = new_mechanic(mech, sizeof mech);
	b = book(&c);
	assign(b, mech, 1);
	progress(b, mtok, "[]");
	assign(b, mech, 4);
	must(200, "POST", "/api/v1/bookings/mechanic/analysis", mtok,
	    "{\"booking_id\":%ld,\"description\":\"Needs service\","
	    "\"recommendation\":\"Do it\",\"images\":"
	    "[\"https://img.example.test/b.jpg\"],\"price_quote\":"
	    "{\"1\":1500,\"2\":800}}", b);
	snprintf(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld/"
	    "validate", b);
	must(200, "POST", path, admin, NULL);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    b);
	assert_int_equal(tc_call("PUT", path, c.token, "{\"service_ids\":[1],"
	    "\"payment_method_id\":1}", &r), 503);
	assert_string_equal(tc_detail(&r), "Online payments are not "
	    "configured.");
	tc_resp_free(&r);
	n = tc_sqlf("SELECT status_id FROM bookings WHERE id = %ld", b);
	assert_string_equal(n, "5");			/* still analysed */
	free(n);
	free(mtok);
	free(c.token);
}

struct racer {
	const char	*method;
	const char	*path;
	const char	*token;
	char		*body;
	long		 status;
};

static void *
race(void *arg)
{
	struct racer	*r = arg;
	struct tc_resp	 resp;
	struct tc_opt	 o = { .token = r->token };

	if (r->body != NULL)
		o.ctype = "application/json";
	r->status = tc_request(r->method, r->path, r->body, &o, &resp) == 0 ?
	    resp.status : -1;
	tc_resp_free(&resp);
	return NULL;
}

static void
progress_racing_a_cancel_leaves_one_consistent_state(void **state)
{
	struct customer	 c;
	struct racer	 post, cancel;
	pthread_t	 t1, t2;
	char		 mech[20], *mtok, cpath[96], *st, *rows, *fee;
	long		 b;
	int		 round;

	for (round = 0; round < 4; round++) {
		new_customer(&c);
		mtok = new_mechanic(mech, sizeof mech);
		b = book(&c);
		assign(b, mech, 1);
		memset(&post, 0, sizeof post);
		post.method = "POST";
		post.path = "/api/v1/bookings/mechanic/progress";
		post.token = mtok;
		assert_true(asprintf(&post.body, "{\"booking_id\":%ld,"
		    "\"description\":\"Picked up\",\"images\":"
		    "[\"https://img.example.test/r.jpg\"]}", b) > 0);
		snprintf(cpath, sizeof cpath, "/api/v1/bookings/%ld/cancel", b);
		memset(&cancel, 0, sizeof cancel);
		cancel.method = "PUT";
		cancel.path = cpath;
		cancel.token = c.token;
		pthread_create(&t1, NULL, race, &post);
		pthread_create(&t2, NULL, race, &cancel);
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		/* the cancel always wins eventually; the progress either came
		 * first (car received, fee due) or was refused, never a 500 */
		assert_int_equal(cancel.status, 200);
		assert_true(post.status == 200 || post.status == 400 ||
		    post.status == 403);
		st = tc_sqlf("SELECT status_id FROM bookings WHERE id = %ld",
		    b);
		assert_string_equal(st, "10");
		rows = tc_sqlf("SELECT count(*) FROM booking_progress WHERE"
		    " booking_id = %ld", b);
		fee = tc_sqlf("SELECT count(*) FROM offline_payments WHERE"
		    " booking_id = %ld AND purpose = 'cancellation_fee'", b);
		if (post.status == 200) {
			assert_string_equal(rows, "1");
			assert_string_equal(fee, "1");
		} else {
			assert_string_equal(rows, "0");
			assert_string_equal(fee, "0");
		}
		free(st);
		free(rows);
		free(fee);
		free(post.body);
		free(mtok);
		free(c.token);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(booking_goes_from_booked_to_delivered),
		cmocka_unit_test(online_payment_stops_at_the_payment_step),
		cmocka_unit_test(
		    progress_racing_a_cancel_leaves_one_consistent_state),
	};

	tc_base();
	curl_global_init(CURL_GLOBAL_ALL);	/* before any thread */
	return cmocka_run_group_tests_name("flow", tests, setup, teardown);
}
