/* Requests, responses and errors as handlers see them, and the helpers
 * that fill a response: bk_reply on success, bk_fail on failure. Only
 * server.c turns an error into the {"detail": …} body. */
#ifndef BK_HTTP_H
#define BK_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "scope.h"

enum bk_method {
	BK_GET, BK_POST, BK_PUT, BK_PATCH, BK_DELETE, BK_OPTIONS, BK_HEAD,
	BK_METHOD_COUNT
};

#define BK_MAX_PARAMS	4
#define BK_MAX_ERRORS	16
#define BK_MAX_HEADERS	12
#define BK_MAX_LOC	4

struct bk_route;
struct bk_db;

/* A path parameter; ival is set for {name:int} parameters. */
struct bk_param {
	const char	*name;
	const char	*value;
	long		 ival;
};

/* A decoded form field (urlencoded or multipart). */
struct bk_form_field {
	const char	*name;
	const char	*value;
	size_t		 len;
	const char	*filename;		/* multipart files only */
	const char	*content_type;		/* multipart files only */
};

struct bk_form {
	struct bk_form_field	*fields;
	int			 n;
};

/* The caller, from a verified access token. */
struct bk_auth {
	bool			 present;
	char			 user_id[17];
	int			 role;
	char			 jti[37];
	long			 iat;
	long			 exp;
	struct proto_scopes	 scopes;
};

/*
 * One HTTP request. Built on the service thread, read by the worker and the
 * handler; every string lives in arena (or is owned by the job).
 */
struct bk_req {
	struct bk_arena		*arena;
	enum bk_method		 method;
	const char		*path;
	const char		**args;		/* decoded "name=value" */
	int			 nargs;
	const struct bk_route	*route;
	struct bk_param		 params[BK_MAX_PARAMS];
	int			 nparams;
	const char		*body;
	size_t			 body_len;
	const char		*content_type;
	cJSON			*json;		/* parsed JSON body
						 * (job owns) */
	struct bk_form		 form;
	struct bk_auth		 auth;
	const char		*cookie;	/* whole Cookie header */
	const char		*user_agent;
	const char		*client_ip;
	const char		*request_id;
	const char		*origin;
	const char		*if_none_match;
};

/* One 422 entry in FastAPI's shape. */
struct bk_err_item {
	const char	*type;
	const char	*loc[BK_MAX_LOC];
	int		 nloc;
	const char	*msg;
	cJSON		*input;		/* owned; NULL: omitted */
	cJSON		*ctx;		/* owned; NULL: omitted */
};

/* What went wrong: an HTTP status, a detail, and for 422 the items. */
struct bk_err {
	int			 status;
	const char		*detail;	/* static or arena string */
	struct bk_err_item	 items[BK_MAX_ERRORS];
	int			 nitems;
	int			 retry_after;	/* seconds, for 429 */
	bool			 www_auth;	/* 401 with WWW-Authenticate */
};

struct bk_header {
	const char	*name;
	const char	*value;
};

/* The response a handler builds. The job owns json and the err items. */
struct bk_res {
	struct bk_arena		*arena;
	int			 status;
	cJSON			*json;		/* body, or NULL */
	const char		*body;		/* raw body when json is NULL */
	size_t			 body_len;
	const char		*content_type;
	struct bk_err		 err;
	struct bk_header	 headers[BK_MAX_HEADERS];
	int			 nheaders;
	const char		*user_id;	/* for the access log */
	bool			 commit_anyway;	/* keep writes on failure */
};

/* Handlers return the HTTP status they produced. */
typedef int bk_handler_fn(const struct bk_req *, struct bk_db *,
    struct bk_res *);

const char	*bk_method_name(enum bk_method);
int		 bk_method_parse(const char *);

/* Success: take ownership of body (may be NULL) and return status. */
int	bk_reply(struct bk_res *, int status, cJSON *body);
/* Success with a JSON text body (built by PostgreSQL, say); copied. */
int	bk_reply_text(struct bk_res *, int status, const char *json);
/* The X-Total-Count header of a list. */
void	bk_res_total(struct bk_res *, long total);
/* Failure with a plain detail; returns status. detail must outlive res. */
int	bk_fail(struct bk_res *, int status, const char *detail);
/* Failure already described in res->err; returns its status. */
int	bk_fail_err(struct bk_res *);
/* Fill err with status and detail; returns -1 for "return bk_err_set()". */
int	bk_err_set(struct bk_err *, int status, const char *detail);
/*
 * Append one 422 item: type, message, input (ownership taken; NULL omits
 * it) and a location given as up to four strings ending with NULL.
 * Returns -1.
 */
int	bk_err_422(struct bk_err *, const char *type, const char *msg,
	    cJSON *input, ...);
/* Attach a ctx object (ownership taken) to the last 422 item. */
void	bk_err_ctx(struct bk_err *, cJSON *ctx);
/* Free what err owns and reset it. */
void	bk_err_cleanup(struct bk_err *);
/* Add a response header; name and value must outlive res. */
void	bk_res_header(struct bk_res *, const char *name, const char *value);
/* The {"detail": …} or 422 list body for an error; caller frees. */
cJSON	*bk_err_body(const struct bk_err *);

/* Query argument by name (lws decoded it); "" for a bare name; NULL
 * if absent. */
const char	*bk_req_query(const struct bk_req *, const char *name);
/* Path parameter by name; NULL if absent. */
const struct bk_param *bk_req_param(const struct bk_req *, const char *);
/* Form field by name; NULL if absent. */
const struct bk_form_field *bk_req_form(const struct bk_req *, const char *);
/* Cookie value by name, copied into arena; NULL if absent. */
const char	*bk_req_cookie(const struct bk_req *, const char *name);

/* Decode %XX and '+' (form rules) of s[0..len) into arena. */
char	*bk_url_decode(struct bk_arena *, const char *s, size_t len,
	    bool plus_is_space);
/*
 * Parse an application/x-www-form-urlencoded or multipart/form-data body
 * into form (strings in arena). Returns -1 with a 422 in err when the body
 * is not a well-formed form of that type.
 */
int	bk_form_parse(struct bk_arena *, const char *content_type,
	    const char *body, size_t len, struct bk_form *form,
	    struct bk_err *err);

#endif
