/* Admins against the real server: creation, lookup, update, soft deletion
 * (never oneself, never the last admin), and the admin password reset of
 * PUT /users/{user_id}/password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <pthread.h>

#include "fixtures.h"

#define FORM	"application/x-www-form-urlencoded"

static char	*admin_tok;

/* Log in at base (NULL: the server under test); token or NULL. */
static char *
login_at(const char *base, const char *phone, const char *password)
{
	struct tc_opt	 o = { .ctype = FORM, .base = base };
	struct tc_resp	 r;
	char		 body[256], *tok = NULL;

	snprintf(body, sizeof body, "username=%s&password=%s", phone,
	    password);
	if (tc_request("POST", "/api/v1/auth/login", body, &o, &r) == 0 &&
	    r.status == 200)
		tok = strdup(cJSON_GetObjectItem(r.json,
		    "access_token")->valuestring);
	tc_resp_free(&r);
	return tok;
}

/* Create an admin through the API at base with token; fills w. */
static void
make_admin_at(const char *base, const char *token, struct tc_user *w,
    bool login)
{
	struct tc_opt	 o = { .token = token, .ctype = "application/json",
	    .base = base };
	struct tc_resp	 r;
	char		 body[512];
	long		 phone = tc_unique_phone();

	snprintf(w->phone, sizeof w->phone, "%ld", phone);
	snprintf(w->email, sizeof w->email, "a%ld@people.test", phone);
	snprintf(body, sizeof body, "{\"name\":\"Admin %ld\",\"phone\":%ld,"
	    "\"email\":\"%s\",\"password\":\"%s\"}", phone, phone, w->email,
	    TC_PASSWORD);
	assert_int_equal(tc_request("POST", "/api/v1/admins/", body, &o, &r),
	    0);
	if (r.status != 200)
		fail_msg("create admin: %ld %s", r.status, r.body);
	snprintf(w->id, sizeof w->id, "%s",
	    cJSON_GetObjectItem(r.json, "id")->valuestring);
	tc_resp_free(&r);
	w->token = login ? login_at(base, w->phone, TC_PASSWORD) : NULL;
	assert_true(!login || w->token != NULL);
}

static void
make_admin(struct tc_user *w, bool login)
{
	make_admin_at(NULL, admin_tok, w, login);
}

static void
admin_creates_an_admin(void **state)
{
	struct tc_resp	 r;
	char		 body[512];
	long		 phone = tc_unique_phone();
	const char	*id;

	snprintf(body, sizeof body, "{\"name\":\" New Admin \",\"phone\":%ld,"
	    "\"email\":\"NA%ld@People.test\",\"password\":\"%s\"}", phone,
	    phone, TC_PASSWORD);
	assert_int_equal(tc_call("POST", "/api/v1/admins/", admin_tok, body,
	    &r), 200);
	assert_false(tc_has_key(r.json, "password"));
	assert_null(strstr(r.body, "$argon2"));
	assert_int_equal(cJSON_GetArraySize(r.json), 4);
	assert_string_equal(cJSON_GetObjectItem(r.json, "name")->valuestring,
	    "New Admin");
	id = cJSON_GetObjectItem(r.json, "id")->valuestring;
	assert_true(strncmp(id, "ADM", 3) == 0);
	tc_sql_is("t", "SELECT u.role_id = 1 AND u.phone = %ld AND a.email ="
	    " 'na%ld@people.test' FROM users u JOIN admins a ON a.id = u.id"
	    " WHERE u.id = '%s'", phone, phone, id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'create'"
	    " AND entity = 'admins' AND entity_id = '%s'", id);
	tc_resp_free(&r);
	/* the new admin can log in */
	snprintf(body, sizeof body, "%ld", phone);
	free(login_at(NULL, body, TC_PASSWORD));
}

