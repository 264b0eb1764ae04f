/* Roles: the three kinds of user, their ids, wire names and id prefixes. */
#ifndef PROTO_ROLE_H
#define PROTO_ROLE_H

#include <stdbool.h>

/* X(enum suffix, id, role_name, user id prefix) */
#define PROTO_ROLES(X) \
	X(ADMIN, 1, "admin", "ADM") \
	X(MECHANIC, 2, "mechanic", "MEC") \
	X(CUSTOMER, 3, "customer", "CST")

enum proto_role {
	PROTO_ROLE_NONE = 0,
#define X(e, id, name, prefix) PROTO_ROLE_##e = id,
	PROTO_ROLES(X)
#undef X
};

bool		 proto_role_is_valid(int);
const char	*proto_role_name(enum proto_role);
const char	*proto_role_prefix(enum proto_role);
enum proto_role	 proto_role_parse(const char *);

#endif
