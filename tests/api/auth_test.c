/* Authentication against the real server: login, throttling, tokens,
 * refresh rotation, logout on every node, sessions, password change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <argon2.h>
#include <cmocka.h>

#include "fixtures.h"

#define FORM	"application/x-www-form-urlencoded"

static long
login_status(const char *phone, const char *password, struct tc_resp *r)
{
	struct tc_opt	 o = { .ctype = FORM };
	char		 body[256];

	snprintf(body, sizeof body, "username=%s&password=%s", phone,
	    password);
	assert_int_equal(tc_request("POST", "/api/v1/auth/login", body, &o,
	    r), 0);
	return r->status;
}

static void
login_returns_bearer_token_and_refresh_cookie(void **state)
{
	struct tc_resp	 r;
	char		*cookie, *cnt, *last;

	assert_int_equal(login_status(TC_ADMIN_PHONE, "Sk18102004.", &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "token_type")->valuestring, "bearer");
	assert_true(strlen(cJSON_GetObjectItem(r.json,
	    "access_token")->valuestring) > 100);
	cookie = tc_header(&r, "set-cookie");
	assert_non_null(strstr(cookie, "refresh_token=ey"));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Lax"));
	assert_non_null(strstr(cookie, "Path=/api/v1/auth"));
	assert_non_null(strstr(cookie, "Max-Age=604800"));
	free(cookie);
	tc_resp_free(&r);
	cnt = tc_sql("SELECT count(*) FROM refresh_tokens WHERE user_id ="
	    " 'ADM000001' AND revoked_at IS NULL");
	assert_true(atoi(cnt) >= 1);
	last = tc_sql("SELECT last_login_at > now() - interval '1 minute'"
	    " FROM users WHERE id = 'ADM000001'");
	assert_string_equal(last, "t");
	free(cnt);
	free(last);
}

static void
wrong_password_is_401_with_www_authenticate(void **state)
{
	struct tc_resp	 r;
	char		*www;

	assert_int_equal(login_status(TC_MECHANIC2_PHONE, "Wrong#Pass1", &r),
	    401);
	assert_string_equal(tc_detail(&r), "Incorrect phone number or"
	    " password.");
	www = tc_header(&r, "www-authenticate");
	assert_string_equal(www, "Bearer");
	free(www);
	tc_resp_free(&r);
}

static void
unknown_and_malformed_phones_get_the_same_401(void **state)
{
	struct tc_resp	r;

	assert_int_equal(login_status("6999999998", "Sk18102004.", &r), 401);
	assert_string_equal(tc_detail(&r), "Incorrect phone number or"
	    " password.");
	tc_resp_free(&r);
	assert_int_equal(login_status("not-a-phone", "x", &r), 401);
	assert_string_equal(tc_detail(&r), "Incorrect phone number or"
	    " password.");
	tc_resp_free(&r);
}

static void
missing_password_is_422_at_body_password(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .ctype = FORM };
	cJSON		*d;

	assert_int_equal(tc_request("POST", "/api/v1/auth/login",
	    "username=9841385379", &o, &r), 0);
	assert_int_equal(r.status, 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(d, "type")->valuestring,
	    "missing");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "loc"),
	    1)->valuestring, "password");
	tc_resp_free(&r);
}

static void
login_with_a_json_body_is_415(void **state)
{
	struct tc_resp	r;
	struct tc_opt	o = { .ctype = "application/json" };

	assert_int_equal(tc_request("POST", "/api/v1/auth/login",
	    "{\"username\":\"9841385379\"}", &o, &r), 0);
	assert_int_equal(r.status, 415);
	assert_string_equal(tc_detail(&r), "Unsupported Media Type");
	tc_resp_free(&r);
}

static void
five_failures_lock_the_phone_with_429(void **state)
{
	struct tc_resp	 r;
	long		 phone;
	char		 ph[16], sql[256], *id, *retry;
	int		 i;

	id = tc_new_customer(NULL, &phone);
	assert_non_null(id);
	snprintf(ph, sizeof ph, "%ld", phone);
	for (i = 0; i < 5; i++) {
		assert_int_equal(login_status(ph, "Wrong#Pass1", &r), 401);
		tc_resp_free(&r);
	}
	/* locked now: even the right password is refused before hashing */
	assert_int_equal(login_status(ph, "Sk18102004.", &r), 429);
	assert_string_equal(tc_detail(&r),
	    "Too many failed login attempts. Try again later.");
	retry = tc_header(&r, "retry-after");
	assert_non_null(retry);
	assert_true(atoi(retry) >= 1 && atoi(retry) <= 60);
	free(retry);
	tc_resp_free(&r);
	/* once the lock has passed, a success resets the count */
	snprintf(sql, sizeof sql, "UPDATE login_throttle SET locked_until ="
	    " now() - interval '1 second' WHERE key = 'phone:%ld'", phone);
	free(tc_sql(sql));
	assert_int_equal(login_status(ph, "Sk18102004.", &r), 200);
	tc_resp_free(&r);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM login_throttle WHERE"
	    " key = 'phone:%ld'", phone);
	free(id);
	id = tc_sql(sql);
	assert_string_equal(id, "0");
	free(id);
}

