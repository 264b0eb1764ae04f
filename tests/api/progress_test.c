/* Progress against the real server: posting on the active assignment
 * (checks 1-7 of SPEC §5.8, image rules, effects and events), admin edits
 * and validation (score, completion, automation), and the progress list.
 * Bookings are put into the needed status with SQL fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"

#define JSON	"application/json"

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

/* The booked services in ids become confirmed (quoted at the estimate),
 * the others rejected; the customer chose to pay offline. */
static void
confirm(long booking, const char *ids)
{
	free(tc_sqlf("UPDATE booked_services SET price = est_price, status_id ="
	    " CASE WHEN service_id = ANY ('%s'::int[]) THEN 12 ELSE 13 END"
	    " WHERE booking_id = %ld", ids, booking));
	free(tc_sqlf("UPDATE bookings SET payment_method_id = 2 WHERE id = %ld",
	    booking));
}

/* An entry already posted on booking (validated or not). */
static long
old_entry(const struct tc_fx *f, int status, bool validated, const char *ids)
{
	return tc_sql_long("INSERT INTO booking_progress (mechanic_id,"
	    " booking_id, assignment_id, description, images, status_id,"
	    " validated, completed_service_ids) VALUES ('%s', %ld, %ld,"
	    " 'earlier work', '{https://x.test/a.jpg}', %d, %s, '%s') RETURNING"
	    " id", f->mech, f->booking, f->assignment, status, validated
	    ? "true" : "false", ids);
}

/* A stored image; its URL (malloc'd). */
static char *
make_media(void)
{
	char	*id, *url;

	id = tc_sql("INSERT INTO media (id, content_type, size_bytes, data,"
	    " uploaded_by) SELECT"
	    " encode(sha256(gen_random_uuid()::text::bytea), 'hex'),"
	    " 'image/png', 8, '\\x89504e470d0a1a0a'::bytea,"
	    " 'ADM000001' RETURNING id");
	assert_non_null(id);
	url = malloc(strlen(id) + 32);
	sprintf(url, "/api/v1/media/%s", id);
	free(id);
	return url;
}

/* POST progress as token; the response (caller frees). */
static long
post(const char *token, long booking, const char *extra, struct tc_resp *r)
{
	char	body[4096];

	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"  Work done on the car  \",\"images\":[\"https://x.test/1.jpg\"]"
	    "%s}", booking, extra != NULL ? extra : "");
	return tc_call("POST", "/api/v1/bookings/mechanic/progress", token,
	    body, r);
}

static void
post_expect(const char *token, long booking, const char *extra,
    long status, const char *detail)
{
	struct tc_resp	r;

	assert_int_equal(post(token, booking, extra, &r), status);
	if (detail != NULL)
		assert_string_equal(tc_detail(&r), detail);
	tc_resp_free(&r);
}

/* POST progress that must succeed; the new entry's id. */
static long
post_ok(const char *token, long booking, const char *extra)
{
	struct tc_resp	r;
	long		id;

	assert_int_equal(post(token, booking, extra, &r), 200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	tc_resp_free(&r);
	return id;
}

static void
validate_expect(long entry, const char *token, long status,
    const char *detail)
{
	char	path[96];

	snprintf(path, sizeof path, "/api/v1/bookings/admin/progress/%ld/"
	    "validate", entry);
	tc_expect("POST", path, token, NULL, status, detail);
}

static void
edit_expect(long entry, const char *token, const char *body, long status,
    const char *detail)
{
	char	path[96];

	snprintf(path, sizeof path, "/api/v1/bookings/admin/progress/%ld",
	    entry);
	tc_expect("PUT", path, token, body, status, detail);
}

/* ---- POST /bookings/mechanic/progress ---------------------------------- */

static void
pickup_progress_moves_the_booking_to_received(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	cJSON		*j;
	long		 seq = tc_max_seq(), id;

	tc_fx_new(&f, "Progress", 2, "{1,2}", 1);
	assert_int_equal(post(f.mtoken, f.booking, NULL, &r), 200);
	j = r.json;
	id = (long)cJSON_GetObjectItem(j, "id")->valuedouble;
	assert_string_equal(cJSON_GetObjectItem(j, "mechanic_id")->valuestring,
	    f.mech);
	assert_int_equal(cJSON_GetObjectItem(j, "booking_id")->valuedouble,
	    f.booking);
	assert_string_equal(cJSON_GetObjectItem(j, "description")->valuestring,
	    "Work done on the car");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "images"), 0)->valuestring, "https://x.test/1.jpg");
	assert_int_equal(cJSON_GetObjectItem(j, "status_id")->valuedouble, 2);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(j, "validated")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "completed_service_ids")), 0);
	assert_non_null(strstr(cJSON_GetObjectItem(j,
	    "created_at")->valuestring, "Z"));
	tc_resp_free(&r);
	tc_sql_is("3|true", "SELECT status_id || '|' || car_received FROM"
	    " bookings WHERE id = %ld", f.booking);
	tc_sql_is("7|true", "SELECT status_id || '|' || (completed_at IS NOT"
	    " NULL) FROM booking_assignment WHERE id = %ld", f.assignment);
	tc_sql_is("2|false|", "SELECT status_id || '|' || validated || '|' ||"
	    " coalesce(validated_by, '') FROM booking_progress WHERE id = %ld",
	    id);
	tc_kinds_are(f.booking, seq,
	    "progress_posted,assignment_completed,status_changed");
	tc_sql_is("pickup|[]", "SELECT (payload->'data'->>'status') || '|' ||"
	    " (payload->'data'->'completed_service_ids')::text FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'progress_posted'", f.booking);
	tc_sql_is("received", "SELECT payload->'data'->>'to' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'status_changed'", f.booking);
	tc_fx_free(&f);
}

