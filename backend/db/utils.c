/* Utility lookups SQL (SPEC §8.9): statuses (ids 1–18 built in), timeslots
 * (soft-deleted, optional capacity), payment methods and notification
 * categories. JSON is built by PostgreSQL; sorts are picked by CASE on a
 * parameter, never spliced into the text. */
#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"
#include "db/utils.h"

/* The {name, id} lookups, which have no soft delete. */
#define NAME_LIST(tbl) \
    "WITH f AS (SELECT t.id, t.name FROM " tbl " t" \
    "  WHERE $1::text IS NULL OR strpos(lower(t.name), $1) > 0)," \
    " p AS (SELECT t.*, row_number() OVER (ORDER BY" \
    "  CASE WHEN $2 = 'name' THEN t.name END," \
    "  CASE WHEN $2 = '-name' THEN t.name END DESC," \
    "  CASE WHEN $2 = '-id' THEN t.id END DESC, t.id) AS rn FROM f t)" \
    " SELECT (SELECT count(*) FROM f)," \
    "  coalesce((SELECT json_agg(json_build_object('name', t.name," \
    "   'id', t.id) ORDER BY t.rn) FROM" \
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) t), '[]')"

static const char *sql_status_list = NAME_LIST("status");
static const char *sql_payment_methods_list = NAME_LIST("payment_methods");
static const char *sql_notification_categories_list =
    NAME_LIST("notification_categories");

/* Ids 1–18 are SPEC §5.1's; the builtin flag says the same for the seed. */
#define STATUS_BUILTIN "(s.builtin OR s.id <= 18)"

static const char *sql_status_create =
    "INSERT INTO status (name) SELECT $1::text"
    " WHERE NOT EXISTS (SELECT 1 FROM status o WHERE o.name = $1)"
    " RETURNING id, json_build_object('name', name, 'id', id)";

static const char *sql_status_check_update =
    "SELECT CASE WHEN " STATUS_BUILTIN " THEN 2"
    "  WHEN $2::text IS NOT NULL AND EXISTS (SELECT 1 FROM status o"
    "   WHERE o.name = $2 AND o.id <> s.id) THEN 3 ELSE 0 END"
    " FROM status s WHERE s.id = $1::int FOR UPDATE";

static const char *sql_status_update =
    "UPDATE status s SET name = coalesce($2, s.name) WHERE s.id = $1::int"
    " RETURNING json_build_object('name', s.name, 'id', s.id)";

static const char *sql_status_check_delete =
    "SELECT CASE WHEN " STATUS_BUILTIN " THEN 2 ELSE 0 END"
    " FROM status s WHERE s.id = $1::int FOR UPDATE";

/* Custom statuses are never referenced (every status_id column is held
 * to built-in ids by a CHECK), so they are removed outright. */
static const char *sql_status_delete =
    "DELETE FROM status s WHERE s.id = $1::int AND NOT " STATUS_BUILTIN
    " RETURNING s.id";

static const struct bk_db_problem status_problems[] = {
	{ 0, NULL },
	{ 404, "Status not found." },
	{ 409, "Built-in status cannot be changed." },
	{ 400, "Status already exists." },
};

#define TIMESLOT_JSON "json_build_object('name', t.name," \
    " 'start_time', to_char(t.start_time, 'HH24:MI:SS')," \
    " 'end_time', to_char(t.end_time, 'HH24:MI:SS'), 'id', t.id," \
    " 'capacity', t.capacity)"

static const char *sql_timeslot_list =
    "WITH f AS (SELECT t.* FROM timeslots t WHERE t.deleted_at IS NULL"
    "  AND ($1::text IS NULL OR strpos(lower(t.name), $1) > 0)),"
    " p AS (SELECT t.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN t.name END,"
    "  CASE WHEN $2 = '-name' THEN t.name END DESC,"
    "  CASE WHEN $2 = 'start_time' THEN t.start_time END,"
    "  CASE WHEN $2 = '-start_time' THEN t.start_time END DESC,"
    "  CASE WHEN $2 = '-id' THEN t.id END DESC, t.id) AS rn FROM f t)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" TIMESLOT_JSON " ORDER BY t.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) t), '[]')";

/* Names are unique over every row, the retired ones included (the
 * constraint is not partial). */
static const char *sql_timeslot_create =
    "INSERT INTO timeslots AS t (name, start_time, end_time, capacity)"
    " SELECT $1::text, $2::time, $3::time, $4::int"
    " WHERE NOT EXISTS (SELECT 1 FROM timeslots o WHERE o.name = $1"
    "  AND o.deleted_at IS NULL)"
    " RETURNING t.id, " TIMESLOT_JSON;

