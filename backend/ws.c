/*
 * The live event stream /api/v1/ws (SPEC §8.17, ARCHITECTURE "Live events
 * over WebSocket").
 *
 * Threads. Everything here runs on the lws service thread except the job
 * handlers at the end (workers) and the listener (its own thread, in
 * listener.c). The service thread never waits: token signatures are
 * checked on it (CPU only); revocation and user state (SPEC §2.3 steps
 * 4-5), replays and the periodic re-check go out as jobs on the workers'
 * queue and come back through the done queue like HTTP requests.
 *
 * Fan-out. The listener hands over committed events in seq order. Each
 * goes once into `ring`, an lws_ring of event pointers shared by every
 * session, as in lws' minimal-ws-server-ring: a subscribed session keeps
 * its own tail and writes what it may see when lws says it is writable.
 * The event's JSON text is built once by PostgreSQL in two forms (staff,
 * customer) and shared by every socket. A session counts the events behind
 * its tail that it will write (`pending`, `pending_bytes`); past 256 or
 * 1 MiB it gets {"type":"resync"}, its tail jumps to the head and it stops
 * receiving until it subscribes again, so a slow reader costs nothing more.
 * A session with nothing pending keeps its tail at the head, so only real
 * laggards hold ring slots; when the ring is full they are resynced.
 *
 * Replay handover. On subscribe(since) the session's tail is put at the
 * ring head, whose seq is `head`, and a worker reads the visible events
 * since < seq <= head. Live events arriving meanwhile wait behind the
 * tail (and count against the backlog). The replay is queued first, then
 * {"type":"subscribed"}, then the ring from the tail: every event once, in
 * seq order.
 *
 * Revocation. Every 60 s one job re-checks every authenticated socket's
 * token in one statement. Sooner: the listener forwards NOTIFYs on
 * revcare_revoked (a user id, sent when a token is blacklisted or a user's
 * sessions end) and that user's sockets are re-checked at once.
 *
 * Timers (one tick every 200 ms): 10 s to authenticate, a ping every 30 s,
 * close after 60 s without a frame from the client, close at the token's
 * exp (plus the same 30 s leeway REST allows). For tests only, the
 * environment may shorten two of them: REVCARE_WS_AUTH_TIMEOUT_MS and
 * REVCARE_WS_PING_MS (the idle limit is twice the ping interval).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db/ws.h"
#include "event.h"
#include "listener.h"
#include "log.h"
#include "role.h"
#include "router.h"
#include "token.h"
#include "ws.h"
#include "xmalloc.h"

#define WS_RING_SLOTS		1024	/* events in the broadcast ring */
#define WS_TICK_MS		200	/* timer: timeouts, pings, expiry */
#define WS_AUTH_TIMEOUT_MS	10000	/* first auth within this */
#define WS_PING_MS		30000	/* ping; twice this silent: close */
#define WS_RECHECK_MS		60000	/* re-check every token */
#define WS_WAIT_MS		15000	/* a since this node has not settled */
#define WS_OUT_MAX		(PROTO_WS_MAX_REPLAY + 64)	/* own queue */
#define WS_TAKE_MAX		32	/* listener items per wake, so that
					 * sockets write between batches */
#define WS_WRITES_MAX		64	/* frames per writable callback */

static const char *ws_creds = "Could not validate credentials.";
static const char *ws_scope = "Insufficient permissions.";

enum ws_auth {
	WS_AUTH_NONE,
	WS_AUTH_CHECKING,	/* first token at a worker */
	WS_AUTH_OK
};

enum ws_sub {
	WS_SUB_NONE,
	WS_SUB_WAIT,		/* since is above what this node settled */
	WS_SUB_REPLAY,		/* replay at a worker; tail pinned */
	WS_SUB_LIVE
};

/* One message only this session sends (control, replay). */
struct ws_out {
	struct ws_out	*next;
	bool		 event;		/* dropped by a resync */
	size_t		 len;
	unsigned char	 buf[];		/* LWS_PRE, then the text */
};

/* One socket (lws allocates and zeroes it); service thread only. */
struct ws_session {
	struct ws_session	*next;		/* in ws->sessions */
	struct bk_ws		*ws;
	struct lws		*wsi;
	uint64_t		 id;
	int64_t			 opened_ms;
	int64_t			 last_rx_ms;
	int64_t			 last_ping_ms;
	enum ws_auth		 auth;
	struct bk_auth		 who;		/* accepted claims */
	uint64_t		 auth_job;	/* token at a worker, or 0 */
	enum ws_sub		 sub;
	int64_t			 since;		/* WAIT, REPLAY */
	int64_t			 wait_until_ms;	/* WAIT */
	bool			 sub_after_auth;
	uint64_t		 replay_job;	/* REPLAY */
	uint32_t		 tail;		/* REPLAY, LIVE: in ws->ring */
	unsigned		 pending;	/* events behind tail for us */
	size_t			 pending_bytes;
	struct ws_out		*out;		/* sent before the ring */
	struct ws_out		*out_last;
	unsigned		 nout;
	char			*rx;		/* a fragmented message */
	size_t			 rx_len;
	bool			 rx_binary;
	bool			 ping_due;
	int			 close_code;	/* close once out is sent */
	const char		*close_reason;
};

