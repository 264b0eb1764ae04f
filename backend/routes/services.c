/* Services (SPEC §8.8): the public catalogue (list, one service, grouped
 * by category, keyword recommendation of §8.8.1) and the admin's create,
 * update and soft delete with the price chart and fuel types. */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "db/auth.h"
#include "db/services.h"
#include "recommend.h"
#include "routes/routes.h"
#include "validate.h"

/* numeric(12,2) in paise, and numeric(5,2) hours in hundredths */
#define SERVICES_PRICE_MAX	999999999999LL
#define SERVICES_HOURS_MAX	99999

static const char *const services_sorts[] = {
	"id", "title", "time_hrs", "difficulty", "created_at", NULL
};
static const char *const services_category_sorts[] = { "id", "name", NULL };

static int
services_words(const char *s)
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

/* Move the 422 items from `from` on under body.price_chart.<i>. */
static void
services_reloc(struct bk_arena *a, struct bk_err *err, int from, int i)
{
	struct bk_err_item	*it;

	for (; from < err->nitems; from++) {
		it = &err->items[from];
		it->loc[3] = it->nloc > 1 ? it->loc[1] : NULL;
		it->loc[0] = "body";
		it->loc[1] = "price_chart";
		it->loc[2] = bk_arena_printf(a, "%d", i);
		it->nloc = it->loc[3] != NULL ? 4 : 3;
	}
}

/* price_chart: [{car_class_id > 0, price >= 0}], classes distinct. */
static void
services_read_prices(const struct bk_req *req, unsigned flags,
    struct bk_service_input *in, struct bk_err *err)
{
	struct bk_req	 sub = *req;
	const cJSON	*v = NULL, *it;
	int		 i = 0, j, n, before;

	if (cJSON_IsObject(req->json))
		v = cJSON_GetObjectItemCaseSensitive(req->json, "price_chart");
	if (v == NULL || (cJSON_IsNull(v) && !(flags & BK_REQUIRED))) {
		if (flags & BK_REQUIRED)
			bk_err_422(err, "missing", "Field required",
			    req->json != NULL ? cJSON_Duplicate(req->json, 1) :
			    cJSON_CreateObject(), "body", "price_chart", NULL);
		return;
	}
	if (!cJSON_IsArray(v)) {
		bk_err_422(err, "list_type", "Input should be a valid list",
		    cJSON_Duplicate(v, 1), "body", "price_chart", NULL);
		return;
	}
	n = cJSON_GetArraySize(v);
	in->class_ids = bk_arena_alloc(req->arena, sizeof(long) * (n + 1));
	in->prices = bk_arena_alloc(req->arena, sizeof(int64_t) * (n + 1));
	before = err->nitems;
	cJSON_ArrayForEach(it, v) {
		j = err->nitems;
		if (!cJSON_IsObject(it))
			bk_err_422(err, "dict_type", "Input should be a valid "
			    "dictionary", cJSON_Duplicate(it, 1), "body", NULL);
		else {
			sub.json = (cJSON *)it;
			bk_body_int(&sub, "car_class_id", BK_REQUIRED | BK_GT,
			    0, INT_MAX, &in->class_ids[i], NULL, err);
			bk_body_decimal(&sub, "price", BK_REQUIRED, 0,
			    SERVICES_PRICE_MAX, &in->prices[i], NULL, err);
		}
		services_reloc(req->arena, err, j, i);
		i++;
	}
	if (err->nitems > before)
		return;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (in->class_ids[i] == in->class_ids[j]) {
				bk_err_value(err, req->arena, "price_chart",
				    "Duplicate car_class_id in price_chart");
				return;
			}
	in->nprices = n;
	in->has_prices = true;
}

/* A ServiceCreate (every field but symptoms required) or ServiceUpdate
 * (all optional, null = not given). */
static void
services_read(const struct bk_req *req, bool create,
    struct bk_service_input *in, struct bk_err *err)
{
	unsigned	f = create ? BK_REQUIRED : BK_NULLABLE;

	memset(in, 0, sizeof *in);
	bk_body_object(req, err);
	bk_body_str(req, "title", f | BK_TRIM, 3, 200, &in->title, err);
	if (bk_body_str(req, "description", f | BK_TRIM, 1, 1000,
	    &in->description, err) == 0 && in->description != NULL &&
	    services_words(in->description) < 3)
		bk_err_value(err, req->arena, "description",
		    "Description must contain at least 3 words");
	if (bk_body_str_list(req, "works", f | BK_TRIM, 0, 0, 0, &in->works,
	    &in->nworks, &in->has_works, err) == 0 && in->has_works &&
	    in->nworks == 0)
		bk_err_value(err, req->arena, "works",
		    "At least one work item is required");
	bk_body_int(req, "warranty_kms", f, 0, INT_MAX, &in->warranty_kms,
	    &in->has_warranty_kms, err);
	bk_body_int(req, "warranty_months", f, 0, INT_MAX,
	    &in->warranty_months, &in->has_warranty_months, err);
	bk_body_decimal(req, "time_hrs", f | BK_GT, 0, SERVICES_HOURS_MAX,
	    &in->time_hrs, &in->has_time_hrs, err);
	bk_body_int(req, "difficulty", f, 1, 5, &in->difficulty,
	    &in->has_difficulty, err);
	bk_body_str_list(req, "images", f | BK_TRIM, 0, 0, 5, &in->images,
	    &in->nimages, &in->has_images, err);
	bk_body_int(req, "category_id", f | BK_GT, 0, INT_MAX,
	    &in->category_id, NULL, err);
	services_read_prices(req, f, in, err);
	bk_body_int_list(req, "fuel_type_ids", f | BK_GT, 0, INT_MAX, 0,
	    &in->fuel_ids, &in->nfuels, &in->has_fuels, err);
	bk_body_str_list(req, "symptoms", BK_TRIM | BK_NULLABLE, 2, 100, 15,
	    &in->symptoms, &in->nsymptoms, &in->has_symptoms, err);
}

