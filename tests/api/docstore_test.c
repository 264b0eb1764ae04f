/* The document store's behaviours, one suite run against both stores:
 * MongoDB (REVCARE_TEST_MONGODB_URI) and the PostgreSQL JSONB store
 * (REVCARE_TEST_DOCSTORE_PGURL). Both are required; without them every
 * test fails. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "docstore.h"

#define TEST_MONGODB_DB	"revcare_docstore_test"

/* One store under test; set up once for the whole group. */
struct store_fixture {
	const char		*kind;
	struct bk_docstore	*ds;
};

static struct store_fixture	 mongo_fixture = { "mongodb", NULL };
static struct store_fixture	 pg_fixture = { "postgresql", NULL };
static PGconn			*test_pg;

/* Every collection a test writes, emptied before each test. */
static const char *const test_collections[] = {
	"queries", "content", "gst", "app_settings", "notes",
};

/* SPEC §4.7's table, for a test database the migrations have not made. */
static const char *const test_schema[] = {
	"CREATE TABLE IF NOT EXISTS documents (collection text NOT NULL, "
	"id char(24) NOT NULL, doc jsonb NOT NULL, "
	"created_at timestamptz NOT NULL DEFAULT now(), "
	"updated_at timestamptz NOT NULL DEFAULT now(), "
	"PRIMARY KEY (collection, id))",
	"CREATE UNIQUE INDEX IF NOT EXISTS documents_content_id_key "
	"ON documents ((doc->>'content_id')) WHERE collection = 'content'",
	"CREATE UNIQUE INDEX IF NOT EXISTS documents_setting_id_key "
	"ON documents ((doc->>'setting_id')) WHERE collection = 'app_settings'",
};

static const char missing_id[] = "0123456789abcdef01234567";

