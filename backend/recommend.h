/* Keyword recommendation of services (SPEC §8.8.1): a tokenizer with stop
 * words and suffix stripping, and the deterministic weighted score. Pure
 * code: no I/O, no globals; memory from the caller's arena. */
#ifndef BK_RECOMMEND_H
#define BK_RECOMMEND_H

#include <stdbool.h>

#include "arena.h"

#define BK_RECOMMEND_TOP	5

/* A set of distinct tokens (arena arrays). */
struct bk_recommend_set {
	const char	**tok;
	int		  n;
	int		  cap;
};

/* What the score reads of one live service. */
struct bk_recommend_service {
	long		  id;
	const char	 *title;	/* weight 3 */
	const char	 *description;	/* weight 1 */
	const char	 *category;	/* weight 1 (category name) */
	const char	**works;	/* weight 1 */
	int		  nworks;
	const char	**symptoms;	/* weight 2; +4 a matched phrase */
	int		  nsymptoms;
};

/* One ranked service: raw points and the score in tenths (733 = 73.3). */
struct bk_recommend_hit {
	long	id;
	int	raw;
	int	score10;
};

/*
 * Add the usable tokens of text to set (lower-cased, split on anything
 * not a-z0-9, tokens under 3 characters and stop words dropped, one
 * suffix stripped), each once. text may be NULL.
 */
void	bk_recommend_tokenize(struct bk_arena *, const char *text,
	    struct bk_recommend_set *set);
bool	bk_recommend_has(const struct bk_recommend_set *, const char *tok);
/* Points of one service for the query tokens (step 3 of §8.8.1). */
int	bk_recommend_raw(struct bk_arena *, const struct bk_recommend_set *q,
	    const struct bk_recommend_service *);
/* min(1000, round(1000 × raw / (3n + 4))), half up: the score × 10. */
int	bk_recommend_score10(int raw, int n);
/*
 * Rank services for query: at most max hits with raw > 0 into out, by
 * score descending then id ascending. Returns the number of hits (0 when
 * the query has no usable token).
 */
int	bk_recommend_rank(struct bk_arena *, const char *query,
	    const struct bk_recommend_service *svc, int nsvc,
	    struct bk_recommend_hit *out, int max);

#endif
