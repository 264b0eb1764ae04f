/* revcared: configuration, migrations, seed, start-up checks, then the
 * HTTP/WebSocket server until SIGTERM or SIGINT. */
#include <ctype.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db/conn.h"
#include "db/migrate.h"
#include "db/users.h"
#include "docstore.h"
#include "log.h"
#include "password.h"
#include "router.h"
#include "routes/routes.h"
#include "server.h"

static struct bk_server	*main_server;

static void
usage(FILE *f)
{
	fprintf(f, "usage: revcared [--host H] [--port P] [--seed] "
	    "[--migrate-only] [--bootstrap-admin]\n"
	    "  --host H           listen address (default 127.0.0.1)\n"
	    "  --port P           listen port (default 8000; 0 picks one)\n"
	    "  --seed             apply assets/seed (sample users only in "
	    "development)\n"
	    "  --migrate-only     migrate (and seed), then exit\n"
	    "  --bootstrap-admin  create the first admin from "
	    "REVCARE_ADMIN_*, then exit\n"
	    "Configuration comes from the environment and .env "
	    "(see README.md).\n");
}

static void
on_signal(int sig)
{
	(void)sig;
	if (main_server != NULL)
		bk_server_stop(main_server);
}

static int
main_fail(const char *what, const char *detail)
{
	fprintf(stderr, "revcared: %s%s%s\n", what, detail != NULL ? ": " : "",
	    detail != NULL ? detail : "");
	return 2;
}

static int
main_seed(struct bk_db *db, char *err, size_t errlen)
{
	struct bk_docstore	*ds;
	struct bk_err		 e = { 0 };
	char			*dir;
	int			 rc;

	if (asprintf(&dir, "%s/seed", bk_cfg.assets_dir) < 0)
		return -1;
	rc = bk_migrate_seed(db, dir, bk_cfg.development, err, errlen);
	free(dir);
	if (rc != 0)
		return -1;
	ds = bk_docstore_new(&bk_cfg, db->pg, err, errlen);
	if (ds == NULL)
		return -1;
	rc = bk_docstore_seed_defaults(ds, &e);
	if (rc != 0)
		snprintf(err, errlen, "document store defaults: %s",
		    e.detail != NULL ? e.detail : "failed");
	else
		bk_log_info("document store defaults present (%s)",
		    bk_docstore_kind(ds));
	bk_err_cleanup(&e);
	bk_docstore_free(ds);
	return rc;
}

