/* Assignments (SPEC §5.6, §5.7, §8.10): an admin gives a booking to a
 * mechanic, an admin or the mechanic himself releases it (and automation
 * looks for somebody else), and a mechanic lists his assignments. */
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "automation.h"
#include "db/assignments.h"
#include "db/bookings.h"
#include "role.h"
#include "routes/routes.h"
#include "status.h"
#include "validate.h"

static const char *const assignments_sorts[] = {
	"assigned_at", "id", "booking_id", NULL
};

/* The statuses an assignment list may be filtered by. */
static const struct {
	const char	*name;
	int		 id;
} assignments_statuses[] = {
	{ "assigned", PROTO_STATUS_ASSIGNED },
	{ "completed", PROTO_STATUS_COMPLETED },
	{ "released", PROTO_STATUS_RELEASED },
};

/* The status query parameter (any case), or 422 literal_error. */
static int
assignments_parse_status(const struct bk_req *req, int *status,
    struct bk_err *err)
{
	static const char	*expected = "'assigned', 'completed' or "
	    "'released'";
	const char		*s = bk_req_query(req, "status");
	cJSON			*ctx;
	size_t			 i;

	*status = 0;
	if (s == NULL)
		return 0;
	for (i = 0; i < sizeof assignments_statuses /
	    sizeof assignments_statuses[0]; i++)
		if (strcasecmp(s, assignments_statuses[i].name) == 0) {
			*status = assignments_statuses[i].id;
			return 0;
		}
	bk_err_422(err, "literal_error", bk_arena_printf(req->arena,
	    "Input should be %s", expected), cJSON_CreateString(s), "query",
	    "status", NULL);
	ctx = cJSON_CreateObject();
	cJSON_AddStringToObject(ctx, "expected", expected);
	bk_err_ctx(err, ctx);
	return -1;
}

/* POST /api/v1/bookings/admin/assign: §5.6, checks in order. */
int
bk_assignments_assign(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_booking	 b;
	struct bk_assign	 as;
	const char		*json;
	long			 booking_id = 0, type = 0;

	memset(&as, 0, sizeof as);
	bk_body_object(req, &res->err);
	bk_body_str(req, "mechanic_id", BK_REQUIRED | BK_TRIM, 0, 0,
	    &as.mechanic_id, &res->err);
	bk_body_int(req, "booking_id", BK_REQUIRED, INT_MIN, INT_MAX,
	    &booking_id, NULL, &res->err);
	bk_body_int(req, "assignment_type_id", BK_REQUIRED, INT_MIN, INT_MAX,
	    &type, NULL, &res->err);
	bk_body_str(req, "note", BK_REQUIRED, 0, 1000, &as.note, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	as.type = (int)type;
	as.actor = req->auth.user_id;
	as.actor_role = req->auth.role;
	if (bk_db_bookings_lock(db, req->arena, booking_id, &b, NULL,
	    &res->err) != 0 ||
	    bk_db_assignments_create(db, req->arena, &b, &as, &json,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/bookings/assignments/{assignment_id}/release: §5.7, then
 * the automatic re-assignment of the same type without that mechanic. */
int
bk_assignments_release(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	long			 id = bk_req_param(req, "assignment_id")->ival;
	struct bk_booking	 b;
	struct bk_release	 rel;
	const char		*reason = NULL, *json;
	long			 booking_id;

	bk_body_object(req, &res->err);
	bk_body_str(req, "reason", BK_REQUIRED | BK_TRIM, 3, 500, &reason,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_assignments_booking(db, id, &booking_id, &res->err) != 0 ||
	    bk_db_bookings_lock(db, req->arena, booking_id, &b, NULL,
	    &res->err) != 0 ||
	    bk_db_assignments_release(db, req->arena, &b, id, reason,
	    req->auth.user_id, req->auth.role, &rel, &json, &res->err) != 0 ||
	    bk_auto_assign(db, req->arena, &b, rel.type, rel.mechanic_id,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/bookings/mechanic/assignments: the caller's list, or for
 * an admin the list of mechanic_id (his own, empty, without it). */
int
bk_assignments_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_assign_filter	 fl;
	struct bk_page		 pg;
	const char		*json, *mid = bk_req_query(req, "mechanic_id");
	long			 total;
	int64_t			 head;

	bk_page_parse(req, assignments_sorts, "-assigned_at", &pg, &res->err);
	assignments_parse_status(req, &fl.status, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (req->auth.role == PROTO_ROLE_CUSTOMER)
		return bk_fail(res, 403,
		    "Only mechanics or admin can view assignments");
	if (req->auth.role == PROTO_ROLE_MECHANIC && mid != NULL &&
	    strcmp(mid, req->auth.user_id) != 0)
		return bk_fail(res, 403, "Operation not permitted. Trying to "
		    "access data of other mechanics.");
	fl.mechanic_id = mid != NULL && *mid != '\0' ? mid :
	    req->auth.user_id;
	if (bk_db_assignments_list(db, req->arena, &fl, &pg, &json, &total,
	    &head, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_header(res, "X-Event-Seq", bk_arena_printf(req->arena,
	    "%lld", (long long)head));
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}
