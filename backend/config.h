/* Configuration: read once at start-up from the environment and an
 * optional .env file, checked, then read-only for the process lifetime. */
#ifndef BK_CONFIG_H
#define BK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Filled by bk_config_load on the main thread before any other thread
 * starts; every thread reads it afterwards, nobody writes it. */
struct bk_config {
	char	*env;			/* REVCARE_ENV */
	bool	 development;
	char	*postgresql_url;
	char	*mongodb_uri;
	char	*mongodb_db;
	char	*secret_key;
	char	*refresh_secret_key;
	char	*hash_algorithm;
	long	 access_expire_minutes;
	long	 refresh_expire_days;
	char	*razorpay_key_id;
	char	*razorpay_key_secret;
	char	*razorpay_webhook_secret;
	char	*razorpay_api_base;
	char	*mail_username;
	char	*mail_password;
	char	*mail_from;
	char	*mail_from_name;
	char	*mail_server;
	long	 mail_port;
	bool	 mail_starttls;
	bool	 mail_ssl_tls;
	bool	 use_credentials;
	bool	 validate_certs;
	long	 mail_max_attempts;
	char	*template_folder;
	char	*backup_dir;
	long	 max_backup_size_mb;
	bool	 auto_delete_old_backups;
	long	 max_backup_age_days;
	long	 backup_interval_hours;
	long	 working_hrs;
	char	*timezone;
	char	*cors_origins;
	bool	 cookie_secure;
	char	*trusted_proxies;
	long	 media_max_bytes;
	char	*public_base_url;
	char	*company_name;
	char	*company_address;
	char	*gstin;
	char	*support_email;
	char	*support_phone;
	char	*admin_phone;
	char	*admin_password;
	char	*admin_name;
	char	*admin_email;
	long	 workers;		/* REVCARE_WORKERS */
	char	*assets_dir;		/* REVCARE_ASSETS_DIR */
};

/*
 * Load .env (path from REVCARE_ENV_FILE, default ".env"; variables already
 * in the environment win), then every setting of the table. On a missing or
 * invalid setting returns -1 with one line in err (no trailing newline).
 * The caller owns cfg and frees it with bk_config_cleanup.
 */
int	bk_config_load(struct bk_config *cfg, char *err, size_t errlen);
void	bk_config_cleanup(struct bk_config *cfg);
/* Parse a boolean as the spec's query booleans:
 * true/false/1/0/yes/no/on/off. */
int	bk_config_parse_bool(const char *s, bool *out);
/* Load KEY=VALUE lines from path into the environment without overriding. */
int	bk_config_read_env_file(const char *path, char *err, size_t errlen);

extern struct bk_config bk_cfg;

#endif
