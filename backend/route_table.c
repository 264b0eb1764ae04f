/* One row per endpoint: method, pattern, scopes, flags, body, limit,
 * handler, summary. The router checks path, method, token, scopes, size
 * and content type before a handler runs. */
#include "router.h"
#include "routes/routes.h"

#define PUBLIC		BK_ROUTE_PUBLIC
#define NO_TX		BK_ROUTE_NO_TX
#define NONE		BK_BODY_NONE
#define JSON		BK_BODY_JSON
#define FORM		BK_BODY_FORM

const struct bk_route bk_route_table[] = {
	/* root and operations */
	{ BK_GET, "/", { 0 }, PUBLIC | NO_TX, NONE, 0, bk_ops_root,
	    "Welcome message" },
	{ BK_GET, "/health", { 0 }, PUBLIC | NO_TX, NONE, 0, bk_ops_health,
	    "Process liveness" },
	{ BK_GET, "/ready", { 0 }, PUBLIC | NO_TX, NONE, 0, bk_ops_ready,
	    "Database and document store reachable" },
	{ BK_GET, "/docs", { 0 }, PUBLIC | NO_TX, NONE, 0, bk_ops_docs,
	    "This list of endpoints" },
	{ BK_GET, "/openapi.json", { 0 }, PUBLIC | NO_TX, NONE, 0,
	    bk_ops_openapi, "OpenAPI 3.1 document" },

	/* authentication */
	{ BK_POST, "/api/v1/auth/login", { 0 }, PUBLIC, FORM, 0,
	    bk_auth_login, "Log in with phone and password" },
	{ BK_POST, "/api/v1/auth/refresh", { 0 }, PUBLIC, NONE, 0,
	    bk_auth_refresh, "New access token from the refresh cookie" },
	{ BK_POST, "/api/v1/auth/logout", { SC(UPDATE_REFRESH_TOKENS) }, 0,
	    NONE, 0, bk_auth_logout, "Revoke this session's tokens" },
	{ BK_GET, "/api/v1/auth/me", { SC(READ_USERS) }, 0, NONE, 0,
	    bk_auth_me, "The caller: id, name, role and scopes" },
	{ BK_PUT, "/api/v1/auth/password", { SC(UPDATE_USERS) }, 0, JSON, 0,
	    bk_auth_password, "Change one's own password (ends sessions)" },
	{ BK_GET, "/api/v1/auth/sessions", { SC(READ_REFRESH_TOKENS) }, 0,
	    NONE, 0, bk_auth_sessions, "Live sessions (refresh tokens)" },
	{ BK_DELETE, "/api/v1/auth/sessions/{user_id}",
	    { SC(DELETE_REFRESH_TOKENS) }, 0, NONE, 0, bk_auth_sessions_delete,
	    "End every session of a user" },
	{ BK_GET, "/api/v1/rbac/roles", { SC(READ_RBAC) }, 0, NONE, 0,
	    bk_auth_roles, "Roles and their scopes" },
};

const size_t bk_route_count = sizeof bk_route_table / sizeof bk_route_table[0];
