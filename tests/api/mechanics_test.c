/* Mechanics against the real server: creation with categories and the
 * dob rules, who sees and changes which mechanic, the computed `assigned`,
 * soft deletion, the workload view with §5.15 hours, and the assignment
 * types lookup. Assignment rows are seeded with SQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"

#define ABILITIES \
	"Operation not permitted. Only admins can change mechanic abilities."

static char	*admin_tok;

/* A mechanic body; extra is spliced in before the closing brace. */
static void
mech_body(char *buf, size_t len, long phone, const char *dob,
    const char *cats, const char *extra)
{
	snprintf(buf, len, "{\"name\":\" Mech %ld \",\"phone\":%ld,\"dob\":"
	    "\"%s\",\"pickup_drop\":true,\"analysis\":false,\"password\":"
	    "\"%s\",\"service_category_ids\":%s%s}", phone, phone, dob,
	    TC_PASSWORD, cats, extra);
}

/* Create a mechanic through the API with categories cats. */
static void
make_mechanic(struct tc_user *w, const char *cats, bool login)
{
	struct tc_resp	r;
	char		body[512];
	long		phone = tc_unique_phone();

	snprintf(w->phone, sizeof w->phone, "%ld", phone);
	mech_body(body, sizeof body, phone, "1990-05-17", cats, "");
	if (tc_call("POST", "/api/v1/mechanics/", admin_tok, body, &r) != 200)
		fail_msg("create mechanic: %ld %s", r.status, r.body);
	snprintf(w->id, sizeof w->id, "%s", tc_jstr(r.json, "id"));
	tc_resp_free(&r);
	w->token = login ? tc_login(w->phone, TC_PASSWORD, NULL) : NULL;
	assert_true(!login || w->token != NULL);
}

/* A booking of a fresh car of c in status_id; its id (caller frees). */
static char *
make_booking(const struct tc_user *c, int status_id)
{
	struct tc_booking	b = { .customer = c->id, .line1 = "2 Test Road",
	    .status = status_id, .drop_days = 2, .drop_slot = 1,
	    .promised = "2 days" };

	return tc_idstr(tc_new_booking(&b));
}

/* An assignment row; its id (caller frees). */
static char *
make_assignment(const char *mechanic, const char *booking, int type,
    int status_id)
{
	return tc_idstr(tc_new_assignment(mechanic, atol(booking), type,
	    status_id));
}

static void
admin_creates_a_mechanic_with_categories(void **state)
{
	struct tc_resp	 r;
	char		 body[512], want[32];
	long		 phone = tc_unique_phone();
	const char	*id;
	cJSON		*cats, *c;

	mech_body(body, sizeof body, phone, "1990-05-17", "[5,2,5]", "");
	assert_int_equal(tc_call("POST", "/api/v1/mechanics/", admin_tok, body,
	    &r), 200);
	assert_false(tc_has_key(r.json, "password"));
	assert_null(strstr(r.body, "$argon2"));
	id = tc_jstr(r.json, "id");
	assert_true(strncmp(id, "MEC", 3) == 0);
	snprintf(want, sizeof want, "Mech %ld", phone);
	assert_string_equal(tc_jstr(r.json, "name"), want);
	assert_string_equal(tc_jstr(r.json, "dob"), "1990-05-17");
	assert_int_equal((long)cJSON_GetObjectItem(r.json,
	    "phone")->valuedouble, phone);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "pickup_drop")));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "analysis")));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "assigned")));
	assert_int_equal(cJSON_GetObjectItem(r.json, "score")->valueint, 0);
	cats = cJSON_GetObjectItem(r.json, "service_categories");
	assert_int_equal(cJSON_GetArraySize(cats), 2);
	c = cJSON_GetArrayItem(cats, 0);
	assert_int_equal(cJSON_GetObjectItem(c, "id")->valueint, 2);
	assert_string_equal(tc_jstr(c, "name"), "Engine Services");
	assert_non_null(cJSON_GetObjectItem(c, "description"));
	assert_non_null(cJSON_GetObjectItem(c, "image"));
	tc_sql_is("2,5", "SELECT string_agg(service_category_id::text, ','"
	    " ORDER BY service_category_id) FROM mechanic_service_categories"
	    " WHERE mechanic_id = '%s'", id);
	tc_sql_is("t", "SELECT u.role_id = 2 AND u.password LIKE '$argon2id$%%'"
	    " AND m.pickup_drop AND NOT m.analysis FROM users u"
	    " JOIN mechanics m ON m.id = u.id WHERE u.id = '%s'", id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'create'"
	    " AND entity = 'mechanics' AND entity_id = '%s'", id);
	tc_resp_free(&r);
}

