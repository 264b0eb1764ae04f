/* Text is converted from the locale's multibyte form to wide characters
 * and measured with wcwidth, so clipping never splits a character and
 * CJK or emoji take their two columns. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "xmalloc.h"
#include "views/draw.h"

/* s as wide characters in a new buffer (invalid bytes become '?'); *n
 * gets the count. The caller frees. */
static wchar_t *
draw_widen(const char *s, size_t *n)
{
	wchar_t		*w;
	mbstate_t	 st;
	size_t		 len, k;

	len = strlen(s);
	w = xcalloc(len + 1, sizeof *w);
	memset(&st, 0, sizeof st);
	*n = 0;
	while (*s != '\0') {
		k = mbrtowc(&w[*n], s, len, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			w[*n] = L'?';
			k = 1;
		}
		(*n)++;
		s += k;
		len -= k;
	}
	return w;
}

static int
draw_wcwidth(wchar_t wc)
{
	int	w = wcwidth(wc);

	return w < 0 ? 1 : w;
}

/* Screen columns s takes. */
int
tui_draw_width(const char *s)
{
	wchar_t	*w;
	size_t	 n, i;
	int	 cols = 0;

	w = draw_widen(s, &n);
	for (i = 0; i < n; i++)
		cols += draw_wcwidth(w[i]);
	free(w);
	return cols;
}

/* Draw n wide characters at (y, x) with attr, at most width columns;
 * unprintable ones show as '?'. Returns the columns used. */
int
tui_draw_wtext(int y, int x, int width, attr_t attr, const wchar_t *w,
    size_t n)
{
	size_t	i;
	int	cols = 0, cw;
	wchar_t	wc;

	attrset(attr);
	move(y, x);
	for (i = 0; i < n; i++) {
		wc = w[i];
		cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (cols + cw > width)
			break;
		addnwstr(&wc, 1);
		cols += cw;
	}
	attrset(A_NORMAL);
	return cols;
}

/* Draw UTF-8 s at (y, x) with attr, clipped to width columns. Returns the
 * columns used. */
int
tui_draw_text(int y, int x, int width, attr_t attr, const char *s)
{
	wchar_t	*w;
	size_t	 n;
	int	 cols;

	if (width <= 0)
		return 0;
	w = draw_widen(s, &n);
	cols = tui_draw_wtext(y, x, width, attr, w, n);
	free(w);
	return cols;
}

/* Fill width columns from (y, x) with blanks in attr. */
void
tui_draw_fill(int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

/* A frame of h rows and w columns at (y, x), with title (may be NULL)
 * set into the top edge. */
void
tui_draw_box(int y, int x, int h, int w, attr_t attr, const char *title)
{
	if (h < 2 || w < 2)
		return;
	attrset(attr);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL && w > 6) {
		mvaddch(y, x + 2, ' ');
		x += 3 + tui_draw_text(y, x + 3, w - 6, attr | A_BOLD, title);
		mvaddch(y, x, ' ');
	}
}

/*
 * Word-wrap s into width columns and draw the wrapped rows numbered skip
 * .. skip + maxlines - 1 from (y, x) (none when maxlines is 0). Returns
 * how many rows the whole of s takes, so callers can measure without
 * drawing. A word longer than a row is cut.
 */
int
tui_draw_wrap_part(int y, int x, int width, int skip, int maxlines,
    attr_t attr, const char *s)
{
	wchar_t	*w;
	size_t	 n, start, i, brk;
	int	 rows = 0, cols;

	if (width <= 0)
		return 0;
	w = draw_widen(s, &n);
	start = 0;
	while (start < n) {
		cols = 0;
		brk = n;
		for (i = start; i < n; i++) {
			cols += draw_wcwidth(w[i]);
			if (cols > width)
				break;
			if (w[i] == L' ')
				brk = i;
		}
		if (i == n)
			brk = n;
		else if (brk == n || brk <= start)
			brk = i;	/* no space to break at: cut */
		if (brk == start)
			brk = start + 1;	/* wider than the row */
		if (rows >= skip && rows < skip + maxlines)
			tui_draw_wtext(y + rows - skip, x, width, attr,
			    &w[start], brk - start);
		rows++;
		start = brk;
		while (start < n && w[start] == L' ')
			start++;
	}
	free(w);
	return rows == 0 ? 1 : rows;
}

/* Draw s word-wrapped into width columns, at most maxlines rows from
 * (y, x). Returns the rows used. A word longer than a row is cut. */
int
tui_draw_wrap(int y, int x, int width, int maxlines, attr_t attr,
    const char *s)
{
	int	rows = tui_draw_wrap_part(y, x, width, 0, maxlines, attr, s);

	return rows < maxlines ? rows : maxlines;
}
