/* The live event stream /api/v1/ws against the real servers (SPEC §8.17):
 * authentication and its failures, message errors, per-role filtering and
 * forms, replay after a disconnect, ordering across the replay handover and
 * concurrent commits, a second node on the same database, the listener's
 * connection killed while events flow, a slow reader, token expiry and
 * logout, heartbeats, and revcare-watch. The client is a raw RFC 6455 one
 * (wsclient.c) so a test can stop reading or send any frame. Events come
 * from API calls, or for bursts from SQL inserts with pg_notify in the same
 * transaction, as the server writes them. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>

#include "event.h"
#include "fixtures.h"
#include "role.h"
#include "scope.h"
#include "tclient.h"
#include "token.h"
#include "wsclient.h"

#define WAIT_MS		5000	/* for anything that should come soon */

static char	*admin;		/* the seeded admin's token */
static char	 node2[64];	/* base URL of the second node */
static int	 node2_pid;
static int	 other_pid;	/* a node a test started, if it failed */
static pid_t	 watch_pid;	/* revcare-watch, if a test failed */

/* ---- small helpers ----------------------------------------------------- */

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Start one more revcared on the test database with extra environment
 * (e.g. "A=1 B=2") and arguments; its base URL into base, its pid
 * returned. */
static int
node_start_args(const char *name, const char *env, const char *args,
    char *base, size_t len)
{
	const char	*dir = getenv("REVCARE_TEST_DIR");
	const char	*stack = getenv("REVCARE_TEST_STACK");
	const char	*asan = getenv("ASAN_OPTIONS");
	char		 cmd[1024], path[512];
	FILE		*f;
	int		 port = 0, pid = 0;

	assert_non_null(dir);
	assert_non_null(stack);
	snprintf(cmd, sizeof cmd, "env %s "
	    "ASAN_OPTIONS='%s%squarantine_size_mb=8'"
	    " '%s' revcared '%s' %s %s", env, asan != NULL ? asan : "",
	    asan != NULL && *asan != '\0' ? ":" : "", stack, dir, name, args);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/%s.port", dir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &port), 1);
	fclose(f);
	snprintf(path, sizeof path, "%s/%s.pid", dir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &pid), 1);
	fclose(f);
	snprintf(base, len, "http://127.0.0.1:%d", port);
	return pid;
}

static int
node_start(const char *name, const char *env, char *base, size_t len)
{
	return node_start_args(name, env, "", base, len);
}

static void
node_stop(int pid)
{
	int	i;

	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	for (i = 0; i < 150 && kill(pid, 0) == 0; i++)
		sleep_ms(100);
}

/* VmRSS of a process in KiB. */
static long
rss_kib(int pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kib = -1;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmRSS: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* A value from the stack's env file (malloc'd). */
static char *
env_file_value(const char *key)
{
	const char	*path = getenv("REVCARE_TEST_ENV_FILE");
	char		 line[1024];
	size_t		 n = strlen(key);
	FILE		*f;
	char		*v = NULL;

	assert_non_null(path);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, key, n) == 0 && line[n] == '=') {
			line[strcspn(line, "\n")] = '\0';
			v = strdup(line + n + 1);
			break;
		}
	fclose(f);
	assert_non_null(v);
	return v;
}

/* An access token signed with the stack's key: exp seconds from now,
 * issued 60 s ago, with role's scopes (or without READ:EVENTS). */
static char *
forge_token(const char *user, int role, long exp_in, bool read_events)
{
	struct bk_claims	 c;
	char			*key = env_file_value("SECRET_KEY"), *tok;
	long			 now = (long)time(NULL);
	struct proto_scopes	 all;
	int			 i;

	memset(&c, 0, sizeof c);
	snprintf(c.sub, sizeof c.sub, "%s", user);
	c.role = role;
	snprintf(c.type, sizeof c.type, "access");
	bk_uuid4(c.jti);
	c.iat = now - 60;
	c.exp = now + exp_in;
	proto_scopes_of_role((enum proto_role)role, &all);
	proto_scopes_clear(&c.scopes);
	for (i = 0; i < PROTO_SCOPE_COUNT; i++)
		if (proto_scopes_has(&all, i) &&
		    (read_events || i != PROTO_SCOPE_READ_EVENTS))
			proto_scopes_add(&c.scopes, i);
	tok = bk_token_issue(key, &c);
	free(key);
	assert_non_null(tok);
	return tok;
}

/* ---- the socket as the tests use it ------------------------------------- */

/* A test's socket: the raw client plus the last event seq it saw. */
struct ws {
	struct wsc	w;
	int64_t		last;
};

static struct ws *
ws_open_at(const char *base, int rcvbuf)
{
	struct ws	*s = calloc(1, sizeof *s);

	assert_non_null(s);
	assert_int_equal(wsc_open(&s->w, base, PROTO_WS_PATH, rcvbuf), 0);
	return s;
}

static struct ws *
ws_open(void)
{
	return ws_open_at(tc_base(), 0);
}

static void
ws_free(struct ws *s)
{
	if (s == NULL)
		return;
	wsc_free(&s->w);
	free(s);
}

static void
ws_send(struct ws *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	assert_true(vasprintf(&text, fmt, ap) >= 0);
	va_end(ap);
	assert_int_equal(wsc_send(&s->w, text), 0);
	free(text);
}

/* The next message within ms: 1 (parsed into m), 0 timeout, -1 closed.
 * Every event must come after the socket's previous one. */
static int
ws_next(struct ws *s, struct proto_msg *m, int ms)
{
	enum proto_msg_err	 why;
	char			*text;
	int			 rc;

	memset(m, 0, sizeof *m);
	rc = wsc_recv(&s->w, &text, ms);
	if (rc != 1)
		return rc;
	if (proto_msg_parse(text, strlen(text), m, &why) != 0)
		fail_msg("unparsable message: %s", text);
	if (m->type == PROTO_MSG_EVENT) {
		if (m->event.seq <= s->last)
			fail_msg("event %" PRId64 " after %" PRId64 ": %s",
			    m->event.seq, s->last, text);
		s->last = m->event.seq;
	}
	free(text);
	return 1;
}

/* The next message must be of type t (kept in m, or dropped). */
static void
ws_expect(struct ws *s, enum proto_msg_type t, struct proto_msg *m)
{
	struct proto_msg	got;

	if (ws_next(s, &got, WAIT_MS) != 1)
		fail_msg("no %s message (close %d)", proto_msg_type_name(t),
		    s->w.close_code);
	if (got.type != t)
		fail_msg("wanted %s, got %s%s%s", proto_msg_type_name(t),
		    proto_msg_type_name(got.type), got.detail ? ": " : "",
		    got.detail ? got.detail : "");
	if (m != NULL)
		*m = got;
	else
		proto_msg_cleanup(&got);
}

