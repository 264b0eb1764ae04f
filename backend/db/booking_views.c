/* Booking read models SQL: one statement builds each whole answer as JSON,
 * with the money lines beside it; C adds the GST totals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db/booking_money.h"
#include "db/booking_views.h"
#include "db/conn.h"

#define VIEW_FROM \
    " FROM bookings b" \
    " JOIN status st ON st.id = b.status_id" \
    " JOIN customers c ON c.id = b.customer_id" \
    " JOIN users u ON u.id = b.customer_id" \
    " JOIN customer_cars cc ON cc.id = b.customer_car_id" \
    " JOIN cars cm ON cm.id = cc.car_model_id" \
    " JOIN manufacturers mf ON mf.id = cm.manufacturer_id" \
    " JOIN timeslots pt ON pt.id = b.pickup_timeslot_id" \
    " JOIN addresses pa ON pa.id = b.pickup_address_id" \
    " JOIN areas par ON par.id = pa.area_id" \
    " JOIN timeslots dt ON dt.id = b.drop_timeslot_id" \
    " JOIN addresses da ON da.id = b.drop_address_id" \
    " JOIN areas dar ON dar.id = da.area_id" \
    " LEFT JOIN booking_analysis an ON an.booking_id = b.id" \
    " LEFT JOIN payment_methods pm ON pm.id = b.payment_method_id" \
    " WHERE b.id = $1"

#define VIEW_CUSTOMER \
    "json_build_object('name', c.name, 'phone', u.phone, 'email', c.email," \
    " 'id', c.id)"

/* Place: {date, timeslot: name, address: {line1, line2, area, pincode}} */
#define VIEW_PLACE(d, t, a, ar) \
    "json_build_object('date', b." d ", 'timeslot', " t ".name," \
    " 'address', json_build_object('line1', " a ".line1, 'line2', " \
    a ".line2, 'area', " ar ".name, 'pincode', " ar ".pincode))"

/* $2: the viewer is a customer (§5.2 names). */
#define VIEW_STATUS \
    "CASE WHEN $2::bool THEN revcare_status_customer(b.status_id," \
    " b.status_id = 9 AND revcare_drop_validated(b.id)) ELSE st.name END"

/* total_estimated_price's lines: est_price of non-rejected services. */
#define VIEW_EST_LINES \
    "(SELECT string_agg(x.est_price::text, ',' ORDER BY x.service_id)" \
    " FROM booked_services x WHERE x.booking_id = b.id" \
    " AND x.status_id <> 13)"

static const char *sql_created =
    "SELECT json_build_object('id', b.id, 'customer', " VIEW_CUSTOMER ","
    " 'car', json_build_object('manufacturer', mf.name, 'model', cm.model,"
    "  'reg_no', b.car_reg_number),"
    " 'pickup', " VIEW_PLACE("pickup_date", "pt", "pa", "par") ","
    " 'drop', " VIEW_PLACE("drop_date", "dt", "da", "dar") ","
    " 'created_at', revcare_ts(b.created_at), 'status', " VIEW_STATUS ","
    " 'services', coalesce((SELECT json_agg(json_build_object('id', s.id,"
    "   'title', s.title, 'est_price', revcare_money(bs.est_price))"
    "   ORDER BY s.id) FROM booked_services bs"
    "  JOIN services s ON s.id = bs.service_id"
    "  WHERE bs.booking_id = b.id AND bs.status_id <> 13), '[]'),"
    " 'total_estimated_price', NULL)::text, " VIEW_EST_LINES
    VIEW_FROM;

/* booking_progress: validated entries plus the validated analysis, by
 * time. total_final_price: confirmed quoted services, at the rate of the
 * services payment ($3 when there is none). */
