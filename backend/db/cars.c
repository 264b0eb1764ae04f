/* Cars SQL (SPEC §8.6): car models and customer cars. JSON is built by
 * PostgreSQL; the visibility of a customer car (SPEC §3.3) is a condition
 * inside every statement that reads or changes one, so a caller never
 * gets, changes or deletes a car he may not see. */
#include <stdio.h>

#include "db/cars.h"
#include "db/conn.h"

/* CarResponse of the model aliased m. Retired lookups still show. */
#define MODEL_JSON \
    "json_build_object('model', m.model," \
    " 'manufacturer_id', m.manufacturer_id," \
    " 'fuel_type_id', m.fuel_type_id, 'car_class_id', m.car_class_id," \
    " 'year', m.year, 'img', m.img, 'id', m.id," \
    " 'manufacturer', (SELECT json_build_object('name', x.name, 'id', x.id)" \
    "  FROM manufacturers x WHERE x.id = m.manufacturer_id)," \
    " 'fuel_type', (SELECT json_build_object('fuel_name', x.fuel_name," \
    "  'id', x.id) FROM fuel_types x WHERE x.id = m.fuel_type_id)," \
    " 'car_class', (SELECT json_build_object('class', x.class, 'id', x.id)" \
    "  FROM car_classes x WHERE x.id = m.car_class_id))"

/* CustomerCarResponse of the car aliased cc; a retired model still shows
 * (SPEC §8.6: customer cars keep their model). */
#define CAR_JSON \
    "json_build_object('reg_number', cc.reg_number," \
    " 'car_model_id', cc.car_model_id, 'id', cc.id," \
    " 'created_at', revcare_ts(cc.created_at)," \
    " 'customer', " BK_DB_CUSTOMER_JSON("cc.customer_id") "," \
    " 'car', (SELECT " MODEL_JSON " FROM cars m" \
    "  WHERE m.id = cc.car_model_id))"

/* SPEC §3.3 for the car aliased cc, with the caller's role (1 admin,
 * 2 mechanic, 3 customer) in parameter r and his id in u: admins see
 * every car, customers their own, mechanics the cars of bookings on which
 * they hold or held an assignment. */
#define CAR_VISIBLE(r, u) \
    "(" r "::int = 1 OR (" r "::int = 3 AND cc.customer_id = " u "::text)" \
    " OR (" r "::int = 2 AND EXISTS (SELECT 1 FROM bookings b" \
    "  JOIN booking_assignment ba ON ba.booking_id = b.id" \
    "  WHERE b.customer_car_id = cc.id AND ba.mechanic_id = " u "::text)))"

/* A booking that is neither delivered (9) nor cancelled (10). */
#define CAR_OPEN_BOOKING \
    "EXISTS (SELECT 1 FROM bookings b WHERE b.customer_car_id = cc.id" \
    " AND b.status_id NOT IN (9, 10))"

/* A live row of tbl with the id expression id. */
#define LIVE(tbl, id) \
    "EXISTS (SELECT 1 FROM " tbl " x WHERE x.id = " id \
    " AND x.deleted_at IS NULL)"

/* q as a registration key: letters and digits, upper-cased. */
#define REG_KEY(q) "upper(regexp_replace(" q ", '[^a-zA-Z0-9]', '', 'g'))"

/* $1 q, $2 sort, $3 limit, $4 offset (bk_db_page), $5..$7 the
 * manufacturer, fuel and class filters. */
static const char *sql_models_list =
    "WITH f AS (SELECT m.* FROM cars m WHERE m.deleted_at IS NULL"
    "  AND ($1::text IS NULL OR strpos(lower(m.model), $1) > 0)"
    "  AND ($5::int IS NULL OR m.manufacturer_id = $5)"
    "  AND ($6::int IS NULL OR m.fuel_type_id = $6)"
    "  AND ($7::int IS NULL OR m.car_class_id = $7)),"
    " p AS (SELECT m.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'model' THEN m.model END,"
    "  CASE WHEN $2 = '-model' THEN m.model END DESC,"
    "  CASE WHEN $2 = 'year' THEN m.year END,"
    "  CASE WHEN $2 = '-year' THEN m.year END DESC,"
    "  CASE WHEN $2 = '-id' THEN m.id END DESC, m.id) AS rn FROM f m)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" MODEL_JSON " ORDER BY m.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) m), '[]')";

