/* The command table and the commands. The help screen, the home screen's
 * key list and the hint line are all drawn from this table. */
#include <stdlib.h>

#include "app.h"
#include "auth.h"
#include "input/commands.h"

static tui_command_fn cmd_sign_in, cmd_next_field, cmd_prev_field, cmd_help,
    cmd_quit, cmd_sign_out, cmd_renew, cmd_redraw, cmd_char_left,
    cmd_char_right, cmd_line_start, cmd_line_end, cmd_delete_back,
    cmd_delete_char, cmd_clear_field, cmd_help_close, cmd_help_down,
    cmd_help_up, cmd_yes, cmd_no;

#define FORM	TUI_CTX_LOGIN
#define ANY	TUI_ROLES_ANY

/* Order matters: the hint line shows the first rows of a context. */
static const struct tui_command commands[TUI_CMD_COUNT] = {
	{ TUI_CMD_SIGN_IN, "sign-in", "Enter C-s F2",
	    "Sign in with the server, phone and password given",
	    FORM, ANY, cmd_sign_in },
	{ TUI_CMD_NEXT_FIELD, "next", "Tab Down",
	    "Move to the next field", FORM, ANY, cmd_next_field },
	{ TUI_CMD_PREV_FIELD, "previous", "S-Tab Up",
	    "Move to the previous field", FORM, ANY, cmd_prev_field },
	{ TUI_CMD_HELP, "help", "? F1",
	    "Show the keys of this screen",
	    TUI_CTX_LOGIN | TUI_CTX_HOME, ANY, cmd_help },
	{ TUI_CMD_QUIT, "quit", "q F10 C-q C-c",
	    "Quit (asks first when a form has unsent input)",
	    TUI_CTX_LOGIN | TUI_CTX_HOME, ANY, cmd_quit },
	{ TUI_CMD_SIGN_OUT, "sign-out", "L",
	    "Sign out and return to the sign-in screen",
	    TUI_CTX_HOME, ANY, cmd_sign_out },
	{ TUI_CMD_RENEW, "renew", "R",
	    "Renew the session token now (it renews by itself)",
	    TUI_CTX_HOME, ANY, cmd_renew },
	{ TUI_CMD_REDRAW, "redraw", "C-l",
	    "Repaint the whole screen",
	    TUI_CTX_LOGIN | TUI_CTX_HOME, ANY, cmd_redraw },
	{ TUI_CMD_CHAR_LEFT, "left", "Left C-b",
	    "Move the cursor left", FORM, ANY, cmd_char_left },
	{ TUI_CMD_CHAR_RIGHT, "right", "Right C-f",
	    "Move the cursor right", FORM, ANY, cmd_char_right },
	{ TUI_CMD_LINE_START, "start", "Home C-a",
	    "Move to the start of the field", FORM, ANY, cmd_line_start },
	{ TUI_CMD_LINE_END, "end", "End C-e",
	    "Move to the end of the field", FORM, ANY, cmd_line_end },
	{ TUI_CMD_DELETE_BACK, "backspace", "BSpace",
	    "Delete the character before the cursor",
	    FORM, ANY, cmd_delete_back },
	{ TUI_CMD_DELETE_CHAR, "delete", "Del C-d",
	    "Delete the character under the cursor",
	    FORM, ANY, cmd_delete_char },
	{ TUI_CMD_CLEAR_FIELD, "clear", "C-u",
	    "Empty the field", FORM, ANY, cmd_clear_field },
	{ TUI_CMD_HELP_CLOSE, "close", "q Esc ? F1 Enter",
	    "Close the help", TUI_CTX_HELP, ANY, cmd_help_close },
	{ TUI_CMD_HELP_DOWN, "down", "j Down C-n",
	    "Scroll down", TUI_CTX_HELP, ANY, cmd_help_down },
	{ TUI_CMD_HELP_UP, "up", "k Up C-p",
	    "Scroll up", TUI_CTX_HELP, ANY, cmd_help_up },
	{ TUI_CMD_YES, "yes", "y Y",
	    "Answer yes", TUI_CTX_PROMPT, ANY, cmd_yes },
	{ TUI_CMD_NO, "no", "n N Esc",
	    "Answer no", TUI_CTX_PROMPT, ANY, cmd_no },
};

