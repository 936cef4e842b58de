package dev.wharf.registry;

import dev.wharf.config.WharfConfig;

import java.time.Clock;
import java.time.Duration;

/** What the domain services need from the configuration, in one value. */
public record RegistrySettings(String region, String domain, WharfConfig.Limits limits, Duration uploadExpiry, Clock clock,
                               boolean createOnPush) {

    public RegistrySettings(String region, String domain, WharfConfig.Limits limits, Duration uploadExpiry, Clock clock) {
        this(region, domain, limits, uploadExpiry, clock, false);
    }

    public static RegistrySettings from(WharfConfig config, Clock clock) {
        return new RegistrySettings(config.region(), config.domain(), config.limits(), config.auth().uploadExpiry(), clock,
                config.createOnPush());
    }

    public String repositoryArn(String accountId, String name) {
        return "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + name;
    }

    public String repositoryUri(String accountId, String name) {
        return registryHost(accountId) + "/" + name;
    }

    public String registryHost(String accountId) {
        return accountId + ".dkr.ecr." + region + "." + domain;
    }
}