static int
exec_sql(const char *sql)
{
	PGresult	*res;
	int		 rc = 0;

	res = PQexec(test_pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(res));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

static int
ensure_schema(void)
{
	PGresult	*res;
	bool		 absent;
	size_t		 i;

	res = PQexec(test_pg, "SELECT to_regclass('documents') IS NULL");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "%s", PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	absent = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	for (i = 0; absent && i < sizeof test_schema / sizeof test_schema[0];
	    i++)
		if (exec_sql(test_schema[i]) != 0)
			return -1;
	return 0;
}

static int
group_setup(void **state)
{
	struct bk_config	 cfg;
	const char		*pgurl, *mongo_uri;
	char			 errbuf[512];

	(void)state;
	pgurl = getenv("REVCARE_TEST_DOCSTORE_PGURL");
	mongo_uri = getenv("REVCARE_TEST_MONGODB_URI");
	if (pgurl == NULL || *pgurl == '\0' || mongo_uri == NULL ||
	    *mongo_uri == '\0') {
		fprintf(stderr, "docstore_test needs "
		    "REVCARE_TEST_DOCSTORE_PGURL and "
		    "REVCARE_TEST_MONGODB_URI\n");
		return -1;
	}
	test_pg = PQconnectdb(pgurl);
	if (PQstatus(test_pg) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(test_pg));
		return -1;
	}
	if (ensure_schema() != 0)
		return -1;
	memset(&cfg, 0, sizeof cfg);
	pg_fixture.ds = bk_docstore_new(&cfg, test_pg, errbuf, sizeof errbuf);
	if (pg_fixture.ds == NULL) {
		fprintf(stderr, "%s\n", errbuf);
		return -1;
	}
	cfg.mongodb_uri = (char *)mongo_uri;
	cfg.mongodb_db = (char *)TEST_MONGODB_DB;
	mongo_fixture.ds = bk_docstore_new(&cfg, NULL, errbuf, sizeof errbuf);
	if (mongo_fixture.ds == NULL) {
		fprintf(stderr, "%s\n", errbuf);
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	bk_docstore_free(mongo_fixture.ds);
	bk_docstore_free(pg_fixture.ds);
	if (test_pg != NULL)
		PQfinish(test_pg);
	return 0;
}

/* Empty the test collections through the interface itself. */
static int
store_setup(void **state, struct store_fixture *fx)
{
	struct bk_err	 err = { 0 };
	cJSON		*list, *doc;
	long		 total;
	size_t		 i;

	if (fx->ds == NULL)
		return -1;
	*state = fx;
	for (i = 0; i < sizeof test_collections / sizeof test_collections[0];
	    i++) {
		if (bk_docstore_list(fx->ds, test_collections[i], NULL, NULL,
		    false, 0, 0, &list, &total, &err) != 0)
			return -1;
		cJSON_ArrayForEach(doc, list)
			if (bk_docstore_delete(fx->ds, test_collections[i],
			    cJSON_GetObjectItem(doc, "_id")->valuestring,
			    &err) != 0) {
				cJSON_Delete(list);
				return -1;
			}
		cJSON_Delete(list);
	}
	return 0;
}

static int
mongo_setup(void **state)
{
	return store_setup(state, &mongo_fixture);
}

static int
pg_setup(void **state)
{
	return store_setup(state, &pg_fixture);
}

static struct bk_docstore *
store(void **state)
{
	return ((struct store_fixture *)*state)->ds;
}

static const char *
kind(void **state)
{
	return ((struct store_fixture *)*state)->kind;
}

static cJSON *
parse(const char *json)
{
	cJSON	*j;

	j = cJSON_Parse(json);
	assert_non_null(j);
	return j;
}

/* Insert the JSON text doc into coll and return its id in id. */
static void
insert_json(struct bk_docstore *ds, const char *coll, const char *json,
    char id[BK_DOCSTORE_ID_LEN + 1])
{
	struct bk_err	 err = { 0 };
	cJSON		*doc;

	doc = parse(json);
	assert_int_equal(bk_docstore_insert(ds, coll, doc, id, &err), 0);
	cJSON_Delete(doc);
}

static const char *
str_field(const cJSON *doc, const char *name)
{
	const cJSON	*f;

	f = cJSON_GetObjectItemCaseSensitive(doc, name);
	assert_true(cJSON_IsString(f));
	return f->valuestring;
}

static void
assert_is_id(const char *id)
{
	size_t	i;

	assert_int_equal(strlen(id), BK_DOCSTORE_ID_LEN);
	for (i = 0; i < BK_DOCSTORE_ID_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", id[i]));
}

static void
assert_err(int rc, const struct bk_err *err, int status, const char *detail)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->status, status);
	assert_string_equal(err->detail, detail);
}

/* A page of coll, asserting success; caller deletes. */
static cJSON *
list_of(struct bk_docstore *ds, const char *coll, const char *filter_json,
    const char *sort, bool desc, long limit, long offset, long *total)
{
	struct bk_err	 err = { 0 };
	cJSON		*filter = NULL, *list = NULL;

	if (filter_json != NULL)
		filter = parse(filter_json);
	assert_int_equal(bk_docstore_list(ds, coll, filter, sort, desc, limit,
	    offset, &list, total, &err), 0);
	cJSON_Delete(filter);
	assert_true(cJSON_IsArray(list));
	return list;
}

static void
kind_names_the_store(void **state)
{
	assert_string_equal(bk_docstore_kind(store(state)), kind(state));
}

static void
ping_answers(void **state)
{
	struct bk_err	err = { 0 };

	assert_int_equal(bk_docstore_ping(store(state), &err), 0);
}

