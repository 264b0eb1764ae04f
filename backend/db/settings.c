/* Automation switches on the document store (MongoDB or JSONB). */
#include <stdio.h>
#include <time.h>

#include "db/conn.h"
#include "db/settings.h"
#include "docstore.h"

static const struct {
	const char	*id;
	bool		 dflt;
} settings_table[] = {
#define X(e, id, d) { id, d },
	BK_SETTINGS(X)
#undef X
};

const char *
bk_db_settings_name(enum bk_setting s)
{
	return settings_table[s].id;
}

static void
settings_now(char buf[64])
{
	struct timespec	ts;
	struct tm	tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000);
}

int
bk_db_settings_get(struct bk_db *db, enum bk_setting s, bool *state,
    struct bk_err *err)
{
	cJSON	*doc = NULL;

	if (bk_docstore_find_one(db->docs, "app_settings", "setting_id",
	    settings_table[s].id, &doc, err) != 0)
		return -1;
	*state = settings_table[s].dflt;
	if (doc != NULL && cJSON_IsBool(cJSON_GetObjectItem(doc, "state")))
		*state = cJSON_IsTrue(cJSON_GetObjectItem(doc, "state"));
	cJSON_Delete(doc);
	return 0;
}

int
bk_db_settings_set(struct bk_db *db, enum bk_setting s, bool state,
    const char *by, struct bk_err *err)
{
	cJSON	*doc = NULL, *set;
	char	 now[64], id[BK_DOCSTORE_ID_LEN + 1];
	int	 rc;

	if (bk_docstore_find_one(db->docs, "app_settings", "setting_id",
	    settings_table[s].id, &doc, err) != 0)
		return -1;
	settings_now(now);
	set = cJSON_CreateObject();
	cJSON_AddStringToObject(set, "setting_id", settings_table[s].id);
	cJSON_AddBoolToObject(set, "state", state);
	cJSON_AddStringToObject(set, "updated_by", by);
	cJSON_AddStringToObject(set, "updated_at", now);
	if (doc != NULL)
		rc = bk_docstore_update(db->docs, "app_settings",
		    cJSON_GetObjectItem(doc, "_id")->valuestring, set, NULL,
		    err);
	else
		rc = bk_docstore_insert(db->docs, "app_settings", set, id, err);
	cJSON_Delete(set);
	cJSON_Delete(doc);
	return rc;
}

int
bk_db_settings_list(struct bk_db *db, cJSON **out, struct bk_err *err)
{
	cJSON	*list, *o, *doc, *v;
	int	 i;

	list = cJSON_CreateArray();
	for (i = 0; i < BK_SETTING_COUNT; i++) {
		doc = NULL;
		if (bk_docstore_find_one(db->docs, "app_settings",
		    "setting_id", settings_table[i].id, &doc, err) != 0) {
			cJSON_Delete(list);
			return -1;
		}
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "setting_id", settings_table[i].id);
		v = doc != NULL ? cJSON_GetObjectItem(doc, "state") : NULL;
		cJSON_AddBoolToObject(o, "state", cJSON_IsBool(v) ?
		    cJSON_IsTrue(v) : settings_table[i].dflt);
		v = doc != NULL ? cJSON_GetObjectItem(doc, "updated_by") : NULL;
		cJSON_AddItemToObject(o, "updated_by", cJSON_IsString(v) ?
		    cJSON_CreateString(v->valuestring) : cJSON_CreateNull());
		v = doc != NULL ? cJSON_GetObjectItem(doc, "updated_at") : NULL;
		cJSON_AddItemToObject(o, "updated_at", cJSON_IsString(v) ?
		    cJSON_CreateString(v->valuestring) : cJSON_CreateNull());
		cJSON_AddItemToArray(list, o);
		cJSON_Delete(doc);
	}
	*out = list;
	return 0;
}
