/* The edit forms a dispatch action or the Mechanics screen opens, and
 * sending them. */
#ifndef TUI_EDITOR_H
#define TUI_EDITOR_H

#include "model/offers.h"

struct tui_app;

int	tui_editor_progress(struct tui_app *, const struct tui_offer *);
int	tui_editor_analysis(struct tui_app *);
int	tui_editor_release(struct tui_app *, const struct tui_offer *, long,
	    const struct tui_facts *);
int	tui_editor_mechanic(struct tui_app *);
int	tui_editor_submit(struct tui_app *);
int	tui_editor_close(struct tui_app *);

#endif
