/*
 * The board: a line of counts, column headings, then one row per shown
 * booking in the model's order. Columns shrink to the width; from 110
 * columns on, the mechanic of each assignment type gets its own column,
 * below that the active assignment's type and mechanic share one. Rows
 * an event just changed are highlighted until their time runs out.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "views/draw.h"
#include "views/view.h"

#define BOARD_WIDE	110	/* columns from which mechanics split */

/* Short labels where the wire name is long. */
static const char *
board_status(int id)
{
	const char	*s = proto_status_name(id);

	if (id == PROTO_STATUS_OUT_FOR_DELIVERY)
		return "out for dlv";
	return s != NULL ? s : "?";
}

static enum tui_el
board_action_el(enum tui_action_req a)
{
	switch (a) {
	case TUI_ACTREQ_VALIDATE:
		return TUI_EL_ACT_VALIDATE;
	case TUI_ACTREQ_ASSIGN:
		return TUI_EL_ACT_ASSIGN;
	case TUI_ACTREQ_WAITING:
		return TUI_EL_ACT_WAITING;
	default:
		return TUI_EL_DIM;
	}
}

struct board_cols {
	int	id, cust, car, status, age, mech, act;	/* widths */
	bool	wide;
};

static void
board_layout(int width, struct board_cols *c)
{
	int	rest;

	c->id = 6;		/* flag + 5 digits */
	c->status = 11;
	c->age = 4;
	c->act = 8;
	c->wide = width >= BOARD_WIDE;
	rest = width - (c->id + c->status + c->age + c->act) - 7;
	if (c->wide) {
		c->mech = 4 * 11 + 3;
		rest -= c->mech;
		c->cust = rest * 45 / 100;
		c->car = rest - c->cust;
		return;
	}
	c->cust = rest * 29 / 100;
	c->car = rest * 39 / 100;
	c->mech = rest - c->cust - c->car;
}

/* One cell: text at x in w columns; returns the next cell's x. */
static int
cell(int y, int x, int w, attr_t a, const char *s)
{
	tui_draw_text(y, x, w, a, s);
	return x + w + 1;
}

static void
board_mechs(const struct tui_row *r, const struct board_cols *c, int y,
    int x, attr_t base, bool plain)
{
	const struct tui_slot	*s;
	static const int	 order[] = { PROTO_ASSIGN_PICKUP,
				    PROTO_ASSIGN_ANALYSIS, PROTO_ASSIGN_SERVICE,
				    PROTO_ASSIGN_DROP };
	char			 buf[96];
	size_t			 i;
	int			 t;

	if (!c->wide) {
		t = tui_row_active_type(r);
		if (t > 0)
			snprintf(buf, sizeof buf, "%c:%s",
			    proto_assignment_type_name(t)[0] - 32,
			    r->slot[t].mech_name != NULL ?
			    r->slot[t].mech_name : "?");
		else
			snprintf(buf, sizeof buf, "%s", tui_view_dash());
		tui_draw_text(y, x, c->mech, t > 0 || !plain ? base :
		    base | tui_colors_attr(TUI_EL_DIM), buf);
		return;
	}
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		s = &r->slot[order[i]];
		tui_draw_text(y, x, 11, s->active || !plain ? base :
		    tui_colors_attr(TUI_EL_DIM), s->mech_name != NULL ?
		    s->mech_name : "·");
		x += 12;
	}
}

static void
board_row(const struct tui_model *m, const struct tui_row *r, int y,
    const struct board_cols *c, bool selected)
{
	char		 buf[160], age[16];
	attr_t		 base = A_NORMAL;
	bool		 plain = true;
	int		 x = 0;
	const char	*flag = " ";
	enum tui_el	 fel = TUI_EL_NORMAL;

	if (selected)
		base = tui_colors_attr(TUI_EL_SELECTED);
	else if (r->flash_until > m->now_ms)
		base = tui_colors_attr(TUI_EL_FLASH);
	plain = base == A_NORMAL;
	tui_draw_fill(y, 0, COLS, base);
	if (r->eta == TUI_ETA_OVERDUE) {
		flag = "!";
		fel = TUI_EL_OVERDUE;
	} else if (r->eta == TUI_ETA_AT_RISK) {
		flag = "~";
		fel = TUI_EL_AT_RISK;
	}
	tui_draw_text(y, x, 1, plain ? tui_colors_attr(fel) : base, flag);
	snprintf(buf, sizeof buf, "%5ld", r->id);
	x = cell(y, 1, c->id - 1, base, buf);
	x = cell(y, x, c->cust, base, r->customer != NULL ? r->customer : "?");
	snprintf(buf, sizeof buf, "%s %s", r->reg != NULL ? r->reg : "?",
	    tui_model_car_model(m, r->car));
	x = cell(y, x, c->car, base, buf);
	x = cell(y, x, c->status, base, board_status(r->status_id));
	tui_view_age(r->status_since, m->now_ms, age, sizeof age);
	snprintf(buf, sizeof buf, "%4s", age);
	x = cell(y, x, c->age, base, buf);
	board_mechs(r, c, y, x, base, plain);
	x += c->mech + 1;
	tui_draw_text(y, x, c->act, plain ? tui_colors_attr(board_action_el(
	    r->action)) : base, r->action == TUI_ACTREQ_NONE ?
	    tui_view_dash() : tui_action_req_name(r->action));
}

