/*
 * The event stream thread.
 *
 * One thread owns an lws client context and its one connection to
 * /api/v1/ws. On connect it sends {"type":"auth"} with the latest token,
 * on the answer {"type":"subscribe","since":N} where N is the newest seq
 * it delivered (or the UI's snapshot seq, whichever is newer), and from
 * {"type":"subscribed"} on it is live. Every event newer than the last it
 * delivered is decoded (protocol/event.c, then the model's pure parser)
 * and posted to the mailbox, so the UI thread only applies it.
 *
 * A lost connection is retried after a delay from ws_backoff_ms by the
 * number of failures in a row (lws' minimal-ws-client pattern); the state
 * the UI shows follows: reconnecting for the first few, then offline
 * while it keeps trying. A server that answers the upgrade with plain
 * HTTP has no stream: the UI stays on REST and it retries slowly.
 *
 * The UI thread talks to this thread only through the fields marked
 * {lock} and lws_cancel_service(), the one lws call safe from another
 * thread; the wake-up lands in LWS_CALLBACK_EVENT_WAIT_CANCELLED here.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libwebsockets.h>

#include "event.h"
#include "xmalloc.h"
#include "model/events.h"
#include "model/model.h"
#include "net/mailbox.h"
#include "net/ws.h"

/* Delay before reconnect attempt n (from 0); the last repeats. */
static const uint32_t ws_backoff_ms[] = { 250, 500, 1000, 2000, 3000, 5000 };
#define WS_OFFLINE_AFTER	4	/* failures in a row: say "offline" */
#define WS_RX_MAX		(256 * 1024)	/* largest message taken */
#define WS_OUT_MAX		4		/* messages queued to send */

/* lws pings a connection idle this long and drops it when no pong
 * comes; the server pings every 30 s too. */
static const lws_retry_bo_t ws_idle = {
	.secs_since_valid_ping = 20,
	.secs_since_valid_hangup = 50,
};

/* Shared by the UI thread and the stream thread. */
struct tui_ws {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	char			*token;		/* {lock} newest access token */
	bool			 token_new;	/* {lock} send auth again */
	int64_t			 since;		/* {lock} UI's resume point */
	bool			 resubscribe;	/* {lock} subscribe again */
	struct lws_context	*ctx;		/* {lock} while it exists */
	atomic_bool		 stop;
	struct tui_mailbox	*mailbox;	/* not owned */
	/* the stream thread only */
	struct lws		*wsi;
	lws_sorted_usec_list_t	 sul;		/* reconnect timer */
	char			 host[256];
	char			 path[512];
	int			 port;
	bool			 tls;
	unsigned		 failures;	/* in a row */
	int64_t			 last;		/* newest seq delivered */
	bool			 authed;
	bool			 paused;	/* resync: wait for the UI */
	int			 state;		/* last tui_stream posted */
	char			*out[WS_OUT_MAX];
	int			 nout;
	char			*rx;
	size_t			 rx_len;
	bool			 rx_toobig;
};

static void	ws_connect(lws_sorted_usec_list_t *);

/* The context, from the stream thread (it exists while the thread runs). */
static struct lws_context *
ws_context(struct tui_ws *ws)
{
	struct lws_context	*ctx;

	pthread_mutex_lock(&ws->lock);
	ctx = ws->ctx;
	pthread_mutex_unlock(&ws->lock);
	return ctx;
}


/* Post a state change (text: why, or NULL) unless it is the same. */
static void
ws_post_state(struct tui_ws *ws, int state, const char *text)
{
	struct tui_msg	*msg;

	if (state == ws->state || atomic_load(&ws->stop))
		return;
	ws->state = state;
	msg = xcalloc(1, sizeof *msg);
	msg->kind = TUI_MSG_WS_STATE;
	msg->state = state;
	msg->text = text != NULL ? xstrdup(text) : NULL;
	tui_mailbox_post(ws->mailbox, msg);
}

static void
ws_post(struct tui_ws *ws, enum tui_msg_kind kind, const char *text)
{
	struct tui_msg	*msg;

	msg = xcalloc(1, sizeof *msg);
	msg->kind = kind;
	msg->text = text != NULL ? xstrdup(text) : NULL;
	tui_mailbox_post(ws->mailbox, msg);
}

static void
ws_drop_queue(struct tui_ws *ws)
{
	while (ws->nout > 0)
		free(ws->out[--ws->nout]);
}

