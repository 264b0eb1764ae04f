/*
 * Offers: for each verb, the FSM rows an admin may take from the
 * booking's status. An assignment is offered when no assignment is
 * active; with one active, "assign" becomes a reassignment when the FSM
 * lets an admin release it and then assign the same type from the status
 * the release leads to (T13 then T2/T4/T7/T9/T12). Conditions the client
 * cannot know count as met: the server has the last word and its refusal
 * is shown as it is.
 */
#include <stdio.h>
#include <string.h>

#include "status.h"
#include "model/board.h"
#include "model/detail.h"
#include "model/offers.h"

/* The facts a board row gives. */
void
tui_facts_from_row(const struct tui_row *r, struct tui_facts *f)
{
	int	t;

	memset(f, 0, sizeof *f);
	f->booking = r->id;
	f->status_id = r->status_id;
	t = tui_row_active_type(r);
	f->active_type = t;
	if (t > 0) {
		f->active_assignment = r->slot[t].assignment_id;
		f->active_mech = r->slot[t].mech_name;
	}
	if (r->progress_id > 0 && !r->progress_validated)
		f->open_progress = r->progress_id;
	f->analysis_open = r->has_analysis && !r->analysis_validated;
	f->work_left = TUI_TRI_UNKNOWN;
	f->car_received = TUI_TRI_UNKNOWN;
	if (r->status_id == PROTO_STATUS_CANCELLED) {
		if (r->action == TUI_ACTREQ_ASSIGN ||
		    r->slot[PROTO_ASSIGN_DROP].mech_id != NULL)
			f->car_received = TUI_TRI_YES;
		else if (r->action == TUI_ACTREQ_NONE)
			f->car_received = TUI_TRI_NO;
	}
	if (r->status_id == PROTO_STATUS_IN_PROGRESS &&
	    r->action == TUI_ACTREQ_ASSIGN)
		f->work_left = TUI_TRI_YES;
}

/* Sharpen facts with the booking's detail, when it is current (else the
 * board row, which live events keep current, has the last word). */
void
tui_facts_add_detail(const struct tui_detail *d,
    struct tui_facts *f)
{
	const struct tui_progress	*p;

	if (d->id != f->booking || !tui_detail_is_fresh(d))
		return;
	if (d->have & TUI_DETAIL_BOOKING) {
		if (d->status_id > 0)
			f->status_id = d->status_id;
		f->work_left = tui_detail_work_left(d) ? TUI_TRI_YES :
		    TUI_TRI_NO;
	}
	if (d->have & TUI_DETAIL_PROGRESS) {
		p = tui_detail_open_progress(d);
		f->open_progress = p != NULL ? p->id : 0;
		f->car_received = tui_detail_car_received(d) ? TUI_TRI_YES :
		    TUI_TRI_NO;
	}
	if (d->have & TUI_DETAIL_ANALYSIS)
		f->analysis_open = d->analysis.present &&
		    !d->analysis.validated;
}

static bool
facts_cond(enum proto_fsm_cond c, void *arg)
{
	const struct tui_facts	*f = arg;

	switch (c) {
	case PROTO_COND_WORK_LEFT:
		return f->work_left != TUI_TRI_NO;
	case PROTO_COND_NO_WORK_LEFT:
		return f->work_left != TUI_TRI_YES;
	case PROTO_COND_CAR_RECEIVED:
		return f->car_received != TUI_TRI_NO;
	default:
		return true;
	}
}

static const struct proto_fsm_row *
facts_find(const struct tui_facts *f, int from, enum proto_action act)
{
	return proto_fsm_find(from, act, PROTO_WHO_ADMIN, facts_cond,
	    (void *)f);
}

/* The assignment offers: one per type the FSM allows now. */
static size_t
offers_assign(const struct tui_facts *f, struct tui_offer *out, size_t max)
{
	const struct proto_fsm_row	*rel, *row;
	size_t				 k = 0;
	int				 t, act;

	for (t = 1; t <= PROTO_ASSIGN_MAX && k < max; t++) {
		act = proto_fsm_assign_action(t);
		if (f->active_type == 0) {
			row = facts_find(f, f->status_id,
			    (enum proto_action)act);
			if (row == NULL)
				continue;
			out[k++] = (struct tui_offer){ TUI_VERB_ASSIGN,
			    (enum proto_action)act, t, 0, 0, row->to };
			continue;
		}
		if (f->active_type != t)
			continue;
		rel = facts_find(f, f->status_id, PROTO_ACT_RELEASE);
		if (rel == NULL)
			continue;
		row = facts_find(f, rel->to, (enum proto_action)act);
		if (row != NULL)
			out[k++] = (struct tui_offer){ TUI_VERB_ASSIGN,
			    (enum proto_action)act, t, f->active_assignment, 0,
			    row->to };
	}
	return k;
}