static void
insert_then_get_returns_the_same_fields_and_a_24_hex_id(void **state)
{
	static const char	 json[] =
	    "{\"customer_email\":\"a@example.com\","
	    "\"query\":\"Brakes squeal\",\"response\":null,\"status\":\"open\","
	    "\"count\":3,\"ratio\":0.25,\"big\":5000000000,\"urgent\":true,"
	    "\"tags\":[\"x\",2,{\"y\":false}],\"car\":{\"model\":\"Swift\"}}";
	struct bk_err		 err = { 0 };
	cJSON			*want, *got = NULL, *f;
	char			 id[BK_DOCSTORE_ID_LEN + 1];

	want = parse(json);
	insert_json(store(state), "queries", json, id);
	assert_is_id(id);
	assert_int_equal(bk_docstore_get(store(state), "queries", id, &got,
	    &err), 0);
	assert_string_equal(str_field(got, "_id"), id);
	assert_int_equal(cJSON_GetArraySize(got),
	    cJSON_GetArraySize(want) + 1);
	cJSON_ArrayForEach(f, want)
		assert_true(cJSON_Compare(f,
		    cJSON_GetObjectItemCaseSensitive(got, f->string), true));
	cJSON_Delete(got);
	cJSON_Delete(want);
}

static void
insert_ignores_a_given_id(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	int		 rc;

	insert_json(store(state), "notes",
	    "{\"_id\":\"0123456789abcdef01234567\",\"n\":1}", id);
	assert_string_not_equal(id, missing_id);
	rc = bk_docstore_get(store(state), "notes", missing_id, &got, &err);
	assert_err(rc, &err, 404, "Document not found.");
	assert_null(got);
}

static void
ids_carry_the_insert_time_and_are_distinct(void **state)
{
	char		ids[3][BK_DOCSTORE_ID_LEN + 1], head[9];
	time_t		before, after;
	unsigned long	t;
	int		i;

	before = time(NULL);
	for (i = 0; i < 3; i++)
		insert_json(store(state), "notes", "{\"n\":1}", ids[i]);
	after = time(NULL);
	for (i = 0; i < 3; i++) {
		memcpy(head, ids[i], 8);
		head[8] = '\0';
		t = strtoul(head, NULL, 16);
		assert_in_range(t, (unsigned long)before, (unsigned long)after);
	}
	assert_string_not_equal(ids[0], ids[1]);
	assert_string_not_equal(ids[1], ids[2]);
	assert_string_not_equal(ids[0], ids[2]);
}

static void
get_of_missing_id_is_404(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	int		 rc;

	rc = bk_docstore_get(store(state), "queries", missing_id, &got, &err);
	assert_err(rc, &err, 404, "Document not found.");
	assert_null(got);
}

static void
get_of_malformed_id_is_404(void **state)
{
	static const char *const bad[] = {
		"", "xyz", "0123456789ABCDEF01234567",
		"0123456789abcdef012345678", "0123456789abcdef0123456",
	};
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rc = bk_docstore_get(store(state), "queries", bad[i], &got,
		    &err);
		assert_err(rc, &err, 404, "Document not found.");
		assert_null(got);
	}
}

static void
update_sets_fields_and_returns_the_new_document(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*set, *after = NULL, *got = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];

	insert_json(store(state), "queries", "{\"query\":\"Noise\","
	    "\"status\":\"open\",\"response\":null,\"responded_by\":null}", id);
	set = parse("{\"response\":\"Fixed\",\"status\":\"answered\","
	    "\"responded_by\":\"ADM000001\",\"rating\":5}");
	assert_int_equal(bk_docstore_update(store(state), "queries", id, set,
	    &after, &err), 0);
	assert_string_equal(str_field(after, "_id"), id);
	assert_string_equal(str_field(after, "query"), "Noise");
	assert_string_equal(str_field(after, "response"), "Fixed");
	assert_string_equal(str_field(after, "status"), "answered");
	assert_string_equal(str_field(after, "responded_by"), "ADM000001");
	assert_int_equal(cJSON_GetObjectItem(after, "rating")->valueint, 5);
	assert_int_equal(cJSON_GetArraySize(after), 6);
	assert_int_equal(bk_docstore_get(store(state), "queries", id, &got,
	    &err), 0);
	assert_true(cJSON_Compare(got, after, true));
	cJSON_Delete(got);
	cJSON_Delete(after);
	cJSON_Delete(set);
}

