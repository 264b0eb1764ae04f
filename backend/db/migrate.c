/* Numbered SQL migrations under an advisory lock, idempotent seed files,
 * and the start-up check that the database speaks protocol/'s vocabulary. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "db/conn.h"
#include "db/migrate.h"
#include "log.h"
#include "role.h"
#include "scope.h"
#include "status.h"
#include "xmalloc.h"

#define MIGRATE_LOCK_KEY	"7364021947"	/* any constant, ours */

static const char *sql_create_migrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version int PRIMARY KEY, name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .sql files of dir, sorted; caller frees each and the array. */
static char **
migrate_list(const char *dir, int *n)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL;
	size_t		 len;
	int		 cap = 0;

	*n = 0;
	d = opendir(dir);
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 8 || strcmp(de->d_name + len - 4, ".sql") != 0 ||
		    de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			names = xrealloc(names, sizeof *names * (size_t)cap);
		}
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, (size_t)*n, sizeof *names, name_cmp);
	return names;
}

static void
migrate_list_free(char **names, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 size;

	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)size + 1);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[size] = '\0';
	*len = (size_t)size;
	return buf;
}

static void
sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	mdlen = 0, i;

	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < mdlen && i < 32; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[64] = '\0';
}

/* Run a whole file's SQL in one transaction, then record, if given. */
static int
migrate_apply(struct bk_db *db, const char *name, const char *sql,
    const char *record_sql, const char *const *record_params, char *err,
    size_t errlen)
{
	PGresult	*res;
	struct bk_err	 e = { 0 };

	res = PQexec(db->pg, "BEGIN");
	PQclear(res);
	res = PQexec(db->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		snprintf(err, errlen, "%s: %s", name,
		    PQresultErrorMessage(res));
		err[strcspn(err, "\n")] = '\0';
		PQclear(res);
		bk_db_rollback(db);
		return -1;
	}
	PQclear(res);
	if (record_sql != NULL &&
	    bk_db_exec(db, record_sql, 3, record_params, &e) != 0) {
		snprintf(err, errlen, "%s: cannot record it", name);
		bk_db_rollback(db);
		return -1;
	}
	if (bk_db_commit(db, &e) != 0) {
		snprintf(err, errlen, "%s: commit failed", name);
		return -1;
	}
	return 0;
}

static int
migrate_lock(struct bk_db *db, bool on)
{
	struct bk_err	 e = { 0 };

	return bk_db_exec(db, on ? "SELECT pg_advisory_lock("
	    MIGRATE_LOCK_KEY ")" : "SELECT pg_advisory_unlock("
	    MIGRATE_LOCK_KEY ")", 0, NULL, &e);
}

int
bk_migrate_run(struct bk_db *db, const char *dir, char *err, size_t errlen)
{
	struct bk_err	 e = { 0 };
	PGresult	*res = NULL;
	char		**names, *path, *sql, sum[65], version[16];
	const char	*params[3];
	size_t		 len;
	int		 n, i, rc = -1, applied = 0;

	if (bk_db_exec(db, sql_create_migrations, 0, NULL, &e) != 0 ||
	    migrate_lock(db, true) != 0) {
		snprintf(err, errlen, "cannot prepare schema_migrations");
		return -1;
	}
	names = migrate_list(dir, &n);
	if (n == 0) {
		snprintf(err, errlen, "no migrations found in %s", dir);
		goto out;
	}
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", dir, names[i]);
		sql = read_file(path, &len);
		free(path);
		if (sql == NULL) {
			snprintf(err, errlen, "cannot read %s/%s", dir,
			    names[i]);
			goto out;
		}
		sha256_hex(sql, len, sum);
		snprintf(version, sizeof version, "%d", atoi(names[i]));
		params[0] = version;
		res = bk_db_query(db, "SELECT checksum FROM schema_migrations "
		    "WHERE version = $1", 1, params, &e);
		if (res == NULL) {
			free(sql);
			snprintf(err, errlen, "cannot read schema_migrations");
			goto out;
		}
		if (PQntuples(res) == 1) {
			if (strcmp(PQgetvalue(res, 0, 0), sum) != 0) {
				snprintf(err, errlen, "migration %s was "
				    "changed after it was applied (checksum "
				    "differs)", names[i]);
				free(sql);
				goto out;
			}
		} else {
			params[1] = names[i];
			params[2] = sum;
			if (migrate_apply(db, names[i], sql,
			    "INSERT INTO schema_migrations (version, name, "
			    "checksum) VALUES ($1, $2, $3)", params, err,
			    errlen) != 0) {
				free(sql);
				goto out;
			}
			bk_log_info("migration %s applied", names[i]);
			applied++;
		}
		PQclear(res);
		res = NULL;
		free(sql);
	}
	if (applied == 0)
		bk_log_info("schema up to date (%d migrations)", n);
	rc = 0;
out:
	PQclear(res);
	migrate_list_free(names, n);
	migrate_lock(db, false);
	return rc;
}

