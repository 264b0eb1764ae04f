/* Analysis against the real server: the mechanic's report and quote
 * (checks of SPEC §5.9), admin edits and validation (score, automation),
 * the analysis view with GST totals, and one booking's whole way from
 * pickup to delivered. Bookings are put into the needed status with SQL
 * fixtures; the happy path uses the booking, assignment and confirmation
 * endpoints (the cash collection is set by SQL: that endpoint is the
 * billing issue's). */
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

/* A booking of a fresh customer and, when type > 0, a fresh mechanic
 * holding an active assignment of that type on it. */
struct fx {
	long	 booking;
	long	 cphone;
	char	*customer;
	char	*ctoken;
	char	*mech;
	long	 mphone;
	char	*mtoken;
	long	 assignment;
};

static char	*admin;
static bool	 saved[3];
static const char *const setting_names[3] = {
	"assignment_automation", "validation_automation",
	"analysis_validation_automation"
};

/* Run SQL built from fmt; the first value (malloc'd) or NULL. */
static char *
sqlf(const char *fmt, ...)
{
	char	buf[8192];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return tc_sql(buf);
}

static long
sql_long(const char *fmt, ...)
{
	char	 buf[8192], *v;
	va_list	 ap;
	long	 n;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	v = tc_sql(buf);
	n = v != NULL ? atol(v) : -1;
	free(v);
	return n;
}

/* Assert that SQL answers expect ("" for NULL / no row). */
static void
sql_is(const char *expect, const char *fmt, ...)
{
	char	 buf[8192], *v;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	v = tc_sql(buf);
	assert_string_equal(v != NULL ? v : "", expect);
	free(v);
}

static long
call(const char *method, const char *path, const char *token,
    const char *body, struct tc_resp *r)
{
	struct tc_opt	o = { .token = token, .ctype = body ? JSON : NULL };

	assert_int_equal(tc_request(method, path, body, &o, r), 0);
	return r->status;
}

/* method path as token answers status with detail (NULL: not checked). */
static void
expect(const char *method, const char *path, const char *token,
    const char *body, long status, const char *detail)
{
	struct tc_resp	r;

	assert_int_equal(call(method, path, token, body, &r), status);
	if (detail != NULL)
		assert_string_equal(tc_detail(&r), detail);
	tc_resp_free(&r);
}

