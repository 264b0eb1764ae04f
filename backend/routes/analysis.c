/* Analysis (SPEC §5.9, §5.10, §8.10): the analysis mechanic posts his
 * report with a quote for every booked service and optional
 * recommendations; admins edit and validate it (score +3); the booking's
 * viewers read it with its GST totals (customers once validated). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/analysis.h"
#include "db/bookings.h"
#include "db/events.h"
#include "db/media.h"
#include "db/progress.h"
#include "db/score.h"
#include "db/services.h"
#include "db/settings.h"
#include "fsm.h"
#include "money.h"
#include "role.h"
#include "routes/routes.h"
#include "scope.h"
#include "status.h"
#include "validate.h"

#define ANALYSIS_PRICE_MAX	999999999999LL	/* numeric(12,2) */

/* A body of POST analysis or of an admin edit, ready for SQL. */
struct analysis_in {
	long		 booking_id;
	const char	*description;		/* NULL: keep (edit) */
	const char	*recommendation;	/* NULL: keep (edit) */
	const char	*images;		/* text[] literal; NULL: keep */
	const char	*quote;		/* {"<id>":"<rupees>"}; NULL: none */
	const char	*recs;		/* the same; NULL: none / keep */
	int		 nrecs;
};

/* Whether the state machine lets role take action in some status. */
static bool
analysis_role_may(int role, enum proto_action action)
{
	int	s;

	for (s = PROTO_STATUS_BOOKED; s <= PROTO_STATUS_CANCELLED; s++)
		if (proto_fsm_allowed(s, action, proto_fsm_who(role)))
			return true;
	return false;
}

/* A dictionary key as a service id (an integer in int range), or -1. */
static int
analysis_key(const char *s, long *id)
{
	const char	*p = s;
	char		*end;

	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	errno = 0;
	*id = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || *id < INT_MIN || *id > INT_MAX)
		return -1;
	return 0;
}

/* Parse the entries of the price dictionary v into ids / paise (a key
 * repeated in another spelling, "01" and "1", keeps the last value). */
static int
analysis_entries(const struct bk_req *req, const char *field, cJSON *v,
    long *ids, int64_t *paise, struct bk_err *err)
{
	struct bk_req	 sub = *req;
	cJSON		*it;
	long		 id;
	int64_t		 c;
	int		 n = 0, j, before;

	sub.json = v;	/* read each value with the body's decimal rules */
	cJSON_ArrayForEach(it, v) {
		if (analysis_key(it->string, &id) != 0) {
			bk_err_422(err, "int_parsing", "Input should be a "
			    "valid integer, unable to parse string as an "
			    "integer",
			    cJSON_CreateString(it->string), "body", field,
			    it->string, "[key]", NULL);
			continue;
		}
		before = err->nitems;
		if (bk_body_decimal(&sub, it->string, BK_REQUIRED, 0,
		    ANALYSIS_PRICE_MAX, &c, NULL, err) != 0) {
			/* its location is body.field.key (when it fitted) */
			if (err->nitems > before) {
				err->items[before].loc[1] = field;
				err->items[before].loc[2] = it->string;
				err->items[before].nloc = 3;
			}
			continue;
		}
		for (j = 0; j < n && ids[j] != id; j++)
			;
		if (j == n)
			n++;
		ids[j] = id;
		paise[j] = c;
	}
	return n;
}

/*
 * The body field `field`, {"<service_id>": decimal >= 0}, as JSON text
 * for SQL ({"3":"1500.00"}) in the arena; NULL when absent (or null with
 * BK_NULLABLE) or invalid (422 items in err). *n gets the entry count.
 */
