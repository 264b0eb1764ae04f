/* The access matrix: every route of the route table × {no token, customer
 * A, customer B, a mechanic, an admin} → the status each must get. A route
 * without a row here fails the test, so a new endpoint cannot ship without
 * deciding who may call it. Each request gets fresh fixtures (A's car, A's
 * address, a new mechanic, …), so no row depends on another. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "router.h"
#include "fixtures.h"

enum caller { NONE, CUST_A, CUST_B, MECH, ADMIN, NCALLERS };

struct row {
	const char	*method;
	const char	*path;		/* {fixture} placeholders */
	const char	*body;		/* NULL: none; JSON unless form */
	int		 status[NCALLERS];
};

#define ROW(m, p, b, n, a, bb, mm, ad) { m, p, b, { n, a, bb, mm, ad } }

/*
 * Read a row as: no token, customer A (owner of every {fixture} that has
 * an owner), customer B, a mechanic with no bookings, the admin.
 */
static const struct row rows[] = {
#include "access_rows.h"
};

static char	*tok[NCALLERS];
static char	*cust_a, *cust_b;

static char *
new_user(const char *prefix, const char *seq, int role, const char *table)
{
	long	 phone = tc_unique_phone();
	char	*id;

	id = tc_sqlf("WITH u AS (INSERT INTO users (id, role_id, phone, password)"
	    " SELECT revcare_next_user_id('%s', '%s'), %d, %ld, password FROM"
	    " users WHERE id = 'CST000001' RETURNING id) INSERT INTO %s (id,"
	    " name%s) SELECT id, 'Access %ld'%s FROM u RETURNING id", prefix,
	    seq, role, phone, table, role == 2 ? ", dob" : ", email", phone,
	    role == 2 ? ", '1990-01-01'" :
	    ", 'access' || u.id || '@example.test'");
	return id;
}

/* A booking of customer A in status `status` (the car at the shop from
 * received on), on a car of its own, with service 1 booked. */
static char *
new_booking(int status)
{
	struct tc_booking	 b = { .customer = cust_a, .status = status,
				    .received = status >= 3,
				    .services = "{1}" };
	char			*id;

	if (asprintf(&id, "%ld", tc_new_booking(&b)) < 0)
		abort();
	return id;
}

