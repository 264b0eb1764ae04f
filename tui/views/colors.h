/* Colours as semantic elements (what a thing is) by schemes (how it looks
 * here): colour, or monochrome when NO_COLOR is set or the terminal has
 * no colours. Views ask for an element, never for a colour. */
#ifndef TUI_VIEWS_COLORS_H
#define TUI_VIEWS_COLORS_H

#include <curses.h>

#define TUI_ELEMENTS(X) \
	X(NORMAL) X(TITLE) X(FRAME) X(LABEL) X(FIELD) X(FIELD_FOCUS) \
	X(ERROR) X(INFO) X(SPINNER) X(STATUS) X(STATUS_ONLINE) \
	X(STATUS_OFFLINE) X(KEY) X(DIM) X(HEADING) X(TAB) X(TAB_ACTIVE) \
	X(COLHEAD) X(SELECTED) X(FLASH) X(ACT_VALIDATE) X(ACT_ASSIGN) \
	X(ACT_WAITING) X(OVERDUE) X(AT_RISK) X(GOOD) X(UNFIT)

enum tui_el {
#define X(e) TUI_EL_##e,
	TUI_ELEMENTS(X)
#undef X
	TUI_EL_COUNT
};

enum tui_scheme {
	TUI_SCHEME_COLOR,
	TUI_SCHEME_MONO,
	TUI_SCHEME_COUNT
};

void	tui_colors_init(enum tui_scheme);
attr_t	tui_colors_attr(enum tui_el);

#endif
