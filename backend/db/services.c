/* Services SQL. Every list is one statement however many services there
 * are: PostgreSQL builds the nested JSON (category, price chart, fuel
 * types, rating) with correlated subqueries. Arrays travel as PostgreSQL
 * array literals in text parameters. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db/conn.h"
#include "db/services.h"

/* Reviews of deleted customers are hidden (SPEC §8.8), so they do not
 * count in the rating either. */
#define SERVICE_RATING(expr) \
	"(SELECT " expr " FROM service_reviews v JOIN customers cu" \
	" ON cu.id = v.customer_id AND cu.deleted_at IS NULL" \
	" WHERE v.service_id = s.id)"

/* ServiceResponse of the row s. */
#define SERVICE_JSON "json_build_object('title', s.title, 'description'," \
	" s.description, 'works', to_json(s.works), 'warranty_kms'," \
	" s.warranty_kms, 'warranty_months', s.warranty_months, 'time_hrs'," \
	" revcare_money(s.time_hrs), 'difficulty', s.difficulty, 'images'," \
	" to_json(s.images), 'id', s.id," \
	" 'category', (SELECT json_build_object('name', c.name," \
	"  'description', c.description, 'image', c.image, 'id', c.id)" \
	"  FROM service_categories c WHERE c.id = s.category_id)," \
	" 'price_chart', (SELECT coalesce(json_agg(json_build_object(" \
	"  'car_class', json_build_object('class', k.class, 'id', k.id)," \
	"  'price', revcare_money(pc.price)) ORDER BY k.id), '[]')" \
	"  FROM price_chart pc JOIN car_classes k ON k.id = pc.car_class_id" \
	"  WHERE pc.service_id = s.id)," \
	" 'fuel_types', (SELECT coalesce(json_agg(json_build_object(" \
	"  'fuel_name', f.fuel_name, 'id', f.id) ORDER BY f.id), '[]')" \
	"  FROM service_fuel_types sf JOIN fuel_types f" \
	"  ON f.id = sf.fuel_type_id WHERE sf.service_id = s.id)," \
	" 'created_at', revcare_ts(s.created_at)," \
	" 'symptoms', to_json(s.symptoms)," \
	" 'rating_avg', " SERVICE_RATING("round(avg(v.rating), 1)") "," \
	" 'rating_count', " SERVICE_RATING("count(*)") ")"

/* The key/value pairs of a ServicePage of the row s. */
#define PAGE_FIELDS "'title', s.title, 'description', s.description," \
	" 'works', to_json(s.works), 'warranty_kms', s.warranty_kms," \
	" 'warranty_months', s.warranty_months," \
	" 'time_hrs', revcare_money(s.time_hrs), 'difficulty', s.difficulty," \
	" 'images', to_json(s.images), 'id', s.id," \
	" 'price_chart', (SELECT coalesce(json_object_agg(" \
	"  pc.car_class_id::text, revcare_rupees(pc.price)" \
	"  ORDER BY pc.car_class_id), '{}') FROM price_chart pc" \
	"  WHERE pc.service_id = s.id)," \
	" 'fuel_types', (SELECT coalesce(json_agg(sf.fuel_type_id" \
	"  ORDER BY sf.fuel_type_id), '[]') FROM service_fuel_types sf" \
	"  WHERE sf.service_id = s.id)"

