/*
 * The listener thread. It owns one PostgreSQL connection that LISTENs on
 * revcare_events (payload: a seq) and revcare_revoked (payload: a user
 * id). Notifications only say "look": on each, and every few seconds
 * anyway, it reads the committed rows after the highest seq it has seen.
 *
 * seq comes from a sequence, so a transaction can take seq 10, commit
 * after the one that took 11, or roll back and leave 10 unused forever.
 * Rows are handed on strictly in seq order, so a missing seq below one
 * already read is a gap that blocks delivery until it is settled: its row
 * appears, or it is proven dead. Proof: the snapshot of the read that
 * first missed it has an xmax; once a later read's snapshot has xmin >=
 * that xmax, every transaction that could have held the seq has ended, so
 * a row still missing in that same read was rolled back. (A transaction
 * that took the seq but had no xid yet at the first read is covered by a
 * short minimum wait.) A gap open for too long (a stuck transaction) is
 * given up with a warning, and if its row commits after all the service
 * thread tells the sockets that would have seen it to resync.
 *
 * Settled events go to the service thread through a bounded queue; when it
 * is full the listener waits (the database keeps the rows). After a lost
 * connection it reconnects with backoff and reads on from where it was, so
 * nothing is missed or repeated. Rows are never deleted, so a table whose
 * highest seq is below one already read was restored from a backup: the
 * listener starts over from there and every socket resyncs.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "db/conn.h"
#include "db/ws.h"
#include "listener.h"
#include "log.h"
#include "xmalloc.h"

#define LISTEN_QUEUE_MAX	1024	/* items the service thread has
					 * not taken */
#define LISTEN_READ_LIMIT	500	/* new rows per read */
#define LISTEN_HOLD_MAX		4096	/* rows held behind an open gap */
#define LISTEN_GAP_MIN_MS	50	/* a gap is never settled sooner */
#define LISTEN_GAP_MAX_MS	10000	/* then it is given up */
#define LISTEN_LATE_KEEP_MS	600000	/* a given-up gap is watched so long */
#define LISTEN_GAP_POLL_MS	20	/* re-read while gaps are open */
#define LISTEN_IDLE_READ_MS	5000	/* read anyway, notification or not */

/* Reconnect delays, as the lws minimal ws client's backoff table. */
static const int listen_backoff_ms[] = { 100, 250, 500, 1000, 2000, 5000 };

/* Seqs lo..hi not read yet although a higher one was. Listener only. */
struct gap {
	int64_t		 lo, hi;
	uint64_t	 xmax;		/* of the read that first missed them */
	int64_t		 since_ms;	/* first missed, or given up */
	bool		 given_up;	/* only watched for a late commit */
};

/*
 * Created by the main thread; after bk_listener_start the fields above
 * `lock` belong to the listener thread, the ones below are shared.
 */
struct bk_listener {
	struct bk_db		 db;
	bool			 connected;
	size_t			 pre;
	int64_t			 cursor;	/* every seq <= it is settled */
	int64_t			 top;		/* highest seq read */
	int64_t			 announced;	/* highest settled seq queued */
	struct bk_listen_item	**held;		/* read, > cursor, by seq */
	int			 nheld, capheld;
	struct gap		*gaps;		/* by lo */
	int			 ngaps, capgaps;
	int			 backoff;
	int			 stop_pipe[2];
	pthread_t		 thread;
	bool			 started;
	bool			 pushed;	/* since the last wake */
	bk_wake_fn		*wake;
	void			*arg;

	pthread_mutex_t		 lock;
	pthread_cond_t		 room;		/* the queue has room */
	struct bk_listen_item	*head;		/* {lock} */
	struct bk_listen_item	*tail;		/* {lock} */
	int			 nqueued;	/* {lock} */
	bool			 stopping;	/* {lock} */
	int64_t			 top_shared;	/* {lock} */
};

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
bk_listen_item_free(struct bk_listen_item *it)
{
	if (it == NULL)
		return;
	free(it->audience);
	free(it->aud);
	free(it->staff);
	free(it->customer);
	free(it);
}

/* text with pre bytes of headroom; *len gets its length. */
static unsigned char *
listener_text(const struct bk_listener *l, const char *text, size_t *len)
{
	unsigned char	*p;

	if (text == NULL) {
		*len = 0;
		return NULL;
	}
	*len = strlen(text);
	p = xmalloc(l->pre + *len + 1);
	memcpy(p + l->pre, text, *len + 1);
	return p;
}

