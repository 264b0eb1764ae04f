/* The live event stream /api/v1/ws (SPEC §8.17): WebSocket sessions on
 * the lws service thread, fed by the listener thread through one shared
 * broadcast ring, with their database work (token checks, replay) done as
 * jobs on the workers. */
#ifndef BK_WS_H
#define BK_WS_H

#include <stdbool.h>
#include <stddef.h>

#include <libwebsockets.h>

#include "jobs.h"

struct bk_ws;

/* The lws protocol name; the vhost makes it the default for upgrades
 * that name no subprotocol. */
#define BK_WS_PROTOCOL	"revcare-events"

/*
 * Connect the listener and find the stream's head; jobs is the workers'
 * queue. Main thread, before the lws context exists; NULL with one line
 * in err.
 */
struct bk_ws	*bk_ws_new(struct bk_queue *jobs, char *err, size_t errlen);
/* Start the listener thread and the session timer. Main thread, after
 * the context was created with bk_ws_callback as a protocol whose user
 * pointer is the bk_ws. */
int		 bk_ws_start(struct bk_ws *, struct lws_context *, char *err,
		    size_t errlen);
/* The lws callback of the protocol (user: the bk_ws). */
int		 bk_ws_callback(struct lws *, enum lws_callback_reasons,
		    void *user, void *in, size_t len);
/* The per-session size lws must allocate. */
size_t		 bk_ws_session_size(void);
/* True if job is one of the stream's (it came back from a worker). */
bool		 bk_ws_owns(const struct bk_job *);
/* Take back a finished job of the stream. Service thread. */
void		 bk_ws_collect(struct bk_ws *, struct bk_job *);
/* Close every session with 1001 (shutdown). Service thread. */
void		 bk_ws_close_all(struct bk_ws *);
/* Stop the listener thread and the timer; before the context goes. */
void		 bk_ws_stop(struct bk_ws *);
/* Free the ring and what is left; after the context is destroyed. */
void		 bk_ws_free(struct bk_ws *);

#endif
