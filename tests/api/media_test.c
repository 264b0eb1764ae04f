/* Media against the real server: JPEG, PNG and WebP uploads (raw and
 * multipart) recognised by their bytes, 415 for anything else, 413 over
 * MEDIA_MAX_BYTES, one row per content hash, and the public read with its
 * caching headers. The bytes carry a per-run marker so reruns on the same
 * database still create new rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <openssl/evp.h>

#include "fixtures.h"

#define MEDIA_MAX_DEFAULT	5242880

static char	*admin, *customer, *mechanic;

static int
setup(void **state)
{
	admin = tc_login(TC_ADMIN_PHONE, TC_PASSWORD, NULL);
	customer = tc_login(TC_CUSTOMER_PHONE, TC_PASSWORD, NULL);
	mechanic = tc_login(TC_MECHANIC_PHONE, TC_PASSWORD, NULL);
	return admin != NULL && customer != NULL && mechanic != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	free(admin);
	free(customer);
	free(mechanic);
	return 0;
}

struct blob {
	char	*p;
	size_t	 len;
};

static size_t
blob_write(char *data, size_t size, size_t n, void *arg)
{
	struct blob	*b = arg;
	size_t		 add = size * n;

	b->p = realloc(b->p, b->len + add + 1);
	memcpy(b->p + b->len, data, add);
	b->len += add;
	b->p[b->len] = '\0';
	return add;
}

/*
 * POST /api/v1/media with the bytes as the body (multipart == false, with
 * Content-Type ctype) or as the multipart field `field` named filename.
 * Returns the status; *json is the parsed answer (caller deletes).
 */
static long
upload(const char *token, const char *data, size_t len, bool multipart,
    const char *field, const char *filename, const char *ctype, cJSON **json)
{
	struct curl_slist	*h = NULL;
	struct blob		 b = { 0 };
	curl_mime		*mime = NULL;
	curl_mimepart		*part;
	CURL			*c = curl_easy_init();
	char			 url[512], line[4096];
	long			 status = 0;

	snprintf(url, sizeof url, "%s/api/v1/media", tc_base());
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, blob_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	h = curl_slist_append(h, "Expect:");
	if (token != NULL) {
		snprintf(line, sizeof line, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, line);
	}
	if (multipart) {
		mime = curl_mime_init(c);
		part = curl_mime_addpart(mime);
		curl_mime_name(part, field);
		curl_mime_data(part, data, len);
		curl_mime_filename(part, filename);
		curl_mime_type(part, ctype);
		curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	} else {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, data);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
		snprintf(line, sizeof line, "Content-Type: %s", ctype);
		h = curl_slist_append(h, line);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_mime_free(mime);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	*json = b.p != NULL ? cJSON_ParseWithLength(b.p, b.len) : NULL;
	free(b.p);
	return status;
}

/* An image-looking blob: magic bytes, then a unique marker, then every
 * byte value (NULs included). */
static char *
image(const char *magic, size_t mlen, size_t total, size_t *len)
{
	char	*p = calloc(1, total), marker[32];
	size_t	 i, n;

	memcpy(p, magic, mlen);
	n = (size_t)snprintf(marker, sizeof marker, "#%ld#", tc_unique_phone());
	memcpy(p + mlen, marker, n);
	for (i = mlen + n; i < total; i++)
		p[i] = (char)(i & 0xff);
	*len = total;
	return p;
}

static char *
webp(size_t *len)
{
	char	*p = image("RIFF\x10\x00\x00\x00WEBPVP8 ", 16, 300, len);

	return p;
}

static void
sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	n, i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
}

static const char *
detail(const cJSON *j)
{
	return tc_jstr(j, "detail");
}

