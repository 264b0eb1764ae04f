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

#include "fixtures.h"

static char	*admin;

/* The automation switches are off for the run and put back after. */
static int
group_setup(void **state)
{
	return tc_group_setup(&admin, "assignment_automation",
	    "validation_automation", "analysis_validation_automation", NULL);
}

static int
group_teardown(void **state)
{
	return tc_group_teardown(&admin);
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
	tc_expect("POST", ANALYSIS_PATH, token, body_of(booking, quote, extra),
	    status, detail);
}

/* A booking in analysis whose analysis mechanic posted his report (1 at
 * 1400.50, 2 at 2600.00; 5 recommended at 300.00). */
static void
fx_analysed(struct tc_fx *f)
{
	tc_fx_new(f, "Analysis", 4, "{1,2}", 4);
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
	struct tc_fx	 f;
	struct tc_resp	 r;
	cJSON		*j;
	long		 seq;

	tc_fx_new(&f, "Analysis", 4, "{1,2}", 4);
	seq = tc_max_seq();
	assert_int_equal(tc_call("POST", ANALYSIS_PATH, f.mtoken, body_of(
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
	tc_sql_is("1:1400.50,2:2600.00", "SELECT string_agg(service_id || ':'"
	    " || price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", f.booking);
	tc_sql_is("5:300.00,6:0.00", "SELECT string_agg(service_id || ':' ||"
	    " price, ',' ORDER BY service_id) FROM booking_recommendations"
	    " WHERE booking_id = %ld", f.booking);
	tc_sql_is("5", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_sql_is("7", "SELECT status_id FROM booking_assignment WHERE id ="
	    " %ld", f.assignment);
	tc_sql_is("false", "SELECT validated::text FROM booking_analysis WHERE"
	    " booking_id = %ld", f.booking);
	tc_kinds_are(f.booking, seq,
	    "analysis_submitted,assignment_completed,status_changed");
	tc_sql_is(f.mech, "SELECT payload->'data'->>'mechanic_id' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'analysis_submitted'", f.booking);
	tc_sql_is("0", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_fx_free(&f);
}

static void
analysis_checks_are_made_in_order(void **state)
{
	static const char *quote = "{\"1\":100,\"2\":200}";
	struct tc_fx	 f, g, h, k, m;

	tc_fx_new(&f, "Analysis", 4, "{1,2}", 4);
	tc_fx_new(&g, "Analysis", 4, "{1}", 4);
	tc_expect("POST", ANALYSIS_PATH, NULL, body_of(f.booking, quote, NULL),
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
	tc_fx_new(&h, "Analysis", 4, "{1}", 1);
	post_expect(h.mtoken, h.booking, "{\"1\":1}", NULL, 403,
	    "Trying to access other mechanic assignments.");
	/* still received */
	tc_fx_new(&k, "Analysis", 3, "{1}", 4);
	post_expect(k.mtoken, k.booking, "{\"1\":1}", NULL, 400,
	    "Attempting invalid state transition");
	tc_fx_new(&m, "Analysis", 4, "{1}", 4);
	free(tc_sqlf("INSERT INTO booking_analysis (booking_id, mechanic_id,"
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
	tc_sql_is("4|0|0", "SELECT b.status_id || '|' || (SELECT count(*) FROM"
	    " booking_analysis WHERE booking_id = b.id) || '|' || (SELECT"
	    " count(*) FROM booked_services WHERE booking_id = b.id AND"
	    " price IS NOT NULL) FROM bookings b WHERE b.id = %ld", f.booking);
	tc_sql_is("11", "SELECT status_id FROM booking_assignment WHERE id ="
	    " %ld", f.assignment);
	tc_fx_free(&f);
	tc_fx_free(&g);
	tc_fx_free(&h);
	tc_fx_free(&k);
	tc_fx_free(&m);
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
	struct tc_fx	 f;
	struct tc_resp	 r;
	cJSON		*d;
	size_t		 i;
	char		 body[512];

	tc_fx_new(&f, "Analysis", 4, "{1}", 4);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tc_expect_422("POST", ANALYSIS_PATH, f.mtoken,
		    body_of(f.booking, cases[i].quote, cases[i].extra),
		    cases[i].msg);
	/* the key's location names the dictionary and the key */
	assert_int_equal(tc_call("POST", ANALYSIS_PATH, f.mtoken,
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
	tc_expect_422("POST", ANALYSIS_PATH, f.mtoken, body, "Field required");
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"ok!\",\"recommendation\":\"ok!\",\"images\":[\"ftp://a\"],"
	    "\"price_quote\":{\"1\":1}}", f.booking);
	tc_expect_422("POST", ANALYSIS_PATH, f.mtoken, body,
	    "Value error, Invalid image URL: ftp://a");
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"ok\",\"recommendation\":\"ok!\",\"images\":[\"/a\"],"
	    "\"price_quote\":{\"1\":1}}", f.booking);
	tc_expect_422("POST", ANALYSIS_PATH, f.mtoken, body,
	    "String should have at least 3 characters");
	tc_sql_is("4", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_fx_free(&f);
}

static void
automatic_analysis_validation_validates_as_system(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	long		 seq;

	tc_fx_new(&f, "Analysis", 4, "{1}", 4);
	tc_setting_set(admin, "analysis_validation_automation", true);
	seq = tc_max_seq();
	assert_int_equal(tc_call("POST", ANALYSIS_PATH, f.mtoken,
	    body_of(f.booking, "{\"1\":10}", NULL), &r), 200);
	tc_setting_set(admin, "analysis_validation_automation", false);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "validated")));
	tc_resp_free(&r);
	tc_sql_is("true|system", "SELECT validated || '|' || validated_by FROM"
	    " booking_analysis WHERE booking_id = %ld", f.booking);
	tc_sql_is("3", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_kinds_are(f.booking, seq, "analysis_submitted,assignment_completed,"
	    "status_changed,analysis_validated");
	tc_sql_is("system|true", "SELECT actor || '|' ||"
	    " (payload->'data'->>'automatic') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'analysis_validated'", f.booking);
	tc_fx_free(&f);
}

/* ---- PUT /bookings/admin/analysis/{booking_id} -------------------------- */

static void
edit_changes_texts_quote_and_recommendations(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	char		 path[96];
	long		 seq;

	fx_analysed(&f);
	seq = tc_max_seq();
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	assert_int_equal(tc_call("PUT", path, admin, "{\"description\":\" Pads"
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
	tc_sql_is("1:1400.50,2:99.99", "SELECT string_agg(service_id || ':' ||"
	    " price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", f.booking);
	tc_sql_is("6:10.00", "SELECT string_agg(service_id || ':' || price, ','"
	    " ORDER BY service_id) FROM booking_recommendations WHERE"
	    " booking_id = %ld", f.booking);
	tc_kinds_are(f.booking, seq, "analysis_updated");
	tc_sql_is(f.mech, "SELECT payload->'data'->>'mechanic_id' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'analysis_updated'", f.booking);
	/* an empty set of recommendations clears them */
	tc_expect("PUT", path, admin, "{\"recommended_services\":{}}", 200,
	    NULL);
	tc_sql_is("0", "SELECT count(*) FROM booking_recommendations WHERE"
	    " booking_id = %ld", f.booking);
	tc_fx_free(&f);
}

static void
edit_failures(void **state)
{
	struct tc_fx	 f, g;
	char		 path[96];

	fx_analysed(&f);
	tc_fx_new(&g, "Analysis", 4, "{1}", 4);
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	tc_expect("PUT", path, NULL, "{}", 401, NULL);
	tc_expect("PUT", path, f.mtoken, "{}", 403, "Insufficient"
	    " permissions.");
	tc_expect("PUT", "/api/v1/bookings/admin/analysis/2000000000", admin,
	    "{}", 404, "Analysis record not found");
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    g.booking);
	tc_expect("PUT", path, admin, "{}", 404, "Analysis record not found");
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	tc_expect("PUT", path, admin, "{\"price_quote\":{\"9\":1}}", 400,
	    "Service 9 is not booked.");
	tc_expect("PUT", path, admin, "{\"recommended_services\":{\"1\":1}}",
	    400, "Service 1 is already booked.");
	tc_expect_422("PUT", path, admin, "{\"price_quote\":{\"1\":-1}}",
	    "Input should be greater than or equal to 0");
	tc_sql_is("1:1400.50,2:2600.00", "SELECT string_agg(service_id || ':'"
	    " || price, ',' ORDER BY service_id) FROM booked_services WHERE"
	    " booking_id = %ld", f.booking);
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", f.booking);
	tc_expect("POST", path, admin, NULL, 200, NULL);
	path_of(path, sizeof path, "/api/v1/bookings/admin/analysis/%ld",
	    f.booking);
	tc_expect("PUT", path, admin, "{\"description\":\"later\"}", 400,
	    "Analysis already validated.");
	tc_fx_free(&f);
	tc_fx_free(&g);
}

/* ---- POST /bookings/admin/analysis/{booking_id}/validate --------------- */

static void
validating_scores_three_and_writes_an_event(void **state)
{
	struct tc_fx	 f, g;
	struct tc_resp	 r;
	char		 path[96];
	long		 seq;

	fx_analysed(&f);
	tc_fx_new(&g, "Analysis", 4, "{1}", 4);
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", f.booking);
	tc_expect("POST", path, NULL, NULL, 401, NULL);
	tc_expect("POST", path, f.mtoken, NULL, 403, "Insufficient"
	    " permissions.");
	seq = tc_max_seq();
	assert_int_equal(tc_call("POST", path, admin, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Analysis validated and sent to customer");
	tc_resp_free(&r);
	tc_sql_is("true|ADM000001|true", "SELECT validated || '|' ||"
	    " validated_by || '|' || (validated_at IS NOT NULL) FROM"
	    " booking_analysis WHERE booking_id = %ld", f.booking);
	tc_sql_is("3", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_sql_is("5", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_kinds_are(f.booking, seq, "analysis_validated");
	tc_sql_is("ADM000001|false", "SELECT actor || '|' ||"
	    " (payload->'data'->>'automatic') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'analysis_validated'", f.booking);
	tc_expect("POST", path, admin, NULL, 400, "Analysis already"
	    " validated.");
	tc_sql_is("3", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", g.booking);
	tc_expect("POST", path, admin, NULL, 404, "Analysis record not found");
	tc_expect("POST", "/api/v1/bookings/admin/analysis/2000000000/validate",
	    admin, NULL, 404, "Analysis record not found");
	tc_fx_free(&f);
	tc_fx_free(&g);
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
	struct tc_fx		 f;
	struct tc_resp		 r;
	char			 path[96];
	cJSON			*q;

	fx_analysed(&f);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", f.booking);
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
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
	tc_expect("GET", path, f.mtoken, NULL, 200, NULL);
	/* a rejected service leaves the totals */
	free(tc_sqlf("UPDATE booked_services SET status_id = 13 WHERE"
	    " booking_id = %ld AND service_id = 2", f.booking));
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
	totals_match(r.json, lines, 1);
	tc_resp_free(&r);
	tc_fx_free(&f);
}

static void
customers_see_the_analysis_once_validated(void **state)
{
	struct tc_fx	 f, g;
	struct tc_resp	 r;
	char		 path[96], vpath[96];

	fx_analysed(&f);
	tc_fx_new(&g, "Analysis", 4, "{1}", 4);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", f.booking);
	tc_expect("GET", path, f.ctoken, NULL, 404, "Analysis record not"
	    " found");
	path_of(vpath, sizeof vpath,
	    "/api/v1/bookings/admin/analysis/%ld/validate", f.booking);
	tc_expect("POST", vpath, admin, NULL, 200, NULL);
	assert_int_equal(tc_call("GET", path, f.ctoken, NULL, &r), 200);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "validated")));
	assert_true(cJSON_IsString(cJSON_GetObjectItem(r.json,
	    "validated_at")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "quotes")), 2);
	tc_resp_free(&r);
	tc_expect("GET", path, g.ctoken, NULL, 403, "Operation not permitted. "
	    "Trying to access data of other customers.");
	tc_expect("GET", path, g.mtoken, NULL, 403,
	    "Trying to access other mechanic assignments.");
	tc_expect("GET", path, NULL, NULL, 401, NULL);
	tc_expect("GET", "/api/v1/bookings/2000000000/analysis", admin, NULL,
	    404, "Booking not found.");
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", g.booking);
	tc_expect("GET", path, admin, NULL, 404, "Analysis record not found");
	tc_fx_free(&f);
	tc_fx_free(&g);
}

/* ---- the whole way ------------------------------------------------------ */

/* A fresh customer with a Swift and an address; their ids. */
static void
make_customer(long *phone, char **customer, long *car, long *address)
{
	*customer = tc_new_customer("Happy %ld", phone);
	*car = tc_new_car(*customer, 1, NULL);
	*address = tc_new_address(*customer, NULL, "9 Happy Road", 1);
}

/* Assign mech to booking as admin, through the endpoint. */
static void
assign_api(const char *mech, long booking, int type)
{
	char	body[256];

	snprintf(body, sizeof body, "{\"mechanic_id\":\"%s\",\"booking_id\":"
	    "%ld,\"assignment_type_id\":%d,\"note\":\"\"}", mech, booking,
	    type);
	tc_expect("POST", "/api/v1/bookings/admin/assign", admin, body, 200,
	    NULL);
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
	assert_int_equal(tc_call("POST", "/api/v1/bookings/mechanic/progress",
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
	tc_expect("POST", path, admin, NULL, 200, NULL);
}

static void
status_is(long booking, const char *status)
{
	tc_sql_is(status, "SELECT s.name FROM bookings b JOIN status s ON s.id"
	    " = b.status_id WHERE b.id = %ld", booking);
}

/* The customer confirms services 1, 2 and the recommended 5, for cash. */
static void
confirm_api(const char *ctoken, long booking)
{
	char	path[96];

	path_of(path, sizeof path, "/api/v1/bookings/%ld/confirm-services",
	    booking);
	tc_expect("PUT", path, ctoken, "{\"service_ids\":[1,2,5],"
	    "\"payment_method_id\":2}", 200, NULL);
}

static void
a_booking_goes_from_pickup_to_delivered(void **state)
{
	struct tc_resp	 r;
	char		*customer, *ctoken, *driver, *dtoken, *analyst, *atoken;
	char		*tech, *ttoken, body[1024], path[96], *from, *to;
	long		 cphone, dphone, aphone, tphone;
	long		 car, address, booking, entry, seq;

	make_customer(&cphone, &customer, &car, &address);
	ctoken = tc_login_phone(cphone);
	driver = tc_new_mechanic(NULL, true, false, "{}", &dphone);
	dtoken = tc_login_phone(dphone);
	analyst = tc_new_mechanic(NULL, false, true, "{}", &aphone);
	atoken = tc_login_phone(aphone);
	tech = tc_new_mechanic(NULL, false, false, "{1,2}", &tphone);
	ttoken = tc_login_phone(tphone);
	from = tc_sql("SELECT (current_date + 2)::text");
	to = tc_sql("SELECT (current_date + 5)::text");
	snprintf(body, sizeof body, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\",\"pickup_timeslot_id\""
	    ":1,\"drop_timeslot_id\":2,\"service_ids\":[1,2]}", car, address,
	    address, from, to);
	free(from);
	free(to);
	assert_int_equal(tc_call("POST", "/api/v1/bookings/", ctoken, body, &r),
	    200);
	booking = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	status_is(booking, "booked");

	assign_api(driver, booking, 1);
	status_is(booking, "pickup");
	seq = tc_max_seq();
	entry = progress_api(dtoken, booking, "[]");
	tc_kinds_are(booking, seq,
	    "progress_posted,assignment_completed,status_changed");
	status_is(booking, "received");
	validate_progress_api(entry);

	assign_api(analyst, booking, 4);
	status_is(booking, "analysis");
	seq = tc_max_seq();
	tc_expect("POST", ANALYSIS_PATH, atoken, body_of(booking,
	    "{\"1\":1500,\"2\":\"2400.00\"}",
	    ",\"recommended_services\":{\"5\":1800}"), 200, NULL);
	tc_kinds_are(booking, seq,
	    "analysis_submitted,assignment_completed,status_changed");
	status_is(booking, "analysed");
	path_of(path, sizeof path,
	    "/api/v1/bookings/admin/analysis/%ld/validate", booking);
	tc_expect("POST", path, admin, NULL, 200, NULL);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/analysis", booking);
	tc_expect("GET", path, ctoken, NULL, 200, NULL);

	confirm_api(ctoken, booking);
	status_is(booking, "in-progress");
	assign_api(tech, booking, 3);
	entry = progress_api(ttoken, booking, "[1,2]");
	seq = tc_max_seq();
	validate_progress_api(entry);
	tc_kinds_are(booking, seq, "progress_validated");
	status_is(booking, "in-progress");
	assign_api(tech, booking, 3);
	entry = progress_api(ttoken, booking, "[5]");
	seq = tc_max_seq();
	validate_progress_api(entry);
	tc_kinds_are(booking, seq, "progress_validated,status_changed");
	status_is(booking, "completed");

	assign_api(driver, booking, 2);
	status_is(booking, "out for delivery");
	tc_expect("POST", "/api/v1/bookings/mechanic/progress", dtoken,
	    "{}", 422, NULL);
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"Delivered\",\"images\":[\"/d.jpg\"]}", booking);
	tc_expect("POST", "/api/v1/bookings/mechanic/progress", dtoken, body,
	    400, "Payment not yet made. Collect cash from customer.");
	free(tc_sqlf("UPDATE offline_payments SET status_id = 15, collected_by"
	    " = '%s', collected_at = now() WHERE booking_id = %ld", driver,
	    booking));
	entry = progress_api(dtoken, booking, "[]");
	status_is(booking, "delivered");
	validate_progress_api(entry);

	/* pickup and drop 2 + 2; analysis 3; services 1 + 2, then 3 */
	tc_sql_is("4|3|6", "SELECT string_agg(score::text, '|' ORDER BY"
	    " array_position(ARRAY['%s', '%s', '%s']::text[], id::text)) FROM"
	    " mechanics WHERE id IN ('%s', '%s', '%s')", driver, analyst, tech,
	    driver, analyst, tech);
	tc_sql_is("3|3", "SELECT count(*) FILTER (WHERE completed) || '|' ||"
	    " count(*) FROM booked_services WHERE booking_id = %ld", booking);
	tc_sql_is("true", "SELECT (completed_at IS NOT NULL)::text FROM"
	    " bookings WHERE id = %ld", booking);
	path_of(path, sizeof path, "/api/v1/bookings/%ld/progress", booking);
	assert_int_equal(tc_call("GET", path, ctoken, NULL, &r), 200);
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
