/* The command table and the commands. The help screen, the session
 * screen's key list and the hint line are all drawn from this table. A
 * key means the same on every screen where it applies. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "dispatch.h"
#include "editor.h"
#include "fetch.h"
#include "input/commands.h"
#include "views/view.h"

static tui_command_fn cmd_sign_in, cmd_submit, cmd_filter_done,
    cmd_filter_clear, cmd_pick, cmd_open, cmd_edit_mechanic, cmd_down,
    cmd_up, cmd_page_down, cmd_page_up, cmd_top, cmd_bottom, cmd_back,
    cmd_clear, cmd_picker_close, cmd_form_close, cmd_filter, cmd_sort,
    cmd_closed, cmd_assign, cmd_validate, cmd_edit, cmd_cancel, cmd_release,
    cmd_refresh, cmd_screen_board, cmd_screen_detail, cmd_screen_mechanics,
    cmd_screen_events, cmd_screen_home, cmd_next_field, cmd_prev_field,
    cmd_help, cmd_quit, cmd_sign_out, cmd_renew, cmd_redraw, cmd_char_left,
    cmd_char_right, cmd_line_start, cmd_line_end, cmd_delete_back,
    cmd_delete_char, cmd_clear_field, cmd_help_close, cmd_yes, cmd_no;

#define LOGIN	TUI_CTX_LOGIN
#define FORM	TUI_CTX_FORM
#define FILTER	TUI_CTX_FILTER
#define TEXT	(LOGIN | FORM | FILTER)
#define BOARD	TUI_CTX_BOARD
#define DETAIL	TUI_CTX_DETAIL
#define MECHS	TUI_CTX_MECHANICS
#define EVENTS	TUI_CTX_EVENTS
#define HOME	TUI_CTX_HOME
#define PICKER	TUI_CTX_PICKER
#define HELP	TUI_CTX_HELP
#define SCREENS	(BOARD | DETAIL | MECHS | EVENTS | HOME)
#define LISTS	(BOARD | MECHS | EVENTS | PICKER)
#define ANY	TUI_ROLES_ANY
#define ADMIN	TUI_ROLE_BIT(PROTO_ROLE_ADMIN)

/* Order matters: the hint line shows the first rows of a context. */
static const struct tui_command commands[TUI_CMD_COUNT] = {
	{ TUI_CMD_SIGN_IN, "sign-in", "Enter C-s F2",
	    "Sign in with the server, phone and password given",
	    LOGIN, ANY, cmd_sign_in },
	{ TUI_CMD_SUBMIT, "submit", "C-s F2 Enter",
	    "Send the form", FORM, ANY, cmd_submit },
	{ TUI_CMD_FILTER_DONE, "apply", "Enter",
	    "Keep this filter and go back to the list",
	    FILTER, ANY, cmd_filter_done },
	{ TUI_CMD_FILTER_CLEAR, "clear", "Esc",
	    "Clear the filter and go back to the list",
	    FILTER, ANY, cmd_filter_clear },
	{ TUI_CMD_PICK, "assign", "Enter",
	    "Assign the mechanic under the cursor",
	    PICKER, ADMIN, cmd_pick },
	{ TUI_CMD_OPEN, "open", "Enter l Right",
	    "Open the booking under the cursor",
	    BOARD | EVENTS, ADMIN, cmd_open },
	{ TUI_CMD_EDIT_MECHANIC, "edit", "e Enter",
	    "Edit the mechanic's abilities and categories",
	    MECHS, ADMIN, cmd_edit_mechanic },
	{ TUI_CMD_ASSIGN, "assign", "a",
	    "Assign or reassign a mechanic (opens the picker)",
	    BOARD | DETAIL, ADMIN, cmd_assign },
	{ TUI_CMD_VALIDATE, "validate", "v",
	    "Validate the open progress or analysis (asks first)",
	    BOARD | DETAIL, ADMIN, cmd_validate },
	{ TUI_CMD_EDIT, "edit", "e",
	    "Edit the open progress entry or the analysis",
	    BOARD | DETAIL, ADMIN, cmd_edit },
	{ TUI_CMD_CANCEL, "cancel", "c",
	    "Cancel the booking (shows the fee, asks first)",
	    BOARD | DETAIL, ADMIN, cmd_cancel },
	{ TUI_CMD_RELEASE, "release", "x",
	    "Release the active assignment (asks for a reason)",
	    BOARD | DETAIL, ADMIN, cmd_release },
	{ TUI_CMD_FILTER, "filter", "/",
	    "Filter: words to match; status:NAME, action:NAME, #ID",
	    BOARD | MECHS | EVENTS | PICKER, ANY, cmd_filter },
	{ TUI_CMD_SORT, "sort", "s",
	    "Sort by urgency, status, age in status, id or customer",
	    BOARD, ANY, cmd_sort },
	{ TUI_CMD_CLOSED, "closed", "o",
	    "Show or hide closed bookings (delivered, cancelled)",
	    BOARD, ANY, cmd_closed },
	{ TUI_CMD_DOWN, "down", "j Down C-n",
	    "Move down", LISTS | DETAIL | HELP, ANY, cmd_down },
	{ TUI_CMD_UP, "up", "k Up C-p",
	    "Move up", LISTS | DETAIL | HELP, ANY, cmd_up },
	{ TUI_CMD_PAGE_DOWN, "page-down", "PgDn C-d",
	    "Move down a page", LISTS | DETAIL | HELP, ANY, cmd_page_down },
	{ TUI_CMD_PAGE_UP, "page-up", "PgUp C-u",
	    "Move up a page", LISTS | DETAIL | HELP, ANY, cmd_page_up },
	{ TUI_CMD_TOP, "top", "g Home",
	    "Go to the first line", LISTS | DETAIL, ANY, cmd_top },
	{ TUI_CMD_BOTTOM, "bottom", "G End",
	    "Go to the last line", LISTS | DETAIL, ANY, cmd_bottom },
	{ TUI_CMD_BACK, "back", "Esc h Left",
	    "Go back (to the board)",
	    DETAIL | MECHS | EVENTS | HOME, ANY, cmd_back },
	{ TUI_CMD_CLEAR, "clear", "Esc",
	    "Clear the filter", BOARD, ANY, cmd_clear },
	{ TUI_CMD_PICKER_CLOSE, "close", "Esc h",
	    "Close the picker without assigning",
	    PICKER, ANY, cmd_picker_close },
	{ TUI_CMD_FORM_CLOSE, "close", "Esc",
	    "Close the form (asks first when it holds unsent input)",
	    FORM, ANY, cmd_form_close },
	{ TUI_CMD_REFRESH, "refresh", "r F5",
	    "Reload from the server", SCREENS, ANY, cmd_refresh },
	{ TUI_CMD_SCREEN_BOARD, "board", "1",
	    "Screen 1: the board of open bookings",
	    SCREENS, ADMIN, cmd_screen_board },
	{ TUI_CMD_SCREEN_DETAIL, "booking", "2",
	    "Screen 2: the booking last opened",
	    SCREENS, ADMIN, cmd_screen_detail },
	{ TUI_CMD_SCREEN_MECHANICS, "mechanics", "3",
	    "Screen 3: mechanics, abilities and workload",
	    SCREENS, ADMIN, cmd_screen_mechanics },
	{ TUI_CMD_SCREEN_EVENTS, "events", "4",
	    "Screen 4: the event log", SCREENS, ADMIN, cmd_screen_events },
	{ TUI_CMD_SCREEN_HOME, "session", "5",
	    "Screen 5: the session", SCREENS, ANY, cmd_screen_home },
	{ TUI_CMD_NEXT_FIELD, "next", "Tab Down",
	    "Move to the next field", LOGIN | FORM, ANY, cmd_next_field },
	{ TUI_CMD_PREV_FIELD, "previous", "S-Tab Up",
	    "Move to the previous field", LOGIN | FORM, ANY, cmd_prev_field },
	{ TUI_CMD_HELP, "help", "? F1",
	    "Show every key of this screen",
	    SCREENS | LOGIN | PICKER | FORM | FILTER, ANY, cmd_help },
	{ TUI_CMD_QUIT, "quit", "q F10 C-q C-c",
	    "Quit (asks first when a form has unsent input)",
	    SCREENS | TEXT | PICKER, ANY, cmd_quit },
	{ TUI_CMD_SIGN_OUT, "sign-out", "L",
	    "Sign out and return to the sign-in screen",
	    SCREENS, ANY, cmd_sign_out },
	{ TUI_CMD_RENEW, "renew", "R",
	    "Renew the session token now (it renews by itself)",
	    HOME, ANY, cmd_renew },
	{ TUI_CMD_REDRAW, "redraw", "C-l",
	    "Repaint the whole screen",
	    SCREENS | TEXT | PICKER, ANY, cmd_redraw },
	{ TUI_CMD_CHAR_LEFT, "left", "Left C-b",
	    "Move the cursor left", TEXT, ANY, cmd_char_left },
	{ TUI_CMD_CHAR_RIGHT, "right", "Right C-f",
	    "Move the cursor right", TEXT, ANY, cmd_char_right },
	{ TUI_CMD_LINE_START, "start", "Home C-a",
	    "Move to the start of the field", TEXT, ANY, cmd_line_start },
	{ TUI_CMD_LINE_END, "end", "End C-e",
	    "Move to the end of the field", TEXT, ANY, cmd_line_end },
	{ TUI_CMD_DELETE_BACK, "backspace", "BSpace",
	    "Delete the character before the cursor",
	    TEXT, ANY, cmd_delete_back },
	{ TUI_CMD_DELETE_CHAR, "delete", "Del C-d",
	    "Delete the character under the cursor",
	    TEXT, ANY, cmd_delete_char },
	{ TUI_CMD_CLEAR_FIELD, "clear", "C-u",
	    "Empty the field", TEXT, ANY, cmd_clear_field },
	{ TUI_CMD_HELP_CLOSE, "close", "q Esc ? F1 Enter",
	    "Close the help", HELP, ANY, cmd_help_close },
	{ TUI_CMD_YES, "yes", "y Y",
	    "Answer yes", TUI_CTX_PROMPT, ANY, cmd_yes },
	{ TUI_CMD_NO, "no", "n N Esc",
	    "Answer no", TUI_CTX_PROMPT, ANY, cmd_no },
};

