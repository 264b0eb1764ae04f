/* Customers SQL: profiles (users + customers rows), their soft deletion,
 * and the two saved-service lists, cart and favourites. */
#ifndef BK_DB_CUSTOMERS_H
#define BK_DB_CUSTOMERS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* Who asks: the role decides which customers are visible (SPEC §3.3). */
struct bk_db_viewer {
	int		 role;		/* PROTO_ROLE_* */
	const char	*user_id;
};

/* Whether a live customer other than except_id (may be NULL) has email
 * (compared case-insensitively). */
int	bk_db_customers_email_taken(struct bk_db *, const char *email,
	    const char *except_id, bool *taken, struct bk_err *);
/* Insert users + customers rows; the CustomerResponse as JSON text and
 * the new id (arena). */
int	bk_db_customers_create(struct bk_db *, struct bk_arena *,
	    const char *name, const char *phone, const char *email,
	    const char *hash, const char **json, const char **id,
	    struct bk_err *);
/*
 * One page of the customers v may see: customers themselves, mechanics
 * the customers of bookings they hold or held an assignment on, admins
 * all. customer_id (may be NULL) narrows to one.
 */
int	bk_db_customers_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const struct bk_db_viewer *v,
	    const char *customer_id, const char **json, long *total,
	    struct bk_err *);
/* Update name and/or email (NULL keeps) of a customer v may change; 404
 * "Customer not found.", 400 when another customer has the email. */
int	bk_db_customers_update(struct bk_db *, struct bk_arena *,
	    const struct bk_db_viewer *v, const char *id, const char *name,
	    const char *email, const char **json, struct bk_err *);
/* Lock a customer v may delete: 404 "Customer not found.", 409 while a
 * booking is neither delivered nor cancelled. */
int	bk_db_customers_lock(struct bk_db *, const struct bk_db_viewer *v,
	    const char *id, struct bk_err *);
/* Soft delete the customer, the user, cars and addresses; empty the cart
 * and favourites. Sessions are ended by the caller first. */
int	bk_db_customers_delete(struct bk_db *, const char *id,
	    struct bk_err *);

/* The saved-service lists: one statement set per kind. */
enum bk_saved_kind {
	BK_SAVED_CART,
	BK_SAVED_FAVOURITE
};

/* Add a live service: *found false if there is none, *added false if it
 * was already in the list. */
int	bk_db_customers_saved_add(struct bk_db *, enum bk_saved_kind,
	    const char *customer_id, long service_id, bool *found,
	    bool *added, struct bk_err *);
/* Remove a service; *removed false if it was not in the list. */
int	bk_db_customers_saved_remove(struct bk_db *, enum bk_saved_kind,
	    const char *customer_id, long service_id, bool *removed,
	    struct bk_err *);
/* One page of the list (live services) as JSON text and the total. */
int	bk_db_customers_saved_list(struct bk_db *, struct bk_arena *,
	    enum bk_saved_kind, const char *customer_id,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);

#endif
