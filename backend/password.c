/* argon2id through libargon2. A counting semaphore caps concurrent hashes
 * at two, since each takes 19 MiB and tens of milliseconds. */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <argon2.h>

#include "password.h"
#include "xmalloc.h"

#define PW_T_COST	2
#define PW_M_COST	19456
#define PW_PARALLEL	1
#define PW_SALT_LEN	16
#define PW_HASH_LEN	32

static sem_t		pw_sem;
static pthread_once_t	pw_once = PTHREAD_ONCE_INIT;

static void
pw_init(void)
{
	sem_init(&pw_sem, 0, 2);
}

static void
pw_enter(void)
{
	pthread_once(&pw_once, pw_init);
	while (sem_wait(&pw_sem) != 0)
		;
}

static void
pw_leave(void)
{
	sem_post(&pw_sem);
}

char *
bk_password_hash(const char *password)
{
	unsigned char	 salt[PW_SALT_LEN];
	size_t		 enclen;
	char		*enc;
	int		 rc;

	if (getrandom(salt, sizeof salt, 0) != (ssize_t)sizeof salt)
		return NULL;
	enclen = argon2_encodedlen(PW_T_COST, PW_M_COST, PW_PARALLEL,
	    PW_SALT_LEN, PW_HASH_LEN, Argon2_id);
	enc = xmalloc(enclen);
	pw_enter();
	rc = argon2id_hash_encoded(PW_T_COST, PW_M_COST, PW_PARALLEL,
	    password, strlen(password), salt, sizeof salt, PW_HASH_LEN, enc,
	    enclen);
	pw_leave();
	if (rc != ARGON2_OK) {
		free(enc);
		return NULL;
	}
	return enc;
}

bool
bk_password_verify(const char *phc, const char *password)
{
	int	rc;

	if (phc == NULL || strncmp(phc, "$argon2id$", 10) != 0 ||
	    strlen(password) > BK_PASSWORD_MAX_LOGIN)
		return false;
	pw_enter();
	rc = argon2id_verify(phc, password, strlen(password));
	pw_leave();
	return rc == ARGON2_OK;
}

bool
bk_password_needs_rehash(const char *phc)
{
	return strncmp(phc, "$argon2id$v=19$m=19456,t=2,p=1$", 31) != 0;
}

void
bk_password_dummy_verify(const char *password)
{
	/* made once with our parameters; its password is unknowable */
	static const char *dummy = "$argon2id$v=19$m=19456,t=2,p=1$"
	    "c29tZXNhbHRzb21lc2FsdA$"
	    "Y2mU4wGQ3HLKnPlHZuWLmkb8q1LNn4iZ6Rc8t0Smm0s";

	(void)bk_password_verify(dummy, password);
}

const char *
bk_password_policy(const char *password)
{
	static const char *specials = "!@#$%^&*(),.?\":{}|<>";
	const unsigned char	*p;
	size_t			 chars = 0;
	bool			 upper = false, lower = false, special = false;

	for (p = (const unsigned char *)password; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80)
			chars++;	/* count code points */
		if (*p >= 'A' && *p <= 'Z')
			upper = true;
		else if (*p >= 'a' && *p <= 'z')
			lower = true;
		else if (strchr(specials, *p) != NULL)
			special = true;
	}
	if (chars < 8)
		return "String should have at least 8 characters";
	if (chars > 128)
		return "String should have at most 128 characters";
	if (!upper)
		return "Password must contain at least one uppercase letter";
	if (!lower)
		return "Password must contain at least one lowercase letter";
	if (!special)
		return "Password must contain at least one special character";
	return NULL;
}
