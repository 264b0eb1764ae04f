/* The SQL of the live event stream: where the listener starts, the rows it
 * reads by seq (with the snapshot that tells a gap that may still fill
 * from one that never will), a socket's replay, and the batch re-check of
 * connected sockets' tokens. Events come out as the finished JSON text of
 * their stream message, in the staff form and the customer form. */
#ifndef BK_DB_WS_H
#define BK_DB_WS_H

#include <stdint.h>

#include "http.h"

struct bk_db;

/* One booking_events row as the listener hands it on. */
struct bk_ws_row {
	int64_t		 seq;
	char		*audience;	/* "CST000001,MEC000002" or "" */
	char		*staff;		/* event message for staff */
	char		*customer;	/* customer form; NULL: no audience */
};

/* A range of seqs the listener waits for (or gave up on). */
struct bk_ws_range {
	int64_t		 lo, hi;
};

/*
 * Make db the listener's session: named revcared-listener (so operators
 * and tests can find it in pg_stat_activity), LISTENing on revcare_events
 * and revcare_revoked.
 */
int	bk_db_ws_listen(struct bk_db *, struct bk_err *);

/*
 * Where a listener starts: the highest committed seq, or, if a seq in the
 * last 1000 below it is missing (a transaction that may still commit),
 * the one before the lowest such, so the listener's first read sees
 * that gap and waits for it like any other.
 */
int	bk_db_ws_start(struct bk_db *, int64_t *cursor, struct bk_err *);

/*
 * Rows with seq > after (at most limit; none if after is INT64_MAX) and
 * those inside the ranges, ascending, in *rows (caller frees with
 * bk_db_ws_rows_free), with the reading snapshot's xmin and xmax and the
 * highest seq in the table (*top). One statement, so rows and snapshot
 * agree. Listener thread.
 */
int	bk_db_ws_read(struct bk_db *, int64_t after, int limit,
	    const struct bk_ws_range *ranges, int nranges,
	    struct bk_ws_row **rows, int *nrows, uint64_t *xmin,
	    uint64_t *xmax, int64_t *top, struct bk_err *);
void	bk_db_ws_rows_free(struct bk_ws_row *rows, int nrows);

/*
 * A socket's replay: the event messages visible to viewer (role 1 sees
 * all) with since < seq <= upto, ascending, one per line in *text (arena),
 * in the form of the viewer's role; *count of them, at most max + 1 (the
 * caller treats max + 1 as "too many"). Worker thread.
 */
int	bk_db_ws_replay(struct bk_db *, struct bk_arena *, int64_t since,
	    int64_t upto, const char *viewer, int role, int max,
	    const char **text, int *count, struct bk_err *);

/*
 * The §2.3 steps 4-5 for many sockets at once. The arrays are PostgreSQL
 * array texts of equal length: socket ids, jtis, user ids, roles, iats.
 * *text (arena) gets one line "<id> <jti> revoked" or "<id> <jti> invalid"
 * per socket that fails. Worker thread.
 */
int	bk_db_ws_recheck(struct bk_db *, struct bk_arena *, const char *ids,
	    const char *jtis, const char *users, const char *roles,
	    const char *iats, const char **text, struct bk_err *);

#endif