/* Made by the main thread; then service thread only, except jobs (own
 * lock) and listener (own lock). */
struct bk_ws {
	struct lws_context	*ctx;
	struct bk_queue		*jobs;		/* the workers': own lock */
	struct bk_listener	*listener;	/* its queue: own lock */
	struct lws_ring		*ring;		/* of struct bk_listen_item * */
	int64_t			 head;		/* seq at the ring head */
	struct ws_session	*sessions;
	uint64_t		 next_id;
	lws_sorted_usec_list_t	 tick;
	bool			 ticking;
	int64_t			 last_recheck_ms;
	uint64_t		 recheck_job;	/* the periodic one, or 0 */
	int			 auth_timeout_ms;
	int			 ping_ms;
};

static int	ws_job_auth(const struct bk_req *, struct bk_db *,
		    struct bk_res *);
static int	ws_job_replay(const struct bk_req *, struct bk_db *,
		    struct bk_res *);
static int	ws_job_recheck(const struct bk_req *, struct bk_db *,
		    struct bk_res *);

/* The stream's jobs, as route rows the worker pipeline understands. */
static const struct bk_route ws_route_auth = { BK_GET, PROTO_WS_PATH,
    { 0 }, 0, BK_BODY_NONE, 0, ws_job_auth, "ws token check" };
static const struct bk_route ws_route_replay = { BK_GET, PROTO_WS_PATH,
    { 0 }, 0, BK_BODY_NONE, 0, ws_job_replay, "ws replay" };
static const struct bk_route ws_route_recheck = { BK_GET, PROTO_WS_PATH,
    { 0 }, 0, BK_BODY_NONE, 0, ws_job_recheck, "ws token re-check" };

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
env_ms(const char *name, int def)
{
	const char	*v = getenv(name);
	long		 n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtol(v, NULL, 10);
	return n > 0 && n < 3600000 ? (int)n : def;
}

/* ---- the ring -------------------------------------------------------- */

static void
ws_ring_destroy_element(void *el)
{
	bk_listen_item_free(*(struct bk_listen_item **)el);
}

/* Move tail to the ring head. */
static void
ws_tail_to_head(struct bk_ws *ws, uint32_t *tail)
{
	lws_ring_consume(ws->ring, tail, NULL,
	    lws_ring_get_count_waiting_elements(ws->ring, tail));
}

static bool
ws_has_tail(const struct ws_session *s)
{
	return s->sub == WS_SUB_REPLAY || s->sub == WS_SUB_LIVE;
}

/* The oldest tail any session still needs (the head if none). */
static uint32_t
ws_ring_oldest(struct bk_ws *ws, size_t *most)
{
	struct ws_session	*s;
	uint32_t		 oldest = lws_ring_get_oldest_tail(ws->ring);
	size_t			 w;

	ws_tail_to_head(ws, &oldest);
	*most = 0;
	for (s = ws->sessions; s != NULL; s = s->next) {
		if (!ws_has_tail(s))
			continue;
		w = lws_ring_get_count_waiting_elements(ws->ring, &s->tail);
		if (w > *most) {
			*most = w;
			oldest = s->tail;
		}
	}
	return oldest;
}

static void ws_resync(struct ws_session *);

/*
 * Free the slots no tail needs any more (their events). With force and
 * the ring still full, the sessions holding the oldest tail, a whole
 * ring behind, are resynced.
 */
static void
ws_ring_reclaim(struct bk_ws *ws, bool force)
{
	struct ws_session	*s;
	size_t			 most;

	lws_ring_update_oldest_tail(ws->ring, ws_ring_oldest(ws, &most));
	if (!force || lws_ring_get_count_free_elements(ws->ring) > 0)
		return;
	for (s = ws->sessions; s != NULL; s = s->next)
		if (ws_has_tail(s) && lws_ring_get_count_waiting_elements(
		    ws->ring, &s->tail) == most)
			ws_resync(s);
	lws_ring_update_oldest_tail(ws->ring, ws_ring_oldest(ws, &most));
}

/* ---- sending ---------------------------------------------------------- */

static void
ws_out_free_all(struct ws_session *s, bool events_only)
{
	struct ws_out	**pp = &s->out, *o;

	s->out_last = NULL;
	while ((o = *pp) != NULL) {
		if (!events_only || o->event) {
			*pp = o->next;
			free(o);
			s->nout--;
			continue;
		}
		s->out_last = o;
		pp = &o->next;
	}
}

static void
ws_close(struct ws_session *s, int code, const char *reason)
{
	if (s->close_code != 0)
		return;
	s->close_code = code;
	s->close_reason = reason;
	s->sub = WS_SUB_NONE;	/* nothing more from the ring */
	s->pending = 0;
	s->pending_bytes = 0;
	lws_callback_on_writable(s->wsi);
	/* a reader that stopped reading never becomes writable */
	lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, 5);
}

