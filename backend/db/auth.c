/* Authentication SQL: token checks, users, refresh tokens, blacklist and
 * throttling. Values travel only as parameters. */
#include <stdio.h>
#include <string.h>

#include "db/auth.h"
#include "db/conn.h"

static const char *sql_auth_check =
    "SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $1::uuid),"
    " u.id IS NOT NULL AND u.deleted_at IS NULL AND u.is_active"
    "  AND u.role_id = $3::smallint"
    "  AND (u.tokens_valid_after IS NULL OR"
    "   date_trunc('second', u.tokens_valid_after) <= to_timestamp($4))"
    " FROM (SELECT 1) one LEFT JOIN users u ON u.id = $2";

static const char *sql_user_cols =
    "SELECT u.id, u.role_id, u.password, u.is_active,"
    " COALESCE(c.name, a.name, m.name), COALESCE(c.email, a.email),"
    " u.phone"
    " FROM users u"
    " LEFT JOIN customers c ON c.id = u.id AND u.role_id = 3"
    " LEFT JOIN admins a ON a.id = u.id AND u.role_id = 1"
    " LEFT JOIN mechanics m ON m.id = u.id AND u.role_id = 2"
    " WHERE u.deleted_at IS NULL AND ";

static const char *sql_login_ok =
    "UPDATE users SET last_login_at = now(),"
    " password = COALESCE($2, password) WHERE id = $1";

static const char *sql_refresh_insert =
    "INSERT INTO refresh_tokens (jti, user_id, family_id, issued_at,"
    " expires_at, user_agent, ip)"
    " VALUES ($1, $2, $3, to_timestamp($4), to_timestamp($5), $6,"
    " $7::inet)";

static const char *sql_refresh_get =
    "SELECT user_id, family_id, replaced_by, revoked_at IS NOT NULL,"
    " COALESCE(extract(epoch FROM now() - revoked_at)::bigint, 0),"
    " expires_at < now()"
    " FROM refresh_tokens WHERE jti = $1 FOR UPDATE";

static const char *sql_refresh_rotate =
    "UPDATE refresh_tokens SET revoked_at = now(), replaced_by = $2"
    " WHERE jti = $1";

static const char *sql_refresh_revoke_family =
    "WITH r AS (UPDATE refresh_tokens SET revoked_at = now()"
    "  WHERE family_id = $1 AND revoked_at IS NULL"
    "  RETURNING jti, user_id, expires_at)"
    " INSERT INTO revoked_tokens (jti, user_id, token_type, expires_at,"
    "  reason) SELECT jti, user_id, 'refresh', expires_at, $2 FROM r"
    " ON CONFLICT (jti) DO NOTHING";

static const char *sql_refresh_revoke =
    "UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, now())"
    " WHERE jti = $1 AND user_id = $2";

static const char *sql_blacklist =
    "INSERT INTO revoked_tokens (jti, user_id, token_type, expires_at,"
    " reason) VALUES ($1, $2, $3, to_timestamp($4), $5)"
    " ON CONFLICT (jti) DO NOTHING";

static const char *sql_is_revoked =
    "SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $1::uuid)";

static const char *sql_throttle_check =
    "SELECT COALESCE(ceil(extract(epoch FROM locked_until - now())), 0)"
    " FROM login_throttle WHERE key = $1 AND locked_until > now()";

/*
 * One statement: start a new window when the old one expired, count the
 * failure, and lock for lock_s * 2^(level) (capped) at each multiple of
 * the limit.
 */
static const char *sql_throttle_fail =
    "INSERT INTO login_throttle AS t (key, failures, window_start,"
    " locked_until, lock_level) VALUES ($1, 1, now(), NULL, 0)"
    " ON CONFLICT (key) DO UPDATE SET"
    " failures = CASE WHEN t.window_start < now() - make_interval(secs => $2)"
    "  THEN 1 ELSE t.failures + 1 END,"
    " window_start = CASE WHEN t.window_start < now() -"
    "  make_interval(secs => $2) THEN now() ELSE t.window_start END,"
    " lock_level = CASE WHEN t.window_start < now() -"
    "  make_interval(secs => $2) THEN 0 ELSE t.lock_level END"
    " RETURNING failures";

static const char *sql_throttle_lock =
    "UPDATE login_throttle SET lock_level = lock_level + 1,"
    " locked_until = now() + make_interval(secs =>"
    "  least($2::float8 * power(2, lock_level), $3::float8))"
    " WHERE key = $1";

static const char *sql_throttle_reset =
    "DELETE FROM login_throttle WHERE key = $1";

static const char *creds = "Could not validate credentials.";

int
bk_db_auth_check(struct bk_db *db, const struct bk_auth *auth,
    struct bk_err *err)
{
	PGresult	*res;
	char		 role[8], iat[24];
	const char	*p[4];
	int		 rc = -1;

