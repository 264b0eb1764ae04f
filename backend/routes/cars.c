/* PLACEHOLDER: routes/cars.c is being written; every handler answers 501
 * until it lands. Remove this file's placeholders before committing. */
#include "routes/routes.h"

int
bk_cars_models_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_models_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_models_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_models_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_cars_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}
