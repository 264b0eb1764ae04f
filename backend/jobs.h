/* Jobs and the two queues between the lws service thread and the workers.
 * A job belongs to one thread at a time: service thread → worker (through
 * bk_queue jobs) → service thread (through bk_queue done). */
#ifndef BK_JOBS_H
#define BK_JOBS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "http.h"

struct bk_job {
	struct bk_job		*next;		/* {lock of its queue} */
	uint64_t		 id;
	struct bk_arena		 arena;
	struct bk_req		 req;
	struct bk_res		 res;
	struct timespec		 start;
	char			*body;		/* request body, owned */
	size_t			 body_len;
	char			*out;		/* serialized response, owned */
	size_t			 out_len;
};

/* A mutex-protected FIFO; shared by the service thread and workers. */
struct bk_queue {
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct bk_job		*head;		/* {lock} */
	struct bk_job		*tail;		/* {lock} */
	bool			 closed;	/* {lock} */
};

/* A new job with its arena ready and req/res pointing into it. */
struct bk_job	*bk_job_new(void);
/* Free the job and everything it owns; NULL does nothing. */
void		 bk_job_free(struct bk_job *);

void		 bk_queue_init(struct bk_queue *);
void		 bk_queue_cleanup(struct bk_queue *);	/* frees queued jobs */
void		 bk_queue_push(struct bk_queue *, struct bk_job *);
/* Wait for a job; NULL once the queue is closed and empty. */
struct bk_job	*bk_queue_pop(struct bk_queue *);
/* Take a job without waiting; NULL if none. */
struct bk_job	*bk_queue_trypop(struct bk_queue *);
void		 bk_queue_close(struct bk_queue *);

/*
 * Turn job->res into the bytes to send (job->out): the error body for a
 * failure status, else the JSON body, else the raw body. Any thread that
 * owns the job.
 */
void		 bk_job_serialize(struct bk_job *);

#endif
