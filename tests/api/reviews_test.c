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

#include "tclient.h"

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

static long
call(const char *method, const char *path, const char *body,
    const char *token, struct tc_resp *r)
{
	struct tc_opt	o = { .token = token };

	if (body != NULL)
		o.ctype = "application/json";
	assert_int_equal(tc_request(method, path, body, &o, r), 0);
	return r->status;
}

static const cJSON *
get(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	assert_non_null(v);
	return v;
}

static long
sqln(const char *fmt, ...)
{
	char	 sql[2048], *v;
	long	 n;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	v = tc_sql(sql);
	n = v != NULL ? atol(v) : -1;
	free(v);
	return n;
}

/* A fresh customer: id, phone, token, car and address. */
struct cust {
	char	*id;
	char	 phone[16];
	char	*token;
	long	 car, addr;
};

static void
cust_new(struct cust *c)
{
	char	 sql[1024];
	long	 ph = tc_unique_phone();

	snprintf(c->phone, sizeof c->phone, "%ld", ph);
	snprintf(sql, sizeof sql, "WITH u AS (INSERT INTO users (id, role_id,"
	    " phone, password) SELECT revcare_next_user_id('CST',"
	    " 'customer_seq'), 3, %ld, password FROM users WHERE id ="
	    " 'CST000001' RETURNING id) INSERT INTO customers (id, name, email)"
	    " SELECT id, 'Reviewer Kumar', 'rev%ld@example.test' FROM u"
	    " RETURNING id", ph, ph);
	c->id = tc_sql(sql);
	assert_non_null(c->id);
	c->car = sqln("INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) VALUES ('RV%ld', 'RV%ld', 1, '%s')"
	    " RETURNING id", ph, ph, c->id);
	c->addr = sqln("INSERT INTO addresses (customer_id, line1, area_id)"
	    " VALUES ('%s', '1 Review Road', 1) RETURNING id", c->id);
	c->token = tc_login(c->phone, TC_PASSWORD, NULL);
	assert_non_null(c->token);
}

static void
cust_free(struct cust *c)
{
	free(c->id);
	free(c->token);
}

/* A booking of c in status bstatus with one line for service: its
 * status_id and completed flag as given. Returns the booking id. */
static long
booking(const struct cust *c, int bstatus, long service, int line_status,
    bool completed)
{
	return sqln("WITH b AS (INSERT INTO bookings (customer_id,"
	    " customer_car_id, car_reg_number, status_id, pickup_address_id,"
	    " pickup_date, pickup_timeslot_id, drop_address_id, drop_date,"
	    " drop_timeslot_id, promised_at, created_by) VALUES ('%s', %ld,"
	    " 'RV', %d, %ld, current_date, 1, %ld, current_date + 1, 2, now(),"
	    " '%s') RETURNING id) INSERT INTO booked_services (booking_id,"
	    " service_id, status_id, est_price, completed) SELECT b.id, %ld,"
	    " %d, 100, %s FROM b RETURNING booking_id", c->id, c->car, bstatus,
	    c->addr, c->addr, c->id, service, line_status,
	    completed ? "true" : "false");
}

static long
post_review(const struct cust *c, long service, const char *extra,
    struct tc_resp *r)
{
	char	body[1024];

	snprintf(body, sizeof body, "{\"service_id\":%ld,\"rating\":4%s%s}",
	    service, extra != NULL ? "," : "", extra != NULL ? extra : "");
	return call("POST", "/api/v1/services/review", body, c->token, r);
}

/* Fails if a review answer carries anything about the customer but the
 * name. */
static void
assert_review_shape(const cJSON *o)
{
	const cJSON	*cu = get(o, "customer");

	assert_true(cJSON_IsString(get(cu, "name")));
	assert_int_equal(cJSON_GetArraySize(cu), 1);
	assert_null(cJSON_GetObjectItem(o, "phone"));
	assert_null(cJSON_GetObjectItem(o, "email"));
	assert_null(cJSON_GetObjectItem(o, "customer_id"));
	assert_true(cJSON_IsNumber(get(o, "rating")));
	assert_true(cJSON_IsArray(get(o, "images")));
	assert_true(cJSON_IsNumber(get(o, "service_id")));
	assert_non_null(strstr(get(o, "created_at")->valuestring, "Z"));
}

