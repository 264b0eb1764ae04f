/* The GST rate (SPEC §6.1): one document {percent, updated_by,
 * updated_at} in the document store's gst collection. */
#ifndef BK_DB_GST_H
#define BK_DB_GST_H

#include <cjson/cJSON.h>

#include "http.h"

struct bk_db;

/* The current rate, 0..100; 500 (logged) if the document is missing. */
int	bk_db_gst_percent(struct bk_db *, int *percent, struct bk_err *);
/* The document as {percent, updated_by, updated_at} (caller owns). */
int	bk_db_gst_get(struct bk_db *, cJSON **out, struct bk_err *);
/* Set the rate; *created says whether the document had to be made. */
int	bk_db_gst_set(struct bk_db *, int percent, const char *by,
	    bool *created, struct bk_err *);

#endif
