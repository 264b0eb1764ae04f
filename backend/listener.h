/* The listener thread: its own PostgreSQL connection LISTENs on
 * revcare_events and revcare_revoked, reads committed events strictly in
 * seq order and hands them to the lws service thread through a bounded
 * queue, waking it with the given function. */
#ifndef BK_LISTENER_H
#define BK_LISTENER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worker.h"

struct bk_listener;

enum bk_listen_kind {
	BK_LISTEN_EVENT,	/* the next committed event, in seq order */
	BK_LISTEN_REVOKED,	/* a user's tokens may have been revoked */
	BK_LISTEN_LATE,		/* an event given up on committed after all */
	BK_LISTEN_SETTLED,	/* every seq up to seq is settled (no event) */
	BK_LISTEN_RESET		/* the log went back to seq (a restore) */
};

/*
 * What the listener hands over. An item belongs to the listener until
 * bk_listener_take returns it, then to the service thread, which frees it
 * with bk_listen_item_free.
 */
struct bk_listen_item {
	struct bk_listen_item	*next;		/* {lock of the queue} */
	enum bk_listen_kind	 kind;
	int64_t			 seq;		/* EVENT, LATE, SETTLED,
						 * RESET */
	char			*audience;	/* EVENT, LATE: "id,id" */
	const char		**aud;		/* the ids, into audience */
	int			 naud;
	unsigned char		*staff;		/* EVENT: pre + text */
	size_t			 staff_len;
	unsigned char		*customer;	/* EVENT: pre + text, or NULL */
	size_t			 customer_len;
	char			 user_id[17];	/* REVOKED: "" for anyone */
};

/*
 * Connect to url and find where to start (*head: every event up to it is
 * settled). Texts are allocated with pre bytes of headroom before them
 * (LWS_PRE). Main thread; NULL with one line in err.
 */
struct bk_listener *bk_listener_new(const char *url, size_t pre,
	    int64_t *head, char *err, size_t errlen);
/* Start the thread; wake(arg) is called after items were queued. */
int	bk_listener_start(struct bk_listener *, bk_wake_fn *wake, void *arg);
/* The next item or NULL; never waits. Service thread. */
struct bk_listen_item *bk_listener_take(struct bk_listener *);
void	bk_listen_item_free(struct bk_listen_item *);
/* The highest seq read so far (settled or not). Any thread. */
int64_t	bk_listener_top(struct bk_listener *);
/* Stop and join the thread, close the connection, free queued items. */
void	bk_listener_free(struct bk_listener *);

#endif
