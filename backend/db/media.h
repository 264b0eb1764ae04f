/* Media SQL: uploaded images stored by content hash (SPEC §8.16), and the
 * image-list rule every image field shares (SPEC §5.8). */
#ifndef BK_DB_MEDIA_H
#define BK_DB_MEDIA_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

struct bk_db;

#define BK_MEDIA_URL_PREFIX	"/api/v1/media/"

/*
 * Store len bytes under id (64 hex digits) unless that id exists;
 * *created says whether a row was added. data is binary-safe.
 */
int	bk_db_media_put(struct bk_db *, const char *id, const char *ctype,
	    const char *data, size_t len, const char *uploaded_by,
	    bool *created, struct bk_err *);
/* The bytes and type of id, copied into the arena; 404 "Media not
 * found.". */
int	bk_db_media_get(struct bk_db *, struct bk_arena *, const char *id,
	    const char **ctype, const char **data, size_t *len,
	    struct bk_err *);
/*
 * The image-list rule of SPEC §5.8 for the body field `field` (urls as
 * read by bk_body_str_list: trimmed, blanks dropped): duplicates dropped
 * in place (*n shrinks), then at least min items (min 1: "Atleast 1
 * image is required") and at most max ("Maximum <max> images allowed"),
 * each starting http://, https:// or / ("Invalid image URL:
 * <url>") and at most 500 characters ("Image URL too long: <url>"); a
 * /api/v1/media/<id> URL must name a stored image ("Invalid image URL:
 * <url>"). Failures append 422 value errors to err and return -1.
 */
int	bk_db_media_check_images(struct bk_db *, struct bk_arena *,
	    const char *field, const char **urls, int *n, int min, int max,
	    struct bk_err *);

#endif
