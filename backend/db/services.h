/* Services SQL: the catalogue with its price chart and fuel types, built
 * as JSON by PostgreSQL (ServiceResponse, ServicePage), soft-deleted. */
#ifndef BK_DB_SERVICES_H
#define BK_DB_SERVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "http.h"
#include "recommend.h"
#include "validate.h"

struct bk_db;

/* A ServiceCreate or ServiceUpdate body, read and checked. For an update
 * every has_* / NULL says whether the field was given; a given price
 * chart or fuel list replaces the whole set. Strings in the arena. */
struct bk_service_input {
	const char	 *title;
	const char	 *description;
	const char	**works;
	int		  nworks;
	bool		  has_works;
	long		  warranty_kms;
	bool		  has_warranty_kms;
	long		  warranty_months;
	bool		  has_warranty_months;
	int64_t		  time_hrs;	/* hundredths of an hour */
	bool		  has_time_hrs;
	long		  difficulty;
	bool		  has_difficulty;
	const char	**images;
	int		  nimages;
	bool		  has_images;
	long		  category_id;	/* 0: not given */
	long		 *class_ids;	/* price_chart[].car_class_id */
	int64_t		 *prices;	/* price_chart[].price, paise */
	int		  nprices;
	bool		  has_prices;
	long		 *fuel_ids;
	int		  nfuels;
	bool		  has_fuels;
	const char	**symptoms;
	int		  nsymptoms;
	bool		  has_symptoms;
};

/* GET /services/ filters; 0 means "not given". */
struct bk_service_filter {
	long	category_id;
	long	fuel_type_id;
	long	car_class_id;
};

/* A PostgreSQL array literal ({"a","b"}) of n strings, in the arena. */
char	*bk_db_text_array(struct bk_arena *, const char *const *s, int n);

/* One page of live services as ServiceResponse JSON text, and the total. */
int	bk_db_services_list(struct bk_db *, struct bk_arena *,
	    const struct bk_service_filter *, const struct bk_page *,
	    const char **json, long *total, struct bk_err *);
/* One live service as ServiceResponse JSON; 404 "Service not found.". */
int	bk_db_services_get(struct bk_db *, struct bk_arena *, long id,
	    const char **json, struct bk_err *);
/* 400 "Invalid foreign key reference" unless the given category, car
 * classes and fuel types all exist and are live; locks them (FOR SHARE)
 * so a concurrent soft delete waits for this transaction. */
int	bk_db_services_refs_check(struct bk_db *,
	    const struct bk_service_input *, struct bk_err *);
/* Insert a service with its prices and fuel types; *id is the new id. */
int	bk_db_services_create(struct bk_db *,
	    const struct bk_service_input *, long *id, struct bk_err *);
/* Change the given fields; 404 "Service not found." if not live. */
int	bk_db_services_update(struct bk_db *, long id,
	    const struct bk_service_input *, struct bk_err *);
/* Soft delete, emptying it from carts and favourites; booking lines and
 * reviews stay. 404 if not live. */
int	bk_db_services_delete(struct bk_db *, long id, struct bk_err *);
/* Live categories holding live services, each with its ServicePages. */
int	bk_db_services_categorized(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* Every live service as the recommender reads it (arena arrays). */
int	bk_db_services_corpus(struct bk_db *, struct bk_arena *,
	    struct bk_recommend_service **out, int *n, struct bk_err *);
/* ServicePages of the hits, in their order, each with its score. */
int	bk_db_services_scored_pages(struct bk_db *, struct bk_arena *,
	    const struct bk_recommend_hit *, int n, const char **json,
	    struct bk_err *);

#endif
