/* Service reviews against the real server: proof of a received service,
 * one review per customer and service, edits of one's own, deletion by
 * the author or an admin, and public lists that never show phone or
 * e-mail. Every test makes its own customers and bookings. */
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

#define PROOF	"You can review only services you have received."

static char	*admin, *mechanic;

static int
setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	mechanic = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	return admin != NULL && mechanic != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	free(admin);
	free(mechanic);
	return 0;
}

/* A booking of c in status bstatus with one line for service: its
 * status_id and completed flag as given. Returns the booking id. */
static long
booking(const struct tc_customer *c, int bstatus, long service,
    int line_status, bool completed)
{
	struct tc_booking	b = { .customer = c->id, .car = c->car,
	    .pickup = c->addr, .status = bstatus };
	long			id = tc_new_booking(&b);

	free(tc_sqlf("INSERT INTO booked_services (booking_id, service_id,"
	    " status_id, est_price, completed) VALUES (%ld, %ld, %d, 100, %s)",
	    id, service, line_status, completed ? "true" : "false"));
	return id;
}

static long
post_review(const struct tc_customer *c, long service, const char *extra,
    struct tc_resp *r)
{
	char	body[1024];

	snprintf(body, sizeof body, "{\"service_id\":%ld,\"rating\":4%s%s}",
	    service, extra != NULL ? "," : "", extra != NULL ? extra : "");
	return tc_call("POST", "/api/v1/services/review", c->token, body, r);
}

/* Fails if a review answer carries anything about the customer but the
 * name. */
static void
assert_review_shape(const cJSON *o)
{
	const cJSON	*cu = tc_jget(o, "customer");

	assert_true(cJSON_IsString(tc_jget(cu, "name")));
	assert_int_equal(cJSON_GetArraySize(cu), 1);
	assert_null(cJSON_GetObjectItem(o, "phone"));
	assert_null(cJSON_GetObjectItem(o, "email"));
	assert_null(cJSON_GetObjectItem(o, "customer_id"));
	assert_true(cJSON_IsNumber(tc_jget(o, "rating")));
	assert_true(cJSON_IsArray(tc_jget(o, "images")));
	assert_true(cJSON_IsNumber(tc_jget(o, "service_id")));
	assert_non_null(strstr(tc_jget(o, "created_at")->valuestring, "Z"));
}

static void
review_without_a_received_service_is_403(void **state)
{
	struct tc_resp	r;
	struct tc_customer c;

	tc_customer_new(&c, "Reviewer Kumar", 1);
	assert_int_equal(post_review(&c, 11, NULL, &r), 403);
	assert_string_equal(tc_detail(&r), PROOF);
	tc_resp_free(&r);
	/* booked but not confirmed; confirmed but not completed; completed
	 * but the booking is not delivered yet */
	booking(&c, 9, 11, 1, false);
	assert_int_equal(post_review(&c, 11, NULL, &r), 403);
	tc_resp_free(&r);
	booking(&c, 9, 12, 12, false);
	assert_int_equal(post_review(&c, 12, NULL, &r), 403);
	tc_resp_free(&r);
	booking(&c, 8, 13, 12, true);
	assert_int_equal(post_review(&c, 13, NULL, &r), 403);
	assert_string_equal(tc_detail(&r), PROOF);
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_reviews"
	    " WHERE customer_id = '%s'", c.id), 0);
	tc_customer_free(&c);
}

