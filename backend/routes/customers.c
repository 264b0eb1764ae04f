/* PLACEHOLDER: routes/customers.c is being written; every handler answers 501
 * until it lands. Remove this file's placeholders before committing. */
#include "routes/routes.h"

int
bk_customers_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_cart_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_cart_add(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_cart_remove(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_favourite_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_favourite_add(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_customers_favourite_remove(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}