static void
ws_expect_error(struct ws *s, const char *detail)
{
	struct proto_msg	m;

	ws_expect(s, PROTO_MSG_ERROR, &m);
	assert_string_equal(m.detail, detail);
	proto_msg_cleanup(&m);
}

/* The socket must be closed by the server with code within ms. */
static void
ws_expect_close(struct ws *s, int code, int ms)
{
	struct proto_msg	m;
	int			rc;

	while ((rc = ws_next(s, &m, ms)) == 1)
		proto_msg_cleanup(&m);
	if (rc == 0)
		fail_msg("still open after %d ms", ms);
	assert_int_equal(s->w.close_code, code);
}

/* Authenticate; the head the server reports. */
static int64_t
ws_auth(struct ws *s, const char *token)
{
	struct proto_msg	m;
	int64_t			head;

	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", token);
	ws_expect(s, PROTO_MSG_AUTH_OK, &m);
	head = m.head;
	proto_msg_cleanup(&m);
	return head;
}

/* A socket authenticated with token and subscribed from its head. */
static struct ws *
ws_live_at(const char *base, const char *token, int rcvbuf)
{
	struct ws	*s = ws_open_at(base, rcvbuf);
	int64_t		 head = ws_auth(s, token);

	ws_send(s, "{\"type\":\"subscribe\",\"since\":%" PRId64 "}", head);
	ws_expect(s, PROTO_MSG_SUBSCRIBED, NULL);
	s->last = head;
	return s;
}

static struct ws *
ws_live(const char *token)
{
	return ws_live_at(tc_base(), token, 0);
}

/* Events received, in order. */
struct evs {
	int64_t	 seq[8192];
	char	 kind[8192][16];
	int	 n;
};

/*
 * Read until n events of booking (0: any) arrived or ms passed; returns
 * how many. Messages other than events fail the test unless they are
 * pongs. With first not NULL, the first such event message is kept.
 */
static int
ws_collect(struct ws *s, long booking, int n, int ms, struct evs *got,
    struct proto_msg *first)
{
	struct proto_msg	m;
	int64_t			deadline = now_ms() + ms;
	int			left;

	while (got->n < n && (left = (int)(deadline - now_ms())) > 0) {
		if (ws_next(s, &m, left) != 1)
			break;
		if (m.type == PROTO_MSG_EVENT && (booking == 0 ||
		    m.event.booking_id == booking)) {
			got->seq[got->n] = m.event.seq;
			snprintf(got->kind[got->n], sizeof got->kind[0], "%s",
			    m.event.kind);
			got->n++;
			if (first != NULL && first->type == PROTO_MSG_NONE) {
				*first = m;
				continue;
			}
		} else if (m.type != PROTO_MSG_EVENT &&
		    m.type != PROTO_MSG_PONG)
			fail_msg("unexpected %s message%s%s",
			    proto_msg_type_name(m.type),
			    m.detail ? ": " : "", m.detail ? m.detail : "");
		proto_msg_cleanup(&m);
	}
	return got->n;
}

/* Nothing is queued for s: a ping's pong comes before any event. */
static void
ws_expect_quiet(struct ws *s)
{
	ws_send(s, "{\"type\":\"ping\"}");
	ws_expect(s, PROTO_MSG_PONG, NULL);
}

/* ---- events made with SQL, as the server writes them ------------------- */

static PGconn *
pg_open(void)
{
	PGconn	*pg = PQconnectdb(tc_pgurl());

	assert_int_equal(PQstatus(pg), CONNECTION_OK);
	return pg;
}

static PGresult *
pg_ok(PGconn *pg, const char *sql)
{
	PGresult	*res = PQexec(pg, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(res));
	return res;
}

/*
 * n events of kind eta_risk on booking (visible to admins and to the
 * audience given as an SQL array) in one transaction with a NOTIFY each,
 * data padded to about pad bytes; the first seq returned.
 */
static int64_t
pg_events(PGconn *pg, long booking, int n, const char *audience, int pad)
{
	PGresult	*res;
	char		 sql[1024];
	int64_t		 first;

	snprintf(sql, sizeof sql, "WITH e AS (INSERT INTO booking_events"
	    " (kind, booking_id, actor, actor_role, audience, payload)"
	    " SELECT 'eta_risk', %ld, 'system', NULL, '%s',"
	    " jsonb_build_object('data', jsonb_build_object('n', g, 'pad',"
	    " repeat('x', %d)), 'booking', revcare_booking_summary(%ld))"
	    " FROM generate_series(1, %d) g RETURNING seq)"
	    " SELECT min(seq), count(pg_notify('revcare_events', seq::text))"
	    " FROM e", booking, audience, pad, booking, n);
	res = pg_ok(pg, sql);
	first = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return first;
}

static int64_t
sql_events(long booking, int n, const char *audience)
{
	PGconn	*pg = pg_open();
	int64_t	 first = pg_events(pg, booking, n, audience, 0);

	PQfinish(pg);
	return first;
}

/* A producer thread: n events one transaction each, every gap_us. */
struct producer {
	pthread_t	 thread;
	long		 booking;
	int		 n;
	int		 gap_us;
	int64_t		 seq[2048];
	volatile int	 done;		/* how many committed so far */
};

static void *
producer_main(void *arg)
{
	struct producer	*p = arg;
	PGconn		*pg = PQconnectdb(tc_pgurl());
	int		 i;

	for (i = 0; i < p->n && PQstatus(pg) == CONNECTION_OK; i++) {
		PGresult	*res;
		char		 sql[512];

		snprintf(sql, sizeof sql, "WITH e AS (INSERT INTO"
		    " booking_events (kind, booking_id, actor, audience,"
		    " payload) VALUES ('eta_risk', %ld, 'system', '{}',"
		    " jsonb_build_object('data', jsonb_build_object('i', %d),"
		    " 'booking', revcare_booking_summary(%ld))) RETURNING seq)"
		    " SELECT seq, pg_notify('revcare_events', seq::text)"
		    " FROM e", p->booking, i, p->booking);
		res = PQexec(pg, sql);
		if (PQresultStatus(res) == PGRES_TUPLES_OK)
			p->seq[i] = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
		__atomic_store_n(&p->done, i + 1, __ATOMIC_RELEASE);
		if (p->gap_us > 0)
			usleep((useconds_t)p->gap_us);
	}
	PQfinish(pg);
	return NULL;
}

