/* The booking event log (SPEC §5.19): every booking change appends one
 * row in the change's own transaction and NOTIFYs its seq, so no event
 * exists for a change that rolled back and no committed change lacks one. */
#ifndef BK_DB_EVENTS_H
#define BK_DB_EVENTS_H

#include <stdint.h>

#include "http.h"

struct bk_db;

/*
 * Append an event of kind for booking_id: actor is a user id or "system",
 * actor_role 1..3 or 0 (system); data a JSON object text (NULL: {}). The
 * row carries the booking summary as it is after the change, and its
 * audience. *seq (may be NULL) receives the new seq.
 */
int	bk_db_events_add(struct bk_db *, long booking_id, const char *kind,
	    const char *actor, int actor_role, const char *data,
	    int64_t *seq, struct bk_err *);
/* The same with the request's caller as actor. */
int	bk_db_events_add_req(struct bk_db *, const struct bk_req *,
	    long booking_id, const char *kind, const char *data,
	    struct bk_err *);
/*
 * Events visible to the viewer (admins: all; others: where they are in
 * the audience), of one booking (booking_id > 0) or all, with seq > since,
 * at most limit, ascending, as a JSON array text in arena.
 */
int	bk_db_events_list(struct bk_db *, struct bk_arena *, long booking_id,
	    int64_t since, long limit, const char *viewer, int viewer_role,
	    const char **json, struct bk_err *);
/* The highest committed seq (0 if none): the X-Event-Seq header. */
int	bk_db_events_head(struct bk_db *, int64_t *seq, struct bk_err *);

#endif