static void
mechanic_creation_refuses_bad_phones_and_categories(void **state)
{
	char	 body[512], *cat;
	long	 phone = tc_unique_phone();

	mech_body(body, sizeof body, atol(TC_CUSTOMER_PHONE), "1990-01-01",
	    "[]", "");
	tc_expect("POST", "/api/v1/mechanics/", admin_tok, body, 400,
	    "User with this phone number already exists.");
	mech_body(body, sizeof body, phone, "1990-01-01", "[1,999999]", "");
	tc_expect("POST", "/api/v1/mechanics/", admin_tok, body, 400,
	    "Invalid foreign key reference");
	/* a soft-deleted category is as unknown as a missing one */
	cat = tc_sqlf("INSERT INTO service_categories (name, description,"
	    " image, deleted_at) VALUES ('Gone %ld', 'gone category', 'x.jpg',"
	    " now()) RETURNING id", phone);
	assert_non_null(cat);
	snprintf(body, sizeof body, "[%s]", cat);
	free(cat);
	cat = strdup(body);
	mech_body(body, sizeof body, phone, "1990-01-01", cat, "");
	tc_expect("POST", "/api/v1/mechanics/", admin_tok, body, 400,
	    "Invalid foreign key reference");
	free(cat);
	tc_sql_is("0", "SELECT count(*) FROM users WHERE phone = %ld", phone);
}

static void
mechanic_creation_checks_fields_and_dob(void **state)
{
	static const struct {
		const char	*dob, *cats, *field, *msg;
	} cases[] = {
		{ "2999-01-01", "[]", "dob",
		    "Value error, Date of birth cannot be in the future." },
		{ "2015-06-01", "[]", "dob",
		    "Value error, Mechanic must be at least 18 years old." },
		{ "1940-06-01", "[]", "dob",
		    "Value error, Age cannot exceed 60 years." },
		{ "1990-02-30", "[]", "dob",
		    "Input should be a valid date in the format YYYY-MM-DD" },
		{ "1990-01-01", "[0]", "service_category_ids",
		    "Input should be greater than 0" },
		{ "1990-01-01", "\"x\"", "service_category_ids",
		    "Input should be a valid list" },
	};
	struct tc_resp	 r;
	char		 body[512];
	long		 phone = tc_unique_phone();
	cJSON		*d;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mech_body(body, sizeof body, phone, cases[i].dob, cases[i].cats,
		    "");
		assert_int_equal(tc_call("POST", "/api/v1/mechanics/",
		    admin_tok, body, &r), 422);
		d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"),
		    0);
		assert_string_equal(tc_jstr(d, "msg"), cases[i].msg);
		assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(d,
		    "loc"), 1)->valuestring, cases[i].field);
		tc_resp_free(&r);
	}
	tc_expect("POST", "/api/v1/mechanics/", admin_tok, "{\"name\":\"X\"}",
	    422, NULL);
	tc_sql_is("0", "SELECT count(*) FROM users WHERE phone = %ld", phone);
}

static void
mechanic_sees_only_himself(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m;
	char		 path[128], *cust;

	make_mechanic(&m, "[1]", true);
	assert_int_equal(tc_call("GET", "/api/v1/mechanics/", m.token, NULL,
	    &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "id"), m.id);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/mechanics/?mechanic_id=%s", m.id);
	tc_expect("GET", path, m.token, NULL, 200, NULL);
	tc_expect("GET", "/api/v1/mechanics/?mechanic_id=MEC000001", m.token,
	    NULL, 403, "Operation not permitted. Trying to access data of "
	    "other mechanics.");
	cust = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	tc_expect("GET", "/api/v1/mechanics/", cust, NULL, 403,
	    "Insufficient permissions.");
	tc_expect("GET", "/api/v1/mechanics/", NULL, NULL, 401,
	    "Not authenticated");
	free(cust);
	tc_user_free(&m);
}

