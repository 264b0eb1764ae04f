/* Request arena: one bump allocator per request, freed whole after the
 * reply is written. Handlers allocate from req->arena and never free. */
#ifndef BK_ARENA_H
#define BK_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct bk_arena_chunk;

/* Owned by the request's job; used by one thread at a time. */
struct bk_arena {
	struct bk_arena_chunk	*head;
	size_t			 total;
};

void	 bk_arena_init(struct bk_arena *);
void	 bk_arena_cleanup(struct bk_arena *);
void	*bk_arena_alloc(struct bk_arena *, size_t);
char	*bk_arena_strdup(struct bk_arena *, const char *);
char	*bk_arena_strndup(struct bk_arena *, const char *, size_t);
char	*bk_arena_printf(struct bk_arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*bk_arena_vprintf(struct bk_arena *, const char *, va_list);

#endif
