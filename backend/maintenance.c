/* Periodic upkeep: a service-thread timer that queues at most one
 * maintenance job at a time; the job runs on a worker in one transaction
 * like a request. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/maintenance.h"
#include "log.h"
#include "maintenance.h"
#include "router.h"
#include "xmalloc.h"

#define MAINT_PURGE_EVERY	3600	/* seconds */
#define MAINT_ETA_EVERY		300

/* Service thread only. */
struct bk_maint {
	struct lws_context	*ctx;
	struct bk_queue		*jobs;
	lws_sorted_usec_list_t	 sul;
	long			 period_s;
	time_t			 last_purge;
	time_t			 last_eta;
	bool			 busy;		/* a job is at a worker */
};

static int	maint_job(const struct bk_req *, struct bk_db *,
		    struct bk_res *);

/* Jobs of this module are recognised by their route. */
static const struct bk_route maint_route = { BK_POST, "(maintenance)",
    { 0 }, BK_ROUTE_PUBLIC, BK_BODY_NONE, 0, maint_job,
    "periodic upkeep" };

/* The job: which parts run is in the request's path parameters. */
static int
maint_job(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	long	n;

	if (req->nparams > 0 && strcmp(req->params[0].value, "1") == 0) {
		if (bk_db_maint_purge(db, &n, &res->err) != 0)
			return bk_fail_err(res);
		if (n > 0)
			bk_log_info("maintenance: purged %ld expired rows", n);
	}
	if (req->nparams > 1 && strcmp(req->params[1].value, "1") == 0) {
		if (bk_db_maint_eta(db, &n, &res->err) != 0)
			return bk_fail_err(res);
		if (n > 0)
			bk_log_info("maintenance: %ld bookings changed ETA "
			    "risk", n);
	}
	res->status = 200;
	return 200;
}

static void
maint_tick(lws_sorted_usec_list_t *sul)
{
	struct bk_maint	*m = lws_container_of(sul, struct bk_maint, sul);
	struct bk_job	*job;
	time_t		 now = time(NULL);
	bool		 purge, eta;

	purge = now - m->last_purge >= (m->period_s < MAINT_PURGE_EVERY ?
	    m->period_s : MAINT_PURGE_EVERY);
	eta = now - m->last_eta >= (m->period_s < MAINT_ETA_EVERY ?
	    m->period_s : MAINT_ETA_EVERY);
	if (!m->busy && (purge || eta)) {
		job = bk_job_new();
		job->req.route = &maint_route;
		job->req.method = BK_POST;
		job->req.path = maint_route.pattern;
		job->req.request_id = "maintenance";
		job->req.nparams = 2;
		job->req.params[0].name = "purge";
		job->req.params[0].value = purge ? "1" : "0";
		job->req.params[1].name = "eta";
		job->req.params[1].value = eta ? "1" : "0";
		if (purge)
			m->last_purge = now;
		if (eta)
			m->last_eta = now;
		m->busy = true;
		bk_queue_push(m->jobs, job);
	}
	lws_sul_schedule(m->ctx, 0, &m->sul, maint_tick,
	    (m->period_s < 60 ? m->period_s : 60) * LWS_US_PER_SEC);
}

struct bk_maint *
bk_maint_start(struct lws_context *ctx, struct bk_queue *jobs)
{
	struct bk_maint	*m;
	const char	*s = getenv("REVCARE_MAINTENANCE_SECONDS");

	if (s != NULL && *s != '\0' && atol(s) <= 0) {
		bk_log_info("maintenance is off on this node");
		return NULL;
	}
	m = xcalloc(1, sizeof *m);
	m->ctx = ctx;
	m->jobs = jobs;
	m->period_s = s != NULL && atol(s) > 0 ? atol(s) : 60;
	m->last_purge = m->last_eta = time(NULL);	/* first run later */
	lws_sul_schedule(ctx, 0, &m->sul, maint_tick,
	    (m->period_s < 60 ? m->period_s : 60) * LWS_US_PER_SEC);
	return m;
}

bool
bk_maint_owns(const struct bk_job *job)
{
	return job->req.route == &maint_route;
}

void
bk_maint_collect(struct bk_maint *m, struct bk_job *job)
{
	if (job->res.status != 200)
		bk_log_warn("maintenance job failed (%d)", job->res.status);
	bk_job_free(job);
	if (m != NULL)
		m->busy = false;
}

void
bk_maint_free(struct bk_maint *m)
{
	if (m == NULL)
		return;
	lws_sul_cancel(&m->sul);
	free(m);
}
