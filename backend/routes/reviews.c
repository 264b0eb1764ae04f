/* Service reviews (SPEC §8.8): public lists showing the reviewer's name
 * only, reviews by customers who received the service, edits of one's own,
 * and deletion by the author or by an admin (moderation, audited). */
#include <limits.h>
#include <string.h>

#include "db/auth.h"
#include "db/media.h"
#include "db/reviews.h"
#include "db/services.h"
#include "role.h"
#include "routes/routes.h"
#include "validate.h"

#define REVIEW_MAX_IMAGES	5

static const char *const reviews_sorts[] = { "created_at", "rating", NULL };

/*
 * images: the §5.8 rules with 0..5 items. *lit is the PostgreSQL array
 * literal, or dflt when the field was not given.
 */
static void
reviews_read_images(const struct bk_req *req, struct bk_db *db,
    const char *dflt, const char **lit, struct bk_err *err)
{
	const char	**urls = NULL;
	int		  n = 0;
	bool		  has = false;

	*lit = dflt;
	if (bk_body_str_list(req, "images", BK_TRIM | BK_NULLABLE, 0, 0, 0,
	    &urls, &n, &has, err) != 0 || !has)
		return;
	if (bk_db_media_check_images(db, req->arena, "images", urls, &n, 0,
	    REVIEW_MAX_IMAGES, err) == 0)
		*lit = bk_db_text_array(req->arena, urls, n);
}

/* GET /api/v1/services/review/{service_id}: newest first; reviews of
 * deleted customers hidden; q over the text and the reviewer's name. */
int
bk_reviews_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "service_id");
	struct bk_page		 pg;
	const char		*json;
	long			 total;

	if (bk_page_parse(req, reviews_sorts, "-created_at", &pg,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_reviews_list(db, req->arena, id->ival, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/services/review: only for a service the customer has
 * received (delivered booking, service confirmed and completed). */
int
bk_reviews_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*review = NULL, *images = NULL, *json;
	long		 service_id = 0, rating = 0;

	bk_body_object(req, &res->err);
	bk_body_int(req, "service_id", BK_REQUIRED | BK_GT, 0, INT_MAX,
	    &service_id, NULL, &res->err);
	bk_body_int(req, "rating", BK_REQUIRED, 1, 5, &rating, NULL,
	    &res->err);
	bk_body_str(req, "review", BK_TRIM | BK_NULLABLE | BK_BLANK_NULL, 5,
	    1000, &review, &res->err);
	reviews_read_images(req, db, "{}", &images, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (req->auth.role != PROTO_ROLE_CUSTOMER)
		return bk_fail(res, 403,
		    "Operation not permitted. Only Customers can add reviews");
	if (bk_db_reviews_create(db, req->arena, req->auth.user_id,
	    service_id, rating, review, images, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/services/review/{service_id}: one's own review; a blank
 * review text is a 422 here (it cannot be cleared). */
int
bk_reviews_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "service_id");
	const char		*review = NULL, *images = NULL, *json;
	long			 rating = 0;

	bk_body_object(req, &res->err);
	bk_body_int(req, "rating", BK_NULLABLE, 1, 5, &rating, NULL,
	    &res->err);
	bk_body_str(req, "review", BK_TRIM | BK_NULLABLE, 5, 1000, &review,
	    &res->err);
	reviews_read_images(req, db, NULL, &images, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (req->auth.role != PROTO_ROLE_CUSTOMER)
		return bk_fail(res, 403, "Operation not permitted. Only "
		    "Customers can update reviews");
	if (bk_db_reviews_update(db, req->arena, req->auth.user_id, id->ival,
	    rating, review, images, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/services/review/{service_id}: customers their own;
 * admins any, naming the author in customer_id. */
int
bk_reviews_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "service_id");
	const char		*who = bk_req_query(req, "customer_id");
	bool			 admin = req->auth.role == PROTO_ROLE_ADMIN;
	cJSON			*o;

	if (admin && (who == NULL || *who == '\0')) {
		bk_err_422(&res->err, "missing", "Field required",
		    cJSON_CreateNull(), "query", "customer_id", NULL);
		return bk_fail_err(res);
	}
	if (!admin && who != NULL && *who != '\0' &&
	    strcmp(who, req->auth.user_id) != 0)
		return bk_fail(res, 403, "Operation not permitted.");
	if (bk_db_reviews_delete(db, admin ? who : req->auth.user_id,
	    id->ival, &res->err) != 0)
		return bk_fail_err(res);
	if (admin && bk_db_audit(db, req, "delete", "service_reviews",
	    bk_arena_printf(req->arena, "%ld:%s", id->ival, who),
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail",
	    "ServiceReview deleted successfully.");
	return bk_reply(res, 200, o);
}
