/* GST arithmetic in paise: half-up per line, totals, CGST/SGST split,
 * rupee strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "money.h"

static void
gst_rounds_half_up_per_line(void **state)
{
	assert_int_equal(proto_money_gst(150000, 18), 27000);
	assert_int_equal(proto_money_gst(1, 18), 0);	/* 0.18 → 0 */
	assert_int_equal(proto_money_gst(3, 18), 1);	/* 0.54 → 1 */
	assert_int_equal(proto_money_gst(25, 18), 5);	/* 4.5 → 5 */
	assert_int_equal(proto_money_gst(10000, 0), 0);
	assert_int_equal(proto_money_gst(10000, 100), 10000);
	assert_int_equal(proto_money_gst(0, 18), 0);
}

static void
totals_add_line_gst_not_gst_of_total(void **state)
{
	int64_t				 lines[] = { 25, 25 }, g[2];
	struct proto_money_totals	 t;

	proto_money_totals(lines, 2, 18, g, &t);
	assert_int_equal(g[0], 5);
	assert_int_equal(t.subtotal, 50);
	assert_int_equal(t.gst, 10);	/* gst of the total would be 9 */
	assert_int_equal(t.total, 60);
}

static void
cgst_takes_the_odd_paisa(void **state)
{
	int64_t				 lines[] = { 150000, 25 };
	struct proto_money_totals	 t;

	proto_money_totals(lines, 2, 18, NULL, &t);
	assert_int_equal(t.gst, 27005);
	assert_int_equal(t.cgst, 13503);
	assert_int_equal(t.sgst, 13502);
	assert_int_equal(t.cgst + t.sgst, t.gst);
}

static void
rupee_strings_have_two_decimals(void **state)
{
	char	buf[32];

	assert_string_equal(proto_money_format(177000, buf, sizeof buf),
	    "1770.00");
	assert_string_equal(proto_money_format(5, buf, sizeof buf), "0.05");
	assert_string_equal(proto_money_format(0, buf, sizeof buf), "0.00");
}

static void
parse_takes_at_most_two_places(void **state)
{
	int64_t	p;

	assert_int_equal(proto_money_parse("1770", &p), 0);
	assert_int_equal(p, 177000);
	assert_int_equal(proto_money_parse("1770.5", &p), 0);
	assert_int_equal(p, 177050);
	assert_int_equal(proto_money_parse("0.07", &p), 0);
	assert_int_equal(p, 7);
	assert_int_equal(proto_money_parse("1.234", &p), -1);
	assert_int_equal(proto_money_parse("abc", &p), -1);
	assert_int_equal(proto_money_parse("", &p), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gst_rounds_half_up_per_line),
		cmocka_unit_test(totals_add_line_gst_not_gst_of_total),
		cmocka_unit_test(cgst_takes_the_odd_paisa),
		cmocka_unit_test(rupee_strings_have_two_decimals),
		cmocka_unit_test(parse_takes_at_most_two_places),
	};

	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
