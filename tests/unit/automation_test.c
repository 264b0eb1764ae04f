/* The scoring of the automatic assignment (SPEC §5.15): availability and
 * workload are inverted over the candidates, skill counts for service,
 * ties go by skill, availability, workload and the lowest id, and a total
 * of exactly 0 is never chosen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "automation.h"
#include "status.h"

#define PICKUP	PROTO_ASSIGN_PICKUP
#define SERVICE	PROTO_ASSIGN_SERVICE

static struct bk_auto_cand
cand(const char *id, double hours, long score, double skill)
{
	struct bk_auto_cand	c;

	memset(&c, 0, sizeof c);
	c.id = id;
	c.hours = hours;
	c.score = score;
	c.skill = skill;
	return c;
}

static void
availability_and_workload_are_inverted_between_min_and_max(void **state)
{
	struct bk_auto_cand	c[3] = {
		cand("MEC000001", 0, 10, 0),
		cand("MEC000002", 2, 5, 0),
		cand("MEC000003", 4, 0, 0),
	};

	bk_auto_score(c, 3, PICKUP);
	assert_float_equal(c[0].availability, 1.0, 1e-12);
	assert_float_equal(c[1].availability, 0.5, 1e-12);
	assert_float_equal(c[2].availability, 0.0, 1e-12);
	assert_float_equal(c[0].workload, 0.0, 1e-12);
	assert_float_equal(c[1].workload, 0.5, 1e-12);
	assert_float_equal(c[2].workload, 1.0, 1e-12);
	assert_float_equal(c[0].total, 0.7, 1e-12);
	assert_float_equal(c[1].total, 0.5, 1e-12);
	assert_float_equal(c[2].total, 0.3, 1e-12);
}

static void
equal_values_count_as_fully_available(void **state)
{
	struct bk_auto_cand	c[2] = {
		cand("MEC000001", 3, 7, 0),
		cand("MEC000002", 3, 7, 0),
	};

	bk_auto_score(c, 2, PICKUP);
	assert_float_equal(c[0].availability, 1.0, 1e-12);
	assert_float_equal(c[1].workload, 1.0, 1e-12);
	assert_float_equal(c[1].total, 1.0, 1e-12);
}

static void
the_least_busy_mechanic_wins_a_pickup(void **state)
{
	struct bk_auto_cand	c[3] = {
		cand("MEC000001", 4, 0, 0),
		cand("MEC000002", 0, 9, 0),
		cand("MEC000003", 2, 0, 0),
	};

	/* 0.7·0 + 0.3·1 = 0.3; 0.7·1 + 0.3·0 = 0.7;
	 * 0.7·0.5 + 0.3 = 0.65 */
	assert_int_equal(bk_auto_pick(c, 3, PICKUP), 1);
}

static void
a_low_score_can_beat_a_little_more_free_time(void **state)
{
	struct bk_auto_cand	c[3] = {
		cand("MEC000001", 0, 100, 0),
		cand("MEC000002", 1, 0, 0),
		cand("MEC000003", 10, 0, 0),
	};

	/* 0.7 against 0.7·0.9 + 0.3 = 0.93 */
	assert_int_equal(bk_auto_pick(c, 3, PICKUP), 1);
}

static void
skill_weighs_a_quarter_for_service(void **state)
{
	struct bk_auto_cand	c[2] = {
		cand("MEC000001", 0, 0, 0.5),
		cand("MEC000002", 0, 0, 1.0),
	};

	bk_auto_score(c, 2, SERVICE);
	assert_float_equal(c[0].total, 0.5 + 0.125 + 0.25, 1e-12);
	assert_float_equal(c[1].total, 1.0, 1e-12);
	assert_int_equal(bk_auto_best(c, 2, SERVICE), 1);
}

static void
service_availability_outweighs_skill(void **state)
{
	struct bk_auto_cand	c[2] = {
		cand("MEC000001", 0, 0, 0.25),
		cand("MEC000002", 8, 0, 1.0),
	};

	/* 0.5 + 0.0625 + 0.25 = 0.8125 against 0 + 0.25 + 0.25 = 0.5 */
	assert_int_equal(bk_auto_pick(c, 2, SERVICE), 0);
}