static void
admin_lists_and_filters_mechanics(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m;
	char		 path[128], *total;

	make_mechanic(&m, "[]", false);
	snprintf(path, sizeof path, "/api/v1/mechanics/?q=%s", m.phone);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_false(tc_has_key(r.json, "password"));
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/mechanics/?mechanic_id=%s", m.id);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/mechanics/?limit=2", admin_tok,
	    NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "id"),
	    "MEC000001");
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 3);
	free(total);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET",
	    "/api/v1/mechanics/?mechanic_id=MEC99999", admin_tok, NULL, &r),
	    200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/mechanics/?sort=-nope", admin_tok, NULL, 422,
	    NULL);
}

static void
assigned_is_true_only_while_an_assignment_is_active(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m, c;
	char		 path[128], *bid, *aid;

	make_mechanic(&m, "[]", false);
	tc_user_register(&c, admin_tok, false);
	bid = make_booking(&c, 2);
	aid = make_assignment(m.id, bid, 1, 11);
	snprintf(path, sizeof path, "/api/v1/mechanics/?mechanic_id=%s", m.id);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    r.json, 0), "assigned")));
	tc_resp_free(&r);
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 17, released_at"
	    " = now() WHERE id = %s", aid));
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    r.json, 0), "assigned")));
	tc_resp_free(&r);
	free(bid);
	free(aid);
}

static void
mechanic_renames_himself_and_nothing_else(void **state)
{
	static const char *const bodies[] = {
		"{\"name\":\"X\",\"pickup_drop\":false}",
		"{\"analysis\":true}",
		"{\"dob\":\"1991-01-01\"}",
		"{\"service_category_ids\":[1,2,3]}",
		"{\"service_category_ids\":[]}",
	};
	struct tc_resp	 r;
	struct tc_user	 m;
	char		 path[128];
	size_t		 i;

	make_mechanic(&m, "[4]", true);
	snprintf(path, sizeof path, "/api/v1/mechanics/%s", m.id);
	assert_int_equal(tc_call("PUT", path, m.token, "{\"name\":\"  Myself"
	    " \"}", &r), 200);
	assert_string_equal(tc_jstr(r.json, "name"), "Myself");
	tc_resp_free(&r);
	tc_sql_is("Myself", "SELECT name FROM mechanics WHERE id = '%s'", m.id);
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
		tc_expect("PUT", path, m.token, bodies[i], 403, ABILITIES);
	tc_sql_is("t", "SELECT name = 'Myself' AND pickup_drop AND NOT analysis"
	    " AND dob = '1990-05-17' FROM mechanics WHERE id = '%s'", m.id);
	tc_sql_is("4", "SELECT string_agg(service_category_id::text, ',') FROM"
	    " mechanic_service_categories WHERE mechanic_id = '%s'", m.id);
	tc_expect("PUT", "/api/v1/mechanics/MEC000001", m.token,
	    "{\"name\":\"Hijack\"}", 403, "Operation not permitted.");
	tc_sql_is("Arunachalam", "SELECT name FROM mechanics WHERE id ="
	    " 'MEC000001'");
	tc_user_free(&m);
}

