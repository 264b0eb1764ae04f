/* Live event stream SQL (SPEC §8.17): the listener's start and reads, a
 * socket's replay, the batch token re-check. The event message is built
 * by PostgreSQL in the stream's exact shape, once per event and form. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/ws.h"
#include "xmalloc.h"

/* {"type":"event", seq, kind, booking_id, at, actor, actor_role, data,
 * booking} over booking_events e; the two forms differ in data and
 * booking (SPEC §8.17: customers see their status names, no status_id
 * and none of the admin's fields). */
#define WS_EVENT_HEAD \
    "json_build_object('type', 'event', 'seq', e.seq, 'kind', e.kind," \
    " 'booking_id', e.booking_id, 'at', revcare_ts(e.at)," \
    " 'actor', e.actor, 'actor_role', e.actor_role, 'data', "
#define WS_EVENT_STAFF WS_EVENT_HEAD \
    "e.payload->'data', 'booking', CASE WHEN" \
    " jsonb_typeof(e.payload->'booking') = 'object' THEN" \
    " (e.payload->'booking') - 'customer_status' END)::text"
#define WS_EVENT_CUSTOMER WS_EVENT_HEAD \
    "revcare_event_data_customer(e.kind, e.payload->'data'), 'booking'," \
    " CASE WHEN jsonb_typeof(e.payload->'booking') = 'object' THEN" \
    " ((e.payload->'booking') - '{status,status_id,customer_status," \
    "action_required,eta_risk,latest_assignment}'::text[])" \
    " || jsonb_build_object('status'," \
    "  e.payload->'booking'->'customer_status') END)::text"

static const char *sql_start =
    "WITH m AS (SELECT coalesce(max(seq), 0) AS top FROM booking_events)"
    " SELECT coalesce((SELECT min(g) - 1 FROM generate_series("
    "  greatest(m.top - 1000, 1), m.top) g WHERE NOT EXISTS (SELECT 1"
    "  FROM booking_events x WHERE x.seq = g)), m.top) FROM m";

/* The snapshot and the rows come from one statement, hence one snapshot:
 * a row missing here whose transaction ended before this snapshot's xmin
 * will never appear. */
static const char *sql_read =
    "SELECT pg_snapshot_xmin(s.snap)::text, pg_snapshot_xmax(s.snap)::text,"
    " s.top, r.seq, r.aud, r.staff, r.cust"
    " FROM (SELECT pg_current_snapshot() AS snap, (SELECT coalesce(max(seq),"
    "  0) FROM booking_events) AS top) s"
    " LEFT JOIN LATERAL (SELECT e.seq,"
    "  array_to_string(e.audience, ',') AS aud, " WS_EVENT_STAFF " AS staff,"
    "  CASE WHEN cardinality(e.audience) > 0 THEN " WS_EVENT_CUSTOMER
    "  END AS cust"
    "  FROM ((SELECT * FROM booking_events WHERE seq > $1::bigint"
    "    ORDER BY seq LIMIT $2::int)"
    "   UNION ALL SELECT b.* FROM unnest($3::bigint[], $4::bigint[])"
    "    AS g(lo, hi) JOIN booking_events b ON b.seq BETWEEN g.lo AND g.hi"
    "  ) e) r ON true"
    " ORDER BY r.seq";

static const char *sql_replay =
    "SELECT count(*), coalesce(string_agg(m, E'\\n' ORDER BY seq), '')"
    " FROM (SELECT e.seq, CASE WHEN $4::int = 3 THEN " WS_EVENT_CUSTOMER
    "  ELSE " WS_EVENT_STAFF " END AS m"
    "  FROM booking_events e"
    "  WHERE e.seq > $1::bigint AND e.seq <= $2::bigint"
    "  AND ($4::int = 1 OR e.audience @> ARRAY[$3::text])"
    "  ORDER BY e.seq LIMIT $5::int) x";

/* SPEC §2.3 steps 4-5 as bk_db_auth_check, for many tokens at once. */
static const char *sql_recheck =
    "SELECT coalesce(string_agg(s.id || ' ' || s.jti || ' ' ||"
    "  CASE WHEN r.jti IS NOT NULL"
    "  THEN 'revoked' ELSE 'invalid' END, E'\\n'), '')"
    " FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[],"
    "  $5::bigint[]) AS s(id, jti, uid, role, iat)"
    " LEFT JOIN revoked_tokens r ON r.jti = s.jti"
    " LEFT JOIN users u ON u.id = s.uid"
    " WHERE r.jti IS NOT NULL OR u.id IS NULL OR u.deleted_at IS NOT NULL"
    "  OR NOT u.is_active OR u.role_id <> s.role"
    "  OR (u.tokens_valid_after IS NOT NULL AND"
    "   date_trunc('second', u.tokens_valid_after) > to_timestamp(s.iat))";

