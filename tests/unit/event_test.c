/* The live stream's message codec (protocol/event.c, SPEC §8.17): every
 * message formats in the documented shape and parses back, and malformed
 * or unknown input is refused with the right reason, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "event.h"

/* Parse text, which must succeed; the caller cleans up. */
static void
parse_ok(const char *text, struct proto_msg *m)
{
	enum proto_msg_err	why = PROTO_MSG_ERR_MALFORMED;

	if (proto_msg_parse(text, strlen(text), m, &why) != 0)
		fail_msg("refused: %s", text);
	assert_int_equal(why, PROTO_MSG_ERR_NONE);
}

/* Parse text, which must fail with why. */
static void
parse_bad(const char *text, enum proto_msg_err want)
{
	struct proto_msg	m;
	enum proto_msg_err	why = PROTO_MSG_ERR_NONE;

	if (proto_msg_parse(text, strlen(text), &m, &why) == 0)
		fail_msg("accepted: %s", text);
	if (why != want)
		fail_msg("%s: reason %d, wanted %d", text, why, want);
	assert_int_equal(m.type, PROTO_MSG_NONE);
	assert_null(m.token);
	assert_null(m.event.data);
}

/* msg formats to exactly want, and want parses back to it. */
static void
format_is(const struct proto_msg *msg, const char *want)
{
	struct proto_msg	 back;
	char			*text = proto_msg_format(msg), *again;

	assert_non_null(text);
	assert_string_equal(text, want);
	parse_ok(text, &back);
	assert_int_equal(back.type, msg->type);
	again = proto_msg_format(&back);
	assert_string_equal(again, want);
	proto_msg_cleanup(&back);
	free(text);
	free(again);
}

static void
auth_request_formats_and_parses(void **state)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_AUTH);
	m.token = "a.b.c";
	format_is(&m, "{\"type\":\"auth\",\"token\":\"a.b.c\"}");
	parse_ok("{\"token\":\"x\",\"type\":\"auth\",\"extra\":[1]}", &m);
	assert_int_equal(m.type, PROTO_MSG_AUTH);
	assert_string_equal(m.token, "x");
	proto_msg_cleanup(&m);
	assert_null(m.token);
}

static void
auth_answer_formats_and_parses(void **state)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_AUTH_OK);
	m.user_id = "ADM000001";
	m.role = 1;
	m.head = 42;
	format_is(&m, "{\"type\":\"auth\",\"ok\":true,\"user_id\":"
	    "\"ADM000001\",\"role\":1,\"head\":42}");
	parse_ok("{\"type\":\"auth\",\"ok\":true,\"user_id\":\"MEC000002\","
	    "\"role\":2,\"head\":0}", &m);
	assert_int_equal(m.type, PROTO_MSG_AUTH_OK);
	assert_string_equal(m.user_id, "MEC000002");
	assert_int_equal(m.role, 2);
	assert_int_equal(m.head, 0);
	proto_msg_cleanup(&m);
}

static void
subscribe_and_subscribed_carry_their_seqs(void **state)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_SUBSCRIBE);
	m.since = 0;
	format_is(&m, "{\"type\":\"subscribe\",\"since\":0}");
	m.since = 9007199254740992LL;	/* 2^53, the largest exact */
	format_is(&m, "{\"type\":\"subscribe\",\"since\":9007199254740992}");
	proto_msg_init(&m, PROTO_MSG_SUBSCRIBED);
	m.since = 5;
	m.head = 17;
	format_is(&m, "{\"type\":\"subscribed\",\"since\":5,\"head\":17}");
	parse_ok("{\"type\":\"subscribe\",\"since\":123456789012}", &m);
	assert_int_equal(m.since, 123456789012LL);
	proto_msg_cleanup(&m);
}

static void
event_formats_in_the_documented_order(void **state)
{
	struct proto_msg	m, back;

	proto_msg_init(&m, PROTO_MSG_EVENT);
	m.event.seq = 7;
	m.event.kind = "created";
	m.event.booking_id = 3;
	m.event.at = "2025-11-10T08:30:00.000000Z";
	m.event.actor = "CST000001";
	m.event.actor_role = 3;
	m.event.data = cJSON_Parse("{\"service_ids\":[1,2]}");
	m.event.booking = cJSON_Parse("{\"id\":3,\"status\":\"booked\"}");
	format_is(&m, "{\"type\":\"event\",\"seq\":7,\"kind\":\"created\","
	    "\"booking_id\":3,\"at\":\"2025-11-10T08:30:00.000000Z\","
	    "\"actor\":\"CST000001\",\"actor_role\":3,"
	    "\"data\":{\"service_ids\":[1,2]},"
	    "\"booking\":{\"id\":3,\"status\":\"booked\"}}");
	assert_string_equal(proto_event_status(&m.event), "booked");
	/* the system acts with no role */
	m.event.actor = "system";
	m.event.actor_role = 0;
	parse_ok("{\"type\":\"event\",\"seq\":8,\"kind\":\"eta_risk\","
	    "\"booking_id\":3,\"at\":\"t\",\"actor\":\"system\","
	    "\"actor_role\":null,\"data\":{},\"booking\":null}", &back);
	assert_int_equal(back.event.seq, 8);
	assert_int_equal(back.event.actor_role, 0);
	assert_null(back.event.booking);
	assert_null(proto_event_status(&back.event));
	proto_msg_cleanup(&back);
	cJSON_Delete(m.event.data);
	cJSON_Delete(m.event.booking);
}