/* The first 422 item's message. */
static void
expect_422(const char *method, const char *path, const char *token,
    const char *body, const char *msg)
{
	struct tc_resp	 r;
	cJSON		*d;

	assert_int_equal(call(method, path, token, body, &r), 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_non_null(d);
	assert_string_equal(cJSON_GetObjectItem(d, "msg")->valuestring, msg);
	tc_resp_free(&r);
}

static void
setting(const char *name, bool on)
{
	char	path[128];

	snprintf(path, sizeof path, "/api/v1/settings/%s?state=%s", name,
	    on ? "true" : "false");
	expect("PUT", path, admin, NULL, 200, NULL);
}

/* Remember the automation switches, then run with all three off. */
static int
group_setup(void **state)
{
	struct tc_resp	 r;
	cJSON		*it;
	int		 i;

	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (admin == NULL)
		return -1;
	if (call("GET", "/api/v1/settings/", admin, NULL, &r) != 200)
		return -1;
	cJSON_ArrayForEach(it, r.json)
		for (i = 0; i < 3; i++)
			if (strcmp(cJSON_GetObjectItem(it,
			    "setting_id")->valuestring, setting_names[i]) == 0)
				saved[i] = cJSON_IsTrue(cJSON_GetObjectItem(it,
				    "state"));
	tc_resp_free(&r);
	for (i = 0; i < 3; i++)
		setting(setting_names[i], false);
	return 0;
}

static int
group_teardown(void **state)
{
	int	i;

	for (i = 0; i < 3; i++)
		setting(setting_names[i], saved[i]);
	free(admin);
	return 0;
}

static char *
login(long phone)
{
	char	ph[16];

	snprintf(ph, sizeof ph, "%ld", phone);
	return tc_login(ph, TC_PASSWORD, NULL);
}

/* A fresh mechanic (categories as an SQL array "{1,2}"). */
static char *
make_mechanic(long phone, bool pickup_drop, bool analysis, const char *cats)
{
	return sqlf("WITH u AS (INSERT INTO users (id, role_id, phone,"
	    " password) SELECT revcare_next_user_id('MEC', 'mechanic_seq'), 2,"
	    " %ld, password FROM users WHERE id = 'CST000001' RETURNING id),"
	    " m AS (INSERT INTO mechanics (id, name, dob, pickup_drop,"
	    " analysis) SELECT id, 'Analysis Mech %ld', '1990-01-01', %s, %s"
	    " FROM u RETURNING id), c AS (INSERT INTO"
	    " mechanic_service_categories (mechanic_id, service_category_id)"
	    " SELECT m.id, unnest('%s'::int[]) FROM m) SELECT id FROM m",
	    phone, phone, pickup_drop ? "true" : "false",
	    analysis ? "true" : "false", cats);
}

static long
assign(const char *mech, long booking, int type)
{
	return sql_long("INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, assigned_by) VALUES ('%s', %ld,"
	    " %d, 'ADM000001') RETURNING id", mech, booking, type);
}

/*
 * A fresh customer with a Swift (petrol, class 1) and an address, whose
 * booking is in status with booked services (SQL array "{1,2}") priced
 * from the chart; with type > 0 a fresh mechanic fit for it holds an
 * active assignment of that type (1 pickup, 2 drop, 3 service, 4
 * analysis).
 */
static void
fx_new(struct fx *f, int status, const char *services, int type)
{
	memset(f, 0, sizeof *f);
	f->cphone = tc_unique_phone();
	f->booking = sql_long("WITH u AS (INSERT INTO users (id, role_id,"
	    " phone, password) SELECT revcare_next_user_id('CST',"
	    " 'customer_seq'), 3, %ld, password FROM users WHERE id ="
	    " 'CST000001' RETURNING id), c AS (INSERT INTO customers (id, name,"
	    " email) SELECT id, 'Analysis %ld', 'a%ld@example.test' FROM u"
	    " RETURNING id), car AS (INSERT INTO customer_cars (reg_number,"
	    " reg_number_norm, car_model_id, customer_id) SELECT 'TN 78 %ld',"
	    " 'TN78%ld', 1, id FROM c RETURNING id, customer_id), ad AS (INSERT"
	    " INTO addresses (customer_id, line1, area_id) SELECT id,"
	    " '1 Test Street', 1 FROM c RETURNING id), b AS (INSERT INTO"
	    " bookings (customer_id, customer_car_id, car_reg_number,"
	    " status_id, pickup_address_id, pickup_date, pickup_timeslot_id,"
	    " drop_address_id, drop_date, drop_timeslot_id, promised_at,"
	    " created_by, car_received) SELECT car.customer_id, car.id,"
	    " 'TN 78 %ld', %d, ad.id, current_date + 1, 1, ad.id,"
	    " current_date + 5, 2, now() + interval '5 days', car.customer_id,"
	    " %s FROM car, ad RETURNING id), s AS (INSERT INTO booked_services"
	    " (booking_id, service_id, est_price) SELECT b.id, pc.service_id,"
	    " pc.price FROM b, price_chart pc WHERE pc.car_class_id = 1 AND"
	    " pc.service_id = ANY ('%s'::int[])) SELECT id FROM b",
	    f->cphone, f->cphone, f->cphone, f->cphone, f->cphone, f->cphone,
	    status, status >= 3 ? "true" : "false", services);
	assert_true(f->booking > 0);
	f->customer = sqlf("SELECT customer_id FROM bookings WHERE id = %ld",
	    f->booking);
	f->ctoken = login(f->cphone);
	if (type == 0)
		return;
	f->mphone = tc_unique_phone();
	f->mech = make_mechanic(f->mphone, type == 1 || type == 2, type == 4,
	    "{1,2,3,4,5,6,7,8,9,10,11,12}");
	f->mtoken = login(f->mphone);
	f->assignment = assign(f->mech, f->booking, type);
	assert_true(f->assignment > 0);
}

static void
fx_free(struct fx *f)
{
	free(f->customer);
	free(f->ctoken);
	free(f->mech);
	free(f->mtoken);
}

static long
max_seq(void)
{
	return sql_long("SELECT coalesce(max(seq), 0) FROM booking_events");
}

/* The kinds of booking's events after seq, comma-separated. */
static void
kinds_are(long booking, long seq, const char *expect_kinds)
{
	sql_is(expect_kinds, "SELECT coalesce(string_agg(kind, ',' ORDER BY"
	    " seq), '') FROM booking_events WHERE booking_id = %ld"
	    " AND seq > %ld", booking, seq);
}

#define ANALYSIS_PATH	"/api/v1/bookings/mechanic/analysis"

/* An analysis body for booking with the given quote and extra fields. */
static char *
body_of(long booking, const char *quote, const char *extra)
{
	static char	body[2048];

	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\" Front pads worn to 2 mm \",\"recommendation\":\"Replace the"
	    " pads soon\",\"images\":[\"https://x.test/pads.jpg\"],"
	    "\"price_quote\":%s%s}", booking, quote,
	    extra != NULL ? extra : "");
	return body;
}

