/* Route matching: walk the table, compare segment by segment, prefer the
 * route whose literal segments come earliest (so /bookings/customer beats
 * /bookings/{booking_id}), then check the method. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "router.h"

/* Length of the segment at s (up to '/' or end). */
static size_t
seg_len(const char *s)
{
	const char	*e = strchr(s, '/');

	return e == NULL ? strlen(s) : (size_t)(e - s);
}

/*
 * Compare path against pattern. Returns a score (>= 0) whose bits mark the
 * literal segments, most significant first, or -1 if it does not match.
 */
static long
route_score(const char *pattern, const char *path)
{
	const char	*p = pattern, *q = path;
	size_t		 pl, ql;
	long		 score = 0;
	int		 nseg = 0;

	for (;;) {
		while (*p == '/')
			p++;
		while (*q == '/')
			q++;
		if (*p == '\0' || *q == '\0')
			break;
		pl = seg_len(p);
		ql = seg_len(q);
		score <<= 1;
		if (*p == '{') {
			/* parameter: any non-empty segment */
		} else if (pl == ql && strncmp(p, q, pl) == 0)
			score |= 1;
		else
			return -1;
		p += pl;
		q += ql;
		nseg++;
	}
	if (*p != '\0' || *q != '\0')
		return -1;
	return score << (16 - (nseg > 16 ? 16 : nseg));
}

static int
parse_int_param(const char *s, long *out)
{
	char	*end;
	long	 v;

	if (*s == '\0' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

static void
route_params(struct bk_arena *a, const char *pattern, const char *path,
    struct bk_param *params, int *nparams, struct bk_err *err)
{
	const char	*p = pattern, *q = path, *colon;
	size_t		 pl, ql;
	struct bk_param	*pr;
	char		*name;

	*nparams = 0;
	for (;;) {
		while (*p == '/')
			p++;
		while (*q == '/')
			q++;
		if (*p == '\0' || *q == '\0')
			break;
		pl = seg_len(p);
		ql = seg_len(q);
		if (*p == '{' && *nparams < BK_MAX_PARAMS) {
			pr = &params[(*nparams)++];
			name = bk_arena_strndup(a, p + 1, pl - 2);
			colon = strchr(name, ':');
			/* lws decoded it */
			pr->value = bk_arena_strndup(a, q, ql);
			pr->ival = 0;
			if (colon != NULL) {
				name[colon - name] = '\0';
				if (parse_int_param(pr->value, &pr->ival) != 0)
					bk_err_422(err, "int_parsing",
					    "Input should be a valid integer, "
					    "unable to parse string as an "
					    "integer", cJSON_CreateString(
					    pr->value), "path", name, NULL);
				else if (pr->ival < 1 || pr->ival > INT_MAX) {
					bk_err_422(err, pr->ival < 1 ?
					    "greater_than_equal" :
					    "less_than_equal", pr->ival < 1 ?
					    "Input should be greater than or "
					    "equal to 1" : "Input should be "
					    "less than or equal to 2147483647",
					    cJSON_CreateString(pr->value),
					    "path", name, NULL);
					bk_err_ctx(err, pr->ival < 1 ?
					    cJSON_Parse("{\"ge\":1}") :
					    cJSON_Parse("{\"le\":2147483647}"));
				}
			}
			pr->name = name;
		}
		p += pl;
		q += ql;
	}
}

enum bk_match
bk_router_match(struct bk_arena *a, enum bk_method method, const char *path,
    const struct bk_route **route, struct bk_param *params, int *nparams,
    char *allow, size_t allowlen, struct bk_err *err)
{
	const struct bk_route	*best = NULL;
	long			 score, best_score = -1, path_best = -1;
	size_t			 i, used = 0;
	bool			 seen[BK_METHOD_COUNT] = { false };
	int			 m;

	for (i = 0; i < bk_route_count; i++) {
		score = route_score(bk_route_table[i].pattern, path);
		if (score < 0)
			continue;
		if (score > path_best)
			path_best = score;
		if (bk_route_table[i].method != method &&
		    !(method == BK_HEAD && bk_route_table[i].method == BK_GET))
			continue;
		if (score > best_score) {
			best_score = score;
			best = &bk_route_table[i];
		}
	}
	if (best != NULL) {
		*route = best;
		route_params(a, best->pattern, path, params, nparams, err);
		return BK_MATCH_OK;
	}
	if (path_best < 0)
		return BK_MATCH_NOT_FOUND;
	/* Allow: the methods of every route matching this path */
	for (i = 0; i < bk_route_count; i++)
		if (route_score(bk_route_table[i].pattern, path) >= 0)
			seen[bk_route_table[i].method] = true;
	allow[0] = '\0';
	for (m = 0; m < BK_METHOD_COUNT; m++) {
		if (!seen[m])
			continue;
		used += (size_t)snprintf(allow + used, allowlen - used, "%s%s",
		    used > 0 ? ", " : "", bk_method_name(m));
		if (used >= allowlen)
			break;
	}
	return BK_MATCH_BAD_METHOD;
}

bool
bk_router_scopes_ok(const struct bk_route *r, const struct proto_scopes *set)
{
	int	i;

	for (i = 0; i < BK_ROUTE_MAX_SCOPES && r->scopes[i] != 0; i++)
		if (!proto_scopes_has(set, r->scopes[i] - 1))
			return false;
	return true;
}

int
bk_router_check_table(char *err, size_t errlen)
{
	const struct bk_route	*r, *o;
	size_t			 i, j;

	for (i = 0; i < bk_route_count; i++) {
		r = &bk_route_table[i];
		if (r->pattern[0] != '/' || r->fn == NULL) {
			snprintf(err, errlen, "route %s %s: bad row",
			    bk_method_name(r->method), r->pattern);
			return -1;
		}
		if (!(r->flags & BK_ROUTE_PUBLIC) && r->scopes[0] == 0) {
			snprintf(err, errlen, "route %s %s: neither public "
			    "nor scoped", bk_method_name(r->method),
			    r->pattern);
			return -1;
		}
		for (j = 0; j < i; j++) {
			o = &bk_route_table[j];
			if (o->method == r->method &&
			    strcmp(o->pattern, r->pattern) == 0) {
				snprintf(err, errlen, "route %s %s: listed "
				    "twice", bk_method_name(r->method),
				    r->pattern);
				return -1;
			}
		}
	}
	return 0;
}
