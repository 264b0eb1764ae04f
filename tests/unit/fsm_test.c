/* The booking state machine: every legal move of SPEC §5.4 is in the
 * table with the right target, and a sample of illegal ones per status
 * is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fsm.h"

#define A	PROTO_WHO_ADMIN
#define M	PROTO_WHO_MECHANIC
#define C	PROTO_WHO_CUSTOMER
#define S	PROTO_WHO_SYSTEM

static bool
always(enum proto_fsm_cond c, void *arg)
{
	return true;
}

static bool
work_left(enum proto_fsm_cond c, void *arg)
{
	return c == PROTO_COND_WORK_LEFT || c == PROTO_COND_CAR_RECEIVED;
}

static bool
no_work_left(enum proto_fsm_cond c, void *arg)
{
	return c == PROTO_COND_NO_WORK_LEFT;
}

static int
target(int from, enum proto_action a, unsigned who,
    bool (*cond)(enum proto_fsm_cond, void *))
{
	const struct proto_fsm_row	*r = proto_fsm_find(from, a, who, cond,
					    NULL);

	return r == NULL ? -1 : r->to;
}

/* SPEC §5.4, written out independently of protocol/fsm.c. */
static const struct {
	int		 from;
	enum proto_action action;
	unsigned	 who;
	int		 to;
} legal[] = {
	{ 0, PROTO_ACT_CREATE, C, 1 }, { 0, PROTO_ACT_CREATE, A, 1 },
	{ 1, PROTO_ACT_ASSIGN_PICKUP, A, 2 },
	{ 1, PROTO_ACT_ASSIGN_PICKUP, S, 2 },
	{ 2, PROTO_ACT_POST_PROGRESS, M, 3 },
	{ 3, PROTO_ACT_VALIDATE_PROGRESS, A, 3 },
	{ 3, PROTO_ACT_ASSIGN_ANALYSIS, A, 4 },
	{ 3, PROTO_ACT_ASSIGN_ANALYSIS, S, 4 },
	{ 4, PROTO_ACT_SUBMIT_ANALYSIS, M, 5 },
	{ 5, PROTO_ACT_VALIDATE_ANALYSIS, A, 5 },
	{ 5, PROTO_ACT_EDIT_ANALYSIS, A, 5 },
	{ 5, PROTO_ACT_CONFIRM_SERVICES, C, 6 },
	{ 5, PROTO_ACT_CONFIRM_SERVICES, A, 6 },
	{ 5, PROTO_ACT_CONFIRM_SERVICES, S, 6 },
	{ 6, PROTO_ACT_ASSIGN_SERVICE, A, 6 },
	{ 6, PROTO_ACT_POST_PROGRESS, M, 6 },
	{ 7, PROTO_ACT_ASSIGN_DROP, A, 8 }, { 7, PROTO_ACT_ASSIGN_DROP, S, 8 },
	{ 8, PROTO_ACT_POST_PROGRESS, M, 9 },
	{ 9, PROTO_ACT_VALIDATE_PROGRESS, A, 9 },
	{ 1, PROTO_ACT_CANCEL, C, 10 }, { 2, PROTO_ACT_CANCEL, A, 10 },
	{ 3, PROTO_ACT_CANCEL, C, 10 }, { 4, PROTO_ACT_CANCEL, C, 10 },
	{ 5, PROTO_ACT_CANCEL, C, 10 }, { 6, PROTO_ACT_CANCEL, A, 10 },
	{ 10, PROTO_ACT_ASSIGN_DROP, A, 10 },
	{ 10, PROTO_ACT_POST_PROGRESS, M, 10 },
	{ 10, PROTO_ACT_VALIDATE_PROGRESS, A, 10 },
	{ 2, PROTO_ACT_RELEASE, A, 1 }, { 2, PROTO_ACT_RELEASE, M, 1 },
	{ 4, PROTO_ACT_RELEASE, A, 3 }, { 8, PROTO_ACT_RELEASE, A, 7 },
	{ 6, PROTO_ACT_RELEASE, M, 6 }, { 10, PROTO_ACT_RELEASE, A, 10 },
};

static void
every_legal_move_reaches_its_status(void **state)
{
	size_t	i;

	for (i = 0; i < sizeof legal / sizeof legal[0]; i++) {
		if (target(legal[i].from, legal[i].action, legal[i].who,
		    work_left) != legal[i].to)
			fail_msg("move %zu: %d --%s--> expected %d", i,
			    legal[i].from, proto_action_name(legal[i].action),
			    legal[i].to);
	}
}

