/* Body decoding and the field checks shared by handlers; every failure is
 * a 422 in FastAPI's shape (SPEC §1.8). */
#ifndef BK_VALIDATE_H
#define BK_VALIDATE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "http.h"

#define BK_JSON_MAX_DEPTH	32

/*
 * Parse a JSON body: UTF-8, depth <= 32, no duplicate keys. On success
 * *out is the document (caller owns); on failure -1 with a 422 in err.
 */
int	bk_json_parse(struct bk_arena *, const char *body, size_t len,
	    cJSON **out,
	    struct bk_err *err);

#endif