static void
png_raw_upload_is_201_then_200_with_the_same_id(void **state)
{
	cJSON	*j;
	char	*p, id[65], url[128];
	size_t	 len;

	p = image("\x89PNG\r\n\x1a\n", 8, 1000, &len);
	sha256_hex(p, len, id);
	assert_int_equal(upload(admin, p, len, false, NULL, NULL, "image/png",
	    &j), 201);
	assert_string_equal(tc_jstr(j, "id"), id);
	snprintf(url, sizeof url, "/api/v1/media/%s", id);
	assert_string_equal(tc_jstr(j, "url"), url);
	assert_string_equal(tc_jstr(j, "content_type"), "image/png");
	assert_int_equal(cJSON_GetObjectItem(j, "size_bytes")->valuedouble,
	    1000);
	cJSON_Delete(j);
	assert_int_equal(tc_sql_long("SELECT size_bytes FROM media WHERE id ="
	    " '%s' AND uploaded_by = 'ADM000001' AND octet_length(data) = 1000",
	    id), 1000);
	/* the same bytes again, as multipart by someone else: same id */
	assert_int_equal(upload(customer, p, len, true, "file", "again.png",
	    "image/png", &j), 200);
	assert_string_equal(tc_jstr(j, "id"), id);
	cJSON_Delete(j);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM media WHERE id ="
	    " '%s'", id), 1);
	free(p);
}

static void
jpeg_multipart_upload_is_stored_as_jpeg(void **state)
{
	cJSON	*j;
	char	*p, id[65];
	size_t	 len;

	p = image("\xff\xd8\xff\xe0", 4, 2048, &len);
	sha256_hex(p, len, id);
	assert_int_equal(upload(mechanic, p, len, true, "file", "photo.jpg",
	    "application/octet-stream", &j), 201);
	assert_string_equal(tc_jstr(j, "content_type"), "image/jpeg");
	assert_string_equal(tc_jstr(j, "id"), id);
	cJSON_Delete(j);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM media WHERE id ="
	    " '%s' AND content_type = 'image/jpeg' AND uploaded_by ="
	    " 'MEC000001'", id), 1);
	free(p);
}

static void
webp_is_accepted_raw_and_multipart(void **state)
{
	cJSON	*j;
	char	*p, *q;
	size_t	 len, qlen;

	p = webp(&len);
	assert_int_equal(upload(customer, p, len, false, NULL, NULL,
	    "image/jpeg", &j), 201);
	assert_string_equal(tc_jstr(j, "content_type"), "image/webp");
	cJSON_Delete(j);
	q = webp(&qlen);
	assert_int_equal(upload(customer, q, qlen, true, "file", "w.webp",
	    "image/webp", &j), 201);
	assert_string_equal(tc_jstr(j, "content_type"), "image/webp");
	cJSON_Delete(j);
	free(p);
	free(q);
}

static void
text_named_png_is_415(void **state)
{
	static const char	 text[] = "hello, I am not a picture\n";
	char			*riff, id[65];
	cJSON			*j;
	size_t			 len;

	assert_int_equal(upload(admin, text, sizeof text - 1, true, "file",
	    "fake.png", "image/png", &j), 415);
	assert_string_equal(detail(j), "Unsupported image type.");
	cJSON_Delete(j);
	assert_int_equal(upload(admin, text, sizeof text - 1, false, NULL,
	    NULL, "image/png", &j), 415);
	assert_string_equal(detail(j), "Unsupported image type.");
	cJSON_Delete(j);
	/* RIFF without WEBP (a WAV, say) is not an image either */
	riff = image("RIFF\x10\x00\x00\x00WAVEfmt ", 16, 100, &len);
	assert_int_equal(upload(admin, riff, len, false, NULL, NULL,
	    "image/webp", &j), 415);
	cJSON_Delete(j);
	free(riff);
	assert_int_equal(upload(admin, "", 0, false, NULL, NULL, "image/png",
	    &j), 415);
	cJSON_Delete(j);
	sha256_hex(text, sizeof text - 1, id);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM media WHERE id ="
	    " '%s'", id), 0);
}