static void
progress_without_a_token_is_401(void **state)
{
	tc_expect("POST", "/api/v1/bookings/mechanic/progress", NULL,
	    "{\"booking_id\":1}", 401, NULL);
}

static void
progress_by_a_customer_is_403(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	post_expect(f.ctoken, f.booking, NULL, 403,
	    "Insufficient permissions.");
	tc_fx_free(&f);
}

static void
progress_by_an_admin_is_403(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	post_expect(admin, f.booking, NULL, 403,
	    "Only mechanics can create progress updates.");
	tc_sql_is("2", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_fx_free(&f);
}

static void
progress_on_a_missing_booking_is_404(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	post_expect(f.mtoken, 2000000000, NULL, 404, "Booking not found.");
	tc_fx_free(&f);
}

static void
progress_by_another_mechanic_is_403(void **state)
{
	struct tc_fx	 f, g;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	tc_fx_new(&g, "Progress", 2, "{1}", 1);
	post_expect(g.mtoken, f.booking, NULL, 403,
	    "Trying to access other mechanic assignments.");
	/* a finished assignment does not let him post either */
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 7 WHERE id ="
	    " %ld", f.assignment));
	post_expect(f.mtoken, f.booking, NULL, 403,
	    "Trying to access other mechanic assignments.");
	tc_sql_is("0", "SELECT count(*) FROM booking_progress WHERE booking_id"
	    " = %ld", f.booking);
	tc_fx_free(&f);
	tc_fx_free(&g);
}

static void
second_progress_before_validation_is_400(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 6, "{1,2}", 3);
	confirm(f.booking, "{1,2}");
	old_entry(&f, 6, false, "{}");
	post_expect(f.mtoken, f.booking, NULL, 400,
	    "Already updated progress.");
	tc_sql_is("1", "SELECT count(*) FROM booking_progress WHERE booking_id"
	    " = %ld", f.booking);
	tc_fx_free(&f);
}

static void
assignment_type_must_fit_the_status(void **state)
{
	struct tc_fx	f, g, h;

	/* a pickup holder once the car is received */
	tc_fx_new(&f, "Progress", 3, "{1}", 1);
	post_expect(f.mtoken, f.booking, NULL, 400,
	    "Attempting invalid state transition.");
	/* a service holder while in pickup */
	tc_fx_new(&g, "Progress", 2, "{1}", 3);
	post_expect(g.mtoken, g.booking, NULL, 400,
	    "Attempting invalid state transition.");
	/* a drop holder before the booking is out for delivery */
	tc_fx_new(&h, "Progress", 7, "{1}", 2);
	post_expect(h.mtoken, h.booking, NULL, 400,
	    "Attempting invalid state transition.");
	tc_sql_is("3", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_fx_free(&f);
	tc_fx_free(&g);
	tc_fx_free(&h);
}

static void
completed_ids_must_be_confirmed_pending_services(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 6, "{1,2,3}", 3);
	confirm(f.booking, "{1,2}");	/* 3 rejected */
	free(tc_sqlf("UPDATE booked_services SET completed = true, completed_at"
	    " = now() WHERE booking_id = %ld AND service_id = 2", f.booking));
	post_expect(f.mtoken, f.booking, ",\"services_completed_ids\":[1,3]",
	    400, "Service 3 is not a confirmed pending service of this "
	    "booking.");
	post_expect(f.mtoken, f.booking, ",\"services_completed_ids\":[2]",
	    400, "Service 2 is not a confirmed pending service of this "
	    "booking.");
	post_expect(f.mtoken, f.booking, ",\"services_completed_ids\":[9]",
	    400, "Service 9 is not a confirmed pending service of this "
	    "booking.");
	tc_sql_is("f", "SELECT completed FROM booked_services WHERE booking_id"
	    " = %ld AND service_id = 1", f.booking);
	tc_fx_free(&f);
}

