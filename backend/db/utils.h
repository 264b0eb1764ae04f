/* Utility lookups SQL (statuses, timeslots, payment methods, notification
 * categories), and two helpers the lookup-style db files share: one page
 * of a list built as JSON by PostgreSQL, and a check statement whose
 * answer picks a row of a problem table. */
#ifndef BK_DB_UTILS_H
#define BK_DB_UTILS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* What the client hears for one check code (SPEC §1.8 status and
 * detail). A 422 row becomes a value_error at loc ["body"]. */
struct bk_db_problem {
	int		 status;
	const char	*detail;
};

/*
 * Run a check: sql answers at most one row of one integer, 0 when the
 * change may go ahead, else an index into problems. No row at all means
 * problems[1] ("<Model> not found."). Run it in the request's transaction
 * and lock the row it reads (FOR UPDATE) so the change that follows sees
 * the same state. Returns 0, or -1 with err set.
 */
int	bk_db_utils_check(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params,
	    const struct bk_db_problem *problems, struct bk_err *);

/*
 * One page of a list. sql takes $1 q (lower-cased, NULL for none), $2
 * sort, $3 limit, $4 offset, then the nextra extra parameters, and
 * answers one row: the total and the page as a JSON array. *json is in
 * the arena.
 */
int	bk_db_utils_page(struct bk_db *, struct bk_arena *, const char *sql,
	    const struct bk_page *, int nextra, const char *const *extra,
	    const char **json, long *total, struct bk_err *);

/* Run sql and copy the first ncols columns of its first row into out[]
 * (arena; NULL for SQL NULL). No row: the error none (a 404 for an
 * update by id, a 400 for an insert that found a duplicate). */
int	bk_db_utils_row(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params, int ncols,
	    const char **out, const struct bk_db_problem *none,
	    struct bk_err *);

/* An integer (or NULL: absent) as a parameter string in the arena. */
const char *bk_db_utils_num(struct bk_arena *, const long *);

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
