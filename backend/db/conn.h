/* A worker's database handle: one PostgreSQL connection (and the document
 * store) used by one thread, plus the query helpers every db/ file uses. */
#ifndef BK_DB_CONN_H
#define BK_DB_CONN_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "http.h"

struct bk_docstore;
struct bk_db_stmts;

/* Owned by one worker thread (or the main thread at start-up). */
struct bk_db {
	PGconn			*pg;
	struct bk_docstore	*docs;
	char			*url;		/* libpq form */
	unsigned long		 statements;	/* counter, for benchmarks */
	bool			 retry;		/* last error: serialization */
	struct bk_db_stmts	*stmts;		/* prepared statements */
};

/* Turn a postgresql+asyncpg:// URL into libpq's form; caller frees. */
char	*bk_db_url_normalize(const char *url);
/* Connect; on failure -1 with one line in errbuf. */
int	 bk_db_open(struct bk_db *, const char *url, char *errbuf,
	    size_t errlen);
void	 bk_db_close(struct bk_db *);
/* Reconnect if the connection was lost; -1 if still down. */
int	 bk_db_ensure(struct bk_db *);

/*
 * Run one statement with text parameters (NULL = SQL NULL). Each distinct
 * statement text is prepared once per connection (PostgreSQL then reuses
 * its plan), so handlers keep plain constant SQL and still skip planning.
 * On success returns the result (caller PQclears it); on failure NULL, the
 * PostgreSQL message logged and err set from the SQLSTATE table (never the
 * message).
 */
PGresult *bk_db_query(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, struct bk_err *err);
/* The same, for statements whose rows are not needed. */
int	 bk_db_exec(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, struct bk_err *err);
int	 bk_db_begin(struct bk_db *, struct bk_err *);
int	 bk_db_commit(struct bk_db *, struct bk_err *);
void	 bk_db_rollback(struct bk_db *);

/* Row r, column c of res as a string in arena; NULL for SQL NULL. */
char	*bk_db_str(struct bk_arena *, const PGresult *, int r, int c);
long	 bk_db_long(const PGresult *, int r, int c);
bool	 bk_db_bool(const PGresult *, int r, int c);

/*
 * One-statement helpers for the shapes the db/ files repeat. Each runs sql
 * with bk_db_query, reads what it needs and PQclears the result itself.
 * Strings are copied into the arena (NULL for SQL NULL). They return 0, or
 * -1 with err set (by bk_db_query, or the 404 or problem row named).
 */

/* What the client hears for one outcome (SPEC §1.8 status and detail).
 * A 422 row becomes a value_error at loc ["body"]. */
struct bk_db_problem {
	int		 status;
	const char	*detail;
};

/* The first ncols columns of the first row in out[]; NULLs when there is
 * no row. */
int	 bk_db_values(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params, int ncols,
	    const char **out, struct bk_err *);
/* The first column of the first row in *out; NULL when there is no row. */
int	 bk_db_value(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params, const char **out,
	    struct bk_err *);
/* The same, but no row is a 404 with detail ("Admin not found."). */
int	 bk_db_value_or_404(struct bk_db *, struct bk_arena *,
	    const char *sql, int nparams, const char *const *params,
	    const char **out, const char *detail, struct bk_err *);
/* Copy the first ncols columns of the first row into out[]. No row: the
 * error none (a 404 for an update by id, a 400 for an insert that found
 * a duplicate). */
int	 bk_db_row(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params, int ncols,
	    const char **out, const struct bk_db_problem *none,
	    struct bk_err *);
/* Row 0, column 0 as a bool (false for no row or SQL NULL). */
int	 bk_db_bool1(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, bool *out, struct bk_err *);
/* Row 0, column 0 as a long (0 for no row or SQL NULL). */
int	 bk_db_long1(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, long *out, struct bk_err *);
/* Whether sql answered any row (a lock or existence probe). */
int	 bk_db_has_row(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, bool *found, struct bk_err *);
/* The number of rows an UPDATE, DELETE or INSERT touched (PQcmdTuples). */
int	 bk_db_exec_count(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, long *count, struct bk_err *);
/* An UPDATE or DELETE that must touch a row: none is a 404 with detail. */
int	 bk_db_exec_one(struct bk_db *, const char *sql, int nparams,
	    const char *const *params, const char *detail, struct bk_err *);

/*
 * A list statement answering one row: the total, and the page as a JSON
 * array text (*json, in the arena).
 */
int	 bk_db_list(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params, const char **json,
	    long *total, struct bk_err *);
/*
 * The same for the usual parameter order: $1 q (lower-cased, NULL for
 * none), $2 sort, $3 limit, $4 offset, then the nextra (at most 8) extra
 * parameters.
 */
struct bk_page;
int	 bk_db_page(struct bk_db *, struct bk_arena *, const char *sql,
	    const struct bk_page *, int nextra, const char *const *extra,
	    const char **json, long *total, struct bk_err *);

/*
 * Run a check: sql answers at most one row of one integer, 0 when the
 * change may go ahead, else an index into problems. No row at all means
 * problems[1] ("<Model> not found."). Run it in the request's transaction
 * and lock the row it reads (FOR UPDATE) so the change that follows sees
 * the same state. The arena is needed only for a 422 row.
 */
int	 bk_db_check(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params,
	    const struct bk_db_problem *problems, struct bk_err *);
/* The same for a change that reports its own outcome: when the code is 0,
 * *out is column 1 of the row (the changed row's JSON). */
int	 bk_db_check_value(struct bk_db *, struct bk_arena *, const char *sql,
	    int nparams, const char *const *params,
	    const struct bk_db_problem *problems, const char **out,
	    struct bk_err *);

/* An integer (or NULL: absent) as a parameter string in the arena. */
const char *bk_db_num(struct bk_arena *, const long *);

#endif