static void
producer_start(struct producer *p, long booking, int n, int gap_us)
{
	memset(p, 0, sizeof *p);
	p->booking = booking;
	p->n = n;
	p->gap_us = gap_us;
	assert_int_equal(pthread_create(&p->thread, NULL, producer_main, p),
	    0);
}

static int
producer_done(struct producer *p)
{
	return __atomic_load_n(&p->done, __ATOMIC_ACQUIRE);
}

/* A booking made with SQL (no events), of a fresh customer. */
static long
quiet_booking(char **customer)
{
	struct tc_booking	b = { 0 };
	long			id;

	b.name = "Stream %ld";
	id = tc_new_booking(&b);
	if (customer != NULL)
		*customer = tc_sqlf("SELECT customer_id FROM bookings WHERE"
		    " id = %ld", id);
	return id;
}

/* ---- authentication ---------------------------------------------------- */

static void
a_socket_that_never_authenticates_is_closed_with_1008(void **state)
{
	struct ws	*s = ws_open_at(node2, 0);
	int64_t		 t0 = now_ms();

	/* node2 runs with REVCARE_WS_AUTH_TIMEOUT_MS=1500 */
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, 5000);
	assert_string_equal(s->w.close_reason, "auth timeout");
	assert_true(now_ms() - t0 >= 1400);
	ws_free(s);
}

