/* Cancelling a booking (SPEC §5.13): the fee each status owes, and the
 * writes of a cancellation (fee, refund due, assignments released, orders
 * voided, status and events) in the caller's transaction. */
#ifndef BK_DB_BOOKING_CANCEL_H
#define BK_DB_BOOKING_CANCEL_H

#include <stdbool.h>
#include <stdint.h>

#include "http.h"

struct bk_db;
struct bk_booking;

/* What a cancellation costs, in paise. */
struct bk_cancel_fee {
	int64_t	 fee;		/* before GST */
	int64_t	 gst;
	int64_t	 refund;	/* due back to an online payer */
	int	 percent;	/* the GST rate used, stored with it */
	bool	 record;	/* fee goes to offline_payments */
	bool	 set_offline;	/* the fee is collected in cash */
	long	 online_payment_id;	/* > 0: the fee came out of it */
};

/*
 * The fee of cancelling b now, by its status (booked/pickup: nothing;
 * received/analysis/analysed: ₹100.00; in-progress: the quoted prices of
 * the completed confirmed services, at least ₹100.00, and for an online
 * payer at most what was paid, the rest refunded), with GST per line at
 * percent. b must be locked and cancellable.
 */
int	bk_db_booking_cancel_fee(struct bk_db *, struct bk_arena *,
	    const struct bk_booking *b, int percent, struct bk_cancel_fee *,
	    struct bk_err *);
/*
 * Cancel b: active assignments released (reason `booking cancelled`,
 * events assignment_released), pending orders voided, the fee recorded
 * (and the refund due), cancelled_at/cancelled_by set, status moved to
 * `to` (event status_changed), then the events cancelled {by (the
 * canceller's role name; the event's actor is the user), fee, fee_gst,
 * refund} and refund_created when money is due back.
 */
int	bk_db_booking_cancel_apply(struct bk_db *, const struct bk_req *,
	    struct bk_booking *b, int to, const struct bk_cancel_fee *,
	    struct bk_err *);

#endif
