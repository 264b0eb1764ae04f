/* Event log SQL: append with NOTIFY, list per viewer, head. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"
#include "db/events.h"

static const char *sql_add =
    "WITH e AS (INSERT INTO booking_events (kind, booking_id, actor,"
    "  actor_role, audience, payload)"
    " VALUES ($1, $2::int, $3, $4::smallint,"
    "  revcare_event_audience($2::int, $1, coalesce($5::jsonb, '{}')),"
    "  jsonb_build_object('data', coalesce($5::jsonb, '{}'),"
    "   'booking', revcare_booking_summary($2::int)))"
    " RETURNING seq)"
    " SELECT seq, pg_notify('revcare_events', seq::text) FROM e";

static const char *sql_list =
    "SELECT coalesce(json_agg(json_build_object('seq', e.seq, 'kind', e.kind,"
    "  'booking_id', e.booking_id, 'at', revcare_ts(e.at), 'actor', e.actor,"
    "  'actor_role', e.actor_role, 'data', CASE WHEN $3 = 3 THEN"
    "   revcare_event_data_customer(e.kind, e.payload->'data')"
    "   ELSE e.payload->'data' END) ORDER BY e.seq), '[]')"
    " FROM (SELECT * FROM booking_events e"
    "  WHERE ($1::int IS NULL OR e.booking_id = $1::int) AND e.seq > $4"
    "  AND ($3 = 1 OR $2 = ANY (e.audience))"
    "  ORDER BY e.seq LIMIT $5) e";

int
bk_db_events_add(struct bk_db *db, long booking_id, const char *kind,
    const char *actor, int actor_role, const char *data, int64_t *seq,
    struct bk_err *err)
{
	PGresult	*res;
	char		 bid[24], role[8];
	const char	*p[5];

	snprintf(bid, sizeof bid, "%ld", booking_id);
	snprintf(role, sizeof role, "%d", actor_role);
	p[0] = kind;
	p[1] = bid;
	p[2] = actor;
	p[3] = actor_role > 0 ? role : NULL;
	p[4] = data;
	res = bk_db_query(db, sql_add, 5, p, err);
	if (res == NULL)
		return -1;
	if (seq != NULL)
		*seq = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

int
bk_db_events_add_req(struct bk_db *db, const struct bk_req *req,
    long booking_id, const char *kind, const char *data, struct bk_err *err)
{
	return bk_db_events_add(db, booking_id, kind, req->auth.user_id,
	    req->auth.role, data, NULL, err);
}

int
bk_db_events_list(struct bk_db *db, struct bk_arena *a, long booking_id,
    int64_t since, long limit, const char *viewer, int viewer_role,
    const char **json, struct bk_err *err)
{
	char		 bid[24], role[8], ssince[24], slim[24];
	const char	*p[5];

	snprintf(bid, sizeof bid, "%ld", booking_id);
	snprintf(role, sizeof role, "%d", viewer_role);
	snprintf(ssince, sizeof ssince, "%" PRId64, since);
	snprintf(slim, sizeof slim, "%ld", limit);
	p[0] = booking_id > 0 ? bid : NULL;
	p[1] = viewer;
	p[2] = role;
	p[3] = ssince;
	p[4] = slim;
	return bk_db_value(db, a, sql_list, 5, p, json, err);
}

int
bk_db_events_head(struct bk_db *db, int64_t *seq, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, "SELECT coalesce(max(seq), 0) FROM"
	    " booking_events", 0, NULL, err);
	if (res == NULL)
		return -1;
	*seq = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}
