/* Areas SQL: the service area lookup (name and pincode), soft-deleted. */
#ifndef BK_DB_AREAS_H
#define BK_DB_AREAS_H

#include "http.h"
#include "validate.h"

struct bk_db;

/* One page of live areas as a JSON array text (arena) and the total. */
int	bk_db_areas_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* Insert; the new AreaResponse as JSON text. */
int	bk_db_areas_create(struct bk_db *, struct bk_arena *, const char *name,
	    long pincode, const char **json, struct bk_err *);
/* Update the given fields (NULL / absent keep theirs); 404 if no live
 * area has the id. */
int	bk_db_areas_update(struct bk_db *, struct bk_arena *, long id,
	    const char *name, const long *pincode, const char **json,
	    struct bk_err *);
/* Soft delete; 404 if no live area has the id. */
int	bk_db_areas_delete(struct bk_db *, long id, struct bk_err *);

#endif
