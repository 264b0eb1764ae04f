/* Mechanics SQL. `assigned` is computed from active assignments (SPEC
 * §8.5), never stored; the workload view weighs each active assignment
 * with revcare_assignment_hours (assets/sql/006), the rule of §5.15 the
 * automatic assignment uses too. Category ids travel as one int[]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/mechanics.h"

/* MechanicResponse of a row m with the mechanics columns and u_phone. */
#define MECHANIC_JSON "json_build_object('name', m.name, 'phone', m.phone," \
	" 'dob', m.dob, 'pickup_drop', m.pickup_drop, 'analysis', m.analysis," \
	" 'id', m.id, 'assigned', EXISTS (SELECT 1 FROM booking_assignment ba" \
	"  WHERE ba.mechanic_id = m.id AND ba.status_id = 11)," \
	" 'service_categories', coalesce((SELECT json_agg(json_build_object(" \
	"  'name', sc.name, 'description', sc.description, 'image', sc.image," \
	"  'id', sc.id) ORDER BY sc.id) FROM mechanic_service_categories msc" \
	"  JOIN service_categories sc ON sc.id = msc.service_category_id" \
	"  WHERE msc.mechanic_id = m.id AND sc.deleted_at IS NULL), '[]')," \
	" 'score', m.score)"

#define MECHANIC_ROWS "SELECT m.id, m.name, m.dob, m.pickup_drop," \
	" m.analysis, m.score, u.phone FROM mechanics m" \
	" JOIN users u ON u.id = m.id WHERE m.deleted_at IS NULL"

/* 0 fine, 1 future, 2 under 18, 3 over 60 (age in whole years, today in
 * the business time zone). */
static const char *sql_dob =
    "SELECT CASE WHEN $1::date > t THEN 1"
    " WHEN $1::date > (t - interval '18 years')::date THEN 2"
    " WHEN $1::date <= (t - interval '61 years')::date THEN 3 ELSE 0 END"
    " FROM (SELECT (now() AT TIME ZONE $2)::date AS t) today";

static const char *const dob_problems[] = {
	NULL,
	"Date of birth cannot be in the future.",
	"Mechanic must be at least 18 years old.",
	"Age cannot exceed 60 years.",
};

static const char *sql_categories_ok =
    "SELECT (SELECT count(DISTINCT x) FROM unnest($1::int[]) x) ="
    " (SELECT count(*) FROM service_categories WHERE id = ANY($1::int[])"
    "  AND deleted_at IS NULL)";

static const char *sql_create =
    "WITH u AS (INSERT INTO users (id, role_id, phone, password)"
    "  VALUES (revcare_next_user_id('MEC', 'mechanic_seq'), 2, $2::bigint,"
    "  $4) RETURNING id),"
    " m AS (INSERT INTO mechanics (id, name, dob, pickup_drop, analysis)"
    "  SELECT id, $1, $3::date, $5::bool, $6::bool FROM u RETURNING id),"
    " c AS (INSERT INTO mechanic_service_categories (mechanic_id,"
    "  service_category_id) SELECT m.id, x.id FROM m,"
    "  (SELECT DISTINCT unnest($7::int[]) AS id) x RETURNING mechanic_id)"
    " SELECT id FROM m";

static const char *sql_get =
    "SELECT " MECHANIC_JSON " FROM (" MECHANIC_ROWS " AND m.id = $1) m";

static const char *sql_list =
    "WITH f AS (" MECHANIC_ROWS
    "  AND ($5::text IS NULL OR m.id = $5) AND ($6::text IS NULL OR m.id = $6)"
    "  AND ($1::text IS NULL OR strpos(lower(m.name), $1) > 0"
    "   OR strpos(u.phone::text, $1) > 0)),"
    " p AS (SELECT m.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN m.name END,"
    "  CASE WHEN $2 = '-name' THEN m.name END DESC,"
    "  CASE WHEN $2 = 'phone' THEN m.phone END,"
    "  CASE WHEN $2 = '-phone' THEN m.phone END DESC,"
    "  CASE WHEN $2 = 'score' THEN m.score END,"
    "  CASE WHEN $2 = '-score' THEN m.score END DESC,"
    "  CASE WHEN $2 = 'dob' THEN m.dob END,"
    "  CASE WHEN $2 = '-dob' THEN m.dob END DESC,"
    "  CASE WHEN $2 = '-id' THEN length(m.id) END DESC,"
    "  CASE WHEN $2 = '-id' THEN m.id END DESC,"
    "  length(m.id), m.id) AS rn FROM f m)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" MECHANIC_JSON " ORDER BY m.rn)"
    "   FROM (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) m), '[]')";

