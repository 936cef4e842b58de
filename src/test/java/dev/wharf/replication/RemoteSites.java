package dev.wharf.replication;

import dev.wharf.testing.Await;
import dev.wharf.testing.TestServer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Two Wharf deployments standing for two regions, for the cross-region tests. */
final class RemoteSites {
    static final String REMOTE_REGION = "eu-west-1";

    private RemoteSites() {}

    /** The deployment that is {@link #REMOTE_REGION}. */
    static TestServer startRemote() {
        return TestServer.start(Map.of("WHARF_REGION", REMOTE_REGION));
    }

    /** An ECR client of {@code remote}'s root, signed for its region. */
    static EcrClient remoteEcr(TestServer remote) {
        return EcrClient.builder().endpointOverride(URI.create(remote.url())).region(Region.of(REMOTE_REGION))
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The source's settings: {@link #REMOTE_REGION} is the deployment at {@code endpoint}, pushed to as its root; quick retries. */
    static Map<String, String> sourceEnv(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_REPLICATION_EU_WEST_1_ENDPOINT", endpoint);
        env.put("WHARF_REPLICATION_EU_WEST_1_ACCESS_KEY_ID", TestServer.ACCESS_KEY);
        env.put("WHARF_REPLICATION_EU_WEST_1_SECRET_ACCESS_KEY", TestServer.SECRET_KEY);
        env.put("WHARF_REPLICATION_POLL_INTERVAL", "100ms");
        env.put("WHARF_REPLICATION_RETRY_BASE", "200ms");
        env.put("WHARF_REPLICATION_RETRY_MAX", "500ms");
        env.put("WHARF_REPLICATION_MAX_ATTEMPTS", "100");
        return env;
    }

    /** Replicates every repository of the source's account to the same account in {@link #REMOTE_REGION}. */
    static void replicateEverything(EcrClient source) {
        source.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule -> rule.destinations(
                d -> d.region(REMOTE_REGION).registryId(TestServer.ACCOUNT)))));
    }

    /** The image's one replication status, once it has ended. */
    static ImageReplicationStatus statusOnceDone(EcrClient source, String repository, String digest, Duration limit) {
        Await.until(limit, "replication of " + repository + "@" + digest + " ends", () -> ended(status(source, repository, digest)));
        return status(source, repository, digest).get(0);
    }

    static List<ImageReplicationStatus> status(EcrClient source, String repository, String digest) {
        return source.describeImageReplicationStatus(r -> r.repositoryName(repository).imageId(i -> i.imageDigest(digest)))
                .replicationStatuses();
    }

    private static boolean ended(List<ImageReplicationStatus> statuses) {
        return !statuses.isEmpty() && statuses.stream().noneMatch(s -> s.statusAsString().equals("IN_PROGRESS"));
    }
}
