/* The admin dashboard (SPEC §5.14, §8.10): every booking with what the
 * admin must do next, its latest progress, analysis and assignment, and
 * its ETA risk; one SQL statement per page. */
#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "db/dashboard.h"
#include "db/events.h"
#include "role.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const dashboard_sorts[] = {
	"created_at", "booking_id", "pickup_date", "drop_date", "promised_at",
	NULL
};

static const char *const dashboard_actions[] = {
	"assign", "validate", "waiting", "none", NULL
};

static const char *const dashboard_risks[] = {
	"on_track", "at_risk", "overdue", NULL
};

/*
 * Query parameter name as one of the allowed values (compared
 * case-insensitively, returned lower-case in arena; NULL when absent), or
 * a 422 literal_error whose message lists them as FastAPI does.
 */
static int
dashboard_parse_literal(const struct bk_req *req, const char *name,
    const char *const *allowed, const char *expected, const char **out,
    struct bk_err *err)
{
	const char	*s = bk_req_query(req, name);
	char		*low, *c;
	cJSON		*ctx;
	int		 i;

	*out = NULL;
	if (s == NULL)
		return 0;
	low = bk_arena_strdup(req->arena, s);
	for (c = low; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(low, allowed[i]) == 0) {
			*out = allowed[i];
			return 0;
		}
	bk_err_422(err, "literal_error", bk_arena_printf(req->arena,
	    "Input should be %s", expected), cJSON_CreateString(s), "query",
	    name, NULL);
	ctx = cJSON_CreateObject();
	cJSON_AddStringToObject(ctx, "expected", expected);
	bk_err_ctx(err, ctx);
	return -1;
}

/* GET /api/v1/bookings/admin/dashboard: admins only. */
int
bk_dashboard_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_dashboard_filter	 fl;
	struct bk_page			 pg;
	const char			*json, *mid;
	long				 total;
	int64_t				 head;

	memset(&fl, 0, sizeof fl);
	bk_page_parse(req, dashboard_sorts, "-created_at", &pg, &res->err);
	bk_query_int(req, "status_id", INT_MIN, INT_MAX, &fl.status_id,
	    &fl.has_status_id, &res->err);
	dashboard_parse_literal(req, "action_required", dashboard_actions,
	    "'assign', 'validate', 'waiting' or 'none'", &fl.action_required,
	    &res->err);
	dashboard_parse_literal(req, "eta_risk", dashboard_risks,
	    "'on_track', 'at_risk' or 'overdue'", &fl.eta_risk, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (req->auth.role != PROTO_ROLE_ADMIN)
		return bk_fail(res, 403, "Insufficient Permissions.");
	mid = bk_req_query(req, "mechanic_id");
	fl.mechanic_id = mid != NULL && *mid != '\0' ? mid : NULL;
	/* the head first: an event after it is newer than this page */
	if (bk_db_events_head(db, &head, &res->err) != 0 ||
	    bk_db_dashboard_list(db, req->arena, &fl, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_header(res, "X-Event-Seq", bk_arena_printf(req->arena,
	    "%lld", (long long)head));
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}
