/* The model as a whole: set-up, the current input context, the notice
 * line, the switch back to the sign-in screen, and the overlays. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "xmalloc.h"
#include "model/json.h"
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

static const struct {
	int		 key;
	const char	*title;
	enum tui_ctx	 ctx;
} screen_table[TUI_SCREEN_COUNT] = {
#define X(e, key, title) { key, title, TUI_CTX_##e },
	TUI_SCREENS(X)
#undef X
};

static const char *stream_labels[] = {
#define X(e, label) label,
	TUI_STREAM_STATES(X)
#undef X
};

static const struct tui_field_spec login_fields[TUI_LOGIN_NFIELDS] = {
	[TUI_LOGIN_SERVER] =	{ "Server", 200, false },
	[TUI_LOGIN_PHONE] =	{ "Phone", 20, false },
	[TUI_LOGIN_PASSWORD] =	{ "Password", 128, true },
};

static const struct tui_field_spec filter_field[] = {
	{ "Filter", 100, false },
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
	tui_form_init(&m->filter, filter_field, 1);
	m->screen = TUI_SCREEN_LOGIN;
	m->back = TUI_SCREEN_BOARD;
	tui_board_init(&m->board);
	tui_detail_init(&m->detail);
	tui_mechs_init(&m->mechs);
	m->gst_percent = -1;
}

void
tui_picker_close(struct tui_picker *p)
{
	size_t	i;

	for (i = 0; i < p->norder; i++)
		free(p->order[i]);
	free(p->order);
	memset(p, 0, sizeof *p);
}

void
tui_edit_close(struct tui_edit *e)
{
	if (e->form.fields != NULL)
		tui_form_cleanup(&e->form);
	memset(e, 0, sizeof *e);
}

/* Forget everything of the signed-in user's console (at sign-out). */
void
tui_model_reset_console(struct tui_model *m)
{
	tui_board_cleanup(&m->board);
	tui_board_init(&m->board);
	tui_detail_cleanup(&m->detail);
	tui_mechs_cleanup(&m->mechs);
	tui_evlog_cleanup(&m->evlog);
	tui_picker_close(&m->picker);
	tui_edit_close(&m->edit);
	tui_model_apply_makers(m, NULL);
	m->filtering = false;
	m->stream = TUI_STREAM_NONE;
	m->gst_percent = -1;
}

void
tui_model_cleanup(struct tui_model *m)
{
	tui_model_reset_console(m);
	tui_board_cleanup(&m->board);
	tui_form_cleanup(&m->filter);
	tui_form_cleanup(&m->login);
	tui_session_cleanup(&m->session);
}

/* The context keys are looked up in: a prompt, else help, else an open
 * form, picker or filter line, else the screen. */
enum tui_ctx
tui_model_ctx(const struct tui_model *m)
{
	if (m->prompt != TUI_PROMPT_NONE)
		return TUI_CTX_PROMPT;
	if (m->help)
		return TUI_CTX_HELP;
	if (m->screen == TUI_SCREEN_LOGIN)
		return TUI_CTX_LOGIN;
	if (m->edit.open)
		return TUI_CTX_FORM;
	if (m->filtering)
		return TUI_CTX_FILTER;
	if (m->picker.open)
		return TUI_CTX_PICKER;
	return screen_table[m->screen].ctx;
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

const char *
tui_screen_title(enum tui_screen s)
{
	return (int)s >= 0 && s < TUI_SCREEN_COUNT ? screen_table[s].title :
	    "";
}

/* The key that shows screen s ('1'..'5'), 0 for none. */
int
tui_screen_key(enum tui_screen s)
{
	return (int)s >= 0 && s < TUI_SCREEN_COUNT ? screen_table[s].key : 0;
}

const char *
tui_stream_label(enum tui_stream s)
{
	if ((size_t)s >= sizeof stream_labels / sizeof stream_labels[0])
		return "?";
	return stream_labels[s];
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

void
tui_model_noticef(struct tui_model *m, enum tui_notice kind,
    const char *fmt, ...)
{
	va_list	ap;

	m->notice_kind = kind;
	va_start(ap, fmt);
	vsnprintf(m->notice, sizeof m->notice, fmt, ap);
	va_end(ap);
}

/* Back to the sign-in form after signing out: server and phone kept from
 * the session, password emptied, focus on the password. */
void
tui_model_show_login(struct tui_model *m)
{
	m->screen = TUI_SCREEN_LOGIN;
	m->help = false;
	m->prompt = TUI_PROMPT_NONE;
	tui_model_reset_console(m);
	tui_form_set(&m->login, TUI_LOGIN_SERVER, m->session.server);
	tui_form_set(&m->login, TUI_LOGIN_PASSWORD, "");
	tui_form_focus(&m->login, TUI_LOGIN_PASSWORD);
	tui_form_sent(&m->login);
}

/* The form keys type into: the sign-in form on its screen, an open edit
 * form, the filter line; else NULL. */
struct tui_form *
tui_model_form(struct tui_model *m)
{
	if (m->screen == TUI_SCREEN_LOGIN)
		return &m->login;
	if (m->edit.open)
		return &m->edit.form;
	if (m->filtering)
		return &m->filter;
	return NULL;
}

/* The filter line's text as a new string (the caller frees). */
char *
tui_model_filter_text(const struct tui_model *m)
{
	return tui_form_get(&m->filter, 0);
}

/* Apply GET /car/manufacturer: the names a car_model starts with (NULL
 * forgets them). Returns 0, or -1 when body is not an array. */
int
tui_model_apply_makers(struct tui_model *m, const char *body)
{
	cJSON		*o;
	const cJSON	*it;
	size_t		 i;

	for (i = 0; i < m->nmakers; i++)
		free(m->makers[i]);
	free(m->makers);
	m->makers = NULL;
	m->nmakers = 0;
	o = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(o)) {
		cJSON_Delete(o);
		return body == NULL ? 0 : -1;
	}
	m->makers = xcalloc((size_t)cJSON_GetArraySize(o) + 1,
	    sizeof *m->makers);
	cJSON_ArrayForEach(it, o)
		if (tui_json_str(it, "name") != NULL)
			m->makers[m->nmakers++] = tui_json_dup(it, "name");
	cJSON_Delete(o);
	return 0;
}

/* The model of car ("Maruti Suzuki Swift" gives "Swift"): the dashboard's
 * car_model less a known manufacturer's name, else car as it is. */
const char *
tui_model_car_model(const struct tui_model *m, const char *car)
{
	size_t	i, n;

	if (car == NULL)
		return "";
	for (i = 0; i < m->nmakers; i++) {
		n = strlen(m->makers[i]);
		if (strncmp(car, m->makers[i], n) == 0 && car[n] == ' ')
			return car + n + 1;
	}
	return car;
}
