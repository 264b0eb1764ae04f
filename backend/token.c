/* JWT issue and verify. libjwt does the JOSE work; this file pins the
 * algorithm and checks every claim we rely on. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <cjson/cJSON.h>
#include <jwt.h>

#include "token.h"
#include "role.h"

void
bk_uuid4(char out[37])
{
	unsigned char	b[16];
	size_t		got = 0;
	ssize_t		n;

	while (got < sizeof b) {
		n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			abort();	/* no entropy: nothing safe to do */
		got += (size_t)n;
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

bool
bk_is_uuid(const char *s)
{
	int	i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i]))
			return false;
	}
	return s[36] == '\0';
}

char *
bk_token_issue(const char *secret, const struct bk_claims *c)
{
	jwt_t	*jwt = NULL;
	cJSON	*scopes = NULL, *wrap = NULL;
	char	*json = NULL, *token = NULL;
	int	 i;

	if (jwt_new(&jwt) != 0)
		return NULL;
	if (jwt_add_grant(jwt, "sub", c->sub) != 0 ||
	    jwt_add_grant_int(jwt, "role", c->role) != 0 ||
	    jwt_add_grant(jwt, "type", c->type) != 0 ||
	    jwt_add_grant(jwt, "jti", c->jti) != 0 ||
	    jwt_add_grant_int(jwt, "iat", c->iat) != 0 ||
	    jwt_add_grant_int(jwt, "exp", c->exp) != 0)
		goto out;
	if (strcmp(c->type, "access") == 0) {
		wrap = cJSON_CreateObject();
		scopes = cJSON_AddArrayToObject(wrap, "scopes");
		for (i = 0; i < PROTO_SCOPE_COUNT; i++)
			if (proto_scopes_has(&c->scopes, i))
				cJSON_AddItemToArray(scopes,
				    cJSON_CreateString(proto_scope_name(i)));
		json = cJSON_PrintUnformatted(wrap);
		if (json == NULL || jwt_add_grants_json(jwt, json) != 0)
			goto out;
	}
	if (jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)secret,
	    (int)strlen(secret)) != 0)
		goto out;
	token = jwt_encode_str(jwt);
out:
	cJSON_Delete(wrap);
	free(json);
	jwt_free(jwt);
	return token;
}

static int
jwt_scopes(jwt_t *jwt, struct proto_scopes *set)
{
	cJSON	*arr, *it;
	char	*json;
	int	 s, rc = -1;

	proto_scopes_clear(set);
	json = jwt_get_grants_json(jwt, "scopes");
	if (json == NULL)
		return -1;
	arr = cJSON_Parse(json);
	free(json);
	if (!cJSON_IsArray(arr))
		goto out;
	cJSON_ArrayForEach(it, arr) {
		if (!cJSON_IsString(it))
			goto out;
		s = proto_scope_parse(it->valuestring);
		if (s >= 0)
			proto_scopes_add(set, s);
	}
	rc = 0;
out:
	cJSON_Delete(arr);
	return rc;
}

int
bk_token_verify(const char *secret, const char *token, const char *want_type,
    long now, struct bk_claims *out)
{
	jwt_t		*jwt = NULL;
	const char	*s, *typ;
	int		 rc = -1;

	memset(out, 0, sizeof *out);
	if (token == NULL || strlen(token) > 8192)
		return -1;
	if (jwt_decode(&jwt, token, (const unsigned char *)secret,
	    (int)strlen(secret)) != 0 || jwt == NULL)
		goto out;
	if (jwt_get_alg(jwt) != JWT_ALG_HS256)
		goto out;
	typ = jwt_get_header(jwt, "typ");
	if (typ != NULL && strcmp(typ, "JWT") != 0)
		goto out;
	s = jwt_get_grant(jwt, "type");
	if (s == NULL || strcmp(s, want_type) != 0)
		goto out;
	strcpy(out->type, want_type);
	s = jwt_get_grant(jwt, "sub");
	if (s == NULL || *s == '\0' || strlen(s) >= sizeof out->sub)
		goto out;
	strcpy(out->sub, s);
	s = jwt_get_grant(jwt, "jti");
	if (s == NULL || !bk_is_uuid(s))
		goto out;
	strcpy(out->jti, s);
	errno = 0;
	out->role = (int)jwt_get_grant_int(jwt, "role");
	if (errno != 0 || !proto_role_is_valid(out->role))
		goto out;
	out->iat = jwt_get_grant_int(jwt, "iat");
	if (errno != 0 || out->iat > now + BK_TOKEN_LEEWAY)
		goto out;
	out->exp = jwt_get_grant_int(jwt, "exp");
	if (errno != 0 || out->exp + BK_TOKEN_LEEWAY < now)
		goto out;
	if (strcmp(want_type, "access") == 0 &&
	    jwt_scopes(jwt, &out->scopes) != 0)
		goto out;
	rc = 0;
out:
	jwt_free(jwt);
	return rc;
}