static void
service_ties_go_to_skill_first(void **state)
{
	struct bk_auto_cand	c[2];

	/* equal totals built by hand: 0.9 each */
	c[0] = cand("MEC000001", 0, 0, 0.2);
	c[0].availability = 1.0;
	c[0].workload = 1.0;
	c[0].total = 0.9;
	c[1] = cand("MEC000002", 0, 0, 0.6);
	c[1].availability = 0.8;
	c[1].workload = 1.0;
	c[1].total = 0.9;
	assert_int_equal(bk_auto_best(c, 2, SERVICE), 1);
	/* the same pair for another type ignores skill: availability */
	assert_int_equal(bk_auto_best(c, 2, PICKUP), 0);
}

static void
ties_then_go_to_availability_then_workload(void **state)
{
	struct bk_auto_cand	c[3];

	c[0] = cand("MEC000001", 0, 0, 0);
	c[0].availability = 0.4;
	c[0].workload = 1.0;
	c[0].total = 0.58;
	c[1] = cand("MEC000002", 0, 0, 0);
	c[1].availability = 0.7;
	c[1].workload = 0.3;
	c[1].total = 0.58;
	c[2] = cand("MEC000003", 0, 0, 0);
	c[2].availability = 0.7;
	c[2].workload = 0.5;
	c[2].total = 0.58;
	assert_int_equal(bk_auto_best(c, 3, PICKUP), 2);
}

static void
full_ties_go_to_the_lowest_id_as_a_number(void **state)
{
	struct bk_auto_cand	c[3] = {
		cand("MEC000005", 1, 1, 0),
		cand("MEC1000000", 1, 1, 0),
		cand("MEC999999", 1, 1, 0),
	};

	assert_int_equal(bk_auto_pick(c, 3, PICKUP), 0);
	c[0].id = "MEC1000001";
	assert_int_equal(bk_auto_pick(c, 3, PICKUP), 2);
}

static void
totals_equal_up_to_rounding_are_a_tie(void **state)
{
	struct bk_auto_cand	c[2];

	/* 0.7·0.1 + 0.3·0.2 and 0.13 differ in the last bits */
	c[0] = cand("MEC000002", 0, 0, 0);
	c[0].availability = 0.1;
	c[0].workload = 0.2;
	c[0].total = 0.7 * 0.1 + 0.3 * 0.2;
	c[1] = cand("MEC000001", 0, 0, 0);
	c[1].availability = 0.1;
	c[1].workload = 0.2;
	c[1].total = 0.13;
	assert_int_equal(bk_auto_best(c, 2, PICKUP), 1);
}

static void
a_total_of_zero_is_never_chosen(void **state)
{
	struct bk_auto_cand	c[2];

	c[0] = cand("MEC000001", 0, 0, 0);
	c[1] = cand("MEC000002", 0, 0, 0);
	assert_int_equal(bk_auto_best(c, 2, PICKUP), -1);
	c[1].total = 0.05;
	assert_int_equal(bk_auto_best(c, 2, PICKUP), 1);
	/* the busiest, best-scored of several scores exactly 0 */
	c[0] = cand("MEC000001", 6, 9, 0);
	c[1] = cand("MEC000002", 1, 2, 0);
	bk_auto_score(c, 2, PICKUP);
	assert_true(c[0].total == 0.0);
	assert_int_equal(bk_auto_best(c, 1, PICKUP), -1);
	assert_int_equal(bk_auto_best(c, 2, PICKUP), 1);
	/* alone he is fully available, so a total of 0 needs company */
	assert_int_equal(bk_auto_pick(c, 1, PICKUP), 0);
	assert_float_equal(c[0].total, 1.0, 1e-12);
}

static void
no_candidates_pick_nobody(void **state)
{
	assert_int_equal(bk_auto_pick(NULL, 0, PICKUP), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    availability_and_workload_are_inverted_between_min_and_max),
		cmocka_unit_test(equal_values_count_as_fully_available),
		cmocka_unit_test(the_least_busy_mechanic_wins_a_pickup),
		cmocka_unit_test(a_low_score_can_beat_a_little_more_free_time),
		cmocka_unit_test(skill_weighs_a_quarter_for_service),
		cmocka_unit_test(service_availability_outweighs_skill),
		cmocka_unit_test(service_ties_go_to_skill_first),
		cmocka_unit_test(ties_then_go_to_availability_then_workload),
		cmocka_unit_test(full_ties_go_to_the_lowest_id_as_a_number),
		cmocka_unit_test(totals_equal_up_to_rounding_are_a_tie),
		cmocka_unit_test(a_total_of_zero_is_never_chosen),
		cmocka_unit_test(no_candidates_pick_nobody),
	};

	return cmocka_run_group_tests_name("automation", tests, NULL, NULL);
}
