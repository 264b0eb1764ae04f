/* Customers against the real server: registration (throttled per IP),
 * who may see and change which profile, soft deletion with everything the
 * customer owns, and the cart and favourites round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define NOT_YOURS \
	"Operation not permitted. Trying to access data of other customers."
#define REG_KEY	"reg-ip:%"

static char	*admin_tok;

/* No response may carry a password, in clear or hashed. */
static void
no_secrets(const struct tc_resp *r)
{
	assert_false(tc_has_key(r->json, "password"));
	assert_null(strstr(r->body, "$argon2"));
	assert_null(strstr(r->body, TC_PASSWORD));
}

/* A car and an address for w; their ids (caller frees). */
static void
make_car_and_address(const struct tc_user *w, char **car, char **addr)
{
	char	reg[32];

	snprintf(reg, sizeof reg, "PP %s", w->phone);
	*car = tc_idstr(tc_new_car(w->id, 1, reg));
	*addr = tc_idstr(tc_new_address(w->id, "Home", NULL, 1));
}

/* A booking of w in status_id; its id (caller frees). */
static char *
make_booking(const struct tc_user *w, int status_id)
{
	struct tc_booking	b = { .customer = w->id, .reg = "PP %ld",
	    .status = status_id, .drop_days = 2, .drop_slot = 1,
	    .promised = "2 days" };

	b.pickup = tc_new_address(w->id, "Home", NULL, 1);
	return tc_idstr(tc_new_booking(&b));
}

/* A fresh mechanic made in SQL with the sample password; logged in. */
static void
make_mechanic(struct tc_user *w)
{
	long	 phone;
	char	*id = tc_new_mechanic(NULL, false, false, NULL, &phone);

	memset(w, 0, sizeof *w);
	snprintf(w->id, sizeof w->id, "%s", id);
	free(id);
	snprintf(w->phone, sizeof w->phone, "%ld", phone);
	w->token = tc_login_phone(phone);
}

/* s lower-cased in place. */
static char *
lower(char *s)
{
	char	*c;

	for (c = s; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return s;
}

/* A registration body for a fresh phone. */
static void
reg_body(char *buf, size_t len, long phone, const char *email)
{
	snprintf(buf, len, "{\"name\":\"  Reg %ld \",\"phone\":%ld,"
	    "\"email\":\"%s\",\"password\":\"%s\"}", phone, phone, email,
	    TC_PASSWORD);
}

static void
anonymous_registration_creates_the_user_and_the_customer(void **state)
{
	struct tc_resp	 r;
	char		 body[512], email[64], want[64];
	long		 phone = tc_unique_phone();
	const char	*id;

	free(tc_sql("DELETE FROM login_throttle WHERE key LIKE '" REG_KEY "'"));
	snprintf(email, sizeof email, "Reg%ld@People.TEST", phone);
	reg_body(body, sizeof body, phone, email);
	assert_int_equal(tc_call("POST", "/api/v1/customers/", NULL, body, &r),
	    200);
	no_secrets(&r);
	assert_int_equal(cJSON_GetArraySize(r.json), 4);
	id = cJSON_GetObjectItem(r.json, "id")->valuestring;
	assert_true(strncmp(id, "CST", 3) == 0 && strlen(id) >= 9);
	snprintf(want, sizeof want, "Reg %ld", phone);	/* trimmed */
	assert_string_equal(cJSON_GetObjectItem(r.json, "name")->valuestring,
	    want);
	assert_string_equal(cJSON_GetObjectItem(r.json, "email")->valuestring,
	    lower(email));
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(r.json, "phone")));
	assert_int_equal((long)cJSON_GetObjectItem(r.json,
	    "phone")->valuedouble, phone);
	tc_sql_is("t", "SELECT u.role_id = 3 AND u.password LIKE '$argon2id$%%'"
	    " AND c.email = lower('%s') AND c.name = 'Reg %ld'"
	    " FROM users u JOIN customers c ON c.id = u.id WHERE u.id = '%s'",
	    email, phone, id);
	tc_resp_free(&r);
	free(tc_sql("DELETE FROM login_throttle WHERE key LIKE '" REG_KEY "'"));
}

