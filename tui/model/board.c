/*
 * The board's rows and the reducers that change them.
 *
 * A row is four groups of fields, each stamped with the seq that last
 * wrote it: the summary (status, action, customer, car…), the newest
 * progress entry, the analysis report, and one mechanic slot per
 * assignment type; plus when the booking entered its status. A parsed row
 * marks the groups it carries with a stamp of 1, and merging copies a
 * group only when the incoming seq is newer than the stamp (or as new,
 * for a snapshot: it reflects every event up to its seq). Events are
 * applied through a table of kinds, one small function each.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "xmalloc.h"
#include "model/board.h"
#include "model/json.h"

#define BOARD_FLASH_MS	2000	/* a changed row stays highlighted */
#define PRESENT		1	/* stamp of a group a parsed row carries */

static const struct {
	const char	*name;
	int		 rank;
} actreq_table[] = {
#define X(e, w, r) { w, r },
	TUI_ACTIONS_REQ(X)
#undef X
};

static const struct {
	const char	*name;
	int		 rank;
} eta_table[] = {
#define X(e, w, r) { w, r },
	TUI_ETAS(X)
#undef X
};

static const char *sort_names[TUI_SORT_COUNT] = {
	[TUI_SORT_URGENCY] = "urgency",
	[TUI_SORT_STATUS] = "status",
	[TUI_SORT_AGE] = "age in status",
	[TUI_SORT_ID] = "booking id",
	[TUI_SORT_CUSTOMER] = "customer",
};

const char *
tui_action_req_name(enum tui_action_req a)
{
	return (int)a >= 0 && a < TUI_ACTREQ_COUNT ? actreq_table[a].name :
	    "?";
}

/* The dashboard's action_required (case-insensitive); UNKNOWN if NULL or
 * not one of ours. */
enum tui_action_req
tui_action_req_parse(const char *s)
{
	int	i;

	for (i = 0; s != NULL && i < TUI_ACTREQ_UNKNOWN; i++)
		if (strcasecmp(actreq_table[i].name, s) == 0)
			return (enum tui_action_req)i;
	return TUI_ACTREQ_UNKNOWN;
}

const char *
tui_eta_name(enum tui_eta e)
{
	return (int)e >= 0 && e < TUI_ETA_COUNT ? eta_table[e].name : "";
}

enum tui_eta
tui_eta_parse(const char *s)
{
	int	i;

	for (i = 0; s != NULL && i < TUI_ETA_NONE; i++)
		if (strcmp(eta_table[i].name, s) == 0)
			return (enum tui_eta)i;
	return TUI_ETA_NONE;
}

const char *
tui_sort_name(enum tui_sort s)
{
	return (int)s >= 0 && s < TUI_SORT_COUNT ? sort_names[s] : "";
}

static void
slot_cleanup(struct tui_slot *s)
{
	free(s->mech_id);
	free(s->mech_name);
	memset(s, 0, sizeof *s);
}

static void
slot_copy(struct tui_slot *dst, const struct tui_slot *src)
{
	slot_cleanup(dst);
	*dst = *src;
	dst->mech_id = src->mech_id != NULL ? xstrdup(src->mech_id) : NULL;
	dst->mech_name = src->mech_name != NULL ? xstrdup(src->mech_name) :
	    NULL;
}

static void
summary_cleanup(struct tui_row *r)
{
	free(r->customer);
	free(r->customer_id);
	free(r->car);
	free(r->reg);
	free(r->payment_method);
	r->customer = r->customer_id = r->car = r->reg = NULL;
	r->payment_method = NULL;
}

