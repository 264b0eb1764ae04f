/* The route table and its matcher. One row per endpoint: method, path
 * pattern, scopes, body kind, size limit, handler. The router makes every
 * generic check before a handler runs. */
#ifndef BK_ROUTER_H
#define BK_ROUTER_H

#include "http.h"

enum bk_body {
	BK_BODY_NONE,		/* no body read */
	BK_BODY_JSON,		/* application/json (or no Content-Type) */
	BK_BODY_FORM,		/* urlencoded or multipart form */
	BK_BODY_IMAGE,		/* raw image or multipart with one file */
	BK_BODY_ARCHIVE		/* backup archive */
};

/* Route flags. */
#define BK_ROUTE_PUBLIC		0x01	/* no token needed */
#define BK_ROUTE_OPTIONAL_AUTH	0x02	/* public, but a token is used */
#define BK_ROUTE_NO_TX		0x04	/* handler opens no transaction */

#define BK_ROUTE_MAX_SCOPES	3
/* A scope in a route row: stored +1 so that 0 ends the list. */
#define SC(x)	(PROTO_SCOPE_##x + 1)

#define BK_LIMIT_JSON	(1024 * 1024)

struct bk_route {
	enum bk_method	 method;
	const char	*pattern;	/* "/api/v1/x/{id:int}" */
	int		 scopes[BK_ROUTE_MAX_SCOPES];
	unsigned	 flags;
	enum bk_body	 body;
	size_t		 limit;		/* 0: BK_LIMIT_JSON */
	bk_handler_fn	*fn;
	const char	*summary;	/* for /docs and /openapi.json */
};

enum bk_match {
	BK_MATCH_OK,
	BK_MATCH_NOT_FOUND,
	BK_MATCH_BAD_METHOD
};

extern const struct bk_route	bk_route_table[];
extern const size_t		bk_route_count;

/*
 * Find the route for method and path. Literal segments win over
 * parameters; a trailing slash is ignored. On BK_MATCH_OK fills params
 * (strings in arena; {x:int} parameters checked and parsed, a bad one
 * adds a 422 to err). On BK_MATCH_BAD_METHOD writes the Allow list into
 * allow (comma separated). Service thread or worker; no I/O.
 */
enum bk_match bk_router_match(struct bk_arena *, enum bk_method,
	    const char *path, const struct bk_route **route,
	    struct bk_param *params, int *nparams, char *allow,
	    size_t allowlen, struct bk_err *err);
/* True if every scope of the route is in set. */
bool	bk_router_scopes_ok(const struct bk_route *,
	    const struct proto_scopes *set);
/* Check the table at start-up: patterns well formed, no duplicates. */
int	bk_router_check_table(char *err, size_t errlen);

#endif