static void
completed_ids_outside_in_progress_are_400(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	post_expect(f.mtoken, f.booking, ",\"services_completed_ids\":[1]",
	    400, "Service 1 is not a confirmed pending service of this "
	    "booking.");
	tc_sql_is("2", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_fx_free(&f);
}

static void
service_progress_completes_only_the_listed_services(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	long		 seq, id;

	tc_fx_new(&f, "Progress", 6, "{1,2}", 3);
	confirm(f.booking, "{1,2}");
	seq = tc_max_seq();
	assert_int_equal(post(f.mtoken, f.booking,
	    ",\"services_completed_ids\":[1,1]", &r), 200);
	id = (long)cJSON_GetObjectItem(r.json, "id")->valuedouble;
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "completed_service_ids")), 1);
	tc_resp_free(&r);
	tc_sql_is("true|true", "SELECT completed || '|' ||"
	    " (completed_at IS NOT NULL) FROM booked_services WHERE"
	    " booking_id = %ld AND service_id = 1 AND"
	    " completed_by_progress_id = %ld", f.booking, id);
	tc_sql_is("f", "SELECT completed FROM booked_services WHERE booking_id"
	    " = %ld AND service_id = 2", f.booking);
	tc_sql_is("6", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_sql_is("{1}", "SELECT completed_service_ids FROM booking_progress"
	    " WHERE id = %ld", id);
	tc_kinds_are(f.booking, seq, "progress_posted,assignment_completed");
	tc_sql_is("[1]", "SELECT payload->'data'->'completed_service_ids' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'progress_posted'", f.booking);
	tc_fx_free(&f);
}

static void
drop_to_an_offline_payer_needs_the_cash_first(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 8, "{1}", 2);
	confirm(f.booking, "{1}");
	free(tc_sqlf("INSERT INTO offline_payments (booking_id, purpose,"
	    " amount, gst, gst_percent) VALUES (%ld, 'services', 1500, 270,"
	    " 18)", f.booking));
	post_expect(f.mtoken, f.booking, NULL, 400,
	    "Payment not yet made. Collect cash from customer.");
	tc_sql_is("8", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	free(tc_sqlf("UPDATE offline_payments SET status_id = 15 WHERE"
	    " booking_id = %ld", f.booking));
	post_ok(f.mtoken, f.booking, NULL);
	tc_sql_is("9|true", "SELECT status_id || '|' || (completed_at IS NOT"
	    " NULL) FROM bookings WHERE id = %ld", f.booking);
	tc_fx_free(&f);
}

static void
drop_to_an_online_payer_needs_no_cash(void **state)
{
	struct tc_fx	f;

	tc_fx_new(&f, "Progress", 8, "{1}", 2);
	confirm(f.booking, "{1}");
	free(tc_sqlf("UPDATE bookings SET payment_method_id = 1 WHERE id = %ld",
	    f.booking));
	post_ok(f.mtoken, f.booking, NULL);
	tc_sql_is("9", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_fx_free(&f);
}

static void
return_drop_with_a_fee_needs_the_cash_first(void **state)
{
	struct tc_fx	f;
	long		seq, id;

	tc_fx_new(&f, "Progress", 10, "{1}", 2);
	free(tc_sqlf("INSERT INTO offline_payments (booking_id, purpose,"
	    " amount, gst, gst_percent) VALUES (%ld, 'cancellation_fee', 100,"
	    " 18, 18)", f.booking));
	post_expect(f.mtoken, f.booking, NULL, 400,
	    "Payment not yet made. Collect cash from customer.");
	free(tc_sqlf("UPDATE offline_payments SET status_id = 15 WHERE"
	    " booking_id = %ld", f.booking));
	seq = tc_max_seq();
	id = post_ok(f.mtoken, f.booking, NULL);
	tc_sql_is("10", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_kinds_are(f.booking, seq, "progress_posted,assignment_completed");
	/* a return trip scores like a drop */
	validate_expect(id, admin, 200, NULL);
	tc_sql_is("10|2", "SELECT b.status_id || '|' || m.score FROM bookings"
	    " b, mechanics m WHERE b.id = %ld AND m.id = '%s'", f.booking,
	    f.mech);
	tc_fx_free(&f);
}

static void
description_must_have_three_characters(void **state)
{
	struct tc_fx	 f;
	char		 body[256];

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"  ab \",\"images\":[\"/a.jpg\"]}", f.booking);
	tc_expect_422("POST", "/api/v1/bookings/mechanic/progress", f.mtoken,
	    body, "String should have at least 3 characters");
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"images\":"
	    "[\"/a.jpg\"]}", f.booking);
	tc_expect_422("POST", "/api/v1/bookings/mechanic/progress", f.mtoken,
	    body, "Field required");
	tc_fx_free(&f);
}

