/* Boxes over the screen: the assignment picker (every mechanic, the ones
 * who fit first, with abilities, categories and open jobs) and the edit
 * form (labelled fields, a legend, the keys). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "views/draw.h"
#include "views/view.h"

#define FORM_LABEL_W	16

/* A cleared box of h rows and w columns in the middle; its top-left in
 * *y, *x. */
static void
overlay_box(int h, int w, const char *title, int *y, int *x)
{
	int	i;

	*x = (COLS - w) / 2;
	*y = 1 + (LINES - 2 - h) / 2;
	for (i = 0; i < h; i++)
		tui_draw_fill(*y + i, *x, w, A_NORMAL);
	tui_draw_box(*y, *x, h, w, tui_colors_attr(TUI_EL_FRAME), title);
}

static void
picker_row(const struct tui_model *m, const struct tui_mech *me, int y,
    int x, int w, bool selected)
{
	const struct tui_picker	*p = &m->picker;
	const char		*why;
	attr_t			 a;
	char			 buf[256], cats[96];
	size_t			 i, k = 0;

	why = tui_mech_unfit(me, p->type, p->booking, &m->detail);
	a = selected ? tui_colors_attr(TUI_EL_SELECTED) : why != NULL ?
	    tui_colors_attr(TUI_EL_UNFIT) : A_NORMAL;
	cats[0] = '\0';
	for (i = 0; i < me->ncats && k < sizeof cats; i++)
		k += (size_t)snprintf(cats + k, sizeof cats - k, "%s%ld",
		    i > 0 ? " " : "", me->cats[i]);
	tui_draw_fill(y, x, w, a);
	snprintf(buf, sizeof buf, "%c %-15.15s %-9s %-6s %-11.11s %4zu %6s  "
	    "%s", selected ? '>' : ' ', me->name != NULL ? me->name : "?",
	    me->id, me->pickup_drop && me->analysis ? "P/D An" :
	    me->pickup_drop ? "P/D" : me->analysis ? "An" : "-", cats,
	    me->njobs, me->has_load ? me->hours : "?",
	    why != NULL ? why : "");
	tui_draw_text(y, x, w, a, buf);
}

/* Draw the picker over the screen. */
void
tui_view_picker(const struct tui_model *m)
{
	const struct tui_picker	*p = &m->picker;
	const struct tui_row	*r = tui_board_find(&m->board, p->booking);
	const struct tui_mech	*me;
	char			 title[320], line[128];
	int			 w, h, y, x, rows, first, i;

	w = COLS - 2 < 100 ? COLS - 2 : 100;
	h = (int)p->norder + 3;
	if (h < 5)
		h = 5;
	if (h > LINES - 4)
		h = LINES - 4;
	snprintf(title, sizeof title, "%s %s of #%ld%s%s%s%s%s",
	    p->release != 0 ? "Reassign" : "Assign",
	    proto_assignment_type_name(p->type), p->booking,
	    r != NULL ? " (" : "", r != NULL && r->customer != NULL ?
	    r->customer : "", r != NULL ? ")" : "",
	    p->filter[0] != '\0' ? " · filter: " : "", p->filter);
	overlay_box(h, w, title, &y, &x);
	tui_draw_text(y + 1, x + 1, w - 2, tui_colors_attr(TUI_EL_COLHEAD),
	    "  Name            Id        Can    Categories  Jobs  Hours  "
	    "Why not");
	rows = h - 3;
	if (!m->mechs.loaded) {
		snprintf(line, sizeof line, "%s Loading mechanics…",
		    tui_view_spinner(m));
		tui_draw_text(y + 2, x + 2, w - 4,
		    tui_colors_attr(TUI_EL_SPINNER), line);
	} else if (p->norder == 0)
		tui_draw_text(y + 2, x + 2, w - 4, tui_colors_attr(TUI_EL_DIM),
		    "No mechanic matches the filter (/ to change it).");
	first = tui_view_page_top(p->cursor, rows);
	for (i = first; i < (int)p->norder && i < first + rows; i++) {
		me = tui_mechs_find(&m->mechs, p->order[i]);
		if (me != NULL)
			picker_row(m, me, y + 2 + i - first, x + 1, w - 2,
			    i == p->cursor);
	}
}

/* Draw the edit form over the screen; the cursor goes in the focused
 * field. */
void
tui_view_form(const struct tui_model *m, struct tui_cursor *cur)
{
	const struct tui_edit	*e = &m->edit;
	const struct tui_form	*f = &e->form;
	int			 w, h, y, x, row, cx, legend;
	size_t			 i;

	w = COLS - 2 < 100 ? COLS - 2 : 100;
	legend = e->legend[0] != '\0' ? tui_draw_wrap_part(0, 0, w - 4, 0, 0,
	    A_NORMAL, e->legend) : 0;
	if (legend > 4)
		legend = 4;
	h = (int)f->nfields + legend + 4;
	if (h > LINES - 2)
		h = LINES - 2;
	overlay_box(h, w, e->title, &y, &x);
	for (i = 0; i < f->nfields; i++) {
		row = y + 1 + (int)i;
		if (row >= y + h - 2 - legend)
			break;
		tui_draw_text(row, x + 2, FORM_LABEL_W,
		    tui_colors_attr(TUI_EL_LABEL), f->fields[i].label);
		cx = tui_view_field(&f->fields[i], row, x + 2 + FORM_LABEL_W,
		    w - FORM_LABEL_W - 4, i == f->focus);
		if (i == f->focus) {
			cur->y = row;
			cur->x = cx;
		}
	}
	if (legend > 0)
		tui_draw_wrap(y + h - 2 - legend, x + 2, w - 4, legend,
		    tui_colors_attr(TUI_EL_DIM), e->legend);
	tui_view_hints(m, TUI_CTX_FORM, y + h - 2, x + 2, w - 4);
}