static void
board_headings(int y, const struct board_cols *c)
{
	attr_t	a = tui_colors_attr(TUI_EL_COLHEAD);
	int	x;

	tui_draw_text(y, 0, c->id, a, "    #");
	x = cell(y, c->id + 1, c->cust, a, "Customer");
	x = cell(y, x, c->car, a, "Reg  Car");
	x = cell(y, x, c->status, a, "Status");
	x = cell(y, x, c->age, a, " Age");
	if (c->wide) {
		x = cell(y, x, 11, a, "Pickup");
		x = cell(y, x, 11, a, "Analysis");
		x = cell(y, x, 11, a, "Service");
		x = cell(y, x, 11, a, "Drop");
	} else
		x = cell(y, x, c->mech, a, "Mechanic");
	cell(y, x, c->act, a, "Action");
}

/* The line above the headings: how many rows, how many need what, the
 * sort and the filter. */
static void
board_summary(const struct tui_model *m, int y)
{
	const struct tui_board	*b = &m->board;
	const struct tui_row	*r;
	char			 line[256];
	size_t			 i, open = 0, need[TUI_ACTREQ_COUNT] = { 0 };
	int			 x;

	for (i = 0; i < b->n; i++) {
		r = &b->rows[i];
		if (!tui_row_is_open(r))
			continue;
		open++;
		need[r->action]++;
	}
	snprintf(line, sizeof line, "%zu open · %zu validate · %zu assign · "
	    "%zu waiting", open, need[TUI_ACTREQ_VALIDATE],
	    need[TUI_ACTREQ_ASSIGN], need[TUI_ACTREQ_WAITING]);
	x = 1 + tui_draw_text(y, 1, COLS - 2, tui_colors_attr(TUI_EL_HEADING),
	    line);
	snprintf(line, sizeof line, "  sort: %s%s%s%s",
	    tui_sort_name(b->sort), b->filter[0] != '\0' ? " · filter: " : "",
	    b->filter, b->show_closed ? " · with closed" : "");
	tui_draw_text(y, x, COLS - x - 1, tui_colors_attr(TUI_EL_DIM), line);
}

/* Draw the board in rows top .. top + height - 1. */
void
tui_view_board(const struct tui_model *m, int top, int height)
{
	const struct tui_board	*b = &m->board;
	const struct tui_row	*r;
	struct board_cols	 c;
	char			 line[128];
	int			 rows, first, sel, i, y;

	board_summary(m, top);
	board_layout(COLS, &c);
	board_headings(top + 1, &c);
	rows = height - 2;
	if (!b->loaded) {
		snprintf(line, sizeof line, "%s Loading the board…",
		    tui_view_spinner(m));
		tui_draw_text(top + 3, 2, COLS - 4,
		    tui_colors_attr(TUI_EL_SPINNER), line);
		return;
	}
	if (b->nvis == 0) {
		tui_draw_text(top + 3, 2, COLS - 4, tui_colors_attr(TUI_EL_DIM),
		    b->filter[0] != '\0' ? "No booking matches the filter "
		    "(Esc clears it)." : "No open bookings.");
		return;
	}
	sel = tui_board_selected_index(b);
	first = tui_view_page_top(sel, rows);
	for (i = first, y = top + 2; i < (int)b->nvis && y < top + height;
	    i++, y++) {
		r = tui_board_find(b, b->vis[i]);
		if (r != NULL)
			board_row(m, r, y, &c, i == sel);
	}
}
