/* Root and operations: welcome, liveness, readiness, and the endpoint
 * list (/docs, /openapi.json) generated from the route table. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "docstore.h"
#include "router.h"
#include "routes/routes.h"

long	bk_started_at;

int
bk_ops_root(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "message", "Welcome to revcare API");
	return bk_reply(res, 200, o);
}

int
bk_ops_health(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "status", "ok");
	cJSON_AddStringToObject(o, "version", REVCARE_VERSION);
	cJSON_AddNumberToObject(o, "uptime_s",
	    (double)(time(NULL) - bk_started_at));
	return bk_reply(res, 200, o);
}

/* PostgreSQL answers SELECT 1 within 2 s; the document store pings. */
int
bk_ops_ready(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	struct bk_err	 e = { 0 };
	cJSON		*o = cJSON_CreateObject();
	bool		 pg_ok = false, ds_ok = false;

	if (bk_db_ensure(db) == 0 &&
	    bk_db_exec(db, "SET statement_timeout = 2000", 0, NULL, &e) == 0 &&
	    bk_db_exec(db, "SELECT 1", 0, NULL, &e) == 0) {
		pg_ok = true;
		bk_db_exec(db, "RESET statement_timeout", 0, NULL, &e);
	}
	bk_err_cleanup(&e);
	if (pg_ok && db->docs != NULL && bk_docstore_ping(db->docs, &e) == 0)
		ds_ok = true;
	bk_err_cleanup(&e);
	cJSON_AddStringToObject(o, "status", pg_ok && ds_ok ? "ready" :
	    "not ready");
	cJSON_AddStringToObject(o, "postgresql", pg_ok ? "ok" : "error");
	cJSON_AddStringToObject(o, "docstore", ds_ok ? "ok" : "error");
	return bk_reply(res, pg_ok && ds_ok ? 200 : 503, o);
}

static const char *
ops_scopes(struct bk_arena *a, const struct bk_route *r)
{
	char	*s = "";
	int	 i;

	if (r->flags & BK_ROUTE_PUBLIC)
		return "public";
	for (i = 0; i < BK_ROUTE_MAX_SCOPES && r->scopes[i] != 0; i++)
		s = bk_arena_printf(a, "%s%s%s", s, i > 0 ? " + " : "",
		    proto_scope_name(r->scopes[i] - 1));
	return s;
}

