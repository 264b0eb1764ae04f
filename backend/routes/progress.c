/* Progress (SPEC §5.8, §5.10, §8.10): mechanics post entries on their
 * active assignment (moving the booking per the state machine), admins
 * edit and validate them (score, completion, next automatic assignment),
 * and whoever may see a booking reads its entries. */
#include <limits.h>
#include <stdio.h>

#include "automation.h"
#include "db/bookings.h"
#include "db/events.h"
#include "db/media.h"
#include "db/progress.h"
#include "db/score.h"
#include "db/services.h"
#include "db/settings.h"
#include "fsm.h"
#include "role.h"
#include "routes/routes.h"
#include "status.h"
#include "validate.h"

/* A body of POST progress or of an admin edit, ready for SQL. */
struct progress_in {
	long		 booking_id;
	const char	*description;	/* NULL: keep (edit) */
	const char	*images;	/* text[] literal; NULL: keep (edit) */
	const char	*ids;		/* JSON array text; NULL: keep (edit) */
	long		 first_id;	/* the first listed service id */
	int		 nids;
};

/* Which assignment type may post in which booking status (§5.8 rule 5). */
static const struct {
	int	type;
	int	status;
} progress_fits[] = {
	{ PROTO_ASSIGN_PICKUP, PROTO_STATUS_PICKUP },
	{ PROTO_ASSIGN_SERVICE, PROTO_STATUS_IN_PROGRESS },
	{ PROTO_ASSIGN_DROP, PROTO_STATUS_OUT_FOR_DELIVERY },
	{ PROTO_ASSIGN_DROP, PROTO_STATUS_CANCELLED },
};

/* The automatic assignment a validation triggers (§5.15): by the status
 * the entry was posted in and the booking's status after validation. */
static const struct {
	int	entry;
	int	booking;
	int	type;
} progress_next[] = {
	{ PROTO_STATUS_PICKUP, PROTO_STATUS_RECEIVED, PROTO_ASSIGN_ANALYSIS },
	{ PROTO_STATUS_IN_PROGRESS, PROTO_STATUS_IN_PROGRESS,
	    PROTO_ASSIGN_SERVICE },
	{ PROTO_STATUS_IN_PROGRESS, PROTO_STATUS_COMPLETED, PROTO_ASSIGN_DROP },
};

static const char *const progress_sorts[] = { "created_at", NULL };

/* What the state machine's conditions see during a validation. */
struct progress_cond {
	bool	left;		/* confirmed services remain */
	int	entry;		/* the status the entry was posted in */
};

static bool
progress_cond_met(enum proto_fsm_cond c, void *arg)
{
	const struct progress_cond	*pc = arg;

	if (c == PROTO_COND_WORK_LEFT)
		return pc->left;
	if (c == PROTO_COND_NO_WORK_LEFT)
		return !pc->left && pc->entry == PROTO_STATUS_IN_PROGRESS;
	return false;
}

/* Whether the state machine lets role take action in some status. */
static bool
progress_role_may(int role, enum proto_action action)
{
	int	s;

	for (s = PROTO_STATUS_BOOKED; s <= PROTO_STATUS_CANCELLED; s++)
		if (proto_fsm_allowed(s, action, proto_fsm_who(role)))
			return true;
	return false;
}

/* ids without repeats as JSON array text ("[3,7]"). */
static const char *
progress_ids_json(struct bk_arena *a, const long *ids, int n, int *kept)
{
	char	*out = bk_arena_alloc(a, 12 * (size_t)n + 3), *o = out;
	int	 i, j;

	*kept = 0;
	*o++ = '[';
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && ids[j] != ids[i]; j++)
			;
		if (j < i)
			continue;
		o += sprintf(o, "%s%ld", *kept > 0 ? "," : "", ids[i]);
		(*kept)++;
	}
	*o++ = ']';
	*o = '\0';
	return out;
}

/* Read the POST body (edit = false) or an admin edit's body. */
static int
progress_read(const struct bk_req *req, struct bk_db *db, bool edit,
    struct progress_in *in, struct bk_err *err)
{
	const char	**urls = NULL;
	long		 *ids = NULL;
	int		  n = 0, nids = 0;
	bool		  has_urls = false, has_ids = false;
	unsigned	  opt = edit ? BK_NULLABLE : BK_REQUIRED;

