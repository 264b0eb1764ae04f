/* Analysis SQL. Quotes and recommendations travel as one JSON object
 * text {"<service_id>": "<rupees>"} read by json_each_text; the view is
 * built by PostgreSQL and its money totals by proto_money (SPEC §6.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/analysis.h"
#include "db/gst.h"
#include "db/conn.h"
#include "docstore.h"
#include "log.h"
#include "money.h"
#include "status.h"

static const char *sql_state =
    "SELECT validated, mechanic_id FROM booking_analysis"
    " WHERE booking_id = $1";

/* Whether a booked service lacks a quote; the first key not booked. */
static const char *sql_check_quote =
    "WITH q AS (SELECT j.key::int AS id, j.n FROM json_each_text($2::json)"
    "  WITH ORDINALITY AS j(key, value, n))"
    " SELECT EXISTS (SELECT 1 FROM booked_services bs"
    "  WHERE bs.booking_id = $1 AND bs.service_id NOT IN (SELECT id FROM q)),"
    "  (SELECT q.id FROM q WHERE NOT EXISTS (SELECT 1 FROM booked_services bs"
    "   WHERE bs.booking_id = $1 AND bs.service_id = q.id)"
    "   ORDER BY q.n LIMIT 1)";

/* Per recommended service, in order: live, booked, fuel fits, title and
 * the car's fuel name. */
static const char *sql_check_recs =
    "SELECT j.key, s.id IS NOT NULL AND s.deleted_at IS NULL,"
    " EXISTS (SELECT 1 FROM booked_services bs WHERE bs.booking_id = $1"
    "  AND bs.service_id = j.key::int),"
    " EXISTS (SELECT 1 FROM service_fuel_types sf"
    "  WHERE sf.service_id = j.key::int AND sf.fuel_type_id = c.fuel_type_id),"
    " s.title, c.fuel_name"
    " FROM json_each_text($2::json) WITH ORDINALITY AS j(key, value, n)"
    " LEFT JOIN services s ON s.id = j.key::int"
    " CROSS JOIN (SELECT cm.fuel_type_id, ft.fuel_name FROM bookings b"
    "  JOIN customer_cars cc ON cc.id = b.customer_car_id"
    "  JOIN cars cm ON cm.id = cc.car_model_id"
    "  JOIN fuel_types ft ON ft.id = cm.fuel_type_id WHERE b.id = $1) c"
    " ORDER BY j.n";

static const char *sql_create =
    "INSERT INTO booking_analysis (booking_id, mechanic_id, assignment_id,"
    " description, recommendation, images)"
    " VALUES ($1, $2, $3, $4, $5, $6::text[])";

static const char *sql_quote =
    "UPDATE booked_services bs SET price = j.value::numeric"
    " FROM json_each_text($2::json) j"
    " WHERE bs.booking_id = $1 AND bs.service_id = j.key::int";

/* Recommendations are replaced as a set (before validation only). */
static const char *sql_recs_clear =
    "DELETE FROM booking_recommendations WHERE booking_id = $1";

static const char *sql_recs_add =
    "INSERT INTO booking_recommendations (booking_id, service_id, price)"
    " SELECT $1, j.key::int, j.value::numeric"
    " FROM json_each_text($2::json) j";

static const char *sql_update =
    "UPDATE booking_analysis SET description = coalesce($2, description),"
    " recommendation = coalesce($3, recommendation),"
    " images = coalesce($4::text[], images) WHERE booking_id = $1";

static const char *sql_validate =
    "UPDATE booking_analysis SET validated = true, validated_at = now(),"
    " validated_by = $2 WHERE booking_id = $1 AND NOT validated";

static const char *sql_json =
    "SELECT json_build_object('booking_id', a.booking_id, 'mechanic_id',"
    " a.mechanic_id, 'description', a.description, 'recommendation',"
    " a.recommendation, 'images', to_json(a.images), 'validated',"
    " a.validated, 'created_at', revcare_ts(a.created_at))"
    " FROM booking_analysis a WHERE a.booking_id = $1";

/* The view, whether it is validated, and the quoted prices in paise of
 * the lines that count ($2 rejected), comma-separated. */