static void
admin_creation_refuses_a_taken_phone_or_admin_email(void **state)
{
	char	 body[512];
	long	 phone = tc_unique_phone();

	snprintf(body, sizeof body, "{\"name\":\"X\",\"phone\":%s,\"email\":"
	    "\"x%ld@people.test\",\"password\":\"%s\"}", TC_CUSTOMER_PHONE,
	    phone, TC_PASSWORD);
	tc_expect("POST", "/api/v1/admins/", admin_tok, body, 400,
	    "User with this phone number already exists.");
	snprintf(body, sizeof body, "{\"name\":\"X\",\"phone\":%ld,\"email\":"
	    "\"ADMIN01@gmail.com\",\"password\":\"%s\"}", phone, TC_PASSWORD);
	tc_expect("POST", "/api/v1/admins/", admin_tok, body, 400,
	    "User with this email already exists.");
	tc_sql_is("0", "SELECT count(*) FROM users WHERE phone = %ld", phone);
	/* e-mail is unique among admins only: a customer's is free */
	snprintf(body, sizeof body, "{\"name\":\"C\",\"phone\":%ld,\"email\":"
	    "\"c%ld@people.test\",\"password\":\"%s\"}", tc_unique_phone(),
	    phone, TC_PASSWORD);
	tc_expect("POST", "/api/v1/customers/", admin_tok, body, 200, NULL);
	snprintf(body, sizeof body, "{\"name\":\"X\",\"phone\":%ld,\"email\":"
	    "\"c%ld@people.test\",\"password\":\"%s\"}", phone, phone,
	    TC_PASSWORD);
	tc_expect("POST", "/api/v1/admins/", admin_tok, body, 200, NULL);
	snprintf(body, sizeof body, "{\"name\":\"X\",\"phone\":%ld,\"email\":"
	    "\"x@people.test\",\"password\":\"weakpass\"}", tc_unique_phone());
	tc_expect("POST", "/api/v1/admins/", admin_tok, body, 422, NULL);
}

static void
admin_gets_an_admin_by_trimmed_id(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[128];

	make_admin(&a, false);
	snprintf(path, sizeof path, "/api/v1/admins/%%20%s%%20", a.id);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "id")->valuestring,
	    a.id);
	assert_string_equal(cJSON_GetObjectItem(r.json, "email")->valuestring,
	    a.email);
	assert_int_equal((long)cJSON_GetObjectItem(r.json,
	    "phone")->valuedouble, atol(a.phone));
	assert_false(tc_has_key(r.json, "password"));
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/admins/ADM999999999", admin_tok, NULL, 404,
	    "Admin not found.");
	/* a customer id is no admin */
	tc_expect("GET", "/api/v1/admins/CST000001", admin_tok, NULL, 404,
	    "Admin not found.");
}

static void
admin_list_searches_and_pages(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[128], *total;

	make_admin(&a, false);
	snprintf(path, sizeof path, "/api/v1/admins/?q=%s", a.email);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuestring, a.id);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/admins/?limit=1", admin_tok,
	    NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuestring, "ADM000001");
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 2);
	free(total);
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/admins/?sort=nope", admin_tok, NULL, 422,
	    NULL);
}

static void
admin_updates_an_admin(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a, b;
	char		 path[128], body[256];

	make_admin(&a, false);
	make_admin(&b, false);
	snprintf(path, sizeof path, "/api/v1/admins/%s", a.id);
	assert_int_equal(tc_call("PUT", path, admin_tok,
	    "{\"name\":\"Renamed\"}", &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "name")->valuestring,
	    "Renamed");
	assert_string_equal(cJSON_GetObjectItem(r.json, "email")->valuestring,
	    a.email);
	tc_resp_free(&r);
	tc_sql_is("Renamed", "SELECT name FROM admins WHERE id = '%s'", a.id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'update'"
	    " AND entity = 'admins' AND entity_id = '%s'", a.id);
	snprintf(body, sizeof body, "{\"email\":\"%s\"}", b.email);
	tc_expect("PUT", path, admin_tok, body, 400,
	    "User with this email already exists.");
	/* his own address again is no conflict */
	snprintf(body, sizeof body, "{\"email\":\"%s\"}", a.email);
	tc_expect("PUT", path, admin_tok, body, 200, NULL);
	tc_expect("PUT", "/api/v1/admins/ADM999999999", admin_tok,
	    "{\"name\":\"X\"}", 404, "Admin not found.");
	tc_expect("PUT", path, admin_tok, "{\"name\":\"\"}", 422, NULL);
}

