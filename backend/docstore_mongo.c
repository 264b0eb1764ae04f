/* The MongoDB document store: one mongoc client per worker thread on
 * MONGODB_DB. Ids are ObjectIds and the instant fields BSON dates in the
 * database; both are strings at the interface (SPEC §1.4, §1.6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mongoc/mongoc.h>

#include "config.h"
#include "docstore.h"
#include "log.h"
#include "xmalloc.h"

/* Used when the URI does not say otherwise: the ping's 2 s budget covers
 * finding a server and connecting to it. */
#define MONGO_TIMEOUT_MS	2000

/* BSON dates in §1.4's range (years 0000..9999), in milliseconds. */
#define MONGO_MS_MIN	(-62167219200000LL)
#define MONGO_MS_MAX	(253402300799999LL)

/* Owned by one worker thread. */
struct mongo_store {
	mongoc_client_t	*client;
	char		*db;
};

/* SPEC §4.8's indexes, made when the store opens. */
static const struct {
	const char	*coll;
	const char	*field;
	int		 dir;
	bool		 unique;
} mongo_indexes[] = {
	{ "queries", "created_at", -1, false },
	{ "queries", "customer_email", 1, false },
	{ "queries", "customer_id", 1, false },
	{ "content", "content_id", 1, true },
	{ "app_settings", "setting_id", 1, true },
};

/* A duplicate key is the one server error with its own answer. */
static int
mongo_fail(const bson_error_t *e, const char *what, struct bk_err *err)
{
	if (e->code == MONGOC_ERROR_DUPLICATE_KEY)
		return bk_err_set(err, 409, bk_docstore_exists);
	return bk_docstore_fail(err, what, e->message);
}

static bool	mongo_append(bson_t *, const char *, const cJSON *, bool);

/* The members of obj (a cJSON object or array) into b; at the top level
 * "_id" becomes an ObjectId and the instant fields dates. */
static bool
mongo_append_members(bson_t *b, const cJSON *obj, bool top)
{
	const cJSON	*item;
	const char	*key;
	char		 idx[16];
	uint32_t	 i = 0;

	cJSON_ArrayForEach(item, obj) {
		if (cJSON_IsArray(obj))
			bson_uint32_to_string(i++, &key, idx, sizeof idx);
		else
			key = item->string;
		if (!mongo_append(b, key, item, top))
			return false;
	}
	return true;
}

static bool
mongo_append(bson_t *b, const char *key, const cJSON *v, bool top)
{
	bson_t		 child;
	bson_oid_t	 oid;
	int64_t		 us;
	double		 d;

	if (cJSON_IsString(v)) {
		if (top && strcmp(key, "_id") == 0 &&
		    bson_oid_is_valid(v->valuestring, strlen(v->valuestring))) {
			bson_oid_init_from_string(&oid, v->valuestring);
			return bson_append_oid(b, key, -1, &oid);
		}
		if (top && bk_docstore_is_instant_field(key) &&
		    bk_docstore_time_parse(v->valuestring, &us))
			return bson_append_date_time(b, key, -1,
			    us >= 0 ? us / 1000 : -((-us + 999) / 1000));
		return bson_append_utf8(b, key, -1, v->valuestring, -1);
	}
	if (cJSON_IsNumber(v)) {
		/* Whole numbers stay integers, as percent is an int. */
		d = v->valuedouble;
		if (d >= INT32_MIN && d <= INT32_MAX && d == (double)(int32_t)d)
			return bson_append_int32(b, key, -1, (int32_t)d);
		if (d >= -9007199254740992.0 && d <= 9007199254740992.0 &&
		    d == (double)(int64_t)d)
			return bson_append_int64(b, key, -1, (int64_t)d);
		return bson_append_double(b, key, -1, d);
	}
	if (cJSON_IsBool(v))
		return bson_append_bool(b, key, -1, cJSON_IsTrue(v));
	if (cJSON_IsNull(v))
		return bson_append_null(b, key, -1);
	if (cJSON_IsObject(v)) {
		if (!bson_append_document_begin(b, key, -1, &child))
			return false;
		if (!mongo_append_members(&child, v, false)) {
			bson_append_document_end(b, &child);
			return false;
		}
		return bson_append_document_end(b, &child);
	}
	if (cJSON_IsArray(v)) {
		if (!bson_append_array_begin(b, key, -1, &child))
			return false;
		if (!mongo_append_members(&child, v, false)) {
			bson_append_array_end(b, &child);
			return false;
		}
		return bson_append_array_end(b, &child);
	}
	return false;	/* cJSON_Raw and invalid items */
}