int
bk_db_ws_listen(struct bk_db *db, struct bk_err *err)
{
	PGresult	*res;
	int		 rc = 0;

	/* utility statements: no parameters, no prepared form */
	res = PQexec(db->pg, "SET application_name = 'revcared-listener';"
	    " LISTEN revcare_events; LISTEN revcare_revoked");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = bk_err_set(err, 503, "cannot LISTEN");
	PQclear(res);
	return rc;
}

int
bk_db_ws_start(struct bk_db *db, int64_t *cursor, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql_start, 0, NULL, err);
	if (res == NULL)
		return -1;
	*cursor = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

/* "{1,2,3}" of the lo or hi ends of ranges; caller frees. */
static char *
ranges_array(const struct bk_ws_range *ranges, int n, bool hi)
{
	char	*s;
	size_t	 cap = 2 + (size_t)n * 21, len = 0;
	int	 i;

	s = xmalloc(cap + 1);
	s[len++] = '{';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap + 1 - len, "%s%" PRId64,
		    i > 0 ? "," : "", hi ? ranges[i].hi : ranges[i].lo);
	s[len++] = '}';
	s[len] = '\0';
	return s;
}

static char *
dup_or_null(const PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return NULL;
	return xstrndup(PQgetvalue(res, r, c), (size_t)PQgetlength(res, r, c));
}

int
bk_db_ws_read(struct bk_db *db, int64_t after, int limit,
    const struct bk_ws_range *ranges, int nranges, struct bk_ws_row **rows,
    int *nrows, uint64_t *xmin, uint64_t *xmax, int64_t *top,
    struct bk_err *err)
{
	PGresult	*res;
	char		 safter[24], slimit[16], *lo, *hi;
	const char	*p[4];
	int		 i, n;

	*rows = NULL;
	*nrows = 0;
	snprintf(safter, sizeof safter, "%" PRId64, after);
	snprintf(slimit, sizeof slimit, "%d", after == INT64_MAX ? 0 : limit);
	lo = ranges_array(ranges, nranges, false);
	hi = ranges_array(ranges, nranges, true);
	p[0] = safter;
	p[1] = slimit;
	p[2] = lo;
	p[3] = hi;
	res = bk_db_query(db, sql_read, 4, p, err);
	free(lo);
	free(hi);
	if (res == NULL)
		return -1;
	*xmin = strtoull(PQgetvalue(res, 0, 0), NULL, 10);
	*xmax = strtoull(PQgetvalue(res, 0, 1), NULL, 10);
	*top = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
	n = PQgetisnull(res, 0, 3) ? 0 : PQntuples(res);
	if (n > 0)
		*rows = xcalloc((size_t)n, sizeof **rows);
	for (i = 0; i < n; i++) {
		(*rows)[i].seq = strtoll(PQgetvalue(res, i, 3), NULL, 10);
		(*rows)[i].audience = dup_or_null(res, i, 4);
		(*rows)[i].staff = dup_or_null(res, i, 5);
		(*rows)[i].customer = dup_or_null(res, i, 6);
		if ((*rows)[i].audience == NULL)
			(*rows)[i].audience = xstrdup("");
	}
	*nrows = n;
	PQclear(res);
	return 0;
}

void
bk_db_ws_rows_free(struct bk_ws_row *rows, int nrows)
{
	int	i;

	for (i = 0; i < nrows; i++) {
		free(rows[i].audience);
		free(rows[i].staff);
		free(rows[i].customer);
	}
	free(rows);
}

int
bk_db_ws_replay(struct bk_db *db, struct bk_arena *a, int64_t since,
    int64_t upto, const char *viewer, int role, int max, const char **text,
    int *count, struct bk_err *err)
{
	PGresult	*res;
	char		 ssince[24], supto[24], srole[8], slimit[16];
	const char	*p[5];

	snprintf(ssince, sizeof ssince, "%" PRId64, since);
	snprintf(supto, sizeof supto, "%" PRId64, upto);
	snprintf(srole, sizeof srole, "%d", role);
	snprintf(slimit, sizeof slimit, "%d", max + 1);
	p[0] = ssince;
	p[1] = supto;
	p[2] = viewer;
	p[3] = srole;
	p[4] = slimit;
	res = bk_db_query(db, sql_replay, 5, p, err);
	if (res == NULL)
		return -1;
	*count = (int)bk_db_long(res, 0, 0);
	*text = bk_db_str(a, res, 0, 1);
	PQclear(res);
	return 0;
}

int
bk_db_ws_recheck(struct bk_db *db, struct bk_arena *a, const char *ids,
    const char *jtis, const char *users, const char *roles, const char *iats,
    const char **text, struct bk_err *err)
{
	const char	*p[5] = { ids, jtis, users, roles, iats };

	return bk_db_value(db, a, sql_recheck, 5, p, text, err);
}
