package dev.wharf.storage.meta;

import java.util.Map;
import java.util.Optional;

/** Installation settings, account settings and per-account limit overrides. Part of {@link MetadataStore}; same transactional promises. */
public interface SettingsStore {

    Optional<String> setting(String name);

    void putSetting(String name, String value);

    Optional<String> accountSetting(String accountId, String name);

    void putAccountSetting(String accountId, String name, String value);

    /** Per-account overrides of the configured service limits: limit name → value. */
    Map<String, Long> accountLimits(String accountId);

    void putAccountLimit(String accountId, String name, long value);

    /** @return true when an override was removed */
    boolean deleteAccountLimit(String accountId, String name);
}
