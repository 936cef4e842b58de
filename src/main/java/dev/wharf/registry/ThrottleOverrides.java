package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.limits.Rate;
import dev.wharf.limits.Throttle;
import dev.wharf.storage.meta.MetadataStore;

import java.util.Map;
import java.util.TreeMap;

/**
 * An account's own throttling rates, kept with its other limit overrides in the metadata store (two
 * rows per operation: {@code throttling.<Operation>.rate} and {@code .burst}), so that an override
 * set with {@code wharf account limits} holds on every node at its next request (the rows come
 * through the metadata cache, which is exact across nodes).
 */
public final class ThrottleOverrides implements Throttle.Overrides {
    public static final String PREFIX = "throttling.";
    private final MetadataStore meta;

    public ThrottleOverrides(MetadataStore meta) {
        this.meta = meta;
    }

    @Override
    public Map<String, Rate> forAccount(String accountId) {
        Map<String, Long> rows = meta.accountLimits(accountId);
        Map<String, Rate> out = new TreeMap<>();
        rows.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.endsWith(".rate")) {
                String op = name.substring(PREFIX.length(), name.length() - ".rate".length());
                Long burst = rows.get(PREFIX + op + ".burst");
                out.put(op, new Rate((int) (long) value, burst == null ? (int) (long) value : (int) (long) burst));
            }
        });
        return out;
    }

    /** Sets the account's rate of {@code operation} (an ECR, IAM, STS or CloudTrail operation name such as {@code PutImage}). */
    public void set(String accountId, String operation, Rate rate) {
        if (!operation.matches("[A-Z][A-Za-z0-9]{1,127}")) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "'" + operation + "' is not an operation name such as PutImage");
        }
        if (meta.findAccount(accountId).isEmpty()) {
            throw new WharfException(ErrorCode.NOT_FOUND, "The account " + accountId + " does not exist");
        }
        meta.putAccountLimit(accountId, PREFIX + operation + ".rate", rate.perSecond());
        meta.putAccountLimit(accountId, PREFIX + operation + ".burst", rate.burst());
    }

    /** Removes the account's rate of {@code operation}; the configured rate holds again. */
    public boolean reset(String accountId, String operation) {
        boolean a = meta.deleteAccountLimit(accountId, PREFIX + operation + ".rate");
        boolean b = meta.deleteAccountLimit(accountId, PREFIX + operation + ".burst");
        return a || b;
    }
}
