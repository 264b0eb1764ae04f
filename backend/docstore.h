/* The document store: named collections of JSON documents kept in MongoDB
 * (when MONGODB_URI is set) or in PostgreSQL's documents table (JSONB), with
 * one interface and one behaviour for both (SPEC §4.8). */
#ifndef BK_DOCSTORE_H
#define BK_DOCSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "http.h"

struct bk_config;

/*
 * One per worker thread, never shared. Documents are cJSON objects; the id
 * is 24 lowercase hex digits under "_id". Instants are SPEC §1.4 strings
 * ("2025-11-10T08:30:00.000000Z") at this interface. MongoDB keeps the
 * fields created_at, updated_at and responded_at as BSON dates (to the
 * millisecond, so microseconds read back as zeros); the JSONB store keeps
 * the strings as given.
 *
 * Errors of every call: 404 "Document not found." where stated, 409
 * "Document already exists." on a duplicate content_id or setting_id, and
 * otherwise 500 with the real cause logged (never put in err). Collection
 * and field names are letters, digits and underscores; anything else is a
 * caller's bug and answers 500.
 */
struct bk_docstore;

#define BK_DOCSTORE_ID_LEN	24
#define BK_DOCSTORE_TIME_LEN	27	/* 2025-11-10T08:30:00.000000Z */

/*
 * Open the store for the calling thread: MongoDB when cfg->mongodb_uri is
 * set (an own mongoc client on cfg->mongodb_db, with the indexes of §4.8
 * created), else the JSONB store on pg, which stays the caller's (borrowed:
 * documents join the caller's transaction; close pg after the store). cfg
 * may be NULL for the JSONB store. On failure NULL and one line in errbuf.
 */
struct bk_docstore	*bk_docstore_new(const struct bk_config *cfg,
			    PGconn *pg, char *errbuf, size_t errlen);
/* Close the store (and its MongoDB client); NULL does nothing. */
void		 bk_docstore_free(struct bk_docstore *);
/* "mongodb" or "postgresql" (static). */
const char	*bk_docstore_kind(const struct bk_docstore *);
/* Check that the store answers, within about 2 s. */
int		 bk_docstore_ping(struct bk_docstore *, struct bk_err *);

/*
 * Insert a copy of doc under a new id (4 bytes time, 5 random, 3 counter;
 * any "_id" in doc is ignored) and write the id to id_out.
 */
int	bk_docstore_insert(struct bk_docstore *, const char *coll,
	    const cJSON *doc, char id_out[BK_DOCSTORE_ID_LEN + 1],
	    struct bk_err *err);
/* The document with id as a new object in *out (caller deletes); 404 if
 * absent or if id is not 24 lowercase hex digits. */
int	bk_docstore_get(struct bk_docstore *, const char *coll,
	    const char *id, cJSON **out, struct bk_err *err);
/* The first inserted document whose string field equals value, as a new
 * object in *out, or *out = NULL (and 0) if there is none. */
int	bk_docstore_find_one(struct bk_docstore *, const char *coll,
	    const char *field, const char *value, cJSON **out,
	    struct bk_err *err);
/*
 * $set: replace or add each top-level field of set ("_id" is ignored) and
 * put the updated document in *after (caller deletes; after may be NULL
 * when it is not wanted). 404 if absent.
 */
int	bk_docstore_update(struct bk_docstore *, const char *coll,
	    const char *id, const cJSON *set, cJSON **after,
	    struct bk_err *err);
/* Remove the document; 404 if absent. */
int	bk_docstore_delete(struct bk_docstore *, const char *coll,
	    const char *id, struct bk_err *err);
/*
 * A page of documents as a new array in *list (caller deletes) and the
 * number of all matching documents in *total. filter is NULL or an object
 * {field: "string", …} of equalities. sort_field NULL keeps insertion
 * order; otherwise documents are ordered by that field (missing first when
 * ascending, last when descending), then by id. limit <= 0 means no limit;
 * a negative offset counts as 0.
 */
int	bk_docstore_list(struct bk_docstore *, const char *coll,
	    const cJSON *filter, const char *sort_field, bool desc, long limit,
	    long offset, cJSON **list, long *total, struct bk_err *err);
/*
 * Insert the SPEC §11.8 defaults that are missing (gst by presence,
 * app_settings by setting_id, content by content_id), logging each one.
 * Idempotent; never changes an existing document.
 */
int	bk_docstore_seed_defaults(struct bk_docstore *, struct bk_err *err);

/*
 * For docstore_mongo.c and docstore_pg.c only: the operations each store
 * implements, called by docstore.c after it has checked names, ids and
 * filters and made the id. impl is what open returned.
 */
struct bk_docstore_ops {
	const char	*kind;
	void	*(*open)(const struct bk_config *, PGconn *, char *errbuf,
		    size_t errlen);
	void	 (*close)(void *impl);
	int	 (*ping)(void *impl, struct bk_err *);
	/* doc carries its new "_id" first. */
	int	 (*insert)(void *impl, const char *coll, const cJSON *doc,
		    struct bk_err *);
	int	 (*get)(void *impl, const char *coll, const char *id,
		    cJSON **out, struct bk_err *);
	int	 (*find_one)(void *impl, const char *coll, const char *field,
		    const char *value, cJSON **out, struct bk_err *);
	/* set is non-empty and has no "_id". */
	int	 (*update)(void *impl, const char *coll, const char *id,
		    const cJSON *set, cJSON **after, struct bk_err *);
	int	 (*delete)(void *impl, const char *coll, const char *id,
		    struct bk_err *);
	/* limit 0: no limit; offset >= 0. */
	int	 (*list)(void *impl, const char *coll, const cJSON *filter,
		    const char *sort_field, bool desc, long limit, long offset,
		    cJSON **list, long *total, struct bk_err *);
};

extern const struct bk_docstore_ops bk_docstore_mongo_ops;
extern const struct bk_docstore_ops bk_docstore_pg_ops;

extern const char bk_docstore_not_found[]; /* "Document not found." */
extern const char bk_docstore_exists[];	/* "Document already exists." */
extern const char bk_docstore_internal[];	/* SPEC §1.8's 500 text */

/* True for the fields kept as dates in MongoDB (created_at, …). */
bool	bk_docstore_is_instant_field(const char *name);
/* Parse exactly the §1.4 form into microseconds since the epoch. */
bool	bk_docstore_time_parse(const char *s, int64_t *us);
/* Write us (microseconds since the epoch) in §1.4 form. */
void	bk_docstore_time_format(int64_t us,
	    char out[BK_DOCSTORE_TIME_LEN + 1]);
/* Set err to 500 and log "docstore: <what>: <why>"; returns -1. */
int	bk_docstore_fail(struct bk_err *err, const char *what,
	    const char *why);

#endif
