/* Automation settings (SPEC §8.12): three switches kept in the document
 * store's app_settings collection. */
#ifndef BK_DB_SETTINGS_H
#define BK_DB_SETTINGS_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "http.h"

struct bk_db;

/* X(enum suffix, setting_id, default) */
#define BK_SETTINGS(X) \
	X(VALIDATION, "validation_automation", false) \
	X(ANALYSIS_VALIDATION, "analysis_validation_automation", false) \
	X(ASSIGNMENT, "assignment_automation", true)

enum bk_setting {
#define X(e, id, d) BK_SETTING_##e,
	BK_SETTINGS(X)
#undef X
	BK_SETTING_COUNT
};

/* The switch's state (its default when never set). */
int	bk_db_settings_get(struct bk_db *, enum bk_setting, bool *state,
	    struct bk_err *);
/* Set it, recording who. */
int	bk_db_settings_set(struct bk_db *, enum bk_setting, bool state,
	    const char *by, struct bk_err *);
/* All three as [{setting_id, state, updated_by, updated_at}]. */
int	bk_db_settings_list(struct bk_db *, cJSON **out, struct bk_err *);
const char *bk_db_settings_name(enum bk_setting);

#endif
