/* Typed reads of server JSON. A getter never fails: a member that is
 * absent, null or of another type gives the default (NULL, 0, false, -1
 * for money), so a newer server's extra or missing fields never crash
 * the client; the views show a dash for what is unknown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "xmalloc.h"
#include "model/json.h"

static const cJSON *
json_get(const cJSON *obj, const char *name)
{
	if (obj == NULL || name == NULL)
		return obj;
	return cJSON_GetObjectItemCaseSensitive(obj, name);
}

/* The string member name as a new string (the caller frees), or NULL. */
char *
tui_json_dup(const cJSON *obj, const char *name)
{
	const char	*s = tui_json_str(obj, name);

	return s != NULL ? xstrdup(s) : NULL;
}

/* The string member name, borrowed from obj, or NULL. */
const char *
tui_json_str(const cJSON *obj, const char *name)
{
	return cJSON_GetStringValue(json_get(obj, name));
}

/* A member as text (the caller frees): strings as they are, integers
 * (phone numbers) printed whole; NULL when absent or null. */
char *
tui_json_text(const cJSON *obj, const char *name)
{
	const cJSON	*it = json_get(obj, name);
	char		*s;

	if (cJSON_IsString(it) && it->valuestring != NULL)
		return xstrdup(it->valuestring);
	if (cJSON_IsNumber(it)) {
		xasprintf(&s, "%.0f", it->valuedouble);
		return s;
	}
	return NULL;
}

/* An integer member (a JSON number, or a string of digits); def when
 * absent or not a number. */
long
tui_json_long(const cJSON *obj, const char *name, long def)
{
	const cJSON	*it = json_get(obj, name);
	char		*end;
	long		 v;

	if (cJSON_IsNumber(it))
		return (long)it->valuedouble;
	if (cJSON_IsString(it) && it->valuestring != NULL) {
		v = strtol(it->valuestring, &end, 10);
		if (end != it->valuestring && *end == '\0')
			return v;
	}
	return def;
}

/* A 64-bit integer member (event seq); def when absent. Doubles carry
 * integers exactly up to 2^53, far beyond any seq we will see. */
int64_t
tui_json_i64(const cJSON *obj, const char *name, int64_t def)
{
	const cJSON	*it = json_get(obj, name);

	if (cJSON_IsNumber(it))
		return (int64_t)it->valuedouble;
	return def;
}

bool
tui_json_bool(const cJSON *obj, const char *name)
{
	return cJSON_IsTrue(json_get(obj, name));
}

/* True when the member is absent or JSON null. */
bool
tui_json_is_null(const cJSON *obj, const char *name)
{
	const cJSON	*it = json_get(obj, name);

	return it == NULL || cJSON_IsNull(it);
}

/*
 * An instant as the server writes it, "2025-11-10T08:30:00.000000Z" (or a
 * date "2025-11-10", taken as midnight UTC), as time_t; 0 when it does
 * not parse. Fractions are dropped; a numeric offset is applied.
 */
time_t
tui_time_parse(const char *s)
{
	struct tm	 tm;
	const char	*p;
	int		 sign, hh, mm;
	time_t		 t;

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof tm);
	p = strptime(s, "%Y-%m-%d", &tm);
	if (p == NULL)
		return 0;
	if (*p == 'T' || *p == ' ') {
		p = strptime(p + 1, "%H:%M:%S", &tm);
		if (p == NULL)
			return 0;
	}
	t = timegm(&tm);
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	if ((*p == '+' || *p == '-') &&
	    sscanf(p + 1, "%2d:%2d", &hh, &mm) == 2) {
		sign = *p == '+' ? 1 : -1;
		t -= sign * (hh * 3600 + mm * 60);
	}
	return t;
}

time_t
tui_json_time(const cJSON *obj, const char *name)
{
	return tui_time_parse(tui_json_str(obj, name));
}

/* Money as the server writes it: "1500.00" (string) or 1500.0 (number,
 * rupees), as paise; -1 when absent, null or malformed. Numbers are
 * printed with two places first, so no float arithmetic reaches paise. */
int64_t
tui_money_parse_any(const cJSON *it)
{
	char	buf[64];
	int64_t	paise;

	if (cJSON_IsString(it) && it->valuestring != NULL &&
	    proto_money_parse(it->valuestring, &paise) == 0)
		return paise;
	if (cJSON_IsNumber(it)) {
		snprintf(buf, sizeof buf, "%.2f", it->valuedouble);
		if (proto_money_parse(buf, &paise) == 0)
			return paise;
	}
	return -1;
}

int64_t
tui_json_money(const cJSON *obj, const char *name)
{
	return tui_money_parse_any(json_get(obj, name));
}
