/* The mailbox: how network threads hand results to the UI thread. A queue
 * under a lock plus a pipe whose read end the UI thread poll()s. */
#ifndef TUI_NET_MAILBOX_H
#define TUI_NET_MAILBOX_H

#include <stdint.h>

struct tui_rest_res;
struct tui_event;

enum tui_msg_kind {
	TUI_MSG_REST,		/* a finished REST request: rest */
	TUI_MSG_WS_STATE,	/* the stream's state changed: state, text */
	TUI_MSG_WS_EVENT,	/* a booking event: event */
	TUI_MSG_WS_RESYNC,	/* the server dropped our backlog */
	TUI_MSG_WS_AUTH		/* the server refused the token: text */
};

/* A message belongs to its poster until posted, then to the mailbox, then
 * to the UI thread that took it (which frees it with tui_msg_free). */
struct tui_msg {
	enum tui_msg_kind	 kind;
	struct tui_rest_res	*rest;
	struct tui_event	*event;
	int			 state;		/* enum tui_stream */
	int64_t			 seq;		/* WS_STATE: the head */
	char			*text;
	struct tui_msg		*next;	/* {mailbox lock} while queued */
};

struct tui_mailbox;

struct tui_mailbox	*tui_mailbox_new(void);
void			 tui_mailbox_free(struct tui_mailbox *);
int			 tui_mailbox_fd(const struct tui_mailbox *);
void			 tui_mailbox_post(struct tui_mailbox *,
			     struct tui_msg *);
struct tui_msg		*tui_mailbox_take(struct tui_mailbox *);
void			 tui_msg_free(struct tui_msg *);

#endif