/* Queue text (len bytes) for this session alone. */
static void
ws_queue(struct ws_session *s, const char *text, size_t len, bool event)
{
	struct ws_out	*o;

	if (s->close_code != 0)
		return;
	if (s->nout >= WS_OUT_MAX) {
		/* pings or bad messages faster than it reads our answers */
		ws_close(s, PROTO_WS_CLOSE_POLICY, "too many messages");
		return;
	}
	o = xmalloc(sizeof *o + LWS_PRE + len);
	o->next = NULL;
	o->event = event;
	o->len = len;
	memcpy(o->buf + LWS_PRE, text, len);
	if (s->out_last != NULL)
		s->out_last->next = o;
	else
		s->out = o;
	s->out_last = o;
	s->nout++;
	lws_callback_on_writable(s->wsi);
}

static void
ws_send(struct ws_session *s, const struct proto_msg *m)
{
	char	*text = proto_msg_format(m);

	if (text == NULL)
		return;
	ws_queue(s, text, strlen(text), false);
	free(text);
}

static void
ws_send_type(struct ws_session *s, enum proto_msg_type t)
{
	struct proto_msg	m;

	proto_msg_init(&m, t);
	ws_send(s, &m);
}

static void
ws_send_error(struct ws_session *s, const char *detail)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_ERROR);
	m.detail = (char *)detail;
	ws_send(s, &m);
}

/* An error the socket does not survive: the message, then close. */
static void
ws_fail(struct ws_session *s, const char *detail, int code)
{
	ws_send_error(s, detail);
	ws_close(s, code, detail);
}

/* ---- subscription ------------------------------------------------------ */

static void
ws_unsubscribe(struct ws_session *s)
{
	s->sub = WS_SUB_NONE;
	s->replay_job = 0;
	s->pending = 0;
	s->pending_bytes = 0;
	ws_out_free_all(s, true);
}

static void
ws_resync(struct ws_session *s)
{
	ws_unsubscribe(s);
	ws_send_type(s, PROTO_MSG_RESYNC);
}

static bool
ws_sees(const struct ws_session *s, const struct bk_listen_item *ev)
{
	int	i;

	if (s->who.role == PROTO_ROLE_ADMIN)
		return true;
	for (i = 0; i < ev->naud; i++)
		if (strcmp(ev->aud[i], s->who.user_id) == 0)
			return true;
	return false;
}

/* The text s writes for ev (customers get the customer form). */
static const unsigned char *
ws_form(const struct ws_session *s, const struct bk_listen_item *ev,
    size_t *len)
{
	if (s->who.role == PROTO_ROLE_CUSTOMER && ev->customer != NULL) {
		*len = ev->customer_len;
		return ev->customer;
	}
	*len = ev->staff_len;
	return ev->staff;
}

/* A job of the stream for a worker, as the socket's user when who is
 * not NULL (the worker then checks the token against the database). */
static struct bk_job *
ws_job_new(struct bk_ws *ws, const struct bk_route *r,
    const struct bk_auth *who)
{
	struct bk_job	*job = bk_job_new();

	job->id = ++ws->next_id;
	job->req.route = r;
	job->req.method = BK_GET;
	job->req.path = PROTO_WS_PATH;
	job->req.request_id = "ws";
	if (who != NULL)
		job->req.auth = *who;
	return job;
}

/* Live from the ring head on; replay (since, head] first if needed. */
static void
ws_start(struct ws_session *s, int64_t since)
{
	struct bk_ws		*ws = s->ws;
	struct bk_job		*job;
	struct proto_msg	 m;

	s->tail = lws_ring_get_oldest_tail(ws->ring);
	ws_tail_to_head(ws, &s->tail);
	s->pending = 0;
	s->pending_bytes = 0;
	s->since = since;
	if (since == ws->head) {
		s->sub = WS_SUB_LIVE;
		proto_msg_init(&m, PROTO_MSG_SUBSCRIBED);
		m.since = since;
		m.head = ws->head;
		ws_send(s, &m);
		return;
	}
	s->sub = WS_SUB_REPLAY;
	job = ws_job_new(ws, &ws_route_replay, &s->who);
	job->req.params[0] = (struct bk_param){ "since", NULL, (long)since };
	job->req.params[1] = (struct bk_param){ "upto", NULL, (long)ws->head };
	job->req.nparams = 2;
	s->replay_job = job->id;
	bk_queue_push(ws->jobs, job);
}

static void
ws_on_subscribe(struct ws_session *s, int64_t since)
{
	struct bk_ws	*ws = s->ws;

	if (s->auth == WS_AUTH_NONE) {
		ws_send_error(s, PROTO_WS_NOT_AUTHED);
		return;
	}
	if (s->auth == WS_AUTH_CHECKING) {
		s->sub_after_auth = true;	/* once the token is accepted */
		s->since = since;
		return;
	}
	ws_unsubscribe(s);
	if (since <= ws->head) {
		ws_start(s, since);
		return;
	}
	if (ws->listener != NULL && since <= bk_listener_top(ws->listener)) {
		/* read here but not settled yet (a node just started) */
		s->sub = WS_SUB_WAIT;
		s->since = since;
		s->wait_until_ms = now_ms() + WS_WAIT_MS;
		return;
	}
	ws_resync(s);
}