/* An item for row (taking its audience); split into ids. */
static struct bk_listen_item *
listener_item(const struct bk_listener *l, struct bk_ws_row *row,
    enum bk_listen_kind kind)
{
	struct bk_listen_item	*it = xcalloc(1, sizeof *it);
	char			*p;
	int			 n = 1;

	it->kind = kind;
	it->seq = row->seq;
	it->audience = row->audience;
	row->audience = NULL;
	for (p = it->audience; *p != '\0'; p++)
		if (*p == ',')
			n++;
	it->aud = xcalloc((size_t)n, sizeof *it->aud);
	for (p = it->audience; *p != '\0'; ) {
		it->aud[it->naud++] = p;
		p += strcspn(p, ",");
		if (*p == ',')
			*p++ = '\0';
	}
	if (kind == BK_LISTEN_EVENT) {
		it->staff = listener_text(l, row->staff, &it->staff_len);
		it->customer = listener_text(l, row->customer,
		    &it->customer_len);
	}
	return it;
}

/* Queue it for the service thread, waiting while the queue is full. */
static void
listener_push(struct bk_listener *l, struct bk_listen_item *it)
{
	pthread_mutex_lock(&l->lock);
	while (l->nqueued >= LISTEN_QUEUE_MAX && !l->stopping) {
		pthread_mutex_unlock(&l->lock);
		l->wake(l->arg);
		pthread_mutex_lock(&l->lock);
		if (l->nqueued >= LISTEN_QUEUE_MAX && !l->stopping)
			pthread_cond_wait(&l->room, &l->lock);
	}
	if (l->stopping) {
		pthread_mutex_unlock(&l->lock);
		bk_listen_item_free(it);
		return;
	}
	it->next = NULL;
	if (l->tail != NULL)
		l->tail->next = it;
	else
		l->head = it;
	l->tail = it;
	l->nqueued++;
	pthread_mutex_unlock(&l->lock);
	l->pushed = true;
}

struct bk_listen_item *
bk_listener_take(struct bk_listener *l)
{
	struct bk_listen_item	*it;

	pthread_mutex_lock(&l->lock);
	it = l->head;
	if (it != NULL) {
		l->head = it->next;
		if (l->head == NULL)
			l->tail = NULL;
		it->next = NULL;
		if (l->nqueued-- == LISTEN_QUEUE_MAX)
			pthread_cond_signal(&l->room);
	}
	pthread_mutex_unlock(&l->lock);
	return it;
}

int64_t
bk_listener_top(struct bk_listener *l)
{
	int64_t	top;

	pthread_mutex_lock(&l->lock);
	top = l->top_shared;
	pthread_mutex_unlock(&l->lock);
	return top;
}

/* ---- gaps and held rows (listener thread) -------------------------- */

static void
gap_insert(struct bk_listener *l, int at, struct gap g)
{
	if (l->ngaps == l->capgaps) {
		l->capgaps = l->capgaps == 0 ? 16 : l->capgaps * 2;
		l->gaps = xrealloc(l->gaps, sizeof *l->gaps *
		    (size_t)l->capgaps);
	}
	memmove(&l->gaps[at + 1], &l->gaps[at], sizeof *l->gaps *
	    (size_t)(l->ngaps - at));
	l->gaps[at] = g;
	l->ngaps++;
}

static void
gap_remove(struct bk_listener *l, int at)
{
	memmove(&l->gaps[at], &l->gaps[at + 1], sizeof *l->gaps *
	    (size_t)(l->ngaps - at - 1));
	l->ngaps--;
}

/* Take seq out of the gap holding it; that gap's index, or -1. */
static int
gap_fill(struct bk_listener *l, int64_t seq, bool *given_up)
{
	struct gap	 g;
	int		 i;

	for (i = 0; i < l->ngaps; i++)
		if (seq >= l->gaps[i].lo && seq <= l->gaps[i].hi)
			break;
	if (i == l->ngaps)
		return -1;
	g = l->gaps[i];
	*given_up = g.given_up;
	gap_remove(l, i);
	if (seq < g.hi) {
		struct gap	upper = g;

		upper.lo = seq + 1;
		gap_insert(l, i, upper);
	}
	if (seq > g.lo) {
		struct gap	lower = g;

		lower.hi = seq - 1;
		gap_insert(l, i, lower);
	}
	return i;
}

