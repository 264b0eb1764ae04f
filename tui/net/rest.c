/*
 * The REST worker thread.
 *
 * The UI thread submits requests to a FIFO under a lock and signals a
 * condition variable; the worker takes them one at a time, performs each
 * with its single CURL handle (so connections and the cookie jar carry
 * over), and posts a tui_rest_res to the mailbox. tui_rest_free sets the
 * stop flag, which also aborts a transfer in progress through the
 * progress callback, and joins the thread: quitting waits for a slow
 * server at most about a second (libcurl calls that callback about once a
 * second while a transfer idles). Requests run one after another.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "xmalloc.h"
#include "net/mailbox.h"
#include "net/rest.h"

#define REST_CONNECT_TIMEOUT	5L	/* seconds */
#define REST_TIMEOUT		20L	/* seconds, whole transfer */
#define REST_BODY_MAX		(4 * 1024 * 1024)

/* Shared by the UI thread (submit, free) and the worker thread. */
struct tui_rest {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;		/* {lock} queue or stop */
	struct tui_rest_req	*head;		/* {lock} */
	struct tui_rest_req	*tail;		/* {lock} */
	atomic_bool		 stop;		/* set once, by free */
	struct tui_mailbox	*mailbox;	/* not owned */
	CURL			*curl;		/* worker thread only */
};

/* A reply body being received: grows up to REST_BODY_MAX. */
struct rest_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	bool	 too_big;
};

static size_t
rest_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct rest_buf	*b = arg;
	size_t		 n = size * nmemb;

	if (b->len + n > REST_BODY_MAX) {
		b->too_big = true;
		return 0;	/* makes curl fail with CURLE_WRITE_ERROR */
	}
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

/* Header callback: keeps X-Event-Seq and X-Total-Count (SPEC §1.9). */
static size_t
rest_header(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct tui_rest_res	*res = arg;
	size_t			 n = size * nmemb;
	char			 line[128];

	if (n >= sizeof line)
		return n;
	memcpy(line, ptr, n);
	line[n] = '\0';
	if (strncasecmp(line, "X-Event-Seq:", 12) == 0)
		res->event_seq = strtoll(line + 12, NULL, 10);
	else if (strncasecmp(line, "X-Total-Count:", 14) == 0)
		res->total = strtol(line + 14, NULL, 10);
	return n;
}

static int
rest_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct tui_rest	*rest = arg;

	return atomic_load(&rest->stop) ? 1 : 0;	/* 1 aborts */
}

/* Which tui_net_error a libcurl failure is, for the message shown. */
static enum tui_net_error
rest_classify(CURLcode code, bool too_big)
{
	if (too_big)
		return TUI_NET_TOO_BIG;
	switch (code) {
	case CURLE_OK:
		return TUI_NET_OK;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return TUI_NET_UNREACHABLE;
	case CURLE_OPERATION_TIMEDOUT:
		return TUI_NET_TIMEOUT;
	default:
		return TUI_NET_FAILED;
	}
}

/* The options every request shares, set once: the cookie engine on (an
 * empty jar in memory, for the refresh cookie), timeouts, callbacks. */
static void
rest_curl_init(struct tui_rest *rest)
{
	CURL	*c = rest->curl;

	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, REST_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, REST_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, rest_write);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, rest_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, rest);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "revcare-tui/" REVCARE_VERSION);
}

/* Worker thread: perform one request and build its result. */
static struct tui_rest_res *
rest_perform(struct tui_rest *rest, const struct tui_rest_req *req)
{
	struct tui_rest_res	*res;
	struct curl_slist	*headers = NULL;
	struct rest_buf		 buf = { NULL, 0, 0, false };
	char			 errbuf[CURL_ERROR_SIZE] = "";
	char			*h;
	CURLcode		 code;
	CURL			*c = rest->curl;

	res = xcalloc(1, sizeof *res);
	res->event_seq = -1;
	res->total = -1;
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, rest_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, res);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &buf);
	headers = curl_slist_append(headers, "Accept: application/json");
	if (req->bearer != NULL) {
		xasprintf(&h, "Authorization: Bearer %s", req->bearer);
		headers = curl_slist_append(headers, h);
		memset(h, 0, strlen(h));
		free(h);
	}
	if (req->body != NULL) {
		xasprintf(&h, "Content-Type: %s", req->content_type);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	if (req->body == NULL && strcmp(req->method, "GET") == 0) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	} else {
		/* POST, or PUT/PATCH/DELETE sent like a POST */
		curl_easy_setopt(c, CURLOPT_POSTFIELDS,
		    req->body != NULL ? req->body : "");
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
		    strcmp(req->method, "POST") == 0 ? NULL : req->method);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

	code = curl_easy_perform(c);

	res->kind = req->kind;
	res->epoch = req->epoch;
	res->tag = req->tag;
	res->net = rest_classify(code, buf.too_big);
	if (res->net == TUI_NET_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	else
		res->error = xstrdup(*errbuf != '\0' ? errbuf :
		    curl_easy_strerror(code));
	res->body = buf.data != NULL ? buf.data : xstrdup("");
	if (req->forget_cookies)
		curl_easy_setopt(c, CURLOPT_COOKIELIST, "ALL");
	/* nothing of this request may outlive it in the handle */
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, NULL);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, NULL);
	curl_slist_free_all(headers);
	return res;
}