static const char *sql_update =
    "UPDATE mechanics m SET name = coalesce($3, m.name),"
    " dob = coalesce($4::date, m.dob),"
    " pickup_drop = coalesce($5::bool, m.pickup_drop),"
    " analysis = coalesce($6::bool, m.analysis)"
    " WHERE m.id = $1 AND m.deleted_at IS NULL"
    " AND ($2::text IS NULL OR m.id = $2) RETURNING m.id";

/* Replace the set: drop what is not listed, add what is missing. */
static const char *sql_set_categories =
    "WITH d AS (DELETE FROM mechanic_service_categories WHERE mechanic_id = $1"
    "  AND service_category_id <> ALL ($2::int[]) RETURNING mechanic_id)"
    " INSERT INTO mechanic_service_categories (mechanic_id,"
    " service_category_id) SELECT $1, x.id FROM"
    " (SELECT DISTINCT unnest($2::int[]) AS id) x ON CONFLICT DO NOTHING";

static const char *sql_lock =
    "SELECT id FROM mechanics WHERE id = $1 AND deleted_at IS NULL"
    " FOR UPDATE";

/* After the lock, so assignments committed meanwhile are seen. */
static const char *sql_active =
    "SELECT EXISTS (SELECT 1 FROM booking_assignment WHERE mechanic_id = $1"
    " AND status_id = 11)";

static const char *sql_delete =
    "WITH m AS (UPDATE mechanics SET deleted_at = now() WHERE id = $1"
    "  AND deleted_at IS NULL RETURNING id),"
    " u AS (UPDATE users SET deleted_at = now()"
    "  WHERE id IN (SELECT id FROM m) RETURNING id)"
    " SELECT count(*) FROM m";

static const char *sql_workload =
    "WITH f AS (SELECT m.id, m.name, m.pickup_drop, m.analysis, m.score"
    "  FROM mechanics m WHERE m.deleted_at IS NULL"
    "  AND ($1::text IS NULL OR strpos(lower(m.name), $1) > 0)),"
    " a AS (SELECT a.id, a.mechanic_id, a.booking_id, t.name AS type,"
    "  a.assigned_at,"
    "  revcare_assignment_hours(a.assignment_type_id, a.booking_id) AS hours"
    "  FROM booking_assignment a"
    "  JOIN assignment_types t ON t.id = a.assignment_type_id"
    "  WHERE a.status_id = 11 AND a.mechanic_id IN (SELECT id FROM f)),"
    " h AS (SELECT f.*, coalesce((SELECT sum(a.hours) FROM a"
    "  WHERE a.mechanic_id = f.id), 0) AS hours FROM f),"
    " p AS (SELECT h.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN h.name END,"
    "  CASE WHEN $2 = '-name' THEN h.name END DESC,"
    "  CASE WHEN $2 = 'score' THEN h.score END,"
    "  CASE WHEN $2 = '-score' THEN h.score END DESC,"
    "  CASE WHEN $2 = 'active_hours' THEN h.hours END,"
    "  CASE WHEN $2 = '-active_hours' THEN h.hours END DESC,"
    "  CASE WHEN $2 = '-id' THEN length(h.id) END DESC,"
    "  CASE WHEN $2 = '-id' THEN h.id END DESC,"
    "  length(h.id), h.id) AS rn FROM h)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(json_build_object('id', x.id,"
    "   'name', x.name, 'pickup_drop', x.pickup_drop,"
    "   'analysis', x.analysis, 'score', x.score,"
    "   'service_categories', coalesce((SELECT json_agg("
    "    msc.service_category_id ORDER BY msc.service_category_id)"
    "    FROM mechanic_service_categories msc JOIN service_categories sc"
    "    ON sc.id = msc.service_category_id AND sc.deleted_at IS NULL"
    "    WHERE msc.mechanic_id = x.id), '[]'),"
    "   'active_assignments', coalesce((SELECT json_agg(json_build_object("
    "    'id', a.id, 'booking_id', a.booking_id, 'assignment_type', a.type,"
    "    'assigned_at', revcare_ts(a.assigned_at))"
    "    ORDER BY a.assigned_at, a.id) FROM a WHERE a.mechanic_id = x.id),"
    "    '[]'),"
    "   'active_hours', revcare_money(x.hours)) ORDER BY x.rn)"
    "   FROM (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) x), '[]')";

#define TYPE_JSON "json_build_object('name', t.name, 'id', t.id)"

