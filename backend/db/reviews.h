/* Service reviews SQL: one review per customer and service, shown with the
 * customer's name only; creation needs proof the service was received. */
#ifndef BK_DB_REVIEWS_H
#define BK_DB_REVIEWS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* One page of the visible reviews of a live service (customers not
 * deleted) as ServiceReviewResponse JSON text; 404 "Service not found.". */
int	bk_db_reviews_list(struct bk_db *, struct bk_arena *,
	    long service_id, const struct bk_page *, const char **json,
	    long *total, struct bk_err *);
/*
 * Add customer's review of service_id (review may be NULL; images is a
 * PostgreSQL array literal). In order: 404 "Service not found.", 403
 * "You can review only services you have received." (no delivered
 * booking where the service was confirmed and completed), 400 "You have
 * already reviewed this service.".
 */
int	bk_db_reviews_create(struct bk_db *, struct bk_arena *,
	    const char *customer_id, long service_id, long rating,
	    const char *review, const char *images, const char **json,
	    struct bk_err *);
/* Change the given fields (rating 0, review NULL, images NULL keep them)
 * of customer's own review; 404 "ServiceReview not found.". */
int	bk_db_reviews_update(struct bk_db *, struct bk_arena *,
	    const char *customer_id, long service_id, long rating,
	    const char *review, const char *images, const char **json,
	    struct bk_err *);
/* Remove customer_id's review of service_id; 404 "ServiceReview not
 * found.". */
int	bk_db_reviews_delete(struct bk_db *, const char *customer_id,
	    long service_id, struct bk_err *);

#endif
