/* Turning a server reply into one line for the user: the `detail` text of
 * {"detail": "..."}, or "field: msg" from a 422 list of errors. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "model/err.h"

/* Fill err with status and a formatted message; err may be NULL. */
void
tui_err_set(struct tui_err *err, long status, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

/* The last element of a 422 "loc" list names the field: ["body","username"]. */
static const char *
err_loc_field(const cJSON *loc)
{
	const cJSON	*last;
	const char	*s;

	last = NULL;
	if (cJSON_IsArray(loc))
		last = cJSON_GetArrayItem(loc, cJSON_GetArraySize(loc) - 1);
	s = cJSON_GetStringValue(last);
	return s;
}

/*
 * Set err from a non-2xx reply: status and the server's detail text. Works
 * on any body (NULL, HTML, truncated JSON): a body without a usable detail
 * gives "Server error (HTTP <status>)". Returns -1 always, so a caller can
 * write `return tui_err_from_reply(...)`.
 */
int
tui_err_from_reply(struct tui_err *err, long status, const char *body)
{
	cJSON		*root;
	const cJSON	*detail, *first;
	const char	*text, *field;

	tui_err_set(err, status, "Server error (HTTP %ld)", status);
	root = body != NULL ? cJSON_Parse(body) : NULL;
	detail = cJSON_GetObjectItemCaseSensitive(root, "detail");
	text = cJSON_GetStringValue(detail);
	if (text != NULL && *text != '\0')
		tui_err_set(err, status, "%s", text);
	else if (cJSON_IsArray(detail)) {
		first = cJSON_GetArrayItem(detail, 0);
		text = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(first, "msg"));
		field = err_loc_field(
		    cJSON_GetObjectItemCaseSensitive(first, "loc"));
		if (text != NULL && field != NULL)
			tui_err_set(err, status, "%s: %s", field, text);
		else if (text != NULL)
			tui_err_set(err, status, "%s", text);
	}
	cJSON_Delete(root);
	return -1;
}
