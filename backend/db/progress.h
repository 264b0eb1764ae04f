/* Progress SQL (SPEC §5.8, §5.10, §8.10): the entries mechanics post on
 * their active assignment, the services an entry completes, admin edits
 * and validation, and the list a booking's viewers read. Every function
 * expects the caller to hold the booking's lock (bk_db_bookings_lock). */
#ifndef BK_DB_PROGRESS_H
#define BK_DB_PROGRESS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;
struct bk_booking;

/* A progress entry as the workflow checks see it. */
struct bk_progress {
	long	 id;
	long	 booking_id;
	char	*mechanic_id;	/* arena */
	int	 status;	/* the booking's status when it was posted */
	bool	 validated;
	char	*completed;	/* completed_service_ids as JSON text (arena) */
};

/*
 * The active assignment mechanic_id holds on booking_id: its id and
 * assignment type. 403 "Trying to access other mechanic assignments."
 * when he holds none.
 */
int	bk_db_progress_holder(struct bk_db *, long booking_id,
	    const char *mechanic_id, long *assignment_id, int *type,
	    struct bk_err *);
/* Whether booking_id has an entry not yet validated. */
int	bk_db_progress_pending(struct bk_db *, long booking_id, bool *pending,
	    struct bk_err *);
/*
 * §5.8 rule 6 for ids (JSON array text of n ints): each is a confirmed,
 * uncompleted service of booking_id or one that entry progress_id (0:
 * none) completed. Else 400 "Service <id> is not a confirmed pending
 * service of this booking." naming the first that is not.
 */
int	bk_db_progress_check_services(struct bk_db *, struct bk_arena *,
	    long booking_id, long progress_id, const char *ids,
	    struct bk_err *);
/*
 * §5.8 rule 7: a drop out for delivery to an offline payer, or a return
 * drop of a booking with a cancellation fee, needs the offline payment
 * collected; else 400 "Payment not yet made. Collect cash from
 * customer.".
 */
int	bk_db_progress_check_cash(struct bk_db *, const struct bk_booking *,
	    struct bk_err *);
/*
 * Insert an unvalidated entry on b by mechanic_id through assignment_id
 * (status = b's status now; images a text[] literal, ids a JSON array of
 * service ids) and mark those services completed by it. *id receives the
 * new entry's id.
 */
int	bk_db_progress_create(struct bk_db *, const struct bk_booking *b,
	    const char *mechanic_id, long assignment_id,
	    const char *description, const char *images, const char *ids,
	    long *id, struct bk_err *);
/*
 * Complete the active assignment assignment_id and write its
 * assignment_completed event {assignment_id, mechanic_id,
 * assignment_type} as actor (role 0: system). Shared with the analysis.
 */
int	bk_db_progress_close_assignment(struct bk_db *, long booking_id,
	    long assignment_id, const char *actor, int actor_role,
	    struct bk_err *);
/* What arriving at status `to` records on the booking: received sets
 * car_received, delivered sets completed_at; other statuses nothing. */
int	bk_db_progress_arrive(struct bk_db *, long booking_id, int to,
	    struct bk_err *);
/*
 * For an admin action on entry id: find its booking, lock it into b
 * (bk_db_bookings_lock), then read the entry into p. 404 not_found when
 * there is no such entry.
 */
int	bk_db_progress_lock(struct bk_db *, struct bk_arena *, long id,
	    struct bk_booking *b, struct bk_progress *p, const char *not_found,
	    struct bk_err *);
/* Whether confirmed services remain uncompleted on booking_id. */
int	bk_db_progress_work_left(struct bk_db *, long booking_id, bool *left,
	    struct bk_err *);
/* Mark entry id validated now by actor (an admin id or "system"). */
int	bk_db_progress_validate(struct bk_db *, long id, const char *actor,
	    struct bk_err *);
/*
 * Edit entry id: description and images (text[] literal) replace theirs
 * unless NULL. ids (JSON array text) unless NULL becomes the entry's
 * completed set: services dropped from it are uncompleted, added ones
 * completed by it, no other service changes.
 */
int	bk_db_progress_update(struct bk_db *, long id, const char *description,
	    const char *images, const char *ids, struct bk_err *);
/* Entry id as BookingProgressResponse JSON text in the arena. */
int	bk_db_progress_json(struct bk_db *, struct bk_arena *, long id,
	    const char **json, struct bk_err *);
/*
 * One page of booking_id's entries (validated ones only when
 * validated_only), oldest first unless sorted "-created_at", q over the
 * description, as a JSON array text in the arena, and the total.
 */
int	bk_db_progress_list(struct bk_db *, struct bk_arena *, long booking_id,
	    bool validated_only, const struct bk_page *, const char **json,
	    long *total, struct bk_err *);

#endif
