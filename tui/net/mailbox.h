/* The mailbox: how network threads hand results to the UI thread. A queue
 * under a lock plus a pipe whose read end the UI thread poll()s. */
#ifndef TUI_NET_MAILBOX_H
#define TUI_NET_MAILBOX_H

struct tui_rest_res;

enum tui_msg_kind {
	TUI_MSG_REST		/* a finished REST request: rest */
};

/* A message belongs to its poster until posted, then to the mailbox, then
 * to the UI thread that took it (which frees it with tui_msg_free). */
struct tui_msg {
	enum tui_msg_kind	 kind;
	struct tui_rest_res	*rest;
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
