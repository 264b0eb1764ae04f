/* Assignments SQL: the facts §5.6 checks, the insert guarded by the
 * partial unique indexes, release, the mechanic's list and the candidates
 * of §5.15. JSON is built by PostgreSQL; values travel as parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "db/assignments.h"
#include "db/bookings.h"
#include "db/conn.h"
#include "db/events.h"
#include "fsm.h"
#include "role.h"
#include "status.h"

/* Confirmed services of booking <b> not yet completed. */
#define REMAINING(b) \
	" FROM booked_services bs JOIN services s ON s.id = bs.service_id" \
	" WHERE bs.booking_id = " b " AND bs.status_id = 12" \
	" AND NOT bs.completed"

/*
 * Everything checks 2–8 need, for booking $1, type $2, mechanic $3:
 * 0 type exists, 1 type name, 2 mechanic live and active, 3 pickup_drop,
 * 4 analysis, 5 newest progress validated (or none), 6 active assignment
 * on the booking, 7 remaining services, 8 mechanic has a remaining
 * service's category, 9 return drop possible (car received, no return
 * drop since the cancellation), 10 mechanic holds an active job of this
 * type, 11 booking status.
 */
static const char *sql_facts =
    "SELECT t.id IS NOT NULL, t.name, m.id IS NOT NULL,"
    " coalesce(m.pickup_drop, false), coalesce(m.analysis, false),"
    " coalesce((SELECT p.validated FROM booking_progress p"
    "  WHERE p.booking_id = b.id"
    "  ORDER BY p.created_at DESC, p.id DESC LIMIT 1), true),"
    " EXISTS (SELECT 1 FROM booking_assignment a"
    "  WHERE a.booking_id = b.id AND a.status_id = 11),"
    " (SELECT count(*)" REMAINING("b.id") "),"
    " EXISTS (SELECT 1" REMAINING("b.id")
    "  AND s.category_id IN (SELECT c.service_category_id"
    "   FROM mechanic_service_categories c WHERE c.mechanic_id = m.id)),"
    " b.car_received AND NOT EXISTS (SELECT 1 FROM booking_assignment a"
    "  WHERE a.booking_id = b.id AND a.assignment_type_id = 2"
    "  AND a.status_id <> 17 AND a.assigned_at >= b.cancelled_at),"
    " EXISTS (SELECT 1 FROM booking_assignment a WHERE a.mechanic_id = m.id"
    "  AND a.assignment_type_id = $2::int AND a.status_id = 11),"
    " b.status_id"
    " FROM bookings b"
    " LEFT JOIN assignment_types t ON t.id = $2::int"
    " LEFT JOIN (mechanics m JOIN users u ON u.id = m.id"
    "  AND u.deleted_at IS NULL AND u.is_active)"
    "  ON m.id = $3::text AND m.deleted_at IS NULL"
    " WHERE b.id = $1::int";

#define ASSIGNMENT_JSON \
	"json_build_object('id', a.id, 'mechanic_id', a.mechanic_id," \
	" 'booking_id', a.booking_id, 'assignment_type_id'," \
	" a.assignment_type_id, 'note', a.note, 'status_id', a.status_id," \
	" 'assigned_at', revcare_ts(a.assigned_at))"

/* Both partial unique indexes are arbiters: a concurrent winner makes
 * this insert return no row instead of failing. */
static const char *sql_insert =
    "WITH a AS (INSERT INTO booking_assignment (mechanic_id, booking_id,"
    "  assignment_type_id, note, automatic, assigned_by)"
    " VALUES ($1, $2::int, $3::int, $4, $5::bool, $6)"
    " ON CONFLICT DO NOTHING RETURNING *)"
    " SELECT " ASSIGNMENT_JSON ","
    " json_build_object('assignment_id', a.id, 'mechanic_id', a.mechanic_id,"
    "  'mechanic_name', m.name, 'assignment_type', t.name,"
    "  'automatic', a.automatic)"
    " FROM a JOIN mechanics m ON m.id = a.mechanic_id"
    " JOIN assignment_types t ON t.id = a.assignment_type_id";

