/* Addresses SQL (SPEC §8.7): customers' pickup and drop addresses, soft
 * deleted. Who may see or change one is decided inside the statements from
 * the caller's role and id (SPEC §3.3). */
#ifndef BK_DB_ADDRESSES_H
#define BK_DB_ADDRESSES_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* An address body. NULL / 0 = not given, except that label and line2 are
 * cleared (set to NULL) when their *_set flag is true. */
struct bk_address {
	const char	*label;
	bool		 label_set;
	const char	*line1;
	const char	*line2;
	bool		 line2_set;
	long		 area_id;
	const char	*customer_id;	/* create: the owner */
};

/* The caller's addresses as [AddressResponse]: a customer's own, a
 * mechanic's through his bookings' pickup and drop, all for an admin;
 * customer_id (may be NULL) narrows it; q over label, lines, area name
 * and pincode. */
int	bk_db_addresses_list(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, const char *customer_id,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* Insert for a->customer_id: 400 Invalid foreign key reference unless the
 * customer and the area are live. */
int	bk_db_addresses_create(struct bk_db *, struct bk_arena *,
	    const struct bk_address *, const char **json, const char **id,
	    struct bk_err *);
/* Change: 404 Address not found., 403 not the caller's, 400 area. */
int	bk_db_addresses_update(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, long id, const struct bk_address *,
	    const char **json, struct bk_err *);
/* Soft delete: 404, 403, 409 Address is used by an open booking. */
int	bk_db_addresses_delete(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, long id, struct bk_err *);

#endif
