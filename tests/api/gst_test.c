/* The GST rate: everyone signed in reads it, only admins set it (0..100),
 * and the change is audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

static char	*admin, *customer;

static int
setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	customer = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	return admin == NULL || customer == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	struct tc_resp	r;

	/* every other test assumes the seeded 18 % */
	tc_call("PUT", "/api/v1/gst/?percent=18", admin, NULL, &r);
	tc_resp_free(&r);
	free(admin);
	free(customer);
	return 0;
}

static void
everyone_signed_in_reads_the_rate(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_call("GET", "/api/v1/gst/", customer, NULL, &r),
	    200);
	assert_int_equal(tc_jlong(r.json, "percent"), 18);
	assert_non_null(cJSON_GetObjectItem(r.json, "updated_by"));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/gst/", NULL, NULL, &r), 401);
	tc_resp_free(&r);
}

static void
admin_sets_the_rate_and_it_is_audited(void **state)
{
	struct tc_resp	 r;
	char		*n;

	assert_int_equal(tc_call("PUT", "/api/v1/gst/?percent=12", admin, NULL,
	    &r), 200);
	assert_string_equal(tc_jstr(r.json, "status"), "updated");
	assert_int_equal(tc_jlong(r.json, "updated_percent"), 12);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/gst/", customer, NULL, &r),
	    200);
	assert_int_equal(tc_jlong(r.json, "percent"), 12);
	assert_string_equal(tc_jstr(r.json, "updated_by"), "ADM000001");
	tc_resp_free(&r);
	n = tc_sql("SELECT count(*) > 0 FROM audit_log WHERE entity = 'gst'"
	    " AND actor = 'ADM000001'");
	assert_string_equal(n, "t");
	free(n);
}

static void
bad_rates_and_callers_are_refused(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_call("PUT", "/api/v1/gst/?percent=101", admin,
	    NULL, &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/gst/?percent=-1", admin, NULL,
	    &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/gst/?percent=ten", admin,
	    NULL, &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/gst/", admin, NULL, &r), 422);
	tc_resp_free(&r);
	assert_int_equal(tc_call("PUT", "/api/v1/gst/?percent=5", customer,
	    NULL, &r), 403);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/gst/", customer, NULL, &r),
	    200);
	assert_int_equal(tc_jlong(r.json, "percent"), 12);	/* unchanged */
	tc_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everyone_signed_in_reads_the_rate),
		cmocka_unit_test(admin_sets_the_rate_and_it_is_audited),
		cmocka_unit_test(bad_rates_and_callers_are_refused),
	};

	tc_base();
	return cmocka_run_group_tests_name("gst", tests, setup, teardown);
}