static void
post_expect(const char *token, long booking, const char *quote,
    const char *extra, long status, const char *detail)
{
	expect("POST", ANALYSIS_PATH, token, body_of(booking, quote, extra),
	    status, detail);
}

/* A booking in analysis whose analysis mechanic posted his report (1 at
 * 1400.50, 2 at 2600.00; 5 recommended at 300.00). */
static void
fx_analysed(struct fx *f)
{
	fx_new(f, 4, "{1,2}", 4);
	post_expect(f->mtoken, f->booking, "{\"1\":\"1400.50\",\"2\":2600}",
	    ",\"recommended_services\":{\"5\":\"300\"}", 200, NULL);
}

static void
path_of(char *buf, size_t len, const char *fmt, long booking)
{
	snprintf(buf, len, fmt, booking);
}

/* ---- POST /bookings/mechanic/analysis ---------------------------------- */

static void
analysis_moves_the_booking_to_analysed_with_its_quote(void **state)
{
	struct fx	 f;
	struct tc_resp	 r;
	cJSON		*j;
	long		 seq;

	fx_new(&f, 4, "{1,2}", 4);
	seq = max_seq();
	assert_int_equal(call("POST", ANALYSIS_PATH, f.mtoken, body_of(
	    f.booking, "{\"1\":\"1400.50\",\"2\":2600}",
	    ",\"recommended_services\":{\"5\":\"300\",\"6\":0}"), &r), 200);
	j = r.json;
	assert_int_equal(cJSON_GetObjectItem(j, "booking_id")->valuedouble,
	    f.booking);
	assert_string_equal(cJSON_GetObjectItem(j, "mechanic_id")->valuestring,
	    f.mech);
	assert_string_equal(cJSON_GetObjectItem(j, "description")->valuestring,
	    "Front pads worn to 2 mm");
	assert_string_equal(cJSON_GetObjectItem(j,
	    "recommendation")->valuestring, "Replace the pads soon");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "images"), 0)->valuestring, "https://x.test/pads.jpg");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(j, "validated")));
	assert_true(cJSON_IsString(cJSON_GetObjectItem(j, "created_at")));
	tc_resp_free(&r);
	sql_is("1:1400.50,2:2600.00", "SELECT string_agg(service_id || ':' ||"
	    " price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", f.booking);
	sql_is("5:300.00,6:0.00", "SELECT string_agg(service_id || ':' ||"
	    " price, ',' ORDER BY service_id) FROM booking_recommendations"
	    " WHERE booking_id = %ld", f.booking);
	sql_is("5", "SELECT status_id FROM bookings WHERE id = %ld", f.booking);
	sql_is("7", "SELECT status_id FROM booking_assignment WHERE id = %ld",
	    f.assignment);
	sql_is("false", "SELECT validated::text FROM booking_analysis WHERE"
	    " booking_id = %ld", f.booking);
	kinds_are(f.booking, seq,
	    "analysis_submitted,assignment_completed,status_changed");
	sql_is(f.mech, "SELECT payload->'data'->>'mechanic_id' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'analysis_submitted'", f.booking);
	sql_is("0", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	fx_free(&f);
}