static void
image_rules_are_422_value_errors(void **state)
{
	static const struct {
		const char	*images;
		const char	*msg;
	} cases[] = {
		{ "[]", "Value error, Atleast 1 image is required" },
		{ "[\"  \", \"\"]",
		    "Value error, Atleast 1 image is required" },
		{ "[\"/1\",\"/2\",\"/3\",\"/4\",\"/5\",\"/6\"]",
		    "Value error, Maximum 5 images allowed" },
		{ "[\"ftp://x.test/a.jpg\"]",
		    "Value error, Invalid image URL: ftp://x.test/a.jpg" },
		{ "[\"x.test/a.jpg\"]",
		    "Value error, Invalid image URL: x.test/a.jpg" },
		{ "[\"/api/v1/media/" "00000000000000000000000000000000"
		    "00000000000000000000000000000000\"]",
		    "Value error, Invalid image URL: /api/v1/media/"
		    "00000000000000000000000000000000"
		    "00000000000000000000000000000000" },
		{ "\"/a.jpg\"", "Input should be a valid list" },
		{ "[7]", "Input should be a valid string" },
	};
	struct tc_fx	 f;
	char		 body[1400], longurl[520];
	size_t		 i;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(body, sizeof body, "{\"booking_id\":%ld,"
		    "\"description\":\"fine\",\"images\":%s}", f.booking,
		    cases[i].images);
		tc_expect_422("POST", "/api/v1/bookings/mechanic/progress",
		    f.mtoken, body, cases[i].msg);
	}
	memset(longurl, 'a', sizeof longurl);
	memcpy(longurl, "https://", 8);
	longurl[501] = '\0';
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"fine\",\"images\":[\"%s\"]}", f.booking, longurl);
	{
		char	msg[600];

		snprintf(msg, sizeof msg, "Value error, Image URL too long: %s",
		    longurl);
		tc_expect_422("POST", "/api/v1/bookings/mechanic/progress",
		    f.mtoken, body, msg);
	}
	tc_sql_is("0", "SELECT count(*) FROM booking_progress WHERE booking_id"
	    " = %ld", f.booking);
	tc_fx_free(&f);
}

static void
images_are_trimmed_deduplicated_and_may_be_uploads(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	char		 body[1024], *media;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	media = make_media();
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"fine\",\"images\":[\" /1.jpg \",\"/1.jpg\",\"\",\"http://x/2\","
	    "\"/3\",\"/4\",\"%s\"]}", f.booking, media);
	assert_int_equal(tc_call("POST", "/api/v1/bookings/mechanic/progress",
	    f.mtoken, body, &r), 200);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "images")), 5);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(r.json,
	    "images"), 4)->valuestring, media);
	tc_resp_free(&r);
	tc_sql_is("/1.jpg", "SELECT images[1] FROM booking_progress WHERE"
	    " booking_id = %ld", f.booking);
	free(media);
	tc_fx_free(&f);
}

