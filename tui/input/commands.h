/* The command table: every action a key can trigger, with its keys, help
 * text, the contexts and roles it is offered in, and its function.
 * Commands change the model or send requests; they never draw. */
#ifndef TUI_INPUT_COMMANDS_H
#define TUI_INPUT_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "role.h"
#include "input/keymap.h"
#include "model/model.h"

/* Reaction bits a command (or a reply handler) returns to the loop. */
#define TUI_REDRAW	0x01	/* draw the model again */
#define TUI_REPAINT	0x02	/* forget the screen, repaint all */
#define TUI_QUIT	0x04	/* leave the loop */
#define TUI_REFETCH	0x08	/* reload the current view's data */
#define TUI_SIGNED_IN	0x10	/* a session began: start the stream */
#define TUI_SIGNED_OUT	0x20	/* it ended: stop the stream */
#define TUI_TOKEN_NEW	0x40	/* the token was renewed: tell the stream */

/* Roles a command is offered to: any, or these bits. */
#define TUI_ROLES_ANY		0u
#define TUI_ROLE_BIT(r)		(1u << (r))

enum tui_cmd {
	TUI_CMD_SIGN_IN,
	TUI_CMD_SUBMIT,
	TUI_CMD_FILTER_DONE,
	TUI_CMD_FILTER_CLEAR,
	TUI_CMD_PICK,
	TUI_CMD_OPEN,
	TUI_CMD_EDIT_MECHANIC,
	TUI_CMD_DOWN,
	TUI_CMD_UP,
	TUI_CMD_PAGE_DOWN,
	TUI_CMD_PAGE_UP,
	TUI_CMD_TOP,
	TUI_CMD_BOTTOM,
	TUI_CMD_BACK,
	TUI_CMD_CLEAR,
	TUI_CMD_PICKER_CLOSE,
	TUI_CMD_FORM_CLOSE,
	TUI_CMD_FILTER,
	TUI_CMD_SORT,
	TUI_CMD_CLOSED,
	TUI_CMD_ASSIGN,
	TUI_CMD_VALIDATE,
	TUI_CMD_EDIT,
	TUI_CMD_CANCEL,
	TUI_CMD_RELEASE,
	TUI_CMD_REFRESH,
	TUI_CMD_SCREEN_BOARD,
	TUI_CMD_SCREEN_DETAIL,
	TUI_CMD_SCREEN_MECHANICS,
	TUI_CMD_SCREEN_EVENTS,
	TUI_CMD_SCREEN_HOME,
	TUI_CMD_NEXT_FIELD,
	TUI_CMD_PREV_FIELD,
	TUI_CMD_HELP,
	TUI_CMD_QUIT,
	TUI_CMD_SIGN_OUT,
	TUI_CMD_RENEW,
	TUI_CMD_REDRAW,
	TUI_CMD_CHAR_LEFT,
	TUI_CMD_CHAR_RIGHT,
	TUI_CMD_LINE_START,
	TUI_CMD_LINE_END,
	TUI_CMD_DELETE_BACK,
	TUI_CMD_DELETE_CHAR,
	TUI_CMD_CLEAR_FIELD,
	TUI_CMD_HELP_CLOSE,
	TUI_CMD_YES,
	TUI_CMD_NO,
	TUI_CMD_COUNT
};

struct tui_app;
typedef int tui_command_fn(struct tui_app *);

struct tui_command {
	enum tui_cmd	 id;
	const char	*name;
	const char	*keys;		/* names, see keymap.c */
	const char	*help;
	unsigned	 ctx;		/* TUI_CTX_* bits */
	unsigned	 roles;		/* TUI_ROLES_ANY or TUI_ROLE_BIT()s */
	tui_command_fn	*fn;
};

const struct tui_command	*tui_commands(size_t *);
bool				 tui_command_is_offered(
				     const struct tui_command *, enum tui_ctx,
				     enum proto_role);
const struct tui_command	*tui_command_find(enum tui_ctx,
				     enum proto_role, struct tui_key);
int				 tui_command_key(struct tui_app *,
				     struct tui_key);

#endif
