/* Utility lookups SQL (statuses, timeslots, payment methods, notification
 * categories). */
#ifndef BK_DB_UTILS_H
#define BK_DB_UTILS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* Statuses: [{name, id}], ids 1–18 built in. */
int	bk_db_utils_status_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
int	bk_db_utils_status_create(struct bk_db *, struct bk_arena *,
	    const char *name, const char **json, const char **id,
	    struct bk_err *);
/* 404 Status not found., 409 built in, 400 name taken. */
int	bk_db_utils_status_update(struct bk_db *, struct bk_arena *, long id,
	    const char *name, const char **json, struct bk_err *);
/* Hard delete (custom statuses are never referenced): 404, 409. */
int	bk_db_utils_status_delete(struct bk_db *, struct bk_arena *, long id,
	    struct bk_err *);

/* A timeslot body; NULL / has_capacity false = not given. capacity NULL
 * with has_capacity true sets unlimited. */
struct bk_timeslot {
	const char	*name;
	const char	*start_time;	/* HH:MM:SS */
	const char	*end_time;
	bool		 has_capacity;
	const long	*capacity;
};

int	bk_db_utils_timeslot_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* 400 Timeslot already exists. */
int	bk_db_utils_timeslot_create(struct bk_db *, struct bk_arena *,
	    const struct bk_timeslot *, const char **json, const char **id,
	    struct bk_err *);
/* 404; 422 when the resulting end_time is not after start_time; 400. */
int	bk_db_utils_timeslot_update(struct bk_db *, struct bk_arena *,
	    long id, const struct bk_timeslot *, const char **json,
	    struct bk_err *);
/* Soft delete; 404. */
int	bk_db_utils_timeslot_delete(struct bk_db *, struct bk_arena *,
	    long id, struct bk_err *);

/* Fixed lookups: [{name, id}]. */
int	bk_db_utils_payment_methods_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
int	bk_db_utils_notification_categories_list(struct bk_db *,
	    struct bk_arena *, const struct bk_page *, const char **json,
	    long *total, struct bk_err *);

#endif
