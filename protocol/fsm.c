/* The booking state machine table and its lookups (SPEC §5.4). */
#include <stddef.h>
#include <string.h>

#include "fsm.h"

#define A	PROTO_WHO_ADMIN
#define M	PROTO_WHO_MECHANIC
#define C	PROTO_WHO_CUSTOMER
#define S	PROTO_WHO_SYSTEM

#define BOOKED		PROTO_STATUS_BOOKED
#define PICKUP		PROTO_STATUS_PICKUP
#define RECEIVED	PROTO_STATUS_RECEIVED
#define ANALYSIS	PROTO_STATUS_ANALYSIS
#define ANALYSED	PROTO_STATUS_ANALYSED
#define IN_PROGRESS	PROTO_STATUS_IN_PROGRESS
#define COMPLETED	PROTO_STATUS_COMPLETED
#define OUT		PROTO_STATUS_OUT_FOR_DELIVERY
#define DELIVERED	PROTO_STATUS_DELIVERED
#define CANCELLED	PROTO_STATUS_CANCELLED

#define R(from, act, who, to, cond, rule) \
	{ from, PROTO_ACT_##act, who, to, PROTO_COND_##cond, rule }

const struct proto_fsm_row proto_fsm_table[] = {
	R(0, CREATE, C | A, BOOKED, NONE, "T1"),

	R(BOOKED, ASSIGN_PICKUP, A | S, PICKUP, NONE, "T2"),
	R(PICKUP, POST_PROGRESS, M, RECEIVED, NONE, "T3"),
	R(RECEIVED, EDIT_PROGRESS, A, RECEIVED, NONE, "T3"),
	R(RECEIVED, VALIDATE_PROGRESS, A | S, RECEIVED, NONE, "T3"),
	R(RECEIVED, ASSIGN_ANALYSIS, A | S, ANALYSIS, NONE, "T4"),
	R(ANALYSIS, SUBMIT_ANALYSIS, M, ANALYSED, NONE, "T5"),
	R(ANALYSED, EDIT_ANALYSIS, A, ANALYSED, NONE, "T5"),
	R(ANALYSED, VALIDATE_ANALYSIS, A | S, ANALYSED, NONE, "T5"),
	R(ANALYSED, CONFIRM_SERVICES, C | A | S, IN_PROGRESS, NONE, "T6"),
	R(IN_PROGRESS, ASSIGN_SERVICE, A | S, IN_PROGRESS, WORK_LEFT, "T7"),
	R(IN_PROGRESS, POST_PROGRESS, M, IN_PROGRESS, NONE, "T7"),
	R(IN_PROGRESS, EDIT_PROGRESS, A, IN_PROGRESS, NONE, "T7"),
	R(IN_PROGRESS, VALIDATE_PROGRESS, A | S, IN_PROGRESS, WORK_LEFT,
	    "T7"),
	R(IN_PROGRESS, VALIDATE_PROGRESS, A | S, COMPLETED, NO_WORK_LEFT,
	    "T8"),
	R(COMPLETED, ASSIGN_DROP, A | S, OUT, NONE, "T9"),
	R(OUT, POST_PROGRESS, M, DELIVERED, NONE, "T10"),
	R(DELIVERED, EDIT_PROGRESS, A, DELIVERED, NONE, "T10"),
	R(DELIVERED, VALIDATE_PROGRESS, A | S, DELIVERED, NONE, "T10"),

	R(BOOKED, CANCEL, C | A, CANCELLED, NONE, "T11"),
	R(PICKUP, CANCEL, C | A, CANCELLED, NONE, "T11"),
	R(RECEIVED, CANCEL, C | A, CANCELLED, NONE, "T11"),
	R(ANALYSIS, CANCEL, C | A, CANCELLED, NONE, "T11"),
	R(ANALYSED, CANCEL, C | A, CANCELLED, NONE, "T11"),
	R(IN_PROGRESS, CANCEL, C | A, CANCELLED, NONE, "T11"),

	R(CANCELLED, ASSIGN_DROP, A | S, CANCELLED, CAR_RECEIVED, "T12"),
	R(CANCELLED, POST_PROGRESS, M, CANCELLED, NONE, "T12"),
	R(CANCELLED, EDIT_PROGRESS, A, CANCELLED, NONE, "T12"),
	R(CANCELLED, VALIDATE_PROGRESS, A | S, CANCELLED, NONE, "T12"),

	R(PICKUP, RELEASE, A | M, BOOKED, NONE, "T13"),
	R(ANALYSIS, RELEASE, A | M, RECEIVED, NONE, "T13"),
	R(IN_PROGRESS, RELEASE, A | M, IN_PROGRESS, NONE, "T13"),
	R(OUT, RELEASE, A | M, COMPLETED, NONE, "T13"),
	R(CANCELLED, RELEASE, A | M, CANCELLED, NONE, "T13"),
};

const unsigned proto_fsm_count = sizeof proto_fsm_table /
    sizeof proto_fsm_table[0];

static const struct {
	const char	*name;
	const char	*label;
} action_names[] = {
#define X(e, w, l) { w, l },
	PROTO_ACTIONS(X)
#undef X
};

unsigned
proto_fsm_who(int role)
{
	return role >= 1 && role <= 3 ? 1u << role : 0;
}

const struct proto_fsm_row *
proto_fsm_find(int from, enum proto_action action, unsigned who,
    bool (*cond_met)(enum proto_fsm_cond, void *), void *arg)
{
	const struct proto_fsm_row	*r;
	unsigned			 i;

	for (i = 0; i < proto_fsm_count; i++) {
		r = &proto_fsm_table[i];
		if (r->from != from || r->action != action ||
		    (r->who & who) == 0)
			continue;
		if (r->cond != PROTO_COND_NONE &&
		    (cond_met == NULL || !cond_met(r->cond, arg)))
			continue;
		return r;
	}
	return NULL;
}

bool
proto_fsm_allowed(int from, enum proto_action action, unsigned who)
{
	unsigned	i;

	for (i = 0; i < proto_fsm_count; i++)
		if (proto_fsm_table[i].from == from &&
		    proto_fsm_table[i].action == action &&
		    (proto_fsm_table[i].who & who) != 0)
			return true;
	return false;
}

int
proto_fsm_assign_action(int type)
{
	switch (type) {
	case PROTO_ASSIGN_PICKUP:
		return PROTO_ACT_ASSIGN_PICKUP;
	case PROTO_ASSIGN_ANALYSIS:
		return PROTO_ACT_ASSIGN_ANALYSIS;
	case PROTO_ASSIGN_SERVICE:
		return PROTO_ACT_ASSIGN_SERVICE;
	case PROTO_ASSIGN_DROP:
		return PROTO_ACT_ASSIGN_DROP;
	}
	return -1;
}

const char *
proto_action_name(enum proto_action a)
{
	return (int)a >= 0 && a < PROTO_ACT_COUNT ? action_names[a].name : "";
}

const char *
proto_action_label(enum proto_action a)
{
	return (int)a >= 0 && a < PROTO_ACT_COUNT ? action_names[a].label : "";
}

int
proto_action_parse(const char *s)
{
	int	i;

	for (i = 0; i < PROTO_ACT_COUNT; i++)
		if (strcmp(action_names[i].name, s) == 0)
			return i;
	return -1;
}

const char *
proto_status_customer(int status, bool drop_validated)
{
	switch (status) {
	case BOOKED:
		return "booked";
	case PICKUP:
	case RECEIVED:
		return "pickup";
	case ANALYSIS:
	case ANALYSED:
		return "analysis";
	case IN_PROGRESS:
		return "in-progress";
	case COMPLETED:
	case OUT:
		return "completed";
	case DELIVERED:
		return drop_validated ? "delivered" : "completed";
	case CANCELLED:
		return "cancelled";
	}
	return "unknown";
}