/* ---- authentication ---------------------------------------------------- */

static void
ws_on_auth(struct ws_session *s, const char *token)
{
	struct bk_claims	 c;
	struct bk_auth		 a;
	struct bk_job		*job;

	if (bk_token_verify(bk_cfg.secret_key, token, "access",
	    (long)time(NULL), &c) != 0) {
		ws_fail(s, PROTO_WS_INVALID, PROTO_WS_CLOSE_POLICY);
		return;
	}
	if (!proto_scopes_has(&c.scopes, PROTO_SCOPE_READ_EVENTS)) {
		ws_fail(s, ws_scope, PROTO_WS_CLOSE_POLICY);
		return;
	}
	if (s->auth == WS_AUTH_OK && (strcmp(c.sub, s->who.user_id) != 0 ||
	    c.role != s->who.role)) {
		/* a socket belongs to one user; another logs in anew */
		ws_fail(s, PROTO_WS_INVALID, PROTO_WS_CLOSE_POLICY);
		return;
	}
	memset(&a, 0, sizeof a);
	a.present = true;
	snprintf(a.user_id, sizeof a.user_id, "%s", c.sub);
	snprintf(a.jti, sizeof a.jti, "%s", c.jti);
	a.role = c.role;
	a.iat = c.iat;
	a.exp = c.exp;
	a.scopes = c.scopes;
	job = ws_job_new(s->ws, &ws_route_auth, &a);
	s->auth_job = job->id;
	bk_queue_push(s->ws->jobs, job);
	if (s->auth == WS_AUTH_NONE)
		s->auth = WS_AUTH_CHECKING;
}

static void
ws_auth_done(struct ws_session *s, struct bk_job *job)
{
	struct proto_msg	m;
	const char		*detail = job->res.err.detail;

	s->auth_job = 0;
	if (job->res.status == 401) {
		ws_fail(s, detail != NULL ? detail : ws_creds,
		    PROTO_WS_CLOSE_POLICY);
		return;
	}
	if (job->res.status != 200) {
		ws_fail(s, detail != NULL ? detail : "An unexpected error "
		    "occurred. Please try again later.", 1011);
		return;
	}
	s->who = job->req.auth;
	s->auth = WS_AUTH_OK;
	proto_msg_init(&m, PROTO_MSG_AUTH_OK);
	m.user_id = s->who.user_id;
	m.role = s->who.role;
	m.head = s->ws->head;
	ws_send(s, &m);
	if (s->sub_after_auth) {
		s->sub_after_auth = false;
		ws_on_subscribe(s, s->since);
	}
}

static void
ws_replay_done(struct ws_session *s, struct bk_job *job)
{
	struct proto_msg	 m;
	const char		*p, *end, *nl;

	s->replay_job = 0;
	if (s->sub != WS_SUB_REPLAY)
		return;
	if (job->res.status == 401) {
		ws_fail(s, job->res.err.detail != NULL ? job->res.err.detail :
		    ws_creds, PROTO_WS_CLOSE_POLICY);
		return;
	}
	if (job->res.status != 200) {
		ws_resync(s);	/* too many to replay, or no database */
		return;
	}
	p = job->out;
	end = p != NULL ? p + job->out_len : NULL;
	while (p != NULL && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl > p)
			ws_queue(s, p, (size_t)(nl - p), true);
		p = nl + 1;
	}
	s->sub = WS_SUB_LIVE;
	proto_msg_init(&m, PROTO_MSG_SUBSCRIBED);
	m.since = s->since;
	m.head = job->req.params[1].ival;
	ws_send(s, &m);
}

/* One re-check job's answer: "<socket id> <jti> revoked|invalid" lines. */
static void
ws_recheck_done(struct bk_ws *ws, struct bk_job *job)
{
	struct ws_session	*s;
	char			*text, *p, jti[40], why[16];
	unsigned long long	 id;
	int			 n;

	/* job->out holds out_len bytes, not a C string */
	text = p = xstrndup(job->out != NULL ? job->out : "", job->out_len);
	while (*p != '\0') {
		if (sscanf(p, "%llu %39s %15s%n", &id, jti, why, &n) != 3)
			break;
		for (s = ws->sessions; s != NULL; s = s->next)
			if (s->id == id && s->auth == WS_AUTH_OK &&
			    strcmp(s->who.jti, jti) == 0)
				ws_fail(s, strcmp(why, "revoked") == 0 ?
				    PROTO_WS_REVOKED : ws_creds,
				    PROTO_WS_CLOSE_POLICY);
		p += n;
		while (*p == '\n')
			p++;
	}
	free(text);
}

/* One PostgreSQL array text being built: "{a,b" until it is closed. */
struct ws_col {
	char	*p;
	size_t	 len, cap;
};

