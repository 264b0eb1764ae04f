/*
 * The sign-in flow: POST /auth/login with the form, then GET /auth/me for
 * who we are, then the home screen. The access token is renewed with
 * POST /auth/refresh (the refresh cookie lives in the REST worker's jar)
 * shortly before it expires; POST /auth/logout ends the session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "input/commands.h"
#include "net/api.h"
#include "net/rest.h"

/* Fill err from any failed reply: no reply, or a non-2xx status. */
static void
auth_reply_error(const struct tui_session *s, const struct tui_rest_res *res,
    struct tui_err *err)
{
	tui_app_reply_error(s->server, res, err);
}

/* Which field is missing, in form order, with what to say. */
static const struct {
	enum tui_login_field	 field;
	const char		*missing;
} login_required[] = {
	{ TUI_LOGIN_SERVER,	"Enter the server's URL." },
	{ TUI_LOGIN_PHONE,	"Enter your phone number." },
	{ TUI_LOGIN_PASSWORD,	"Enter your password." },
};

/*
 * Command: send the sign-in form. A blank field is reported and focused
 * instead. Replies to anything sent before are now stale (new epoch).
 */
int
tui_auth_sign_in(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	struct tui_session	*s = &m->session;
	struct tui_rest_req	*req;
	char			*server, *phone, *password;
	size_t			 i;

	if (s->conn == TUI_CONN_CONNECTING)
		return 0;	/* already signing in */
	for (i = 0; i < sizeof login_required / sizeof login_required[0]; i++)
		if (tui_form_is_blank(&m->login, login_required[i].field)) {
			tui_form_focus(&m->login, login_required[i].field);
			tui_model_notice(m, TUI_NOTICE_ERROR,
			    login_required[i].missing);
			return TUI_REDRAW;
		}
	server = tui_form_get(&m->login, TUI_LOGIN_SERVER);
	phone = tui_form_get(&m->login, TUI_LOGIN_PHONE);
	password = tui_form_get(&m->login, TUI_LOGIN_PASSWORD);

	tui_session_sign_out(s);
	tui_session_set_server(s, server);
	tui_form_set(&m->login, TUI_LOGIN_SERVER, s->server);
	s->conn = TUI_CONN_CONNECTING;
	tui_model_notice(m, TUI_NOTICE_NONE, NULL);
	req = tui_api_login(s->server, phone, password);
	tui_app_send(app, req, "Signing in");
	tui_form_sent(&m->login);

	memset(password, 0, strlen(password));
	free(password);
	free(phone);
	free(server);
	return TUI_REDRAW;
}

/* Reply to /auth/login: keep the token and ask who we are. */
int
tui_auth_login_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_model	*m = &app->model;
	struct tui_session	*s = &m->session;
	struct tui_err		 err;

	if (res->net == TUI_NET_OK && res->status == 200 &&
	    tui_session_apply_token(s, res->body, time(NULL), &err) == 0) {
		tui_app_send(app, tui_api_request(TUI_API_ME, s->server,
		    s->token), "Loading your profile");
		return TUI_REDRAW;
	}
	if (res->net != TUI_NET_OK || res->status != 200)
		auth_reply_error(s, res, &err);
	tui_session_sign_out(s);
	tui_model_notice(m, TUI_NOTICE_ERROR, err.msg);
	if (err.status == 401) {
		/* wrong password: clear it and let the user type again */
		tui_form_set(&m->login, TUI_LOGIN_PASSWORD, "");
		tui_form_focus(&m->login, TUI_LOGIN_PASSWORD);
	}
	return TUI_REDRAW;
}

/* Reply to /auth/me: signed in; admins see the board (the loop fetches
 * it on TUI_REFETCH and starts the live stream on TUI_SIGNED_IN). */