static void
registration_refuses_a_phone_or_an_email(void **state)
{
	char	 body[512], email[64];
	long	 phone = tc_unique_phone();

	/* a mechanic's phone */
	reg_body(body, sizeof body, 6374159500L, "fresh@people.test");
	tc_expect("POST", "/api/v1/customers/", admin_tok, body, 400,
	    "User with this phone number already exists.");
	/* a customer's e-mail, in other letters */
	reg_body(body, sizeof body, phone, "SURYA@gmail.com");
	tc_expect("POST", "/api/v1/customers/", admin_tok, body, 400,
	    "User with this email already exists.");
	tc_sql_is("0", "SELECT count(*) FROM users WHERE phone = %ld", phone);
	/* an admin's e-mail is free for a customer */
	snprintf(email, sizeof email, "adm%ld@people.test", phone);
	snprintf(body, sizeof body, "{\"name\":\"Adm\",\"phone\":%ld,"
	    "\"email\":\"%s\",\"password\":\"%s\"}", tc_unique_phone(), email,
	    TC_PASSWORD);
	tc_expect("POST", "/api/v1/admins/", admin_tok, body, 200, NULL);
	reg_body(body, sizeof body, phone, email);
	tc_expect("POST", "/api/v1/customers/", admin_tok, body, 200, NULL);
}

static void
registration_checks_every_field(void **state)
{
	static const struct {
		const char	*body;
		const char	*field;
		const char	*type;
	} cases[] = {
		{ "{\"phone\":8123456789,\"email\":\"a@b.co\"}", "name",
		    "missing" },
		{ "{\"name\":\"   \",\"phone\":8123456789,\"email\":\"a@b.co\","
		    "\"password\":\"Sk18102004.\"}", "name",
		    "string_too_short" },
		{ "{\"name\":\"N\",\"phone\":5999999999,\"email\":\"a@b.co\","
		    "\"password\":\"Sk18102004.\"}", "phone",
		    "greater_than_equal" },
		{ "{\"name\":\"N\",\"phone\":8123456789,\"email\":\"a.b.co\","
		    "\"password\":\"Sk18102004.\"}", "email", "value_error" },
		{ "{\"name\":\"N\",\"phone\":8123456789,\"email\":\"a@b.co\","
		    "\"password\":\"sk18102004.\"}", "password",
		    "value_error" },
		{ "{\"name\":\"N\",\"phone\":8123456789,\"email\":\"a@b.co\","
		    "\"password\":\"Sk1.\"}", "password", "string_too_short" },
	};
	struct tc_resp	 r;
	cJSON		*d;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(tc_call("POST", "/api/v1/customers/",
		    admin_tok, cases[i].body, &r), 422);
		d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"),
		    0);
		assert_string_equal(cJSON_GetObjectItem(d, "type")->valuestring,
		    cases[i].type);
		assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(d,
		    "loc"), 1)->valuestring, cases[i].field);
		no_secrets(&r);
		tc_resp_free(&r);
	}
	tc_sql_is("0", "SELECT count(*) FROM users WHERE phone = 8123456789");
}

static void
desk_registration_needs_write_customers_and_is_audited(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 c;
	char		 body[512];
	long		 phone = tc_unique_phone();

	tc_user_register(&c, admin_tok, true);
	reg_body(body, sizeof body, phone, "desk@people.test");
	tc_expect("POST", "/api/v1/customers/", c.token, body, 403,
	    "Insufficient permissions.");
	tc_expect("POST", "/api/v1/customers/", "not.a.token", body, 401,
	    "Invalid token.");
	snprintf(body, sizeof body, "{\"name\":\"Desk\",\"phone\":%ld,"
	    "\"email\":\"desk%ld@people.test\",\"password\":\"%s\"}", phone,
	    phone, TC_PASSWORD);
	assert_int_equal(tc_call("POST", "/api/v1/customers/", admin_tok, body,
	    &r), 200);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE actor ="
	    " 'ADM000001' AND action = 'create' AND entity = 'customers' AND"
	    " entity_id = '%s'", cJSON_GetObjectItem(r.json,
	    "id")->valuestring);
	tc_resp_free(&r);
	tc_user_free(&c);
}