/* GET /api/v1/services/: category_id (0 = all), q over title and
 * description, fuel_type_id, car_class_id (priced for that class). */
int
bk_services_list(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_service_filter	 f = { 0, 0, 0 };
	struct bk_page			 pg;
	const char			*json;
	long				 total;

	bk_page_parse(req, services_sorts, "id", &pg, &res->err);
	bk_query_int(req, "category_id", 0, INT_MAX, &f.category_id, NULL,
	    &res->err);
	bk_query_int(req, "fuel_type_id", 1, INT_MAX, &f.fuel_type_id, NULL,
	    &res->err);
	bk_query_int(req, "car_class_id", 1, INT_MAX, &f.car_class_id, NULL,
	    &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_services_list(db, req->arena, &f, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* GET /api/v1/services/{service_id} */
int
bk_services_get(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "service_id");
	const char		*json;

	if (bk_db_services_get(db, req->arena, id->ival, &json,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* POST /api/v1/services/: ServiceCreate → ServiceResponse. */
int
bk_services_create(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_service_input	 in;
	const char		*json;
	long			 id = 0;

	services_read(req, true, &in, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_services_refs_check(db, &in, &res->err) != 0 ||
	    bk_db_services_create(db, &in, &id, &res->err) != 0 ||
	    bk_db_audit(db, req, "create", "services", bk_arena_printf(
	    req->arena, "%ld", id), &res->err) != 0 ||
	    bk_db_services_get(db, req->arena, id, &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* PUT /api/v1/services/{service_id}: given price chart and fuel types
 * replace the sets; booking lines keep the prices they were made at. */
int
bk_services_update(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "service_id");
	struct bk_service_input	 in;
	const char		*json;

	services_read(req, false, &in, &res->err);
	if (res->err.nitems > 0)
		return bk_fail_err(res);
	if (bk_db_services_refs_check(db, &in, &res->err) != 0 ||
	    bk_db_services_update(db, id->ival, &in, &res->err) != 0 ||
	    bk_db_audit(db, req, "update", "services", id->value,
	    &res->err) != 0 ||
	    bk_db_services_get(db, req->arena, id->ival, &json,
	    &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}

/* DELETE /api/v1/services/{service_id}: soft; carts and favourites lose
 * it, booking lines and reviews keep it. */
int
bk_services_delete(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "service_id");
	cJSON			*o;

	if (bk_db_services_delete(db, id->ival, &res->err) != 0 ||
	    bk_db_audit(db, req, "delete", "services", id->value,
	    &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", "Service deleted successfully.");
	return bk_reply(res, 200, o);
}

/* GET /api/v1/services/categorized: categories with live services only;
 * paged over categories, q over the category name. */
int
bk_services_categorized(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_page	 pg;
	const char	*json;
	long		 total;

	if (bk_page_parse(req, services_category_sorts, "id", &pg,
	    &res->err) != 0)
		return bk_fail_err(res);
	if (bk_db_services_categorized(db, req->arena, &pg, &json, &total,
	    &res->err) != 0)
		return bk_fail_err(res);
	bk_res_total(res, total);
	return bk_reply_text(res, 200, json);
}

/* The recommend query: a string of 2..200 characters. */
static int
services_query_text(const struct bk_req *req, const char **out,
    struct bk_err *err)
{
	const char	*s = bk_req_query(req, "query"), *c;
	long		 n = 0;
	cJSON		*ctx;

	if (s == NULL)
		return bk_err_422(err, "missing", "Field required",
		    cJSON_CreateNull(), "query", "query", NULL);
	for (c = s; *c != '\0'; c++)
		if ((*c & 0xc0) != 0x80)
			n++;
	if (n >= 2 && n <= 200) {
		*out = s;
		return 0;
	}
	ctx = cJSON_CreateObject();
	cJSON_AddNumberToObject(ctx, n < 2 ? "min_length" : "max_length",
	    n < 2 ? 2 : 200);
	bk_err_422(err, n < 2 ? "string_too_short" : "string_too_long",
	    n < 2 ? "String should have at least 2 characters" :
	    "String should have at most 200 characters", cJSON_CreateString(s),
	    "query", "query", NULL);
	bk_err_ctx(err, ctx);
	return -1;
}

/* GET /api/v1/services/recommend?query=…: up to 5 ServicePages with a
 * score, by the keyword rules of §8.8.1 (recommend.c). */
int
bk_services_recommend(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	struct bk_recommend_hit		 hits[BK_RECOMMEND_TOP];
	struct bk_recommend_service	*svc;
	struct bk_recommend_set		 probe = { 0 };
	const char			*query = NULL, *json = "[]";
	int				 nsvc, n;

	if (services_query_text(req, &query, &res->err) != 0)
		return bk_fail_err(res);
	bk_recommend_tokenize(req->arena, query, &probe);
	if (probe.n == 0)
		return bk_reply_text(res, 200, json);
	if (bk_db_services_corpus(db, req->arena, &svc, &nsvc,
	    &res->err) != 0)
		return bk_fail_err(res);
	n = bk_recommend_rank(req->arena, query, svc, nsvc, hits,
	    BK_RECOMMEND_TOP);
	if (n > 0 && bk_db_services_scored_pages(db, req->arena, hits, n,
	    &json, &res->err) != 0)
		return bk_fail_err(res);
	return bk_reply_text(res, 200, json);
}