static void
two_posts_at_once_leave_one_entry(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	struct tc_opt	 o;
	char		 body[256];
	pid_t		 pid;
	int		 st, ok;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	snprintf(body, sizeof body, "{\"booking_id\":%ld,\"description\":"
	    "\"at once\",\"images\":[\"/a.jpg\"]}", f.booking);
	memset(&o, 0, sizeof o);
	o.token = f.mtoken;
	o.ctype = JSON;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (tc_request("POST", "/api/v1/bookings/mechanic/progress",
		    body, &o, &r) != 0)
			_exit(9);
		_exit(r.status == 200 ? 0 : r.status == 403 ? 1 : 2);
	}
	assert_int_equal(tc_request("POST",
	    "/api/v1/bookings/mechanic/progress", body, &o, &r), 0);
	assert_true(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
	/* one wins; the other finds the assignment already completed */
	ok = (r.status == 200) + (WEXITSTATUS(st) == 0);
	assert_int_equal(ok, 1);
	assert_true(r.status == 200 || (r.status == 403 &&
	    strcmp(tc_detail(&r), "Trying to access other mechanic "
	    "assignments.") == 0));
	assert_true(WEXITSTATUS(st) <= 1);
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT count(*) FROM booking_progress WHERE booking_id"
	    " = %ld", f.booking);
	tc_sql_is("1", "SELECT count(*) FROM booking_events WHERE booking_id ="
	    " %ld AND kind = 'status_changed'", f.booking);
	tc_fx_free(&f);
}

/* ---- validation --------------------------------------------------------- */