	in->description = in->images = in->ids = NULL;
	in->nids = 0;
	bk_body_object(req, err);
	if (!edit)
		bk_body_int(req, "booking_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
		    &in->booking_id, NULL, err);
	bk_body_str(req, "description", opt | BK_TRIM, 3, 2000,
	    &in->description, err);
	if (bk_body_str_list(req, "images", opt | BK_TRIM, 0, 0, 0, &urls,
	    &n, &has_urls, err) == 0 && has_urls)
		bk_db_media_check_images(db, req->arena, "images", urls, &n, 1,
		    5, err);
	bk_body_int_list(req, edit ? "completed_service_ids" :
	    "services_completed_ids", edit ? BK_NULLABLE : 0, INT_MIN,
	    INT_MAX, 0, &ids, &nids, &has_ids, err);
	if (err->nitems > 0)
		return -1;
	if (has_urls)
		in->images = bk_db_text_array(req->arena, urls, n);
	if (has_ids || !edit)
		in->ids = progress_ids_json(req->arena, ids, nids, &in->nids);
	in->first_id = in->nids > 0 ? ids[0] : 0;
	return 0;
}

/* §5.8 rule 6 for an entry posted in status (entry id 0 when new). */
static int
progress_check_services(struct bk_db *db, struct bk_arena *a, long booking,
    long entry, int status, const struct progress_in *in,
    struct bk_err *err)
{
	if (in->ids == NULL || in->nids == 0)
		return 0;
	if (status != PROTO_STATUS_IN_PROGRESS)
		return bk_err_set(err, 400, bk_arena_printf(a, "Service %ld is "
		    "not a confirmed pending service of this booking.",
		    in->first_id));
	return bk_db_progress_check_services(db, a, booking, entry, in->ids,
	    err);
}

/* progress_posted / progress_updated {progress_id, status,
 * completed_service_ids}. */
static int
progress_event(const struct bk_req *req, struct bk_db *db, long booking,
    const char *kind, long entry, int status, const char *ids,
    struct bk_err *err)
{
	return bk_db_events_add_req(db, req, booking, kind,
	    bk_arena_printf(req->arena, "{\"progress_id\":%ld,\"status\":"
	    "\"%s\",\"completed_service_ids\":%s}", entry,
	    proto_status_name(status), ids), err);
}

/*
 * Validate entry p of booking b (locked): as the caller, or as "system"
 * when automatic (§5.16). Score, status move, event, next automatic
 * assignment. The admin endpoint and automatic validation share it.
 */
static int
progress_validate(const struct bk_req *req, struct bk_db *db,
    struct bk_booking *b, const struct bk_progress *p, bool automatic,
    struct bk_err *err)
{
	const struct proto_fsm_row	*row;
	struct progress_cond		 pc = { false, p->status };
	const char			*actor = automatic ? "system" :
					    req->auth.user_id;
	int				 role = automatic ? 0 : req->auth.role;
	size_t				 i;

	if (p->validated)
		return bk_err_set(err, 400, "Progress already validated.");
	if (bk_db_progress_work_left(db, b->id, &pc.left, err) != 0)
		return -1;
	row = proto_fsm_find(b->status, PROTO_ACT_VALIDATE_PROGRESS,
	    automatic ? PROTO_WHO_SYSTEM : proto_fsm_who(role),
	    progress_cond_met, &pc);
	if (row == NULL)
		return bk_err_set(err, 400, "Attempting invalid state "
		    "transition.");
	if (bk_db_progress_validate(db, p->id, actor, err) != 0 ||
	    bk_db_score_progress(db, p->id, NULL, err) != 0 ||
	    bk_db_events_add(db, b->id, "progress_validated", actor, role,
	    bk_arena_printf(req->arena, "{\"progress_id\":%ld,\"automatic\":"
	    "%s}", p->id, automatic ? "true" : "false"), NULL, err) != 0 ||
	    bk_db_bookings_set_status(db, b, row->to, actor, role, err) != 0)
		return -1;
	for (i = 0; i < sizeof progress_next / sizeof progress_next[0]; i++)
		if (progress_next[i].entry == p->status &&
		    progress_next[i].booking == b->status)
			return bk_auto_assign(db, req->arena, b,
			    progress_next[i].type, NULL, err);
	return 0;
}

/* The state machine's row for the caller's post on b through an
 * assignment of type, or NULL (§5.8 rule 5). */
static const struct proto_fsm_row *
progress_post_row(const struct bk_req *req, const struct bk_booking *b,
    int type)
{
	size_t	i;

	for (i = 0; i < sizeof progress_fits / sizeof progress_fits[0]; i++)
		if (progress_fits[i].type == type &&
		    progress_fits[i].status == b->status)
			return proto_fsm_find(b->status,
			    PROTO_ACT_POST_PROGRESS,
			    proto_fsm_who(req->auth.role), NULL, NULL);
	return NULL;
}

/* The effects of a post: entry, completed services, events, assignment
 * completed, booking moved to `to`. */