/* Free what a row owns; the row is then empty (id 0). */
void
tui_row_cleanup(struct tui_row *r)
{
	int	t;

	summary_cleanup(r);
	for (t = 0; t <= PROTO_ASSIGN_MAX; t++)
		slot_cleanup(&r->slot[t]);
	memset(r, 0, sizeof *r);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The summary group of src into dst (strings copied). */
static void
summary_copy(struct tui_row *dst, const struct tui_row *src)
{
	summary_cleanup(dst);
	dst->customer = dup_or_null(src->customer);
	dst->customer_id = dup_or_null(src->customer_id);
	dst->car = dup_or_null(src->car);
	dst->reg = dup_or_null(src->reg);
	dst->payment_method = dup_or_null(src->payment_method);
	dst->status_id = src->status_id;
	dst->action = src->action;
	dst->eta = src->eta;
	memcpy(dst->pickup_date, src->pickup_date, sizeof dst->pickup_date);
	memcpy(dst->drop_date, src->drop_date, sizeof dst->drop_date);
	if (src->created_at != 0)	/* event summaries lack it */
		dst->created_at = src->created_at;
	dst->promised_at = src->promised_at;
}

/* dst becomes a deep copy of src (dst is cleaned first). */
void
tui_row_copy(struct tui_row *dst, const struct tui_row *src)
{
	int	t;

	tui_row_cleanup(dst);
	*dst = *src;
	dst->customer = dst->customer_id = dst->car = dst->reg = NULL;
	dst->payment_method = NULL;
	summary_copy(dst, src);
	for (t = 0; t <= PROTO_ASSIGN_MAX; t++) {
		memset(&dst->slot[t], 0, sizeof dst->slot[t]);
		slot_copy(&dst->slot[t], &src->slot[t]);
	}
}

void
tui_rows_free(struct tui_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; rows != NULL && i < n; i++)
		tui_row_cleanup(&rows[i]);
	free(rows);
}

static void
copy_date(char dst[11], const char *src)
{
	dst[0] = '\0';
	if (src != NULL)
		snprintf(dst, 11, "%s", src);
}

/* latest_assignment {id, mechanic: {id, name}, assignment_type, status}
 * into the slot of its type, marked present. */
static void
row_parse_assignment(const cJSON *a, struct tui_row *r)
{
	const cJSON	*mech;
	struct tui_slot	*s;
	const char	*status;
	int		 type;

	if (!cJSON_IsObject(a))
		return;
	type = proto_assignment_type_parse(tui_json_str(a,
	    "assignment_type"));
	if (type <= 0 || type > PROTO_ASSIGN_MAX)
		return;
	mech = cJSON_GetObjectItemCaseSensitive(a, "mechanic");
	s = &r->slot[type];
	slot_cleanup(s);
	s->mech_id = tui_json_dup(mech, "id");
	s->mech_name = tui_json_dup(mech, "name");
	s->assignment_id = tui_json_long(a, "id", 0);
	status = tui_json_str(a, "status");
	s->active = status != NULL &&
	    proto_status_parse(status) == PROTO_STATUS_ASSIGNED;
	s->released = status != NULL &&
	    proto_status_parse(status) == PROTO_STATUS_RELEASED;
	s->seq = PRESENT;
}

/* The fields a dashboard row and an event summary share. */
static void
row_parse_common(const cJSON *o, struct tui_row *r)
{
	r->action = tui_action_req_parse(tui_json_str(o, "action_required"));
	r->eta = tui_eta_parse(tui_json_str(o, "eta_risk"));
	r->payment_method = tui_json_dup(o, "payment_method");
	r->customer_id = tui_json_dup(o, "customer_id");
	copy_date(r->pickup_date, tui_json_str(o, "pickup_date"));
	copy_date(r->drop_date, tui_json_str(o, "drop_date"));
	r->promised_at = tui_json_time(o, "promised_at");
	row_parse_assignment(cJSON_GetObjectItemCaseSensitive(o,
	    "latest_assignment"), r);
	r->sum_seq = PRESENT;
}

/*
 * One AdminBookingDashboard object into r (zeroed first; the caller cleans
 * it up). Carries the summary, the newest progress entry, the analysis
 * and the latest assignment's slot. Returns 0, or -1 without a booking id.
 */
int
tui_row_parse_dashboard(const cJSON *o, struct tui_row *r)
{
	const cJSON	*p, *an;
	const char	*status;

	memset(r, 0, sizeof *r);
	r->id = tui_json_long(o, "booking_id", 0);
	if (r->id <= 0)
		return -1;
	r->customer = tui_json_dup(o, "customer_name");
	r->car = tui_json_dup(o, "car_model");
	r->reg = tui_json_dup(o, "car_reg");
	r->status_id = (int)tui_json_long(o, "status_id", 0);
	status = tui_json_str(o, "status");
	if (r->status_id == 0 && status != NULL)
		r->status_id = proto_status_parse(status);
	r->created_at = tui_json_time(o, "created_at");
	row_parse_common(o, r);
	p = cJSON_GetObjectItemCaseSensitive(o, "latest_progress");
	r->progress_id = cJSON_IsObject(p) ? tui_json_long(p, "id", 0) : 0;
	r->progress_validated = tui_json_bool(p, "validated");
	r->prog_seq = PRESENT;
	an = cJSON_GetObjectItemCaseSensitive(o, "analysis_report");
	r->has_analysis = cJSON_IsObject(an);
	r->analysis_validated = tui_json_bool(an, "validated");
	r->ana_seq = PRESENT;
	return 0;
}

