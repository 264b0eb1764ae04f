/* Areas: the localities the workshop serves (SPEC §8.7). Deleting one is
 * soft: addresses keep it, new addresses and bookings cannot use it. */
#include <limits.h>

#include "db/areas.h"
#include "db/auth.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const areas_sorts[] = { "id", "name", "pincode", NULL };

/* GET /api/v1/address/area: q over name and pincode. */
int
bk_areas_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, areas_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_areas_list(db, req->arena, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/address/area */
int
bk_areas_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*name = NULL, *json;
	long		 pincode = 0;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_REQUIRED | BK_TRIM, 2, 100, &name,
	    &res->err);
	bk_body_int(req, "pincode", BK_REQUIRED, 100000, 999999, &pincode,
	    NULL, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_areas_create(db, req->arena, name, pincode, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "areas", NULL, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/address/area/{area_id} */
int
bk_areas_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "area_id");
	const char		*name = NULL, *json;
	long			 pincode = 0;
	bool			 has_pin;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_TRIM | BK_NULLABLE, 2, 100, &name,
	    &res->err);
	bk_body_int(req, "pincode", BK_NULLABLE, 100000, 999999, &pincode,
	    &has_pin, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_areas_update(db, req->arena, id->ival, name,
	    has_pin ? &pincode : NULL, &json, &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "areas", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/address/area/{area_id} */
int
bk_areas_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "area_id");
	cJSON			*o;

	if (bk_db_areas_delete(db, id->ival, &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "areas", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Area deleted successfully.");
	return bk_reply(res, 200, o);
}
