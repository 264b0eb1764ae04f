/* Mechanics and assignment types (SPEC §8.5): admins manage mechanics and
 * their abilities; a mechanic sees and renames only himself. The workload
 * view shows each mechanic's active jobs and hours (§5.15). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db/auth.h"
#include "db/mechanics.h"
#include "db/users.h"
#include "password.h"
#include "role.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const mechanics_sorts[] = { "id", "name", "phone",
    "score", "dob", NULL };
static const char *const workload_sorts[] = { "id", "name", "score",
    "active_hours", NULL };
static const char *const types_sorts[] = { "id", "name", NULL };

/* The fields only admins may change. */
static const char *const mechanics_abilities[] = { "pickup_drop",
    "analysis", "dob", "service_category_ids", NULL };

/* A mechanic acts on himself only: his id, or NULL for admins. */
static const char *
mechanics_self(const struct bk_req *req)
{
	return req->auth.role == PROTO_ROLE_MECHANIC ? req->auth.user_id :
	    NULL;
}

/*
 * Read a mechanic body and apply the dob rules. password NULL: an update
 * (every field optional); else a creation (every field required, phone
 * and password too). Bad fields append 422 items; -1 only if the
 * database failed.
 */
static int
mechanics_read(const struct bk_req *req, struct bk_db *db,
    struct bk_mechanic_in *in, const char **password, struct bk_err *err)
{
	bool		 create = password != NULL;
	unsigned	 req_or_null = create ? BK_REQUIRED : BK_NULLABLE;
	const char	*why;

	memset(in, 0, sizeof *in);
	bk_body_object(req, err);
	bk_body_str(req, "name", req_or_null | BK_TRIM, 1, 100, &in->name,
	    err);
	bk_body_date(req, "dob", req_or_null, &in->dob, err);
	bk_body_bool(req, "pickup_drop", req_or_null, &in->pickup_drop,
	    &in->has_pickup_drop, err);
	bk_body_bool(req, "analysis", req_or_null, &in->analysis,
	    &in->has_analysis, err);
	bk_body_int_list(req, "service_category_ids", req_or_null | BK_GT, 0,
	    INT_MAX, 0, &in->categories, &in->ncategories,
	    &in->has_categories, err);
	if (create) {
		bk_body_phone(req, "phone", BK_REQUIRED, &in->phone, err);
		bk_body_password(req, "password", BK_REQUIRED, password, err);
	}
	if (in->dob == NULL)
		return 0;
	if (bk_db_mechanics_dob_check(db, in->dob, bk_cfg.timezone, &why,
	    err) != 0)
		return -1;
	if (why != NULL)
		bk_err_value(err, req->arena, "dob", why);
	return 0;
}

