/* The sign-in screen: a box with the Server, Phone and Password fields,
 * the spinner while signing in, the last error, and a line of keys. */
#include <curses.h>
#include <stdio.h>

#include "views/draw.h"
#include "views/view.h"

#define LOGIN_BOX_W	66	/* widest box */
#define LOGIN_BOX_H	12
#define LOGIN_LABEL_W	10

/* Columns field text takes from index from to index to. */
static int
login_cols(const struct tui_field *fld, size_t from, size_t to)
{
	size_t	i;
	int	cols = 0, w;

	for (i = from; i < to; i++) {
		w = fld->masked ? 1 : wcwidth(fld->text[i]);
		cols += w < 0 ? 1 : w;
	}
	return cols;
}

/* Draw one field in width columns, scrolled so the cursor shows; return
 * the cursor's column on screen. Shared by every form. */
int
tui_view_field(const struct tui_field *fld, int y, int x, int width,
    bool focus)
{
	attr_t	attr;
	size_t	start = 0, i;
	wchar_t	stars[64];
	int	cols;

	attr = tui_colors_attr(focus ? TUI_EL_FIELD_FOCUS : TUI_EL_FIELD);
	tui_draw_fill(y, x, width, attr);
	while (start < fld->cursor &&
	    login_cols(fld, start, fld->cursor) > width - 1)
		start++;
	if (fld->masked) {
		cols = 0;
		for (i = start; i < fld->len && cols < width &&
		    cols < (int)(sizeof stars / sizeof stars[0]); i++)
			stars[cols++] = L'*';
		tui_draw_wtext(y, x, width, attr, stars, (size_t)cols);
	} else
		tui_draw_wtext(y, x, width, attr, fld->text + start,
		    fld->len - start);
	return x + login_cols(fld, start, fld->cursor);
}

/*
 * Draw the sign-in screen in rows top .. top + height - 1; put where the
 * cursor belongs (in the focused field) in *cur.
 */
void
tui_view_login(const struct tui_model *m, int top, int height,
    struct tui_cursor *cur)
{
	const struct tui_form	*form = &m->login;
	char			 line[128];
	int			 bw, bh, bx, by, fx, fw, row, cx;
	size_t			 i;
	enum tui_el		 el;

	bw = COLS - 4 < LOGIN_BOX_W ? COLS - 4 : LOGIN_BOX_W;
	bh = height - 1 < LOGIN_BOX_H ? height - 1 : LOGIN_BOX_H;
	bx = (COLS - bw) / 2;
	by = top + (height - bh - 1) / 2;
	fx = bx + 3 + LOGIN_LABEL_W;
	fw = bw - (fx - bx) - 3;

	tui_draw_box(by, bx, bh, bw, tui_colors_attr(TUI_EL_FRAME),
	    "Sign in to RevCare");
	for (i = 0; i < form->nfields; i++) {
		row = by + 2 + 2 * (int)i;
		if (row >= by + bh - 1)
			break;
		tui_draw_text(row, bx + 3, LOGIN_LABEL_W,
		    tui_colors_attr(TUI_EL_LABEL), form->fields[i].label);
		cx = tui_view_field(&form->fields[i], row, fx, fw,
		    i == form->focus);
		if (i == form->focus) {
			cur->y = row;
			cur->x = cx;
		}
	}
	row = by + 2 + 2 * (int)form->nfields;
	if (m->busy > 0 && row < by + bh - 1) {
		snprintf(line, sizeof line, "%s %s…", tui_view_spinner(m),
		    m->busy_what != NULL ? m->busy_what : "Working");
		tui_draw_text(row, bx + 3, bw - 6,
		    tui_colors_attr(TUI_EL_SPINNER), line);
	}
	row++;
	if (m->notice_kind != TUI_NOTICE_NONE && row < by + bh - 1) {
		el = m->notice_kind == TUI_NOTICE_ERROR ? TUI_EL_ERROR :
		    TUI_EL_INFO;
		tui_draw_wrap(row, bx + 3, bw - 6, by + bh - 1 - row,
		    tui_colors_attr(el), m->notice);
	}
	if (by + bh < top + height)
		tui_view_hints(m, TUI_CTX_LOGIN, by + bh, bx + 1, bw - 2);
}
