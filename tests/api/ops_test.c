/* Root and operations endpoints, and the generic HTTP behaviour every
 * route shares: 404, 405, 413, 415, 422, CORS, request ids, headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "tclient.h"

static char	*admin;

static int
setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	return admin == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	free(admin);
	return 0;
}

static void
root_welcomes(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_request("GET", "/", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Welcome to revcare API");
	tc_resp_free(&r);
}

static void
health_reports_version_and_uptime(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_request("GET", "/health", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "ok");
	assert_true(cJSON_IsString(cJSON_GetObjectItem(r.json, "version")));
	assert_true(cJSON_GetObjectItem(r.json, "uptime_s")->valuedouble >= 0);
	tc_resp_free(&r);
}

static void
ready_checks_both_stores(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_request("GET", "/ready", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "status")->valuestring,
	    "ready");
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "postgresql")->valuestring, "ok");
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "docstore")->valuestring, "ok");
	tc_resp_free(&r);
}

static void
docs_and_openapi_list_the_route_table(void **state)
{
	struct tc_resp	 r;
	char		*ct;
	cJSON		*p;

	assert_int_equal(tc_request("GET", "/docs", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	ct = tc_header(&r, "content-type");
	assert_non_null(strstr(ct, "text/html"));
	free(ct);
	assert_non_null(strstr(r.body, "/api/v1/auth/login"));
	assert_null(strstr(r.body, "<script"));
	tc_resp_free(&r);
	assert_int_equal(tc_request("GET", "/openapi.json", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "openapi")->valuestring,
	    "3.1.0");
	p = cJSON_GetObjectItem(cJSON_GetObjectItem(r.json, "paths"),
	    "/api/v1/auth/login");
	assert_non_null(cJSON_GetObjectItem(p, "post"));
	p = cJSON_GetObjectItem(cJSON_GetObjectItem(r.json, "paths"),
	    "/api/v1/auth/sessions/{user_id}");
	assert_non_null(cJSON_GetObjectItem(p, "delete"));
	tc_resp_free(&r);
}

static void
unknown_path_is_404_not_found(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_request("GET", "/api/v1/no/such/thing", NULL, NULL,
	    &r), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(tc_detail(&r), "Not Found");
	tc_resp_free(&r);
}

static void
wrong_method_is_405_with_allow(void **state)
{
	struct tc_resp	 r;
	char		*allow;

	assert_int_equal(tc_request("DELETE", "/api/v1/auth/me", NULL, NULL,
	    &r), 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(tc_detail(&r), "Method Not Allowed");
	allow = tc_header(&r, "allow");
	assert_string_equal(allow, "GET");
	free(allow);
	tc_resp_free(&r);
}

static void
trailing_slash_is_served_without_redirect(void **state)
{
	struct tc_resp	r;
	struct tc_opt	o = { .token = admin };

	assert_int_equal(tc_request("GET", "/api/v1/auth/me/", NULL, &o, &r),
	    0);
	assert_int_equal(r.status, 200);
	tc_resp_free(&r);
}

static void
body_over_one_mib_is_413(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .token = admin, .ctype = "application/json" };
	size_t		 n = 1024 * 1024 + 10;
	char		*big = malloc(n + 1);

	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password", big, &o,
	    &r), 0);
	assert_int_equal(r.status, 413);
	assert_string_equal(tc_detail(&r), "Request body too large.");
	tc_resp_free(&r);
	free(big);
}

static void
wrong_content_type_is_415(void **state)
{
	struct tc_resp	r;
	struct tc_opt	o = { .token = admin, .ctype = "text/plain" };

	assert_int_equal(tc_request("PUT", "/api/v1/auth/password", "hello",
	    &o, &r), 0);
	assert_int_equal(r.status, 415);
	tc_resp_free(&r);
}

static void
malformed_json_is_422_json_invalid(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .token = admin, .ctype = "application/json" };
	cJSON		*d;

	assert_int_equal(tc_request("PUT", "/api/v1/auth/password",
	    "{\"current_password\": ", &o, &r), 0);
	assert_int_equal(r.status, 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(d, "type")->valuestring,
	    "json_invalid");
	assert_string_equal(cJSON_GetObjectItem(d, "msg")->valuestring,
	    "JSON decode error");
	tc_resp_free(&r);
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password",
	    "{\"a\":1,\"a\":2}", &o, &r), 0);
	assert_int_equal(r.status, 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(d, "msg")->valuestring,
	    "Value error, Duplicate key 'a'");
	tc_resp_free(&r);
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password", "[1,2]",
	    &o, &r), 0);
	assert_int_equal(r.status, 422);
	tc_resp_free(&r);
}

static void
request_id_is_echoed_or_made(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .extra = "X-Request-Id: trace-abc.123" };
	char		*id;

	assert_int_equal(tc_request("GET", "/health", NULL, &o, &r), 0);
	id = tc_header(&r, "x-request-id");
	assert_string_equal(id, "trace-abc.123");
	free(id);
	tc_resp_free(&r);
	o.extra = "X-Request-Id: <script>";
	assert_int_equal(tc_request("GET", "/health", NULL, &o, &r), 0);
	id = tc_header(&r, "x-request-id");
	assert_int_equal(strlen(id), 36);
	free(id);
	tc_resp_free(&r);
}

static void
cors_headers_on_errors_for_listed_origins_only(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .origin = "http://localhost:5173" };
	char		*h;

	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	assert_int_equal(r.status, 401);
	h = tc_header(&r, "access-control-allow-origin");
	assert_string_equal(h, "http://localhost:5173");
	free(h);
	h = tc_header(&r, "access-control-allow-credentials");
	assert_string_equal(h, "true");
	free(h);
	tc_resp_free(&r);
	o.origin = "http://evil.example";
	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	assert_null(tc_header(&r, "access-control-allow-origin"));
	tc_resp_free(&r);
}

static void
preflight_is_204(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .origin = "http://localhost:5173",
			    .extra = "Access-Control-Request-Method: PUT" };
	char		*h;

	assert_int_equal(tc_request("OPTIONS", "/api/v1/auth/password", NULL,
	    &o, &r), 0);
	assert_int_equal(r.status, 204);
	h = tc_header(&r, "access-control-allow-methods");
	assert_non_null(strstr(h, "PUT"));
	free(h);
	tc_resp_free(&r);
}

static void
api_answers_carry_security_headers(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .token = admin };
	char		*h;

	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	h = tc_header(&r, "x-content-type-options");
	assert_string_equal(h, "nosniff");
	free(h);
	h = tc_header(&r, "cache-control");
	assert_string_equal(h, "no-store");
	free(h);
	h = tc_header(&r, "referrer-policy");
	assert_string_equal(h, "no-referrer");
	free(h);
	tc_resp_free(&r);
}

static size_t
discard(char *d, size_t size, size_t n, void *arg)
{
	return size * n;
}

static void
keep_alive_serves_many_requests_on_one_connection(void **state)
{
	CURL	*c = curl_easy_init();
	char	 url[256];
	long	 status, connects;
	int	 i;

	snprintf(url, sizeof url, "%s/health", tc_base());
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	for (i = 0; i < 20; i++) {
		assert_int_equal(curl_easy_perform(c), CURLE_OK);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
		assert_int_equal(status, 200);
		if (i > 0)
			assert_int_equal(connects, 0);	/* reused */
	}
	curl_easy_cleanup(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(root_welcomes),
		cmocka_unit_test(health_reports_version_and_uptime),
		cmocka_unit_test(ready_checks_both_stores),
		cmocka_unit_test(docs_and_openapi_list_the_route_table),
		cmocka_unit_test(unknown_path_is_404_not_found),
		cmocka_unit_test(wrong_method_is_405_with_allow),
		cmocka_unit_test(trailing_slash_is_served_without_redirect),
		cmocka_unit_test(body_over_one_mib_is_413),
		cmocka_unit_test(wrong_content_type_is_415),
		cmocka_unit_test(malformed_json_is_422_json_invalid),
		cmocka_unit_test(request_id_is_echoed_or_made),
		cmocka_unit_test(
		    cors_headers_on_errors_for_listed_origins_only),
		cmocka_unit_test(preflight_is_204),
		cmocka_unit_test(api_answers_carry_security_headers),
		cmocka_unit_test(
		    keep_alive_serves_many_requests_on_one_connection),
	};

	tc_base();
	return cmocka_run_group_tests_name("ops", tests, setup, teardown);
}
