/* Booking money (SPEC §5.11, §6.2–§6.3): the current GST rate, the quote
 * lines of a service selection, the offline services payment, applying a
 * selection, and the small codecs the booking SQL shares (id arrays,
 * lists of amounts, rupee numbers). Amounts are int64 paise; GST is only
 * ever computed by proto_money_gst/proto_money_totals. */
#ifndef BK_DB_BOOKING_MONEY_H
#define BK_DB_BOOKING_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http.h"
#include "money.h"

struct bk_db;
struct bk_booking;

/* payment_methods ids (SPEC §4.4). */
enum bk_payment_method {
	BK_PAYMENT_ONLINE = 1,
	BK_PAYMENT_OFFLINE = 2,
};

/* ids as a PostgreSQL array literal "{1,2,3}" (arena). */
const char	*bk_db_booking_ids_text(struct bk_arena *, const long *ids,
		    int n);
/*
 * Parse a comma-separated list of numeric(12,2) texts ("1500.00,99.50";
 * "" or NULL: none) into paise in an arena array. -1 on a malformed
 * amount (a bug in the SQL that made it).
 */
int		 bk_booking_amounts_parse(struct bk_arena *, const char *csv,
		    int64_t **amounts, size_t *n);
/* The GST total ("1770.00") of a list as above at percent, or NULL when
 * the list is empty (arena). */
const char	*bk_booking_amounts_total(struct bk_arena *, const char *csv,
		    int percent);
/* paise as SPEC §1.5's "number, rupees" JSON text: 100.0, 99.9, 99.99. */
char		*bk_booking_rupees(int64_t paise, char *buf, size_t len);

/*
 * Lock booking id FOR UPDATE as bk_db_bookings_lock does, but only when
 * owner (NULL: anyone, for admins) is its customer: otherwise, and when it
 * does not exist, 403 "Booking not found or access denied.".
 * analysis_validated (may be NULL) tells whether its analysis is validated.
 */
int	bk_db_booking_lock_own(struct bk_db *, struct bk_arena *, long id,
	    const char *owner, struct bk_booking *, bool *analysis_validated,
	    struct bk_err *);
/* The payment method's name (arena); 400 "invalid payment method.". */
int	bk_db_booking_method(struct bk_db *, struct bk_arena *,
	    long method_id, const char **name, struct bk_err *);
/*
 * The price of each selected service (n ids, amounts has room for n): a
 * booked service's quote, else the recommendation's price; 400 "Service
 * <id> is not part of this booking's quote." for the first that is
 * neither.
 */
int	bk_db_booking_quote(struct bk_db *, struct bk_arena *,
	    long booking_id, const long *ids, int n, int64_t *amounts,
	    struct bk_err *);
/* Void the booking's pending online `services` order, if any, and record
 * the offline `services` payment (pending) with totals at percent. */
int	bk_db_booking_offline_services(struct bk_db *, long booking_id,
	    const struct proto_money_totals *, int percent, struct bk_err *);
/*
 * Apply a selection (§5.11): chosen booked services confirmed, the others
 * rejected, chosen recommendations added as confirmed booked services
 * (source recommended, est_price = price = their price), and the
 * booking's payment method set. *data receives the services_confirmed
 * event's data {confirmed, rejected, payment_method} (arena); writing
 * the event is the caller's.
 */
int	bk_db_booking_apply_selection(struct bk_db *, struct bk_arena *,
	    long booking_id, const long *ids, int n, long method_id,
	    const char **data, struct bk_err *);

#endif
