-- The live stream's fast path for revocation (SPEC §8.17, §2.6, §2.7):
-- when an access token is blacklisted (logout) or a user's tokens stop
-- being valid (sessions ended, password changed, deactivated, deleted, role
-- changed), NOTIFY revcare_revoked with the user id. Every node LISTENs and
-- re-checks that user's sockets at once instead of at its next 60-second
-- re-check. Like revcare_events, the notification goes out on commit only.
CREATE FUNCTION revcare_notify_revoked() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
  PERFORM pg_notify('revcare_revoked', coalesce(CASE TG_TABLE_NAME
      WHEN 'users' THEN to_jsonb(NEW)->>'id'
      ELSE to_jsonb(NEW)->>'user_id' END, ''));
  RETURN NULL;
END
$$;

CREATE TRIGGER revoked_tokens_notify AFTER INSERT ON revoked_tokens
    FOR EACH ROW WHEN (NEW.token_type = 'access')
    EXECUTE FUNCTION revcare_notify_revoked();

CREATE TRIGGER users_tokens_notify AFTER UPDATE ON users
    FOR EACH ROW WHEN (
        OLD.tokens_valid_after IS DISTINCT FROM NEW.tokens_valid_after
        OR OLD.is_active IS DISTINCT FROM NEW.is_active
        OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        OR OLD.role_id IS DISTINCT FROM NEW.role_id)
    EXECUTE FUNCTION revcare_notify_revoked();
