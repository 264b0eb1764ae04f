/* The SQL of authentication: token checks against the database, users by
 * phone, refresh-token rows, the blacklist and login throttling. */
#ifndef BK_DB_AUTH_H
#define BK_DB_AUTH_H

#include <stdbool.h>

#include "http.h"

struct bk_db;

/* A user as login and /auth/me see it; strings in the request arena. */
struct bk_user {
	char	*id;
	int	 role;
	char	*password;	/* PHC string; never sent */
	bool	 active;
	char	*name;
	char	*email;		/* NULL for mechanics */
	char	*phone;
};

/*
 * SPEC §2.3 steps 4 and 5 for a verified access token: 401 "Token has
 * been revoked." or 401 "Could not validate credentials.".
 */
int	bk_db_auth_check(struct bk_db *, const struct bk_auth *,
	    struct bk_err *);
/* A live (not deleted) user by phone or id; 0 with *found false if none. */
int	bk_db_auth_user_by_phone(struct bk_db *, struct bk_arena *,
	    const char *phone, struct bk_user *, bool *found, struct bk_err *);
int	bk_db_auth_user_by_id(struct bk_db *, struct bk_arena *,
	    const char *id, struct bk_user *, bool *found, struct bk_err *);
/* Record a successful login: last_login_at, and a new hash if given. */
int	bk_db_auth_login_ok(struct bk_db *, const char *user_id,
	    const char *new_hash, struct bk_err *);

/* Refresh-token rows (SPEC §2.5). */
int	bk_db_auth_refresh_insert(struct bk_db *, const char *jti,
	    const char *user_id, const char *family_id, long iat, long exp,
	    const char *user_agent, const char *ip, struct bk_err *);

enum bk_refresh_state {
	BK_REFRESH_MISSING,	/* no row for this jti */
	BK_REFRESH_LIVE,
	BK_REFRESH_ROTATED,	/* replaced; replaced_by set */
	BK_REFRESH_REVOKED
};

struct bk_refresh_row {
	enum bk_refresh_state	 state;
	char			*user_id;
	char			*family_id;
	char			*replaced_by;
	long			 since_revoked;	/* seconds */
};

/* Lock and read the row of jti. */
int	bk_db_auth_refresh_get(struct bk_db *, struct bk_arena *,
	    const char *jti, struct bk_refresh_row *, struct bk_err *);
/* Mark jti rotated to new_jti (revoked_at now, replaced_by). */
int	bk_db_auth_refresh_rotate(struct bk_db *, const char *jti,
	    const char *new_jti, struct bk_err *);
/* Revoke every live row of a family, blacklisting their jtis. */
int	bk_db_auth_refresh_revoke_family(struct bk_db *, const char *family,
	    const char *reason, struct bk_err *);
/* Revoke one refresh row if it belongs to user (logout). */
int	bk_db_auth_refresh_revoke(struct bk_db *, const char *jti,
	    const char *user_id, struct bk_err *);

/* Blacklist a jti until exp (epoch seconds). */
int	bk_db_auth_blacklist(struct bk_db *, const char *jti,
	    const char *user_id, const char *type, long exp,
	    const char *reason, struct bk_err *);
/* Whether jti is blacklisted. */
int	bk_db_auth_is_revoked(struct bk_db *, const char *jti, bool *revoked,
	    struct bk_err *);

/*
 * Login throttling (SPEC §2.8), shared by every node through the
 * login_throttle table. Check: *retry_after > 0 if key is locked now.
 */
int	bk_db_throttle_check(struct bk_db *, const char *key,
	    long *retry_after, struct bk_err *);
/* Count a failure: after `limit` failures within the window, lock the key
 * for lock_s seconds, doubling with each further `limit` up to max_s. */
int	bk_db_throttle_fail(struct bk_db *, const char *key, int limit,
	    int window_s, int lock_s, int max_s, struct bk_err *);
int	bk_db_throttle_reset(struct bk_db *, const char *key,
	    struct bk_err *);

/* End every session of a user: tokens_valid_after = now(), refresh rows
 * revoked and blacklisted. *found false if no such live user. */
int	bk_db_auth_end_sessions(struct bk_db *, const char *user_id,
	    const char *reason, bool *found, struct bk_err *);
/* Set a new password hash. */
int	bk_db_auth_set_password(struct bk_db *, const char *user_id,
	    const char *hash, struct bk_err *);
/* Live refresh sessions of user as a JSON array (caller owns), marking
 * current_jti. */
int	bk_db_auth_sessions(struct bk_db *, const char *user_id,
	    const char *current_jti, cJSON **out, struct bk_err *);
/* One audit_log row for an admin action. */
int	bk_db_audit(struct bk_db *, const struct bk_req *, const char *action,
	    const char *entity, const char *entity_id, struct bk_err *);

#endif
