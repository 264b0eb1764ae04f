/*
 * The lws HTTP server. The service thread never blocks: it parses a
 * request, matches the route, checks the token (CPU only), collects the
 * body within the route's limit and queues a job. Workers run the handler
 * and push the job to the done queue, then wake the loop with
 * lws_cancel_service(); the service thread finds the session by job id and
 * writes the reply. A session that closed meanwhile simply drops its job.
 *
 * The same context serves the live event stream: WebSocket upgrades on
 * /api/v1/ws go to the second protocol (ws.c), whose jobs travel the same
 * queues and are handed back to it by server_collect.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>

#include <libwebsockets.h>

#include "config.h"
#include "jobs.h"
#include "token.h"
#include "log.h"
#include "maintenance.h"
#include "router.h"
#include "server.h"
#include "worker.h"
#include "ws.h"
#include "xmalloc.h"

#define SERVER_WRITE_CHUNK	65536
#define SERVER_DRAIN_SECONDS	10
/* bodies we read to refuse */
#define SERVER_DRAIN_MAX	(16 * 1024 * 1024)

enum pss_state {
	PSS_IDLE,
	PSS_BODY,		/* reading the request body into job */
	PSS_WORKER,		/* job_id is at a worker */
	PSS_WRITING		/* writing job's response */
};

/* Per HTTP connection; service thread only. */
struct bk_pss {
	struct bk_pss		*next;		/* in srv->inflight */
	struct lws		*wsi;
	enum pss_state		 state;
	struct bk_job		*job;		/* owned in BODY, WRITING */
	uint64_t		 job_id;
	size_t			 body_cap;
	size_t			 out_pos;
	bool			 headers_sent;
	bool			 close_after;
	bool			 drain_then_reply;	/* job holds an error */
};

/* Created by the main thread; the fields below are service-thread only
 * unless marked. */
struct bk_server {
	struct lws_context	*ctx;
	struct lws_vhost	*vhost;
	struct bk_queue		 jobs;		/* shared, own lock */
	struct bk_queue		 done;		/* shared, own lock */
	struct bk_workers	*workers;
	struct bk_ws		*ws;		/* the event stream */
	struct bk_maint		*maint;		/* periodic upkeep */
	struct lws_protocols	 protocols[3];	/* http, events, end */
	struct bk_pss		*inflight;
	int			 ninflight;
	uint64_t		 next_id;
	volatile sig_atomic_t	 stopping;	/* set from a signal */
};

static const struct {
	enum lws_token_indexes	 token;
	enum bk_method		 method;
} method_tokens[] = {
	{ WSI_TOKEN_GET_URI, BK_GET },
	{ WSI_TOKEN_POST_URI, BK_POST },
	{ WSI_TOKEN_PUT_URI, BK_PUT },
	{ WSI_TOKEN_PATCH_URI, BK_PATCH },
	{ WSI_TOKEN_DELETE_URI, BK_DELETE },
	{ WSI_TOKEN_OPTIONS_URI, BK_OPTIONS },
	{ WSI_TOKEN_HEAD_URI, BK_HEAD },
};

static char *
hdr_copy(struct lws *wsi, struct bk_arena *a, enum lws_token_indexes t)
{
	char	*s;
	int	 n;

	n = lws_hdr_total_length(wsi, t);
	if (n <= 0)
		return NULL;
	s = bk_arena_alloc(a, (size_t)n + 1);
	if (lws_hdr_copy(wsi, s, n + 1, t) < 0)
		return NULL;
	return s;
}

static char *
hdr_custom(struct lws *wsi, struct bk_arena *a, const char *name)
{
	char	*s;
	int	 n, nlen = (int)strlen(name);

	n = lws_hdr_custom_length(wsi, name, nlen);
	if (n <= 0)
		return NULL;
	s = bk_arena_alloc(a, (size_t)n + 1);
	if (lws_hdr_custom_copy(wsi, s, n + 1, name, nlen) < 0)
		return NULL;
	return s;
}