static void
admin_cannot_delete_himself(void **state)
{
	struct tc_user	 a;
	char		 path[128];

	make_admin(&a, true);
	snprintf(path, sizeof path, "/api/v1/admins/%s", a.id);
	tc_expect("DELETE", path, a.token, NULL, 400,
	    "Admins cannot delete themselves.");
	tc_sql_is("t", "SELECT deleted_at IS NULL FROM admins WHERE id = '%s'",
	    a.id);
	tc_expect("GET", "/api/v1/admins/", a.token, NULL, 200, NULL);
	tc_user_free(&a);
}

static void
deleting_an_admin_is_soft_and_ends_his_sessions(void **state)
{
	struct tc_user	 a;
	char		 path[128];

	make_admin(&a, true);
	snprintf(path, sizeof path, "/api/v1/admins/%s", a.id);
	tc_expect("DELETE", path, admin_tok, NULL, 200,
	    "Admin deleted successfully.");
	tc_sql_is("t", "SELECT a.deleted_at IS NOT NULL AND u.deleted_at IS NOT"
	    " NULL AND u.tokens_valid_after IS NOT NULL FROM admins a JOIN"
	    " users u ON u.id = a.id WHERE a.id = '%s'", a.id);
	tc_sql_is("0", "SELECT count(*) FROM refresh_tokens WHERE user_id ="
	    " '%s' AND revoked_at IS NULL", a.id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'delete'"
	    " AND entity = 'admins' AND entity_id = '%s'", a.id);
	tc_expect("GET", "/api/v1/admins/", a.token, NULL, 401, NULL);
	tc_expect("GET", path, admin_tok, NULL, 404, "Admin not found.");
	tc_expect("DELETE", path, admin_tok, NULL, 404, "Admin not found.");
	tc_user_free(&a);
}

static void
only_admins_reach_admins(void **state)
{
	static const struct {
		const char	*method, *path, *body;
	} cases[] = {
		{ "GET", "/api/v1/admins/", NULL },
		{ "POST", "/api/v1/admins/", "{}" },
		{ "GET", "/api/v1/admins/ADM000001", NULL },
		{ "PUT", "/api/v1/admins/ADM000001", "{\"name\":\"X\"}" },
		{ "DELETE", "/api/v1/admins/ADM000001", NULL },
		{ "PUT", "/api/v1/users/CST000001/password",
		    "{\"new_password\":\"Other#Pass1\"}" },
	};
	char	*tok[2];
	size_t	 i;
	int	 k;

	tok[0] = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	tok[1] = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (k = 0; k < 2; k++)
			tc_expect(cases[i].method, cases[i].path, tok[k],
			    cases[i].body, 403, "Insufficient permissions.");
		tc_expect(cases[i].method, cases[i].path, NULL, cases[i].body,
		    401, "Not authenticated");
	}
	tc_sql_is("t", "SELECT deleted_at IS NULL AND name = 'Admin01' FROM"
	    " admins WHERE id = 'ADM000001'");
	free(tok[0]);
	free(tok[1]);
}

static void
password_reset_sets_the_password_and_ends_sessions(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[128], *tok;

	/* an admin account stands in for any user here */
	make_admin(&a, true);
	snprintf(path, sizeof path, "/api/v1/users/%s/password", a.id);
	sleep(1);	/* tokens_valid_after has one-second resolution */
	assert_int_equal(tc_call("PUT", path, admin_tok,
	    "{\"new_password\":\"Fresh#Pass9\"}", &r), 200);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    "Password reset successfully");
	assert_null(strstr(r.body, "Fresh#Pass9"));
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/auth/me", a.token, NULL, 401,
	    "Could not validate credentials.");
	tc_sql_is("0", "SELECT count(*) FROM refresh_tokens WHERE user_id ="
	    " '%s' AND revoked_at IS NULL", a.id);
	assert_null(login_at(NULL, a.phone, TC_PASSWORD));
	tok = login_at(NULL, a.phone, "Fresh#Pass9");
	assert_non_null(tok);
	free(tok);
	/* audited without the password */
	tc_sql_is("t", "SELECT count(*) = 1 AND bool_and(coalesce(after::text,"
	    " '') NOT LIKE '%%Fresh%%') FROM audit_log WHERE action ="
	    " 'reset_password' AND entity = 'users' AND entity_id = '%s'",
	    a.id);
	tc_user_free(&a);
}