static const char *sql_types_list =
    "WITH f AS (SELECT t.* FROM assignment_types t"
    "  WHERE $1::text IS NULL OR strpos(lower(t.name), $1) > 0),"
    " p AS (SELECT t.*, row_number() OVER (ORDER BY"
    "  CASE WHEN $2 = 'name' THEN t.name END,"
    "  CASE WHEN $2 = '-name' THEN t.name END DESC,"
    "  CASE WHEN $2 = '-id' THEN t.id END DESC, t.id) AS rn FROM f t)"
    " SELECT (SELECT count(*) FROM f),"
    "  coalesce((SELECT json_agg(" TYPE_JSON " ORDER BY t.rn) FROM"
    "   (SELECT * FROM p ORDER BY rn LIMIT $3 OFFSET $4) t), '[]')";

/* Names compare case-insensitively, so "Pickup" cannot shadow "pickup". */
static const char *sql_types_create =
    "WITH e AS (SELECT EXISTS (SELECT 1 FROM assignment_types"
    "  WHERE lower(name) = lower($1)) AS taken),"
    " t AS (INSERT INTO assignment_types (name) SELECT $1"
    "  WHERE NOT (SELECT taken FROM e) RETURNING id, name)"
    " SELECT (SELECT taken FROM e), (SELECT " TYPE_JSON " FROM t)";

/* 1 no such type, 2 built in, 3 name taken, 0 updated (json in col 1). */
static const char *sql_types_update =
    "WITH o AS (SELECT id, builtin FROM assignment_types WHERE id = $1::int),"
    " e AS (SELECT $2::text IS NOT NULL AND EXISTS (SELECT 1 FROM"
    "  assignment_types WHERE lower(name) = lower($2)"
    "  AND id <> $1::int) AS taken),"
    " t AS (UPDATE assignment_types t SET name = coalesce($2, t.name)"
    "  WHERE t.id IN (SELECT id FROM o WHERE NOT builtin)"
    "  AND NOT (SELECT taken FROM e) RETURNING t.id, t.name)"
    " SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM o) THEN 1"
    "  WHEN (SELECT builtin FROM o) THEN 2"
    "  WHEN (SELECT taken FROM e) THEN 3 ELSE 0 END,"
    "  (SELECT " TYPE_JSON " FROM t)";

/* 1 no such type, 2 built in, 3 in use, 0 removed. */
static const char *sql_types_delete =
    "WITH o AS (SELECT id, builtin, EXISTS (SELECT 1 FROM booking_assignment"
    "  WHERE assignment_type_id = $1::int) AS used FROM assignment_types"
    "  WHERE id = $1::int FOR UPDATE),"
    " d AS (DELETE FROM assignment_types WHERE id IN (SELECT id FROM o"
    "  WHERE NOT builtin AND NOT used) RETURNING id)"
    " SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM o) THEN 1"
    "  WHEN (SELECT builtin FROM o) THEN 2"
    "  WHEN (SELECT used FROM o) THEN 3 ELSE 0 END";

static const struct bk_db_problem types_update_problems[] = {
	{ 0, NULL },
	{ 404, "AssignmentType not found." },
	{ 409, "Built-in assignment type cannot be changed." },
	{ 400, "Assignment type already exists." },
};

static const struct bk_db_problem types_delete_problems[] = {
	{ 0, NULL },
	{ 404, "AssignmentType not found." },
	{ 409, "Built-in assignment type cannot be changed." },
	{ 409, "AssignmentType is in use." },
};

/* "{1,2,3}": an int[] parameter in the arena. */
static const char *
mechanics_int_array(struct bk_arena *a, const long *ids, int n)
{
	char	*s, *p;
	int	 i;

	s = bk_arena_alloc(a, (size_t)n * 21 + 3);
	p = s;
	*p++ = '{';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s%ld", i > 0 ? "," : "", ids[i]);
	*p++ = '}';
	*p = '\0';
	return s;
}

int
bk_db_mechanics_dob_check(struct bk_db *db, const char *dob, const char *tz,
    const char **why, struct bk_err *err)
{
	const char	*p[2] = { dob, tz };
	long		 k;

	if (bk_db_long1(db, sql_dob, 2, p, &k, err) != 0)
		return -1;
	*why = k >= 0 && k <= 3 ? dob_problems[k] : NULL;
	return 0;
}

int
bk_db_mechanics_categories_check(struct bk_db *db, struct bk_arena *a,
    const long *ids, int n, struct bk_err *err)
{
	const char	*p[1] = { mechanics_int_array(a, ids, n) };
	bool		 ok;

	if (bk_db_bool1(db, sql_categories_ok, 1, p, &ok, err) != 0)
		return -1;
	if (!ok)
		return bk_err_set(err, 400, "Invalid foreign key reference");
	return 0;
}