/*
 * An event's booking summary, {id, status, status_id, customer_id,
 * customer_name, car: {manufacturer, model, reg_no}, pickup_date, …,
 * action_required, eta_risk, latest_assignment} (SPEC §8.17), into r.
 * Carries the summary and the latest assignment's slot only.
 */
int
tui_row_parse_summary(const cJSON *o, struct tui_row *r)
{
	const cJSON	*car;
	const char	*mf, *model;

	memset(r, 0, sizeof *r);
	r->id = tui_json_long(o, "id", 0);
	if (r->id <= 0)
		return -1;
	r->customer = tui_json_dup(o, "customer_name");
	car = cJSON_GetObjectItemCaseSensitive(o, "car");
	mf = tui_json_str(car, "manufacturer");
	model = tui_json_str(car, "model");
	if (mf != NULL && model != NULL)
		xasprintf(&r->car, "%s %s", mf, model);
	else
		r->car = dup_or_null(model != NULL ? model : mf);
	r->reg = tui_json_dup(car, "reg_no");
	r->status_id = (int)tui_json_long(o, "status_id", 0);
	if (r->status_id == 0 && tui_json_str(o, "status") != NULL)
		r->status_id = proto_status_parse(tui_json_str(o, "status"));
	r->created_at = tui_json_time(o, "created_at");
	row_parse_common(o, r);
	return 0;
}

/* The body of GET /bookings/admin/dashboard as a new array of rows (the
 * caller frees it with tui_rows_free). Rows without an id are skipped.
 * Returns 0, or -1 when the body is not a JSON array. */
int
tui_board_parse_snapshot(const char *body, struct tui_row **rows, size_t *n)
{
	cJSON		*root;
	const cJSON	*it;
	size_t		 cap, k = 0;

	*rows = NULL;
	*n = 0;
	root = body != NULL ? cJSON_Parse(body) : NULL;
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return -1;
	}
	cap = (size_t)cJSON_GetArraySize(root);
	*rows = xcalloc(cap + 1, sizeof **rows);
	cJSON_ArrayForEach(it, root) {
		if (tui_row_parse_dashboard(it, &(*rows)[k]) == 0)
			k++;
		else
			tui_row_cleanup(&(*rows)[k]);
	}
	*n = k;
	cJSON_Delete(root);
	return 0;
}

void
tui_board_init(struct tui_board *b)
{
	memset(b, 0, sizeof *b);
	b->sort = TUI_SORT_URGENCY;
}

void
tui_board_cleanup(struct tui_board *b)
{
	tui_rows_free(b->rows, b->n);
	free(b->vis);
	memset(b, 0, sizeof *b);
}

