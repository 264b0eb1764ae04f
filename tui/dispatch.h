/* The admin's dispatch actions on a booking (assign, reassign, release,
 * validate, edit, cancel) and on a mechanic (abilities, categories): the
 * checks against the state machine, the picker, forms and questions they
 * open, the requests they send, and what their replies change. */
#ifndef TUI_DISPATCH_H
#define TUI_DISPATCH_H

#include <stdbool.h>

#include "model/offers.h"

struct tui_app;
struct tui_rest_res;

/* UI thread only: a reassignment in flight (release, then assign). */
struct tui_chain {
	long	booking;
	int	type;
	char	mech_id[32];
	char	mech_name[64];
	bool	released;	/* the release went through */
};

int	tui_dispatch_verb(struct tui_app *, enum tui_verb);
int	tui_dispatch_pick(struct tui_app *);
int	tui_dispatch_confirm(struct tui_app *);
void	tui_dispatch_picker_refresh(struct tui_app *);
int	tui_dispatch_done(struct tui_app *, const struct tui_rest_res *);

#endif
