/* A small RFC 6455 client over a plain socket, for the WebSocket tests and
 * bench/ws_fanout: it can stop reading, send any frame (oversized,
 * binary, fragmented) and report the close code it got. Blocking with
 * timeouts, or non-blocking with wsc_fill/wsc_next for many sockets. */
#ifndef WSCLIENT_H
#define WSCLIENT_H

#include <stdbool.h>
#include <stddef.h>

#define WSC_TEXT	0x1
#define WSC_BINARY	0x2
#define WSC_CLOSE	0x8
#define WSC_PING	0x9
#define WSC_PONG	0xa

struct wsc {
	int		 fd;
	unsigned char	*buf;		/* received; parsed up to pos */
	size_t		 pos, len, cap;
	unsigned char	*msg;		/* a fragmented message so far */
	size_t		 msg_len;
	bool		 closed;	/* close frame or end of stream */
	int		 close_code;	/* 0 if none came */
	char		 close_reason[124];
	unsigned long	 pings;		/* server pings answered */
};

/*
 * Connect to base ("http://127.0.0.1:8000") and upgrade path. rcvbuf > 0
 * sets SO_RCVBUF first (a small window makes a slow reader). 0 or -1.
 */
int	wsc_open(struct wsc *, const char *base, const char *path,
	    int rcvbuf);
/* Send one masked frame. */
int	wsc_send_frame(struct wsc *, int opcode, bool fin, const void *data,
	    size_t len);
/* Send a text message. */
int	wsc_send(struct wsc *, const char *text);
/*
 * The next text message (malloc'd, NUL-terminated) within timeout_ms.
 * Answers pings. 1: got one; 0: timed out; -1: closed (close_code set if
 * a close frame came) or failed.
 */
int	wsc_recv(struct wsc *, char **text, int timeout_ms);
/* Read what the socket has now (one read); bytes, 0 at end, -1 error or
 * nothing ready. */
int	wsc_fill(struct wsc *);
/* Parse one message from what was read: 1 with *text, 0 need more, -1
 * closed. */
int	wsc_next(struct wsc *, char **text);
/* Close the socket (no close handshake) and free the buffers. */
void	wsc_free(struct wsc *);

#endif