/* Index of the first row with id >= id (rows are sorted by id). */
static size_t
board_lower(const struct tui_board *b, long id)
{
	size_t	lo = 0, hi = b->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (b->rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The row of booking id, or NULL. */
struct tui_row *
tui_board_find(const struct tui_board *b, long id)
{
	size_t	i = board_lower(b, id);

	return i < b->n && b->rows[i].id == id ? &b->rows[i] : NULL;
}

/* A new empty row for id, in order. */
static struct tui_row *
board_insert(struct tui_board *b, long id)
{
	size_t	i = board_lower(b, id);

	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 32 : b->cap * 2;
		b->rows = xrealloc(b->rows, b->cap * sizeof *b->rows);
	}
	memmove(&b->rows[i + 1], &b->rows[i], (b->n - i) * sizeof *b->rows);
	b->n++;
	memset(&b->rows[i], 0, sizeof b->rows[i]);
	b->rows[i].id = id;
	return &b->rows[i];
}

static void
board_remove(struct tui_board *b, size_t i)
{
	tui_row_cleanup(&b->rows[i]);
	memmove(&b->rows[i], &b->rows[i + 1], (b->n - i - 1) *
	    sizeof *b->rows);
	b->n--;
}

/* Is a write at seq newer than stamp? Snapshots (at_least) also win at
 * an equal seq: they were read after that event committed. */
static bool
newer(int64_t seq, int64_t stamp, bool at_least)
{
	return at_least ? seq >= stamp : seq > stamp;
}

/*
 * Merge the groups src carries (stamp PRESENT) into dst at seq. Returns
 * true when something shown changed. at_least: src is a snapshot.
 */
static bool
row_merge(struct tui_row *dst, const struct tui_row *src, int64_t seq,
    bool at_least)
{
	bool	changed = false;
	int	t;

	if (src->sum_seq != 0 && newer(seq, dst->sum_seq, at_least)) {
		changed |= dst->status_id != src->status_id ||
		    dst->action != src->action || dst->eta != src->eta;
		summary_copy(dst, src);
		dst->sum_seq = seq;
	}
	if (src->prog_seq != 0 && newer(seq, dst->prog_seq, at_least)) {
		dst->progress_id = src->progress_id;
		dst->progress_validated = src->progress_validated;
		dst->prog_seq = seq;
	}
	if (src->ana_seq != 0 && newer(seq, dst->ana_seq, at_least)) {
		dst->has_analysis = src->has_analysis;
		dst->analysis_validated = src->analysis_validated;
		dst->ana_seq = seq;
	}
	for (t = 1; t <= PROTO_ASSIGN_MAX; t++) {
		if (src->slot[t].seq == 0 ||
		    !newer(seq, dst->slot[t].seq, at_least))
			continue;
		changed |= dst->slot[t].active != src->slot[t].active ||
		    dst->slot[t].assignment_id != src->slot[t].assignment_id;
		slot_copy(&dst->slot[t], &src->slot[t]);
		dst->slot[t].seq = seq;
	}
	return changed;
}

/*
 * Apply a dashboard snapshot read at seq (its X-Event-Seq): rows carries
 * every booking. Rows it lacks are dropped unless an event newer than seq
 * made them; rows it has are merged group by group, so what newer events
 * wrote stays. What only events tell (when the status began, mechanics of
 * earlier assignment types) is kept. Highlights rows that changed when
 * now_ms > 0 and a snapshot was applied before. Returns true when
 * anything changed.
 */
static int
id_cmp(const void *a, const void *b)
{
	long	x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

bool
tui_board_apply_snapshot(struct tui_board *b, const struct tui_row *rows,
    size_t n, int64_t seq, long long now_ms)
{
	struct tui_row	*r;
	long		*ids;
	size_t		 i, j;
	bool		 changed = false, known;

	ids = xcalloc(n + 1, sizeof *ids);
	for (j = 0; j < n; j++)
		ids[j] = rows[j].id;
	qsort(ids, n, sizeof *ids, id_cmp);
	for (i = b->n; i-- > 0;) {
		if (bsearch(&b->rows[i].id, ids, n, sizeof *ids,
		    id_cmp) == NULL && b->rows[i].sum_seq <= seq) {
			board_remove(b, i);
			changed = true;
		}
	}
	free(ids);
	for (j = 0; j < n; j++) {
		r = tui_board_find(b, rows[j].id);
		known = r != NULL;
		if (!known) {
			r = board_insert(b, rows[j].id);
			changed = true;
		}
		if (row_merge(r, &rows[j], seq, true) && known) {
			changed = true;
			if (now_ms > 0 && b->loaded)
				r->flash_until = now_ms + BOARD_FLASH_MS;
		}
	}
	if (seq > b->seq)
		b->seq = seq;
	if (seq > b->snap_seq)
		b->snap_seq = seq;
	b->loaded = true;
	b->stale = false;
	return changed;
}

/* --- events: one function per kind; each returns "shown row changed" */

static bool
ev_created(struct tui_row *r, const struct tui_event *ev)
{
	if (ev->seq <= r->since_seq)
		return false;
	r->status_since = ev->at;
	r->since_seq = ev->seq;
	return true;
}

static bool
ev_status(struct tui_row *r, const struct tui_event *ev)
{
	bool	changed = ev_created(r, ev);

	if (ev->summary == NULL && ev->to_status > 0 && ev->seq > r->sum_seq) {
		/* no summary: the status is known, the next action not */
		r->status_id = ev->to_status;
		r->action = TUI_ACTREQ_UNKNOWN;
		r->sum_seq = ev->seq;
		changed = true;
	}
	return changed;
}

static bool
ev_assigned(struct tui_row *r, const struct tui_event *ev)
{
	struct tui_slot	*s;

	if (ev->assignment_type <= 0 || ev->assignment_type > PROTO_ASSIGN_MAX)
		return false;
	s = &r->slot[ev->assignment_type];
	if (ev->seq <= s->seq)
		return false;
	slot_cleanup(s);
	s->mech_id = dup_or_null(ev->mechanic_id);
	s->mech_name = dup_or_null(ev->mechanic_name != NULL ?
	    ev->mechanic_name : ev->mechanic_id);
	s->assignment_id = ev->assignment_id;
	s->active = true;
	s->seq = ev->seq;
	return true;
}

static bool
ev_unassigned(struct tui_row *r, const struct tui_event *ev)
{
	struct tui_slot	*s;

	if (ev->assignment_type <= 0 || ev->assignment_type > PROTO_ASSIGN_MAX)
		return false;
	s = &r->slot[ev->assignment_type];
	if (ev->seq <= s->seq)
		return false;
	if (s->mech_id == NULL && ev->mechanic_id != NULL)
		s->mech_id = xstrdup(ev->mechanic_id);
	if (s->mech_name == NULL && ev->mechanic_id != NULL)
		s->mech_name = xstrdup(ev->mechanic_id);
	if (ev->assignment_id != 0)
		s->assignment_id = ev->assignment_id;
	s->active = false;
	s->released = strcmp(ev->kind, "assignment_released") == 0;
	s->seq = ev->seq;
	return true;
}

static bool
ev_progress(struct tui_row *r, const struct tui_event *ev)
{
	if (ev->seq <= r->prog_seq || ev->progress_id <= 0)
		return false;
	r->progress_id = ev->progress_id;
	r->progress_validated = false;
	r->prog_seq = ev->seq;
	return true;
}

static bool
ev_progress_ok(struct tui_row *r, const struct tui_event *ev)
{
	if (ev->seq <= r->prog_seq)
		return false;
	if (r->progress_id != 0 && ev->progress_id != 0 &&
	    r->progress_id > ev->progress_id)
		return false;	/* an older entry's validation */
	if (ev->progress_id != 0)
		r->progress_id = ev->progress_id;
	r->progress_validated = true;
	r->prog_seq = ev->seq;
	return true;
}

static bool
ev_analysis(struct tui_row *r, const struct tui_event *ev, bool validated)
{
	if (ev->seq <= r->ana_seq)
		return false;
	r->has_analysis = true;
	r->analysis_validated = validated;
	r->ana_seq = ev->seq;
	return true;
}

static bool
ev_analysis_new(struct tui_row *r, const struct tui_event *ev)
{
	return ev_analysis(r, ev, false);
}

static bool
ev_analysis_ok(struct tui_row *r, const struct tui_event *ev)
{
	return ev_analysis(r, ev, true);
}

static bool
ev_eta(struct tui_row *r, const struct tui_event *ev)
{
	if (ev->summary != NULL || ev->eta_risk == NULL ||
	    ev->seq <= r->sum_seq)
		return false;
	r->eta = tui_eta_parse(ev->eta_risk);
	r->sum_seq = ev->seq;
	return true;
}

/* What each kind does to a row beyond its summary (kinds not listed
 * change only the summary, when they carry one). */
static const struct {
	const char	*kind;
	bool		(*fn)(struct tui_row *, const struct tui_event *);
} event_effects[] = {
	{ "created",			ev_created },
	{ "status_changed",		ev_status },
	{ "assigned",			ev_assigned },
	{ "assignment_completed",	ev_unassigned },
	{ "assignment_released",	ev_unassigned },
	{ "progress_posted",		ev_progress },
	{ "progress_validated",		ev_progress_ok },
	{ "analysis_submitted",		ev_analysis_new },
	{ "analysis_validated",		ev_analysis_ok },
	{ "eta_risk",			ev_eta },
};

/*
 * Apply one event. Its effect (per kind) and its booking summary, if it
 * carries one, are merged under the stamps, so duplicates and events
 * older than what a row shows change nothing. An event for a booking the
 * board lacks adds the row when it carries a summary, else marks the
 * board stale (a refetch will bring the row). now_ms > 0 highlights a
 * row that changed. Returns true when anything shown changed.
 */
bool
tui_board_apply_event(struct tui_board *b, const struct tui_event *ev,
    long long now_ms)
{
	struct tui_row	*r;
	size_t		 i;
	bool		 changed = false;

	if (ev->seq <= 0 || ev->booking_id <= 0)
		return false;
	if (ev->seq > b->seq)
		b->seq = ev->seq;
	r = tui_board_find(b, ev->booking_id);
	if (r == NULL && ev->summary == NULL) {
		if (ev->seq > b->snap_seq)
			b->stale = true;
		return false;
	}
	if (r == NULL) {
		r = board_insert(b, ev->booking_id);
		changed = true;
	}
	for (i = 0; i < sizeof event_effects / sizeof event_effects[0]; i++)
		if (ev->kind != NULL && strcmp(event_effects[i].kind,
		    ev->kind) == 0)
			changed |= event_effects[i].fn(r, ev);
	if (ev->summary != NULL)
		changed |= row_merge(r, ev->summary, ev->seq, false);
	if (changed && now_ms > 0)
		r->flash_until = now_ms + BOARD_FLASH_MS;
	return changed;
}

/* --- what is shown --- */

/* Open: not delivered or cancelled, or still needing an admin, or with
 * a mechanic still at work on it (a return drop). */
bool
tui_row_is_open(const struct tui_row *r)
{
	if (r->status_id != PROTO_STATUS_DELIVERED &&
	    r->status_id != PROTO_STATUS_CANCELLED)
		return true;
	return r->action != TUI_ACTREQ_NONE || tui_row_active_type(r) != 0;
}

/* The type of the row's active assignment, or 0. */
int
tui_row_active_type(const struct tui_row *r)
{
	int	t;

	for (t = 1; t <= PROTO_ASSIGN_MAX; t++)
		if (r->slot[t].active)
			return t;
	return 0;
}

/* Case-insensitive substring, by wide characters where the locale can
 * decode both (so "zoë" finds "ZOË"), else by bytes. */
static bool
text_has(const char *hay, const char *needle)
{
	wchar_t	wh[256], wn[64];
	size_t	nh, nn, i, j;

	if (hay == NULL)
		return false;
	nh = mbstowcs(wh, hay, sizeof wh / sizeof wh[0] - 1);
	nn = mbstowcs(wn, needle, sizeof wn / sizeof wn[0] - 1);
	if (nh == (size_t)-1 || nn == (size_t)-1)
		return strcasestr(hay, needle) != NULL;
	wh[nh] = wn[nn] = L'\0';
	for (i = 0; i + nn <= nh; i++) {
		for (j = 0; j < nn; j++)
			if (towlower((wint_t)wh[i + j]) !=
			    towlower((wint_t)wn[j]))
				break;
		if (j == nn)
			return true;
	}
	return false;
}

/* One filter word: "status:x", "action:x", "#12", or text anywhere. */
static bool
row_matches_word(const struct tui_row *r, const char *w)
{
	const char	*status = proto_status_name(r->status_id);
	char		 num[24];
	int		 t;

	if (strncasecmp(w, "status:", 7) == 0)
		return status != NULL && strncasecmp(status, w + 7,
		    strlen(w + 7)) == 0;
	if (strncasecmp(w, "action:", 7) == 0)
		return strncasecmp(tui_action_req_name(r->action), w + 7,
		    strlen(w + 7)) == 0;
	snprintf(num, sizeof num, "%ld", r->id);
	if (w[0] == '#')
		return strcmp(num, w + 1) == 0;
	if (strcmp(num, w) == 0 || text_has(r->customer, w) ||
	    text_has(r->customer_id, w) || text_has(r->car, w) ||
	    text_has(r->reg, w) || text_has(status, w) ||
	    text_has(tui_action_req_name(r->action), w))
		return true;
	for (t = 1; t <= PROTO_ASSIGN_MAX; t++)
		if (text_has(r->slot[t].mech_name, w) ||
		    text_has(r->slot[t].mech_id, w))
			return true;
	return false;
}

/* True when every blank-separated word of filter matches the row. */
bool
tui_row_matches(const struct tui_row *r, const char *filter)
{
	char	 buf[128], *w, *save;

	snprintf(buf, sizeof buf, "%s", filter != NULL ? filter : "");
	for (w = strtok_r(buf, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save))
		if (!row_matches_word(r, w))
			return false;
	return true;
}

/* Comparison for the sort in force: a negative number puts a first.
 * qsort_r carries the mode. */
static int
board_cmp(const void *pa, const void *pb, void *arg)
{
	const struct tui_row	*a = *(const struct tui_row * const *)pa;
	const struct tui_row	*b = *(const struct tui_row * const *)pb;
	enum tui_sort		 mode = *(const enum tui_sort *)arg;
	int			 c = 0;

	switch (mode) {
	case TUI_SORT_URGENCY:
		c = actreq_table[a->action].rank - actreq_table[b->action].rank;
		if (c == 0)
			c = eta_table[a->eta].rank - eta_table[b->eta].rank;
		break;
	case TUI_SORT_STATUS:
		c = a->status_id - b->status_id;
		break;
	case TUI_SORT_CUSTOMER:
		c = strcoll(a->customer != NULL ? a->customer : "",
		    b->customer != NULL ? b->customer : "");
		break;
	case TUI_SORT_ID:
		return a->id < b->id ? -1 : a->id > b->id;
	default:
		break;
	}
	if (c != 0)
		return c;
	/* then the longest in its status first; unknown ages last */
	if (a->status_since != b->status_since) {
		if (a->status_since == 0 || b->status_since == 0)
			return a->status_since == 0 ? 1 : -1;
		return a->status_since < b->status_since ? -1 : 1;
	}
	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * Recompute which rows are shown, in order (b->vis): open rows (all with
 * show_closed) matching the filter, sorted. The selection stays on its
 * booking when still shown, else moves to the row now at its place.
 */
void
tui_board_view(struct tui_board *b)
{
	const struct tui_row	**tmp;
	size_t			 i, k = 0;
	int			 old = tui_board_selected_index(b);

	tmp = xcalloc(b->n + 1, sizeof *tmp);
	for (i = 0; i < b->n; i++)
		if ((b->show_closed || tui_row_is_open(&b->rows[i])) &&
		    tui_row_matches(&b->rows[i], b->filter))
			tmp[k++] = &b->rows[i];
	qsort_r(tmp, k, sizeof *tmp, board_cmp, &b->sort);
	free(b->vis);
	b->vis = xcalloc(k + 1, sizeof *b->vis);
	for (i = 0; i < k; i++)
		b->vis[i] = tmp[i]->id;
	b->nvis = k;
	free(tmp);
	if (tui_board_selected_index(b) < 0) {
		if (old < 0)
			old = 0;
		if ((size_t)old >= k)
			old = (int)k - 1;
		b->selected = old >= 0 ? b->vis[old] : 0;
	}
}

/* Where the selection is among the shown rows, or -1. */
int
tui_board_selected_index(const struct tui_board *b)
{
	size_t	i;

	for (i = 0; i < b->nvis; i++)
		if (b->vis[i] == b->selected)
			return (int)i;
	return -1;
}

/* The selected row, or NULL when nothing is shown. */
const struct tui_row *
tui_board_selected(const struct tui_board *b)
{
	if (tui_board_selected_index(b) < 0)
		return NULL;
	return tui_board_find(b, b->selected);
}

/* Move the selection by delta shown rows, stopping at either end. */
void
tui_board_move(struct tui_board *b, int delta)
{
	int	i = tui_board_selected_index(b);

	if (b->nvis == 0)
		return;
	if (i < 0)
		i = 0;
	i += delta;
	if (i < 0)
		i = 0;
	if ((size_t)i >= b->nvis)
		i = (int)b->nvis - 1;
	b->selected = b->vis[i];
}

/* The soonest highlight still running after now_ms, or 0 if none: the
 * loop wakes then to draw the row plain again. */
long long
tui_board_next_flash(const struct tui_board *b, long long now_ms)
{
	long long	next = 0;
	size_t		i;

	for (i = 0; i < b->n; i++)
		if (b->rows[i].flash_until > now_ms &&
		    (next == 0 || b->rows[i].flash_until < next))
			next = b->rows[i].flash_until;
	return next;
}