static void
password_reset_refuses_unknown_users_and_weak_passwords(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[128];
	cJSON		*d;

	tc_expect("PUT", "/api/v1/users/CST999999999/password", admin_tok,
	    "{\"new_password\":\"Fresh#Pass9\"}", 404, "User not found.");
	make_admin(&a, false);
	snprintf(path, sizeof path, "/api/v1/users/%s/password", a.id);
	assert_int_equal(tc_call("PUT", path, admin_tok,
	    "{\"new_password\":\"nouppercase1!\"}", &r), 422);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(d, "msg")->valuestring,
	    "Value error, Password must contain at least one uppercase letter");
	assert_null(cJSON_GetObjectItem(d, "input"));
	tc_resp_free(&r);
	tc_expect("PUT", path, admin_tok, "{}", 422, NULL);
	/* a deleted user is not found */
	snprintf(path, sizeof path, "/api/v1/admins/%s", a.id);
	tc_expect("DELETE", path, admin_tok, NULL, 200, NULL);
	snprintf(path, sizeof path, "/api/v1/users/%s/password", a.id);
	tc_expect("PUT", path, admin_tok, "{\"new_password\":\"Fresh#Pass9\"}",
	    404, "User not found.");
}

/*
 * The last-admin rule can only bite in a race: the caller is an admin
 * other than the target, so another admin always exists when the request
 * starts. Two admins deleting each other at once must not both succeed.
 * The race needs a workshop with exactly those two admins, so it runs on
 * a second server over a database of its own, never touching the shared
 * sample admin.
 */
struct race {
	const char	*base, *token, *path;
	long		 status;
	char		 detail[128];
};

static void *
race_delete(void *arg)
{
	struct race	*x = arg;
	struct tc_opt	 o = { .token = x->token, .base = x->base };
	struct tc_resp	 r;

	if (tc_request("DELETE", x->path, NULL, &o, &r) == 0) {
		x->status = r.status;
		snprintf(x->detail, sizeof x->detail, "%s",
		    tc_detail(&r) ? tc_detail(&r) : "");
	}
	tc_resp_free(&r);
	return NULL;
}

/* The private node: database db, served at base; returns the pg URL. */
static char *
private_node(const char *db, char *base, size_t len)
{
	const char	*dir = getenv("REVCARE_TEST_DIR");
	const char	*stack = getenv("REVCARE_TEST_STACK");
	const char	*url = tc_pgurl(), *q;
	char		 cmd[2048], path[512], sql[128], *dburl;
	FILE		*f;
	int		 port = 0;

	assert_non_null(dir);
	assert_non_null(stack);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
	free(tc_sql(sql));
	q = strchr(url, '?');
	assert_non_null(q);
	assert_true(asprintf(&dburl, "postgresql:///%s%s", db, q) > 0);
	/* the environment wins over the stack's env file; no MongoDB, so
	 * the document store lives in the private database too */
	snprintf(cmd, sizeof cmd, "POSTGRESQL_URL='%s' MONGODB_URI= MONGODB_DB="
	    " '%s' revcared '%s' %s --seed", dburl, stack, dir, db);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/%s.port", dir, db);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &port), 1);
	fclose(f);
	snprintf(base, len, "http://127.0.0.1:%d", port);
	return dburl;
}

static void
private_node_stop(const char *db)
{
	char	cmd[512];

	snprintf(cmd, sizeof cmd, "pid=$(cat '%s/%s.pid') && kill -TERM $pid"
	    " && while kill -0 $pid 2>/dev/null; do sleep 0.1; done",
	    getenv("REVCARE_TEST_DIR"), db);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "DROP DATABASE IF EXISTS %s", db);
	free(tc_sql(cmd));
}