/* Worker thread: wait for a request or the stop flag. */
static struct tui_rest_req *
rest_next(struct tui_rest *rest)
{
	struct tui_rest_req	*req = NULL;

	pthread_mutex_lock(&rest->lock);
	while (rest->head == NULL && !atomic_load(&rest->stop))
		pthread_cond_wait(&rest->cond, &rest->lock);
	if (!atomic_load(&rest->stop)) {
		req = rest->head;
		rest->head = req->next;
		if (rest->head == NULL)
			rest->tail = NULL;
	}
	pthread_mutex_unlock(&rest->lock);
	return req;
}

static void *
rest_main(void *arg)
{
	struct tui_rest		*rest = arg;
	struct tui_rest_req	*req;
	struct tui_msg		*msg;

	for (;;) {
		req = rest_next(rest);
		if (req == NULL)
			break;
		msg = xcalloc(1, sizeof *msg);
		msg->kind = TUI_MSG_REST;
		msg->rest = rest_perform(rest, req);
		tui_rest_req_free(req);
		tui_mailbox_post(rest->mailbox, msg);
	}
	return NULL;
}

/*
 * Start the worker; results go to mailbox, which must outlive it. Needs
 * curl_global_init done. Returns NULL if curl or the thread cannot start.
 */
struct tui_rest *
tui_rest_new(struct tui_mailbox *mailbox)
{
	struct tui_rest	*rest;

	rest = xcalloc(1, sizeof *rest);
	rest->mailbox = mailbox;
	atomic_init(&rest->stop, false);
	rest->curl = curl_easy_init();
	if (rest->curl == NULL) {
		free(rest);
		return NULL;
	}
	rest_curl_init(rest);
	pthread_mutex_init(&rest->lock, NULL);
	pthread_cond_init(&rest->cond, NULL);
	if (pthread_create(&rest->thread, NULL, rest_main, rest) != 0) {
		pthread_cond_destroy(&rest->cond);
		pthread_mutex_destroy(&rest->lock);
		curl_easy_cleanup(rest->curl);
		free(rest);
		return NULL;
	}
	return rest;
}

/* UI thread: stop the worker (aborting a transfer in flight), join it and
 * drop requests not yet started; their results are never posted. */
void
tui_rest_free(struct tui_rest *rest)
{
	struct tui_rest_req	*req, *next;

	if (rest == NULL)
		return;
	pthread_mutex_lock(&rest->lock);
	atomic_store(&rest->stop, true);
	pthread_cond_signal(&rest->cond);
	pthread_mutex_unlock(&rest->lock);
	pthread_join(rest->thread, NULL);
	for (req = rest->head; req != NULL; req = next) {
		next = req->next;
		tui_rest_req_free(req);
	}
	curl_easy_cleanup(rest->curl);
	pthread_cond_destroy(&rest->cond);
	pthread_mutex_destroy(&rest->lock);
	free(rest);
}

/* UI thread: queue req (ownership passes to the worker); its result
 * arrives later in the mailbox as a TUI_MSG_REST. */
void
tui_rest_submit(struct tui_rest *rest, struct tui_rest_req *req)
{
	req->next = NULL;
	pthread_mutex_lock(&rest->lock);
	if (rest->tail != NULL)
		rest->tail->next = req;
	else
		rest->head = req;
	rest->tail = req;
	pthread_cond_signal(&rest->cond);
	pthread_mutex_unlock(&rest->lock);
}

static void
rest_wipe_free(char *s)
{
	if (s == NULL)
		return;
	memset(s, 0, strlen(s));
	free(s);
}

/* Free a request, wiping its body and token. NULL does nothing. */
void
tui_rest_req_free(struct tui_rest_req *req)
{
	if (req == NULL)
		return;
	free(req->url);
	rest_wipe_free(req->body);
	rest_wipe_free(req->bearer);
	free(req);
}

/* Free a result, wiping its body (it may hold a token). NULL does
 * nothing. */
void
tui_rest_res_free(struct tui_rest_res *res)
{
	if (res == NULL)
		return;
	rest_wipe_free(res->body);
	free(res->error);
	free(res);
}