/* Try again after the delay for this many failures in a row. */
static void
ws_retry(struct tui_ws *ws)
{
	unsigned	n = sizeof ws_backoff_ms / sizeof ws_backoff_ms[0];
	uint32_t	ms = ws_backoff_ms[ws->failures < n ? ws->failures :
			    n - 1];

	if (atomic_load(&ws->stop))
		return;
	ws->failures++;
	lws_sul_schedule(ws_context(ws), 0, &ws->sul, ws_connect,
	    (lws_usec_t)ms * LWS_US_PER_MS);
}

/* Queue one message; it goes out when the socket is writable. */
static void
ws_send(struct tui_ws *ws, const struct proto_msg *m)
{
	char	*text = proto_msg_format(m);

	if (text == NULL || ws->wsi == NULL || ws->nout == WS_OUT_MAX) {
		free(text);	/* never full: at most auth, subscribe, pong */
		return;
	}
	ws->out[ws->nout++] = text;
	lws_callback_on_writable(ws->wsi);
}

static void
ws_send_auth(struct tui_ws *ws)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_AUTH);
	pthread_mutex_lock(&ws->lock);
	m.token = ws->token != NULL ? xstrdup(ws->token) : NULL;
	ws->token_new = false;
	pthread_mutex_unlock(&ws->lock);
	ws_send(ws, &m);
	proto_msg_cleanup(&m);
}

/* Subscribe after the newest event we have, or the UI's snapshot. */
static void
ws_send_subscribe(struct tui_ws *ws)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_SUBSCRIBE);
	pthread_mutex_lock(&ws->lock);
	if (ws->since > ws->last)
		ws->last = ws->since;
	ws->resubscribe = false;
	pthread_mutex_unlock(&ws->lock);
	m.since = ws->last > 0 ? ws->last : 0;
	ws_send(ws, &m);
}

/* Write the oldest queued message; -1 if the socket failed. */
static int
ws_writable(struct tui_ws *ws, struct lws *wsi)
{
	unsigned char	*buf;
	size_t		 len;
	char		*text;
	int		 rc = 0;

	if (ws->nout == 0)
		return 0;
	text = ws->out[0];
	memmove(&ws->out[0], &ws->out[1], sizeof ws->out[0] *
	    (size_t)--ws->nout);
	len = strlen(text);
	buf = xmalloc(LWS_PRE + len);
	memcpy(buf + LWS_PRE, text, len);
	if (lws_write(wsi, buf + LWS_PRE, len, LWS_WRITE_TEXT) < (int)len)
		rc = -1;
	free(buf);
	memset(text, 0, len);	/* it may hold the token */
	free(text);
	if (ws->nout > 0)
		lws_callback_on_writable(wsi);
	return rc;
}

/* An event: decode it for the model and post it, once. */
static void
ws_event(struct tui_ws *ws, const struct proto_event *pe)
{
	struct tui_msg	*msg;
	struct tui_event *ev;

	if (pe->seq <= ws->last)
		return;		/* a replay overlapping what we have */
	ev = xcalloc(1, sizeof *ev);
	if (tui_event_from_proto(pe, ev) != 0) {
		free(ev);
		return;
	}
	ws->last = pe->seq;
	msg = xcalloc(1, sizeof *msg);
	msg->kind = TUI_MSG_WS_EVENT;
	msg->event = ev;
	tui_mailbox_post(ws->mailbox, msg);
}

static bool
ws_token_refused(const char *detail)
{
	return detail != NULL && (strcmp(detail, PROTO_WS_EXPIRED) == 0 ||
	    strcmp(detail, PROTO_WS_REVOKED) == 0 ||
	    strcmp(detail, PROTO_WS_INVALID) == 0);
}

static void
ws_message(struct tui_ws *ws, const char *text, size_t len)
{
	struct proto_msg	m, pong;
	enum proto_msg_err	why;

	if (proto_msg_parse(text, len, &m, &why) != 0)
		return;		/* not ours to show; the stream goes on */
	switch (m.type) {
	case PROTO_MSG_AUTH_OK:
		if (!ws->authed && !ws->paused)
			ws_send_subscribe(ws);
		ws->authed = true;
		break;
	case PROTO_MSG_SUBSCRIBED:
		ws->failures = 0;
		ws_post_state(ws, TUI_STREAM_LIVE, NULL);
		break;
	case PROTO_MSG_EVENT:
		ws_event(ws, &m.event);
		break;
	case PROTO_MSG_RESYNC:
		/* the UI refetches by REST, then tells us where to resume */
		ws->paused = true;
		ws_post(ws, TUI_MSG_WS_RESYNC, NULL);
		break;
	case PROTO_MSG_PING:
		proto_msg_init(&pong, PROTO_MSG_PONG);
		ws_send(ws, &pong);
		break;
	case PROTO_MSG_ERROR:
		if (ws_token_refused(m.detail))
			ws_post(ws, TUI_MSG_WS_AUTH, m.detail);
		break;
	default:
		break;
	}
	proto_msg_cleanup(&m);
}

