/* Password hashing and the new-password policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <cmocka.h>

#include "password.h"

static void
hash_verifies_and_wrong_password_does_not(void **state)
{
	char	*h = bk_password_hash("Sk18102004.");

	assert_non_null(h);
	assert_memory_equal(h, "$argon2id$v=19$m=19456,t=2,p=1$", 31);
	assert_true(bk_password_verify(h, "Sk18102004."));
	assert_false(bk_password_verify(h, "Sk18102004"));
	assert_false(bk_password_verify(h, ""));
	assert_false(bk_password_needs_rehash(h));
	free(h);
}

static void
two_hashes_of_one_password_differ(void **state)
{
	char	*a = bk_password_hash("Secret#Pass1"), *b;

	b = bk_password_hash("Secret#Pass1");
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

static void
originals_parameters_still_verify_and_need_rehash(void **state)
{
	char	enc[256];

	/* the FastAPI original's parameters: m=65536, t=3, p=4 */
	assert_int_equal(argon2id_hash_encoded(3, 65536, 4, "OldPass#1", 9,
	    "0123456789abcdef", 16, 32, enc, sizeof enc), ARGON2_OK);
	assert_true(bk_password_verify(enc, "OldPass#1"));
	assert_true(bk_password_needs_rehash(enc));
}

static void
non_argon2_and_overlong_passwords_are_refused(void **state)
{
	char	*h = bk_password_hash("Sk18102004."), *big;

	assert_false(bk_password_verify("$2b$12$abcdefghijklmnopqrstuv",
	    "x"));
	assert_false(bk_password_verify(NULL, "x"));
	big = malloc(2000);
	memset(big, 'a', 1999);
	big[1999] = '\0';
	assert_false(bk_password_verify(h, big));
	free(big);
	free(h);
}

static void
policy_names_what_is_missing(void **state)
{
	assert_null(bk_password_policy("Abcdefg!"));
	assert_string_equal(bk_password_policy("Abc!"),
	    "String should have at least 8 characters");
	assert_string_equal(bk_password_policy("abcdefg!"),
	    "Password must contain at least one uppercase letter");
	assert_string_equal(bk_password_policy("ABCDEFG!"),
	    "Password must contain at least one lowercase letter");
	assert_string_equal(bk_password_policy("Abcdefgh1"),
	    "Password must contain at least one special character");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_verifies_and_wrong_password_does_not),
		cmocka_unit_test(two_hashes_of_one_password_differ),
		cmocka_unit_test(
		    originals_parameters_still_verify_and_need_rehash),
		cmocka_unit_test(non_argon2_and_overlong_passwords_are_refused),
		cmocka_unit_test(policy_names_what_is_missing),
	};

	return cmocka_run_group_tests_name("password", tests, NULL, NULL);
}
