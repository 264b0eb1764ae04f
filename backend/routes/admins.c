/* Admins: the staff accounts, managed by admins only (SPEC §8.4). An admin
 * cannot delete himself, nor the last admin; every change is audited. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db/admins.h"
#include "db/auth.h"
#include "db/users.h"
#include "password.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const admins_sorts[] = { "id", "name", "email", "phone",
    NULL };

/* The {admin_id} path parameter without surrounding white space. */
static const char *
admins_id(const struct bk_req *req)
{
	const char	*s = bk_req_param(req, "admin_id")->value;
	size_t		 n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return bk_arena_strndup(req->arena, s, n);
}

/* GET /api/v1/admins/: q over name, phone, email. */
int
bk_admins_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, admins_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_admins_list(db, req->arena, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/admins/: {name, phone, email, password}. */
int
bk_admins_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*name = NULL, *phone = NULL, *email = NULL, *pw = NULL;
	const char	*json, *id;
	char		*hash;
	bool		 taken;
	int		 rc;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_REQUIRED | BK_TRIM, 1, 100, &name,
	    &res->err);
	bk_body_phone(req, "phone", BK_REQUIRED, &phone, &res->err);
	bk_body_email(req, "email", BK_REQUIRED, &email, &res->err);
	bk_body_password(req, "password", BK_REQUIRED, &pw, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_users_phone_taken(db, phone, &taken, &res->err) != 0)
		return bk_fail_err(res);
	if (taken)
		return bk_fail(res, 400,
		    "User with this phone number already exists.");
	if (bk_db_admins_email_taken(db, email, NULL, &taken, &res->err) != 0)
		return bk_fail_err(res);
	if (taken)
		return bk_fail(res, 400,
		    "User with this email already exists.");
	hash = bk_password_hash(pw);
	if (hash == NULL)
		return bk_fail(res, 500, NULL);
	rc = bk_db_admins_create(db, req->arena, name, phone, email, hash,
	    &json, &id, &res->err);
	free(hash);
	if (rc != 0 ||
	    bk_db_audit(db, req, "create", "admins", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/admins/{admin_id} */
int
bk_admins_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const char	*json;

	if (bk_db_admins_get(db, req->arena, admins_id(req), &json,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/admins/{admin_id}: {name?, email?}. */
int
bk_admins_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*id = admins_id(req), *name = NULL, *email = NULL;
	const char	*json;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_TRIM | BK_NULLABLE, 1, 100, &name,
	    &res->err);
	bk_body_email(req, "email", BK_NULLABLE, &email, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_admins_update(db, req->arena, id, name, email, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "admins", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/admins/{admin_id}: soft delete; sessions end. */
int
bk_admins_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*id = admins_id(req);
	bool		 found;
	cJSON		*o;

	if (strcmp(id, req->auth.user_id) == 0)
		return bk_fail(res, 400, "Admins cannot delete themselves.");
	if (bk_db_admins_lock(db, id, &res->err) != 0 ||
	    bk_db_auth_end_sessions(db, id, "account deleted", &found,
	    &res->err) != 0 ||
	    bk_db_admins_delete(db, id, &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "admins", id, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Admin deleted successfully.");
	return bk_reply(res, 200, o);
}
