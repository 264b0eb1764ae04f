/* Tokens: round trip, wrong key, expiry, type confusion, alg pinning,
 * tampering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jwt.h>

#include "token.h"

#define KEY	"0123456789abcdef0123456789abcdef-access"
#define RKEY	"0123456789abcdef0123456789abcdef-refresh"

static void
claims(struct bk_claims *c, const char *type, long iat, long ttl)
{
	memset(c, 0, sizeof *c);
	strcpy(c->sub, "CST000001");
	c->role = 3;
	strcpy(c->type, type);
	bk_uuid4(c->jti);
	c->iat = iat;
	c->exp = iat + ttl;
	proto_scopes_of_role(3, &c->scopes);
}

static void
access_token_round_trips(void **state)
{
	struct bk_claims	c, out;
	long			now = (long)time(NULL);
	char			*tok;

	claims(&c, "access", now, 1800);
	tok = bk_token_issue(KEY, &c);
	assert_non_null(tok);
	assert_int_equal(bk_token_verify(KEY, tok, "access", now, &out), 0);
	assert_string_equal(out.sub, "CST000001");
	assert_int_equal(out.role, 3);
	assert_string_equal(out.jti, c.jti);
	assert_int_equal(out.exp, c.exp);
	assert_true(proto_scopes_has(&out.scopes, PROTO_SCOPE_WRITE_BOOKINGS));
	assert_false(proto_scopes_has(&out.scopes, PROTO_SCOPE_READ_MECHANICS));
	assert_int_equal(proto_scopes_count(&out.scopes), 50);
	free(tok);
}

static void
wrong_key_is_rejected(void **state)
{
	struct bk_claims	c, out;
	long			now = (long)time(NULL);
	char			*tok;

	claims(&c, "access", now, 1800);
	tok = bk_token_issue(KEY, &c);
	assert_int_equal(bk_token_verify(RKEY, tok, "access", now, &out), -1);
	free(tok);
}

static void
expired_token_is_rejected_after_leeway(void **state)
{
	struct bk_claims	c, out;
	long			now = (long)time(NULL);
	char			*tok;

	claims(&c, "access", now - 100, 60);	/* expired 40 s ago */
	tok = bk_token_issue(KEY, &c);
	assert_int_equal(bk_token_verify(KEY, tok, "access", now, &out), -1);
	/* within the 30 s leeway it still passes */
	assert_int_equal(bk_token_verify(KEY, tok, "access", now - 15, &out),
	    0);
	free(tok);
}

static void
refresh_token_is_not_an_access_token(void **state)
{
	struct bk_claims	c, out;
	long			now = (long)time(NULL);
	char			*tok;

	claims(&c, "refresh", now, 3600);
	tok = bk_token_issue(KEY, &c);
	assert_int_equal(bk_token_verify(KEY, tok, "access", now, &out), -1);
	assert_int_equal(bk_token_verify(KEY, tok, "refresh", now, &out), 0);
	free(tok);
}

static void
alg_none_is_rejected(void **state)
{
	struct bk_claims	out;
	long			now = (long)time(NULL);
	char			tok[512];

	/* {"alg":"none","typ":"JWT"} . {"sub":"ADM000001","role":1,...} . */
	snprintf(tok, sizeof tok, "%s.%s.",
	    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0",
	    "eyJzdWIiOiJBRE0wMDAwMDEiLCJyb2xlIjoxLCJ0eXBlIjoiYWNjZXNzIiwianRp"
	    "IjoiMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTExIiwiaWF0Ijox"
	    "LCJleHAiOjk5OTk5OTk5OTksInNjb3BlcyI6W119");
	assert_int_equal(bk_token_verify(KEY, tok, "access", now, &out), -1);
}

static void
other_hmac_algorithm_is_rejected(void **state)
{
	struct bk_claims	out;
	jwt_t			*jwt;
	char			*tok;
	long			 now = (long)time(NULL);

	assert_int_equal(jwt_new(&jwt), 0);
	jwt_add_grant(jwt, "sub", "ADM000001");
	jwt_add_grant_int(jwt, "role", 1);
	jwt_add_grant(jwt, "type", "access");
	jwt_add_grant(jwt, "jti", "11111111-1111-4111-8111-111111111111");
	jwt_add_grant_int(jwt, "iat", now);
	jwt_add_grant_int(jwt, "exp", now + 600);
	jwt_add_grants_json(jwt, "{\"scopes\":[]}");
	jwt_set_alg(jwt, JWT_ALG_HS512, (const unsigned char *)KEY,
	    (int)strlen(KEY));
	tok = jwt_encode_str(jwt);
	assert_non_null(tok);
	assert_int_equal(bk_token_verify(KEY, tok, "access", now, &out), -1);
	free(tok);
	jwt_free(jwt);
}

static void
tampered_payload_is_rejected(void **state)
{
	struct bk_claims	c, out;
	long			now = (long)time(NULL);
	char			*tok, *dot;

	claims(&c, "access", now, 1800);
	tok = bk_token_issue(KEY, &c);
	dot = strchr(tok, '.');
	dot[5] = dot[5] == 'A' ? 'B' : 'A';
	assert_int_equal(bk_token_verify(KEY, tok, "access", now, &out), -1);
	free(tok);
}

static void
garbage_is_rejected(void **state)
{
	struct bk_claims	out;

	assert_int_equal(bk_token_verify(KEY, "not.a.token", "access", 0,
	    &out), -1);
	assert_int_equal(bk_token_verify(KEY, "", "access", 0, &out), -1);
	assert_int_equal(bk_token_verify(KEY, NULL, "access", 0, &out), -1);
}

static void
uuids_are_version_4_and_distinct(void **state)
{
	char	a[37], b[37];

	bk_uuid4(a);
	bk_uuid4(b);
	assert_true(bk_is_uuid(a));
	assert_int_equal(a[14], '4');
	assert_string_not_equal(a, b);
	assert_false(bk_is_uuid("1234"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(access_token_round_trips),
		cmocka_unit_test(wrong_key_is_rejected),
		cmocka_unit_test(expired_token_is_rejected_after_leeway),
		cmocka_unit_test(refresh_token_is_not_an_access_token),
		cmocka_unit_test(alg_none_is_rejected),
		cmocka_unit_test(other_hmac_algorithm_is_rejected),
		cmocka_unit_test(tampered_payload_is_rejected),
		cmocka_unit_test(garbage_is_rejected),
		cmocka_unit_test(uuids_are_version_4_and_distinct),
	};

	return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