/* Minimal HTML escaping for the table cells. */
static const char *
ops_html(struct bk_arena *a, const char *s)
{
	char	*out, *o;

	out = o = bk_arena_alloc(a, strlen(s) * 5 + 1);
	for (; *s != '\0'; s++) {
		if (*s == '<')
			o = stpcpy(o, "&lt;");
		else if (*s == '>')
			o = stpcpy(o, "&gt;");
		else if (*s == '&')
			o = stpcpy(o, "&amp;");
		else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

int
bk_ops_docs(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const struct bk_route	*r;
	char			*html;
	size_t			 i;

	html = bk_arena_printf(req->arena, "<!doctype html>\n<html><head>"
	    "<meta charset=\"utf-8\"><title>RevCare API</title><style>"
	    "body{font-family:sans-serif;margin:2em}table{border-collapse:"
	    "collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
	    "text-align:left}code{font-size:95%%}</style></head><body>"
	    "<h1>RevCare API %s</h1><p>Machine-readable: "
	    "<a href=\"/openapi.json\">/openapi.json</a></p><table><tr>"
	    "<th>Method</th><th>Path</th><th>Scope</th><th>What it does</th>"
	    "</tr>\n", REVCARE_VERSION);
	for (i = 0; i < bk_route_count; i++) {
		r = &bk_route_table[i];
		html = bk_arena_printf(req->arena, "%s<tr><td>%s</td><td><code>"
		    "%s</code></td><td>%s</td><td>%s</td></tr>\n", html,
		    bk_method_name(r->method), ops_html(req->arena, r->pattern),
		    ops_scopes(req->arena, r),
		    ops_html(req->arena, r->summary != NULL ? r->summary : ""));
	}
	html = bk_arena_printf(req->arena, "%s</table></body></html>\n", html);
	res->body = html;
	res->body_len = strlen(html);
	res->content_type = "text/html; charset=utf-8";
	res->status = 200;
	bk_res_header(res, "content-security-policy", "default-src 'none'; "
	    "style-src 'unsafe-inline'");
	return 200;
}

static void
openapi_params(cJSON *op, const char *pattern)
{
	cJSON		*params = NULL, *p, *schema;
	const char	*s, *e;
	char		 name[64];
	size_t		 n;
	bool		 is_int;

	for (s = strchr(pattern, '{'); s != NULL; s = strchr(e, '{')) {
		e = strchr(s, '}');
		if (e == NULL)
			break;
		n = (size_t)(e - s - 1);
		if (n >= sizeof name)
			n = sizeof name - 1;
		memcpy(name, s + 1, n);
		name[n] = '\0';
		is_int = strstr(name, ":int") != NULL;
		name[strcspn(name, ":")] = '\0';
		if (params == NULL)
			params = cJSON_AddArrayToObject(op, "parameters");
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "name", name);
		cJSON_AddStringToObject(p, "in", "path");
		cJSON_AddBoolToObject(p, "required", 1);
		schema = cJSON_AddObjectToObject(p, "schema");
		cJSON_AddStringToObject(schema, "type", is_int ? "integer" :
		    "string");
		cJSON_AddItemToArray(params, p);
	}
}

/* The pattern with {x:int} written as {x}. */
static char *
openapi_path(struct bk_arena *a, const char *pattern)
{
	char	*out = bk_arena_strdup(a, pattern), *c, *close;

	while ((c = strstr(out, ":int}")) != NULL) {
		close = c + 4;
		memmove(c, close, strlen(close) + 1);
	}
	return out;
}

int
bk_ops_openapi(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const struct bk_route	*r;
	cJSON			*doc, *info, *paths, *item, *op, *sec, *scopes;
	cJSON			*comp, *schemes, *bearer;
	char			*path, method[8];
	size_t			 i;
	int			 j;

	doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "openapi", "3.1.0");
	info = cJSON_AddObjectToObject(doc, "info");
	cJSON_AddStringToObject(info, "title", "RevCare API");
	cJSON_AddStringToObject(info, "version", REVCARE_VERSION);
	paths = cJSON_AddObjectToObject(doc, "paths");
	for (i = 0; i < bk_route_count; i++) {
		r = &bk_route_table[i];
		path = openapi_path(req->arena, r->pattern);
		item = cJSON_GetObjectItemCaseSensitive(paths, path);
		if (item == NULL)
			item = cJSON_AddObjectToObject(paths, path);
		for (j = 0; bk_method_name(r->method)[j] != '\0' && j < 7; j++)
			method[j] = (char)(bk_method_name(r->method)[j] + 32);
		method[j] = '\0';
		op = cJSON_AddObjectToObject(item, method);
		cJSON_AddStringToObject(op, "summary", r->summary != NULL ?
		    r->summary : "");
		openapi_params(op, r->pattern);
		if (!(r->flags & BK_ROUTE_PUBLIC)) {
			sec = cJSON_AddArrayToObject(op, "security");
			scopes = cJSON_CreateObject();
			cJSON_AddItemToArray(sec, scopes);
			scopes = cJSON_AddArrayToObject(scopes, "bearer");
			for (j = 0; j < BK_ROUTE_MAX_SCOPES &&
			    r->scopes[j] != 0; j++)
				cJSON_AddItemToArray(scopes, cJSON_CreateString(
				    proto_scope_name(r->scopes[j] - 1)));
		}
	}
	comp = cJSON_AddObjectToObject(doc, "components");
	schemes = cJSON_AddObjectToObject(comp, "securitySchemes");
	bearer = cJSON_AddObjectToObject(schemes, "bearer");
	cJSON_AddStringToObject(bearer, "type", "http");
	cJSON_AddStringToObject(bearer, "scheme", "bearer");
	cJSON_AddStringToObject(bearer, "bearerFormat", "JWT");
	return bk_reply(res, 200, doc);
}
