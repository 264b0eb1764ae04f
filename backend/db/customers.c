/* Customers SQL. Visibility by role is part of each statement's WHERE
 * (a customer sees himself, a mechanic the customers of his bookings), so
 * nothing is fetched and then checked. JSON is built by PostgreSQL. */
#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"
#include "db/customers.h"

#define CUSTOMER_JSON "json_build_object('name', c.name, 'phone', u.phone," \
	" 'email', c.email, 'id', c.id)"

/* $V1 role, $V2 caller id: the rows that caller may see (SPEC §3.3). */
#define CUSTOMER_VISIBLE(r, w) \
	" AND (" r "::int <> 3 OR c.id = " w ")" \
	" AND (" r "::int <> 2 OR EXISTS (SELECT 1 FROM bookings b" \
	"  JOIN booking_assignment ba ON ba.booking_id = b.id" \
	"  WHERE b.customer_id = c.id AND ba.mechanic_id = " w "))"

static const char *sql_email_taken =
    "SELECT EXISTS (SELECT 1 FROM customers WHERE lower(email) = lower($1)"
    " AND deleted_at IS NULL AND id <> coalesce($2, ''))";

static const char *sql_create =
    "WITH u AS (INSERT INTO users (id, role_id, phone, password)"
    "  VALUES (revcare_next_user_id('CST', 'customer_seq'), 3, $2::bigint,"
    "  $4) RETURNING id, phone),"
    " c AS (INSERT INTO customers (id, name, email)"
    "  SELECT id, $1, $3 FROM u RETURNING id, name, email)"
    " SELECT " CUSTOMER_JSON ", c.id FROM c JOIN u ON u.id = c.id";

static const char *sql_list =
    "WITH f AS (SELECT c.id, c.name, c.email, u.phone FROM customers c"
    "  JOIN users u ON u.id = c.id WHERE c.deleted_at IS NULL"
    "  AND ($7::text IS NULL OR c.id = $7)"
    CUSTOMER_VISIBLE("$5", "$6")
    "  AND ($1::text IS NULL OR strpos(lower(c.name), $1) > 0"
    "   OR strpos(u.phone::text, $1) > 0 OR strpos(lower(c.email), $1) > 0)),"
    " p AS (SELECT c.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN c.name END,"
    "  CASE WHEN $2 = '-name' THEN c.name END DESC,"
    "  CASE WHEN $2 = 'email' THEN c.email END,"
    "  CASE WHEN $2 = '-email' THEN c.email END DESC,"
    "  CASE WHEN $2 = 'phone' THEN c.phone END,"
    "  CASE WHEN $2 = '-phone' THEN c.phone END DESC,"
    "  CASE WHEN $2 = '-id' THEN length(c.id) END DESC,"
    "  CASE WHEN $2 = '-id' THEN c.id END DESC,"
    "  length(c.id), c.id) AS rn FROM f c)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(json_build_object('name', c.name,"
    "   'phone', c.phone, 'email', c.email, 'id', c.id) ORDER BY c.rn)"
    "   FROM (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) c), '[]')";

/* One statement: whether the target is there, whether the e-mail is
 * another customer's, and the update only when neither stops it. */
static const char *sql_update =
    "WITH t AS (SELECT c.id FROM customers c WHERE c.id = $1"
    "  AND c.deleted_at IS NULL" CUSTOMER_VISIBLE("$4", "$5") "),"
    " e AS (SELECT $3::text IS NOT NULL AND EXISTS (SELECT 1 FROM"
    "  customers o WHERE lower(o.email) = lower($3) AND o.deleted_at IS NULL"
    "  AND o.id <> $1) AS taken),"
    " c AS (UPDATE customers c SET name = coalesce($2, c.name),"
    "  email = coalesce($3, c.email) WHERE c.id IN (SELECT id FROM t)"
    "  AND NOT (SELECT taken FROM e) RETURNING c.id, c.name, c.email)"
    " SELECT (SELECT count(*) FROM t), (SELECT taken FROM e),"
    "  (SELECT " CUSTOMER_JSON " FROM c JOIN users u ON u.id = c.id)";

