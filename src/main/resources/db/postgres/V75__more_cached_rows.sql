-- More rows of the pull path cached exactly (docs/design.md, "Caches across nodes"): access keys by id,
-- tags by name, an account's pull through cache rules, an image's archive row, a repository's resource
-- tags, and the repository and registry policies. Tags are cached when present only, so, as for
-- manifests in V73, only their updates and deletes bump the generation (a tag just pushed makes no
-- cached row stale). The others are cached whole, an absent row or an empty list too (an STS session's
-- key id is absent from access_keys on every request of the session), so every write to them bumps
-- it, inserts included. INSERT ... ON CONFLICT DO UPDATE fires the AFTER
-- UPDATE trigger for a row it updates and AFTER INSERT for one it inserts; foreign-key cascades fire the
-- delete triggers. Deferred to COMMIT, as in V73, so the counter's row lock is a transaction's last.
CREATE CONSTRAINT TRIGGER access_keys_cache_generation AFTER INSERT OR UPDATE OR DELETE ON access_keys
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER tags_cache_generation AFTER UPDATE OR DELETE ON tags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER pull_through_cache_rules_cache_generation AFTER INSERT OR UPDATE OR DELETE ON pull_through_cache_rules
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER image_archive_cache_generation AFTER INSERT OR UPDATE OR DELETE ON image_archive
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER repository_tags_cache_generation AFTER INSERT OR UPDATE OR DELETE ON repository_tags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER repository_policies_cache_generation AFTER INSERT OR UPDATE OR DELETE ON repository_policies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER registry_policies_cache_generation AFTER INSERT OR UPDATE OR DELETE ON registry_policies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();

-- An IAM principal's request reads who it is and its identity policies: users, roles, STS sessions and
-- customer managed policies (and their versions) are cached when present; a principal's tags, inline
-- policies, attached policies and groups, and an account's pull-time exclusions, whole.
CREATE CONSTRAINT TRIGGER iam_users_cache_generation AFTER UPDATE OR DELETE ON iam_users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_roles_cache_generation AFTER UPDATE OR DELETE ON iam_roles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_sessions_cache_generation AFTER UPDATE OR DELETE ON iam_sessions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_policies_cache_generation AFTER UPDATE OR DELETE ON iam_policies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_policy_versions_cache_generation AFTER UPDATE OR DELETE ON iam_policy_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_tags_cache_generation AFTER INSERT OR UPDATE OR DELETE ON iam_tags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_inline_policies_cache_generation AFTER INSERT OR UPDATE OR DELETE ON iam_inline_policies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_attachments_cache_generation AFTER INSERT OR UPDATE OR DELETE ON iam_attachments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER iam_group_members_cache_generation AFTER INSERT OR UPDATE OR DELETE ON iam_group_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER pull_time_exclusions_cache_generation AFTER INSERT OR UPDATE OR DELETE ON pull_time_exclusions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
