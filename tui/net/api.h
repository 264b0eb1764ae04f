/* The RevCare endpoints the client calls, as one table, and the builders
 * that turn a row into a tui_rest_req. */
#ifndef TUI_NET_API_H
#define TUI_NET_API_H

#include "net/rest.h"

enum tui_api {
	TUI_API_LOGIN,		/* POST /auth/login, form body */
	TUI_API_ME,		/* GET /auth/me, bearer */
	TUI_API_REFRESH,	/* POST /auth/refresh, cookie */
	TUI_API_LOGOUT		/* POST /auth/logout, bearer */
};

struct tui_rest_req	*tui_api_request(enum tui_api, const char *,
			     const char *);
struct tui_rest_req	*tui_api_login(const char *, const char *,
			     const char *);
char			*tui_api_form_escape(const char *);

#endif
