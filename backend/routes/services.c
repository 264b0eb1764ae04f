/* PLACEHOLDER: routes/services.c is being written; every handler answers 501
 * until it lands. Remove this file's placeholders before committing. */
#include "routes/routes.h"

int
bk_services_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_services_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_services_categorized(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_services_recommend(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_services_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_services_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_services_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}
