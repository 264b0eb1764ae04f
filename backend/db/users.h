/* Users SQL shared by accounts: the first production admin. */
#ifndef BK_DB_USERS_H
#define BK_DB_USERS_H

#include "http.h"

struct bk_db;

/*
 * Create an admin (users + admins rows) unless an active admin exists.
 * *created tells which; the new id goes to id_out. Runs in its own
 * transaction.
 */
int	bk_db_users_bootstrap_admin(struct bk_db *, const char *phone,
	    const char *hash, const char *name, const char *email,
	    bool *created, char id_out[17], struct bk_err *);

#endif
