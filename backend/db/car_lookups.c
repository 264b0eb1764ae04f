/* Car lookups SQL (SPEC §8.6). Car classes, fuel types and manufacturers
 * differ only in table, column, messages and what counts as "in use", so
 * each is one row of bk_car_lookups and its statements are spelled out at
 * compile time from the table and column names; values travel only as
 * parameters. Deletes are soft and refused while live rows use the value. */
#include "db/car_lookups.h"
#include "db/conn.h"

#define LOOKUP_JSON(col) "json_build_object('" col "', t." col ", 'id', t.id)"

/* $1 q, $2 sort, $3 limit, $4 offset (bk_db_page). */
#define LOOKUP_LIST(tbl, col) \
    "WITH f AS (SELECT t.* FROM " tbl " t WHERE t.deleted_at IS NULL" \
    "  AND ($1::text IS NULL OR strpos(lower(t." col "), $1) > 0))," \
    " p AS (SELECT t.*, row_number() OVER (ORDER BY" \
    "  CASE WHEN $2 = '" col "' THEN t." col " END," \
    "  CASE WHEN $2 = '-" col "' THEN t." col " END DESC," \
    "  CASE WHEN $2 = '-id' THEN t.id END DESC, t.id) AS rn FROM f t)" \
    " SELECT (SELECT count(*) FROM f)," \
    "  coalesce((SELECT json_agg(" LOOKUP_JSON(col) " ORDER BY t.rn) FROM" \
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) t), '[]')"

/* The value is unique among live rows (a retired one frees its name). */
#define LOOKUP_CREATE(tbl, col) \
    "INSERT INTO " tbl " AS t (" col ") SELECT $1::text" \
    " WHERE NOT EXISTS (SELECT 1 FROM " tbl " o WHERE o." col " = $1" \
    " AND o.deleted_at IS NULL)" \
    " RETURNING t.id, " LOOKUP_JSON(col)

#define LOOKUP_CHECK_UPDATE(tbl, col) \
    "SELECT CASE WHEN $2::text IS NOT NULL AND EXISTS (SELECT 1 FROM " \
    tbl " o WHERE o." col " = $2 AND o.id <> t.id" \
    " AND o.deleted_at IS NULL) THEN 2 ELSE 0 END" \
    " FROM " tbl " t WHERE t.id = $1::int AND t.deleted_at IS NULL" \
    " FOR UPDATE"

#define LOOKUP_UPDATE(tbl, col) \
    "UPDATE " tbl " t SET " col " = coalesce($2, t." col ")" \
    " WHERE t.id = $1::int AND t.deleted_at IS NULL" \
    " RETURNING " LOOKUP_JSON(col)

/* in_use is a condition on t.id. */
#define LOOKUP_CHECK_DELETE(tbl, in_use) \
    "SELECT CASE WHEN (" in_use ") THEN 3 ELSE 0 END FROM " tbl " t" \
    " WHERE t.id = $1::int AND t.deleted_at IS NULL FOR UPDATE"

#define LOOKUP_DELETE(tbl) \
    "UPDATE " tbl " SET deleted_at = now() WHERE id = $1::int" \
    " AND deleted_at IS NULL RETURNING id"

#define LOOKUP_SQL(tbl, col, in_use) \
    LOOKUP_LIST(tbl, col), LOOKUP_CREATE(tbl, col), \
    LOOKUP_CHECK_UPDATE(tbl, col), LOOKUP_UPDATE(tbl, col), \
    LOOKUP_CHECK_DELETE(tbl, in_use), LOOKUP_DELETE(tbl)

/* What keeps a value alive: live car models, and the catalogue of live
 * services (price-chart rows for classes, fuel lists for fuels). */
#define USED_BY_MODELS(col) \
    "EXISTS (SELECT 1 FROM cars m WHERE m." col " = t.id" \
    " AND m.deleted_at IS NULL)"
