/* Keyword recommendation of services (SPEC §8.8.1). Deterministic: the same
 * query over the same catalogue always gives the same list. Sets are small
 * (a service has a few dozen tokens), so they are plain arrays searched
 * linearly. */
#include <stdlib.h>
#include <string.h>

#include "recommend.h"

static const char *const recommend_stop[] = {
	"the", "and", "for", "with", "from", "that", "this", "have", "has",
	"are", "was", "not", "but", "when", "while", "car", "cars", "my",
	"its", "very", "some", "there", "their", "what", "which", "into",
	"after", "before", "also", "just", "been", "get", "got", "does",
	"did", "can", "could", "would", "should", "will", NULL
};

/* Tried in order; the first that leaves at least 3 characters is cut. */
static const char *const recommend_suffixes[] = {
	"ing", "es", "ed", "s", NULL
};

/* Field weights (step 2). */
#define W_TITLE		3
#define W_SYMPTOM	2
#define W_OTHER		1
#define W_PHRASE	4

static bool
recommend_is_stop(const char *tok)
{
	int	i;

	for (i = 0; recommend_stop[i] != NULL; i++)
		if (strcmp(recommend_stop[i], tok) == 0)
			return true;
	return false;
}

static void
recommend_strip(char *tok)
{
	size_t	len = strlen(tok), sl;
	int	i;

	for (i = 0; recommend_suffixes[i] != NULL; i++) {
		sl = strlen(recommend_suffixes[i]);
		if (len >= sl + 3 &&
		    strcmp(tok + len - sl, recommend_suffixes[i]) == 0) {
			tok[len - sl] = '\0';
			return;
		}
	}
}

bool
bk_recommend_has(const struct bk_recommend_set *set, const char *tok)
{
	int	i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->tok[i], tok) == 0)
			return true;
	return false;
}

static void
recommend_add(struct bk_arena *a, struct bk_recommend_set *set,
    const char *tok)
{
	const char	**nt;

	if (bk_recommend_has(set, tok))
		return;
	if (set->n == set->cap) {
		set->cap = set->cap == 0 ? 16 : set->cap * 2;
		nt = bk_arena_alloc(a, sizeof *nt * (size_t)set->cap);
		if (set->n > 0)
			memcpy(nt, set->tok, sizeof *nt * (size_t)set->n);
		set->tok = nt;
	}
	set->tok[set->n++] = tok;
}

/* a-z0-9 after lower-casing ASCII; every other byte separates tokens. */
static int
recommend_char(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return c;
	return 0;
}

void
bk_recommend_tokenize(struct bk_arena *a, const char *text,
    struct bk_recommend_set *set)
{
	const unsigned char	*p = (const unsigned char *)text, *s;
	char			*tok;
	size_t			 len, i;

	if (text == NULL)
		return;
	while (*p != '\0') {
		while (*p != '\0' && recommend_char(*p) == 0)
			p++;
		for (s = p; *p != '\0' && recommend_char(*p) != 0; p++)
			continue;
		len = (size_t)(p - s);
		if (len < 3)
			continue;
		tok = bk_arena_alloc(a, len + 1);
		for (i = 0; i < len; i++)
			tok[i] = (char)recommend_char(s[i]);
		tok[len] = '\0';
		if (recommend_is_stop(tok))
			continue;
		recommend_strip(tok);
		recommend_add(a, set, tok);
	}
}

int
bk_recommend_raw(struct bk_arena *a, const struct bk_recommend_set *q,
    const struct bk_recommend_service *s)
{
	struct bk_recommend_set	 title = { 0 }, sym = { 0 };
	struct bk_recommend_set	 other = { 0 }, phrase;
	int			 i, j, raw = 0;

	bk_recommend_tokenize(a, s->title, &title);
	bk_recommend_tokenize(a, s->description, &other);
	bk_recommend_tokenize(a, s->category, &other);
	for (i = 0; i < s->nworks; i++)
		bk_recommend_tokenize(a, s->works[i], &other);
	for (i = 0; i < s->nsymptoms; i++)
		bk_recommend_tokenize(a, s->symptoms[i], &sym);
	for (i = 0; i < q->n; i++) {
		if (bk_recommend_has(&title, q->tok[i]))
			raw += W_TITLE;
		else if (bk_recommend_has(&sym, q->tok[i]))
			raw += W_SYMPTOM;
		else if (bk_recommend_has(&other, q->tok[i]))
			raw += W_OTHER;
	}
	/* a phrase with no usable token never counts as matched */
	for (i = 0; i < s->nsymptoms; i++) {
		memset(&phrase, 0, sizeof phrase);
		bk_recommend_tokenize(a, s->symptoms[i], &phrase);
		for (j = 0; j < phrase.n; j++)
			if (!bk_recommend_has(q, phrase.tok[j]))
				break;
		if (phrase.n > 0 && j == phrase.n)
			raw += W_PHRASE;
	}
	return raw;
}

int
bk_recommend_score10(int raw, int n)
{
	long	d = 3L * n + 4, s;

	/* round(1000·raw/d) half up, in integers */
	s = (2000L * raw + d) / (2 * d);
	return s > 1000 ? 1000 : (int)s;
}

static int
recommend_cmp(const void *x, const void *y)
{
	const struct bk_recommend_hit	*a = x, *b = y;

	if (a->score10 != b->score10)
		return a->score10 > b->score10 ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return 0;
}

int
bk_recommend_rank(struct bk_arena *a, const char *query,
    const struct bk_recommend_service *svc, int nsvc,
    struct bk_recommend_hit *out, int max)
{
	struct bk_recommend_set	 q = { 0 };
	struct bk_recommend_hit	*hits;
	int			 i, n = 0;

	bk_recommend_tokenize(a, query, &q);
	if (q.n == 0 || nsvc <= 0)
		return 0;
	hits = bk_arena_alloc(a, sizeof *hits * (size_t)nsvc);
	for (i = 0; i < nsvc; i++) {
		hits[n].raw = bk_recommend_raw(a, &q, &svc[i]);
		if (hits[n].raw <= 0)
			continue;
		hits[n].id = svc[i].id;
		hits[n].score10 = bk_recommend_score10(hits[n].raw, q.n);
		n++;
	}
	qsort(hits, (size_t)n, sizeof *hits, recommend_cmp);
	if (n > max)
		n = max;
	memcpy(out, hits, sizeof *hits * (size_t)n);
	return n;
}
