/* The worker pool: threads that each own one database handle and run
 * route handlers synchronously, one transaction per request. */
#ifndef BK_WORKER_H
#define BK_WORKER_H

#include <stddef.h>

#include "jobs.h"

struct bk_db;
struct bk_workers;

/* Called by a worker after it pushed a finished job (wakes lws). */
typedef void bk_wake_fn(void *arg);

/*
 * Start n workers taking jobs from in and pushing them, finished, to done,
 * then calling wake(arg). Each opens its own database connection; NULL
 * with one line in err if any cannot.
 */
struct bk_workers *bk_workers_start(int n, struct bk_queue *in,
	    struct bk_queue *done, bk_wake_fn *wake, void *arg, char *err,
	    size_t errlen);
/* Close in, let the workers finish what they hold, join and free them. */
void	bk_workers_stop(struct bk_workers *);

/*
 * The request pipeline: decode the body, open the transaction, check the
 * token against the database (revoked, user state), run the handler,
 * commit on 2xx or roll back, retry once on a serialization failure, and
 * serialize the response into job->out. Worker thread.
 */
void	bk_worker_process(struct bk_db *, struct bk_job *);

#endif
