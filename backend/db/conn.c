/* Connections, statements and the SQLSTATE → HTTP status table. Errors are
 * logged here, where they are handled, and never sent to the client. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db/conn.h"
#include "log.h"
#include "xmalloc.h"

/* SQLSTATE → what the client hears (SPEC §1.8). */
static const struct {
	const char	*sqlstate;
	int		 status;
	const char	*detail;
	bool		 retry;
} sqlstate_table[] = {
	{ "23505", 400, "Record already exists with the same unique field.",
	    false },
	{ "23503", 400, "Invalid foreign key reference", false },
	{ "23514", 400, "Duplicate value or constraint violation.", false },
	{ "23502", 400, "Duplicate value or constraint violation.", false },
	{ "23P01", 400, "Duplicate value or constraint violation.", false },
	{ "40001", 409, "The record changed meanwhile. Please try again.",
	    true },
	{ "40P01", 409, "The record changed meanwhile. Please try again.",
	    true },
	{ "55P03", 409, "The record is busy. Please try again.", false },
	{ "57014", 503, "The database took too long to answer.", false },
};

static const char *internal_error =
    "An unexpected error occurred. Please try again later.";

char *
bk_db_url_normalize(const char *url)
{
	static const char *prefixes[] = {
		"postgresql+asyncpg://", "postgresql+psycopg://",
		"postgresql+psycopg2://", "postgres+asyncpg://",
	};
	size_t	 i, n;
	char	*out;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		n = strlen(prefixes[i]);
		if (strncmp(url, prefixes[i], n) == 0) {
			xasprintf(&out, "postgresql://%s", url + n);
			return out;
		}
	}
	return xstrdup(url);
}

/* Per-connection settings SQL functions read (revcare_eta_risk). */
static void
db_session_settings(struct bk_db *db)
{
	PGresult	*res;
	char		 hrs[24];
	const char	*p[1] = { hrs };

	snprintf(hrs, sizeof hrs, "%ld", bk_cfg.working_hrs > 0 ?
	    bk_cfg.working_hrs : 9);
	res = PQexecParams(db->pg, "SELECT set_config('revcare.working_hrs',"
	    " $1, false), set_config('TimeZone', 'UTC', false)", 1, NULL, p,
	    NULL, NULL, 0);
	PQclear(res);
}

int
bk_db_open(struct bk_db *db, const char *url, char *errbuf, size_t errlen)
{
	memset(db, 0, sizeof *db);
	db->url = bk_db_url_normalize(url);
	db->pg = PQconnectdb(db->url);
	if (PQstatus(db->pg) != CONNECTION_OK) {
		snprintf(errbuf, errlen, "cannot connect to PostgreSQL: %s",
		    PQerrorMessage(db->pg));
		errbuf[strcspn(errbuf, "\n")] = '\0';
		return -1;
	}
	db_session_settings(db);
	return 0;
}

void
bk_db_close(struct bk_db *db)
{
	if (db->pg != NULL)
		PQfinish(db->pg);
	db->pg = NULL;
	free(db->url);
	db->url = NULL;
}

int
bk_db_ensure(struct bk_db *db)
{
	if (db->pg != NULL && PQstatus(db->pg) == CONNECTION_OK)
		return 0;
	if (db->pg == NULL)
		db->pg = PQconnectdb(db->url);
	else
		PQreset(db->pg);
	if (PQstatus(db->pg) != CONNECTION_OK) {
		bk_log_error("database: %s", PQerrorMessage(db->pg));
		return -1;
	}
	db_session_settings(db);
	bk_log_info("database: reconnected");
	return 0;
}

static void
db_map_error(struct bk_db *db, const PGresult *res, struct bk_err *err)
{
	const char	*state;
	size_t		 i;

	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	db->retry = false;
	if (state != NULL)
		for (i = 0; i < sizeof sqlstate_table /
		    sizeof sqlstate_table[0]; i++)
			if (strcmp(state, sqlstate_table[i].sqlstate) == 0) {
				db->retry = sqlstate_table[i].retry;
				bk_err_set(err, sqlstate_table[i].status,
				    sqlstate_table[i].detail);
				return;
			}
	bk_log_error("database: %s%s", state != NULL ? state : "",
	    res != NULL ? PQresultErrorMessage(res) : PQerrorMessage(db->pg));
	bk_err_set(err, 500, internal_error);
}

PGresult *
bk_db_query(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, struct bk_err *err)
{
	PGresult	*res;
	ExecStatusType	 st;

	db->statements++;
	res = PQexecParams(db->pg, sql, nparams, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	db_map_error(db, res, err);
	PQclear(res);
	return NULL;
}

int
bk_db_exec(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int
bk_db_begin(struct bk_db *db, struct bk_err *err)
{
	return bk_db_exec(db, "BEGIN", 0, NULL, err);
}

int
bk_db_commit(struct bk_db *db, struct bk_err *err)
{
	return bk_db_exec(db, "COMMIT", 0, NULL, err);
}

void
bk_db_rollback(struct bk_db *db)
{
	PGresult	*res;

	if (PQtransactionStatus(db->pg) == PQTRANS_IDLE)
		return;
	res = PQexec(db->pg, "ROLLBACK");
	PQclear(res);
}

char *
bk_db_str(struct bk_arena *a, const PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return NULL;
	return bk_arena_strndup(a, PQgetvalue(res, r, c),
	    (size_t)PQgetlength(res, r, c));
}

long
bk_db_long(const PGresult *res, int r, int c)
{
	if (PQgetisnull(res, r, c))
		return 0;
	return strtol(PQgetvalue(res, r, c), NULL, 10);
}

bool
bk_db_bool(const PGresult *res, int r, int c)
{
	return !PQgetisnull(res, r, c) && PQgetvalue(res, r, c)[0] == 't';
}