static void
inactive_user_cannot_log_in_and_loses_its_token(void **state)
{
	struct tc_resp	 r;
	long		 phone;
	char		 ph[16], sql[256], *id, *tok;

	id = tc_new_customer(NULL, &phone);
	snprintf(ph, sizeof ph, "%ld", phone);
	tok = tc_login(ph, TC_PASSWORD, NULL);
	assert_non_null(tok);
	snprintf(sql, sizeof sql, "UPDATE users SET is_active = false WHERE"
	    " id = '%s'", id);
	free(tc_sql(sql));
	assert_int_equal(login_status(ph, "Sk18102004.", &r), 401);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 401);
	assert_string_equal(tc_detail(&r), "Could not validate credentials.");
	tc_resp_free(&r);
	free(tok);
	free(id);
}

static void
me_describes_each_role(void **state)
{
	struct tc_resp	 r;
	char		*tok;

	tok = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "id")->valuestring,
	    "ADM000001");
	assert_string_equal(cJSON_GetObjectItem(r.json,
	    "role_name")->valuestring, "admin");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "scopes")), 115);
	assert_null(cJSON_GetObjectItem(r.json, "password"));
	tc_resp_free(&r);
	free(tok);

	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "name")->valuestring,
	    "Surya");
	assert_string_equal(cJSON_GetObjectItem(r.json, "email")->valuestring,
	    "surya@gmail.com");
	assert_int_equal(cJSON_GetObjectItem(r.json, "phone")->valuedouble,
	    7904593204.0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "scopes")), 50);
	tc_resp_free(&r);
	free(tok);

	tok = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 200);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(r.json, "email")));
	assert_int_equal(cJSON_GetObjectItem(r.json, "role")->valueint, 2);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "scopes")), 35);
	tc_resp_free(&r);
	free(tok);
}

static void
missing_or_bad_tokens_are_401(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .extra = "Authorization: Basic Zm9vOmJhcg==" };
	char		*refresh = NULL, *tok, *www;

	assert_int_equal(tc_call("GET", "/api/v1/auth/me", NULL, NULL, &r),
	    401);
	assert_string_equal(tc_detail(&r), "Not authenticated");
	www = tc_header(&r, "www-authenticate");
	assert_string_equal(www, "Bearer");
	free(www);
	tc_resp_free(&r);
	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	assert_int_equal(r.status, 401);
	assert_string_equal(tc_detail(&r), "Not authenticated");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", "abc.def.ghi", NULL,
	    &r), 401);
	assert_string_equal(tc_detail(&r), "Invalid token.");
	tc_resp_free(&r);
	/* a refresh token is not an access token */
	tok = tc_login(TC_CUSTOMER2_PHONE, TC_PASSWORD, &refresh);
	assert_non_null(refresh);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", refresh, NULL, &r),
	    401);
	assert_string_equal(tc_detail(&r), "Invalid token.");
	tc_resp_free(&r);
	free(tok);
	free(refresh);
}

