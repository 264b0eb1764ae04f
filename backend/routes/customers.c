/* Customers: registration (public, throttled per IP; desk registration by
 * admins), profiles visible by role, soft deletion, and the customer's
 * cart and favourites (SPEC §8.3, §2.8, §3.3). */
#include <stdlib.h>
#include <string.h>

#include "db/auth.h"
#include "db/customers.h"
#include "db/users.h"
#include "password.h"
#include "role.h"
#include "routes/routes.h"
#include "validate.h"

#define REG_LIMIT	10	/* registrations per IP per hour (§2.8) */
#define REG_WINDOW_S	3600

static const char *not_yours =
    "Operation not permitted. Trying to access data of other customers.";

static const char *const customers_sorts[] = { "id", "name", "email",
    "phone", NULL };
static const char *const saved_sorts[] = { "created_at", "title",
    "service_id", NULL };

/* What each saved list says, by kind. */
static const struct {
	const char	*add_forbidden, *remove_forbidden;
	const char	*added, *removed, *duplicate, *absent;
} saved_text[] = {
	[BK_SAVED_CART] = {
		"Operation not permitted. Only Customers can add services to "
		    "cart",
		"Operation not permitted. Only Customers can remove services "
		    "from cart",
		"Service added to cart successfully.",
		"Service removed from cart successfully.",
		"Service already added to cart.",
		"Service not in cart.",
	},
	[BK_SAVED_FAVOURITE] = {
		"Operation not permitted. Only Customers can add services to "
		    "favourite",
		"Operation not permitted. Only Customers can remove services "
		    "from favourite",
		"Service added to favourite successfully.",
		"Service removed from favourite successfully.",
		"Service already added to favourite.",
		"Service not in favourite.",
	},
};

static struct bk_db_viewer
customers_viewer(const struct bk_req *req)
{
	struct bk_db_viewer	v = { req->auth.role, req->auth.user_id };

	return v;
}

/* A customer may name only himself; the SQL enforces it again. */
static bool
customers_is_other(const struct bk_req *req, const char *id)
{
	return req->auth.role == PROTO_ROLE_CUSTOMER &&
	    strcmp(id, req->auth.user_id) != 0;
}

/*
 * Count an anonymous registration against its IP (SPEC §2.8): 429 once
 * the IP has used its hour's allowance. The count is kept even if the
 * registration then fails, so failures cannot probe phones for free.
 */
static int
customers_throttle(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*key;
	long		 retry;

	key = bk_arena_printf(req->arena, "reg-ip:%s", req->client_ip);
	if (bk_db_throttle_check(db, key, &retry, &res->err) != 0)
		return -1;
	if (retry > 0) {
		bk_fail(res, 429, "Too many requests. Try again later.");
		res->err.retry_after = (int)retry;
		return -1;
	}
	if (bk_db_throttle_fail(db, key, REG_LIMIT, REG_WINDOW_S,
	    REG_WINDOW_S, REG_WINDOW_S, &res->err) != 0)
		return -1;
	/* only the one-statement insert follows: nothing half-done commits */
	res->commit_anyway = true;
	return 0;
}

/* 400 if the phone (any role) or the e-mail (customers) is taken. */
static int
customers_check_unique(struct bk_db *db, const char *phone,
    const char *email, struct bk_err *err)
{
	bool	taken;

	if (bk_db_users_phone_taken(db, phone, &taken, err) != 0)
		return -1;
	if (taken)
		return bk_err_set(err, 400,
		    "User with this phone number already exists.");
	if (bk_db_customers_email_taken(db, email, NULL, &taken, err) != 0)
		return -1;
	if (taken)
		return bk_err_set(err, 400,
		    "User with this email already exists.");
	return 0;
}

