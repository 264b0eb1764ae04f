/* The application: the model, the network threads and the poll loop that
 * ties them to the terminal. One per process, owned by the UI thread. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "model/model.h"

struct tui_mailbox;
struct tui_rest;
struct tui_rest_req;

struct tui_options {
	const char	*server;	/* URL as given, never NULL */
	const char	*user;		/* phone to prefill, or NULL */
};

/* UI thread only. */
struct tui_app {
	struct tui_model	 model;
	struct tui_mailbox	*mailbox;
	struct tui_rest		*rest;
	int			 sigpipe[2];	/* signal handler -> loop */
};

int	tui_app_run(const struct tui_options *);
void	tui_app_send(struct tui_app *, struct tui_rest_req *, const char *);

#endif