/* X-Request-Id: echoed when 1..64 safe characters, else made up. */
static const char *
server_request_id(struct bk_arena *a, const char *given)
{
	char		 uuid[37];
	const char	*p;

	if (given != NULL && *given != '\0' && strlen(given) <= 64) {
		for (p = given; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' ||
			    *p == '_' || *p == '.'))
				break;
		if (*p == '\0')
			return given;
	}
	bk_uuid4(uuid);
	return bk_arena_strdup(a, uuid);
}

/* Whether a comma-separated list holds item exactly (spaces trimmed). */
static bool
list_has(const char *list, const char *item)
{
	const char	*p = list, *e;
	size_t		 n = strlen(item), len;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == n && len > 0 && strncmp(p, item, n) == 0)
			return true;
		p = e;
	}
	return false;
}

static const char *
server_client_ip(struct lws *wsi, struct bk_arena *a)
{
	char	 peer[64], *xff, *comma;

	peer[0] = '\0';
	lws_get_peer_simple(wsi, peer, sizeof peer);
	if (strncmp(peer, "::ffff:", 7) == 0)
		memmove(peer, peer + 7, strlen(peer + 7) + 1);
	if (bk_cfg.trusted_proxies != NULL && *peer != '\0' &&
	    list_has(bk_cfg.trusted_proxies, peer)) {
		xff = hdr_copy(wsi, a, WSI_TOKEN_X_FORWARDED_FOR);
		if (xff != NULL) {
			comma = strchr(xff, ',');
			if (comma != NULL)
				*comma = '\0';
			while (*xff == ' ')
				xff++;
			if (*xff != '\0')
				return xff;
		}
	}
	return bk_arena_strdup(a, peer);
}

/* The query arguments, as lws split and decoded them. */
static void
server_read_args(struct lws *wsi, struct bk_req *req)
{
	char	 buf[4096];
	int	 n, i, cap = 0;

	for (i = 0; ; i++) {
		n = lws_hdr_copy_fragment(wsi, buf, sizeof buf,
		    WSI_TOKEN_HTTP_URI_ARGS, i);
		if (n < 0)
			break;
		if (req->nargs == cap) {
			const char **na;

			cap = cap == 0 ? 8 : cap * 2;
			na = bk_arena_alloc(req->arena, sizeof *na *
			    (size_t)cap);
			if (req->nargs > 0)
				memcpy(na, req->args, sizeof *na *
				    (size_t)req->nargs);
			req->args = na;
		}
		req->args[req->nargs++] = bk_arena_strndup(req->arena, buf,
		    (size_t)n);
	}
}

/* Read method, path, query and the headers we use into job->req. */
static int
server_read_request(struct lws *wsi, struct bk_job *job, const char *uri)
{
	struct bk_req	*req = &job->req;
	size_t		 i;
	int		 method = -1;

	for (i = 0; i < sizeof method_tokens / sizeof method_tokens[0]; i++)
		if (lws_hdr_total_length(wsi, method_tokens[i].token) > 0) {
			method = method_tokens[i].method;
			break;
		}
	if (method < 0)
		return -1;
	req->method = method;
	req->path = bk_arena_strdup(req->arena, uri);
	server_read_args(wsi, req);
	req->content_type = hdr_copy(wsi, req->arena,
	    WSI_TOKEN_HTTP_CONTENT_TYPE);
	req->cookie = hdr_copy(wsi, req->arena, WSI_TOKEN_HTTP_COOKIE);
	req->user_agent = hdr_copy(wsi, req->arena,
	    WSI_TOKEN_HTTP_USER_AGENT);
	req->origin = hdr_copy(wsi, req->arena, WSI_TOKEN_ORIGIN);
	req->if_none_match = hdr_copy(wsi, req->arena,
	    WSI_TOKEN_HTTP_IF_NONE_MATCH);
	req->request_id = server_request_id(req->arena,
	    hdr_custom(wsi, req->arena, "x-request-id:"));
	req->client_ip = server_client_ip(wsi, req->arena);
	return 0;
}