/* POST /api/v1/customers/: {name, phone, email, password}. */
int
bk_customers_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*name = NULL, *phone = NULL, *email = NULL, *pw = NULL;
	const char	*json, *id;
	char		*hash;
	int		 rc;

	if (!req->auth.present) {
		if (customers_throttle(req, db, res) != 0)
			return bk_fail_err(res);
	} else if (!proto_scopes_has(&req->auth.scopes,
	    PROTO_SCOPE_WRITE_CUSTOMERS))
		return bk_fail(res, 403, "Insufficient permissions.");
	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_REQUIRED | BK_TRIM, 1, 100, &name,
	    &res->err);
	bk_body_phone(req, "phone", BK_REQUIRED, &phone, &res->err);
	bk_body_email(req, "email", BK_REQUIRED, &email, &res->err);
	bk_body_password(req, "password", BK_REQUIRED, &pw, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (customers_check_unique(db, phone, email, &res->err) != 0)
		return bk_fail_err(res);
	hash = bk_password_hash(pw);
	if (hash == NULL)
		return bk_fail(res, 500, NULL);
	rc = bk_db_customers_create(db, req->arena, name, phone, email, hash,
	    &json, &id, &res->err);
	free(hash);
	if (rc != 0 || (req->auth.present &&
	    bk_db_audit(db, req, "create", "customers", id, &res->err) != 0))
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/customers/[?customer_id=]: q over name, phone, email. */
int
bk_customers_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_db_viewer	 v = customers_viewer(req);
	struct bk_page		 pg;
	const char		*who, *json;
	long			 total;

	who = bk_req_query(req, "customer_id");
	if (who != NULL && *who == '\0')
		who = NULL;
	if (bk_page_parse(req, customers_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (who != NULL && customers_is_other(req, who))
		return bk_fail(res, 403, not_yours);
	if (bk_db_customers_list(db, req->arena, &pg, &v, who, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/customers/{customer_id}: {name?, email?}. */
int
bk_customers_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_db_viewer	 v = customers_viewer(req);
	const char		*id = bk_req_param(req, "customer_id")->value;
	const char		*name = NULL, *email = NULL, *json;

	bk_body_object(req, &res->err);
	bk_body_str(req, "name", BK_TRIM | BK_NULLABLE, 1, 100, &name,
	    &res->err);
	bk_body_email(req, "email", BK_NULLABLE, &email, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (customers_is_other(req, id))
		return bk_fail(res, 403, not_yours);
	if (bk_db_customers_update(db, req->arena, &v, id, name, email, &json,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (req->auth.role == PROTO_ROLE_ADMIN &&
	    bk_db_audit(db, req, "update", "customers", id, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/customers/{customer_id}: soft delete with everything the
 * customer owns; refused while a booking is open. */
int
bk_customers_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_db_viewer	 v = customers_viewer(req);
	const char		*id = bk_req_param(req, "customer_id")->value;
	bool			 found;
	cJSON			*o;

	if (customers_is_other(req, id))
		return bk_fail(res, 403, not_yours);
	if (bk_db_customers_lock(db, &v, id, &res->err) != 0 ||
	    bk_db_auth_end_sessions(db, id, "account deleted", &found,
	    &res->err) != 0 ||
	    bk_db_customers_delete(db, id, &res->err) != 0)
		return bk_fail_err(res);
	if (req->auth.role == PROTO_ROLE_ADMIN &&
	    bk_db_audit(db, req, "delete", "customers", id, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Customer deleted successfully.");
	return bk_reply(res, 200, o);
}

static int
saved_add(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    enum bk_saved_kind kind)
{
	long	sid = bk_req_param(req, "service_id")->ival;
	bool	found, added;
	cJSON	*o;

	if (req->auth.role != PROTO_ROLE_CUSTOMER)
		return bk_fail(res, 403, saved_text[kind].add_forbidden);
	if (bk_db_customers_saved_add(db, kind, req->auth.user_id, sid, &found,
	    &added, &res->err) != 0)
		return bk_fail_err(res);
	if (!found)
		return bk_fail(res, 404, "Service not found.");
	if (!added)
		return bk_fail(res, 400, saved_text[kind].duplicate);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", saved_text[kind].added);
	return bk_reply(res, 200, o);
}

static int
saved_remove(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    enum bk_saved_kind kind)
{
	long	sid = bk_req_param(req, "service_id")->ival;
	bool	removed;
	cJSON	*o;

	if (req->auth.role != PROTO_ROLE_CUSTOMER)
		return bk_fail(res, 403, saved_text[kind].remove_forbidden);
	if (bk_db_customers_saved_remove(db, kind, req->auth.user_id, sid,
	    &removed, &res->err) != 0)
		return bk_fail_err(res);
	if (!removed)
		return bk_fail(res, 400, saved_text[kind].absent);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "message", saved_text[kind].removed);
	return bk_reply(res, 200, o);
}

/* q over the service title; newest last unless sorted otherwise. */
static int
saved_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res,
    enum bk_saved_kind kind)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (req->auth.role != PROTO_ROLE_CUSTOMER)
		return bk_fail(res, 403, "Operation not permitted.");
	if (bk_page_parse(req, saved_sorts, "created_at", &pg,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_customers_saved_list(db, req->arena, kind, req->auth.user_id,
	    &pg, &json, &total, &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/customers/cart */
int
bk_customers_cart_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return saved_list(req, db, res, BK_SAVED_CART);
}

/* POST /api/v1/customers/cart/{service_id} */
int
bk_customers_cart_add(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return saved_add(req, db, res, BK_SAVED_CART);
}

/* DELETE /api/v1/customers/cart/{service_id} */
int
bk_customers_cart_remove(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return saved_remove(req, db, res, BK_SAVED_CART);
}

/* GET /api/v1/customers/favourite */
int
bk_customers_favourite_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return saved_list(req, db, res, BK_SAVED_FAVOURITE);
}

/* POST /api/v1/customers/favourite/{service_id} */
int
bk_customers_favourite_add(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return saved_add(req, db, res, BK_SAVED_FAVOURITE);
}

/* DELETE /api/v1/customers/favourite/{service_id} */
int
bk_customers_favourite_remove(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	return saved_remove(req, db, res, BK_SAVED_FAVOURITE);
}