static const char *
analysis_prices(const struct bk_req *req, const char *field, unsigned flags,
    int *n, struct bk_err *err)
{
	cJSON		*v = NULL;
	long		*ids;
	int64_t		*paise;
	char		*out, *o, buf[24];
	int		 i, count, before = err->nitems;

	*n = 0;
	if (cJSON_IsObject(req->json))
		v = cJSON_GetObjectItemCaseSensitive(req->json, field);
	if (v == NULL || (cJSON_IsNull(v) && (flags & BK_NULLABLE))) {
		if (flags & BK_REQUIRED)
			bk_err_422(err, "missing", "Field required",
			    cJSON_IsObject(req->json) ?
			    cJSON_Duplicate(req->json, 1) :
			    cJSON_CreateObject(), "body", field, NULL);
		return NULL;
	}
	if (!cJSON_IsObject(v)) {
		bk_err_422(err, "dict_type", "Input should be a valid "
		    "dictionary", cJSON_Duplicate(v, 1), "body", field, NULL);
		return NULL;
	}
	count = cJSON_GetArraySize(v);
	ids = bk_arena_alloc(req->arena, sizeof *ids * (size_t)(count + 1));
	paise = bk_arena_alloc(req->arena, sizeof *paise * (size_t)(count + 1));
	*n = analysis_entries(req, field, v, ids, paise, err);
	if (err->nitems > before)
		return NULL;
	out = o = bk_arena_alloc(req->arena, 40 * (size_t)*n + 3);
	*o++ = '{';
	for (i = 0; i < *n; i++)
		o += sprintf(o, "%s\"%ld\":\"%s\"", i > 0 ? "," : "", ids[i],
		    proto_money_format(paise[i], buf, sizeof buf));
	strcpy(o, "}");
	return out;
}

/* Read the POST body (edit = false) or an admin edit's body. */
static int
analysis_read(const struct bk_req *req, struct bk_db *db, bool edit,
    struct analysis_in *in, struct bk_err *err)
{
	const char	**urls = NULL;
	int		  n = 0, nquote;
	bool		  has_urls = false;
	unsigned	  opt = edit ? BK_NULLABLE : BK_REQUIRED;

	in->description = in->recommendation = in->images = NULL;
	bk_body_object(req, err);
	if (!edit)
		bk_body_int(req, "booking_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
		    &in->booking_id, NULL, err);
	bk_body_str(req, "description", opt | BK_TRIM, 3, 4000,
	    &in->description, err);
	bk_body_str(req, "recommendation", opt | BK_TRIM, 3, 4000,
	    &in->recommendation, err);
	if (bk_body_str_list(req, "images", opt | BK_TRIM, 0, 0, 0, &urls,
	    &n, &has_urls, err) == 0 && has_urls)
		bk_db_media_check_images(db, req->arena, "images", urls, &n, 1,
		    5, err);
	in->quote = analysis_prices(req, "price_quote", opt, &nquote, err);
	in->recs = analysis_prices(req, "recommended_services", BK_NULLABLE,
	    &in->nrecs, err);
	if (err->nitems > 0)
		return -1;
	if (has_urls)
		in->images = bk_db_text_array(req->arena, urls, n);
	return 0;
}

/* The quote and recommendation checks of §5.9 (complete: every booked
 * service needs a quote, as on submission). */
static int
analysis_check(struct bk_db *db, struct bk_arena *a, long booking,
    const struct analysis_in *in, bool complete, struct bk_err *err)
{
	if (in->quote != NULL && bk_db_analysis_check_quote(db, a, booking,
	    in->quote, complete, err) != 0)
		return -1;
	if (in->recs != NULL && bk_db_analysis_check_recs(db, a, booking,
	    in->recs, err) != 0)
		return -1;
	return 0;
}

/*
 * Validate the analysis of booking b (locked): as the caller, or as
 * "system" when automatic (§5.16). The admin endpoint and automatic
 * validation share it.
 */
static int
analysis_validate(const struct bk_req *req, struct bk_db *db,
    struct bk_booking *b, bool automatic, struct bk_err *err)
{
	const struct proto_fsm_row	*row;
	struct bk_analysis		 an;
	const char			*actor = automatic ? "system" :
					    req->auth.user_id;
	int				 role = automatic ? 0 : req->auth.role;

