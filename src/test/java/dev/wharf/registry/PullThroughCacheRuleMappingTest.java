package dev.wharf.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which repositories a rule covers and which upstream repository each caches: the mapping table of
 * ECR's user guide ("Customizing repository prefixes for ECR to ECR pull through cache"), and the
 * namespace rule (a prefix covers {@code prefix/...}, never a longer name that merely starts with it).
 */
class PullThroughCacheRuleMappingTest {

    private static PullThroughCache.Rule rule(String prefix, String upstreamPrefix) {
        return new PullThroughCache.Rule("111122223333", prefix, "https://registry.example", null, null, null,
                upstreamPrefix.equals("-") ? null : upstreamPrefix, 0, 0);
    }

    @ParameterizedTest(name = "rule {0} -> {1}: {2} caches {3}")
    @CsvSource({
            "ecr-public, -,            ecr-public/my-app/image1, my-app/image1",
            "ecr-public, ROOT,         ecr-public/my-app/image2, my-app/image2",
            "ROOT,       ROOT,         my-app/image1,            my-app/image1",
            "team-a,     team-a,       team-a/myapp/image1,      team-a/myapp/image1",
            "my-app,     upstream-app, my-app/image1,            upstream-app/image1",
            "hub/mirror, library,      hub/mirror/alpine,        library/alpine"})
    void aCoveredRepositoryCachesTheUpstreamRepositoryEcrMapsItTo(String prefix, String upstreamPrefix, String name, String upstream) {
        PullThroughCache.Rule r = rule(prefix, upstreamPrefix);
        assertThat(r.covers(name)).isTrue();
        assertThat(r.upstreamRepository(name)).isEqualTo(upstream);
    }

    @ParameterizedTest(name = "rule {0} does not cover {1}")
    @CsvSource({"hub, hubble/app", "hub, hub", "hub/mirror, hub/other/app", "team, a/team/app"})
    void aPrefixCoversItsNamespaceOnly(String prefix, String name) {
        assertThat(rule(prefix, "-").covers(name)).isFalse();
    }
}