static void
eleventh_anonymous_registration_from_one_ip_is_429(void **state)
{
	struct tc_resp	 r;
	char		 body[512], email[64], *retry;
	long		 phone;
	int		 i;

	free(tc_sql("DELETE FROM login_throttle WHERE key LIKE '" REG_KEY "'"));
	/* two that succeed and eight that fail validation: all count */
	for (i = 0; i < 10; i++) {
		phone = tc_unique_phone();
		snprintf(email, sizeof email, "t%ld@people.test", phone);
		if (i < 2)
			reg_body(body, sizeof body, phone, email);
		else
			snprintf(body, sizeof body, "{\"name\":\"T\"}");
		tc_expect("POST", "/api/v1/customers/", NULL, body, i < 2 ? 200
		    : 422, NULL);
	}
	phone = tc_unique_phone();
	snprintf(email, sizeof email, "t%ld@people.test", phone);
	reg_body(body, sizeof body, phone, email);
	assert_int_equal(tc_call("POST", "/api/v1/customers/", NULL, body, &r),
	    429);
	assert_string_equal(tc_detail(&r),
	    "Too many requests. Try again later.");
	retry = tc_header(&r, "retry-after");
	assert_non_null(retry);
	assert_true(atoi(retry) > 3000 && atoi(retry) <= 3600);
	free(retry);
	tc_resp_free(&r);
	tc_sql_is("0", "SELECT count(*) FROM users WHERE phone = %ld", phone);
	/* admins are not throttled */
	tc_expect("POST", "/api/v1/customers/", admin_tok, body, 200, NULL);
	free(tc_sql("DELETE FROM login_throttle WHERE key LIKE '" REG_KEY "'"));
}

