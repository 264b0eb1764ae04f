/* JSON codec of the live event stream's messages (SPEC §8.17): a table of
 * wire types, one parser and one formatter for every message. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "xmalloc.h"

#define MSG_INT_MAX	9007199254740992.0	/* 2^53: exact in a double */

static const char *msg_type_names[] = {
	[PROTO_MSG_NONE] = NULL,
#define X(e, name) [PROTO_MSG_##e] = name,
	PROTO_MSG_TYPES(X)
#undef X
};

const char *
proto_msg_type_name(enum proto_msg_type t)
{
	if (t <= PROTO_MSG_NONE || t >= PROTO_MSG_COUNT)
		return NULL;
	return msg_type_names[t];
}

const char *
proto_msg_err_detail(enum proto_msg_err why)
{
	return why == PROTO_MSG_ERR_UNKNOWN ? PROTO_WS_UNKNOWN_TYPE :
	    PROTO_WS_MALFORMED;
}

void
proto_msg_init(struct proto_msg *msg, enum proto_msg_type t)
{
	memset(msg, 0, sizeof *msg);
	msg->type = t;
}

void
proto_msg_cleanup(struct proto_msg *msg)
{
	if (msg == NULL)
		return;
	free(msg->token);
	free(msg->user_id);
	free(msg->detail);
	free(msg->event.kind);
	free(msg->event.at);
	free(msg->event.actor);
	cJSON_Delete(msg->event.data);
	cJSON_Delete(msg->event.booking);
	memset(msg, 0, sizeof *msg);
}

const char *
proto_event_status(const struct proto_event *ev)
{
	const cJSON	*s;

	s = cJSON_GetObjectItemCaseSensitive(ev->booking, "status");
	return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* ---- parsing ------------------------------------------------------- */

/* A whole number 0..2^53 under key; -1 if absent or anything else. */
static int
get_int(const cJSON *o, const char *key, int64_t *out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	double		 d;

	if (!cJSON_IsNumber(v))
		return -1;
	d = v->valuedouble;
	if (!isfinite(d) || d < 0 || d > MSG_INT_MAX || floor(d) != d)
		return -1;
	*out = (int64_t)d;
	return 0;
}

/* A copy of the string under key, at most max bytes; -1 otherwise. */
static int
get_str(const cJSON *o, const char *key, size_t max, char **out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v) || v->valuestring == NULL ||
	    strlen(v->valuestring) > max)
		return -1;
	*out = xstrdup(v->valuestring);
	return 0;
}

static int
parse_auth(const cJSON *o, struct proto_msg *msg)
{
	const cJSON	*ok = cJSON_GetObjectItemCaseSensitive(o, "ok");
	int64_t		 role;

	if (cJSON_GetObjectItemCaseSensitive(o, "token") != NULL) {
		msg->type = PROTO_MSG_AUTH;
		if (get_str(o, "token", PROTO_WS_MAX_IN, &msg->token) != 0 ||
		    *msg->token == '\0')
			return -1;
		return 0;
	}
	msg->type = PROTO_MSG_AUTH_OK;
	if (!cJSON_IsTrue(ok) || get_str(o, "user_id", 16,
	    &msg->user_id) != 0 || get_int(o, "role", &role) != 0 ||
	    role < 1 || role > 3 || get_int(o, "head", &msg->head) != 0)
		return -1;
	msg->role = (int)role;
	return 0;
}

static int
parse_event(const cJSON *o, struct proto_msg *msg)
{
	struct proto_event	*ev = &msg->event;
	const cJSON		*role, *data, *booking;
	int64_t			 n;

	if (get_int(o, "seq", &ev->seq) != 0 || ev->seq < 1 ||
	    get_str(o, "kind", 64, &ev->kind) != 0 ||
	    get_int(o, "booking_id", &n) != 0 || n > INT32_MAX ||
	    get_str(o, "at", 64, &ev->at) != 0 ||
	    get_str(o, "actor", 64, &ev->actor) != 0)
		return -1;
	ev->booking_id = (long)n;
	role = cJSON_GetObjectItemCaseSensitive(o, "actor_role");
	if (role != NULL && !cJSON_IsNull(role)) {
		if (get_int(o, "actor_role", &n) != 0 || n < 1 || n > 3)
			return -1;
		ev->actor_role = (int)n;
	}
	data = cJSON_GetObjectItemCaseSensitive(o, "data");
	booking = cJSON_GetObjectItemCaseSensitive(o, "booking");
	if (!cJSON_IsObject(data) || (booking != NULL &&
	    !cJSON_IsObject(booking) && !cJSON_IsNull(booking)))
		return -1;
	ev->data = cJSON_Duplicate(data, true);
	if (cJSON_IsObject(booking))
		ev->booking = cJSON_Duplicate(booking, true);
	return 0;
}

