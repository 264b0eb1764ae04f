/* Settings table {env name, type, default, required, secret} and the
 * start-up checks of SPEC §1.10 and §2.9. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "xmalloc.h"

struct bk_config bk_cfg;

enum config_type { CFG_STR, CFG_INT, CFG_BOOL };

struct config_row {
	const char		*name;
	enum config_type	 type;
	const char		*def;		/* NULL: unset */
	bool			 required;
	bool			 secret;	/* never logged */
	size_t			 offset;
	long			 min, max;	/* CFG_INT range */
};

#define S(n, d, req, sec, f) { n, CFG_STR, d, req, sec, \
	offsetof(struct bk_config, f), 0, 0 }
#define I(n, d, f, lo, hi) { n, CFG_INT, d, false, false, \
	offsetof(struct bk_config, f), lo, hi }
#define B(n, d, f) { n, CFG_BOOL, d, false, false, \
	offsetof(struct bk_config, f), 0, 0 }

static const struct config_row config_table[] = {
	S("REVCARE_ENV", "production", false, false, env),
	S("POSTGRESQL_URL", NULL, true, true, postgresql_url),
	S("MONGODB_URI", NULL, false, true, mongodb_uri),
	S("MONGODB_DB", NULL, false, false, mongodb_db),
	S("SECRET_KEY", NULL, true, true, secret_key),
	S("REFRESH_SECRET_KEY", NULL, true, true, refresh_secret_key),
	S("HASH_ALGORITHM", "HS256", false, false, hash_algorithm),
	I("ACCESS_TOKEN_EXPIRE_MINUTES", "30", access_expire_minutes, 1,
	    525600),
	I("REFRESH_TOKEN_EXPIRE_DAYS", "7", refresh_expire_days, 1, 3650),
	S("RAZORPAY_KEY_ID", NULL, false, false, razorpay_key_id),
	S("RAZORPAY_KEY_SECRET", NULL, false, true, razorpay_key_secret),
	S("RAZORPAY_WEBHOOK_SECRET", NULL, false, true,
	    razorpay_webhook_secret),
	S("RAZORPAY_API_BASE", "https://api.razorpay.com", false, false,
	    razorpay_api_base),
	S("MAIL_USERNAME", NULL, false, false, mail_username),
	S("MAIL_PASSWORD", NULL, false, true, mail_password),
	S("MAIL_FROM", NULL, false, false, mail_from),
	S("MAIL_FROM_NAME", "Revcare", false, false, mail_from_name),
	S("MAIL_SERVER", NULL, false, false, mail_server),
	I("MAIL_PORT", "587", mail_port, 1, 65535),
	B("MAIL_STARTTLS", "true", mail_starttls),
	B("MAIL_SSL_TLS", "false", mail_ssl_tls),
	B("USE_CREDENTIALS", "true", use_credentials),
	B("VALIDATE_CERTS", "true", validate_certs),
	I("MAIL_MAX_ATTEMPTS", "8", mail_max_attempts, 1, 100),
	S("TEMPLATE_FOLDER", "assets/templates/email", false, false,
	    template_folder),
	S("BACKUP_DIR", "backups", false, false, backup_dir),
	I("MAX_BACKUP_SIZE_MB", "500", max_backup_size_mb, 1, 1048576),
	B("AUTO_DELETE_OLD_BACKUPS", "false", auto_delete_old_backups),
	I("MAX_BACKUP_AGE_DAYS", "30", max_backup_age_days, 1, 36500),
	I("BACKUP_INTERVAL_HOURS", "0", backup_interval_hours, 0, 8760),
	I("WORKING_HRS", "9", working_hrs, 1, 24),
	S("REVCARE_TIMEZONE", "Asia/Kolkata", false, false, timezone),
	S("CORS_ORIGINS", "http://localhost:5173", false, false,
	    cors_origins),
	B("COOKIE_SECURE", "true", cookie_secure),
	S("TRUSTED_PROXIES", "", false, false, trusted_proxies),
	I("MEDIA_MAX_BYTES", "5242880", media_max_bytes, 1, 104857600),
	S("PUBLIC_BASE_URL", "http://127.0.0.1:8000", false, false,
	    public_base_url),
	S("REVCARE_COMPANY_NAME", "RevCare", false, false, company_name),
	S("REVCARE_COMPANY_ADDRESS", "", false, false, company_address),
	S("REVCARE_GSTIN", "", false, false, gstin),
	S("REVCARE_SUPPORT_EMAIL", "support@revcare.com", false, false,
	    support_email),
	S("REVCARE_SUPPORT_PHONE", "+91-790458623", false, false,
	    support_phone),
	S("REVCARE_ADMIN_PHONE", NULL, false, false, admin_phone),
	S("REVCARE_ADMIN_PASSWORD", NULL, false, true, admin_password),
	S("REVCARE_ADMIN_NAME", NULL, false, false, admin_name),
	S("REVCARE_ADMIN_EMAIL", NULL, false, false, admin_email),
	I("REVCARE_WORKERS", "4", workers, 1, 64),
	S("REVCARE_ASSETS_DIR", "assets", false, false, assets_dir),
};

#undef S
#undef I
#undef B

/* Secrets that ship in examples and documentation: fine for development,
 * refused in production. */
static const char *config_sample_marks[] = {
	"sample", "changeme", "change-me", "your-secret", "secret-key",
	"example", "development",
};

