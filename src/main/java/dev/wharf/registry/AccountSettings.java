package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.MetadataStore;

import java.util.List;
import java.util.Map;

/**
 * ECR account settings (PutAccountSetting): BASIC_SCAN_TYPE_VERSION, REGISTRY_POLICY_SCOPE and
 * BLOB_MOUNTING, each with its allowed values and its default. BLOB_MOUNTING is honoured by the
 * {@code /v2/} cross-repository mount; Wharf's default is ENABLED (mounting has always worked here).
 */
public final class AccountSettings {
    public static final String BLOB_MOUNTING = "BLOB_MOUNTING";
    /** name → allowed values, the first being the default. */
    private static final Map<String, List<String>> SETTINGS = Map.of(
            "BASIC_SCAN_TYPE_VERSION", List.of("AWS_NATIVE", "CLAIR"),
            "REGISTRY_POLICY_SCOPE", List.of("V2", "V1"),
            BLOB_MOUNTING, List.of("ENABLED", "DISABLED"));

    private final MetadataStore meta;
    private final AccessControl access;

    public AccountSettings(MetadataStore meta, AccessControl access) {
        this.meta = meta;
        this.access = access;
    }

    /**
     * DescribeRegistry: authorizes {@code ecr:DescribeRegistry} (on Resource "*", as ECR) and answers
     * the registry id (the door adds the registry's replication configuration).
     */
    public String describeRegistry(Caller caller, String account) {
        access.check(caller, EcrAction.DESCRIBE_REGISTRY, "*", account);
        return account;
    }

    /** GetAuthorizationToken's authorization: ECR authorizes {@code ecr:GetAuthorizationToken} on Resource "*" only. */
    public void authorizeTokenRequest(Caller caller, String account) {
        access.check(caller, EcrAction.GET_AUTHORIZATION_TOKEN, "*", account);
    }

    public String get(Caller caller, String account, String name) {
        access.check(caller, EcrAction.GET_ACCOUNT_SETTING, "*", account);
        return value(account, known(name));
    }

    public String put(Caller caller, String account, String name, String value) {
        access.check(caller, EcrAction.PUT_ACCOUNT_SETTING, "*", account);
        List<String> allowed = SETTINGS.get(known(name));
        if (!allowed.contains(value)) {
            throw new WharfException(ErrorCode.VALIDATION, "The value '" + value + "' is not valid for the account setting " + name
                    + "; valid values are " + allowed);
        }
        meta.putAccountSetting(account, name, value);
        return value;
    }

    /** The setting's value for the account, or its default. */
    public String value(String account, String name) {
        return meta.accountSetting(account, name).orElse(SETTINGS.get(name).get(0));
    }

    private static String known(String name) {
        if (!SETTINGS.containsKey(name)) {
            throw new WharfException(ErrorCode.VALIDATION, "'" + name + "' is not an account setting; valid names are "
                    + SETTINGS.keySet().stream().sorted().toList());
        }
        return name;
    }
}
