/* The element x scheme table and the curses colour pairs made from it. */
#include <curses.h>

#include "views/colors.h"

struct colors_cell {
	short	fg;		/* -1: terminal default */
	short	bg;
	attr_t	attr;
};

#define D	(-1)

static const struct colors_cell colors_table[TUI_SCHEME_COUNT][TUI_EL_COUNT] = {
	[TUI_SCHEME_COLOR] = {
		[TUI_EL_NORMAL] =	{ D, D, A_NORMAL },
		[TUI_EL_TITLE] =	{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[TUI_EL_FRAME] =	{ COLOR_BLUE, D, A_NORMAL },
		[TUI_EL_LABEL] =	{ D, D, A_BOLD },
		[TUI_EL_FIELD] =	{ D, D, A_UNDERLINE },
		[TUI_EL_FIELD_FOCUS] =	{ COLOR_BLACK, COLOR_CYAN, A_NORMAL },
		[TUI_EL_ERROR] =	{ COLOR_RED, D, A_BOLD },
		[TUI_EL_INFO] =		{ COLOR_GREEN, D, A_NORMAL },
		[TUI_EL_SPINNER] =	{ COLOR_YELLOW, D, A_BOLD },
		[TUI_EL_STATUS] =	{ COLOR_WHITE, COLOR_BLUE, A_NORMAL },
		[TUI_EL_STATUS_ONLINE] = { COLOR_GREEN, COLOR_BLUE, A_BOLD },
		[TUI_EL_STATUS_OFFLINE] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD },
		[TUI_EL_KEY] =		{ COLOR_CYAN, D, A_BOLD },
		[TUI_EL_DIM] =		{ D, D, A_DIM },
		[TUI_EL_HEADING] =	{ COLOR_BLUE, D, A_BOLD },
		[TUI_EL_TAB] =		{ COLOR_WHITE, COLOR_BLUE, A_NORMAL },
		[TUI_EL_TAB_ACTIVE] =	{ COLOR_BLUE, COLOR_WHITE, A_BOLD },
		[TUI_EL_COLHEAD] =	{ D, D, A_BOLD | A_UNDERLINE },
		[TUI_EL_SELECTED] =	{ COLOR_BLACK, COLOR_CYAN, A_NORMAL },
		[TUI_EL_FLASH] =	{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[TUI_EL_ACT_VALIDATE] =	{ COLOR_MAGENTA, D, A_BOLD },
		[TUI_EL_ACT_ASSIGN] =	{ COLOR_YELLOW, D, A_BOLD },
		[TUI_EL_ACT_WAITING] =	{ COLOR_CYAN, D, A_NORMAL },
		[TUI_EL_OVERDUE] =	{ COLOR_RED, D, A_BOLD },
		[TUI_EL_AT_RISK] =	{ COLOR_YELLOW, D, A_NORMAL },
		[TUI_EL_GOOD] =		{ COLOR_GREEN, D, A_NORMAL },
		[TUI_EL_UNFIT] =	{ D, D, A_DIM },
	},
	[TUI_SCHEME_MONO] = {
		[TUI_EL_NORMAL] =	{ D, D, A_NORMAL },
		[TUI_EL_TITLE] =	{ D, D, A_REVERSE | A_BOLD },
		[TUI_EL_FRAME] =	{ D, D, A_NORMAL },
		[TUI_EL_LABEL] =	{ D, D, A_BOLD },
		[TUI_EL_FIELD] =	{ D, D, A_UNDERLINE },
		[TUI_EL_FIELD_FOCUS] =	{ D, D, A_REVERSE },
		[TUI_EL_ERROR] =	{ D, D, A_BOLD },
		[TUI_EL_INFO] =		{ D, D, A_NORMAL },
		[TUI_EL_SPINNER] =	{ D, D, A_BOLD },
		[TUI_EL_STATUS] =	{ D, D, A_REVERSE },
		[TUI_EL_STATUS_ONLINE] = { D, D, A_REVERSE | A_BOLD },
		[TUI_EL_STATUS_OFFLINE] = { D, D, A_REVERSE | A_BOLD },
		[TUI_EL_KEY] =		{ D, D, A_BOLD },
		[TUI_EL_DIM] =		{ D, D, A_DIM },
		[TUI_EL_HEADING] =	{ D, D, A_BOLD | A_UNDERLINE },
		[TUI_EL_TAB] =		{ D, D, A_REVERSE },
		[TUI_EL_TAB_ACTIVE] =	{ D, D, A_BOLD | A_UNDERLINE },
		[TUI_EL_COLHEAD] =	{ D, D, A_BOLD | A_UNDERLINE },
		[TUI_EL_SELECTED] =	{ D, D, A_REVERSE },
		[TUI_EL_FLASH] =	{ D, D, A_BOLD | A_UNDERLINE },
		[TUI_EL_ACT_VALIDATE] =	{ D, D, A_BOLD },
		[TUI_EL_ACT_ASSIGN] =	{ D, D, A_BOLD },
		[TUI_EL_ACT_WAITING] =	{ D, D, A_NORMAL },
		[TUI_EL_OVERDUE] =	{ D, D, A_BOLD },
		[TUI_EL_AT_RISK] =	{ D, D, A_NORMAL },
		[TUI_EL_GOOD] =		{ D, D, A_NORMAL },
		[TUI_EL_UNFIT] =	{ D, D, A_DIM },
	},
};

#undef D

/* The attribute of each element in the scheme chosen at init. Written
 * once by tui_colors_init, then only read; UI thread. */
static attr_t colors_attrs[TUI_EL_COUNT];

/*
 * Make the colour pairs of scheme and remember each element's attribute.
 * For TUI_SCHEME_COLOR the caller has called start_color(). Where the
 * terminal has no default colours, -1 becomes white on black.
 */
void
tui_colors_init(enum tui_scheme scheme)
{
	const struct colors_cell	*cell;
	bool				 defaults;
	short				 fg, bg;
	int				 el;

	defaults = scheme == TUI_SCHEME_COLOR && use_default_colors() == OK;
	for (el = 0; el < TUI_EL_COUNT; el++) {
		cell = &colors_table[scheme][el];
		colors_attrs[el] = cell->attr;
		if (scheme != TUI_SCHEME_COLOR || el + 1 >= COLOR_PAIRS)
			continue;
		if (cell->fg == -1 && cell->bg == -1)
			continue;
		fg = cell->fg == -1 && !defaults ? COLOR_WHITE : cell->fg;
		bg = cell->bg == -1 && !defaults ? COLOR_BLACK : cell->bg;
		init_pair((short)(el + 1), fg, bg);
		colors_attrs[el] |= COLOR_PAIR(el + 1);
	}
}

/* The curses attributes to draw element el with. */
attr_t
tui_colors_attr(enum tui_el el)
{
	if ((int)el < 0 || el >= TUI_EL_COUNT)
		return A_NORMAL;
	return colors_attrs[el];
}
