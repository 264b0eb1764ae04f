/*
 * revcare-watch: follow the live booking events of a RevCare server on the
 * terminal, one line per event:
 *
 *	<seq> <at> <kind> booking=<id> <actor> <status>
 *
 * It logs in with the form login (libcurl), opens /api/v1/ws (the lws
 * client), authenticates, subscribes and prints. After a lost connection it
 * reconnects with backoff and resumes after the last seq it printed, so no
 * event is printed twice or skipped; a resync (it fell too far behind) is
 * reported and it goes on from the head. Built from protocol/ alone.
 */
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <libwebsockets.h>

#include "event.h"
#include "xmalloc.h"

/* Reconnect delays, as lws' minimal ws client's backoff table. */
static const uint32_t watch_backoff_ms[] = { 250, 500, 1000, 2000, 4000,
    8000 };

/* The whole program's state; one thread (the lws loop). */
struct watch {
	struct lws_context	*ctx;
	struct lws		*wsi;
	lws_sorted_usec_list_t	 sul;		/* reconnect timer */
	char			*server;	/* http(s)://host:port[/x] */
	char			*user;
	char			*password;
	char			*token;		/* NULL: log in first */
	int64_t			 since;		/* -1: from the head */
	int64_t			 last;		/* last seq printed, -1 none */
	bool			 skip_to_head;	/* after a resync */
	unsigned		 retries;
	bool			 stop;
	bool			 refused;	/* the login was refused */
	char			*out[4];	/* to send when writable */
	int			 nout;
	char			 host[256];
	char			 path[512];
	int			 port;
	bool			 tls;
	char			 rx[PROTO_WS_MAX_IN * 64];	/* a message */
	size_t			 rx_len;
	bool			 rx_toobig;
};

static struct watch	W;

static void
usage(FILE *f)
{
	fprintf(f, "usage: revcare-watch [--server URL] --user PHONE "
	    "[--password P] [--since N]\n"
	    "  --server URL   RevCare server (default http://127.0.0.1:8000)\n"
	    "  --user PHONE   the phone number to log in with\n"
	    "  --password P   the password (default: $REVCARE_PASSWORD)\n"
	    "  --since N      replay the events after seq N first "
	    "(default: live only)\n"
	    "Prints \"<seq> <at> <kind> booking=<id> <actor> <status>\" per "
	    "event.\n");
}

/* ---- login (libcurl) --------------------------------------------------- */

struct body {
	char	*p;
	size_t	 len;
};

static size_t
body_write(char *data, size_t size, size_t n, void *arg)
{
	struct body	*b = arg;
	size_t		 add = size * n;

	b->p = xrealloc(b->p, b->len + add + 1);
	memcpy(b->p + b->len, data, add);
	b->len += add;
	b->p[b->len] = '\0';
	return add;
}

/* Log in; 0 with W.token set, -1 to retry later, -2 to give up. */
static int
watch_login(void)
{
	CURL		*c = curl_easy_init();
	struct body	 b = { NULL, 0 };
	char		*url, *form, *u, *p;
	long		 status = 0;
	cJSON		*doc;
	const cJSON	*t, *d;
	int		 rc = -1;

	if (c == NULL)
		return -1;
	xasprintf(&url, "%s/api/v1/auth/login", W.server);
	u = curl_easy_escape(c, W.user, 0);
	p = curl_easy_escape(c, W.password, 0);
	xasprintf(&form, "username=%s&password=%s", u, p);
	curl_free(u);
	curl_free(p);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	doc = b.p != NULL ? cJSON_Parse(b.p) : NULL;
	t = cJSON_GetObjectItemCaseSensitive(doc, "access_token");
	d = cJSON_GetObjectItemCaseSensitive(doc, "detail");
	if (status == 200 && cJSON_IsString(t)) {
		free(W.token);
		W.token = xstrdup(t->valuestring);
		rc = 0;
	} else if (status == 401 || status == 422 || status == 403) {
		fprintf(stderr, "revcare-watch: login refused: %s\n",
		    cJSON_IsString(d) ? d->valuestring : "(no detail)");
		rc = -2;
	} else
		fprintf(stderr, "# login failed (HTTP %ld); will retry\n",
		    status);
	cJSON_Delete(doc);
	free(b.p);
	free(form);
	free(url);
	curl_easy_cleanup(c);
	return rc;
}

/* ---- the socket --------------------------------------------------------- */

static void watch_connect(lws_sorted_usec_list_t *);