static void
update_never_changes_the_id(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*set, *after = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];

	insert_json(store(state), "notes", "{\"n\":1}", id);
	set = parse("{\"_id\":\"0123456789abcdef01234567\",\"n\":2}");
	assert_int_equal(bk_docstore_update(store(state), "notes", id, set,
	    &after, &err), 0);
	assert_string_equal(str_field(after, "_id"), id);
	assert_int_equal(cJSON_GetObjectItem(after, "n")->valueint, 2);
	cJSON_Delete(after);
	cJSON_Delete(set);
}

static void
update_of_missing_id_is_404(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*set, *after = NULL;
	int		 rc;

	set = parse("{\"status\":\"answered\"}");
	rc = bk_docstore_update(store(state), "queries", missing_id, set,
	    &after, &err);
	assert_err(rc, &err, 404, "Document not found.");
	assert_null(after);
	cJSON_Delete(set);
}

static void
delete_then_get_is_404(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	int		 rc;

	insert_json(store(state), "queries", "{\"query\":\"Gone soon\"}", id);
	assert_int_equal(bk_docstore_delete(store(state), "queries", id,
	    &err), 0);
	rc = bk_docstore_get(store(state), "queries", id, &got, &err);
	assert_err(rc, &err, 404, "Document not found.");
	assert_null(got);
}

static void
delete_of_missing_id_is_404(void **state)
{
	struct bk_err	err = { 0 };
	int		rc;

	rc = bk_docstore_delete(store(state), "queries", missing_id, &err);
	assert_err(rc, &err, 404, "Document not found.");
}

static void
find_one_returns_the_first_match_or_null(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	char		 first[BK_DOCSTORE_ID_LEN + 1];
	char		 other[BK_DOCSTORE_ID_LEN + 1];

	insert_json(store(state), "notes", "{\"who\":\"a\",\"n\":1}", first);
	insert_json(store(state), "notes", "{\"who\":\"a\",\"n\":2}", other);
	insert_json(store(state), "notes", "{\"who\":7}", other);
	assert_int_equal(bk_docstore_find_one(store(state), "notes", "who",
	    "a", &got, &err), 0);
	assert_non_null(got);
	assert_string_equal(str_field(got, "_id"), first);
	cJSON_Delete(got);
	got = NULL;
	/* a number is not the string "7" */
	assert_int_equal(bk_docstore_find_one(store(state), "notes", "who",
	    "7", &got, &err), 0);
	assert_null(got);
	assert_int_equal(bk_docstore_find_one(store(state), "notes", "who",
	    "nobody", &got, &err), 0);
	assert_null(got);
}

static void
list_filters_sorts_desc_and_pages_with_total(void **state)
{
	static const char *const docs[] = {
		"{\"customer_email\":\"a@x.in\",\"query\":\"q1\","
		    "\"created_at\":\"2025-11-10T08:30:00.000000Z\"}",
		"{\"customer_email\":\"b@x.in\",\"query\":\"q2\","
		    "\"created_at\":\"2025-11-10T09:30:00.000000Z\"}",
		"{\"customer_email\":\"a@x.in\",\"query\":\"q3\","
		    "\"created_at\":\"2025-11-11T08:30:00.000000Z\"}",
		"{\"customer_email\":\"b@x.in\",\"query\":\"q4\","
		    "\"created_at\":\"2025-11-12T08:30:00.000000Z\"}",
		"{\"customer_email\":\"a@x.in\",\"query\":\"q5\","
		    "\"created_at\":\"2025-11-09T08:30:00.000000Z\"}",
	};
	static const char	 filter[] = "{\"customer_email\":\"a@x.in\"}";
	char			 id[BK_DOCSTORE_ID_LEN + 1];
	cJSON			*list;
	long			 total;
	size_t			 i;

	for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
		insert_json(store(state), "queries", docs[i], id);

	list = list_of(store(state), "queries", filter, "created_at", true, 2,
	    0, &total);
	assert_int_equal(total, 3);
	assert_int_equal(cJSON_GetArraySize(list), 2);
	assert_string_equal(str_field(cJSON_GetArrayItem(list, 0), "query"),
	    "q3");
	assert_string_equal(str_field(cJSON_GetArrayItem(list, 1), "query"),
	    "q1");
	cJSON_Delete(list);

	list = list_of(store(state), "queries", filter, "created_at", true, 2,
	    2, &total);
	assert_int_equal(total, 3);
	assert_int_equal(cJSON_GetArraySize(list), 1);
	assert_string_equal(str_field(cJSON_GetArrayItem(list, 0), "query"),
	    "q5");
	cJSON_Delete(list);

	list = list_of(store(state), "queries", filter, "created_at", true, 2,
	    5, &total);
	assert_int_equal(total, 3);
	assert_int_equal(cJSON_GetArraySize(list), 0);
	cJSON_Delete(list);

	list = list_of(store(state), "queries", NULL, "created_at", false, 0,
	    0, &total);
	assert_int_equal(total, 5);
	assert_string_equal(str_field(cJSON_GetArrayItem(list, 0), "query"),
	    "q5");
	assert_string_equal(str_field(cJSON_GetArrayItem(list, 4), "query"),
	    "q4");
	cJSON_Delete(list);
}

