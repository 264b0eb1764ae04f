/* Users SQL: what every account kind shares (the phone is unique among
 * live users of all roles), the admin password reset, and the bootstrap
 * of the first admin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/users.h"

static const char *sql_phone_taken =
    "SELECT EXISTS (SELECT 1 FROM users WHERE phone = $1::bigint"
    " AND deleted_at IS NULL)";

static const char *sql_set_password =
    "UPDATE users SET password = $2 WHERE id = $1 AND deleted_at IS NULL";

static const char *sql_admin_insert =
    "WITH u AS (INSERT INTO users (id, role_id, phone, password)"
    "  VALUES (revcare_next_user_id('ADM', 'admin_seq'), 1, $1::bigint, $2)"
    "  RETURNING id)"
    " INSERT INTO admins (id, name, email) SELECT id, $3, $4 FROM u"
    " RETURNING id";

int
bk_db_users_phone_taken(struct bk_db *db, const char *phone, bool *taken,
    struct bk_err *err)
{
	return bk_db_bool1(db, sql_phone_taken, 1, &phone, taken, err);
}

int
bk_db_users_set_password(struct bk_db *db, const char *id, const char *hash,
    bool *found, struct bk_err *err)
{
	const char	*p[2] = { id, hash };
	long		 n;

	if (bk_db_exec_count(db, sql_set_password, 2, p, &n, err) != 0)
		return -1;
	*found = n > 0;
	return 0;
}

int
bk_db_users_bootstrap_admin(struct bk_db *db, const char *phone,
    const char *hash, const char *name, const char *email, bool *created,
    char id_out[17], struct bk_err *err)
{
	PGresult	*res = NULL;
	const char	*p[4] = { phone, hash, name, email };
	int		 rc = -1;

	*created = false;
	if (bk_db_begin(db, err) != 0)
		return -1;
	if (bk_db_exec(db, "LOCK TABLE admins IN EXCLUSIVE MODE", 0, NULL,
	    err) != 0)
		goto out;
	res = bk_db_query(db, "SELECT EXISTS (SELECT 1 FROM users WHERE"
	    " role_id = 1 AND deleted_at IS NULL AND is_active)", 0, NULL, err);
	if (res == NULL)
		goto out;
	if (bk_db_bool(res, 0, 0)) {
		rc = 0;
		goto out;
	}
	PQclear(res);
	res = bk_db_query(db, sql_admin_insert, 4, p, err);
	if (res == NULL)
		goto out;
	snprintf(id_out, 17, "%s", PQgetvalue(res, 0, 0));
	*created = true;
	rc = 0;
out:
	PQclear(res);
	if (rc == 0 && bk_db_commit(db, err) == 0)
		return 0;
	bk_db_rollback(db);
	return -1;
}