int
bk_migrate_seed(struct bk_db *db, const char *dir, bool development,
    char *err, size_t errlen)
{
	char	**names, *path, *sql;
	size_t	  len;
	int	  n, i, rc = -1;

	if (migrate_lock(db, true) != 0) {
		snprintf(err, errlen, "cannot take the seed lock");
		return -1;
	}
	names = migrate_list(dir, &n);
	for (i = 0; i < n; i++) {
		if (strstr(names[i], "sample") != NULL && !development) {
			bk_log_info("seed %s skipped: sample data is for "
			    "REVCARE_ENV=development only", names[i]);
			continue;
		}
		xasprintf(&path, "%s/%s", dir, names[i]);
		sql = read_file(path, &len);
		free(path);
		if (sql == NULL) {
			snprintf(err, errlen, "cannot read %s/%s", dir,
			    names[i]);
			goto out;
		}
		if (migrate_apply(db, names[i], sql, NULL, NULL, err,
		    errlen) != 0) {
			free(sql);
			goto out;
		}
		free(sql);
		bk_log_info("seed %s applied", names[i]);
	}
	rc = 0;
out:
	migrate_list_free(names, n);
	migrate_lock(db, false);
	return rc;
}

/* Compare id → name rows of a lookup table with a protocol table. */
static int
check_names(struct bk_db *db, const char *sql, int max,
    const char *(*name_of)(int), const char *what, char *err, size_t errlen)
{
	struct bk_err	 e = { 0 };
	PGresult	*res;
	int		 i, id, found = 0, rc = -1;

	res = bk_db_query(db, sql, 0, NULL, &e);
	if (res == NULL) {
		snprintf(err, errlen, "cannot read %s", what);
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++) {
		id = atoi(PQgetvalue(res, i, 0));
		if (id < 1 || id > max)
			continue;
		if (strcmp(PQgetvalue(res, i, 1), name_of(id)) != 0) {
			snprintf(err, errlen, "%s %d is '%s', expected '%s'",
			    what, id, PQgetvalue(res, i, 1), name_of(id));
			goto out;
		}
		found++;
	}
	if (found != max) {
		snprintf(err, errlen, "%s: %d of %d built-in rows present; "
		    "run revcared --seed", what, found, max);
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

static const char *
role_name_of(int id)
{
	return proto_role_name(id);
}

static int
check_scopes(struct bk_db *db, char *err, size_t errlen)
{
	struct bk_err	 e = { 0 };
	PGresult	*res;
	int		 i, role, scope, count[4] = { 0 }, want, rc = -1;

	res = bk_db_query(db, "SELECT rp.role_id, p.id, p.permission FROM "
	    "role_permissions rp JOIN permissions p ON p.id = "
	    "rp.permission_id", 0, NULL, &e);
	if (res == NULL) {
		snprintf(err, errlen, "cannot read role_permissions");
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++) {
		role = atoi(PQgetvalue(res, i, 0));
		scope = proto_scope_parse(PQgetvalue(res, i, 2));
		if (scope < 0 || !proto_role_is_valid(role) ||
		    !proto_scope_role_has(role, scope)) {
			snprintf(err, errlen, "scope matrix differs from "
			    "protocol/: role %d holds '%s'", role,
			    PQgetvalue(res, i, 2));
			goto out;
		}
		count[role]++;
	}
	for (role = 1; role <= 3; role++) {
		want = 0;
		for (scope = 0; scope < PROTO_SCOPE_COUNT; scope++)
			want += proto_scope_role_has(role, scope);
		if (count[role] != want) {
			snprintf(err, errlen, "scope matrix differs from "
			    "protocol/: role %s holds %d scopes, expected %d; "
			    "run revcared --seed", proto_role_name(role),
			    count[role], want);
			goto out;
		}
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int
bk_migrate_check(struct bk_db *db, bool development, char *err,
    size_t errlen)
{
	struct bk_err	 e = { 0 };
	PGresult	*res;
	long		 samples;

	if (check_names(db, "SELECT id, role_name FROM roles", 3,
	    role_name_of, "role", err, errlen) != 0 ||
	    check_names(db, "SELECT id, name FROM status", PROTO_STATUS_MAX,
	    proto_status_name, "status", err, errlen) != 0 ||
	    check_names(db, "SELECT id, name FROM assignment_types",
	    PROTO_ASSIGN_MAX, proto_assignment_type_name, "assignment type",
	    err, errlen) != 0 ||
	    check_scopes(db, err, errlen) != 0)
		return -1;
	if (development)
		return 0;
	res = bk_db_query(db, "SELECT count(*) FROM users WHERE is_sample "
	    "AND is_active AND deleted_at IS NULL", 0, NULL, &e);
	if (res == NULL) {
		snprintf(err, errlen, "cannot read users");
		return -1;
	}
	samples = bk_db_long(res, 0, 0);
	PQclear(res);
	if (samples > 0) {
		snprintf(err, errlen, "%ld active sample users exist; they are "
		    "refused outside development (deactivate them or use "
		    "REVCARE_ENV=development)", samples);
		return -1;
	}
	return 0;
}