/* SPEC §2.3 steps 1-3, CPU only. -1 with the error in res. */
static int
server_authenticate(struct lws *wsi, struct bk_job *job)
{
	struct bk_req		*req = &job->req;
	const struct bk_route	*r = req->route;
	struct bk_claims	 c;
	char			*authz, *token;

	authz = hdr_copy(wsi, req->arena, WSI_TOKEN_HTTP_AUTHORIZATION);
	if (r->flags & BK_ROUTE_PUBLIC) {
		if (!(r->flags & BK_ROUTE_OPTIONAL_AUTH) || authz == NULL)
			return 0;
	}
	if (authz == NULL || strncasecmp(authz, "bearer ", 7) != 0) {
		bk_fail(&job->res, 401, "Not authenticated");
		job->res.err.www_auth = true;
		return -1;
	}
	token = authz + 7;
	while (*token == ' ')
		token++;
	if (bk_token_verify(bk_cfg.secret_key, token, "access",
	    (long)time(NULL), &c) != 0) {
		bk_fail(&job->res, 401, "Invalid token.");
		job->res.err.www_auth = true;
		return -1;
	}
	req->auth.present = true;
	strcpy(req->auth.user_id, c.sub);
	strcpy(req->auth.jti, c.jti);
	req->auth.role = c.role;
	req->auth.iat = c.iat;
	req->auth.exp = c.exp;
	req->auth.scopes = c.scopes;
	job->res.user_id = req->auth.user_id;
	if (!bk_router_scopes_ok(r, &c.scopes)) {
		bk_fail(&job->res, 403, "Insufficient permissions.");
		return -1;
	}
	return 0;
}

/* Whether the body's Content-Type suits the route (else 415). */
static bool
server_type_ok(const struct bk_route *r, const char *ctype)
{
	switch (r->body) {
	case BK_BODY_JSON:
		return ctype == NULL ||
		    strncasecmp(ctype, "application/json", 16) == 0;
	case BK_BODY_FORM:
		return ctype != NULL && (strncasecmp(ctype,
		    "application/x-www-form-urlencoded", 33) == 0 ||
		    strncasecmp(ctype, "multipart/form-data", 19) == 0);
	case BK_BODY_IMAGE:
	case BK_BODY_ARCHIVE:
	case BK_BODY_NONE:
		return true;
	}
	return true;
}

static size_t
route_limit(const struct bk_route *r)
{
	if (r->body == BK_BODY_IMAGE)
		return (size_t)bk_cfg.media_max_bytes + 65536;
	if (r->body == BK_BODY_ARCHIVE)
		return (size_t)bk_cfg.max_backup_size_mb * 1024 * 1024;
	return r->limit != 0 ? r->limit : BK_LIMIT_JSON;
}

static void
server_reply_now(struct lws *wsi, struct bk_pss *pss, struct bk_job *job)
{
	bk_job_serialize(job);
	pss->job = job;
	pss->state = PSS_WRITING;
	pss->headers_sent = false;
	pss->out_pos = 0;
	lws_callback_on_writable(wsi);
}

static void
server_dispatch(struct bk_server *srv, struct bk_pss *pss)
{
	struct bk_job	*job = pss->job;

	job->id = ++srv->next_id;
	job->req.body = job->body;
	job->req.body_len = job->body_len;
	pss->job_id = job->id;
	pss->job = NULL;
	pss->state = PSS_WORKER;
	pss->next = srv->inflight;
	srv->inflight = pss;
	srv->ninflight++;
	bk_queue_push(&srv->jobs, job);
}

static void
inflight_remove(struct bk_server *srv, struct bk_pss *pss)
{
	struct bk_pss	**pp;

	for (pp = &srv->inflight; *pp != NULL; pp = &(*pp)->next)
		if (*pp == pss) {
			*pp = pss->next;
			pss->next = NULL;
			srv->ninflight--;
			return;
		}
}

/* Take finished jobs back and wake their sessions. */
static void
server_collect(struct bk_server *srv)
{
	struct bk_job	*job;
	struct bk_pss	*pss;

	while ((job = bk_queue_trypop(&srv->done)) != NULL) {
		if (bk_ws_owns(job)) {
			bk_ws_collect(srv->ws, job);
			continue;
		}
		if (bk_maint_owns(job)) {
			bk_maint_collect(srv->maint, job);
			continue;
		}
		for (pss = srv->inflight; pss != NULL; pss = pss->next)
			if (pss->job_id == job->id)
				break;
		if (pss == NULL) {
			bk_job_free(job);	/* its client went away */
			continue;
		}
		inflight_remove(srv, pss);
		pss->job = job;
		pss->state = PSS_WRITING;
		pss->headers_sent = false;
		pss->out_pos = 0;
		lws_callback_on_writable(pss->wsi);
	}
}

