/* Statuses (table `status`, fixed ids) and assignment types: the ids and
 * names every client and the database share. */
#ifndef PROTO_STATUS_H
#define PROTO_STATUS_H

#include <stdbool.h>

/* X(enum suffix, id, wire name) */
#define PROTO_STATUSES(X) \
	X(BOOKED, 1, "booked") \
	X(PICKUP, 2, "pickup") \
	X(RECEIVED, 3, "received") \
	X(ANALYSIS, 4, "analysis") \
	X(ANALYSED, 5, "analysed") \
	X(IN_PROGRESS, 6, "in-progress") \
	X(COMPLETED, 7, "completed") \
	X(OUT_FOR_DELIVERY, 8, "out for delivery") \
	X(DELIVERED, 9, "delivered") \
	X(CANCELLED, 10, "cancelled") \
	X(ASSIGNED, 11, "assigned") \
	X(CONFIRMED, 12, "confirmed") \
	X(REJECTED, 13, "rejected") \
	X(PENDING, 14, "pending") \
	X(SUCCESS, 15, "success") \
	X(FAILED, 16, "failed") \
	X(RELEASED, 17, "released") \
	X(VOIDED, 18, "voided")

enum proto_status {
	PROTO_STATUS_NONE = 0,
#define X(e, id, name) PROTO_STATUS_##e = id,
	PROTO_STATUSES(X)
#undef X
	PROTO_STATUS_MAX = 18
};

/* X(enum suffix, id, wire name) */
#define PROTO_ASSIGNMENT_TYPES(X) \
	X(PICKUP, 1, "pickup") \
	X(DROP, 2, "drop") \
	X(SERVICE, 3, "service") \
	X(ANALYSIS, 4, "analysis")

enum proto_assignment_type {
	PROTO_ASSIGN_NONE = 0,
#define X(e, id, name) PROTO_ASSIGN_##e = id,
	PROTO_ASSIGNMENT_TYPES(X)
#undef X
	PROTO_ASSIGN_MAX = 4
};

const char	*proto_status_name(int);	/* NULL if not built in */
int		 proto_status_parse(const char *);	/* 0 if unknown */
bool		 proto_status_is_booking(int);
const char	*proto_assignment_type_name(int);
int		 proto_assignment_type_parse(const char *);

#endif