static int
ws_receive(struct tui_ws *ws, struct lws *wsi, const char *in, size_t len)
{
	if (lws_is_first_fragment(wsi)) {
		ws->rx_len = 0;
		ws->rx_toobig = false;
	}
	if (ws->rx_len + len > WS_RX_MAX)
		ws->rx_toobig = true;
	else {
		if (ws->rx == NULL)
			ws->rx = xmalloc(WS_RX_MAX);
		memcpy(ws->rx + ws->rx_len, in, len);
		ws->rx_len += len;
	}
	if (lws_is_final_fragment(wsi) && !ws->rx_toobig)
		ws_message(ws, ws->rx, ws->rx_len);
	return 0;
}

/* The connection failed or closed: say how it stands and retry. */
static void
ws_lost(struct tui_ws *ws, struct lws *wsi, const char *why)
{
	unsigned	status = wsi != NULL ?
			    lws_http_client_http_response(wsi) : 0;

	ws->wsi = NULL;
	ws->authed = false;
	ws_drop_queue(ws);
	if (status != 0 && status != 101) {
		/* the server answered in HTTP: it has no stream (yet) */
		ws->failures = sizeof ws_backoff_ms / sizeof ws_backoff_ms[0];
		ws_post_state(ws, TUI_STREAM_NONE, why);
	} else
		ws_post_state(ws, ws->failures < WS_OFFLINE_AFTER ?
		    TUI_STREAM_RECONNECTING : TUI_STREAM_OFFLINE, why);
	ws_retry(ws);
}

/* Work the UI thread asked for (a new token, a subscription). */
static void
ws_woken(struct tui_ws *ws)
{
	bool	token, sub;

	pthread_mutex_lock(&ws->lock);
	token = ws->token_new;
	sub = ws->resubscribe;
	pthread_mutex_unlock(&ws->lock);
	if (ws->wsi == NULL)
		return;		/* the next connection uses both */
	if (token)
		ws_send_auth(ws);
	if (sub && ws->authed) {
		ws->paused = false;
		ws_send_subscribe(ws);
	}
}

static int
ws_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct tui_ws	*ws = lws_context_user(lws_get_context(wsi));

	switch (reason) {
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		ws->authed = false;
		ws_send_auth(ws);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		return ws_receive(ws, wsi, in, len);
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		return ws_writable(ws, wsi);
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		ws_lost(ws, wsi, in != NULL ? (const char *)in : NULL);
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		ws_lost(ws, NULL, "closed");
		break;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		if (ws != NULL)
			ws_woken(ws);
		break;
	default:
		break;
	}
	return 0;
}