static const char *sql_lock =
    "SELECT c.id FROM customers c WHERE c.id = $1 AND c.deleted_at IS NULL"
    CUSTOMER_VISIBLE("$2", "$3") " FOR UPDATE OF c";

/* A separate statement after the lock, so it sees bookings committed
 * while it waited. */
static const char *sql_open_bookings =
    "SELECT EXISTS (SELECT 1 FROM bookings WHERE customer_id = $1"
    " AND status_id NOT IN (9, 10))";

static const char *sql_delete =
    "WITH c AS (UPDATE customers SET deleted_at = now() WHERE id = $1"
    "  AND deleted_at IS NULL RETURNING id),"
    " u AS (UPDATE users SET deleted_at = now()"
    "  WHERE id IN (SELECT id FROM c) RETURNING id),"
    " cc AS (UPDATE customer_cars SET deleted_at = now()"
    "  WHERE customer_id IN (SELECT id FROM c) AND deleted_at IS NULL"
    "  RETURNING id),"
    " ad AS (UPDATE addresses SET deleted_at = now()"
    "  WHERE customer_id IN (SELECT id FROM c) AND deleted_at IS NULL"
    "  RETURNING id),"
    " ca AS (DELETE FROM cart WHERE customer_id IN (SELECT id FROM c)"
    "  RETURNING service_id),"
    " fa AS (DELETE FROM favourites WHERE customer_id IN (SELECT id FROM c)"
    "  RETURNING service_id)"
    " SELECT count(*) FROM c";

/* The saved lists: whole statements per kind, never a spliced name. */
#define SAVED_ADD(t) \
    "WITH s AS (SELECT id FROM services WHERE id = $2::int" \
    "  AND deleted_at IS NULL)," \
    " i AS (INSERT INTO " t " (customer_id, service_id)" \
    "  SELECT $1, id FROM s ON CONFLICT DO NOTHING RETURNING service_id)" \
    " SELECT (SELECT count(*) FROM s), (SELECT count(*) FROM i)"

#define SAVED_REMOVE(t) \
    "DELETE FROM " t " WHERE customer_id = $1 AND service_id = $2::int"

#define SAVED_LIST(t) \
    "WITH f AS (SELECT x.service_id, x.created_at, s.title, s.time_hrs," \
    "  s.images, sc.id AS cat_id, sc.name AS cat_name FROM " t " x" \
    "  JOIN services s ON s.id = x.service_id AND s.deleted_at IS NULL" \
    "  JOIN service_categories sc ON sc.id = s.category_id" \
    "  WHERE x.customer_id = $5" \
    "  AND ($1::text IS NULL OR strpos(lower(s.title), $1) > 0))," \
    " p AS (SELECT f.*, row_number() OVER (ORDER BY" \
    "  CASE WHEN $2 = 'title' THEN f.title END," \
    "  CASE WHEN $2 = '-title' THEN f.title END DESC," \
    "  CASE WHEN $2 = 'service_id' THEN f.service_id END," \
    "  CASE WHEN $2 = '-service_id' THEN f.service_id END DESC," \
    "  CASE WHEN $2 = '-created_at' THEN f.created_at END DESC," \
    "  f.created_at, f.service_id) AS rn FROM f)" \
    " SELECT (SELECT count(*) FROM f)," \
    "  coalesce((SELECT json_agg(json_build_object(" \
    "   'service_id', x.service_id, 'title', x.title," \
    "   'category', json_build_object('id', x.cat_id, 'name', x.cat_name)," \
    "   'time_hrs', revcare_money(x.time_hrs), 'images', x.images," \
    "   'created_at', revcare_ts(x.created_at)) ORDER BY x.rn)" \
    "   FROM (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) x), '[]')"

static const struct {
	const char	*add, *remove, *list;
} saved_sql[] = {
	[BK_SAVED_CART] = { SAVED_ADD("cart"), SAVED_REMOVE("cart"),
	    SAVED_LIST("cart") },
	[BK_SAVED_FAVOURITE] = { SAVED_ADD("favourites"),
	    SAVED_REMOVE("favourites"), SAVED_LIST("favourites") },
};

