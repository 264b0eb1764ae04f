/* The booking state machine (SPEC §5.4) as one table: which role may take
 * which action from which status, to which status, under which condition.
 * The server refuses anything not in the table; the TUI offers exactly the
 * actions the table allows. */
#ifndef PROTO_FSM_H
#define PROTO_FSM_H

#include <stdbool.h>

#include "status.h"

/* Who acts: the three roles and the system (automation, gateway). */
#define PROTO_WHO_ADMIN		(1u << 1)
#define PROTO_WHO_MECHANIC	(1u << 2)
#define PROTO_WHO_CUSTOMER	(1u << 3)
#define PROTO_WHO_SYSTEM	(1u << 4)

/* X(enum suffix, wire name, label for menus) */
#define PROTO_ACTIONS(X) \
	X(CREATE, "create", "Create booking") \
	X(ASSIGN_PICKUP, "assign_pickup", "Assign pickup") \
	X(ASSIGN_ANALYSIS, "assign_analysis", "Assign analysis") \
	X(ASSIGN_SERVICE, "assign_service", "Assign service") \
	X(ASSIGN_DROP, "assign_drop", "Assign drop") \
	X(RELEASE, "release", "Release assignment") \
	X(POST_PROGRESS, "post_progress", "Post progress") \
	X(EDIT_PROGRESS, "edit_progress", "Edit progress") \
	X(VALIDATE_PROGRESS, "validate_progress", "Validate progress") \
	X(SUBMIT_ANALYSIS, "submit_analysis", "Submit analysis") \
	X(EDIT_ANALYSIS, "edit_analysis", "Edit analysis") \
	X(VALIDATE_ANALYSIS, "validate_analysis", "Validate analysis") \
	X(CONFIRM_SERVICES, "confirm_services", "Confirm services") \
	X(CANCEL, "cancel", "Cancel booking")

enum proto_action {
#define X(e, w, l) PROTO_ACT_##e,
	PROTO_ACTIONS(X)
#undef X
	PROTO_ACT_COUNT
};

/* Conditions a row needs beyond the status; the server checks them with
 * the booking's data, the TUI may show the row greyed when unknown. */
enum proto_fsm_cond {
	PROTO_COND_NONE,
	PROTO_COND_WORK_LEFT,		/* confirmed services remain */
	PROTO_COND_NO_WORK_LEFT,	/* this validation finishes the work */
	PROTO_COND_CAR_RECEIVED,	/* cancelled with the car at the shop */
};

struct proto_fsm_row {
	int			 from;		/* status id;
						 * 0 = no booking yet */
	enum proto_action	 action;
	unsigned		 who;		/* PROTO_WHO_* bits */
	int			 to;		/* status id after */
	enum proto_fsm_cond	 cond;
	const char		*rule;		/* SPEC row, e.g. "T2" */
};

extern const struct proto_fsm_row	proto_fsm_table[];
extern const unsigned			proto_fsm_count;

/* The WHO bit of a role id (1..3). */
unsigned	 proto_fsm_who(int role);
/*
 * The row for (from, action) that who may take with cond satisfied
 * (cond_met tells which conditions hold), or NULL: the move is illegal.
 */
const struct proto_fsm_row *proto_fsm_find(int from, enum proto_action,
		    unsigned who, bool (*cond_met)(enum proto_fsm_cond, void *),
		    void *arg);
/* Whether some row lets who take action from status (conditions aside). */
bool		 proto_fsm_allowed(int from, enum proto_action, unsigned who);
/* The assignment action for an assignment type id, or -1. */
int		 proto_fsm_assign_action(int assignment_type);
const char	*proto_action_name(enum proto_action);
const char	*proto_action_label(enum proto_action);
int		 proto_action_parse(const char *);

/* SPEC §5.2: the status a customer sees. drop_validated: the drop
 * progress of a delivered booking has been validated. */
const char	*proto_status_customer(int status, bool drop_validated);

#endif