static void
review_of_a_delivered_completed_service_is_stored(void **state)
{
	struct tc_resp	r;
	struct tc_customer c;
	char		phone[16];

	tc_customer_new(&c, "Reviewer Kumar", 1);
	snprintf(phone, sizeof phone, "%ld", c.phone);
	booking(&c, 9, 14, 12, true);
	assert_int_equal(post_review(&c, 14, "\"review\":\"  Smooth clutch now "
	    " \",\"images\":[\"https://x.test/a.jpg\","
	    "\" https://x.test/a.jpg\",\"\"]", &r), 200);
	assert_review_shape(r.json);
	assert_string_equal(tc_jget(r.json, "review")->valuestring,
	    "Smooth clutch now");
	assert_int_equal(cJSON_GetArraySize(tc_jget(r.json, "images")), 1);
	assert_int_equal(tc_jget(r.json, "service_id")->valuedouble, 14);
	assert_non_null(strstr(tc_jget(tc_jget(r.json, "customer"),
	    "name")->valuestring, "Reviewer"));
	assert_null(strstr(r.body, phone));
	assert_null(strstr(r.body, "@example.test"));
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT rating FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 14", c.id), 4);
	/* a blank review reads as none */
	booking(&c, 9, 15, 12, true);
	assert_int_equal(post_review(&c, 15, "\"review\":\"   \"", &r), 200);
	assert_true(cJSON_IsNull(tc_jget(r.json, "review")));
	tc_resp_free(&r);
	tc_customer_free(&c);
}

static void
second_review_of_the_same_service_is_400(void **state)
{
	struct tc_resp	r;
	struct tc_customer c;

	tc_customer_new(&c, "Reviewer Kumar", 1);
	booking(&c, 9, 16, 12, true);
	assert_int_equal(post_review(&c, 16, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 16, "\"review\":\"Again and again\"",
	    &r), 400);
	assert_string_equal(tc_detail(&r),
	    "You have already reviewed this service.");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_reviews"
	    " WHERE customer_id = '%s'", c.id), 1);
	tc_customer_free(&c);
}

static void
review_by_non_customers_or_of_unknown_service_fails(void **state)
{
	struct tc_resp	r;
	struct tc_customer c;

	assert_int_equal(tc_call("POST", "/api/v1/services/review", admin,
	    "{\"service_id\":1,\"rating\":5}", &r), 403);
	assert_string_equal(tc_detail(&r),
	    "Operation not permitted. Only Customers can add reviews");
	tc_resp_free(&r);
	assert_int_equal(tc_call("POST", "/api/v1/services/review", mechanic,
	    "{\"service_id\":1,\"rating\":5}", &r), 403);
	tc_resp_free(&r);
	assert_int_equal(tc_call("POST", "/api/v1/services/review", NULL,
	    "{\"service_id\":1,\"rating\":5}", &r), 401);
	tc_resp_free(&r);
	tc_customer_new(&c, "Reviewer Kumar", 1);
	assert_int_equal(post_review(&c, 999999, NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
	tc_customer_free(&c);
}

static void
review_body_rules_are_422(void **state)
{
	struct tc_resp	 r;
	struct tc_customer c;
	const cJSON	*d;

	tc_customer_new(&c, "Reviewer Kumar", 1);
	assert_int_equal(tc_call("POST", "/api/v1/services/review", c.token,
	    "{\"rating\":6,\"review\":\"bad\"}", &r), 422);
	d = tc_jget(r.json, "detail");
	assert_int_equal(cJSON_GetArraySize(d), 3);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(d, 0),
	    "type")->valuestring, "missing");
	assert_string_equal(tc_jget(cJSON_GetArrayItem(d, 1),
	    "type")->valuestring, "less_than_equal");
	assert_string_equal(tc_jget(cJSON_GetArrayItem(d, 2),
	    "type")->valuestring, "string_too_short");
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 1, "\"images\":[\"ftp://x/a.jpg\"]",
	    &r), 422);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(tc_jget(r.json,
	    "detail"), 0), "msg")->valuestring, "Value error, Invalid image"
	    " URL: ftp://x/a.jpg");
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 1, "\"images\":[\"/1\",\"/2\",\"/3\","
	    "\"/4\",\"/5\",\"/6\"]", &r), 422);
	assert_string_equal(tc_jget(cJSON_GetArrayItem(tc_jget(r.json,
	    "detail"), 0), "msg")->valuestring, "Value error, Maximum 5 images"
	    " allowed");
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 1, "\"images\":[\"/api/v1/media/"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "\"]", &r), 422);
	tc_resp_free(&r);
	tc_customer_free(&c);
}

