/* Addresses SQL (SPEC §8.7). JSON is built by PostgreSQL; the visibility
 * of an address (SPEC §3.3) is a condition inside every statement that
 * reads or changes one. A retired area still shows inside the addresses
 * that use it, but new addresses cannot take it. */
#include "db/addresses.h"
#include "db/cars.h"
#include "db/conn.h"

/* AddressResponse of the address aliased ad. */
#define ADDRESS_JSON \
    "json_build_object('label', ad.label, 'line1', ad.line1," \
    " 'line2', ad.line2, 'area_id', ad.area_id, 'id', ad.id," \
    " 'area', (SELECT json_build_object('name', ar.name," \
    "  'pincode', ar.pincode, 'id', ar.id) FROM areas ar" \
    "  WHERE ar.id = ad.area_id)," \
    " 'customer', " BK_DB_CUSTOMER_JSON("ad.customer_id") "," \
    " 'created_at', revcare_ts(ad.created_at))"

/* SPEC §3.3 for the address aliased ad, role (1 admin, 2 mechanic,
 * 3 customer) in parameter r, caller id in u: mechanics see the pickup
 * and drop addresses of bookings on which they hold or held an
 * assignment. */
#define ADDRESS_VISIBLE(r, u) \
    "(" r "::int = 1 OR (" r "::int = 3 AND ad.customer_id = " u "::text)" \
    " OR (" r "::int = 2 AND EXISTS (SELECT 1 FROM bookings b" \
    "  JOIN booking_assignment ba ON ba.booking_id = b.id" \
    "  WHERE (b.pickup_address_id = ad.id OR b.drop_address_id = ad.id)" \
    "  AND ba.mechanic_id = " u "::text)))"

#define LIVE_AREA(id) \
    "EXISTS (SELECT 1 FROM areas ar WHERE ar.id = " id \
    " AND ar.deleted_at IS NULL)"

/* $1 q, $2 sort, $3 limit, $4 offset, $5 role, $6 caller, $7 customer. */
static const char *sql_list =
    "WITH f AS (SELECT ad.* FROM addresses ad WHERE ad.deleted_at IS NULL"
    "  AND " ADDRESS_VISIBLE("$5", "$6")
    "  AND ($7::text IS NULL OR ad.customer_id = $7)"
    "  AND ($1::text IS NULL OR strpos(lower(coalesce(ad.label, '')), $1) > 0"
    "   OR strpos(lower(ad.line1), $1) > 0"
    "   OR strpos(lower(coalesce(ad.line2, '')), $1) > 0"
    "   OR EXISTS (SELECT 1 FROM areas ar WHERE ar.id = ad.area_id"
    "    AND (strpos(lower(ar.name), $1) > 0"
    "     OR strpos(ar.pincode::text, $1) > 0)))),"
    " p AS (SELECT ad.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'label' THEN ad.label END,"
    "  CASE WHEN $2 = '-label' THEN ad.label END DESC,"
    "  CASE WHEN $2 = 'created_at' THEN ad.created_at END,"
    "  CASE WHEN $2 = '-created_at' THEN ad.created_at END DESC,"
    "  CASE WHEN $2 = '-id' THEN ad.id END DESC, ad.id) AS rn FROM f ad)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" ADDRESS_JSON " ORDER BY ad.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) ad), '[]')";

/* $1 customer, $2 label, $3 line1, $4 line2, $5 area. No row: the
 * customer or the area is not live. */
static const char *sql_create =
    "WITH ad AS (INSERT INTO addresses (customer_id, label, line1, line2,"
    "  area_id)"
    " SELECT $1::text, $2::text, $3::text, $4::text, $5::int"
    " WHERE EXISTS (SELECT 1 FROM customers c JOIN users u ON u.id = c.id"
    "   WHERE c.id = $1::text AND c.deleted_at IS NULL"
    "   AND u.deleted_at IS NULL)"
    "  AND " LIVE_AREA("$5::int") " RETURNING *)"
    " SELECT ad.id, " ADDRESS_JSON " FROM ad";

/* $1 role, $2 caller, $3 address, $4 new area. */
static const char *sql_check_update =
    "SELECT CASE WHEN NOT " ADDRESS_VISIBLE("$1", "$2") " THEN 2"
    "  WHEN $4::int IS NOT NULL AND $4 <> ad.area_id"
    "   AND NOT " LIVE_AREA("$4") " THEN 3 ELSE 0 END"
    " FROM addresses ad WHERE ad.id = $3::int AND ad.deleted_at IS NULL"
    " FOR UPDATE";