static void
ws_col_add(struct ws_col *c, const char *v)
{
	size_t	n = strlen(v);
	char	sep = c->len == 0 ? '{' : ',';

	if (c->len + n + 3 > c->cap) {
		c->cap = (c->len + n + 3) * 2;
		c->p = xrealloc(c->p, c->cap);
	}
	c->p[c->len++] = sep;
	memcpy(c->p + c->len, v, n);
	c->len += n;
}

/*
 * Re-check the tokens of user's sockets ("" or NULL: every socket); the
 * job's id, or 0 if there was none to check. The job's body is five array
 * texts, one per line: socket ids, jtis, user ids, roles, iats.
 */
static uint64_t
ws_recheck(struct bk_ws *ws, const char *user)
{
	struct ws_session	*s;
	struct ws_col		 col[5];
	struct bk_job		*job;
	char			 f[5][48], *p;
	size_t			 total = 16;
	int			 i;

	memset(col, 0, sizeof col);
	for (s = ws->sessions; s != NULL; s = s->next) {
		if (s->auth != WS_AUTH_OK || s->close_code != 0 ||
		    (user != NULL && *user != '\0' &&
		    strcmp(user, s->who.user_id) != 0))
			continue;
		snprintf(f[0], sizeof f[0], "%" PRIu64, s->id);
		snprintf(f[1], sizeof f[1], "%s", s->who.jti);
		snprintf(f[2], sizeof f[2], "%s", s->who.user_id);
		snprintf(f[3], sizeof f[3], "%d", s->who.role);
		snprintf(f[4], sizeof f[4], "%ld", s->who.iat);
		for (i = 0; i < 5; i++)
			ws_col_add(&col[i], f[i]);
	}
	if (col[0].len == 0)
		return 0;
	job = ws_job_new(ws, &ws_route_recheck, NULL);
	for (i = 0; i < 5; i++)
		total += col[i].len + 2;
	job->body = p = xmalloc(total);
	for (i = 0; i < 5; i++) {
		memcpy(p, col[i].p, col[i].len);
		p += col[i].len;
		*p++ = '}';
		*p++ = '\n';
		free(col[i].p);
	}
	*p = '\0';
	job->body_len = (size_t)(p - job->body);
	job->req.body = job->body;
	job->req.body_len = job->body_len;
	bk_queue_push(ws->jobs, job);
	return job->id;
}

/* ---- events from the listener ------------------------------------------- */

static void
ws_fan_out(struct bk_ws *ws, struct bk_listen_item *ev)
{
	struct ws_session	*s;
	size_t			 len;

	if (lws_ring_get_count_free_elements(ws->ring) == 0)
		ws_ring_reclaim(ws, true);
	if (lws_ring_insert(ws->ring, &ev, 1) != 1) {
		bk_log_error("ws: broadcast ring full; dropping seq %lld",
		    (long long)ev->seq);	/* not reached: reclaim frees */
		bk_listen_item_free(ev);
		return;
	}
	ws->head = ev->seq;
	for (s = ws->sessions; s != NULL; s = s->next) {
		if (!ws_has_tail(s))
			continue;
		if (!ws_sees(s, ev)) {
			if (s->pending == 0)
				ws_tail_to_head(ws, &s->tail);
			continue;
		}
		ws_form(s, ev, &len);
		s->pending++;
		s->pending_bytes += len;
		if (s->pending > PROTO_WS_MAX_BACKLOG ||
		    s->pending_bytes > PROTO_WS_MAX_BYTES)
			ws_resync(s);
		else if (s->sub == WS_SUB_LIVE)
			lws_callback_on_writable(s->wsi);
	}
}

/* Sessions waiting for head to reach their since. */
static void
ws_wake_waiting(struct bk_ws *ws)
{
	struct ws_session	*s;

	for (s = ws->sessions; s != NULL; s = s->next)
		if (s->sub == WS_SUB_WAIT && s->since <= ws->head)
			ws_start(s, s->since);
}

/* An event given up on that committed after all: who would have seen it
 * must refetch. */
static void
ws_late(struct bk_ws *ws, const struct bk_listen_item *ev)
{
	struct ws_session	*s;

	for (s = ws->sessions; s != NULL; s = s->next)
		if (s->sub != WS_SUB_NONE && ws_sees(s, ev))
			ws_resync(s);
}

/* The log was restored: every subscribed socket refetches. */
static void
ws_reset(struct bk_ws *ws, int64_t head)
{
	struct ws_session	*s;

	ws->head = head;
	for (s = ws->sessions; s != NULL; s = s->next)
		if (s->sub != WS_SUB_NONE)
			ws_resync(s);
}