static const char *sql_active =
    "SELECT EXISTS (SELECT 1 FROM booking_assignment"
    " WHERE booking_id = $1::int AND status_id = 11)";

static const char *sql_booking_of =
    "SELECT booking_id FROM booking_assignment WHERE id = $1::int";

/* Has anything been posted on assignment <a>? */
#define POSTED(a) \
	"(EXISTS (SELECT 1 FROM booking_progress p WHERE p.assignment_id = " \
	a ") OR EXISTS (SELECT 1 FROM booking_analysis x" \
	" WHERE x.assignment_id = " a "))"

/* $3: the releasing mechanic, NULL for an admin. */
static const char *sql_release =
    "WITH a AS (UPDATE booking_assignment a SET status_id = 17,"
    "  released_at = now(), release_reason = $2"
    " WHERE a.id = $1::int AND a.status_id = 11"
    "  AND ($3::text IS NULL OR (a.mechanic_id = $3 AND NOT " POSTED("a.id")
    "))"
    " RETURNING *)"
    " SELECT a.mechanic_id, a.assignment_type_id, " ASSIGNMENT_JSON ","
    " json_build_object('assignment_id', a.id, 'mechanic_id', a.mechanic_id,"
    "  'assignment_type', t.name, 'reason', a.release_reason)"
    " FROM a JOIN assignment_types t ON t.id = a.assignment_type_id";

/* Why sql_release changed nothing: active, the caller's, posted. */
static const char *sql_release_why =
    "SELECT a.status_id = 11, a.mechanic_id = $2, " POSTED("a.id")
    " FROM booking_assignment a WHERE a.id = $1::int";

#define PLACE_JSON(d, ts, ad, ar) \
	"json_build_object('date', " d ", 'timeslot', " ts ".name," \
	" 'address', json_build_object('line1', " ad ".line1," \
	" 'line2', " ad ".line2, 'area', " ar ".name," \
	" 'pincode', " ar ".pincode))"

/*
 * $1 mechanic, $2 status (NULL: any), $3 q, $4 sort, $5 limit, $6 offset.
 * One statement whatever the page holds; its snapshot also gives the
 * event head, so X-Event-Seq matches the page exactly.
 */
