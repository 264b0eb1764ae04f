/* The keyword recommender of SPEC §8.8.1 (backend/recommend.c): tokens,
 * stop words, suffixes, weights, the phrase bonus, the score formula and
 * the ranking order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recommend.h"

static struct bk_arena	arena;

static int
setup(void **state)
{
	bk_arena_init(&arena);
	return 0;
}

static int
teardown(void **state)
{
	bk_arena_cleanup(&arena);
	return 0;
}

/* The tokens of text joined by spaces, in order of first appearance. */
static const char *
tokens(const char *text)
{
	struct bk_recommend_set	 s = { 0 };
	static char		 out[512];
	int			 i;

	bk_recommend_tokenize(&arena, text, &s);
	out[0] = '\0';
	for (i = 0; i < s.n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, s.tok[i]);
	}
	return out;
}

static void
tokens_are_lowercase_alphanumeric_runs(void **state)
{
	assert_string_equal(tokens("ABS-Light/ON 12v, \xc3\xa9" "cran"),
	    "abs light 12v cran");
	assert_string_equal(tokens(NULL), "");
	assert_string_equal(tokens("  "), "");
}

static void
short_tokens_and_stop_words_are_dropped(void **state)
{
	assert_string_equal(tokens("my car is ok but the AC"), "");
	assert_string_equal(tokens("The CARS and their wheels"), "wheel");
}

static void
one_suffix_is_stripped_when_three_characters_remain(void **state)
{
	assert_string_equal(tokens("squeaking brakes stopped tyres"),
	    "squeak brak stopp tyr");
	/* the first suffix that fits wins: "es" before "s" */
	assert_string_equal(tokens("noises"), "nois");
	/* too short to strip "ing" or "es"; "s" leaves three */
	assert_string_equal(tokens("sing uses bus"), "sing use bus");
	/* only one suffix per token */
	assert_string_equal(tokens("sings"), "sing");
}

static void
repeated_tokens_count_once(void **state)
{
	assert_string_equal(tokens("brake brake BRAKE"), "brake");
}

static void
score_is_rounded_half_up_and_capped(void **state)
{
	/* 100·10/13 = 76.92 */
	assert_int_equal(bk_recommend_score10(10, 3), 769);
	/* 100·6/7 = 85.71 */
	assert_int_equal(bk_recommend_score10(6, 1), 857);
	/* 100·1/16 = 6.25: half up to 63 tenths */
	assert_int_equal(bk_recommend_score10(1, 4), 63);
	/* 100·3/40 = 7.5: half up to 75 tenths */
	assert_int_equal(bk_recommend_score10(3, 12), 75);
	assert_int_equal(bk_recommend_score10(30, 1), 1000);
	assert_int_equal(bk_recommend_score10(0, 2), 0);
}

static const char *brake_works[] = { "Replace pads", "Test drive" };
static const char *brake_symptoms[] = {
	"squeaking brakes", "grinding noise when braking",
	"longer stopping distance", "brake warning light"
};
static const char *ac_symptoms[] = { "ac not cooling", "warm air" };
static const char *empty_symptoms[] = { "the and", "ac" };

static const struct bk_recommend_service catalogue[] = {
	{ 9, "Brake Pad Replacement", "Replace worn pads.", "Brake Services",
	    brake_works, 2, brake_symptoms, 4 },
	{ 29, "AC Gas Refill", "Refill the gas.", "Air Conditioning",
	    NULL, 0, ac_symptoms, 2 },
	{ 3, "Pad Check", "Look at braking pads.", "Service Packages",
	    NULL, 0, empty_symptoms, 2 },
	{ 7, "Pad Check", "Look at braking pads.", "Service Packages",
	    NULL, 0, NULL, 0 },
};

static void
weights_take_the_best_field_per_token(void **state)
{
	struct bk_recommend_set	q = { 0 };

	/* squeak 2 (symptom), brak 2 (symptom), stopp 2 (symptom), plus the
	 * phrase "squeaking brakes" 4 */
	bk_recommend_tokenize(&arena, "brakes squeaking when stopping", &q);
	assert_int_equal(q.n, 3);
	assert_int_equal(bk_recommend_raw(&arena, &q, &catalogue[0]), 10);
	/* "pad" is in the title (3) and the works (1): 3 counts */
	memset(&q, 0, sizeof q);
	bk_recommend_tokenize(&arena, "pad", &q);
	assert_int_equal(bk_recommend_raw(&arena, &q, &catalogue[0]), 3);
	/* "replace" only in description and works: 1 */
	memset(&q, 0, sizeof q);
	bk_recommend_tokenize(&arena, "replace", &q);
	assert_int_equal(bk_recommend_raw(&arena, &q, &catalogue[0]), 1);
	/* a category-name token weighs 1 */
	memset(&q, 0, sizeof q);
	bk_recommend_tokenize(&arena, "packages", &q);
	assert_int_equal(bk_recommend_raw(&arena, &q, &catalogue[2]), 1);
}

static void
a_phrase_without_usable_tokens_never_matches(void **state)
{
	struct bk_recommend_set	q = { 0 };

	bk_recommend_tokenize(&arena, "pads check", &q);
	/* pad 3 + check 3; the phrases "the and" and "ac" add nothing */
	assert_int_equal(bk_recommend_raw(&arena, &q, &catalogue[2]), 6);
}

static void
ranking_is_by_score_then_id(void **state)
{
	struct bk_recommend_hit	h[5];
	int			n;

	n = bk_recommend_rank(&arena, "brakes squeaking when stopping",
	    catalogue, 4, h, 5);
	/* 9 (raw 10); 3 and 7 ("braking" in the description, raw 1) by id */
	assert_int_equal(n, 3);
	assert_int_equal(h[0].id, 9);
	assert_int_equal(h[0].score10, 769);
	assert_int_equal(h[1].id, 3);
	assert_int_equal(h[2].id, 7);
	assert_int_equal(h[1].score10, h[2].score10);
	n = bk_recommend_rank(&arena, "AC not cooling", catalogue, 4, h, 5);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, 29);
	assert_int_equal(h[0].score10, 857);
	n = bk_recommend_rank(&arena, "pad", catalogue, 4, h, 2);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].id, 3);
	assert_int_equal(h[1].id, 7);
}

static void
queries_without_usable_tokens_rank_nothing(void **state)
{
	struct bk_recommend_hit	h[5];

	assert_int_equal(bk_recommend_rank(&arena, "the and with my car",
	    catalogue, 4, h, 5), 0);
	assert_int_equal(bk_recommend_rank(&arena, "zzzz", catalogue, 4, h, 5),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens_are_lowercase_alphanumeric_runs),
		cmocka_unit_test(short_tokens_and_stop_words_are_dropped),
		cmocka_unit_test(
		    one_suffix_is_stripped_when_three_characters_remain),
		cmocka_unit_test(repeated_tokens_count_once),
		cmocka_unit_test(score_is_rounded_half_up_and_capped),
		cmocka_unit_test(weights_take_the_best_field_per_token),
		cmocka_unit_test(a_phrase_without_usable_tokens_never_matches),
		cmocka_unit_test(ranking_is_by_score_then_id),
		cmocka_unit_test(queries_without_usable_tokens_rank_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
