/* Schema migrations, seed data and the start-up consistency checks. */
#ifndef BK_DB_MIGRATE_H
#define BK_DB_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

struct bk_db;

/*
 * Apply assets/sql/NNN_name.sql files not yet in schema_migrations, in
 * order, each in its own transaction, under an advisory lock so that nodes
 * starting together don't race. A changed checksum of an applied file is
 * an error. Main thread, before serving. -1 with one line in err.
 */
int	bk_migrate_run(struct bk_db *, const char *sqldir, char *err,
	    size_t errlen);
/*
 * Apply the .sql files of assets/seed in order, each in a transaction;
 * files whose name contains "sample" only when development is true.
 * Idempotent.
 */
int	bk_migrate_seed(struct bk_db *, const char *seeddir, bool development,
	    char *err, size_t errlen);
/* SPEC §2.9: seeded vocabulary matches protocol/, no sample users in
 * production. -1 with one line in err. */
int	bk_migrate_check(struct bk_db *, bool development, char *err,
	    size_t errlen);

#endif