static const char *sql_list =
    "WITH f AS (SELECT s.* FROM services s WHERE s.deleted_at IS NULL"
    "  AND ($1::int = 0 OR s.category_id = $1::int)"
    "  AND ($2::text IS NULL OR strpos(lower(s.title), $2) > 0"
    "   OR strpos(lower(s.description), $2) > 0)"
    "  AND ($3::int = 0 OR EXISTS (SELECT 1 FROM service_fuel_types sf"
    "   WHERE sf.service_id = s.id AND sf.fuel_type_id = $3::int))"
    "  AND ($4::int = 0 OR EXISTS (SELECT 1 FROM price_chart pc"
    "   WHERE pc.service_id = s.id AND pc.car_class_id = $4::int))),"
    " p AS (SELECT s.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $5 = 'title' THEN s.title END,"
    "  CASE WHEN $5 = '-title' THEN s.title END DESC,"
    "  CASE WHEN $5 = 'time_hrs' THEN s.time_hrs END,"
    "  CASE WHEN $5 = '-time_hrs' THEN s.time_hrs END DESC,"
    "  CASE WHEN $5 = 'difficulty' THEN s.difficulty END,"
    "  CASE WHEN $5 = '-difficulty' THEN s.difficulty END DESC,"
    "  CASE WHEN $5 = 'created_at' THEN s.created_at END,"
    "  CASE WHEN $5 = '-created_at' THEN s.created_at END DESC,"
    "  CASE WHEN $5 = '-id' THEN s.id END DESC, s.id) AS rn FROM f s)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" SERVICE_JSON " ORDER BY s.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $6 OFFSET $7) s), '[]')";

static const char *sql_get =
    "SELECT " SERVICE_JSON " FROM services s"
    " WHERE s.id = $1 AND s.deleted_at IS NULL";

static const char *sql_refs =
    "SELECT ($1::int IS NULL OR (SELECT count(*) FROM (SELECT 1"
    "   FROM service_categories WHERE id = $1::int AND deleted_at IS NULL"
    "   FOR SHARE) l) = 1)"
    " AND (SELECT count(*) FROM (SELECT 1 FROM car_classes"
    "   WHERE id = ANY ($2::int[]) AND deleted_at IS NULL FOR SHARE) l)"
    "  = (SELECT count(DISTINCT x) FROM unnest($2::int[]) x)"
    " AND (SELECT count(*) FROM (SELECT 1 FROM fuel_types"
    "   WHERE id = ANY ($3::int[]) AND deleted_at IS NULL FOR SHARE) l)"
    "  = (SELECT count(DISTINCT x) FROM unnest($3::int[]) x)";

static const char *sql_create =
    "WITH s AS (INSERT INTO services (title, description, category_id,"
    "  works, warranty_kms, warranty_months, time_hrs, difficulty, images,"
    "  symptoms) VALUES ($1, $2, $3, $4::text[], $5, $6, $7::numeric, $8,"
    "  $9::text[], $10::text[]) RETURNING id),"
    " p AS (INSERT INTO price_chart (service_id, car_class_id, price)"
    "  SELECT s.id, x.c, x.p FROM s, unnest($11::int[], $12::numeric[])"
    "  AS x(c, p)),"
    " f AS (INSERT INTO service_fuel_types (service_id, fuel_type_id)"
    "  SELECT DISTINCT s.id, x.f FROM s, unnest($13::int[]) AS x(f))"
    " SELECT id FROM s";

/*
 * A given price chart or fuel list replaces the set: rows outside the new
 * set are deleted and the new ones upserted. The two touch disjoint rows,
 * so they can share one statement.
 */
static const char *sql_update =
    "WITH s AS (UPDATE services SET title = coalesce($2, title),"
    "  description = coalesce($3, description),"
    "  category_id = coalesce($4::int, category_id),"
    "  works = coalesce($5::text[], works),"
    "  warranty_kms = coalesce($6::int, warranty_kms),"
    "  warranty_months = coalesce($7::int, warranty_months),"
    "  time_hrs = coalesce($8::numeric, time_hrs),"
    "  difficulty = coalesce($9::smallint, difficulty),"
    "  images = coalesce($10::text[], images),"
    "  symptoms = coalesce($11::text[], symptoms)"
    "  WHERE id = $1 AND deleted_at IS NULL RETURNING id),"
    " pd AS (DELETE FROM price_chart pc USING s WHERE $12::int[] IS NOT NULL"
    "  AND pc.service_id = s.id AND pc.car_class_id <> ALL ($12::int[])),"
    " pi AS (INSERT INTO price_chart AS pc (service_id, car_class_id, price)"
    "  SELECT s.id, x.c, x.p FROM s, unnest($12::int[], $13::numeric[])"
    "  AS x(c, p) ON CONFLICT (service_id, car_class_id) DO UPDATE"
    "  SET price = EXCLUDED.price WHERE pc.price <> EXCLUDED.price),"
    " fd AS (DELETE FROM service_fuel_types t USING s"
    "  WHERE $14::int[] IS NOT NULL AND t.service_id = s.id"
    "  AND t.fuel_type_id <> ALL ($14::int[])),"
    " fi AS (INSERT INTO service_fuel_types (service_id, fuel_type_id)"
    "  SELECT DISTINCT s.id, x.f FROM s, unnest($14::int[]) AS x(f)"
    "  ON CONFLICT DO NOTHING)"
    " SELECT id FROM s";

