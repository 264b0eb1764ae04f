/* Views draw the model on stdscr and nothing else: no state changes, no
 * network. tui_view_draw paints one whole frame; the loop calls doupdate. */
#ifndef TUI_VIEWS_VIEW_H
#define TUI_VIEWS_VIEW_H

#include <time.h>

#include "model/model.h"
#include "views/colors.h"

/* Where a view wants the terminal cursor (y < 0: hidden). */
struct tui_cursor {
	int	y;
	int	x;
};

void	tui_view_init(enum tui_scheme);
void	tui_view_draw(const struct tui_model *);

/* The parts, each drawing inside the rows it is given. */
void	tui_view_login(const struct tui_model *, int, int,
	    struct tui_cursor *);
void	tui_view_home(const struct tui_model *, int, int);
void	tui_view_board(const struct tui_model *, int, int);
void	tui_view_detail(const struct tui_model *, int, int);
int	tui_view_detail_height(const struct tui_model *, int);
void	tui_view_mechanics(const struct tui_model *, int, int);
void	tui_view_events(const struct tui_model *, int, int);
void	tui_view_picker(const struct tui_model *);
void	tui_view_form(const struct tui_model *, struct tui_cursor *);
void	tui_view_status(const struct tui_model *, int);
void	tui_view_help(const struct tui_model *, int, int);
void	tui_view_prompt(const struct tui_model *);
void	tui_view_hints(const struct tui_model *, enum tui_ctx, int, int,
	    int);
int	tui_view_field(const struct tui_field *, int, int, int, bool);
const char *tui_view_spinner(const struct tui_model *);
const char *tui_view_rule(void);
const char *tui_view_dash(void);
void	tui_view_age(time_t, long long, char *, size_t);
void	tui_view_time(time_t, char *, size_t);
int	tui_view_page_top(int, int);

#endif
