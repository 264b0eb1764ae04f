/* Access and refresh tokens: HS256 JWTs through libjwt, pinned to HS256,
 * with the claims of SPEC §2.2. CPU only; safe from any thread. */
#ifndef BK_TOKEN_H
#define BK_TOKEN_H

#include <stdbool.h>

#include "scope.h"

#define BK_TOKEN_LEEWAY	30	/* seconds, for exp and iat */

struct bk_claims {
	char			sub[17];
	int			role;
	char			type[8];	/* "access" or "refresh" */
	char			jti[37];
	long			iat;
	long			exp;
	struct proto_scopes	scopes;		/* access tokens */
};

/* Sign claims with secret; returns a malloc'd token (caller frees), or
 * NULL on failure. Access tokens carry the scopes claim. */
char	*bk_token_issue(const char *secret, const struct bk_claims *);
/*
 * Verify token against secret at time now: HS256 header, signature, exp
 * and iat with leeway, type == want_type, sub, role 1..3, jti. Returns 0
 * and fills out, or -1.
 */
int	 bk_token_verify(const char *secret, const char *token,
	    const char *want_type, long now, struct bk_claims *out);
/* A random version 4 UUID in canonical text form. */
void	 bk_uuid4(char out[37]);
/* True if s is a canonical UUID. */
bool	 bk_is_uuid(const char *s);

#endif