static void
bearer_scheme_is_case_insensitive(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok, hdr[4096];

	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	snprintf(hdr, sizeof hdr, "Authorization: bEaReR %s", tok);
	o.extra = hdr;
	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	assert_int_equal(r.status, 200);
	tc_resp_free(&r);
	free(tok);
}

static void
missing_scope_is_403(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok;

	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	o.token = tok;
	assert_int_equal(tc_request("DELETE", "/api/v1/auth/sessions/ADM000001",
	    NULL, &o, &r), 0);
	assert_int_equal(r.status, 403);
	assert_string_equal(tc_detail(&r), "Insufficient permissions.");
	tc_resp_free(&r);
	free(tok);
}

static void
logout_revokes_access_and_refresh_tokens(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok, *refresh, cookie[2048], *set;

	tok = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, &refresh);
	snprintf(cookie, sizeof cookie, "refresh_token=%s", refresh);
	o.token = tok;
	o.cookie = cookie;
	assert_int_equal(tc_request("POST", "/api/v1/auth/logout", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Successfully logged out");
	set = tc_header(&r, "set-cookie");
	assert_non_null(strstr(set, "Max-Age=0"));
	free(set);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 401);
	assert_string_equal(tc_detail(&r), "Token has been revoked.");
	tc_resp_free(&r);
	o.token = NULL;
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 401);
	tc_resp_free(&r);
	free(tok);
	free(refresh);
}

static void
logout_without_cookie_still_works(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok;

	tok = tc_login(TC_CUSTOMER2_PHONE, TC_PASSWORD, NULL);
	o.token = tok;
	o.cookie = "refresh_token=garbage";
	assert_int_equal(tc_request("POST", "/api/v1/auth/logout", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 200);
	tc_resp_free(&r);
	free(tok);
}

static void
logout_on_one_node_is_seen_by_another(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		 cmd[1024], path[512], base[64], *tok;
	const char	*dir = getenv("REVCARE_TEST_DIR");
	const char	*stack = getenv("REVCARE_TEST_STACK");
	FILE		*f;
	int		 port = 0;

	assert_non_null(dir);
	assert_non_null(stack);
	snprintf(cmd, sizeof cmd, "'%s' revcared '%s' authnode2", stack, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/authnode2.port", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &port), 1);
	fclose(f);
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);

	tok = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	o.token = tok;
	o.base = base;
	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	assert_int_equal(r.status, 200);
	tc_resp_free(&r);
	o.base = NULL;
	assert_int_equal(tc_request("POST", "/api/v1/auth/logout", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 200);
	tc_resp_free(&r);
	o.base = base;
	assert_int_equal(tc_request("GET", "/api/v1/auth/me", NULL, &o, &r),
	    0);
	assert_int_equal(r.status, 401);
	assert_string_equal(tc_detail(&r), "Token has been revoked.");
	tc_resp_free(&r);
	free(tok);
	snprintf(cmd, sizeof cmd, "kill -TERM $(cat '%s/authnode2.pid')", dir);
	assert_int_equal(system(cmd), 0);
}

static void
refresh_rotates_and_a_quick_repeat_gets_the_same_token(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok, *refresh, *new1, *new2, cookie[2048];

	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, &refresh);
	snprintf(cookie, sizeof cookie, "refresh_token=%s", refresh);
	o.cookie = cookie;
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(cJSON_GetObjectItem(r.json, "access_token"));
	new1 = tc_cookie(&r, "refresh_token");
	assert_string_not_equal(new1, refresh);
	tc_resp_free(&r);
	/* a second tab with the old cookie, within 10 s: the same pair */
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 200);
	new2 = tc_cookie(&r, "refresh_token");
	assert_string_equal(new1, new2);
	tc_resp_free(&r);
	free(tok);
	free(refresh);
	free(new1);
	free(new2);
}

