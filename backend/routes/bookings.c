/* Bookings (SPEC §5.5, §5.11, §5.13, §8.10): creating a booking with the
 * checks of §5.5 in order, the customer's list, the detailed view,
 * confirming the quoted services and cancelling with the fee of §5.13.
 * Each change locks the car or the booking first, moves the status only
 * through the state machine, and writes its events in the request's
 * transaction; then automatic assignment gets its turn. */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "db/booking_cancel.h"
#include "db/booking_create.h"
#include "db/booking_money.h"
#include "db/booking_views.h"
#include "db/bookings.h"
#include "db/events.h"
#include "db/gst.h"
#include "fsm.h"
#include "role.h"
#include "routes/routes.h"
#include "status.h"
#include "validate.h"

static const char *const bookings_sorts[] = {
	"id", "created_at", "pickup_date", "drop_date", NULL
};

/* The customer-facing statuses of §5.2, the list's filter values. */
static const char *const bookings_customer_statuses[] = {
	"booked", "pickup", "analysis", "in-progress", "completed",
	"delivered", "cancelled", NULL
};

static bool
bookings_customer_view(const struct bk_req *req)
{
	return req->auth.role == PROTO_ROLE_CUSTOMER;
}

/* Whose bookings the caller may change: admins any (NULL), others own. */
static const char *
bookings_owner(const struct bk_req *req)
{
	return req->auth.role == PROTO_ROLE_ADMIN ? NULL : req->auth.user_id;
}

static void
bookings_seq_header(const struct bk_req *req, struct bk_res *res,
    int64_t seq)
{
	bk_res_header(res, "X-Event-Seq", bk_arena_printf(req->arena,
	    "%" PRId64, seq));
}

/* Put one 422 item under body.<field>. */
static void
bookings_nest_item(struct bk_err_item *it, const char *field)
{
	int	j;

	if (it->nloc < 1 || it->nloc >= BK_MAX_LOC)
		return;
	for (j = it->nloc; j > 1; j--)
		it->loc[j] = it->loc[j - 1];
	it->loc[1] = field;
	it->nloc++;
}

/* Move the 422 items from index `from` on under body.<field>. */
static void
bookings_nest_loc(struct bk_err *err, int from, const char *field)
{
	for (; from < err->nitems; from++)
		bookings_nest_item(&err->items[from], field);
}

/* The body's object field, NULL when absent or null; a non-object adds
 * the 422. */
static const cJSON *
bookings_object(const struct bk_req *req, const char *field,
    struct bk_err *err)
{
	const cJSON	*v = NULL;

	if (cJSON_IsObject(req->json))
		v = cJSON_GetObjectItemCaseSensitive(req->json, field);
	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsObject(v)) {
		bk_err_422(err, "dict_type", "Input should be a valid "
		    "dictionary", cJSON_Duplicate(v, 1), "body", field, NULL);
		return NULL;
	}
	return v;
}

/* An inline address under field, by the rules of POST /address/. */
static void
bookings_parse_address(const struct bk_req *req, const char *field,
    struct bk_address_new *ad, struct bk_err *err)
{
	struct bk_req	 sub = *req;
	const cJSON	*v;
	int		 before = err->nitems;

	memset(ad, 0, sizeof *ad);
	v = bookings_object(req, field, err);
	if (v == NULL)
		return;
	sub.json = (cJSON *)v;
	bk_body_str(&sub, "label", BK_TRIM | BK_NULLABLE | BK_BLANK_NULL, 2, 50,
	    &ad->label, err);
	bk_body_str(&sub, "line1", BK_REQUIRED | BK_TRIM, 3, 200, &ad->line1,
	    err);
	bk_body_str(&sub, "line2", BK_TRIM | BK_NULLABLE | BK_BLANK_NULL, 0,
	    200, &ad->line2, err);
	bk_body_int(&sub, "area_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
	    &ad->area_id, NULL, err);
	bookings_nest_loc(err, before, field);
	ad->present = err->nitems == before;
}

static int
bookings_cmp_id(const void *x, const void *y)
{
	long	a = *(const long *)x, b = *(const long *)y;

	return (a > b) - (a < b);
}