/* Add "name: value"; name without the colon. -1 if it does not fit. */
static int
add_header(struct lws *wsi, const char *name, const char *value,
    unsigned char **p, unsigned char *end)
{
	char	n[96];

	snprintf(n, sizeof n, "%s:", name);
	return lws_add_http_header_by_name(wsi, (const unsigned char *)n,
	    (const unsigned char *)value, (int)strlen(value), p, end) ? -1 : 0;
}

static bool
res_has_header(const struct bk_res *res, const char *name)
{
	int	i;

	for (i = 0; i < res->nheaders; i++)
		if (strcasecmp(res->headers[i].name, name) == 0)
			return true;
	return false;
}

/* CORS (every response, errors included) and the security headers. */
static int
server_common_headers(struct lws *wsi, struct bk_job *job, unsigned char **p,
    unsigned char *end)
{
	const struct bk_req	*req = &job->req;
	const char		*o = req->origin;
	char			 ra[32];

	if (o != NULL && bk_cfg.cors_origins != NULL &&
	    list_has(bk_cfg.cors_origins, o)) {
		if (add_header(wsi, "access-control-allow-origin", o, p, end) ||
		    add_header(wsi, "access-control-allow-credentials", "true",
		    p, end) || add_header(wsi, "vary", "Origin", p, end))
			return -1;
		if (req->method == BK_OPTIONS && (add_header(wsi,
		    "access-control-allow-methods",
		    "GET, POST, PUT, PATCH, DELETE, OPTIONS", p, end) ||
		    add_header(wsi, "access-control-allow-headers",
		    "Authorization, Content-Type, X-Request-Id, "
		    "Idempotency-Key", p, end) ||
		    add_header(wsi, "access-control-max-age", "600", p, end)))
			return -1;
	}
	if (add_header(wsi, "x-request-id", req->request_id, p, end) ||
	    add_header(wsi, "x-content-type-options", "nosniff", p, end) ||
	    add_header(wsi, "referrer-policy", "no-referrer", p, end))
		return -1;
	/* every API answer may carry tokens or personal data, unless the
	 * handler chose its own caching (public media) */
	if (strncmp(req->path, "/api/", 5) == 0 && !res_has_header(&job->res,
	    "cache-control") && add_header(wsi, "cache-control", "no-store", p,
	    end))
		return -1;
	if (job->res.err.www_auth && job->res.status == 401 &&
	    add_header(wsi, "www-authenticate", "Bearer", p, end))
		return -1;
	if (job->res.status == 429 && job->res.err.retry_after > 0) {
		snprintf(ra, sizeof ra, "%d", job->res.err.retry_after);
		if (add_header(wsi, "retry-after", ra, p, end))
			return -1;
	}
	return 0;
}

static int
server_write_headers(struct lws *wsi, struct bk_job *job)
{
	unsigned char	 buf[LWS_PRE + 16384], *start = buf + LWS_PRE;
	unsigned char	*p = start, *end = buf + sizeof buf - 1;
	const char	*ctype = job->res.content_type;
	int		 i;

	if (lws_add_http_common_headers(wsi, (unsigned int)job->res.status,
	    ctype != NULL ? ctype : "application/json",
	    (lws_filepos_t)job->out_len, &p, end))
		return -1;
	if (server_common_headers(wsi, job, &p, end) != 0)
		return -1;
	for (i = 0; i < job->res.nheaders; i++)
		if (add_header(wsi, job->res.headers[i].name,
		    job->res.headers[i].value, &p, end) != 0)
			return -1;
	if (lws_finalize_write_http_header(wsi, start, &p, end))
		return -1;
	return 0;
}

static void
server_access_log(const struct bk_job *job)
{
	struct timespec	 now;
	double		 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - job->start.tv_sec) * 1e3 +
	    (double)(now.tv_nsec - job->start.tv_nsec) / 1e6;
	bk_log_info("%s %s %d %.1fms user=%s rid=%s",
	    bk_method_name(job->req.method), job->req.path, job->res.status,
	    ms, job->res.user_id != NULL ? job->res.user_id : "-",
	    job->req.request_id != NULL ? job->req.request_id : "-");
}

