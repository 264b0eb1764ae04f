/* One row per endpoint: method, path, whether it sends the bearer token
 * and whether the cookie jar is emptied after it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"
#include "net/api.h"

static const struct {
	enum tui_api	 api;
	const char	*method;
	const char	*path;
	bool		 bearer;
	bool		 forget_cookies;
} api_table[] = {
	{ TUI_API_LOGIN,	"POST",	"/api/v1/auth/login",	false, false },
	{ TUI_API_ME,		"GET",	"/api/v1/auth/me",	true, false },
	{ TUI_API_REFRESH,	"POST",	"/api/v1/auth/refresh",	false, false },
	{ TUI_API_LOGOUT,	"POST",	"/api/v1/auth/logout",	true, true },
};

/*
 * A request for endpoint api on server (base URL, no trailing slash),
 * with token as the bearer when the endpoint needs one. The caller owns
 * the result (usually handing it to tui_rest_submit) and sets epoch.
 */
struct tui_rest_req *
tui_api_request(enum tui_api api, const char *server, const char *token)
{
	struct tui_rest_req	*req;
	size_t			 i;

	for (i = 0; i < sizeof api_table / sizeof api_table[0]; i++)
		if (api_table[i].api == api)
			break;
	if (i == sizeof api_table / sizeof api_table[0])
		abort();	/* a row is missing: a programming error */
	req = xcalloc(1, sizeof *req);
	req->kind = (int)api;
	req->method = api_table[i].method;
	xasprintf(&req->url, "%s%s", server, api_table[i].path);
	if (api_table[i].bearer && token != NULL)
		req->bearer = xstrdup(token);
	req->forget_cookies = api_table[i].forget_cookies;
	return req;
}

/* POST /auth/login with username=<phone>&password=<password>, both
 * URL-encoded. The caller owns the result. */
struct tui_rest_req *
tui_api_login(const char *server, const char *phone, const char *password)
{
	struct tui_rest_req	*req;
	char			*u, *p;

	req = tui_api_request(TUI_API_LOGIN, server, NULL);
	u = tui_api_form_escape(phone);
	p = tui_api_form_escape(password);
	xasprintf(&req->body, "username=%s&password=%s", u, p);
	req->content_type = "application/x-www-form-urlencoded";
	free(u);
	memset(p, 0, strlen(p));
	free(p);
	return req;
}

/* s encoded for an application/x-www-form-urlencoded body: unreserved
 * bytes kept, space as '+', every other byte as %XX. Caller frees. */
char *
tui_api_form_escape(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out, *p;
	unsigned char		 c;

	out = xmalloc(strlen(s) * 3 + 1);
	p = out;
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			*p++ = (char)c;
		else if (c == ' ')
			*p++ = '+';
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 0xf];
		}
	}
	*p = '\0';
	return out;
}
