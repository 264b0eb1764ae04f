/* Session state changes: applying the token and /auth/me replies, timing
 * the token renewal, and signing out. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "xmalloc.h"
#include "model/session.h"
#include "model/token.h"

static const char *conn_labels[] = {
#define X(e, label) label,
	TUI_CONN_STATES(X)
#undef X
};

/* Seconds to wait before retrying a renewal that could not reach the
 * server, by the number of failures in a row (the last row repeats). */
static const int renew_backoff[] = { 2, 5, 10, 30, 60 };

/* Renew this long before expiry: a fifth of the token's life, kept
 * between these bounds. */
#define RENEW_LEAD_MIN	5
#define RENEW_LEAD_MAX	60

static void
session_user_clear(struct tui_user *u)
{
	free(u->id);
	free(u->name);
	free(u->phone);
	free(u->email);
	memset(u, 0, sizeof *u);
}

static void
session_token_clear(struct tui_session *s)
{
	if (s->token != NULL) {
		memset(s->token, 0, strlen(s->token));
		free(s->token);
	}
	s->token = NULL;
	s->token_exp = 0;
	s->renew_at = 0;
	s->renew_failures = 0;
}

/* Start signed out and offline, talking to server (copied). */
void
tui_session_init(struct tui_session *s, const char *server)
{
	memset(s, 0, sizeof *s);
	s->server = tui_session_normalize_url(server);
	s->conn = TUI_CONN_OFFLINE;
}

/* Free what s owns and wipe the token; s may be reused after init. */
void
tui_session_cleanup(struct tui_session *s)
{
	session_token_clear(s);
	session_user_clear(&s->user);
	free(s->server);
	s->server = NULL;
}

/*
 * A base URL as typed, made canonical: surrounding blanks and trailing
 * slashes removed, "http://" added when no scheme is given. Returns a new
 * string the caller frees (empty when url is blank or NULL).
 */
char *
tui_session_normalize_url(const char *url)
{
	const char	*start, *end;
	char		*out;

	if (url == NULL)
		url = "";
	start = url;
	while (isspace((unsigned char)*start))
		start++;
	end = start + strlen(start);
	while (end > start && (isspace((unsigned char)end[-1]) ||
	    end[-1] == '/'))
		end--;
	if (end == start)
		return xstrdup("");
	if (strstr(start, "://") == NULL || strstr(start, "://") >= end)
		xasprintf(&out, "http://%.*s", (int)(end - start), start);
	else
		out = xstrndup(start, (size_t)(end - start));
	return out;
}

/* Point the session at another server; only when signed out. */
void
tui_session_set_server(struct tui_session *s, const char *url)
{
	free(s->server);
	s->server = tui_session_normalize_url(url);
}

static void
session_schedule_renewal(struct tui_session *s, time_t now)
{
	time_t	life, lead;

	s->renew_failures = 0;
	if (s->token_exp == 0) {
		s->renew_at = 0;
		return;
	}
	life = s->token_exp - now;
	lead = life / 5;
	if (lead < RENEW_LEAD_MIN)
		lead = RENEW_LEAD_MIN;
	if (lead > RENEW_LEAD_MAX)
		lead = RENEW_LEAD_MAX;
	s->renew_at = s->token_exp - lead;
	if (s->renew_at < now)
		s->renew_at = now;
}

/*
 * Apply a 200 reply of /auth/login or /auth/refresh,
 * {"access_token": "...", "token_type": "bearer"}: keep the token, read its
 * expiry and schedule the renewal. Returns 0, or -1 with err set when the
 * body has no access token (the session is then unchanged).
 */
int
tui_session_apply_token(struct tui_session *s, const char *body, time_t now,
    struct tui_err *err)
{
	cJSON		*root;
	const char	*token;
	int		 rc = -1;

	root = body != NULL ? cJSON_Parse(body) : NULL;
	token = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(root, "access_token"));
	if (token == NULL || *token == '\0') {
		tui_err_set(err, 200, "The server sent no access token.");
		goto out;
	}
	session_token_clear(s);
	s->token = xstrdup(token);
	if (tui_token_exp(s->token, &s->token_exp) != 0)
		s->token_exp = 0;
	session_schedule_renewal(s, now);
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/* A JSON member as a new string: strings as they are, numbers (the phone)
 * printed as integers; NULL when absent. */
static char *
session_json_text(const cJSON *obj, const char *name)
{
	const cJSON	*item;
	char		*s;

	item = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (cJSON_IsString(item) && item->valuestring != NULL)
		return xstrdup(item->valuestring);
	if (cJSON_IsNumber(item)) {
		xasprintf(&s, "%.0f", item->valuedouble);
		return s;
	}
	return NULL;
}

/*
 * Apply a 200 reply of GET /auth/me: {"id", "role", "name", "phone",
 * "email", ...}. Marks the session signed in and online. Returns 0, or -1
 * with err set when id or a known role is missing (session unchanged).
 */
int
tui_session_apply_me(struct tui_session *s, const char *body,
    struct tui_err *err)
{
	cJSON		*root;
	const cJSON	*role;
	struct tui_user	 u;
	int		 rc = -1;

	memset(&u, 0, sizeof u);
	root = body != NULL ? cJSON_Parse(body) : NULL;
	role = cJSON_GetObjectItemCaseSensitive(root, "role");
	if (!cJSON_IsNumber(role) || !proto_role_is_valid(role->valueint)) {
		tui_err_set(err, 200, "The server sent an unknown role.");
		goto out;
	}
	u.role = (enum proto_role)role->valueint;
	u.id = session_json_text(root, "id");
	if (u.id == NULL) {
		tui_err_set(err, 200, "The server sent no user id.");
		goto out;
	}
	u.name = session_json_text(root, "name");
	if (u.name == NULL)
		u.name = xstrdup(u.id);
	u.phone = session_json_text(root, "phone");
	u.email = session_json_text(root, "email");
	session_user_clear(&s->user);
	s->user = u;
	memset(&u, 0, sizeof u);
	s->signed_in = true;
	s->conn = TUI_CONN_ONLINE;
	rc = 0;
out:
	session_user_clear(&u);
	cJSON_Delete(root);
	return rc;
}

/* A renewal could not reach the server: go offline and retry after the
 * backoff for this many failures in a row. */
void
tui_session_renew_failed(struct tui_session *s, time_t now)
{
	size_t	i, n;

	n = sizeof renew_backoff / sizeof renew_backoff[0];
	i = (size_t)s->renew_failures;
	if (i >= n)
		i = n - 1;
	s->renew_at = now + renew_backoff[i];
	s->renew_failures++;
	s->conn = TUI_CONN_OFFLINE;
}

/* Forget the token and user; replies to requests sent before this are
 * stale (the epoch changes). The server URL stays. */
void
tui_session_sign_out(struct tui_session *s)
{
	session_token_clear(s);
	session_user_clear(&s->user);
	s->signed_in = false;
	s->conn = TUI_CONN_OFFLINE;
	s->epoch++;
}

/* True when the token should be renewed at time now. */
bool
tui_session_renew_is_due(const struct tui_session *s, time_t now)
{
	return s->token != NULL && s->renew_at != 0 && now >= s->renew_at;
}

const char *
tui_conn_label(enum tui_conn c)
{
	if ((size_t)c >= sizeof conn_labels / sizeof conn_labels[0])
		return "?";
	return conn_labels[c];
}
