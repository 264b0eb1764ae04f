/* Admins SQL. JSON is built by PostgreSQL; deletes are soft and take a
 * table lock first, so two admins deleting each other cannot leave the
 * workshop without one. */
#include <stdio.h>
#include <stdlib.h>

#include "db/admins.h"
#include "db/conn.h"

#define ADMIN_JSON "json_build_object('name', a.name, 'phone', u.phone," \
	" 'email', a.email, 'id', a.id)"

static const char *sql_email_taken =
    "SELECT EXISTS (SELECT 1 FROM admins WHERE lower(email) = lower($1)"
    " AND deleted_at IS NULL AND id <> coalesce($2, ''))";

static const char *sql_create =
    "WITH u AS (INSERT INTO users (id, role_id, phone, password)"
    "  VALUES (revcare_next_user_id('ADM', 'admin_seq'), 1, $2::bigint, $4)"
    "  RETURNING id, phone),"
    " a AS (INSERT INTO admins (id, name, email)"
    "  SELECT id, $1, $3 FROM u RETURNING id, name, email)"
    " SELECT " ADMIN_JSON ", a.id FROM a JOIN u ON u.id = a.id";

static const char *sql_list =
    "WITH f AS (SELECT a.id, a.name, a.email, u.phone FROM admins a"
    "  JOIN users u ON u.id = a.id WHERE a.deleted_at IS NULL"
    "  AND ($1::text IS NULL OR strpos(lower(a.name), $1) > 0"
    "   OR strpos(u.phone::text, $1) > 0 OR strpos(lower(a.email), $1) > 0)),"
    " p AS (SELECT a.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN a.name END,"
    "  CASE WHEN $2 = '-name' THEN a.name END DESC,"
    "  CASE WHEN $2 = 'email' THEN a.email END,"
    "  CASE WHEN $2 = '-email' THEN a.email END DESC,"
    "  CASE WHEN $2 = 'phone' THEN a.phone END,"
    "  CASE WHEN $2 = '-phone' THEN a.phone END DESC,"
    "  CASE WHEN $2 = '-id' THEN length(a.id) END DESC,"
    "  CASE WHEN $2 = '-id' THEN a.id END DESC,"
    "  length(a.id), a.id) AS rn FROM f a)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(json_build_object('name', a.name,"
    "   'phone', a.phone, 'email', a.email, 'id', a.id) ORDER BY a.rn)"
    "   FROM (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) a), '[]')";

static const char *sql_get =
    "SELECT " ADMIN_JSON " FROM admins a JOIN users u ON u.id = a.id"
    " WHERE a.id = $1 AND a.deleted_at IS NULL";

/* Whether the admin is there, whether the e-mail is another admin's, and
 * the update only when neither stops it. */
static const char *sql_update =
    "WITH t AS (SELECT id FROM admins WHERE id = $1 AND deleted_at IS NULL),"
    " e AS (SELECT $3::text IS NOT NULL AND EXISTS (SELECT 1 FROM admins o"
    "  WHERE lower(o.email) = lower($3) AND o.deleted_at IS NULL"
    "  AND o.id <> $1) AS taken),"
    " a AS (UPDATE admins a SET name = coalesce($2, a.name),"
    "  email = coalesce($3, a.email) WHERE a.id IN (SELECT id FROM t)"
    "  AND NOT (SELECT taken FROM e) RETURNING a.id, a.name, a.email)"
    " SELECT (SELECT count(*) FROM t), (SELECT taken FROM e),"
    "  (SELECT " ADMIN_JSON " FROM a JOIN users u ON u.id = a.id)";

static const char *sql_lock = "LOCK TABLE admins IN SHARE ROW EXCLUSIVE MODE";

static const char *sql_others =
    "SELECT EXISTS (SELECT 1 FROM admins WHERE id = $1"
    "  AND deleted_at IS NULL),"
    " EXISTS (SELECT 1 FROM admins a JOIN users u ON u.id = a.id"
    "  WHERE a.id <> $1 AND a.deleted_at IS NULL AND u.deleted_at IS NULL"
    "  AND u.is_active)";

static const char *sql_delete =
    "WITH a AS (UPDATE admins SET deleted_at = now() WHERE id = $1"
    "  AND deleted_at IS NULL RETURNING id),"
    " u AS (UPDATE users SET deleted_at = now()"
    "  WHERE id IN (SELECT id FROM a) RETURNING id)"
    " SELECT count(*) FROM a";

int
bk_db_admins_email_taken(struct bk_db *db, const char *email,
    const char *except_id, bool *taken, struct bk_err *err)
{
	const char	*p[2] = { email, except_id };

	return bk_db_bool1(db, sql_email_taken, 2, p, taken, err);
}

int
bk_db_admins_create(struct bk_db *db, struct bk_arena *a, const char *name,
    const char *phone, const char *email, const char *hash, const char **json,
    const char **id, struct bk_err *err)
{
	const char	*p[4] = { name, phone, email, hash }, *out[2];

	if (bk_db_values(db, a, sql_create, 4, p, 2, out, err) != 0)
		return -1;
	*json = out[0];
	*id = out[1];
	return 0;
}

int
bk_db_admins_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_list, pg, 0, NULL, json, total, err);
}

int
bk_db_admins_get(struct bk_db *db, struct bk_arena *a, const char *id,
    const char **json, struct bk_err *err)
{
	return bk_db_value_or_404(db, a, sql_get, 1, &id, json,
	    "Admin not found.", err);
}

int
bk_db_admins_update(struct bk_db *db, struct bk_arena *a, const char *id,
    const char *name, const char *email, const char **json,
    struct bk_err *err)
{
	PGresult	*res;
	const char	*p[3] = { id, name, email };
	int		 rc = -1;

	res = bk_db_query(db, sql_update, 3, p, err);
	if (res == NULL)
		return -1;
	if (bk_db_long(res, 0, 0) == 0)
		bk_err_set(err, 404, "Admin not found.");
	else if (bk_db_bool(res, 0, 1))
		bk_err_set(err, 400, "User with this email already exists.");
	else {
		*json = bk_db_str(a, res, 0, 2);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_admins_lock(struct bk_db *db, const char *id, struct bk_err *err)
{
	PGresult	*res;
	bool		 found, others;

	if (bk_db_exec(db, sql_lock, 0, NULL, err) != 0)
		return -1;
	res = bk_db_query(db, sql_others, 1, &id, err);
	if (res == NULL)
		return -1;
	found = bk_db_bool(res, 0, 0);
	others = bk_db_bool(res, 0, 1);
	PQclear(res);
	if (!found)
		return bk_err_set(err, 404, "Admin not found.");
	if (!others)
		return bk_err_set(err, 409, "Cannot delete the last admin.");
	return 0;
}

int
bk_db_admins_delete(struct bk_db *db, const char *id, struct bk_err *err)
{
	long	n;

	if (bk_db_long1(db, sql_delete, 1, &id, &n, err) != 0)
		return -1;
	if (n == 0)
		return bk_err_set(err, 404, "Admin not found.");
	return 0;
}
