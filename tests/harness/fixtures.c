/* Shared fixtures of the API tests: formatted SQL, JSON requests and
 * getters, settings put back, fresh rows made with SQL; see fixtures.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

/* ---- SQL ------------------------------------------------------------- */

char *
tc_sqlv(const char *fmt, va_list ap)
{
	char	*sql, *out;

	if (vasprintf(&sql, fmt, ap) < 0)
		abort();
	out = tc_sql(sql);
	free(sql);
	return out;
}

char *
tc_sqlf(const char *fmt, ...)
{
	va_list	 ap;
	char	*out;

	va_start(ap, fmt);
	out = tc_sqlv(fmt, ap);
	va_end(ap);
	return out;
}

long
tc_sql_long(const char *fmt, ...)
{
	va_list	 ap;
	char	*out;
	long	 n;

	va_start(ap, fmt);
	out = tc_sqlv(fmt, ap);
	va_end(ap);
	n = out != NULL ? atol(out) : -1;
	free(out);
	return n;
}

void
tc_sql_is(const char *want, const char *fmt, ...)
{
	va_list	 ap;
	char	*sql, *got;

	va_start(ap, fmt);
	if (vasprintf(&sql, fmt, ap) < 0)
		abort();
	va_end(ap);
	got = tc_sql(sql);
	if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: got %s, wanted %s", sql,
		    got != NULL ? got : "NULL", want != NULL ? want : "NULL");
	free(got);
	free(sql);
}

char *
tc_idstr(long id)
{
	char	*s;

	if (asprintf(&s, "%ld", id) < 0)
		abort();
	return s;
}

/* ---- HTTP ------------------------------------------------------------ */

long
tc_call(const char *method, const char *path, const char *token,
    const char *body, struct tc_resp *r)
{
	struct tc_opt	o = { .token = token };

	if (body != NULL)
		o.ctype = "application/json";
	assert_int_equal(tc_request(method, path, body, &o, r), 0);
	return r->status;
}

void
tc_expect(const char *method, const char *path, const char *token,
    const char *body, long status, const char *detail)
{
	struct tc_resp	r;

	if (tc_call(method, path, token, body, &r) != status)
		fail_msg("%s %s: %ld %s (wanted %ld)", method, path, r.status,
		    r.body, status);
	if (detail != NULL) {
		assert_non_null(tc_detail(&r));
		assert_string_equal(tc_detail(&r), detail);
	}
	tc_resp_free(&r);
}

void
tc_expect_422(const char *method, const char *path, const char *token,
    const char *body, const char *msg)
{
	struct tc_resp	 r;
	const cJSON	*d;

	if (tc_call(method, path, token, body, &r) != 422)
		fail_msg("%s %s: %ld %s (wanted 422)", method, path, r.status,
		    r.body);
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(r.json, "detail"), 0);
	assert_non_null(d);
	assert_string_equal(tc_jstr(d, "msg"), msg);
	tc_resp_free(&r);
}

const char *
tc_detail_or_msg(const struct tc_resp *r)
{
	const cJSON	*d = cJSON_GetObjectItem(r->json, "detail");

	if (cJSON_IsArray(d))
		return tc_jstr(cJSON_GetArrayItem(d, 0), "msg");
	return tc_detail(r);
}

long
tc_total_count(const struct tc_resp *r)
{
	char	*h = tc_header(r, "x-total-count");
	long	 n;

	assert_non_null(h);
	n = atol(h);
	free(h);
	return n;
}

/* ---- JSON ------------------------------------------------------------ */

const cJSON *
tc_jget(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (v == NULL)
		fail_msg("no member \"%s\"", k);
	return v;
}

const char *
tc_jstr(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsString(v))
		fail_msg("member \"%s\" is not a string", k);
	return v->valuestring;
}

double
tc_jnum(const cJSON *o, const char *k)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsNumber(v))
		fail_msg("member \"%s\" is not a number", k);
	return v->valuedouble;
}