static void
customer_lists_only_himself(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a, b;
	char		 path[128], *total;

	tc_user_register(&a, admin_tok, true);
	tc_user_register(&b, admin_tok, false);
	assert_int_equal(tc_call("GET", "/api/v1/customers/", a.token, NULL,
	    &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuestring, a.id);
	total = tc_header(&r, "x-total-count");
	assert_string_equal(total, "1");
	free(total);
	no_secrets(&r);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/customers/?customer_id=%s", a.id);
	tc_expect("GET", path, a.token, NULL, 200, NULL);
	snprintf(path, sizeof path, "/api/v1/customers/?customer_id=%s", b.id);
	tc_expect("GET", path, a.token, NULL, 403, NOT_YOURS);
	tc_expect("GET", "/api/v1/customers/", NULL, NULL, 401,
	    "Not authenticated");
	tc_user_free(&a);
}

static void
admin_lists_pages_and_searches_customers(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[160], *total;

	tc_user_register(&a, admin_tok, false);
	/* q matches the phone; the id filter narrows to one */
	snprintf(path, sizeof path, "/api/v1/customers/?q=%s", a.phone);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/customers/?q=P%s@PEOPLE",
	    a.phone);
	assert_int_equal(tc_call("GET", path, admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);
	assert_int_equal(tc_call("GET", "/api/v1/customers/?limit=1&sort=-id",
	    admin_tok, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	total = tc_header(&r, "x-total-count");
	assert_true(atol(total) >= 3);
	free(total);
	tc_resp_free(&r);
	tc_expect("GET", "/api/v1/customers/?customer_id=CST999999999",
	    admin_tok, NULL, 200, NULL);
	tc_expect("GET", "/api/v1/customers/?sort=password", admin_tok, NULL,
	    422, NULL);
	tc_expect("GET", "/api/v1/customers/?limit=0", admin_tok, NULL, 422,
	    NULL);
}

static void
mechanic_lists_only_customers_of_his_bookings(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 m, a, b;
	char		*bid, path[160];

	make_mechanic(&m);
	tc_user_register(&a, admin_tok, false);
	tc_user_register(&b, admin_tok, false);
	assert_int_equal(tc_call("GET", "/api/v1/customers/", m.token, NULL,
	    &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	/* a released assignment still counts: he held it */
	bid = make_booking(&a, 2);
	free(tc_sqlf("INSERT INTO booking_assignment (mechanic_id, booking_id,"
	    " assignment_type_id, status_id, assigned_by) VALUES ('%s', %s, 1,"
	    " 17, 'ADM000001')", m.id, bid));
	assert_int_equal(tc_call("GET", "/api/v1/customers/", m.token, NULL,
	    &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(r.json, 0),
	    "id")->valuestring, a.id);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/customers/?customer_id=%s", b.id);
	assert_int_equal(tc_call("GET", path, m.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 0);
	tc_resp_free(&r);
	/* mechanics hold no UPDATE or DELETE scope on customers */
	snprintf(path, sizeof path, "/api/v1/customers/%s", a.id);
	tc_expect("PUT", path, m.token, "{\"name\":\"X\"}", 403,
	    "Insufficient permissions.");
	tc_expect("DELETE", path, m.token, NULL, 403, "Insufficient"
	    " permissions.");
	free(bid);
	tc_user_free(&m);
}

static void
customer_b_cannot_read_update_or_delete_customer_a(void **state)
{
	static const struct {
		const char	*method, *path, *body;
	} cases[] = {
		{ "GET", "/api/v1/customers/?customer_id=%s", NULL },
		{ "PUT", "/api/v1/customers/%s", "{\"name\":\"Hacked\"}" },
		{ "PUT", "/api/v1/customers/%s", "{}" },
		{ "DELETE", "/api/v1/customers/%s", NULL },
	};
	struct tc_user	 a, b;
	char		 path[160];
	size_t		 i;

	tc_user_register(&a, admin_tok, false);
	tc_user_register(&b, admin_tok, true);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(path, sizeof path, cases[i].path, a.id);
		tc_expect(cases[i].method, path, b.token, cases[i].body, 403,
		    NOT_YOURS);
	}
	tc_sql_is("t", "SELECT c.name = 'People %s' AND c.deleted_at IS NULL"
	    " AND u.deleted_at IS NULL FROM customers c JOIN users u ON u.id ="
	    " c.id WHERE c.id = '%s'", a.phone, a.id);
	tc_user_free(&b);
}

static void
customer_updates_his_name_and_email(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[160], body[256];

	tc_user_register(&a, admin_tok, true);
	snprintf(path, sizeof path, "/api/v1/customers/%s", a.id);
	snprintf(body, sizeof body, "{\"name\":\"  New Name \",\"email\":"
	    "\"NEW.%s@People.test\"}", a.phone);
	assert_int_equal(tc_call("PUT", path, a.token, body, &r), 200);
	no_secrets(&r);
	assert_string_equal(cJSON_GetObjectItem(r.json, "name")->valuestring,
	    "New Name");
	assert_int_equal((long)cJSON_GetObjectItem(r.json,
	    "phone")->valuedouble, atol(a.phone));
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT name = 'New Name' AND email ="
	    " 'new.%s@people.test' FROM customers WHERE id = '%s'", a.phone,
	    a.id);
	/* phone and password are not changed here */
	tc_expect("PUT", path, a.token, "{\"phone\":9999999990,\"password\":"
	    "\"Other#Pass1\"}", 200, NULL);
	tc_sql_is(a.phone, "SELECT phone FROM users WHERE id = '%s'", a.id);
	tc_expect("PUT", path, a.token, "{\"email\":\"rahul@gmail.com\"}", 400,
	    "User with this email already exists.");
	tc_expect("PUT", path, a.token, "{\"email\":\"nope\"}", 422, NULL);
	tc_expect("PUT", path, a.token, "{\"name\":\"\"}", 422, NULL);
	tc_expect("PUT", "/api/v1/customers/CST999999999", admin_tok,
	    "{\"name\":\"X\"}", 404, "Customer not found.");
	tc_user_free(&a);
}

static void
deleting_a_customer_soft_deletes_everything_he_owns(void **state)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[160], *car, *addr;

	tc_user_register(&a, admin_tok, true);
	make_car_and_address(&a, &car, &addr);
	free(tc_sqlf("INSERT INTO cart (customer_id, service_id) VALUES"
	    " ('%s', 1)", a.id));
	free(tc_sqlf("INSERT INTO favourites (customer_id, service_id) VALUES"
	    " ('%s', 2)", a.id));
	snprintf(path, sizeof path, "/api/v1/customers/%s", a.id);
	assert_int_equal(tc_call("DELETE", path, a.token, NULL, &r), 200);
	assert_string_equal(tc_detail(&r), "Customer deleted successfully.");
	tc_resp_free(&r);
	tc_sql_is("t", "SELECT c.deleted_at IS NOT NULL AND u.deleted_at IS NOT"
	    " NULL AND u.tokens_valid_after IS NOT NULL FROM customers c JOIN"
	    " users u ON u.id = c.id WHERE c.id = '%s'", a.id);
	tc_sql_is("t", "SELECT deleted_at IS NOT NULL FROM customer_cars WHERE"
	    " id = %s", car);
	tc_sql_is("t", "SELECT deleted_at IS NOT NULL FROM addresses WHERE"
	    " id = %s", addr);
	tc_sql_is("0", "SELECT (SELECT count(*) FROM cart WHERE customer_id ="
	    " '%s') + (SELECT count(*) FROM favourites WHERE customer_id ="
	    " '%s')", a.id, a.id);
	tc_sql_is("0", "SELECT count(*) FROM refresh_tokens WHERE user_id ="
	    " '%s' AND revoked_at IS NULL", a.id);
	/* the session is over and the account is gone */
	tc_expect("GET", "/api/v1/customers/", a.token, NULL, 401, NULL);
	tc_expect("DELETE", path, admin_tok, NULL, 404, "Customer not found.");
	/* the phone is free again */
	tc_sql_is("f", "SELECT EXISTS (SELECT 1 FROM users WHERE phone = %s AND"
	    " deleted_at IS NULL)", a.phone);
	free(car);
	free(addr);
	tc_user_free(&a);
}

static void
deleting_a_customer_with_an_open_booking_is_409(void **state)
{
	struct tc_user	 a;
	char		 path[160], *bid;

	tc_user_register(&a, admin_tok, false);
	bid = make_booking(&a, 6);
	snprintf(path, sizeof path, "/api/v1/customers/%s", a.id);
	tc_expect("DELETE", path, admin_tok, NULL, 409,
	    "Customer has open bookings.");
	tc_sql_is("t", "SELECT deleted_at IS NULL FROM customers WHERE id ="
	    " '%s'", a.id);
	/* once delivered, the customer may go; the booking stays */
	free(tc_sqlf("UPDATE bookings SET status_id = 9 WHERE id = %s", bid));
	tc_expect("DELETE", path, admin_tok, NULL, 200,
	    "Customer deleted successfully.");
	tc_sql_is("1", "SELECT count(*) FROM bookings WHERE id = %s", bid);
	tc_sql_is("1", "SELECT count(*) FROM audit_log WHERE action = 'delete'"
	    " AND entity = 'customers' AND entity_id = '%s'", a.id);
	free(bid);
}

/* The saved lists share one shape; kind is "cart" or "favourite". */
static void
saved_round_trip(const char *kind, const char *table, const char *noun)
{
	struct tc_resp	 r;
	struct tc_user	 a;
	char		 path[160], want[128], *total;
	cJSON		*it;

	tc_user_register(&a, admin_tok, true);
	snprintf(path, sizeof path, "/api/v1/customers/%s/4", kind);
	assert_int_equal(tc_call("POST", path, a.token, NULL, &r), 200);
	snprintf(want, sizeof want, "Service added to %s successfully.", noun);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    want);
	tc_resp_free(&r);
	tc_sql_is("1", "SELECT count(*) FROM %s WHERE customer_id = '%s' AND"
	    " service_id = 4", table, a.id);
	snprintf(want, sizeof want, "Service already added to %s.", noun);
	tc_expect("POST", path, a.token, NULL, 400, want);
	snprintf(path, sizeof path, "/api/v1/customers/%s/1", kind);
	tc_expect("POST", path, a.token, NULL, 200, NULL);
	snprintf(path, sizeof path, "/api/v1/customers/%s/999999", kind);
	tc_expect("POST", path, a.token, NULL, 404, "Service not found.");
	snprintf(path, sizeof path, "/api/v1/customers/%s/0", kind);
	tc_expect("POST", path, a.token, NULL, 422, NULL);

	snprintf(path, sizeof path, "/api/v1/customers/%s", kind);
	assert_int_equal(tc_call("GET", path, a.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 2);
	it = cJSON_GetArrayItem(r.json, 0);	/* oldest first */
	assert_int_equal(cJSON_GetObjectItem(it, "service_id")->valueint, 4);
	assert_string_equal(cJSON_GetObjectItem(it, "title")->valuestring,
	    "Oil Change");
	assert_string_equal(cJSON_GetObjectItem(it, "time_hrs")->valuestring,
	    "0.50");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(it,
	    "category"), "id")->valueint, 2);
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(it, "images")));
	assert_int_equal(strlen(cJSON_GetObjectItem(it,
	    "created_at")->valuestring), 27);
	total = tc_header(&r, "x-total-count");
	assert_string_equal(total, "2");
	free(total);
	tc_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/customers/%s?q=oil", kind);
	assert_int_equal(tc_call("GET", path, a.token, NULL, &r), 200);
	assert_int_equal(cJSON_GetArraySize(r.json), 1);
	tc_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/customers/%s/4", kind);
	assert_int_equal(tc_call("DELETE", path, a.token, NULL, &r), 200);
	snprintf(want, sizeof want, "Service removed from %s successfully.",
	    noun);
	assert_string_equal(cJSON_GetObjectItem(r.json, "message")->valuestring,
	    want);
	tc_resp_free(&r);
	tc_sql_is("0", "SELECT count(*) FROM %s WHERE customer_id = '%s' AND"
	    " service_id = 4", table, a.id);
	snprintf(want, sizeof want, "Service not in %s.", noun);
	tc_expect("DELETE", path, a.token, NULL, 400, want);
	tc_sql_is("1", "SELECT count(*) FROM %s WHERE customer_id = '%s'",
	    table, a.id);
	tc_user_free(&a);
}

