/* JSON body checks (parse, depth, duplicate keys), typed field reads that
 * produce FastAPI-shaped 422s, and the list parameters of SPEC §1.7. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "password.h"
#include "validate.h"

/* Walk v; -1 with the 422 set on a duplicate key or excessive depth. */
static int
json_walk(struct bk_arena *a, const cJSON *v, int depth, struct bk_err *err)
{
	const cJSON	*x, *y;

	if (depth > BK_JSON_MAX_DEPTH)
		return bk_err_422(err, "value_error", "Value error, JSON "
		    "nested too deeply", NULL, "body", NULL);
	for (x = v->child; x != NULL; x = x->next) {
		if (cJSON_IsObject(v))
			for (y = x->next; y != NULL; y = y->next)
				if (strcmp(x->string, y->string) == 0)
					return bk_err_422(err, "value_error",
					    bk_arena_printf(a, "Value error, "
					    "Duplicate key '%.100s'",
					    x->string), NULL, "body", NULL);
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
		    end != NULL && end >= body ? (long)(end - body) : 0L),
		    NULL);
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

/* The body echoed as a 422's input, without any password (SPEC §1.8). */
static cJSON *
body_input(const cJSON *json)
{
	static const char *secret[] = { "password", "new_password",
	    "current_password" };
	cJSON	*copy;
	size_t	 i;

	if (!cJSON_IsObject(json))
		return cJSON_CreateObject();
	copy = cJSON_Duplicate(json, 1);
	for (i = 0; i < sizeof secret / sizeof secret[0]; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(copy, secret[i]);
	return copy;
}

int
bk_err_value(struct bk_err *err, struct bk_arena *a, const char *field,
    const char *text)
{
	cJSON	*ctx = cJSON_CreateObject();

	cJSON_AddStringToObject(ctx, "error", text);
	if (field != NULL)
		bk_err_422(err, "value_error", bk_arena_printf(a,
		    "Value error, %s", text), NULL, "body", field, NULL);
	else
		bk_err_422(err, "value_error", bk_arena_printf(a,
		    "Value error, %s", text), NULL, "body", NULL);
	bk_err_ctx(err, ctx);
	return -1;
}

int
bk_body_object(const struct bk_req *req, struct bk_err *err)
{
	if (req->json == NULL || cJSON_IsObject(req->json))
		return 0;
	return bk_err_422(err, "model_attributes_type", "Input should be a "
	    "valid dictionary or object to extract fields from",
	    body_input(req->json), "body", NULL);
}

bool
bk_body_has(const struct bk_req *req, const char *field)
{
	return cJSON_IsObject(req->json) &&
	    cJSON_GetObjectItemCaseSensitive(req->json, field) != NULL;
}

/* The field's value, NULL when absent (or null with BK_NULLABLE). A
 * missing required field adds the 422 and sets *failed. */
static const cJSON *
field_get(const struct bk_req *req, const char *field, unsigned flags,
    struct bk_err *err, bool *failed)
{
	const cJSON	*v = NULL;

	*failed = false;
	if (cJSON_IsObject(req->json))
		v = cJSON_GetObjectItemCaseSensitive(req->json, field);
	if (v != NULL && cJSON_IsNull(v) && (flags & BK_NULLABLE))
		v = NULL;
	if (v == NULL && (flags & BK_REQUIRED)) {
		bk_err_422(err, "missing", "Field required",
		    body_input(req->json), "body", field, NULL);
		*failed = true;
	}
	return v;
}

static int
err_ctx_num(struct bk_err *err, const char *key, double n)
{
	cJSON	*ctx = cJSON_CreateObject();

	cJSON_AddNumberToObject(ctx, key, n);
	bk_err_ctx(err, ctx);
	return -1;
}

static long
utf8_len(const char *s)
{
	long	n = 0;

	for (; *s != '\0'; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
length_error(struct bk_arena *a, struct bk_err *err, const char *where,
    const char *field, const cJSON *input, bool too_short, long bound,
    bool list, long actual)
{
	const char	*msg;

	if (list)
		msg = bk_arena_printf(a, "List should have at %s %ld item%s "
		    "after validation, not %ld", too_short ? "least" : "most",
		    bound, bound == 1 ? "" : "s", actual);
	else
		msg = bk_arena_printf(a, "String should have at %s %ld "
		    "character%s", too_short ? "least" : "most", bound,
		    bound == 1 ? "" : "s");
	bk_err_422(err, list ? (too_short ? "too_short" : "too_long") :
	    (too_short ? "string_too_short" : "string_too_long"), msg,
	    cJSON_Duplicate(input, 1), where, field, NULL);
	return err_ctx_num(err, too_short ? "min_length" : "max_length",
	    (double)bound);
}

/* Check and copy one string value (trim, blank, length). */
static int
str_check(struct bk_arena *a, const cJSON *v, const char *field,
    unsigned flags, long minlen, long maxlen, const char **out, bool *blank,
    struct bk_err *err)
{
	const char	*s = v->valuestring, *e;
	char		*copy, *c;
	long		 n;

	*blank = false;
	if (flags & BK_TRIM) {
		while (isspace((unsigned char)*s))
			s++;
		e = s + strlen(s);
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		copy = bk_arena_strndup(a, s, (size_t)(e - s));
	} else
		copy = bk_arena_strdup(a, s);
	if (*copy == '\0' && (flags & BK_BLANK_NULL)) {
		*blank = true;
		return 0;
	}
	if (flags & BK_UPPER)
		for (c = copy; *c != '\0'; c++)
			*c = (char)toupper((unsigned char)*c);
	n = utf8_len(copy);
	if (minlen > 0 && n < minlen)
		return length_error(a, err, "body", field, v, true, minlen,
		    false, n);
	if (maxlen > 0 && n > maxlen)
		return length_error(a, err, "body", field, v, false, maxlen,
		    false, n);
	*out = copy;
	return 0;
}

int
bk_body_str(const struct bk_req *req, const char *field, unsigned flags,
    long minlen, long maxlen, const char **out, struct bk_err *err)
{
	const cJSON	*v;
	bool		 failed, blank;

	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (!cJSON_IsString(v))
		return bk_err_422(err, "string_type", "Input should be a valid "
		    "string", cJSON_Duplicate(v, 1), "body", field, NULL);
	if (str_check(req->arena, v, field, flags, minlen, maxlen, out, &blank,
	    err) != 0)
		return -1;
	if (blank && (flags & BK_REQUIRED))
		return length_error(req->arena, err, "body", field, v, true,
		    minlen > 0 ? minlen : 1, false, 0);
	return 0;
}

/* Range check of an integer; where is "body" or "query". */
static int
int_range(struct bk_arena *a, struct bk_err *err, const char *where,
    const char *field, const cJSON *input, unsigned flags, long min,
    long max, long n)
{
	if ((flags & BK_GT) ? n <= min : n < min) {
		bk_err_422(err, (flags & BK_GT) ? "greater_than" :
		    "greater_than_equal", bk_arena_printf(a, "Input should be "
		    "greater than %s%ld", (flags & BK_GT) ? "" :
		    "or equal to ", min), cJSON_Duplicate(input, 1), where,
		    field, NULL);
		return err_ctx_num(err, (flags & BK_GT) ? "gt" : "ge",
		    (double)min);
	}
	if (n > max) {
		bk_err_422(err, "less_than_equal", bk_arena_printf(a, "Input "
		    "should be less than or equal to %ld", max),
		    cJSON_Duplicate(input, 1), where, field, NULL);
		return err_ctx_num(err, "le", (double)max);
	}
	return 0;
}

/* A JSON integer, or a string of digits; -1 with the 422 otherwise. */
static int
int_value(struct bk_arena *a, struct bk_err *err, const char *where,
    const char *field, const cJSON *v, long *out)
{
	const char	*s;
	char		*end;
	double		 d;
	long		 n;

	if (cJSON_IsNumber(v)) {
		d = v->valuedouble;
		if (d != floor(d))
			return bk_err_422(err, "int_from_float", "Input should "
			    "be a valid integer, got a number with a "
			    "fractional part", cJSON_Duplicate(v, 1), where,
			    field, NULL);
		if (d > 9.2e18 || d < -9.2e18)
			return bk_err_422(err, "int_parsing", "Input should be "
			    "a valid integer, unable to parse string as an "
			    "integer", cJSON_Duplicate(v, 1), where, field,
			    NULL);
		*out = (long)d;
		return 0;
	}
	if (cJSON_IsString(v)) {
		s = v->valuestring;
		while (isspace((unsigned char)*s))
			s++;
		errno = 0;
		n = strtol(s, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (end == s || *end != '\0' || errno != 0)
			return bk_err_422(err, "int_parsing", "Input should be "
			    "a valid integer, unable to parse string as an "
			    "integer", cJSON_Duplicate(v, 1), where, field,
			    NULL);
		*out = n;
		return 0;
	}
	(void)a;
	return bk_err_422(err, "int_type", "Input should be a valid integer",
	    cJSON_Duplicate(v, 1), where, field, NULL);
}

int
bk_body_int(const struct bk_req *req, const char *field, unsigned flags,
    long min, long max, long *out, bool *present, struct bk_err *err)
{
	const cJSON	*v;
	bool		 failed;
	long		 n;

	if (present != NULL)
		*present = false;
	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (int_value(req->arena, err, "body", field, v, &n) != 0 ||
	    int_range(req->arena, err, "body", field, v, flags, min, max,
	    n) != 0)
		return -1;
	*out = n;
	if (present != NULL)
		*present = true;
	return 0;
}

static int
bool_text(const char *s, bool *out)
{
	return bk_config_parse_bool(s, out);
}

int
bk_body_bool(const struct bk_req *req, const char *field, unsigned flags,
    bool *out, bool *present, struct bk_err *err)
{
	const cJSON	*v;
	bool		 failed, b;

	if (present != NULL)
		*present = false;
	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (cJSON_IsBool(v))
		b = cJSON_IsTrue(v);
	else if (cJSON_IsNumber(v) && (v->valuedouble == 0 ||
	    v->valuedouble == 1))
		b = v->valuedouble == 1;
	else if (!cJSON_IsString(v) || bool_text(v->valuestring, &b) != 0)
		return bk_err_422(err, cJSON_IsString(v) ? "bool_parsing" :
		    "bool_type", cJSON_IsString(v) ? "Input should be a valid "
		    "boolean, unable to interpret input" : "Input should be a "
		    "valid boolean", cJSON_Duplicate(v, 1), "body", field,
		    NULL);
	*out = b;
	if (present != NULL)
		*present = true;
	return 0;
}

/* Parse "123.45" into hundredths without floating point; -1 if not a
 * decimal, -2 if more than two places. */
static int
decimal_text(const char *s, int64_t *out)
{
	int64_t	whole = 0;
	int	places = 0, frac = 0, digits = 0;
	bool	neg = false, dot = false;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s != '\0' && !isspace((unsigned char)*s); s++) {
		if (*s == '.' && !dot) {
			dot = true;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return -1;
		if (dot) {
			if (places == 2) {
				if (*s != '0')
					return -2;
				continue;
			}
			frac = frac * 10 + (*s - '0');
			places++;
		} else {
			if (++digits > 12)
				return -1;
			whole = whole * 10 + (*s - '0');
		}
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' || (digits == 0 && places == 0))
		return -1;
	while (places < 2) {
		frac *= 10;
		places++;
	}
	*out = (whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

int
bk_body_decimal(const struct bk_req *req, const char *field, unsigned flags,
    int64_t min, int64_t max, int64_t *out, bool *present, struct bk_err *err)
{
	const cJSON	*v;
	bool		 failed;
	char		 buf[64];
	int64_t		 c;
	int		 rc;
	double		 x;

	if (present != NULL)
		*present = false;
	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (cJSON_IsNumber(v)) {
		/* only to check the places:
		 * |x·100 − round(x·100)| < 1e-6 */
		x = v->valuedouble * 100.0;
		if (fabs(x - round(x)) >= 1e-6)
			rc = -2;
		else if (fabs(x) > 1e14)
			rc = -1;
		else {
			c = (int64_t)llround(x);
			rc = 0;
		}
	} else if (cJSON_IsString(v)) {
		snprintf(buf, sizeof buf, "%s", v->valuestring);
		rc = decimal_text(buf, &c);
	} else
		rc = -1;
	if (rc == -2)
		return bk_err_422(err, "decimal_max_places", "Decimal input "
		    "should have no more than 2 decimal places",
		    cJSON_Duplicate(v, 1), "body", field, NULL);
	if (rc != 0)
		return bk_err_422(err, "decimal_parsing", "Input should be a "
		    "valid decimal", cJSON_Duplicate(v, 1), "body", field,
		    NULL);
	if ((flags & BK_GT) ? c <= min : c < min) {
		bk_err_422(err, (flags & BK_GT) ? "greater_than" :
		    "greater_than_equal", bk_arena_printf(req->arena, "Input "
		    "should be greater than %s%lld", (flags & BK_GT) ? "" :
		    "or equal to ", (long long)(min / 100)),
		    cJSON_Duplicate(v, 1), "body", field, NULL);
		return err_ctx_num(err, (flags & BK_GT) ? "gt" : "ge",
		    (double)min / 100.0);
	}
	if (c > max) {
		bk_err_422(err, "less_than_equal", bk_arena_printf(req->arena,
		    "Input should be less than or equal to %lld.%02lld",
		    (long long)(max / 100), (long long)(max % 100)),
		    cJSON_Duplicate(v, 1), "body", field, NULL);
		return err_ctx_num(err, "le", (double)max / 100.0);
	}
	*out = c;
	if (present != NULL)
		*present = true;
	return 0;
}

static bool
date_ok(const char *s)
{
	int	y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

int
bk_body_date(const struct bk_req *req, const char *field, unsigned flags,
    const char **out, struct bk_err *err)
{
	const cJSON	*v;
	bool		 failed;

	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (!cJSON_IsString(v) || !date_ok(v->valuestring))
		return bk_err_422(err, "date_from_datetime_parsing", "Input "
		    "should be a valid date in the format YYYY-MM-DD",
		    cJSON_Duplicate(v, 1), "body", field, NULL);
	*out = bk_arena_strdup(req->arena, v->valuestring);
	return 0;
}

int
bk_body_time(const struct bk_req *req, const char *field, unsigned flags,
    const char **out, struct bk_err *err)
{
	const cJSON	*v;
	bool		 failed;
	int		 h, m, s = 0, n = 0;
	size_t		 len;

	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (cJSON_IsString(v)) {
		len = strlen(v->valuestring);
		if ((len == 5 && sscanf(v->valuestring, "%2d:%2d%n", &h, &m,
		    &n) == 2 && n == 5) || (len == 8 && sscanf(v->valuestring,
		    "%2d:%2d:%2d%n", &h, &m, &s, &n) == 3 && n == 8)) {
			if (h < 24 && m < 60 && s < 60 && h >= 0 && m >= 0 &&
			    s >= 0) {
				*out = bk_arena_printf(req->arena,
				    "%02d:%02d:%02d", h, m, s);
				return 0;
			}
		}
	}
	return bk_err_422(err, "time_parsing", "Input should be in a valid "
	    "time format", cJSON_Duplicate(v, 1), "body", field, NULL);
}

/* The list field for the list readers: *v NULL when absent; -1 with a
 * 422 when required and missing, not a list, or longer than maxitems. */
static int
list_get(const struct bk_req *req, const char *field, unsigned flags,
    long maxitems, const cJSON **v, int *count, bool *present,
    struct bk_err *err)
{
	bool	failed;

	if (present != NULL)
		*present = false;
	*v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (*v == NULL)
		return 0;
	if (!cJSON_IsArray(*v)) {
		bk_err_422(err, "list_type", "Input should be a valid list",
		    cJSON_Duplicate(*v, 1), "body", field, NULL);
		*v = NULL;
		return -1;
	}
	*count = cJSON_GetArraySize(*v);
	if (maxitems > 0 && *count > maxitems) {
		length_error(req->arena, err, "body", field, *v, false,
		    maxitems, true, *count);
		*v = NULL;
		return -1;
	}
	return 0;
}

int
bk_body_int_list(const struct bk_req *req, const char *field, unsigned flags,
    long min, long max, long maxitems, long **out, int *n, bool *present,
    struct bk_err *err)
{
	const cJSON	*v, *it;
	long		*vals, x;
	int		 i = 0, count = 0, bad = 0, before;
	char		 idx[16];

	if (list_get(req, field, flags, maxitems, &v, &count, present,
	    err) != 0)
		return -1;
	if (v == NULL)
		return 0;		/* absent */
	vals = bk_arena_alloc(req->arena, sizeof *vals * (size_t)(count + 1));
	cJSON_ArrayForEach(it, v) {
		snprintf(idx, sizeof idx, "%d", i);
		before = err->nitems;
		if (int_value(req->arena, err, "body", field, it, &x) != 0 ||
		    int_range(req->arena, err, "body", field, it, flags, min,
		    max, x) != 0) {
			/* loc is body.field.<index>
			 * (unless the list is full) */
			if (err->nitems > before) {
				err->items[err->nitems - 1].loc[2] =
				    bk_arena_strdup(req->arena, idx);
				err->items[err->nitems - 1].nloc = 3;
			}
			bad++;
		} else
			vals[i] = x;
		i++;
	}
	if (bad > 0)
		return -1;
	*out = vals;
	*n = count;
	if (present != NULL)
		*present = true;
	return 0;
}

int
bk_body_str_list(const struct bk_req *req, const char *field, unsigned flags,
    long minlen, long maxlen, long maxitems, const char ***out, int *n,
    bool *present, struct bk_err *err)
{
	const cJSON	*v, *it;
	const char	**vals, *s;
	bool		 blank;
	int		 count = 0, kept = 0, i = 0, before, mark;

	if (list_get(req, field, flags, maxitems, &v, &count, present,
	    err) != 0)
		return -1;
	if (v == NULL)
		return 0;		/* absent */
	vals = bk_arena_alloc(req->arena, sizeof *vals * (size_t)(count + 1));
	before = err->nitems;
	cJSON_ArrayForEach(it, v) {
		mark = err->nitems;
		if (!cJSON_IsString(it)) {
			bk_err_422(err, "string_type", "Input should be a "
			    "valid string", cJSON_Duplicate(it, 1), "body",
			    field, bk_arena_printf(req->arena, "%d", i), NULL);
		} else if (str_check(req->arena, it, field, flags |
		    BK_BLANK_NULL, minlen, maxlen, &s, &blank, err) == 0) {
			if (!blank)
				vals[kept++] = s;
		} else if (err->nitems > mark) {
			err->items[err->nitems - 1].loc[2] =
			    bk_arena_printf(req->arena, "%d", i);
			err->items[err->nitems - 1].nloc = 3;
		}
		i++;
	}
	if (err->nitems > before)
		return -1;
	*out = vals;
	*n = kept;
	if (present != NULL)
		*present = true;
	return 0;
}

int
bk_body_phone(const struct bk_req *req, const char *field, unsigned flags,
    const char **out, struct bk_err *err)
{
	long	n;
	bool	present;

	if (bk_body_int(req, field, flags, 6000000000L, 9999999999L, &n,
	    &present, err) != 0)
		return -1;
	if (present)
		*out = bk_arena_printf(req->arena, "%ld", n);
	return 0;
}

/* Why an address is not an e-mail address, or NULL if it is one. */
static const char *
email_problem(const char *s)
{
	const char	*at = strchr(s, '@'), *dot, *p;

	if (at == NULL)
		return "An email address must have an @-sign.";
	if (at == s)
		return "There must be something before the @-sign.";
	if (strchr(at + 1, '@') != NULL)
		return "The email address is not valid. It must have exactly "
		    "one @-sign.";
	if (at[1] == '\0')
		return "There must be something after the @-sign.";
	for (p = s; p < at; p++)
		if (isspace((unsigned char)*p) || *p == '"' || *p == ',' ||
		    *p == '(' || *p == ')' || *p == '<' || *p == '>' ||
		    *p == '[' || *p == ']' || *p == ';' || *p == ':' ||
		    *p == '\\')
			return "The email address contains invalid characters "
			    "before the @-sign.";
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return "The email address contains a period in an invalid "
		    "position.";
	dot = strrchr(at + 1, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return "The part after the @-sign is not valid. It should have "
		    "a period.";
	for (p = at + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return "The part after the @-sign contains invalid "
			    "characters.";
	for (p = dot + 1; *p != '\0'; p++)
		if (!isalpha((unsigned char)*p))
			return "The part after the @-sign is not valid. It is "
			    "not within a valid top-level domain.";
	return NULL;
}

int
bk_body_email(const struct bk_req *req, const char *field, unsigned flags,
    const char **out, struct bk_err *err)
{
	const char	*s = NULL, *why;
	char		*low, *c;
	cJSON		*ctx;

	if (bk_body_str(req, field, flags | BK_TRIM, 0, 254, &s, err) != 0)
		return -1;
	if (s == NULL)
		return 0;
	why = email_problem(s);
	if (why != NULL) {
		bk_err_422(err, "value_error", bk_arena_printf(req->arena,
		    "value is not a valid email address: %s", why),
		    cJSON_CreateString(s), "body", field, NULL);
		ctx = cJSON_CreateObject();
		cJSON_AddStringToObject(ctx, "reason", why);
		bk_err_ctx(err, ctx);
		return -1;
	}
	low = bk_arena_strdup(req->arena, s);
	for (c = low; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	*out = low;
	return 0;
}

int
bk_body_password(const struct bk_req *req, const char *field, unsigned flags,
    const char **out, struct bk_err *err)
{
	const cJSON	*v;
	const char	*why;
	bool		 failed;
	cJSON		*ctx;
	bool		 short_;

	v = field_get(req, field, flags, err, &failed);
	if (failed)
		return -1;
	if (v == NULL)
		return 0;
	if (!cJSON_IsString(v))
		return bk_err_422(err, "string_type", "Input should be a valid "
		    "string", NULL, "body", field, NULL);
	why = bk_password_policy(v->valuestring);
	if (why == NULL) {
		*out = bk_arena_strdup(req->arena, v->valuestring);
		return 0;
	}
	/* input is never echoed for passwords */
	if (strncmp(why, "String should", 13) == 0) {
		short_ = strstr(why, "least") != NULL;
		bk_err_422(err, short_ ? "string_too_short" : "string_too_long",
		    why, NULL, "body", field, NULL);
		return err_ctx_num(err, short_ ? "min_length" : "max_length",
		    short_ ? 8 : 128);
	}
	bk_err_422(err, "value_error", bk_arena_printf(req->arena,
	    "Value error, %s", why), NULL, "body", field, NULL);
	ctx = cJSON_CreateObject();
	cJSON_AddStringToObject(ctx, "error", why);
	bk_err_ctx(err, ctx);
	return -1;
}

int
bk_query_int(const struct bk_req *req, const char *name, long min, long max,
    long *out, bool *present, struct bk_err *err)
{
	const char	*s = bk_req_query(req, name);
	cJSON		*v;
	long		 n;
	int		 rc;

	if (present != NULL)
		*present = false;
	if (s == NULL)
		return 0;
	v = cJSON_CreateString(s);
	rc = int_value(req->arena, err, "query", name, v, &n);
	if (rc == 0)
		rc = int_range(req->arena, err, "query", name, v, 0, min, max,
		    n);
	cJSON_Delete(v);
	if (rc != 0)
		return -1;
	*out = n;
	if (present != NULL)
		*present = true;
	return 0;
}

int
bk_query_bool(const struct bk_req *req, const char *name, bool *out,
    bool *present, struct bk_err *err)
{
	const char	*s = bk_req_query(req, name);

	if (present != NULL)
		*present = false;
	if (s == NULL)
		return 0;
	if (bool_text(s, out) != 0)
		return bk_err_422(err, "bool_parsing", "Input should be a "
		    "valid boolean, unable to interpret input",
		    cJSON_CreateString(s), "query", name, NULL);
	if (present != NULL)
		*present = true;
	return 0;
}

int
bk_page_parse(const struct bk_req *req, const char *const *allowed,
    const char *dflt, struct bk_page *pg, struct bk_err *err)
{
	const char	*s, *name;
	char		*q, *c;
	int		 before = err->nitems, i;
	cJSON		*ctx;

	pg->limit = 100;
	pg->offset = 0;
	pg->q = NULL;
	pg->sort = dflt;
	bk_query_int(req, "limit", 1, 500, &pg->limit, NULL, err);
	bk_query_int(req, "offset", 0, LONG_MAX, &pg->offset, NULL, err);
	s = bk_req_query(req, "q");
	if (s != NULL && *s != '\0') {
		if (utf8_len(s) > 200) {
			bk_err_422(err, "string_too_long", "String should have "
			    "at most 200 characters", cJSON_CreateString(s),
			    "query", "q", NULL);
			err_ctx_num(err, "max_length", 200);
		} else {
			q = bk_arena_strdup(req->arena, s);
			for (c = q; *c != '\0'; c++)
				*c = (char)tolower((unsigned char)*c);
			pg->q = q;
		}
	}
	s = bk_req_query(req, "sort");
	if (s != NULL && *s != '\0') {
		name = *s == '-' ? s + 1 : s;
		for (i = 0; allowed != NULL && allowed[i] != NULL; i++)
			if (strcmp(allowed[i], name) == 0)
				break;
		if (allowed == NULL || allowed[i] == NULL) {
			bk_err_422(err, "literal_error", bk_arena_printf(
			    req->arena, "Input should be one of the sortable "
			    "fields (optionally with '-')"),
			    cJSON_CreateString(s), "query", "sort", NULL);
			ctx = cJSON_CreateObject();
			cJSON_AddItemToObject(ctx, "expected",
			    cJSON_CreateString("a sortable field"));
			bk_err_ctx(err, ctx);
		} else
			pg->sort = bk_arena_strdup(req->arena, s);
	}
	return err->nitems > before ? -1 : 0;
}