static void
bare_messages_format_and_parse(void **state)
{
	static const struct {
		enum proto_msg_type	 t;
		const char		*text;
	} rows[] = {
		{ PROTO_MSG_RESYNC, "{\"type\":\"resync\"}" },
		{ PROTO_MSG_PING, "{\"type\":\"ping\"}" },
		{ PROTO_MSG_PONG, "{\"type\":\"pong\"}" },
	};
	struct proto_msg	m;
	size_t			i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		proto_msg_init(&m, rows[i].t);
		format_is(&m, rows[i].text);
	}
	proto_msg_init(&m, PROTO_MSG_ERROR);
	m.detail = "Token expired.";
	format_is(&m, "{\"type\":\"error\",\"detail\":\"Token expired.\"}");
}

static void
a_message_without_its_required_field_does_not_format(void **state)
{
	struct proto_msg	m;

	proto_msg_init(&m, PROTO_MSG_AUTH);
	assert_null(proto_msg_format(&m));
	proto_msg_init(&m, PROTO_MSG_ERROR);
	assert_null(proto_msg_format(&m));
	proto_msg_init(&m, PROTO_MSG_AUTH_OK);
	assert_null(proto_msg_format(&m));
	proto_msg_init(&m, PROTO_MSG_EVENT);
	assert_null(proto_msg_format(&m));
	proto_msg_init(&m, PROTO_MSG_NONE);
	assert_null(proto_msg_format(&m));
	m.type = PROTO_MSG_COUNT;
	assert_null(proto_msg_format(&m));
}

static void
text_that_is_not_a_message_object_is_malformed(void **state)
{
	static const char *rows[] = {
		"", " ", "{", "{\"type\":\"ping\"", "null", "[]", "42",
		"\"ping\"", "{}", "{\"type\":1}", "{\"type\":null}",
		"{\"type\":[\"ping\"]}", "{\"Type\":\"ping\"}",
		"{\"type\":\"ping\"} trailing",
	};
	size_t	i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		parse_bad(rows[i], PROTO_MSG_ERR_MALFORMED);
}

static void
an_unknown_type_is_unknown(void **state)
{
	parse_bad("{\"type\":\"dance\"}", PROTO_MSG_ERR_UNKNOWN);
	parse_bad("{\"type\":\"\"}", PROTO_MSG_ERR_UNKNOWN);
	parse_bad("{\"type\":\"PING\"}", PROTO_MSG_ERR_UNKNOWN);
	assert_string_equal(proto_msg_err_detail(PROTO_MSG_ERR_UNKNOWN),
	    "Unknown message type.");
	assert_string_equal(proto_msg_err_detail(PROTO_MSG_ERR_MALFORMED),
	    "Malformed message.");
}

