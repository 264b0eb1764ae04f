/* Periodic upkeep (SPEC §2.7, §5.18, §7.7): purge expired blacklist,
 * throttle and idempotency rows hourly, and re-evaluate every open
 * booking's ETA risk every five minutes, writing an eta_risk event when it
 * changes. A service-thread timer queues one job at a time to a worker. */
#ifndef BK_MAINTENANCE_H
#define BK_MAINTENANCE_H

#include <stdbool.h>

#include <libwebsockets.h>

#include "jobs.h"

struct bk_maint;

/* Start the timer on ctx; jobs go to the workers' queue. The tick
 * defaults to 60 s; REVCARE_MAINTENANCE_SECONDS shortens it (tests) or, at
 * 0, turns upkeep off on this node (NULL is returned). Service thread or
 * before the loop runs. */
struct bk_maint	*bk_maint_start(struct lws_context *, struct bk_queue *jobs);
/* True if job is a maintenance job. */
bool		 bk_maint_owns(const struct bk_job *);
/* Take a finished maintenance job back. Service thread. */
void		 bk_maint_collect(struct bk_maint *, struct bk_job *);
/* Cancel the timer and free; NULL does nothing. Before the context goes. */
void		 bk_maint_free(struct bk_maint *);

#endif
