/* The shared vocabulary: scope matrix counts, roles, statuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "role.h"
#include "scope.h"
#include "status.h"

static void
matrix_has_115_scopes_split_115_35_50(void **state)
{
	struct proto_scopes	s;

	assert_int_equal(PROTO_SCOPE_COUNT, 115);
	proto_scopes_of_role(PROTO_ROLE_ADMIN, &s);
	assert_int_equal(proto_scopes_count(&s), 115);
	proto_scopes_of_role(PROTO_ROLE_MECHANIC, &s);
	assert_int_equal(proto_scopes_count(&s), 35);
	proto_scopes_of_role(PROTO_ROLE_CUSTOMER, &s);
	assert_int_equal(proto_scopes_count(&s), 50);
}

static void
customers_cannot_read_mechanics(void **state)
{
	assert_false(proto_scope_role_has(PROTO_ROLE_CUSTOMER,
	    PROTO_SCOPE_READ_MECHANICS));
	assert_true(proto_scope_role_has(PROTO_ROLE_MECHANIC,
	    PROTO_SCOPE_READ_MECHANICS));
	assert_true(proto_scope_role_has(PROTO_ROLE_CUSTOMER,
	    PROTO_SCOPE_UPDATE_USERS));
	assert_false(proto_scope_role_has(PROTO_ROLE_MECHANIC,
	    PROTO_SCOPE_WRITE_BOOKINGS));
}

static void
scope_names_parse_back(void **state)
{
	int	i;

	for (i = 0; i < PROTO_SCOPE_COUNT; i++)
		assert_int_equal(proto_scope_parse(proto_scope_name(i)), i);
	assert_int_equal(proto_scope_parse("READ:NOTHING"), -1);
	assert_string_equal(proto_scope_name(0), "READ:RBAC");
	assert_string_equal(proto_scope_name(PROTO_SCOPE_COUNT - 1),
	    "READ:REPORTS");
}

static void
roles_and_statuses_have_their_ids(void **state)
{
	assert_string_equal(proto_role_name(1), "admin");
	assert_string_equal(proto_role_prefix(PROTO_ROLE_CUSTOMER), "CST");
	assert_int_equal(proto_role_parse("mechanic"), 2);
	assert_false(proto_role_is_valid(4));
	assert_string_equal(proto_status_name(8), "out for delivery");
	assert_int_equal(proto_status_parse("in-progress"), 6);
	assert_null(proto_status_name(19));
	assert_true(proto_status_is_booking(10));
	assert_false(proto_status_is_booking(11));
	assert_string_equal(proto_assignment_type_name(4), "analysis");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix_has_115_scopes_split_115_35_50),
		cmocka_unit_test(customers_cannot_read_mechanics),
		cmocka_unit_test(scope_names_parse_back),
		cmocka_unit_test(roles_and_statuses_have_their_ids),
	};

	return cmocka_run_group_tests_name("protocol", tests, NULL, NULL);
}
