/* Periodic upkeep on a node of its own with a one-second tick: expired
 * blacklist rows are purged, and a booking that falls behind its promise
 * gets exactly one eta_risk event per change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"

static char	node_pid[32];

static int
setup(void **state)
{
	char		 cmd[1024], path[512];
	const char	*dir = getenv("REVCARE_TEST_DIR");
	const char	*stack = getenv("REVCARE_TEST_STACK");
	FILE		*f;

	if (dir == NULL || stack == NULL)
		return -1;
	setenv("REVCARE_MAINTENANCE_SECONDS", "1", 1);
	snprintf(cmd, sizeof cmd, "'%s' revcared '%s' maintnode", stack, dir);
	if (system(cmd) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/maintnode.pid", dir);
	f = fopen(path, "r");
	if (f == NULL || fscanf(f, "%31s", node_pid) != 1)
		return -1;
	fclose(f);
	return 0;
}

static int
teardown(void **state)
{
	char	cmd[128];

	snprintf(cmd, sizeof cmd, "kill -TERM %s", node_pid);
	return system(cmd) == 0 ? 0 : -1;
}

/* Poll sql until it yields want, for at most ten seconds. */
static bool
eventually(const char *want, const char *fmt, ...)
{
	struct timespec	 pause = { 0, 100 * 1000 * 1000 };
	va_list		 ap;
	char		*sql, *got;
	time_t		 end = time(NULL) + 10;
	bool		 ok = false;

	va_start(ap, fmt);
	assert_true(vasprintf(&sql, fmt, ap) >= 0);
	va_end(ap);
	while (!ok && time(NULL) < end) {
		got = tc_sql(sql);
		ok = got != NULL && strcmp(got, want) == 0;
		free(got);
		if (!ok)
			nanosleep(&pause, NULL);
	}
	free(sql);
	return ok;
}

static void
expired_blacklist_rows_are_purged(void **state)
{
	free(tc_sql("INSERT INTO revoked_tokens (jti, user_id, token_type,"
	    " expires_at, reason) VALUES ('00000000-0000-4000-8000-"
	    "00000000abcd', 'CST000001', 'access', now() - interval '1 hour',"
	    " 'test'), ('00000000-0000-4000-8000-00000000abce', 'CST000001',"
	    " 'access', now() + interval '1 hour', 'test')"));
	assert_true(eventually("0", "SELECT count(*) FROM revoked_tokens"
	    " WHERE jti = '00000000-0000-4000-8000-00000000abcd'"));
	/* a row still in force stays */
	assert_true(eventually("1", "SELECT count(*) FROM revoked_tokens"
	    " WHERE jti = '00000000-0000-4000-8000-00000000abce'"));
}

static void
overdue_booking_gets_one_eta_risk_event(void **state)
{
	struct tc_booking	 b = { .promised = "-2 hours" };
	long			 id = tc_new_booking(&b);
	struct timespec		 wait = { 2, 500 * 1000 * 1000 };
	char			*n;

	assert_true(eventually("overdue", "SELECT payload->'data'->>"
	    "'eta_risk' FROM booking_events WHERE booking_id = %ld AND"
	    " kind = 'eta_risk'", id));
	/* later sweeps see no change and write nothing more */
	nanosleep(&wait, NULL);
	n = tc_sqlf("SELECT count(*) FROM booking_events WHERE booking_id ="
	    " %ld AND kind = 'eta_risk'", id);
	assert_string_equal(n, "1");
	free(n);
	/* back on track (new promise): one more event, on_track */
	free(tc_sqlf("UPDATE bookings SET promised_at = now() + interval"
	    " '10 days' WHERE id = %ld", id));
	assert_true(eventually("2", "SELECT count(*) FROM booking_events"
	    " WHERE booking_id = %ld AND kind = 'eta_risk'", id));
	n = tc_sqlf("SELECT payload->'data'->>'eta_risk' FROM booking_events"
	    " WHERE booking_id = %ld AND kind = 'eta_risk' ORDER BY seq DESC"
	    " LIMIT 1", id);
	assert_string_equal(n, "on_track");
	free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expired_blacklist_rows_are_purged),
		cmocka_unit_test(overdue_booking_gets_one_eta_risk_event),
	};

	tc_base();
	return cmocka_run_group_tests_name("maintenance", tests, setup,
	    teardown);
}