/* $1 role, $2 caller, $3 address, $4 area, $5 label given, $6 label,
 * $7 line1, $8 line2 given, $9 line2. */
static const char *sql_update =
    "WITH ad AS (UPDATE addresses ad SET"
    "  area_id = coalesce($4::int, ad.area_id),"
    "  label = CASE WHEN $5::bool THEN $6::text ELSE ad.label END,"
    "  line1 = coalesce($7::text, ad.line1),"
    "  line2 = CASE WHEN $8::bool THEN $9::text ELSE ad.line2 END"
    " WHERE ad.id = $3::int AND ad.deleted_at IS NULL"
    "  AND " ADDRESS_VISIBLE("$1", "$2") " RETURNING ad.*)"
    " SELECT " ADDRESS_JSON " FROM ad";

/* A booking neither delivered (9) nor cancelled (10) picks up or drops
 * at the address. */
static const char *sql_check_delete =
    "SELECT CASE WHEN NOT " ADDRESS_VISIBLE("$1", "$2") " THEN 2"
    "  WHEN EXISTS (SELECT 1 FROM bookings b"
    "   WHERE (b.pickup_address_id = ad.id OR b.drop_address_id = ad.id)"
    "   AND b.status_id NOT IN (9, 10)) THEN 4 ELSE 0 END"
    " FROM addresses ad WHERE ad.id = $3::int AND ad.deleted_at IS NULL"
    " FOR UPDATE";

static const char *sql_delete =
    "UPDATE addresses ad SET deleted_at = now()"
    " WHERE ad.id = $3::int AND ad.deleted_at IS NULL"
    "  AND " ADDRESS_VISIBLE("$1", "$2") " RETURNING ad.id";

static const struct bk_db_problem addresses_problems[] = {
	{ 0, NULL },
	{ 404, "Address not found." },
	{ 403, "Operation not permitted. Trying to access addresses of other "
	    "customers." },
	{ 400, "Invalid foreign key reference" },
	{ 409, "Address is used by an open booking." },
};

static const char *
addresses_role(struct bk_arena *a, const struct bk_auth *who)
{
	return bk_arena_printf(a, "%d", who->role);
}

int
bk_db_addresses_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, const char *customer_id,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	const char	*x[3] = { addresses_role(a, who), who->user_id,
			    customer_id };

	return bk_db_page(db, a, sql_list, pg, 3, x, json, total, err);
}

int
bk_db_addresses_create(struct bk_db *db, struct bk_arena *a,
    const struct bk_address *ad, const char **json, const char **id,
    struct bk_err *err)
{
	const char	*p[5], *out[2];

	p[0] = ad->customer_id;
	p[1] = ad->label;
	p[2] = ad->line1;
	p[3] = ad->line2;
	p[4] = bk_db_num(a, &ad->area_id);
	if (bk_db_row(db, a, sql_create, 5, p, 2, out,
	    &addresses_problems[3], err) != 0)
		return -1;
	*id = out[0];
	*json = out[1];
	return 0;
}

int
bk_db_addresses_update(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, long id, const struct bk_address *ad,
    const char **json, struct bk_err *err)
{
	const char	*p[9];

	p[0] = addresses_role(a, who);
	p[1] = who->user_id;
	p[2] = bk_db_num(a, &id);
	p[3] = bk_db_num(a, ad->area_id > 0 ? &ad->area_id : NULL);
	if (bk_db_check(db, a, sql_check_update, 4, p,
	    addresses_problems, err) != 0)
		return -1;
	p[4] = ad->label_set ? "true" : "false";
	p[5] = ad->label;
	p[6] = ad->line1;
	p[7] = ad->line2_set ? "true" : "false";
	p[8] = ad->line2;
	return bk_db_row(db, a, sql_update, 9, p, 1, json,
	    &addresses_problems[1], err);
}

int
bk_db_addresses_delete(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, long id, struct bk_err *err)
{
	const char	*p[3] = { addresses_role(a, who), who->user_id,
			    bk_db_num(a, &id) }, *out;

	if (bk_db_check(db, a, sql_check_delete, 3, p,
	    addresses_problems, err) != 0)
		return -1;
	return bk_db_row(db, a, sql_delete, 3, p, 1, &out,
	    &addresses_problems[1], err);
}
