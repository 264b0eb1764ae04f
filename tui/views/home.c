/* The home screen shown after signing in: who is signed in, the session,
 * and the keys this user has here (from the command table). */
#include <curses.h>
#include <stdio.h>
#include <time.h>

#include "input/commands.h"
#include "input/keymap.h"
#include "views/draw.h"
#include "views/view.h"

#define HOME_LABEL_W	10
#define HOME_KEYS_W	16

/* One "Label     value" row; a NULL value shows as a dash. */
static void
home_row(int y, const char *label, const char *value)
{
	tui_draw_text(y, 2, HOME_LABEL_W, tui_colors_attr(TUI_EL_LABEL),
	    label);
	tui_draw_text(y, 2 + HOME_LABEL_W, COLS - HOME_LABEL_W - 3,
	    A_NORMAL, value != NULL ? value : "-");
}

static void
home_session_text(const struct tui_session *s, char *buf, size_t size)
{
	struct tm	tm;
	char		at[16];

	if (s->token_exp == 0) {
		snprintf(buf, size, "%s", tui_conn_label(s->conn));
		return;
	}
	localtime_r(&s->token_exp, &tm);
	strftime(at, sizeof at, "%H:%M:%S", &tm);
	snprintf(buf, size, "%s, token valid until %s, renewed by itself",
	    tui_conn_label(s->conn), at);
}

/* Draw the home screen in rows top .. top + height - 1. */
void
tui_view_home(const struct tui_model *m, int top, int height)
{
	const struct tui_session	*s = &m->session;
	const struct tui_command	*cmds;
	char				 line[256], keys[64];
	size_t				 i, n;
	int				 y, bottom = top + height;

	y = top + 1;
	snprintf(line, sizeof line, "Signed in as %s (%s)",
	    s->user.name != NULL ? s->user.name : "?",
	    s->user.id != NULL ? s->user.id : "?");
	tui_draw_text(y, 2, COLS - 4, tui_colors_attr(TUI_EL_HEADING), line);
	y += 2;
	if (y < bottom)
		home_row(y++, "Role", proto_role_name(s->user.role));
	if (y < bottom)
		home_row(y++, "Phone", s->user.phone);
	if (y < bottom)
		home_row(y++, "Email", s->user.email);
	if (y < bottom)
		home_row(y++, "Server", s->server);
	home_session_text(s, line, sizeof line);
	if (y < bottom)
		home_row(y++, "Session", line);
	y++;
	if (y < bottom)
		tui_draw_text(y++, 2, COLS - 4,
		    tui_colors_attr(TUI_EL_HEADING), "Keys");
	cmds = tui_commands(&n);
	for (i = 0; i < n && y < bottom; i++) {
		if (!tui_command_is_offered(&cmds[i], TUI_CTX_HOME,
		    s->user.role))
			continue;
		tui_keymap_format(cmds[i].keys, false, keys, sizeof keys);
		tui_draw_text(y, 4, HOME_KEYS_W, tui_colors_attr(TUI_EL_KEY),
		    keys);
		tui_draw_text(y, 4 + HOME_KEYS_W, COLS - HOME_KEYS_W - 5,
		    A_NORMAL, cmds[i].help);
		y++;
	}
	if (m->busy > 0 && y + 1 < bottom) {
		snprintf(line, sizeof line, "%s %s…", tui_view_spinner(m),
		    m->busy_what != NULL ? m->busy_what : "Working");
		tui_draw_text(y + 1, 2, COLS - 4,
		    tui_colors_attr(TUI_EL_SPINNER), line);
	}
}
