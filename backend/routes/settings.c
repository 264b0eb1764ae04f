/* Automation switches (SPEC §8.12): automatic assignment and automatic
 * validation of progress and analysis. Admins only; changes are audited. */
#include "db/auth.h"
#include "db/settings.h"
#include "routes/routes.h"
#include "validate.h"

/* GET /api/v1/settings/ */
int
bk_settings_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	cJSON	*list;

	if (bk_db_settings_list(db, &list, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply(res, 200, list);
}

/* PUT /api/v1/settings/<name>?state=bool */
static int
settings_put(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    enum bk_setting s)
{
	bool	 state = false, present;
	cJSON	*o;

	if (bk_query_bool(req, "state", &state, &present, &res->err) != 0)
		return bk_fail_err(res);
	if (!present) {
		bk_err_422(&res->err, "missing", "Field required", NULL,
		    "query", "state", NULL);
		return bk_fail_err(res);
	}
	if (bk_db_settings_set(db, s, state, req->auth.user_id,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, state ? "enable" : "disable", "settings",
	    bk_db_settings_name(s), &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", state ?
	    "Automation state set True successfully" :
	    "Automation state set False successfully");
	return bk_reply(res, 200, o);
}

int
bk_settings_validation(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return settings_put(req, db, res, BK_SETTING_VALIDATION);
}

int
bk_settings_analysis_validation(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return settings_put(req, db, res, BK_SETTING_ANALYSIS_VALIDATION);
}

int
bk_settings_assignment(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return settings_put(req, db, res, BK_SETTING_ASSIGNMENT);
}