static void
analysis_checks_are_made_in_order(void **state)
{
	static const char *quote = "{\"1\":100,\"2\":200}";
	struct fx	 f, g, h, k, m;

	fx_new(&f, 4, "{1,2}", 4);
	fx_new(&g, 4, "{1}", 4);
	expect("POST", ANALYSIS_PATH, NULL, body_of(f.booking, quote, NULL),
	    401, NULL);
	post_expect(f.ctoken, f.booking, quote, NULL, 403,
	    "Insufficient permissions.");
	post_expect(admin, f.booking, quote, NULL, 403,
	    "Only mechanics can create analysis");
	post_expect(f.mtoken, 2000000000, quote, NULL, 404,
	    "Booking not found");
	post_expect(g.mtoken, f.booking, quote, NULL, 403,
	    "Trying to access other mechanic assignments.");
	/* he holds the pickup type, not analysis */
	fx_new(&h, 4, "{1}", 1);
	post_expect(h.mtoken, h.booking, "{\"1\":1}", NULL, 403,
	    "Trying to access other mechanic assignments.");
	/* still received */
	fx_new(&k, 3, "{1}", 4);
	post_expect(k.mtoken, k.booking, "{\"1\":1}", NULL, 400,
	    "Attempting invalid state transition");
	fx_new(&m, 4, "{1}", 4);
	free(sqlf("INSERT INTO booking_analysis (booking_id, mechanic_id,"
	    " assignment_id, description, recommendation) VALUES (%ld, '%s',"
	    " %ld, 'earlier', 'earlier')", m.booking, m.mech, m.assignment));
	post_expect(m.mtoken, m.booking, "{\"1\":1}", NULL, 400,
	    "Analysis already submitted.");
	post_expect(f.mtoken, f.booking, "{\"1\":100}", NULL, 400,
	    "Provide price-quote for all booked services.");
	post_expect(f.mtoken, f.booking, "{\"1\":100,\"9\":1,\"2\":200}", NULL,
	    400, "Service 9 is not booked.");
	post_expect(f.mtoken, f.booking, quote,
	    ",\"recommended_services\":{\"54\":1,\"999999\":1}", 404,
	    "Service not found.");
	post_expect(f.mtoken, f.booking, quote,
	    ",\"recommended_services\":{\"54\":1,\"2\":1}", 400,
	    "Service 2 is already booked.");
	post_expect(f.mtoken, f.booking, quote,
	    ",\"recommended_services\":{\"5\":1,\"54\":1}", 400,
	    "Service 'High-Voltage Battery Health Check' is not available for "
	    "Petrol cars.");
	sql_is("4|0|0", "SELECT b.status_id || '|' || (SELECT count(*) FROM"
	    " booking_analysis WHERE booking_id = b.id) || '|' || (SELECT"
	    " count(*) FROM booked_services WHERE booking_id = b.id AND"
	    " price IS NOT NULL) FROM bookings b WHERE b.id = %ld", f.booking);
	sql_is("11", "SELECT status_id FROM booking_assignment WHERE id = %ld",
	    f.assignment);
	fx_free(&f);
	fx_free(&g);
	fx_free(&h);
	fx_free(&k);
	fx_free(&m);
}

static void
analysis_bodies_are_checked_first(void **state)
{
	static const struct {
		const char	*quote;
		const char	*extra;
		const char	*msg;
	} cases[] = {
		{ "[1]", NULL, "Input should be a valid dictionary" },
		{ "{\"x\":1}", NULL, "Input should be a valid integer, unable "
		    "to parse string as an integer" },
		{ "{\"1\":-1}", NULL,
		    "Input should be greater than or equal to 0" },
		{ "{\"1\":\"1.005\"}", NULL,
		    "Decimal input should have no more than 2 decimal places" },
		{ "{\"1\":\"abc\"}", NULL, "Input should be a valid decimal" },
		{ "{\"1\":1}", ",\"recommended_services\":{\"5\":-2}",
		    "Input should be greater than or equal to 0" },
	};
	struct fx	 f;
	struct tc_resp	 r;
	cJSON		*d;
	size_t		 i;
	char		 body[512];

	fx_new(&f, 4, "{1}", 4);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_422("POST", ANALYSIS_PATH, f.mtoken, body_of(f.booking,
		    cases[i].quote, cases[i].extra), cases[i].msg);
	/* the key's location names the dictionary and the key */
	assert_int_equal(call("POST", ANALYSIS_PATH, f.mtoken,
	    body_of(f.booking, "{\"x\":1}", NULL), &r), 422);
	d = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r.json,
	    "detail"), 0), "loc");
	assert_string_equal(cJSON_GetArrayItem(d, 1)->valuestring,
	    "price_quote");
	assert_string_equal(cJSON_GetArrayItem(d, 2)->valuestring, "x");
	tc_resp_free(&r);
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"ok!\",\"recommendation\":\"ok!\",\"images\":[\"/a\"]}",
	    f.booking);
	expect_422("POST", ANALYSIS_PATH, f.mtoken, body, "Field required");
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"ok!\",\"recommendation\":\"ok!\",\"images\":[\"ftp://a\"],"
	    "\"price_quote\":{\"1\":1}}", f.booking);
	expect_422("POST", ANALYSIS_PATH, f.mtoken, body,
	    "Value error, Invalid image URL: ftp://a");
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"ok\",\"recommendation\":\"ok!\",\"images\":[\"/a\"],"
	    "\"price_quote\":{\"1\":1}}", f.booking);
	expect_422("POST", ANALYSIS_PATH, f.mtoken, body,
	    "String should have at least 3 characters");
	sql_is("4", "SELECT status_id FROM bookings WHERE id = %ld", f.booking);
	fx_free(&f);
}

