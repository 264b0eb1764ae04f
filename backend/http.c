/* Response and error helpers, query/cookie lookups and form decoding. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "http.h"
#include "xmalloc.h"

static const char *method_names[BK_METHOD_COUNT] = {
	"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"
};

const char *
bk_method_name(enum bk_method m)
{
	return (int)m >= 0 && m < BK_METHOD_COUNT ? method_names[m] : "?";
}

int
bk_method_parse(const char *s)
{
	int	i;

	for (i = 0; i < BK_METHOD_COUNT; i++)
		if (strcmp(method_names[i], s) == 0)
			return i;
	return -1;
}

int
bk_reply(struct bk_res *res, int status, cJSON *body)
{
	if (res->json != NULL)
		cJSON_Delete(res->json);
	res->json = body;
	res->status = status;
	return status;
}

int
bk_reply_text(struct bk_res *res, int status, const char *json)
{
	if (res->json != NULL)
		cJSON_Delete(res->json);
	res->json = NULL;
	res->body = bk_arena_strdup(res->arena, json);
	res->body_len = strlen(json);
	res->content_type = "application/json";
	res->status = status;
	return status;
}

void
bk_res_total(struct bk_res *res, long total)
{
	bk_res_header(res, "x-total-count", bk_arena_printf(res->arena, "%ld",
	    total));
}

int
bk_err_set(struct bk_err *err, int status, const char *detail)
{
	err->status = status;
	err->detail = detail;
	return -1;
}

int
bk_fail(struct bk_res *res, int status, const char *detail)
{
	bk_err_set(&res->err, status, detail);
	res->status = status;
	return status;
}

int
bk_fail_err(struct bk_res *res)
{
	if (res->err.status == 0)
		res->err.status = 500;
	res->status = res->err.status;
	return res->status;
}

int
bk_err_422(struct bk_err *err, const char *type, const char *msg,
    cJSON *input, ...)
{
	struct bk_err_item	*it;
	va_list			 ap;
	const char		*l;

	err->status = 422;
	if (err->nitems == BK_MAX_ERRORS) {
		cJSON_Delete(input);
		return -1;
	}
	it = &err->items[err->nitems++];
	memset(it, 0, sizeof *it);
	it->type = type;
	it->msg = msg;
	it->input = input;
	va_start(ap, input);
	while ((l = va_arg(ap, const char *)) != NULL && it->nloc < BK_MAX_LOC)
		it->loc[it->nloc++] = l;
	va_end(ap);
	return -1;
}

void
bk_err_ctx(struct bk_err *err, cJSON *ctx)
{
	struct bk_err_item	*it;

	if (err->nitems == 0) {
		cJSON_Delete(ctx);
		return;
	}
	it = &err->items[err->nitems - 1];
	cJSON_Delete(it->ctx);
	it->ctx = ctx;
}

void
bk_err_cleanup(struct bk_err *err)
{
	int	i;

	for (i = 0; i < err->nitems; i++) {
		cJSON_Delete(err->items[i].input);
		cJSON_Delete(err->items[i].ctx);
	}
	memset(err, 0, sizeof *err);
}

static int
loc_is_index(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

cJSON *
bk_err_body(const struct bk_err *err)
{
	const struct bk_err_item	*it;
	cJSON				*body, *list, *o, *loc;
	int				 i, j;

	body = cJSON_CreateObject();
	if (err->status != 422 || err->nitems == 0) {
		cJSON_AddStringToObject(body, "detail", err->detail != NULL ?
		    err->detail : "An unexpected error occurred. Please try "
		    "again later.");
		return body;
	}
	list = cJSON_AddArrayToObject(body, "detail");
	for (i = 0; i < err->nitems; i++) {
		it = &err->items[i];
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", it->type);
		loc = cJSON_AddArrayToObject(o, "loc");
		for (j = 0; j < it->nloc; j++) {
			/* list indexes are numbers in FastAPI's loc */
			if (j > 0 && loc_is_index(it->loc[j]))
				cJSON_AddItemToArray(loc,
				    cJSON_CreateNumber(atoi(it->loc[j])));
			else
				cJSON_AddItemToArray(loc,
				    cJSON_CreateString(it->loc[j]));
		}
		cJSON_AddStringToObject(o, "msg", it->msg);
		if (it->input != NULL)
			cJSON_AddItemToObject(o, "input",
			    cJSON_Duplicate(it->input, 1));
		if (it->ctx != NULL)
			cJSON_AddItemToObject(o, "ctx",
			    cJSON_Duplicate(it->ctx, 1));
		cJSON_AddItemToArray(list, o);
	}
	return body;
}

