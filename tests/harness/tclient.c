/* libcurl client for the API tests; see tclient.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libpq-fe.h>

#include "tclient.h"

struct buf {
	char	*p;
	size_t	 len;
};

static size_t
buf_write(char *data, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;
	size_t		 add = size * n;
	char		*np;

	np = realloc(b->p, b->len + add + 1);
	if (np == NULL)
		return 0;
	b->p = np;
	memcpy(b->p + b->len, data, add);
	b->len += add;
	b->p[b->len] = '\0';
	return add;
}

const char *
tc_base(void)
{
	const char	*u = getenv("REVCARE_TEST_URL");

	if (u == NULL || *u == '\0') {
		fprintf(stderr, "REVCARE_TEST_URL is not set: run the tests "
		    "with scripts/revcare test (tests/harness/run-all)\n");
		exit(1);
	}
	return u;
}

const char *
tc_pgurl(void)
{
	const char	*u = getenv("REVCARE_TEST_PGURL");

	if (u == NULL || *u == '\0') {
		fprintf(stderr, "REVCARE_TEST_PGURL is not set\n");
		exit(1);
	}
	return u;
}

/* The "sub" and "role" claims of a JWT (no verification: test side). */
static int
token_subject(const char *tok, char *sub, size_t len, int *role)
{
	const char	*dot = strchr(tok, '.'), *end;
	char		 b64[4096], json[4096];
	size_t		 n, i, o = 0;
	unsigned int	 v = 0;
	int		 bits = 0, c;
	cJSON		*doc, *s, *r;
	static const char *alpha =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	if (dot == NULL || (end = strchr(dot + 1, '.')) == NULL)
		return -1;
	n = (size_t)(end - dot - 1);
	if (n >= sizeof b64)
		return -1;
	memcpy(b64, dot + 1, n);
	for (i = 0; i < n && o < sizeof json - 1; i++) {
		const char *q = strchr(alpha, b64[i]);

		if (q == NULL)
			return -1;
		c = (int)(q - alpha);
		v = (v << 6) | (unsigned)c;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			json[o++] = (char)((v >> bits) & 0xff);
		}
	}
	json[o] = '\0';
	doc = cJSON_Parse(json);
	s = cJSON_GetObjectItem(doc, "sub");
	r = cJSON_GetObjectItem(doc, "role");
	if (!cJSON_IsString(s) || !cJSON_IsNumber(r)) {
		cJSON_Delete(doc);
		return -1;
	}
	snprintf(sub, len, "%s", s->valuestring);
	*role = r->valueint;
	cJSON_Delete(doc);
	return 0;
}

/*
 * The response scanner: no answer may carry a key named like a secret, and
 * a customer may never see another customer's phone or e-mail. A finding
 * aborts the test program, so every API test enforces it.
 */
static void
scan_json(const cJSON *v, const char *caller, int role, const char *where)
{
	const cJSON	*it;
	char		 sql[512], *hit;

	for (it = v != NULL ? v->child : NULL; it != NULL; it = it->next) {
		if (it->string != NULL &&
		    (strcasecmp(it->string, "password") == 0 ||
		    strcasecmp(it->string, "hash") == 0 ||
		    strcasecmp(it->string, "secret") == 0 ||
		    strcasecmp(it->string, "password_hash") == 0)) {
			fprintf(stderr, "scanner: key '%s' in the answer to "
			    "%s\n", it->string, where);
			abort();
		}
		if (role == 3 && it->string != NULL &&
		    ((strcmp(it->string, "phone") == 0 && cJSON_IsNumber(it)) ||
		    (strcmp(it->string, "email") == 0 && cJSON_IsString(it)))) {
			if (cJSON_IsNumber(it))
				snprintf(sql, sizeof sql, "SELECT u.id FROM"
				    " users u WHERE u.role_id = 3 AND u.phone ="
				    " %.0f AND u.id <> '%s' LIMIT 1",
				    it->valuedouble, caller);
			else
				snprintf(sql, sizeof sql, "SELECT c.id FROM"
				    " customers c WHERE lower(c.email) ="
				    " lower($$%.200s$$) AND c.id <> '%s'"
				    " LIMIT 1", it->valuestring, caller);
			hit = tc_sql(sql);
			if (hit != NULL) {
				fprintf(stderr, "scanner: %s sees %s's %s in"
				    " the answer to %s\n", caller, hit,
				    it->string, where);
				abort();
			}
		}
		if (cJSON_IsObject(it) || cJSON_IsArray(it))
			scan_json(it, caller, role, where);
	}
}

static const char *
tc_client_ip(void)
{
	static char	hdr[64];

	if (hdr[0] == '\0')
		snprintf(hdr, sizeof hdr, "X-Forwarded-For: 198.18.%d.%d",
		    (int)(getpid() / 250 % 250), (int)(getpid() % 250 + 1));
	return hdr;
}