	if (bk_db_analysis_state(db, req->arena, b->id, &an, err) != 0)
		return -1;
	if (!an.exists)
		return bk_err_set(err, 404, "Analysis record not found");
	if (an.validated)
		return bk_err_set(err, 400, "Analysis already validated.");
	row = proto_fsm_find(b->status, PROTO_ACT_VALIDATE_ANALYSIS,
	    automatic ? PROTO_WHO_SYSTEM : proto_fsm_who(role), NULL, NULL);
	if (row == NULL)
		return bk_err_set(err, 400, "Attempting invalid state "
		    "transition");
	if (bk_db_analysis_validate(db, b->id, actor, err) != 0 ||
	    bk_db_score_analysis(db, b->id, NULL, err) != 0 ||
	    bk_db_events_add(db, b->id, "analysis_validated", actor, role,
	    automatic ? "{\"automatic\":true}" : "{\"automatic\":false}", NULL,
	    err) != 0 ||
	    bk_db_bookings_set_status(db, b, row->to, actor, role, err) != 0)
		return -1;
	return 0;
}

/* The effects of a submission: analysis, prices, events, assignment
 * completed, booking moved to `to`. */
static int
analysis_apply(const struct bk_req *req, struct bk_db *db,
    struct bk_booking *b, int to, long assignment,
    const struct analysis_in *in, struct bk_err *err)
{
	const char	*me = req->auth.user_id;

	if (bk_db_analysis_create(db, b->id, me, assignment, in->description,
	    in->recommendation, in->images, err) != 0 ||
	    bk_db_analysis_prices(db, b->id, in->quote, in->recs, err) != 0 ||
	    bk_db_events_add_req(db, req, b->id, "analysis_submitted",
	    bk_arena_printf(req->arena, "{\"mechanic_id\":\"%s\"}", me),
	    err) != 0 ||
	    bk_db_progress_close_assignment(db, b->id, assignment, me,
	    req->auth.role, err) != 0 ||
	    bk_db_bookings_set_status(db, b, to, me, req->auth.role, err) != 0)
		return -1;
	return 0;
}

/* The caller's active analysis assignment on b and the state machine's
 * row for submitting (checks 3 and 4 of §5.9). */
static int
analysis_post_row(const struct bk_req *req, struct bk_db *db,
    const struct bk_booking *b, long *assignment,
    const struct proto_fsm_row **row, struct bk_err *err)
{
	int	type;

	if (bk_db_progress_holder(db, b->id, req->auth.user_id, assignment,
	    &type, err) != 0)
		return -1;
	if (type != PROTO_ASSIGN_ANALYSIS)
		return bk_err_set(err, 403, "Trying to access other mechanic "
		    "assignments.");
	*row = proto_fsm_find(b->status, PROTO_ACT_SUBMIT_ANALYSIS,
	    proto_fsm_who(req->auth.role), NULL, NULL);
	if (*row == NULL)
		return bk_err_set(err, 400, "Attempting invalid state "
		    "transition");
	return 0;
}

