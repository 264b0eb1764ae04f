/* The Mechanics screen: one row per mechanic (abilities, categories, open
 * jobs, hours, score), and under the list the selected mechanic's
 * categories by name and open jobs by booking. */
#include <curses.h>
#include <stdio.h>

#include "views/draw.h"
#include "views/view.h"

#define MECH_PANE	5	/* rows of the selected mechanic's pane */

static void
mech_cats(const struct tui_mechs *ms, const struct tui_mech *m, bool names,
    char *buf, size_t len)
{
	const char	*name;
	size_t		 i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < m->ncats && k < len; i++) {
		name = names ? tui_mechs_category_name(ms, m->cats[i]) : NULL;
		if (name != NULL)
			k += (size_t)snprintf(buf + k, len - k, "%s%ld %s",
			    i > 0 ? ", " : "", m->cats[i], name);
		else
			k += (size_t)snprintf(buf + k, len - k, "%s%ld",
			    i > 0 ? " " : "", m->cats[i]);
	}
	if (m->ncats == 0)
		snprintf(buf, len, "%s", tui_view_dash());
}

static void
mech_row(const struct tui_model *m, const struct tui_mech *me, int y,
    bool selected)
{
	attr_t	a = selected ? tui_colors_attr(TUI_EL_SELECTED) : A_NORMAL;
	char	buf[256], cats[256];
	int	catw = COLS - 70;

	tui_draw_fill(y, 0, COLS, a);
	mech_cats(&m->mechs, me, false, cats, sizeof cats);
	snprintf(buf, sizeof buf, " %-10s", me->id);
	tui_draw_text(y, 0, 11, a, buf);
	tui_draw_text(y, 12, 18, a, me->name != NULL ? me->name : "?");
	tui_draw_text(y, 31, 5, a, me->pickup_drop ? "yes" : "no");
	tui_draw_text(y, 37, 5, a, me->analysis ? "yes" : "no");
	tui_draw_text(y, 43, catw > 4 ? catw : 4, a, cats);
	snprintf(buf, sizeof buf, "%4zu  %6s  %5ld", me->njobs,
	    me->has_load ? me->hours : "?", me->score);
	tui_draw_text(y, COLS - 24, 23, a, buf);
}

/* The selected mechanic's categories by name and open jobs. */
static void
mech_pane(const struct tui_model *m, const struct tui_mech *me, int y,
    int rows)
{
	char	buf[1024], t[32];
	size_t	i, k;

	tui_draw_text(y, 1, COLS - 2, tui_colors_attr(TUI_EL_HEADING),
	    me->name != NULL ? me->name : me->id);
	mech_cats(&m->mechs, me, true, buf, sizeof buf);
	y += tui_draw_wrap(y + 1, 1, COLS - 2, 2, A_NORMAL, buf) + 1;
	k = (size_t)snprintf(buf, sizeof buf, "Open jobs:");
	for (i = 0; i < me->njobs && k < sizeof buf; i++) {
		tui_view_time(me->jobs[i].assigned_at, t, sizeof t);
		k += (size_t)snprintf(buf + k, sizeof buf - k, " #%ld %s since "
		    "%s;", me->jobs[i].booking_id, proto_assignment_type_name(
		    me->jobs[i].type) != NULL ? proto_assignment_type_name(
		    me->jobs[i].type) : "?", t);
	}
	if (me->njobs == 0)
		snprintf(buf, sizeof buf, "Open jobs: none");
	tui_draw_wrap(y, 1, COLS - 2, rows - 3, tui_colors_attr(TUI_EL_DIM),
	    buf);
}

/* Draw the Mechanics screen in rows top .. top + height - 1. */
void
tui_view_mechanics(const struct tui_model *m, int top, int height)
{
	const struct tui_mechs	*ms = &m->mechs;
	const struct tui_mech	*me;
	attr_t			 h = tui_colors_attr(TUI_EL_COLHEAD);
	char			 line[160];
	int			 rows, first, i, n, y;

	n = (int)tui_mechs_count(ms);
	snprintf(line, sizeof line, "%d mechanics%s%s", n,
	    ms->filter[0] != '\0' ? " · filter: " : "", ms->filter);
	tui_draw_text(top, 1, COLS - 2, tui_colors_attr(TUI_EL_HEADING), line);
	tui_draw_text(top + 1, 0, 12, h, " Id");
	tui_draw_text(top + 1, 12, 18, h, "Name");
	tui_draw_text(top + 1, 31, 5, h, "P/D");
	tui_draw_text(top + 1, 37, 5, h, "Anl");
	tui_draw_text(top + 1, 43, COLS - 70, h, "Categories");
	tui_draw_text(top + 1, COLS - 24, 23, h, "Jobs   Hours  Score");
	if (!ms->loaded) {
		snprintf(line, sizeof line, "%s Loading mechanics…",
		    tui_view_spinner(m));
		tui_draw_text(top + 3, 2, COLS - 4,
		    tui_colors_attr(TUI_EL_SPINNER), line);
		return;
	}
	rows = height - 2 - MECH_PANE;
	first = tui_view_page_top(ms->cursor, rows);
	for (i = first, y = top + 2; i < n && y < top + 2 + rows; i++, y++)
		mech_row(m, tui_mechs_at(ms, i), y, i == ms->cursor);
	me = tui_mechs_at(ms, ms->cursor);
	if (me != NULL)
		mech_pane(m, me, top + height - MECH_PANE, MECH_PANE);
}
