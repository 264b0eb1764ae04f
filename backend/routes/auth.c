/* Authentication: login, refresh with rotation and reuse detection,
 * logout, and who-am-I (SPEC §2.4-§2.8, §8.2). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db/auth.h"
#include "db/conn.h"
#include "token.h"
#include "password.h"
#include "role.h"
#include "routes/routes.h"

#define REFRESH_GRACE_S		10	/* two tabs refreshing at once */

static const char *bad_login = "Incorrect phone number or password.";
static const char *too_many =
    "Too many failed login attempts. Try again later.";
static const char *bad_refresh = "Invalid refresh token";

/* Throttle rules of SPEC §2.8: {key prefix, limit, window, lock, max}. */
static const struct {
	const char	*prefix;
	int		 limit, window_s, lock_s, max_s;
} auth_throttle[] = {
	{ "phone:", 5, 900, 60, 900 },
	{ "ip:", 30, 900, 900, 900 },
};

static const char *
auth_cookie(struct bk_arena *a, const char *token, long max_age)
{
	bool	secure = !(bk_cfg.development && !bk_cfg.cookie_secure);

	return bk_arena_printf(a, "refresh_token=%s; HttpOnly;%s SameSite=Lax; "
	    "Path=/api/v1/auth; Max-Age=%ld", token, secure ? " Secure;" : "",
	    max_age);
}

/* Sign claims into an arena string; -1 (500) if signing fails. */
static char *
auth_sign(struct bk_arena *a, const char *secret, const struct bk_claims *c)
{
	char	*tok, *out;

	tok = bk_token_issue(secret, c);
	if (tok == NULL)
		return NULL;
	out = bk_arena_strdup(a, tok);
	free(tok);
	return out;
}

/*
 * Issue an access token for user/role and set the refresh cookie. With
 * refresh NULL a new refresh token (and row, in family, or a new family)
 * is made; else that token is sent again.
 */
static int
auth_issue(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    const char *user_id, int role, const char *family, const char *refresh)
{
	struct bk_claims	 ac, rc;
	char			 fam[37], *access;
	long			 now = (long)time(NULL);
	cJSON			*o;

	memset(&ac, 0, sizeof ac);
	snprintf(ac.sub, sizeof ac.sub, "%s", user_id);
	ac.role = role;
	strcpy(ac.type, "access");
	bk_uuid4(ac.jti);
	ac.iat = now;
	ac.exp = now + bk_cfg.access_expire_minutes * 60;
	proto_scopes_of_role(role, &ac.scopes);
	access = auth_sign(req->arena, bk_cfg.secret_key, &ac);
	if (access == NULL)
		return bk_fail(res, 500, NULL);
	if (refresh == NULL) {
		memset(&rc, 0, sizeof rc);
		rc = ac;
		strcpy(rc.type, "refresh");
		bk_uuid4(rc.jti);
		rc.exp = now + bk_cfg.refresh_expire_days * 86400;
		if (family == NULL) {
			bk_uuid4(fam);
			family = fam;
		}
		refresh = auth_sign(req->arena, bk_cfg.refresh_secret_key,
		    &rc);
		if (refresh == NULL)
			return bk_fail(res, 500, NULL);
		if (bk_db_auth_refresh_insert(db, rc.jti, user_id, family,
		    rc.iat, rc.exp, req->user_agent, req->client_ip,
		    &res->err) != 0)
			return bk_fail_err(res);
	}
	bk_res_header(res, "set-cookie", auth_cookie(req->arena, refresh,
	    bk_cfg.refresh_expire_days * 86400));
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "access_token", access);
	cJSON_AddStringToObject(o, "token_type", "bearer");
	res->user_id = bk_arena_strdup(req->arena, user_id);
	return bk_reply(res, 200, o);
}

/* 429 if any throttle key of this login is locked. */
static int
auth_throttled(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    const char *const *keys, bool *locked)
{
	long	retry = 0, r;
	size_t	i;

	*locked = false;
	for (i = 0; i < sizeof auth_throttle / sizeof auth_throttle[0]; i++) {
		if (keys[i] == NULL)
			continue;
		if (bk_db_throttle_check(db, keys[i], &r, &res->err) != 0)
			return -1;
		if (r > retry)
			retry = r;
	}
	if (retry > 0) {
		*locked = true;
		bk_fail(res, 429, too_many);
		res->err.retry_after = (int)retry;
	}
	return 0;
}