static void
review_without_a_received_service_is_403(void **state)
{
	struct tc_resp	r;
	struct cust	c;

	cust_new(&c);
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
	assert_int_equal(sqln("SELECT count(*) FROM service_reviews WHERE"
	    " customer_id = '%s'", c.id), 0);
	cust_free(&c);
}

static void
review_of_a_delivered_completed_service_is_stored(void **state)
{
	struct tc_resp	r;
	struct cust	c;

	cust_new(&c);
	booking(&c, 9, 14, 12, true);
	assert_int_equal(post_review(&c, 14, "\"review\":\"  Smooth clutch now "
	    " \",\"images\":[\"https://x.test/a.jpg\","
	    "\" https://x.test/a.jpg\",\"\"]", &r), 200);
	assert_review_shape(r.json);
	assert_string_equal(get(r.json, "review")->valuestring,
	    "Smooth clutch now");
	assert_int_equal(cJSON_GetArraySize(get(r.json, "images")), 1);
	assert_int_equal(get(r.json, "service_id")->valuedouble, 14);
	assert_non_null(strstr(get(get(r.json, "customer"),
	    "name")->valuestring, "Reviewer"));
	assert_null(strstr(r.body, c.phone));
	assert_null(strstr(r.body, "@example.test"));
	tc_resp_free(&r);
	assert_int_equal(sqln("SELECT rating FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 14", c.id), 4);
	/* a blank review reads as none */
	booking(&c, 9, 15, 12, true);
	assert_int_equal(post_review(&c, 15, "\"review\":\"   \"", &r), 200);
	assert_true(cJSON_IsNull(get(r.json, "review")));
	tc_resp_free(&r);
	cust_free(&c);
}

static void
second_review_of_the_same_service_is_400(void **state)
{
	struct tc_resp	r;
	struct cust	c;

	cust_new(&c);
	booking(&c, 9, 16, 12, true);
	assert_int_equal(post_review(&c, 16, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 16, "\"review\":\"Again and again\"",
	    &r), 400);
	assert_string_equal(tc_detail(&r),
	    "You have already reviewed this service.");
	tc_resp_free(&r);
	assert_int_equal(sqln("SELECT count(*) FROM service_reviews WHERE"
	    " customer_id = '%s'", c.id), 1);
	cust_free(&c);
}

static void
review_by_non_customers_or_of_unknown_service_fails(void **state)
{
	struct tc_resp	r;
	struct cust	c;

	assert_int_equal(call("POST", "/api/v1/services/review",
	    "{\"service_id\":1,\"rating\":5}", admin, &r), 403);
	assert_string_equal(tc_detail(&r),
	    "Operation not permitted. Only Customers can add reviews");
	tc_resp_free(&r);
	assert_int_equal(call("POST", "/api/v1/services/review",
	    "{\"service_id\":1,\"rating\":5}", mechanic, &r), 403);
	tc_resp_free(&r);
	assert_int_equal(call("POST", "/api/v1/services/review",
	    "{\"service_id\":1,\"rating\":5}", NULL, &r), 401);
	tc_resp_free(&r);
	cust_new(&c);
	assert_int_equal(post_review(&c, 999999, NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
	cust_free(&c);
}

static void
review_body_rules_are_422(void **state)
{
	struct tc_resp	 r;
	struct cust	 c;
	const cJSON	*d;

	cust_new(&c);
	assert_int_equal(call("POST", "/api/v1/services/review",
	    "{\"rating\":6,\"review\":\"bad\"}", c.token, &r), 422);
	d = get(r.json, "detail");
	assert_int_equal(cJSON_GetArraySize(d), 3);
	assert_string_equal(get(cJSON_GetArrayItem(d, 0), "type")->valuestring,
	    "missing");
	assert_string_equal(get(cJSON_GetArrayItem(d, 1), "type")->valuestring,
	    "less_than_equal");
	assert_string_equal(get(cJSON_GetArrayItem(d, 2), "type")->valuestring,
	    "string_too_short");
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 1, "\"images\":[\"ftp://x/a.jpg\"]",
	    &r), 422);
	assert_string_equal(get(cJSON_GetArrayItem(get(r.json, "detail"), 0),
	    "msg")->valuestring,
	    "Value error, Invalid image URL: ftp://x/a.jpg");
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 1, "\"images\":[\"/1\",\"/2\",\"/3\","
	    "\"/4\",\"/5\",\"/6\"]", &r), 422);
	assert_string_equal(get(cJSON_GetArrayItem(get(r.json, "detail"), 0),
	    "msg")->valuestring, "Value error, Maximum 5 images allowed");
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 1, "\"images\":[\"/api/v1/media/"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "\"]", &r), 422);
	tc_resp_free(&r);
	cust_free(&c);
}