static void
watch_retry(void)
{
	unsigned	n = sizeof watch_backoff_ms /
	    sizeof watch_backoff_ms[0];
	uint32_t	ms;

	ms = watch_backoff_ms[W.retries < n ? W.retries : n - 1];

	if (W.stop)
		return;
	W.retries++;
	fprintf(stderr, "# reconnecting in %u ms\n", ms);
	lws_sul_schedule(W.ctx, 0, &W.sul, watch_connect,
	    (lws_usec_t)ms * LWS_US_PER_MS);
}

static void
watch_connect(lws_sorted_usec_list_t *sul)
{
	struct lws_client_connect_info	i;
	int				rc;

	if (W.token == NULL) {
		rc = watch_login();
		if (rc == -2) {
			W.refused = true;
			W.stop = true;
			lws_cancel_service(W.ctx);
			return;
		}
		if (rc != 0) {
			watch_retry();
			return;
		}
	}
	memset(&i, 0, sizeof i);
	i.context = W.ctx;
	i.address = W.host;
	i.port = W.port;
	i.path = W.path;
	i.host = W.host;
	i.origin = W.host;
	i.ssl_connection = W.tls ? LCCSCF_USE_SSL : 0;
	i.local_protocol_name = "revcare-watch";
	i.pwsi = &W.wsi;
	if (lws_client_connect_via_info(&i) == NULL)
		watch_retry();
}

/* Queue one message; it goes out when the socket is writable. */
static void
watch_send(struct lws *wsi, const struct proto_msg *m)
{
	char	*text = proto_msg_format(m);

	if (text == NULL)
		return;
	if (W.nout == (int)(sizeof W.out / sizeof W.out[0])) {
		free(text);	/* never: at most two are in flight */
		return;
	}
	W.out[W.nout++] = text;
	lws_callback_on_writable(wsi);
}

/* Write the oldest queued message; -1 if the socket failed. */
static int
watch_writable(struct lws *wsi)
{
	unsigned char	 buf[LWS_PRE + PROTO_WS_MAX_IN];
	size_t		 len;
	char		*text;
	int		 rc = 0;

	if (W.nout == 0)
		return 0;
	text = W.out[0];
	memmove(&W.out[0], &W.out[1], sizeof W.out[0] * (size_t)--W.nout);
	len = strlen(text);
	if (len <= PROTO_WS_MAX_IN) {
		memcpy(buf + LWS_PRE, text, len);
		if (lws_write(wsi, buf + LWS_PRE, len, LWS_WRITE_TEXT) <
		    (int)len)
			rc = -1;
	}
	free(text);
	if (W.nout > 0)
		lws_callback_on_writable(wsi);
	return rc;
}

static void
watch_drop_queue(void)
{
	while (W.nout > 0)
		free(W.out[--W.nout]);
}

static void
watch_auth(struct lws *wsi)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_AUTH);
	m.token = W.token;
	watch_send(wsi, &m);
}

static void
watch_print(const struct proto_event *ev)
{
	const char	*status = proto_event_status(ev);

	printf("%lld %s %s booking=%ld %s %s\n", (long long)ev->seq, ev->at,
	    ev->kind, ev->booking_id, ev->actor, status != NULL ? status :
	    "-");
	W.last = ev->seq;
}

static void
watch_message(struct lws *wsi, const char *text, size_t len)
{
	struct proto_msg	m, sub;
	enum proto_msg_err	why;

	if (proto_msg_parse(text, len, &m, &why) != 0) {
		fprintf(stderr, "# unreadable message: %.*s\n", (int)len, text);
		return;
	}
	switch (m.type) {
	case PROTO_MSG_AUTH_OK:
		proto_msg_init(&sub, PROTO_MSG_SUBSCRIBE);
		if (W.skip_to_head || (W.last < 0 && W.since < 0))
			sub.since = m.head;
		else
			sub.since = W.last >= 0 ? W.last : W.since;
		if (W.skip_to_head && W.last >= 0)
			fprintf(stderr, "# resync: going on from seq %lld\n",
			    (long long)m.head);
		/* after a resync the head rules, even below what was printed
		 * (the server's log was restored) */
		if (W.skip_to_head || W.last < sub.since)
			W.last = sub.since;
		W.skip_to_head = false;
		watch_send(wsi, &sub);
		break;
	case PROTO_MSG_SUBSCRIBED:
		W.retries = 0;
		fprintf(stderr, "# live after seq %lld\n", (long long)m.head);
		break;
	case PROTO_MSG_EVENT:
		if (m.event.seq > W.last)
			watch_print(&m.event);
		break;
	case PROTO_MSG_RESYNC:
		/* too far behind: learn the head again and go on from it */
		W.skip_to_head = true;
		watch_auth(wsi);
		break;
	case PROTO_MSG_ERROR:
		fprintf(stderr, "# server: %s\n", m.detail);
		if (strcmp(m.detail, PROTO_WS_EXPIRED) == 0 ||
		    strcmp(m.detail, PROTO_WS_REVOKED) == 0 ||
		    strcmp(m.detail, PROTO_WS_INVALID) == 0) {
			free(W.token);
			W.token = NULL;		/* log in again */
		}
		break;
	default:
		break;
	}
	proto_msg_cleanup(&m);
}