static void
bad_fields_are_malformed(void **state)
{
	static const char *rows[] = {
		/* auth: a non-empty string token, or a whole answer */
		"{\"type\":\"auth\"}",
		"{\"type\":\"auth\",\"token\":\"\"}",
		"{\"type\":\"auth\",\"token\":5}",
		"{\"type\":\"auth\",\"token\":null}",
		"{\"type\":\"auth\",\"ok\":false,\"user_id\":\"A\",\"role\":1,"
		    "\"head\":0}",
		"{\"type\":\"auth\",\"ok\":true,\"user_id\":\"A\",\"role\":4,"
		    "\"head\":0}",
		"{\"type\":\"auth\",\"ok\":true,\"user_id\":"
		    "\"ADM0000000000000001\",\"role\":1,\"head\":0}",
		"{\"type\":\"auth\",\"ok\":true,\"user_id\":\"A\",\"role\":1}",
		/* seqs: whole numbers from 0 to 2^53 */
		"{\"type\":\"subscribe\"}",
		"{\"type\":\"subscribe\",\"since\":-1}",
		"{\"type\":\"subscribe\",\"since\":1.5}",
		"{\"type\":\"subscribe\",\"since\":\"5\"}",
		"{\"type\":\"subscribe\",\"since\":1e300}",
		"{\"type\":\"subscribe\",\"since\":9007199254740994}",
		"{\"type\":\"subscribe\",\"since\":true}",
		"{\"type\":\"subscribed\",\"since\":1}",
		/* events */
		"{\"type\":\"event\",\"kind\":\"x\",\"booking_id\":1,"
		    "\"at\":\"t\",\"actor\":\"a\",\"data\":{}}",
		"{\"type\":\"event\",\"seq\":0,\"kind\":\"x\",\"booking_id\":1,"
		    "\"at\":\"t\",\"actor\":\"a\",\"data\":{}}",
		"{\"type\":\"event\",\"seq\":1,\"kind\":\"x\",\"booking_id\":1,"
		    "\"at\":\"t\",\"actor\":\"a\",\"data\":[]}",
		"{\"type\":\"event\",\"seq\":1,\"kind\":\"x\",\"booking_id\":1,"
		    "\"at\":\"t\",\"actor\":\"a\",\"data\":{},"
		    "\"booking\":\"b\"}",
		"{\"type\":\"event\",\"seq\":1,\"kind\":\"x\",\"booking_id\":1,"
		    "\"at\":\"t\",\"actor\":\"a\",\"actor_role\":9,"
		    "\"data\":{}}",
		"{\"type\":\"event\",\"seq\":1,\"kind\":\"x\","
		    "\"booking_id\":3000000000,\"at\":\"t\",\"actor\":\"a\","
		    "\"data\":{}}",
		"{\"type\":\"event\",\"seq\":1,\"kind\":7,\"booking_id\":1,"
		    "\"at\":\"t\",\"actor\":\"a\",\"data\":{}}",
		/* errors need their detail */
		"{\"type\":\"error\"}",
		"{\"type\":\"error\",\"detail\":{}}",
	};
	size_t	i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		parse_bad(rows[i], PROTO_MSG_ERR_MALFORMED);
}

static void
only_the_given_length_is_read(void **state)
{
	struct proto_msg	m;
	enum proto_msg_err	why;
	const char		*text = "{\"type\":\"ping\"}"
	    "{\"type\":\"pong\"}";

	assert_int_equal(proto_msg_parse(text, 15, &m, &why), 0);
	assert_int_equal(m.type, PROTO_MSG_PING);
	assert_int_equal(proto_msg_parse(text, 10, &m, &why), -1);
	assert_int_equal(why, PROTO_MSG_ERR_MALFORMED);
	assert_int_equal(proto_msg_parse("{\"type\":\"ping\"}\0garbage", 24,
	    &m, &why), -1);
}

static void
a_token_longer_than_a_client_message_is_malformed(void **state)
{
	char	*text = malloc(PROTO_WS_MAX_IN + 64);
	size_t	 n;

	n = (size_t)sprintf(text, "{\"type\":\"auth\",\"token\":\"");
	memset(text + n, 'a', PROTO_WS_MAX_IN + 1);
	strcpy(text + n + PROTO_WS_MAX_IN + 1, "\"}");
	parse_bad(text, PROTO_MSG_ERR_MALFORMED);
	free(text);
}

static void
type_names_come_from_the_table(void **state)
{
	assert_string_equal(proto_msg_type_name(PROTO_MSG_AUTH), "auth");
	assert_string_equal(proto_msg_type_name(PROTO_MSG_AUTH_OK), "auth");
	assert_string_equal(proto_msg_type_name(PROTO_MSG_SUBSCRIBED),
	    "subscribed");
	assert_null(proto_msg_type_name(PROTO_MSG_NONE));
	assert_null(proto_msg_type_name(PROTO_MSG_COUNT));
	proto_msg_cleanup(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(auth_request_formats_and_parses),
		cmocka_unit_test(auth_answer_formats_and_parses),
		cmocka_unit_test(subscribe_and_subscribed_carry_their_seqs),
		cmocka_unit_test(event_formats_in_the_documented_order),
		cmocka_unit_test(bare_messages_format_and_parse),
		cmocka_unit_test(
		    a_message_without_its_required_field_does_not_format),
		cmocka_unit_test(
		    text_that_is_not_a_message_object_is_malformed),
		cmocka_unit_test(an_unknown_type_is_unknown),
		cmocka_unit_test(bad_fields_are_malformed),
		cmocka_unit_test(only_the_given_length_is_read),
		cmocka_unit_test(
		    a_token_longer_than_a_client_message_is_malformed),
		cmocka_unit_test(type_names_come_from_the_table),
	};

	return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}
