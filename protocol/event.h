/* The messages of the live event stream /api/v1/ws (SPEC §8.17): one
 * struct for every message and its JSON codec, shared by revcared,
 * revcare-watch, the TUI and the tests. No I/O. */
#ifndef PROTO_EVENT_H
#define PROTO_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#define PROTO_WS_PATH		"/api/v1/ws"
#define PROTO_WS_MAX_IN		4096	/* largest client message (bytes) */
#define PROTO_WS_MAX_REPLAY	1000	/* more to replay: resync */
#define PROTO_WS_MAX_BACKLOG	256	/* queued messages per socket */
#define PROTO_WS_MAX_BYTES	(1024 * 1024)	/* queued bytes per socket */

/* Close codes the server uses (RFC 6455 §7.4.1). */
#define PROTO_WS_CLOSE_NORMAL	1000
#define PROTO_WS_CLOSE_AWAY	1001	/* shutdown, idle */
#define PROTO_WS_CLOSE_POLICY	1008	/* auth timeout, bad or old token */
#define PROTO_WS_CLOSE_TOOBIG	1009	/* client message over 4 KiB */

/* The error details of SPEC §8.17 (clients may match on them). */
#define PROTO_WS_UNKNOWN_TYPE	"Unknown message type."
#define PROTO_WS_NOT_AUTHED	"Not authenticated."
#define PROTO_WS_MALFORMED	"Malformed message."
#define PROTO_WS_EXPIRED	"Token expired."
#define PROTO_WS_REVOKED	"Token has been revoked."
#define PROTO_WS_INVALID	"Invalid token."

/*
 * X(enum suffix, wire type). "auth" is both the client's request (with a
 * token) and the server's answer (with ok); they are told apart by their
 * fields.
 */
#define PROTO_MSG_TYPES(X) \
	X(AUTH, "auth") \
	X(AUTH_OK, "auth") \
	X(SUBSCRIBE, "subscribe") \
	X(SUBSCRIBED, "subscribed") \
	X(EVENT, "event") \
	X(RESYNC, "resync") \
	X(ERROR, "error") \
	X(PING, "ping") \
	X(PONG, "pong")

enum proto_msg_type {
	PROTO_MSG_NONE = 0,
#define X(e, name) PROTO_MSG_##e,
	PROTO_MSG_TYPES(X)
#undef X
	PROTO_MSG_COUNT
};

/* Why a text is not a message we know. */
enum proto_msg_err {
	PROTO_MSG_ERR_NONE = 0,
	PROTO_MSG_ERR_MALFORMED,	/* not JSON, not an object, bad field */
	PROTO_MSG_ERR_UNKNOWN		/* "type" names no message */
};

/* One committed booking event as the stream carries it. */
struct proto_event {
	int64_t		 seq;
	char		*kind;
	long		 booking_id;
	char		*at;		/* "2025-11-10T08:30:00.000000Z" */
	char		*actor;		/* user id, "system", "razorpay" */
	int		 actor_role;	/* 1..3, 0 for none (JSON null) */
	cJSON		*data;		/* object, owned */
	cJSON		*booking;	/* summary object or NULL, owned */
};

/*
 * One message. Only the fields of its type are meaningful; the others are
 * zero. Strings and cJSON trees are owned by the message and freed by
 * proto_msg_cleanup.
 */
struct proto_msg {
	enum proto_msg_type	 type;
	char			*token;		/* AUTH */
	char			*user_id;	/* AUTH_OK */
	int			 role;		/* AUTH_OK */
	int64_t			 head;		/* AUTH_OK, SUBSCRIBED */
	int64_t			 since;		/* SUBSCRIBE, SUBSCRIBED */
	char			*detail;	/* ERROR */
	struct proto_event	 event;		/* EVENT */
};

/* The wire name of a type ("auth" for both auth messages). */
const char	*proto_msg_type_name(enum proto_msg_type);
/*
 * Parse one text frame. Returns 0 with *msg filled (the caller cleans it
 * up), or -1 with *msg zeroed and *why saying whether the text was
 * malformed or of an unknown type. Integers must be whole JSON numbers in
 * 0..2^53; unknown fields are ignored. Any thread.
 */
int		 proto_msg_parse(const char *text, size_t len,
		    struct proto_msg *msg, enum proto_msg_err *why);
/* The error detail a server sends for why. */
const char	*proto_msg_err_detail(enum proto_msg_err why);
/*
 * The JSON text of msg (caller frees), with the fields of its type in the
 * order SPEC §8.17 lists them; NULL if msg lacks a required field.
 */
char		*proto_msg_format(const struct proto_msg *msg);
/* Free what msg owns and zero it. */
void		 proto_msg_cleanup(struct proto_msg *msg);

/* Convenience message builders (the caller cleans up). */
void		 proto_msg_init(struct proto_msg *, enum proto_msg_type);
/* The summary's "status" of an event, or NULL. */
const char	*proto_event_status(const struct proto_event *);

#endif