/* POST /api/v1/bookings/mechanic/analysis */
int
bk_analysis_post(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct analysis_in		 in;
	struct bk_booking		 b;
	struct bk_analysis		 an;
	const struct proto_fsm_row	*row;
	const char			*json;
	long				 assignment;
	bool				 automatic;

	if (analysis_read(req, db, false, &in, &res->err) != 0)
		return bk_fail_err(res);
	if (!analysis_role_may(req->auth.role, PROTO_ACT_SUBMIT_ANALYSIS))
		return bk_fail(res, 403, "Only mechanics can create analysis");
	if (in.nrecs > 0 && !proto_scopes_has(&req->auth.scopes,
	    PROTO_SCOPE_WRITE_BOOKING_RECOMMENDATIONS))
		return bk_fail(res, 403, "Insufficient permissions.");
	if (bk_db_bookings_lock(db, req->arena, in.booking_id, &b,
	    "Booking not found", &res->err) != 0 ||
	    analysis_post_row(req, db, &b, &assignment, &row, &res->err) != 0 ||
	    bk_db_analysis_state(db, req->arena, b.id, &an, &res->err) != 0)
		return bk_fail_err(res);
	if (an.exists)
		return bk_fail(res, 400, "Analysis already submitted.");
	if (analysis_check(db, req->arena, b.id, &in, true, &res->err) != 0 ||
	    analysis_apply(req, db, &b, row->to, assignment, &in,
	    &res->err) != 0 ||
	    bk_db_settings_get(db, BK_SETTING_ANALYSIS_VALIDATION, &automatic,
	    &res->err) != 0)
		return bk_fail_err(res);
	if ((automatic && analysis_validate(req, db, &b, true,
	    &res->err) != 0) ||
	    bk_db_analysis_json(db, req->arena, b.id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/bookings/admin/analysis/{booking_id} */
int
bk_analysis_edit(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct analysis_in	 in;
	struct bk_booking	 b;
	struct bk_analysis	 an;
	const char		*json;
	long			 id = bk_req_param(req, "booking_id")->ival;

	if (analysis_read(req, db, true, &in, &res->err) != 0)
		return bk_fail_err(res);
	if ((in.quote != NULL || in.recs != NULL) &&
	    !proto_scopes_has(&req->auth.scopes,
	    PROTO_SCOPE_UPDATE_BOOKING_RECOMMENDATIONS))
		return bk_fail(res, 403, "Insufficient permissions.");
	if (bk_db_bookings_lock(db, req->arena, id, &b,
	    "Analysis record not found", &res->err) != 0 ||
	    bk_db_analysis_state(db, req->arena, id, &an, &res->err) != 0)
		return bk_fail_err(res);
	if (!an.exists)
		return bk_fail(res, 404, "Analysis record not found");
	if (an.validated)
		return bk_fail(res, 400, "Analysis already validated.");
	if (proto_fsm_find(b.status, PROTO_ACT_EDIT_ANALYSIS,
	    proto_fsm_who(req->auth.role), NULL, NULL) == NULL)
		return bk_fail(res, 400, "Attempting invalid state transition");
	if (analysis_check(db, req->arena, id, &in, false, &res->err) != 0 ||
	    bk_db_analysis_update(db, id, in.description, in.recommendation,
	    in.images, &res->err) != 0 ||
	    bk_db_analysis_prices(db, id, in.quote, in.recs, &res->err) != 0 ||
	    bk_db_events_add_req(db, req, id, "analysis_updated",
	    bk_arena_printf(req->arena, "{\"mechanic_id\":\"%s\"}",
	    an.mechanic_id), &res->err) != 0 ||
	    bk_db_analysis_json(db, req->arena, id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/bookings/admin/analysis/{booking_id}/validate */
int
bk_analysis_validate(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_booking	 b;
	cJSON			*o;

	if (bk_db_bookings_lock(db, req->arena,
	    bk_req_param(req, "booking_id")->ival, &b,
	    "Analysis record not found", &res->err) != 0 ||
	    analysis_validate(req, db, &b, false, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", "Analysis validated and sent to "
	    "customer");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/bookings/{booking_id}/analysis: customers only once it is
 * validated. */
int
bk_analysis_get(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	long	 id = bk_req_param(req, "booking_id")->ival;
	cJSON	*view;
	int64_t	 head;

	if (bk_db_bookings_access(db, req, id, &res->err) != 0 ||
	    bk_db_events_head(db, &head, &res->err) != 0 ||
	    bk_db_analysis_view(db, req->arena, id,
	    req->auth.role == PROTO_ROLE_CUSTOMER, &view, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_header(res, "x-event-seq", bk_arena_printf(req->arena,
	    "%lld", (long long)head));
	return bk_reply(res, 200, view);
}