static void
validating_a_pickup_entry_scores_two(void **state)
{
	struct tc_fx	f;
	long		id, seq;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	id = post_ok(f.mtoken, f.booking, NULL);
	seq = tc_max_seq();
	validate_expect(id, admin, 200, NULL);
	tc_sql_is("true|ADM000001|true", "SELECT validated || '|' ||"
	    " validated_by || '|' || (validated_at IS NOT NULL) FROM"
	    " booking_progress WHERE id = %ld", id);
	tc_sql_is("2", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_sql_is("3", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_kinds_are(f.booking, seq, "progress_validated");
	tc_sql_is("false", "SELECT payload->'data'->>'automatic' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'progress_validated'", f.booking);
	/* validating again changes nothing */
	validate_expect(id, admin, 400, "Progress already validated.");
	tc_sql_is("2", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_fx_free(&f);
}

static void
validate_failures(void **state)
{
	struct tc_fx	f;
	long		id;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	id = post_ok(f.mtoken, f.booking, NULL);
	validate_expect(id, NULL, 401, NULL);
	validate_expect(id, f.mtoken, 403, "Insufficient permissions.");
	validate_expect(id, f.ctoken, 403, "Insufficient permissions.");
	validate_expect(2000000000, admin, 404, "Progress record not found.");
	tc_sql_is("f", "SELECT validated FROM booking_progress WHERE id = %ld",
	    id);
	tc_fx_free(&f);
}

static void
validating_the_last_service_entry_completes_the_booking(void **state)
{
	struct tc_fx	f;
	long		first, last, seq;

	tc_fx_new(&f, "Progress", 6, "{1,2,3}", 3);
	confirm(f.booking, "{1,3}");	/* difficulties 1 and 3; 2 rejected */
	first = post_ok(f.mtoken, f.booking, ",\"services_completed_ids\":[1]");
	seq = tc_max_seq();
	validate_expect(first, admin, 200, NULL);
	tc_sql_is("6", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_sql_is("1", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_kinds_are(f.booking, seq, "progress_validated");
	f.assignment = tc_new_assignment(f.mech, f.booking, 3, 11);
	last = post_ok(f.mtoken, f.booking, ",\"services_completed_ids\":[3]");
	seq = tc_max_seq();
	validate_expect(last, admin, 200, NULL);
	tc_sql_is("7", "SELECT status_id FROM bookings WHERE id = %ld",
	    f.booking);
	tc_sql_is("4", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_kinds_are(f.booking, seq, "progress_validated,status_changed");
	tc_sql_is("completed", "SELECT payload->'data'->>'to' FROM"
	    " booking_events WHERE booking_id = %ld AND seq > %ld AND kind ="
	    " 'status_changed'", f.booking, seq);
	tc_fx_free(&f);
}

static void
validating_a_drop_entry_scores_two_and_keeps_delivered(void **state)
{
	struct tc_fx	f;
	long		id;

	tc_fx_new(&f, "Progress", 8, "{1}", 2);
	confirm(f.booking, "{1}");
	free(tc_sqlf("UPDATE bookings SET payment_method_id = 1 WHERE id = %ld",
	    f.booking));
	id = post_ok(f.mtoken, f.booking, NULL);
	validate_expect(id, admin, 200, NULL);
	tc_sql_is("9|2", "SELECT b.status_id || '|' || m.score FROM bookings b,"
	    " mechanics m WHERE b.id = %ld AND m.id = '%s'", f.booking, f.mech);
	tc_sql_is("t", "SELECT revcare_drop_validated(%ld)", f.booking);
	tc_fx_free(&f);
}

static void
automatic_validation_validates_new_entries_as_system(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	long		 seq;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	tc_setting_set(admin, "validation_automation", true);
	seq = tc_max_seq();
	assert_int_equal(post(f.mtoken, f.booking, NULL, &r), 200);
	tc_setting_set(admin, "validation_automation", false);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "validated")));
	tc_resp_free(&r);
	tc_sql_is("true|system", "SELECT validated || '|' || validated_by FROM"
	    " booking_progress WHERE booking_id = %ld", f.booking);
	tc_sql_is("2", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_kinds_are(f.booking, seq, "progress_posted,assignment_completed,"
	    "status_changed,progress_validated");
	tc_sql_is("system|true", "SELECT actor || '|' ||"
	    " (payload->'data'->>'automatic') FROM booking_events WHERE"
	    " booking_id = %ld AND kind = 'progress_validated'", f.booking);
	tc_fx_free(&f);
}

static void
without_automatic_validation_entries_wait_for_an_admin(void **state)
{
	struct tc_fx	f;
	long		id;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	id = post_ok(f.mtoken, f.booking, NULL);
	tc_sql_is("false|", "SELECT validated || '|' || coalesce(validated_by,"
	    " '') FROM booking_progress WHERE id = %ld", id);
	tc_sql_is("0", "SELECT score FROM mechanics WHERE id = '%s'", f.mech);
	tc_fx_free(&f);
}

/* Release whatever the automation assigned on booking, so no mechanic
 * stays busy with a test's booking. */
static void
release_all(long booking)
{
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 17, released_at"
	    " = now(), release_reason = 'test cleanup' WHERE booking_id = %ld"
	    " AND status_id = 11", booking));
}

/* The automation answered for type: an assignment or a failure event. */
static void
automation_tried(long booking, long seq, const char *type)
{
	tc_sql_is("1", "SELECT count(*) FROM booking_events WHERE booking_id ="
	    " %ld AND seq > %ld AND kind IN ('assigned', 'auto_assign_failed')"
	    " AND payload->'data'->>'assignment_type' = '%s'", booking, seq,
	    type);
}

static void
validation_triggers_the_next_automatic_assignment(void **state)
{
	struct tc_fx	f, g;
	long		id, seq;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	id = post_ok(f.mtoken, f.booking, NULL);
	tc_fx_new(&g, "Progress", 6, "{1}", 3);
	confirm(g.booking, "{1}");
	tc_setting_set(admin, "assignment_automation", true);
	seq = tc_max_seq();
	validate_expect(id, admin, 200, NULL);
	id = post_ok(g.mtoken, g.booking, ",\"services_completed_ids\":[1]");
	validate_expect(id, admin, 200, NULL);
	tc_setting_set(admin, "assignment_automation", false);
	release_all(f.booking);
	release_all(g.booking);
	automation_tried(f.booking, seq, "analysis");
	automation_tried(g.booking, seq, "drop");
	tc_fx_free(&f);
	tc_fx_free(&g);
}

/* ---- PUT /bookings/admin/progress/{id} --------------------------------- */

static void
edit_changes_texts_and_images_and_writes_an_event(void **state)
{
	struct tc_fx	 f;
	struct tc_resp	 r;
	char		 path[96];
	long		 id, seq;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	id = post_ok(f.mtoken, f.booking, NULL);
	seq = tc_max_seq();
	snprintf(path, sizeof path, "/api/v1/bookings/admin/progress/%ld", id);
	assert_int_equal(tc_call("PUT", path, admin, "{\"description\":\" Car"
	    " collected, minor scratch \",\"images\":[\"/x.jpg\",\"/y.jpg\"]}",
	    &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "description")->valuestring, "Car collected, minor scratch");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "images")), 2);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "validated")));
	tc_resp_free(&r);
	/* an empty body changes nothing */
	assert_int_equal(tc_call("PUT", path, admin, "{}", &r), 200);
	tc_resp_free(&r);
	tc_sql_is("Car collected, minor scratch|{/x.jpg,/y.jpg}", "SELECT"
	    " description || '|' || images::text FROM booking_progress WHERE"
	    " id = %ld", id);
	tc_kinds_are(f.booking, seq, "progress_updated,progress_updated");
	tc_sql_is("pickup", "SELECT payload->'data'->>'status' FROM"
	    " booking_events WHERE booking_id = %ld AND kind ="
	    " 'progress_updated' LIMIT 1", f.booking);
	tc_fx_free(&f);
}

