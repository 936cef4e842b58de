package dev.wharf.registry;

import dev.wharf.config.WharfConfig;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.MetadataStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECR's service quotas, per account: the configured defaults ({@code limits.*},
 * {@code WHARF_LIMITS_*}) overridden by the account's rows in the metadata store. Read on each
 * use, so an override set on one node holds on every node at once.
 */
public final class ServiceLimits {
    /** The limits an operator may override for one account (names of {@link WharfConfig.Limits} components). */
    public static final List<String> OVERRIDABLE = List.of("repositoriesPerAccount", "imagesPerRepository", "layersPerImage",
            "minLayerPartBytes", "maxLayerPartBytes", "maxLayerParts", "storageBytes");
    /**
     * Beyond ECR (Harbor has it per project): the most bytes an account's repositories may store,
     * each blob counted once however many repositories link it. No configured default: set per account only.
     */
    public static final String STORAGE_BYTES = "storageBytes";

    private final MetadataStore meta;
    private final WharfConfig.Limits defaults;

    public ServiceLimits(MetadataStore meta, WharfConfig.Limits defaults) {
        this.meta = meta;
        this.defaults = defaults;
    }

    public WharfConfig.Limits defaults() {
        return defaults;
    }

    /** The limits in force for the account. */
    public WharfConfig.Limits forAccount(String accountId) {
        Map<String, Long> o = meta.accountLimits(accountId);
        if (o.isEmpty()) return defaults;
        WharfConfig.Limits d = defaults;
        return new WharfConfig.Limits(
                (int) (long) o.getOrDefault("repositoriesPerAccount", (long) d.repositoriesPerAccount()),
                (int) (long) o.getOrDefault("imagesPerRepository", (long) d.imagesPerRepository()),
                (int) (long) o.getOrDefault("layersPerImage", (long) d.layersPerImage()),
                d.maxManifestBytes(),
                o.getOrDefault("minLayerPartBytes", d.minLayerPartBytes()),
                o.getOrDefault("maxLayerPartBytes", d.maxLayerPartBytes()),
                (int) (long) o.getOrDefault("maxLayerParts", (long) d.maxLayerParts()),
                d.maxBlobBytes(),
                d.maxControlPlaneBodyBytes(),
                d.openUploadsPerRepository());
    }

    /** The values of the {@link #OVERRIDABLE} limits in force for the account, in that order. */
    public Map<String, Long> inForce(String accountId) {
        WharfConfig.Limits l = forAccount(accountId);
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("repositoriesPerAccount", (long) l.repositoriesPerAccount());
        out.put("imagesPerRepository", (long) l.imagesPerRepository());
        out.put("layersPerImage", (long) l.layersPerImage());
        out.put("minLayerPartBytes", l.minLayerPartBytes());
        out.put("maxLayerPartBytes", l.maxLayerPartBytes());
        out.put("maxLayerParts", (long) l.maxLayerParts());
        out.put(STORAGE_BYTES, storageBytes(accountId).orElse(0));
        return out;
    }

    /** The account's storage quota, if one is set (0 in {@link #inForce} means none). */
    public java.util.OptionalLong storageBytes(String accountId) {
        Long v = meta.accountLimits(accountId).get(STORAGE_BYTES);
        return v == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    /**
     * Refuses a blob that would take the account past its storage quota (LimitExceededException;
     * OCI DENIED). Checked before the blob is linked, not in the same transaction: concurrent
     * uploads of one account may overshoot by what they add together.
     */
    public void requireStorage(String accountId, String digest, long size) {
        java.util.OptionalLong max = storageBytes(accountId);
        if (max.isEmpty()) return;
        long after = meta.accountBytesWith(accountId, digest, size);
        if (after > max.getAsLong()) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The blob " + digest + " (" + size + " bytes) would take the account "
                    + accountId + " to " + after + " bytes stored, over its storage limit storageBytes = " + max.getAsLong()
                    + "; delete images (and let garbage collection run) or ask the operator to raise the limit");
        }
    }

    /** The account's overrides only. */
    public Map<String, Long> overrides(String accountId) {
        return meta.accountLimits(accountId);
    }

    /** Sets an override; {@code name} must be one of {@link #OVERRIDABLE}, {@code value} at least 1 (and an int where the limit is a count). */
    public void set(String accountId, String name, long value) {
        if (!OVERRIDABLE.contains(name)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "'" + name + "' is not a per-account limit; use one of " + OVERRIDABLE);
        }
        if (value < 1 || (!name.endsWith("Bytes") && value > Integer.MAX_VALUE)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "The limit " + name + " must be a positive "
                    + (name.endsWith("Bytes") ? "number of bytes" : "integer") + ", got " + value);
        }
        if (meta.findAccount(accountId).isEmpty()) {
            throw new WharfException(ErrorCode.NOT_FOUND, "The account " + accountId + " does not exist");
        }
        meta.putAccountLimit(accountId, name, value);
    }

    /** Removes an override, so that the configured default holds again. */
    public boolean reset(String accountId, String name) {
        return meta.deleteAccountLimit(accountId, name);
    }
}
