package dev.wharf.replication;

import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.ReplicationConfiguration;
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;
import software.amazon.awssdk.services.ecr.model.RepositoryFilter;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PutReplicationConfiguration and DescribeRegistry through the AWS SDK: what is stored is what
 * DescribeRegistry answers, and every invalid configuration is refused with ECR's exception.
 */
@WharfTest
class ReplicationConfigurationTest {
    private static final String OTHER = "444455556666";
    private static final String REGION = TestServer.REGION;

    private static ReplicationDestination dest(String region, String registryId) {
        return ReplicationDestination.builder().region(region).registryId(registryId).build();
    }

    private static ReplicationRule rule(List<ReplicationDestination> destinations, RepositoryFilter... filters) {
        ReplicationRule.Builder b = ReplicationRule.builder().destinations(destinations);
        if (filters.length > 0) b.repositoryFilters(filters);
        return b.build();
    }

    private static RepositoryFilter prefix(String filter) {
        return RepositoryFilter.builder().filter(filter).filterType("PREFIX_MATCH").build();
    }

    private static List<ReplicationDestination> destinations(int n) {
        List<ReplicationDestination> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(dest(REGION, String.format("%012d", 900_000_000_000L + i)));
        return out;
    }

    static Stream<Arguments> invalidConfigurations() {
        List<ReplicationRule> elevenRules = new ArrayList<>();
        for (int i = 0; i < 11; i++) elevenRules.add(rule(List.of(dest(REGION, OTHER))));
        return Stream.of(
                Arguments.of("the source registry itself", List.of(rule(List.of(dest(REGION, TestServer.ACCOUNT)))),
                        InvalidParameterException.class, "cannot be the source registry"),
                Arguments.of("more than 10 rules", elevenRules, InvalidParameterException.class, "length between 0 and 10"),
                Arguments.of("more than 25 destinations in a rule", List.of(rule(destinations(26))),
                        InvalidParameterException.class, "length between 0 and 25"),
                Arguments.of("more than 25 unique destinations across rules", List.of(rule(destinations(20)),
                        rule(destinations(26).subList(20, 26)), rule(destinations(26).subList(0, 1))),
                        ValidationException.class, "at most 25 destinations"),
                Arguments.of("a rule without destinations", List.of(rule(List.of())), InvalidParameterException.class, "destinations"),
                Arguments.of("a destination twice in a rule", List.of(rule(List.of(dest(REGION, OTHER), dest(REGION, OTHER)))),
                        InvalidParameterException.class, "more than once"),
                Arguments.of("a registry id that is not 12 digits", List.of(rule(List.of(dest(REGION, "12345")))),
                        InvalidParameterException.class, "registryId"),
                Arguments.of("a region name ECR does not accept", List.of(rule(List.of(dest("US_EAST_1", OTHER)))),
                        InvalidParameterException.class, "region"),
                Arguments.of("a region no deployment is configured for", List.of(rule(List.of(dest("ap-south-2", OTHER)))),
                        InvalidParameterException.class, "replication.regions.ap-south-2"),
                Arguments.of("a filter type other than PREFIX_MATCH", List.of(rule(List.of(dest(REGION, OTHER)),
                        RepositoryFilter.builder().filter("prod").filterType("WILDCARD").build())),
                        InvalidParameterException.class, "PREFIX_MATCH"),
                Arguments.of("a filter of one character", List.of(rule(List.of(dest(REGION, OTHER)), prefix("p"))),
                        InvalidParameterException.class, "length between 2 and 256"),
                Arguments.of("a filter with upper case", List.of(rule(List.of(dest(REGION, OTHER)), prefix("Prod"))),
                        InvalidParameterException.class, "regular expression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void anInvalidConfigurationIsRefusedAndTheStoredOneKept(String why, List<ReplicationRule> rules, Class<? extends EcrException> error,
                                                            String message, EcrClient ecr) {
        ReplicationConfiguration before = ecr.describeRegistry(r -> {}).replicationConfiguration();
        assertThatThrownBy(() -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rules))))
                .isInstanceOf(error).hasMessageContaining(message);
        assertThat(ecr.describeRegistry(r -> {}).replicationConfiguration()).isEqualTo(before);
    }

    @Test
    void describeRegistryAnswersTheConfigurationPut(EcrClient ecr) {
        ReplicationConfiguration config = ReplicationConfiguration.builder().rules(
                rule(List.of(dest(REGION, OTHER)), prefix("prod"), prefix("team-a/")),
                rule(List.of(dest(REGION, "777788889999")))).build();
        var put = ecr.putReplicationConfiguration(r -> r.replicationConfiguration(config));
        assertThat(put.replicationConfiguration()).isEqualTo(config);

        DescribeRegistryResponse d = ecr.describeRegistry(r -> {});
        assertThat(d.registryId()).isEqualTo(TestServer.ACCOUNT);
        assertThat(d.replicationConfiguration()).isEqualTo(config);

        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(List.of())));
        assertThat(ecr.describeRegistry(r -> {}).replicationConfiguration().rules()).isEmpty();
    }

    @Test
    void statusOfAMissingRepositoryOrImageIsEcrsNotFound(EcrClient ecr) {
        assertThatThrownBy(() -> ecr.describeImageReplicationStatus(r -> r.repositoryName("nowhere").imageId(i -> i.imageTag("v1"))))
                .isInstanceOf(RepositoryNotFoundException.class);
        ecr.createRepository(r -> r.repositoryName("status/app"));
        assertThatThrownBy(() -> ecr.describeImageReplicationStatus(r -> r.repositoryName("status/app").imageId(i -> i.imageTag("v1"))))
                .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("imageTag=v1");
        assertThatThrownBy(() -> ecr.describeImageReplicationStatus(r -> r.repositoryName("status/app").imageId(i -> {})))
                .isInstanceOf(InvalidParameterException.class);
    }
}
