/* Router matching against the real route table: literals beat
 * parameters, trailing slashes, 404 and 405 with Allow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "router.h"

struct m {
	struct bk_arena		 arena;
	struct bk_err		 err;
	const struct bk_route	*route;
	struct bk_param		 params[BK_MAX_PARAMS];
	int			 nparams;
	char			 allow[96];
};

static enum bk_match
match(struct m *m, enum bk_method method, const char *path)
{
	memset(m, 0, sizeof *m);
	bk_arena_init(&m->arena);
	return bk_router_match(&m->arena, method, path, &m->route, m->params,
	    &m->nparams, m->allow, sizeof m->allow, &m->err);
}

static void
done(struct m *m)
{
	bk_err_cleanup(&m->err);
	bk_arena_cleanup(&m->arena);
}

static void
login_path_matches_login_route(void **state)
{
	struct m	m;

	assert_int_equal(match(&m, BK_POST, "/api/v1/auth/login"),
	    BK_MATCH_OK);
	assert_string_equal(m.route->pattern, "/api/v1/auth/login");
	assert_true(m.route->flags & BK_ROUTE_PUBLIC);
	done(&m);
}

static void
trailing_slash_is_the_same_route(void **state)
{
	struct m	m;

	assert_int_equal(match(&m, BK_POST, "/api/v1/auth/login/"),
	    BK_MATCH_OK);
	assert_string_equal(m.route->pattern, "/api/v1/auth/login");
	done(&m);
}

static void
unknown_path_is_not_found(void **state)
{
	struct m	m;

	assert_int_equal(match(&m, BK_GET, "/api/v1/nothing/here"),
	    BK_MATCH_NOT_FOUND);
	assert_int_equal(match(&m, BK_GET, "/api/v1/auth/login/extra"),
	    BK_MATCH_NOT_FOUND);
	done(&m);
}

static void
wrong_method_lists_allowed_methods(void **state)
{
	struct m	m;

	assert_int_equal(match(&m, BK_GET, "/api/v1/auth/login"),
	    BK_MATCH_BAD_METHOD);
	assert_string_equal(m.allow, "POST");
	done(&m);
}

static void
literal_segment_beats_parameter(void **state)
{
	struct m	m;

	/* /auth/sessions (GET) and /auth/sessions/{user_id} (DELETE) */
	assert_int_equal(match(&m, BK_DELETE, "/api/v1/auth/sessions/ADM1"),
	    BK_MATCH_OK);
	assert_string_equal(m.route->pattern,
	    "/api/v1/auth/sessions/{user_id}");
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0].name, "user_id");
	assert_string_equal(m.params[0].value, "ADM1");
	done(&m);
}

static void
every_route_is_public_or_scoped(void **state)
{
	char	err[256];
	size_t	i;

	assert_int_equal(bk_router_check_table(err, sizeof err), 0);
	for (i = 0; i < bk_route_count; i++)
		assert_true((bk_route_table[i].flags & BK_ROUTE_PUBLIC) ||
		    bk_route_table[i].scopes[0] != 0);
}

static void
scopes_must_all_be_held(void **state)
{
	struct proto_scopes	set;
	struct m		m;

	assert_int_equal(match(&m, BK_GET, "/api/v1/auth/me"), BK_MATCH_OK);
	proto_scopes_clear(&set);
	assert_false(bk_router_scopes_ok(m.route, &set));
	proto_scopes_add(&set, PROTO_SCOPE_READ_USERS);
	assert_true(bk_router_scopes_ok(m.route, &set));
	done(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_path_matches_login_route),
		cmocka_unit_test(trailing_slash_is_the_same_route),
		cmocka_unit_test(unknown_path_is_not_found),
		cmocka_unit_test(wrong_method_lists_allowed_methods),
		cmocka_unit_test(literal_segment_beats_parameter),
		cmocka_unit_test(every_route_is_public_or_scoped),
		cmocka_unit_test(scopes_must_all_be_held),
	};

	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
