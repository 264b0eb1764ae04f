/* The JSONB document store: the documents table (SPEC §4.7) on the worker's
 * own PGconn, borrowed, so every statement joins the caller's transaction.
 * Values travel only as parameters; sort orders pick a whole statement. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docstore.h"
#include "log.h"
#include "xmalloc.h"

#define PG_PING_MS	2000

/* SQLSTATE → status; everything else is a logged 500. */
static const struct {
	const char	*sqlstate;
	int		 status;
	const char	*detail;
} pg_states[] = {
	{ "23505", 409, bk_docstore_exists },
	{ "40001", 409, "The record changed meanwhile. Please try again." },
	{ "40P01", 409, "The record changed meanwhile. Please try again." },
};

/* Reads the table, so a missing migration fails the readiness check. */
static const char pg_ping_sql[] =
    "SELECT 1 FROM documents LIMIT 1";

/* A conflict on any unique index inserts nothing and, unlike an error,
 * leaves the caller's transaction usable. */
static const char pg_insert_sql[] =
    "INSERT INTO documents (collection, id, doc) "
    "VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING";

static const char pg_get_sql[] =
    "SELECT doc FROM documents WHERE collection = $1 AND id = $2";

static const char pg_find_one_sql[] =
    "SELECT doc FROM documents "
    "WHERE collection = $1 AND doc->>($2::text) = $3 "
    "AND jsonb_typeof(doc->($2::text)) = 'string' "
    "ORDER BY created_at, id LIMIT 1";

static const char pg_update_sql[] =
    "UPDATE documents SET doc = doc || $3::jsonb, updated_at = now() "
    "WHERE collection = $1 AND id = $2 RETURNING doc";

static const char pg_delete_sql[] =
    "DELETE FROM documents WHERE collection = $1 AND id = $2";

static const char pg_count_sql[] =
    "SELECT count(*) FROM documents "
    "WHERE collection = $1 AND ($2::jsonb IS NULL OR doc @> $2::jsonb)";

/*
 * A page, by [sorted][desc]: $1 collection, $2 filter (containment of
 * string values is string equality), $3 limit (NULL: all), $4 offset, $5
 * the sort field. jsonb ordering sorts numbers as numbers; a missing field
 * is NULL, first ascending and last descending, as MongoDB orders it.
 */
#define PG_PAGE_WHERE \
    "SELECT doc FROM documents " \
    "WHERE collection = $1 AND ($2::jsonb IS NULL OR doc @> $2::jsonb) "
static const struct {
	const char	*sql;
	int		 nparams;
} pg_page[2][2] = {
	{
		{ PG_PAGE_WHERE "ORDER BY created_at, id "
		    "LIMIT $3::bigint OFFSET $4::bigint", 4 },
		{ PG_PAGE_WHERE "ORDER BY created_at DESC, id DESC "
		    "LIMIT $3::bigint OFFSET $4::bigint", 4 },
	},
	{
		{ PG_PAGE_WHERE "ORDER BY doc->($5::text) ASC NULLS FIRST, id "
		    "LIMIT $3::bigint OFFSET $4::bigint", 5 },
		{ PG_PAGE_WHERE "ORDER BY doc->($5::text) DESC NULLS LAST, "
		    "id DESC LIMIT $3::bigint OFFSET $4::bigint", 5 },
	},
};

/* Run one statement; on failure NULL with err set from pg_states or a
 * logged 500. */