static void
reusing_a_rotated_token_later_revokes_the_family(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok, *refresh, *new1, cookie[2048];

	tok = tc_login(TC_CUSTOMER2_PHONE, TC_PASSWORD, &refresh);
	snprintf(cookie, sizeof cookie, "refresh_token=%s", refresh);
	o.cookie = cookie;
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 200);
	new1 = tc_cookie(&r, "refresh_token");
	tc_resp_free(&r);
	/* pretend the rotation happened a minute ago */
	free(tc_sql("UPDATE refresh_tokens SET revoked_at = now() -"
	    " interval '1 minute' WHERE replaced_by IS NOT NULL AND"
	    " revoked_at > now() - interval '5 seconds'"));
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 401);
	assert_string_equal(tc_detail(&r), "Invalid refresh token");
	tc_resp_free(&r);
	/* the thief's fresh token died with the family */
	snprintf(cookie, sizeof cookie, "refresh_token=%s", new1);
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 401);
	tc_resp_free(&r);
	free(tok);
	free(refresh);
	free(new1);
}

static void
refresh_without_or_with_a_bad_cookie_is_401(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	char		*tok, cookie[2048];

	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 401);
	assert_string_equal(tc_detail(&r), "Refresh token missing");
	tc_resp_free(&r);
	o.cookie = "refresh_token=abc";
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 401);
	assert_string_equal(tc_detail(&r), "Invalid refresh token");
	tc_resp_free(&r);
	/* an access token is not a refresh token */
	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	snprintf(cookie, sizeof cookie, "refresh_token=%s", tok);
	o.cookie = cookie;
	assert_int_equal(tc_request("POST", "/api/v1/auth/refresh", NULL, &o,
	    &r), 0);
	assert_int_equal(r.status, 401);
	assert_string_equal(tc_detail(&r), "Invalid refresh token");
	tc_resp_free(&r);
	free(tok);
}

static void
admin_ends_a_users_sessions(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { 0 };
	long		 phone;
	char		 ph[16], path[128], *id, *tok, *admin;

	id = tc_new_customer(NULL, &phone);
	snprintf(ph, sizeof ph, "%ld", phone);
	tok = tc_login(ph, TC_PASSWORD, NULL);
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	o.token = admin;
	snprintf(path, sizeof path, "/api/v1/auth/sessions/%s", id);
	sleep(1);	/* tokens_valid_after has one-second resolution */
	assert_int_equal(tc_request("DELETE", path, NULL, &o, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(tc_detail(&r), "Sessions revoked.");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 401);
	assert_string_equal(tc_detail(&r), "Could not validate credentials.");
	tc_resp_free(&r);
	free(tok);
	/* a new login works again */
	tok = tc_login(ph, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 200);
	tc_resp_free(&r);
	assert_int_equal(tc_request("DELETE", "/api/v1/auth/sessions/CST999999",
	    NULL, &o, &r), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(tc_detail(&r), "User not found.");
	tc_resp_free(&r);
	free(tok);
	free(admin);
	free(id);
}

static void
sessions_list_own_and_only_admins_see_others(void **state)
{
	struct tc_resp	 r;
	char		*tok;

	tok = tc_login(TC_MECHANIC2_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/auth/sessions", tok, NULL, &r),
	    200);
	assert_true(cJSON_GetArraySize(r.json) >= 1);
	assert_non_null(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json, 0),
	    "expires_at"));
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET",
	    "/api/v1/auth/sessions?user_id=ADM000001", tok, NULL, &r), 403);
	assert_string_equal(tc_detail(&r), "Operation not permitted.");
	tc_resp_free(&r);
	free(tok);
}

