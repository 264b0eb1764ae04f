/*
 * The admin's board: one row per booking, built from a dashboard snapshot
 * and kept current by booking events. Pure state and pure reducers, owned
 * by the UI thread and unit-tested (tests/unit/tui_model_test.c).
 *
 * Ordering without trust in arrival order: every group of fields carries
 * the seq of the event (or snapshot) that last wrote it, and a write with
 * a seq not newer than the stamp is ignored. So applying a snapshot and a
 * set of events gives the same rows whatever the order they arrive in, and
 * a duplicate changes nothing.
 */
#ifndef TUI_MODEL_BOARD_H
#define TUI_MODEL_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "status.h"
#include "model/events.h"

/* X(enum suffix, wire name, rank in the urgency order) */
#define TUI_ACTIONS_REQ(X) \
	X(VALIDATE, "validate", 0) \
	X(ASSIGN, "assign", 1) \
	X(WAITING, "waiting", 2) \
	X(NONE, "none", 3) \
	X(UNKNOWN, "?", 4)

enum tui_action_req {
#define X(e, w, r) TUI_ACTREQ_##e,
	TUI_ACTIONS_REQ(X)
#undef X
	TUI_ACTREQ_COUNT
};

#define TUI_ETAS(X) \
	X(OVERDUE, "overdue", 0) \
	X(AT_RISK, "at_risk", 1) \
	X(ON_TRACK, "on_track", 2) \
	X(NONE, "", 3)

enum tui_eta {
#define X(e, w, r) TUI_ETA_##e,
	TUI_ETAS(X)
#undef X
	TUI_ETA_COUNT
};

/* The mechanic last given one assignment type on a booking. */
struct tui_slot {
	char		*mech_id;	/* NULL: never assigned */
	char		*mech_name;
	long		 assignment_id;
	bool		 active;	/* still assigned */
	bool		 released;	/* withdrawn before it was done */
	int64_t		 seq;		/* stamp */
};

struct tui_row {
	long		 id;
	/* the summary: dashboard row or event booking summary */
	char		*customer;
	char		*customer_id;
	char		*car;		/* "Maruti Suzuki Swift" */
	char		*reg;
	int		 status_id;
	enum tui_action_req action;
	enum tui_eta	 eta;
	char		*payment_method;
	char		 pickup_date[11];
	char		 drop_date[11];
	time_t		 created_at;
	time_t		 promised_at;
	int64_t		 sum_seq;	/* stamp of the summary */
	/* when the booking entered its status (status_changed events) */
	time_t		 status_since;
	int64_t		 since_seq;
	/* the newest progress entry (dashboard, progress events) */
	long		 progress_id;	/* 0: none */
	bool		 progress_validated;
	int64_t		 prog_seq;
	/* the analysis report */
	bool		 has_analysis;
	bool		 analysis_validated;
	int64_t		 ana_seq;
	/* mechanics by assignment type id (1..4); [0] unused */
	struct tui_slot	 slot[PROTO_ASSIGN_MAX + 1];
	long long	 flash_until;	/* ms: highlighted until then */
};

enum tui_sort {
	TUI_SORT_URGENCY,
	TUI_SORT_STATUS,
	TUI_SORT_AGE,
	TUI_SORT_ID,
	TUI_SORT_CUSTOMER,
	TUI_SORT_COUNT
};

struct tui_board {
	struct tui_row	*rows;		/* by id, ascending */
	size_t		 n;
	size_t		 cap;
	int64_t		 seq;		/* newest seq applied: resume here */
	int64_t		 snap_seq;	/* X-Event-Seq of the last snapshot */
	int64_t		 hist_seq;	/* history read up to here */
	bool		 loaded;	/* a snapshot has been applied */
	bool		 stale;		/* an event we could not apply */
	/* what is shown: filter words, sort, closed rows, the selection */
	char		 filter[128];
	enum tui_sort	 sort;
	bool		 show_closed;
	long		 selected;	/* booking id, 0: the first row */
	long		*vis;		/* ids shown, in order */
	size_t		 nvis;
};

void		 tui_board_init(struct tui_board *);
void		 tui_board_cleanup(struct tui_board *);
void		 tui_row_cleanup(struct tui_row *);
void		 tui_row_copy(struct tui_row *, const struct tui_row *);
int		 tui_row_parse_dashboard(const cJSON *, struct tui_row *);
int		 tui_row_parse_summary(const cJSON *, struct tui_row *);
int		 tui_board_parse_snapshot(const char *, struct tui_row **,
		     size_t *);
void		 tui_rows_free(struct tui_row *, size_t);

bool		 tui_board_apply_snapshot(struct tui_board *,
		     const struct tui_row *, size_t, int64_t, long long);
bool		 tui_board_apply_event(struct tui_board *,
		     const struct tui_event *, long long);
struct tui_row	*tui_board_find(const struct tui_board *, long);

bool		 tui_row_is_open(const struct tui_row *);
bool		 tui_row_matches(const struct tui_row *, const char *);
void		 tui_board_view(struct tui_board *);
const struct tui_row *tui_board_selected(const struct tui_board *);
void		 tui_board_move(struct tui_board *, int);
int		 tui_board_selected_index(const struct tui_board *);
int		 tui_row_active_type(const struct tui_row *);
long long	 tui_board_next_flash(const struct tui_board *, long long);

const char	*tui_action_req_name(enum tui_action_req);
enum tui_action_req tui_action_req_parse(const char *);
const char	*tui_eta_name(enum tui_eta);
enum tui_eta	 tui_eta_parse(const char *);
const char	*tui_sort_name(enum tui_sort);

#endif
