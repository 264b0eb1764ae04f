/* Cars SQL (SPEC §8.6): car models (the `cars` table) and customer cars.
 * Who may see or change a customer car is decided inside the statements
 * from the caller's role and id (SPEC §3.3). */
#ifndef BK_DB_CARS_H
#define BK_DB_CARS_H

#include "http.h"
#include "validate.h"

struct bk_db;

/* A customer as CustomerResponse {name, phone, email, id}; cid is an SQL
 * expression for the customer id. Shared with db/addresses.c. */
#define BK_DB_CUSTOMER_JSON(cid) \
    "(SELECT json_build_object('name', c.name, 'phone', u.phone," \
    " 'email', c.email, 'id', c.id) FROM customers c" \
    " JOIN users u ON u.id = c.id WHERE c.id = " cid ")"

/* A car model body; NULL / 0 = not given (every id is > 0, year >= 1900). */
struct bk_car_model {
	const char	*model;
	const char	*img;
	long		 manufacturer_id;
	long		 fuel_type_id;
	long		 car_class_id;
	long		 year;
};

/* GET /car/models filters; 0 = any. */
struct bk_car_model_filter {
	long	manufacturer_id;
	long	fuel_type_id;
	long	car_class_id;
};

/* One page of live models as [CarResponse] and the total; q over model. */
int	bk_db_cars_models_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const struct bk_car_model_filter *,
	    const char **json, long *total, struct bk_err *);
/* Insert; 400 Invalid foreign key reference unless all three lookups are
 * live. The CarResponse and the new id. */
int	bk_db_cars_models_create(struct bk_db *, struct bk_arena *,
	    const struct bk_car_model *, const char **json, const char **id,
	    struct bk_err *);
/* Change the given fields; 404 Car not found., 400 for a retired lookup. */
int	bk_db_cars_models_update(struct bk_db *, struct bk_arena *, long id,
	    const struct bk_car_model *, const char **json, struct bk_err *);
/* Soft delete; customer cars keep the model. 404. */
int	bk_db_cars_models_delete(struct bk_db *, struct bk_arena *, long id,
	    struct bk_err *);

/* A customer car body: reg_number is the display form (trimmed,
 * upper-cased), reg_norm its A–Z0–9 key; NULL / 0 = not given. */
struct bk_customer_car {
	const char	*reg_number;
	const char	*reg_norm;
	long		 car_model_id;
	const char	*customer_id;	/* create: the owner */
};

/* The caller's cars as [CustomerCarResponse]: a customer's own, a
 * mechanic's through his bookings, every car for an admin; customer_id
 * (may be NULL) narrows it; q over the registration. */
int	bk_db_cars_list(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, const char *customer_id,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* One car: 404 CustomerCar not found., 403 when the caller may not see
 * it. */
int	bk_db_cars_get(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, long id, const char **json,
	    struct bk_err *);
/* Insert for c->customer_id: 400 Invalid foreign key reference (customer
 * or model not live), 400 duplicate registration. */
int	bk_db_cars_create(struct bk_db *, struct bk_arena *,
	    const struct bk_customer_car *, const char **json, const char **id,
	    struct bk_err *);
/* Change: 404, 403, 400 model, 400 duplicate, 409 Car has an open
 * booking. (model change). */
int	bk_db_cars_update(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, long id, const struct bk_customer_car *,
	    const char **json, struct bk_err *);
/* Soft delete: 404, 403, 409 open booking. */
int	bk_db_cars_delete(struct bk_db *, struct bk_arena *,
	    const struct bk_auth *, long id, struct bk_err *);

#endif