static const char *sql_delete =
    "WITH s AS (UPDATE services SET deleted_at = now()"
    "  WHERE id = $1 AND deleted_at IS NULL RETURNING id),"
    " c AS (DELETE FROM cart WHERE service_id IN (SELECT id FROM s)),"
    " f AS (DELETE FROM favourites WHERE service_id IN (SELECT id FROM s))"
    " SELECT count(*) FROM s";

static const char *sql_categorized =
    "WITH f AS (SELECT c.* FROM service_categories c"
    "  WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM services s"
    "   WHERE s.category_id = c.id AND s.deleted_at IS NULL)"
    "  AND ($1::text IS NULL OR strpos(lower(c.name), $1) > 0)),"
    " p AS (SELECT c.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN c.name END,"
    "  CASE WHEN $2 = '-name' THEN c.name END DESC,"
    "  CASE WHEN $2 = '-id' THEN c.id END DESC, c.id) AS rn FROM f c)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(json_build_object('id', c.id,"
    "   'category_name', c.name, 'services', (SELECT json_agg("
    "    json_build_object(" PAGE_FIELDS ") ORDER BY s.id)"
    "    FROM services s WHERE s.category_id = c.id"
    "    AND s.deleted_at IS NULL)) ORDER BY c.rn)"
    "   FROM (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) c), '[]')";

static const char *sql_corpus =
    "SELECT s.id, s.title, s.description, c.name, to_json(s.works),"
    " to_json(s.symptoms) FROM services s"
    " JOIN service_categories c ON c.id = s.category_id"
    " WHERE s.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY s.id";

static const char *sql_scored =
    "SELECT coalesce(json_agg(json_build_object(" PAGE_FIELDS ","
    " 'score', h.score::json) ORDER BY h.ord), '[]')"
    " FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS h(id, score, ord)"
    " JOIN services s ON s.id = h.id";

