/* Car models and customer cars (SPEC §8.6). Customers see and change their
 * own cars, mechanics see the cars of their bookings, admins everything
 * (the rule lives in db/cars.c's statements). Deletes are soft: a retired
 * model stays visible inside the cars that use it. */
#include <ctype.h>
#include <limits.h>
#include <string.h>
#include <time.h>

#include "db/auth.h"
#include "db/cars.h"
#include "role.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const cars_models_sorts[] = { "id", "model", "year",
	NULL };
static const char *const cars_sorts[] = { "id", "reg_number", "created_at",
	NULL };

static const char *const cars_other_customer = "Operation not permitted. "
    "Trying to access data of other customers.";

/* SPEC §8.6: a model year is at most next year (UTC calendar). */
static long
cars_max_year(void)
{
	struct tm	tm;
	time_t		now = time(NULL);

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900 + 1 < 2100 ? tm.tm_year + 1900 + 1 : 2100;
}

/* Read a car model body; need is BK_REQUIRED (POST) or BK_NULLABLE (PUT:
 * every field optional). */
static void
cars_models_read(const struct bk_req *req, unsigned need,
    struct bk_car_model *m, struct bk_err *err)
{
	memset(m, 0, sizeof *m);
	bk_body_object(req, err);
	bk_body_str(req, "model", need | BK_TRIM, 1, 100, &m->model, err);
	bk_body_int(req, "manufacturer_id", need | BK_GT, 0, INT_MAX,
	    &m->manufacturer_id, NULL, err);
	bk_body_int(req, "fuel_type_id", need | BK_GT, 0, INT_MAX,
	    &m->fuel_type_id, NULL, err);
	bk_body_int(req, "car_class_id", need | BK_GT, 0, INT_MAX,
	    &m->car_class_id, NULL, err);
	bk_body_int(req, "year", need, 1900, cars_max_year(), &m->year, NULL,
	    err);
	bk_body_str(req, "img", need | BK_TRIM, 1, 255, &m->img, err);
}

/* GET /api/v1/car/models: q over model; manufacturer_id, fuel_type_id and
 * car_class_id filters. */
