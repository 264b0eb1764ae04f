/* Media (SPEC §8.16): image upload, raw or as the multipart field `file`,
 * accepted by magic bytes (JPEG, PNG, WebP) whatever type was declared and
 * stored under the SHA-256 of its bytes; and the public, immutable read. */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "config.h"
#include "db/media.h"
#include "routes/routes.h"

/* Magic bytes → stored type; WebP also needs "WEBP" at offset 8. */
static const struct {
	const char	*magic;
	size_t		 len;
	const char	*ctype;
} media_kinds[] = {
	{ "\xff\xd8\xff", 3, "image/jpeg" },
	{ "\x89PNG\r\n\x1a\n", 8, "image/png" },
	{ "RIFF", 4, "image/webp" },
};

static const char *
media_sniff(const char *data, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof media_kinds / sizeof media_kinds[0]; i++) {
		if (len < media_kinds[i].len ||
		    memcmp(data, media_kinds[i].magic, media_kinds[i].len) != 0)
			continue;
		if (strcmp(media_kinds[i].ctype, "image/webp") == 0 &&
		    (len < 12 || memcmp(data + 8, "WEBP", 4) != 0))
			continue;
		return media_kinds[i].ctype;
	}
	return NULL;
}

/* The uploaded bytes: the multipart field `file`, else the raw body. */
static int
media_bytes(const struct bk_req *req, const char **data, size_t *len,
    struct bk_err *err)
{
	struct bk_form	form;
	int		i;

	*data = req->body != NULL ? req->body : "";
	*len = req->body_len;
	if (req->content_type == NULL || strncasecmp(req->content_type,
	    "multipart/form-data", 19) != 0)
		return 0;
	if (bk_form_parse(req->arena, req->content_type, req->body,
	    req->body_len, &form, err) != 0)
		return -1;
	for (i = 0; i < form.n; i++)
		if (strcmp(form.fields[i].name, "file") == 0) {
			*data = form.fields[i].value;
			*len = form.fields[i].len;
			return 0;
		}
	return bk_err_422(err, "missing", "Field required", NULL, "body",
	    "file", NULL);
}

static char *
media_hash(struct bk_arena *a, const char *data, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 n = 0, i;
	char			*out;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	out = bk_arena_alloc(a, 2 * n + 1);
	for (i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0x0f];
	}
	out[2 * n] = '\0';
	return out;
}

/* POST /api/v1/media: 201 when stored, 200 when the bytes were known. */
int
bk_media_upload(const struct bk_req *req, struct bk_db *db,
    struct bk_res *res)
{
	const char	*data, *ctype, *id;
	size_t		 len;
	bool		 created;
	cJSON		*o;

	if (media_bytes(req, &data, &len, &res->err) != 0)
		return bk_fail_err(res);
	if (len > (size_t)bk_cfg.media_max_bytes)
		return bk_fail(res, 413, "Request body too large.");
	ctype = media_sniff(data, len);
	if (ctype == NULL)
		return bk_fail(res, 415, "Unsupported image type.");
	id = media_hash(req->arena, data, len);
	if (bk_db_media_put(db, id, ctype, data, len, req->auth.user_id,
	    &created, &res->err) != 0)
		return bk_fail_err(res);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "url", bk_arena_printf(req->arena, "%s%s",
	    BK_MEDIA_URL_PREFIX, id));
	cJSON_AddStringToObject(o, "content_type", ctype);
	cJSON_AddNumberToObject(o, "size_bytes", (double)len);
	return bk_reply(res, created ? 201 : 200, o);
}

static bool
media_id_ok(const char *id)
{
	size_t	i;

	for (i = 0; id[i] != '\0'; i++)
		if (!((id[i] >= '0' && id[i] <= '9') ||
		    (id[i] >= 'a' && id[i] <= 'f')))
			return false;
	return i == 64;
}

/* GET /api/v1/media/{media_id}: the bytes, cacheable for a year (the id
 * is the content's hash, so it never changes). */
int
bk_media_get(const struct bk_req *req, struct bk_db *db, struct bk_res *res)
{
	const struct bk_param	*id = bk_req_param(req, "media_id");
	const char		*ctype, *data, *etag;
	size_t			 len;

	if (!media_id_ok(id->value))
		return bk_fail(res, 404, "Media not found.");
	if (bk_db_media_get(db, req->arena, id->value, &ctype, &data, &len,
	    &res->err) != 0)
		return bk_fail_err(res);
	etag = bk_arena_printf(req->arena, "\"%s\"", id->value);
	bk_res_header(res, "Cache-Control",
	    "public, max-age=31536000, immutable");
	bk_res_header(res, "Content-Disposition", "inline");
	bk_res_header(res, "ETag", etag);
	/* the id is the content's hash: a matching tag never goes stale */
	if (req->if_none_match != NULL &&
	    strstr(req->if_none_match, id->value) != NULL) {
		res->status = 304;
		return 304;
	}
	res->body = data;
	res->body_len = len;
	res->content_type = ctype;
	res->status = 200;
	return 200;
}
