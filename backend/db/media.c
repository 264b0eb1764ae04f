/* Media SQL. Bytes go to PostgreSQL as a hex bytea literal in a text
 * parameter and come back through PQunescapeBytea, so NUL bytes are safe
 * both ways. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/media.h"
#include "db/services.h"
#include "validate.h"

#define MEDIA_URL_MAX	500

static const char *sql_put =
    "INSERT INTO media (id, content_type, size_bytes, data, uploaded_by)"
    " VALUES ($1, $2, $3, $4::bytea, $5) ON CONFLICT (id) DO NOTHING"
    " RETURNING 1";

static const char *sql_get =
    "SELECT content_type, data FROM media WHERE id = $1";

/* Whether each id names a stored image, in the order given. */
static const char *sql_exist =
    "SELECT EXISTS (SELECT 1 FROM media m WHERE m.id = u.id)"
    " FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) ORDER BY u.n";

int
bk_db_media_put(struct bk_db *db, const char *id, const char *ctype,
    const char *data, size_t len, const char *uploaded_by, bool *created,
    struct bk_err *err)
{
	static const char	 hex[] = "0123456789abcdef";
	PGresult		*res;
	const char		*p[5];
	char			*lit, size[24];
	size_t			 i;

	lit = malloc(2 * len + 3);
	if (lit == NULL)
		return bk_err_set(err, 500, NULL);
	lit[0] = '\\';
	lit[1] = 'x';
	for (i = 0; i < len; i++) {
		lit[2 + 2 * i] = hex[(unsigned char)data[i] >> 4];
		lit[3 + 2 * i] = hex[(unsigned char)data[i] & 0x0f];
	}
	lit[2 + 2 * len] = '\0';
	snprintf(size, sizeof size, "%zu", len);
	p[0] = id;
	p[1] = ctype;
	p[2] = size;
	p[3] = lit;
	p[4] = uploaded_by;
	res = bk_db_query(db, sql_put, 5, p, err);
	free(lit);
	if (res == NULL)
		return -1;
	*created = PQntuples(res) == 1;
	PQclear(res);
	return 0;
}

int
bk_db_media_get(struct bk_db *db, struct bk_arena *a, const char *id,
    const char **ctype, const char **data, size_t *len, struct bk_err *err)
{
	PGresult	*res;
	const char	*p[1] = { id };
	unsigned char	*raw = NULL;
	char		*copy;
	size_t		 n;
	int		 rc = -1;

	res = bk_db_query(db, sql_get, 1, p, err);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		bk_err_set(err, 404, "Media not found.");
		goto out;
	}
	raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 1), &n);
	if (raw == NULL) {
		bk_err_set(err, 500, NULL);
		goto out;
	}
	copy = bk_arena_alloc(a, n + 1);
	memcpy(copy, raw, n);
	copy[n] = '\0';
	*ctype = bk_db_str(a, res, 0, 0);
	*data = copy;
	*len = n;
	rc = 0;
out:
	PQfreemem(raw);
	PQclear(res);
	return rc;
}

/* Drop repeated urls in place, keeping the first of each. */
static void
media_dedupe(const char **urls, int *n)
{
	int	i, j, k = 0;

	for (i = 0; i < *n; i++) {
		for (j = 0; j < k; j++)
			if (strcmp(urls[j], urls[i]) == 0)
				break;
		if (j == k)
			urls[k++] = urls[i];
	}
	*n = k;
}

static long
media_utf8_len(const char *s)
{
	long	n = 0;

	for (; *s != '\0'; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The uploaded images among urls must exist: one statement for all. */
static int
media_check_stored(struct bk_db *db, struct bk_arena *a, const char *field,
    const char **urls, int n, struct bk_err *err)
{
	size_t		 plen = strlen(BK_MEDIA_URL_PREFIX);
	const char	**ids, **which, *p[1];
	PGresult	*res;
	int		 i, k = 0, before = err->nitems;

	ids = bk_arena_alloc(a, sizeof *ids * (size_t)(n + 1));
	which = bk_arena_alloc(a, sizeof *which * (size_t)(n + 1));
	for (i = 0; i < n; i++)
		if (strncmp(urls[i], BK_MEDIA_URL_PREFIX, plen) == 0) {
			which[k] = urls[i];
			ids[k++] = urls[i] + plen;
		}
	if (k == 0)
		return 0;
	p[0] = bk_db_text_array(a, ids, k);
	res = bk_db_query(db, sql_exist, 1, p, err);
	if (res == NULL)
		return -1;
	for (i = 0; i < k && i < PQntuples(res); i++)
		if (!bk_db_bool(res, i, 0))
			bk_err_value(err, a, field, bk_arena_printf(a,
			    "Invalid image URL: %s", which[i]));
	PQclear(res);
	return err->nitems > before ? -1 : 0;
}

int
bk_db_media_check_images(struct bk_db *db, struct bk_arena *a,
    const char *field, const char **urls, int *n, int min, int max,
    struct bk_err *err)
{
	int	i, before = err->nitems;

	media_dedupe(urls, n);
	if (*n < min)
		return bk_err_value(err, a, field, min == 1 ?
		    "Atleast 1 image is required" : bk_arena_printf(a,
		    "Atleast %d images are required", min));
	if (*n > max)
		return bk_err_value(err, a, field, bk_arena_printf(a,
		    "Maximum %d images allowed", max));
	for (i = 0; i < *n; i++) {
		if (strncmp(urls[i], "http://", 7) != 0 &&
		    strncmp(urls[i], "https://", 8) != 0 && urls[i][0] != '/')
			bk_err_value(err, a, field, bk_arena_printf(a,
			    "Invalid image URL: %s", urls[i]));
		else if (media_utf8_len(urls[i]) > MEDIA_URL_MAX)
			bk_err_value(err, a, field, bk_arena_printf(a,
			    "Image URL too long: %s", urls[i]));
	}
	if (err->nitems > before)
		return -1;
	return media_check_stored(db, a, field, urls, *n, err);
}
