/* Body decoding and the field checks shared by handlers. Every failure
 * appends a 422 item in FastAPI's shape (SPEC §1.8) to err and returns -1;
 * handlers read all their fields, then fail once if err has items:
 *
 *	bk_body_str(req, "name", BK_REQUIRED | BK_TRIM, 1, 100, &name, err);
 *	bk_body_int(req, "area_id", BK_REQUIRED | BK_GT, 0, INT_MAX, &a, NULL,
 *	    err);
 *	if (err->nitems > 0)
 *		return bk_fail_err(res);
 */
#ifndef BK_VALIDATE_H
#define BK_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "http.h"

#define BK_JSON_MAX_DEPTH	32

/* Field flags. */
#define BK_REQUIRED	0x01	/* absent → "missing" */
#define BK_TRIM		0x02	/* strings: strip surrounding white space */
#define BK_NULLABLE	0x04	/* JSON null accepted (reads as absent) */
#define BK_BLANK_NULL	0x08	/* strings: blank after trim reads as null */
#define BK_GT		0x10	/* numbers: min is exclusive (> min) */
#define BK_UPPER	0x20	/* strings: upper-case ASCII letters */

/*
 * Parse a JSON body: UTF-8, depth <= 32, no duplicate keys. On success
 * *out is the document (caller owns); on failure -1 with a 422 in err.
 */
int	bk_json_parse(struct bk_arena *, const char *body, size_t len,
	    cJSON **out, struct bk_err *err);

/* The body must be a JSON object (a missing body counts as {}). */
int	bk_body_object(const struct bk_req *, struct bk_err *);

/* Whether the body has the key (null included). */
bool	bk_body_has(const struct bk_req *, const char *field);

/*
 * Typed reads of body fields. *out is untouched when the field is absent
 * (or null with BK_NULLABLE, or blank with BK_BLANK_NULL); *present (may
 * be NULL) says whether a value was read. Lengths count code points.
 */
int	bk_body_str(const struct bk_req *, const char *field, unsigned flags,
	    long minlen, long maxlen, const char **out, struct bk_err *);
int	bk_body_int(const struct bk_req *, const char *field, unsigned flags,
	    long min, long max, long *out, bool *present, struct bk_err *);
int	bk_body_bool(const struct bk_req *, const char *field, unsigned flags,
	    bool *out, bool *present, struct bk_err *);
/* Decimal with at most two places, as integer hundredths (paise). */
int	bk_body_decimal(const struct bk_req *, const char *field,
	    unsigned flags, int64_t min, int64_t max, int64_t *out,
	    bool *present, struct bk_err *);
/* YYYY-MM-DD (returned as given) and HH:MM[:SS] (returned as HH:MM:SS). */
int	bk_body_date(const struct bk_req *, const char *field, unsigned flags,
	    const char **out, struct bk_err *);
int	bk_body_time(const struct bk_req *, const char *field, unsigned flags,
	    const char **out, struct bk_err *);
/* Lists of integers / strings; *n items in arena arrays. Item checks:
 * ints within min..max (with BK_GT), strings trimmed, blanks dropped. */
int	bk_body_int_list(const struct bk_req *, const char *field,
	    unsigned flags, long min, long max, long maxitems, long **out,
	    int *n, bool *present, struct bk_err *);
int	bk_body_str_list(const struct bk_req *, const char *field,
	    unsigned flags, long minlen, long maxlen, long maxitems,
	    const char ***out, int *n, bool *present, struct bk_err *);
/* A phone (JSON integer or digit string) 6000000000..9999999999, as
 * decimal text. */
int	bk_body_phone(const struct bk_req *, const char *field, unsigned flags,
	    const char **out, struct bk_err *);
/* An e-mail address: trimmed, <= 254, local@domain.tld, lower-cased. */
int	bk_body_email(const struct bk_req *, const char *field,
	    unsigned flags, const char **out, struct bk_err *);
/* A new password under the policy of SPEC §2.1. */
int	bk_body_password(const struct bk_req *, const char *field,
	    unsigned flags, const char **out, struct bk_err *);

/* Append a custom rule failure: type value_error, msg "Value error,
 * <text>", ctx {"error": text}, at loc body[.field] (field may be NULL). */
int	bk_err_value(struct bk_err *, struct bk_arena *, const char *field,
	    const char *text);

/* List parameters of SPEC §1.7. */
struct bk_page {
	long		 limit;		/* 1..500, default 100 */
	long		 offset;	/* >= 0 */
	const char	*q;		/* NULL: no search; else lower-cased */
	const char	*sort;		/* one of the allowed names, '-' kept */
};

/*
 * Read limit, offset, q and sort. allowed is a NULL-terminated list of
 * sortable names; sort defaults to dflt. Bad values append 422s.
 */
int	bk_page_parse(const struct bk_req *, const char *const *allowed,
	    const char *dflt, struct bk_page *, struct bk_err *);
/* Query integer / boolean (true/false/1/0/yes/no/on/off). */
int	bk_query_int(const struct bk_req *, const char *name, long min,
	    long max, long *out, bool *present, struct bk_err *);
int	bk_query_bool(const struct bk_req *, const char *name, bool *out,
	    bool *present, struct bk_err *);

#endif