static void
a_bad_token_gets_invalid_token_and_1008(void **state)
{
	struct ws	*s = ws_open();

	ws_send(s, "{\"type\":\"auth\",\"token\":\"not.a.token\"}");
	ws_expect_error(s, "Invalid token.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_free(s);
}

static void
a_refresh_token_is_not_an_access_token(void **state)
{
	struct ws	*s = ws_open();
	char		*refresh = NULL, *tok;

	tok = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, &refresh);
	assert_non_null(refresh);
	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", refresh);
	ws_expect_error(s, "Invalid token.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_free(s);
	free(tok);
	free(refresh);
}

static void
a_token_without_read_events_is_refused(void **state)
{
	struct ws	*s = ws_open();
	char		*tok = forge_token("CST000001", 3, 600, false);

	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", tok);
	ws_expect_error(s, "Insufficient permissions.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_free(s);
	free(tok);
}

static void
a_token_of_a_deleted_user_is_refused_by_the_database_check(void **state)
{
	struct ws	*s = ws_open();
	char		*id = tc_new_customer("Gone %ld", NULL), *tok;

	tok = tc_login_id(id);
	free(tc_sqlf("UPDATE users SET deleted_at = now() WHERE id = '%s'",
	    id));
	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", tok);
	ws_expect_error(s, "Could not validate credentials.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_free(s);
	free(tok);
	free(id);
}

static void
auth_answers_with_user_role_and_head(void **state)
{
	struct ws		*s = ws_open();
	struct proto_msg	 m;
	long			 max = tc_max_seq();

	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", admin);
	ws_expect(s, PROTO_MSG_AUTH_OK, &m);
	assert_string_equal(m.user_id, "ADM000001");
	assert_int_equal(m.role, 1);
	assert_true(m.head >= max);
	assert_true(m.head <= tc_max_seq());
	proto_msg_cleanup(&m);
	ws_free(s);
}

/* ---- message errors ------------------------------------------------------ */

static void
bad_messages_get_errors_and_the_socket_stays_open(void **state)
{
	struct ws	*s = ws_open();
	static const char ev[] = "{\"type\":\"event\",\"seq\":1,\"kind\":\"x\","
	    "\"booking_id\":1,\"at\":\"t\",\"actor\":\"a\",\"data\":{}}";

	ws_send(s, "{\"type\":\"subscribe\",\"since\":0}");
	ws_expect_error(s, "Not authenticated.");
	ws_send(s, "{not json");
	ws_expect_error(s, "Malformed message.");
	ws_send(s, "[1,2]");
	ws_expect_error(s, "Malformed message.");
	ws_send(s, "{\"type\":\"dance\"}");
	ws_expect_error(s, "Unknown message type.");
	ws_send(s, "%s", ev);
	ws_expect_error(s, "Unknown message type.");
	ws_send(s, "{\"type\":\"subscribe\",\"since\":-1}");
	ws_expect_error(s, "Malformed message.");
	assert_int_equal(wsc_send_frame(&s->w, WSC_BINARY, true, "{}", 2), 0);
	ws_expect_error(s, "Malformed message.");
	ws_send(s, "{\"type\":\"ping\"}");
	ws_expect(s, PROTO_MSG_PONG, NULL);
	ws_auth(s, admin);
	ws_free(s);
}

static void
a_message_split_in_fragments_is_read_whole(void **state)
{
	struct ws	*s = ws_open();

	assert_int_equal(wsc_send_frame(&s->w, WSC_TEXT, false,
	    "{\"type\":", 8), 0);
	assert_int_equal(wsc_send_frame(&s->w, 0, true, "\"ping\"}", 7), 0);
	ws_expect(s, PROTO_MSG_PONG, NULL);
	ws_free(s);
}

static void
a_message_over_4_kib_closes_with_1009(void **state)
{
	struct ws	*s = ws_open();
	char		 big[5000];

	memset(big, ' ', sizeof big);
	memcpy(big, "{\"type\":\"ping\"", 14);
	big[sizeof big - 2] = '}';
	big[sizeof big - 1] = '\0';
	assert_int_equal(wsc_send(&s->w, big), 0);
	ws_expect_close(s, PROTO_WS_CLOSE_TOOBIG, WAIT_MS);
	ws_free(s);
}

/* ---- filtering per role ------------------------------------------------- */

static void
a_booking_made_through_the_api_reaches_admin_and_owner_in_their_forms(
    void **state)
{
	struct tc_customer	 c, other;
	struct ws		*sa, *sc, *so;
	struct evs		*ga = calloc(1, sizeof *ga);
	struct evs		*gc = calloc(1, sizeof *gc);
	struct proto_msg	 ma = { 0 }, mc = { 0 };
	long			 id;

	tc_customer_new(&c, "Stream %ld", 1);
	tc_customer_new(&other, "Other %ld", 1);
	sa = ws_live(admin);
	sc = ws_live(c.token);
	so = ws_live(other.token);
	id = tc_book(&c, "{\"4\": 0}");
	assert_true(ws_collect(sa, id, 1, WAIT_MS, ga, &ma) == 1);
	assert_true(ws_collect(sc, id, 1, WAIT_MS, gc, &mc) == 1);
	assert_string_equal(ga->kind[0], "created");
	assert_int_equal(ga->seq[0], gc->seq[0]);
	assert_int_equal(ga->seq[0], tc_sql_long("SELECT min(seq) FROM"
	    " booking_events WHERE booking_id = %ld", id));
	/* admins: raw status, its id and the admin's fields */
	assert_string_equal(proto_event_status(&ma.event), "booked");
	assert_int_equal(tc_jlong(ma.event.booking, "status_id"), 1);
	assert_true(tc_has_key(ma.event.booking, "action_required"));
	assert_true(tc_has_key(ma.event.booking, "latest_assignment"));
	assert_false(tc_has_key(ma.event.booking, "customer_status"));
	assert_string_equal(tc_jstr(ma.event.booking, "customer_id"), c.id);
	assert_string_equal(ma.event.actor, c.id);
	assert_int_equal(ma.event.actor_role, 3);
	assert_true(tc_has_key(ma.event.data, "service_ids"));
	/* the owner: customer-facing status, none of the admin's fields */
	assert_string_equal(proto_event_status(&mc.event), "booked");
	assert_false(tc_has_key(mc.event.booking, "status_id"));
	assert_false(tc_has_key(mc.event.booking, "action_required"));
	assert_false(tc_has_key(mc.event.booking, "eta_risk"));
	assert_false(tc_has_key(mc.event.booking, "latest_assignment"));
	assert_false(tc_has_key(mc.event.booking, "customer_status"));
	/* the other customer saw nothing of it */
	ws_expect_quiet(so);
	proto_msg_cleanup(&ma);
	proto_msg_cleanup(&mc);
	ws_free(sa);
	ws_free(sc);
	ws_free(so);
	tc_customer_free(&c);
	tc_customer_free(&other);
	free(ga);
	free(gc);
}

static void
a_mechanic_sees_his_assignment_and_nothing_of_other_bookings(void **state)
{
	struct ws		*s1, *s2, *sc, *sa;
	struct evs		*g1 = calloc(1, sizeof *g1);
	struct evs		*gc = calloc(1, sizeof *gc);
	struct evs		*ga = calloc(1, sizeof *ga);
	struct proto_msg	 m1 = { 0 }, m1b = { 0 }, mc = { 0 },
	    mcb = { 0 };
	struct tc_resp		 r;
	char			*cust, *m1id, *m2id, *t1, *t2, *tcu, body[256];
	long			 id, other;

	id = quiet_booking(&cust);
	other = quiet_booking(NULL);
	m1id = tc_new_mechanic("Stream Mech %ld", true, false, "{}", NULL);
	m2id = tc_new_mechanic("Stream Mech %ld", true, false, "{}", NULL);
	t1 = tc_login_id(m1id);
	t2 = tc_login_id(m2id);
	tcu = tc_login_id(cust);
	s1 = ws_live(t1);
	s2 = ws_live(t2);
	sc = ws_live(tcu);
	sa = ws_live(admin);
	snprintf(body, sizeof body, "{\"mechanic_id\":\"%s\",\"booking_id\":"
	    "%ld,\"assignment_type_id\":1,\"note\":\"\"}", m1id, id);
	assert_int_equal(tc_call("POST", "/api/v1/bookings/admin/assign",
	    admin, body, &r), 200);
	tc_resp_free(&r);
	sql_events(other, 1, "{}");	/* admins only */
	assert_int_equal(ws_collect(s1, id, 1, WAIT_MS, g1, &m1), 1);
	assert_int_equal(ws_collect(s1, id, 2, WAIT_MS, g1, &m1b), 2);
	assert_string_equal(g1->kind[0], "assigned");
	assert_string_equal(g1->kind[1], "status_changed");
	assert_string_equal(tc_jstr(m1.event.data, "mechanic_id"), m1id);
	assert_string_equal(tc_jstr(m1b.event.data, "to"), "pickup");
	assert_string_equal(proto_event_status(&m1b.event), "pickup");
	assert_int_equal(tc_jlong(m1b.event.booking, "status_id"), 2);
	/* the customer: the name and type only, his status names */
	assert_int_equal(ws_collect(sc, id, 1, WAIT_MS, gc, &mc), 1);
	assert_int_equal(ws_collect(sc, id, 2, WAIT_MS, gc, &mcb), 2);
	assert_string_equal(gc->kind[0], "assigned");
	assert_string_equal(gc->kind[1], "status_changed");
	assert_true(tc_has_key(mc.event.data, "mechanic_name"));
	assert_true(tc_has_key(mc.event.data, "assignment_type"));
	assert_false(tc_has_key(mc.event.data, "mechanic_id"));
	assert_false(tc_has_key(mc.event.data, "assignment_id"));
	assert_string_equal(tc_jstr(mcb.event.data, "to"), "pickup");
	assert_false(tc_has_key(mcb.event.data, "to_id"));
	assert_string_equal(proto_event_status(&mcb.event), "pickup");
	assert_false(tc_has_key(mcb.event.booking, "status_id"));
	/* the admin sees all three, the SQL one included */
	assert_int_equal(ws_collect(sa, 0, 3, WAIT_MS, ga, NULL), 3);
	/* nothing for the other mechanic, or for the others' booking */
	ws_expect_quiet(s2);
	ws_expect_quiet(s1);
	ws_expect_quiet(sc);
	proto_msg_cleanup(&m1);
	proto_msg_cleanup(&m1b);
	proto_msg_cleanup(&mc);
	proto_msg_cleanup(&mcb);
	ws_free(s1);
	ws_free(s2);
	ws_free(sc);
	ws_free(sa);
	free(cust);
	free(m1id);
	free(m2id);
	free(t1);
	free(t2);
	free(tcu);
	free(g1);
	free(gc);
	free(ga);
}

/* ---- replay and ordering ------------------------------------------------ */

/* seq of the events after since up to upto the viewer may see, as "a,b". */
static char *
visible_seqs(const char *viewer, int64_t since, int64_t upto)
{
	return tc_sqlf("SELECT coalesce(string_agg(seq::text, ',' ORDER BY"
	    " seq), '') FROM booking_events WHERE seq > %" PRId64 " AND"
	    " seq <= %" PRId64 " AND ('%s' = 'ADM000001' OR audience @>"
	    " ARRAY['%s'])", since, upto, viewer, viewer);
}

static char *
evs_text(const struct evs *g)
{
	char	*s = calloc(1, (size_t)g->n * 21 + 1);
	size_t	 len = 0;
	int	 i;

	for (i = 0; i < g->n; i++)
		len += (size_t)sprintf(s + len, "%s%" PRId64, i > 0 ? "," : "",
		    g->seq[i]);
	return s;
}

/* Subscribe since and read the replay up to "subscribed": into g; the
 * head it names is returned. */
static int64_t
ws_replay(struct ws *s, int64_t since, struct evs *g)
{
	struct proto_msg	m;
	int64_t			head = -1;

	s->last = since;
	ws_send(s, "{\"type\":\"subscribe\",\"since\":%" PRId64 "}", since);
	while (head < 0) {
		if (ws_next(s, &m, WAIT_MS) != 1)
			fail_msg("no subscribed message");
		if (m.type == PROTO_MSG_EVENT) {
			g->seq[g->n] = m.event.seq;
			snprintf(g->kind[g->n], sizeof g->kind[0], "%s",
			    m.event.kind);
			g->n++;
		} else if (m.type == PROTO_MSG_SUBSCRIBED) {
			assert_int_equal(m.since, since);
			head = m.head;
		} else
			fail_msg("unexpected %s", proto_msg_type_name(m.type));
		proto_msg_cleanup(&m);
	}
	return head;
}

/* After a replay: read on (live events) until the socket has seen upto,
 * appending to g what is at or below it. */
static void
ws_follow_to(struct ws *s, struct evs *g, int64_t upto)
{
	struct proto_msg	m;
	int64_t			deadline = now_ms() + WAIT_MS;

	while (s->last < upto && now_ms() < deadline) {
		if (ws_next(s, &m, WAIT_MS) != 1)
			break;
		if (m.type == PROTO_MSG_EVENT && m.event.seq <= upto)
			g->seq[g->n++] = m.event.seq;
		proto_msg_cleanup(&m);
	}
	assert_true(s->last >= upto);
}

static void
replay_after_a_disconnect_gives_exactly_the_missed_events(void **state)
{
	struct evs	*g = calloc(1, sizeof *g);
	struct ws	*sa, *sc;
	char		*cust, *tcu, *want, *got;
	long		 id, other;
	int64_t		 last_a, last_c, top;

	id = quiet_booking(&cust);
	other = quiet_booking(NULL);
	tcu = tc_login_id(cust);
	sa = ws_live(admin);
	sc = ws_live(tcu);
	sql_events(id, 3, "{}");
	assert_int_equal(ws_collect(sa, id, 3, WAIT_MS, g, NULL), 3);
	last_a = sa->last;
	last_c = sc->last;
	ws_free(sa);
	ws_free(sc);
	/* missed: some for the customer, some not, some of another booking */
	sql_events(id, 4, "{}");
	{
		char	aud[64];

		snprintf(aud, sizeof aud, "{%s}", cust);
		sql_events(id, 5, aud);
	}
	sql_events(other, 2, "{}");
	top = tc_sql_long("SELECT max(seq) FROM booking_events WHERE"
	    " booking_id IN (%ld, %ld)", id, other);

	/* the replay, then live ones if the node had not read them all
	 * yet: together exactly what was missed, in order */
	sa = ws_open();
	ws_auth(sa, admin);
	memset(g, 0, sizeof *g);
	ws_replay(sa, last_a, g);
	ws_follow_to(sa, g, top);
	want = visible_seqs("ADM000001", last_a, top);
	got = evs_text(g);
	assert_true(g->n >= 11);
	assert_string_equal(got, want);
	free(want);
	free(got);

	sc = ws_open();
	ws_auth(sc, tcu);
	memset(g, 0, sizeof *g);
	ws_replay(sc, last_c, g);
	if (g->n < 5)
		ws_collect(sc, id, 5, WAIT_MS, g, NULL);
	top = tc_sql_long("SELECT max(seq) FROM booking_events WHERE"
	    " booking_id = %ld", id);
	want = visible_seqs(cust, last_c, top);
	got = evs_text(g);
	assert_int_equal(g->n, 5);
	assert_string_equal(got, want);
	free(want);
	free(got);
	ws_free(sa);
	ws_free(sc);
	free(cust);
	free(tcu);
	free(g);
}

static void
since_above_head_or_over_1000_to_replay_gets_resync(void **state)
{
	struct ws	*s = ws_open();
	long		 id = quiet_booking(NULL);
	int64_t		 head, first;

	head = ws_auth(s, admin);
	ws_send(s, "{\"type\":\"subscribe\",\"since\":%" PRId64 "}",
	    head + 1000000);
	ws_expect(s, PROTO_MSG_RESYNC, NULL);
	first = sql_events(id, 1001, "{}");
	sleep_ms(300);
	ws_send(s, "{\"type\":\"subscribe\",\"since\":%" PRId64 "}",
	    first - 1);
	ws_expect(s, PROTO_MSG_RESYNC, NULL);
	/* exactly 1000 is fine */
	{
		struct evs	*g = calloc(1, sizeof *g);

		ws_replay(s, first, g);
		assert_true(g->n >= 1000);
		free(g);
	}
	ws_free(s);
}

static void
events_keep_seq_order_across_the_replay_handover(void **state)
{
	struct producer	*p = calloc(1, sizeof *p);
	struct evs	*g = calloc(1, sizeof *g);
	struct ws	*s;
	long		 id = quiet_booking(NULL);
	int		 i;

	producer_start(p, id, 400, 3000);
	while (producer_done(p) < 100)
		sleep_ms(5);
	s = ws_open();
	ws_auth(s, admin);
	/* replay from before the first, live after: one unbroken run */
	ws_send(s, "{\"type\":\"subscribe\",\"since\":%" PRId64 "}",
	    p->seq[0] - 1);
	s->last = p->seq[0] - 1;
	{
		struct proto_msg	m;
		int64_t			deadline = now_ms() + 20000;

		while (g->n < 400 && now_ms() < deadline) {
			if (ws_next(s, &m, 5000) != 1)
				break;
			if (m.type == PROTO_MSG_EVENT &&
			    m.event.booking_id == id)
				g->seq[g->n++] = m.event.seq;
			else if (m.type != PROTO_MSG_EVENT &&
			    m.type != PROTO_MSG_SUBSCRIBED)
				fail_msg("unexpected %s",
				    proto_msg_type_name(m.type));
			proto_msg_cleanup(&m);
		}
	}
	pthread_join(p->thread, NULL);
	assert_int_equal(g->n, 400);
	for (i = 0; i < 400; i++)
		assert_int_equal(g->seq[i], p->seq[i]);
	ws_free(s);
	free(p);
	free(g);
}

static void
a_lower_seq_committing_later_still_comes_first(void **state)
{
	PGconn		*t1 = pg_open(), *t2 = pg_open();
	struct evs	*g = calloc(1, sizeof *g);
	struct ws	*s = ws_live(admin);
	long		 id = quiet_booking(NULL);
	int64_t		 a, b, c, t0;

	PQclear(pg_ok(t1, "BEGIN"));
	a = pg_events(t1, id, 1, "{}", 0);
	b = pg_events(t2, id, 1, "{}", 0);	/* commits first */
	assert_true(b > a);
	sleep_ms(300);
	PQclear(pg_ok(t1, "COMMIT"));
	assert_int_equal(ws_collect(s, id, 2, WAIT_MS, g, NULL), 2);
	assert_int_equal(g->seq[0], a);
	assert_int_equal(g->seq[1], b);
	/* a rolled back seq does not hold the stream up for long */
	PQclear(pg_ok(t1, "BEGIN"));
	pg_events(t1, id, 1, "{}", 0);
	PQclear(pg_ok(t1, "ROLLBACK"));
	t0 = now_ms();
	c = pg_events(t2, id, 1, "{}", 0);
	assert_int_equal(ws_collect(s, id, 3, WAIT_MS, g, NULL), 3);
	assert_int_equal(g->seq[2], c);
	assert_true(now_ms() - t0 < 1000);
	PQfinish(t1);
	PQfinish(t2);
	ws_free(s);
	free(g);
}

/* ---- several nodes, a lost listener ------------------------------------- */

static void
a_change_through_node_a_reaches_a_client_of_node_b(void **state)
{
	struct tc_customer	 c;
	struct evs		*g = calloc(1, sizeof *g);
	struct ws		*s2, *s1;
	long			 id;

	tc_customer_new(&c, "Nodes %ld", 1);
	s2 = ws_live_at(node2, admin, 0);
	s1 = ws_live(admin);
	id = tc_book(&c, "{\"4\": 0}");		/* through node A */
	assert_true(ws_collect(s2, id, 1, WAIT_MS, g, NULL) >= 1);
	assert_string_equal(g->kind[0], "created");
	memset(g, 0, sizeof *g);
	assert_true(ws_collect(s1, id, 1, WAIT_MS, g, NULL) >= 1);
	assert_string_equal(g->kind[0], "created");
	ws_free(s1);
	ws_free(s2);
	tc_customer_free(&c);
	free(g);
}

static void
killing_the_listeners_connection_loses_and_repeats_nothing(void **state)
{
	struct producer	*p = calloc(1, sizeof *p);
	struct evs	*g1 = calloc(1, sizeof *g1);
	struct evs	*g2 = calloc(1, sizeof *g2);
	struct ws	*s1 = ws_live(admin), *s2 = ws_live_at(node2, admin, 0);
	long		 id = quiet_booking(NULL), killed;
	int		 i;

	producer_start(p, id, 500, 2000);
	while (producer_done(p) < 100)
		sleep_ms(5);
	killed = tc_sql_long("SELECT count(pg_terminate_backend(pid)) FROM"
	    " pg_stat_activity WHERE application_name = 'revcared-listener'");
	assert_true(killed >= 2);	/* both nodes' */
	while (producer_done(p) < 300)
		sleep_ms(5);
	killed = tc_sql_long("SELECT count(pg_terminate_backend(pid)) FROM"
	    " pg_stat_activity WHERE application_name = 'revcared-listener'");
	assert_true(killed >= 1);
	pthread_join(p->thread, NULL);
	assert_int_equal(ws_collect(s1, id, 500, 20000, g1, NULL), 500);
	assert_int_equal(ws_collect(s2, id, 500, 20000, g2, NULL), 500);
	for (i = 0; i < 500; i++) {
		assert_int_equal(g1->seq[i], p->seq[i]);
		assert_int_equal(g2->seq[i], p->seq[i]);
	}
	/* and nothing more of it comes later */
	sleep_ms(300);
	ws_expect_quiet(s1);
	ws_free(s1);
	ws_free(s2);
	free(p);
	free(g1);
	free(g2);
}

/* ---- slow readers, heartbeats ------------------------------------------- */

#define BURSTS		24
#define BURST		200
#define BURST_PAD	4000

/* Bursts of events of about 4 KB on a booking (800 KB each, under the
 * 1 MiB a reader may lag), node2's RSS after each. */
struct bursts {
	pthread_t	 thread;
	long		 booking;
	long		 rss[BURSTS];
};

static void *
bursts_main(void *arg)
{
	struct bursts	*b = arg;
	PGconn		*pg = PQconnectdb(tc_pgurl());
	char		 sql[1024];
	int		 i;

	snprintf(sql, sizeof sql, "WITH e AS (INSERT INTO booking_events"
	    " (kind, booking_id, actor, audience, payload) SELECT 'eta_risk',"
	    " %ld, 'system', '{}', jsonb_build_object('data',"
	    " jsonb_build_object('n', g, 'pad', repeat('x', %d)), 'booking',"
	    " revcare_booking_summary(%ld)) FROM generate_series(1, %d) g"
	    " RETURNING seq) SELECT count(pg_notify('revcare_events',"
	    " seq::text)) FROM e", b->booking, BURST_PAD, b->booking, BURST);
	for (i = 0; i < BURSTS; i++) {
		PQclear(PQexec(pg, sql));
		sleep_ms(150);
		b->rss[i] = rss_kib(node2_pid);
	}
	PQfinish(pg);
	return NULL;
}

static void
a_slow_reader_gets_resync_and_server_memory_stays_bounded(void **state)
{
	struct ws		*slow, *fast;
	struct bursts		*b = calloc(1, sizeof *b);
	struct proto_msg	 m;
	long			 rss0, half = 0, peak = 0;
	int			 i, got = 0, events = 0, resyncs = 0;

	b->booking = quiet_booking(NULL);
	slow = ws_live_at(node2, admin, 4096);
	fast = ws_live_at(node2, admin, 0);
	rss0 = rss_kib(node2_pid);
	assert_true(rss0 > 0);
	/* 4800 events of 4 KB: 19 MB of backlog for the slow reader if it
	 * were kept. The fast reader must still get every one, and the
	 * server's memory must level off: the second half of the run may
	 * not grow it as the first did. */
	assert_int_equal(pthread_create(&b->thread, NULL, bursts_main, b), 0);
	while (got < BURSTS * BURST && ws_next(fast, &m, 10000) == 1) {
		if (m.type == PROTO_MSG_EVENT &&
		    m.event.booking_id == b->booking)
			got++;
		else if (m.type == PROTO_MSG_RESYNC)
			resyncs++;
		proto_msg_cleanup(&m);
	}
	pthread_join(b->thread, NULL);
	assert_int_equal(resyncs, 0);
	assert_int_equal(got, BURSTS * BURST);
	for (i = 0; i < BURSTS; i++) {
		if (b->rss[i] > peak)
			peak = b->rss[i];
		if (i == BURSTS / 2 - 1)
			half = peak;
	}
	/* now read the slow one: some events, then one resync, then nothing */
	while (ws_next(slow, &m, 2000) == 1) {
		if (m.type == PROTO_MSG_EVENT)
			events++;
		else if (m.type == PROTO_MSG_RESYNC)
			resyncs++;
		proto_msg_cleanup(&m);
	}
	print_message("slow reader: %d events then resync; node RSS %ld KiB,"
	    " %ld after half the run, peak %ld\n", events, rss0, half, peak);
	assert_int_equal(resyncs, 1);
	assert_true(events < BURSTS * BURST);
	assert_false(slow->w.closed);
	assert_true(peak - half < 8 * 1024);
	assert_true(peak - rss0 < 64 * 1024);
	/* it may subscribe again and is live from there */
	ws_send(slow, "{\"type\":\"subscribe\",\"since\":%" PRId64 "}",
	    fast->last);
	ws_expect(slow, PROTO_MSG_SUBSCRIBED, NULL);
	ws_free(slow);
	ws_free(fast);
	free(b);
}

static void
the_server_pings_and_closes_a_silent_socket(void **state)
{
	char		 base[64];
	int		 pid;
	struct ws	*s;
	struct proto_msg m;

	pid = other_pid = node_start("wsping", "REVCARE_WS_PING_MS=300", base,
	    sizeof base);
	s = ws_live_at(base, admin, 0);
	/* reading answers pings: still open after several */
	while (ws_next(s, &m, 1500) == 1)
		proto_msg_cleanup(&m);
	assert_false(s->w.closed);
	assert_true(s->w.pings >= 2);
	/* stop reading (no pongs): closed once silent for 600 ms */
	sleep_ms(1500);
	ws_expect_close(s, PROTO_WS_CLOSE_AWAY, WAIT_MS);
	ws_free(s);
	node_stop(pid);
	other_pid = 0;
}

/* ---- the token's life -------------------------------------------------- */

static void
an_expiring_token_gets_token_expired_and_1008(void **state)
{
	/* 27 s past exp: inside the 30 s leeway for 3 more seconds */
	char		*tok = forge_token("ADM000001", 1, -27, true);
	struct ws	*s = ws_live(tok);
	int64_t		 t0 = now_ms();

	ws_expect_error(s, "Token expired.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	assert_true(now_ms() - t0 < 6000);
	ws_free(s);
	free(tok);
}

static void
a_fresh_token_may_be_sent_again_but_not_another_users(void **state)
{
	struct ws		*s = ws_live(admin);
	struct proto_msg	 m;
	char			*again = tc_login(TC_ADMIN_PHONE, TC_PASSWORD,
				    NULL);
	char			*cust = tc_login(TC_CUSTOMER_PHONE,
				    TC_PASSWORD, NULL);

	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", again);
	ws_expect(s, PROTO_MSG_AUTH_OK, &m);
	assert_string_equal(m.user_id, "ADM000001");
	proto_msg_cleanup(&m);
	ws_send(s, "{\"type\":\"auth\",\"token\":\"%s\"}", cust);
	ws_expect_error(s, "Invalid token.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_free(s);
	free(again);
	free(cust);
}

static void
logout_closes_that_users_sockets_and_no_others(void **state)
{
	struct tc_resp	 r;
	struct ws	*s1, *s2, *sother, *sn2;
	char		*id = tc_new_customer("Logout %ld", NULL), *tok, *tok2;
	int64_t		 t0;

	tok = tc_login_id(id);
	tok2 = tc_login_id(id);		/* another session of his */
	s1 = ws_live(tok);
	s2 = ws_live(tok2);
	sn2 = ws_live_at(node2, tok, 0);
	sother = ws_live(admin);
	t0 = now_ms();
	assert_int_equal(tc_call("POST", "/api/v1/auth/logout", tok, NULL,
	    &r), 200);
	tc_resp_free(&r);
	ws_expect_error(s1, "Token has been revoked.");
	ws_expect_close(s1, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_expect_error(sn2, "Token has been revoked.");
	ws_expect_close(sn2, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	assert_true(now_ms() - t0 < 5000);
	/* the token not logged out, and other users, stay */
	ws_expect_quiet(s2);
	ws_expect_quiet(sother);
	ws_free(s1);
	ws_free(s2);
	ws_free(sn2);
	ws_free(sother);
	free(tok);
	free(tok2);
	free(id);
}

static void
ending_a_users_sessions_closes_his_sockets(void **state)
{
	struct tc_resp	 r;
	struct ws	*s;
	char		*id = tc_new_customer("Ended %ld", NULL), *tok,
	    path[96];

	tok = tc_login_id(id);
	s = ws_live(tok);
	snprintf(path, sizeof path, "/api/v1/auth/sessions/%s", id);
	sleep(1);	/* tokens_valid_after has one-second resolution */
	assert_int_equal(tc_call("DELETE", path, admin, NULL, &r), 200);
	tc_resp_free(&r);
	ws_expect_error(s, "Could not validate credentials.");
	ws_expect_close(s, PROTO_WS_CLOSE_POLICY, WAIT_MS);
	ws_free(s);
	free(tok);
	free(id);
}

/* ---- revcare-watch ------------------------------------------------------ */

/* Start revcare-watch on base as the admin, stdout to out. */
static pid_t
watch_start(const char *base, const char *out, int64_t since)
{
	const char	*bdir = getenv("REVCARE_BUILDDIR");
	char		 prog[512], s[32];
	pid_t		 pid;

	assert_non_null(bdir);
	snprintf(prog, sizeof prog, "%s/watch/revcare-watch", bdir);
	snprintf(s, sizeof s, "%" PRId64, since);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (freopen(out, "w", stdout) == NULL ||
		    freopen("/dev/null", "w", stderr) == NULL)
			_exit(127);
		setenv("REVCARE_PASSWORD", TC_PASSWORD, 1);
		execl(prog, prog, "--server", base, "--user", TC_ADMIN_PHONE,
		    "--since", s, (char *)NULL);
		_exit(127);
	}
	watch_pid = pid;
	return pid;
}

static void
watch_stop(void)
{
	if (watch_pid <= 0)
		return;
	kill(watch_pid, SIGTERM);
	waitpid(watch_pid, NULL, 0);
	watch_pid = 0;
}

/*
 * Wait until out holds n lines for booking, then check they are
 * "<seq> <at> <kind> booking=<id> <actor> <status>" with the seqs of
 * booking's events after since, in order, each once.
 */
static void
watch_expect(const char *out, long booking, int64_t since, int n)
{
	char		 line[512], *want, got[8192];
	int64_t		 deadline = now_ms() + 15000;
	size_t		 len;
	int		 found = 0;
	FILE		*f;

	while (found < n && now_ms() < deadline) {
		sleep_ms(100);
		found = 0;
		len = 0;
		got[0] = '\0';
		f = fopen(out, "r");
		if (f == NULL)
			continue;
		while (fgets(line, sizeof line, f) != NULL) {
			long long	seq;
			char		at[40], kind[32], actor[32], status[32];
			long		bid;

			if (sscanf(line, "%lld %39s %31s booking=%ld %31s %31s",
			    &seq, at, kind, &bid, actor, status) != 6 ||
			    bid != booking)
				continue;
			assert_int_equal(strlen(at), 27);
			assert_string_equal(actor, "system");
			assert_string_equal(status, "booked");
			len += (size_t)snprintf(got + len, sizeof got - len,
			    "%s%lld", found > 0 ? "," : "", seq);
			found++;
		}
		fclose(f);
	}
	want = tc_sqlf("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM"
	    " booking_events WHERE booking_id = %ld AND seq > %" PRId64,
	    booking, since);
	assert_non_null(want);
	assert_string_equal(got, want);
	assert_int_equal(found, n);
	free(want);
}

static void
revcare_watch_prints_one_line_per_event(void **state)
{
	char		 out[512];
	long		 id = quiet_booking(NULL);
	int64_t		 first;

	snprintf(out, sizeof out, "%s/ws-watch.out",
	    getenv("REVCARE_TEST_DIR"));
	first = sql_events(id, 3, "{}");
	watch_start(tc_base(), out, first - 1);
	sql_events(id, 2, "{}");	/* live ones after the replay */
	watch_expect(out, id, first - 1, 5);
	watch_stop();
}

static void
revcare_watch_resumes_after_its_server_restarts(void **state)
{
	char		 out[512], base[64], args[32];
	long		 id = quiet_booking(NULL);
	int64_t		 first;
	int		 port, node;

	snprintf(out, sizeof out, "%s/ws-watch2.out",
	    getenv("REVCARE_TEST_DIR"));
	node = other_pid = node_start("wswatch", "", base, sizeof base);
	assert_int_equal(sscanf(base, "http://127.0.0.1:%d", &port), 1);
	first = sql_events(id, 2, "{}");
	watch_start(base, out, first - 1);
	watch_expect(out, id, first - 1, 2);
	node_stop(node);
	sql_events(id, 3, "{}");	/* while it cannot hear */
	snprintf(args, sizeof args, "--port %d", port);
	node = other_pid = node_start_args("wswatch", "", args, base,
	    sizeof base);
	sql_events(id, 1, "{}");
	watch_expect(out, id, first - 1, 6);
	watch_stop();
	node_stop(node);
	other_pid = 0;
}

/* ---- the group ---------------------------------------------------------- */

static int
group_setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	if (admin == NULL)
		return -1;
	node2_pid = node_start("wsnode2", "REVCARE_WS_AUTH_TIMEOUT_MS=1500",
	    node2, sizeof node2);
	return 0;
}

static int
group_teardown(void **state)
{
	watch_stop();
	node_stop(node2_pid);
	node_stop(other_pid);
	tc_retire_mechanics();
	free(admin);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    a_socket_that_never_authenticates_is_closed_with_1008),
		cmocka_unit_test(a_bad_token_gets_invalid_token_and_1008),
		cmocka_unit_test(a_refresh_token_is_not_an_access_token),
		cmocka_unit_test(a_token_without_read_events_is_refused),
		cmocka_unit_test(
		    a_token_of_a_deleted_user_is_refused_by_the_database_check),
		cmocka_unit_test(auth_answers_with_user_role_and_head),
		cmocka_unit_test(
		    bad_messages_get_errors_and_the_socket_stays_open),
		cmocka_unit_test(a_message_split_in_fragments_is_read_whole),
		cmocka_unit_test(a_message_over_4_kib_closes_with_1009),
		cmocka_unit_test(
		    a_booking_made_through_the_api_reaches_admin_and_owner_in_their_forms),
		cmocka_unit_test(
		    a_mechanic_sees_his_assignment_and_nothing_of_other_bookings),
		cmocka_unit_test(
		    replay_after_a_disconnect_gives_exactly_the_missed_events),
		cmocka_unit_test(
		    since_above_head_or_over_1000_to_replay_gets_resync),
		cmocka_unit_test(
		    events_keep_seq_order_across_the_replay_handover),
		cmocka_unit_test(
		    a_lower_seq_committing_later_still_comes_first),
		cmocka_unit_test(
		    a_change_through_node_a_reaches_a_client_of_node_b),
		cmocka_unit_test(
		    killing_the_listeners_connection_loses_and_repeats_nothing),
		cmocka_unit_test(
		    a_slow_reader_gets_resync_and_server_memory_stays_bounded),
		cmocka_unit_test(the_server_pings_and_closes_a_silent_socket),
		cmocka_unit_test(an_expiring_token_gets_token_expired_and_1008),
		cmocka_unit_test(
		    a_fresh_token_may_be_sent_again_but_not_another_users),
		cmocka_unit_test(
		    logout_closes_that_users_sockets_and_no_others),
		cmocka_unit_test(ending_a_users_sessions_closes_his_sockets),
		cmocka_unit_test(revcare_watch_prints_one_line_per_event),
		cmocka_unit_test(
		    revcare_watch_resumes_after_its_server_restarts),
	};

	tc_base();
	return cmocka_run_group_tests_name("ws", tests, group_setup,
	    group_teardown);
}
