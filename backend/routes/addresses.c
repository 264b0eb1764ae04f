/* Addresses (SPEC §8.7): customers keep their own pickup and drop
 * addresses, admins may add and change them for a customer, mechanics see
 * those of their bookings (the rule lives in db/addresses.c's
 * statements). Deletes are soft and refused while an open booking uses the
 * address. Areas are in routes/areas.c. */
#include <limits.h>
#include <string.h>

#include "db/addresses.h"
#include "db/auth.h"
#include "role.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const addresses_sorts[] = { "id", "label", "created_at",
	NULL };

static const char *const addresses_other_customer = "Operation not "
    "permitted. Trying to access addresses of other customers.";

/*
 * Read an address body. POST: line1 and area_id required, a blank label
 * or line2 is no label / line2. PUT: every field optional; a blank label
 * is 422, label or line2 null (or a blank line2) clears it.
 */
static void
addresses_read(const struct bk_req *req, bool put, struct bk_address *a,
    struct bk_err *err)
{
	unsigned	 need = put ? BK_NULLABLE : BK_REQUIRED;
	const cJSON	*label = NULL;

	memset(a, 0, sizeof *a);
	bk_body_object(req, err);
	if (cJSON_IsObject(req->json))
		label = cJSON_GetObjectItemCaseSensitive(req->json, "label");
	if (bk_body_str(req, "label", BK_TRIM | BK_NULLABLE | BK_BLANK_NULL,
	    2, 50, &a->label, err) == 0 && put && cJSON_IsString(label) &&
	    a->label == NULL)
		bk_err_value(err, req->arena, "label",
		    "Address label cannot be empty or only whitespace");
	a->label_set = put && label != NULL;
	bk_body_str(req, "line1", need | BK_TRIM, 3, 200, &a->line1, err);
	bk_body_str(req, "line2", BK_TRIM | BK_NULLABLE | BK_BLANK_NULL, 0, 200,
	    &a->line2, err);
	a->line2_set = put && bk_body_has(req, "line2");
	bk_body_int(req, "area_id", need | BK_GT, 0, INT_MAX, &a->area_id,
	    NULL, err);
}

/* The owner of a new address: a customer's own id (naming another is
 * 403), or the customer_id an admin must give. NULL: not allowed. */
static const char *
addresses_owner(const struct bk_req *req, const char *customer_id)
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
addresses_audit(struct bk_db *db, const struct bk_req *req,
    const char *action, const char *id, struct bk_err *err)
{
	if (req->auth.role != PROTO_ROLE_ADMIN)
		return 0;
	return bk_db_audit(db, req, action, "addresses", id, err);
}

/* GET /api/v1/address/: q over label, lines, area name and pincode. */
int
bk_addresses_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*customer_id, *json;
	struct bk_page	 pg;
	long		 total;

	customer_id = bk_req_query(req, "customer_id");
	if (bk_page_parse(req, addresses_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (customer_id != NULL && *customer_id == '\0')
		customer_id = NULL;
	if (customer_id != NULL && req->auth.role == PROTO_ROLE_CUSTOMER &&
	    strcmp(customer_id, req->auth.user_id) != 0)
		return bk_fail(res, 403, addresses_other_customer);
	if (bk_db_addresses_list(db, req->arena, &req->auth, customer_id, &pg,
	    &json, &total, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/address/ */
int
bk_addresses_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_address	 a;
	const char		*customer_id = NULL, *json, *id;

	addresses_read(req, false, &a, &res->err);
	bk_body_str(req, "customer_id", BK_TRIM | BK_NULLABLE, 1, 16,
	    &customer_id, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	a.customer_id = addresses_owner(req, customer_id);
	if (a.customer_id == NULL)
		return bk_fail(res, 403, customer_id != NULL ?
		    addresses_other_customer : "Operation not permitted. "
		    "Only Customers can add addresses");
	if (bk_db_addresses_create(db, req->arena, &a, &json, &id,
	    &res->err) != 0 ||
	    addresses_audit(db, req, "create", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/address/{address_id}: 404 for everyone before 403. */
int
bk_addresses_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "address_id");
	struct bk_address	 a;
	const char		*json;

	addresses_read(req, true, &a, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_addresses_update(db, req->arena, &req->auth, id->ival, &a,
	    &json, &res->err) != 0 ||
	    addresses_audit(db, req, "update", id->value, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/address/{address_id}: soft. */
int
bk_addresses_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "address_id");
	cJSON			*o;

	if (bk_db_addresses_delete(db, req->arena, &req->auth, id->ival,
	    &res->err) != 0 ||
	    addresses_audit(db, req, "delete", id->value, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Address deleted successfully.");
	return bk_reply(res, 200, o);
}