static PGresult *
pg_query(PGconn *pg, const char *what, const char *sql, int nparams,
    const char *const *params, struct bk_err *err)
{
	PGresult	*res;
	ExecStatusType	 st;
	const char	*state;
	size_t		 i;

	res = PQexecParams(pg, sql, nparams, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	for (i = 0; state != NULL && i < sizeof pg_states /
	    sizeof pg_states[0]; i++)
		if (strcmp(state, pg_states[i].sqlstate) == 0) {
			bk_err_set(err, pg_states[i].status,
			    pg_states[i].detail);
			goto out;
		}
	bk_docstore_fail(err, what, res != NULL ? PQresultErrorMessage(res) :
	    PQerrorMessage(pg));
out:
	PQclear(res);
	return NULL;
}

/* Row r of res as a new cJSON document. */
static int
pg_doc(const PGresult *res, int r, const char *what, cJSON **out,
    struct bk_err *err)
{
	*out = cJSON_ParseWithLength(PQgetvalue(res, r, 0),
	    (size_t)PQgetlength(res, r, 0));
	if (*out == NULL)
		return bk_docstore_fail(err, what, "cannot parse stored JSON");
	return 0;
}

static void *
pg_open(const struct bk_config *cfg, PGconn *pg, char *errbuf, size_t errlen)
{
	(void)cfg;
	if (pg == NULL) {
		snprintf(errbuf, errlen,
		    "document store: no PostgreSQL connection");
		return NULL;
	}
	return pg;
}

static void
pg_close(void *impl)
{
	(void)impl;	/* the connection is the caller's */
}

static long
pg_ms_left(const struct timespec *deadline)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

/* Ask the server to stop the running statement (its result then arrives
 * as an error and is drained by the caller). */
static void
pg_cancel(PGconn *pg)
{
	PGcancel	*c;
	char		 buf[256];

	c = PQgetCancel(pg);
	if (c != NULL && PQcancel(c, buf, sizeof buf) == 0)
		bk_log_warn("docstore: ping: cannot cancel: %s", buf);
	PQfreeCancel(c);
}

/* The statement is sent asynchronously so the wait is bounded: past the
 * budget it is cancelled and the ping fails. */
static int
pg_ping(void *impl, struct bk_err *err)
{
	PGconn		*pg = impl;
	PGresult	*res;
	struct pollfd	 pfd;
	struct timespec	 deadline;
	char		 why[512] = "";
	long		 left;

	if (PQsendQueryParams(pg, pg_ping_sql, 0, NULL, NULL, NULL, NULL,
	    0) == 0)
		return bk_docstore_fail(err, "ping", PQerrorMessage(pg));
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += PG_PING_MS / 1000;
	while (PQisBusy(pg)) {
		left = pg_ms_left(&deadline);
		if (left <= 0) {
			snprintf(why, sizeof why, "no answer within %d ms",
			    PG_PING_MS);
			pg_cancel(pg);
			break;
		}
		pfd.fd = PQsocket(pg);
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)left) == -1 && errno != EINTR) {
			snprintf(why, sizeof why, "poll: %s", strerror(errno));
			pg_cancel(pg);
			break;
		}
		if (PQconsumeInput(pg) == 0)
			break;		/* the error comes as a result */
	}
	/* Drain every result, so the connection is ready for the next. */
	while ((res = PQgetResult(pg)) != NULL) {
		if (PQresultStatus(res) != PGRES_TUPLES_OK && why[0] == '\0')
			snprintf(why, sizeof why, "%s",
			    PQresultErrorMessage(res));
		PQclear(res);
	}
	if (why[0] != '\0')
		return bk_docstore_fail(err, "ping", why);
	return 0;
}

static int
pg_insert(void *impl, const char *coll, const cJSON *doc,
    struct bk_err *err)
{
	PGresult	*res = NULL;
	const char	*params[3];
	char		*text;
	int		 rc = -1;

	text = cJSON_PrintUnformatted(doc);
	if (text == NULL)
		return bk_docstore_fail(err, "insert", "cannot print document");
	params[0] = coll;
	params[1] = cJSON_GetObjectItemCaseSensitive(doc, "_id")->valuestring;
	params[2] = text;
	res = pg_query(impl, "insert", pg_insert_sql, 3, params, err);
	if (res == NULL)
		goto out;
	if (strcmp(PQcmdTuples(res), "1") != 0) {
		bk_err_set(err, 409, bk_docstore_exists);
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	cJSON_free(text);
	return rc;
}

static int
pg_get(void *impl, const char *coll, const char *id, cJSON **out,
    struct bk_err *err)
{
	PGresult	*res;
	const char	*params[2] = { coll, id };
	int		 rc = -1;