static void
review_may_show_an_uploaded_image(void **state)
{
	struct tc_resp	 r;
	struct cust	 c;
	char		 extra[256], id[65];
	long		 u = tc_unique_phone();

	snprintf(id, sizeof id, "%064lx", (unsigned long)u);
	sqln("INSERT INTO media (id, content_type, size_bytes, data,"
	    " uploaded_by) VALUES ('%s', 'image/png', 8,"
	    " '\\x89504e470d0a1a0a', 'ADM000001') RETURNING 1", id);
	cust_new(&c);
	booking(&c, 9, 17, 12, true);
	snprintf(extra, sizeof extra, "\"images\":[\"/api/v1/media/%s\"]", id);
	assert_int_equal(post_review(&c, 17, extra, &r), 200);
	assert_int_equal(cJSON_GetArraySize(get(r.json, "images")), 1);
	tc_resp_free(&r);
	cust_free(&c);
}

static void
review_list_is_newest_first_and_hides_deleted_customers(void **state)
{
	struct tc_resp	 r;
	struct cust	 a, b;
	const cJSON	*it;
	char		*total, text[64], path[128];

	cust_new(&a);
	cust_new(&b);
	booking(&a, 9, 18, 12, true);
	booking(&b, 9, 18, 12, true);
	assert_int_equal(post_review(&a, 18, NULL, &r), 200);
	tc_resp_free(&r);
	snprintf(text, sizeof text, "\"review\":\"Second opinion x%ld\"",
	    tc_unique_phone());
	assert_int_equal(post_review(&b, 18, text, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/services/review/18", NULL, NULL,
	    &r), 200);
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 2);
	free(total);
	it = cJSON_GetArrayItem(r.json, 0);
	assert_non_null(strstr(text, get(it, "review")->valuestring));
	cJSON_ArrayForEach(it, r.json)
		assert_review_shape(it);
	assert_null(strstr(r.body, a.phone));
	assert_null(strstr(r.body, "@example.test"));
	tc_resp_free(&r);
	/* the reviews of a deleted customer vanish */
	snprintf(path, sizeof path, "/api/v1/services/review/18?q=%s",
	    strchr(text, 'x'));
	*strchr(path, '"') = '\0';
	assert_int_equal(call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	sqln("UPDATE customers SET deleted_at = now() WHERE id = '%s'", b.id);
	assert_int_equal(call("GET", path, NULL, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/services/review/999999", NULL,
	    NULL, &r), 404);
	assert_string_equal(tc_detail(&r), "Service not found.");
	tc_resp_free(&r);
	cust_free(&a);
	cust_free(&b);
}

