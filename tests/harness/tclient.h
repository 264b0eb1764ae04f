/* The API tests' HTTP client: real requests with libcurl to the revcared
 * the harness started (REVCARE_TEST_URL), answers parsed with cJSON. */
#ifndef TCLIENT_H
#define TCLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

struct tc_resp {
	long	 status;
	char	*body;
	size_t	 len;
	char	*headers;	/* raw header block, lower-cased names */
	cJSON	*json;		/* NULL if the body is not JSON */
};

/* Optional request parts. */
struct tc_opt {
	const char	*token;		/* Authorization: Bearer */
	const char	*ctype;		/* Content-Type */
	const char	*cookie;	/* Cookie header */
	const char	*origin;	/* Origin header */
	const char	*extra;		/* one more "Name: value" header */
	const char	*base;		/* another server's base URL */
};

/* The server under test; the test fails if the harness did not set it. */
const char	*tc_base(void);
/* Perform method path with body (may be NULL) and options (may be NULL).
 * Returns 0 (even for 4xx/5xx), -1 if no HTTP answer came. */
int		 tc_request(const char *method, const char *path,
		    const char *body, const struct tc_opt *, struct tc_resp *);
void		 tc_resp_free(struct tc_resp *);
/* A response header's value (malloc'd, caller frees), or NULL. */
char		*tc_header(const struct tc_resp *, const char *name);
/* The refresh_token value from Set-Cookie (malloc'd), or NULL. */
char		*tc_cookie(const struct tc_resp *, const char *name);
/* Log in with the form; returns the access token (malloc'd) or NULL; the
 * refresh token goes to *refresh when refresh is not NULL. */
char		*tc_login(const char *phone, const char *password,
		    char **refresh);
/* The JSON "detail" string of an error body, or NULL. */
const char	*tc_detail(const struct tc_resp *);
/* A libpq URL of the test database (REVCARE_TEST_PGURL). */
const char	*tc_pgurl(void);
/* Run one SQL statement on the test database; returns the first value
 * of the first row (malloc'd) or NULL. */
char		*tc_sql(const char *sql);
/* A phone number no other test uses (for fresh users). */
long		 tc_unique_phone(void);

/* Seeded development users (SPEC §11.9). */
#define TC_PASSWORD		"Sk18102004."
#define TC_ADMIN_PHONE		"9841385379"
#define TC_CUSTOMER_PHONE	"7904593204"
#define TC_CUSTOMER2_PHONE	"7904593205"
#define TC_MECHANIC_PHONE	"6374159500"
#define TC_MECHANIC2_PHONE	"6374159501"

#endif
