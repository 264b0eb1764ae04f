/* The Events screen: the event log, newest first, one line each. */
#include <curses.h>
#include <stdio.h>

#include "views/draw.h"
#include "views/view.h"

/* Draw the event log in rows top .. top + height - 1. */
void
tui_view_events(const struct tui_model *m, int top, int height)
{
	const struct tui_evlog	*log = &m->evlog;
	const struct tui_event	*ev;
	attr_t			 a, h = tui_colors_attr(TUI_EL_COLHEAD);
	char			 line[256], t[32], what[256];
	int			 rows, first, i, n, y;

	n = (int)tui_evlog_count(log);
	snprintf(line, sizeof line, "%d events (newest first, at most %d "
	    "kept)%s%s", n, TUI_EVLOG_MAX, log->filter[0] != '\0' ?
	    " · filter: " : "", log->filter);
	tui_draw_text(top, 1, COLS - 2, tui_colors_attr(TUI_EL_HEADING), line);
	tui_draw_text(top + 1, 0, COLS, h,
	    "    Seq  Time          Booking  Actor      What");
	rows = height - 2;
	first = tui_view_page_top(log->cursor, rows);
	for (i = first, y = top + 2; i < n && y < top + height; i++, y++) {
		ev = tui_evlog_at(log, i);
		a = i == log->cursor ? tui_colors_attr(TUI_EL_SELECTED) :
		    A_NORMAL;
		tui_draw_fill(y, 0, COLS, a);
		tui_view_time(ev->at, t, sizeof t);
		tui_event_describe(ev, what, sizeof what);
		snprintf(line, sizeof line, "%7lld  %-12s  %7ld  %-9s  ",
		    (long long)ev->seq, t, ev->booking_id,
		    ev->actor != NULL ? ev->actor : "?");
		tui_draw_text(y, 0, COLS, a, line);
		tui_draw_text(y, tui_draw_width(line), COLS -
		    tui_draw_width(line), a, what);
	}
	if (n == 0)
		tui_draw_text(top + 3, 2, COLS - 4, tui_colors_attr(TUI_EL_DIM),
		    "No events yet.");
}