/* The fields of the message whose type is already in msg->type. */
static int
parse_fields(const cJSON *o, struct proto_msg *msg)
{
	switch (msg->type) {
	case PROTO_MSG_AUTH:
	case PROTO_MSG_AUTH_OK:
		return parse_auth(o, msg);
	case PROTO_MSG_SUBSCRIBE:
		return get_int(o, "since", &msg->since);
	case PROTO_MSG_SUBSCRIBED:
		return get_int(o, "since", &msg->since) != 0 ||
		    get_int(o, "head", &msg->head) != 0 ? -1 : 0;
	case PROTO_MSG_EVENT:
		return parse_event(o, msg);
	case PROTO_MSG_ERROR:
		return get_str(o, "detail", PROTO_WS_MAX_IN, &msg->detail);
	case PROTO_MSG_RESYNC:
	case PROTO_MSG_PING:
	case PROTO_MSG_PONG:
		return 0;
	case PROTO_MSG_NONE:
	case PROTO_MSG_COUNT:
		break;
	}
	return -1;
}

int
proto_msg_parse(const char *text, size_t len, struct proto_msg *msg,
    enum proto_msg_err *why)
{
	cJSON		*o;
	const cJSON	*type;
	const char	*end = NULL;
	int		 t, rc = -1;

	memset(msg, 0, sizeof *msg);
	*why = PROTO_MSG_ERR_MALFORMED;
	o = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (o == NULL)
		return -1;
	/* one value, then only white space (the text need not end in NUL) */
	while (end < text + len && (*end == ' ' || *end == '\t' ||
	    *end == '\r' || *end == '\n'))
		end++;
	if (end != text + len)
		goto out;
	type = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (!cJSON_IsObject(o) || !cJSON_IsString(type))
		goto out;
	*why = PROTO_MSG_ERR_UNKNOWN;
	for (t = PROTO_MSG_NONE + 1; t < PROTO_MSG_COUNT; t++)
		if (strcmp(msg_type_names[t], type->valuestring) == 0)
			break;
	if (t == PROTO_MSG_COUNT)
		goto out;
	*why = PROTO_MSG_ERR_MALFORMED;
	msg->type = (enum proto_msg_type)t;
	if (parse_fields(o, msg) != 0)
		goto out;
	*why = PROTO_MSG_ERR_NONE;
	rc = 0;
out:
	cJSON_Delete(o);
	if (rc != 0)
		proto_msg_cleanup(msg);
	return rc;
}

/* ---- formatting ---------------------------------------------------- */

/* An exact 64-bit integer member (cJSON numbers are doubles). */
static void
add_int(cJSON *o, const char *key, int64_t v)
{
	char	buf[24];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	cJSON_AddRawToObject(o, key, buf);
}

static int
format_event(cJSON *o, const struct proto_event *ev)
{
	if (ev->kind == NULL || ev->at == NULL || ev->actor == NULL ||
	    ev->data == NULL)
		return -1;
	add_int(o, "seq", ev->seq);
	cJSON_AddStringToObject(o, "kind", ev->kind);
	add_int(o, "booking_id", ev->booking_id);
	cJSON_AddStringToObject(o, "at", ev->at);
	cJSON_AddStringToObject(o, "actor", ev->actor);
	if (ev->actor_role > 0)
		add_int(o, "actor_role", ev->actor_role);
	else
		cJSON_AddNullToObject(o, "actor_role");
	/* references: the message keeps owning its trees */
	cJSON_AddItemReferenceToObject(o, "data", ev->data);
	if (ev->booking != NULL)
		cJSON_AddItemReferenceToObject(o, "booking", ev->booking);
	else
		cJSON_AddNullToObject(o, "booking");
	return 0;
}

/* The fields after "type"; -1 if a required one is missing. */
static int
format_fields(cJSON *o, const struct proto_msg *msg)
{
	switch (msg->type) {
	case PROTO_MSG_AUTH:
		if (msg->token == NULL)
			return -1;
		cJSON_AddStringToObject(o, "token", msg->token);
		return 0;
	case PROTO_MSG_AUTH_OK:
		if (msg->user_id == NULL)
			return -1;
		cJSON_AddTrueToObject(o, "ok");
		cJSON_AddStringToObject(o, "user_id", msg->user_id);
		add_int(o, "role", msg->role);
		add_int(o, "head", msg->head);
		return 0;
	case PROTO_MSG_SUBSCRIBE:
		add_int(o, "since", msg->since);
		return 0;
	case PROTO_MSG_SUBSCRIBED:
		add_int(o, "since", msg->since);
		add_int(o, "head", msg->head);
		return 0;
	case PROTO_MSG_EVENT:
		return format_event(o, &msg->event);
	case PROTO_MSG_ERROR:
		if (msg->detail == NULL)
			return -1;
		cJSON_AddStringToObject(o, "detail", msg->detail);
		return 0;
	case PROTO_MSG_RESYNC:
	case PROTO_MSG_PING:
	case PROTO_MSG_PONG:
		return 0;
	case PROTO_MSG_NONE:
	case PROTO_MSG_COUNT:
		break;
	}
	return -1;
}

char *
proto_msg_format(const struct proto_msg *msg)
{
	const char	*name = proto_msg_type_name(msg->type);
	cJSON		*o;
	char		*text = NULL;

	if (name == NULL)
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", name);
	if (format_fields(o, msg) == 0)
		text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}