/* Finish the transaction; returns what the callback should return. */
static int
server_done(struct lws *wsi, struct bk_pss *pss)
{
	bool	close_after = pss->close_after;

	server_access_log(pss->job);
	bk_job_free(pss->job);
	pss->job = NULL;
	pss->state = PSS_IDLE;
	pss->close_after = false;
	if (close_after)
		return -1;
	return lws_http_transaction_completed(wsi) ? -1 : 0;
}

static int
server_writeable(struct lws *wsi, struct bk_pss *pss)
{
	struct bk_job	*job = pss->job;
	unsigned char	*buf;
	size_t		 n;
	int		 final, rc;

	if (pss->state != PSS_WRITING || job == NULL)
		return 0;
	if (!pss->headers_sent) {
		if (server_write_headers(wsi, job) != 0)
			return -1;
		pss->headers_sent = true;
		if (job->out_len == 0 || job->req.method == BK_HEAD)
			return server_done(wsi, pss);
		lws_callback_on_writable(wsi);
		return 0;
	}
	n = job->out_len - pss->out_pos;
	if (n > SERVER_WRITE_CHUNK)
		n = SERVER_WRITE_CHUNK;
	final = pss->out_pos + n == job->out_len;
	buf = xmalloc(LWS_PRE + n);
	memcpy(buf + LWS_PRE, job->out + pss->out_pos, n);
	rc = lws_write(wsi, buf + LWS_PRE, n, final ? LWS_WRITE_HTTP_FINAL :
	    LWS_WRITE_HTTP);
	free(buf);
	if (rc < (int)n)
		return -1;
	pss->out_pos += n;
	if (final)
		return server_done(wsi, pss);
	lws_callback_on_writable(wsi);
	return 0;
}

/* A new request: everything we can decide before the body. */
static int
server_http(struct bk_server *srv, struct lws *wsi, struct bk_pss *pss,
    const char *uri)
{
	struct bk_job		*job;
	struct bk_req		*req;
	char			 allow[96], *clen;
	enum bk_match		 m;
	long			 len = 0;
	bool			 has_body;

	if (pss->job != NULL) {		/* pipelined before we finished */
		bk_job_free(pss->job);
		pss->job = NULL;
	}
	pss->wsi = wsi;
	pss->close_after = false;
	pss->drain_then_reply = false;
	job = bk_job_new();
	req = &job->req;
	if (server_read_request(wsi, job, uri) != 0) {
		job->req.path = bk_arena_strdup(&job->arena, uri);
		job->req.request_id = server_request_id(&job->arena, NULL);
		bk_fail(&job->res, 405, "Method Not Allowed");
		pss->close_after = true;
		server_reply_now(wsi, pss, job);
		return 0;
	}
	clen = hdr_copy(wsi, req->arena, WSI_TOKEN_HTTP_CONTENT_LENGTH);
	if (clen != NULL)
		len = strtol(clen, NULL, 10);
	has_body = len > 0;
	if (has_body)
		pss->close_after = true;	/* until we read the body */
	if (srv->stopping) {
		bk_fail(&job->res, 503, "The server is shutting down.");
		pss->close_after = true;
		server_reply_now(wsi, pss, job);
		return 0;
	}
	if (req->method == BK_OPTIONS) {
		job->res.status = 204;
		server_reply_now(wsi, pss, job);
		return 0;
	}
	m = bk_router_match(req->arena, req->method, req->path, &req->route,
	    req->params, &req->nparams, allow, sizeof allow, &job->res.err);
	if (m == BK_MATCH_NOT_FOUND) {
		bk_fail(&job->res, 404, "Not Found");
		server_reply_now(wsi, pss, job);
		return 0;
	}
	if (m == BK_MATCH_BAD_METHOD) {
		bk_fail(&job->res, 405, "Method Not Allowed");
		bk_res_header(&job->res, "allow",
		    bk_arena_strdup(req->arena, allow));
		server_reply_now(wsi, pss, job);
		return 0;
	}
	if (server_authenticate(wsi, job) != 0 ||
	    job->res.err.nitems > 0) {
		bk_fail_err(&job->res);
		server_reply_now(wsi, pss, job);
		return 0;
	}
	if (has_body && req->route->body != BK_BODY_NONE) {
		if ((size_t)len > route_limit(req->route)) {
			bk_fail(&job->res, 413, "Request body too large.");
			if ((size_t)len > SERVER_DRAIN_MAX) {
				server_reply_now(wsi, pss, job);
				return 0;
			}
			/* read and drop a moderate body, then answer, so the
			 * client sees the 413 instead of a reset */
			pss->job = job;
			pss->state = PSS_BODY;
			pss->body_cap = 0;
			pss->drain_then_reply = true;
			return 0;
		}
		if (!server_type_ok(req->route, req->content_type)) {
			bk_fail(&job->res, 415, "Unsupported Media Type");
			server_reply_now(wsi, pss, job);
			return 0;
		}
		pss->close_after = false;
		pss->job = job;
		pss->state = PSS_BODY;
		pss->body_cap = (size_t)len;
		job->body = xmalloc(pss->body_cap + 1);
		job->body_len = 0;
		return 0;
	}
	if (has_body) {
		/* a body the route does not read: answer, then close */
		pss->job = job;
		pss->state = PSS_BODY;
		pss->body_cap = 0;
		return 0;
	}
	pss->job = job;
	server_dispatch(srv, pss);
	return 0;
}