/* Sort ids and drop repeats; returns the new count. */
static int
bookings_distinct(long *ids, int n)
{
	int	i, k = 0;

	qsort(ids, (size_t)n, sizeof *ids, bookings_cmp_id);
	for (i = 0; i < n; i++)
		if (k == 0 || ids[k - 1] != ids[i])
			ids[k++] = ids[i];
	return k;
}

/* service_price {"<service_id>": decimal}: the keys select services (an
 * id out of range selects nothing that exists); values are checked and
 * ignored. */
static void
bookings_parse_prices(const struct bk_req *req, long **ids, int *n,
    bool *present, struct bk_err *err)
{
	struct bk_req	 sub = *req;
	const cJSON	*v, *it;
	char		*end;
	long		 id;
	int64_t		 price;
	int		 before = err->nitems;

	*present = false;
	v = bookings_object(req, "service_price", err);
	if (v == NULL)
		return;
	*ids = bk_arena_alloc(req->arena, sizeof **ids *
	    (size_t)(cJSON_GetArraySize(v) + 1));
	*n = 0;
	sub.json = (cJSON *)v;
	cJSON_ArrayForEach(it, v) {
		id = strtol(it->string, &end, 10);
		if (end == it->string || *end != '\0')
			bk_err_422(err, "int_parsing", "Input should be a "
			    "valid integer, unable to parse string as an "
			    "integer",
			    cJSON_CreateString(it->string), "body",
			    "service_price", it->string, "[key]", NULL);
		else
			(*ids)[(*n)++] = id > 0 && id <= INT_MAX ? id : 0;
		bk_body_decimal(&sub, it->string, 0, INT64_MIN, INT64_MAX,
		    &price, NULL, err);
	}
	for (; before < err->nitems; before++)
		if (err->items[before].nloc == 2)
			bookings_nest_item(&err->items[before],
			    "service_price");
	*present = true;
}

/* The services to book: service_price keys and/or service_ids. */
static void
bookings_parse_services(const struct bk_req *req, struct bk_booking_new *bn,
    struct bk_err *err)
{
	long	*keys = NULL, *ids = NULL;
	int	 nkeys = 0, nids = 0, before = err->nitems, i;
	bool	 has_keys, has_ids;

	bookings_parse_prices(req, &keys, &nkeys, &has_keys, err);
	bk_body_int_list(req, "service_ids", BK_NULLABLE | BK_GT, 0, INT_MAX,
	    0, &ids, &nids, &has_ids, err);
	if (err->nitems > before)
		return;
	nkeys = has_keys ? bookings_distinct(keys, nkeys) : 0;
	nids = has_ids ? bookings_distinct(ids, nids) : 0;
	if (has_keys && has_ids) {
		for (i = 0; nkeys == nids && i < nkeys; i++)
			if (keys[i] != ids[i])
				break;
		if (nkeys != nids || i < nkeys) {
			bk_err_value(err, req->arena, NULL, "service_ids and "
			    "service_price must name the same services.");
			return;
		}
	}
	bn->service_ids = has_keys ? keys : ids;
	bn->nservices = has_keys ? nkeys : nids;
	if (bn->nservices == 0)
		bk_err_value(err, req->arena, "service_price", "Book atleast "
		    "one service.");
}

/* The date rules of §5.5, once both dates parsed. */
static void
bookings_check_dates(const struct bk_req *req, struct bk_db *db,
    const struct bk_booking_new *bn, struct bk_err *err)
{
	const char	*today, *last, *pick = bn->date[BK_BOOKING_PICKUP];

	if (pick == NULL || bn->date[BK_BOOKING_DROP] == NULL ||
	    bk_db_booking_create_today(db, req->arena, &today, &last, err) != 0)
		return;
	if (strcmp(pick, today) < 0)
		bk_err_value(err, req->arena, "pickup_date", "Pickup date "
		    "cannot be in the past.");
	else if (strcmp(pick, last) > 0)
		bk_err_value(err, req->arena, "pickup_date", "Pickup date must "
		    "be within 90 days.");
	if (strcmp(pick, bn->date[BK_BOOKING_DROP]) >= 0)
		bk_err_value(err, req->arena, NULL, "Pickup date must be "
		    "earlier than drop date.");
}

