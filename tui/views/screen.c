/* The whole frame: title row, the current screen's body, the status bar,
 * then any overlay (help, a question) and the cursor. */
#include <curses.h>
#include <langinfo.h>
#include <string.h>

#include "views/draw.h"
#include "views/view.h"

#define SCREEN_MIN_COLS		40
#define SCREEN_MIN_LINES	12

/* True when the locale is UTF-8, so spinners and rules may use
 * non-ASCII characters. Set once by tui_view_init; UI thread. */
static bool screen_utf8;

static const char *spin_utf8[] = {
	"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"
};
static const char *spin_ascii[] = { "|", "/", "-", "\\" };

/* Set up colours for scheme and note the locale's character set. Call
 * after curses has started. */
void
tui_view_init(enum tui_scheme scheme)
{
	screen_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	tui_colors_init(scheme);
}

/* The spinner's current frame (one column). */
const char *
tui_view_spinner(const struct tui_model *m)
{
	if (screen_utf8)
		return spin_utf8[m->spin % (sizeof spin_utf8 /
		    sizeof spin_utf8[0])];
	return spin_ascii[m->spin % (sizeof spin_ascii /
	    sizeof spin_ascii[0])];
}

static void
screen_title(const struct tui_model *m)
{
	const char	*where;
	int		 w;

	where = m->screen == TUI_SCREEN_LOGIN ? "Sign in" : "Home";
	tui_draw_fill(0, 0, COLS, tui_colors_attr(TUI_EL_TITLE));
	tui_draw_text(0, 1, COLS - 2, tui_colors_attr(TUI_EL_TITLE),
	    "RevCare service centre");
	w = tui_draw_width(where);
	tui_draw_text(0, COLS - w - 1, w, tui_colors_attr(TUI_EL_TITLE),
	    where);
}

/* Draw the model as one frame on stdscr (not yet on the terminal: the
 * caller runs doupdate). */
void
tui_view_draw(const struct tui_model *m)
{
	struct tui_cursor	cur = { -1, -1 };

	erase();
	if (COLS < SCREEN_MIN_COLS || LINES < SCREEN_MIN_LINES) {
		tui_draw_wrap(0, 0, COLS, LINES, A_NORMAL,
		    "The terminal is too small for RevCare; make it at least "
		    "40 columns by 12 rows.");
		curs_set(0);
		wnoutrefresh(stdscr);
		return;
	}
	screen_title(m);
	if (m->screen == TUI_SCREEN_LOGIN)
		tui_view_login(m, 1, LINES - 2, &cur);
	else
		tui_view_home(m, 1, LINES - 2);
	tui_view_status(m, LINES - 1);
	if (m->help)
		tui_view_help(m, 1, LINES - 2);
	if (m->prompt != TUI_PROMPT_NONE)
		tui_view_prompt(m);
	if (cur.y >= 0 && !m->help && m->prompt == TUI_PROMPT_NONE) {
		curs_set(1);
		move(cur.y, cur.x);
	} else
		curs_set(0);
	wnoutrefresh(stdscr);
}

/* The separator between status bar items. */
const char *
tui_view_rule(void)
{
	return screen_utf8 ? " │ " : " | ";
}