/*
 * Every action an admin may take on the booking now, in the order the
 * keys are listed (a, v, e, c, x), into out (at most max). Returns how
 * many.
 */
size_t
tui_offers(const struct tui_facts *f, struct tui_offer *out, size_t max)
{
	const struct proto_fsm_row	*row;
	size_t				 k;

	k = offers_assign(f, out, max);
	if (k < max && f->open_progress > 0 &&
	    (row = facts_find(f, f->status_id, PROTO_ACT_VALIDATE_PROGRESS)))
		out[k++] = (struct tui_offer){ TUI_VERB_VALIDATE,
		    PROTO_ACT_VALIDATE_PROGRESS, 0, 0, f->open_progress,
		    row->to };
	if (k < max && f->analysis_open &&
	    (row = facts_find(f, f->status_id, PROTO_ACT_VALIDATE_ANALYSIS)))
		out[k++] = (struct tui_offer){ TUI_VERB_VALIDATE,
		    PROTO_ACT_VALIDATE_ANALYSIS, 0, 0, f->booking, row->to };
	if (k < max && f->open_progress > 0 &&
	    (row = facts_find(f, f->status_id, PROTO_ACT_EDIT_PROGRESS)))
		out[k++] = (struct tui_offer){ TUI_VERB_EDIT,
		    PROTO_ACT_EDIT_PROGRESS, 0, 0, f->open_progress, row->to };
	if (k < max && f->analysis_open &&
	    (row = facts_find(f, f->status_id, PROTO_ACT_EDIT_ANALYSIS)))
		out[k++] = (struct tui_offer){ TUI_VERB_EDIT,
		    PROTO_ACT_EDIT_ANALYSIS, 0, 0, f->booking, row->to };
	if (k < max &&
	    (row = facts_find(f, f->status_id, PROTO_ACT_CANCEL)))
		out[k++] = (struct tui_offer){ TUI_VERB_CANCEL,
		    PROTO_ACT_CANCEL, 0, 0, f->booking, row->to };
	if (k < max && f->active_type > 0 &&
	    (row = facts_find(f, f->status_id, PROTO_ACT_RELEASE)))
		out[k++] = (struct tui_offer){ TUI_VERB_RELEASE,
		    PROTO_ACT_RELEASE, f->active_type, f->active_assignment, 0,
		    row->to };
	return k;
}

/* The first offer for verb, into *o; false when none is allowed. */
bool
tui_offer_pick(const struct tui_facts *f, enum tui_verb verb,
    struct tui_offer *o)
{
	struct tui_offer	all[12];
	size_t			n, i;

	n = tui_offers(f, all, sizeof all / sizeof all[0]);
	for (i = 0; i < n; i++)
		if (all[i].verb == verb) {
			*o = all[i];
			return true;
		}
	return false;
}

/* "reassign pickup (Karthik)", "validate progress #3", "cancel". */
size_t
tui_offer_label(const struct tui_offer *o, const struct tui_facts *f,
    char *buf, size_t len)
{
	const char	*type = proto_assignment_type_name(o->type);
	int		 n;

	switch (o->act) {
	case PROTO_ACT_ASSIGN_PICKUP:
	case PROTO_ACT_ASSIGN_ANALYSIS:
	case PROTO_ACT_ASSIGN_SERVICE:
	case PROTO_ACT_ASSIGN_DROP:
		if (o->release != 0)
			n = snprintf(buf, len, "reassign %s", type);
		else if (o->type == PROTO_ASSIGN_DROP &&
		    f->status_id == PROTO_STATUS_COMPLETED)
			n = snprintf(buf, len,
			    "out for delivery (assign drop)");
		else if (o->type == PROTO_ASSIGN_DROP)
			n = snprintf(buf, len, "assign return drop");
		else
			n = snprintf(buf, len, "assign %s", type);
		break;
	case PROTO_ACT_VALIDATE_PROGRESS:
		n = snprintf(buf, len, "validate progress #%ld", o->target);
		break;
	case PROTO_ACT_EDIT_PROGRESS:
		n = snprintf(buf, len, "edit progress #%ld", o->target);
		break;
	case PROTO_ACT_RELEASE:
		n = snprintf(buf, len, "release %s%s%s%s", type,
		    f->active_mech != NULL ? " (" : "",
		    f->active_mech != NULL ? f->active_mech : "",
		    f->active_mech != NULL ? ")" : "");
		break;
	default:
		n = snprintf(buf, len, "%s", proto_action_label(o->act));
		for (; *buf != '\0'; buf++)
			if (*buf >= 'A' && *buf <= 'Z')
				*buf = (char)(*buf - 'A' + 'a');
		break;
	}
	return n < 0 ? 0 : (size_t)n;
}
