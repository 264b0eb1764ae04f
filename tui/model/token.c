/* Decode a JWT's middle part (base64url JSON) and read "exp". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "xmalloc.h"
#include "model/token.h"

/* Value of one base64url character, or -1. */
static int
token_b64_value(unsigned char c)
{
	static const char	alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const char		*p;

	if (c == '\0')
		return -1;
	p = strchr(alphabet, c);
	return p == NULL ? -1 : (int)(p - alphabet);
}

/* Decode len base64url characters (no padding) into a new NUL-terminated
 * buffer; NULL if a character is not base64url. The caller frees. */
static char *
token_b64_decode(const char *in, size_t len)
{
	char		*out;
	size_t		 i, n;
	uint32_t	 acc;
	int		 bits, v;

	out = xmalloc(len * 3 / 4 + 2);
	n = 0;
	acc = 0;
	bits = 0;
	for (i = 0; i < len; i++) {
		if (in[i] == '=')
			break;
		v = token_b64_value((unsigned char)in[i]);
		if (v < 0) {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[n] = '\0';
	return out;
}

/*
 * Store the "exp" claim (seconds since the epoch) of jwt in *exp. Returns 0,
 * or -1 when jwt is not three dot-separated parts or has no numeric exp.
 * No signature check: the client only uses exp to time the refresh.
 */
int
tui_token_exp(const char *jwt, time_t *exp)
{
	const char	*start, *end;
	char		*json;
	cJSON		*root;
	const cJSON	*item;
	int		 rc = -1;

	if (jwt == NULL)
		return -1;
	start = strchr(jwt, '.');
	if (start == NULL)
		return -1;
	start++;
	end = strchr(start, '.');
	if (end == NULL)
		return -1;
	json = token_b64_decode(start, (size_t)(end - start));
	if (json == NULL)
		return -1;
	root = cJSON_Parse(json);
	item = cJSON_GetObjectItemCaseSensitive(root, "exp");
	if (cJSON_IsNumber(item) && item->valuedouble > 0) {
		*exp = (time_t)item->valuedouble;
		rc = 0;
	}
	cJSON_Delete(root);
	free(json);
	return rc;
}