static void
ws_take(struct bk_ws *ws)
{
	struct bk_listen_item	*it;
	int			 n;

	for (n = 0; n < WS_TAKE_MAX; n++) {
		it = bk_listener_take(ws->listener);
		if (it == NULL)
			break;
		switch (it->kind) {
		case BK_LISTEN_EVENT:
			ws_fan_out(ws, it);	/* the ring owns it now */
			continue;
		case BK_LISTEN_SETTLED:
			if (it->seq > ws->head)
				ws->head = it->seq;
			break;
		case BK_LISTEN_REVOKED:
			ws_recheck(ws, it->user_id);
			break;
		case BK_LISTEN_LATE:
			ws_late(ws, it);
			break;
		case BK_LISTEN_RESET:
			ws_reset(ws, it->seq);
			break;
		}
		bk_listen_item_free(it);
	}
	ws_wake_waiting(ws);
	if (n == WS_TAKE_MAX)
		lws_cancel_service(ws->ctx);	/* more: come back */
}

/* ---- timer -------------------------------------------------------------- */

static void
ws_tick_session(struct bk_ws *ws, struct ws_session *s, int64_t now,
    long wall)
{
	if (s->close_code != 0)
		return;
	if (s->auth != WS_AUTH_OK) {
		if (now - s->opened_ms >= ws->auth_timeout_ms)
			ws_close(s, PROTO_WS_CLOSE_POLICY, "auth timeout");
		return;
	}
	if (wall >= s->who.exp + BK_TOKEN_LEEWAY) {
		ws_fail(s, PROTO_WS_EXPIRED, PROTO_WS_CLOSE_POLICY);
		return;
	}
	if (now - s->last_rx_ms >= 2 * (int64_t)ws->ping_ms) {
		ws_close(s, PROTO_WS_CLOSE_AWAY, "idle");
		return;
	}
	if (now - s->last_ping_ms >= ws->ping_ms) {
		s->last_ping_ms = now;
		s->ping_due = true;
		lws_callback_on_writable(s->wsi);
	}
	if (s->sub == WS_SUB_WAIT && now >= s->wait_until_ms)
		ws_resync(s);
}

static void
ws_tick(lws_sorted_usec_list_t *sul)
{
	struct bk_ws		*ws = lws_container_of(sul, struct bk_ws, tick);
	struct ws_session	*s, *next;
	int64_t			 now = now_ms();
	long			 wall = (long)time(NULL);

	for (s = ws->sessions; s != NULL; s = next) {
		next = s->next;
		ws_tick_session(ws, s, now, wall);
	}
	ws_ring_reclaim(ws, false);
	if (ws->recheck_job == 0 && now - ws->last_recheck_ms >=
	    WS_RECHECK_MS) {
		ws->last_recheck_ms = now;
		ws->recheck_job = ws_recheck(ws, NULL);
	}
	lws_sul_schedule(ws->ctx, 0, &ws->tick, ws_tick,
	    WS_TICK_MS * LWS_US_PER_MS);
}

/* ---- the socket's callbacks ---------------------------------------------- */

static void
ws_message(struct ws_session *s, const char *text, size_t len)
{
	struct proto_msg	m;
	enum proto_msg_err	why;

	if (s->rx_binary) {
		ws_send_error(s, PROTO_WS_MALFORMED);
		return;
	}
	if (proto_msg_parse(text, len, &m, &why) != 0) {
		ws_send_error(s, proto_msg_err_detail(why));
		return;
	}
	switch (m.type) {
	case PROTO_MSG_AUTH:
		ws_on_auth(s, m.token);
		break;
	case PROTO_MSG_SUBSCRIBE:
		ws_on_subscribe(s, m.since);
		break;
	case PROTO_MSG_PING:
		ws_send_type(s, PROTO_MSG_PONG);
		break;
	default:		/* the server's own messages */
		ws_send_error(s, PROTO_WS_UNKNOWN_TYPE);
		break;
	}
	proto_msg_cleanup(&m);
}

static int
ws_receive(struct ws_session *s, const char *in, size_t len)
{
	struct lws	*wsi = s->wsi;
	bool		 final = lws_is_final_fragment(wsi);
	unsigned char	 why[] = "message too big";

	s->last_rx_ms = now_ms();
	if (s->close_code != 0)
		return 0;
	if (lws_is_first_fragment(wsi)) {
		s->rx_len = 0;
		s->rx_binary = lws_frame_is_binary(wsi);
	}
	if (s->rx_len + len > PROTO_WS_MAX_IN) {
		lws_close_reason(wsi, PROTO_WS_CLOSE_TOOBIG, why,
		    sizeof why - 1);
		return -1;
	}
	if (final && s->rx_len == 0) {
		ws_message(s, in, len);
		return 0;
	}
	if (s->rx == NULL)
		s->rx = xmalloc(PROTO_WS_MAX_IN);
	memcpy(s->rx + s->rx_len, in, len);
	s->rx_len += len;
	if (final) {
		ws_message(s, s->rx, s->rx_len);
		s->rx_len = 0;
	}
	return 0;
}

/* Write one frame; -1 if the socket failed. */
static int
ws_write(struct lws *wsi, unsigned char *text, size_t len)
{
	return lws_write(wsi, text, len, LWS_WRITE_TEXT) < (int)len ? -1 : 0;
}