	res = pg_query(impl, "get", pg_get_sql, 2, params, err);
	if (res == NULL)
		goto out;
	if (PQntuples(res) == 0) {
		bk_err_set(err, 404, bk_docstore_not_found);
		goto out;
	}
	rc = pg_doc(res, 0, "get", out, err);
out:
	PQclear(res);
	return rc;
}

static int
pg_find_one(void *impl, const char *coll, const char *field,
    const char *value, cJSON **out, struct bk_err *err)
{
	PGresult	*res;
	const char	*params[3] = { coll, field, value };
	int		 rc = -1;

	res = pg_query(impl, "find_one", pg_find_one_sql, 3, params, err);
	if (res == NULL)
		goto out;
	if (PQntuples(res) == 0)
		rc = 0;
	else
		rc = pg_doc(res, 0, "find_one", out, err);
out:
	PQclear(res);
	return rc;
}

static int
pg_update(void *impl, const char *coll, const char *id, const cJSON *set,
    cJSON **after, struct bk_err *err)
{
	PGresult	*res = NULL;
	const char	*params[3];
	char		*text;
	int		 rc = -1;

	text = cJSON_PrintUnformatted(set);
	if (text == NULL)
		return bk_docstore_fail(err, "update", "cannot print $set");
	params[0] = coll;
	params[1] = id;
	params[2] = text;
	res = pg_query(impl, "update", pg_update_sql, 3, params, err);
	if (res == NULL)
		goto out;
	if (PQntuples(res) == 0) {
		bk_err_set(err, 404, bk_docstore_not_found);
		goto out;
	}
	rc = pg_doc(res, 0, "update", after, err);
out:
	PQclear(res);
	cJSON_free(text);
	return rc;
}

static int
pg_delete(void *impl, const char *coll, const char *id, struct bk_err *err)
{
	PGresult	*res;
	const char	*params[2] = { coll, id };
	int		 rc = -1;

	res = pg_query(impl, "delete", pg_delete_sql, 2, params, err);
	if (res == NULL)
		goto out;
	if (strcmp(PQcmdTuples(res), "0") == 0) {
		bk_err_set(err, 404, bk_docstore_not_found);
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

static int
pg_list(void *impl, const char *coll, const cJSON *filter,
    const char *sort_field, bool desc, long limit, long offset,
    cJSON **list, long *total, struct bk_err *err)
{
	PGresult	*count = NULL, *page = NULL;
	const char	*params[5];
	char		*ftext = NULL, lim[24], off[24];
	cJSON		*arr = NULL, *doc;
	int		 i, rc = -1, sorted = sort_field != NULL;

	if (filter != NULL) {
		ftext = cJSON_PrintUnformatted(filter);
		if (ftext == NULL) {
			bk_docstore_fail(err, "list", "cannot print filter");
			goto out;
		}
	}
	snprintf(lim, sizeof lim, "%ld", limit);
	snprintf(off, sizeof off, "%ld", offset);
	params[0] = coll;
	params[1] = ftext;
	params[2] = limit > 0 ? lim : NULL;
	params[3] = off;
	params[4] = sort_field;
	count = pg_query(impl, "list", pg_count_sql, 2, params, err);
	if (count == NULL)
		goto out;
	page = pg_query(impl, "list", pg_page[sorted][desc].sql,
	    pg_page[sorted][desc].nparams, params, err);
	if (page == NULL)
		goto out;
	arr = cJSON_CreateArray();
	for (i = 0; i < PQntuples(page); i++) {
		if (pg_doc(page, i, "list", &doc, err) != 0)
			goto out;
		cJSON_AddItemToArray(arr, doc);
	}
	*total = strtol(PQgetvalue(count, 0, 0), NULL, 10);
	*list = arr;
	arr = NULL;
	rc = 0;
out:
	cJSON_Delete(arr);
	PQclear(page);
	PQclear(count);
	cJSON_free(ftext);
	return rc;
}

const struct bk_docstore_ops bk_docstore_pg_ops = {
	.kind = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.ping = pg_ping,
	.insert = pg_insert,
	.get = pg_get,
	.find_one = pg_find_one,
	.update = pg_update,
	.delete = pg_delete,
	.list = pg_list,
};