int
bk_cars_models_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_car_model_filter	 f = { 0 };
	struct bk_page			 pg;
	const char			*json;
	long				 total;

	bk_page_parse(req, cars_models_sorts, "id", &pg, &res->err);
	bk_query_int(req, "manufacturer_id", 1, INT_MAX, &f.manufacturer_id,
	    NULL, &res->err);
	bk_query_int(req, "fuel_type_id", 1, INT_MAX, &f.fuel_type_id, NULL,
	    &res->err);
	bk_query_int(req, "car_class_id", 1, INT_MAX, &f.car_class_id, NULL,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_cars_models_list(db, req->arena, &pg, &f, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/car/models */
int
bk_cars_models_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_car_model	 m;
	const char		*json, *id;

	cars_models_read(req, BK_REQUIRED, &m, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_cars_models_create(db, req->arena, &m, &json, &id,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "cars", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/car/models/{model_id} */
int
bk_cars_models_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "model_id");
	struct bk_car_model	 m;
	const char		*json;

	cars_models_read(req, BK_NULLABLE, &m, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_cars_models_update(db, req->arena, id->ival, &m, &json,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "cars", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/car/models/{model_id}: soft; customer cars keep it. */
int
bk_cars_models_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "model_id");
	cJSON			*o;

	if (bk_db_cars_models_delete(db, req->arena, id->ival,
	    &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "cars", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Car deleted successfully.");
	return bk_reply(res, 200, o);
}

/*
 * SPEC §8.6: the display form (trimmed, upper-cased) keeps its spaces and
 * hyphens; without them it must be [A-Z0-9]{4,}, and that stripped form
 * is the uniqueness key *norm.
 */
static int
cars_parse_reg(const struct bk_req *req, const char *reg, const char **norm,
    struct bk_err *err)
{
	char		*key, *o;
	const char	*p;

	key = o = bk_arena_alloc(req->arena, strlen(reg) + 1);
	for (p = reg; *p != '\0'; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p))
			return bk_err_value(err, req->arena, "reg_number",
			    "Registration number can only contain letters "
			    "and numbers");
		*o++ = *p;
	}
	*o = '\0';
	if (o - key < 4)
		return bk_err_value(err, req->arena, "reg_number",
		    "Registration number must be at least 4 characters long");
	*norm = key;
	return 0;
}

/* Read a customer car body (need as for models). */
static void
cars_read(const struct bk_req *req, unsigned need,
    struct bk_customer_car *c, struct bk_err *err)
{
	memset(c, 0, sizeof *c);
	bk_body_object(req, err);
	if (bk_body_str(req, "reg_number", need | BK_TRIM | BK_UPPER, 1, 20,
	    &c->reg_number, err) == 0 && c->reg_number != NULL)
		cars_parse_reg(req, c->reg_number, &c->reg_norm, err);
	bk_body_int(req, "car_model_id", need | BK_GT, 0, INT_MAX,
	    &c->car_model_id, NULL, err);
}

/* The owner of a new car: a customer's own id (naming another is 403),
 * or the customer_id an admin must give. NULL: not allowed. */
static const char *
cars_owner(const struct bk_req *req, const char *customer_id)
{
	if (req->auth.role == PROTO_ROLE_CUSTOMER)
		return customer_id == NULL ||
		    strcmp(customer_id, req->auth.user_id) == 0 ?
		    req->auth.user_id : NULL;
	if (req->auth.role == PROTO_ROLE_ADMIN)
		return customer_id;
	return NULL;
}

/* Admins' changes to customers' data go to the audit log. */
static int
cars_audit(struct bk_db *db, const struct bk_req *req, const char *action,
    const char *id, struct bk_err *err)
{
	if (req->auth.role != PROTO_ROLE_ADMIN)
		return 0;
	return bk_db_audit(db, req, action, "customer_cars", id, err);
}

/* GET /api/v1/car/: q over the registration (either form). */
int
bk_cars_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const char	*customer_id, *json;
	struct bk_page	 pg;
	long		 total;

	customer_id = bk_req_query(req, "customer_id");
	if (bk_page_parse(req, cars_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (customer_id != NULL && *customer_id == '\0')
		customer_id = NULL;
	if (customer_id != NULL && req->auth.role == PROTO_ROLE_CUSTOMER &&
	    strcmp(customer_id, req->auth.user_id) != 0)
		return bk_fail(res, 403, cars_other_customer);
	if (bk_db_cars_list(db, req->arena, &req->auth, customer_id, &pg,
	    &json, &total, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/car/ */
int
bk_cars_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_customer_car	 c;
	const char		*customer_id = NULL, *json, *id;

	cars_read(req, BK_REQUIRED, &c, &res->err);
	bk_body_str(req, "customer_id", BK_TRIM | BK_NULLABLE, 1, 16,
	    &customer_id, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	c.customer_id = cars_owner(req, customer_id);
	if (c.customer_id == NULL)
		return bk_fail(res, 403, customer_id != NULL ?
		    cars_other_customer : "Operation not permitted.");
	if (bk_db_cars_create(db, req->arena, &c, &json, &id,
	    &res->err) != 0 ||
	    cars_audit(db, req, "create", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/car/{car_id} */
int
bk_cars_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "car_id");
	const char		*json;

	if (bk_db_cars_get(db, req->arena, &req->auth, id->ival, &json,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/car/{car_id}: a new model needs the car to have no open
 * booking; bookings keep their registration snapshot. */
int
bk_cars_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "car_id");
	struct bk_customer_car	 c;
	const char		*json;

	cars_read(req, BK_NULLABLE, &c, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_cars_update(db, req->arena, &req->auth, id->ival, &c,
	    &json, &res->err) != 0 ||
	    cars_audit(db, req, "update", id->value, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/car/{car_id}: soft; refused while a booking is open. */
int
bk_cars_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "car_id");
	cJSON			*o;

	if (bk_db_cars_delete(db, req->arena, &req->auth, id->ival,
	    &res->err) != 0 ||
	    cars_audit(db, req, "delete", id->value, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Car deleted successfully.");
	return bk_reply(res, 200, o);
}