static const char *sql_list =
    "WITH f AS (SELECT a.* FROM booking_assignment a"
    "  JOIN bookings b ON b.id = a.booking_id"
    "  JOIN customers c ON c.id = b.customer_id"
    " WHERE a.mechanic_id = $1 AND ($2::int IS NULL OR a.status_id = $2::int)"
    "  AND ($3::text IS NULL OR a.booking_id::text = $3"
    "   OR strpos(lower(c.name), $3) > 0"
    "   OR strpos(lower(b.car_reg_number), $3) > 0)),"
    " p AS (SELECT f.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $4 = 'assigned_at' THEN f.assigned_at END,"
    "  CASE WHEN $4 = 'id' THEN f.id END,"
    "  CASE WHEN $4 = '-id' THEN f.id END DESC,"
    "  CASE WHEN $4 = 'booking_id' THEN f.booking_id END,"
    "  CASE WHEN $4 = '-booking_id' THEN f.booking_id END DESC,"
    "  f.assigned_at DESC, f.id DESC) AS rn FROM f)"
    " SELECT (SELECT count(*) FROM f), coalesce((SELECT json_agg("
    "  json_build_object('id', a.id, 'booking_id', a.booking_id,"
    "  'assignment_type', t.name, 'status', st.name, 'note', a.note,"
    "  'assigned_at', revcare_ts(a.assigned_at), 'booking_status', bs.name,"
    "  'car', json_build_object('manufacturer', mf.name, 'model', cm.model,"
    "   'reg_no', b.car_reg_number, 'img', cm.img),"
    "  'pickup', " PLACE_JSON("b.pickup_date", "pt", "pa", "par") ","
    "  'drop', " PLACE_JSON("b.drop_date", "dt", "da", "dar") ","
    "  'customer', json_build_object('name', c.name, 'phone', u.phone))"
    "  ORDER BY a.rn)"
    " FROM (SELECT * FROM p ORDER BY rn LIMIT $5 OFFSET $6) a"
    " JOIN assignment_types t ON t.id = a.assignment_type_id"
    " JOIN status st ON st.id = a.status_id"
    " JOIN bookings b ON b.id = a.booking_id"
    " JOIN status bs ON bs.id = b.status_id"
    " JOIN customer_cars cc ON cc.id = b.customer_car_id"
    " JOIN cars cm ON cm.id = cc.car_model_id"
    " JOIN manufacturers mf ON mf.id = cm.manufacturer_id"
    " JOIN timeslots pt ON pt.id = b.pickup_timeslot_id"
    " JOIN addresses pa ON pa.id = b.pickup_address_id"
    " JOIN areas par ON par.id = pa.area_id"
    " JOIN timeslots dt ON dt.id = b.drop_timeslot_id"
    " JOIN addresses da ON da.id = b.drop_address_id"
    " JOIN areas dar ON dar.id = da.area_id"
    " JOIN customers c ON c.id = b.customer_id"
    " JOIN users u ON u.id = c.id), '[]'),"
    " (SELECT coalesce(max(seq), 0) FROM booking_events)";

/*
 * $1 booking, $2 type, $3 mechanic to leave out (NULL: none). The rules
 * per mechanic of §5.6 (3, 6, 8); hours from revcare_mechanic_hours
 * (assets/sql/006_assignments.sql); skill = remaining categories he has /
 * remaining categories.
 */
static const char *sql_candidates =
    "WITH rem AS (SELECT DISTINCT s.category_id" REMAINING("$1::int") ")"
    " SELECT m.id, revcare_mechanic_hours(m.id), m.score,"
    " (SELECT count(*) FROM rem JOIN mechanic_service_categories c"
    "  ON c.service_category_id = rem.category_id AND c.mechanic_id = m.id),"
    " (SELECT count(*) FROM rem)"
    " FROM mechanics m JOIN users u ON u.id = m.id"
    " WHERE m.deleted_at IS NULL AND u.deleted_at IS NULL AND u.is_active"
    "  AND ($3::text IS NULL OR m.id <> $3)"
    "  AND CASE $2::int WHEN 1 THEN m.pickup_drop WHEN 2 THEN m.pickup_drop"
    "   WHEN 4 THEN m.analysis"
    "   WHEN 3 THEN EXISTS (SELECT 1 FROM rem JOIN"
    "    mechanic_service_categories c ON c.service_category_id ="
    "    rem.category_id AND c.mechanic_id = m.id)"
    "   ELSE false END"
    "  AND NOT ($2::int IN (3, 4) AND EXISTS (SELECT 1"
    "   FROM booking_assignment a WHERE a.mechanic_id = m.id"
    "   AND a.assignment_type_id = $2::int AND a.status_id = 11))"
    " ORDER BY m.id";

/* The facts of sql_facts, decoded. */
struct assign_facts {
	bool		 type_ok;
	const char	*type_name;
	bool		 mechanic_ok;
	bool		 pickup_drop;
	bool		 analysis;
	bool		 progress_ok;
	bool		 active;
	long		 remaining;
	bool		 skilled;
	bool		 return_ok;
	bool		 busy;
	int		 status;
};

