/* Automatic assignment (SPEC §5.15).
 *
 * A trigger (booking created, progress validated, services confirmed,
 * cancellation with the car at the shop, an assignment released) calls
 * bk_auto_assign inside its own transaction with the booking locked. The
 * candidates are the live, active mechanics that pass every per-mechanic
 * rule of §5.6 (ability, one active service or analysis job); the pure
 * scoring below picks one, and the admin endpoint's own assign path
 * (bk_db_assignments_create) assigns him, re-checking every rule. All of it
 * runs under a savepoint: when nobody fits or the assignment fails, only
 * the savepoint is rolled back and an auto_assign_failed event tells the
 * admins, so the triggering request still stands. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "automation.h"
#include "db/assignments.h"
#include "db/bookings.h"
#include "db/conn.h"
#include "db/events.h"
#include "db/settings.h"
#include "status.h"

/* Totals closer than this are a tie (they are sums of a few products). */
#define AUTO_EPSILON	1e-9

static const char *auto_no_candidate = "No eligible mechanic.";

/* 1 − (x − min)/(max − min), or 1.0 when every value is the same. */
static double
auto_invert(double x, double min, double max)
{
	if (max - min <= 0)
		return 1.0;
	return 1.0 - (x - min) / (max - min);
}

void
bk_auto_score(struct bk_auto_cand *c, int n, int type)
{
	double	hmin, hmax, smin, smax;
	int	i;

	if (n <= 0)
		return;
	hmin = hmax = c[0].hours;
	smin = smax = (double)c[0].score;
	for (i = 1; i < n; i++) {
		if (c[i].hours < hmin)
			hmin = c[i].hours;
		if (c[i].hours > hmax)
			hmax = c[i].hours;
		if ((double)c[i].score < smin)
			smin = (double)c[i].score;
		if ((double)c[i].score > smax)
			smax = (double)c[i].score;
	}
	for (i = 0; i < n; i++) {
		c[i].availability = auto_invert(c[i].hours, hmin, hmax);
		c[i].workload = auto_invert((double)c[i].score, smin, smax);
		if (type == PROTO_ASSIGN_SERVICE)
			c[i].total = 0.5 * c[i].availability +
			    0.25 * c[i].skill + 0.25 * c[i].workload;
		else
			c[i].total = 0.7 * c[i].availability +
			    0.3 * c[i].workload;
	}
}

/* <0, 0, >0 as x is below, equal to (within epsilon) or above y. */
static int
auto_cmp_double(double x, double y)
{
	if (x - y > AUTO_EPSILON)
		return 1;
	if (y - x > AUTO_EPSILON)
		return -1;
	return 0;
}

/* Mechanic ids compare as numbers: a longer id is a larger one
 * (MEC999999 < MEC1000000). */
static int
auto_cmp_id(const char *x, const char *y)
{
	size_t	lx = strlen(x), ly = strlen(y);

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/* Whether candidate x beats candidate y. */
static bool
auto_better(const struct bk_auto_cand *x, const struct bk_auto_cand *y,
    int type)
{
	int	d;

	d = auto_cmp_double(x->total, y->total);
	if (d == 0 && type == PROTO_ASSIGN_SERVICE)
		d = auto_cmp_double(x->skill, y->skill);
	if (d == 0)
		d = auto_cmp_double(x->availability, y->availability);
	if (d == 0)
		d = auto_cmp_double(x->workload, y->workload);
	if (d == 0)
		d = auto_cmp_id(y->id, x->id);	/* the lower id wins */
	return d > 0;
}

int
bk_auto_best(const struct bk_auto_cand *c, int n, int type)
{
	int	i, best = -1;

	for (i = 0; i < n; i++) {
		if (!(c[i].total > 0))
			continue;
		if (best < 0 || auto_better(&c[i], &c[best], type))
			best = i;
	}
	return best;
}

int
bk_auto_pick(struct bk_auto_cand *c, int n, int type)
{
	bk_auto_score(c, n, type);
	return bk_auto_best(c, n, type);
}

/* Find and assign the best candidate; err says why not. */
static int
auto_attempt(struct bk_db *db, struct bk_arena *a, struct bk_booking *b,
    int type, const char *exclude, struct bk_err *err)
{
	struct bk_auto_cand	*c;
	struct bk_assign	 as;
	int			 n, i;

	if (bk_db_assignments_candidates(db, a, b->id, type, exclude, &c, &n,
	    err) != 0)
		return -1;
	i = bk_auto_pick(c, n, type);
	if (i < 0)
		return bk_err_set(err, 400, auto_no_candidate);
	memset(&as, 0, sizeof as);
	as.mechanic_id = c[i].id;
	as.type = type;
	as.note = bk_arena_printf(a, "automated assignment for %s",
	    proto_assignment_type_name(type));
	as.automatic = true;
	as.actor = "system";
	as.actor_role = 0;
	return bk_db_assignments_create(db, a, b, &as, NULL, err);
}

/* The auto_assign_failed event {assignment_type, reason}. */
static int
auto_failed(struct bk_db *db, long booking_id, int type, const char *reason,
    struct bk_err *err)
{
	cJSON	*o;
	char	*data;
	int	 rc;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "assignment_type",
	    proto_assignment_type_name(type));
	cJSON_AddStringToObject(o, "reason", reason);
	data = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	rc = bk_db_events_add(db, booking_id, "auto_assign_failed", "system",
	    0, data, NULL, err);
	free(data);
	return rc;
}

int
bk_auto_assign(struct bk_db *db, struct bk_arena *a, struct bk_booking *b,
    int type, const char *exclude_mechanic, struct bk_err *err)
{
	struct bk_err	 e;
	bool		 on;
	int		 status = b->status, rc = -1;

	if (proto_assignment_type_name(type) == NULL)
		return 0;	/* custom types are never automatic */
	memset(&e, 0, sizeof e);
	if (bk_db_settings_get(db, BK_SETTING_ASSIGNMENT, &on, &e) != 0) {
		rc = auto_failed(db, b->id, type,
		    "The automation setting could not be read.", err);
		goto out;
	}
	if (!on) {
		rc = 0;
		goto out;
	}
	if (bk_db_exec(db, "SAVEPOINT bk_auto_assign", 0, NULL, err) != 0)
		goto out;
	if (auto_attempt(db, a, b, type, exclude_mechanic, &e) == 0) {
		rc = bk_db_exec(db, "RELEASE SAVEPOINT bk_auto_assign", 0,
		    NULL, err);
		goto out;
	}
	if (bk_db_exec(db, "ROLLBACK TO SAVEPOINT bk_auto_assign", 0, NULL,
	    err) != 0 || bk_db_exec(db, "RELEASE SAVEPOINT bk_auto_assign", 0,
	    NULL, err) != 0)
		goto out;
	/* A deadlock inside the savepoint is over: do not retry the
	 * request that has survived it. */
	db->retry = false;
	b->status = status;
	rc = auto_failed(db, b->id, type, e.detail != NULL ? e.detail :
	    auto_no_candidate, err);
out:
	bk_err_cleanup(&e);
	return rc;
}