	snprintf(role, sizeof role, "%d", auth->role);
	snprintf(iat, sizeof iat, "%ld", auth->iat);
	p[0] = auth->jti;
	p[1] = auth->user_id;
	p[2] = role;
	p[3] = iat;
	res = bk_db_query(db, sql_auth_check, 4, p, err);
	if (res == NULL)
		return -1;
	if (bk_db_bool(res, 0, 0))
		bk_err_set(err, 401, "Token has been revoked.");
	else if (!bk_db_bool(res, 0, 1))
		bk_err_set(err, 401, creds);
	else
		rc = 0;
	PQclear(res);
	return rc;
}

static int
auth_user(struct bk_db *db, struct bk_arena *a, const char *where,
    const char *value, struct bk_user *u, bool *found, struct bk_err *err)
{
	PGresult	*res;
	char		*sql;

	*found = false;
	memset(u, 0, sizeof *u);
	sql = bk_arena_printf(a, "%s%s", sql_user_cols, where);
	res = bk_db_query(db, sql, 1, &value, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 1) {
		*found = true;
		u->id = bk_db_str(a, res, 0, 0);
		u->role = (int)bk_db_long(res, 0, 1);
		u->password = bk_db_str(a, res, 0, 2);
		u->active = bk_db_bool(res, 0, 3);
		u->name = bk_db_str(a, res, 0, 4);
		u->email = bk_db_str(a, res, 0, 5);
		u->phone = bk_db_str(a, res, 0, 6);
	}
	PQclear(res);
	return 0;
}

int
bk_db_auth_user_by_phone(struct bk_db *db, struct bk_arena *a,
    const char *phone, struct bk_user *u, bool *found, struct bk_err *err)
{
	return auth_user(db, a, "u.phone = $1::bigint", phone, u, found, err);
}

int
bk_db_auth_user_by_id(struct bk_db *db, struct bk_arena *a, const char *id,
    struct bk_user *u, bool *found, struct bk_err *err)
{
	return auth_user(db, a, "u.id = $1", id, u, found, err);
}

int
bk_db_auth_login_ok(struct bk_db *db, const char *user_id,
    const char *new_hash, struct bk_err *err)
{
	const char	*p[2] = { user_id, new_hash };

	return bk_db_exec(db, sql_login_ok, 2, p, err);
}

int
bk_db_auth_refresh_insert(struct bk_db *db, const char *jti,
    const char *user_id, const char *family_id, long iat, long exp,
    const char *user_agent, const char *ip, struct bk_err *err)
{
	char		 siat[24], sexp[24];
	const char	*p[7];

	snprintf(siat, sizeof siat, "%ld", iat);
	snprintf(sexp, sizeof sexp, "%ld", exp);
	p[0] = jti;
	p[1] = user_id;
	p[2] = family_id;
	p[3] = siat;
	p[4] = sexp;
	p[5] = user_agent;
	p[6] = ip;
	return bk_db_exec(db, sql_refresh_insert, 7, p, err);
}

int
bk_db_auth_refresh_get(struct bk_db *db, struct bk_arena *a, const char *jti,
    struct bk_refresh_row *row, struct bk_err *err)
{
	PGresult	*res;

	memset(row, 0, sizeof *row);
	res = bk_db_query(db, sql_refresh_get, 1, &jti, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		row->state = BK_REFRESH_MISSING;
	else {
		row->user_id = bk_db_str(a, res, 0, 0);
		row->family_id = bk_db_str(a, res, 0, 1);
		row->replaced_by = bk_db_str(a, res, 0, 2);
		row->since_revoked = bk_db_long(res, 0, 4);
		if (!bk_db_bool(res, 0, 3))
			row->state = bk_db_bool(res, 0, 5) ?
			    BK_REFRESH_REVOKED : BK_REFRESH_LIVE;
		else
			row->state = row->replaced_by != NULL ?
			    BK_REFRESH_ROTATED : BK_REFRESH_REVOKED;
	}
	PQclear(res);
	return 0;
}

int
bk_db_auth_refresh_rotate(struct bk_db *db, const char *jti,
    const char *new_jti, struct bk_err *err)
{
	const char	*p[2] = { jti, new_jti };

	return bk_db_exec(db, sql_refresh_rotate, 2, p, err);
}

int
bk_db_auth_refresh_revoke_family(struct bk_db *db, const char *family,
    const char *reason, struct bk_err *err)
{
	const char	*p[2] = { family, reason };

	return bk_db_exec(db, sql_refresh_revoke_family, 2, p, err);
}

int
bk_db_auth_refresh_revoke(struct bk_db *db, const char *jti,
    const char *user_id, struct bk_err *err)
{
	const char	*p[2] = { jti, user_id };

	return bk_db_exec(db, sql_refresh_revoke, 2, p, err);
}

int
bk_db_auth_blacklist(struct bk_db *db, const char *jti, const char *user_id,
    const char *type, long exp, const char *reason, struct bk_err *err)
{
	char		 sexp[24];
	const char	*p[5];

	snprintf(sexp, sizeof sexp, "%ld", exp);
	p[0] = jti;
	p[1] = user_id;
	p[2] = type;
	p[3] = sexp;
	p[4] = reason;
	return bk_db_exec(db, sql_blacklist, 5, p, err);
}

int
bk_db_auth_is_revoked(struct bk_db *db, const char *jti, bool *revoked,
    struct bk_err *err)
{
	return bk_db_bool1(db, sql_is_revoked, 1, &jti, revoked, err);
}

int
bk_db_throttle_check(struct bk_db *db, const char *key, long *retry_after,
    struct bk_err *err)
{
	PGresult	*res;

