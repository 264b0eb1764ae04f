/* Creating a booking (SPEC §5.5): the numbered checks, each its own
 * statement so that the first failing one answers, and the rows a new
 * booking writes (addresses, booking, booked services, cart, event). */
#ifndef BK_DB_BOOKING_CREATE_H
#define BK_DB_BOOKING_CREATE_H

#include <stdbool.h>

#include "http.h"

struct bk_db;
struct bk_booking;

/* Index of the two ends of a doorstep job in bk_booking_new's arrays. */
enum bk_booking_end { BK_BOOKING_PICKUP, BK_BOOKING_DROP };

/* An address given inline in the body (the rules of POST /address/). */
struct bk_address_new {
	bool		 present;
	const char	*label;		/* NULL: none */
	const char	*line1;
	const char	*line2;		/* NULL: none */
	long		 area_id;
};

/*
 * A booking to create, as the handler parsed it (strings in the request
 * arena). The checks fill the car fields; the insert fills address_id for
 * inline addresses.
 */
struct bk_booking_new {
	const char		*customer_id;	/* whose booking */
	long			 car_id;
	long			 address_id[2];	/* 0: none given */
	struct bk_address_new	 address[2];
	const char		*date[2];	/* YYYY-MM-DD */
	long			 slot[2];
	long			*service_ids;	/* sorted, distinct */
	int			 nservices;
	/* filled by bk_db_booking_create_check */
	long			 car_class_id;
};

/* Today and today + 90 days in REVCARE_TIMEZONE, as YYYY-MM-DD (arena). */
int	bk_db_booking_create_today(struct bk_db *, struct bk_arena *,
	    const char **today, const char **last_day, struct bk_err *);
/* Check 1 for admins: customer_id names a live, active customer, else
 * 403 "Only customers can create bookings.". */
int	bk_db_booking_create_customer(struct bk_db *,
	    const char *customer_id, struct bk_err *);
/*
 * Checks 2 to 10 of §5.5 in order, with their statuses and messages. The
 * car row (and, for capacity, the timeslot rows) stay locked until the
 * transaction ends, so two requests for the same car or slot serialise.
 */
int	bk_db_booking_create_check(struct bk_db *, struct bk_arena *,
	    struct bk_booking_new *, struct bk_err *);
/*
 * Write the booking: inline addresses saved as the customer's, the
 * booking (status booked, registration snapshot, promised_at, created_by
 * the caller), one booked service per id at the price chart's price for
 * the car's class, those services out of the cart, and the event
 * `created`. b receives the new booking's state.
 */
int	bk_db_booking_create_insert(struct bk_db *, const struct bk_req *,
	    struct bk_booking_new *, struct bk_booking *b, struct bk_err *);

#endif
