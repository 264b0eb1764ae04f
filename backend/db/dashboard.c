/* Admin dashboard SQL: one statement filters, counts, pages and builds
 * the JSON of every row, whatever the number of bookings (the original
 * ran over a thousand). The next action and the ETA risk come from the
 * SQL functions the event summaries use (004_booking_views.sql). */
#include <stdio.h>

#include "db/conn.h"
#include "db/dashboard.h"

/* Mechanic {id, name} of alias <m>. */
#define WHO(m)	"json_build_object('id', " m ".id, 'name', " m ".name)"

/*
 * $1 status_id, $2 action_required, $3 mechanic_id, $4 eta_risk, $5 q,
 * $6 sort, $7 limit, $8 offset. With custom plans (PQexecParams) the
 * unused filters fold away, so the per-booking functions only run in the
 * WHERE clause when their filter is set, and otherwise for one page.
 */
static const char *sql_list =
    "WITH f AS (SELECT b.id, b.created_at, b.pickup_date, b.drop_date,"
    "  b.promised_at FROM bookings b JOIN customers c ON c.id = b.customer_id"
    " WHERE ($1::int IS NULL OR b.status_id = $1::int)"
    "  AND ($2::text IS NULL OR revcare_action_required(b.id) = $2::text)"
    "  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM booking_assignment a"
    "   WHERE a.booking_id = b.id AND a.mechanic_id = $3::text))"
    "  AND ($4::text IS NULL OR revcare_eta_risk(b.id) = $4::text)"
    "  AND ($5::text IS NULL OR b.id::text = $5::text"
    "   OR strpos(lower(c.name), $5::text) > 0"
    "   OR strpos(lower(b.car_reg_number), $5::text) > 0)),"
    " p AS (SELECT f.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $6 = 'created_at' THEN f.created_at END,"
    "  CASE WHEN $6 = 'booking_id' THEN f.id END,"
    "  CASE WHEN $6 = '-booking_id' THEN f.id END DESC,"
    "  CASE WHEN $6 = 'pickup_date' THEN f.pickup_date END,"
    "  CASE WHEN $6 = '-pickup_date' THEN f.pickup_date END DESC,"
    "  CASE WHEN $6 = 'drop_date' THEN f.drop_date END,"
    "  CASE WHEN $6 = '-drop_date' THEN f.drop_date END DESC,"
    "  CASE WHEN $6 = 'promised_at' THEN f.promised_at END,"
    "  CASE WHEN $6 = '-promised_at' THEN f.promised_at END DESC,"
    "  f.created_at DESC, f.id DESC) AS rn FROM f)"
    " SELECT (SELECT count(*) FROM f), coalesce((SELECT json_agg("
    "  json_build_object('booking_id', b.id, 'customer_name', c.name,"
    "  'car_model', mf.name || ' ' || cm.model, 'car_reg', b.car_reg_number,"
    "  'status', s.name, 'status_id', b.status_id, 'drop_date', b.drop_date,"
    "  'created_at', revcare_ts(b.created_at),"
    "  'action_required', revcare_action_required(b.id),"
    "  'latest_progress', (SELECT json_build_object('id', pr.id,"
    "    'description', pr.description, 'mechanic', " WHO("me") ","
    "    'validated', pr.validated, 'timestamp', revcare_ts(pr.created_at))"
    "   FROM booking_progress pr JOIN mechanics me ON me.id = pr.mechanic_id"
    "   WHERE pr.booking_id = b.id"
    "   ORDER BY pr.created_at DESC, pr.id DESC LIMIT 1),"
    "  'analysis_report', (SELECT json_build_object('description',"
    "    an.description, 'recommendation', an.recommendation,"
    "    'mechanic', " WHO("me") ", 'validated', an.validated)"
    "   FROM booking_analysis an JOIN mechanics me ON me.id = an.mechanic_id"
    "   WHERE an.booking_id = b.id),"
    "  'latest_assignment', (SELECT json_build_object('id', a.id,"
    "    'mechanic', " WHO("me") ", 'assignment_type', t.name,"
    "    'status', st.name)"
    "   FROM booking_assignment a JOIN mechanics me ON me.id = a.mechanic_id"
    "   JOIN assignment_types t ON t.id = a.assignment_type_id"
    "   JOIN status st ON st.id = a.status_id"
    "   WHERE a.booking_id = b.id ORDER BY a.assigned_at DESC, a.id DESC"
    "   LIMIT 1),"
    "  'customer_id', b.customer_id, 'pickup_date', b.pickup_date,"
    "  'payment_method', pm.name, 'promised_at', revcare_ts(b.promised_at),"
    "  'eta_risk', revcare_eta_risk(b.id)) ORDER BY x.rn)"
    " FROM (SELECT * FROM p ORDER BY rn LIMIT $7 OFFSET $8) x"
    " JOIN bookings b ON b.id = x.id"
    " JOIN status s ON s.id = b.status_id"
    " JOIN customers c ON c.id = b.customer_id"
    " JOIN customer_cars cc ON cc.id = b.customer_car_id"
    " JOIN cars cm ON cm.id = cc.car_model_id"
    " JOIN manufacturers mf ON mf.id = cm.manufacturer_id"
    " LEFT JOIN payment_methods pm ON pm.id = b.payment_method_id), '[]')";

int
bk_db_dashboard_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_dashboard_filter *fl, const struct bk_page *pg,
    const char **json, long *total, struct bk_err *err)
{
	char		 st[24], lim[24], off[24];
	const char	*p[8];

	snprintf(st, sizeof st, "%ld", fl->status_id);
	snprintf(lim, sizeof lim, "%ld", pg->limit);
	snprintf(off, sizeof off, "%ld", pg->offset);
	p[0] = fl->has_status_id ? st : NULL;
	p[1] = fl->action_required;
	p[2] = fl->mechanic_id;
	p[3] = fl->eta_risk;
	p[4] = pg->q;
	p[5] = pg->sort;
	p[6] = lim;
	p[7] = off;
	return bk_db_list(db, a, sql_list, 8, p, json, total, err);
}
