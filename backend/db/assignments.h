/* Assignments SQL (SPEC §5.6, §5.7, §5.15, §8.10): the one assign path the
 * admin endpoint and the automation share, release, the mechanic's list,
 * and the candidates of an automatic assignment. */
#ifndef BK_DB_ASSIGNMENTS_H
#define BK_DB_ASSIGNMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "http.h"
#include "validate.h"

struct bk_db;
struct bk_booking;
struct bk_auto_cand;

/* Who is assigned, how and by whom. Strings outlive the call. */
struct bk_assign {
	const char	*mechanic_id;
	int		 type;		/* assignment_types.id */
	const char	*note;
	bool		 automatic;
	const char	*actor;		/* user id, or "system" */
	int		 actor_role;	/* 1..3, or 0 for the system */
};

/*
 * Assign as->mechanic_id to booking b, which the caller has locked
 * (bk_db_bookings_lock: §5.6 check 1), after checks 2–8 of §5.6 in order,
 * each with SPEC's status and detail; the state machine row comes from
 * proto_fsm_assign_action (who: the actor's role, or the system). Writes
 * the assignment (assigned), the `assigned` event, and moves the booking
 * per §5.3 (status_changed); b->status follows. A concurrent winner found
 * by the unique indexes gives the same refusal as the checks. *json (may
 * be NULL) receives the MechanicAssignmentResponse text in arena.
 */
int	bk_db_assignments_create(struct bk_db *, struct bk_arena *,
	    struct bk_booking *b, const struct bk_assign *,
	    const char **json, struct bk_err *);

/* The booking of assignment id; 404 "Assignment not found." */
int	bk_db_assignments_booking(struct bk_db *, long id, long *booking_id,
	    struct bk_err *);

/* What a release freed, for the automatic re-assignment. */
struct bk_release {
	const char	*mechanic_id;	/* arena */
	int		 type;
};

/*
 * Release active assignment id of booking b (locked by the caller) with
 * reason, by actor (role 1 admin, 2 mechanic: only his own, before posting
 * anything on it, else 403 "Operation not permitted."); 400 "Assignment
 * is not active." Moves the booking per the state machine's release row
 * (T13) and writes assignment_released (+ status_changed). *json receives
 * the MechanicAssignmentResponse text in arena.
 */
int	bk_db_assignments_release(struct bk_db *, struct bk_arena *,
	    struct bk_booking *b, long id, const char *reason,
	    const char *actor, int actor_role, struct bk_release *out,
	    const char **json, struct bk_err *);

/* Filters of the mechanic's list. */
struct bk_assign_filter {
	const char	*mechanic_id;	/* whose list */
	int		 status;	/* 0: any; else 11, 7 or 17 */
};

/*
 * One page of a mechanic's assignments, newest first by default, as the
 * JSON array of §8.10 (booking, car, places, customer) built in one
 * statement; *total is the count before paging, *head the highest event
 * seq the same snapshot sees (X-Event-Seq). q matches the booking id, the
 * customer's name and the registration.
 */
int	bk_db_assignments_list(struct bk_db *, struct bk_arena *,
	    const struct bk_assign_filter *, const struct bk_page *,
	    const char **json, long *total, int64_t *head, struct bk_err *);

/*
 * The candidates of an automatic assignment of type to booking bid: live,
 * active mechanics other than exclude (may be NULL) with the ability of
 * §5.3 and, for service and analysis, no active job of that type; with
 * their active hours, score and (service) skill. *out is in arena.
 */
int	bk_db_assignments_candidates(struct bk_db *, struct bk_arena *,
	    long bid, int type, const char *exclude,
	    struct bk_auto_cand **out, int *n, struct bk_err *);

#endif
