/* Which dispatch actions an admin may take on a booking now: the protocol
 * state machine (protocol/fsm.h) asked with what the client knows of the
 * booking. The commands offer exactly these; the detail screen lists
 * them. Pure. */
#ifndef TUI_MODEL_OFFERS_H
#define TUI_MODEL_OFFERS_H

#include <stdbool.h>
#include <stddef.h>

#include "fsm.h"

struct tui_row;
struct tui_detail;

enum tui_tri {
	TUI_TRI_UNKNOWN,
	TUI_TRI_NO,
	TUI_TRI_YES
};

/* What the offers depend on. */
struct tui_facts {
	long		 booking;
	int		 status_id;
	int		 active_type;		/* 0: no active assignment */
	long		 active_assignment;
	const char	*active_mech;		/* name, borrowed */
	long		 open_progress;		/* unvalidated entry, 0 none */
	bool		 analysis_open;		/* posted, not validated */
	enum tui_tri	 work_left;		/* confirmed services remain */
	enum tui_tri	 car_received;
};

/* The verbs the keys a, v, e, c and x stand for. */
enum tui_verb {
	TUI_VERB_ASSIGN,
	TUI_VERB_VALIDATE,
	TUI_VERB_EDIT,
	TUI_VERB_CANCEL,
	TUI_VERB_RELEASE,
	TUI_VERB_COUNT
};

struct tui_offer {
	enum tui_verb		 verb;
	enum proto_action	 act;
	int			 type;		/* assignment type id */
	long			 release;	/* reassign: release this one */
	long			 target;	/* progress id */
	int			 to;		/* status after (FSM) */
};

void	tui_facts_from_row(const struct tui_row *, struct tui_facts *);
void	tui_facts_add_detail(const struct tui_detail *, struct tui_facts *);
size_t	tui_offers(const struct tui_facts *, struct tui_offer *, size_t);
bool	tui_offer_pick(const struct tui_facts *, enum tui_verb,
	    struct tui_offer *);
size_t	tui_offer_label(const struct tui_offer *, const struct tui_facts *,
	    char *, size_t);

#endif