static void
held_insert(struct bk_listener *l, struct bk_listen_item *it)
{
	int	i = l->nheld;

	if (l->nheld == l->capheld) {
		l->capheld = l->capheld == 0 ? 256 : l->capheld * 2;
		l->held = xrealloc(l->held, sizeof *l->held *
		    (size_t)l->capheld);
	}
	while (i > 0 && l->held[i - 1]->seq > it->seq)
		i--;
	memmove(&l->held[i + 1], &l->held[i], sizeof *l->held *
	    (size_t)(l->nheld - i));
	l->held[i] = it;
	l->nheld++;
}

/* One row of a read, taken with the read's snapshot xmax. */
static void
listener_row(struct bk_listener *l, struct bk_ws_row *row, uint64_t xmax,
    int64_t now)
{
	struct gap	g;
	bool		given_up = false;

	if (row->seq > l->top) {
		if (row->seq > l->top + 1) {
			g.lo = l->top + 1;
			g.hi = row->seq - 1;
			g.xmax = xmax;
			g.since_ms = now;
			g.given_up = false;
			gap_insert(l, l->ngaps, g);
		}
		l->top = row->seq;
		held_insert(l, listener_item(l, row, BK_LISTEN_EVENT));
		return;
	}
	if (gap_fill(l, row->seq, &given_up) < 0)
		return;		/* read twice: already held or sent */
	if (given_up) {
		bk_log_warn("listener: event %lld committed after it was given "
		    "up; its sockets resync", (long long)row->seq);
		listener_push(l, listener_item(l, row, BK_LISTEN_LATE));
	} else
		held_insert(l, listener_item(l, row, BK_LISTEN_EVENT));
}

/* Settle what the snapshot proves dead; give up on gaps open too long. */
static void
listener_settle(struct bk_listener *l, uint64_t xmin, int64_t now)
{
	struct gap	*g;
	int		 i;

	for (i = 0; i < l->ngaps; ) {
		g = &l->gaps[i];
		if (g->given_up) {
			if (now - g->since_ms >= LISTEN_LATE_KEEP_MS) {
				gap_remove(l, i);
				continue;
			}
		} else if (xmin >= g->xmax &&
		    now - g->since_ms >= LISTEN_GAP_MIN_MS) {
			gap_remove(l, i);	/* rolled back */
			continue;
		} else if (now - g->since_ms >= LISTEN_GAP_MAX_MS) {
			bk_log_warn("listener: gave up waiting for seq "
			    "%lld..%lld (a transaction open for over %d s)",
			    (long long)g->lo, (long long)g->hi,
			    LISTEN_GAP_MAX_MS / 1000);
			g->given_up = true;
			g->since_ms = now;
		}
		i++;
	}
}

/* Hand on held rows in order up to the first open gap. */
static void
listener_deliver(struct bk_listener *l)
{
	int64_t	 next_gap = INT64_MAX;
	int	 i, n = 0;

	for (i = 0; i < l->ngaps; i++)
		if (!l->gaps[i].given_up) {
			next_gap = l->gaps[i].lo;
			break;
		}
	while (n < l->nheld && l->held[n]->seq < next_gap) {
		l->cursor = l->held[n]->seq;
		l->announced = l->cursor;
		listener_push(l, l->held[n]);
		n++;
	}
	if (n > 0) {
		memmove(&l->held[0], &l->held[n], sizeof *l->held *
		    (size_t)(l->nheld - n));
		l->nheld -= n;
	}
	/* below the first open gap everything is settled */
	if (next_gap == INT64_MAX)
		l->cursor = l->top;
	else if (next_gap - 1 > l->cursor)
		l->cursor = next_gap - 1;
	if (l->cursor > l->announced) {
		struct bk_listen_item	*it = xcalloc(1, sizeof *it);

		/* seqs that turned out dead: the head moves on anyway */
		it->kind = BK_LISTEN_SETTLED;
		it->seq = l->cursor;
		l->announced = l->cursor;
		listener_push(l, it);
	}
	pthread_mutex_lock(&l->lock);
	l->top_shared = l->top;
	pthread_mutex_unlock(&l->lock);
}

