/* Maintenance SQL. */
#include <stdio.h>
#include <stdlib.h>

#include "db/conn.h"
#include "db/events.h"
#include "db/maintenance.h"

#define MAINT_ETA_LOCK	"7364021948"	/* advisory lock: one sweeper */

static const char *sql_purge =
    "WITH a AS (DELETE FROM revoked_tokens WHERE expires_at < now()"
    "  RETURNING 1),"
    " b AS (DELETE FROM login_throttle WHERE (locked_until IS NULL OR"
    "  locked_until < now()) AND window_start < now() - interval '1 day'"
    "  RETURNING 1),"
    " c AS (DELETE FROM idempotency_keys WHERE created_at < now() -"
    "  interval '24 hours' RETURNING 1),"
    " d AS (DELETE FROM refresh_tokens WHERE expires_at < now() -"
    "  interval '30 days' RETURNING 1)"
    " SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) +"
    "  (SELECT count(*) FROM c) + (SELECT count(*) FROM d)";

static const char *sql_eta_changed =
    "WITH cur AS (SELECT b.id, revcare_eta_risk(b.id) AS risk,"
    "  b.promised_at FROM bookings b WHERE b.status_id NOT IN (9, 10)),"
    " last AS (SELECT DISTINCT ON (e.booking_id) e.booking_id,"
    "  e.payload->'data'->>'eta_risk' AS risk FROM booking_events e"
    "  WHERE e.kind = 'eta_risk' ORDER BY e.booking_id, e.seq DESC)"
    " SELECT cur.id, json_build_object('eta_risk', cur.risk,"
    "  'promised_at', revcare_ts(cur.promised_at))"
    " FROM cur LEFT JOIN last ON last.booking_id = cur.id"
    " WHERE cur.risk IS DISTINCT FROM coalesce(last.risk, 'on_track')"
    " ORDER BY cur.id";

int
bk_db_maint_purge(struct bk_db *db, long *n, struct bk_err *err)
{
	return bk_db_long1(db, sql_purge, 0, NULL, n, err);
}

int
bk_db_maint_eta(struct bk_db *db, long *n, struct bk_err *err)
{
	PGresult	*res;
	int		 i, rc = -1;

	*n = 0;
	res = bk_db_query(db, "SELECT pg_try_advisory_xact_lock("
	    MAINT_ETA_LOCK ")", 0, NULL, err);
	if (res == NULL)
		return -1;
	if (!bk_db_bool(res, 0, 0)) {
		PQclear(res);
		return 0;		/* another node is sweeping */
	}
	PQclear(res);
	res = bk_db_query(db, sql_eta_changed, 0, NULL, err);
	if (res == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		if (bk_db_events_add(db, bk_db_long(res, i, 0), "eta_risk",
		    "system", 0, PQgetvalue(res, i, 1), NULL, err) != 0)
			goto out;
	*n = PQntuples(res);
	rc = 0;
out:
	PQclear(res);
	return rc;
}
