/*
 * The mailbox between network threads and the UI thread.
 *
 * Posting appends to a FIFO under the lock and writes one byte to a
 * non-blocking pipe; the UI thread poll()s the read end beside stdin,
 * drains the pipe and takes the whole FIFO at once. Bytes only wake the
 * loop: a full pipe (EAGAIN) loses nothing, because the messages live in
 * the list, and a wake-up with an empty list is harmless.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "xmalloc.h"
#include "model/events.h"
#include "net/mailbox.h"
#include "net/rest.h"

/* Shared by every network thread (posters) and the UI thread (taker). */
struct tui_mailbox {
	pthread_mutex_t	 lock;
	struct tui_msg	*head;		/* {lock} */
	struct tui_msg	*tail;		/* {lock} */
	int		 pipe[2];	/* [0] UI reads, [1] posters write */
};

static int
mailbox_nonblock(int fd)
{
	int	flags;

	flags = fcntl(fd, F_GETFL);
	if (flags == -1)
		return -1;
	if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* A new empty mailbox, or NULL (errno set) if the pipe cannot be made. */
struct tui_mailbox *
tui_mailbox_new(void)
{
	struct tui_mailbox	*mb;

	mb = xcalloc(1, sizeof *mb);
	if (pipe(mb->pipe) == -1) {
		free(mb);
		return NULL;
	}
	if (mailbox_nonblock(mb->pipe[0]) == -1 ||
	    mailbox_nonblock(mb->pipe[1]) == -1) {
		close(mb->pipe[0]);
		close(mb->pipe[1]);
		free(mb);
		return NULL;
	}
	pthread_mutex_init(&mb->lock, NULL);
	return mb;
}

/* Free the mailbox and any messages left in it. Only after every poster
 * has stopped. NULL does nothing. */
void
tui_mailbox_free(struct tui_mailbox *mb)
{
	struct tui_msg	*msg, *next;

	if (mb == NULL)
		return;
	for (msg = mb->head; msg != NULL; msg = next) {
		next = msg->next;
		tui_msg_free(msg);
	}
	close(mb->pipe[0]);
	close(mb->pipe[1]);
	pthread_mutex_destroy(&mb->lock);
	free(mb);
}

/* The descriptor the UI thread polls for POLLIN. */
int
tui_mailbox_fd(const struct tui_mailbox *mb)
{
	return mb->pipe[0];
}

/* Any thread: queue msg (ownership passes to the mailbox) and wake the
 * UI thread. Never blocks for long: the lock guards two pointers. */
void
tui_mailbox_post(struct tui_mailbox *mb, struct tui_msg *msg)
{
	ssize_t	n;

	msg->next = NULL;
	pthread_mutex_lock(&mb->lock);
	if (mb->tail != NULL)
		mb->tail->next = msg;
	else
		mb->head = msg;
	mb->tail = msg;
	pthread_mutex_unlock(&mb->lock);
	do
		n = write(mb->pipe[1], "", 1);
	while (n == -1 && errno == EINTR);
}

/* UI thread: drain the pipe and take every queued message, oldest first,
 * as a list linked by next (NULL if none). The caller frees each. */
struct tui_msg *
tui_mailbox_take(struct tui_mailbox *mb)
{
	struct tui_msg	*list;
	char		 buf[64];

	while (read(mb->pipe[0], buf, sizeof buf) > 0)
		continue;
	pthread_mutex_lock(&mb->lock);
	list = mb->head;
	mb->head = mb->tail = NULL;
	pthread_mutex_unlock(&mb->lock);
	return list;
}

/* Free one message and what it carries. NULL does nothing. */
void
tui_msg_free(struct tui_msg *msg)
{
	if (msg == NULL)
		return;
	tui_rest_res_free(msg->rest);
	if (msg->event != NULL) {
		tui_event_cleanup(msg->event);
		free(msg->event);
	}
	free(msg->text);
	free(msg);
}
