#!/usr/bin/env bash
# revcared as a process: configuration refusals (exit 2, one line),
# migrations and seed idempotent, checksum guard, production refusals,
# the first admin, graceful stop. Prints TAP.
set -uo pipefail

: "${REVCARE_TEST_DIR:?run under tests/harness/run-all}"
: "${REVCARE_TEST_PGURL:?}"
top=${REVCARE_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${REVCARE_BUILDDIR:-$top}/backend/revcared
work="$REVCARE_TEST_DIR/lifecycle"
mkdir -p "$work"
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

psql_q() { psql "$REVCARE_TEST_PGURL" -XAtqc "$1"; }
psql_db() { local db=$1; shift; psql "${REVCARE_TEST_PGURL/\/revcare\?//$db?}" -XAtqc "$1"; }

# Run revcared with only the given environment (plus PATH), from top.
run() {
	( cd "$top" && env -i PATH="$PATH" REVCARE_ENV_FILE=/nonexistent \
	    REVCARE_ASSETS_DIR="${ASSETS:-$top/assets}" "$@" )
}

A=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
B=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
base=(POSTGRESQL_URL="$REVCARE_TEST_PGURL" SECRET_KEY="k1$A" REFRESH_SECRET_KEY="k2$B")

echo "1..14"

out=$(run env POSTGRESQL_URL="$REVCARE_TEST_PGURL" "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && [[ $out == *"SECRET_KEY is required"* ]]
ok $? "missing SECRET_KEY: one line, exit 2"

out=$(run env "${base[@]}" HASH_ALGORITHM=argon2 "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *HASH_ALGORITHM* ]]
ok $? "HASH_ALGORITHM other than HS256: exit 2"

out=$(run env "${base[@]}" SECRET_KEY=short "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"at least 32 bytes"* ]]
ok $? "short secret: exit 2"

out=$(run env "${base[@]}" SECRET_KEY="sample-secret-for-docs-0123456789abcdef" "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"sample secrets"* ]]
ok $? "sample secret outside development: exit 2"

out=$(run env "${base[@]}" REVCARE_ENV=development "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 0 ] && [ "$(psql_q 'SELECT count(*) FROM schema_migrations')" = "$(ls "$top"/assets/sql/*.sql | wc -l)" ]
ok $? "migrate-only on a migrated database changes nothing and exits 0"

# every table's row count and content hash, before and after a second seed
snapshot() {
	psql_q "SELECT string_agg(t || ':' || n, ',' ORDER BY t) FROM (
	  SELECT table_name AS t, (xpath('/row/c/text()', query_to_xml(
	    format('SELECT md5(coalesce(string_agg(x::text, ''|'' ORDER BY x::text), '''')) AS c FROM %I x', table_name),
	    false, true, '')))[1]::text AS n
	  FROM information_schema.tables WHERE table_schema = 'public'
	    AND table_name NOT IN ('login_throttle', 'refresh_tokens',
	      'revoked_tokens', 'users', 'audit_log', 'schema_migrations')) s"
}
run env "${base[@]}" REVCARE_ENV=development "$bin" --seed --migrate-only >/dev/null 2>&1
before=$(snapshot)
out=$(run env "${base[@]}" REVCARE_ENV=development "$bin" --seed --migrate-only 2>&1); rc=$?
after=$(snapshot)
[ $rc = 0 ] && [ -n "$before" ] && [ "$before" = "$after" ]
ok $? "a second --seed changes no row"

[ "$(psql_q "SELECT count(*) FROM price_chart WHERE service_id <= 58")" = 1218 ] &&
    [ "$(psql_q "SELECT count(*) FROM services")" -ge 58 ] &&
    [ "$(psql_q "SELECT count(*) FROM role_permissions WHERE role_id = 2")" = 35 ]
ok $? "seeded catalogue and scope matrix are complete"

out=$(run env "${base[@]}" "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"sample users"* ]]
ok $? "production refuses to start while sample users are active"

# a changed migration file stops start-up
cp -r "$top/assets" "$work/assets"
echo "-- edited after it was applied" >> "$work/assets/sql/001_schema.sql"
out=$(ASSETS="$work/assets" run env "${base[@]}" REVCARE_ENV=development "$bin" --migrate-only 2>&1); rc=$?
[ $rc = 2 ] && [[ $out == *"checksum differs"* ]]
ok $? "an applied migration that changed: exit 2"

# production on a fresh database: no sample users, then the first admin
psql_q "DROP DATABASE IF EXISTS lifecycle_prod" >/dev/null 2>&1
psql_q "CREATE DATABASE lifecycle_prod" >/dev/null
prod=(POSTGRESQL_URL="${REVCARE_TEST_PGURL/\/revcare\?//lifecycle_prod?}" SECRET_KEY="k1$A" REFRESH_SECRET_KEY="k2$B")
out=$(run env "${prod[@]}" "$bin" --seed --migrate-only 2>&1); rc=$?
[ $rc = 0 ] && [[ $out == *"skipped"* ]] && [ "$(psql_db lifecycle_prod 'SELECT count(*) FROM users')" = 0 ]
ok $? "production seed skips the sample users"

admin=(REVCARE_ADMIN_PHONE=9000000001 REVCARE_ADMIN_PASSWORD='First#Admin1' REVCARE_ADMIN_NAME='Head Office' REVCARE_ADMIN_EMAIL=head@revcare.test)
out=$(run env "${prod[@]}" "${admin[@]}" REVCARE_ADMIN_PASSWORD=weak "$bin" --bootstrap-admin 2>&1); rc=$?
[ $rc = 2 ] && [ "$(psql_db lifecycle_prod 'SELECT count(*) FROM admins')" = 0 ]
ok $? "bootstrap-admin refuses a weak password"

out=$(run env "${prod[@]}" "${admin[@]}" "$bin" --bootstrap-admin 2>&1); rc=$?
out2=$(run env "${prod[@]}" "${admin[@]}" "$bin" --bootstrap-admin 2>&1); rc2=$?
[ $rc = 0 ] && [[ $out == *"admin ADM000001 created"* ]] && [ $rc2 = 0 ] && [[ $out2 == *"nothing done"* ]]
ok $? "bootstrap-admin creates the first admin once"

# serve in production, log in as that admin, then stop with SIGTERM
log="$work/prod.log"
( cd "$top" && exec env -i PATH="$PATH" REVCARE_ENV_FILE=/nonexistent \
    REVCARE_ASSETS_DIR="$top/assets" "${prod[@]}" "$bin" --port 0 >"$log" 2>&1 ) &
pid=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/[0-9.]*:\([0-9]*\).*/\1/p' "$log")
hdrs=$(curl -s -D - -o /dev/null -d 'username=9000000001&password=First%23Admin1' "http://127.0.0.1:$port/api/v1/auth/login")
[[ $hdrs == *"200 OK"* ]] && [[ $hdrs == *"Secure;"* ]]
ok $? "the bootstrapped admin logs in; production cookies are Secure"

kill -TERM "$pid"
wait "$pid"; rc=$?
[ $rc = 0 ] && grep -q 'stopped' "$log"
ok $? "SIGTERM stops the server cleanly with exit 0"
cat "$log" >> "$REVCARE_TEST_DIR/lifecycle-prod.log"

psql_q "DROP DATABASE IF EXISTS lifecycle_prod" >/dev/null 2>&1
exit 0
