/* Utility lookups (SPEC §8.9): statuses (built-in ids 1–18 cannot be
 * changed), timeslots (soft-deleted, with an optional capacity and their
 * order checked on the resulting pair), and the read-only payment methods
 * and notification categories. */
#include <limits.h>
#include <string.h>

#include "db/auth.h"
#include "db/utils.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const utils_name_sorts[] = { "id", "name", NULL };
static const char *const utils_timeslot_sorts[] = { "id", "name",
	"start_time", NULL };

/* The lists differ only in their statement. */
typedef int utils_list_fn(struct bk_db *, struct bk_arena *,
    const struct bk_page *, const char **, long *, struct bk_err *);

static int
utils_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    const char *const *sorts, utils_list_fn *fn)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (fn(db, req->arena, &pg, &json, &total, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

static int
utils_deleted(struct bk_res *res, const char *detail)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "detail", detail);
	return bk_reply(res, 200, o);
}

/* GET /api/v1/utils/status: q over name. */
int
bk_utils_status_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return utils_list(req, db, res, utils_name_sorts,
	    bk_db_utils_status_list);
}

/* POST /api/v1/utils/status */
int
bk_utils_status_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*name = NULL, *json, *id;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_REQUIRED | BK_TRIM, 2, 100, &name,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_utils_status_create(db, req->arena, name, &json, &id,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "status", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/utils/status/{status_id}: custom statuses only. */
int
bk_utils_status_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "status_id");
	const char		*name = NULL, *json;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_TRIM | BK_NULLABLE, 2, 100, &name,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_utils_status_update(db, req->arena, id->ival, name, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "status", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/utils/status/{status_id}: custom statuses only. */
int
bk_utils_status_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "status_id");

	if (bk_db_utils_status_delete(db, req->arena, id->ival,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "status", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return utils_deleted(res, "Status deleted successfully.");
}

/* Read a timeslot body; need is BK_REQUIRED for POST (name and times must
 * be there) or BK_NULLABLE for PUT (every field may be left out). */
static void
utils_timeslot_read(const struct bk_req *req, unsigned need,
    struct bk_timeslot *t, long *cap, struct bk_err *err)
{
	bool	has_cap;

	memset(t, 0, sizeof *t);
	bk_body_object(req, err);
	bk_body_str(req, "name", need | BK_TRIM, 2, 100, &t->name, err);
	bk_body_time(req, "start_time", need, &t->start_time, err);
	bk_body_time(req, "end_time", need, &t->end_time, err);
	bk_body_int(req, "capacity", BK_NULLABLE, 1, INT_MAX, cap, &has_cap,
	    err);
	/* "capacity": null sets unlimited; an absent key keeps it */
	t->has_capacity = bk_body_has(req, "capacity");
	t->capacity = has_cap ? cap : NULL;
}

/* GET /api/v1/utils/timeslot: q over name. */
int
bk_utils_timeslot_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return utils_list(req, db, res, utils_timeslot_sorts,
	    bk_db_utils_timeslot_list);
}

/* POST /api/v1/utils/timeslot */
int
bk_utils_timeslot_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_timeslot	 t;
	const char		*json, *id;
	long			 cap;

	utils_timeslot_read(req, BK_REQUIRED, &t, &cap, &res->err);
	if (res->err.nitems == 0 && strcmp(t.end_time, t.start_time) <= 0)
		bk_err_value(&res->err, req->arena, NULL,
		    "end_time must be after start_time");
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_utils_timeslot_create(db, req->arena, &t, &json, &id,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "timeslots", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/utils/timeslot/{timeslot_id}: existing bookings keep their
 * promised_at (it was computed when they were made). */
int
bk_utils_timeslot_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "timeslot_id");
	struct bk_timeslot	 t;
	const char		*json;
	long			 cap;

	utils_timeslot_read(req, BK_NULLABLE, &t, &cap, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_utils_timeslot_update(db, req->arena, id->ival, &t, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "timeslots", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/utils/timeslot/{timeslot_id}: soft; bookings keep it. */
int
bk_utils_timeslot_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "timeslot_id");

	if (bk_db_utils_timeslot_delete(db, req->arena, id->ival,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "timeslots", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return utils_deleted(res, "Timeslot deleted successfully.");
}

/* GET /api/v1/utils/payment_method */
int
bk_utils_payment_methods_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return utils_list(req, db, res, utils_name_sorts,
	    bk_db_utils_payment_methods_list);
}

/* GET /api/v1/utils/notification_category */
int
bk_utils_notification_categories_list(const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	return utils_list(req, db, res, utils_name_sorts,
	    bk_db_utils_notification_categories_list);
}