long
tc_jlong(const cJSON *o, const char *k)
{
	return (long)tc_jnum(o, k);
}

bool
tc_has_key(const cJSON *v, const char *key)
{
	const cJSON	*it;

	for (it = v != NULL ? v->child : NULL; it != NULL; it = it->next)
		if ((it->string != NULL && strcmp(it->string, key) == 0) ||
		    tc_has_key(it, key))
			return true;
	return false;
}

void
tc_assert_json(const cJSON *got, const char *want)
{
	cJSON	*w = cJSON_Parse(want);
	char	*g;

	assert_non_null(w);
	if (!cJSON_Compare(w, got, true)) {
		g = cJSON_Print(got);
		fprintf(stderr, "got:  %s\nwant: %s\n", g, want);
		free(g);
	}
	assert_true(cJSON_Compare(w, got, true));
	cJSON_Delete(w);
}

/* ---- logins and settings --------------------------------------------- */

char *
tc_login_phone(long phone)
{
	char	 ph[24], *tok;

	snprintf(ph, sizeof ph, "%ld", phone);
	tok = tc_login(ph, TC_PASSWORD, NULL);
	if (tok == NULL)
		fail_msg("login as %s failed", ph);
	return tok;
}

char *
tc_login_id(const char *id)
{
	long	phone = tc_sql_long("SELECT phone FROM users WHERE id = '%s'",
	    id);

	if (phone < 0)
		fail_msg("no user %s", id);
	return tc_login_phone(phone);
}

/* The settings switched so far and the state each was found in. */
static struct {
	char	name[64];
	bool	was;
} settings_saved[8];
static int	settings_nsaved;

/* The state of setting name in the settings list (asserted present). */
static bool
setting_state(const char *token, const char *name)
{
	struct tc_resp	 r;
	const cJSON	*it;
	bool		 found = false, on = false;

	assert_int_equal(tc_call("GET", "/api/v1/settings/", token, NULL, &r),
	    200);
	cJSON_ArrayForEach(it, r.json)
		if (strcmp(tc_jstr(it, "setting_id"), name) == 0) {
			found = true;
			on = cJSON_IsTrue(cJSON_GetObjectItem(it, "state"));
		}
	tc_resp_free(&r);
	if (!found)
		fail_msg("no setting %s", name);
	return on;
}

/* PUT the setting's state, which must answer 200. */
static void
setting_put(const char *token, const char *name, bool on)
{
	char	path[128];

	snprintf(path, sizeof path, "/api/v1/settings/%s?state=%s", name,
	    on ? "true" : "false");
	tc_expect("PUT", path, token, NULL, 200, NULL);
}

bool
tc_setting_set(const char *token, const char *name, bool on)
{
	bool	was = setting_state(token, name);
	int	i;

	for (i = 0; i < settings_nsaved; i++)
		if (strcmp(settings_saved[i].name, name) == 0)
			break;
	if (i == settings_nsaved) {
		assert_true(settings_nsaved < (int)(sizeof settings_saved /
		    sizeof settings_saved[0]));
		snprintf(settings_saved[i].name, sizeof settings_saved[i].name,
		    "%s", name);
		settings_saved[i].was = was;
		settings_nsaved++;
	}
	setting_put(token, name, on);
	return was;
}

void
tc_setting_restore(const char *token)
{
	int	n = settings_nsaved;

	settings_nsaved = 0;	/* forgotten even if a PUT fails */
	while (n-- > 0)
		setting_put(token, settings_saved[n].name,
		    settings_saved[n].was);
}

int
tc_group_setup(char **admin, ...)
{
	va_list		 ap;
	const char	*name;

	*admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (*admin == NULL)
		return -1;
	va_start(ap, admin);
	while ((name = va_arg(ap, const char *)) != NULL)
		tc_setting_set(*admin, name, false);
	va_end(ap);
	return 0;
}

int
tc_group_teardown(char **admin)
{
	tc_setting_restore(*admin);
	free(*admin);
	*admin = NULL;
	return 0;
}

