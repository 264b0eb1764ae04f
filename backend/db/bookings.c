/* Booking lock, visibility and status moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/bookings.h"
#include "db/conn.h"
#include "db/events.h"
#include "role.h"
#include "status.h"

static const char *sql_lock =
    "SELECT id, customer_id, status_id, car_received,"
    " coalesce(payment_method_id, 0), cancelled_at IS NOT NULL"
    " FROM bookings WHERE id = $1 FOR UPDATE";

static const char *sql_access =
    "SELECT b.customer_id = $2, EXISTS (SELECT 1 FROM booking_assignment a"
    "  WHERE a.booking_id = b.id AND a.mechanic_id = $2)"
    " FROM bookings b WHERE b.id = $1";

static const char *sql_set_status =
    "UPDATE bookings SET status_id = $2, version = version + 1"
    " WHERE id = $1";

int
bk_db_bookings_lock(struct bk_db *db, struct bk_arena *a, long id,
    struct bk_booking *b, const char *not_found, struct bk_err *err)
{
	PGresult	*res;
	char		 sid[24];
	const char	*p[1] = { sid };
	int		 rc = -1;

	snprintf(sid, sizeof sid, "%ld", id);
	res = bk_db_query(db, sql_lock, 1, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 404, not_found != NULL ? not_found :
		    "Booking not found.");
	else {
		b->id = bk_db_long(res, 0, 0);
		b->customer_id = bk_db_str(a, res, 0, 1);
		b->status = (int)bk_db_long(res, 0, 2);
		b->car_received = bk_db_bool(res, 0, 3);
		b->payment_method_id = (int)bk_db_long(res, 0, 4);
		b->cancelled = bk_db_bool(res, 0, 5);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_bookings_access(struct bk_db *db, const struct bk_req *req, long id,
    struct bk_err *err)
{
	PGresult	*res;
	char		 sid[24];
	const char	*p[2] = { sid, req->auth.user_id };
	int		 rc = -1;

	snprintf(sid, sizeof sid, "%ld", id);
	res = bk_db_query(db, sql_access, 2, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 404, "Booking not found.");
	else if (req->auth.role == PROTO_ROLE_CUSTOMER &&
	    !bk_db_bool(res, 0, 0))
		bk_err_set(err, 403, "Operation not permitted. Trying to "
		    "access data of other customers.");
	else if (req->auth.role == PROTO_ROLE_MECHANIC &&
	    !bk_db_bool(res, 0, 1))
		bk_err_set(err, 403, "Trying to access other mechanic "
		    "assignments.");
	else
		rc = 0;
	PQclear(res);
	return rc;
}

int
bk_db_bookings_set_status(struct bk_db *db, struct bk_booking *b, int to,
    const char *actor, int actor_role, struct bk_err *err)
{
	char		 sid[24], sto[8], data[160];
	const char	*p[2] = { sid, sto };

	if (b->status == to)
		return 0;
	snprintf(sid, sizeof sid, "%ld", b->id);
	snprintf(sto, sizeof sto, "%d", to);
	if (bk_db_exec(db, sql_set_status, 2, p, err) != 0)
		return -1;
	snprintf(data, sizeof data, "{\"from\":\"%s\",\"to\":\"%s\","
	    "\"from_id\":%d,\"to_id\":%d}", proto_status_name(b->status),
	    proto_status_name(to), b->status, to);
	b->status = to;
	return bk_db_events_add(db, b->id, "status_changed", actor,
	    actor_role, data, NULL, err);
}