/* A fresh fixture by name; malloc'd id text. */
static char *
fixture(const char *name)
{
	static int	n;

	n++;
	if (strcmp(name, "cust_a") == 0)
		return strdup(cust_a);
	if (strcmp(name, "cust_b") == 0)
		return strdup(cust_b);
	if (strcmp(name, "customer") == 0)
		return new_user("CST", "customer_seq", 3, "customers");
	if (strcmp(name, "mechanic") == 0)
		return new_user("MEC", "mechanic_seq", 2, "mechanics");
	if (strcmp(name, "admin") == 0)
		return new_user("ADM", "admin_seq", 1, "admins");
	if (strcmp(name, "car") == 0)
		return tc_sqlf("INSERT INTO customer_cars (reg_number,"
		    " reg_number_norm, car_model_id, customer_id) VALUES"
		    " ('AC %d %ld', 'AC%d%ld', 1, '%s') RETURNING id", n,
		    (long)getpid(), n, (long)getpid(), cust_a);
	if (strcmp(name, "address") == 0)
		return tc_sqlf("INSERT INTO addresses (customer_id, line1,"
		    " area_id) VALUES ('%s', 'Access street %d', 1)"
		    " RETURNING id", cust_a, n);
	if (strcmp(name, "area") == 0)
		return tc_sqlf("INSERT INTO areas (name, pincode) VALUES"
		    " ('Access area %d-%ld', 600001) RETURNING id", n,
		    (long)getpid());
	if (strcmp(name, "model") == 0)
		return tc_sqlf("INSERT INTO cars (model, manufacturer_id,"
		    " fuel_type_id, car_class_id, year, img) VALUES ('Access"
		    " %d', 1, 1, 1, 2020, 'x.png') RETURNING id", n);
	if (strcmp(name, "class") == 0)
		return tc_sqlf("INSERT INTO car_classes (class) VALUES ('Access"
		    " class %d-%ld') RETURNING id", n, (long)getpid());
	if (strcmp(name, "fuel") == 0)
		return tc_sqlf("INSERT INTO fuel_types (fuel_name) VALUES ('Access"
		    " fuel %d-%ld') RETURNING id", n, (long)getpid());
	if (strcmp(name, "manufacturer") == 0)
		return tc_sqlf("INSERT INTO manufacturers (name) VALUES ('Access"
		    " maker %d-%ld') RETURNING id", n, (long)getpid());
	if (strcmp(name, "status") == 0)
		return tc_sqlf("INSERT INTO status (name, builtin) VALUES ('access"
		    " %d-%ld', false) RETURNING id", n, (long)getpid());
	if (strcmp(name, "atype") == 0)
		return tc_sqlf("INSERT INTO assignment_types (name, builtin)"
		    " VALUES ('access %d-%ld', false) RETURNING id", n,
		    (long)getpid());
	if (strcmp(name, "timeslot") == 0)
		return tc_sqlf("INSERT INTO timeslots (name, start_time, end_time)"
		    " VALUES ('Access %d-%ld', '10:00', '11:00') RETURNING id",
		    n, (long)getpid());
	if (strcmp(name, "category") == 0)
		return tc_sqlf("INSERT INTO service_categories (name, description,"
		    " image) VALUES ('Access cat %d-%ld', 'two words', 'x.png')"
		    " RETURNING id", n, (long)getpid());
	if (strcmp(name, "service") == 0)
		return tc_sqlf("WITH s AS (INSERT INTO services (title,"
		    " description, category_id, works, warranty_kms,"
		    " warranty_months, time_hrs, difficulty, images) SELECT"
		    " 'Access service %d-%ld', description, category_id,"
		    " works, warranty_kms, warranty_months, time_hrs,"
		    " difficulty, images FROM services WHERE id = 1"
		    " RETURNING id), p AS (INSERT INTO price_chart"
		    " (service_id, car_class_id, price) SELECT s.id, 1, 100"
		    " FROM s) SELECT id FROM s", n, (long)getpid());
	if (strcmp(name, "media") == 0)
		return tc_sqlf("INSERT INTO media (id, content_type, size_bytes,"
		    " data, uploaded_by) SELECT encode(sha256(d), 'hex'),"
		    " 'image/png', length(d), d, 'ADM000001' FROM (SELECT"
		    " convert_to('access %d-%ld', 'UTF8') AS d) x RETURNING id",
		    n, (long)getpid());
	if (strcmp(name, "booking") == 0)
		return new_booking(1);
	if (strcmp(name, "assignment") == 0) {
		char *b = new_booking(2), *a;

		a = tc_sqlf("INSERT INTO booking_assignment (mechanic_id,"
		    " booking_id, assignment_type_id, status_id, note,"
		    " automatic, assigned_by) VALUES ('MEC000002', %s, 1, 11,"
		    " '', false, 'ADM000001') RETURNING id", b);
		free(b);
		return a;
	}
	if (strcmp(name, "progress") == 0) {
		char *b = new_booking(3), *a, *pr;

		a = tc_sqlf("INSERT INTO booking_assignment (mechanic_id,"
		    " booking_id, assignment_type_id, status_id, note,"
		    " automatic, assigned_by, completed_at) VALUES"
		    " ('MEC000002', %s, 1, 7, '', false, 'ADM000001', now())"
		    " RETURNING id", b);
		pr = tc_sqlf("INSERT INTO booking_progress (mechanic_id,"
		    " booking_id, assignment_id, description, images,"
		    " status_id) VALUES ('MEC000002', %s, %s, 'Picked up the"
		    " car', ARRAY['/x.png'], 2) RETURNING id", b, a);
		free(b);
		free(a);
		return pr;
	}
	fail_msg("unknown fixture {%s}", name);
	return NULL;
}

/* The path with every {name} replaced by a fresh fixture. */
static char *
expand(const char *tmpl)
{
	char	 out[1024], name[64], *id;
	size_t	 o = 0;
	const char *p = tmpl, *e;

	while (*p != '\0' && o < sizeof out - 64) {
		if (*p != '{') {
			out[o++] = *p++;
			continue;
		}
		e = strchr(p, '}');
		snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
		id = fixture(name);
		if (id == NULL)
			fail_msg("fixture {%s} failed", name);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s", id);
		free(id);
		p = e + 1;
	}
	out[o] = '\0';
	return strdup(out);
}

