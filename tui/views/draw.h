/* Drawing helpers for the views: UTF-8 text clipped to a width in screen
 * columns (wide characters count two), filled rows, boxes. stdscr only. */
#ifndef TUI_VIEWS_DRAW_H
#define TUI_VIEWS_DRAW_H

#include <curses.h>
#include <wchar.h>

int	tui_draw_width(const char *);
int	tui_draw_text(int, int, int, attr_t, const char *);
int	tui_draw_wtext(int, int, int, attr_t, const wchar_t *, size_t);
void	tui_draw_fill(int, int, int, attr_t);
void	tui_draw_box(int, int, int, int, attr_t, const char *);
int	tui_draw_wrap(int, int, int, int, attr_t, const char *);
int	tui_draw_wrap_part(int, int, int, int, int, attr_t, const char *);

#endif