static const char *sql_detail =
    "SELECT json_build_object('id', b.id, 'status', " VIEW_STATUS ","
    " 'customer', " VIEW_CUSTOMER ","
    " 'car', json_build_object('manufacturer', mf.name, 'model', cm.model,"
    "  'reg_no', b.car_reg_number, 'img', cm.img),"
    " 'pickup', " VIEW_PLACE("pickup_date", "pt", "pa", "par") ","
    " 'drop', " VIEW_PLACE("drop_date", "dt", "da", "dar") ","
    " 'booked_services', coalesce((SELECT json_agg(json_build_object("
    "   'id', s.id, 'title', s.title, 'description', s.description,"
    "   'images', s.images, 'category', json_build_object('name',"
    "   sc.name, 'description', sc.description, 'image', sc.image,"
    "   'id', sc.id), 'status', bst.name,"
    "   'est_price', revcare_money(bs.est_price),"
    "   'price', revcare_money(bs.price), 'completed', bs.completed)"
    "   ORDER BY bs.created_at, s.id)"
    "  FROM booked_services bs JOIN services s ON s.id = bs.service_id"
    "  JOIN service_categories sc ON sc.id = s.category_id"
    "  JOIN status bst ON bst.id = bs.status_id"
    "  WHERE bs.booking_id = b.id AND bs.status_id <> 13), '[]'),"
    " 'recommendations', CASE WHEN NOT $2::bool"
    "  OR coalesce(an.validated, false) THEN coalesce((SELECT json_agg("
    "   json_build_object('service_id', r.service_id, 'title', s.title,"
    "   'price', revcare_money(r.price), 'selected', EXISTS (SELECT 1"
    "    FROM booked_services x WHERE x.booking_id = b.id"
    "    AND x.service_id = r.service_id AND x.status_id = 12))"
    "   ORDER BY r.service_id)"
    "  FROM booking_recommendations r JOIN services s ON s.id = r.service_id"
    "  WHERE r.booking_id = b.id), '[]') ELSE '[]' END,"
    " 'booking_progress', coalesce((SELECT json_agg(json_build_object("
    "   'status', x.status, 'description', x.description, 'images',"
    "   x.images, 'mechanic', x.mechanic, 'timestamp', revcare_ts(x.at))"
    "   ORDER BY x.at, x.n)"
    "  FROM (SELECT ps.name AS status, p.description, p.images,"
    "    me.name AS mechanic, p.created_at AS at, p.id AS n"
    "   FROM booking_progress p JOIN status ps ON ps.id = p.status_id"
    "   JOIN mechanics me ON me.id = p.mechanic_id"
    "   WHERE p.booking_id = b.id AND p.validated"
    "   UNION ALL SELECT 'analysis', an.description, an.images, am.name,"
    "    an.created_at, 0 FROM mechanics am"
    "   WHERE am.id = an.mechanic_id AND an.validated) x), '[]'),"
    " 'total_estimated_price', NULL, 'total_final_price', NULL,"
    " 'created_at', revcare_ts(b.created_at),"
    " 'updated_at', revcare_ts(b.updated_at),"
    " 'completed_at', revcare_ts(b.completed_at),"
    " 'payment_method', pm.name,"
    " 'validate_price', b.status_id = 5 AND coalesce(an.validated, false),"
    " 'promised_at', revcare_ts(b.promised_at),"
    " 'invoice_number', (SELECT i.invoice_number FROM invoices i"
    "  WHERE i.booking_id = b.id AND i.superseded_by IS NULL"
    "  ORDER BY i.issued_at DESC, i.id DESC LIMIT 1),"
    " 'cancellation', (SELECT json_build_object("
    "   'fee', e.payload->'data'->>'fee',"
    "   'gst', e.payload->'data'->>'fee_gst',"
    "   'total', revcare_money((e.payload->'data'->>'fee')::numeric"
    "    + (e.payload->'data'->>'fee_gst')::numeric),"
    "   'refund', e.payload->'data'->>'refund')"
    "  FROM booking_events e WHERE e.booking_id = b.id"
    "  AND e.kind = 'cancelled' ORDER BY e.seq DESC LIMIT 1))::text,"
    " " VIEW_EST_LINES ","
    " (SELECT string_agg(x.price::text, ',' ORDER BY x.service_id)"
    "  FROM booked_services x WHERE x.booking_id = b.id"
    "  AND x.status_id = 12 AND x.price IS NOT NULL),"
    " coalesce((SELECT op.gst_percent FROM offline_payments op"
    "  WHERE op.booking_id = b.id AND op.purpose = 'services'),"
    "  (SELECT o.gst_percent FROM online_payments o"
    "  WHERE o.booking_id = b.id AND o.purpose = 'services'"
    "  AND o.status_id = 15 ORDER BY o.id DESC LIMIT 1), $3::int)"
    VIEW_FROM;