static int
setup(void **state)
{
	cust_a = new_user("CST", "customer_seq", 3, "customers");
	cust_b = new_user("CST", "customer_seq", 3, "customers");
	tok[NONE] = NULL;
	tok[CUST_A] = tc_login_id(cust_a);
	tok[CUST_B] = tc_login_id(cust_b);
	{
		char *m = new_user("MEC", "mechanic_seq", 2, "mechanics");

		tok[MECH] = tc_login_id(m);
		free(m);
	}
	tok[ADMIN] = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	/* registrations without a token are throttled per IP */
	free(tc_sql("DELETE FROM login_throttle WHERE key LIKE 'reg-ip:%'"));
	return tok[CUST_A] == NULL || tok[CUST_B] == NULL ||
	    tok[MECH] == NULL || tok[ADMIN] == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	int	i;

	for (i = 0; i < NCALLERS; i++)
		free(tok[i]);
	free(cust_a);
	free(cust_b);
	free(tc_sql("DELETE FROM login_throttle WHERE key LIKE 'reg-ip:%'"));
	return 0;
}

/* The route-table pattern a row's path template stands for. */
static bool
row_matches_route(const struct row *r, const struct bk_route *rt)
{
	const char	*p = r->path, *q = rt->pattern;

	if (strcmp(r->method, bk_method_name(rt->method)) != 0)
		return false;
	/* compare with every {…} treated as one parameter */
	while (*p != '\0' && *p != '?' && *q != '\0') {
		if (*p == '{' || *q == '{') {
			if (*p != '{' || *q != '{') {
				/* a literal in the row where the route has a
				 * parameter (a sample value) */
				if (*q != '{')
					return false;
				while (*p != '\0' && *p != '/')
					p++;
			} else
				p = strchr(p, '}') + 1;
			q = strchr(q, '}') + 1;
			continue;
		}
		if (*p++ != *q++)
			return false;
	}
	return (*p == '\0' || *p == '?') && *q == '\0';
}

static void
every_route_has_a_row(void **state)
{
	size_t	i, j;
	int	missing = 0;

	for (i = 0; i < bk_route_count; i++) {
		for (j = 0; j < sizeof rows / sizeof rows[0]; j++)
			if (row_matches_route(&rows[j], &bk_route_table[i]))
				break;
		if (j == sizeof rows / sizeof rows[0]) {
			print_error("no access row for %s %s\n",
			    bk_method_name(bk_route_table[i].method),
			    bk_route_table[i].pattern);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void
every_caller_gets_the_expected_status(void **state)
{
	static const char *names[] = { "no token", "customer A", "customer B",
	    "mechanic", "admin" };
	const struct row	*r;
	struct tc_resp		 resp;
	struct tc_opt		 o;
	size_t			 i;
	int			 c, bad = 0;
	char			*path;
	bool			 print = getenv("ACCESS_PRINT") != NULL;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		r = &rows[i];
		if (print)
			printf("# ROW(\"%s\", \"%s\", ", r->method, r->path);
		for (c = 0; c < NCALLERS; c++) {
			memset(&o, 0, sizeof o);
			o.token = tok[c];
			if (r->body != NULL)
				o.ctype =
				    strncmp(r->body, "username=", 9) == 0 ?
				    "application/x-www-form-urlencoded" :
				    "application/json";
			path = expand(r->path);
			assert_int_equal(tc_request(r->method, path, r->body,
			    &o, &resp), 0);
			if (print)
				printf("%ld%s", resp.status, c + 1 < NCALLERS ?
				    ", " : ")\n");
			else if (resp.status != r->status[c]) {
				print_error("%s %s as %s: %ld, expected %d: "
				    "%.200s\n", r->method, path, names[c],
				    resp.status, r->status[c], resp.body);
				bad++;
			}
			tc_resp_free(&resp);
			free(path);
		}
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_has_a_row),
		cmocka_unit_test(every_caller_gets_the_expected_status),
	};

	tc_base();
	return cmocka_run_group_tests_name("access", tests, setup, teardown);
}
