/* The document store's shared half: the choice of implementation, the
 * checks every call makes, document ids, §1.4 instants and the defaults.
 *
 * A store is a row of the ops table (docstore_mongo.c, docstore_pg.c) and
 * that implementation's state. Everything both implementations must agree
 * on lives here, so they cannot drift apart: names and ids are checked
 * before an implementation sees them (a bad name is a caller's bug, a bad
 * id is simply not found), ids are made here (4 bytes of time, 5 random
 * bytes drawn when the store opens and a 3-byte counter, the shape of a
 * MongoDB ObjectId), and "_id" is never part of an update.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "config.h"
#include "docstore.h"
#include "log.h"
#include "xmalloc.h"

/* Owned by one worker thread, like the PGconn it may borrow. */
struct bk_docstore {
	const struct bk_docstore_ops	*ops;
	void				*impl;
	unsigned char			 rnd[5];	/* for ids */
	uint32_t			 counter;	/* low 24 bits */
};

const char bk_docstore_not_found[] = "Document not found.";
const char bk_docstore_exists[] = "Document already exists.";
const char bk_docstore_internal[] =
    "An unexpected error occurred. Please try again later.";

/* Fields MongoDB keeps as dates (SPEC §4.8). */
static const char *const docstore_instant_fields[] = {
	"created_at", "updated_at", "responded_at",
};

/* SPEC §11.8: one row per default document. */
enum docstore_seed_type { SEED_INT, SEED_BOOL, SEED_STR };

static const struct docstore_seed {
	const char		*coll;
	const char		*key;		/* NULL: the only doc */
	const char		*key_value;
	const char		*field;
	enum docstore_seed_type	 type;
	int			 num;		/* SEED_INT, _BOOL */
	const char		*str;		/* SEED_STR */
} docstore_seeds[] = {
	{ "gst", NULL, NULL, "percent", SEED_INT, 18, NULL },
	{ "app_settings", "setting_id", "validation_automation", "state",
	    SEED_BOOL, 0, NULL },
	{ "app_settings", "setting_id", "analysis_validation_automation",
	    "state", SEED_BOOL, 0, NULL },
	{ "app_settings", "setting_id", "assignment_automation", "state",
	    SEED_BOOL, 1, NULL },
	{ "content", "content_id", "home_banner", "data", SEED_STR, 0,
	    "Doorstep car service across Chennai" },
	{ "content", "content_id", "about_us", "data", SEED_STR, 0,
	    "RevCare picks up your car, services it at our workshop and "
	    "brings it back." },
};

int
bk_docstore_fail(struct bk_err *err, const char *what, const char *why)
{
	size_t	n;

	/* libpq's messages end with a newline; one log line per error. */
	n = strlen(why);
	while (n > 0 && isspace((unsigned char)why[n - 1]))
		n--;
	bk_log_error("docstore: %s: %.*s", what, (int)n, why);
	return bk_err_set(err, 500, bk_docstore_internal);
}

/* Letters, digits and underscores, 1..64 of them: safe as a MongoDB key
 * or collection name and as a JSONB key, with no operators or paths. */
static bool
docstore_name_is_valid(const char *name)
{
	size_t	i;

	if (name == NULL || name[0] == '\0')
		return false;
	for (i = 0; name[i] != '\0'; i++)
		if (i == 64 || (!isalnum((unsigned char)name[i]) &&
		    name[i] != '_'))
			return false;
	return true;
}

static bool
docstore_id_is_valid(const char *id)
{
	size_t	i;

	if (id == NULL)
		return false;
	for (i = 0; i < BK_DOCSTORE_ID_LEN; i++)
		if (!isdigit((unsigned char)id[i]) &&
		    (id[i] < 'a' || id[i] > 'f'))
			return false;
	return id[i] == '\0';
}

static int
docstore_check_names(const char *what, const char *coll, const char *field,
    struct bk_err *err)
{
	if (!docstore_name_is_valid(coll))
		return bk_docstore_fail(err, what, "bad collection name");
	if (field != NULL && !docstore_name_is_valid(field))
		return bk_docstore_fail(err, what, "bad field name");
	return 0;
}

/* Make a new id: seconds (big-endian), the store's random bytes, then the
 * counter, so ids from one store sort by time and then by insertion. */