/* The next event from the ring this session may see; NULL if none. */
static const struct bk_listen_item *
ws_ring_next(struct ws_session *s)
{
	struct bk_listen_item * const	*el;

	while ((el = lws_ring_get_element(s->ws->ring, &s->tail)) != NULL) {
		lws_ring_consume(s->ws->ring, &s->tail, NULL, 1);
		if (ws_sees(s, *el))
			return *el;
	}
	return NULL;
}

static int
ws_writable_one(struct ws_session *s)
{
	const struct bk_listen_item	*ev;
	const unsigned char		*text;
	unsigned char			 ping[LWS_PRE + 4];
	struct ws_out			*o;
	size_t				 len;

	if (s->ping_due) {
		/* with a payload: lws does not report empty pongs */
		s->ping_due = false;
		memcpy(ping + LWS_PRE, "rcws", 4);
		return lws_write(s->wsi, ping + LWS_PRE, 4, LWS_WRITE_PING) <
		    4 ? -1 : 1;
	}
	if ((o = s->out) != NULL) {
		s->out = o->next;
		if (s->out == NULL)
			s->out_last = NULL;
		s->nout--;
		if (ws_write(s->wsi, o->buf + LWS_PRE, o->len) != 0) {
			free(o);
			return -1;
		}
		free(o);
		return 1;
	}
	if (s->sub != WS_SUB_LIVE || s->pending == 0)
		return 0;
	ev = ws_ring_next(s);
	if (ev == NULL) {
		s->pending = 0;
		s->pending_bytes = 0;
		return 0;
	}
	text = ws_form(s, ev, &len);
	s->pending--;
	s->pending_bytes -= len;
	if (s->pending == 0)
		ws_tail_to_head(s->ws, &s->tail);
	/* the shared text has LWS_PRE of headroom; lws writes only there */
	return ws_write(s->wsi, (unsigned char *)text + LWS_PRE, len) != 0 ?
	    -1 : 1;
}

/* Whether s has anything left to write. */
static bool
ws_more(const struct ws_session *s)
{
	return s->out != NULL || s->ping_due ||
	    (s->sub == WS_SUB_LIVE && s->pending > 0);
}

static int
ws_writable(struct ws_session *s)
{
	unsigned char	reason[64];
	size_t		n;
	int		i, rc;

	for (i = 0; i < WS_WRITES_MAX; i++) {
		rc = ws_writable_one(s);
		if (rc < 0)
			return -1;
		/* lws_send_pipe_choked() polls: only ask when there is more */
		if (rc == 0 || !ws_more(s) || lws_send_pipe_choked(s->wsi))
			break;
	}
	if (ws_more(s)) {
		lws_callback_on_writable(s->wsi);
		return 0;
	}
	if (s->close_code != 0) {
		n = strlen(s->close_reason);
		if (n > sizeof reason)
			n = sizeof reason;
		memcpy(reason, s->close_reason, n);
		lws_close_reason(s->wsi, (enum lws_close_status)s->close_code,
		    reason, n);
		return -1;
	}
	return 0;
}

static void
ws_established(struct bk_ws *ws, struct ws_session *s, struct lws *wsi)
{
	memset(s, 0, sizeof *s);
	s->ws = ws;
	s->wsi = wsi;
	s->id = ++ws->next_id;
	s->opened_ms = s->last_rx_ms = s->last_ping_ms = now_ms();
	s->next = ws->sessions;
	ws->sessions = s;
}

static void
ws_closed(struct bk_ws *ws, struct ws_session *s)
{
	struct ws_session	**pp;

	for (pp = &ws->sessions; *pp != NULL; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	s->sub = WS_SUB_NONE;
	ws_out_free_all(s, false);
	free(s->rx);
	s->rx = NULL;
}

/* Only /api/v1/ws upgrades (a trailing slash allowed). */
static bool
ws_path_ok(struct lws *wsi)
{
	char	uri[64];
	int	n;

	n = lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI);
	if (n <= 0)
		return false;
	if (n > 1 && uri[n - 1] == '/')
		uri[n - 1] = '\0';
	return strcmp(uri, PROTO_WS_PATH) == 0;
}

int
bk_ws_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	const struct lws_protocols	*p = lws_get_protocol(wsi);
	struct bk_ws			*ws = p != NULL ? p->user : NULL;
	struct ws_session		*s = user;

	switch (reason) {
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return ws_path_ok(wsi) ? 0 : -1;
	case LWS_CALLBACK_ESTABLISHED:
		ws_established(ws, s, wsi);
		break;
	case LWS_CALLBACK_RECEIVE:
		return ws_receive(s, in, len);
	case LWS_CALLBACK_RECEIVE_PONG:
		s->last_rx_ms = now_ms();
		break;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return ws_writable(s);
	case LWS_CALLBACK_CLOSED:
		ws_closed(ws, s);
		break;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		if (ws != NULL && ws->listener != NULL)
			ws_take(ws);	/* not once stopped */
		break;
	default:
		break;
	}
	return 0;
}

/* ---- lifetime ------------------------------------------------------------ */

size_t
bk_ws_session_size(void)
{
	return sizeof(struct ws_session);
}

