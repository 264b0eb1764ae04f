/* Progress SQL. Entries, the services they complete and the JSON shapes
 * are written by PostgreSQL in one statement each; service id lists
 * travel as JSON array text, images as a text[] literal. */
#include <stdio.h>
#include <stdlib.h>

#include "db/bookings.h"
#include "db/conn.h"
#include "db/events.h"
#include "db/progress.h"
#include "status.h"

/* $n (JSON array text) as an int[], in the order given. */
#define IDS(n)	"(SELECT coalesce(array_agg(x.v::int ORDER BY x.n), '{}')" \
	" FROM json_array_elements_text(" n "::json) WITH ORDINALITY" \
	" AS x(v, n))"

#define PROGRESS_JSON "json_build_object('id', p.id, 'mechanic_id'," \
	" p.mechanic_id, 'booking_id', p.booking_id, 'description'," \
	" p.description, 'images', to_json(p.images), 'status_id'," \
	" p.status_id, 'validated', p.validated, 'created_at'," \
	" revcare_ts(p.created_at), 'completed_service_ids'," \
	" to_json(p.completed_service_ids))"

#define PROGRESS_ITEM "json_build_object('id', p.id, 'status', st.name," \
	" 'description', p.description, 'images', to_json(p.images)," \
	" 'mechanic', json_build_object('id', m.id, 'name', m.name)," \
	" 'validated', p.validated, 'completed_service_ids'," \
	" to_json(p.completed_service_ids), 'created_at'," \
	" revcare_ts(p.created_at), 'validated_at', revcare_ts(p.validated_at))"

static const char *sql_holder =
    "SELECT id, assignment_type_id FROM booking_assignment"
    " WHERE booking_id = $1 AND mechanic_id = $2 AND status_id = $3";

static const char *sql_pending =
    "SELECT EXISTS (SELECT 1 FROM booking_progress"
    " WHERE booking_id = $1 AND NOT validated)";

/* $4 confirmed. The first listed id that is neither pending nor this
 * entry's own. */
static const char *sql_check_services =
    "SELECT u.id FROM json_array_elements_text($3::json) WITH ORDINALITY"
    "  AS u(id, n)"
    " WHERE NOT EXISTS (SELECT 1 FROM booked_services bs"
    "  WHERE bs.booking_id = $1 AND bs.service_id::text = u.id"
    "  AND bs.status_id = $4"
    "  AND (NOT bs.completed OR bs.completed_by_progress_id = $2))"
    " ORDER BY u.n LIMIT 1";

/* $2: the offline payment must be collected (checked by the caller's
 * status and method) unless $3 says only a fee row obliges it. */
static const char *sql_check_cash =
    "SELECT NOT ($2::bool OR ($3::bool AND EXISTS (SELECT 1"
    "  FROM offline_payments o WHERE o.booking_id = $1"
    "  AND o.purpose = 'cancellation_fee')))"
    " OR coalesce((SELECT o.status_id = $4 FROM offline_payments o"
    "  WHERE o.booking_id = $1), false)";

static const char *sql_create =
    "WITH p AS (INSERT INTO booking_progress (mechanic_id, booking_id,"
    "  assignment_id, description, images, status_id,"
    "  completed_service_ids)"
    " VALUES ($1, $2, $3, $4, $5::text[], $6, " IDS("$7") ")"
    " RETURNING id, booking_id, completed_service_ids),"
    " s AS (UPDATE booked_services bs SET completed = true,"
    "  completed_at = now(), completed_by_progress_id = p.id FROM p"
    "  WHERE bs.booking_id = p.booking_id"
    "  AND bs.service_id = ANY (p.completed_service_ids))"
    " SELECT id FROM p";

/* $3 completed. */
static const char *sql_close_assignment =
    "UPDATE booking_assignment a SET status_id = $3, completed_at = now()"
    " FROM assignment_types t WHERE a.id = $1 AND a.booking_id = $2"
    " AND t.id = a.assignment_type_id"
    " RETURNING json_build_object('assignment_id', a.id, 'mechanic_id',"
    "  a.mechanic_id, 'assignment_type', t.name)";

static const char *sql_arrive =
    "UPDATE bookings SET car_received = car_received OR $2::bool,"
    " completed_at = CASE WHEN $3::bool THEN now() ELSE completed_at END"
    " WHERE id = $1";

static const char *sql_find =
    "SELECT booking_id FROM booking_progress WHERE id = $1";

static const char *sql_get =
    "SELECT id, booking_id, mechanic_id, status_id, validated,"
    " to_json(completed_service_ids) FROM booking_progress WHERE id = $1";

/* $2 confirmed. */
static const char *sql_work_left =
    "SELECT EXISTS (SELECT 1 FROM booked_services WHERE booking_id = $1"
    " AND status_id = $2 AND NOT completed)";

static const char *sql_validate =
    "UPDATE booking_progress SET validated = true, validated_at = now(),"
    " validated_by = $2 WHERE id = $1 AND NOT validated";

