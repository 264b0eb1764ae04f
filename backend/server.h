/* The HTTP server: the lws context, its service loop and the callbacks
 * that parse requests, check tokens, hand jobs to the workers and write
 * what comes back. */
#ifndef BK_SERVER_H
#define BK_SERVER_H

struct bk_server;

/*
 * Create the listening context on host:port (port 0 picks a free one) and
 * start the workers. NULL with one line in err on failure. Main thread.
 */
struct bk_server *bk_server_new(const char *host, int port, char *err,
	    size_t errlen);
/* The port actually bound. */
int	bk_server_port(const struct bk_server *);
/*
 * Serve until bk_server_stop; then finish in-flight requests (at most 10
 * s), close sockets and return 0. Main thread.
 */
int	bk_server_run(struct bk_server *);
/* Ask the loop to stop; async-signal-safe. */
void	bk_server_stop(struct bk_server *);
void	bk_server_free(struct bk_server *);

#endif