static int
progress_apply(const struct bk_req *req, struct bk_db *db,
    struct bk_booking *b, int to, long assignment,
    const struct progress_in *in, long *entry, struct bk_err *err)
{
	const char	*me = req->auth.user_id;

	if (bk_db_progress_create(db, b, me, assignment, in->description,
	    in->images, in->ids, entry, err) != 0 ||
	    progress_event(req, db, b->id, "progress_posted", *entry,
	    b->status, in->ids, err) != 0 ||
	    bk_db_progress_close_assignment(db, b->id, assignment, me,
	    req->auth.role, err) != 0 ||
	    bk_db_progress_arrive(db, b->id, to, err) != 0 ||
	    bk_db_bookings_set_status(db, b, to, me, req->auth.role, err) != 0)
		return -1;
	return 0;
}

/* POST /api/v1/bookings/mechanic/progress */
int
bk_progress_post(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct progress_in		 in;
	struct bk_booking		 b;
	struct bk_progress		 p = { 0 };
	const struct proto_fsm_row	*row;
	const char			*json;
	long				 assignment;
	int				 type;
	bool				 pending, automatic;

	if (progress_read(req, db, false, &in, &res->err) != 0)
		return bk_fail_err(res);
	if (!progress_role_may(req->auth.role, PROTO_ACT_POST_PROGRESS))
		return bk_fail(res, 403, "Only mechanics can create progress "
		    "updates.");
	if (bk_db_bookings_lock(db, req->arena, in.booking_id, &b, NULL,
	    &res->err) != 0 || bk_db_progress_holder(db, b.id,
	    req->auth.user_id, &assignment, &type, &res->err) != 0 ||
	    bk_db_progress_pending(db, b.id, &pending, &res->err) != 0)
		return bk_fail_err(res);
	if (pending)
		return bk_fail(res, 400, "Already updated progress.");
	row = progress_post_row(req, &b, type);
	if (row == NULL)
		return bk_fail(res, 400, "Attempting invalid state "
		    "transition.");
	p.status = b.status;
	if (progress_check_services(db, req->arena, b.id, 0, b.status, &in,
	    &res->err) != 0 || bk_db_progress_check_cash(db, &b,
	    &res->err) != 0 || progress_apply(req, db, &b, row->to,
	    assignment, &in, &p.id, &res->err) != 0 ||
	    bk_db_settings_get(db, BK_SETTING_VALIDATION, &automatic,
	    &res->err) != 0)
		return bk_fail_err(res);
	if ((automatic && progress_validate(req, db, &b, &p, true,
	    &res->err) != 0) ||
	    bk_db_progress_json(db, req->arena, p.id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/bookings/admin/progress/{progress_id} */
int
bk_progress_edit(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct progress_in	 in;
	struct bk_booking	 b;
	struct bk_progress	 p;
	const char		*json;

	if (progress_read(req, db, true, &in, &res->err) != 0 ||
	    bk_db_progress_lock(db, req->arena,
	    bk_req_param(req, "progress_id")->ival, &b, &p,
	    "Progress record not found", &res->err) != 0)
		return bk_fail_err(res);
	if (p.validated)
		return bk_fail(res, 400, "Progress already validated.");
	if (proto_fsm_find(b.status, PROTO_ACT_EDIT_PROGRESS,
	    proto_fsm_who(req->auth.role), NULL, NULL) == NULL)
		return bk_fail(res, 400, "Attempting invalid state "
		    "transition.");
	if (progress_check_services(db, req->arena, b.id, p.id, p.status, &in,
	    &res->err) != 0 || bk_db_progress_update(db, p.id,
	    in.description, in.images, in.ids, &res->err) != 0 ||
	    progress_event(req, db, b.id, "progress_updated", p.id, p.status,
	    in.ids != NULL ? in.ids : p.completed, &res->err) != 0 ||
	    bk_db_progress_json(db, req->arena, p.id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/bookings/admin/progress/{progress_id}/validate */
int
bk_progress_validate(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_booking	 b;
	struct bk_progress	 p;
	cJSON			*o;

	if (bk_db_progress_lock(db, req->arena,
	    bk_req_param(req, "progress_id")->ival, &b, &p,
	    "Progress record not found.", &res->err) != 0 ||
	    progress_validate(req, db, &b, &p, false, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", "Progress validated and sent to "
	    "customer");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/bookings/{booking_id}/progress: oldest first; customers
 * see validated entries only. */
int
bk_progress_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	long		 id = bk_req_param(req, "booking_id")->ival, total;
	struct bk_page	 pg;
	const char	*json;
	int64_t		 head;

	if (bk_page_parse(req, progress_sorts, "created_at", &pg,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_bookings_access(db, req, id, &res->err) != 0 ||
	    bk_db_events_head(db, &head, &res->err) != 0 ||
	    bk_db_progress_list(db, req->arena, id,
	    req->auth.role == PROTO_ROLE_CUSTOMER, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	bk_res_header(res, "x-event-seq", bk_arena_printf(req->arena,
	    "%lld", (long long)head));
	return bk_reply_text(res, 200, json);
}