static void
cart_add_list_and_remove_round_trip(void **state)
{
	saved_round_trip("cart", "cart", "cart");
}

static void
favourite_add_list_and_remove_round_trip(void **state)
{
	saved_round_trip("favourite", "favourites", "favourite");
}

static void
only_customers_use_cart_and_favourites(void **state)
{
	static const struct {
		const char	*method, *path;
		int		 mechanic;	/* else the admin */
		long		 status;
		const char	*detail;
	} cases[] = {
		{ "POST", "/api/v1/customers/cart/1", 0, 403, "Operation not "
		    "permitted. Only Customers can add services to cart" },
		{ "DELETE", "/api/v1/customers/cart/1", 0, 403, "Operation not "
		    "permitted. Only Customers can remove services from cart" },
		{ "GET", "/api/v1/customers/cart", 0, 403,
		    "Operation not permitted." },
		{ "POST", "/api/v1/customers/favourite/1", 0, 403, "Operation "
		    "not permitted. Only Customers can add services to "
		    "favourite" },
		{ "DELETE", "/api/v1/customers/favourite/1", 0, 403,
		    "Operation not permitted. Only Customers can remove "
		    "services from favourite" },
		{ "GET", "/api/v1/customers/favourite", 0, 403,
		    "Operation not permitted." },
		{ "GET", "/api/v1/customers/cart", 1, 403,
		    "Operation not permitted." },
		{ "POST", "/api/v1/customers/cart/1", 1, 403,
		    "Insufficient permissions." },
		{ "POST", "/api/v1/customers/favourite/1", -1, 401,
		    "Not authenticated" },
	};
	char	*mech;
	size_t	 i;

	mech = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tc_expect(cases[i].method, cases[i].path, cases[i].mechanic > 0
		    ? mech : cases[i].mechanic == 0 ? admin_tok : NULL, NULL,
		    cases[i].status, cases[i].detail);
	tc_sql_is("0", "SELECT count(*) FROM cart WHERE customer_id IN"
	    " ('ADM000001', 'MEC000001')");
	free(mech);
}

