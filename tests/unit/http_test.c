/* Request decoding: forms, query strings, cookies, JSON bodies and the
 * 422 body shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http.h"
#include "validate.h"

static struct bk_arena	arena;

static int
setup(void **state)
{
	bk_arena_init(&arena);
	return 0;
}

static int
teardown(void **state)
{
	bk_arena_cleanup(&arena);
	return 0;
}

static void
urlencoded_form_is_decoded(void **state)
{
	struct bk_form	f;
	struct bk_err	e = { 0 };
	const char	*body = "username=9841385379&password=Sk%2B1+2%21&x";

	assert_int_equal(bk_form_parse(&arena,
	    "application/x-www-form-urlencoded", body, strlen(body), &f, &e),
	    0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.fields[0].name, "username");
	assert_string_equal(f.fields[0].value, "9841385379");
	assert_string_equal(f.fields[1].value, "Sk+1 2!");
	assert_string_equal(f.fields[2].name, "x");
	assert_string_equal(f.fields[2].value, "");
}

static void
multipart_form_is_decoded(void **state)
{
	struct bk_form	f;
	struct bk_err	e = { 0 };
	const char	*body = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"username\"\r\n\r\n9841385379\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
	    "\x89PNG\r\n--XyZ--\r\n";

	assert_int_equal(bk_form_parse(&arena,
	    "multipart/form-data; boundary=XyZ", body, strlen(body), &f, &e),
	    0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.fields[0].value, "9841385379");
	assert_string_equal(f.fields[1].filename, "a.png");
	assert_string_equal(f.fields[1].content_type, "image/png");
	assert_int_equal(f.fields[1].len, 4);
}

static void
broken_multipart_is_422(void **state)
{
	struct bk_form	f;
	struct bk_err	e = { 0 };
	const char	*body = "--XyZ\r\nno end";

	assert_int_equal(bk_form_parse(&arena,
	    "multipart/form-data; boundary=XyZ", body, strlen(body), &f, &e),
	    -1);
	assert_int_equal(e.status, 422);
	bk_err_cleanup(&e);
}

static void
query_and_cookie_lookups(void **state)
{
	static const char *args[] = { "limit=10", "q=a b&c", "flag",
	    "sort=-name" };
	struct bk_req	req = { 0 };

	req.arena = &arena;
	req.args = args;
	req.nargs = 4;
	req.cookie = "theme=dark; refresh_token=abc.def; x=1";
	assert_string_equal(bk_req_query(&req, "limit"), "10");
	assert_string_equal(bk_req_query(&req, "q"), "a b&c");
	assert_null(bk_req_query(&req, "fla"));
	assert_string_equal(bk_req_query(&req, "flag"), "");
	assert_null(bk_req_query(&req, "offset"));
	assert_string_equal(bk_req_cookie(&req, "refresh_token"), "abc.def");
	assert_null(bk_req_cookie(&req, "refresh"));
}

static void
duplicate_json_key_is_422(void **state)
{
	struct bk_err	 e = { 0 };
	cJSON		*doc, *body, *item;
	const char	*s = "{\"a\":1,\"b\":{\"c\":1,\"c\":2}}";

	assert_int_equal(bk_json_parse(&arena, s, strlen(s), &doc, &e), -1);
	assert_null(doc);
	body = bk_err_body(&e);
	item = cJSON_GetArrayItem(cJSON_GetObjectItem(body, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(item, "msg")->valuestring,
	    "Value error, Duplicate key 'c'");
	assert_string_equal(cJSON_GetObjectItem(item, "type")->valuestring,
	    "value_error");
	cJSON_Delete(body);
	bk_err_cleanup(&e);
}

static void
invalid_json_is_json_invalid_at_its_offset(void **state)
{
	struct bk_err	 e = { 0 };
	cJSON		*doc, *body, *item, *loc;
	const char	*s = "{\"a\": tru}";

	assert_int_equal(bk_json_parse(&arena, s, strlen(s), &doc, &e), -1);
	body = bk_err_body(&e);
	item = cJSON_GetArrayItem(cJSON_GetObjectItem(body, "detail"), 0);
	assert_string_equal(cJSON_GetObjectItem(item, "type")->valuestring,
	    "json_invalid");
	loc = cJSON_GetObjectItem(item, "loc");
	assert_string_equal(cJSON_GetArrayItem(loc, 0)->valuestring, "body");
	assert_true(cJSON_IsNumber(cJSON_GetArrayItem(loc, 1)));
	cJSON_Delete(body);
	bk_err_cleanup(&e);
}

static void
deep_json_is_refused(void **state)
{
	struct bk_err	 e = { 0 };
	cJSON		*doc;
	char		 s[200];
	int		 i;

	for (i = 0; i < 40; i++)
		s[i] = '[';
	for (i = 40; i < 80; i++)
		s[i] = ']';
	s[80] = '\0';
	assert_int_equal(bk_json_parse(&arena, s, 80, &doc, &e), -1);
	assert_int_equal(e.status, 422);
	bk_err_cleanup(&e);
	assert_int_equal(bk_json_parse(&arena, "[[1]]", 5, &doc, &e), 0);
	cJSON_Delete(doc);
}

static void
plain_error_body_has_detail(void **state)
{
	struct bk_err	 e = { 0 };
	cJSON		*body;

	bk_err_set(&e, 404, "Booking not found.");
	body = bk_err_body(&e);
	assert_string_equal(cJSON_GetObjectItem(body, "detail")->valuestring,
	    "Booking not found.");
	cJSON_Delete(body);
}

static int
list_422(const char *json, const char **type, const char **loc2)
{
	struct bk_req	 req = { 0 };
	struct bk_err	 e = { 0 };
	long		*vals;
	int		 n = 0, rc;
	bool		 present;

	req.arena = &arena;
	req.json = cJSON_Parse(json);
	rc = bk_body_int_list(&req, "ids", BK_REQUIRED, 0, 100, 3, &vals, &n,
	    &present, &e);
	*type = e.nitems > 0 ? bk_arena_strdup(&arena, e.items[0].type) : "";
	*loc2 = e.nitems > 0 && e.items[0].nloc > 2 ?
	    bk_arena_strdup(&arena, e.items[0].loc[2]) : "";
	bk_err_cleanup(&e);
	cJSON_Delete(req.json);
	return rc == 0 ? n : -1;
}

static void
list_fields_are_checked_as_lists_and_per_item(void **state)
{
	const char	*type, *loc2;

	assert_int_equal(list_422("{\"ids\":[1,\"2\",3]}", &type, &loc2), 3);
	assert_int_equal(list_422("{\"ids\":5}", &type, &loc2), -1);
	assert_string_equal(type, "list_type");
	assert_int_equal(list_422("{\"ids\":[1,2,3,4]}", &type, &loc2), -1);
	assert_string_equal(type, "too_long");
	assert_int_equal(list_422("{\"ids\":[1,200]}", &type, &loc2), -1);
	assert_string_equal(type, "less_than_equal");
	assert_string_equal(loc2, "1");
	assert_int_equal(list_422("{}", &type, &loc2), -1);
	assert_string_equal(type, "missing");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urlencoded_form_is_decoded),
		cmocka_unit_test(multipart_form_is_decoded),
		cmocka_unit_test(broken_multipart_is_422),
		cmocka_unit_test(query_and_cookie_lookups),
		cmocka_unit_test(duplicate_json_key_is_422),
		cmocka_unit_test(invalid_json_is_json_invalid_at_its_offset),
		cmocka_unit_test(deep_json_is_refused),
		cmocka_unit_test(plain_error_body_has_detail),
		cmocka_unit_test(
		    list_fields_are_checked_as_lists_and_per_item),
	};

	return cmocka_run_group_tests_name("http", tests, setup, teardown);
}