static void
rating_shows_in_the_service_response(void **state)
{
	struct tc_resp	 r;
	struct cust	 c;
	long		 cnt;

	cust_new(&c);
	booking(&c, 9, 19, 12, true);
	cnt = sqln("SELECT count(*) FROM service_reviews v JOIN customers cu"
	    " ON cu.id = v.customer_id AND cu.deleted_at IS NULL WHERE"
	    " v.service_id = 19");
	assert_int_equal(post_review(&c, 19, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(call("GET", "/api/v1/services/19", NULL, NULL, &r),
	    200);
	assert_true(get(r.json, "rating_count")->valuedouble >= cnt + 1);
	assert_true(cJSON_IsNumber(get(r.json, "rating_avg")));
	tc_resp_free(&r);
	cust_free(&c);
}

static void
review_update_changes_only_ones_own(void **state)
{
	struct tc_resp	r;
	struct cust	c, other;

	cust_new(&c);
	cust_new(&other);
	booking(&c, 9, 20, 12, true);
	assert_int_equal(post_review(&c, 20, "\"review\":\"Straight again\"",
	    &r), 200);
	tc_resp_free(&r);
	assert_int_equal(call("PUT", "/api/v1/services/review/20",
	    "{\"rating\":2}", c.token, &r), 200);
	assert_int_equal(get(r.json, "rating")->valuedouble, 2);
	assert_string_equal(get(r.json, "review")->valuestring,
	    "Straight again");
	assert_review_shape(r.json);
	tc_resp_free(&r);
	assert_int_equal(sqln("SELECT rating FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 20", c.id), 2);
	assert_int_equal(call("PUT", "/api/v1/services/review/20",
	    "{\"review\":\"   \"}", c.token, &r), 422);
	tc_resp_free(&r);
	assert_int_equal(call("PUT", "/api/v1/services/review/20",
	    "{\"rating\":5}", other.token, &r), 404);
	assert_string_equal(tc_detail(&r), "ServiceReview not found.");
	tc_resp_free(&r);
	assert_int_equal(call("PUT", "/api/v1/services/review/20",
	    "{\"rating\":5}", admin, &r), 403);
	assert_string_equal(tc_detail(&r),
	    "Operation not permitted. Only Customers can update reviews");
	tc_resp_free(&r);
	assert_int_equal(sqln("SELECT rating FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 20", c.id), 2);
	cust_free(&c);
	cust_free(&other);
}

static void
review_delete_by_author_or_admin(void **state)
{
	struct tc_resp	r;
	struct cust	c, other;
	char		path[128];

	cust_new(&c);
	cust_new(&other);
	booking(&c, 9, 21, 12, true);
	booking(&c, 9, 22, 12, true);
	assert_int_equal(post_review(&c, 21, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(post_review(&c, 22, NULL, &r), 200);
	tc_resp_free(&r);
	/* another customer: no review of theirs, nor may they name c */
	assert_int_equal(call("DELETE", "/api/v1/services/review/21", NULL,
	    other.token, &r), 404);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/review/21?customer_id=%s",
	    c.id);
	assert_int_equal(call("DELETE", path, NULL, other.token, &r), 403);
	tc_resp_free(&r);
	assert_int_equal(call("DELETE", "/api/v1/services/review/21", NULL,
	    c.token, &r), 200);
	assert_string_equal(tc_detail(&r),
	    "ServiceReview deleted successfully.");
	tc_resp_free(&r);
	assert_int_equal(sqln("SELECT count(*) FROM service_reviews WHERE"
	    " customer_id = '%s' AND service_id = 21", c.id), 0);
	assert_int_equal(call("DELETE", "/api/v1/services/review/21", NULL,
	    c.token, &r), 404);
	tc_resp_free(&r);
	/* moderation */
	assert_int_equal(call("DELETE", "/api/v1/services/review/22", NULL,
	    admin, &r), 422);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/services/review/22?customer_id=%s",
	    c.id);
	assert_int_equal(call("DELETE", path, NULL, admin, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(sqln("SELECT count(*) FROM service_reviews WHERE"
	    " customer_id = '%s'", c.id), 0);
	assert_int_equal(sqln("SELECT count(*) FROM audit_log WHERE entity ="
	    " 'service_reviews' AND entity_id = '22:%s'", c.id), 1);
	assert_int_equal(call("DELETE", path, NULL, admin, &r), 404);
	tc_resp_free(&r);
	assert_int_equal(call("DELETE", "/api/v1/services/review/22", NULL,
	    mechanic, &r), 403);
	tc_resp_free(&r);
	cust_free(&c);
	cust_free(&other);
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
