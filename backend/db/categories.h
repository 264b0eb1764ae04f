/* Service categories SQL: the catalogue's top level (name, description,
 * image), soft-deleted and refused while live services use them. */
#ifndef BK_DB_CATEGORIES_H
#define BK_DB_CATEGORIES_H

#include "http.h"
#include "validate.h"

struct bk_db;

/* One page of live categories as a JSON array text (arena), the total. */
int	bk_db_categories_list(struct bk_db *, struct bk_arena *,
	    const struct bk_page *, const char **json, long *total,
	    struct bk_err *);
/* Insert; the ServiceCategoryResponse as JSON text and its id. 400
 * "Service category already exists." when the name is taken. */
int	bk_db_categories_create(struct bk_db *, struct bk_arena *,
	    const char *name, const char *description, const char *image,
	    const char **json, const char **id, struct bk_err *);
/* Update the given fields (NULL keeps one); 404 if no live category has
 * the id, 400 when the new name is taken. */
int	bk_db_categories_update(struct bk_db *, struct bk_arena *, long id,
	    const char *name, const char *description, const char *image,
	    const char **json, struct bk_err *);
/* Soft delete; 404 if not live, 409 "ServiceCategory is in use." while
 * live services belong to it. */
int	bk_db_categories_delete(struct bk_db *, long id, struct bk_err *);

#endif