static void
password_change_checks_and_ends_sessions(void **state)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .ctype = "application/json" };
	long		 phone;
	char		 ph[16], *id, *tok, *tok2;
	cJSON		*d;

	id = tc_new_customer(NULL, &phone);
	snprintf(ph, sizeof ph, "%ld", phone);
	tok = tc_login(ph, TC_PASSWORD, NULL);
	o.token = tok;
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password",
	    "{\"current_password\":\"Nope#1234\",\"new_password\":"
	    "\"Better#Pass1\"}", &o, &r), 0);
	assert_int_equal(r.status, 400);
	assert_string_equal(tc_detail(&r), "Current password is incorrect.");
	tc_resp_free(&r);
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password",
	    "{\"current_password\":\"Sk18102004.\",\"new_password\":"
	    "\"weakpass\"}", &o, &r), 0);
	assert_int_equal(r.status, 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(d, "msg")->valuestring,
	    "Value error, Password must contain at least one uppercase letter");
	tc_resp_free(&r);
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password",
	    "{\"current_password\":\"Sk18102004.\"}", &o, &r), 0);
	assert_int_equal(r.status, 422);
	tc_resp_free(&r);
	assert_int_equal(tc_request("PUT", "/api/v1/auth/password",
	    "{\"current_password\":\"Sk18102004.\",\"new_password\":"
	    "\"Better#Pass1\"}", &o, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Password changed successfully");
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok, NULL, &r), 401);
	tc_resp_free(&r);
	assert_null(tc_login(ph, TC_PASSWORD, NULL));
	sleep(1);	/* a new token must be issued after the change */
	tok2 = tc_login(ph, "Better#Pass1", NULL);
	assert_non_null(tok2);
	assert_int_equal(tc_call("GET", "/api/v1/auth/me", tok2, NULL, &r),
	    200);
	tc_resp_free(&r);
	free(tok);
	free(tok2);
	free(id);
}

static void
originals_hash_is_upgraded_on_login(void **state)
{
	long	 phone;
	char	 enc[256], sql[512], ph[16], *id, *tok, *now;

	id = tc_new_customer(NULL, &phone);
	assert_int_equal(argon2id_hash_encoded(3, 65536, 4, "Sk18102004.", 11,
	    "0123456789abcdef", 16, 32, enc, sizeof enc), ARGON2_OK);
	snprintf(sql, sizeof sql, "UPDATE users SET password = '%s' WHERE"
	    " id = '%s'", enc, id);
	free(tc_sql(sql));
	snprintf(ph, sizeof ph, "%ld", phone);
	tok = tc_login(ph, TC_PASSWORD, NULL);
	assert_non_null(tok);
	snprintf(sql, sizeof sql, "SELECT password FROM users WHERE id = '%s'",
	    id);
	now = tc_sql(sql);
	assert_memory_equal(now, "$argon2id$v=19$m=19456,t=2,p=1$", 31);
	free(now);
	free(tok);
	free(id);
}

static void
roles_list_their_scopes(void **state)
{
	struct tc_resp	 r;
	char		*tok;

	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/rbac/roles", tok, NULL, &r),
	    200);
	assert_int_equal(cJSON_GetArraySize(r.json), 3);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(r.json, 1), "scopes")), 35);
	tc_resp_free(&r);
	free(tok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_returns_bearer_token_and_refresh_cookie),
		cmocka_unit_test(wrong_password_is_401_with_www_authenticate),
		cmocka_unit_test(unknown_and_malformed_phones_get_the_same_401),
		cmocka_unit_test(missing_password_is_422_at_body_password),
		cmocka_unit_test(login_with_a_json_body_is_415),
		cmocka_unit_test(five_failures_lock_the_phone_with_429),
		cmocka_unit_test(
		    inactive_user_cannot_log_in_and_loses_its_token),
		cmocka_unit_test(me_describes_each_role),
		cmocka_unit_test(missing_or_bad_tokens_are_401),
		cmocka_unit_test(bearer_scheme_is_case_insensitive),
		cmocka_unit_test(missing_scope_is_403),
		cmocka_unit_test(logout_revokes_access_and_refresh_tokens),
		cmocka_unit_test(logout_without_cookie_still_works),
		cmocka_unit_test(logout_on_one_node_is_seen_by_another),
		cmocka_unit_test(
		    refresh_rotates_and_a_quick_repeat_gets_the_same_token),
		cmocka_unit_test(
		    reusing_a_rotated_token_later_revokes_the_family),
		cmocka_unit_test(refresh_without_or_with_a_bad_cookie_is_401),
		cmocka_unit_test(admin_ends_a_users_sessions),
		cmocka_unit_test(sessions_list_own_and_only_admins_see_others),
		cmocka_unit_test(password_change_checks_and_ends_sessions),
		cmocka_unit_test(originals_hash_is_upgraded_on_login),
		cmocka_unit_test(roles_list_their_scopes),
	};

	tc_base();
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