static const char *sql_models_create =
    "WITH m AS (INSERT INTO cars (model, manufacturer_id, fuel_type_id,"
    "  car_class_id, year, img)"
    " SELECT $1::text, $2::int, $3::int, $4::int, $5::int, $6::text"
    " WHERE " LIVE("manufacturers", "$2::int")
    "  AND " LIVE("fuel_types", "$3::int")
    "  AND " LIVE("car_classes", "$4::int") " RETURNING *)"
    " SELECT m.id, " MODEL_JSON " FROM m";

/* A lookup that is not changed may have been retired meanwhile. */
static const char *sql_models_check_update =
    "SELECT CASE WHEN ($2::int IS NULL OR $2 = m.manufacturer_id"
    "   OR " LIVE("manufacturers", "$2") ")"
    "  AND ($3::int IS NULL OR $3 = m.fuel_type_id"
    "   OR " LIVE("fuel_types", "$3") ")"
    "  AND ($4::int IS NULL OR $4 = m.car_class_id"
    "   OR " LIVE("car_classes", "$4") ") THEN 0 ELSE 2 END"
    " FROM cars m WHERE m.id = $1::int AND m.deleted_at IS NULL FOR UPDATE";

static const char *sql_models_update =
    "WITH m AS (UPDATE cars m SET"
    " manufacturer_id = coalesce($2::int, m.manufacturer_id),"
    " fuel_type_id = coalesce($3::int, m.fuel_type_id),"
    " car_class_id = coalesce($4::int, m.car_class_id),"
    " model = coalesce($5::text, m.model),"
    " year = coalesce($6::int, m.year), img = coalesce($7::text, m.img)"
    " WHERE m.id = $1::int AND m.deleted_at IS NULL RETURNING m.*)"
    " SELECT " MODEL_JSON " FROM m";

static const char *sql_models_delete =
    "UPDATE cars SET deleted_at = now() WHERE id = $1::int"
    " AND deleted_at IS NULL RETURNING id";

static const struct bk_db_problem models_problems[] = {
	{ 0, NULL },
	{ 404, "Car not found." },
	{ 400, "Invalid foreign key reference" },
};

/* $1 q, $2 sort, $3 limit, $4 offset, $5 role, $6 caller, $7 customer. */
static const char *sql_cars_list =
    "WITH f AS (SELECT cc.* FROM customer_cars cc WHERE cc.deleted_at IS NULL"
    "  AND " CAR_VISIBLE("$5", "$6")
    "  AND ($7::text IS NULL OR cc.customer_id = $7)"
    "  AND ($1::text IS NULL OR strpos(lower(cc.reg_number), $1) > 0"
    "   OR (" REG_KEY("$1") " <> ''"
    "    AND strpos(cc.reg_number_norm, " REG_KEY("$1") ") > 0))),"
    " p AS (SELECT cc.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'reg_number' THEN cc.reg_number_norm END,"
    "  CASE WHEN $2 = '-reg_number' THEN cc.reg_number_norm END DESC,"
    "  CASE WHEN $2 = 'created_at' THEN cc.created_at END,"
    "  CASE WHEN $2 = '-created_at' THEN cc.created_at END DESC,"
    "  CASE WHEN $2 = '-id' THEN cc.id END DESC, cc.id) AS rn FROM f cc)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" CAR_JSON " ORDER BY cc.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) cc), '[]')";

/* The JSON only when the caller may see the car. */
static const char *sql_cars_get =
    "SELECT v.ok, CASE WHEN v.ok THEN " CAR_JSON " END"
    " FROM customer_cars cc,"
    "  LATERAL (SELECT " CAR_VISIBLE("$1", "$2") " AS ok) v"
    " WHERE cc.id = $3::int AND cc.deleted_at IS NULL";

/* $1 customer, $2 model, $3 registration key. */
static const char *sql_cars_check_create =
    "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM customers c"
    "   JOIN users u ON u.id = c.id WHERE c.id = $1::text"
    "   AND c.deleted_at IS NULL AND u.deleted_at IS NULL)"
    "  OR NOT " LIVE("cars", "$2::int") " THEN 3"
    "  WHEN EXISTS (SELECT 1 FROM customer_cars o"
    "   WHERE o.reg_number_norm = $3::text AND o.deleted_at IS NULL) THEN 4"
    "  ELSE 0 END";