static int
server_body(struct lws *wsi, struct bk_pss *pss, const void *in, size_t len)
{
	struct bk_job	*job = pss->job;

	if (pss->state != PSS_BODY || job == NULL)
		return 0;
	if (job->body == NULL)
		return 0;		/* discarding */
	if (job->body_len + len > pss->body_cap) {
		/* more than Content-Length announced */
		free(job->body);
		job->body = NULL;
		bk_fail(&job->res, 413, "Request body too large.");
		pss->close_after = true;
		server_reply_now(wsi, pss, job);
		return 0;
	}
	memcpy(job->body + job->body_len, in, len);
	job->body_len += len;
	job->body[job->body_len] = '\0';
	return 0;
}

static int
server_body_done(struct bk_server *srv, struct lws *wsi, struct bk_pss *pss)
{
	if (pss->state != PSS_BODY || pss->job == NULL)
		return 0;
	if (pss->drain_then_reply) {
		pss->drain_then_reply = false;
		pss->close_after = true;
		server_reply_now(wsi, pss, pss->job);
		return 0;
	}
	/* with the body read, or dropped when the route takes none */
	server_dispatch(srv, pss);
	return 0;
}

static void
server_closed(struct bk_server *srv, struct bk_pss *pss)
{
	if (pss->state == PSS_WORKER)
		inflight_remove(srv, pss);
	bk_job_free(pss->job);
	pss->job = NULL;
	pss->state = PSS_IDLE;
}

static int
callback_http(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct bk_pss		*pss = user;
	struct bk_server	*srv;

	srv = lws_context_user(lws_get_context(wsi));
	switch (reason) {
	case LWS_CALLBACK_HTTP:
		return server_http(srv, wsi, pss, in != NULL ? in : "/");
	case LWS_CALLBACK_HTTP_BODY:
		return server_body(wsi, pss, in, len);
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		return server_body_done(srv, wsi, pss);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		return server_writeable(wsi, pss);
	case LWS_CALLBACK_CLOSED_HTTP:
		if (pss != NULL)
			server_closed(srv, pss);
		break;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		if (srv != NULL)
			server_collect(srv);
		break;
	default:
		break;
	}
	return lws_callback_http_dummy(wsi, reason, user, in, len);
}

/* The stream's protocol is the default for upgrades naming none. */
static const struct lws_protocol_vhost_options server_ws_default = {
	NULL, NULL, "default", "1"
};
static const struct lws_protocol_vhost_options server_pvo = {
	NULL, &server_ws_default, BK_WS_PROTOCOL, ""
};

static void
server_protocols(struct bk_server *srv)
{
	struct lws_protocols	*p = srv->protocols;

	memset(srv->protocols, 0, sizeof srv->protocols);
	p[0].name = "http";
	p[0].callback = callback_http;
	p[0].per_session_data_size = sizeof(struct bk_pss);
	p[1].name = BK_WS_PROTOCOL;
	p[1].callback = bk_ws_callback;
	p[1].per_session_data_size = bk_ws_session_size();
	p[1].rx_buffer_size = 4096;
	p[1].user = srv->ws;
}