/* BookingCreate: every field read, then the date rules. */
static int
bookings_parse_create(const struct bk_req *req, struct bk_db *db,
    struct bk_booking_new *bn, struct bk_err *err)
{
	memset(bn, 0, sizeof *bn);
	if (bk_body_object(req, err) != 0)
		return -1;
	bk_body_str(req, "customer_id", BK_TRIM | BK_NULLABLE | BK_BLANK_NULL,
	    1, 0, &bn->customer_id, err);
	bk_body_int(req, "customer_car_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
	    &bn->car_id, NULL, err);
	bk_body_int(req, "pickup_address_id", BK_NULLABLE | BK_GT, 0, INT_MAX,
	    &bn->address_id[BK_BOOKING_PICKUP], NULL, err);
	bookings_parse_address(req, "pickup_address",
	    &bn->address[BK_BOOKING_PICKUP], err);
	bk_body_int(req, "drop_address_id", BK_NULLABLE | BK_GT, 0, INT_MAX,
	    &bn->address_id[BK_BOOKING_DROP], NULL, err);
	bookings_parse_address(req, "drop_address",
	    &bn->address[BK_BOOKING_DROP], err);
	bk_body_date(req, "pickup_date", BK_REQUIRED,
	    &bn->date[BK_BOOKING_PICKUP], err);
	bk_body_date(req, "drop_date", BK_REQUIRED, &bn->date[BK_BOOKING_DROP],
	    err);
	bk_body_int(req, "pickup_timeslot_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
	    &bn->slot[BK_BOOKING_PICKUP], NULL, err);
	bk_body_int(req, "drop_timeslot_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
	    &bn->slot[BK_BOOKING_DROP], NULL, err);
	bookings_parse_services(req, bn, err);
	bookings_check_dates(req, db, bn, err);
	return err->nitems > 0 || err->status >= 500 ? -1 : 0;
}

/* Check 1: a customer books for themselves, an admin for a live
 * customer named in the body. */
static int
bookings_create_customer(const struct bk_req *req, struct bk_db *db,
    struct bk_booking_new *bn, struct bk_err *err)
{
	if (proto_fsm_find(0, PROTO_ACT_CREATE,
	    proto_fsm_who(req->auth.role), NULL, NULL) == NULL)
		return bk_err_set(err, 403, "Only customers can create "
		    "bookings.");
	if (bookings_customer_view(req)) {
		bn->customer_id = req->auth.user_id;
		return 0;
	}
	if (bn->customer_id == NULL)
		return bk_err_set(err, 400, "customer_id is required when an "
		    "admin creates a booking.");
	return bk_db_booking_create_customer(db, bn->customer_id, err);
}