static void
admin_changes_abilities_and_replaces_categories(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m;
	char		 path[128];

	make_mechanic(&m, "[1,2]", false);
	snprintf(path, sizeof path, "/api/v1/mechanics/%s", m.id);
	assert_int_equal(tc_call("PUT", path, admin_tok, "{\"analysis\":true,"
	    "\"pickup_drop\":false,\"dob\":\"1985-02-03\","
	    "\"service_category_ids\":[3,2]}", &r), 200);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "analysis")));
	assert_string_equal(tc_jstr(r.json, "dob"), "1985-02-03");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "service_categories")), 2);
	tc_resp_free(&r);
	tc_sql_is("2,3", "SELECT string_agg(service_category_id::text, ','"
	    " ORDER BY service_category_id) FROM mechanic_service_categories"
	    " WHERE mechanic_id = '%s'", m.id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'update'"
	    " AND entity = 'mechanics' AND entity_id = '%s'", m.id);
	/* unknown categories change nothing */
	tc_expect("PUT", path, admin_tok, "{\"name\":\"Z\","
	    "\"service_category_ids\":[3,999999]}", 400,
	    "Invalid foreign key reference");
	tc_sql_is("t", "SELECT name <> 'Z' FROM mechanics WHERE id = '%s'",
	    m.id);
	/* [] clears; absent keeps */
	tc_expect("PUT", path, admin_tok, "{\"service_category_ids\":[]}", 200,
	    NULL);
	tc_sql_is("0", "SELECT count(*) FROM mechanic_service_categories WHERE"
	    " mechanic_id = '%s'", m.id);
	tc_expect("PUT", path, admin_tok, "{\"dob\":\"2020-01-01\"}", 422,
	    NULL);
	tc_expect("PUT", "/api/v1/mechanics/MEC999999999", admin_tok,
	    "{\"name\":\"X\"}", 404, "Mechanic not found.");
}

static void
deleting_a_mechanic_waits_for_his_active_assignments(void **state)
{
	struct tc_user	 m, c;
	char		 path[128], *bid, *aid;

	make_mechanic(&m, "[6]", true);
	tc_user_register(&c, admin_tok, false);
	bid = make_booking(&c, 4);
	aid = make_assignment(m.id, bid, 4, 11);
	snprintf(path, sizeof path, "/api/v1/mechanics/%s", m.id);
	tc_expect("DELETE", path, admin_tok, NULL, 409,
	    "Mechanic has active assignments.");
	tc_sql_is("t", "SELECT deleted_at IS NULL FROM mechanics WHERE id ="
	    " '%s'", m.id);
	free(tc_sqlf("UPDATE booking_assignment SET status_id = 7, completed_at"
	    " = now() WHERE id = %s", aid));
	tc_expect("DELETE", path, admin_tok, NULL, 200,
	    "Mechanic deleted successfully.");
	tc_sql_is("t", "SELECT m.deleted_at IS NOT NULL AND u.deleted_at IS NOT"
	    " NULL FROM mechanics m JOIN users u ON u.id = m.id WHERE m.id ="
	    " '%s'", m.id);
	/* history stays */
	tc_sql_is("1", "SELECT count(*) FROM booking_assignment WHERE id = %s",
	    aid);
	tc_sql_is("1", "SELECT count(*) FROM mechanic_service_categories WHERE"
	    " mechanic_id = '%s'", m.id);
	tc_expect("GET", "/api/v1/mechanics/", m.token, NULL, 401, NULL);
	tc_expect("DELETE", path, admin_tok, NULL, 404, "Mechanic not found.");
	free(bid);
	free(aid);
	tc_user_free(&m);
}

