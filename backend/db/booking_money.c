/* Booking money SQL and codecs: GST rate, quote lines, the offline
 * services payment and applying a service selection (SPEC §5.11). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db/booking_money.h"
#include "db/bookings.h"
#include "db/conn.h"
#include "docstore.h"

static const char *sql_lock_own =
    "SELECT b.id, b.customer_id, b.status_id, b.car_received,"
    " coalesce(b.payment_method_id, 0), b.cancelled_at IS NOT NULL,"
    " coalesce((SELECT an.validated FROM booking_analysis an"
    "  WHERE an.booking_id = b.id), false)"
    " FROM bookings b WHERE b.id = $1"
    " AND ($2::text IS NULL OR b.customer_id = $2) FOR UPDATE OF b";

static const char *sql_method =
    "SELECT name FROM payment_methods WHERE id = $1";

/* Booked services are open (status booked) until a selection applies. */
static const char *sql_quote =
    "SELECT u.id, CASE WHEN bs.service_id IS NOT NULL"
    "  THEN coalesce(bs.price, bs.est_price) ELSE r.price END"
    " FROM unnest($2::int[]) WITH ORDINALITY AS u (id, n)"
    " LEFT JOIN booked_services bs ON bs.booking_id = $1"
    "  AND bs.service_id = u.id AND bs.status_id = 1"
    " LEFT JOIN booking_recommendations r ON r.booking_id = $1"
    "  AND r.service_id = u.id"
    " ORDER BY u.n";

static const char *sql_offline_services =
    "WITH v AS (UPDATE online_payments SET status_id = 18"
    "  WHERE booking_id = $1 AND purpose = 'services' AND status_id = 14"
    "  RETURNING id)"
    " INSERT INTO offline_payments (booking_id, purpose, status_id, amount,"
    "  gst, gst_percent) VALUES ($1, 'services', 14, $2, $3, $4)";

static const char *sql_apply =
    "WITH u AS (UPDATE booked_services SET status_id = CASE WHEN"
    "  service_id = ANY ($2::int[]) THEN 12 ELSE 13 END"
    "  WHERE booking_id = $1 AND status_id = 1"
    "  RETURNING service_id, status_id),"
    " r AS (INSERT INTO booked_services (booking_id, service_id, status_id,"
    "  source, est_price, price)"
    "  SELECT $1, r.service_id, 12, 'recommended', r.price, r.price"
    "  FROM booking_recommendations r WHERE r.booking_id = $1"
    "  AND r.service_id = ANY ($2::int[]) AND NOT EXISTS (SELECT 1"
    "   FROM booked_services x WHERE x.booking_id = $1"
    "   AND x.service_id = r.service_id)"
    "  RETURNING service_id),"
    " m AS (UPDATE bookings SET payment_method_id = $3 WHERE id = $1"
    "  RETURNING id)"
    " SELECT json_build_object("
    "  'confirmed', coalesce((SELECT json_agg(c.id ORDER BY c.id) FROM"
    "   (SELECT service_id AS id FROM u WHERE status_id = 12"
    "    UNION ALL SELECT service_id FROM r) c), '[]'),"
    "  'rejected', coalesce((SELECT json_agg(service_id ORDER BY"
    "   service_id) FROM u WHERE status_id = 13), '[]'),"
    "  'payment_method', (SELECT name FROM payment_methods"
    "   WHERE id = $3::smallint))::text, (SELECT count(*) FROM m)";

const char *
bk_db_booking_ids_text(struct bk_arena *a, const long *ids, int n)
{
	char	*s, *p;
	int	 i;

	s = bk_arena_alloc(a, (size_t)n * 21 + 3);
	p = s;
	*p++ = '{';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s%ld", i > 0 ? "," : "", ids[i]);
	*p++ = '}';
	*p = '\0';
	return s;
}

int
bk_booking_amounts_parse(struct bk_arena *a, const char *csv,
    int64_t **amounts, size_t *n)
{
	const char	*s, *e;
	char		 one[32];
	size_t		 count = 1, len;

	*n = 0;
	*amounts = NULL;
	if (csv == NULL || *csv == '\0')
		return 0;
	for (s = csv; *s != '\0'; s++)
		count += *s == ',';
	*amounts = bk_arena_alloc(a, count * sizeof **amounts);
	for (s = csv; ; s = e + 1) {
		e = strchr(s, ',');
		len = e != NULL ? (size_t)(e - s) : strlen(s);
		if (len == 0 || len >= sizeof one)
			return -1;
		memcpy(one, s, len);
		one[len] = '\0';
		if (proto_money_parse(one, &(*amounts)[*n]) != 0)
			return -1;
		(*n)++;
		if (e == NULL)
			return 0;
	}
}

