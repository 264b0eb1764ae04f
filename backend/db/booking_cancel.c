/* Cancellation SQL and the fee table of SPEC §5.13. The fee is decided by
 * the booking's status through one table; GST is added per line by
 * proto_money_totals at the current rate, which is stored with the fee. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/booking_cancel.h"
#include "db/booking_money.h"
#include "db/bookings.h"
#include "db/conn.h"
#include "db/events.h"
#include "money.h"
#include "role.h"
#include "status.h"

#define CANCEL_FLOOR	10000	/* ₹100.00, in paise */

enum cancel_rule {
	CANCEL_FREE,	/* nothing owed, nothing to return */
	CANCEL_FLAT,	/* the car is at the workshop: ₹100.00 */
	CANCEL_WORK,	/* pay for the work done, at least ₹100.00 */
};

static const struct {
	int			status;
	enum cancel_rule	rule;
} cancel_rules[] = {
	{ PROTO_STATUS_BOOKED, CANCEL_FREE },
	{ PROTO_STATUS_PICKUP, CANCEL_FREE },
	{ PROTO_STATUS_RECEIVED, CANCEL_FLAT },
	{ PROTO_STATUS_ANALYSIS, CANCEL_FLAT },
	{ PROTO_STATUS_ANALYSED, CANCEL_FLAT },
	{ PROTO_STATUS_IN_PROGRESS, CANCEL_WORK },
};

/* The quoted prices of the completed confirmed services. */
static const char *sql_work_done =
    "SELECT coalesce(string_agg(coalesce(price, est_price)::text, ','"
    " ORDER BY service_id), '') FROM booked_services"
    " WHERE booking_id = $1 AND status_id = 12 AND completed";

/* What an online payer paid for the services (amount + GST). */
static const char *sql_online_paid =
    "SELECT id, amount + gst FROM online_payments WHERE booking_id = $1"
    " AND purpose = 'services' AND status_id = 15 ORDER BY id DESC LIMIT 1";

static const char *sql_release =
    "UPDATE booking_assignment a SET status_id = 17, released_at = now(),"
    " release_reason = $2::text FROM assignment_types t"
    " WHERE a.booking_id = $1 AND a.status_id = 11"
    " AND t.id = a.assignment_type_id"
    " RETURNING json_build_object('assignment_id', a.id, 'mechanic_id',"
    "  a.mechanic_id, 'assignment_type', t.name, 'reason', $2::text)::text";

static const char *sql_void =
    "UPDATE online_payments SET status_id = 18 WHERE booking_id = $1"
    " AND status_id = 14";

/* One offline row per booking: an offline payer's services payment
 * becomes the fee; otherwise the fee is a new row. */
static const char *sql_fee =
    "INSERT INTO offline_payments AS o (booking_id, purpose, status_id,"
    " amount, gst, gst_percent, paid_online, online_payment_id,"
    " collected_at)"
    " VALUES ($1, 'cancellation_fee', CASE WHEN $5::int IS NULL THEN 14"
    "  ELSE 15 END, $2, $3, $4, $5::int IS NOT NULL, $5::int,"
    "  CASE WHEN $5::int IS NOT NULL THEN now() END)"
    " ON CONFLICT (booking_id) DO UPDATE SET purpose = 'cancellation_fee',"
    " amount = excluded.amount, gst = excluded.gst,"
    " gst_percent = excluded.gst_percent";

static const char *sql_refund =
    "INSERT INTO refunds (booking_id, customer_id, online_payment_id,"
    " amount) SELECT b.id, b.customer_id, $2, $3 FROM bookings b"
    " WHERE b.id = $1 RETURNING id";

static const char *sql_mark =
    "UPDATE bookings SET cancelled_at = now(), cancelled_by = $2,"
    " payment_method_id = CASE WHEN $3 THEN 2 ELSE payment_method_id END"
    " WHERE id = $1";

static enum cancel_rule
cancel_rule_of(int status)
{
	size_t	i;

	for (i = 0; i < sizeof cancel_rules / sizeof cancel_rules[0]; i++)
		if (cancel_rules[i].status == status)
			return cancel_rules[i].rule;
	return CANCEL_FREE;
}

/* Fee lines of an in-progress booking: the completed services, or the
 * single floor line when they come to less. */
static int
cancel_work_lines(struct bk_db *db, struct bk_arena *a, long booking_id,
    int64_t **lines, size_t *n, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[1] = { bid };
	int64_t		 sum = 0;
	size_t		 i;
	int		 rc;

	snprintf(bid, sizeof bid, "%ld", booking_id);
	res = bk_db_query(db, sql_work_done, 1, p, err);
	if (res == NULL)
		return -1;
	rc = bk_booking_amounts_parse(a, PQgetvalue(res, 0, 0), lines, n);
	PQclear(res);
	if (rc != 0)
		return bk_err_set(err, 500, "An unexpected error occurred. "
		    "Please try again later.");
	for (i = 0; i < *n; i++)
		sum += (*lines)[i];
	if (sum < CANCEL_FLOOR) {
		*lines = bk_arena_alloc(a, sizeof **lines);
		(*lines)[0] = CANCEL_FLOOR;
		*n = 1;
	}
	return 0;
}

/* Cap an online payer's fee total at what was paid: the largest fee
 * whose GST still fits, the GST taking the last paisa. */