static void
validation_completes_only_when_no_work_is_left(void **state)
{
	assert_int_equal(target(6, PROTO_ACT_VALIDATE_PROGRESS, A, work_left),
	    6);
	assert_int_equal(target(6, PROTO_ACT_VALIDATE_PROGRESS, A,
	    no_work_left), 7);
	assert_int_equal(target(6, PROTO_ACT_VALIDATE_PROGRESS, S,
	    no_work_left), 7);
}

static void
service_assignment_needs_work_left(void **state)
{
	assert_int_equal(target(6, PROTO_ACT_ASSIGN_SERVICE, A, no_work_left),
	    -1);
}

static void
return_drop_needs_the_car_at_the_shop(void **state)
{
	assert_int_equal(target(10, PROTO_ACT_ASSIGN_DROP, A, no_work_left),
	    -1);
	assert_int_equal(target(10, PROTO_ACT_ASSIGN_DROP, A, work_left), 10);
}

static void
mechanic_cannot_skip_to_completed(void **state)
{
	assert_int_equal(target(6, PROTO_ACT_VALIDATE_PROGRESS, M, always),
	    -1);
	assert_false(proto_fsm_allowed(6, PROTO_ACT_ASSIGN_DROP, M));
}

static void
customers_cannot_assign_or_validate(void **state)
{
	int	s;

	for (s = 1; s <= 10; s++) {
		assert_false(proto_fsm_allowed(s, PROTO_ACT_ASSIGN_PICKUP, C));
		assert_false(proto_fsm_allowed(s, PROTO_ACT_VALIDATE_PROGRESS,
		    C));
		assert_false(proto_fsm_allowed(s, PROTO_ACT_POST_PROGRESS, C));
	}
}

static void
closed_bookings_cannot_be_cancelled(void **state)
{
	assert_false(proto_fsm_allowed(7, PROTO_ACT_CANCEL, A));
	assert_false(proto_fsm_allowed(8, PROTO_ACT_CANCEL, C));
	assert_false(proto_fsm_allowed(9, PROTO_ACT_CANCEL, A));
	assert_false(proto_fsm_allowed(10, PROTO_ACT_CANCEL, A));
}

static void
assignments_only_from_their_status(void **state)
{
	int	s;

	for (s = 1; s <= 10; s++) {
		assert_int_equal(proto_fsm_allowed(s, PROTO_ACT_ASSIGN_PICKUP,
		    A), s == 1);
		assert_int_equal(proto_fsm_allowed(s,
		    PROTO_ACT_ASSIGN_ANALYSIS, A), s == 3);
		assert_int_equal(proto_fsm_allowed(s, PROTO_ACT_ASSIGN_SERVICE,
		    A), s == 6);
		assert_int_equal(proto_fsm_allowed(s, PROTO_ACT_ASSIGN_DROP,
		    A), s == 7 || s == 10);
	}
}

static void
nothing_moves_out_of_delivered(void **state)
{
	int	a;

	for (a = 0; a < PROTO_ACT_COUNT; a++) {
		if (a == PROTO_ACT_VALIDATE_PROGRESS ||
		    a == PROTO_ACT_EDIT_PROGRESS)
			continue;
		assert_false(proto_fsm_allowed(9, a, A | M | C | S));
	}
}

static void
customer_sees_mapped_statuses(void **state)
{
	assert_string_equal(proto_status_customer(3, false), "pickup");
	assert_string_equal(proto_status_customer(5, false), "analysis");
	assert_string_equal(proto_status_customer(8, false), "completed");
	assert_string_equal(proto_status_customer(9, false), "completed");
	assert_string_equal(proto_status_customer(9, true), "delivered");
	assert_string_equal(proto_status_customer(10, false), "cancelled");
}

static void
action_names_round_trip(void **state)
{
	int	a;

	for (a = 0; a < PROTO_ACT_COUNT; a++)
		assert_int_equal(proto_action_parse(proto_action_name(a)), a);
	assert_int_equal(proto_fsm_assign_action(2), PROTO_ACT_ASSIGN_DROP);
	assert_int_equal(proto_fsm_assign_action(9), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_legal_move_reaches_its_status),
		cmocka_unit_test(
		    validation_completes_only_when_no_work_is_left),
		cmocka_unit_test(service_assignment_needs_work_left),
		cmocka_unit_test(return_drop_needs_the_car_at_the_shop),
		cmocka_unit_test(mechanic_cannot_skip_to_completed),
		cmocka_unit_test(customers_cannot_assign_or_validate),
		cmocka_unit_test(closed_bookings_cannot_be_cancelled),
		cmocka_unit_test(assignments_only_from_their_status),
		cmocka_unit_test(nothing_moves_out_of_delivered),
		cmocka_unit_test(customer_sees_mapped_statuses),
		cmocka_unit_test(action_names_round_trip),
	};

	return cmocka_run_group_tests_name("fsm", tests, NULL, NULL);
}