#undef LOGIN
#undef FORM
#undef FILTER
#undef TEXT
#undef BOARD
#undef DETAIL
#undef MECHS
#undef EVENTS
#undef HOME
#undef PICKER
#undef HELP
#undef SCREENS
#undef LISTS
#undef ANY
#undef ADMIN

/* The whole table, in order, and its length in *n. */
const struct tui_command *
tui_commands(size_t *n)
{
	*n = TUI_CMD_COUNT;
	return commands;
}

/* True when cmd applies in ctx for a user of role (PROTO_ROLE_NONE when
 * signed out). */
bool
tui_command_is_offered(const struct tui_command *cmd, enum tui_ctx ctx,
    enum proto_role role)
{
	if ((cmd->ctx & ctx) == 0)
		return false;
	return cmd->roles == TUI_ROLES_ANY ||
	    (cmd->roles & TUI_ROLE_BIT(role)) != 0;
}

/* The first command offered in ctx to role that key triggers, or NULL. */
const struct tui_command *
tui_command_find(enum tui_ctx ctx, enum proto_role role, struct tui_key key)
{
	size_t	i;

	for (i = 0; i < TUI_CMD_COUNT; i++)
		if (tui_command_is_offered(&commands[i], ctx, role) &&
		    tui_keymap_match(commands[i].keys, key))
			return &commands[i];
	return NULL;
}

