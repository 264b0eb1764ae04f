/* Configuration: required settings, secret rules, .env, booleans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

#define A32	"a3f1c0d9e8b7a6f5e4d3c2b1a0f9e8d7-one"
#define B32	"b3f1c0d9e8b7a6f5e4d3c2b1a0f9e8d7-two"

static const char *vars[] = {
	"REVCARE_ENV", "POSTGRESQL_URL", "SECRET_KEY", "REFRESH_SECRET_KEY",
	"HASH_ALGORITHM", "MONGODB_URI", "MONGODB_DB", "MAIL_PORT",
	"COOKIE_SECURE", "REVCARE_ENV_FILE", "ACCESS_TOKEN_EXPIRE_MINUTES",
};

static int
reset(void **state)
{
	size_t	i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	setenv("REVCARE_ENV_FILE", "/nonexistent/.env", 1);
	setenv("POSTGRESQL_URL", "postgresql:///revcare", 1);
	setenv("SECRET_KEY", A32, 1);
	setenv("REFRESH_SECRET_KEY", B32, 1);
	return 0;
}

static int
load(struct bk_config *cfg, char *err, size_t len)
{
	int	rc = bk_config_load(cfg, err, len);

	bk_config_cleanup(cfg);
	return rc;
}

static void
good_settings_load_with_defaults(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	assert_int_equal(bk_config_load(&cfg, err, sizeof err), 0);
	assert_int_equal(cfg.access_expire_minutes, 30);
	assert_int_equal(cfg.refresh_expire_days, 7);
	assert_false(cfg.development);
	assert_true(cfg.cookie_secure);
	assert_string_equal(cfg.timezone, "Asia/Kolkata");
	assert_int_equal(cfg.media_max_bytes, 5242880);
	bk_config_cleanup(&cfg);
}

static void
missing_secret_key_is_named(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	unsetenv("SECRET_KEY");
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "SECRET_KEY is required"));
}

static void
short_or_equal_secrets_are_refused(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	setenv("SECRET_KEY", "short", 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "at least 32 bytes"));
	setenv("SECRET_KEY", B32, 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "must differ"));
}

static void
sample_secrets_only_in_development(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	setenv("SECRET_KEY", "sample-secret-key-for-development-only-1", 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "sample secrets are refused"));
	setenv("REVCARE_ENV", "development", 1);
	assert_int_equal(load(&cfg, err, sizeof err), 0);
}

static void
only_hs256_is_accepted(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	setenv("HASH_ALGORITHM", "argon2", 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "HASH_ALGORITHM"));
}

static void
mongodb_uri_needs_a_database_name(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	setenv("MONGODB_URI", "mongodb://127.0.0.1:27017", 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "MONGODB_DB"));
}

static void
bad_numbers_and_booleans_are_named(void **state)
{
	struct bk_config	cfg;
	char			err[256];

	setenv("MAIL_PORT", "70000", 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "MAIL_PORT"));
	unsetenv("MAIL_PORT");
	setenv("COOKIE_SECURE", "maybe", 1);
	assert_int_equal(load(&cfg, err, sizeof err), -1);
	assert_non_null(strstr(err, "COOKIE_SECURE"));
}

static void
env_file_fills_gaps_but_environment_wins(void **state)
{
	struct bk_config	cfg;
	char			err[256], path[] = "/tmp/revcare-envXXXXXX";
	FILE			*f;
	int			 fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "# comment\nexport ACCESS_TOKEN_EXPIRE_MINUTES=45\n"
	    "SECRET_KEY=\"from-the-file-which-must-not-win-00000\"\n");
	fclose(f);
	setenv("REVCARE_ENV_FILE", path, 1);
	assert_int_equal(bk_config_load(&cfg, err, sizeof err), 0);
	assert_int_equal(cfg.access_expire_minutes, 45);
	assert_string_equal(cfg.secret_key, A32);
	bk_config_cleanup(&cfg);
	unlink(path);
}

static void
booleans_take_the_specs_spellings(void **state)
{
	bool	b;

	assert_int_equal(bk_config_parse_bool("Yes", &b), 0);
	assert_true(b);
	assert_int_equal(bk_config_parse_bool("off", &b), 0);
	assert_false(b);
	assert_int_equal(bk_config_parse_bool("2", &b), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(good_settings_load_with_defaults, reset),
		cmocka_unit_test_setup(missing_secret_key_is_named, reset),
		cmocka_unit_test_setup(short_or_equal_secrets_are_refused,
		    reset),
		cmocka_unit_test_setup(sample_secrets_only_in_development,
		    reset),
		cmocka_unit_test_setup(only_hs256_is_accepted, reset),
		cmocka_unit_test_setup(mongodb_uri_needs_a_database_name,
		    reset),
		cmocka_unit_test_setup(bad_numbers_and_booleans_are_named,
		    reset),
		cmocka_unit_test_setup(env_file_fills_gaps_but_environment_wins,
		    reset),
		cmocka_unit_test(booleans_take_the_specs_spellings),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