static const char *sql_view =
    "SELECT a.validated, json_build_object('booking_id', a.booking_id,"
    "  'mechanic', json_build_object('id', m.id, 'name', m.name),"
    "  'description', a.description, 'recommendation', a.recommendation,"
    "  'images', to_json(a.images), 'validated', a.validated,"
    "  'created_at', revcare_ts(a.created_at),"
    "  'validated_at', revcare_ts(a.validated_at),"
    "  'quotes', coalesce((SELECT json_agg(json_build_object("
    "    'service_id', bs.service_id, 'title', s.title,"
    "    'est_price', revcare_money(bs.est_price),"
    "    'price', revcare_money(bs.price), 'status', st.name)"
    "    ORDER BY bs.created_at, bs.service_id)"
    "   FROM booked_services bs JOIN services s ON s.id = bs.service_id"
    "   JOIN status st ON st.id = bs.status_id"
    "   WHERE bs.booking_id = a.booking_id), '[]'),"
    "  'recommendations', coalesce((SELECT json_agg(json_build_object("
    "    'service_id', r.service_id, 'title', s.title,"
    "    'price', revcare_money(r.price)) ORDER BY r.service_id)"
    "   FROM booking_recommendations r JOIN services s ON s.id = r.service_id"
    "   WHERE r.booking_id = a.booking_id), '[]')),"
    " (SELECT coalesce(string_agg((bs.price * 100)::bigint::text, ','), '')"
    "  FROM booked_services bs WHERE bs.booking_id = a.booking_id"
    "  AND bs.status_id <> $2 AND bs.price IS NOT NULL)"
    " FROM booking_analysis a JOIN mechanics m ON m.id = a.mechanic_id"
    " WHERE a.booking_id = $1";

static void
analysis_id(char buf[24], long id)
{
	snprintf(buf, 24, "%ld", id);
}

int
bk_db_analysis_state(struct bk_db *db, struct bk_arena *a, long booking_id,
    struct bk_analysis *an, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[1] = { bid };

	analysis_id(bid, booking_id);
	res = bk_db_query(db, sql_state, 1, p, err);
	if (res == NULL)
		return -1;
	an->exists = PQntuples(res) > 0;
	an->validated = an->exists && bk_db_bool(res, 0, 0);
	an->mechanic_id = an->exists ? bk_db_str(a, res, 0, 1) : NULL;
	PQclear(res);
	return 0;
}

int
bk_db_analysis_check_quote(struct bk_db *db, struct bk_arena *a,
    long booking_id, const char *quote, bool complete, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[2] = { bid, quote };
	int		 rc = 0;

	analysis_id(bid, booking_id);
	res = bk_db_query(db, sql_check_quote, 2, p, err);
	if (res == NULL)
		return -1;
	if (complete && bk_db_bool(res, 0, 0))
		rc = bk_err_set(err, 400, "Provide price-quote for all booked "
		    "services.");
	else if (!PQgetisnull(res, 0, 1))
		rc = bk_err_set(err, 400, bk_arena_printf(a, "Service %s is "
		    "not booked.", PQgetvalue(res, 0, 1)));
	PQclear(res);
	return rc;
}

int
bk_db_analysis_check_recs(struct bk_db *db, struct bk_arena *a,
    long booking_id, const char *recs, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24];
	const char	*p[2] = { bid, recs };
	int		 i, n, rc = 0;

	analysis_id(bid, booking_id);
	res = bk_db_query(db, sql_check_recs, 2, p, err);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	/* all of one rule before the next, as booking creation checks */
	for (i = 0; i < n && rc == 0; i++)
		if (!bk_db_bool(res, i, 1))
			rc = bk_err_set(err, 404, "Service not found.");
	for (i = 0; i < n && rc == 0; i++)
		if (bk_db_bool(res, i, 2))
			rc = bk_err_set(err, 400, bk_arena_printf(a,
			    "Service %s is already booked.",
			    PQgetvalue(res, i, 0)));
	for (i = 0; i < n && rc == 0; i++)
		if (!bk_db_bool(res, i, 3))
			rc = bk_err_set(err, 400, bk_arena_printf(a, "Service "
			    "'%s' is not available for %s cars.",
			    PQgetvalue(res, i, 4), PQgetvalue(res, i, 5)));
	PQclear(res);
	return rc;
}

