/* The REST worker: one thread with one libcurl handle (and its in-memory
 * cookie jar, which keeps the refresh cookie) performing queued requests
 * and posting each result to the mailbox. */
#ifndef TUI_NET_REST_H
#define TUI_NET_REST_H

#include <stdbool.h>
#include <stdint.h>

struct tui_mailbox;

/* What went wrong below HTTP; TUI_NET_OK when a reply came back. */
enum tui_net_error {
	TUI_NET_OK,
	TUI_NET_UNREACHABLE,	/* resolve, connect or TLS failed */
	TUI_NET_TIMEOUT,
	TUI_NET_TOO_BIG,	/* reply over the body ceiling */
	TUI_NET_FAILED		/* anything else; see error */
};

/* A request, built by the UI thread and handed to the worker. All strings
 * are owned by the request. */
struct tui_rest_req {
	int			 kind;		/* caller's tag, echoed */
	unsigned		 epoch;		/* caller's tag, echoed */
	long			 tag;		/* caller's tag, echoed */
	const char		*method;	/* "GET", "POST": static */
	char			*url;
	char			*body;		/* NULL for none; wiped */
	const char		*content_type;	/* static, with body */
	char			*bearer;	/* access token or NULL */
	bool			 forget_cookies; /* after: empty the jar */
	struct tui_rest_req	*next;		/* {rest lock} queued */
};

/* A result, built by the worker and read by the UI thread. */
struct tui_rest_res {
	int			 kind;
	unsigned		 epoch;
	long			 tag;
	enum tui_net_error	 net;
	long			 status;	/* HTTP status, 0 if none */
	int64_t			 event_seq;	/* X-Event-Seq, -1 if none */
	long			 total;		/* X-Total-Count, -1 if none */
	char			*body;		/* NUL-ended, maybe "" */
	char			*error;		/* libcurl's text or NULL */
};

struct tui_rest;

struct tui_rest		*tui_rest_new(struct tui_mailbox *);
void			 tui_rest_free(struct tui_rest *);
void			 tui_rest_submit(struct tui_rest *,
			     struct tui_rest_req *);
void			 tui_rest_req_free(struct tui_rest_req *);
void			 tui_rest_res_free(struct tui_rest_res *);

#endif
