/* The session: which server, who is signed in with which role, the access
 * token and when to renew it, and the connection state. Pure state owned by
 * the UI thread: no curses, no network. */
#ifndef TUI_MODEL_SESSION_H
#define TUI_MODEL_SESSION_H

#include <stdbool.h>
#include <time.h>

#include "role.h"
#include "model/err.h"

/* X(enum suffix, label shown in the status bar) */
#define TUI_CONN_STATES(X) \
	X(OFFLINE, "offline") \
	X(CONNECTING, "connecting") \
	X(ONLINE, "online")

enum tui_conn {
#define X(e, label) TUI_CONN_##e,
	TUI_CONN_STATES(X)
#undef X
};

/* The user from GET /auth/me; strings are owned here, NULL when unknown. */
struct tui_user {
	char		*id;
	char		*name;
	char		*phone;
	char		*email;
	enum proto_role	 role;
};

struct tui_session {
	char		*server;	/* base URL, no trailing slash */
	char		*token;		/* access token, NULL signed out */
	time_t		 token_exp;	/* its "exp", 0 if unknown */
	time_t		 renew_at;	/* when to refresh, 0 never */
	int		 renew_failures; /* in a row, picks the backoff */
	bool		 signed_in;	/* /auth/me has answered */
	struct tui_user	 user;
	enum tui_conn	 conn;
	unsigned	 epoch;		/* bumped at sign-in and sign-out */
};

void		 tui_session_init(struct tui_session *, const char *);
void		 tui_session_cleanup(struct tui_session *);
char		*tui_session_normalize_url(const char *);
void		 tui_session_set_server(struct tui_session *, const char *);
int		 tui_session_apply_token(struct tui_session *, const char *,
		     time_t, struct tui_err *);
int		 tui_session_apply_me(struct tui_session *, const char *,
		     struct tui_err *);
void		 tui_session_renew_failed(struct tui_session *, time_t);
void		 tui_session_sign_out(struct tui_session *);
bool		 tui_session_renew_is_due(const struct tui_session *, time_t);
const char	*tui_conn_label(enum tui_conn);

#endif