int
bk_db_mechanics_create(struct bk_db *db, struct bk_arena *a,
    const struct bk_mechanic_in *in, const char **id, struct bk_err *err)
{
	const char	*p[7];

	p[0] = in->name;
	p[1] = in->phone;
	p[2] = in->dob;
	p[3] = in->hash;
	p[4] = in->pickup_drop ? "true" : "false";
	p[5] = in->analysis ? "true" : "false";
	p[6] = mechanics_int_array(a, in->categories, in->ncategories);
	return bk_db_value(db, a, sql_create, 7, p, id, err);
}

int
bk_db_mechanics_get(struct bk_db *db, struct bk_arena *a, const char *id,
    const char **json, struct bk_err *err)
{
	return bk_db_value_or_404(db, a, sql_get, 1, &id, json,
	    "Mechanic not found.", err);
}

int
bk_db_mechanics_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char *self, const char *mechanic_id,
    const char **json, long *total, struct bk_err *err)
{
	const char	*p[2] = { self, mechanic_id };

	return bk_db_page(db, a, sql_list, pg, 2, p, json, total, err);
}

int
bk_db_mechanics_update(struct bk_db *db, struct bk_arena *a, const char *id,
    const char *self, const struct bk_mechanic_in *in, struct bk_err *err)
{
	const char	*p[6];
	bool		 found;

	p[0] = id;
	p[1] = self;
	p[2] = in->name;
	p[3] = in->dob;
	p[4] = !in->has_pickup_drop ? NULL : in->pickup_drop ? "true" : "false";
	p[5] = !in->has_analysis ? NULL : in->analysis ? "true" : "false";
	if (bk_db_has_row(db, sql_update, 6, p, &found, err) != 0)
		return -1;
	if (!found)
		return bk_err_set(err, 404, "Mechanic not found.");
	if (!in->has_categories)
		return 0;
	p[1] = mechanics_int_array(a, in->categories, in->ncategories);
	return bk_db_exec(db, sql_set_categories, 2, p, err);
}

int
bk_db_mechanics_lock(struct bk_db *db, const char *id, struct bk_err *err)
{
	bool		 found, active;

	if (bk_db_has_row(db, sql_lock, 1, &id, &found, err) != 0)
		return -1;
	if (!found)
		return bk_err_set(err, 404, "Mechanic not found.");
	if (bk_db_bool1(db, sql_active, 1, &id, &active, err) != 0)
		return -1;
	if (active)
		return bk_err_set(err, 409, "Mechanic has active assignments.");
	return 0;
}

int
bk_db_mechanics_delete(struct bk_db *db, const char *id, struct bk_err *err)
{
	long	n;

	if (bk_db_long1(db, sql_delete, 1, &id, &n, err) != 0)
		return -1;
	if (n == 0)
		return bk_err_set(err, 404, "Mechanic not found.");
	return 0;
}

int
bk_db_mechanics_workload(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_workload, pg, 0, NULL, json, total, err);
}

int
bk_db_mechanics_types_list(struct bk_db *db, struct bk_arena *a,
    const struct bk_page *pg, const char **json, long *total,
    struct bk_err *err)
{
	return bk_db_page(db, a, sql_types_list, pg, 0, NULL, json, total,
	    err);
}

int
bk_db_mechanics_types_create(struct bk_db *db, struct bk_arena *a,
    const char *name, const char **json, struct bk_err *err)
{
	PGresult	*res;
	int		 rc = -1;

	res = bk_db_query(db, sql_types_create, 1, &name, err);
	if (res == NULL)
		return -1;
	if (bk_db_bool(res, 0, 0))
		bk_err_set(err, 400, "Assignment type already exists.");
	else {
		*json = bk_db_str(a, res, 0, 1);
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int
bk_db_mechanics_types_update(struct bk_db *db, struct bk_arena *a, long id,
    const char *name, const char **json, struct bk_err *err)
{
	const char	*p[2] = { bk_db_num(a, &id), name };

	return bk_db_check_value(db, a, sql_types_update, 2, p,
	    types_update_problems, json, err);
}

int
bk_db_mechanics_types_delete(struct bk_db *db, long id, struct bk_err *err)
{
	char		 sid[24];
	const char	*p[1] = { sid };

	snprintf(sid, sizeof sid, "%ld", id);
	return bk_db_check(db, NULL, sql_types_delete, 1, p,
	    types_delete_problems, err);
}