static void
automatic_analysis_validation_validates_as_system(void **state)
{
	struct fx	 f;
	struct tc_resp	 r;
	long		 seq;

	fx_new(&f, 4, "{1}", 4);
	setting("analysis_validation_automation", true);
	seq = max_seq();
	assert_int_equal(call("POST", ANALYSIS_PATH, f.mtoken,
	    body_of(f.booking, "{\"1\":10}", NULL), &r), 200);
	setting("analysis_validation_automation", false);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "validated")));
	tc_resp_free(&r);
	sql_is("true|system", "SELECT validated || '|' || validated_by FROM"
	    " booking_analysis WHERE booking_id = %ld", f.booking);
	sql_is("3", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	kinds_are(f.booking, seq, "analysis_submitted,assignment_completed,"
	    "status_changed,analysis_validated");
	sql_is("system|true", "SELECT actor || '|' ||"
	    " (payload->'data'->>'automatic') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'analysis_validated'", f.booking);
	fx_free(&f);
}

/* ---- PUT /bookings/admin/analysis/{booking_id} -------------------------- */

static void
edit_changes_texts_quote_and_recommendations(void **state)
{
	struct fx	 f;
	struct tc_resp	 r;
	char		 path[96];
	long		 seq;

	fx_analysed(&f);
	seq = max_seq();
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	assert_int_equal(call("PUT", path, admin, "{\"description\":\" Pads"
	    " and discs worn \",\"images\":[\"/a.jpg\",\"/b.jpg\"],"
	    "\"price_quote\":{\"2\":\"99.99\"},\"recommended_services\":"
	    "{\"6\":10}}", &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "description")->valuestring, "Pads and discs worn");
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "recommendation")->valuestring, "Replace the pads soon");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "images")), 2);
	tc_resp_free(&r);
	sql_is("1:1400.50,2:99.99", "SELECT string_agg(service_id || ':' ||"
	    " price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", f.booking);
	sql_is("6:10.00", "SELECT string_agg(service_id || ':' || price, ','"
	    " ORDER BY service_id) FROM booking_recommendations WHERE"
	    " booking_id = %ld", f.booking);
	kinds_are(f.booking, seq, "analysis_updated");
	sql_is(f.mech, "SELECT payload->'data'->>'mechanic_id' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'analysis_updated'", f.booking);
	/* an empty set of recommendations clears them */
	expect("PUT", path, admin, "{\"recommended_services\":{}}", 200, NULL);
	sql_is("0", "SELECT count(*) FROM booking_recommendations WHERE"
	    " booking_id = %ld", f.booking);
	fx_free(&f);
}

static void
edit_failures(void **state)
{
	struct fx	 f, g;
	char		 path[96];

	fx_analysed(&f);
	fx_new(&g, 4, "{1}", 4);
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	expect("PUT", path, NULL, "{}", 401, NULL);
	expect("PUT", path, f.mtoken, "{}", 403, "Insufficient permissions.");
	expect("PUT", "/api/v1/bookings/admin/analysis/2000000000", admin,
	    "{}", 404, "Analysis record not found");
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    g.booking);
	expect("PUT", path, admin, "{}", 404, "Analysis record not found");
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	expect("PUT", path, admin, "{\"price_quote\":{\"9\":1}}", 400,
	    "Service 9 is not booked.");
	expect("PUT", path, admin, "{\"recommended_services\":{\"1\":1}}", 400,
	    "Service 1 is already booked.");
	expect_422("PUT", path, admin, "{\"price_quote\":{\"1\":-1}}",
	    "Input should be greater than or equal to 0");
	sql_is("1:1400.50,2:2600.00", "SELECT string_agg(service_id || ':' ||"
	    " price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", f.booking);
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", f.booking);
	expect("POST", path, admin, NULL, 200, NULL);
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	expect("PUT", path, admin, "{\"description\":\"later\"}", 400,
	    "Analysis already validated.");
	fx_free(&f);
	fx_free(&g);
}

/* ---- POST /bookings/admin/analysis/{booking_id}/validate --------------- */

