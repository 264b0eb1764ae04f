/* Maintenance SQL: purges and the ETA-risk sweep. */
#ifndef BK_DB_MAINTENANCE_H
#define BK_DB_MAINTENANCE_H

#include "http.h"

struct bk_db;

/* Delete expired blacklist rows, idle throttle rows, old idempotency
 * keys and refresh tokens expired a month ago; *n gets the total. */
int	bk_db_maint_purge(struct bk_db *, long *n, struct bk_err *);
/* Write an eta_risk event for each open booking whose risk differs from
 * its last eta_risk event (on_track when there is none); *n gets how many.
 * Only one node sweeps at a time (advisory lock). */
int	bk_db_maint_eta(struct bk_db *, long *n, struct bk_err *);

#endif