/* The filter line's text into the filter of the screen it filters. */
static int
cmd_filter_sync(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	char			*text = tui_model_filter_text(m);

	if (m->picker.open) {
		snprintf(m->picker.filter, sizeof m->picker.filter, "%s", text);
		tui_dispatch_picker_refresh(app);
		free(text);
		return TUI_REDRAW;
	}
	switch (m->screen) {
	case TUI_SCREEN_BOARD:
		snprintf(m->board.filter, sizeof m->board.filter, "%s", text);
		tui_board_view(&m->board);
		break;
	case TUI_SCREEN_MECHANICS:
		snprintf(m->mechs.filter, sizeof m->mechs.filter, "%s", text);
		m->mechs.cursor = 0;
		break;
	case TUI_SCREEN_EVENTS:
		snprintf(m->evlog.filter, sizeof m->evlog.filter, "%s", text);
		m->evlog.cursor = 0;
		break;
	default:
		break;
	}
	free(text);
	return TUI_REDRAW;
}

/*
 * UI thread: act on one key press. In a text context a printable key is
 * typed into the focused field (so "q" is a letter there, not quit);
 * otherwise a key bound in the current context runs its command. Typing
 * in the filter line filters as it goes. Returns reaction bits (0: key
 * ignored).
 */
int
tui_command_key(struct tui_app *app, struct tui_key key)
{
	const struct tui_command	*cmd;
	struct tui_form			*form;
	enum tui_ctx			 ctx;
	int				 bits;

	ctx = tui_model_ctx(&app->model);
	form = tui_model_form(&app->model);
	if (tui_ctx_is_text(ctx) && form != NULL && tui_keymap_is_text(key)) {
		if (!tui_form_insert(form, (wchar_t)key.code))
			return 0;	/* the field is full */
		return ctx == TUI_CTX_FILTER ? cmd_filter_sync(app) :
		    TUI_REDRAW;
	}
	cmd = tui_command_find(ctx, app->model.session.user.role, key);
	if (cmd == NULL)
		return 0;
	bits = cmd->fn(app);
	if (ctx == TUI_CTX_FILTER && app->model.filtering)
		bits |= cmd_filter_sync(app);
	return bits;
}

