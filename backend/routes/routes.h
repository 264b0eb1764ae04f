/* Every route handler, one file per resource under routes/. */
#ifndef BK_ROUTES_H
#define BK_ROUTES_H

#include "http.h"

/* routes/ops.c */
bk_handler_fn	bk_ops_root;
bk_handler_fn	bk_ops_health;
bk_handler_fn	bk_ops_ready;
bk_handler_fn	bk_ops_docs;
bk_handler_fn	bk_ops_openapi;

/* routes/auth.c */
bk_handler_fn	bk_auth_login;
bk_handler_fn	bk_auth_refresh;
bk_handler_fn	bk_auth_logout;
bk_handler_fn	bk_auth_me;
bk_handler_fn	bk_auth_password;
bk_handler_fn	bk_auth_sessions;
bk_handler_fn	bk_auth_sessions_delete;
bk_handler_fn	bk_auth_roles;

/* Process start, for /health's uptime (set once by main). */
extern long	bk_started_at;

#endif