static void
a_deleted_service_cannot_be_saved(void **state)
{
	struct tc_user	 a;
	char		*sid, path[160];

	tc_user_register(&a, admin_tok, true);
	sid = tc_sql("INSERT INTO services (title, description, category_id,"
	    " works, warranty_kms, warranty_months, time_hrs, difficulty,"
	    " deleted_at) VALUES ('Gone', 'a gone service', 1, '{x}', 0, 0, 1,"
	    " 1, now()) RETURNING id");
	assert_non_null(sid);
	snprintf(path, sizeof path, "/api/v1/customers/cart/%s", sid);
	tc_expect("POST", path, a.token, NULL, 404, "Service not found.");
	snprintf(path, sizeof path, "/api/v1/customers/favourite/%s", sid);
	tc_expect("POST", path, a.token, NULL, 404, "Service not found.");
	free(sid);
	tc_user_free(&a);
}

/*
 * A missing field's 422 echoes the body as its input (as FastAPI does);
 * the password must not be echoed with it (SPEC §1.8, §3.3). The harness
 * scanner aborts the program if it is, so this test runs last.
 */
static void
missing_field_422_never_echoes_the_password(void **state)
{
	static const char *const paths[] = { "/api/v1/customers/",
	    "/api/v1/admins/", "/api/v1/mechanics/" };
	struct tc_resp	 r;
	cJSON		*in;
	size_t		 i;

	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		assert_int_equal(tc_call("POST", paths[i], admin_tok,
		    "{\"phone\":8123456789,\"password\":\"Sk18102004.\"}", &r),
		    422);
		in = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
		    r.json, "detail"), 0), "input");
		assert_null(cJSON_GetObjectItem(in, "password"));
		assert_null(strstr(r.body, "Sk18102004."));
		tc_resp_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    anonymous_registration_creates_the_user_and_the_customer),
		cmocka_unit_test(registration_refuses_a_phone_or_an_email),
		cmocka_unit_test(registration_checks_every_field),
		cmocka_unit_test(
		    desk_registration_needs_write_customers_and_is_audited),
		cmocka_unit_test(
		    eleventh_anonymous_registration_from_one_ip_is_429),
		cmocka_unit_test(customer_lists_only_himself),
		cmocka_unit_test(admin_lists_pages_and_searches_customers),
		cmocka_unit_test(mechanic_lists_only_customers_of_his_bookings),
		cmocka_unit_test(
		    customer_b_cannot_read_update_or_delete_customer_a),
		cmocka_unit_test(customer_updates_his_name_and_email),
		cmocka_unit_test(
		    deleting_a_customer_soft_deletes_everything_he_owns),
		cmocka_unit_test(
		    deleting_a_customer_with_an_open_booking_is_409),
		cmocka_unit_test(cart_add_list_and_remove_round_trip),
		cmocka_unit_test(favourite_add_list_and_remove_round_trip),
		cmocka_unit_test(only_customers_use_cart_and_favourites),
		cmocka_unit_test(a_deleted_service_cannot_be_saved),
		cmocka_unit_test(missing_field_422_never_echoes_the_password),
	};
	int	rc;

	tc_base();
	admin_tok = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (admin_tok == NULL) {
		fprintf(stderr, "cannot log in as the sample admin\n");
		return 1;
	}
	rc = cmocka_run_group_tests_name("customers", tests, NULL, NULL);
	free(admin_tok);
	return rc;
}