/* --- text fields --- */

static struct tui_form *
cmd_form(struct tui_app *app)
{
	return tui_model_form(&app->model);
}

static int
cmd_sign_in(struct tui_app *app)
{
	return tui_auth_sign_in(app);
}

static int
cmd_submit(struct tui_app *app)
{
	return tui_editor_submit(app);
}

static int
cmd_next_field(struct tui_app *app)
{
	tui_form_focus_next(cmd_form(app), 1);
	return TUI_REDRAW;
}

static int
cmd_prev_field(struct tui_app *app)
{
	tui_form_focus_next(cmd_form(app), -1);
	return TUI_REDRAW;
}

static int
cmd_char_left(struct tui_app *app)
{
	tui_form_move(cmd_form(app), -1);
	return TUI_REDRAW;
}

static int
cmd_char_right(struct tui_app *app)
{
	tui_form_move(cmd_form(app), 1);
	return TUI_REDRAW;
}

static int
cmd_line_start(struct tui_app *app)
{
	tui_form_move_edge(cmd_form(app), false);
	return TUI_REDRAW;
}

static int
cmd_line_end(struct tui_app *app)
{
	tui_form_move_edge(cmd_form(app), true);
	return TUI_REDRAW;
}

static int
cmd_delete_back(struct tui_app *app)
{
	return tui_form_backspace(cmd_form(app)) ? TUI_REDRAW : 0;
}

static int
cmd_delete_char(struct tui_app *app)
{
	return tui_form_delete(cmd_form(app)) ? TUI_REDRAW : 0;
}

static int
cmd_clear_field(struct tui_app *app)
{
	struct tui_form	*form = cmd_form(app);

	return tui_form_clear(form, form->focus) ? TUI_REDRAW : 0;
}

/* --- the filter line --- */

static int
cmd_filter(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	const char		*now = m->picker.open ? m->picker.filter :
				    m->screen == TUI_SCREEN_MECHANICS ?
				    m->mechs.filter : m->screen ==
				    TUI_SCREEN_EVENTS ? m->evlog.filter :
				    m->board.filter;

	tui_form_set(&m->filter, 0, now);
	tui_form_sent(&m->filter);
	m->filtering = true;
	return TUI_REDRAW;
}

static int
cmd_filter_done(struct tui_app *app)
{
	app->model.filtering = false;
	return TUI_REDRAW;
}

static int
cmd_filter_clear(struct tui_app *app)
{
	tui_form_set(&app->model.filter, 0, "");
	cmd_filter_sync(app);
	app->model.filtering = false;
	return TUI_REDRAW;
}

static int
cmd_clear(struct tui_app *app)
{
	if (app->model.board.filter[0] == '\0')
		return 0;
	tui_form_set(&app->model.filter, 0, "");
	return cmd_filter_sync(app);
}

/* --- moving --- */

/* Rows a page holds on the current screen (the body less its headers). */
static int
cmd_page(void)
{
	return LINES > 8 ? LINES - 7 : 1;
}

/* How many rows the help of the context it shows has. */
static int
cmd_help_rows(const struct tui_model *m)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < TUI_CMD_COUNT; i++)
		if (tui_command_is_offered(&commands[i], m->help_ctx,
		    m->session.user.role))
			n++;
	return n;
}