/* SPEC §12 item 32: the order is checked on the pair the update leaves. */
static const char *sql_timeslot_check_update =
    "SELECT CASE WHEN coalesce($3::time, t.end_time)"
    "   <= coalesce($2::time, t.start_time) THEN 2"
    "  WHEN $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM timeslots o"
    "   WHERE o.name = $4 AND o.id <> t.id AND o.deleted_at IS NULL)"
    "  THEN 3 ELSE 0 END"
    " FROM timeslots t WHERE t.id = $1::int AND t.deleted_at IS NULL"
    " FOR UPDATE";

static const char *sql_timeslot_update =
    "UPDATE timeslots t SET start_time = coalesce($2::time, t.start_time),"
    " end_time = coalesce($3::time, t.end_time),"
    " name = coalesce($4, t.name),"
    " capacity = CASE WHEN $5::bool THEN $6::int ELSE t.capacity END"
    " WHERE t.id = $1::int AND t.deleted_at IS NULL RETURNING "
    TIMESLOT_JSON;

static const char *sql_timeslot_delete =
    "UPDATE timeslots SET deleted_at = now() WHERE id = $1::int"
    " AND deleted_at IS NULL RETURNING id";

static const struct bk_db_problem timeslot_problems[] = {
	{ 0, NULL },
	{ 404, "Timeslot not found." },
	{ 422, "end_time must be after start_time" },
	{ 400, "Timeslot already exists." },
};

int
bk_db_utils_status_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_status_list, pg, 0, NULL, json,
	    total, err);
}

int
bk_db_utils_status_create(struct bk_db *db, struct bk_arena *a,
    const char *name, const char **json, const char **id, struct bk_err *err)
{
	const char	*p[1] = { name }, *out[2];

	if (bk_db_row(db, a, sql_status_create, 1, p, 2, out,
	    &status_problems[3], err) != 0)
		return -1;
	*id = out[0];
	*json = out[1];
	return 0;
}

int
bk_db_utils_status_update(struct bk_db *db, struct bk_arena *a, long id,
    const char *name, const char **json, struct bk_err *err)
{
	const char	*p[2] = { bk_db_num(a, &id), name };

	if (bk_db_check(db, a, sql_status_check_update, 2, p,
	    status_problems, err) != 0)
		return -1;
	return bk_db_row(db, a, sql_status_update, 2, p, 1, json,
	    &status_problems[1], err);
}

int
bk_db_utils_status_delete(struct bk_db *db, struct bk_arena *a, long id,
    struct bk_err *err)
{
	const char	*p[1] = { bk_db_num(a, &id) }, *out;

	if (bk_db_check(db, a, sql_status_check_delete, 1, p,
	    status_problems, err) != 0)
		return -1;
	return bk_db_row(db, a, sql_status_delete, 1, p, 1, &out,
	    &status_problems[1], err);
}

int
bk_db_utils_timeslot_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_timeslot_list, pg, 0, NULL, json,
	    total, err);
}

int
bk_db_utils_timeslot_create(struct bk_db *db, struct bk_arena *a,
    const struct bk_timeslot *t, const char **json, const char **id,
    struct bk_err *err)
{
	const char	*p[4], *out[2];

	p[0] = t->name;
	p[1] = t->start_time;
	p[2] = t->end_time;
	p[3] = bk_db_num(a, t->capacity);
	if (bk_db_row(db, a, sql_timeslot_create, 4, p, 2, out,
	    &timeslot_problems[3], err) != 0)
		return -1;
	*id = out[0];
	*json = out[1];
	return 0;
}

int
bk_db_utils_timeslot_update(struct bk_db *db, struct bk_arena *a, long id,
    const struct bk_timeslot *t, const char **json, struct bk_err *err)
{
	const char	*p[6];

	p[0] = bk_db_num(a, &id);
	p[1] = t->start_time;
	p[2] = t->end_time;
	p[3] = t->name;
	p[4] = t->has_capacity ? "true" : "false";
	p[5] = bk_db_num(a, t->capacity);
	if (bk_db_check(db, a, sql_timeslot_check_update, 4, p,
	    timeslot_problems, err) != 0)
		return -1;
	return bk_db_row(db, a, sql_timeslot_update, 6, p, 1, json,
	    &timeslot_problems[1], err);
}

int
bk_db_utils_timeslot_delete(struct bk_db *db, struct bk_arena *a, long id,
    struct bk_err *err)
{
	const char	*p[1] = { bk_db_num(a, &id) }, *out;

	return bk_db_row(db, a, sql_timeslot_delete, 1, p, 1, &out,
	    &timeslot_problems[1], err);
}

int
bk_db_utils_payment_methods_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_payment_methods_list, pg, 0, NULL,
	    json, total, err);
}

int
bk_db_utils_notification_categories_list(struct bk_db *db,
    struct bk_arena *a, const struct bk_page *pg, const char **json,
    long *total, struct bk_err *err)
{
	return bk_db_page(db, a, sql_notification_categories_list, pg,
	    0, NULL, json, total, err);
}