#define CLASS_IN_USE USED_BY_MODELS("car_class_id") \
    " OR EXISTS (SELECT 1 FROM price_chart pc JOIN services s" \
    " ON s.id = pc.service_id WHERE pc.car_class_id = t.id" \
    " AND s.deleted_at IS NULL)"
#define FUEL_IN_USE USED_BY_MODELS("fuel_type_id") \
    " OR EXISTS (SELECT 1 FROM service_fuel_types sf JOIN services s" \
    " ON s.id = sf.service_id WHERE sf.fuel_type_id = t.id" \
    " AND s.deleted_at IS NULL)"
#define MANUFACTURER_IN_USE USED_BY_MODELS("manufacturer_id")

static const char *const class_sorts[] = { "id", "class", NULL };
static const char *const fuel_sorts[] = { "id", "fuel_name", NULL };
static const char *const manufacturer_sorts[] = { "id", "name", NULL };

const struct bk_car_lookup bk_car_lookups[] = {
	[BK_CAR_LOOKUP_CLASS] = {
		"car_classes", "class", "class_", 1, 50, NULL,
		"CarClass deleted successfully.", class_sorts,
		{ { 0, NULL }, { 404, "CarClass not found." },
		  { 400, "Car class already exists." },
		  { 409, "CarClass is in use." } },
		LOOKUP_SQL("car_classes", "class", CLASS_IN_USE)
	},
	[BK_CAR_LOOKUP_FUEL] = {
		"fuel_types", "fuel_name", NULL, 1, 50, NULL,
		"FuelType deleted successfully.", fuel_sorts,
		{ { 0, NULL }, { 404, "FuelType not found." },
		  { 400, "Fuel type already exists." },
		  { 409, "FuelType is in use." } },
		LOOKUP_SQL("fuel_types", "fuel_name", FUEL_IN_USE)
	},
	[BK_CAR_LOOKUP_MANUFACTURER] = {
		"manufacturers", "name", NULL, 2, 100,
		"Manufacturer name must be at least 2 characters long",
		"Manufacturer deleted successfully.", manufacturer_sorts,
		{ { 0, NULL }, { 404, "Manufacturer not found." },
		  { 400, "Manufacturer already exists." },
		  { 409, "Manufacturer is in use." } },
		LOOKUP_SQL("manufacturers", "name", MANUFACTURER_IN_USE)
	},
};

int
bk_db_car_lookups_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_car_lookup *k, const struct bk_page *pg,
    const char **json, long *total, struct bk_err *err)
{
	return bk_db_page(db, a, k->sql_list, pg, 0, NULL, json, total,
	    err);
}

int
bk_db_car_lookups_create(struct bk_db *db, struct bk_arena *a,
    const struct bk_car_lookup *k, const char *value, const char **json,
    const char **id, struct bk_err *err)
{
	const char	*p[1] = { value }, *out[2];

	if (bk_db_row(db, a, k->sql_create, 1, p, 2, out,
	    &k->problems[2], err) != 0)
		return -1;
	*id = out[0];
	*json = out[1];
	return 0;
}

int
bk_db_car_lookups_update(struct bk_db *db, struct bk_arena *a,
    const struct bk_car_lookup *k, long id, const char *value,
    const char **json, struct bk_err *err)
{
	const char	*p[2] = { bk_db_num(a, &id), value };

	if (bk_db_check(db, a, k->sql_check_update, 2, p, k->problems,
	    err) != 0)
		return -1;
	return bk_db_row(db, a, k->sql_update, 2, p, 1, json,
	    &k->problems[1], err);
}

int
bk_db_car_lookups_delete(struct bk_db *db, struct bk_arena *a,
    const struct bk_car_lookup *k, long id, struct bk_err *err)
{
	const char	*p[1] = { bk_db_num(a, &id) }, *out;

	if (bk_db_check(db, a, k->sql_check_delete, 1, p, k->problems,
	    err) != 0)
		return -1;
	return bk_db_row(db, a, k->sql_delete, 1, p, 1, &out,
	    &k->problems[1], err);
}
