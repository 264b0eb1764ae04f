/* PLACEHOLDER: routes/media.c is being written; every handler answers 501
 * until it lands. Remove this file's placeholders before committing. */
#include "routes/routes.h"

int
bk_media_upload(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}

int
bk_media_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	return bk_fail(res, 501, "Not Implemented");
}