/* obj as a new BSON document in *out (caller destroys), or -1. */
static int
mongo_bson(const cJSON *obj, const char *what, bson_t **out,
    struct bk_err *err)
{
	*out = bson_new();
	if (obj != NULL && !mongo_append_members(*out, obj, true)) {
		bson_destroy(*out);
		*out = NULL;
		return bk_docstore_fail(err, what,
		    "document cannot be stored as BSON");
	}
	return 0;
}

static cJSON	*mongo_json_doc(const bson_iter_t *, bool);

/* The value at it as a new cJSON item: dates in §1.4 form, ObjectIds as
 * hex; types JSON has no room for read as null. */
static cJSON *
mongo_json_value(const bson_iter_t *it)
{
	const bson_oid_t	*oid;
	bson_decimal128_t	 dec;
	bson_iter_t		 sub;
	char			 buf[BSON_DECIMAL128_STRING + 32];
	int64_t			 ms;
	uint32_t		 len;
	const char		*s;

	switch (bson_iter_type(it)) {
	case BSON_TYPE_UTF8:
		s = bson_iter_utf8(it, &len);
		return cJSON_CreateString(s);
	case BSON_TYPE_DOUBLE:
		return cJSON_CreateNumber(bson_iter_double(it));
	case BSON_TYPE_INT32:
		return cJSON_CreateNumber(bson_iter_int32(it));
	case BSON_TYPE_INT64:
		return cJSON_CreateNumber((double)bson_iter_int64(it));
	case BSON_TYPE_BOOL:
		return cJSON_CreateBool(bson_iter_bool(it));
	case BSON_TYPE_OID:
		oid = bson_iter_oid(it);
		bson_oid_to_string(oid, buf);
		return cJSON_CreateString(buf);
	case BSON_TYPE_DATE_TIME:
		ms = bson_iter_date_time(it);
		if (ms < MONGO_MS_MIN)
			ms = MONGO_MS_MIN;
		if (ms > MONGO_MS_MAX)
			ms = MONGO_MS_MAX;
		bk_docstore_time_format(ms * 1000, buf);
		return cJSON_CreateString(buf);
	case BSON_TYPE_DECIMAL128:
		bson_iter_decimal128(it, &dec);
		bson_decimal128_to_string(&dec, buf);
		return cJSON_CreateString(buf);
	case BSON_TYPE_DOCUMENT:
	case BSON_TYPE_ARRAY:
		if (!bson_iter_recurse(it, &sub))
			return cJSON_CreateNull();
		return mongo_json_doc(&sub,
		    bson_iter_type(it) == BSON_TYPE_ARRAY);
	default:
		return cJSON_CreateNull();
	}
}

/* The rest of the document (or array) at it as a new cJSON item. */
static cJSON *
mongo_json_doc(const bson_iter_t *start, bool array)
{
	bson_iter_t	 it = *start;
	cJSON		*out;

	out = array ? cJSON_CreateArray() : cJSON_CreateObject();
	while (bson_iter_next(&it)) {
		if (array)
			cJSON_AddItemToArray(out, mongo_json_value(&it));
		else
			cJSON_AddItemToObject(out, bson_iter_key(&it),
			    mongo_json_value(&it));
	}
	return out;
}

static cJSON *
mongo_json(const bson_t *doc)
{
	bson_iter_t	it;

	if (!bson_iter_init(&it, doc))
		return NULL;
	return mongo_json_doc(&it, false);
}

/* Append every document of cursor to arr, or stop at the first one; the
 * cursor's error, if any, is the result. */
static int
mongo_drain(mongoc_cursor_t *cursor, cJSON *arr, bool first_only,
    const char *what, struct bk_err *err)
{
	const bson_t	*doc;
	bson_error_t	 e;
	cJSON		*j;

	while (mongoc_cursor_next(cursor, &doc)) {
		j = mongo_json(doc);
		if (j == NULL)
			return bk_docstore_fail(err, what, "corrupt BSON");
		cJSON_AddItemToArray(arr, j);
		if (first_only)
			break;
	}
	if (mongoc_cursor_error(cursor, &e))
		return mongo_fail(&e, what, err);
	return 0;
}

