/* A booking event as the client keeps it (SPEC §5.19, §8.17): from GET
 * /events, GET /bookings/{id}/events or the WebSocket stream. The parts
 * of `data` the reducers use are lifted into fields; the whole of it is
 * kept as text for the history views. Pure. */
#ifndef TUI_MODEL_EVENTS_H
#define TUI_MODEL_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <cJSON.h>

struct tui_row;
struct proto_event;

struct tui_event {
	int64_t		 seq;
	char		*kind;		/* "assigned", … */
	long		 booking_id;
	time_t		 at;
	char		*actor;		/* "ADM000001", "system" */
	int		 actor_role;	/* 0 for the system */
	char		*data;		/* the data object as JSON text */
	/* lifted from data; 0 / NULL when absent */
	long		 assignment_id;
	char		*mechanic_id;
	char		*mechanic_name;
	int		 assignment_type;	/* id, from the type name */
	bool		 automatic;
	int		 to_status;		/* status_changed: to_id */
	long		 progress_id;
	char		*eta_risk;
	char		*reason;
	/* the booking summary (WebSocket events only), or NULL */
	struct tui_row	*summary;
};

int	 tui_event_parse(const cJSON *, struct tui_event *);
int	 tui_event_from_proto(const struct proto_event *, struct tui_event *);
void	 tui_event_cleanup(struct tui_event *);
void	 tui_event_copy(struct tui_event *, const struct tui_event *);
int	 tui_events_parse(const char *, struct tui_event **, size_t *);
void	 tui_events_free(struct tui_event *, size_t);
size_t	 tui_event_describe(const struct tui_event *, char *, size_t);

/* The event log shown on the Events screen: the newest events, in seq
 * order, each seq once, at most TUI_EVLOG_MAX of them. */
#define TUI_EVLOG_MAX	500

struct tui_evlog {
	struct tui_event	*ev;		/* ascending seq */
	size_t			 n;
	int			 cursor;	/* selected, from the newest */
	char			 filter[128];	/* words, all must match */
};

bool	 tui_evlog_add(struct tui_evlog *, const struct tui_event *);
void	 tui_evlog_cleanup(struct tui_evlog *);
bool	 tui_evlog_matches(const struct tui_evlog *,
	     const struct tui_event *);
size_t	 tui_evlog_count(const struct tui_evlog *);
const struct tui_event *tui_evlog_at(const struct tui_evlog *, int);

#endif
