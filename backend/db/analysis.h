/* Analysis SQL (SPEC §5.9, §5.10, §8.10): the report and quote the
 * analysis mechanic posts, the services he recommends, admin edits and
 * validation, and the analysis view with its GST totals. Writers expect
 * the caller to hold the booking's lock (bk_db_bookings_lock). */
#ifndef BK_DB_ANALYSIS_H
#define BK_DB_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "http.h"

struct bk_db;

/* A booking's analysis as the workflow checks see it. */
struct bk_analysis {
	bool	 exists;
	bool	 validated;
	char	*mechanic_id;	/* arena; NULL when there is none */
};

/* Read booking_id's analysis (exists = false when there is none). */
int	bk_db_analysis_state(struct bk_db *, struct bk_arena *,
	    long booking_id, struct bk_analysis *, struct bk_err *);
/*
 * Check a price quote (JSON object text {"<service_id>": "<rupees>"}):
 * when complete, every booked service of booking_id needs a quote (400
 * "Provide price-quote for all booked services."); every key must be a
 * booked service (400 "Service <id> is not booked.", the first in order).
 */
int	bk_db_analysis_check_quote(struct bk_db *, struct bk_arena *,
	    long booking_id, const char *quote, bool complete,
	    struct bk_err *);
/*
 * Check recommended services (same JSON form): all exist and are live
 * (404 "Service not found."), none is booked (400 "Service <id> is
 * already booked."), each is offered for the car's fuel (400 "Service
 * '<title>' is not available for <fuel_name> cars.").
 */
int	bk_db_analysis_check_recs(struct bk_db *, struct bk_arena *,
	    long booking_id, const char *recs, struct bk_err *);
/* Insert the unvalidated analysis of booking_id (images: text[]
 * literal). */
int	bk_db_analysis_create(struct bk_db *, long booking_id,
	    const char *mechanic_id, long assignment_id,
	    const char *description, const char *recommendation,
	    const char *images, struct bk_err *);
/*
 * Apply prices: quote (NULL: none) sets booked_services.price of the
 * services it names; recs (NULL: keep) replaces the recommendations.
 */
int	bk_db_analysis_prices(struct bk_db *, long booking_id,
	    const char *quote, const char *recs, struct bk_err *);
/* Change the given texts and images (NULL keeps each). */
int	bk_db_analysis_update(struct bk_db *, long booking_id,
	    const char *description, const char *recommendation,
	    const char *images, struct bk_err *);
/* Mark it validated now by actor (an admin id or "system"). */
int	bk_db_analysis_validate(struct bk_db *, long booking_id,
	    const char *actor, struct bk_err *);
/* BookingAnalysisResponse JSON text in the arena. */
int	bk_db_analysis_json(struct bk_db *, struct bk_arena *, long booking_id,
	    const char **json, struct bk_err *);
/*
 * The analysis view of booking_id (SPEC §8.10) as a new object in *out
 * (caller deletes), with gst_percent (the current rate) and subtotal, gst
 * and total over the quoted prices of booked services not rejected. 404
 * "Analysis record not found" when there is none, or when only_validated
 * and it is not validated yet.
 */
int	bk_db_analysis_view(struct bk_db *, struct bk_arena *, long booking_id,
	    bool only_validated, cJSON **out, struct bk_err *);

#endif
