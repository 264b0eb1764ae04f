/* Status and assignment-type names from their tables. */
#include <stddef.h>
#include <string.h>

#include "status.h"

static const char *status_names[] = {
#define X(e, id, name) [id] = name,
	PROTO_STATUSES(X)
#undef X
};

static const char *assignment_type_names[] = {
#define X(e, id, name) [id] = name,
	PROTO_ASSIGNMENT_TYPES(X)
#undef X
};

const char *
proto_status_name(int id)
{
	if (id <= 0 || id > PROTO_STATUS_MAX)
		return NULL;
	return status_names[id];
}

int
proto_status_parse(const char *name)
{
	int	i;

	for (i = 1; i <= PROTO_STATUS_MAX; i++)
		if (strcmp(status_names[i], name) == 0)
			return i;
	return 0;
}

bool
proto_status_is_booking(int id)
{
	return id >= PROTO_STATUS_BOOKED && id <= PROTO_STATUS_CANCELLED;
}

const char *
proto_assignment_type_name(int id)
{
	if (id <= 0 || id > PROTO_ASSIGN_MAX)
		return NULL;
	return assignment_type_names[id];
}

int
proto_assignment_type_parse(const char *name)
{
	int	i;

	for (i = 1; i <= PROTO_ASSIGN_MAX; i++)
		if (strcmp(assignment_type_names[i], name) == 0)
			return i;
	return 0;
}