int
tui_auth_me_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_model	*m = &app->model;
	struct tui_session	*s = &m->session;
	struct tui_err		 err;

	if (res->net != TUI_NET_OK || res->status != 200)
		auth_reply_error(s, res, &err);
	else if (tui_session_apply_me(s, res->body, &err) == 0) {
		/* admins land on the board, others on the session */
		m->screen = s->user.role == PROTO_ROLE_ADMIN ?
		    TUI_SCREEN_BOARD : TUI_SCREEN_HOME;
		tui_form_set(&m->login, TUI_LOGIN_PASSWORD, "");
		tui_form_sent(&m->login);
		tui_model_notice(m, TUI_NOTICE_NONE, NULL);
		return TUI_REDRAW | TUI_REFETCH | TUI_SIGNED_IN;
	}
	tui_session_sign_out(s);
	tui_model_notice(m, TUI_NOTICE_ERROR, err.msg);
	return TUI_REDRAW;
}

/* Command: renew the access token now. */
int
tui_auth_renew(struct tui_app *app)
{
	struct tui_session	*s = &app->model.session;

	if (!s->signed_in)
		return 0;
	s->renew_at = 0;	/* not due again until the reply */
	tui_app_send(app, tui_api_request(TUI_API_REFRESH, s->server, NULL),
	    "Renewing the session");
	return TUI_REDRAW;
}

/* Called by the loop every turn: renew the token when it is due. */
int
tui_auth_tick(struct tui_app *app, time_t now)
{
	if (!tui_session_renew_is_due(&app->model.session, now))
		return 0;
	return tui_auth_renew(app);
}

/*
 * Reply to /auth/refresh. No reply: offline, retry after a backoff. 401 or
 * 403: the session is over, back to the sign-in screen. Other failures
 * retry like a lost connection.
 */
int
tui_auth_refresh_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_model	*m = &app->model;
	struct tui_session	*s = &m->session;
	struct tui_err		 err;
	char			 text[sizeof err.msg + 64];

	if (res->net == TUI_NET_OK && res->status == 200 &&
	    tui_session_apply_token(s, res->body, time(NULL), &err) == 0) {
		s->conn = TUI_CONN_ONLINE;
		return TUI_REDRAW | TUI_TOKEN_NEW;
	}
	if (res->net == TUI_NET_OK &&
	    (res->status == 401 || res->status == 403)) {
		auth_reply_error(s, res, &err);
		snprintf(text, sizeof text,
		    "Your session has ended (%s). Please sign in again.",
		    err.msg);
		tui_session_sign_out(s);
		tui_model_show_login(m);
		tui_model_notice(m, TUI_NOTICE_ERROR, text);
		return TUI_REDRAW | TUI_SIGNED_OUT;
	}
	tui_session_renew_failed(s, time(NULL));
	return TUI_REDRAW;
}

/* Command: sign out on the server, then here (see logout_done). */
int
tui_auth_sign_out(struct tui_app *app)
{
	struct tui_session	*s = &app->model.session;

	if (!s->signed_in)
		return 0;
	s->renew_at = 0;
	tui_app_send(app, tui_api_request(TUI_API_LOGOUT, s->server,
	    s->token), "Signing out");
	return TUI_REDRAW;
}

/* Reply to /auth/logout: whatever the server said, we are signed out. */
int
tui_auth_logout_done(struct tui_app *app, const struct tui_rest_res *res)
{
	struct tui_model	*m = &app->model;
	struct tui_session	*s = &m->session;
	struct tui_err		 err;
	char			 text[sizeof err.msg + 64];

	if (res->net == TUI_NET_OK && res->status == 200)
		snprintf(text, sizeof text, "Signed out.");
	else {
		auth_reply_error(s, res, &err);
		snprintf(text, sizeof text, "Signed out here; the server "
		    "said: %s", err.msg);
	}
	tui_session_sign_out(s);
	tui_model_show_login(m);
	tui_model_notice(m, TUI_NOTICE_INFO, text);
	return TUI_REDRAW | TUI_SIGNED_OUT;
}
