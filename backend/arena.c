/* A chunked bump allocator: allocations are 16-byte aligned and live until
 * bk_arena_cleanup. Large requests get a chunk of their own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_CHUNK	8192
#define ARENA_ALIGN	16

struct bk_arena_chunk {
	struct bk_arena_chunk	*next;
	size_t			 size;
	size_t			 used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void
bk_arena_init(struct bk_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void
bk_arena_cleanup(struct bk_arena *a)
{
	struct bk_arena_chunk	*c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->total = 0;
}

void *
bk_arena_alloc(struct bk_arena *a, size_t size)
{
	struct bk_arena_chunk	*c = a->head;
	size_t			 need, csize;
	void			*p;

	need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	if (c == NULL || c->size - c->used < need) {
		csize = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		c = xmalloc(sizeof *c + csize);
		c->size = csize;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->total += csize;
	}
	p = c->data + c->used;
	c->used += need;
	memset(p, 0, need);
	return p;
}

char *
bk_arena_strndup(struct bk_arena *a, const char *s, size_t n)
{
	char	*p;

	p = bk_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
bk_arena_strdup(struct bk_arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return bk_arena_strndup(a, s, strlen(s));
}

char *
bk_arena_vprintf(struct bk_arena *a, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	p = bk_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
bk_arena_printf(struct bk_arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = bk_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