static void
review_may_show_an_uploaded_image(void **state)
{
	struct tc_resp	 r;
	struct tc_customer c;
	char		 extra[256], id[65];
	long		 u = tc_unique_phone();

	snprintf(id, sizeof id, "%064lx", (unsigned long)u);
	tc_sql_long("INSERT INTO media (id, content_type, size_bytes, data,"
	    " uploaded_by) VALUES ('%s', 'image/png', 8,"
	    " '\\x89504e470d0a1a0a', 'ADM000001') RETURNING 1", id);
	tc_customer_new(&c, "Reviewer Kumar", 1);
	booking(&c, 9, 17, 12, true);
	snprintf(extra, sizeof extra, "\"images\":[\"/api/v1/media/%s\"]", id);
	assert_int_equal(post_review(&c, 17, extra, &r), 200);
	assert_int_equal(cJSON_GetArraySize(tc_jget(r.json, "images")), 1);
	tc_resp_free(&r);
	tc_customer_free(&c);
}

static void
review_list_is_newest_first_and_hides_deleted_customers(void **state)
{
	struct tc_resp	 r;
	struct tc_customer a, b;
	const cJSON	*it;
	char		*total, text[64], path[128], phone[16];

	tc_customer_new(&a, "Reviewer Kumar", 1);
	snprintf(phone, sizeof phone, "%ld", a.phone);
	tc_customer_new(&b, "Reviewer Kumar", 1);
	booking(&a, 9, 18, 12, true);
	booking(&b, 9, 18, 12, true);
	assert_int_equal(post_review(&a, 18, NULL, &r), 200);
	tc_resp_free(&r);
	snprintf(text, sizeof text, "\"review\":\"Second opinion x%ld\"",
	    tc_unique_phone());
	assert_int_equal(post_review(&b, 18, text, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/review/18", NULL,
	    NULL, &r), 200);
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 2);
	free(total);
	it = cJSON_GetArrayItem(r.json, 0);
	assert_non_null(strstr(text, tc_jget(it, "review")->valuestring));
	cJSON_ArrayForEach(it, r.json)
		assert_review_shape(it);
	assert_null(strstr(r.body, phone));
	assert_null(strstr(r.body, "@example.test"));
	tc_resp_free(&r);
	/* the reviews of a deleted customer vanish */
	snprintf(path, sizeof path, "/api/v1/services/review/18?q=%s",
	    strchr(text, 'x'));
	*strchr(path, '"') = '\0';
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	tc_sql_long("UPDATE customers SET deleted_at = now() WHERE id = '%s'",
	    b.id);
	assert_int_equal(tc_call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/review/999999",
	    NULL, NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
	tc_customer_free(&a);
	tc_customer_free(&b);
}