/* Move the cursor of whatever list is up by delta (clamped). */
static int
cmd_move(struct tui_app *app, int delta)
{
	struct tui_model	*m = &app->model;
	int			 n, *cur;

	switch (tui_model_ctx(m)) {
	case TUI_CTX_HELP:
		cur = &m->help_top;
		n = cmd_help_rows(m) - (LINES - 6) + 1;
		break;
	case TUI_CTX_BOARD:
		tui_board_move(&m->board, delta);
		return TUI_REDRAW;
	case TUI_CTX_DETAIL:
		cur = &m->detail.top;	/* the body has LINES - 3 rows */
		n = tui_view_detail_height(m, COLS) - (LINES - 3) + 1;
		break;
	case TUI_CTX_MECHANICS:
		cur = &m->mechs.cursor;
		n = (int)tui_mechs_count(&m->mechs);
		break;
	case TUI_CTX_EVENTS:
		cur = &m->evlog.cursor;
		n = (int)tui_evlog_count(&m->evlog);
		break;
	case TUI_CTX_PICKER:
		cur = &m->picker.cursor;
		n = (int)m->picker.norder;
		break;
	default:
		return 0;
	}
	*cur += delta;
	if (*cur >= n)
		*cur = n - 1;
	if (*cur < 0)
		*cur = 0;
	return TUI_REDRAW;
}

static int
cmd_down(struct tui_app *app)
{
	return cmd_move(app, 1);
}

static int
cmd_up(struct tui_app *app)
{
	return cmd_move(app, -1);
}

static int
cmd_page_down(struct tui_app *app)
{
	return cmd_move(app, cmd_page());
}

static int
cmd_page_up(struct tui_app *app)
{
	return cmd_move(app, -cmd_page());
}

static int
cmd_top(struct tui_app *app)
{
	return cmd_move(app, -1000000);
}

static int
cmd_bottom(struct tui_app *app)
{
	return cmd_move(app, 1000000);
}

/* --- screens --- */

static int
cmd_show(struct tui_app *app, enum tui_screen s)
{
	struct tui_model	*m = &app->model;

	if (m->screen == s)
		return 0;
	if (s == TUI_SCREEN_DETAIL && m->screen != TUI_SCREEN_DETAIL)
		m->back = m->screen;
	m->screen = s;
	tui_model_notice(m, TUI_NOTICE_NONE, NULL);
	return TUI_REDRAW;
}

/* Open booking id on the detail screen (Esc comes back here). */
static int
cmd_open_booking(struct tui_app *app, long id)
{
	struct tui_model	*m = &app->model;

	if (id <= 0)
		return 0;
	cmd_show(app, TUI_SCREEN_DETAIL);
	if (m->detail.id != id)
		m->detail.top = 0;
	return tui_fetch_detail(app, id, 0) | TUI_REDRAW;
}

static int
cmd_open(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	const struct tui_row	*r;
	const struct tui_event	*ev;

	if (m->screen == TUI_SCREEN_EVENTS) {
		ev = tui_evlog_at(&m->evlog, m->evlog.cursor);
		return ev != NULL ? cmd_open_booking(app, ev->booking_id) : 0;
	}
	r = tui_board_selected(&m->board);
	return r != NULL ? cmd_open_booking(app, r->id) : 0;
}

static int
cmd_back(struct tui_app *app)
{
	struct tui_model	*m = &app->model;

	if (m->screen == TUI_SCREEN_DETAIL && m->back != TUI_SCREEN_DETAIL &&
	    m->back != TUI_SCREEN_LOGIN)
		return cmd_show(app, m->back);
	return cmd_show(app, TUI_SCREEN_BOARD);
}

static int
cmd_screen_board(struct tui_app *app)
{
	return cmd_show(app, TUI_SCREEN_BOARD);
}

static int
cmd_screen_detail(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	const struct tui_row	*r;

	if (m->detail.id > 0)
		return cmd_show(app, TUI_SCREEN_DETAIL);
	r = tui_board_selected(&m->board);
	if (r != NULL)
		return cmd_open_booking(app, r->id);
	tui_model_notice(m, TUI_NOTICE_ERROR, "No booking to show: open one "
	    "from the board with Enter.");
	return TUI_REDRAW;
}

static int
cmd_screen_mechanics(struct tui_app *app)
{
	return cmd_show(app, TUI_SCREEN_MECHANICS) |
	    tui_fetch_mechanics(app);
}