int
bk_config_parse_bool(const char *s, bool *out)
{
	static const char *yes[] = { "true", "1", "yes", "on" };
	static const char *no[] = { "false", "0", "no", "off" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static char *
config_trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
bk_config_read_env_file(const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	 line[4096], *k, *v, *eq;
	size_t	 n;
	int	 lineno = 0;

	f = fopen(path, "r");
	if (f == NULL)
		return 0;	/* optional */
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		k = config_trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if (strncmp(k, "export ", 7) == 0)
			k = config_trim(k + 7);
		eq = strchr(k, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s:%d: expected NAME=value",
			    path, lineno);
			fclose(f);
			return -1;
		}
		*eq = '\0';
		k = config_trim(k);
		v = config_trim(eq + 1);
		n = strlen(v);
		if (n >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[n - 1] == v[0]) {
			v[n - 1] = '\0';
			v++;
		}
		setenv(k, v, 0);
	}
	fclose(f);
	return 0;
}

static bool
config_is_sample_secret(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof config_sample_marks /
	    sizeof config_sample_marks[0]; i++)
		if (strcasestr(s, config_sample_marks[i]) != NULL)
			return true;
	return false;
}

static int
config_check(struct bk_config *cfg, char *err, size_t errlen)
{
	if (strcmp(cfg->env, "development") != 0 &&
	    strcmp(cfg->env, "production") != 0) {
		snprintf(err, errlen, "REVCARE_ENV must be development or "
		    "production (got '%s')", cfg->env);
		return -1;
	}
	cfg->development = strcmp(cfg->env, "development") == 0;
	if (strcmp(cfg->hash_algorithm, "HS256") != 0) {
		snprintf(err, errlen, "HASH_ALGORITHM must be HS256 "
		    "(got '%s')", cfg->hash_algorithm);
		return -1;
	}
	if (strlen(cfg->secret_key) < 32) {
		snprintf(err, errlen, "SECRET_KEY must be at least 32 bytes");
		return -1;
	}
	if (strlen(cfg->refresh_secret_key) < 32) {
		snprintf(err, errlen,
		    "REFRESH_SECRET_KEY must be at least 32 bytes");
		return -1;
	}
	if (strcmp(cfg->secret_key, cfg->refresh_secret_key) == 0) {
		snprintf(err, errlen,
		    "SECRET_KEY and REFRESH_SECRET_KEY must differ");
		return -1;
	}
	if (!cfg->development && (config_is_sample_secret(cfg->secret_key) ||
	    config_is_sample_secret(cfg->refresh_secret_key))) {
		snprintf(err, errlen, "sample secrets are refused outside "
		    "development: set your own SECRET_KEY and "
		    "REFRESH_SECRET_KEY");
		return -1;
	}
	if (cfg->mongodb_uri != NULL && cfg->mongodb_db == NULL) {
		snprintf(err, errlen, "MONGODB_DB is required when MONGODB_URI "
		    "is set");
		return -1;
	}
	if (!cfg->cookie_secure && !cfg->development) {
		snprintf(err, errlen, "COOKIE_SECURE=false is only allowed "
		    "with REVCARE_ENV=development");
		return -1;
	}
	return 0;
}

static int
config_set(struct bk_config *cfg, const struct config_row *row,
    const char *val, char *err, size_t errlen)
{
	char	*end, *p = (char *)cfg + row->offset;
	long	 n;

	switch (row->type) {
	case CFG_STR:
		*(char **)p = val == NULL ? NULL : xstrdup(val);
		return 0;
	case CFG_INT:
		errno = 0;
		n = strtol(val, &end, 10);
		if (errno != 0 || end == val || *end != '\0' ||
		    n < row->min || n > row->max) {
			snprintf(err, errlen, "%s must be a whole number from "
			    "%ld to %ld", row->name, row->min, row->max);
			return -1;
		}
		*(long *)p = n;
		return 0;
	case CFG_BOOL:
		if (bk_config_parse_bool(val, (bool *)p) != 0) {
			snprintf(err, errlen, "%s must be true or false",
			    row->name);
			return -1;
		}
		return 0;
	}
	return -1;
}

int
bk_config_load(struct bk_config *cfg, char *err, size_t errlen)
{
	const struct config_row	*row;
	const char		*val, *envfile;
	size_t			 i;

	memset(cfg, 0, sizeof *cfg);
	envfile = getenv("REVCARE_ENV_FILE");
	if (bk_config_read_env_file(envfile != NULL ? envfile : ".env", err,
	    errlen) != 0)
		return -1;
	for (i = 0; i < sizeof config_table / sizeof config_table[0]; i++) {
		row = &config_table[i];
		val = getenv(row->name);
		if (val != NULL && *val == '\0')
			val = NULL;
		if (val == NULL)
			val = row->def;
		if (val == NULL && row->required) {
			snprintf(err, errlen, "%s is required (set it in the "
			    "environment or .env)", row->name);
			return -1;
		}
		if (val == NULL && row->type != CFG_STR)
			continue;
		if (config_set(cfg, row, val, err, errlen) != 0)
			return -1;
	}
	return config_check(cfg, err, errlen);
}

void
bk_config_cleanup(struct bk_config *cfg)
{
	size_t	i;

	for (i = 0; i < sizeof config_table / sizeof config_table[0]; i++)
		if (config_table[i].type == CFG_STR) {
			free(*(char **)((char *)cfg + config_table[i].offset));
			*(char **)((char *)cfg + config_table[i].offset) = NULL;
		}
}