static void
rating_shows_in_the_service_response(void **state)
{
	struct tc_resp	 r;
	struct tc_customer c;
	long		 cnt;

	tc_customer_new(&c, "Reviewer Kumar", 1);
	booking(&c, 9, 19, 12, true);
	cnt = tc_sql_long("SELECT count(*) FROM service_reviews v JOIN"
	    " customers cu ON cu.id = v.customer_id AND cu.deleted_at IS NULL"
	    " WHERE v.service_id = 19");
	assert_int_equal(post_review(&c, 19, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/services/19", NULL, NULL, &r),
	    200);
	assert_true(tc_jget(r.json, "rating_count")->valuedouble >= cnt + 1);
	assert_true(cJSON_IsNumber(tc_jget(r.json, "rating_avg")));
	tc_resp_free(&r);
	tc_customer_free(&c);
}

static void
review_update_changes_only_ones_own(void **state)
{
	struct tc_resp	r;
	struct tc_customer c, other;

	tc_customer_new(&c, "Reviewer Kumar", 1);
	tc_customer_new(&other, "Reviewer Kumar", 1);
	booking(&c, 9, 20, 12, true);
	assert_int_equal(post_review(&c, 20, "\"review\":\"Straight again\"",
	    &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/services/review/20", c.token,
	    "{\"rating\":2}", &r), 200);
	assert_int_equal(tc_jget(r.json, "rating")->valuedouble, 2);
	assert_string_equal(tc_jget(r.json, "review")->valuestring,
	    "Straight again");
	assert_review_shape(r.json);
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT rating FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 20", c.id), 2);
	assert_int_equal(tc_call("PUT", "/api/v1/services/review/20", c.token,
	    "{\"review\":\"   \"}", &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/services/review/20",
	    other.token, "{\"rating\":5}", &r), 404);
	assert_string_equal(tc_detail(&r), "ServiceReview not found.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/services/review/20", admin,
	    "{\"rating\":5}", &r), 403);
	assert_string_equal(tc_detail(&r),
	    "Operation not permitted. Only Customers can update reviews");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT rating FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 20", c.id), 2);
	tc_customer_free(&c);
	tc_customer_free(&other);
}

static void
review_delete_by_author_or_admin(void **state)
{
	struct tc_resp	r;
	struct tc_customer c, other;
	char		path[128];

	tc_customer_new(&c, "Reviewer Kumar", 1);
	tc_customer_new(&other, "Reviewer Kumar", 1);
	booking(&c, 9, 21, 12, true);
	booking(&c, 9, 22, 12, true);
	assert_int_equal(post_review(&c, 21, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 22, NULL, &r), 200);
	tc_resp_free(&r);
	/* another customer: no review of theirs, nor may they name c */
	assert_int_equal(tc_call("DELETE", "/api/v1/services/review/21",
	    other.token, NULL, &r), 404);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/review/21?customer_id=%s",
	    c.id);
	assert_int_equal(tc_call("DELETE", path, other.token, NULL, &r), 403);
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", "/api/v1/services/review/21",
	    c.token, NULL, &r), 200);
	assert_string_equal(tc_detail(&r),
	    "ServiceReview deleted successfully.");
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_reviews"
	    " WHERE customer_id = '%s' AND service_id = 21", c.id), 0);
	assert_int_equal(tc_call("DELETE", "/api/v1/services/review/21",
	    c.token, NULL, &r), 404);
	tc_resp_free(&r);
	/* moderation */
	assert_int_equal(tc_call("DELETE", "/api/v1/services/review/22",
	    admin, NULL, &r), 422);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/review/22?customer_id=%s",
	    c.id);
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM service_reviews"
	    " WHERE customer_id = '%s'", c.id), 0);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM audit_log WHERE"
	    " entity = 'service_reviews' AND entity_id = '22:%s'", c.id), 1);
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 404);
	tc_resp_free(&r);
	assert_int_equal(tc_call("DELETE", "/api/v1/services/review/22",
	    mechanic, NULL, &r), 403);
	tc_resp_free(&r);
	tc_customer_free(&c);
	tc_customer_free(&other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(review_without_a_received_service_is_403),
		cmocka_unit_test(
		    review_of_a_delivered_completed_service_is_stored),
		cmocka_unit_test(second_review_of_the_same_service_is_400),
		cmocka_unit_test(
		    review_by_non_customers_or_of_unknown_service_fails),
		cmocka_unit_test(review_body_rules_are_422),
		cmocka_unit_test(review_may_show_an_uploaded_image),
		cmocka_unit_test(
		    review_list_is_newest_first_and_hides_deleted_customers),
		cmocka_unit_test(rating_shows_in_the_service_response),
		cmocka_unit_test(review_update_changes_only_ones_own),
		cmocka_unit_test(review_delete_by_author_or_admin),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
