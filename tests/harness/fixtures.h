/* The API tests' shared fixtures: formatted SQL on the test database,
 * JSON requests and field getters that assert, automation switches put
 * back after the run, and fresh users, cars, addresses and bookings made
 * with SQL behind the API's back.
 *
 * Everything here runs inside a cmocka test (or group fixture): a helper
 * that cannot do its job fails the running test with a cmocka assertion
 * instead of returning an error. Strings returned as "malloc'd" belong to
 * the caller; a struct filled by an x_new is emptied by its x_free. Only
 * the test's own thread may call them: some keep static state (tc_day's
 * ring, the settings to restore, the mechanics made). */
#ifndef FIXTURES_H
#define FIXTURES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "tclient.h"

/* ---- SQL ------------------------------------------------------------- */

/* tc_sql of the statement printf builds from fmt: the first value of the
 * first row (malloc'd), or NULL for no row, an SQL NULL or an error. Values
 * go into the text as they are: tests pass only their own ids, numbers
 * and quote-free strings. */
char		*tc_sqlv(const char *fmt, va_list ap)
		    __attribute__((format(printf, 1, 0)));
char		*tc_sqlf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* The same value as a number: -1 when there is none. */
long		 tc_sql_long(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* Assert the statement's value is exactly want; want NULL asserts there is
 * none (no row or an SQL NULL). A mismatch fails with the SQL text. */
void		 tc_sql_is(const char *want, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* An id as text (malloc'd). */
char		*tc_idstr(long id);

/* ---- HTTP ------------------------------------------------------------ */

/* method path as token (NULL: none) with body (NULL: none; otherwise sent
 * as application/json); asserts an HTTP answer came and returns its
 * status. The caller frees *r with tc_resp_free. */
long		 tc_call(const char *method, const char *path,
		    const char *token, const char *body, struct tc_resp *r);
/* tc_call that must answer status and, when detail is not NULL, that
 * "detail" string; a wrong status fails with the answer's body. */
void		 tc_expect(const char *method, const char *path,
		    const char *token, const char *body, long status,
		    const char *detail);
/* tc_call that must answer 422 with msg as the first item's "msg". */
void		 tc_expect_422(const char *method, const char *path,
		    const char *token, const char *body, const char *msg);
/* The first 422 item's "msg" when detail is a list, else the plain
 * "detail" (NULL if neither); points into r. */
const char	*tc_detail_or_msg(const struct tc_resp *r);
/* The X-Total-Count header as a number; asserts it is there. */
long		 tc_total_count(const struct tc_resp *r);

/* ---- JSON ------------------------------------------------------------ */

/* Object o's member k (case-sensitive), asserted present; points into o. */
const cJSON	*tc_jget(const cJSON *o, const char *k);
/* Member k asserted to be a string; its text, pointing into o. */
const char	*tc_jstr(const cJSON *o, const char *k);
/* Member k asserted to be a number; as a double, or truncated to long. */
double		 tc_jnum(const cJSON *o, const char *k);
long		 tc_jlong(const cJSON *o, const char *k);
/* Whether v or anything inside it has a member named key. */
bool		 tc_has_key(const cJSON *v, const char *key);
/* Assert got equals the JSON text want (member order aside); a mismatch
 * prints both first. */
void		 tc_assert_json(const cJSON *got, const char *want);

/* ---- logins and settings --------------------------------------------- */

/* A token (malloc'd) for the user with this phone or id and the sample
 * password; asserts the login worked. */
char		*tc_login_phone(long phone);
char		*tc_login_id(const char *id);
/*
 * Switch the setting name (assignment_automation, validation_automation,
 * ...) to on as the admin token and return the state it had. The first
 * switch of a name remembers the state found, and tc_setting_restore puts
 * every remembered name back and forgets them: call it from the teardown
 * that matches the setups or tests that switch.
 */
bool		 tc_setting_set(const char *token, const char *name, bool on);
void		 tc_setting_restore(const char *token);
/* A group setup: log the seeded admin in to *admin (malloc'd) and switch
 * off each setting named before the NULL; -1 if the login fails. */
int		 tc_group_setup(char **admin, ...)
		    __attribute__((sentinel));
/* The matching teardown: put the settings back and free *admin. */
int		 tc_group_teardown(char **admin);

/* ---- fresh rows ------------------------------------------------------ */

/*
 * A fresh customer or mechanic made with SQL: a unique phone (to *phone
 * when phone is not NULL), the sample password (copied from the seeded
 * user of the same role), named by the printf format name given the phone
 * ("Test %ld" when NULL; a name without %ld leaves the phone out). A
 * customer's e-mail is t<phone>@example.test; a mechanic is born
 * 1990-01-01 with the two abilities and categories, an SQL array
 * ("{1,2}"; NULL or "{}" for none). Returns the user id (malloc'd).
 */
char		*tc_new_customer(const char *name, long *phone);
char		*tc_new_mechanic(const char *name, bool pickup_drop,
		    bool analysis, const char *categories, long *phone);
/* Retire every mechanic this program made with tc_new_mechanic: their
 * active assignments are released and they are soft-deleted, so that
 * automatic assignment in later test programs never picks them. */
void		 tc_retire_mechanics(void);
/* Every service category of the seed, as an SQL array. */
#define TC_ALL_CATEGORIES	"{1,2,3,4,5,6,7,8,9,10,11,12}"
/* A car of customer of car model `model`, registered as reg (a fresh
 * "TC <n>" when NULL; the key form is reg upper-cased with all but
 * letters and digits dropped); returns its id. */
long		 tc_new_car(const char *customer, int model, const char *reg);
/* An address of customer in area with this label (NULL: none) and first
 * line (NULL: "1 Test Street"); returns its id. */
long		 tc_new_address(const char *customer, const char *label,
		    const char *line1, int area);

/* What tc_new_booking makes. Fields left zero take the defaults. */
struct tc_booking {
	const char	*customer;	/* the owner; NULL: a fresh one */
	const char	*name;		/* a fresh owner's name format */
	long		 car;		/* 0: a fresh car of model 1 */
	const char	*reg;		/* its registration, a format given
					 * the owner's phone; NULL: fresh */
	long		 pickup;	/* 0: a fresh address */
	long		 drop;		/* 0: the pickup address */
	const char	*line1;		/* the fresh address's first line */
	int		 status;	/* status_id; 0: 1 (booked) */
	bool		 received;	/* car_received */
	int		 drop_days;	/* drop today + this; 0: 5 */
	int		 drop_slot;	/* drop timeslot; 0: 2 */
	const char	*promised;	/* promised now() + this interval;
					 * NULL: "5 days" */
	const char	*services;	/* SQL array of services booked at
					 * class 1's chart price; NULL: none */
	long		 phone;		/* out: a fresh owner's phone, or
					 * the phone reg was given */
};
/*
 * A booking made with SQL, with what b leaves out made fresh (the owner
 * by tc_new_customer(b->name), the car by tc_new_car, the address by
 * tc_new_address with no label, in area 1): picked up tomorrow in slot 1,
 * created by its owner, the car's registration copied; a cancelled one
 * (status 10) was cancelled an hour ago by ADM000001. Returns its id.
 */
long		 tc_new_booking(struct tc_booking *b);
/* An assignment row of mechanic on booking (type 1 pickup, 2 drop, 3
 * service, 4 analysis) in status (11 active, 7 done, 17 released) made by
 * ADM000001; returns its id. */
long		 tc_new_assignment(const char *mechanic, long booking, int type,
		    int status);

/* A fresh customer with a car (model, registered "TB <phone>") and a
 * "Home" address at "1 Test Street" in area 1, logged in. */
struct tc_customer {
	char	 id[17];
	long	 phone;
	char	*token;
	long	 car;
	long	 addr;
};
void		 tc_customer_new(struct tc_customer *, const char *name,
		    int model);
void		 tc_customer_free(struct tc_customer *);

/* A user made for a test (tc_user_new, tc_user_register, or by the test
 * through the API); token is NULL when not logged in, email empty when
 * not known. */
struct tc_user {
	char	 id[17];
	char	 phone[16];
	char	 email[64];
	char	*token;
};
/* A fresh customer (role 3) or mechanic (role 2, doing pickup and drop)
 * made with tc_new_customer or tc_new_mechanic (name as there), logged
 * in. */
void		 tc_user_new(struct tc_user *, int role, const char *name);
/* A fresh customer registered at the desk, POST /customers/ as the admin
 * token (no IP throttle): "People <phone>", p<phone>@people.test, the
 * sample password; logged in when login is true. */
void		 tc_user_register(struct tc_user *, const char *admin,
		    bool login);
/* Free the token; the rest stays readable. */
void		 tc_user_free(struct tc_user *);

/* Who sends a request of a failure table. */
enum tc_who { TC_ANON, TC_ADMIN, TC_CUST_A, TC_CUST_B, TC_MECH };

/* A group's cast, made once and never deleted or locked: the seeded
 * admin's token, two fresh customers a and b and a fresh mechanic m
 * (tc_user_new). tc_cast_new returns -1 if the admin cannot log in. */
struct tc_cast {
	char		*admin;
	struct tc_user	 a, b, m;
};
int		 tc_cast_new(struct tc_cast *);
void		 tc_cast_free(struct tc_cast *);
/* The token of who (NULL for TC_ANON); points into the cast. */
const char	*tc_cast_token(const struct tc_cast *, enum tc_who);

/*
 * One row of a failure table: the request and the answer it must get,
 * detail being the plain "detail" or the first 422 item's "msg" (NULL:
 * not checked). Path and body may name {a} and {b}, the ids of the cast's
 * customers, and one more placeholder given to tc_failures_run.
 */
struct tc_failure {
	const char	*method;
	const char	*path;
	enum tc_who	 who;
	const char	*body;
	long		 status;
	const char	*detail;
};
/* Send the n rows as their callers, key (e.g. "{car}", NULL: none)
 * replaced by value; the first wrong answer fails with the request and
 * the answer's body. */
void		 tc_failures_run(const struct tc_failure *rows, size_t n,
		    const struct tc_cast *, const char *key, const char *value);

/*
 * A booking of a fresh customer (named "<name> <phone>", a fresh car of
 * model 1, an address at "1 Test Street") in status, with the services of
 * the SQL array booked at class 1's chart price, the car received from
 * status 3 on, dropped in 5 days in slot 2; when type > 0 a fresh mechanic
 * (named "<name> Mech <phone>", every category, the abilities type needs)
 * holds an active assignment of that type on it.
 */
struct tc_fx {
	long	 booking;
	long	 cphone;
	char	*customer;
	char	*ctoken;
	char	*mech;
	long	 mphone;
	char	*mtoken;
	long	 assignment;
};
void		 tc_fx_new(struct tc_fx *, const char *name, int status,
		    const char *services, int type);
void		 tc_fx_free(struct tc_fx *);

/* ---- bookings and their events --------------------------------------- */

/* A BookingCreate body (malloc'd) for c's car and address: pickup in
 * `from` days (slot 1), drop in `to` days (slot 2), the JSON object
 * prices as service_price. */
char		*tc_booking_body(const struct tc_customer *c,
		    const char *prices, int from, int to);
/* Book prices for c through POST /bookings/ (2 and 3 days out), which
 * must answer 200; the new booking's id. */
long		 tc_book(const struct tc_customer *c, const char *prices);

/* The business date n days from today (Asia/Kolkata) as YYYY-MM-DD, in a
 * ring of 8 static buffers (valid for the next 7 calls). */
const char	*tc_day(int n);
/* The highest event seq so far (0 when there is none). */
long		 tc_max_seq(void);
/* Assert the kinds of booking's events after seq, in seq order and comma
 * separated, are want ("" for none). */
void		 tc_kinds_are(long booking, long seq, const char *want);

#endif