/* A query by id: {_id: ObjectId(id)} (the id was checked by docstore.c). */
static bson_t *
mongo_by_id(const char *id)
{
	bson_oid_t	oid;

	bson_oid_init_from_string(&oid, id);
	return BCON_NEW("_id", BCON_OID(&oid));
}

static int
mongo_create_indexes(struct mongo_store *m, char *errbuf, size_t errlen)
{
	mongoc_database_t	*db;
	bson_t			*cmd;
	bson_error_t		 e;
	char			 name[96];
	size_t			 i;
	int			 rc = -1;

	db = mongoc_client_get_database(m->client, m->db);
	for (i = 0; i < sizeof mongo_indexes / sizeof mongo_indexes[0]; i++) {
		snprintf(name, sizeof name, "%s_%d", mongo_indexes[i].field,
		    mongo_indexes[i].dir);
		cmd = BCON_NEW("createIndexes",
		    BCON_UTF8(mongo_indexes[i].coll),
		    "indexes", "[", "{",
		    "key", "{", mongo_indexes[i].field,
		    BCON_INT32(mongo_indexes[i].dir), "}",
		    "name", BCON_UTF8(name),
		    "unique", BCON_BOOL(mongo_indexes[i].unique),
		    "}", "]");
		if (!mongoc_database_write_command_with_opts(db, cmd, NULL,
		    NULL, &e)) {
			snprintf(errbuf, errlen, "document store: cannot "
			    "create index %s.%s: %s", mongo_indexes[i].coll,
			    name, e.message);
			bson_destroy(cmd);
			goto out;
		}
		bson_destroy(cmd);
	}
	rc = 0;
out:
	mongoc_database_destroy(db);
	return rc;
}

static void	mongo_close(void *);