static void
workload_returns_active_assignments_and_hours(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m, c;
	char		 path[128], *b[4], *a[4], *mech;
	cJSON		*row, *list, *it;
	int		 i;

	make_mechanic(&m, "[7,2]", false);
	tc_user_register(&c, admin_tok, false);
	b[0] = make_booking(&c, 2);	/* pickup: 2 h */
	b[1] = make_booking(&c, 4);	/* analysis: 1 h */
	b[2] = make_booking(&c, 6);	/* service: its remaining work */
	b[3] = make_booking(&c, 8);	/* a released drop: nothing */
	/* confirmed 1.50 + 2.50 count; completed and rejected do not */
	free(tc_sqlf("INSERT INTO booked_services (booking_id, service_id,"
	    " status_id, est_price, completed) VALUES (%s, 1, 12, 100, false),"
	    " (%s, 2, 12, 100, false), (%s, 3, 12, 100, true),"
	    " (%s, 4, 13, 100, false)", b[2], b[2], b[2], b[2]));
	a[0] = make_assignment(m.id, b[0], 1, 11);
	a[1] = make_assignment(m.id, b[1], 4, 11);
	a[2] = make_assignment(m.id, b[2], 3, 11);
	a[3] = make_assignment(m.id, b[3], 2, 17);
	snprintf(path, sizeof path, "/api/v1/mechanics/workload?q=mech%%20%s",
	    m.phone);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	row = cJSON_GetArrayItem(r.json, 0);
	assert_string_equal(tc_jstr(row, "id"), m.id);
	assert_string_equal(tc_jstr(row, "active_hours"), "7.00");
	assert_int_equal(cJSON_GetObjectItem(row, "score")->valueint, 0);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(row, "pickup_drop")));
	list = cJSON_GetObjectItem(row, "service_categories");
	assert_int_equal(cJSON_GetArraySize(list), 2);
	assert_int_equal(cJSON_GetArrayItem(list, 0)->valueint, 2);
	assert_int_equal(cJSON_GetArrayItem(list, 1)->valueint, 7);
	list = cJSON_GetObjectItem(row, "active_assignments");
	assert_int_equal(cJSON_GetArraySize(list), 3);
	for (i = 0; i < 3; i++) {
		it = cJSON_GetArrayItem(list, i);
		assert_int_equal(cJSON_GetObjectItem(it, "id")->valueint,
		    atoi(a[i]));
		assert_int_equal(cJSON_GetObjectItem(it,
		    "booking_id")->valueint, atoi(b[i]));
		assert_int_equal(strlen(tc_jstr(it, "assigned_at")), 27);
	}
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(list, 0),
	    "assignment_type"), "pickup");
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(list, 1),
	    "assignment_type"), "analysis");
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(list, 2),
	    "assignment_type"), "service");
	tc_resp_free(&r);
	/* finishing a service shortens the hours */
	free(tc_sqlf("UPDATE booked_services SET completed = true WHERE"
	    " booking_id = %s AND service_id = 2", b[2]));
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0),
	    "active_hours"), "4.50");
	tc_resp_free(&r);
	tc_expect("GET",
	    "/api/v1/mechanics/workload?sort=-active_hours&limit=1", admin_tok,
	    NULL, 200, NULL);
	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	tc_expect("GET", "/api/v1/mechanics/workload", mech, NULL, 403,
	    "Insufficient permissions.");
	free(mech);
	for (i = 0; i < 4; i++) {
		free(b[i]);
		free(a[i]);
	}
}

static void
assignment_types_list_create_update_and_delete(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m, c;
	char		 name[64], body[128], path[128], *id, *tid, *bid, *cust;

	cust = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	assert_int_equal(tc_call("GET", "/api/v1/mechanics/assignment_type",
	    cust, NULL, &r), 200);
	assert_true(cJSON_GetArraySize(r.json) >= 4);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(r.json, 0), "name"),
	    "pickup");
	tc_resp_free(&r);
	snprintf(name, sizeof name, "Tow %ld", tc_unique_phone());
	snprintf(body, sizeof body, "{\"name\":\"  %s \"}", name);
	tc_expect("POST", "/api/v1/mechanics/assignment_type", cust, body, 403,
	    "Insufficient permissions.");
	assert_int_equal(tc_call("POST", "/api/v1/mechanics/assignment_type",
	    admin_tok, body, &r), 200);
	assert_string_equal(tc_jstr(r.json, "name"), name);
	assert_true(asprintf(&id, "%d", cJSON_GetObjectItem(r.json,
	    "id")->valueint) > 0);
	tc_resp_free(&r);
	tc_expect("POST", "/api/v1/mechanics/assignment_type", admin_tok, body,
	    400, "Assignment type already exists.");
	tc_expect("POST", "/api/v1/mechanics/assignment_type", admin_tok,
	    "{\"name\":\"PickUp\"}", 400, "Assignment type already exists.");
	tc_expect("POST", "/api/v1/mechanics/assignment_type", admin_tok,
	    "{\"name\":\"x\"}", 422, NULL);

	snprintf(path, sizeof path, "/api/v1/mechanics/assignment_type/%s", id);
	snprintf(body, sizeof body, "{\"name\":\"%s b\"}", name);
	tc_expect("PUT", path, admin_tok, body, 200, NULL);
	tc_sql_is("t", "SELECT name = '%s b' AND NOT builtin FROM"
	    " assignment_types WHERE id = %s", name, id);
	tc_expect("PUT", path, admin_tok, "{\"name\":\"drop\"}", 400,
	    "Assignment type already exists.");
	tc_expect("PUT", "/api/v1/mechanics/assignment_type/1", admin_tok,
	    "{\"name\":\"collect\"}", 409,
	    "Built-in assignment type cannot be changed.");
	tc_expect("PUT", "/api/v1/mechanics/assignment_type/32000", admin_tok,
	    "{\"name\":\"zz\"}", 404, "AssignmentType not found.");

	/* in use by an assignment: kept */
	make_mechanic(&m, "[]", false);
	tc_user_register(&c, admin_tok, false);
	bid = make_booking(&c, 2);
	tid = make_assignment(m.id, bid, atoi(id), 17);
	tc_expect("DELETE", path, admin_tok, NULL, 409,
	    "AssignmentType is in use.");
	free(tc_sqlf("DELETE FROM booking_assignment WHERE id = %s", tid));
	tc_expect("DELETE", path, admin_tok, NULL, 200,
	    "AssignmentType deleted successfully.");
	tc_sql_is("0", "SELECT count(*) FROM assignment_types WHERE id = %s",
	    id);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'delete'"
	    " AND entity = 'assignment_types' AND entity_id = '%s'", id);
	tc_expect("DELETE", path, admin_tok, NULL, 404,
	    "AssignmentType not found.");
	tc_expect("DELETE", "/api/v1/mechanics/assignment_type/4", admin_tok,
	    NULL, 409, "Built-in assignment type cannot be changed.");
	tc_sql_is("4", "SELECT count(*) FROM assignment_types WHERE builtin");
	free(cust);
	free(id);
	free(tid);
	free(bid);
}