/* ---- fresh rows ------------------------------------------------------ */

/* The mechanics this program made, for tc_retire_mechanics. */
static char	mechanics_made[256][17];
static int	mechanics_nmade;

/* The user's name: the format name (or dflt) given the phone. */
static void
user_name(char *buf, size_t len, const char *name, const char *dflt,
    long phone)
{
	snprintf(buf, len, name != NULL ? name : dflt, phone);
}

char *
tc_new_customer(const char *name, long *phone)
{
	long	 p = tc_unique_phone();
	char	 nm[128], *id;

	if (phone != NULL)
		*phone = p;
	user_name(nm, sizeof nm, name, "Test %ld", p);
	id = tc_sqlf("WITH u AS (INSERT INTO users (id, role_id, phone,"
	    " password) SELECT revcare_next_user_id('CST', 'customer_seq'), 3,"
	    " %ld, password FROM users WHERE id = 'CST000001' RETURNING id)"
	    " INSERT INTO customers (id, name, email) SELECT id, '%s',"
	    " 't%ld@example.test' FROM u RETURNING id", p, nm, p);
	if (id == NULL)
		fail_msg("could not make customer %s", nm);
	return id;
}

char *
tc_new_mechanic(const char *name, bool pickup_drop, bool analysis,
    const char *categories, long *phone)
{
	long	 p = tc_unique_phone();
	char	 nm[128], *id;

	if (phone != NULL)
		*phone = p;
	user_name(nm, sizeof nm, name, "Mech %ld", p);
	id = tc_sqlf("WITH u AS (INSERT INTO users (id, role_id, phone,"
	    " password) SELECT revcare_next_user_id('MEC', 'mechanic_seq'), 2,"
	    " %ld, password FROM users WHERE id = 'MEC000001' RETURNING id),"
	    " m AS (INSERT INTO mechanics (id, name, dob, pickup_drop,"
	    " analysis) SELECT id, '%s', '1990-01-01', %s, %s FROM u"
	    " RETURNING id), c AS (INSERT INTO mechanic_service_categories"
	    " (mechanic_id, service_category_id) SELECT m.id, x FROM m,"
	    " unnest('%s'::int[]) x) SELECT id FROM m", p, nm,
	    pickup_drop ? "true" : "false", analysis ? "true" : "false",
	    categories != NULL ? categories : "{}");
	if (id == NULL)
		fail_msg("could not make mechanic %s", nm);
	if (mechanics_nmade < (int)(sizeof mechanics_made /
	    sizeof mechanics_made[0]))
		snprintf(mechanics_made[mechanics_nmade++],
		    sizeof mechanics_made[0], "%s", id);
	return id;
}

void
tc_retire_mechanics(void)
{
	int	i;

	for (i = 0; i < mechanics_nmade; i++)
		free(tc_sqlf("WITH a AS (UPDATE booking_assignment SET"
		    " status_id = 17, released_at = now(), release_reason ="
		    " 'test over' WHERE mechanic_id = '%s' AND status_id = 11),"
		    " m AS (UPDATE mechanics SET deleted_at = now() WHERE id ="
		    " '%s') UPDATE users SET deleted_at = now() WHERE id ="
		    " '%s'",
		    mechanics_made[i], mechanics_made[i], mechanics_made[i]));
	mechanics_nmade = 0;
}

long
tc_new_car(const char *customer, int model, const char *reg)
{
	char	fresh[32];
	long	id;

	if (reg == NULL) {
		snprintf(fresh, sizeof fresh, "TC %ld", tc_unique_phone());
		reg = fresh;
	}
	id = tc_sql_long("INSERT INTO customer_cars (reg_number,"
	    " reg_number_norm, car_model_id, customer_id) VALUES ('%s',"
	    " upper(regexp_replace('%s', '[^A-Za-z0-9]', '', 'g')), %d, '%s')"
	    " RETURNING id", reg, reg, model, customer);
	if (id <= 0)
		fail_msg("could not make car %s of %s", reg, customer);
	return id;
}

