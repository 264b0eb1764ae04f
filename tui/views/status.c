/* The status bar on the bottom row: server, user name and id, role, and
 * the connection state at the right: live / reconnecting / offline once
 * the event stream runs, "online" on REST alone. */
#include <curses.h>
#include <stdio.h>

#include "views/draw.h"
#include "views/view.h"

/* Draw the status bar on row y: the items at the left, clipped to leave
 * room for the spinner (while busy) and the connection state. */
void
tui_view_status(const struct tui_model *m, int y)
{
	const struct tui_session	*s = &m->session;
	const char			*rule = tui_view_rule();
	const char			*conn = tui_conn_label(s->conn);
	bool				 good = s->conn == TUI_CONN_ONLINE;
	char				 left[512];
	attr_t				 bar;
	enum tui_el			 el;
	int				 x;

	bar = tui_colors_attr(TUI_EL_STATUS);
	tui_draw_fill(y, 0, COLS, bar);
	if (s->signed_in)
		snprintf(left, sizeof left, " %s%s%s %s%s%s", s->server, rule,
		    s->user.name != NULL ? s->user.name : "?",
		    s->user.id != NULL ? s->user.id : "?", rule,
		    proto_role_name(s->user.role));
	else
		snprintf(left, sizeof left, " %s%snot signed in", s->server,
		    rule);
	if (s->signed_in && s->conn == TUI_CONN_ONLINE) {
		/* the event stream's state says more than "online" */
		conn = tui_stream_label(m->stream);
		good = m->stream == TUI_STREAM_LIVE ||
		    m->stream == TUI_STREAM_NONE;
	}
	el = good ? TUI_EL_STATUS_ONLINE : TUI_EL_STATUS_OFFLINE;
	x = COLS - 1 - tui_draw_width(conn);
	tui_draw_text(y, x, COLS - x, tui_colors_attr(el), conn);
	if (m->busy > 0) {
		x -= 2;
		tui_draw_text(y, x, 1, bar, tui_view_spinner(m));
	}
	tui_draw_text(y, 0, x - 1, bar, left);
}