static int
cmd_screen_events(struct tui_app *app)
{
	return cmd_show(app, TUI_SCREEN_EVENTS);
}

static int
cmd_screen_home(struct tui_app *app)
{
	return cmd_show(app, TUI_SCREEN_HOME);
}

static int
cmd_refresh(struct tui_app *app)
{
	tui_model_notice(&app->model, TUI_NOTICE_NONE, NULL);
	return TUI_REDRAW | TUI_REFETCH;
}

/* --- the board --- */

static int
cmd_sort(struct tui_app *app)
{
	struct tui_board	*b = &app->model.board;

	b->sort = (enum tui_sort)((b->sort + 1) % TUI_SORT_COUNT);
	tui_board_view(b);
	return TUI_REDRAW;
}

static int
cmd_closed(struct tui_app *app)
{
	struct tui_board	*b = &app->model.board;

	b->show_closed = !b->show_closed;
	tui_board_view(b);
	return TUI_REDRAW;
}

/* --- dispatch --- */

static int
cmd_assign(struct tui_app *app)
{
	return tui_dispatch_verb(app, TUI_VERB_ASSIGN);
}

static int
cmd_validate(struct tui_app *app)
{
	return tui_dispatch_verb(app, TUI_VERB_VALIDATE);
}

static int
cmd_edit(struct tui_app *app)
{
	return tui_dispatch_verb(app, TUI_VERB_EDIT);
}

static int
cmd_cancel(struct tui_app *app)
{
	return tui_dispatch_verb(app, TUI_VERB_CANCEL);
}

static int
cmd_release(struct tui_app *app)
{
	return tui_dispatch_verb(app, TUI_VERB_RELEASE);
}

static int
cmd_pick(struct tui_app *app)
{
	return tui_dispatch_pick(app);
}

static int
cmd_picker_close(struct tui_app *app)
{
	tui_picker_close(&app->model.picker);
	return TUI_REDRAW;
}

static int
cmd_form_close(struct tui_app *app)
{
	return tui_editor_close(app);
}

static int
cmd_edit_mechanic(struct tui_app *app)
{
	return tui_editor_mechanic(app);
}

/* --- the rest --- */

static int
cmd_help(struct tui_app *app)
{
	app->model.help_ctx = tui_model_ctx(&app->model);
	app->model.help = true;
	app->model.help_top = 0;
	return TUI_REDRAW;
}

static int
cmd_help_close(struct tui_app *app)
{
	app->model.help = false;
	return TUI_REDRAW;
}

/* The form whose input would be lost by quitting: the sign-in form or an
 * open edit form (not the filter line). */
static bool
cmd_has_unsent(const struct tui_model *m)
{
	if (m->screen == TUI_SCREEN_LOGIN)
		return tui_form_has_unsent(&m->login);
	return m->edit.open && tui_form_has_unsent(&m->edit.form);
}

static int
cmd_quit(struct tui_app *app)
{
	if (cmd_has_unsent(&app->model)) {
		app->model.prompt = TUI_PROMPT_QUIT;
		return TUI_REDRAW;
	}
	return TUI_QUIT;
}

static int
cmd_sign_out(struct tui_app *app)
{
	return tui_auth_sign_out(app);
}

static int
cmd_renew(struct tui_app *app)
{
	return tui_auth_renew(app);
}

static int
cmd_redraw(struct tui_app *app)
{
	return TUI_REDRAW | TUI_REPAINT;
}

static int
cmd_yes(struct tui_app *app)
{
	struct tui_model	*m = &app->model;
	enum tui_prompt		 prompt = m->prompt;

	m->prompt = TUI_PROMPT_NONE;
	switch (prompt) {
	case TUI_PROMPT_QUIT:
		return TUI_QUIT;
	case TUI_PROMPT_DISCARD:
		tui_edit_close(&m->edit);
		return TUI_REDRAW;
	case TUI_PROMPT_CONFIRM:
		m->prompt = prompt;	/* confirm reads and clears it */
		return tui_dispatch_confirm(app);
	default:
		return TUI_REDRAW;
	}
}

static int
cmd_no(struct tui_app *app)
{
	app->model.prompt = TUI_PROMPT_NONE;
	memset(&app->model.pending, 0, sizeof app->model.pending);
	return TUI_REDRAW;
}