/* POST /api/v1/bookings/ */
int
bk_bookings_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_booking_new	 bn;
	struct bk_booking	 b;
	const char		*json;
	int			 pct;

	if (bookings_parse_create(req, db, &bn, &res->err) != 0)
		return bk_fail_err(res);
	if (bookings_create_customer(req, db, &bn, &res->err) != 0 ||
	    bk_db_booking_create_check(db, req->arena, &bn, &res->err) != 0 ||
	    bk_db_booking_create_insert(db, req, &bn, &b, &res->err) != 0 ||
	    bk_auto_assign(db, req->arena, &b, PROTO_ASSIGN_PICKUP, NULL,
	    &res->err) != 0 ||
	    bk_db_gst_percent(db, &pct, &res->err) != 0 ||
	    bk_db_booking_views_created(db, req->arena, b.id,
	    bookings_customer_view(req), pct, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* The status query of the customer's list: a customer-facing name. */
static const char *
bookings_parse_status(const struct bk_req *req, struct bk_err *err)
{
	const char	*s = bk_req_query(req, "status");
	int		 i;

	if (s == NULL || *s == '\0')
		return NULL;
	for (i = 0; bookings_customer_statuses[i] != NULL; i++)
		if (strcmp(s, bookings_customer_statuses[i]) == 0)
			return s;
	bk_err_422(err, "literal_error", "Input should be 'booked', 'pickup', "
	    "'analysis', 'in-progress', 'completed', 'delivered' or "
	    "'cancelled'", cJSON_CreateString(s), "query", "status", NULL);
	return NULL;
}

/* GET /api/v1/bookings/customer: the caller's bookings, newest first. */
int
bk_bookings_customer_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*status, *json;
	long		 total;
	int64_t		 seq;

	bk_page_parse(req, bookings_sorts, "-created_at", &pg, &res->err);
	status = bookings_parse_status(req, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (!bookings_customer_view(req))
		return bk_fail(res, 403, "Only customers can view their "
		    "bookings");
	if (bk_db_events_head(db, &seq, &res->err) != 0 ||
	    bk_db_booking_views_customer(db, req->arena, req->auth.user_id,
	    status, &pg, &json, &total, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	bookings_seq_header(req, res, seq);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/bookings/{booking_id}: BookingResponseDetailed. */
int
bk_bookings_get(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	long		 id = bk_req_param(req, "booking_id")->ival;
	const char	*json;
	int64_t		 seq;
	int		 pct;

	if (bk_db_events_head(db, &seq, &res->err) != 0 ||
	    bk_db_bookings_access(db, req, id, &res->err) != 0 ||
	    bk_db_gst_percent(db, &pct, &res->err) != 0 ||
	    bk_db_booking_views_detail(db, req->arena, id,
	    bookings_customer_view(req), pct, &json, &res->err) != 0)
		return bk_fail_err(res);
	bookings_seq_header(req, res, seq);
	return bk_reply_text(res, 200, json);
}

/* {service_ids: [int] >= 1, payment_method_id}. */
static int
bookings_parse_confirm(const struct bk_req *req, long **ids, int *n,
    long *method, struct bk_err *err)
{
	bool	has_ids = false;

	*n = 0;
	bk_body_object(req, err);
	bk_body_int_list(req, "service_ids", BK_REQUIRED | BK_GT, 0, INT_MAX,
	    0, ids, n, &has_ids, err);
	if (has_ids && *n == 0)
		bk_err_value(err, req->arena, "service_ids", "Select at least "
		    "one service.");
	bk_body_int(req, "payment_method_id", BK_REQUIRED, LONG_MIN, LONG_MAX,
	    method, NULL, err);
	if (err->nitems > 0)
		return -1;
	*n = bookings_distinct(*ids, *n);
	return 0;
}

/* Offline: the money owed at delivery, the selection, in-progress. */
static int
bookings_confirm_offline(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res, struct bk_booking *b, int to, const long *ids,
    int n, const int64_t *amounts)
{
	struct proto_money_totals	 t;
	const char			*data;
	cJSON				*o;
	int				 pct;

	if (bk_db_gst_percent(db, &pct, &res->err) != 0)
		return bk_fail_err(res);
	proto_money_totals(amounts, (size_t)n, pct, NULL, &t);
	if (bk_db_booking_offline_services(db, b->id, &t, pct,
	    &res->err) != 0 ||
	    bk_db_booking_apply_selection(db, req->arena, b->id, ids, n,
	    BK_PAYMENT_OFFLINE, &data, &res->err) != 0 ||
	    bk_db_events_add_req(db, req, b->id, "services_confirmed", data,
	    &res->err) != 0 ||
	    bk_db_bookings_set_status(db, b, to, req->auth.user_id,
	    req->auth.role, &res->err) != 0 ||
	    bk_auto_assign(db, req->arena, b, PROTO_ASSIGN_SERVICE, NULL,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message",
	    "Services confirmed successfully");
	return bk_reply(res, 200, o);
}

/* PUT /api/v1/bookings/{booking_id}/confirm-services */
int
bk_bookings_confirm(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct proto_fsm_row	*row;
	struct bk_booking		 b;
	const char			*method_name;
	long				*ids, method;
	int64_t				*amounts;
	int				 n;
	bool				 validated;
	long				 id;

	id = bk_req_param(req, "booking_id")->ival;
	if (bookings_parse_confirm(req, &ids, &n, &method, &res->err) != 0 ||
	    bk_db_booking_lock_own(db, req->arena, id, bookings_owner(req), &b,
	    &validated, &res->err) != 0)
		return bk_fail_err(res);
	row = proto_fsm_find(b.status, PROTO_ACT_CONFIRM_SERVICES,
	    proto_fsm_who(req->auth.role), NULL, NULL);
	if (row == NULL || !validated)
		return bk_fail(res, 400, "Booking must be in 'analysed' "
		    "status.");
	amounts = bk_arena_alloc(req->arena, sizeof *amounts * (size_t)n);
	if (bk_db_booking_method(db, req->arena, method, &method_name,
	    &res->err) != 0 ||
	    bk_db_booking_quote(db, req->arena, b.id, ids, n, amounts,
	    &res->err) != 0)
		return bk_fail_err(res);
	/* The gateway is the billing issue's: until it lands (and whenever
	 * RAZORPAY_KEY_ID is unset) online payment is not configured. */
	if (method == BK_PAYMENT_ONLINE)
		return bk_fail(res, 503, "Online payments are not configured.");
	return bookings_confirm_offline(req, db, res, &b, row->to, ids, n,
	    amounts);
}

/* Why a booking cannot be cancelled from its status. */
static const char *
bookings_cancel_refusal(int status)
{
	switch (status) {
	case PROTO_STATUS_COMPLETED:
	case PROTO_STATUS_OUT_FOR_DELIVERY:
	case PROTO_STATUS_DELIVERED:
		return "Service is completed. Cancellation is not allowed.";
	}
	return "Attempting invalid state transition.";
}

/* §5.13's reply: amounts as rupee numbers. */
static int
bookings_cancel_reply(const struct bk_req *req, struct bk_res *res,
    const struct bk_cancel_fee *f)
{
	char	fee[32], gst[32], total[32], refund[32];

	return bk_reply_text(res, 200, bk_arena_printf(req->arena,
	    "{\"message\":\"Booking cancelled successfully. Online payments "
	    "will be refunded in 14 days.\",\"cancellation_fee\":%s,"
	    "\"cancellation_fee_gst\":%s,\"cancellation_fee_total\":%s,"
	    "\"refund_amount\":%s}",
	    bk_booking_rupees(f->fee, fee, sizeof fee),
	    bk_booking_rupees(f->gst, gst, sizeof gst),
	    bk_booking_rupees(f->fee + f->gst, total, sizeof total),
	    bk_booking_rupees(f->refund, refund, sizeof refund)));
}

/* PUT /api/v1/bookings/{booking_id}/cancel */
int
bk_bookings_cancel(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct proto_fsm_row	*row;
	struct bk_booking		 b;
	struct bk_cancel_fee		 f;
	int				 pct;
	long				 id;

	id = bk_req_param(req, "booking_id")->ival;
	if (bk_db_booking_lock_own(db, req->arena, id, bookings_owner(req), &b,
	    NULL, &res->err) != 0)
		return bk_fail_err(res);
	row = proto_fsm_find(b.status, PROTO_ACT_CANCEL,
	    proto_fsm_who(req->auth.role), NULL, NULL);
	if (row == NULL)
		return bk_fail(res, 400, bookings_cancel_refusal(b.status));
	if (bk_db_gst_percent(db, &pct, &res->err) != 0 ||
	    bk_db_booking_cancel_fee(db, req->arena, &b, pct, &f,
	    &res->err) != 0 ||
	    bk_db_booking_cancel_apply(db, req, &b, row->to, &f,
	    &res->err) != 0)
		return bk_fail_err(res);
	/* The return drop (§5.3): the car goes back to the customer. */
	if (b.car_received && bk_auto_assign(db, req->arena, &b,
	    PROTO_ASSIGN_DROP, NULL, &res->err) != 0)
		return bk_fail_err(res);
	return bookings_cancel_reply(req, res, &f);
}
