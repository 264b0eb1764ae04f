/* Service reviews SQL. Ownership lives in the WHERE clauses (customer_id =
 * the caller); the public shape carries the customer's name and nothing
 * else about them (SPEC §12 item 39). */
#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"
#include "db/reviews.h"

#define REVIEW_JSON "json_build_object('rating', v.rating, 'review'," \
	" v.review, 'images', to_json(v.images), 'customer'," \
	" json_build_object('name', cu.name), 'created_at'," \
	" revcare_ts(v.created_at), 'service_id', v.service_id)"

static const char *sql_list =
    "WITH f AS (SELECT v.*, cu.name FROM service_reviews v"
    "  JOIN customers cu ON cu.id = v.customer_id AND cu.deleted_at IS NULL"
    "  WHERE v.service_id = $1"
    "  AND ($2::text IS NULL OR strpos(lower(coalesce(v.review, '')), $2) > 0"
    "   OR strpos(lower(cu.name), $2) > 0)),"
    " p AS (SELECT v.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $3 = 'rating' THEN v.rating END,"
    "  CASE WHEN $3 = '-rating' THEN v.rating END DESC,"
    "  CASE WHEN $3 = 'created_at' THEN v.created_at END,"
    "  v.created_at DESC, v.customer_id) AS rn FROM f v)"
    " SELECT EXISTS (SELECT 1 FROM services WHERE id = $1"
    "   AND deleted_at IS NULL), (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(json_build_object('rating', v.rating,"
    "   'review', v.review, 'images', to_json(v.images), 'customer',"
    "   json_build_object('name', v.name), 'created_at',"
    "   revcare_ts(v.created_at), 'service_id', v.service_id)"
    "   ORDER BY v.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $4 OFFSET $5) v), '[]')";

/* The proof of §8.8: a delivered booking (status 9) of this customer in
 * which the service was confirmed (12) and completed. */
static const char *sql_check =
    "SELECT EXISTS (SELECT 1 FROM services WHERE id = $2"
    "  AND deleted_at IS NULL),"
    " EXISTS (SELECT 1 FROM bookings b JOIN booked_services bs"
    "  ON bs.booking_id = b.id WHERE b.customer_id = $1 AND b.status_id = 9"
    "  AND bs.service_id = $2 AND bs.status_id = 12 AND bs.completed),"
    " EXISTS (SELECT 1 FROM service_reviews WHERE service_id = $2"
    "  AND customer_id = $1)";

static const char *sql_create =
    "WITH v AS (INSERT INTO service_reviews (service_id, customer_id,"
    "  rating, review, images) VALUES ($2, $1, $3, $4, $5::text[])"
    "  ON CONFLICT (service_id, customer_id) DO NOTHING RETURNING *)"
    " SELECT " REVIEW_JSON " FROM v JOIN customers cu"
    " ON cu.id = v.customer_id";

static const char *sql_update =
    "WITH v AS (UPDATE service_reviews v"
    "  SET rating = coalesce($3::smallint, v.rating),"
    "  review = coalesce($4, v.review),"
    "  images = coalesce($5::text[], v.images)"
    "  WHERE v.service_id = $2 AND v.customer_id = $1"
    "  AND EXISTS (SELECT 1 FROM services s WHERE s.id = v.service_id"
    "   AND s.deleted_at IS NULL) RETURNING v.*)"
    " SELECT " REVIEW_JSON " FROM v JOIN customers cu"
    " ON cu.id = v.customer_id";

static const char *sql_delete =
    "DELETE FROM service_reviews WHERE service_id = $2 AND customer_id = $1";

int
bk_db_reviews_list(struct bk_db *db, struct bk_arena *a, long service_id,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	PGresult	*res;
	const char	*p[5];
	int		 rc = -1;

	p[0] = bk_arena_printf(a, "%ld", service_id);
	p[1] = pg->q;
	p[2] = pg->sort;
	p[3] = bk_arena_printf(a, "%ld", pg->limit);
	p[4] = bk_arena_printf(a, "%ld", pg->offset);
	res = bk_db_query(db, sql_list, 5, p, err);
	if (res == NULL)
		return -1;
	if (!bk_db_bool(res, 0, 0))
		bk_err_set(err, 404, "Service not found.");
	else {
		*total = bk_db_long(res, 0, 1);
		*json = bk_db_str(a, res, 0, 2);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_reviews_create(struct bk_db *db, struct bk_arena *a,
    const char *customer_id, long service_id, long rating,
    const char *review, const char *images, const char **json,
    struct bk_err *err)
{
	/* no row: a concurrent request of the same customer won */
	static const struct bk_db_problem dup = { 400,
	    "You have already reviewed this service." };
	PGresult	*res;
	const char	*p[5];
	int		 rc = -1;

	p[0] = customer_id;
	p[1] = bk_arena_printf(a, "%ld", service_id);
	p[2] = bk_arena_printf(a, "%ld", rating);
	p[3] = review;
	p[4] = images;
	res = bk_db_query(db, sql_check, 2, p, err);
	if (res == NULL)
		return -1;
	if (!bk_db_bool(res, 0, 0))
		bk_err_set(err, 404, "Service not found.");
	else if (!bk_db_bool(res, 0, 1))
		bk_err_set(err, 403,
		    "You can review only services you have received.");
	else if (bk_db_bool(res, 0, 2))
		bk_err_set(err, dup.status, dup.detail);
	else
		rc = 0;
	PQclear(res);
	if (rc != 0)
		return rc;
	return bk_db_row(db, a, sql_create, 5, p, 1, json, &dup, err);
}

int
bk_db_reviews_update(struct bk_db *db, struct bk_arena *a,
    const char *customer_id, long service_id, long rating,
    const char *review, const char *images, const char **json,
    struct bk_err *err)
{
	const char	*p[5];

	p[0] = customer_id;
	p[1] = bk_arena_printf(a, "%ld", service_id);
	p[2] = rating > 0 ? bk_arena_printf(a, "%ld", rating) : NULL;
	p[3] = review;
	p[4] = images;
	return bk_db_value_or_404(db, a, sql_update, 5, p, json,
	    "ServiceReview not found.", err);
}

int
bk_db_reviews_delete(struct bk_db *db, const char *customer_id,
    long service_id, struct bk_err *err)
{
	char		 sid[24];
	const char	*p[2] = { customer_id, sid };

	snprintf(sid, sizeof sid, "%ld", service_id);
	return bk_db_exec_one(db, sql_delete, 2, p, "ServiceReview not found.",
	    err);
}