long
tc_new_address(const char *customer, const char *label, const char *line1,
    int area)
{
	long	id;

	id = tc_sql_long("INSERT INTO addresses (customer_id, label, line1,"
	    " area_id) VALUES ('%s', NULLIF('%s', ''), '%s', %d) RETURNING id",
	    customer, label != NULL ? label : "",
	    line1 != NULL ? line1 : "1 Test Street", area);
	if (id <= 0)
		fail_msg("could not make an address of %s", customer);
	return id;
}

long
tc_new_booking(struct tc_booking *b)
{
	long		 car = b->car, pickup = b->pickup, drop = b->drop, id;
	int		 status = b->status > 0 ? b->status : 1;
	char		 days[32], reg[64], *made = NULL;
	const char	*owner = b->customer;

	if (owner == NULL)
		owner = made = tc_new_customer(b->name, &b->phone);
	if (car == 0 && b->reg != NULL) {
		if (made == NULL)
			b->phone = tc_sql_long("SELECT phone FROM users WHERE"
			    " id = '%s'", owner);
		snprintf(reg, sizeof reg, b->reg, b->phone);
	}
	if (car == 0)
		car = tc_new_car(owner, 1, b->reg != NULL ? reg : NULL);
	if (pickup == 0)
		pickup = tc_new_address(owner, NULL, b->line1, 1);
	if (drop == 0)
		drop = pickup;
	snprintf(days, sizeof days, "%d days",
	    b->drop_days > 0 ? b->drop_days : 5);
	id = tc_sql_long("WITH b AS (INSERT INTO bookings (customer_id,"
	    " customer_car_id, car_reg_number, status_id, pickup_address_id,"
	    " pickup_date, pickup_timeslot_id, drop_address_id, drop_date,"
	    " drop_timeslot_id, promised_at, created_by, car_received,"
	    " cancelled_at, cancelled_by) SELECT '%s', id, reg_number, %d, %ld,"
	    " current_date + 1, 1, %ld, current_date + %d, %d,"
	    " now() + interval '%s', '%s', %s,"
	    " CASE WHEN %d = 10 THEN now() - interval '1 hour' END,"
	    " CASE WHEN %d = 10 THEN 'ADM000001' END FROM customer_cars"
	    " WHERE id = %ld RETURNING id), s AS (INSERT INTO booked_services"
	    " (booking_id, service_id, est_price) SELECT b.id, pc.service_id,"
	    " pc.price FROM b, price_chart pc WHERE pc.car_class_id = 1 AND"
	    " pc.service_id = ANY ('%s'::int[])) SELECT id FROM b", owner,
	    status, pickup, drop, b->drop_days > 0 ? b->drop_days : 5,
	    b->drop_slot > 0 ? b->drop_slot : 2,
	    b->promised != NULL ? b->promised : days, owner,
	    b->received ? "true" : "false", status, status, car,
	    b->services != NULL ? b->services : "{}");
	if (id <= 0)
		fail_msg("could not make a booking of %s", owner);
	free(made);
	return id;
}

long
tc_new_assignment(const char *mechanic, long booking, int type, int status)
{
	long	id;

	id = tc_sql_long("INSERT INTO booking_assignment (mechanic_id,"
	    " booking_id, assignment_type_id, status_id, assigned_by)"
	    " VALUES ('%s', %ld, %d, %d, 'ADM000001') RETURNING id", mechanic,
	    booking, type, status);
	if (id <= 0)
		fail_msg("could not assign %s to %ld", mechanic, booking);
	return id;
}

void
tc_customer_new(struct tc_customer *c, const char *name, int model)
{
	char	*id, reg[32];

	id = tc_new_customer(name, &c->phone);
	snprintf(c->id, sizeof c->id, "%s", id);
	free(id);
	snprintf(reg, sizeof reg, "TB %ld", c->phone);
	c->car = tc_new_car(c->id, model, reg);
	c->addr = tc_new_address(c->id, "Home", "1 Test Street", 1);
	c->token = tc_login_phone(c->phone);
}