static void
customers_and_mechanics_cannot_manage_mechanics(void **state)
{
	static const struct {
		const char	*method, *path, *body;
		int		 role;	/* 3 customer, 2 mechanic */
	} cases[] = {
		{ "POST", "/api/v1/mechanics/", "{}", 3 },
		{ "POST", "/api/v1/mechanics/", "{}", 2 },
		{ "PUT", "/api/v1/mechanics/MEC000001", "{\"name\":\"X\"}", 3 },
		{ "DELETE", "/api/v1/mechanics/MEC000001", NULL, 3 },
		{ "DELETE", "/api/v1/mechanics/MEC000001", NULL, 2 },
		{ "DELETE", "/api/v1/mechanics/assignment_type/1", NULL, 2 },
	};
	char	*tok[4] = { NULL };
	size_t	 i;

	tok[3] = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	tok[2] = tc_login(TC_MECHANIC2_PHONE, TC_PASSWORD, NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tc_expect(cases[i].method, cases[i].path, tok[cases[i].role],
		    cases[i].body, 403, "Insufficient permissions.");
	tc_sql_is("t", "SELECT deleted_at IS NULL AND name = 'Arunachalam' FROM"
	    " mechanics WHERE id = 'MEC000001'");
	free(tok[2]);
	free(tok[3]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(admin_creates_a_mechanic_with_categories),
		cmocka_unit_test(
		    mechanic_creation_refuses_bad_phones_and_categories),
		cmocka_unit_test(mechanic_creation_checks_fields_and_dob),
		cmocka_unit_test(mechanic_sees_only_himself),
		cmocka_unit_test(admin_lists_and_filters_mechanics),
		cmocka_unit_test(
		    assigned_is_true_only_while_an_assignment_is_active),
		cmocka_unit_test(mechanic_renames_himself_and_nothing_else),
		cmocka_unit_test(
		    admin_changes_abilities_and_replaces_categories),
		cmocka_unit_test(
		    deleting_a_mechanic_waits_for_his_active_assignments),
		cmocka_unit_test(workload_returns_active_assignments_and_hours),
		cmocka_unit_test(
		    assignment_types_list_create_update_and_delete),
		cmocka_unit_test(
		    customers_and_mechanics_cannot_manage_mechanics),
	};
	int	rc;

	tc_base();
	admin_tok = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (admin_tok == NULL) {
		fprintf(stderr, "cannot log in as the sample admin\n");
		return 1;
	}
	rc = cmocka_run_group_tests_name("mechanics", tests, NULL, NULL);
	free(admin_tok);
	return rc;
}