static void
cancel_cap(struct bk_cancel_fee *f, int64_t paid)
{
	int64_t	x;

	if (f->fee + f->gst <= paid) {
		f->refund = paid - f->fee - f->gst;
		return;
	}
	x = paid * 100 / (100 + f->percent);
	while (x > 0 && x + proto_money_gst(x, f->percent) > paid)
		x--;
	while (x + 1 + proto_money_gst(x + 1, f->percent) <= paid)
		x++;
	f->fee = x;
	f->gst = paid - x;
	f->refund = 0;
}

/* An online payer's successful services payment, if any. */
static int
cancel_online_paid(struct bk_db *db, long booking_id, long *payment_id,
    int64_t *paid, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[1] = { bid };

	*payment_id = 0;
	snprintf(bid, sizeof bid, "%ld", booking_id);
	res = bk_db_query(db, sql_online_paid, 1, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) > 0 &&
	    proto_money_parse(PQgetvalue(res, 0, 1), paid) == 0)
		*payment_id = bk_db_long(res, 0, 0);
	PQclear(res);
	return 0;
}

int
bk_db_booking_cancel_fee(struct bk_db *db, struct bk_arena *a,
    const struct bk_booking *b, int percent, struct bk_cancel_fee *f,
    struct bk_err *err)
{
	struct proto_money_totals	 t;
	static const int64_t		 flat[1] = { CANCEL_FLOOR };
	int64_t				*lines = NULL, paid = 0;
	size_t				 n = 0;

	memset(f, 0, sizeof *f);
	f->percent = percent;
	switch (cancel_rule_of(b->status)) {
	case CANCEL_FREE:
		return 0;
	case CANCEL_FLAT:
		lines = (int64_t *)flat;
		n = 1;
		break;
	case CANCEL_WORK:
		if (cancel_work_lines(db, a, b->id, &lines, &n, err) != 0)
			return -1;
		break;
	}
	proto_money_totals(lines, n, percent, NULL, &t);
	f->fee = t.subtotal;
	f->gst = t.gst;
	f->record = true;
	if (b->payment_method_id == BK_PAYMENT_ONLINE &&
	    cancel_online_paid(db, b->id, &f->online_payment_id, &paid,
	    err) != 0)
		return -1;
	if (f->online_payment_id > 0)
		cancel_cap(f, paid);
	else
		f->set_offline = true;
	return 0;
}

/* Release the active assignment(s), one assignment_released event each. */
static int
cancel_release(struct bk_db *db, const struct bk_req *req, long booking_id,
    struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[2] = { bid, "booking cancelled" };
	int		 i, rc = 0;

	snprintf(bid, sizeof bid, "%ld", booking_id);
	res = bk_db_query(db, sql_release, 2, p, err);
	if (res == NULL)
		return -1;
	for (i = 0; i < PQntuples(res) && rc == 0; i++)
		rc = bk_db_events_add_req(db, req, booking_id,
		    "assignment_released", PQgetvalue(res, i, 0), err);
	PQclear(res);
	return rc;
}

/* Record the fee in offline_payments and the refund due, if any. */
static int
cancel_record(struct bk_db *db, const struct bk_req *req, long booking_id,
    const struct bk_cancel_fee *f, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24], fee[32], gst[32], pct[8], pay[24];
	char		 ref[32], data[128];
	const char	*p[5] = { bid, fee, gst, pct, NULL };

	snprintf(bid, sizeof bid, "%ld", booking_id);
	proto_money_format(f->fee, fee, sizeof fee);
	proto_money_format(f->gst, gst, sizeof gst);
	snprintf(pct, sizeof pct, "%d", f->percent);
	snprintf(pay, sizeof pay, "%ld", f->online_payment_id);
	if (f->online_payment_id > 0)
		p[4] = pay;
	if (f->record && bk_db_exec(db, sql_fee, 5, p, err) != 0)
		return -1;
	if (f->refund <= 0)
		return 0;
	p[1] = pay;
	p[2] = proto_money_format(f->refund, ref, sizeof ref);
	res = bk_db_query(db, sql_refund, 3, p, err);
	if (res == NULL)
		return -1;
	snprintf(data, sizeof data, "{\"refund_id\":%ld,\"amount\":\"%s\"}",
	    bk_db_long(res, 0, 0), ref);
	PQclear(res);
	return bk_db_events_add_req(db, req, booking_id, "refund_created",
	    data, err);
}

int
bk_db_booking_cancel_apply(struct bk_db *db, const struct bk_req *req,
    struct bk_booking *b, int to, const struct bk_cancel_fee *f,
    struct bk_err *err)
{
	char		 bid[24], fee[32], gst[32], ref[32], data[192];
	const char	*p[3] = { bid, req->auth.user_id,
			    f->set_offline ? "true" : "false" };

	snprintf(bid, sizeof bid, "%ld", b->id);
	if (cancel_release(db, req, b->id, err) != 0 ||
	    bk_db_exec(db, sql_void, 1, p, err) != 0 ||
	    bk_db_exec(db, sql_mark, 3, p, err) != 0 ||
	    bk_db_bookings_set_status(db, b, to, req->auth.user_id,
	    req->auth.role, err) != 0)
		return -1;
	b->cancelled = true;
	snprintf(data, sizeof data, "{\"by\":\"%s\",\"fee\":\"%s\","
	    "\"fee_gst\":\"%s\",\"refund\":\"%s\"}",
	    proto_role_name(req->auth.role),
	    proto_money_format(f->fee, fee, sizeof fee),
	    proto_money_format(f->gst, gst, sizeof gst),
	    proto_money_format(f->refund, ref, sizeof ref));
	if (bk_db_events_add_req(db, req, b->id, "cancelled", data, err) != 0)
		return -1;
	return cancel_record(db, req, b->id, f, err);
}