static void
oversize_upload_is_413(void **state)
{
	const char	*env = getenv("MEDIA_MAX_BYTES");
	size_t		 max = env != NULL ? strtoul(env, NULL, 10) :
			    MEDIA_MAX_DEFAULT, len;
	char		*p, id[65];
	cJSON		*j;

	p = image("\x89PNG\r\n\x1a\n", 8, max + 1, &len);
	sha256_hex(p, len, id);
	assert_int_equal(upload(admin, p, len, false, NULL, NULL, "image/png",
	    &j), 413);
	assert_string_equal(detail(j), "Request body too large.");
	cJSON_Delete(j);
	assert_int_equal(upload(admin, p, len, true, "file", "big.png",
	    "image/png", &j), 413);
	cJSON_Delete(j);
	assert_int_equal(tc_sql_long("SELECT count(*) FROM media WHERE id ="
	    " '%s'", id), 0);
	/* exactly the limit is fine */
	free(p);
	p = image("\x89PNG\r\n\x1a\n", 8, max, &len);
	assert_int_equal(upload(admin, p, len, false, NULL, NULL, "image/png",
	    &j), 201);
	cJSON_Delete(j);
	free(p);
}

static void
get_returns_identical_bytes_and_headers(void **state)
{
	struct tc_resp	 r;
	cJSON		*j;
	char		*p, id[65], path[128], etag[80], *h;
	size_t		 len;

	p = image("\x89PNG\r\n\x1a\n", 8, 4096, &len);
	sha256_hex(p, len, id);
	assert_int_equal(upload(admin, p, len, false, NULL, NULL,
	    "application/octet-stream", &j), 201);
	cJSON_Delete(j);
	snprintf(path, sizeof path, "/api/v1/media/%s", id);
	assert_int_equal(tc_request("GET", path, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, p, len);
	h = tc_header(&r, "content-type");
	assert_string_equal(h, "image/png");
	free(h);
	h = tc_header(&r, "cache-control");
	assert_string_equal(h, "public, max-age=31536000, immutable");
	free(h);
	h = tc_header(&r, "content-disposition");
	assert_string_equal(h, "inline");
	free(h);
	h = tc_header(&r, "x-content-type-options");
	assert_string_equal(h, "nosniff");
	free(h);
	snprintf(etag, sizeof etag, "\"%s\"", id);
	h = tc_header(&r, "etag");
	assert_string_equal(h, etag);
	free(h);
	tc_resp_free(&r);
	/* a client holding the tag gets 304 and no bytes */
	{
		struct tc_opt	o = { 0 };
		char		hdr[128];

		snprintf(hdr, sizeof hdr, "If-None-Match: %s", etag);
		o.extra = hdr;
		assert_int_equal(tc_request("GET", path, NULL, &o, &r), 0);
		assert_int_equal(r.status, 304);
		assert_int_equal(r.len, 0);
		tc_resp_free(&r);
	}
	free(p);
}

static void
unknown_media_is_404(void **state)
{
	struct tc_resp	r;

	assert_int_equal(tc_request("GET", "/api/v1/media/"
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    NULL, NULL, &r), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(tc_detail(&r), "Media not found.");
	tc_resp_free(&r);
	assert_int_equal(tc_request("GET", "/api/v1/media/not-a-hash", NULL,
	    NULL, &r), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(tc_detail(&r), "Media not found.");
	tc_resp_free(&r);
}

static void
upload_needs_a_token_and_a_file_field(void **state)
{
	cJSON	*j;
	char	*p;
	size_t	 len;

	p = image("\x89PNG\r\n\x1a\n", 8, 100, &len);
	assert_int_equal(upload(NULL, p, len, false, NULL, NULL, "image/png",
	    &j), 401);
	cJSON_Delete(j);
	assert_int_equal(upload(admin, p, len, true, "picture", "x.png",
	    "image/png", &j), 422);
	assert_string_equal(tc_jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(j,
	    "detail"), 0), "type"), "missing");
	cJSON_Delete(j);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    png_raw_upload_is_201_then_200_with_the_same_id),
		cmocka_unit_test(jpeg_multipart_upload_is_stored_as_jpeg),
		cmocka_unit_test(webp_is_accepted_raw_and_multipart),
		cmocka_unit_test(text_named_png_is_415),
		cmocka_unit_test(oversize_upload_is_413),
		cmocka_unit_test(get_returns_identical_bytes_and_headers),
		cmocka_unit_test(unknown_media_is_404),
		cmocka_unit_test(upload_needs_a_token_and_a_file_field),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