void
tc_customer_free(struct tc_customer *c)
{
	free(c->token);
	c->token = NULL;
}

void
tc_user_new(struct tc_user *u, int role, const char *name)
{
	char	*id;
	long	 phone;

	memset(u, 0, sizeof *u);
	if (role == 3)
		id = tc_new_customer(name, &phone);
	else
		id = tc_new_mechanic(name, true, false, NULL, &phone);
	snprintf(u->id, sizeof u->id, "%s", id);
	free(id);
	snprintf(u->phone, sizeof u->phone, "%ld", phone);
	if (role == 3)
		snprintf(u->email, sizeof u->email, "t%ld@example.test", phone);
	u->token = tc_login_phone(phone);
}

void
tc_user_register(struct tc_user *u, const char *admin, bool login)
{
	struct tc_resp	 r;
	char		*body;
	long		 phone = tc_unique_phone();

	memset(u, 0, sizeof *u);
	snprintf(u->phone, sizeof u->phone, "%ld", phone);
	snprintf(u->email, sizeof u->email, "p%ld@people.test", phone);
	if (asprintf(&body, "{\"name\":\"People %ld\",\"phone\":%ld,"
	    "\"email\":\"%s\",\"password\":\"%s\"}", phone, phone, u->email,
	    TC_PASSWORD) < 0)
		abort();
	if (tc_call("POST", "/api/v1/customers/", admin, body, &r) != 200)
		fail_msg("register %ld: %ld %s", phone, r.status, r.body);
	snprintf(u->id, sizeof u->id, "%s", tc_jstr(r.json, "id"));
	tc_resp_free(&r);
	free(body);
	if (login)
		u->token = tc_login_phone(phone);
}

void
tc_user_free(struct tc_user *u)
{
	free(u->token);
	u->token = NULL;
}

int
tc_cast_new(struct tc_cast *c)
{
	memset(c, 0, sizeof *c);
	c->admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (c->admin == NULL)
		return -1;
	tc_user_new(&c->a, 3, NULL);
	tc_user_new(&c->b, 3, NULL);
	tc_user_new(&c->m, 2, NULL);
	return 0;
}

void
tc_cast_free(struct tc_cast *c)
{
	free(c->admin);
	tc_user_free(&c->a);
	tc_user_free(&c->b);
	tc_user_free(&c->m);
	memset(c, 0, sizeof *c);
}

const char *
tc_cast_token(const struct tc_cast *c, enum tc_who who)
{
	switch (who) {
	case TC_ADMIN:	return c->admin;
	case TC_CUST_A:	return c->a.token;
	case TC_CUST_B:	return c->b.token;
	case TC_MECH:	return c->m.token;
	default:	return NULL;
	}
}

/* tmpl with {a}, {b} and key replaced by the cast's ids and value. */
static void
failures_expand(const char *tmpl, const struct tc_cast *c, const char *key,
    const char *value, char *out, size_t len)
{
	const char	*v;
	size_t		 o = 0;

	while (*tmpl != '\0' && o + 1 < len) {
		v = NULL;
		if (key != NULL && strncmp(tmpl, key, strlen(key)) == 0)
			v = value;
		else if (strncmp(tmpl, "{a}", 3) == 0)
			v = c->a.id;
		else if (strncmp(tmpl, "{b}", 3) == 0)
			v = c->b.id;
		if (v == NULL) {
			out[o++] = *tmpl++;
			continue;
		}
		o += (size_t)snprintf(out + o, len - o, "%s", v);
		tmpl = strchr(tmpl, '}') + 1;
	}
	out[o < len ? o : len - 1] = '\0';
}

