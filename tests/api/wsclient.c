/* RFC 6455 client for the tests and the benchmark; see wsclient.h. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "wsclient.h"

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
write_all(int fd, const void *p, size_t len)
{
	const unsigned char	*b = p;
	ssize_t			 n;
	struct pollfd		 pfd = { .fd = fd, .events = POLLOUT };

	while (len > 0) {
		n = write(fd, b, len);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			poll(&pfd, 1, 1000);
			continue;
		}
		if (n <= 0)
			return -1;
		b += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
buf_need(struct wsc *w, size_t more)
{
	if (w->pos > 0 && w->len + more > w->cap) {
		/* drop what was parsed, once, not after every frame */
		memmove(w->buf, w->buf + w->pos, w->len - w->pos);
		w->len -= w->pos;
		w->pos = 0;
	}
	if (w->len + more <= w->cap)
		return;
	w->cap = (w->len + more) * 2;
	w->buf = realloc(w->buf, w->cap);
	if (w->buf == NULL)
		abort();
}

int
wsc_fill(struct wsc *w)
{
	ssize_t	n;

	buf_need(w, 65536);
	n = read(w->fd, w->buf + w->len, 65536);
	if (n > 0)
		w->len += (size_t)n;
	if (n == 0)
		w->closed = true;
	return (int)n;
}

/* A Sec-WebSocket-Key: 16 random bytes in base64. */
static int
ws_key(char out[25])
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char		 key[16];
	unsigned		 v;
	int			 i;

	if (getrandom(key, sizeof key, 0) != sizeof key)
		return -1;
	for (i = 0; i < 5; i++) {	/* 15 bytes -> 20 chars, then 1 */
		v = (unsigned)key[3 * i] << 16 | (unsigned)key[3 * i + 1] << 8 |
		    key[3 * i + 2];
		out[4 * i] = b64[v >> 18 & 63];
		out[4 * i + 1] = b64[v >> 12 & 63];
		out[4 * i + 2] = b64[v >> 6 & 63];
		out[4 * i + 3] = b64[v & 63];
	}
	out[20] = b64[key[15] >> 2];
	out[21] = b64[(key[15] & 3) << 4];
	out[22] = '=';
	out[23] = '=';
	out[24] = '\0';
	return 0;
}

