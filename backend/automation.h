/* Automatic assignment (SPEC §5.15): pick the best mechanic for a job and
 * assign it inside the caller's transaction, under a savepoint, so that a
 * failure only costs the automatic step. The scoring is a pure function. */
#ifndef BK_AUTOMATION_H
#define BK_AUTOMATION_H

#include "http.h"

struct bk_db;
struct bk_booking;

/* One eligible mechanic as the scoring sees him. */
struct bk_auto_cand {
	const char	*id;		/* mechanic id (ties: lowest wins) */
	double		 hours;		/* active hours (§5.15) */
	long		 score;		/* mechanic score (§5.17) */
	double		 skill;		/* service: share of the remaining
					 * services' categories he has, 0..1 */
	double		 availability;	/* set by bk_auto_score */
	double		 workload;	/* set by bk_auto_score */
	double		 total;		/* set by bk_auto_score */
};

/*
 * When assignment_automation is on, assign the best-scoring eligible
 * mechanic (not exclude_mechanic, which may be NULL) for assignment type
 * `type` (PROTO_ASSIGN_*) to booking b, which the caller has locked, as
 * actor "system", moving the booking per §5.3 and writing the events
 * (b->status follows). It uses the admin endpoint's assign path
 * (bk_db_assignments_create), so every §5.6 rule holds. With no candidate,
 * or when the assignment fails, the savepoint is rolled back, b is left
 * as it was and an auto_assign_failed event {assignment_type, reason} is
 * written instead. Returns -1 only on a database error the caller must
 * fail on. Worker thread.
 */
int	bk_auto_assign(struct bk_db *, struct bk_arena *, struct bk_booking *b,
	    int type, const char *exclude_mechanic, struct bk_err *);

/*
 * Score n candidates for assignment type `type` (§5.15): availability and
 * workload are 1 − (x − min)/(max − min) of hours and score over the
 * candidates (1.0 when all are equal); the total is 0.5·availability +
 * 0.25·skill + 0.25·workload for service, else 0.7·availability +
 * 0.3·workload. Pure.
 */
void	bk_auto_score(struct bk_auto_cand *, int n, int type);
/*
 * The index of the best scored candidate, or -1: highest total, ties
 * broken by skill (service only), availability, workload, then the lowest
 * id; a total of exactly 0 is never chosen. Pure.
 */
int	bk_auto_best(const struct bk_auto_cand *, int n, int type);
/* bk_auto_score, then bk_auto_best. Pure. */
int	bk_auto_pick(struct bk_auto_cand *, int n, int type);

#endif
