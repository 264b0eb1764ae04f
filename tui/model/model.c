/* The model as a whole: set-up, the current input context, the notice
 * line and the switch back to the sign-in screen. */
#include <stdio.h>
#include <string.h>

#include "model/model.h"

static const struct {
	enum tui_ctx	 ctx;
	const char	*title;
	bool		 text;
} ctx_table[] = {
#define X(e, bit, title, text) { TUI_CTX_##e, title, text },
	TUI_CTXS(X)
#undef X
};

static const struct tui_field_spec login_fields[TUI_LOGIN_NFIELDS] = {
	[TUI_LOGIN_SERVER] =	{ "Server", 200, false },
	[TUI_LOGIN_PHONE] =	{ "Phone", 20, false },
	[TUI_LOGIN_PASSWORD] =	{ "Password", 128, true },
};

/*
 * Start on the sign-in screen, signed out, with server (a URL as typed)
 * and phone (may be NULL) prefilled. With a phone the focus starts on the
 * password, otherwise on the phone.
 */
void
tui_model_init(struct tui_model *m, const char *server, const char *phone)
{
	memset(m, 0, sizeof *m);
	tui_session_init(&m->session, server);
	tui_form_init(&m->login, login_fields, TUI_LOGIN_NFIELDS);
	tui_form_set(&m->login, TUI_LOGIN_SERVER, m->session.server);
	tui_form_set(&m->login, TUI_LOGIN_PHONE, phone);
	tui_form_focus(&m->login, phone != NULL && *phone != '\0' ?
	    TUI_LOGIN_PASSWORD : TUI_LOGIN_PHONE);
	m->screen = TUI_SCREEN_LOGIN;
}

void
tui_model_cleanup(struct tui_model *m)
{
	tui_form_cleanup(&m->login);
	tui_session_cleanup(&m->session);
}

/* The context keys are looked up in: a prompt, else help, else screen. */
enum tui_ctx
tui_model_ctx(const struct tui_model *m)
{
	if (m->prompt != TUI_PROMPT_NONE)
		return TUI_CTX_PROMPT;
	if (m->help)
		return TUI_CTX_HELP;
	return m->screen == TUI_SCREEN_LOGIN ? TUI_CTX_LOGIN : TUI_CTX_HOME;
}

bool
tui_ctx_is_text(enum tui_ctx ctx)
{
	size_t	i;

	for (i = 0; i < sizeof ctx_table / sizeof ctx_table[0]; i++)
		if (ctx_table[i].ctx == ctx)
			return ctx_table[i].text;
	return false;
}

const char *
tui_ctx_title(enum tui_ctx ctx)
{
	size_t	i;

	for (i = 0; i < sizeof ctx_table / sizeof ctx_table[0]; i++)
		if (ctx_table[i].ctx == ctx)
			return ctx_table[i].title;
	return "";
}

/* Set the notice line (text is copied; NULL or NONE clears it). */
void
tui_model_notice(struct tui_model *m, enum tui_notice kind, const char *text)
{
	if (text == NULL)
		kind = TUI_NOTICE_NONE;
	m->notice_kind = kind;
	snprintf(m->notice, sizeof m->notice, "%s",
	    kind == TUI_NOTICE_NONE ? "" : text);
}

/* Back to the sign-in form after signing out: server and phone kept from
 * the session, password emptied, focus on the password. */
void
tui_model_show_login(struct tui_model *m)
{
	m->screen = TUI_SCREEN_LOGIN;
	m->help = false;
	m->prompt = TUI_PROMPT_NONE;
	tui_form_set(&m->login, TUI_LOGIN_SERVER, m->session.server);
	tui_form_set(&m->login, TUI_LOGIN_PASSWORD, "");
	tui_form_focus(&m->login, TUI_LOGIN_PASSWORD);
	tui_form_sent(&m->login);
}

/* The form keys type into: the sign-in form on its screen, else NULL. */
struct tui_form *
tui_model_form(struct tui_model *m)
{
	return m->screen == TUI_SCREEN_LOGIN ? &m->login : NULL;
}