static void
list_without_sort_keeps_insertion_order(void **state)
{
	char	 ids[4][BK_DOCSTORE_ID_LEN + 1];
	cJSON	*list;
	long	 total;
	int	 i;

	for (i = 0; i < 4; i++)
		insert_json(store(state), "notes", "{\"n\":0}", ids[i]);
	list = list_of(store(state), "notes", NULL, NULL, false, 0, 0, &total);
	assert_int_equal(total, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(str_field(cJSON_GetArrayItem(list, i),
		    "_id"), ids[i]);
	cJSON_Delete(list);
	list = list_of(store(state), "notes", NULL, NULL, true, 0, 0, &total);
	for (i = 0; i < 4; i++)
		assert_string_equal(str_field(cJSON_GetArrayItem(list, i),
		    "_id"), ids[3 - i]);
	cJSON_Delete(list);
}

static void
list_sorts_numbers_as_numbers_and_missing_fields_first(void **state)
{
	static const char *const docs[] = {
		"{\"n\":100,\"k\":\"c\"}", "{\"k\":\"none\"}",
		"{\"n\":9,\"k\":\"a\"}", "{\"n\":10,\"k\":\"b\"}",
	};
	static const char *const asc[] = { "none", "a", "b", "c" };
	char			 id[BK_DOCSTORE_ID_LEN + 1];
	cJSON			*list;
	long			 total;
	size_t			 i;

	for (i = 0; i < 4; i++)
		insert_json(store(state), "notes", docs[i], id);
	list = list_of(store(state), "notes", NULL, "n", false, 0, 0, &total);
	for (i = 0; i < 4; i++)
		assert_string_equal(str_field(cJSON_GetArrayItem(list, (int)i),
		    "k"), asc[i]);
	cJSON_Delete(list);
	list = list_of(store(state), "notes", NULL, "n", true, 0, 0, &total);
	for (i = 0; i < 4; i++)
		assert_string_equal(str_field(cJSON_GetArrayItem(list, (int)i),
		    "k"), asc[3 - i]);
	cJSON_Delete(list);
}

static void
duplicate_content_id_is_409(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*doc;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	long		 total;
	int		 rc;

	insert_json(store(state), "content",
	    "{\"content_id\":\"faq\",\"data\":\"one\"}", id);
	doc = parse("{\"content_id\":\"faq\",\"data\":\"two\"}");
	rc = bk_docstore_insert(store(state), "content", doc, id, &err);
	assert_err(rc, &err, 409, "Document already exists.");
	cJSON_Delete(doc);
	/* the same key in another collection is no conflict */
	insert_json(store(state), "notes",
	    "{\"content_id\":\"faq\",\"data\":\"three\"}", id);
	cJSON_Delete(list_of(store(state), "content", NULL, NULL, false, 0, 0,
	    &total));
	assert_int_equal(total, 1);
}

static void
update_to_a_taken_setting_id_is_409(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*set, *after = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	int		 rc;

	insert_json(store(state), "app_settings",
	    "{\"setting_id\":\"assignment_automation\",\"state\":true}", id);
	insert_json(store(state), "app_settings",
	    "{\"setting_id\":\"validation_automation\",\"state\":false}", id);
	set = parse("{\"setting_id\":\"assignment_automation\"}");
	rc = bk_docstore_update(store(state), "app_settings", id, set, &after,
	    &err);
	assert_err(rc, &err, 409, "Document already exists.");
	assert_null(after);
	cJSON_Delete(set);
}

static bool
setting_state(const cJSON *list, const char *setting_id)
{
	const cJSON	*doc;

	cJSON_ArrayForEach(doc, list)
		if (strcmp(str_field(doc, "setting_id"), setting_id) == 0) {
			assert_string_equal(str_field(doc, "updated_by"),
			    "system");
			return cJSON_IsTrue(cJSON_GetObjectItem(doc, "state"));
		}
	fail_msg("no setting %s", setting_id);
	return false;
}

static void
seeding_twice_leaves_one_gst_of_18_and_three_settings(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*list, *gst, *home = NULL;
	long		 total;
	int64_t		 us;

	assert_int_equal(bk_docstore_seed_defaults(store(state), &err), 0);
	assert_int_equal(bk_docstore_seed_defaults(store(state), &err), 0);

	list = list_of(store(state), "gst", NULL, NULL, false, 0, 0, &total);
	assert_int_equal(total, 1);
	gst = cJSON_GetArrayItem(list, 0);
	assert_int_equal(cJSON_GetObjectItem(gst, "percent")->valueint, 18);
	assert_string_equal(str_field(gst, "updated_by"), "system");
	assert_true(bk_docstore_time_parse(str_field(gst, "updated_at"), &us));
	cJSON_Delete(list);

	list = list_of(store(state), "app_settings", NULL, NULL, false, 0, 0,
	    &total);
	assert_int_equal(total, 3);
	assert_false(setting_state(list, "validation_automation"));
	assert_false(setting_state(list, "analysis_validation_automation"));
	assert_true(setting_state(list, "assignment_automation"));
	cJSON_Delete(list);

	cJSON_Delete(list_of(store(state), "content", NULL, NULL, false, 0, 0,
	    &total));
	assert_int_equal(total, 2);
	assert_int_equal(bk_docstore_find_one(store(state), "content",
	    "content_id", "home_banner", &home, &err), 0);
	assert_non_null(home);
	assert_string_equal(str_field(home, "data"),
	    "Doorstep car service across Chennai");
	cJSON_Delete(home);
}

static void
seeding_never_overwrites_an_edited_value(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*list, *set, *after = NULL;
	long		 total;

	assert_int_equal(bk_docstore_seed_defaults(store(state), &err), 0);
	list = list_of(store(state), "gst", NULL, NULL, false, 0, 0, &total);
	set = parse("{\"percent\":12,\"updated_by\":\"ADM000001\"}");
	assert_int_equal(bk_docstore_update(store(state), "gst",
	    str_field(cJSON_GetArrayItem(list, 0), "_id"), set, &after, &err),
	    0);
	cJSON_Delete(after);
	cJSON_Delete(set);
	cJSON_Delete(list);
	assert_int_equal(bk_docstore_seed_defaults(store(state), &err), 0);
	list = list_of(store(state), "gst", NULL, NULL, false, 0, 0, &total);
	assert_int_equal(total, 1);
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0),
	    "percent")->valueint, 12);
	cJSON_Delete(list);
}

