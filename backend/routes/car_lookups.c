/* PLACEHOLDER: routes/car_lookups.c is being written; every handler answers 501
 * until it lands. Remove this file's placeholders before committing. */
#include "routes/routes.h"

int
bk_car_lookups_class_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_class_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_class_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_class_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_fuel_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_fuel_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_fuel_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_fuel_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_manufacturer_list(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_manufacturer_create(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_manufacturer_update(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_car_lookups_manufacturer_delete(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}
