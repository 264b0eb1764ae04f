/* Booking read models of SPEC §8.10, each built by PostgreSQL in one
 * statement whatever the number of services, progress entries or
 * bookings: BookingResponse, BookingResponseDetailed and the customer's
 * list of CustomerBookingView. Totals with GST are added in C by
 * proto_money_totals, the one GST function. */
#ifndef BK_DB_BOOKING_VIEWS_H
#define BK_DB_BOOKING_VIEWS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/*
 * BookingResponse of booking id as JSON text (arena). customer_view:
 * the status as customers see it (§5.2). gst_percent: the current rate,
 * for total_estimated_price.
 */
int	bk_db_booking_views_created(struct bk_db *, struct bk_arena *,
	    long id, bool customer_view, int gst_percent, const char **json,
	    struct bk_err *);
/*
 * BookingResponseDetailed of booking id as JSON text (arena); 404
 * "Booking not found." when absent. customer_view: customer-facing
 * status, recommendations only once the analysis is validated.
 */
int	bk_db_booking_views_detail(struct bk_db *, struct bk_arena *,
	    long id, bool customer_view, int gst_percent, const char **json,
	    struct bk_err *);
/*
 * One page of customer_id's bookings as [CustomerBookingView] (arena),
 * filtered by customer-facing status (NULL: all) and pg->q (registration,
 * model, manufacturer), with the total before paging.
 */
int	bk_db_booking_views_customer(struct bk_db *, struct bk_arena *,
	    const char *customer_id, const char *status,
	    const struct bk_page *pg, const char **json, long *total,
	    struct bk_err *);

#endif
