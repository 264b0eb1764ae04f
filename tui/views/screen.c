/* The whole frame: the title row with the screen tabs, the current
 * screen's body, the notice (or key hints, or the filter line), the
 * status bar, then any overlay (picker, form, help, a question) and the
 * cursor. Also small formatting helpers the views share. */
#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
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

/* The separator between status bar items. */
const char *
tui_view_rule(void)
{
	return screen_utf8 ? " │ " : " | ";
}

/* What an unknown value shows as. */
const char *
tui_view_dash(void)
{
	return screen_utf8 ? "—" : "-";
}

/* How long ago since was, at now_ms, in one short word: "40s", "12m",
 * "3h", "2d"; a dash when since is unknown. */
void
tui_view_age(time_t since, long long now_ms, char *buf, size_t len)
{
	long long	s;

	if (since == 0) {
		snprintf(buf, len, "%s", tui_view_dash());
		return;
	}
	s = now_ms / 1000 - (long long)since;
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, len, "%llds", s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm", s / 60);
	else if (s < 86400 * 2)
		snprintf(buf, len, "%lldh", s / 3600);
	else
		snprintf(buf, len, "%lldd", s / 86400);
}

/* An instant in local time, "26 Nov 14:05"; a dash when unknown. */
void
tui_view_time(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (t == 0) {
		snprintf(buf, len, "%s", tui_view_dash());
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, len, "%d %b %H:%M", &tm);
}

/* The first row to show of a list of rows per page so that cursor is
 * on it: whole pages, so rows do not slide under the reader. */
int
tui_view_page_top(int cursor, int rows)
{
	if (rows <= 0 || cursor < 0)
		return 0;
	return cursor / rows * rows;
}

/* The title row: the product, then (signed in as an admin) a tab per
 * screen with its key, the current one marked. */
static void
screen_title(const struct tui_model *m)
{
	char		 tab[32];
	int		 x, w, s;
	enum tui_el	 el;

	tui_draw_fill(0, 0, COLS, tui_colors_attr(TUI_EL_TITLE));
	x = 1 + tui_draw_text(0, 1, COLS - 2, tui_colors_attr(TUI_EL_TITLE),
	    "RevCare") + 2;
	if (m->screen == TUI_SCREEN_LOGIN || !m->session.signed_in) {
		w = tui_draw_width(tui_screen_title(m->screen));
		tui_draw_text(0, COLS - w - 1, w,
		    tui_colors_attr(TUI_EL_TITLE),
		    tui_screen_title(m->screen));
		return;
	}
	for (s = 0; s < TUI_SCREEN_COUNT; s++) {
		if (tui_screen_key((enum tui_screen)s) == 0 ||
		    (m->session.user.role != PROTO_ROLE_ADMIN &&
		    s != TUI_SCREEN_HOME))
			continue;
		snprintf(tab, sizeof tab, " %c %s ",
		    tui_screen_key((enum tui_screen)s),
		    tui_screen_title((enum tui_screen)s));
		el = s == (int)m->screen ? TUI_EL_TAB_ACTIVE : TUI_EL_TAB;
		w = tui_draw_width(tab);
		if (x + w >= COLS)
			break;
		tui_draw_text(0, x, w, tui_colors_attr(el), tab);
		x += w;
	}
}

/* The line above the status bar: the filter line while typing one, else
 * the notice, else the keys of the context. */
static void
screen_notice(const struct tui_model *m, int y, struct tui_cursor *cur)
{
	enum tui_el	el;
	int		w, rows, i;

	if (m->filtering) {
		w = tui_draw_text(y, 0, 2, tui_colors_attr(TUI_EL_KEY), "/ ");
		cur->y = y;
		cur->x = tui_view_field(&m->filter.fields[0], y, w, COLS - w -
		    1, true);
		return;
	}
	if (m->notice_kind != TUI_NOTICE_NONE) {
		/* a long notice takes the rows above it, up to three */
		el = m->notice_kind == TUI_NOTICE_ERROR ? TUI_EL_ERROR :
		    TUI_EL_INFO;
		rows = tui_draw_wrap_part(0, 0, COLS - 2, 0, 0, A_NORMAL,
		    m->notice);
		if (rows > 3)
			rows = 3;
		for (i = 0; i < rows; i++)
			tui_draw_fill(y - i, 0, COLS, A_NORMAL);
		tui_draw_wrap(y - rows + 1, 1, COLS - 2, rows,
		    tui_colors_attr(el), m->notice);
		return;
	}
	tui_view_hints(m, tui_model_ctx(m), y, 1, COLS - 2);
}

static void
screen_body(const struct tui_model *m, int top, int height)
{
	switch (m->screen) {
	case TUI_SCREEN_BOARD:
		tui_view_board(m, top, height);
		break;
	case TUI_SCREEN_DETAIL:
		tui_view_detail(m, top, height);
		break;
	case TUI_SCREEN_MECHANICS:
		tui_view_mechanics(m, top, height);
		break;
	case TUI_SCREEN_EVENTS:
		tui_view_events(m, top, height);
		break;
	default:
		tui_view_home(m, top, height);
		break;
	}
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
	else {
		screen_body(m, 1, LINES - 3);
		screen_notice(m, LINES - 2, &cur);
	}
	tui_view_status(m, LINES - 1);
	if (m->picker.open)
		tui_view_picker(m);
	if (m->edit.open)
		tui_view_form(m, &cur);
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