int
bk_db_analysis_create(struct bk_db *db, long booking_id,
    const char *mechanic_id, long assignment_id, const char *description,
    const char *recommendation, const char *images, struct bk_err *err)
{
	char		 bid[24], aid[24];
	const char	*p[6] = { bid, mechanic_id, aid, description,
			    recommendation, images };

	analysis_id(bid, booking_id);
	analysis_id(aid, assignment_id);
	return bk_db_exec(db, sql_create, 6, p, err);
}

int
bk_db_analysis_prices(struct bk_db *db, long booking_id, const char *quote,
    const char *recs, struct bk_err *err)
{
	char		 bid[24];
	const char	*p[2] = { bid, NULL };

	analysis_id(bid, booking_id);
	if (quote != NULL) {
		p[1] = quote;
		if (bk_db_exec(db, sql_quote, 2, p, err) != 0)
			return -1;
	}
	if (recs == NULL)
		return 0;
	p[1] = recs;
	if (bk_db_exec(db, sql_recs_clear, 1, p, err) != 0 ||
	    bk_db_exec(db, sql_recs_add, 2, p, err) != 0)
		return -1;
	return 0;
}

int
bk_db_analysis_update(struct bk_db *db, long booking_id,
    const char *description, const char *recommendation, const char *images,
    struct bk_err *err)
{
	char		 bid[24];
	const char	*p[4] = { bid, description, recommendation, images };

	analysis_id(bid, booking_id);
	return bk_db_exec(db, sql_update, 4, p, err);
}

int
bk_db_analysis_validate(struct bk_db *db, long booking_id, const char *actor,
    struct bk_err *err)
{
	char		 bid[24];
	const char	*p[2] = { bid, actor };

	analysis_id(bid, booking_id);
	return bk_db_exec(db, sql_validate, 2, p, err);
}

int
bk_db_analysis_json(struct bk_db *db, struct bk_arena *a, long booking_id,
    const char **json, struct bk_err *err)
{
	char		 bid[24];
	const char	*p[1] = { bid };

	analysis_id(bid, booking_id);
	return bk_db_value_or_404(db, a, sql_json, 1, p, json,
	    "Analysis record not found", err);
}

/* subtotal, gst and total of the comma-separated paise amounts. */
static void
analysis_totals(struct bk_arena *a, cJSON *o, const char *amounts,
    int percent)
{
	struct proto_money_totals	 t;
	int64_t				*v;
	size_t				 n = 0, cap = 1;
	const char			*s;
	char				*end, buf[24];

	for (s = amounts; *s != '\0'; s++)
		cap += *s == ',';
	v = bk_arena_alloc(a, cap * sizeof *v);
	for (s = amounts; *s != '\0' && n < cap; s = end + (*end == ',')) {
		v[n++] = strtoll(s, &end, 10);
		if (end == s)
			break;
	}
	proto_money_totals(v, n, percent, NULL, &t);
	cJSON_AddNumberToObject(o, "gst_percent", percent);
	cJSON_AddStringToObject(o, "subtotal", proto_money_format(t.subtotal,
	    buf, sizeof buf));
	cJSON_AddStringToObject(o, "gst", proto_money_format(t.gst, buf,
	    sizeof buf));
	cJSON_AddStringToObject(o, "total", proto_money_format(t.total, buf,
	    sizeof buf));
}

int
bk_db_analysis_view(struct bk_db *db, struct bk_arena *a, long booking_id,
    bool only_validated, cJSON **out, struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24], st[8];
	const char	*p[2] = { bid, st };
	cJSON		*o = NULL;
	int		 percent, rc = -1;

	analysis_id(bid, booking_id);
	snprintf(st, sizeof st, "%d", PROTO_STATUS_REJECTED);
	res = bk_db_query(db, sql_view, 2, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0 || (only_validated && !bk_db_bool(res, 0, 0))) {
		bk_err_set(err, 404, "Analysis record not found");
		goto out;
	}
	if (bk_db_gst_percent(db, &percent, err) != 0)
		goto out;
	o = cJSON_Parse(PQgetvalue(res, 0, 1));
	if (o == NULL) {
		bk_err_set(err, 500, NULL);
		goto out;
	}
	analysis_totals(a, o, PQgetvalue(res, 0, 2), percent);
	*out = o;
	rc = 0;
out:
	PQclear(res);
	return rc;
}
