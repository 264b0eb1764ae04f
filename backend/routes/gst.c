/* The GST rate (SPEC §6.1, §8.12): read by everyone signed in, set by
 * admins (0..100, audited). Stored rates on payments and invoices never
 * change with it. */
#include "db/auth.h"
#include "db/gst.h"
#include "routes/routes.h"
#include "validate.h"

/* GET /api/v1/gst/ */
int
bk_gst_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	cJSON	*o;

	if (bk_db_gst_get(db, &o, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply(res, 200, o);
}

/* PUT /api/v1/gst/?percent=N */
int
bk_gst_set(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	long	 percent = 0;
	bool	 present, created;
	cJSON	*o;

	if (bk_query_int(req, "percent", 0, 100, &percent, &present,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (!present) {
		bk_err_422(&res->err, "missing", "Field required", NULL,
		    "query", "percent", NULL);
		return bk_fail_err(res);
	}
	if (bk_db_gst_set(db, (int)percent, req->auth.user_id, &created,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "gst", NULL, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", created ? "created" : "updated");
	cJSON_AddNumberToObject(o, "updated_percent", (double)percent);
	return bk_reply(res, 200, o);
}
