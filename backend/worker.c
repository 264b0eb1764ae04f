/* Worker threads: each owns a database handle (PostgreSQL connection and
 * document store) and runs jobs through bk_worker_process. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db/auth.h"
#include "db/conn.h"
#include "docstore.h"
#include "log.h"
#include "router.h"
#include "validate.h"
#include "worker.h"
#include "xmalloc.h"

struct worker {
	pthread_t		 thread;
	struct bk_db		 db;		/* this thread's only */
	struct bk_workers	*pool;
};

/* Created and freed by the main thread; read-only while running. */
struct bk_workers {
	struct worker		*w;
	int			 n;
	struct bk_queue		*in;
	struct bk_queue		*done;
	bk_wake_fn		*wake;
	void			*arg;
};

static const char *unavailable = "The service is temporarily unavailable. "
    "Please try again later.";

/* Decode the body as the route declares; -1 with a 422 in err. */
static int
worker_decode(struct bk_job *job)
{
	struct bk_req	*req = &job->req;

	switch (req->route->body) {
	case BK_BODY_JSON:
		if (req->body_len == 0)
			return 0;	/* handlers report missing fields */
		return bk_json_parse(req->arena, req->body, req->body_len,
		    &req->json, &job->res.err);
	case BK_BODY_FORM:
		return bk_form_parse(req->arena, req->content_type, req->body,
		    req->body_len, &req->form, &job->res.err);
	case BK_BODY_IMAGE:
	case BK_BODY_ARCHIVE:
	case BK_BODY_NONE:
		break;
	}
	return 0;
}

/* One attempt: transaction, token check, handler, commit or rollback. */
static int
worker_attempt(struct bk_db *db, struct bk_job *job)
{
	struct bk_req	*req = &job->req;
	struct bk_res	*res = &job->res;
	bool		 tx = !(req->route->flags & BK_ROUTE_NO_TX);
	int		 status;

	db->retry = false;
	if (tx) {
		if (bk_db_ensure(db) != 0 || bk_db_begin(db, &res->err) != 0)
			return bk_fail(res, 503, unavailable);
	}
	if (req->auth.present &&
	    bk_db_auth_check(db, &req->auth, &res->err) != 0) {
		status = bk_fail_err(res);
		if (status == 401)
			res->err.www_auth = true;
	} else
		status = req->route->fn(req, db, res);
	if (!tx)
		return status;
	if ((status >= 200 && status < 300) || res->commit_anyway) {
		if (bk_db_commit(db, &res->err) != 0) {
			bk_db_rollback(db);
			status = bk_fail_err(res);
		}
	} else
		bk_db_rollback(db);
	return status;
}

static void
worker_reset_res(struct bk_job *job)
{
	struct bk_res	*res = &job->res;

	cJSON_Delete(res->json);
	bk_err_cleanup(&res->err);
	memset(res, 0, sizeof *res);
	res->arena = &job->arena;
}

void
bk_worker_process(struct bk_db *db, struct bk_job *job)
{
	struct bk_res	*res = &job->res;
	int		 status, attempt;

	if (worker_decode(job) != 0) {
		bk_fail_err(res);
		goto out;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		status = worker_attempt(db, job);
		if (!db->retry || attempt == 1)
			break;
		bk_log_warn("serialization failure on %s %s: retrying",
		    bk_method_name(job->req.method), job->req.path);
		worker_reset_res(job);
	}
	res->status = status;
out:
	if (res->user_id == NULL && job->req.auth.present)
		res->user_id = job->req.auth.user_id;
	bk_job_serialize(job);
}

static void *
worker_main(void *arg)
{
	struct worker		*w = arg;
	struct bk_workers	*pool = w->pool;
	struct bk_job		*job;

	while ((job = bk_queue_pop(pool->in)) != NULL) {
		bk_worker_process(&w->db, job);
		bk_queue_push(pool->done, job);
		pool->wake(pool->arg);
	}
	return NULL;
}

struct bk_workers *
bk_workers_start(int n, struct bk_queue *in, struct bk_queue *done,
    bk_wake_fn *wake, void *arg, char *err, size_t errlen)
{
	struct bk_workers	*pool;
	int			 i, started = 0;

	pool = xcalloc(1, sizeof *pool);
	pool->w = xcalloc((size_t)n, sizeof *pool->w);
	pool->n = n;
	pool->in = in;
	pool->done = done;
	pool->wake = wake;
	pool->arg = arg;
	for (i = 0; i < n; i++) {
		pool->w[i].pool = pool;
		if (bk_db_open(&pool->w[i].db, bk_cfg.postgresql_url, err,
		    errlen) != 0)
			goto fail;
		pool->w[i].db.docs = bk_docstore_new(&bk_cfg,
		    pool->w[i].db.pg, err, errlen);
		if (pool->w[i].db.docs == NULL)
			goto fail;
	}
	for (i = 0; i < n; i++) {
		if (pthread_create(&pool->w[i].thread, NULL, worker_main,
		    &pool->w[i]) != 0) {
			snprintf(err, errlen, "cannot start worker thread");
			goto fail;
		}
		started++;
	}
	return pool;
fail:
	for (i = started; i < n; i++) {
		bk_docstore_free(pool->w[i].db.docs);
		bk_db_close(&pool->w[i].db);
	}
	pool->n = started;
	bk_workers_stop(pool);
	return NULL;
}

void
bk_workers_stop(struct bk_workers *pool)
{
	int	i;

	if (pool == NULL)
		return;
	bk_queue_close(pool->in);
	for (i = 0; i < pool->n; i++) {
		pthread_join(pool->w[i].thread, NULL);
		bk_docstore_free(pool->w[i].db.docs);
		pool->w[i].db.docs = NULL;
		bk_db_close(&pool->w[i].db);
	}
	free(pool->w);
	free(pool);
}