static int
assign_facts_get(struct bk_db *db, struct bk_arena *a, long bid, int type,
    const char *mechanic_id, struct assign_facts *f, struct bk_err *err)
{
	PGresult	*res;
	char		 sbid[24], stype[24];
	const char	*p[3] = { sbid, stype, mechanic_id };
	int		 rc = -1;

	snprintf(sbid, sizeof sbid, "%ld", bid);
	snprintf(stype, sizeof stype, "%d", type);
	res = bk_db_query(db, sql_facts, 3, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 404, "Booking not found.");
	else {
		f->type_ok = bk_db_bool(res, 0, 0);
		f->type_name = bk_db_str(a, res, 0, 1);
		f->mechanic_ok = bk_db_bool(res, 0, 2);
		f->pickup_drop = bk_db_bool(res, 0, 3);
		f->analysis = bk_db_bool(res, 0, 4);
		f->progress_ok = bk_db_bool(res, 0, 5);
		f->active = bk_db_bool(res, 0, 6);
		f->remaining = bk_db_long(res, 0, 7);
		f->skilled = bk_db_bool(res, 0, 8);
		f->return_ok = bk_db_bool(res, 0, 9);
		f->busy = bk_db_bool(res, 0, 10);
		f->status = (int)bk_db_long(res, 0, 11);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

/* The state machine's conditions, from the facts. */
static bool
assign_cond(enum proto_fsm_cond c, void *arg)
{
	const struct assign_facts	*f = arg;

	switch (c) {
	case PROTO_COND_WORK_LEFT:
		return f->remaining > 0;
	case PROTO_COND_NO_WORK_LEFT:
		return f->remaining == 0;
	case PROTO_COND_CAR_RECEIVED:
		return f->return_ok;
	case PROTO_COND_NONE:
		break;
	}
	return true;
}

/* §5.6 check 6: the mechanic's ability for the type (§5.3). */
static int
assign_check_ability(const struct assign_facts *f, int type,
    struct bk_err *err)
{
	switch (type) {
	case PROTO_ASSIGN_ANALYSIS:
		if (!f->analysis)
			return bk_err_set(err, 400,
			    "Mechanic is not qualified for analysis.");
		break;
	case PROTO_ASSIGN_PICKUP:
	case PROTO_ASSIGN_DROP:
		if (!f->pickup_drop)
			return bk_err_set(err, 400,
			    "Mechanic is not qualified for pickup or drop.");
		break;
	case PROTO_ASSIGN_SERVICE:
		/* with nothing left, check 7 says so */
		if (f->remaining > 0 && !f->skilled)
			return bk_err_set(err, 400, "Mechanic is not qualified "
			    "for the remaining services.");
		break;
	}
	return 0;
}

/* §5.6 checks 2–8 in order; *row receives the state machine's row. */
static int
assign_check(struct bk_arena *a, struct assign_facts *f, int type,
    unsigned who, const struct proto_fsm_row **row, struct bk_err *err)
{
	int	action = proto_fsm_assign_action(type);

	if (!f->type_ok)
		return bk_err_set(err, 404, "Assignment type not found or "
		    "Booking is in invalid state.");
	if (!f->mechanic_ok)
		return bk_err_set(err, 404, "Mechanic not found.");
	if (!f->progress_ok)
		return bk_err_set(err, 400, "Validate and update previous "
		    "progress to customer before assigning.");
	if (f->active)
		return bk_err_set(err, 400, "Already assigned to a mechanic.");
	if (assign_check_ability(f, type, err) != 0)
		return -1;
	*row = action < 0 ? NULL : proto_fsm_find(f->status, action, who,
	    assign_cond, f);
	if (*row == NULL) {
		if (type == PROTO_ASSIGN_SERVICE && f->remaining == 0 &&
		    proto_fsm_allowed(f->status, action, who))
			return bk_err_set(err, 400,
			    "No services remain to be done.");
		return bk_err_set(err, 400,
		    "Attempting invalid state transition");
	}
	if ((type == PROTO_ASSIGN_SERVICE || type == PROTO_ASSIGN_ANALYSIS) &&
	    f->busy)
		return bk_err_set(err, 409, bk_arena_printf(a, "Mechanic "
		    "already has an active %s assignment.", f->type_name));
	return 0;
}

/* The insert lost to a concurrent one: tell which index refused it. */
static int
assign_conflict(struct bk_db *db, struct bk_arena *a, long bid,
    const struct assign_facts *f, struct bk_err *err)
{
	PGresult	*res;
	char		 sbid[24];
	const char	*p[1] = { sbid };
	bool		 active;

	snprintf(sbid, sizeof sbid, "%ld", bid);
	res = bk_db_query(db, sql_active, 1, p, err);
	if (res == NULL)
		return -1;
	active = bk_db_bool(res, 0, 0);
	PQclear(res);
	if (active)
		return bk_err_set(err, 400, "Already assigned to a mechanic.");
	return bk_err_set(err, 409, bk_arena_printf(a, "Mechanic already has "
	    "an active %s assignment.", f->type_name));
}

int
bk_db_assignments_create(struct bk_db *db, struct bk_arena *a,
    struct bk_booking *b, const struct bk_assign *as, const char **json,
    struct bk_err *err)
{
	const struct proto_fsm_row	*row = NULL;
	struct assign_facts		 f;
	PGresult			*res;
	char				 sbid[24], stype[24];
	const char			*p[6], *data;
	unsigned			 who;
	int				 rc = -1;

	who = as->actor_role == 0 ? PROTO_WHO_SYSTEM :
	    proto_fsm_who(as->actor_role);
	if (assign_facts_get(db, a, b->id, as->type, as->mechanic_id, &f,
	    err) != 0)
		return -1;
	b->status = f.status;
	if (assign_check(a, &f, as->type, who, &row, err) != 0)
		return -1;
	snprintf(sbid, sizeof sbid, "%ld", b->id);
	snprintf(stype, sizeof stype, "%d", as->type);
	p[0] = as->mechanic_id;
	p[1] = sbid;
	p[2] = stype;
	p[3] = as->note;
	p[4] = as->automatic ? "true" : "false";
	p[5] = as->actor;
	res = bk_db_query(db, sql_insert, 6, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return assign_conflict(db, a, b->id, &f, err);
	}
	if (json != NULL)
		*json = bk_db_str(a, res, 0, 0);
	data = bk_db_str(a, res, 0, 1);
	PQclear(res);
	if (bk_db_events_add(db, b->id, "assigned", as->actor, as->actor_role,
	    data, NULL, err) == 0 &&
	    bk_db_bookings_set_status(db, b, row->to, as->actor,
	    as->actor_role, err) == 0)
		rc = 0;
	return rc;
}

int
bk_db_assignments_booking(struct bk_db *db, long id, long *booking_id,
    struct bk_err *err)
{
	PGresult	*res;
	char		 sid[24];
	const char	*p[1] = { sid };
	int		 rc = -1;

	snprintf(sid, sizeof sid, "%ld", id);
	res = bk_db_query(db, sql_booking_of, 1, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 404, "Assignment not found.");
	else {
		*booking_id = bk_db_long(res, 0, 0);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

/* sql_release changed nothing: 403 (not his, or posted) or 400. */
static int
release_refusal(struct bk_db *db, const char *sid, const char *actor,
    bool mechanic, struct bk_err *err)
{
	PGresult	*res;
	const char	*p[2] = { sid, actor };
	bool		 active, own, posted;

	res = bk_db_query(db, sql_release_why, 2, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return bk_err_set(err, 404, "Assignment not found.");
	}
	active = bk_db_bool(res, 0, 0);
	own = bk_db_bool(res, 0, 1);
	posted = bk_db_bool(res, 0, 2);
	PQclear(res);
	if (mechanic && !own)
		return bk_err_set(err, 403, "Operation not permitted.");
	if (!active)
		return bk_err_set(err, 400, "Assignment is not active.");
	if (mechanic && posted)
		return bk_err_set(err, 403, "Operation not permitted.");
	return bk_err_set(err, 400, "Assignment is not active.");
}

int
bk_db_assignments_release(struct bk_db *db, struct bk_arena *a,
    struct bk_booking *b, long id, const char *reason, const char *actor,
    int actor_role, struct bk_release *out, const char **json,
    struct bk_err *err)
{
	const struct proto_fsm_row	*row;
	PGresult			*res;
	char				 sid[24];
	const char			*p[3], *data;
	bool				 mechanic;

	mechanic = actor_role == PROTO_ROLE_MECHANIC;
	snprintf(sid, sizeof sid, "%ld", id);
	p[0] = sid;
	p[1] = reason;
	p[2] = mechanic ? actor : NULL;
	res = bk_db_query(db, sql_release, 3, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return release_refusal(db, sid, actor, mechanic, err);
	}
	out->mechanic_id = bk_db_str(a, res, 0, 0);
	out->type = (int)bk_db_long(res, 0, 1);
	*json = bk_db_str(a, res, 0, 2);
	data = bk_db_str(a, res, 0, 3);
	PQclear(res);
	row = proto_fsm_find(b->status, PROTO_ACT_RELEASE,
	    proto_fsm_who(actor_role), NULL, NULL);
	if (row == NULL)
		return bk_err_set(err, 400,
		    "Attempting invalid state transition");
	if (bk_db_events_add(db, b->id, "assignment_released", actor,
	    actor_role, data, NULL, err) != 0)
		return -1;
	return bk_db_bookings_set_status(db, b, row->to, actor, actor_role,
	    err);
}

int
bk_db_assignments_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_assign_filter *fl, const struct bk_page *pg,
    const char **json, long *total, int64_t *head, struct bk_err *err)
{
	PGresult	*res;
	char		 st[24], lim[24], off[24];
	const char	*p[6];

	snprintf(st, sizeof st, "%d", fl->status);
	snprintf(lim, sizeof lim, "%ld", pg->limit);
	snprintf(off, sizeof off, "%ld", pg->offset);
	p[0] = fl->mechanic_id;
	p[1] = fl->status != 0 ? st : NULL;
	p[2] = pg->q;
	p[3] = pg->sort;
	p[4] = lim;
	p[5] = off;
	res = bk_db_query(db, sql_list, 6, p, err);
	if (res == NULL)
		return -1;
	*total = bk_db_long(res, 0, 0);
	*json = bk_db_str(a, res, 0, 1);
	*head = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
	PQclear(res);
	return 0;
}

int
bk_db_assignments_candidates(struct bk_db *db, struct bk_arena *a, long bid,
    int type, const char *exclude, struct bk_auto_cand **out, int *n,
    struct bk_err *err)
{
	struct bk_auto_cand	*c;
	PGresult		*res;
	char			 sbid[24], stype[24];
	const char		*p[3] = { sbid, stype, exclude };
	long			 den;
	int			 i;

	snprintf(sbid, sizeof sbid, "%ld", bid);
	snprintf(stype, sizeof stype, "%d", type);
	res = bk_db_query(db, sql_candidates, 3, p, err);
	if (res == NULL)
		return -1;
	*n = PQntuples(res);
	c = bk_arena_alloc(a, sizeof *c * (size_t)(*n > 0 ? *n : 1));
	memset(c, 0, sizeof *c * (size_t)(*n > 0 ? *n : 1));
	for (i = 0; i < *n; i++) {
		c[i].id = bk_db_str(a, res, i, 0);
		c[i].hours = strtod(PQgetvalue(res, i, 1), NULL);
		c[i].score = bk_db_long(res, i, 2);
		den = bk_db_long(res, i, 4);
		c[i].skill = den > 0 ? (double)bk_db_long(res, i, 3) /
		    (double)den : 0.0;
	}
	PQclear(res);
	*out = c;
	return 0;
}
