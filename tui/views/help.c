/* The help overlay and the one-line key hints, both drawn from the
 * command table, and the box that asks a question. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "input/commands.h"
#include "input/keymap.h"
#include "views/draw.h"
#include "views/view.h"

#define HELP_KEYS_W	20

static const struct {
	enum tui_prompt	 prompt;
	const char	*question;
} prompt_texts[] = {
	{ TUI_PROMPT_QUIT,
	    "Quit RevCare? What you typed in the form will be lost." },
	{ TUI_PROMPT_DISCARD,
	    "Close the form? What you typed will be lost." },
};

/*
 * A line of "key name" pairs for the commands offered in ctx, in table
 * order, on row y from column x within width columns; stops before a pair
 * that would not fit whole.
 */
void
tui_view_hints(const struct tui_model *m, enum tui_ctx ctx, int y, int x,
    int width)
{
	const struct tui_command	*cmds;
	char				 keys[64];
	size_t				 i, n;
	int				 end = x + width, need, kw;

	cmds = tui_commands(&n);
	for (i = 0; i < n; i++) {
		if (!tui_command_is_offered(&cmds[i], ctx,
		    m->session.user.role))
			continue;
		if (tui_keymap_format(cmds[i].keys, tui_ctx_is_text(ctx),
		    keys, sizeof keys) == 0)
			continue;
		keys[strcspn(keys, " ")] = '\0';	/* the first key */
		kw = tui_draw_width(keys);
		need = kw + 1 + tui_draw_width(cmds[i].name);
		if (x + need > end)
			break;
		tui_draw_text(y, x, kw, tui_colors_attr(TUI_EL_KEY), keys);
		tui_draw_text(y, x + kw + 1, need - kw - 1,
		    tui_colors_attr(TUI_EL_DIM), cmds[i].name);
		x += need + 2;
	}
}

/* The help overlay over rows top .. top + height - 1: every command of
 * the context help was opened from, scrolled to help_top. */
void
tui_view_help(const struct tui_model *m, int top, int height)
{
	const struct tui_command	*cmds;
	enum proto_role			 role = m->session.user.role;
	char				 title[64], keys[64];
	size_t				 i, n, count = 0, skip;
	int				 y, rows, w = COLS - 2;

	cmds = tui_commands(&n);
	for (i = 0; i < n; i++)
		if (tui_command_is_offered(&cmds[i], m->help_ctx, role))
			count++;
	rows = height - 4;
	skip = (size_t)m->help_top;
	if (rows > 0 && count > (size_t)rows && skip > count - (size_t)rows)
		skip = count - (size_t)rows;
	if (rows > 0 && count <= (size_t)rows)
		skip = 0;

	for (y = top; y < top + height; y++)
		tui_draw_fill(y, 1, w, A_NORMAL);
	snprintf(title, sizeof title, "Help: %s", tui_ctx_title(m->help_ctx));
	tui_draw_box(top, 1, height, w, tui_colors_attr(TUI_EL_FRAME), title);
	y = top + 1;
	for (i = 0; i < n && y < top + 1 + rows; i++) {
		if (!tui_command_is_offered(&cmds[i], m->help_ctx, role))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		tui_keymap_format(cmds[i].keys, tui_ctx_is_text(m->help_ctx),
		    keys, sizeof keys);
		tui_draw_text(y, 3, HELP_KEYS_W, tui_colors_attr(TUI_EL_KEY),
		    keys);
		tui_draw_text(y, 3 + HELP_KEYS_W, w - HELP_KEYS_W - 4,
		    A_NORMAL, cmds[i].help);
		y++;
	}
	tui_view_hints(m, TUI_CTX_HELP, top + height - 2, 3, w - 4);
}

/* The question box in the middle of the screen. */
void
tui_view_prompt(const struct tui_model *m)
{
	const char	*question = m->prompt_text;
	size_t		 i;
	int		 w, h, x, y, rows;

	for (i = 0; i < sizeof prompt_texts / sizeof prompt_texts[0]; i++)
		if (prompt_texts[i].prompt == m->prompt)
			question = prompt_texts[i].question;
	w = COLS - 4 < 70 ? COLS - 4 : 70;
	rows = tui_draw_wrap_part(0, 0, w - 4, 0, 0, A_NORMAL, question);
	if (rows > LINES - 6)
		rows = LINES - 6;
	h = rows + 3;
	x = (COLS - w) / 2;
	y = (LINES - h) / 2;
	for (i = 0; i < (size_t)h; i++)
		tui_draw_fill(y + (int)i, x, w, A_NORMAL);
	tui_draw_box(y, x, h, w, tui_colors_attr(TUI_EL_FRAME), "Question");
	tui_draw_wrap(y + 1, x + 2, w - 4, rows,
	    tui_colors_attr(TUI_EL_LABEL), question);
	tui_view_hints(m, TUI_CTX_PROMPT, y + h - 2, x + 2, w - 4);
}