int
wsc_open(struct wsc *w, const char *base, const char *path, int rcvbuf)
{
	struct sockaddr_in	 sa;
	char			 host[64], req[512], key64[25];
	int			 port, one = 1;
	char			*end;
	int64_t			 deadline;

	memset(w, 0, sizeof *w);
	w->fd = -1;
	if (sscanf(base, "http://%63[^:]:%d", host, &port) != 2)
		return -1;
	w->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (w->fd < 0)
		return -1;
	if (rcvbuf > 0)
		setsockopt(w->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		    sizeof rcvbuf);
	setsockopt(w->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 ||
	    connect(w->fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		goto fail;
	if (ws_key(key64) != 0)
		goto fail;
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%d\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
	    path, host, port, key64);
	if (write_all(w->fd, req, strlen(req)) != 0)
		goto fail;
	deadline = now_ms() + 5000;
	for (;;) {
		struct pollfd	pfd = { .fd = w->fd, .events = POLLIN };

		buf_need(w, 1);
		w->buf[w->len] = '\0';
		end = w->len > 0 ? strstr((char *)w->buf, "\r\n\r\n") : NULL;
		if (end != NULL)
			break;
		if (now_ms() > deadline || poll(&pfd, 1, 1000) < 0 ||
		    (pfd.revents != 0 && wsc_fill(w) <= 0))
			goto fail;
	}
	if (strncmp((char *)w->buf, "HTTP/1.1 101", 12) != 0)
		goto fail;
	end += 4;
	w->len -= (size_t)(end - (char *)w->buf);
	memmove(w->buf, end, w->len);
	w->closed = false;
	return 0;
fail:
	close(w->fd);
	w->fd = -1;
	return -1;
}

int
wsc_send_frame(struct wsc *w, int opcode, bool fin, const void *data,
    size_t len)
{
	unsigned char	*f, mask[4];
	size_t		 h = 2, i;
	int		 rc;

	f = malloc(len + 14);
	if (f == NULL || getrandom(mask, 4, 0) != 4)
		abort();
	f[0] = (unsigned char)((fin ? 0x80 : 0) | opcode);
	if (len < 126)
		f[1] = (unsigned char)(0x80 | len);
	else if (len < 65536) {
		f[1] = 0x80 | 126;
		f[2] = (unsigned char)(len >> 8);
		f[3] = (unsigned char)len;
		h = 4;
	} else {
		f[1] = 0x80 | 127;
		for (i = 0; i < 8; i++)
			f[2 + i] = (unsigned char)((uint64_t)len >>
			    (56 - 8 * i));
		h = 10;
	}
	memcpy(f + h, mask, 4);
	h += 4;
	for (i = 0; i < len; i++)
		f[h + i] = ((const unsigned char *)data)[i] ^ mask[i % 4];
	rc = write_all(w->fd, f, h + len);
	free(f);
	return rc;
}

int
wsc_send(struct wsc *w, const char *text)
{
	return wsc_send_frame(w, WSC_TEXT, true, text, strlen(text));
}

/* Append a data fragment to the message being assembled. */
static void
msg_add(struct wsc *w, const unsigned char *p, size_t n)
{
	w->msg = realloc(w->msg, w->msg_len + n + 1);
	if (w->msg == NULL)
		abort();
	memcpy(w->msg + w->msg_len, p, n);
	w->msg_len += n;
	w->msg[w->msg_len] = '\0';
}

int
wsc_next(struct wsc *w, char **text)
{
	unsigned char	*b;
	uint64_t	 plen;
	size_t		 h = 2, i, left;
	int		 op, fin;

	for (;;) {
		b = w->buf + w->pos;
		left = w->len - w->pos;
		if (left < 2)
			return w->closed ? -1 : 0;
		fin = b[0] & 0x80;
		op = b[0] & 0x0f;
		plen = b[1] & 0x7f;
		h = 2;
		if (plen == 126) {
			if (left < 4)
				return 0;
			plen = (uint64_t)b[2] << 8 | b[3];
			h = 4;
		} else if (plen == 127) {
			if (left < 10)
				return 0;
			for (plen = 0, i = 0; i < 8; i++)
				plen = plen << 8 | b[2 + i];
			h = 10;
		}
		if (left < h + plen)
			return w->closed ? -1 : 0;
		if (op == WSC_CLOSE) {
			w->closed = true;
			if (plen >= 2) {
				w->close_code = b[h] << 8 | b[h + 1];
				snprintf(w->close_reason,
				    sizeof w->close_reason, "%.*s",
				    (int)(plen - 2), b + h + 2);
			}
			w->pos = w->len = 0;
			return -1;
		}
		if (op == WSC_PING) {
			wsc_send_frame(w, WSC_PONG, true, b + h, (size_t)plen);
			w->pings++;
		} else if (op == WSC_TEXT || op == WSC_BINARY || op == 0)
			msg_add(w, b + h, (size_t)plen);
		w->pos += h + (size_t)plen;
		if (w->pos == w->len)
			w->pos = w->len = 0;
		if ((op == WSC_TEXT || op == WSC_BINARY || op == 0) && fin) {
			*text = (char *)w->msg;
			w->msg = NULL;
			w->msg_len = 0;
			return 1;
		}
	}
}

int
wsc_recv(struct wsc *w, char **text, int timeout_ms)
{
	struct pollfd	pfd;
	int64_t		deadline = now_ms() + timeout_ms;
	int		rc, left;

	*text = NULL;
	for (;;) {
		rc = wsc_next(w, text);
		if (rc != 0)
			return rc;
		left = (int)(deadline - now_ms());
		if (left <= 0)
			return 0;
		pfd.fd = w->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, left) < 0)
			return -1;
		if (pfd.revents != 0 && wsc_fill(w) < 0 && errno != EAGAIN)
			w->closed = true;
	}
}

void
wsc_free(struct wsc *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	free(w->buf);
	free(w->msg);
	w->buf = w->msg = NULL;
	w->pos = w->len = w->cap = w->msg_len = 0;
}
