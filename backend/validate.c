/* JSON body checks: parse, nesting depth, duplicate keys. */
#include <stdio.h>
#include <string.h>

#include "validate.h"

/* Walk v; -1 with the 422 set on a duplicate key or excessive depth. */
static int
json_walk(struct bk_arena *a, const cJSON *v, int depth, struct bk_err *err)
{
	const cJSON	*x, *y;

	if (depth > BK_JSON_MAX_DEPTH)
		return bk_err_422(err, "value_error", "Value error, JSON nested "
		    "too deeply", NULL, "body", NULL);
	for (x = v->child; x != NULL; x = x->next) {
		if (cJSON_IsObject(v))
			for (y = x->next; y != NULL; y = y->next)
				if (strcmp(x->string, y->string) == 0)
					return bk_err_422(err, "value_error",
					    bk_arena_printf(a, "Value error, "
					    "Duplicate key '%.100s'", x->string),
					    NULL, "body", NULL);
		if ((cJSON_IsObject(x) || cJSON_IsArray(x)) &&
		    json_walk(a, x, depth + 1, err) != 0)
			return -1;
	}
	return 0;
}

int
bk_json_parse(struct bk_arena *a, const char *body, size_t len, cJSON **out,
    struct bk_err *err)
{
	const char	*end = NULL;
	cJSON		*doc, *ctx;

	*out = NULL;
	doc = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (doc == NULL) {
		bk_err_422(err, "json_invalid", "JSON decode error",
		    cJSON_CreateObject(), "body", bk_arena_printf(a, "%ld",
		    end != NULL && end >= body ? (long)(end - body) : 0L), NULL);
		ctx = cJSON_CreateObject();
		cJSON_AddStringToObject(ctx, "error", "Invalid JSON");
		bk_err_ctx(err, ctx);
		return -1;
	}
	if (json_walk(a, doc, 1, err) != 0) {
		cJSON_Delete(doc);
		return -1;
	}
	*out = doc;
	return 0;
}