/* Each booked service as id:completed:owner, owner a or b (the entry
 * that completed it). */
static void
owners_are(const char *expect_owners, long booking, long a, long b)
{
	tc_sql_is(expect_owners, "SELECT string_agg(service_id || ':' ||"
	    " completed || ':' || CASE completed_by_progress_id WHEN %ld THEN"
	    " 'a' WHEN %ld THEN 'b' ELSE '' END, ',' ORDER BY service_id) FROM"
	    " booked_services WHERE booking_id = %ld", a, b, booking);
}

static void
edit_of_completed_ids_touches_only_this_entrys_services(void **state)
{
	struct tc_fx	f;
	long		a, b;

	tc_fx_new(&f, "Progress", 6, "{1,2,3}", 3);
	confirm(f.booking, "{1,2,3}");
	a = old_entry(&f, 6, true, "{1}");
	free(tc_sqlf("UPDATE booked_services SET completed = true, completed_at"
	    " = now() - interval '1 day', completed_by_progress_id = %ld WHERE"
	    " booking_id = %ld AND service_id = 1", a, f.booking));
	b = post_ok(f.mtoken, f.booking, ",\"services_completed_ids\":[2]");
	edit_expect(b, admin, "{\"completed_service_ids\":[3]}", 200, NULL);
	owners_are("1:true:a,2:false:,3:true:b", f.booking, a, b);
	tc_sql_is("t", "SELECT completed_at < now() - interval '1 hour' FROM"
	    " booked_services WHERE booking_id = %ld AND service_id = 1",
	    f.booking);
	tc_sql_is(NULL, "SELECT completed_at FROM booked_services WHERE"
	    " booking_id = %ld AND service_id = 2", f.booking);
	/* another entry's service is not this entry's to take */
	edit_expect(b, admin, "{\"completed_service_ids\":[1]}", 400,
	    "Service 1 is not a confirmed pending service of this booking.");
	/* keeping its own and adding a pending one */
	edit_expect(b, admin, "{\"completed_service_ids\":[3,2]}", 200, NULL);
	owners_are("1:true:a,2:true:b,3:true:b", f.booking, a, b);
	tc_sql_is("{3,2}", "SELECT completed_service_ids FROM booking_progress"
	    " WHERE id = %ld", b);
	tc_sql_is("[3, 2]", "SELECT payload->'data'->>'completed_service_ids'"
	    " FROM booking_events WHERE booking_id = %ld AND kind ="
	    " 'progress_updated' ORDER BY seq DESC LIMIT 1", f.booking);
	/* and dropping all of them */
	edit_expect(b, admin, "{\"completed_service_ids\":[]}", 200, NULL);
	tc_sql_is("1", "SELECT count(*) FROM booked_services WHERE booking_id ="
	    " %ld AND completed", f.booking);
	tc_fx_free(&f);
}

static void
edit_failures(void **state)
{
	struct tc_fx	f;
	long		id;

	tc_fx_new(&f, "Progress", 2, "{1}", 1);
	id = post_ok(f.mtoken, f.booking, NULL);
	edit_expect(id, NULL, "{}", 401, NULL);
	edit_expect(id, f.mtoken, "{}", 403, "Insufficient permissions.");
	edit_expect(2000000000, admin, "{}", 404, "Progress record not found");
	edit_expect(id, admin, "{\"completed_service_ids\":[1]}", 400,
	    "Service 1 is not a confirmed pending service of this booking.");
	edit_expect(id, admin, "{\"images\":[]}", 422, NULL);
	edit_expect(id, admin, "{\"description\":\"x\"}", 422, NULL);
	validate_expect(id, admin, 200, NULL);
	edit_expect(id, admin, "{\"description\":\"later\"}", 400,
	    "Progress already validated.");
	tc_sql_is("Work done on the car", "SELECT description FROM"
	    " booking_progress WHERE id = %ld", id);
	tc_fx_free(&f);
}

/* ---- GET /bookings/{id}/progress --------------------------------------- */