/* $2 customer-facing status filter, $3 q, $4 sort, $5 limit, $6 offset. */
static const char *sql_customer =
    "WITH f AS (SELECT b.id, b.status_id, b.car_reg_number, b.pickup_date,"
    "  b.drop_date, b.created_at, mf.name AS manufacturer, cm.model,"
    "  cm.img, revcare_status_customer(b.status_id, b.status_id = 9"
    "  AND revcare_drop_validated(b.id)) AS cstatus"
    " FROM bookings b JOIN customer_cars cc ON cc.id = b.customer_car_id"
    " JOIN cars cm ON cm.id = cc.car_model_id"
    " JOIN manufacturers mf ON mf.id = cm.manufacturer_id"
    " WHERE b.customer_id = $1),"
    " g AS (SELECT * FROM f WHERE ($2::text IS NULL OR f.cstatus = $2)"
    "  AND ($3::text IS NULL OR strpos(lower(f.car_reg_number), $3) > 0"
    "  OR strpos(lower(f.model), $3) > 0"
    "  OR strpos(lower(f.manufacturer), $3) > 0)),"
    " p AS (SELECT g.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $4 = 'created_at' THEN g.created_at END,"
    "  CASE WHEN $4 = 'pickup_date' THEN g.pickup_date END,"
    "  CASE WHEN $4 = '-pickup_date' THEN g.pickup_date END DESC,"
    "  CASE WHEN $4 = 'drop_date' THEN g.drop_date END,"
    "  CASE WHEN $4 = '-drop_date' THEN g.drop_date END DESC,"
    "  CASE WHEN $4 = 'id' THEN g.id END,"
    "  CASE WHEN $4 = '-id' THEN g.id END DESC,"
    "  g.created_at DESC, g.id DESC) AS rn FROM g)"
    " SELECT (SELECT count(*) FROM g),"
    "  coalesce((SELECT json_agg(json_build_object('id', p.id,"
    "   'car', json_build_object('manufacturer', p.manufacturer,"
    "    'model', p.model, 'reg_no', p.car_reg_number, 'img', p.img),"
    "   'status', p.cstatus, 'validate_price', p.status_id = 5"
    "    AND coalesce(an.validated, false),"
    "   'pickup_date', p.pickup_date, 'drop_date', p.drop_date,"
    "   'created_at', revcare_ts(p.created_at)) ORDER BY p.rn)"
    "  FROM (SELECT * FROM p ORDER BY rn LIMIT $5 OFFSET $6) p"
    "  LEFT JOIN booking_analysis an ON an.booking_id = p.id), '[]')";

/* Put a money string (or null) in place of key's value. */
static void
views_set_money(cJSON *o, const char *key, const char *money)
{
	cJSON_ReplaceItemInObjectCaseSensitive(o, key, money != NULL ?
	    cJSON_CreateString(money) : cJSON_CreateNull());
}

/*
 * Finish a view: column 0 is the JSON object, column 1 the estimate's
 * lines; with final, column 2 the final lines and column 3 their rate.
 */
static int
views_finish(struct bk_arena *a, const PGresult *res, int gst_percent,
    bool final, const char **json, struct bk_err *err)
{
	cJSON		*o;
	const char	*est, *fin;
	char		*s;
	int		 pct;

	o = cJSON_Parse(PQgetvalue(res, 0, 0));
	if (o == NULL)
		return bk_err_set(err, 500, "An unexpected error occurred. "
		    "Please try again later.");
	est = bk_booking_amounts_total(a, bk_db_str(a, res, 0, 1),
	    gst_percent);
	views_set_money(o, "total_estimated_price", est != NULL ? est :
	    "0.00");
	if (final) {
		pct = (int)bk_db_long(res, 0, 3);
		fin = bk_booking_amounts_total(a, bk_db_str(a, res, 0, 2), pct);
		views_set_money(o, "total_final_price", fin);
	}
	s = cJSON_PrintUnformatted(o);
	*json = bk_arena_strdup(a, s);
	cJSON_free(s);
	cJSON_Delete(o);
	return 0;
}

static int
views_one(struct bk_db *db, struct bk_arena *a, const char *sql, long id,
    bool customer_view, int gst_percent, bool final, const char **json,
    struct bk_err *err)
{
	PGresult	*res;
	char		 sid[24], pct[8];
	const char	*p[3] = { sid, NULL, pct };
	int		 rc;

	p[1] = customer_view ? "true" : "false";
	snprintf(sid, sizeof sid, "%ld", id);
	snprintf(pct, sizeof pct, "%d", gst_percent);
	res = bk_db_query(db, sql, final ? 3 : 2, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		rc = bk_err_set(err, 404, "Booking not found.");
	else
		rc = views_finish(a, res, gst_percent, final, json, err);
	PQclear(res);
	return rc;
}

int
bk_db_booking_views_created(struct bk_db *db, struct bk_arena *a, long id,
    bool customer_view, int gst_percent, const char **json,
    struct bk_err *err)
{
	return views_one(db, a, sql_created, id, customer_view, gst_percent,
	    false, json, err);
}

int
bk_db_booking_views_detail(struct bk_db *db, struct bk_arena *a, long id,
    bool customer_view, int gst_percent, const char **json,
    struct bk_err *err)
{
	return views_one(db, a, sql_detail, id, customer_view, gst_percent,
	    true, json, err);
}

int
bk_db_booking_views_customer(struct bk_db *db, struct bk_arena *a,
    const char *customer_id, const char *status, const struct bk_page *pg,
    const char **json, long *total, struct bk_err *err)
{
	char		 lim[24], off[24];
	const char	*p[6] = { customer_id, status, pg->q, pg->sort, lim,
			    off };

	snprintf(lim, sizeof lim, "%ld", pg->limit);
	snprintf(off, sizeof off, "%ld", pg->offset);
	return bk_db_list(db, a, sql_customer, 6, p, json, total, err);
}
