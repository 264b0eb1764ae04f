/* Users SQL shared by every account kind: phone uniqueness, the admin
 * password reset, and the bootstrap of the first production admin. */
#ifndef BK_DB_USERS_H
#define BK_DB_USERS_H

#include <stdbool.h>

#include "http.h"

struct bk_db;

/* Whether a live user of any role has this phone (decimal text). */
int	bk_db_users_phone_taken(struct bk_db *, const char *phone,
	    bool *taken, struct bk_err *);

/* Set a live user's password hash; *found false if no live user has id. */
int	bk_db_users_set_password(struct bk_db *, const char *id,
	    const char *hash, bool *found, struct bk_err *);

/*
 * Create an admin (users + admins rows) unless an active admin exists.
 * *created tells which; the new id goes to id_out. Runs in its own
 * transaction.
 */
int	bk_db_users_bootstrap_admin(struct bk_db *, const char *phone,
	    const char *hash, const char *name, const char *email,
	    bool *created, char id_out[17], struct bk_err *);

#endif
