/* Job lifetime and the blocking FIFO the workers wait on. */
#include <stdlib.h>
#include <string.h>

#include "jobs.h"
#include "xmalloc.h"

struct bk_job *
bk_job_new(void)
{
	struct bk_job	*job;

	job = xcalloc(1, sizeof *job);
	bk_arena_init(&job->arena);
	job->req.arena = &job->arena;
	job->res.arena = &job->arena;
	clock_gettime(CLOCK_MONOTONIC, &job->start);
	return job;
}

void
bk_job_free(struct bk_job *job)
{
	if (job == NULL)
		return;
	cJSON_Delete(job->req.json);
	cJSON_Delete(job->res.json);
	bk_err_cleanup(&job->res.err);
	free(job->body);
	free(job->out);
	bk_arena_cleanup(&job->arena);
	free(job);
}

void
bk_queue_init(struct bk_queue *q)
{
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->cond, NULL);
	q->head = q->tail = NULL;
	q->closed = false;
}

void
bk_queue_cleanup(struct bk_queue *q)
{
	struct bk_job	*job;

	while ((job = bk_queue_trypop(q)) != NULL)
		bk_job_free(job);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->cond);
}

void
bk_queue_push(struct bk_queue *q, struct bk_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&q->lock);
	if (q->tail != NULL)
		q->tail->next = job;
	else
		q->head = job;
	q->tail = job;
	pthread_cond_signal(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

static struct bk_job *
queue_take(struct bk_queue *q)
{
	struct bk_job	*job = q->head;

	if (job != NULL) {
		q->head = job->next;
		if (q->head == NULL)
			q->tail = NULL;
		job->next = NULL;
	}
	return job;
}

struct bk_job *
bk_queue_pop(struct bk_queue *q)
{
	struct bk_job	*job;

	pthread_mutex_lock(&q->lock);
	while (q->head == NULL && !q->closed)
		pthread_cond_wait(&q->cond, &q->lock);
	job = queue_take(q);
	pthread_mutex_unlock(&q->lock);
	return job;
}

struct bk_job *
bk_queue_trypop(struct bk_queue *q)
{
	struct bk_job	*job;

	pthread_mutex_lock(&q->lock);
	job = queue_take(q);
	pthread_mutex_unlock(&q->lock);
	return job;
}

void
bk_queue_close(struct bk_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

void
bk_job_serialize(struct bk_job *job)
{
	struct bk_res	*res = &job->res;
	cJSON		*body;

	free(job->out);
	job->out = NULL;
	job->out_len = 0;
	if (res->status == 0)
		res->status = res->err.status != 0 ? res->err.status : 500;
	if (res->status >= 400) {
		body = bk_err_body(&res->err);
		job->out = cJSON_PrintUnformatted(body);
		cJSON_Delete(body);
		res->content_type = "application/json";
	} else if (res->json != NULL) {
		job->out = cJSON_PrintUnformatted(res->json);
		res->content_type = "application/json";
	} else if (res->body != NULL) {
		job->out = xmalloc(res->body_len + 1);
		memcpy(job->out, res->body, res->body_len);
		job->out_len = res->body_len;
		return;
	}
	if (job->out != NULL)
		job->out_len = strlen(job->out);
}