static void
docstore_id_make(struct bk_docstore *ds, char out[BK_DOCSTORE_ID_LEN + 1])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 b[12];
	uint32_t		 t, c;
	size_t			 i;

	t = (uint32_t)time(NULL);
	c = ds->counter++ & 0xffffff;
	b[0] = t >> 24;
	b[1] = t >> 16;
	b[2] = t >> 8;
	b[3] = t;
	memcpy(b + 4, ds->rnd, sizeof ds->rnd);
	b[9] = c >> 16;
	b[10] = c >> 8;
	b[11] = c;
	for (i = 0; i < sizeof b; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 0xf];
	}
	out[BK_DOCSTORE_ID_LEN] = '\0';
}

bool
bk_docstore_is_instant_field(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof docstore_instant_fields /
	    sizeof docstore_instant_fields[0]; i++)
		if (strcmp(name, docstore_instant_fields[i]) == 0)
			return true;
	return false;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), so no time zone or time_t range is involved. */
static int64_t
docstore_days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
docstore_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The number in s[0..n), which must be all digits. */
static bool
docstore_digits(const char *s, int n, int *out)
{
	int	i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

bool
bk_docstore_time_parse(const char *s, int64_t *us)
{
	static const int	 mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			 y, mo, d, h, mi, sec, frac;
	bool			 leap;

	if (strlen(s) != BK_DOCSTORE_TIME_LEN || s[4] != '-' ||
	    s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != '.' || s[26] != 'Z')
		return false;
	if (!docstore_digits(s, 4, &y) || !docstore_digits(s + 5, 2, &mo) ||
	    !docstore_digits(s + 8, 2, &d) ||
	    !docstore_digits(s + 11, 2, &h) ||
	    !docstore_digits(s + 14, 2, &mi) ||
	    !docstore_digits(s + 17, 2, &sec) ||
	    !docstore_digits(s + 20, 6, &frac))
		return false;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || sec > 59)
		return false;
	*us = ((docstore_days_from_civil(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + sec) * 1000000) + frac;
	return true;
}

/* Write v (0 <= v < 10^n) as exactly n digits at p. */
static void
docstore_put_digits(char *p, int n, int64_t v)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
bk_docstore_time_format(int64_t us, char out[BK_DOCSTORE_TIME_LEN + 1])
{
	/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z */
	const int64_t	lo = -62167219200LL * 1000000;
	const int64_t	hi = 253402300800LL * 1000000 - 1;
	int64_t		days, rem, y;
	int		m, d;

	if (us < lo)
		us = lo;
	if (us > hi)
		us = hi;
	days = us / 86400000000LL;
	rem = us % 86400000000LL;
	if (rem < 0) {
		rem += 86400000000LL;
		days--;
	}
	docstore_civil_from_days(days, &y, &m, &d);
	memcpy(out, "0000-00-00T00:00:00.000000Z", BK_DOCSTORE_TIME_LEN + 1);
	docstore_put_digits(out, 4, y);
	docstore_put_digits(out + 5, 2, m);
	docstore_put_digits(out + 8, 2, d);
	docstore_put_digits(out + 11, 2, rem / 3600000000LL);
	docstore_put_digits(out + 14, 2, rem / 60000000 % 60);
	docstore_put_digits(out + 17, 2, rem / 1000000 % 60);
	docstore_put_digits(out + 20, 6, rem % 1000000);
}

struct bk_docstore *
bk_docstore_new(const struct bk_config *cfg, PGconn *pg, char *errbuf,
    size_t errlen)
{
	struct bk_docstore	*ds;
	unsigned char		 seed[8];

	if (getrandom(seed, sizeof seed, 0) != (ssize_t)sizeof seed) {
		snprintf(errbuf, errlen, "document store: no random bytes");
		return NULL;
	}
	ds = xcalloc(1, sizeof *ds);
	if (cfg != NULL && cfg->mongodb_uri != NULL &&
	    cfg->mongodb_uri[0] != '\0')
		ds->ops = &bk_docstore_mongo_ops;
	else
		ds->ops = &bk_docstore_pg_ops;
	memcpy(ds->rnd, seed, sizeof ds->rnd);
	ds->counter = (uint32_t)seed[5] << 16 | (uint32_t)seed[6] << 8 |
	    seed[7];
	ds->impl = ds->ops->open(cfg, pg, errbuf, errlen);
	if (ds->impl == NULL) {
		free(ds);
		return NULL;
	}
	return ds;
}

void
bk_docstore_free(struct bk_docstore *ds)
{
	if (ds == NULL)
		return;
	ds->ops->close(ds->impl);
	free(ds);
}

const char *
bk_docstore_kind(const struct bk_docstore *ds)
{
	return ds->ops->kind;
}

int
bk_docstore_ping(struct bk_docstore *ds, struct bk_err *err)
{
	return ds->ops->ping(ds->impl, err);
}

int
bk_docstore_insert(struct bk_docstore *ds, const char *coll,
    const cJSON *doc, char id_out[BK_DOCSTORE_ID_LEN + 1],
    struct bk_err *err)
{
	cJSON		*copy = NULL, *item, *dup;
	char		 id[BK_DOCSTORE_ID_LEN + 1];
	int		 rc = -1;

	if (docstore_check_names("insert", coll, NULL, err) != 0)
		goto out;
	if (!cJSON_IsObject(doc)) {
		bk_docstore_fail(err, "insert", "document is not an object");
		goto out;
	}
	docstore_id_make(ds, id);
	copy = cJSON_CreateObject();
	cJSON_AddStringToObject(copy, "_id", id);
	cJSON_ArrayForEach(item, doc) {
		if (item->string == NULL || strcmp(item->string, "_id") == 0)
			continue;
		dup = cJSON_Duplicate(item, true);
		if (dup == NULL) {
			bk_docstore_fail(err, "insert", "cannot copy field");
			goto out;
		}
		cJSON_AddItemToObject(copy, item->string, dup);
	}
	if (ds->ops->insert(ds->impl, coll, copy, err) != 0)
		goto out;
	memcpy(id_out, id, sizeof id);
	rc = 0;
out:
	cJSON_Delete(copy);
	return rc;
}

int
bk_docstore_get(struct bk_docstore *ds, const char *coll, const char *id,
    cJSON **out, struct bk_err *err)
{
	*out = NULL;
	if (docstore_check_names("get", coll, NULL, err) != 0)
		return -1;
	if (!docstore_id_is_valid(id))
		return bk_err_set(err, 404, bk_docstore_not_found);
	return ds->ops->get(ds->impl, coll, id, out, err);
}

int
bk_docstore_find_one(struct bk_docstore *ds, const char *coll,
    const char *field, const char *value, cJSON **out, struct bk_err *err)
{
	*out = NULL;
	if (docstore_check_names("find_one", coll, field, err) != 0)
		return -1;
	if (value == NULL)
		return bk_docstore_fail(err, "find_one", "no value");
	return ds->ops->find_one(ds->impl, coll, field, value, out, err);
}

int
bk_docstore_update(struct bk_docstore *ds, const char *coll, const char *id,
    const cJSON *set, cJSON **after, struct bk_err *err)
{
	cJSON	*fields = NULL, *item, *dup, *doc = NULL;
	int	 rc = -1;

	if (after != NULL)
		*after = NULL;
	if (docstore_check_names("update", coll, NULL, err) != 0)
		goto out;
	if (!cJSON_IsObject(set)) {
		bk_docstore_fail(err, "update", "$set is not an object");
		goto out;
	}
	if (!docstore_id_is_valid(id)) {
		bk_err_set(err, 404, bk_docstore_not_found);
		goto out;
	}
	fields = cJSON_CreateObject();
	cJSON_ArrayForEach(item, set) {
		if (item->string == NULL || strcmp(item->string, "_id") == 0)
			continue;
		if (!docstore_name_is_valid(item->string)) {
			bk_docstore_fail(err, "update", "bad field name");
			goto out;
		}
		dup = cJSON_Duplicate(item, true);
		if (dup == NULL) {
			bk_docstore_fail(err, "update", "cannot copy field");
			goto out;
		}
		cJSON_AddItemToObject(fields, item->string, dup);
	}
	/* MongoDB refuses an empty $set; an empty update is a read. */
	if (fields->child == NULL) {
		if (ds->ops->get(ds->impl, coll, id, &doc, err) != 0)
			goto out;
	} else if (ds->ops->update(ds->impl, coll, id, fields, &doc,
	    err) != 0)
		goto out;
	if (after != NULL) {
		*after = doc;
		doc = NULL;
	}
	rc = 0;
out:
	cJSON_Delete(doc);
	cJSON_Delete(fields);
	return rc;
}

int
bk_docstore_delete(struct bk_docstore *ds, const char *coll, const char *id,
    struct bk_err *err)
{
	if (docstore_check_names("delete", coll, NULL, err) != 0)
		return -1;
	if (!docstore_id_is_valid(id))
		return bk_err_set(err, 404, bk_docstore_not_found);
	return ds->ops->delete(ds->impl, coll, id, err);
}

int
bk_docstore_list(struct bk_docstore *ds, const char *coll,
    const cJSON *filter, const char *sort_field, bool desc, long limit,
    long offset, cJSON **list, long *total, struct bk_err *err)
{
	const cJSON	*item;

	*list = NULL;
	*total = 0;
	if (docstore_check_names("list", coll, sort_field, err) != 0)
		return -1;
	if (filter != NULL) {
		if (!cJSON_IsObject(filter))
			return bk_docstore_fail(err, "list",
			    "filter is not an object");
		cJSON_ArrayForEach(item, filter)
			if (!docstore_name_is_valid(item->string) ||
			    !cJSON_IsString(item))
				return bk_docstore_fail(err, "list",
				    "filter is not {field: string}");
		if (filter->child == NULL)
			filter = NULL;
	}
	return ds->ops->list(ds->impl, coll, filter, sort_field, desc,
	    limit > 0 ? limit : 0, offset > 0 ? offset : 0, list, total, err);
}

/* The default document of row s, stamped now. */
static cJSON *
docstore_seed_doc(const struct docstore_seed *s)
{
	struct timespec	 ts;
	char		 now[BK_DOCSTORE_TIME_LEN + 1];
	cJSON		*doc;

	clock_gettime(CLOCK_REALTIME, &ts);
	bk_docstore_time_format((int64_t)ts.tv_sec * 1000000 +
	    ts.tv_nsec / 1000, now);
	doc = cJSON_CreateObject();
	if (s->key != NULL)
		cJSON_AddStringToObject(doc, s->key, s->key_value);
	switch (s->type) {
	case SEED_INT:
		cJSON_AddNumberToObject(doc, s->field, s->num);
		break;
	case SEED_BOOL:
		cJSON_AddBoolToObject(doc, s->field, s->num != 0);
		break;
	case SEED_STR:
		cJSON_AddStringToObject(doc, s->field, s->str);
		break;
	}
	cJSON_AddStringToObject(doc, "updated_by", "system");
	cJSON_AddStringToObject(doc, "updated_at", now);
	return doc;
}

/* Whether row s already has its document. */
static int
docstore_seed_present(struct bk_docstore *ds, const struct docstore_seed *s,
    bool *present, struct bk_err *err)
{
	cJSON	*found = NULL;
	long	 total = 0;

	if (s->key != NULL) {
		if (ds->ops->find_one(ds->impl, s->coll, s->key, s->key_value,
		    &found, err) != 0)
			return -1;
		*present = found != NULL;
	} else {
		if (ds->ops->list(ds->impl, s->coll, NULL, NULL, false, 1, 0,
		    &found, &total, err) != 0)
			return -1;
		*present = total > 0;
	}
	cJSON_Delete(found);
	return 0;
}

int
bk_docstore_seed_defaults(struct bk_docstore *ds, struct bk_err *err)
{
	const struct docstore_seed	*s;
	cJSON				*doc = NULL;
	char				 id[BK_DOCSTORE_ID_LEN + 1];
	bool				 present;
	size_t				 i;
	int				 rc = -1;

	for (i = 0; i < sizeof docstore_seeds / sizeof docstore_seeds[0];
	    i++) {
		s = &docstore_seeds[i];
		if (docstore_seed_present(ds, s, &present, err) != 0)
			goto out;
		if (present)
			continue;
		doc = docstore_seed_doc(s);
		if (bk_docstore_insert(ds, s->coll, doc, id, err) != 0) {
			/* Another node seeded it meanwhile: that is fine. */
			if (err->status != 409)
				goto out;
			bk_err_set(err, 0, NULL);
		} else
			bk_log_info("docstore: inserted default %s %s", s->coll,
			    s->key_value != NULL ? s->key_value : s->field);
		cJSON_Delete(doc);
		doc = NULL;
	}
	rc = 0;
out:
	cJSON_Delete(doc);
	return rc;
}
