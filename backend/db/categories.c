/* Service categories SQL. The name is unique over every row (deleted ones
 * included, as the schema's constraint is), so the duplicate check looks
 * at all rows and reports SPEC's message instead of the generic one. */
#include <stdio.h>
#include <stdlib.h>

#include "db/categories.h"
#include "db/conn.h"

#define CATEGORY_JSON "json_build_object('name', c.name, 'description'," \
	" c.description, 'image', c.image, 'id', c.id)"

static const char *sql_list =
    "WITH f AS (SELECT c.* FROM service_categories c"
    "  WHERE c.deleted_at IS NULL"
    "  AND ($1::text IS NULL OR strpos(lower(c.name), $1) > 0"
    "   OR strpos(lower(c.description), $1) > 0)),"
    " p AS (SELECT c.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN c.name END,"
    "  CASE WHEN $2 = '-name' THEN c.name END DESC,"
    "  CASE WHEN $2 = '-id' THEN c.id END DESC, c.id) AS rn FROM f c)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" CATEGORY_JSON " ORDER BY c.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) c), '[]')";

static const char *sql_create =
    "INSERT INTO service_categories AS c (name, description, image)"
    " VALUES ($1, $2, $3)"
    " ON CONFLICT (name) WHERE deleted_at IS NULL DO NOTHING"
    " RETURNING " CATEGORY_JSON ", c.id";

static const char *sql_taken =
    "SELECT EXISTS (SELECT 1 FROM service_categories"
    " WHERE name = $2 AND id <> $1 AND deleted_at IS NULL)";

static const char *sql_update =
    "UPDATE service_categories AS c SET name = coalesce($2, c.name),"
    " description = coalesce($3, c.description),"
    " image = coalesce($4, c.image)"
    " WHERE c.id = $1 AND c.deleted_at IS NULL RETURNING " CATEGORY_JSON;

/* The row lock makes a concurrent service insert (which takes FOR SHARE
 * on its category) wait, or us wait for it; the check runs in a second
 * statement so that its snapshot sees a service committed meanwhile. */
static const char *sql_lock =
    "SELECT 1 FROM service_categories WHERE id = $1 AND deleted_at IS NULL"
    " FOR UPDATE";

static const char *sql_delete =
    "WITH u AS (SELECT EXISTS (SELECT 1 FROM services s"
    "  WHERE s.category_id = $1 AND s.deleted_at IS NULL) AS used),"
    " d AS (UPDATE service_categories SET deleted_at = now()"
    "  WHERE id = $1 AND NOT (SELECT used FROM u) RETURNING id)"
    " SELECT used FROM u";

int
bk_db_categories_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_list, pg, 0, NULL, json, total, err);
}

int
bk_db_categories_create(struct bk_db *db, struct bk_arena *a,
    const char *name, const char *description, const char *image,
    const char **json, const char **id, struct bk_err *err)
{
	static const struct bk_db_problem taken = { 400,
	    "Service category already exists." };
	const char	*p[3] = { name, description, image }, *out[2];

	if (bk_db_row(db, a, sql_create, 3, p, 2, out, &taken, err) != 0)
		return -1;
	*json = out[0];
	*id = out[1];
	return 0;
}

int
bk_db_categories_update(struct bk_db *db, struct bk_arena *a, long id,
    const char *name, const char *description, const char *image,
    const char **json, struct bk_err *err)
{
	const char	*p[4] = { bk_db_num(a, &id), name, description, image };
	bool		 taken = false;

	if (name != NULL &&
	    bk_db_bool1(db, sql_taken, 2, p, &taken, err) != 0)
		return -1;
	if (taken)
		return bk_err_set(err, 400, "Service category already exists.");
	return bk_db_value_or_404(db, a, sql_update, 4, p, json,
	    "ServiceCategory not found.", err);
}

int
bk_db_categories_delete(struct bk_db *db, long id, struct bk_err *err)
{
	char		 sid[24];
	const char	*p[1] = { sid };
	bool		 found, used;

	snprintf(sid, sizeof sid, "%ld", id);
	if (bk_db_has_row(db, sql_lock, 1, p, &found, err) != 0)
		return -1;
	if (!found)
		return bk_err_set(err, 404, "ServiceCategory not found.");
	if (bk_db_bool1(db, sql_delete, 1, p, &used, err) != 0)
		return -1;
	if (used)
		return bk_err_set(err, 409, "ServiceCategory is in use.");
	return 0;
}