static void
list_is_ascending_and_customers_see_validated_only(void **state)
{
	struct tc_fx	 f, g;
	struct tc_resp	 r;
	char		 path[96], *total;
	cJSON		*e;
	long		 first, second;

	tc_fx_new(&f, "Progress", 6, "{1,2}", 3);
	confirm(f.booking, "{1,2}");
	first = post_ok(f.mtoken, f.booking, ",\"services_completed_ids\":[1]");
	validate_expect(first, admin, 200, NULL);
	f.assignment = tc_new_assignment(f.mech, f.booking, 3, 11);
	second = post_ok(f.mtoken, f.booking, NULL);
	snprintf(path, sizeof path, "/api/v1/bookings/%ld/progress", f.booking);
	assert_int_equal(tc_call("GET", path, admin, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	e = cJSON_GetArrayItem(r.json, 0);
	assert_int_equal(cJSON_GetObjectItem(e, "id")->valuedouble, first);
	assert_string_equal(cJSON_GetObjectItem(e, "status")->valuestring,
	    "in-progress");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(e,
	    "mechanic"), "id")->valuestring, f.mech);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(e, "validated")));
	assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(e,
	    "completed_service_ids"), 0)->valuedouble, 1);
	assert_true(cJSON_IsString(cJSON_GetObjectItem(e, "validated_at")));
	e = cJSON_GetArrayItem(r.json, 1);
	assert_int_equal(cJSON_GetObjectItem(e, "id")->valuedouble, second);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(e, "validated_at")));
	total = tc_header(&r, "x-total-count");
	assert_string_equal(total, "2");
	free(total);
	total = tc_header(&r, "x-event-seq");
	assert_true(total != NULL && atol(total) > 0);
	free(total);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", path, f.ctoken, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", path, f.mtoken, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	tc_resp_free(&r);
	tc_fx_new(&g, "Progress", 2, "{1}", 1);
	tc_expect("GET", path, g.ctoken, NULL, 403, "Operation not permitted. "
	    "Trying to access data of other customers.");
	tc_expect("GET", path, g.mtoken, NULL, 403,
	    "Trying to access other mechanic assignments.");
	tc_expect("GET", path, NULL, NULL, 401, NULL);
	tc_expect("GET", "/api/v1/bookings/2000000000/progress", admin, NULL,
	    404, "Booking not found.");
	tc_fx_free(&f);
	tc_fx_free(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pickup_progress_moves_the_booking_to_received),
		cmocka_unit_test(progress_without_a_token_is_401),
		cmocka_unit_test(progress_by_a_customer_is_403),
		cmocka_unit_test(progress_by_an_admin_is_403),
		cmocka_unit_test(progress_on_a_missing_booking_is_404),
		cmocka_unit_test(progress_by_another_mechanic_is_403),
		cmocka_unit_test(second_progress_before_validation_is_400),
		cmocka_unit_test(assignment_type_must_fit_the_status),
		cmocka_unit_test(
		    completed_ids_must_be_confirmed_pending_services),
		cmocka_unit_test(completed_ids_outside_in_progress_are_400),
		cmocka_unit_test(
		    service_progress_completes_only_the_listed_services),
		cmocka_unit_test(drop_to_an_offline_payer_needs_the_cash_first),
		cmocka_unit_test(drop_to_an_online_payer_needs_no_cash),
		cmocka_unit_test(return_drop_with_a_fee_needs_the_cash_first),
		cmocka_unit_test(description_must_have_three_characters),
		cmocka_unit_test(image_rules_are_422_value_errors),
		cmocka_unit_test(
		    images_are_trimmed_deduplicated_and_may_be_uploads),
		cmocka_unit_test(two_posts_at_once_leave_one_entry),
		cmocka_unit_test(validating_a_pickup_entry_scores_two),
		cmocka_unit_test(validate_failures),
		cmocka_unit_test(
		    validating_the_last_service_entry_completes_the_booking),
		cmocka_unit_test(
		    validating_a_drop_entry_scores_two_and_keeps_delivered),
		cmocka_unit_test(
		    automatic_validation_validates_new_entries_as_system),
		cmocka_unit_test(
		    without_automatic_validation_entries_wait_for_an_admin),
		cmocka_unit_test(
		    validation_triggers_the_next_automatic_assignment),
		cmocka_unit_test(
		    edit_changes_texts_and_images_and_writes_an_event),
		cmocka_unit_test(
		    edit_of_completed_ids_touches_only_this_entrys_services),
		cmocka_unit_test(edit_failures),
		cmocka_unit_test(
		    list_is_ascending_and_customers_see_validated_only),
	};

	tc_base();
	return cmocka_run_group_tests_name("progress", tests, group_setup,
	    group_teardown);
}
