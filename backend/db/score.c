/* Mechanic score SQL (SPEC §5.17). The points per kind of work are the
 * table below; each statement credits one mechanic in place. */
#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"
#include "db/score.h"
#include "status.h"

#define SCORE_TRIP	2	/* a pickup, drop or return entry */
#define SCORE_ANALYSIS	3	/* an analysis */

/* $1 progress id, $2 trip points, $3..$5 the trip statuses (pickup, out
 * for delivery, cancelled: the booking status a trip entry is posted in). */
static const char *sql_progress =
    "WITH p AS (SELECT p.mechanic_id,"
    "  coalesce((SELECT sum(s.difficulty) FROM booked_services bs"
    "   JOIN services s ON s.id = bs.service_id"
    "   WHERE bs.completed_by_progress_id = p.id), 0)"
    "  + CASE WHEN p.status_id IN ($3, $4, $5) THEN $2::int ELSE 0 END"
    "  AS pts FROM booking_progress p WHERE p.id = $1)"
    " UPDATE mechanics m SET score = m.score + p.pts FROM p"
    " WHERE m.id = p.mechanic_id RETURNING p.pts";

static const char *sql_analysis =
    "UPDATE mechanics m SET score = m.score + $2::int FROM booking_analysis a"
    " WHERE a.booking_id = $1 AND m.id = a.mechanic_id RETURNING $2::int";

static int
score_run(struct bk_db *db, const char *sql, int np, const char *const *p,
    long *points, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, np, p, err);
	if (res == NULL)
		return -1;
	if (points != NULL)
		*points = PQntuples(res) > 0 ? bk_db_long(res, 0, 0) : 0;
	PQclear(res);
	return 0;
}

int
bk_db_score_progress(struct bk_db *db, long progress_id, long *points,
    struct bk_err *err)
{
	char		 id[24], trip[8], s1[8], s2[8], s3[8];
	const char	*p[5] = { id, trip, s1, s2, s3 };

	snprintf(id, sizeof id, "%ld", progress_id);
	snprintf(trip, sizeof trip, "%d", SCORE_TRIP);
	snprintf(s1, sizeof s1, "%d", PROTO_STATUS_PICKUP);
	snprintf(s2, sizeof s2, "%d", PROTO_STATUS_OUT_FOR_DELIVERY);
	snprintf(s3, sizeof s3, "%d", PROTO_STATUS_CANCELLED);
	return score_run(db, sql_progress, 5, p, points, err);
}

int
bk_db_score_analysis(struct bk_db *db, long booking_id, long *points,
    struct bk_err *err)
{
	char		 id[24], pts[8];
	const char	*p[2] = { id, pts };

	snprintf(id, sizeof id, "%ld", booking_id);
	snprintf(pts, sizeof pts, "%d", SCORE_ANALYSIS);
	return score_run(db, sql_analysis, 2, p, points, err);
}