static const char *sql_cars_create =
    "WITH cc AS (INSERT INTO customer_cars (reg_number, reg_number_norm,"
    "  car_model_id, customer_id) VALUES ($1, $2, $3::int, $4)"
    "  RETURNING *)"
    " SELECT cc.id, " CAR_JSON " FROM cc";

/* $1 role, $2 caller, $3 car, $4 new key, $5 new model. */
static const char *sql_cars_check_update =
    "SELECT CASE WHEN NOT " CAR_VISIBLE("$1", "$2") " THEN 2"
    "  WHEN $5::int IS NOT NULL AND $5 <> cc.car_model_id"
    "   AND NOT " LIVE("cars", "$5") " THEN 3"
    "  WHEN $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM customer_cars o"
    "   WHERE o.reg_number_norm = $4 AND o.deleted_at IS NULL"
    "   AND o.id <> cc.id) THEN 4"
    "  WHEN $5::int IS NOT NULL AND $5 <> cc.car_model_id"
    "   AND " CAR_OPEN_BOOKING " THEN 5 ELSE 0 END"
    " FROM customer_cars cc WHERE cc.id = $3::int AND cc.deleted_at IS NULL"
    " FOR UPDATE";

/* $1 role, $2 caller, $3 car, $4 display form, $5 key, $6 model.
 * Bookings keep their own registration snapshot. */
static const char *sql_cars_update =
    "WITH cc AS (UPDATE customer_cars cc SET"
    "  reg_number = coalesce($4::text, cc.reg_number),"
    "  reg_number_norm = coalesce($5::text, cc.reg_number_norm),"
    "  car_model_id = coalesce($6::int, cc.car_model_id)"
    " WHERE cc.id = $3::int AND cc.deleted_at IS NULL"
    "  AND " CAR_VISIBLE("$1", "$2") " RETURNING cc.*)"
    " SELECT " CAR_JSON " FROM cc";

static const char *sql_cars_check_delete =
    "SELECT CASE WHEN NOT " CAR_VISIBLE("$1", "$2") " THEN 2"
    "  WHEN " CAR_OPEN_BOOKING " THEN 5 ELSE 0 END"
    " FROM customer_cars cc WHERE cc.id = $3::int AND cc.deleted_at IS NULL"
    " FOR UPDATE";

static const char *sql_cars_delete =
    "UPDATE customer_cars cc SET deleted_at = now()"
    " WHERE cc.id = $3::int AND cc.deleted_at IS NULL"
    "  AND " CAR_VISIBLE("$1", "$2") " RETURNING cc.id";

static const struct bk_db_problem cars_problems[] = {
	{ 0, NULL },
	{ 404, "CustomerCar not found." },
	{ 403, "Operation not permitted. Trying to access data of other "
	    "customers." },
	{ 400, "Invalid foreign key reference" },
	{ 400, "Car with this registration number already exists." },
	{ 409, "Car has an open booking." },
};

/* An id of 0 means "not given". */
static const char *
cars_id(struct bk_arena *a, const long *id)
{
	return bk_db_num(a, *id > 0 ? id : NULL);
}

int
bk_db_cars_models_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const struct bk_car_model_filter *f,
    const char **json, long *total, struct bk_err *err)
{
	const char	*x[3];

	x[0] = cars_id(a, &f->manufacturer_id);
	x[1] = cars_id(a, &f->fuel_type_id);
	x[2] = cars_id(a, &f->car_class_id);
	return bk_db_page(db, a, sql_models_list, pg, 3, x, json, total,
	    err);
}

int
bk_db_cars_models_create(struct bk_db *db, struct bk_arena *a,
    const struct bk_car_model *m, const char **json, const char **id,
    struct bk_err *err)
{
	const char	*p[6], *out[2];

	p[0] = m->model;
	p[1] = cars_id(a, &m->manufacturer_id);
	p[2] = cars_id(a, &m->fuel_type_id);
	p[3] = cars_id(a, &m->car_class_id);
	p[4] = cars_id(a, &m->year);
	p[5] = m->img;
	if (bk_db_row(db, a, sql_models_create, 6, p, 2, out,
	    &models_problems[2], err) != 0)
		return -1;
	*id = out[0];
	*json = out[1];
	return 0;
}