const char *
bk_booking_amounts_total(struct bk_arena *a, const char *csv, int percent)
{
	struct proto_money_totals	 t;
	int64_t				*amounts;
	size_t				 n;
	char				 buf[32];

	if (bk_booking_amounts_parse(a, csv, &amounts, &n) != 0 || n == 0)
		return NULL;
	proto_money_totals(amounts, n, percent, NULL, &t);
	return bk_arena_strdup(a, proto_money_format(t.total, buf,
	    sizeof buf));
}

char *
bk_booking_rupees(int64_t paise, char *buf, size_t len)
{
	long long	r = (long long)(paise / 100);
	long long	p = (long long)(paise % 100);

	if (p == 0)
		snprintf(buf, len, "%lld.0", r);
	else if (p % 10 == 0)
		snprintf(buf, len, "%lld.%lld", r, p / 10);
	else
		snprintf(buf, len, "%lld.%02lld", r, p);
	return buf;
}

int
bk_db_booking_lock_own(struct bk_db *db, struct bk_arena *a, long id,
    const char *owner, struct bk_booking *b, bool *analysis_validated,
    struct bk_err *err)
{
	PGresult	*res;
	char		 sid[24];
	const char	*p[2] = { sid, owner };
	int		 rc = -1;

	snprintf(sid, sizeof sid, "%ld", id);
	res = bk_db_query(db, sql_lock_own, 2, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 403, "Booking not found or access denied.");
	else {
		b->id = bk_db_long(res, 0, 0);
		b->customer_id = bk_db_str(a, res, 0, 1);
		b->status = (int)bk_db_long(res, 0, 2);
		b->car_received = bk_db_bool(res, 0, 3);
		b->payment_method_id = (int)bk_db_long(res, 0, 4);
		b->cancelled = bk_db_bool(res, 0, 5);
		if (analysis_validated != NULL)
			*analysis_validated = bk_db_bool(res, 0, 6);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_booking_method(struct bk_db *db, struct bk_arena *a, long method_id,
    const char **name, struct bk_err *err)
{
	static const struct bk_db_problem invalid = { 400,
	    "invalid payment method." };
	char		 sid[24];
	const char	*p[1] = { sid };

	if (method_id < 1 || method_id > 32767)
		return bk_err_set(err, invalid.status, invalid.detail);
	snprintf(sid, sizeof sid, "%ld", method_id);
	return bk_db_row(db, a, sql_method, 1, p, 1, name, &invalid, err);
}

int
bk_db_booking_quote(struct bk_db *db, struct bk_arena *a, long booking_id,
    const long *ids, int n, int64_t *amounts, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[2] = { bid, bk_db_booking_ids_text(a, ids, n) };
	int		 i, rc = -1;

	snprintf(bid, sizeof bid, "%ld", booking_id);
	res = bk_db_query(db, sql_quote, 2, p, err);
	if (res == NULL)
		return -1;
	for (i = 0; i < PQntuples(res) && i < n; i++) {
		if (PQgetisnull(res, i, 1)) {
			bk_err_set(err, 400, bk_arena_printf(a, "Service %s is "
			    "not part of this booking's quote.",
			    PQgetvalue(res, i, 0)));
			goto out;
		}
		if (proto_money_parse(PQgetvalue(res, i, 1),
		    &amounts[i]) != 0) {
			bk_err_set(err, 500, "An unexpected error occurred. "
			    "Please try again later.");
			goto out;
		}
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int
bk_db_booking_offline_services(struct bk_db *db, long booking_id,
    const struct proto_money_totals *t, int percent, struct bk_err *err)
{
	char		 bid[24], amount[32], gst[32], pct[8];
	const char	*p[4] = { bid, amount, gst, pct };

	snprintf(bid, sizeof bid, "%ld", booking_id);
	proto_money_format(t->subtotal, amount, sizeof amount);
	proto_money_format(t->gst, gst, sizeof gst);
	snprintf(pct, sizeof pct, "%d", percent);
	return bk_db_exec(db, sql_offline_services, 4, p, err);
}

int
bk_db_booking_apply_selection(struct bk_db *db, struct bk_arena *a,
    long booking_id, const long *ids, int n, long method_id,
    const char **data, struct bk_err *err)
{
	char		 bid[24], mid[24];
	const char	*p[3] = { bid, NULL, mid };

	p[1] = bk_db_booking_ids_text(a, ids, n);
	snprintf(bid, sizeof bid, "%ld", booking_id);
	snprintf(mid, sizeof mid, "%ld", method_id);
	return bk_db_value(db, a, sql_apply, 3, p, data, err);
}
