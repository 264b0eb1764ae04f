/* Password hashing: argon2id PHC strings (m=19456 KiB, t=2, p=1), at most
 * two hash/verify operations at once per process. Any thread. */
#ifndef BK_PASSWORD_H
#define BK_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define BK_PASSWORD_MAX_LOGIN	1024	/* longer: a bad login, no hashing */

/* Hash password into a malloc'd PHC string (caller frees); NULL on error. */
char	*bk_password_hash(const char *password);
/* True if password matches the PHC string (parameters taken from it). */
bool	 bk_password_verify(const char *phc, const char *password);
/* True if phc was made with other parameters than ours (rehash on login). */
bool	 bk_password_needs_rehash(const char *phc);
/* Verify against a fixed dummy hash, so unknown users take as long. */
void	 bk_password_dummy_verify(const char *password);
/*
 * SPEC §2.1 policy for new passwords: 8..128 characters, an upper, a
 * lower and a special character. Returns NULL if fine, else the message
 * text after "Value error, " (static).
 */
const char *bk_password_policy(const char *password);

#endif
