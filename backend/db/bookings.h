/* Bookings SQL shared by every booking handler: lock a booking, check who
 * may see it, move its status (with the status_changed event). Handler-
 * specific SQL lives beside it (db/assignments.c, db/progress.c, …). */
#ifndef BK_DB_BOOKINGS_H
#define BK_DB_BOOKINGS_H

#include <stdbool.h>

#include "http.h"

struct bk_db;

/* A booking's state as the workflow checks see it. */
struct bk_booking {
	long	 id;
	char	*customer_id;		/* arena */
	int	 status;
	bool	 car_received;
	int	 payment_method_id;	/* 0: none yet */
	bool	 cancelled;
};

/*
 * Lock booking id (SELECT … FOR UPDATE) for a state change and read it.
 * 404 "Booking not found." when absent (detail may be overridden by
 * passing not_found, e.g. "Booking not found").
 */
int	bk_db_bookings_lock(struct bk_db *, struct bk_arena *, long id,
	    struct bk_booking *, const char *not_found, struct bk_err *);
/*
 * May the caller see booking id? Admins: any. Customers: their own (else
 * 403 "Operation not permitted. Trying to access data of other
 * customers."). Mechanics: bookings on which they hold or held an
 * assignment (else 403 "Trying to access other mechanic assignments.").
 * 404 "Booking not found." when absent.
 */
int	bk_db_bookings_access(struct bk_db *, const struct bk_req *, long id,
	    struct bk_err *);
/*
 * Move b to status `to` (no-op when equal), bump version and write the
 * status_changed event {from, to, from_id, to_id} with actor/role
 * (role 0 = system). b->status is updated.
 */
int	bk_db_bookings_set_status(struct bk_db *, struct bk_booking *, int to,
	    const char *actor, int actor_role, struct bk_err *);

#endif