/* Wait (5 s at most) until n sessions of pg wait for a lock. */
static void
wait_for_lock_waiters(PGconn *pg, int n)
{
	PGresult	*res;
	time_t		 end = time(NULL) + 5;
	int		 got = 0;

	while (time(NULL) <= end) {
		res = PQexec(pg, "SELECT count(*) FROM pg_locks WHERE NOT"
		    " granted AND relation = 'admins'::regclass");
		got = atoi(PQgetvalue(res, 0, 0));
		PQclear(res);
		if (got >= n)
			return;
		usleep(20000);
	}
	fail_msg("%d requests wait for the admins lock, wanted %d", got, n);
}

static void
two_admins_deleting_each_other_leave_one(void **state)
{
	struct race	 x[2];
	struct tc_user	 a, b;
	pthread_t	 t[2];
	PGconn		*pg;
	PGresult	*res;
	char		 db[64], base[64], pa[64], pb[64], *url, *root;
	int		 i, ok = 0, refused = 0;

	snprintf(db, sizeof db, "people_lastadmin_%d", (int)getpid());
	url = private_node(db, base, sizeof base);
	root = login_at(base, TC_ADMIN_PHONE, TC_PASSWORD);
	assert_non_null(root);
	make_admin_at(base, root, &a, true);
	make_admin_at(base, root, &b, true);
	pg = PQconnectdb(url);
	assert_int_equal(PQstatus(pg), CONNECTION_OK);
	/* in this private workshop, only a and b remain admins */
	PQclear(PQexec(pg, "UPDATE users SET is_active = false WHERE"
	    " id = 'ADM000001'"));
	/* hold the lock the deletes take, so both requests queue on it */
	PQclear(PQexec(pg, "BEGIN"));
	res = PQexec(pg, "LOCK TABLE admins IN SHARE ROW EXCLUSIVE MODE");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	snprintf(pa, sizeof pa, "/api/v1/admins/%s", b.id);
	snprintf(pb, sizeof pb, "/api/v1/admins/%s", a.id);
	x[0] = (struct race){ base, a.token, pa, 0, "" };
	x[1] = (struct race){ base, b.token, pb, 0, "" };
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race_delete,
		    &x[i]), 0);
	wait_for_lock_waiters(pg, 2);
	PQclear(PQexec(pg, "COMMIT"));
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		if (x[i].status == 200)
			ok++;
		else if (x[i].status == 409 && strcmp(x[i].detail,
		    "Cannot delete the last admin.") == 0)
			refused++;
		else
			fail_msg("race: %ld %s", x[i].status, x[i].detail);
	}
	assert_int_equal(ok, 1);
	assert_int_equal(refused, 1);
	res = PQexec(pg, "SELECT count(*) FROM admins a JOIN users u ON"
	    " u.id = a.id WHERE a.deleted_at IS NULL AND u.is_active");
	assert_string_equal(PQgetvalue(res, 0, 0), "1");
	PQclear(res);
	PQfinish(pg);
	private_node_stop(db);
	free(url);
	free(root);
	tc_user_free(&a);
	tc_user_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(admin_creates_an_admin),
		cmocka_unit_test(
		    admin_creation_refuses_a_taken_phone_or_admin_email),
		cmocka_unit_test(admin_gets_an_admin_by_trimmed_id),
		cmocka_unit_test(admin_list_searches_and_pages),
		cmocka_unit_test(admin_updates_an_admin),
		cmocka_unit_test(admin_cannot_delete_himself),
		cmocka_unit_test(
		    deleting_an_admin_is_soft_and_ends_his_sessions),
		cmocka_unit_test(only_admins_reach_admins),
		cmocka_unit_test(
		    password_reset_sets_the_password_and_ends_sessions),
		cmocka_unit_test(
		    password_reset_refuses_unknown_users_and_weak_passwords),
		cmocka_unit_test(two_admins_deleting_each_other_leave_one),
	};
	int	rc;

	tc_base();
	admin_tok = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (admin_tok == NULL) {
		fprintf(stderr, "cannot log in as the sample admin\n");
		return 1;
	}
	rc = cmocka_run_group_tests_name("admins", tests, NULL, NULL);
	free(admin_tok);
	return rc;
}
