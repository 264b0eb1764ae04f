/* Admin dashboard SQL (SPEC §5.14, §8.10): every booking with the admin's
 * next action, built by one statement per page. */
#ifndef BK_DB_DASHBOARD_H
#define BK_DB_DASHBOARD_H

#include <stdbool.h>

#include "http.h"
#include "validate.h"

struct bk_db;

/* Filters; NULL / false = not filtered. Text filters are lower-case. */
struct bk_dashboard_filter {
	bool		 has_status_id;
	long		 status_id;
	const char	*action_required;	/* assign, validate, waiting,
						 * none */
	const char	*mechanic_id;		/* holds or held one of its
						 * assignments */
	const char	*eta_risk;		/* on_track, at_risk, overdue */
};

/*
 * One page of AdminBookingDashboard objects (newest first by default) as
 * a JSON array text in arena, and the total before paging. q matches the
 * booking id, the customer's name and the registration. action_required
 * and eta_risk come from revcare_action_required / revcare_eta_risk.
 */
int	bk_db_dashboard_list(struct bk_db *, struct bk_arena *,
	    const struct bk_dashboard_filter *, const struct bk_page *,
	    const char **json, long *total, struct bk_err *);

#endif
