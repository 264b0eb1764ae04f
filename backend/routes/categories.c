/* Service categories (SPEC §8.8): the public list and the admin's create,
 * update and soft delete, refused while live services belong to one. */
#include <ctype.h>
#include <stdbool.h>

#include "db/auth.h"
#include "db/categories.h"
#include "routes/routes.h"
#include "validate.h"

static const char *const categories_sorts[] = { "id", "name", NULL };

/* Words separated by white space. */
static int
categories_words(const char *s)
{
	int	n = 0;
	bool	in = false;

	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s))
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

/* Read name, description and image; required for a create. */
static void
categories_read(const struct bk_req *req, unsigned req_flag,
    const char **name, const char **desc, const char **image,
    struct bk_err *err)
{
	unsigned	f = req_flag | BK_TRIM | (req_flag ? 0 : BK_NULLABLE);

	bk_body_object(req, err);
	bk_body_str(req, "name", f, 2, 100, name, err);
	if (bk_body_str(req, "description", f, 1, 100, desc, err) == 0 &&
	    *desc != NULL && categories_words(*desc) < 2)
		bk_err_value(err, req->arena, "description",
		    "Description must contain at least 2 words");
	bk_body_str(req, "image", f, 2, 0, image, err);
}

/* GET /api/v1/services/category: q over name and description. */
int
bk_categories_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, categories_sorts, "id", &pg, &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_categories_list(db, req->arena, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/services/category */
int
bk_categories_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*name = NULL, *desc = NULL, *image = NULL, *json, *id;

	categories_read(req, BK_REQUIRED, &name, &desc, &image, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_categories_create(db, req->arena, name, desc, image, &json,
	    &id, &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "service_categories", id,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/services/category/{category_id}: no key required. */
int
bk_categories_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "category_id");
	const char		*name = NULL, *desc = NULL, *image = NULL;
	const char		*json;

	categories_read(req, 0, &name, &desc, &image, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_categories_update(db, req->arena, id->ival, name, desc,
	    image, &json, &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "service_categories", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/services/category/{category_id} */
int
bk_categories_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "category_id");
	cJSON			*o;

	if (bk_db_categories_delete(db, id->ival, &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "service_categories", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail",
	    "ServiceCategory deleted successfully.");
	return bk_reply(res, 200, o);
}
