/* One row per endpoint: method, path ("{}" stands for the one path
 * argument), whether it sends the bearer token and whether the cookie
 * jar is emptied after it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"
#include "net/api.h"

#define B	"/api/v1/bookings"

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
	{ TUI_API_DASHBOARD,	"GET",	B "/admin/dashboard",	true, false },
	{ TUI_API_EVENTS,	"GET",	"/api/v1/events",	true, false },
	{ TUI_API_BOOKING,	"GET",	B "/{}",		true, false },
	{ TUI_API_BOOKING_PROGRESS, "GET", B "/{}/progress",	true, false },
	{ TUI_API_BOOKING_ANALYSIS, "GET", B "/{}/analysis",	true, false },
	{ TUI_API_BOOKING_EVENTS, "GET", B "/{}/events",	true, false },
	{ TUI_API_MECHANICS,	"GET",	"/api/v1/mechanics/",	true, false },
	{ TUI_API_WORKLOAD,	"GET",	"/api/v1/mechanics/workload", true,
	    false },
	{ TUI_API_CATEGORIES,	"GET",	"/api/v1/services/category", true,
	    false },
	{ TUI_API_GST,		"GET",	"/api/v1/gst/",		true, false },
	{ TUI_API_MAKERS,	"GET",	"/api/v1/car/manufacturer", true,
	    false },
	{ TUI_API_ASSIGN,	"POST",	B "/admin/assign",	true, false },
	{ TUI_API_RELEASE,	"PUT",	B "/assignments/{}/release", true,
	    false },
	{ TUI_API_VALIDATE_PROGRESS, "POST", B "/admin/progress/{}/validate",
	    true, false },
	{ TUI_API_EDIT_PROGRESS, "PUT",	B "/admin/progress/{}",	true, false },
	{ TUI_API_VALIDATE_ANALYSIS, "POST", B "/admin/analysis/{}/validate",
	    true, false },
	{ TUI_API_EDIT_ANALYSIS, "PUT",	B "/admin/analysis/{}",	true, false },
	{ TUI_API_CANCEL,	"PUT",	B "/{}/cancel",		true, false },
	{ TUI_API_MECHANIC_UPDATE, "PUT", "/api/v1/mechanics/{}", true,
	    false },
};

#undef B

/*
 * A request for endpoint api on server (base URL, no trailing slash),
 * with arg (escaped) in place of the path's "{}", query (already
 * encoded, without '?') appended when not NULL, and token as the bearer
 * when the endpoint needs one. The caller owns the result (usually
 * handing it to tui_app_send) and sets tag.
 */
struct tui_rest_req *
tui_api_call(enum tui_api api, const char *server, const char *token,
    const char *arg, const char *query)
{
	struct tui_rest_req	*req;
	const char		*path, *hole;
	char			*esc;
	size_t			 i;

	for (i = 0; i < sizeof api_table / sizeof api_table[0]; i++)
		if (api_table[i].api == api)
			break;
	if (i == sizeof api_table / sizeof api_table[0])
		abort();	/* a row is missing: a programming error */
	req = xcalloc(1, sizeof *req);
	req->kind = (int)api;
	req->method = api_table[i].method;
	path = api_table[i].path;
	hole = strstr(path, "{}");
	esc = tui_api_form_escape(arg != NULL ? arg : "");
	if (hole != NULL)
		xasprintf(&req->url, "%s%.*s%s%s%s%s", server,
		    (int)(hole - path), path, esc, hole + 2,
		    query != NULL ? "?" : "", query != NULL ? query : "");
	else
		xasprintf(&req->url, "%s%s%s%s", server, path,
		    query != NULL ? "?" : "", query != NULL ? query : "");
	free(esc);
	if (api_table[i].bearer && token != NULL)
		req->bearer = xstrdup(token);
	req->forget_cookies = api_table[i].forget_cookies;
	return req;
}

/* A request for an endpoint without a path argument or query. */
struct tui_rest_req *
tui_api_request(enum tui_api api, const char *server, const char *token)
{
	return tui_api_call(api, server, token, NULL, NULL);
}

/* Give req a JSON body (ownership of json passes to req). */
void
tui_api_json(struct tui_rest_req *req, char *json)
{
	req->body = json;
	req->content_type = "application/json";
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