static void
instants_round_trip_in_spec_form(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL, *set, *after = NULL, *list;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	long		 total;

	insert_json(store(state), "queries", "{\"query\":\"When?\","
	    "\"created_at\":\"2025-11-10T08:30:00.123000Z\","
	    "\"updated_at\":\"1969-07-20T20:17:40.999000Z\","
	    "\"responded_at\":null,\"note\":\"2025-11-10T08:30:00.123456Z\"}",
	    id);
	assert_int_equal(bk_docstore_get(store(state), "queries", id, &got,
	    &err), 0);
	assert_string_equal(str_field(got, "created_at"),
	    "2025-11-10T08:30:00.123000Z");
	assert_string_equal(str_field(got, "updated_at"),
	    "1969-07-20T20:17:40.999000Z");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(got, "responded_at")));
	/* only the instant fields are dates; other strings stay as given */
	assert_string_equal(str_field(got, "note"),
	    "2025-11-10T08:30:00.123456Z");
	cJSON_Delete(got);

	set = parse("{\"responded_at\":\"2025-11-11T00:00:00.000000Z\"}");
	assert_int_equal(bk_docstore_update(store(state), "queries", id, set,
	    &after, &err), 0);
	assert_string_equal(str_field(after, "responded_at"),
	    "2025-11-11T00:00:00.000000Z");
	cJSON_Delete(after);
	cJSON_Delete(set);

	/* an instant filter matches the stored instant */
	list = list_of(store(state), "queries",
	    "{\"created_at\":\"2025-11-10T08:30:00.123000Z\"}", NULL, false, 0,
	    0, &total);
	assert_int_equal(total, 1);
	cJSON_Delete(list);
}

