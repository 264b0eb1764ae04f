/* Connections, statements, the SQLSTATE → HTTP status table, and the
 * one-statement helpers (a value, a row, a page, a check) the db/ files
 * share. Errors are logged here, where they are handled, and never sent to
 * the client. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db/conn.h"
#include "log.h"
#include "validate.h"
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

/*
 * The per-connection statement cache: statement text → prepared name, in
 * an open-addressing table. Texts are compared whole, so SQL built at run
 * time is safe too. When the table is full, statements run unprepared.
 */
#define STMT_SLOTS	512

struct stmt_slot {
	char		*sql;		/* owned copy; NULL: empty */
	unsigned	 hash;
	char		 name[16];
};

struct bk_db_stmts {
	struct stmt_slot	 slot[STMT_SLOTS];
	int			 used;
	unsigned		 next;
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

static void
stmts_clear(struct bk_db *db)
{
	int	i;

	if (db->stmts == NULL)
		return;
	for (i = 0; i < STMT_SLOTS; i++)
		free(db->stmts->slot[i].sql);
	memset(db->stmts, 0, sizeof *db->stmts);
}

static unsigned
stmt_hash(const char *s)
{
	unsigned	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The prepared name for sql, preparing it on first use; NULL to run it
 * unprepared (table full, or the prepare failed). */
static const char *
stmt_name(struct bk_db *db, const char *sql, int nparams)
{
	struct stmt_slot	*sl;
	PGresult		*res;
	unsigned		 h = stmt_hash(sql), i, n;

	if (db->stmts == NULL)
		db->stmts = xcalloc(1, sizeof *db->stmts);
	for (n = 0; n < STMT_SLOTS; n++) {
		i = (h + n) % STMT_SLOTS;
		sl = &db->stmts->slot[i];
		if (sl->sql == NULL)
			break;
		if (sl->hash == h && strcmp(sl->sql, sql) == 0)
			return sl->name;
	}
	if (n == STMT_SLOTS || db->stmts->used >= STMT_SLOTS * 3 / 4)
		return NULL;
	snprintf(sl->name, sizeof sl->name, "rc%u", db->stmts->next++);
	res = PQprepare(db->pg, sl->name, sql, nparams, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		PQclear(res);
		return NULL;	/* the execution reports the error */
	}
	PQclear(res);
	sl->sql = xstrdup(sql);
	sl->hash = h;
	db->stmts->used++;
	return sl->name;
}

void
bk_db_close(struct bk_db *db)
{
	stmts_clear(db);
	free(db->stmts);
	db->stmts = NULL;
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
	stmts_clear(db);	/* a new session has none of them */
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

/*
 * REVCARE_SQL_TRACE=<file> appends every statement with its parameters as
 * one JSON line ({"sql":…,"params":[…]}), so bench/ can replay exactly
 * what a request ran through pgbench. Off unless set; never in tests.
 */
static FILE		*trace_file;
static pthread_once_t	 trace_once = PTHREAD_ONCE_INIT;

static void
trace_open(void)
{
	const char	*path = getenv("REVCARE_SQL_TRACE");

	if (path != NULL && *path != '\0') {
		trace_file = fopen(path, "a");
		if (trace_file != NULL)
			setvbuf(trace_file, NULL, _IOLBF, 0);
	}
}

static void
trace_statement(const char *sql, int nparams, const char *const *params)
{
	cJSON	*o, *arr;
	char	*line;
	int	 i;

	pthread_once(&trace_once, trace_open);
	if (trace_file == NULL)
		return;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "sql", sql);
	arr = cJSON_AddArrayToObject(o, "params");
	for (i = 0; i < nparams; i++)
		cJSON_AddItemToArray(arr, params[i] != NULL ?
		    cJSON_CreateString(params[i]) : cJSON_CreateNull());
	line = cJSON_PrintUnformatted(o);
	fprintf(trace_file, "%s\n", line);
	free(line);
	cJSON_Delete(o);
}

PGresult *
bk_db_query(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, struct bk_err *err)
{
	PGresult	*res;
	ExecStatusType	 st;
	const char	*name;

	db->statements++;
	trace_statement(sql, nparams, params);
	name = PQtransactionStatus(db->pg) == PQTRANS_INERROR ? NULL :
	    stmt_name(db, sql, nparams);
	if (name != NULL)
		res = PQexecPrepared(db->pg, name, nparams, params, NULL, NULL,
		    0);
	else
		res = PQexecParams(db->pg, sql, nparams, NULL, params, NULL,
		    NULL, 0);
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

int
bk_db_values(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params, int ncols, const char **out,
    struct bk_err *err)
{
	PGresult	*res;
	int		 i, rows;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	rows = PQntuples(res);
	for (i = 0; i < ncols; i++)
		out[i] = rows > 0 ? bk_db_str(a, res, 0, i) : NULL;
	PQclear(res);
	return 0;
}

int
bk_db_value(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params, const char **out,
    struct bk_err *err)
{
	return bk_db_values(db, a, sql, nparams, params, 1, out, err);
}

int
bk_db_value_or_404(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params, const char **out,
    const char *detail, struct bk_err *err)
{
	const struct bk_db_problem	none = { 404, detail };

	return bk_db_row(db, a, sql, nparams, params, 1, out, &none, err);
}

int
bk_db_row(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params, int ncols, const char **out,
    const struct bk_db_problem *none, struct bk_err *err)
{
	PGresult	*res;
	int		 i, rc = -1;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		bk_err_set(err, none->status, none->detail);
		goto out;
	}
	for (i = 0; i < ncols; i++)
		out[i] = bk_db_str(a, res, 0, i);
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int
bk_db_bool1(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, bool *out, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	*out = PQntuples(res) > 0 && bk_db_bool(res, 0, 0);
	PQclear(res);
	return 0;
}

int
bk_db_long1(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, long *out, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	*out = PQntuples(res) > 0 ? bk_db_long(res, 0, 0) : 0;
	PQclear(res);
	return 0;
}

int
bk_db_has_row(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, bool *found, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	*found = PQntuples(res) > 0;
	PQclear(res);
	return 0;
}

int
bk_db_exec_count(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, long *count, struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	*count = strtol(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return 0;
}

int
bk_db_exec_one(struct bk_db *db, const char *sql, int nparams,
    const char *const *params, const char *detail, struct bk_err *err)
{
	long	n;

	if (bk_db_exec_count(db, sql, nparams, params, &n, err) != 0)
		return -1;
	if (n == 0)
		return bk_err_set(err, 404, detail);
	return 0;
}

int
bk_db_list(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params, const char **json, long *total,
    struct bk_err *err)
{
	PGresult	*res;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	*total = bk_db_long(res, 0, 0);
	*json = bk_db_str(a, res, 0, 1);
	PQclear(res);
	return 0;
}

int
bk_db_page(struct bk_db *db, struct bk_arena *a, const char *sql,
    const struct bk_page *pg, int nextra, const char *const *extra,
    const char **json, long *total, struct bk_err *err)
{
	const char	*p[12];
	int		 i;

	if (nextra > 8)
		return bk_err_set(err, 500, internal_error);
	p[0] = pg->q;
	p[1] = pg->sort;
	p[2] = bk_db_num(a, &pg->limit);
	p[3] = bk_db_num(a, &pg->offset);
	for (i = 0; i < nextra; i++)
		p[4 + i] = extra[i];
	return bk_db_list(db, a, sql, 4 + nextra, p, json, total, err);
}

int
bk_db_check(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params,
    const struct bk_db_problem *problems, struct bk_err *err)
{
	return bk_db_check_value(db, a, sql, nparams, params, problems, NULL,
	    err);
}

int
bk_db_check_value(struct bk_db *db, struct bk_arena *a, const char *sql,
    int nparams, const char *const *params,
    const struct bk_db_problem *problems, const char **out,
    struct bk_err *err)
{
	PGresult	*res;
	long		 code;

	res = bk_db_query(db, sql, nparams, params, err);
	if (res == NULL)
		return -1;
	code = PQntuples(res) == 0 ? 1 : bk_db_long(res, 0, 0);
	if (code == 0 && out != NULL)
		*out = bk_db_str(a, res, 0, 1);
	PQclear(res);
	if (code == 0)
		return 0;
	if (problems[code].status == 422)
		return bk_err_value(err, a, NULL, problems[code].detail);
	return bk_err_set(err, problems[code].status, problems[code].detail);
}

const char *
bk_db_num(struct bk_arena *a, const long *n)
{
	if (n == NULL)
		return NULL;
	return bk_arena_printf(a, "%ld", *n);
}
