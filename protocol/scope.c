/* Scope names and the role matrix, from the PROTO_SCOPES table. */
#include <stddef.h>
#include <string.h>

#include "scope.h"

static const struct {
	const char	*name;
	unsigned	 roles;
} scope_table[] = {
#define X(e, s, roles) { s, roles },
	PROTO_SCOPES(X)
#undef X
};

const char *
proto_scope_name(enum proto_scope scope)
{
	if ((int)scope < 0 || scope >= PROTO_SCOPE_COUNT)
		return "";
	return scope_table[scope].name;
}

int
proto_scope_parse(const char *name)
{
	int	i;

	for (i = 0; i < PROTO_SCOPE_COUNT; i++)
		if (strcmp(scope_table[i].name, name) == 0)
			return i;
	return -1;
}

bool
proto_scope_role_has(enum proto_role role, enum proto_scope scope)
{
	if (!proto_role_is_valid(role) || (int)scope < 0 ||
	    scope >= PROTO_SCOPE_COUNT)
		return false;
	return (scope_table[scope].roles & (1u << role)) != 0;
}

void
proto_scopes_clear(struct proto_scopes *set)
{
	memset(set, 0, sizeof *set);
}

void
proto_scopes_add(struct proto_scopes *set, enum proto_scope scope)
{
	set->bits[scope / 64] |= (uint64_t)1 << (scope % 64);
}

bool
proto_scopes_has(const struct proto_scopes *set, enum proto_scope scope)
{
	return (set->bits[scope / 64] >> (scope % 64)) & 1;
}

void
proto_scopes_of_role(enum proto_role role, struct proto_scopes *set)
{
	int	i;

	proto_scopes_clear(set);
	for (i = 0; i < PROTO_SCOPE_COUNT; i++)
		if (proto_scope_role_has(role, i))
			proto_scopes_add(set, i);
}

int
proto_scopes_count(const struct proto_scopes *set)
{
	int	i, n = 0;

	for (i = 0; i < PROTO_SCOPE_COUNT; i++)
		if (proto_scopes_has(set, i))
			n++;
	return n;
}