#undef FORM
#undef ANY

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

/*
 * UI thread: act on one key press. In a text context a printable key is
 * typed into the focused field (so "q" is a letter there, not quit);
 * otherwise a key bound in the current context runs its command. Returns
 * reaction bits (0: key ignored).
 */
int
tui_command_key(struct tui_app *app, struct tui_key key)
{
	const struct tui_command	*cmd;
	struct tui_form			*form;
	enum tui_ctx			 ctx;

	ctx = tui_model_ctx(&app->model);
	form = tui_model_form(&app->model);
	if (tui_ctx_is_text(ctx) && form != NULL && tui_keymap_is_text(key)) {
		if (!tui_form_insert(form, (wchar_t)key.code))
			return 0;	/* the field is full */
		return TUI_REDRAW;
	}
	cmd = tui_command_find(ctx, app->model.session.user.role, key);
	if (cmd == NULL)
		return 0;
	return cmd->fn(app);
}

static int
cmd_sign_in(struct tui_app *app)
{
	return tui_auth_sign_in(app);
}

static int
cmd_next_field(struct tui_app *app)
{
	tui_form_focus_next(&app->model.login, 1);
	return TUI_REDRAW;
}

static int
cmd_prev_field(struct tui_app *app)
{
	tui_form_focus_next(&app->model.login, -1);
	return TUI_REDRAW;
}

static int
cmd_help(struct tui_app *app)
{
	app->model.help_ctx = tui_model_ctx(&app->model);
	app->model.help = true;
	app->model.help_top = 0;
	return TUI_REDRAW;
}

static int
cmd_quit(struct tui_app *app)
{
	struct tui_form	*form = tui_model_form(&app->model);

	if (form != NULL && tui_form_has_unsent(form)) {
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
cmd_char_left(struct tui_app *app)
{
	tui_form_move(&app->model.login, -1);
	return TUI_REDRAW;
}

static int
cmd_char_right(struct tui_app *app)
{
	tui_form_move(&app->model.login, 1);
	return TUI_REDRAW;
}

static int
cmd_line_start(struct tui_app *app)
{
	tui_form_move_edge(&app->model.login, false);
	return TUI_REDRAW;
}

static int
cmd_line_end(struct tui_app *app)
{
	tui_form_move_edge(&app->model.login, true);
	return TUI_REDRAW;
}

static int
cmd_delete_back(struct tui_app *app)
{
	return tui_form_backspace(&app->model.login) ? TUI_REDRAW : 0;
}

static int
cmd_delete_char(struct tui_app *app)
{
	return tui_form_delete(&app->model.login) ? TUI_REDRAW : 0;
}

static int
cmd_clear_field(struct tui_app *app)
{
	struct tui_form	*form = &app->model.login;

	return tui_form_clear(form, form->focus) ? TUI_REDRAW : 0;
}

static int
cmd_help_close(struct tui_app *app)
{
	app->model.help = false;
	return TUI_REDRAW;
}

static int
cmd_help_down(struct tui_app *app)
{
	size_t	i, n = 0;

	for (i = 0; i < TUI_CMD_COUNT; i++)
		if (tui_command_is_offered(&commands[i], app->model.help_ctx,
		    app->model.session.user.role))
			n++;
	if ((size_t)app->model.help_top + 1 < n)
		app->model.help_top++;
	return TUI_REDRAW;
}

static int
cmd_help_up(struct tui_app *app)
{
	if (app->model.help_top > 0)
		app->model.help_top--;
	return TUI_REDRAW;
}

static int
cmd_yes(struct tui_app *app)
{
	enum tui_prompt	prompt = app->model.prompt;

	app->model.prompt = TUI_PROMPT_NONE;
	return prompt == TUI_PROMPT_QUIT ? TUI_QUIT : TUI_REDRAW;
}

static int
cmd_no(struct tui_app *app)
{
	app->model.prompt = TUI_PROMPT_NONE;
	return TUI_REDRAW;
}
