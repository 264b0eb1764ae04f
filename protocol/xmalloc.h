/* Allocation that never returns NULL: on exhaustion it logs and aborts,
 * so callers need no OOM branches (the one unprefixed family). */
#ifndef PROTO_XMALLOC_H
#define PROTO_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