/* The gaps as the ranges to look in again. */
static struct bk_ws_range *
listener_ranges(const struct bk_listener *l)
{
	struct bk_ws_range	*r;
	int			 i;

	r = xcalloc((size_t)l->ngaps + 1, sizeof *r);
	for (i = 0; i < l->ngaps; i++) {
		r[i].lo = l->gaps[i].lo;
		r[i].hi = l->gaps[i].hi;
	}
	return r;
}

/* The log went back (a restore): forget everything past it. */
static void
listener_reset(struct bk_listener *l, int64_t top)
{
	struct bk_listen_item	*it;
	int			 i;

	bk_log_warn("listener: booking_events now ends at seq %lld, below "
	    "seq %lld read before (restored?); every socket resyncs",
	    (long long)top, (long long)l->top);
	for (i = 0; i < l->nheld; i++)
		bk_listen_item_free(l->held[i]);
	l->nheld = 0;
	l->ngaps = 0;
	l->cursor = l->top = l->announced = top;
	it = xcalloc(1, sizeof *it);
	it->kind = BK_LISTEN_RESET;
	it->seq = top;
	listener_push(l, it);
}

/* Read until caught up; -1 if the connection failed. */
static int
listener_read(struct bk_listener *l)
{
	struct bk_err		 err = { 0 };
	struct bk_ws_range	*ranges;
	struct bk_ws_row	*rows;
	uint64_t		 xmin, xmax;
	int64_t			 after, top0, now, max;
	int			 i, nrows, fresh, rc;

	for (;;) {
		top0 = l->top;
		fresh = 0;
		after = l->nheld >= LISTEN_HOLD_MAX ? INT64_MAX : l->top;
		ranges = listener_ranges(l);
		rc = bk_db_ws_read(&l->db, after, LISTEN_READ_LIMIT, ranges,
		    l->ngaps, &rows, &nrows, &xmin, &xmax, &max, &err);
		free(ranges);
		bk_err_cleanup(&err);
		if (rc != 0)
			return -1;
		if (max < l->top) {
			bk_db_ws_rows_free(rows, nrows);
			listener_reset(l, max);
			continue;
		}
		now = now_ms();
		for (i = 0; i < nrows; i++) {
			if (rows[i].seq > top0)
				fresh++;
			listener_row(l, &rows[i], xmax, now);
		}
		bk_db_ws_rows_free(rows, nrows);
		listener_settle(l, xmin, now);
		listener_deliver(l);
		if (l->pushed) {
			l->pushed = false;
			l->wake(l->arg);
		}
		if (after == INT64_MAX || fresh < LISTEN_READ_LIMIT)
			return 0;
	}
}

/* ---- connection and thread ------------------------------------------ */

static int
listener_connect(struct bk_listener *l)
{
	struct bk_err	err = { 0 };
	int		rc;

	if (bk_db_ensure(&l->db) != 0)
		return -1;
	rc = bk_db_ws_listen(&l->db, &err);
	bk_err_cleanup(&err);
	return rc;
}

/* Sleep ms, or less if asked to stop; true if asked to stop. */
static bool
listener_sleep(struct bk_listener *l, int ms)
{
	struct pollfd	pfd = { .fd = l->stop_pipe[0], .events = POLLIN };

	return poll(&pfd, 1, ms) > 0;
}

static void
listener_notifies(struct bk_listener *l, bool *need_read)
{
	struct bk_listen_item	*it;
	PGnotify		*n;

	while ((n = PQnotifies(l->db.pg)) != NULL) {
		if (strcmp(n->relname, "revcare_revoked") == 0) {
			it = xcalloc(1, sizeof *it);
			it->kind = BK_LISTEN_REVOKED;
			snprintf(it->user_id, sizeof it->user_id, "%s",
			    n->extra != NULL ? n->extra : "");
			listener_push(l, it);
			l->pushed = false;
			l->wake(l->arg);
		} else
			*need_read = true;
		PQfreemem(n);
	}
}

/* One round: read if due, then wait for a notification or a timeout.
 * -1 if the connection failed. */