void
bk_res_header(struct bk_res *res, const char *name, const char *value)
{
	if (res->nheaders == BK_MAX_HEADERS)
		return;
	res->headers[res->nheaders].name = name;
	res->headers[res->nheaders].value = value;
	res->nheaders++;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *
bk_url_decode(struct bk_arena *a, const char *s, size_t len,
    bool plus_is_space)
{
	char	*out, *o;
	size_t	 i;
	int	 hi, lo;

	out = o = bk_arena_alloc(a, len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			*o++ = ' ';
		else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

const char *
bk_req_query(const struct bk_req *req, const char *name)
{
	size_t	nlen = strlen(name);
	int	i;

	for (i = 0; i < req->nargs; i++)
		if (strncmp(req->args[i], name, nlen) == 0 &&
		    (req->args[i][nlen] == '=' || req->args[i][nlen] == '\0'))
			return req->args[i][nlen] == '=' ?
			    req->args[i] + nlen + 1 : "";
	return NULL;
}

const struct bk_param *
bk_req_param(const struct bk_req *req, const char *name)
{
	int	i;

	for (i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return &req->params[i];
	return NULL;
}

const struct bk_form_field *
bk_req_form(const struct bk_req *req, const char *name)
{
	int	i;

	for (i = 0; i < req->form.n; i++)
		if (strcmp(req->form.fields[i].name, name) == 0)
			return &req->form.fields[i];
	return NULL;
}

const char *
bk_req_cookie(const struct bk_req *req, const char *name)
{
	const char	*p, *semi, *eq;
	size_t		 nlen = strlen(name);

	if (req->cookie == NULL)
		return NULL;
	for (p = req->cookie; *p != '\0'; p = *semi == ';' ? semi + 1 : semi) {
		while (*p == ' ')
			p++;
		semi = strchr(p, ';');
		if (semi == NULL)
			semi = p + strlen(p);
		eq = memchr(p, '=', (size_t)(semi - p));
		if (eq != NULL && (size_t)(eq - p) == nlen &&
		    strncmp(p, name, nlen) == 0)
			return bk_arena_strndup(req->arena, eq + 1,
			    (size_t)(semi - eq - 1));
	}
	return NULL;
}

static void
form_add(struct bk_arena *a, struct bk_form *form, int *cap,
    struct bk_form_field *f)
{
	struct bk_form_field	*nf;

	if (form->n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		nf = bk_arena_alloc(a, sizeof *nf * (size_t)*cap);
		if (form->n > 0)
			memcpy(nf, form->fields, sizeof *nf * (size_t)form->n);
		form->fields = nf;
	}
	form->fields[form->n++] = *f;
}

static int
form_parse_urlencoded(struct bk_arena *a, const char *body, size_t len,
    struct bk_form *form)
{
	struct bk_form_field	 f;
	const char		*p = body, *end = body + len, *amp, *eq;
	int			 cap = 0;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp > p) {
			eq = memchr(p, '=', (size_t)(amp - p));
			if (eq == NULL)
				eq = amp;
			memset(&f, 0, sizeof f);
			f.name = bk_url_decode(a, p, (size_t)(eq - p), true);
			f.value = eq == amp ? "" : bk_url_decode(a, eq + 1,
			    (size_t)(amp - eq - 1), true);
			f.len = strlen(f.value);
			form_add(a, form, &cap, &f);
		}
		p = amp + 1;
	}
	return 0;
}

/* The value of a header parameter such as boundary= or name="…". */
static char *
param_value(struct bk_arena *a, const char *hdr, size_t hlen,
    const char *key)
{
	const char	*p, *end = hdr + hlen, *v;
	size_t		 klen = strlen(key);

	for (p = hdr; p + klen < end; p++) {
		if (strncasecmp(p, key, klen) != 0 ||
		    (p > hdr && p[-1] != ' ' && p[-1] != ';' && p[-1] != '\t'))
			continue;
		p += klen;
		if (*p == '"') {
			v = ++p;
			while (p < end && *p != '"')
				p++;
			return bk_arena_strndup(a, v, (size_t)(p - v));
		}
		v = p;
		while (p < end && *p != ';' && *p != ' ' && *p != '\r')
			p++;
		return bk_arena_strndup(a, v, (size_t)(p - v));
	}
	return NULL;
}

static int
form_parse_multipart(struct bk_arena *a, const char *ctype, const char *body,
    size_t len, struct bk_form *form)
{
	struct bk_form_field	 f;
	const char		*p, *end = body + len, *hend, *next, *h, *eol;
	char			*boundary, *delim;
	size_t			 dlen;
	int			 cap = 0;

	boundary = param_value(a, ctype, strlen(ctype), "boundary=");
	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 200)
		return -1;
	delim = bk_arena_printf(a, "--%s", boundary);
	dlen = strlen(delim);
	p = memmem(body, len, delim, dlen);
	if (p == NULL)
		return -1;
	for (;;) {
		p += dlen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;		/* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (hend == NULL)
			return -1;
		memset(&f, 0, sizeof f);
		for (h = p; h < hend; h = eol + 2) {
			eol = memmem(h, (size_t)(hend + 2 - h), "\r\n", 2);
			if (eol == NULL)
				eol = hend;
			if (strncasecmp(h, "Content-Disposition:", 20) == 0) {
				f.name = param_value(a, h, (size_t)(eol - h),
				    "name=");
				f.filename = param_value(a, h,
				    (size_t)(eol - h), "filename=");
			} else if (strncasecmp(h, "Content-Type:", 13) == 0) {
				h += 13;
				while (*h == ' ')
					h++;
				f.content_type = bk_arena_strndup(a, h,
				    (size_t)(eol - h));
			}
		}
		p = hend + 4;
		next = memmem(p, (size_t)(end - p), delim, dlen);
		if (next == NULL || next - p < 2)
			return -1;
		if (f.name != NULL) {
			f.len = (size_t)(next - 2 - p);	/* drop the CRLF */
			f.value = bk_arena_strndup(a, p, f.len);
			form_add(a, form, &cap, &f);
		}
		p = next;
	}
}

int
bk_form_parse(struct bk_arena *a, const char *ctype, const char *body,
    size_t len, struct bk_form *form, struct bk_err *err)
{
	memset(form, 0, sizeof *form);
	if (ctype != NULL &&
	    strncasecmp(ctype, "multipart/form-data", 19) == 0) {
		if (form_parse_multipart(a, ctype, body, len, form) != 0)
			return bk_err_422(err, "value_error",
			    "Value error, Malformed multipart body", NULL,
			    "body", NULL);
		return 0;
	}
	return form_parse_urlencoded(a, body, len, form);
}