/* As many sockets as the hard limit allows (1000 WebSocket clients need
 * more than the usual 1024 descriptors). */
static void
server_raise_nofile(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			bk_log_warn("cannot raise the open file limit");
	}
}

static void
server_wake(void *arg)
{
	struct bk_server	*srv = arg;

	lws_cancel_service(srv->ctx);
}

struct bk_server *
bk_server_new(const char *host, int port, char *err, size_t errlen)
{
	struct lws_context_creation_info	 info;
	struct bk_server			*srv;

	srv = xcalloc(1, sizeof *srv);
	bk_queue_init(&srv->jobs);
	bk_queue_init(&srv->done);
	lws_set_log_level(LLL_ERR, NULL);
	server_raise_nofile();
	srv->ws = bk_ws_new(&srv->jobs, err, errlen);
	if (srv->ws == NULL) {
		bk_server_free(srv);
		return NULL;
	}
	server_protocols(srv);
	memset(&info, 0, sizeof info);
	info.port = port;
	info.iface = host;
	info.protocols = srv->protocols;
	info.pvo = &server_pvo;
	info.user = srv;
	info.vhost_name = "revcared";
	info.max_http_header_data = 16384;
	info.max_http_header_pool = 256;
	info.keepalive_timeout = 30;
	info.timeout_secs = 30;
	info.options = LWS_SERVER_OPTION_DISABLE_IPV6 |
	    LWS_SERVER_OPTION_ALLOW_HTTP_ON_HTTPS_LISTENER;
	srv->ctx = lws_create_context(&info);
	if (srv->ctx == NULL) {
		snprintf(err, errlen, "cannot listen on %s:%d", host, port);
		bk_server_free(srv);
		return NULL;
	}
	srv->vhost = lws_get_vhost_by_name(srv->ctx, "revcared");
	if (bk_ws_start(srv->ws, srv->ctx, err, errlen) != 0) {
		bk_server_free(srv);
		return NULL;
	}
	srv->workers = bk_workers_start((int)bk_cfg.workers, &srv->jobs,
	    &srv->done, server_wake, srv, err, errlen);
	if (srv->workers == NULL) {
		bk_server_free(srv);
		return NULL;
	}
	srv->maint = bk_maint_start(srv->ctx, &srv->jobs);
	return srv;
}

int
bk_server_port(const struct bk_server *srv)
{
	return srv->vhost != NULL ? lws_get_vhost_listen_port(srv->vhost) : 0;
}

int
bk_server_run(struct bk_server *srv)
{
	time_t	deadline;

	while (!srv->stopping)
		if (lws_service(srv->ctx, 0) < 0)
			break;
	bk_log_info("stopping: finishing %d request(s) in flight",
	    srv->ninflight);
	bk_ws_close_all(srv->ws);
	deadline = time(NULL) + SERVER_DRAIN_SECONDS;
	while (srv->ninflight > 0 && time(NULL) < deadline)
		if (lws_service(srv->ctx, 0) < 0)
			break;
	/* let the last replies go out */
	deadline = time(NULL) + 1;
	while (time(NULL) < deadline && lws_service(srv->ctx, -1) >= 0)
		if (srv->ninflight == 0)
			break;
	return 0;
}

void
bk_server_stop(struct bk_server *srv)
{
	srv->stopping = 1;
	if (srv->ctx != NULL)
		lws_cancel_service(srv->ctx);
}

void
bk_server_free(struct bk_server *srv)
{
	if (srv == NULL)
		return;
	bk_maint_free(srv->maint);
	bk_ws_stop(srv->ws);		/* the listener wakes ctx: first */
	bk_workers_stop(srv->workers);
	srv->workers = NULL;
	if (srv->ctx != NULL)
		lws_context_destroy(srv->ctx);
	bk_ws_free(srv->ws);		/* after the sessions closed */
	bk_queue_cleanup(&srv->jobs);
	bk_queue_cleanup(&srv->done);
	free(srv);
}