static void
instants_keep_microseconds_only_in_jsonb(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];

	insert_json(store(state), "notes",
	    "{\"created_at\":\"2025-11-10T08:30:00.123456Z\"}", id);
	assert_int_equal(bk_docstore_get(store(state), "notes", id, &got,
	    &err), 0);
	/* BSON dates hold milliseconds */
	assert_string_equal(str_field(got, "created_at"),
	    strcmp(kind(state), "mongodb") == 0 ?
	    "2025-11-10T08:30:00.123000Z" : "2025-11-10T08:30:00.123456Z");
	cJSON_Delete(got);
}

/* Store-independent: what counts as an instant, and its exact form. */
static void
only_the_spec_form_is_an_instant(void **state)
{
	static const char *const good[] = {
		"2025-11-10T08:30:00.000000Z", "2024-02-29T23:59:59.999999Z",
		"1969-12-31T23:59:59.999999Z", "0000-01-01T00:00:00.000000Z",
		"9999-12-31T23:59:59.999999Z",
	};
	static const char *const bad[] = {
		"2025-11-10T08:30:00Z", "2025-11-10T08:30:00.000000",
		"2025-11-10T08:30:00.000000+00:00",
		"2025-11-10 08:30:00.000000Z",
		"2025-02-29T00:00:00.000000Z", "2025-04-31T00:00:00.000000Z",
		"2025-13-01T00:00:00.000000Z", "2025-11-10T24:00:00.000000Z",
		"2025-11-10T08:60:00.000000Z", "2025-11-10T08:30:00.00000aZ",
		"2025-11-10t08:30:00.000000Z", "",
	};
	char	 out[BK_DOCSTORE_TIME_LEN + 1];
	int64_t	 us;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_true(bk_docstore_time_parse(good[i], &us));
		bk_docstore_time_format(us, out);
		assert_string_equal(out, good[i]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(bk_docstore_time_parse(bad[i], &us));
	assert_true(bk_docstore_time_parse("1970-01-01T00:00:01.000002Z",
	    &us));
	assert_int_equal(us, 1000002);
}

static void
unsafe_names_are_500(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*list = NULL, *filter, *got = NULL, *doc;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	long		 total;
	int		 rc;

	rc = bk_docstore_list(store(state), "queries", NULL,
	    "created_at) DESC; DROP TABLE documents; --", false, 0, 0, &list,
	    &total, &err);
	assert_err(rc, &err, 500, bk_docstore_internal);
	assert_null(list);
	filter = parse("{\"$where\":\"1\"}");
	rc = bk_docstore_list(store(state), "queries", filter, NULL, false, 0,
	    0, &list, &total, &err);
	assert_err(rc, &err, 500, bk_docstore_internal);
	cJSON_Delete(filter);
	filter = parse("{\"status\":{\"$ne\":\"x\"}}");
	rc = bk_docstore_list(store(state), "queries", filter, NULL, false, 0,
	    0, &list, &total, &err);
	assert_err(rc, &err, 500, bk_docstore_internal);
	cJSON_Delete(filter);
	rc = bk_docstore_find_one(store(state), "queries", "a.b", "x", &got,
	    &err);
	assert_err(rc, &err, 500, bk_docstore_internal);
	doc = parse("{\"n\":1}");
	rc = bk_docstore_insert(store(state), "system.users", doc, id, &err);
	assert_err(rc, &err, 500, bk_docstore_internal);
	cJSON_Delete(doc);
}

/* PostgreSQL only: the store borrows the caller's connection. */
static void
documents_join_the_callers_transaction(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*got = NULL;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	int		 rc;

	assert_int_equal(exec_sql("BEGIN"), 0);
	insert_json(store(state), "notes", "{\"n\":1}", id);
	assert_int_equal(exec_sql("ROLLBACK"), 0);
	rc = bk_docstore_get(store(state), "notes", id, &got, &err);
	assert_err(rc, &err, 404, "Document not found.");
}

static void
duplicate_insert_leaves_the_transaction_usable(void **state)
{
	struct bk_err	 err = { 0 };
	cJSON		*doc;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	long		 total;
	int		 rc;

	assert_int_equal(exec_sql("BEGIN"), 0);
	insert_json(store(state), "content",
	    "{\"content_id\":\"faq\",\"data\":\"one\"}", id);
	doc = parse("{\"content_id\":\"faq\",\"data\":\"two\"}");
	rc = bk_docstore_insert(store(state), "content", doc, id, &err);
	assert_err(rc, &err, 409, "Document already exists.");
	cJSON_Delete(doc);
	insert_json(store(state), "content",
	    "{\"content_id\":\"terms\",\"data\":\"three\"}", id);
	assert_int_equal(exec_sql("COMMIT"), 0);
	cJSON_Delete(list_of(store(state), "content", NULL, NULL, false, 0, 0,
	    &total));
	assert_int_equal(total, 2);
}

/* Each behaviour once per store, named "<store>: <behaviour>". */
#define ON(store, setup, fn)	{ store ": " #fn, fn, setup, NULL, NULL }
#define BOTH(fn)	ON("mongodb", mongo_setup, fn), \
			ON("postgresql", pg_setup, fn)

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_spec_form_is_an_instant),
		BOTH(kind_names_the_store),
		BOTH(ping_answers),
		BOTH(insert_then_get_returns_the_same_fields_and_a_24_hex_id),
		BOTH(insert_ignores_a_given_id),
		BOTH(ids_carry_the_insert_time_and_are_distinct),
		BOTH(get_of_missing_id_is_404),
		BOTH(get_of_malformed_id_is_404),
		BOTH(update_sets_fields_and_returns_the_new_document),
		BOTH(update_never_changes_the_id),
		BOTH(update_of_missing_id_is_404),
		BOTH(delete_then_get_is_404),
		BOTH(delete_of_missing_id_is_404),
		BOTH(find_one_returns_the_first_match_or_null),
		BOTH(list_filters_sorts_desc_and_pages_with_total),
		BOTH(list_without_sort_keeps_insertion_order),
		BOTH(list_sorts_numbers_as_numbers_and_missing_fields_first),
		BOTH(duplicate_content_id_is_409),
		BOTH(update_to_a_taken_setting_id_is_409),
		BOTH(seeding_twice_leaves_one_gst_of_18_and_three_settings),
		BOTH(seeding_never_overwrites_an_edited_value),
		BOTH(instants_round_trip_in_spec_form),
		BOTH(instants_keep_microseconds_only_in_jsonb),
		BOTH(unsafe_names_are_500),
		ON("postgresql", pg_setup,
		    documents_join_the_callers_transaction),
		ON("postgresql", pg_setup,
		    duplicate_insert_leaves_the_transaction_usable),
	};

	return cmocka_run_group_tests_name("docstore", tests, group_setup,
	    group_teardown);
}