int
bk_db_cars_models_update(struct bk_db *db, struct bk_arena *a, long id,
    const struct bk_car_model *m, const char **json, struct bk_err *err)
{
	const char	*p[7];

	p[0] = bk_db_num(a, &id);
	p[1] = cars_id(a, &m->manufacturer_id);
	p[2] = cars_id(a, &m->fuel_type_id);
	p[3] = cars_id(a, &m->car_class_id);
	p[4] = m->model;
	p[5] = cars_id(a, &m->year);
	p[6] = m->img;
	if (bk_db_check(db, a, sql_models_check_update, 4, p,
	    models_problems, err) != 0)
		return -1;
	return bk_db_row(db, a, sql_models_update, 7, p, 1, json,
	    &models_problems[1], err);
}

int
bk_db_cars_models_delete(struct bk_db *db, struct bk_arena *a, long id,
    struct bk_err *err)
{
	const char	*p[1] = { bk_db_num(a, &id) }, *out;

	return bk_db_row(db, a, sql_models_delete, 1, p, 1, &out,
	    &models_problems[1], err);
}

static const char *
cars_role(struct bk_arena *a, const struct bk_auth *who)
{
	return bk_arena_printf(a, "%d", who->role);
}

int
bk_db_cars_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, const char *customer_id,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	const char	*x[3] = { cars_role(a, who), who->user_id,
			    customer_id };

	return bk_db_page(db, a, sql_cars_list, pg, 3, x, json, total,
	    err);
}

int
bk_db_cars_get(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, long id, const char **json,
    struct bk_err *err)
{
	PGresult	*res;
	const char	*p[3] = { cars_role(a, who), who->user_id,
			    bk_db_num(a, &id) };
	int		 rc = -1;

	res = bk_db_query(db, sql_cars_get, 3, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		bk_err_set(err, 404, cars_problems[1].detail);
	else if (!bk_db_bool(res, 0, 0))
		bk_err_set(err, 403, cars_problems[2].detail);
	else {
		*json = bk_db_str(a, res, 0, 1);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_cars_create(struct bk_db *db, struct bk_arena *a,
    const struct bk_customer_car *c, const char **json, const char **id,
    struct bk_err *err)
{
	const char	*chk[3], *p[4], *out[2];

	chk[0] = c->customer_id;
	chk[1] = cars_id(a, &c->car_model_id);
	chk[2] = c->reg_norm;
	if (bk_db_check(db, a, sql_cars_check_create, 3, chk,
	    cars_problems, err) != 0)
		return -1;
	p[0] = c->reg_number;
	p[1] = c->reg_norm;
	p[2] = chk[1];
	p[3] = c->customer_id;
	if (bk_db_row(db, a, sql_cars_create, 4, p, 2, out,
	    &cars_problems[3], err) != 0)
		return -1;
	*id = out[0];
	*json = out[1];
	return 0;
}

int
bk_db_cars_update(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, long id, const struct bk_customer_car *c,
    const char **json, struct bk_err *err)
{
	const char	*chk[5], *p[6];

	chk[0] = p[0] = cars_role(a, who);
	chk[1] = p[1] = who->user_id;
	chk[2] = p[2] = bk_db_num(a, &id);
	chk[3] = c->reg_norm;
	chk[4] = cars_id(a, &c->car_model_id);
	if (bk_db_check(db, a, sql_cars_check_update, 5, chk,
	    cars_problems, err) != 0)
		return -1;
	p[3] = c->reg_number;
	p[4] = c->reg_norm;
	p[5] = chk[4];
	return bk_db_row(db, a, sql_cars_update, 6, p, 1, json,
	    &cars_problems[1], err);
}

int
bk_db_cars_delete(struct bk_db *db, struct bk_arena *a,
    const struct bk_auth *who, long id, struct bk_err *err)
{
	const char	*p[3] = { cars_role(a, who), who->user_id,
			    bk_db_num(a, &id) }, *out;

	if (bk_db_check(db, a, sql_cars_check_delete, 3, p,
	    cars_problems, err) != 0)
		return -1;
	return bk_db_row(db, a, sql_cars_delete, 3, p, 1, &out,
	    &cars_problems[1], err);
}