void
tc_failures_run(const struct tc_failure *rows, size_t n,
    const struct tc_cast *c, const char *key, const char *value)
{
	const struct tc_failure	*f;
	struct tc_resp		 r;
	char			 path[256], body[1024];
	const char		*got;

	for (f = rows; f < rows + n; f++) {
		failures_expand(f->path, c, key, value, path, sizeof path);
		if (f->body != NULL)
			failures_expand(f->body, c, key, value, body,
			    sizeof body);
		tc_call(f->method, path, tc_cast_token(c, f->who),
		    f->body != NULL ? body : NULL, &r);
		if (r.status != f->status)
			fail_msg("%s %s: %ld, want %ld (%s)", f->method, path,
			    r.status, f->status, r.body);
		got = tc_detail_or_msg(&r);
		if (f->detail != NULL && (got == NULL ||
		    strcmp(got, f->detail) != 0))
			fail_msg("%s %s: detail %s", f->method, path, r.body);
		tc_resp_free(&r);
	}
}

void
tc_fx_new(struct tc_fx *f, const char *name, int status,
    const char *services, int type)
{
	struct tc_booking	 b = { .status = status,
	    .received = status >= 3, .services = services };
	char			 fmt[64];

	memset(f, 0, sizeof *f);
	snprintf(fmt, sizeof fmt, "%s %%ld", name);
	f->customer = tc_new_customer(fmt, &f->cphone);
	b.customer = f->customer;
	f->booking = tc_new_booking(&b);
	f->ctoken = tc_login_phone(f->cphone);
	if (type == 0)
		return;
	snprintf(fmt, sizeof fmt, "%s Mech %%ld", name);
	f->mech = tc_new_mechanic(fmt, type == 1 || type == 2, type == 4,
	    TC_ALL_CATEGORIES, &f->mphone);
	f->mtoken = tc_login_phone(f->mphone);
	f->assignment = tc_new_assignment(f->mech, f->booking, type, 11);
}

void
tc_fx_free(struct tc_fx *f)
{
	free(f->customer);
	free(f->ctoken);
	free(f->mech);
	free(f->mtoken);
	memset(f, 0, sizeof *f);
}

/* ---- bookings and their events --------------------------------------- */

const char *
tc_day(int n)
{
	static char	 ring[8][16];
	static int	 k;
	char		*s, *b = ring[k++ % 8];

	s = tc_sqlf("SELECT ((now() AT TIME ZONE 'Asia/Kolkata')::date + %d)"
	    "::text", n);
	assert_non_null(s);
	snprintf(b, sizeof ring[0], "%s", s);
	free(s);
	return b;
}

char *
tc_booking_body(const struct tc_customer *c, const char *prices, int from,
    int to)
{
	char	*b;

	if (asprintf(&b, "{\"customer_car_id\":%ld,"
	    "\"pickup_address_id\":%ld,\"drop_address_id\":%ld,"
	    "\"pickup_date\":\"%s\",\"drop_date\":\"%s\","
	    "\"pickup_timeslot_id\":1,\"drop_timeslot_id\":2,"
	    "\"service_price\":%s}", c->car, c->addr, c->addr, tc_day(from),
	    tc_day(to), prices) < 0)
		abort();
	return b;
}

long
tc_book(const struct tc_customer *c, const char *prices)
{
	struct tc_resp	 r;
	char		*body = tc_booking_body(c, prices, 2, 3);
	long		 id;

	if (tc_call("POST", "/api/v1/bookings/", c->token, body, &r) != 200)
		fail_msg("book: %ld %s", r.status, r.body);
	id = tc_jlong(r.json, "id");
	tc_resp_free(&r);
	free(body);
	return id;
}

long
tc_max_seq(void)
{
	return tc_sql_long("SELECT coalesce(max(seq), 0) FROM booking_events");
}

void
tc_kinds_are(long booking, long seq, const char *want)
{
	tc_sql_is(want, "SELECT coalesce(string_agg(kind, ',' ORDER BY seq),"
	    " '') FROM booking_events WHERE booking_id = %ld AND seq > %ld",
	    booking, seq);
}