int
bk_db_customers_email_taken(struct bk_db *db, const char *email,
    const char *except_id, bool *taken, struct bk_err *err)
{
	const char	*p[2] = { email, except_id };

	return bk_db_bool1(db, sql_email_taken, 2, p, taken, err);
}

int
bk_db_customers_create(struct bk_db *db, struct bk_arena *a, const char *name,
    const char *phone, const char *email, const char *hash, const char **json,
    const char **id, struct bk_err *err)
{
	const char	*p[4] = { name, phone, email, hash }, *out[2];

	if (bk_db_values(db, a, sql_create, 4, p, 2, out, err) != 0)
		return -1;
	*json = out[0];
	*id = out[1];
	return 0;
}

int
bk_db_customers_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const struct bk_db_viewer *v,
    const char *customer_id, const char **json, long *total,
    struct bk_err *err)
{
	char		 role[8];
	const char	*p[3] = { role, v->user_id, customer_id };

	snprintf(role, sizeof role, "%d", v->role);
	return bk_db_page(db, a, sql_list, pg, 3, p, json, total, err);
}

int
bk_db_customers_update(struct bk_db *db, struct bk_arena *a,
    const struct bk_db_viewer *v, const char *id, const char *name,
    const char *email, const char **json, struct bk_err *err)
{
	PGresult	*res;
	char		 role[8];
	const char	*p[5] = { id, name, email, role, v->user_id };
	int		 rc = -1;

	snprintf(role, sizeof role, "%d", v->role);
	res = bk_db_query(db, sql_update, 5, p, err);
	if (res == NULL)
		return -1;
	if (bk_db_long(res, 0, 0) == 0)
		bk_err_set(err, 404, "Customer not found.");
	else if (bk_db_bool(res, 0, 1))
		bk_err_set(err, 400, "User with this email already exists.");
	else {
		*json = bk_db_str(a, res, 0, 2);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_customers_lock(struct bk_db *db, const struct bk_db_viewer *v,
    const char *id, struct bk_err *err)
{
	char		 role[8];
	const char	*p[3] = { id, role, v->user_id };
	bool		 found, open;

	snprintf(role, sizeof role, "%d", v->role);
	if (bk_db_has_row(db, sql_lock, 3, p, &found, err) != 0)
		return -1;
	if (!found)
		return bk_err_set(err, 404, "Customer not found.");
	if (bk_db_bool1(db, sql_open_bookings, 1, p, &open, err) != 0)
		return -1;
	if (open)
		return bk_err_set(err, 409, "Customer has open bookings.");
	return 0;
}

int
bk_db_customers_delete(struct bk_db *db, const char *id, struct bk_err *err)
{
	long	n;

	if (bk_db_long1(db, sql_delete, 1, &id, &n, err) != 0)
		return -1;
	if (n == 0)
		return bk_err_set(err, 404, "Customer not found.");
	return 0;
}

int
bk_db_customers_saved_add(struct bk_db *db, enum bk_saved_kind kind,
    const char *customer_id, long service_id, bool *found, bool *added,
    struct bk_err *err)
{
	PGresult	*res;
	char		 sid[24];
	const char	*p[2] = { customer_id, sid };

	snprintf(sid, sizeof sid, "%ld", service_id);
	res = bk_db_query(db, saved_sql[kind].add, 2, p, err);
	if (res == NULL)
		return -1;
	*found = bk_db_long(res, 0, 0) > 0;
	*added = bk_db_long(res, 0, 1) > 0;
	PQclear(res);
	return 0;
}

int
bk_db_customers_saved_remove(struct bk_db *db, enum bk_saved_kind kind,
    const char *customer_id, long service_id, bool *removed,
    struct bk_err *err)
{
	char		 sid[24];
	const char	*p[2] = { customer_id, sid };
	long		 n;

	snprintf(sid, sizeof sid, "%ld", service_id);
	if (bk_db_exec_count(db, saved_sql[kind].remove, 2, p, &n, err) != 0)
		return -1;
	*removed = n > 0;
	return 0;
}

int
bk_db_customers_saved_list(struct bk_db *db, struct bk_arena *a,
    enum bk_saved_kind kind, const char *customer_id,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, saved_sql[kind].list, pg, 1, &customer_id,
	    json, total, err);
}