char *
bk_db_text_array(struct bk_arena *a, const char *const *s, int n)
{
	size_t		 len = 3;
	const char	*c;
	char		*out, *o;
	int		 i;

	for (i = 0; i < n; i++)
		len += 2 * strlen(s[i]) + 3;
	out = o = bk_arena_alloc(a, len);
	*o++ = '{';
	for (i = 0; i < n; i++) {
		if (i > 0)
			*o++ = ',';
		*o++ = '"';
		for (c = s[i]; *c != '\0'; c++) {
			if (*c == '"' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '"';
	}
	*o++ = '}';
	*o = '\0';
	return out;
}

static char *
services_int_array(struct bk_arena *a, const long *v, int n)
{
	char	*out = bk_arena_alloc(a, 24 * (size_t)n + 3), *o = out;
	int	 i;

	*o++ = '{';
	for (i = 0; i < n; i++)
		o += sprintf(o, "%s%ld", i > 0 ? "," : "", v[i]);
	strcpy(o, "}");
	return out;
}

static char *
services_money_array(struct bk_arena *a, const int64_t *v, int n)
{
	char	*out = bk_arena_alloc(a, 28 * (size_t)n + 3), *o = out;
	int	 i;

	*o++ = '{';
	for (i = 0; i < n; i++)
		o += sprintf(o, "%s%" PRId64 ".%02" PRId64, i > 0 ? "," : "",
		    v[i] / 100, v[i] % 100);
	strcpy(o, "}");
	return out;
}

static char *
services_num(struct bk_arena *a, bool has, long v)
{
	return has ? bk_arena_printf(a, "%ld", v) : NULL;
}

int
bk_db_services_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_service_filter *f, const struct bk_page *pg,
    const char **json, long *total, struct bk_err *err)
{
	const char	*p[7];

	p[0] = bk_arena_printf(a, "%ld", f->category_id);
	p[1] = pg->q;
	p[2] = bk_arena_printf(a, "%ld", f->fuel_type_id);
	p[3] = bk_arena_printf(a, "%ld", f->car_class_id);
	p[4] = pg->sort;
	p[5] = bk_arena_printf(a, "%ld", pg->limit);
	p[6] = bk_arena_printf(a, "%ld", pg->offset);
	return bk_db_list(db, a, sql_list, 7, p, json, total, err);
}

int
bk_db_services_get(struct bk_db *db, struct bk_arena *a, long id,
    const char **json, struct bk_err *err)
{
	const char	*p[1] = { bk_db_num(a, &id) };

	return bk_db_value_or_404(db, a, sql_get, 1, p, json,
	    "Service not found.", err);
}

int
bk_db_services_refs_check(struct bk_db *db, const struct bk_service_input *in,
    struct bk_err *err)
{
	struct bk_arena	 a;
	const char	*p[3];
	bool		 ok;
	int		 rc = -1;

	bk_arena_init(&a);
	p[0] = services_num(&a, in->category_id > 0, in->category_id);
	p[1] = in->has_prices ? services_int_array(&a, in->class_ids,
	    in->nprices) : NULL;
	p[2] = in->has_fuels ? services_int_array(&a, in->fuel_ids,
	    in->nfuels) : NULL;
	if (bk_db_bool1(db, sql_refs, 3, p, &ok, err) != 0)
		goto out;
	if (!ok) {
		bk_err_set(err, 400, "Invalid foreign key reference");
		goto out;
	}
	rc = 0;
out:
	bk_arena_cleanup(&a);
	return rc;
}

/* The 14 update parameters after $1 (create uses a subset of them). */
static void
services_params(struct bk_arena *a, const struct bk_service_input *in,
    const char **p)
{
	p[0] = in->title;
	p[1] = in->description;
	p[2] = services_num(a, in->category_id > 0, in->category_id);
	p[3] = in->has_works ? bk_db_text_array(a, in->works, in->nworks) :
	    NULL;
	p[4] = services_num(a, in->has_warranty_kms, in->warranty_kms);
	p[5] = services_num(a, in->has_warranty_months, in->warranty_months);
	p[6] = in->has_time_hrs ? bk_arena_printf(a, "%" PRId64 ".%02" PRId64,
	    in->time_hrs / 100, in->time_hrs % 100) : NULL;
	p[7] = services_num(a, in->has_difficulty, in->difficulty);
	p[8] = in->has_images ? bk_db_text_array(a, in->images, in->nimages) :
	    NULL;
	p[9] = in->has_symptoms ? bk_db_text_array(a, in->symptoms,
	    in->nsymptoms) : NULL;
	p[10] = in->has_prices ? services_int_array(a, in->class_ids,
	    in->nprices) : NULL;
	p[11] = in->has_prices ? services_money_array(a, in->prices,
	    in->nprices) : NULL;
	p[12] = in->has_fuels ? services_int_array(a, in->fuel_ids,
	    in->nfuels) : NULL;
}

int
bk_db_services_create(struct bk_db *db, const struct bk_service_input *in,
    long *id, struct bk_err *err)
{
	struct bk_arena	 a;
	const char	*p[13];
	int		 rc;

	bk_arena_init(&a);
	services_params(&a, in, p);
	if (p[9] == NULL)
		p[9] = "{}";
	if (p[10] == NULL) {
		p[10] = "{}";
		p[11] = "{}";
	}
	if (p[12] == NULL)
		p[12] = "{}";
	rc = bk_db_long1(db, sql_create, 13, p, id, err);
	bk_arena_cleanup(&a);
	return rc;
}

int
bk_db_services_update(struct bk_db *db, long id,
    const struct bk_service_input *in, struct bk_err *err)
{
	struct bk_arena	 a;
	const char	*p[14];
	bool		 found;
	int		 rc = -1;

	bk_arena_init(&a);
	p[0] = bk_arena_printf(&a, "%ld", id);
	services_params(&a, in, p + 1);
	if (bk_db_has_row(db, sql_update, 14, p, &found, err) != 0)
		goto out;
	if (!found) {
		bk_err_set(err, 404, "Service not found.");
		goto out;
	}
	rc = 0;
out:
	bk_arena_cleanup(&a);
	return rc;
}

int
bk_db_services_delete(struct bk_db *db, long id, struct bk_err *err)
{
	char		 sid[24];
	const char	*p[1] = { sid };
	long		 n;

	snprintf(sid, sizeof sid, "%ld", id);
	if (bk_db_long1(db, sql_delete, 1, p, &n, err) != 0)
		return -1;
	if (n == 0)
		return bk_err_set(err, 404, "Service not found.");
	return 0;
}

int
bk_db_services_categorized(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_categorized, pg, 0, NULL, json, total,
	    err);
}