	*retry_after = 0;
	res = bk_db_query(db, sql_throttle_check, 1, &key, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 1) {
		*retry_after = bk_db_long(res, 0, 0);
		if (*retry_after < 1)
			*retry_after = 1;
	}
	PQclear(res);
	return 0;
}

int
bk_db_throttle_fail(struct bk_db *db, const char *key, int limit,
    int window_s, int lock_s, int max_s, struct bk_err *err)
{
	PGresult	*res;
	char		 win[16], lock[16], max[16];
	const char	*p[3];
	long		 failures;

	snprintf(win, sizeof win, "%d", window_s);
	p[0] = key;
	p[1] = win;
	res = bk_db_query(db, sql_throttle_fail, 2, p, err);
	if (res == NULL)
		return -1;
	failures = bk_db_long(res, 0, 0);
	PQclear(res);
	if (failures % limit != 0)
		return 0;
	snprintf(lock, sizeof lock, "%d", lock_s);
	snprintf(max, sizeof max, "%d", max_s);
	p[1] = lock;
	p[2] = max;
	return bk_db_exec(db, sql_throttle_lock, 3, p, err);
}

int
bk_db_throttle_reset(struct bk_db *db, const char *key, struct bk_err *err)
{
	return bk_db_exec(db, sql_throttle_reset, 1, &key, err);
}

/* SPEC §1.4 instant text, in SQL. */
#define SQL_INSTANT(col) "to_char(" col " AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

static const char *sql_end_sessions =
    "WITH u AS (UPDATE users SET tokens_valid_after = now()"
    "  WHERE id = $1 AND deleted_at IS NULL RETURNING id),"
    " r AS (UPDATE refresh_tokens SET revoked_at = now()"
    "  WHERE user_id IN (SELECT id FROM u) AND revoked_at IS NULL"
    "  RETURNING jti, user_id, expires_at),"
    " b AS (INSERT INTO revoked_tokens (jti, user_id, token_type,"
    "  expires_at, reason) SELECT jti, user_id, 'refresh', expires_at, $2"
    "  FROM r ON CONFLICT (jti) DO NOTHING)"
    " SELECT count(*) FROM u";

static const char *sql_sessions =
    "SELECT coalesce(json_agg(json_build_object("
    " 'jti', jti, 'issued_at', " SQL_INSTANT("issued_at") ","
    " 'expires_at', " SQL_INSTANT("expires_at") ","
    " 'user_agent', user_agent, 'ip', host(ip),"
    " 'current', jti::text = $2) ORDER BY issued_at DESC), '[]')"
    " FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL"
    " AND expires_at > now()";

static const char *sql_audit =
    "INSERT INTO audit_log (actor, actor_role, action, entity, entity_id,"
    " request_id) VALUES ($1, $2::smallint, $3, $4, $5, $6)";

int
bk_db_auth_end_sessions(struct bk_db *db, const char *user_id,
    const char *reason, bool *found, struct bk_err *err)
{
	const char	*p[2] = { user_id, reason };
	long		 n;

	if (bk_db_long1(db, sql_end_sessions, 2, p, &n, err) != 0)
		return -1;
	*found = n > 0;
	return 0;
}

int
bk_db_auth_set_password(struct bk_db *db, const char *user_id,
    const char *hash, struct bk_err *err)
{
	const char	*p[2] = { user_id, hash };

	return bk_db_exec(db, "UPDATE users SET password = $2 WHERE id = $1",
	    2, p, err);
}

int
bk_db_auth_sessions(struct bk_db *db, const char *user_id,
    const char *current_jti, cJSON **out, struct bk_err *err)
{
	PGresult	*res;
	const char	*p[2] = { user_id, current_jti != NULL ? current_jti :
			    "" };

	res = bk_db_query(db, sql_sessions, 2, p, err);
	if (res == NULL)
		return -1;
	*out = cJSON_Parse(PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

int
bk_db_audit(struct bk_db *db, const struct bk_req *req, const char *action,
    const char *entity, const char *entity_id, struct bk_err *err)
{
	char		 role[8];
	const char	*p[6];

	snprintf(role, sizeof role, "%d", req->auth.role);
	p[0] = req->auth.user_id;
	p[1] = role;
	p[2] = action;
	p[3] = entity;
	p[4] = entity_id;
	p[5] = req->request_id;
	return bk_db_exec(db, sql_audit, 6, p, err);
}