static int
listener_round(struct bk_listener *l, bool *need_read, int64_t *last_read)
{
	struct pollfd	pfd[2];
	int		timeout;

	if (*need_read || now_ms() - *last_read >= (l->ngaps > 0 ?
	    LISTEN_GAP_POLL_MS : LISTEN_IDLE_READ_MS)) {
		if (listener_read(l) != 0)
			return -1;
		*need_read = false;
		*last_read = now_ms();
	}
	timeout = l->ngaps > 0 ? LISTEN_GAP_POLL_MS : LISTEN_IDLE_READ_MS;
	pfd[0].fd = PQsocket(l->db.pg);
	pfd[0].events = POLLIN;
	pfd[1].fd = l->stop_pipe[0];
	pfd[1].events = POLLIN;
	if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
		return -1;
	if (pfd[1].revents != 0)
		return 0;
	if (pfd[0].revents != 0) {
		if (PQconsumeInput(l->db.pg) == 0)
			return -1;
		listener_notifies(l, need_read);
	}
	return 0;
}

static bool
listener_stopping(struct bk_listener *l)
{
	bool	stop;

	pthread_mutex_lock(&l->lock);
	stop = l->stopping;
	pthread_mutex_unlock(&l->lock);
	return stop;
}

static void *
listener_main(void *arg)
{
	struct bk_listener	*l = arg;
	bool			 need_read = true;
	int64_t			 last_read = 0;
	int			 n = sizeof listen_backoff_ms /
				    sizeof listen_backoff_ms[0];

	while (!listener_stopping(l)) {
		if (!l->connected) {
			if (listener_connect(l) != 0) {
				listener_sleep(l,
				    listen_backoff_ms[l->backoff]);
				if (l->backoff < n - 1)
					l->backoff++;
				continue;
			}
			bk_log_info("listener: connected, reading after seq "
			    "%lld", (long long)l->top);
			l->connected = true;
			l->backoff = 0;
			need_read = true;
		}
		if (listener_round(l, &need_read, &last_read) != 0) {
			bk_log_warn("listener: lost the database connection; "
			    "reconnecting");
			l->connected = false;
		}
	}
	return NULL;
}

struct bk_listener *
bk_listener_new(const char *url, size_t pre, int64_t *head, char *err,
    size_t errlen)
{
	struct bk_listener	*l;
	struct bk_err		 e = { 0 };

	l = xcalloc(1, sizeof *l);
	l->pre = pre;
	l->stop_pipe[0] = l->stop_pipe[1] = -1;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->room, NULL);
	if (bk_db_open(&l->db, url, err, errlen) != 0)
		goto fail;
	if (bk_db_ws_listen(&l->db, &e) != 0 ||
	    bk_db_ws_start(&l->db, &l->cursor, &e) != 0) {
		snprintf(err, errlen, "listener: cannot read booking_events");
		goto fail;
	}
	if (pipe(l->stop_pipe) != 0) {
		snprintf(err, errlen, "listener: pipe: %s", strerror(errno));
		goto fail;
	}
	l->connected = true;
	l->top = l->announced = l->top_shared = l->cursor;
	*head = l->cursor;
	bk_err_cleanup(&e);
	return l;
fail:
	bk_err_cleanup(&e);
	bk_listener_free(l);
	return NULL;
}

int
bk_listener_start(struct bk_listener *l, bk_wake_fn *wake, void *arg)
{
	l->wake = wake;
	l->arg = arg;
	if (pthread_create(&l->thread, NULL, listener_main, l) != 0)
		return -1;
	l->started = true;
	return 0;
}

void
bk_listener_free(struct bk_listener *l)
{
	struct bk_listen_item	*it;
	int			 i;

	if (l == NULL)
		return;
	pthread_mutex_lock(&l->lock);
	l->stopping = true;
	pthread_cond_broadcast(&l->room);
	pthread_mutex_unlock(&l->lock);
	if (l->started) {
		if (write(l->stop_pipe[1], "x", 1) < 0)
			bk_log_warn("listener: cannot signal the thread");
		pthread_join(l->thread, NULL);
	}
	while ((it = bk_listener_take(l)) != NULL)
		bk_listen_item_free(it);
	for (i = 0; i < l->nheld; i++)
		bk_listen_item_free(l->held[i]);
	free(l->held);
	free(l->gaps);
	bk_db_close(&l->db);
	for (i = 0; i < 2; i++)
		if (l->stop_pipe[i] >= 0)
			close(l->stop_pipe[i]);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->room);
	free(l);
}
