/* Declarations for libc functions supplied by protocol/compat/ when the
 * C library lacks them (AC_REPLACE_FUNCS). */
#ifndef PROTO_COMPAT_H
#define PROTO_COMPAT_H

#include <stddef.h>

#include "autoconfig.h"

#ifndef HAVE_STRLCPY
size_t	strlcpy(char *, const char *, size_t);
#endif

#endif
