/* Car lookups SQL (SPEC §8.6): car classes, fuel types and manufacturers,
 * three tables of the same shape {id, <field>, deleted_at}, described by
 * one table row each. */
#ifndef BK_DB_CAR_LOOKUPS_H
#define BK_DB_CAR_LOOKUPS_H

#include "db/conn.h"
#include "http.h"
#include "validate.h"

struct bk_db;

enum bk_car_lookup_kind {
	BK_CAR_LOOKUP_CLASS,
	BK_CAR_LOOKUP_FUEL,
	BK_CAR_LOOKUP_MANUFACTURER
};

/* One lookup: what its body looks like, what the client hears, and its
 * statements. Read-only, shared by every thread. */
struct bk_car_lookup {
	const char		*entity;	/* table, for the audit log */
	const char		*field;		/* JSON key, column */
	const char		*alias;		/* also accepted */
	long			 minlen, maxlen;
	const char		*too_short;	/* custom 422 text */
	const char		*deleted;	/* "<Model> deleted …" */
	const char *const	*sorts;		/* for bk_page_parse */
	/* [1] 404 not found, [2] 400 duplicate, [3] 409 in use */
	struct bk_db_problem	 problems[4];
	const char		*sql_list, *sql_create;
	const char		*sql_check_update, *sql_update;
	const char		*sql_check_delete, *sql_delete;
};

extern const struct bk_car_lookup bk_car_lookups[];

/* One page of live rows [{<field>, id}] and the total; q over the field. */
int	bk_db_car_lookups_list(struct bk_db *, struct bk_arena *,
	    const struct bk_car_lookup *, const struct bk_page *,
	    const char **json, long *total, struct bk_err *);
/* Insert; 400 duplicate. The new {<field>, id} and its id. */
int	bk_db_car_lookups_create(struct bk_db *, struct bk_arena *,
	    const struct bk_car_lookup *, const char *value,
	    const char **json, const char **id, struct bk_err *);
/* Rename (value NULL keeps it); 404, 400 duplicate. */
int	bk_db_car_lookups_update(struct bk_db *, struct bk_arena *,
	    const struct bk_car_lookup *, long id, const char *value,
	    const char **json, struct bk_err *);
/* Soft delete; 404, 409 while in use. */
int	bk_db_car_lookups_delete(struct bk_db *, struct bk_arena *,
	    const struct bk_car_lookup *, long id, struct bk_err *);

#endif