/* The entry first, then (when $4 is given) its services: kept ones stay
 * as they are, added ones are completed now, dropped ones uncompleted. */
static const char *sql_update =
    "WITH p AS (UPDATE booking_progress SET"
    "  description = coalesce($2, description),"
    "  images = coalesce($3::text[], images),"
    "  completed_service_ids = CASE WHEN $4::json IS NULL"
    "   THEN completed_service_ids ELSE " IDS("$4") " END"
    "  WHERE id = $1 RETURNING id, booking_id, completed_service_ids),"
    " s AS (UPDATE booked_services bs SET"
    "  completed = bs.service_id = ANY (p.completed_service_ids),"
    "  completed_at = CASE"
    "   WHEN bs.service_id <> ALL (p.completed_service_ids) THEN NULL"
    "   WHEN bs.completed_by_progress_id = p.id THEN bs.completed_at"
    "   ELSE now() END,"
    "  completed_by_progress_id = CASE"
    "   WHEN bs.service_id = ANY (p.completed_service_ids) THEN p.id END"
    "  FROM p WHERE $4::json IS NOT NULL AND bs.booking_id = p.booking_id"
    "  AND (bs.completed_by_progress_id = p.id"
    "   OR bs.service_id = ANY (p.completed_service_ids)))"
    " SELECT id FROM p";

static const char *sql_json =
    "SELECT " PROGRESS_JSON " FROM booking_progress p WHERE p.id = $1";

static const char *sql_list =
    "WITH f AS (SELECT p.* FROM booking_progress p WHERE p.booking_id = $1"
    "  AND (NOT $2::bool OR p.validated)"
    "  AND ($3::text IS NULL OR strpos(lower(p.description), $3) > 0)),"
    " o AS (SELECT f.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $4 = '-created_at' THEN f.created_at END DESC,"
    "  CASE WHEN $4 = '-created_at' THEN f.id END DESC,"
    "  f.created_at, f.id) AS rn FROM f)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" PROGRESS_ITEM " ORDER BY p.rn)"
    "   FROM (SELECT * FROM o ORDER BY rn LIMIT $5 OFFSET $6) p"
    "   JOIN mechanics m ON m.id = p.mechanic_id"
    "   JOIN status st ON st.id = p.status_id), '[]')";

static void
progress_id(char buf[24], long id)
{
	snprintf(buf, 24, "%ld", id);
}

int
bk_db_progress_holder(struct bk_db *db, long booking_id,
    const char *mechanic_id, long *assignment_id, int *type,
    struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24], st[8];
	const char	*p[3] = { bid, mechanic_id, st };
	int		 rc = -1;

	progress_id(bid, booking_id);
	snprintf(st, sizeof st, "%d", PROTO_STATUS_ASSIGNED);
	res = bk_db_query(db, sql_holder, 3, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 403, "Trying to access other mechanic "
		    "assignments.");
	else {
		*assignment_id = bk_db_long(res, 0, 0);
		*type = (int)bk_db_long(res, 0, 1);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_progress_pending(struct bk_db *db, long booking_id, bool *pending,
    struct bk_err *err)
{
	char		 bid[24];
	const char	*p[1] = { bid };

	progress_id(bid, booking_id);
	return bk_db_bool1(db, sql_pending, 1, p, pending, err);
}

int
bk_db_progress_check_services(struct bk_db *db, struct bk_arena *a,
    long booking_id, long progress, const char *ids, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24], pid[24], st[8];
	const char	*p[4] = { bid, pid, ids, st };
	int		 rc = 0;

	progress_id(bid, booking_id);
	progress_id(pid, progress);
	snprintf(st, sizeof st, "%d", PROTO_STATUS_CONFIRMED);
	res = bk_db_query(db, sql_check_services, 4, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) > 0)
		rc = bk_err_set(err, 400, bk_arena_printf(a, "Service %s is "
		    "not a confirmed pending service of this booking.",
		    PQgetvalue(res, 0, 0)));
	PQclear(res);
	return rc;
}

int
bk_db_progress_check_cash(struct bk_db *db, const struct bk_booking *b,
    struct bk_err *err)
{
	char		 bid[24], st[8];
	const char	*p[4];
	bool		 ok;

	progress_id(bid, b->id);
	snprintf(st, sizeof st, "%d", PROTO_STATUS_SUCCESS);
	p[0] = bid;
	/* payment method 2 is offline (SPEC §4.4) */
	p[1] = b->status == PROTO_STATUS_OUT_FOR_DELIVERY &&
	    b->payment_method_id == 2 ? "true" : "false";
	p[2] = b->status == PROTO_STATUS_CANCELLED ? "true" : "false";
	p[3] = st;
	if (bk_db_bool1(db, sql_check_cash, 4, p, &ok, err) != 0)
		return -1;
	if (!ok)
		return bk_err_set(err, 400, "Payment not yet made. Collect "
		    "cash from customer.");
	return 0;
}

