/* Mechanic score (SPEC §5.17): points added when an admin (or the
 * automation) validates a progress entry or an analysis; never reduced. */
#ifndef BK_DB_SCORE_H
#define BK_DB_SCORE_H

#include "http.h"

struct bk_db;

/*
 * Credit the mechanic of progress entry progress_id: the difficulty of
 * each service that entry completed (each once), plus 2 when the entry
 * is a pickup, drop or return trip. *points (may be NULL) receives what
 * was added. Call once, when the entry is validated.
 */
int	bk_db_score_progress(struct bk_db *, long progress_id, long *points,
	    struct bk_err *);
/*
 * Credit the mechanic of booking_id's analysis with 3 points; *points
 * (may be NULL) receives them. Call once, when the analysis is validated.
 */
int	bk_db_score_analysis(struct bk_db *, long booking_id, long *points,
	    struct bk_err *);

#endif
