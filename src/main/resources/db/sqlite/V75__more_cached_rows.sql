-- More rows of the pull path cached exactly (docs/design.md, "Caches across nodes"): access keys by id,
-- tags by name, an account's pull through cache rules, an image's archive row, a repository's resource
-- tags, and the repository and registry policies. Tags are cached when present only, so, as for
-- manifests in V73, only their updates and deletes bump the generation (a tag just pushed makes no
-- cached row stale). The others are cached whole, an absent row or an empty list too (an STS session's
-- key id is absent from access_keys on every request of the session), so every write to them bumps
-- it, inserts included. Every write to these tables is a plain INSERT,
-- UPDATE, DELETE or INSERT ... ON CONFLICT DO UPDATE (which fires the UPDATE trigger when it updates),
-- never INSERT OR REPLACE (whose implicit delete fires no trigger while recursive_triggers is off).
-- Foreign-key cascades (a repository, manifest or account deleted) fire the delete triggers.
CREATE TRIGGER access_keys_insert_cache_generation AFTER INSERT ON access_keys
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER access_keys_update_cache_generation AFTER UPDATE ON access_keys
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER access_keys_delete_cache_generation AFTER DELETE ON access_keys
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER tags_update_cache_generation AFTER UPDATE ON tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER tags_delete_cache_generation AFTER DELETE ON tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER pull_through_cache_rules_insert_cache_generation AFTER INSERT ON pull_through_cache_rules
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER pull_through_cache_rules_update_cache_generation AFTER UPDATE ON pull_through_cache_rules
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER pull_through_cache_rules_delete_cache_generation AFTER DELETE ON pull_through_cache_rules
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER image_archive_insert_cache_generation AFTER INSERT ON image_archive
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER image_archive_update_cache_generation AFTER UPDATE ON image_archive
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER image_archive_delete_cache_generation AFTER DELETE ON image_archive
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER repository_tags_insert_cache_generation AFTER INSERT ON repository_tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER repository_tags_update_cache_generation AFTER UPDATE ON repository_tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER repository_tags_delete_cache_generation AFTER DELETE ON repository_tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER repository_policies_insert_cache_generation AFTER INSERT ON repository_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER repository_policies_update_cache_generation AFTER UPDATE ON repository_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER repository_policies_delete_cache_generation AFTER DELETE ON repository_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER registry_policies_insert_cache_generation AFTER INSERT ON registry_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER registry_policies_update_cache_generation AFTER UPDATE ON registry_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER registry_policies_delete_cache_generation AFTER DELETE ON registry_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

-- An IAM principal's request reads who it is and its identity policies: users, roles, STS sessions and
-- customer managed policies (and their versions) are cached when present; a principal's tags, inline
-- policies, attached policies and groups, and an account's pull-time exclusions, whole.
CREATE TRIGGER iam_users_update_cache_generation AFTER UPDATE ON iam_users
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_users_delete_cache_generation AFTER DELETE ON iam_users
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_roles_update_cache_generation AFTER UPDATE ON iam_roles
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_roles_delete_cache_generation AFTER DELETE ON iam_roles
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_sessions_update_cache_generation AFTER UPDATE ON iam_sessions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_sessions_delete_cache_generation AFTER DELETE ON iam_sessions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_policies_update_cache_generation AFTER UPDATE ON iam_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_policies_delete_cache_generation AFTER DELETE ON iam_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_policy_versions_update_cache_generation AFTER UPDATE ON iam_policy_versions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_policy_versions_delete_cache_generation AFTER DELETE ON iam_policy_versions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_tags_insert_cache_generation AFTER INSERT ON iam_tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_tags_update_cache_generation AFTER UPDATE ON iam_tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_tags_delete_cache_generation AFTER DELETE ON iam_tags
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_inline_policies_insert_cache_generation AFTER INSERT ON iam_inline_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_inline_policies_update_cache_generation AFTER UPDATE ON iam_inline_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_inline_policies_delete_cache_generation AFTER DELETE ON iam_inline_policies
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_attachments_insert_cache_generation AFTER INSERT ON iam_attachments
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_attachments_update_cache_generation AFTER UPDATE ON iam_attachments
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_attachments_delete_cache_generation AFTER DELETE ON iam_attachments
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER iam_group_members_insert_cache_generation AFTER INSERT ON iam_group_members
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_group_members_update_cache_generation AFTER UPDATE ON iam_group_members
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER iam_group_members_delete_cache_generation AFTER DELETE ON iam_group_members
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER pull_time_exclusions_insert_cache_generation AFTER INSERT ON pull_time_exclusions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER pull_time_exclusions_update_cache_generation AFTER UPDATE ON pull_time_exclusions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER pull_time_exclusions_delete_cache_generation AFTER DELETE ON pull_time_exclusions
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