int
tc_request(const char *method, const char *path, const char *body,
    const struct tc_opt *opt, struct tc_resp *r)
{
	struct tc_opt		 none = { 0 };
	struct curl_slist	*h = NULL;
	struct buf		 b = { 0 }, hb = { 0 };
	CURL			*c;
	char			*url, *line;
	CURLcode		 cc;
	char			*p;

	if (opt == NULL)
		opt = &none;
	memset(r, 0, sizeof *r);
	if (asprintf(&url, "%s%s", opt->base != NULL ? opt->base : tc_base(),
	    path) < 0)
		return -1;
	c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, buf_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, buf_write);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hb);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	h = curl_slist_append(h, "Expect:");
	/* each test program is its own client address (the harness trusts
	 * loopback as a proxy), so IP throttles of one test never lock out
	 * another */
	h = curl_slist_append(h, tc_client_ip());
	if (opt->ctype != NULL) {
		asprintf(&line, "Content-Type: %s", opt->ctype);
		h = curl_slist_append(h, line);
		free(line);
	} else if (body != NULL)
		h = curl_slist_append(h, "Content-Type:");
	if (opt->token != NULL) {
		asprintf(&line, "Authorization: Bearer %s", opt->token);
		h = curl_slist_append(h, line);
		free(line);
	}
	if (opt->cookie != NULL) {
		asprintf(&line, "Cookie: %s", opt->cookie);
		h = curl_slist_append(h, line);
		free(line);
	}
	if (opt->origin != NULL) {
		asprintf(&line, "Origin: %s", opt->origin);
		h = curl_slist_append(h, line);
		free(line);
	}
	if (opt->extra != NULL)
		h = curl_slist_append(h, opt->extra);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(url);
	if (cc != CURLE_OK) {
		free(b.p);
		free(hb.p);
		return -1;
	}
	r->body = b.p != NULL ? b.p : strdup("");
	r->len = b.len;
	r->headers = hb.p != NULL ? hb.p : strdup("");
	for (p = r->headers; *p != '\0'; p++) {
		/* lower-case each header name */
		if (p == r->headers || p[-1] == '\n')
			for (; *p != '\0' && *p != ':' && *p != '\n'; p++)
				*p = (char)tolower((unsigned char)*p);
		if (*p == '\0')
			break;
	}
	r->json = cJSON_ParseWithLength(r->body, r->len);
	if (r->json != NULL) {
		char	sub[32] = "", where[512];
		int	role = 0;

		if (opt->token != NULL)
			token_subject(opt->token, sub, sizeof sub, &role);
		snprintf(where, sizeof where, "%s %s", method, path);
		scan_json(r->json, sub, role, where);
	}
	return 0;
}

void
tc_resp_free(struct tc_resp *r)
{
	free(r->body);
	free(r->headers);
	cJSON_Delete(r->json);
	memset(r, 0, sizeof *r);
}

char *
tc_header(const struct tc_resp *r, const char *name)
{
	char		*needle, *p, *e;
	size_t		 n;

	if (asprintf(&needle, "\n%s:", name) < 0)
		return NULL;
	p = strstr(r->headers, needle);
	n = strlen(needle);
	free(needle);
	if (p == NULL)
		return NULL;
	p += n;
	while (*p == ' ')
		p++;
	e = strpbrk(p, "\r\n");
	return strndup(p, e != NULL ? (size_t)(e - p) : strlen(p));
}

char *
tc_cookie(const struct tc_resp *r, const char *name)
{
	char	*v, *eq, *semi, *out;

	v = tc_header(r, "set-cookie");
	if (v == NULL)
		return NULL;
	eq = strchr(v, '=');
	if (eq == NULL || (size_t)(eq - v) != strlen(name) ||
	    strncmp(v, name, strlen(name)) != 0) {
		free(v);
		return NULL;
	}
	semi = strchr(eq, ';');
	out = strndup(eq + 1, semi != NULL ? (size_t)(semi - eq - 1) :
	    strlen(eq + 1));
	free(v);
	return out;
}

char *
tc_login(const char *phone, const char *password, char **refresh)
{
	struct tc_resp	 r;
	struct tc_opt	 o = { .ctype = "application/x-www-form-urlencoded" };
	char		*body, *tok = NULL;
	CURL		*c = curl_easy_init();
	char		*ep;
	const cJSON	*t;

	ep = curl_easy_escape(c, password, 0);
	asprintf(&body, "username=%s&password=%s", phone, ep);
	curl_free(ep);
	curl_easy_cleanup(c);
	if (refresh != NULL)
		*refresh = NULL;
	if (tc_request("POST", "/api/v1/auth/login", body, &o, &r) == 0 &&
	    r.status == 200) {
		t = cJSON_GetObjectItemCaseSensitive(r.json, "access_token");
		if (cJSON_IsString(t))
			tok = strdup(t->valuestring);
		if (refresh != NULL)
			*refresh = tc_cookie(&r, "refresh_token");
	}
	free(body);
	tc_resp_free(&r);
	return tok;
}

const char *
tc_detail(const struct tc_resp *r)
{
	const cJSON	*d = cJSON_GetObjectItemCaseSensitive(r->json,
	    "detail");

	return cJSON_IsString(d) ? d->valuestring : NULL;
}

char *
tc_sql(const char *sql)
{
	PGconn		*pg;
	PGresult	*res;
	char		*out = NULL;

	pg = PQconnectdb(tc_pgurl());
	if (PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "tc_sql: %s", PQerrorMessage(pg));
		PQfinish(pg);
		return NULL;
	}
	res = PQexec(pg, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 &&
	    !PQgetisnull(res, 0, 0))
		out = strdup(PQgetvalue(res, 0, 0));
	else if (PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_COMMAND_OK)
		fprintf(stderr, "tc_sql: %s", PQresultErrorMessage(res));
	PQclear(res);
	PQfinish(pg);
	return out;
}

long
tc_unique_phone(void)
{
	static long	 next;

	if (next == 0) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		/* 7xxxxxxxxx, spread by pid and time so runs don't collide */
		next = 7000000000L + ((long)getpid() * 7919L +
		    ts.tv_nsec / 1000L) % 900000000L;
	}
	return next++;
}