/* Count a failed login against every key; the failure is kept even though
 * the request fails. */
static int
auth_failed(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    const char *const *keys)
{
	size_t	i;

	for (i = 0; i < sizeof auth_throttle / sizeof auth_throttle[0]; i++)
		if (keys[i] != NULL && bk_db_throttle_fail(db, keys[i],
		    auth_throttle[i].limit, auth_throttle[i].window_s,
		    auth_throttle[i].lock_s, auth_throttle[i].max_s,
		    &res->err) != 0)
			return bk_fail_err(res);
	res->commit_anyway = true;
	bk_fail(res, 401, bad_login);
	res->err.www_auth = true;
	return 401;
}

/* A phone as the users table holds it: 10 digits, 6000000000..9999999999. */
static bool
auth_phone_ok(const char *s)
{
	size_t	i;

	if (strlen(s) != 10 || s[0] < '6')
		return false;
	for (i = 0; i < 10; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* POST /api/v1/auth/login: form username (phone) and password. */
int
bk_auth_login(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const struct bk_form_field	*fu, *fp;
	const char			*keys[2], *phone, *hash = NULL;
	struct bk_user			 u;
	bool				 found, locked;
	char				*newhash = NULL;
	int				 rc;

	fu = bk_req_form(req, "username");
	fp = bk_req_form(req, "password");
	if (fu == NULL)
		bk_err_422(&res->err, "missing", "Field required", NULL,
		    "body", "username", NULL);
	if (fp == NULL)
		bk_err_422(&res->err, "missing", "Field required", NULL,
		    "body", "password", NULL);
	if (fu == NULL || fp == NULL)
		return bk_fail_err(res);
	phone = fu->value;
	while (*phone == ' ')
		phone++;
	keys[0] = auth_phone_ok(phone) ?
	    bk_arena_printf(req->arena, "phone:%s", phone) : NULL;
	keys[1] = bk_arena_printf(req->arena, "ip:%s", req->client_ip);
	if (auth_throttled(req, db, res, keys, &locked) != 0)
		return bk_fail_err(res);
	if (locked)
		return 429;
	if (keys[0] == NULL || strlen(fp->value) > BK_PASSWORD_MAX_LOGIN ||
	    fp->len != strlen(fp->value))
		return auth_failed(req, db, res, keys);
	if (bk_db_auth_user_by_phone(db, req->arena, phone, &u, &found,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (!found || !u.active) {
		bk_password_dummy_verify(fp->value);
		return auth_failed(req, db, res, keys);
	}
	if (!bk_password_verify(u.password, fp->value))
		return auth_failed(req, db, res, keys);
	if (bk_db_throttle_reset(db, keys[0], &res->err) != 0)
		return bk_fail_err(res);
	if (bk_password_needs_rehash(u.password)) {
		newhash = bk_password_hash(fp->value);
		hash = newhash != NULL ? bk_arena_strdup(req->arena, newhash) :
		    NULL;
		free(newhash);
	}
	if (bk_db_auth_login_ok(db, u.id, hash, &res->err) != 0)
		return bk_fail_err(res);
	rc = auth_issue(req, db, res, u.id, u.role, NULL, NULL);
	return rc;
}

/* The refresh token that rotated into new_jti, signed again (HS256 is
 * deterministic, so it is the token the first caller received). */
static char *
auth_resign(const struct bk_req *req, struct bk_db *db, const char *new_jti,
    struct bk_err *err)
{
	struct bk_claims	 c;
	PGresult		*res;
	const char		*p[1] = { new_jti };
	char			*tok = NULL;

	res = bk_db_query(db, "SELECT r.user_id, u.role_id,"
	    " extract(epoch FROM r.issued_at)::bigint,"
	    " extract(epoch FROM r.expires_at)::bigint"
	    " FROM refresh_tokens r JOIN users u ON u.id = r.user_id"
	    " WHERE r.jti = $1 AND r.revoked_at IS NULL", 1, p, err);
	if (res == NULL)
		return NULL;
	if (PQntuples(res) == 1) {
		memset(&c, 0, sizeof c);
		snprintf(c.sub, sizeof c.sub, "%s", PQgetvalue(res, 0, 0));
		c.role = (int)bk_db_long(res, 0, 1);
		strcpy(c.type, "refresh");
		snprintf(c.jti, sizeof c.jti, "%s", new_jti);
		c.iat = bk_db_long(res, 0, 2);
		c.exp = bk_db_long(res, 0, 3);
		tok = auth_sign(req->arena, bk_cfg.refresh_secret_key, &c);
	}
	PQclear(res);
	return tok;
}

/* Replace the live refresh token c of family by a new one: the new row
 * first, so that replaced_by can point at it, then the old one rotated
 * and blacklisted. */
static int
auth_rotate(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    const struct bk_claims *c, const char *family)
{
	struct bk_claims	 nc;
	long			 now = (long)time(NULL);
	char			*tok;

	memset(&nc, 0, sizeof nc);
	snprintf(nc.sub, sizeof nc.sub, "%s", c->sub);
	nc.role = c->role;
	strcpy(nc.type, "refresh");
	bk_uuid4(nc.jti);
	nc.iat = now;
	nc.exp = now + bk_cfg.refresh_expire_days * 86400;
	tok = auth_sign(req->arena, bk_cfg.refresh_secret_key, &nc);
	if (tok == NULL)
		return bk_fail(res, 500, NULL);
	if (bk_db_auth_refresh_insert(db, nc.jti, c->sub, family, nc.iat,
	    nc.exp, req->user_agent, req->client_ip, &res->err) != 0 ||
	    bk_db_auth_refresh_rotate(db, c->jti, nc.jti, &res->err) != 0 ||
	    bk_db_auth_blacklist(db, c->jti, c->sub, "refresh", c->exp,
	    "rotated", &res->err) != 0)
		return bk_fail_err(res);
	return auth_issue(req, db, res, c->sub, c->role, family, tok);
}

/* POST /api/v1/auth/refresh: rotate the refresh cookie (SPEC §2.5). */
int
bk_auth_refresh(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_claims	 c;
	struct bk_refresh_row	 row;
	struct bk_user		 u;
	const char		*cookie;
	char			*again;
	bool			 revoked, found;

	cookie = bk_req_cookie(req, "refresh_token");
	if (cookie == NULL || *cookie == '\0')
		return bk_fail(res, 401, "Refresh token missing");
	if (bk_token_verify(bk_cfg.refresh_secret_key, cookie, "refresh",
	    (long)time(NULL), &c) != 0)
		return bk_fail(res, 401, bad_refresh);
	res->user_id = bk_arena_strdup(req->arena, c.sub);
	if (bk_db_auth_refresh_get(db, req->arena, c.jti, &row,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (row.state == BK_REFRESH_MISSING || strcmp(row.user_id, c.sub) != 0)
		return bk_fail(res, 401, bad_refresh);
	if (row.state == BK_REFRESH_ROTATED) {
		if (row.since_revoked <= REFRESH_GRACE_S) {
			again = auth_resign(req, db, row.replaced_by,
			    &res->err);
			if (again != NULL)
				return auth_issue(req, db, res, c.sub, c.role,
				    row.family_id, again);
		}
		/* reuse of a rotated token: the family is compromised */
		if (bk_db_auth_refresh_revoke_family(db, row.family_id,
		    "refresh token reuse", &res->err) != 0)
			return bk_fail_err(res);
		res->commit_anyway = true;
		return bk_fail(res, 401, bad_refresh);
	}
	if (bk_db_auth_is_revoked(db, c.jti, &revoked, &res->err) != 0)
		return bk_fail_err(res);
	if (revoked)
		return bk_fail(res, 401, "Token has been revoked.");
	if (row.state != BK_REFRESH_LIVE)
		return bk_fail(res, 401, bad_refresh);
	if (bk_db_auth_user_by_id(db, req->arena, c.sub, &u, &found,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (!found || !u.active || u.role != c.role)
		return bk_fail(res, 401, "Could not validate credentials.");
	return auth_rotate(req, db, res, &c, row.family_id);
}

/* POST /api/v1/auth/logout: blacklist both tokens, clear the cookie. */
int
bk_auth_logout(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	struct bk_claims	 c;
	const char		*cookie;
	cJSON			*o;

	if (bk_db_auth_blacklist(db, req->auth.jti, req->auth.user_id,
	    "access", req->auth.exp, "logout", &res->err) != 0)
		return bk_fail_err(res);
	cookie = bk_req_cookie(req, "refresh_token");
	if (cookie != NULL && bk_token_verify(bk_cfg.refresh_secret_key, cookie,
	    "refresh", (long)time(NULL), &c) == 0 &&
	    strcmp(c.sub, req->auth.user_id) == 0) {
		if (bk_db_auth_refresh_revoke(db, c.jti, c.sub,
		    &res->err) != 0 ||
		    bk_db_auth_blacklist(db, c.jti, c.sub, "refresh", c.exp,
		    "logout", &res->err) != 0)
			return bk_fail_err(res);
	}
	bk_res_header(res, "set-cookie", auth_cookie(req->arena, "", 0));
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", "Successfully logged out");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/auth/me: the caller as clients start from it. */
int
bk_auth_me(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	struct bk_user	 u;
	bool		 found;
	cJSON		*o, *scopes;
	int		 i;

	if (bk_db_auth_user_by_id(db, req->arena, req->auth.user_id, &u,
	    &found, &res->err) != 0)
		return bk_fail_err(res);
	if (!found)
		return bk_fail(res, 401, "Could not validate credentials.");
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", u.id);
	cJSON_AddNumberToObject(o, "role", u.role);
	cJSON_AddStringToObject(o, "role_name", proto_role_name(u.role));
	cJSON_AddStringToObject(o, "name", u.name != NULL ? u.name : "");
	cJSON_AddNumberToObject(o, "phone", strtod(u.phone, NULL));
	if (u.email != NULL)
		cJSON_AddStringToObject(o, "email", u.email);
	else
		cJSON_AddNullToObject(o, "email");
	scopes = cJSON_AddArrayToObject(o, "scopes");
	for (i = 0; i < PROTO_SCOPE_COUNT; i++)
		if (proto_scopes_has(&req->auth.scopes, i))
			cJSON_AddItemToArray(scopes,
			    cJSON_CreateString(proto_scope_name(i)));
	return bk_reply(res, 200, o);
}

/* Read a required string field of a JSON body; -1 with a 422 in err. */
static int
auth_json_str(const struct bk_req *req, const char *name, const char **out,
    struct bk_err *err)
{
	const cJSON	*v;

	*out = NULL;
	if (req->json != NULL && !cJSON_IsObject(req->json))
		return bk_err_422(err, "model_attributes_type", "Input should "
		    "be a valid dictionary or object to extract fields from",
		    NULL, "body", NULL);
	v = cJSON_GetObjectItemCaseSensitive(req->json, name);
	if (v == NULL)
		return bk_err_422(err, "missing", "Field required", NULL,
		    "body", name, NULL);
	if (!cJSON_IsString(v))
		return bk_err_422(err, "string_type", "Input should be a valid "
		    "string", NULL, "body", name, NULL);
	*out = v->valuestring;
	return 0;
}

/* The new-password policy as a 422 at body.<field>. */
static int
auth_policy(struct bk_arena *a, const char *pw, const char *field,
    struct bk_err *err)
{
	const char	*why = bk_password_policy(pw);
	cJSON		*ctx;

	if (why == NULL)
		return 0;
	if (strncmp(why, "String should", 13) == 0) {
		bk_err_422(err, strstr(why, "least") != NULL ?
		    "string_too_short" : "string_too_long", why, NULL, "body",
		    field, NULL);
		ctx = cJSON_CreateObject();
		cJSON_AddNumberToObject(ctx, strstr(why, "least") != NULL ?
		    "min_length" : "max_length", strstr(why, "least") != NULL ?
		    8 : 128);
		bk_err_ctx(err, ctx);
		return -1;
	}
	bk_err_422(err, "value_error", bk_arena_printf(a, "Value error, %s",
	    why), NULL, "body", field, NULL);
	ctx = cJSON_CreateObject();
	cJSON_AddStringToObject(ctx, "error", why);
	bk_err_ctx(err, ctx);
	return -1;
}

/* PUT /api/v1/auth/password: change one's own password; every session of
 * the user ends, this one included. */
int
bk_auth_password(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_user	 u;
	const char	*cur, *new;
	char		*hash, *key;
	bool		 found;
	cJSON		*o;

	auth_json_str(req, "current_password", &cur, &res->err);
	auth_json_str(req, "new_password", &new, &res->err);
	if (new != NULL)
		auth_policy(req->arena, new, "new_password", &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_auth_user_by_id(db, req->arena, req->auth.user_id, &u,
	    &found, &res->err) != 0)
		return bk_fail_err(res);
	if (!found)
		return bk_fail(res, 401, "Could not validate credentials.");
	if (!bk_password_verify(u.password, cur)) {
		key = bk_arena_printf(req->arena, "phone:%s", u.phone);
		if (bk_db_throttle_fail(db, key, auth_throttle[0].limit,
		    auth_throttle[0].window_s, auth_throttle[0].lock_s,
		    auth_throttle[0].max_s, &res->err) != 0)
			return bk_fail_err(res);
		res->commit_anyway = true;
		return bk_fail(res, 400, "Current password is incorrect.");
	}
	hash = bk_password_hash(new);
	if (hash == NULL)
		return bk_fail(res, 500, NULL);
	if (bk_db_auth_set_password(db, u.id, hash, &res->err) != 0) {
		free(hash);
		return bk_fail_err(res);
	}
	free(hash);
	if (bk_db_auth_end_sessions(db, u.id, "password changed", &found,
	    &res->err) != 0 ||
	    bk_db_auth_blacklist(db, req->auth.jti, u.id, "access",
	    req->auth.exp, "password changed", &res->err) != 0)
		return bk_fail_err(res);
	bk_res_header(res, "set-cookie", auth_cookie(req->arena, "", 0));
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", "Password changed successfully");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/auth/sessions[?user_id=]: live refresh sessions. */
int
bk_auth_sessions(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_claims	 c;
	const char		*who, *cookie, *cur = NULL;
	cJSON			*list;

	who = bk_req_query(req, "user_id");
	if (who != NULL && strcmp(who, req->auth.user_id) != 0 &&
	    req->auth.role != PROTO_ROLE_ADMIN)
		return bk_fail(res, 403, "Operation not permitted.");
	if (who == NULL)
		who = req->auth.user_id;
	cookie = bk_req_cookie(req, "refresh_token");
	if (cookie != NULL && bk_token_verify(bk_cfg.refresh_secret_key,
	    cookie, "refresh", (long)time(NULL), &c) == 0)
		cur = bk_arena_strdup(req->arena, c.jti);
	if (bk_db_auth_sessions(db, who, cur, &list, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply(res, 200, list);
}

/* DELETE /api/v1/auth/sessions/{user_id}: an admin ends a user's
 * sessions (forced logout). */
int
bk_auth_sessions_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*id = bk_req_param(req, "user_id")->value;
	bool		 found;
	cJSON		*o;

	if (bk_db_auth_end_sessions(db, id, "sessions revoked by admin",
	    &found, &res->err) != 0)
		return bk_fail_err(res);
	if (!found)
		return bk_fail(res, 404, "User not found.");
	if (bk_db_audit(db, req, "revoke_sessions", "users", id,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Sessions revoked.");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/rbac/roles: each role with its scopes (from protocol/,
 * which start-up proved equal to the database). */
int
bk_auth_roles(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	cJSON	*list, *o, *scopes;
	int	 role, i;

	list = cJSON_CreateArray();
	for (role = PROTO_ROLE_ADMIN; role <= PROTO_ROLE_CUSTOMER; role++) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", role);
		cJSON_AddStringToObject(o, "role_name", proto_role_name(role));
		scopes = cJSON_AddArrayToObject(o, "scopes");
		for (i = 0; i < PROTO_SCOPE_COUNT; i++)
			if (proto_scope_role_has(role, i))
				cJSON_AddItemToArray(scopes,
				    cJSON_CreateString(proto_scope_name(i)));
		cJSON_AddItemToArray(list, o);
	}
	return bk_reply(res, 200, list);
}