static int
watch_receive(struct lws *wsi, const char *in, size_t len)
{
	if (lws_is_first_fragment(wsi)) {
		W.rx_len = 0;
		W.rx_toobig = false;
	}
	if (W.rx_len + len > sizeof W.rx)
		W.rx_toobig = true;
	else {
		memcpy(W.rx + W.rx_len, in, len);
		W.rx_len += len;
	}
	if (lws_is_final_fragment(wsi) && !W.rx_toobig)
		watch_message(wsi, W.rx, W.rx_len);
	return 0;
}

static int
watch_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	switch (reason) {
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		watch_auth(wsi);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		return watch_receive(wsi, in, len);
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		return watch_writable(wsi);
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		fprintf(stderr, "# cannot connect: %s\n",
		    in != NULL ? (const char *)in : "unknown error");
		W.wsi = NULL;
		watch_drop_queue();
		watch_retry();
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		fprintf(stderr, "# connection closed\n");
		W.wsi = NULL;
		watch_drop_queue();
		watch_retry();
		break;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		break;
	default:
		break;
	}
	return 0;
}

static const struct lws_protocols watch_protocols[] = {
	{ "revcare-watch", watch_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

/* ---- set-up ------------------------------------------------------------- */

static void
watch_signal(int sig)
{
	(void)sig;
	W.stop = true;
	if (W.ctx != NULL)
		lws_cancel_service(W.ctx);
}

/* Split --server into host, port, TLS and the socket's path. */
static int
watch_parse_server(void)
{
	char		*copy = xstrdup(W.server), *end;
	const char	*prot, *ads, *path;
	int		 port, rc = -1;

	end = W.server + strlen(W.server);
	while (end > W.server && end[-1] == '/')
		*--end = '\0';
	if (lws_parse_uri(copy, &prot, &ads, &port, &path) == 0 &&
	    (strcmp(prot, "http") == 0 || strcmp(prot, "https") == 0)) {
		W.tls = strcmp(prot, "https") == 0;
		snprintf(W.host, sizeof W.host, "%s", ads);
		W.port = port;
		while (*path == '/')
			path++;
		snprintf(W.path, sizeof W.path, "%s%s%s", *path ? "/" : "",
		    path, PROTO_WS_PATH);
		rc = 0;
	}
	free(copy);
	return rc;
}

/* Read the command line into W; 0, or the exit status to leave with. */
static int
watch_options(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "password", required_argument, NULL, 'p' },
		{ "since", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 c;

	while ((c = getopt_long(argc, argv, "s:u:p:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			free(W.server);
			W.server = xstrdup(optarg);
			break;
		case 'u':
			W.user = optarg;
			break;
		case 'p':
			W.password = optarg;
			break;
		case 'n':
			W.since = strtoll(optarg, &end, 10);
			if (*end != '\0' || W.since < 0) {
				fprintf(stderr, "revcare-watch: --since wants "
				    "a seq (0 or more)\n");
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (W.user == NULL || W.password == NULL || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (watch_parse_server() != 0) {
		fprintf(stderr, "revcare-watch: --server wants an http(s) "
		    "URL\n");
		return 2;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct lws_context_creation_info	info;
	int					rc;

	W.server = xstrdup("http://127.0.0.1:8000");
	W.since = -1;
	W.last = -1;
	W.password = getenv("REVCARE_PASSWORD");
	rc = watch_options(argc, argv);
	if (rc != 0) {
		free(W.server);
		return rc < 0 ? 0 : rc;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGINT, watch_signal);
	signal(SIGTERM, watch_signal);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	lws_set_log_level(LLL_ERR, NULL);
	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = watch_protocols;
	info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	W.ctx = lws_create_context(&info);
	if (W.ctx == NULL) {
		fprintf(stderr, "revcare-watch: cannot start lws\n");
		return 1;
	}
	watch_connect(&W.sul);
	while (!W.stop && lws_service(W.ctx, 0) >= 0)
		;
	lws_context_destroy(W.ctx);
	curl_global_cleanup();
	watch_drop_queue();
	free(W.token);
	free(W.server);
	return W.refused ? 1 : 0;
}
