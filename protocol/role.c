/* Role names and prefixes from the PROTO_ROLES table. */
#include <stddef.h>
#include <string.h>

#include "role.h"

static const struct {
	enum proto_role	 role;
	const char	*name;
	const char	*prefix;
} role_table[] = {
#define X(e, id, name, prefix) { PROTO_ROLE_##e, name, prefix },
	PROTO_ROLES(X)
#undef X
};

bool
proto_role_is_valid(int role)
{
	size_t	i;

	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
		if ((int)role_table[i].role == role)
			return true;
	return false;
}

const char *
proto_role_name(enum proto_role role)
{
	size_t	i;

	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
		if (role_table[i].role == role)
			return role_table[i].name;
	return "unknown";
}

const char *
proto_role_prefix(enum proto_role role)
{
	size_t	i;

	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
		if (role_table[i].role == role)
			return role_table[i].prefix;
	return "";
}

enum proto_role
proto_role_parse(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++)
		if (strcmp(role_table[i].name, name) == 0)
			return role_table[i].role;
	return PROTO_ROLE_NONE;
}