static void *
mongo_open(const struct bk_config *cfg, PGconn *pg, char *errbuf,
    size_t errlen)
{
	struct mongo_store	*m = NULL;
	mongoc_uri_t		*uri = NULL;
	bson_error_t		 e;
	const char		*db;
	void			*rc = NULL;

	(void)pg;
	mongoc_init();	/* once per process; later calls do nothing */
	uri = mongoc_uri_new_with_error(cfg->mongodb_uri, &e);
	if (uri == NULL) {
		snprintf(errbuf, errlen, "document store: bad MONGODB_URI: %s",
		    e.message);
		goto out;
	}
	db = cfg->mongodb_db != NULL && cfg->mongodb_db[0] != '\0' ?
	    cfg->mongodb_db : mongoc_uri_get_database(uri);
	if (db == NULL) {
		snprintf(errbuf, errlen,
		    "document store: MONGODB_DB is not set");
		goto out;
	}
	if (!mongoc_uri_has_option(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
		mongoc_uri_set_option_as_int32(uri,
		    MONGOC_URI_SERVERSELECTIONTIMEOUTMS, MONGO_TIMEOUT_MS);
	if (!mongoc_uri_has_option(uri, MONGOC_URI_CONNECTTIMEOUTMS))
		mongoc_uri_set_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS,
		    MONGO_TIMEOUT_MS);
	m = xcalloc(1, sizeof *m);
	m->db = xstrdup(db);
	m->client = mongoc_client_new_from_uri_with_error(uri, &e);
	if (m->client == NULL) {
		snprintf(errbuf, errlen, "document store: %s", e.message);
		goto out;
	}
	mongoc_client_set_error_api(m->client, MONGOC_ERROR_API_VERSION_2);
	mongoc_client_set_appname(m->client, "revcared");
	if (mongo_create_indexes(m, errbuf, errlen) != 0)
		goto out;
	rc = m;
	m = NULL;
out:
	mongo_close(m);
	mongoc_uri_destroy(uri);
	return rc;
}

static void
mongo_close(void *impl)
{
	struct mongo_store	*m = impl;

	if (m == NULL)
		return;
	mongoc_client_destroy(m->client);
	free(m->db);
	free(m);
}

static int
mongo_ping(void *impl, struct bk_err *err)
{
	struct mongo_store	*m = impl;
	bson_t			*cmd;
	bson_error_t		 e;
	int			 rc = -1;

	cmd = BCON_NEW("ping", BCON_INT32(1));
	if (!mongoc_client_command_simple(m->client, "admin", cmd, NULL, NULL,
	    &e)) {
		bk_docstore_fail(err, "ping", e.message);
		goto out;
	}
	rc = 0;
out:
	bson_destroy(cmd);
	return rc;
}

static int
mongo_insert(void *impl, const char *coll, const cJSON *doc,
    struct bk_err *err)
{
	struct mongo_store	*m = impl;
	mongoc_collection_t	*c;
	bson_t			*b = NULL;
	bson_error_t		 e;
	int			 rc = -1;

	c = mongoc_client_get_collection(m->client, m->db, coll);
	if (mongo_bson(doc, "insert", &b, err) != 0)
		goto out;
	if (!mongoc_collection_insert_one(c, b, NULL, NULL, &e)) {
		mongo_fail(&e, "insert", err);
		goto out;
	}
	rc = 0;
out:
	bson_destroy(b);
	mongoc_collection_destroy(c);
	return rc;
}

/* The first document of a find as a new object in *out, or NULL. */
static int
mongo_find_first(struct mongo_store *m, const char *coll,
    const bson_t *filter, const char *what, cJSON **out, struct bk_err *err)
{
	mongoc_collection_t	*c;
	mongoc_cursor_t		*cursor;
	bson_t			*opts;
	cJSON			*arr;
	int			 rc = -1;

	c = mongoc_client_get_collection(m->client, m->db, coll);
	opts = BCON_NEW("sort", "{", "_id", BCON_INT32(1), "}",
	    "limit", BCON_INT64(1));
	cursor = mongoc_collection_find_with_opts(c, filter, opts, NULL);
	arr = cJSON_CreateArray();
	if (mongo_drain(cursor, arr, true, what, err) != 0)
		goto out;
	*out = cJSON_DetachItemFromArray(arr, 0);
	rc = 0;
out:
	cJSON_Delete(arr);
	mongoc_cursor_destroy(cursor);
	bson_destroy(opts);
	mongoc_collection_destroy(c);
	return rc;
}

static int
mongo_get(void *impl, const char *coll, const char *id, cJSON **out,
    struct bk_err *err)
{
	bson_t	*filter;
	int	 rc;

	filter = mongo_by_id(id);
	rc = mongo_find_first(impl, coll, filter, "get", out, err);
	bson_destroy(filter);
	if (rc == 0 && *out == NULL)
		rc = bk_err_set(err, 404, bk_docstore_not_found);
	return rc;
}

static int
mongo_find_one(void *impl, const char *coll, const char *field,
    const char *value, cJSON **out, struct bk_err *err)
{
	bson_t	*filter = NULL;
	cJSON	*q;
	int	 rc = -1;

	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, field, value);
	if (mongo_bson(q, "find_one", &filter, err) != 0)
		goto out;
	rc = mongo_find_first(impl, coll, filter, "find_one", out, err);
out:
	bson_destroy(filter);
	cJSON_Delete(q);
	return rc;
}

static int
mongo_update(void *impl, const char *coll, const char *id, const cJSON *set,
    cJSON **after, struct bk_err *err)
{
	struct mongo_store		*m = impl;
	mongoc_collection_t		*c;
	mongoc_find_and_modify_opts_t	*fam;
	bson_t				*filter, *fields = NULL;
	bson_t				 update, reply;
	bson_iter_t			 it, doc;
	bson_error_t			 e;
	int				 rc = -1;

	c = mongoc_client_get_collection(m->client, m->db, coll);
	filter = mongo_by_id(id);
	fam = mongoc_find_and_modify_opts_new();
	bson_init(&update);
	bson_init(&reply);
	if (mongo_bson(set, "update", &fields, err) != 0)
		goto out;
	bson_append_document(&update, "$set", -1, fields);
	mongoc_find_and_modify_opts_set_update(fam, &update);
	mongoc_find_and_modify_opts_set_flags(fam,
	    MONGOC_FIND_AND_MODIFY_RETURN_NEW);
	bson_destroy(&reply);	/* the call initialises it again */
	if (!mongoc_collection_find_and_modify_with_opts(c, filter, fam,
	    &reply, &e)) {
		mongo_fail(&e, "update", err);
		goto out;
	}
	if (!bson_iter_init_find(&it, &reply, "value") ||
	    !BSON_ITER_HOLDS_DOCUMENT(&it)) {
		bk_err_set(err, 404, bk_docstore_not_found);
		goto out;
	}
	if (!bson_iter_recurse(&it, &doc)) {
		bk_docstore_fail(err, "update", "corrupt reply");
		goto out;
	}
	*after = mongo_json_doc(&doc, false);
	rc = 0;
out:
	bson_destroy(&reply);
	bson_destroy(&update);
	bson_destroy(fields);
	mongoc_find_and_modify_opts_destroy(fam);
	bson_destroy(filter);
	mongoc_collection_destroy(c);
	return rc;
}

