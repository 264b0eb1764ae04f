/* Reading the server's JSON into the model: typed member getters that
 * tolerate absent or mistyped members (they answer a default), ISO 8601
 * instants and money strings. Pure; no allocation except the dup calls. */
#ifndef TUI_MODEL_JSON_H
#define TUI_MODEL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <cJSON.h>

char		*tui_json_dup(const cJSON *, const char *);
const char	*tui_json_str(const cJSON *, const char *);
long		 tui_json_long(const cJSON *, const char *, long);
int64_t		 tui_json_i64(const cJSON *, const char *, int64_t);
bool		 tui_json_bool(const cJSON *, const char *);
bool		 tui_json_is_null(const cJSON *, const char *);
time_t		 tui_json_time(const cJSON *, const char *);
time_t		 tui_time_parse(const char *);
int64_t		 tui_json_money(const cJSON *, const char *);
int64_t		 tui_money_parse_any(const cJSON *);
char		*tui_json_text(const cJSON *, const char *);

#endif
