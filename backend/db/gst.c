/* GST rate on the document store. */
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "db/conn.h"
#include "db/gst.h"
#include "docstore.h"
#include "log.h"

/* The single gst document (caller owns), or NULL with *err set. */
static cJSON *
gst_doc(struct bk_db *db, struct bk_err *err)
{
	cJSON	*list = NULL, *doc;
	long	 total;

	if (bk_docstore_list(db->docs, "gst", NULL, NULL, false, 1, 0, &list,
	    &total, err) != 0)
		return NULL;
	doc = cJSON_DetachItemFromArray(list, 0);
	cJSON_Delete(list);
	return doc;
}

int
bk_db_gst_percent(struct bk_db *db, int *percent, struct bk_err *err)
{
	cJSON	*doc, *v;
	int	 rc = -1;

	doc = gst_doc(db, err);
	v = cJSON_GetObjectItem(doc, "percent");
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 &&
	    v->valuedouble <= 100) {
		*percent = (int)v->valuedouble;
		rc = 0;
	} else if (err->status == 0) {
		bk_log_error("gst: no valid rate in the document store");
		bk_err_set(err, 500, NULL);
	}
	cJSON_Delete(doc);
	return rc;
}

int
bk_db_gst_get(struct bk_db *db, cJSON **out, struct bk_err *err)
{
	cJSON	*doc, *o;
	int	 percent;

	if (bk_db_gst_percent(db, &percent, err) != 0)
		return -1;
	doc = gst_doc(db, err);
	if (doc == NULL)
		return -1;
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "percent", percent);
	cJSON_AddItemToObject(o, "updated_by", cJSON_Duplicate(
	    cJSON_GetObjectItem(doc, "updated_by"), 1));
	cJSON_AddItemToObject(o, "updated_at", cJSON_Duplicate(
	    cJSON_GetObjectItem(doc, "updated_at"), 1));
	cJSON_Delete(doc);
	*out = o;
	return 0;
}

int
bk_db_gst_set(struct bk_db *db, int percent, const char *by, bool *created,
    struct bk_err *err)
{
	struct timespec	 ts;
	struct tm	 tm;
	cJSON		*doc, *set;
	char		 now[64], id[BK_DOCSTORE_ID_LEN + 1];
	int		 rc;

	doc = gst_doc(db, err);
	if (doc == NULL && err->status != 0)
		return -1;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(now, sizeof now, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000);
	set = cJSON_CreateObject();
	cJSON_AddNumberToObject(set, "percent", percent);
	cJSON_AddStringToObject(set, "updated_by", by);
	cJSON_AddStringToObject(set, "updated_at", now);
	*created = doc == NULL;
	if (doc != NULL)
		rc = bk_docstore_update(db->docs, "gst",
		    cJSON_GetObjectItem(doc, "_id")->valuestring, set, NULL,
		    err);
	else
		rc = bk_docstore_insert(db->docs, "gst", set, id, err);
	cJSON_Delete(set);
	cJSON_Delete(doc);
	return rc;
}