static void
validating_scores_three_and_writes_an_event(void **state)
{
	struct fx	 f, g;
	struct tc_resp	 r;
	char		 path[96];
	long		 seq;

	fx_analysed(&f);
	fx_new(&g, 4, "{1}", 4);
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", f.booking);
	expect("POST", path, NULL, NULL, 401, NULL);
	expect("POST", path, f.mtoken, NULL, 403, "Insufficient permissions.");
	seq = max_seq();
	assert_int_equal(call("POST", path, admin, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Analysis validated and sent to customer");
	tc_resp_free(&r);
	sql_is("true|ADM000001|true", "SELECT validated || '|' || validated_by"
	    " || '|' || (validated_at IS NOT NULL) FROM booking_analysis WHERE"
	    " booking_id = %ld", f.booking);
	sql_is("3", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	sql_is("5", "SELECT status_id FROM bookings WHERE id = %ld", f.booking);
	kinds_are(f.booking, seq, "analysis_validated");
	sql_is("ADM000001|false", "SELECT actor || '|' ||"
	    " (payload->'data'->>'automatic') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'analysis_validated'", f.booking);
	expect("POST", path, admin, NULL, 400, "Analysis already validated.");
	sql_is("3", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", g.booking);
	expect("POST", path, admin, NULL, 404, "Analysis record not found");
	expect("POST", "/api/v1/bookings/admin/analysis/2000000000/validate",
	    admin, NULL, 404, "Analysis record not found");
	fx_free(&f);
	fx_free(&g);
}

/* ---- GET /bookings/{booking_id}/analysis -------------------------------- */

/* Check subtotal, gst and total of view against lines (paise) at the
 * view's own rate, and return the subtotal. */
static long
totals_match(const cJSON *view, const long *lines, int n)
{
	long	 pct, sub = 0, gst = 0;
	char	 buf[32];
	int	 i;

	pct = (long)cJSON_GetObjectItem(view, "gst_percent")->valuedouble;
	assert_true(pct >= 0 && pct <= 100);
	for (i = 0; i < n; i++) {
		sub += lines[i];
		gst += (lines[i] * pct + 50) / 100;
	}
	snprintf(buf, sizeof buf, "%ld.%02ld", sub / 100, sub % 100);
	assert_string_equal(cJSON_GetObjectItem(view, "subtotal")->valuestring,
	    buf);
	snprintf(buf, sizeof buf, "%ld.%02ld", gst / 100, gst % 100);
	assert_string_equal(cJSON_GetObjectItem(view, "gst")->valuestring, buf);
	snprintf(buf, sizeof buf, "%ld.%02ld", (sub + gst) / 100,
	    (sub + gst) % 100);
	assert_string_equal(cJSON_GetObjectItem(view, "total")->valuestring,
	    buf);
	return sub;
}

static void
view_shows_quotes_recommendations_and_gst_totals(void **state)
{
	static const long	 lines[] = { 140050, 260000 };
	struct fx		 f;
	struct tc_resp		 r;
	char			 path[96];
	cJSON			*q;

	fx_analysed(&f);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", f.booking);
	assert_int_equal(call("GET", path, admin, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(r.json,
	    "mechanic"), "id")->valuestring, f.mech);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "validated")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "validated_at")));
	q = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "quotes"), 0);
	assert_int_equal(cJSON_GetObjectItem(q, "service_id")->valuedouble, 1);
	assert_string_equal(cJSON_GetObjectItem(q, "title")->valuestring,
	    "Basic Service");
	assert_string_equal(cJSON_GetObjectItem(q, "est_price")->valuestring,
	    "1500.00");
	assert_string_equal(cJSON_GetObjectItem(q, "price")->valuestring,
	    "1400.50");
	assert_string_equal(cJSON_GetObjectItem(q, "status")->valuestring,
	    "booked");
	q = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "recommendations"),
	    0);
	assert_int_equal(cJSON_GetObjectItem(q, "service_id")->valuedouble, 5);
	assert_string_equal(cJSON_GetObjectItem(q, "title")->valuestring,
	    "Engine Tune-Up");
	assert_string_equal(cJSON_GetObjectItem(q, "price")->valuestring,
	    "300.00");
	totals_match(r.json, lines, 2);
	tc_resp_free(&r);
	/* the mechanic who wrote it reads it too */
	expect("GET", path, f.mtoken, NULL, 200, NULL);
	/* a rejected service leaves the totals */
	free(sqlf("UPDATE booked_services SET status_id = 13 WHERE booking_id ="
	    " %ld AND service_id = 2", f.booking));
	assert_int_equal(call("GET", path, admin, NULL, &r), 200);
	totals_match(r.json, lines, 1);
	tc_resp_free(&r);
	fx_free(&f);
}