static int
main_bootstrap_admin(struct bk_db *db)
{
	struct bk_err	 e = { 0 };
	const char	*policy, *p;
	char		*hash, id[17];
	bool		 created;
	long		 phone;

	if (bk_cfg.admin_phone == NULL || bk_cfg.admin_password == NULL ||
	    bk_cfg.admin_name == NULL || bk_cfg.admin_email == NULL)
		return main_fail("--bootstrap-admin needs REVCARE_ADMIN_PHONE, "
		    "REVCARE_ADMIN_PASSWORD, REVCARE_ADMIN_NAME and "
		    "REVCARE_ADMIN_EMAIL", NULL);
	for (p = bk_cfg.admin_phone; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			break;
	phone = strtol(bk_cfg.admin_phone, NULL, 10);
	if (*p != '\0' || phone < 6000000000L || phone > 9999999999L)
		return main_fail("REVCARE_ADMIN_PHONE must be 10 digits from "
		    "6000000000 to 9999999999", NULL);
	policy = bk_password_policy(bk_cfg.admin_password);
	if (policy != NULL)
		return main_fail("REVCARE_ADMIN_PASSWORD", policy);
	if (strchr(bk_cfg.admin_email, '@') == NULL)
		return main_fail("REVCARE_ADMIN_EMAIL is not an e-mail address",
		    NULL);
	hash = bk_password_hash(bk_cfg.admin_password);
	if (hash == NULL)
		return main_fail("cannot hash the password", NULL);
	if (bk_db_users_bootstrap_admin(db, bk_cfg.admin_phone, hash,
	    bk_cfg.admin_name, bk_cfg.admin_email, &created, id, &e) != 0) {
		free(hash);
		return main_fail("cannot create the admin", e.detail);
	}
	free(hash);
	if (created)
		printf("revcared: admin %s created\n", id);
	else
		printf("revcared: an active admin exists; nothing done\n");
	return 0;
}

/* Command-line choices. */
struct main_opts {
	const char	*host;
	long		 port;
	bool		 seed;
	bool		 migrate_only;
	bool		 bootstrap;
};

/* Parse argv into o; -1 (after printing why) on bad usage, 1 when the
 * command was --help or --version and is done. */
static int
main_args(int argc, char **argv, struct main_opts *o)
{
	static const struct option opts[] = {
		{ "host", required_argument, NULL, 'H' },
		{ "port", required_argument, NULL, 'p' },
		{ "seed", no_argument, NULL, 's' },
		{ "migrate-only", no_argument, NULL, 'm' },
		{ "bootstrap-admin", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 c;

	memset(o, 0, sizeof *o);
	o->host = "127.0.0.1";
	o->port = 8000;
	while ((c = getopt_long(argc, argv, "H:p:smbhV", opts, NULL)) != -1) {
		switch (c) {
		case 'H':
			o->host = optarg;
			break;
		case 'p':
			o->port = strtol(optarg, &end, 10);
			if (*end != '\0' || o->port < 0 || o->port > 65535) {
				main_fail("--port must be 0..65535", NULL);
				return -1;
			}
			break;
		case 's':
			o->seed = true;
			break;
		case 'm':
			o->migrate_only = true;
			break;
		case 'b':
			o->bootstrap = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		case 'V':
			printf("revcared %s\n", REVCARE_VERSION);
			return 1;
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

/* Migrate, seed, bootstrap and check on one connection. Returns -1 to
 * exit 2, 1 to exit 0 (work done, nothing to serve), 0 to serve. */
static int
main_prepare(const struct main_opts *o, int *rc)
{
	struct bk_db	 db;
	char		 err[512], *dir;
	int		 r = -1;

	if (bk_db_open(&db, bk_cfg.postgresql_url, err, sizeof err) != 0) {
		main_fail(err, NULL);
		goto out;
	}
	if (asprintf(&dir, "%s/sql", bk_cfg.assets_dir) < 0)
		goto out;
	if (bk_migrate_run(&db, dir, err, sizeof err) != 0) {
		free(dir);
		main_fail("migration failed", err);
		goto out;
	}
	free(dir);
	if (o->seed && main_seed(&db, err, sizeof err) != 0) {
		main_fail("seed failed", err);
		goto out;
	}
	if (o->bootstrap) {
		*rc = main_bootstrap_admin(&db);
		r = 1;
		goto out;
	}
	if (bk_migrate_check(&db, bk_cfg.development, err, sizeof err) != 0) {
		main_fail(err, NULL);
		goto out;
	}
	*rc = 0;
	r = o->migrate_only ? 1 : 0;
out:
	bk_db_close(&db);
	return r;
}

int
main(int argc, char **argv)
{
	struct main_opts	 o;
	char			 err[512];
	int			 rc = 2, r;

	r = main_args(argc, argv, &o);
	if (r != 0)
		return r > 0 ? 0 : 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	bk_started_at = (long)time(NULL);
	if (bk_config_load(&bk_cfg, err, sizeof err) != 0)
		return main_fail(err, NULL);
	if (bk_router_check_table(err, sizeof err) != 0) {
		main_fail(err, NULL);
		goto out;
	}
	r = main_prepare(&o, &rc);
	if (r != 0) {
		if (r < 0)
			rc = 2;
		goto out;
	}
	main_server = bk_server_new(o.host, (int)o.port, err, sizeof err);
	if (main_server == NULL) {
		main_fail(err, NULL);
		rc = 2;
		goto out;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	printf("revcared %s listening on http://%s:%d (%s)\n",
	    REVCARE_VERSION, o.host, bk_server_port(main_server), bk_cfg.env);
	rc = bk_server_run(main_server);
	bk_server_free(main_server);
	main_server = NULL;
	bk_log_info("stopped");
out:
	bk_config_cleanup(&bk_cfg);
	return rc;
}