/* GET /api/v1/mechanics/[?mechanic_id=]: q over name and phone. */
int
bk_mechanics_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*self = mechanics_self(req), *who, *json;
	long		 total;

	who = bk_req_query(req, "mechanic_id");
	if (who != NULL && *who == '\0')
		who = NULL;
	if (bk_page_parse(req, mechanics_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (self != NULL && who != NULL && strcmp(who, self) != 0)
		return bk_fail(res, 403, "Operation not permitted. Trying to "
		    "access data of other mechanics.");
	if (bk_db_mechanics_list(db, req->arena, &pg, self, who, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/mechanics/: {name, phone, dob, pickup_drop, analysis,
 * password, service_category_ids}. */
int
bk_mechanics_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_mechanic_in	 in;
	const char		*pw = NULL, *id, *json;
	char			*hash;
	bool			 taken;
	int			 rc;

	if (mechanics_read(req, db, &in, &pw, &res->err) != 0 ||
	    res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_users_phone_taken(db, in.phone, &taken, &res->err) != 0)
		return bk_fail_err(res);
	if (taken)
		return bk_fail(res, 400,
		    "User with this phone number already exists.");
	if (bk_db_mechanics_categories_check(db, req->arena, in.categories,
	    in.ncategories, &res->err) != 0)
		return bk_fail_err(res);
	hash = bk_password_hash(pw);
	if (hash == NULL)
		return bk_fail(res, 500, NULL);
	in.hash = hash;
	rc = bk_db_mechanics_create(db, req->arena, &in, &id, &res->err);
	free(hash);
	if (rc != 0 ||
	    bk_db_audit(db, req, "create", "mechanics", id, &res->err) != 0 ||
	    bk_db_mechanics_get(db, req->arena, id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/mechanics/workload: active jobs and hours per mechanic. */
int
bk_mechanics_workload(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, workload_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_mechanics_workload(db, req->arena, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* A mechanic may rename himself and change nothing else: 0, or the 403
 * status. */
static int
mechanics_may_update(const struct bk_req *req, const char *id,
    struct bk_res *res)
{
	const char	*self = mechanics_self(req);
	int		 i;

	if (self == NULL)
		return 0;
	if (strcmp(id, self) != 0)
		return bk_fail(res, 403, "Operation not permitted.");
	for (i = 0; mechanics_abilities[i] != NULL; i++)
		if (bk_body_has(req, mechanics_abilities[i]))
			return bk_fail(res, 403, "Operation not permitted. "
			    "Only admins can change mechanic abilities.");
	return 0;
}

/* PUT /api/v1/mechanics/{mechanic_id}: {name?, pickup_drop?, analysis?,
 * dob?, service_category_ids?}; [] clears the categories. */
int
bk_mechanics_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_mechanic_in	 in;
	const char		*id = bk_req_param(req, "mechanic_id")->value;
	const char		*json;
	int			 rc;

	rc = mechanics_may_update(req, id, res);
	if (rc != 0)
		return rc;
	if (mechanics_read(req, db, &in, NULL, &res->err) != 0 ||
	    res->err.nitems > 0)
		return bk_fail_err(res);
	if (in.has_categories && bk_db_mechanics_categories_check(db,
	    req->arena, in.categories, in.ncategories, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_mechanics_update(db, req->arena, id, mechanics_self(req),
	    &in, &res->err) != 0 ||
	    (req->auth.role == PROTO_ROLE_ADMIN && bk_db_audit(db, req,
	    "update", "mechanics", id, &res->err) != 0) ||
	    bk_db_mechanics_get(db, req->arena, id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/mechanics/{mechanic_id}: soft delete, history kept;
 * refused while he holds an active assignment. */
int
bk_mechanics_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*id = bk_req_param(req, "mechanic_id")->value;
	bool		 found;
	cJSON		*o;

	if (bk_db_mechanics_lock(db, id, &res->err) != 0 ||
	    bk_db_auth_end_sessions(db, id, "account deleted", &found,
	    &res->err) != 0 ||
	    bk_db_mechanics_delete(db, id, &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "mechanics", id, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Mechanic deleted successfully.");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/mechanics/assignment_type: q over name. */
int
bk_mechanics_types_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, types_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_mechanics_types_list(db, req->arena, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/mechanics/assignment_type: {name}. */
int
bk_mechanics_types_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*name = NULL, *json;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_REQUIRED | BK_TRIM, 2, 100, &name,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_mechanics_types_create(db, req->arena, name, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "assignment_types", NULL,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/mechanics/assignment_type/{type_id}: {name?}. */
int
bk_mechanics_types_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "type_id");
	const char		*name = NULL, *json;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_TRIM | BK_NULLABLE, 2, 100, &name,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_mechanics_types_update(db, req->arena, id->ival, name, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "assignment_types", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/mechanics/assignment_type/{type_id}: custom, unused
 * types only; the row is removed (the table has no soft delete). */
int
bk_mechanics_types_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "type_id");
	cJSON			*o;

	if (bk_db_mechanics_types_delete(db, id->ival, &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "assignment_types", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail",
	    "AssignmentType deleted successfully.");
	return bk_reply(res, 200, o);
}