static void
customers_see_the_analysis_once_validated(void **state)
{
	struct fx	 f, g;
	struct tc_resp	 r;
	char		 path[96], vpath[96];

	fx_analysed(&f);
	fx_new(&g, 4, "{1}", 4);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", f.booking);
	expect("GET", path, f.ctoken, NULL, 404, "Analysis record not found");
	path_of(vpath, sizeof vpath,
	    "/api/v1/bookings/admin/analysis/%ld/validate", f.booking);
	expect("POST", vpath, admin, NULL, 200, NULL);
	assert_int_equal(call("GET", path, f.ctoken, NULL, &r), 200);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "validated")));
	assert_true(cJSON_IsString(cJSON_GetObjectItem(r.json,
	    "validated_at")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "quotes")), 2);
	tc_resp_free(&r);
	expect("GET", path, g.ctoken, NULL, 403, "Operation not permitted. "
	    "Trying to access data of other customers.");
	expect("GET", path, g.mtoken, NULL, 403,
	    "Trying to access other mechanic assignments.");
	expect("GET", path, NULL, NULL, 401, NULL);
	expect("GET", "/api/v1/bookings/2000000000/analysis", admin, NULL, 404,
	    "Booking not found.");
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", g.booking);
	expect("GET", path, admin, NULL, 404, "Analysis record not found");
	fx_free(&f);
	fx_free(&g);
}

/* ---- the whole way ------------------------------------------------------ */

/* A fresh customer with a Swift and an address; their ids. */
static void
make_customer(long phone, char **customer, long *car, long *address)
{
	*customer = sqlf("WITH u AS (INSERT INTO users (id, role_id, phone,"
	    " password) SELECT revcare_next_user_id('CST', 'customer_seq'), 3,"
	    " %ld, password FROM users WHERE id = 'CST000001' RETURNING id)"
	    " INSERT INTO customers (id, name, email) SELECT id, 'Happy %ld',"
	    " 'h%ld@example.test' FROM u RETURNING id", phone, phone, phone);
	*car = sql_long("INSERT INTO customer_cars (reg_number,"
	    " reg_number_norm, car_model_id, customer_id) VALUES ('TN 79 %ld',"
	    " 'TN79%ld', 1, '%s') RETURNING id", phone, phone, *customer);
	*address = sql_long("INSERT INTO addresses (customer_id, line1,"
	    " area_id) VALUES ('%s', '9 Happy Road', 1) RETURNING id",
	    *customer);
}

/* Assign mech to booking as admin, through the endpoint. */
static void
assign_api(const char *mech, long booking, int type)
{
	char	body[256];

	snprintf(body, sizeof body, "{\"mechanic_id\":\"%s\",\"booking_id\":"
	    "%ld,\"assignment_type_id\":%d,\"note\":\"\"}", mech, booking,
	    type);
	expect("POST", "/api/v1/bookings/admin/assign", admin, body, 200, NULL);
}

static long
progress_api(const char *token, long booking, const char *ids)
{
	struct tc_resp	r;
	char		body[512];
	long		id;

	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"Step done\",\"images\":[\"https://x.test/s.jpg\"],"
	    "\"services_completed_ids\":%s}", booking, ids);
	assert_int_equal(call("POST", "/api/v1/bookings/mechanic/progress",
	    token, body, &r), 200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	return id;
}

static void
validate_progress_api(long entry)
{
	char	path[96];

	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/progress/%ld/validate", entry);
	expect("POST", path, admin, NULL, 200, NULL);
}

static void
status_is(long booking, const char *status)
{
	sql_is(status, "SELECT s.name FROM bookings b JOIN status s ON s.id ="
	    " b.status_id WHERE b.id = %ld", booking);
}

/* The customer confirms services 1, 2 and the recommended 5, for cash. */
static void
confirm_api(const char *ctoken, long booking)
{
	char	path[96];

	path_of(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    booking);
	expect("PUT", path, ctoken, "{\"service_ids\":[1,2,5],"
	    "\"payment_method_id\":2}", 200, NULL);
}