static const struct lws_protocols ws_protocols[] = {
	{ "revcare-tui", ws_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

static void
ws_connect(lws_sorted_usec_list_t *sul)
{
	struct tui_ws			*ws = lws_container_of(sul,
					    struct tui_ws, sul);
	struct lws_client_connect_info	 i;

	if (atomic_load(&ws->stop))
		return;
	memset(&i, 0, sizeof i);
	i.context = ws_context(ws);
	i.address = ws->host;
	i.port = ws->port;
	i.path = ws->path;
	i.host = ws->host;
	i.origin = ws->host;
	i.ssl_connection = ws->tls ? LCCSCF_USE_SSL : 0;
	i.protocol = "revcare-events";
	i.local_protocol_name = "revcare-tui";
	i.retry_and_idle_policy = &ws_idle;
	i.pwsi = &ws->wsi;
	if (lws_client_connect_via_info(&i) == NULL)
		ws_lost(ws, NULL, "cannot connect");
}

/* Split the server URL into host, port, TLS and the stream's path. */
static int
ws_parse_server(struct tui_ws *ws, const char *server)
{
	char		*copy = xstrdup(server);
	const char	*prot, *ads, *path;
	int		 port, rc = -1;

	if (lws_parse_uri(copy, &prot, &ads, &port, &path) == 0 &&
	    (strcmp(prot, "http") == 0 || strcmp(prot, "https") == 0)) {
		ws->tls = strcmp(prot, "https") == 0;
		snprintf(ws->host, sizeof ws->host, "%s", ads);
		ws->port = port;
		while (*path == '/')
			path++;
		snprintf(ws->path, sizeof ws->path, "%s%s%s", *path ? "/" :
		    "", path, PROTO_WS_PATH);
		rc = 0;
	}
	free(copy);
	return rc;
}

static void *
ws_main(void *arg)
{
	struct tui_ws				*ws = arg;
	struct lws_context_creation_info	 info;
	struct lws_context			*ctx;

	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = ws_protocols;
	info.user = ws;
	if (ws->tls)
		info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	ctx = lws_create_context(&info);
	if (ctx == NULL) {
		ws_post_state(ws, TUI_STREAM_OFFLINE, "cannot start lws");
		return NULL;
	}
	pthread_mutex_lock(&ws->lock);
	ws->ctx = ctx;
	pthread_mutex_unlock(&ws->lock);
	lws_sul_schedule(ctx, 0, &ws->sul, ws_connect, 1);
	while (!atomic_load(&ws->stop))
		if (lws_service(ctx, 0) < 0)
			break;
	pthread_mutex_lock(&ws->lock);
	ws->ctx = NULL;
	pthread_mutex_unlock(&ws->lock);
	lws_context_destroy(ctx);
	return NULL;
}

/*
 * UI thread: start the stream to server (an http(s) base URL) with token,
 * subscribing after seq since. Posts its state and events to mailbox,
 * which must outlive it. NULL if the URL is not http(s) or the thread
 * cannot start.
 */
struct tui_ws *
tui_ws_new(struct tui_mailbox *mailbox, const char *server, const char *token,
    int64_t since)
{
	struct tui_ws	*ws;

	lws_set_log_level(0, NULL);	/* stderr is the curses screen */
	ws = xcalloc(1, sizeof *ws);
	ws->mailbox = mailbox;
	ws->token = xstrdup(token != NULL ? token : "");
	ws->since = since;
	ws->last = -1;
	ws->state = TUI_STREAM_CONNECTING;
	atomic_init(&ws->stop, false);
	if (ws_parse_server(ws, server) != 0) {
		free(ws->token);
		free(ws);
		return NULL;
	}
	pthread_mutex_init(&ws->lock, NULL);
	if (pthread_create(&ws->thread, NULL, ws_main, ws) != 0) {
		pthread_mutex_destroy(&ws->lock);
		free(ws->token);
		free(ws);
		return NULL;
	}
	return ws;
}

/* Wake the stream thread (holding the lock, so the context exists). */
static void
ws_wake(struct tui_ws *ws)
{
	if (ws->ctx != NULL)
		lws_cancel_service(ws->ctx);
}

/* UI thread: stop the stream, close the socket and join the thread.
 * Nothing more is posted after it returns. NULL does nothing. */
void
tui_ws_free(struct tui_ws *ws)
{
	if (ws == NULL)
		return;
	pthread_mutex_lock(&ws->lock);
	atomic_store(&ws->stop, true);
	ws_wake(ws);
	pthread_mutex_unlock(&ws->lock);
	pthread_join(ws->thread, NULL);
	ws_drop_queue(ws);
	if (ws->token != NULL) {
		memset(ws->token, 0, strlen(ws->token));
		free(ws->token);
	}
	free(ws->rx);
	pthread_mutex_destroy(&ws->lock);
	free(ws);
}

/* UI thread: a renewed access token; sent at once when connected (the
 * server accepts auth again), else used by the next connection. */
void
tui_ws_set_token(struct tui_ws *ws, const char *token)
{
	pthread_mutex_lock(&ws->lock);
	if (ws->token != NULL) {
		memset(ws->token, 0, strlen(ws->token));
		free(ws->token);
	}
	ws->token = xstrdup(token != NULL ? token : "");
	ws->token_new = true;
	ws_wake(ws);
	pthread_mutex_unlock(&ws->lock);
}

/* UI thread: after a resync the UI refetched up to since: subscribe
 * from there (also what a reconnection resumes from, at the least). */
void
tui_ws_subscribe(struct tui_ws *ws, int64_t since)
{
	pthread_mutex_lock(&ws->lock);
	ws->since = since;
	ws->resubscribe = true;
	ws_wake(ws);
	pthread_mutex_unlock(&ws->lock);
}