/* A JSON array of strings (from to_json(text[])) as an arena array. */
static const char **
services_json_strings(struct bk_arena *a, const char *text, int *n)
{
	cJSON		 *doc = cJSON_Parse(text), *it;
	const char	**out;
	int		  i = 0;

	*n = 0;
	out = bk_arena_alloc(a, sizeof *out * (size_t)(cJSON_GetArraySize(doc)
	    + 1));
	cJSON_ArrayForEach(it, doc)
		if (cJSON_IsString(it))
			out[i++] = bk_arena_strdup(a, it->valuestring);
	*n = i;
	cJSON_Delete(doc);
	return out;
}

int
bk_db_services_corpus(struct bk_db *db, struct bk_arena *a,
    struct bk_recommend_service **out, int *n, struct bk_err *err)
{
	PGresult			*res;
	struct bk_recommend_service	*s;
	int				 i, rows;

	res = bk_db_query(db, sql_corpus, 0, NULL, err);
	if (res == NULL)
		return -1;
	rows = PQntuples(res);
	s = bk_arena_alloc(a, sizeof *s * (size_t)(rows + 1));
	for (i = 0; i < rows; i++) {
		s[i].id = bk_db_long(res, i, 0);
		s[i].title = bk_db_str(a, res, i, 1);
		s[i].description = bk_db_str(a, res, i, 2);
		s[i].category = bk_db_str(a, res, i, 3);
		s[i].works = services_json_strings(a, PQgetvalue(res, i, 4),
		    &s[i].nworks);
		s[i].symptoms = services_json_strings(a, PQgetvalue(res, i, 5),
		    &s[i].nsymptoms);
	}
	*out = s;
	*n = rows;
	PQclear(res);
	return 0;
}

int
bk_db_services_scored_pages(struct bk_db *db, struct bk_arena *a,
    const struct bk_recommend_hit *h, int n, const char **json,
    struct bk_err *err)
{
	const char	*p[2];
	char		*ids, *scores, *o;
	int		 i;

	ids = bk_arena_alloc(a, 24 * (size_t)n + 3);
	scores = bk_arena_alloc(a, 16 * (size_t)n + 3);
	o = ids + sprintf(ids, "{");
	for (i = 0; i < n; i++)
		o += sprintf(o, "%s%ld", i > 0 ? "," : "", h[i].id);
	strcpy(o, "}");
	o = scores + sprintf(scores, "{");
	for (i = 0; i < n; i++)
		o += sprintf(o, "%s%d.%d", i > 0 ? "," : "",
		    h[i].score10 / 10, h[i].score10 % 10);
	strcpy(o, "}");
	p[0] = ids;
	p[1] = scores;
	return bk_db_value(db, a, sql_scored, 2, p, json, err);
}
