/* The event stream client: one thread running an lws client context that
 * keeps a WebSocket to /api/v1/ws open, authenticates, subscribes from a
 * seq, and posts what arrives (events, its state, resync, a refused
 * token) to the mailbox. It reconnects by itself with backoff and resumes
 * after the last event it delivered. */
#ifndef TUI_NET_WS_H
#define TUI_NET_WS_H

#include <stdint.h>

struct tui_mailbox;
struct tui_ws;

struct tui_ws	*tui_ws_new(struct tui_mailbox *, const char *, const char *,
		    int64_t);
void		 tui_ws_free(struct tui_ws *);
void		 tui_ws_set_token(struct tui_ws *, const char *);
void		 tui_ws_subscribe(struct tui_ws *, int64_t);

#endif