static int
mongo_delete(void *impl, const char *coll, const char *id,
    struct bk_err *err)
{
	struct mongo_store	*m = impl;
	mongoc_collection_t	*c;
	bson_t			*filter, reply;
	bson_iter_t		 it;
	bson_error_t		 e;
	int			 rc = -1;

	c = mongoc_client_get_collection(m->client, m->db, coll);
	filter = mongo_by_id(id);
	if (!mongoc_collection_delete_one(c, filter, NULL, &reply, &e)) {
		mongo_fail(&e, "delete", err);
		goto out;
	}
	if (!bson_iter_init_find(&it, &reply, "deletedCount") ||
	    bson_iter_as_int64(&it) == 0) {
		bk_err_set(err, 404, bk_docstore_not_found);
		goto out;
	}
	rc = 0;
out:
	bson_destroy(&reply);
	bson_destroy(filter);
	mongoc_collection_destroy(c);
	return rc;
}

static int
mongo_list(void *impl, const char *coll, const cJSON *filter,
    const char *sort_field, bool desc, long limit, long offset,
    cJSON **list, long *total, struct bk_err *err)
{
	struct mongo_store	*m = impl;
	mongoc_collection_t	*c;
	mongoc_cursor_t		*cursor = NULL;
	bson_t			*query = NULL, opts, sort;
	bson_error_t		 e;
	int64_t			 n;
	int32_t			 dir = desc ? -1 : 1;
	cJSON			*arr = NULL;
	int			 rc = -1;

	c = mongoc_client_get_collection(m->client, m->db, coll);
	bson_init(&opts);
	if (mongo_bson(filter, "list", &query, err) != 0)
		goto out;
	n = mongoc_collection_count_documents(c, query, NULL, NULL, NULL, &e);
	if (n < 0) {
		mongo_fail(&e, "list", err);
		goto out;
	}
	/* Ties, and no sort field at all, fall back to the id: its time and
	 * counter make it the insertion order. */
	bson_append_document_begin(&opts, "sort", -1, &sort);
	if (sort_field != NULL)
		bson_append_int32(&sort, sort_field, -1, dir);
	bson_append_int32(&sort, "_id", -1, dir);
	bson_append_document_end(&opts, &sort);
	if (offset > 0)
		bson_append_int64(&opts, "skip", -1, offset);
	if (limit > 0)
		bson_append_int64(&opts, "limit", -1, limit);
	cursor = mongoc_collection_find_with_opts(c, query, &opts, NULL);
	arr = cJSON_CreateArray();
	if (mongo_drain(cursor, arr, false, "list", err) != 0)
		goto out;
	*total = (long)n;
	*list = arr;
	arr = NULL;
	rc = 0;
out:
	cJSON_Delete(arr);
	mongoc_cursor_destroy(cursor);
	bson_destroy(&opts);
	bson_destroy(query);
	mongoc_collection_destroy(c);
	return rc;
}

const struct bk_docstore_ops bk_docstore_mongo_ops = {
	.kind = "mongodb",
	.open = mongo_open,
	.close = mongo_close,
	.ping = mongo_ping,
	.insert = mongo_insert,
	.get = mongo_get,
	.find_one = mongo_find_one,
	.update = mongo_update,
	.delete = mongo_delete,
	.list = mongo_list,
};
