/* Areas SQL. Lists are built as JSON by PostgreSQL in one statement; the
 * sort is a parameter picked by CASE, never spliced into the text. */
#include <stdio.h>
#include <stdlib.h>

#include "db/areas.h"
#include "db/conn.h"

#define AREA_JSON "json_build_object('name', a.name, 'pincode', a.pincode," \
	" 'id', a.id)"

static const char *sql_list =
    "WITH f AS (SELECT a.* FROM areas a WHERE a.deleted_at IS NULL"
    "  AND ($1::text IS NULL OR strpos(lower(a.name), $1) > 0"
    "   OR strpos(a.pincode::text, $1) > 0)),"
    " p AS (SELECT a.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN a.name END,"
    "  CASE WHEN $2 = '-name' THEN a.name END DESC,"
    "  CASE WHEN $2 = 'pincode' THEN a.pincode END,"
    "  CASE WHEN $2 = '-pincode' THEN a.pincode END DESC,"
    "  CASE WHEN $2 = '-id' THEN a.id END DESC, a.id) AS rn FROM f a)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" AREA_JSON " ORDER BY a.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) a), '[]')";

static const char *sql_create =
    "INSERT INTO areas AS a (name, pincode) VALUES ($1, $2)"
    " RETURNING " AREA_JSON;

static const char *sql_update =
    "UPDATE areas AS a SET name = coalesce($2, a.name),"
    " pincode = coalesce($3::int, a.pincode)"
    " WHERE a.id = $1 AND a.deleted_at IS NULL RETURNING " AREA_JSON;

static const char *sql_delete =
    "UPDATE areas SET deleted_at = now() WHERE id = $1"
    " AND deleted_at IS NULL";

int
bk_db_areas_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_list, pg, 0, NULL, json, total, err);
}

int
bk_db_areas_create(struct bk_db *db, struct bk_arena *a, const char *name,
    long pincode, const char **json, struct bk_err *err)
{
	const char	*p[2] = { name, bk_db_num(a, &pincode) };

	return bk_db_value(db, a, sql_create, 2, p, json, err);
}

int
bk_db_areas_update(struct bk_db *db, struct bk_arena *a, long id,
    const char *name, const long *pincode, const char **json,
    struct bk_err *err)
{
	const char	*p[3] = { bk_db_num(a, &id), name,
			    bk_db_num(a, pincode) };

	return bk_db_value_or_404(db, a, sql_update, 3, p, json,
	    "Area not found.", err);
}

int
bk_db_areas_delete(struct bk_db *db, long id, struct bk_err *err)
{
	char		 sid[24];
	const char	*p[1] = { sid };

	snprintf(sid, sizeof sid, "%ld", id);
	return bk_db_exec_one(db, sql_delete, 1, p, "Area not found.", err);
}
