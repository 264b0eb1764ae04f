/* Admins SQL: the workshop staff accounts (users + admins rows), soft
 * deleted, never down to none. */
#ifndef BK_DB_ADMINS_H
#define BK_DB_ADMINS_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* Whether a live admin other than except_id (may be NULL) has email. */
int	bk_db_admins_email_taken(struct bk_db *, const char *email,
	    const char *except_id, bool *taken, struct bk_err *);
/* Insert users + admins rows; the AdminResponse JSON and the new id. */
int	bk_db_admins_create(struct bk_db *, struct bk_arena *,
	    const char *name, const char *phone, const char *email,
	    const char *hash, const char **json, const char **id,
	    struct bk_err *);
/* One page of live admins (q over name, phone, email). */
int	bk_db_admins_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* One live admin; 404 "Admin not found.". */
int	bk_db_admins_get(struct bk_db *, struct bk_arena *, const char *id,
	    const char **json, struct bk_err *);
/* Update name and/or email (NULL keeps); 404, or 400 when another admin
 * has the email. */
int	bk_db_admins_update(struct bk_db *, struct bk_arena *, const char *id,
	    const char *name, const char *email, const char **json,
	    struct bk_err *);
/*
 * Lock the admins table against concurrent deletes and check that id is
 * a live admin (404) and not the last live, active one (409). Sessions
 * are ended by the caller before bk_db_admins_delete.
 */
int	bk_db_admins_lock(struct bk_db *, const char *id, struct bk_err *);
/* Soft delete the admin and the user; 404 if none. */
int	bk_db_admins_delete(struct bk_db *, const char *id, struct bk_err *);

#endif
