/* Accounts of every role: an admin resets a user's password (SPEC §8.2).
 * The user's sessions end and the reset is audited; the password itself
 * is never recorded. */
#include <stdlib.h>

#include "db/auth.h"
#include "db/users.h"
#include "password.h"
#include "routes/routes.h"
#include "validate.h"

/* PUT /api/v1/users/{user_id}/password: {new_password}. */
int
bk_users_password_reset(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*id = bk_req_param(req, "user_id")->value;
	const char	*pw = NULL;
	char		*hash;
	bool		 found;
	int		 rc;
	cJSON		*o;

	bk_body_object(req, &res->err);
	bk_body_password(req, "new_password", BK_REQUIRED, &pw, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	hash = bk_password_hash(pw);
	if (hash == NULL)
		return bk_fail(res, 500, NULL);
	rc = bk_db_users_set_password(db, id, hash, &found, &res->err);
	free(hash);
	if (rc != 0)
		return bk_fail_err(res);
	if (!found)
		return bk_fail(res, 404, "User not found.");
	if (bk_db_auth_end_sessions(db, id, "password reset by admin", &found,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "reset_password", "users", id,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", "Password reset successfully");
	return bk_reply(res, 200, o);
}
