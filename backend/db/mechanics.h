/* Mechanics SQL: the mechanic accounts (users + mechanics rows) with their
 * service categories, the workload view of SPEC §5.15, and the
 * assignment types lookup. */
#ifndef BK_DB_MECHANICS_H
#define BK_DB_MECHANICS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* A mechanic's fields as a request gives them; NULL / has_* false keep
 * the current value on update. */
struct bk_mechanic_in {
	const char	*name;
	const char	*phone;		/* create only */
	const char	*dob;		/* YYYY-MM-DD */
	const char	*hash;		/* create only */
	bool		 pickup_drop, has_pickup_drop;
	bool		 analysis, has_analysis;
	long		*categories;	/* service category ids */
	int		 ncategories;
	bool		 has_categories;
};

/*
 * The dob rules of SPEC §8.0 against today in tz: *why is NULL when dob
 * passes, else the message (static).
 */
int	bk_db_mechanics_dob_check(struct bk_db *, const char *dob,
	    const char *tz, const char **why, struct bk_err *);
/* 400 "Invalid foreign key reference" unless every id is a live service
 * category. */
int	bk_db_mechanics_categories_check(struct bk_db *, struct bk_arena *,
	    const long *ids, int n, struct bk_err *);
/* Insert users + mechanics rows and the categories; the new id. */
int	bk_db_mechanics_create(struct bk_db *, struct bk_arena *,
	    const struct bk_mechanic_in *, const char **id, struct bk_err *);
/* The MechanicResponse of a live mechanic; 404 "Mechanic not found.". */
int	bk_db_mechanics_get(struct bk_db *, struct bk_arena *, const char *id,
	    const char **json, struct bk_err *);
/*
 * One page of live mechanics (q over name and phone). self (may be NULL)
 * limits the rows to that mechanic, mechanic_id (may be NULL) to one.
 */
int	bk_db_mechanics_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char *self, const char *mechanic_id,
	    const char **json, long *total, struct bk_err *);
/* Update the given fields; the categories, when given, replace the set.
 * self (may be NULL) limits the update to that mechanic. 404 if none. */
int	bk_db_mechanics_update(struct bk_db *, struct bk_arena *,
	    const char *id, const char *self, const struct bk_mechanic_in *,
	    struct bk_err *);
/* Lock a live mechanic: 404, or 409 while he holds an active assignment.
 * Sessions are ended by the caller before bk_db_mechanics_delete. */
int	bk_db_mechanics_lock(struct bk_db *, const char *id, struct bk_err *);
/* Soft delete the mechanic and the user (categories kept as history). */
int	bk_db_mechanics_delete(struct bk_db *, const char *id,
	    struct bk_err *);
/* One page of the workload view (q over name). */
int	bk_db_mechanics_workload(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);

/* Assignment types: {name, id}; built-in rows (1-4) are fixed. */
int	bk_db_mechanics_types_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* 400 "Assignment type already exists." when the name is taken. */
int	bk_db_mechanics_types_create(struct bk_db *, struct bk_arena *,
	    const char *name, const char **json, struct bk_err *);
/* 404, 409 built-in, 400 name taken. name NULL keeps it. */
int	bk_db_mechanics_types_update(struct bk_db *, struct bk_arena *,
	    long id, const char *name, const char **json, struct bk_err *);
/* 404, 409 built-in, 409 "AssignmentType is in use."; else removed. */
int	bk_db_mechanics_types_delete(struct bk_db *, long id,
	    struct bk_err *);

#endif