static void
a_booking_goes_from_pickup_to_delivered(void **state)
{
	struct tc_resp	 r;
	char		*customer, *ctoken, *driver, *dtoken, *analyst, *atoken;
	char		*tech, *ttoken, body[1024], path[96], *from, *to;
	long		 cphone = tc_unique_phone(), dphone = tc_unique_phone();
	long		 aphone = tc_unique_phone(), tphone = tc_unique_phone();
	long		 car, address, booking, entry, seq;

	make_customer(cphone, &customer, &car, &address);
	ctoken = login(cphone);
	driver = make_mechanic(dphone, true, false, "{}");
	dtoken = login(dphone);
	analyst = make_mechanic(aphone, false, true, "{}");
	atoken = login(aphone);
	tech = make_mechanic(tphone, false, false, "{1,2}");
	ttoken = login(tphone);
	from = tc_sql("SELECT (current_date + 2)::text");
	to = tc_sql("SELECT (current_date + 5)::text");
	snprintf(body, sizeof body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":1,\"drop_timeslot_id\":2,\"service_ids\":[1,2]}", car, address,
	    address, from, to);
	free(from);
	free(to);
	assert_int_equal(call("POST", "/api/v1/bookings/", ctoken, body, &r),
	    200);
	booking = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	status_is(booking, "booked");

	assign_api(driver, booking, 1);
	status_is(booking, "pickup");
	seq = max_seq();
	entry = progress_api(dtoken, booking, "[]");
	kinds_are(booking, seq,
	    "progress_posted,assignment_completed,status_changed");
	status_is(booking, "received");
	validate_progress_api(entry);

	assign_api(analyst, booking, 4);
	status_is(booking, "analysis");
	seq = max_seq();
	expect("POST", ANALYSIS_PATH, atoken, body_of(booking,
	    "{\"1\":1500,\"2\":\"2400.00\"}",
	    ",\"recommended_services\":{\"5\":1800}"), 200, NULL);
	kinds_are(booking, seq,
	    "analysis_submitted,assignment_completed,status_changed");
	status_is(booking, "analysed");
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", booking);
	expect("POST", path, admin, NULL, 200, NULL);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", booking);
	expect("GET", path, ctoken, NULL, 200, NULL);

	confirm_api(ctoken, booking);
	status_is(booking, "in-progress");
	assign_api(tech, booking, 3);
	entry = progress_api(ttoken, booking, "[1,2]");
	seq = max_seq();
	validate_progress_api(entry);
	kinds_are(booking, seq, "progress_validated");
	status_is(booking, "in-progress");
	assign_api(tech, booking, 3);
	entry = progress_api(ttoken, booking, "[5]");
	seq = max_seq();
	validate_progress_api(entry);
	kinds_are(booking, seq, "progress_validated,status_changed");
	status_is(booking, "completed");

	assign_api(driver, booking, 2);
	status_is(booking, "out for delivery");
	expect("POST", "/api/v1/bookings/mechanic/progress", dtoken,
	    "{}", 422, NULL);
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"Delivered\",\"images\":[\"/d.jpg\"]}", booking);
	expect("POST", "/api/v1/bookings/mechanic/progress", dtoken, body, 400,
	    "Payment not yet made. Collect cash from customer.");
	free(sqlf("UPDATE offline_payments SET status_id = 15, collected_by ="
	    " '%s', collected_at = now() WHERE booking_id = %ld", driver,
	    booking));
	entry = progress_api(dtoken, booking, "[]");
	status_is(booking, "delivered");
	validate_progress_api(entry);

	/* pickup and drop 2 + 2; analysis 3; services 1 + 2, then 3 */
	sql_is("4|3|6", "SELECT string_agg(score::text, '|' ORDER BY"
	    " array_position(ARRAY['%s', '%s', '%s']::text[], id::text)) FROM"
	    " mechanics WHERE id IN ('%s', '%s', '%s')", driver, analyst, tech,
	    driver, analyst, tech);
	sql_is("3|3", "SELECT count(*) FILTER (WHERE completed) || '|' ||"
	    " count(*) FROM booked_services WHERE booking_id = %ld", booking);
	sql_is("true", "SELECT (completed_at IS NOT NULL)::text FROM bookings"
	    " WHERE id = %ld", booking);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/progress", booking);
	assert_int_equal(call("GET", path, ctoken, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 4);
	tc_resp_free(&r);
	free(customer);
	free(ctoken);
	free(driver);
	free(dtoken);
	free(analyst);
	free(atoken);
	free(tech);
	free(ttoken);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    analysis_moves_the_booking_to_analysed_with_its_quote),
		cmocka_unit_test(analysis_checks_are_made_in_order),
		cmocka_unit_test(analysis_bodies_are_checked_first),
		cmocka_unit_test(
		    automatic_analysis_validation_validates_as_system),
		cmocka_unit_test(edit_changes_texts_quote_and_recommendations),
		cmocka_unit_test(edit_failures),
		cmocka_unit_test(validating_scores_three_and_writes_an_event),
		cmocka_unit_test(
		    view_shows_quotes_recommendations_and_gst_totals),
		cmocka_unit_test(customers_see_the_analysis_once_validated),
		cmocka_unit_test(a_booking_goes_from_pickup_to_delivered),
	};

	tc_base();
	return cmocka_run_group_tests_name("analysis", tests, group_setup,
	    group_teardown);
}
