/* The RevCare endpoints the client calls, as one table, and the builders
 * that turn a row into a tui_rest_req. */
#ifndef TUI_NET_API_H
#define TUI_NET_API_H

#include "net/rest.h"

enum tui_api {
	TUI_API_LOGIN,		/* POST /auth/login, form body */
	TUI_API_ME,		/* GET /auth/me, bearer */
	TUI_API_REFRESH,	/* POST /auth/refresh, cookie */
	TUI_API_LOGOUT,		/* POST /auth/logout, bearer */
	TUI_API_DASHBOARD,	/* GET /bookings/admin/dashboard */
	TUI_API_EVENTS,		/* GET /events */
	TUI_API_BOOKING,	/* GET /bookings/{id} */
	TUI_API_BOOKING_PROGRESS,
	TUI_API_BOOKING_ANALYSIS,
	TUI_API_BOOKING_EVENTS,
	TUI_API_MECHANICS,	/* GET /mechanics/ */
	TUI_API_WORKLOAD,	/* GET /mechanics/workload */
	TUI_API_CATEGORIES,	/* GET /services/category */
	TUI_API_GST,		/* GET /gst/ */
	TUI_API_MAKERS,		/* GET /car/manufacturer */
	TUI_API_ASSIGN,		/* POST /bookings/admin/assign */
	TUI_API_RELEASE,	/* PUT /bookings/assignments/{id}/release */
	TUI_API_VALIDATE_PROGRESS,
	TUI_API_EDIT_PROGRESS,
	TUI_API_VALIDATE_ANALYSIS,
	TUI_API_EDIT_ANALYSIS,
	TUI_API_CANCEL,		/* PUT /bookings/{id}/cancel */
	TUI_API_MECHANIC_UPDATE	/* PUT /mechanics/{id} */
};

struct tui_rest_req	*tui_api_request(enum tui_api, const char *,
			     const char *);
struct tui_rest_req	*tui_api_call(enum tui_api, const char *,
			     const char *, const char *, const char *);
struct tui_rest_req	*tui_api_login(const char *, const char *,
			     const char *);
void			 tui_api_json(struct tui_rest_req *, char *);
char			*tui_api_form_escape(const char *);

#endif