bool
bk_ws_owns(const struct bk_job *job)
{
	return job->req.route == &ws_route_auth ||
	    job->req.route == &ws_route_replay ||
	    job->req.route == &ws_route_recheck;
}

void
bk_ws_collect(struct bk_ws *ws, struct bk_job *job)
{
	struct ws_session	*s;

	if (job->req.route == &ws_route_recheck) {
		ws_recheck_done(ws, job);
		if (job->id == ws->recheck_job)
			ws->recheck_job = 0;
		bk_job_free(job);
		return;
	}
	for (s = ws->sessions; s != NULL; s = s->next) {
		if (s->auth_job == job->id) {
			ws_auth_done(s, job);
			break;
		}
		if (s->replay_job == job->id) {
			ws_replay_done(s, job);
			break;
		}
	}
	bk_job_free(job);	/* its socket may be gone: nothing to do */
}

void
bk_ws_close_all(struct bk_ws *ws)
{
	struct ws_session	*s;

	for (s = ws->sessions; s != NULL; s = s->next)
		ws_close(s, PROTO_WS_CLOSE_AWAY, "server shutting down");
}

struct bk_ws *
bk_ws_new(struct bk_queue *jobs, char *err, size_t errlen)
{
	struct bk_ws	*ws;

	ws = xcalloc(1, sizeof *ws);
	ws->jobs = jobs;
	ws->auth_timeout_ms = env_ms("REVCARE_WS_AUTH_TIMEOUT_MS",
	    WS_AUTH_TIMEOUT_MS);
	ws->ping_ms = env_ms("REVCARE_WS_PING_MS", WS_PING_MS);
	ws->ring = lws_ring_create(sizeof(struct bk_listen_item *),
	    WS_RING_SLOTS, ws_ring_destroy_element);
	if (ws->ring == NULL) {
		snprintf(err, errlen, "ws: cannot allocate the ring");
		goto fail;
	}
	ws->listener = bk_listener_new(bk_cfg.postgresql_url, LWS_PRE,
	    &ws->head, err, errlen);
	if (ws->listener == NULL)
		goto fail;
	return ws;
fail:
	bk_ws_stop(ws);
	bk_ws_free(ws);
	return NULL;
}

static void
ws_wake(void *arg)
{
	struct bk_ws	*ws = arg;

	lws_cancel_service(ws->ctx);
}

int
bk_ws_start(struct bk_ws *ws, struct lws_context *ctx, char *err,
    size_t errlen)
{
	ws->ctx = ctx;
	ws->last_recheck_ms = now_ms();
	if (bk_listener_start(ws->listener, ws_wake, ws) != 0) {
		snprintf(err, errlen, "cannot start the listener thread");
		return -1;
	}
	ws->ticking = true;
	lws_sul_schedule(ctx, 0, &ws->tick, ws_tick,
	    WS_TICK_MS * LWS_US_PER_MS);
	return 0;
}

void
bk_ws_stop(struct bk_ws *ws)
{
	if (ws == NULL)
		return;
	bk_listener_free(ws->listener);
	ws->listener = NULL;
	if (ws->ticking)
		lws_sul_cancel(&ws->tick);
	ws->ticking = false;
}

void
bk_ws_free(struct bk_ws *ws)
{
	if (ws == NULL)
		return;
	if (ws->ring != NULL)
		lws_ring_destroy(ws->ring);
	free(ws);
}

/* ---- jobs (worker threads) ------------------------------------------------
 * The worker pipeline has already run SPEC §2.3 steps 4-5 for the token in
 * req->auth (401 "Token has been revoked." or "Could not validate
 * credentials.") inside the job's transaction. */

/* The token is fine: nothing more to read. */
static int
ws_job_auth(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return 200;
}

/* The visible events since < seq <= upto, one message per line; 205 when
 * there are more than the stream replays (the socket resyncs). */
static int
ws_job_replay(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const char	*text;
	int		 count;

	if (bk_db_ws_replay(db, req->arena, req->params[0].ival,
	    req->params[1].ival, req->auth.user_id, req->auth.role,
	    PROTO_WS_MAX_REPLAY, &text, &count, &res->err) != 0)
		return bk_fail_err(res);
	if (count > PROTO_WS_MAX_REPLAY)
		return 205;
	res->body = text != NULL ? text : "";
	res->body_len = strlen(res->body);
	return 200;
}

/* The body holds five array texts, one per line: ids, jtis, users,
 * roles, iats. */
static int
ws_job_recheck(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const char	*line[5], *text;
	char		*copy, *p;
	int		 i;

	copy = bk_arena_strndup(req->arena, req->body, req->body_len);
	for (i = 0, p = copy; i < 5; i++) {
		line[i] = p;
		p = strchr(p, '\n');
		if (p == NULL)
			return bk_fail(res, 500, "bad re-check job");
		*p++ = '\0';
	}
	if (bk_db_ws_recheck(db, req->arena, line[0], line[1], line[2],
	    line[3], line[4], &text, &res->err) != 0)
		return bk_fail_err(res);
	res->body = text != NULL ? text : "";
	res->body_len = strlen(res->body);
	return 200;
}
