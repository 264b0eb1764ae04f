/* The application: the model, the network threads and the poll loop that
 * ties them to the terminal. One per process, owned by the UI thread. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "dispatch.h"
#include "fetch.h"
#include "model/model.h"

struct tui_mailbox;
struct tui_rest;
struct tui_rest_req;
struct tui_rest_res;
struct tui_ws;

struct tui_options {
	const char	*server;	/* URL as given, never NULL */
	const char	*user;		/* phone to prefill, or NULL */
};

/* UI thread only. */
struct tui_app {
	struct tui_model	 model;
	struct tui_mailbox	*mailbox;
	struct tui_rest		*rest;
	struct tui_ws		*ws;		/* the event stream, or NULL */
	struct tui_fetch	 fetch;
	struct tui_chain	 chain;
	int			 sigpipe[2];	/* signal handler -> loop */
};

int	tui_app_run(const struct tui_options *);
void	tui_app_send(struct tui_app *, struct tui_rest_req *, const char *);
void	tui_app_reply_error(const char *, const struct tui_rest_res *,
	    struct tui_err *);

#endif
