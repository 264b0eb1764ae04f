/* Car lookups (SPEC §8.6): car classes, fuel types and manufacturers. One
 * pattern serves all three; each handler names its row of bk_car_lookups
 * (db/car_lookups.c) and the shared functions below do the work. */
#include "db/auth.h"
#include "db/car_lookups.h"
#include "routes/routes.h"
#include "validate.h"

#define CLASS		(&bk_car_lookups[BK_CAR_LOOKUP_CLASS])
#define FUEL		(&bk_car_lookups[BK_CAR_LOOKUP_FUEL])
#define MANUFACTURER	(&bk_car_lookups[BK_CAR_LOOKUP_MANUFACTURER])

static long
lookups_length(const char *s)
{
	long	n = 0;

	for (; *s != '\0'; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Read the value of a body: the lookup's field, or its alias when only
 * that is sent (`class_`). need is BK_REQUIRED (POST) or BK_NULLABLE. */
static void
lookups_read(const struct bk_car_lookup *k, const struct bk_req *req,
    unsigned need, const char **value, struct bk_err *err)
{
	const char	*field = k->field;

	*value = NULL;
	if (k->alias != NULL && !bk_body_has(req, k->field) &&
	    bk_body_has(req, k->alias))
		field = k->alias;
	bk_body_object(req, err);
	if (bk_body_str(req, field, need | BK_TRIM, k->too_short != NULL ? 0 :
	    k->minlen, k->maxlen, value, err) != 0)
		return;
	if (k->too_short != NULL && *value != NULL &&
	    lookups_length(*value) < k->minlen)
		bk_err_value(err, req->arena, field, k->too_short);
}

static int
lookups_list(const struct bk_car_lookup *k, const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, k->sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_car_lookups_list(db, req->arena, k, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

static int
lookups_create(const struct bk_car_lookup *k, const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	const char	*value, *json, *id;

	lookups_read(k, req, BK_REQUIRED, &value, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_car_lookups_create(db, req->arena, k, value, &json, &id,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "create", k->entity, id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

static int
lookups_update(const struct bk_car_lookup *k, const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "lookup_id");
	const char		*value, *json;

	lookups_read(k, req, BK_NULLABLE, &value, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_car_lookups_update(db, req->arena, k, id->ival, value,
	    &json, &res->err) != 0 ||
	    bk_db_audit(db, req, "update", k->entity, id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

static int
lookups_delete(const struct bk_car_lookup *k, const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "lookup_id");
	cJSON			*o;

	if (bk_db_car_lookups_delete(db, req->arena, k, id->ival,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", k->entity, id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", k->deleted);
	return bk_reply(res, 200, o);
}

/* GET /api/v1/car/class: [{class, id}], q over class. */
int
bk_car_lookups_class_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_list(CLASS, req, db, res);
}

/* POST /api/v1/car/class */
int
bk_car_lookups_class_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_create(CLASS, req, db, res);
}

/* PUT /api/v1/car/class/{lookup_id} */
int
bk_car_lookups_class_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_update(CLASS, req, db, res);
}

/* DELETE /api/v1/car/class/{lookup_id}: 409 while live car models or
 * live services' price-chart rows use it. */
int
bk_car_lookups_class_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_delete(CLASS, req, db, res);
}

/* GET /api/v1/car/fuel: [{fuel_name, id}], q over fuel_name. */
int
bk_car_lookups_fuel_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_list(FUEL, req, db, res);
}

/* POST /api/v1/car/fuel */
int
bk_car_lookups_fuel_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_create(FUEL, req, db, res);
}

/* PUT /api/v1/car/fuel/{lookup_id} */
int
bk_car_lookups_fuel_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_update(FUEL, req, db, res);
}

/* DELETE /api/v1/car/fuel/{lookup_id}: 409 while live car models or live
 * services use it. */
int
bk_car_lookups_fuel_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_delete(FUEL, req, db, res);
}

/* GET /api/v1/car/manufacturer: [{name, id}], q over name. */
int
bk_car_lookups_manufacturer_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return lookups_list(MANUFACTURER, req, db, res);
}

/* POST /api/v1/car/manufacturer */
int
bk_car_lookups_manufacturer_create(const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	return lookups_create(MANUFACTURER, req, db, res);
}

/* PUT /api/v1/car/manufacturer/{lookup_id} */
int
bk_car_lookups_manufacturer_update(const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	return lookups_update(MANUFACTURER, req, db, res);
}

/* DELETE /api/v1/car/manufacturer/{lookup_id}: 409 while live car models
 * use it. */
int
bk_car_lookups_manufacturer_delete(const struct bk_req *req,
    struct bk_db *db, struct bk_res *res)
{
	return lookups_delete(MANUFACTURER, req, db, res);
}
