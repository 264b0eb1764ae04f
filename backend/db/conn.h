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
 * its plan), so handlers keep plain constant SQL and still skip planning. On success
 * returns the result (caller PQclears it); on failure NULL, the PostgreSQL
 * message logged and err set from the SQLSTATE table (never the message).
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

#endif
