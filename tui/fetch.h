/* Loading what the console shows, over REST: the board (dashboard pages,
 * then the event history up to the snapshot), a booking's detail, the
 * mechanics, and applying events from any source to every part of the
 * model that shows them. */
#ifndef TUI_FETCH_H
#define TUI_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/board.h"
#include "model/offers.h"

struct tui_app;
struct tui_event;
struct tui_rest_res;

/* UI thread only: loads in flight and the pages gathered so far. */
struct tui_fetch {
	bool		 board_busy;	/* dashboard pages in flight */
	bool		 board_again;	/* asked again meanwhile */
	struct tui_row	*rows;		/* pages so far */
	size_t		 nrows;
	int64_t		 snap_seq;	/* X-Event-Seq of the first page */
	bool		 hist_busy;	/* /events pages in flight */
	bool		 lookups;	/* GST, makers, categories asked */
	bool		 want_live;	/* start the stream after a snapshot */
	bool		 resubscribe;	/* a resync: subscribe after it */
	int		 detail_after;	/* verb + 1 to run once loaded */
	long long	 detail_due;	/* ms: reload the detail then */
};

int	tui_fetch_refetch(struct tui_app *);
int	tui_fetch_board(struct tui_app *);
int	tui_fetch_detail(struct tui_app *, long, int);
int	tui_fetch_mechanics(struct tui_app *);
int	tui_fetch_apply_event(struct tui_app *, const struct tui_event *,
	    bool);
int	tui_fetch_tick(struct tui_app *);
void	tui_fetch_cleanup(struct tui_fetch *);
int	tui_fetch_dashboard_done(struct tui_app *,
	    const struct tui_rest_res *);
int	tui_fetch_events_done(struct tui_app *, const struct tui_rest_res *);
int	tui_fetch_detail_done(struct tui_app *, const struct tui_rest_res *);
int	tui_fetch_mechanics_done(struct tui_app *,
	    const struct tui_rest_res *);
int	tui_fetch_misc_done(struct tui_app *, const struct tui_rest_res *);

#endif