int
bk_db_progress_create(struct bk_db *db, const struct bk_booking *b,
    const char *mechanic_id, long assignment_id, const char *description,
    const char *images, const char *ids, long *id, struct bk_err *err)
{
	char		 bid[24], aid[24], st[8];
	const char	*p[7] = { mechanic_id, bid, aid, description,
			    images, st, ids };

	progress_id(bid, b->id);
	progress_id(aid, assignment_id);
	snprintf(st, sizeof st, "%d", b->status);
	return bk_db_long1(db, sql_create, 7, p, id, err);
}

int
bk_db_progress_close_assignment(struct bk_db *db, long booking_id,
    long assignment_id, const char *actor, int actor_role,
    struct bk_err *err)
{
	PGresult	*res;
	char		 aid[24], bid[24], st[8];
	const char	*p[3] = { aid, bid, st };
	int		 rc = -1;

	progress_id(aid, assignment_id);
	progress_id(bid, booking_id);
	snprintf(st, sizeof st, "%d", PROTO_STATUS_COMPLETED);
	res = bk_db_query(db, sql_close_assignment, 3, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 500, NULL);
	else
		rc = bk_db_events_add(db, booking_id, "assignment_completed",
		    actor, actor_role, PQgetvalue(res, 0, 0), NULL, err);
	PQclear(res);
	return rc;
}

int
bk_db_progress_arrive(struct bk_db *db, long booking_id, int to,
    struct bk_err *err)
{
	char		 bid[24];
	const char	*p[3];

	if (to != PROTO_STATUS_RECEIVED && to != PROTO_STATUS_DELIVERED)
		return 0;
	progress_id(bid, booking_id);
	p[0] = bid;
	p[1] = to == PROTO_STATUS_RECEIVED ? "true" : "false";
	p[2] = to == PROTO_STATUS_DELIVERED ? "true" : "false";
	return bk_db_exec(db, sql_arrive, 3, p, err);
}

int
bk_db_progress_lock(struct bk_db *db, struct bk_arena *a, long id,
    struct bk_booking *b, struct bk_progress *pr, const char *not_found,
    struct bk_err *err)
{
	PGresult	*res;
	char		 pid[24];
	const char	*p[1] = { pid };
	long		 booking_id;

	progress_id(pid, id);
	res = bk_db_query(db, sql_find, 1, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return bk_err_set(err, 404, not_found);
	}
	booking_id = bk_db_long(res, 0, 0);
	PQclear(res);
	if (bk_db_bookings_lock(db, a, booking_id, b, NULL, err) != 0)
		return -1;
	/* every change to an entry happens under its booking's lock */
	res = bk_db_query(db, sql_get, 1, p, err);
	if (res == NULL)
		return -1;
	pr->id = bk_db_long(res, 0, 0);
	pr->booking_id = bk_db_long(res, 0, 1);
	pr->mechanic_id = bk_db_str(a, res, 0, 2);
	pr->status = (int)bk_db_long(res, 0, 3);
	pr->validated = bk_db_bool(res, 0, 4);
	pr->completed = bk_db_str(a, res, 0, 5);
	PQclear(res);
	return 0;
}

int
bk_db_progress_work_left(struct bk_db *db, long booking_id, bool *left,
    struct bk_err *err)
{
	char		 bid[24], st[8];
	const char	*p[2] = { bid, st };

	progress_id(bid, booking_id);
	snprintf(st, sizeof st, "%d", PROTO_STATUS_CONFIRMED);
	return bk_db_bool1(db, sql_work_left, 2, p, left, err);
}

int
bk_db_progress_validate(struct bk_db *db, long id, const char *actor,
    struct bk_err *err)
{
	char		 pid[24];
	const char	*p[2] = { pid, actor };

	progress_id(pid, id);
	return bk_db_exec(db, sql_validate, 2, p, err);
}

int
bk_db_progress_update(struct bk_db *db, long id, const char *description,
    const char *images, const char *ids, struct bk_err *err)
{
	char		 pid[24];
	const char	*p[4] = { pid, description, images, ids };

	progress_id(pid, id);
	return bk_db_exec(db, sql_update, 4, p, err);
}

int
bk_db_progress_json(struct bk_db *db, struct bk_arena *a, long id,
    const char **json, struct bk_err *err)
{
	char		 pid[24];
	const char	*p[1] = { pid };

	progress_id(pid, id);
	return bk_db_value_or_404(db, a, sql_json, 1, p, json,
	    "Progress record not found", err);
}

int
bk_db_progress_list(struct bk_db *db, struct bk_arena *a, long booking_id,
    bool validated_only, const struct bk_page *pg, const char **json,
    long *total, struct bk_err *err)
{
	char		 bid[24], lim[24], off[24];
	const char	*p[6];

	progress_id(bid, booking_id);
	snprintf(lim, sizeof lim, "%ld", pg->limit);
	snprintf(off, sizeof off, "%ld", pg->offset);
	p[0] = bid;
	p[1] = validated_only ? "true" : "false";
	p[2] = pg->q;
	p[3] = pg->sort;
	p[4] = lim;
	p[5] = off;
	return bk_db_list(db, a, sql_list, 6, p, json, total, err);
}
