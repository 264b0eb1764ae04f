/* The event log over REST (SPEC §8.10, §8.17): a booking's history for
 * whoever may see the booking, and every visible event for polling
 * clients. Kinds and data are filtered per role (§5.19). */
#include <stdint.h>

#include "db/bookings.h"
#include "db/events.h"
#include "routes/routes.h"
#include "validate.h"

/* since and limit of both lists. */
static int
events_params(const struct bk_req *req, long *since, long *limit,
    struct bk_err *err)
{
	*since = 0;
	*limit = 100;
	bk_query_int(req, "since", 0, INT64_MAX, since, NULL, err);
	bk_query_int(req, "limit", 1, 500, limit, NULL, err);
	return err->nitems > 0 ? -1 : 0;
}

static int
events_reply(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    long booking_id)
{
	const char	*json;
	long		 since, limit;

	if (events_params(req, &since, &limit, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_events_list(db, req->arena, booking_id, since, limit,
	    req->auth.user_id, req->auth.role, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/bookings/{booking_id}/events: the audit trail. */
int
bk_events_booking_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	long	id = bk_req_param(req, "booking_id")->ival;

	if (bk_db_bookings_access(db, req, id, &res->err) != 0)
		return bk_fail_err(res);
	return events_reply(req, db, res, id);
}

/* GET /api/v1/events */
int
bk_events_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return events_reply(req, db, res, 0);
}
