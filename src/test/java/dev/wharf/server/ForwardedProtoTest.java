package dev.wharf.server;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behind a TLS-terminating load balancer, {@code X-Forwarded-Proto: https} makes a request secure
 * ({@code aws:SecureTransport}) only when it comes from a configured proxy.
 */
class ForwardedProtoTest {
    private static final String TLS_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:DescribeRepositories","Resource":"*",
              "Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""";

    /** Describes repositories as a user whose only permission requires TLS, saying it came over https. */
    private static void describeAsTlsOnlyUser(TestServer s) {
        AccessKey key;
        try (IamClient iam = s.iam()) {
            iam.createUser(r -> r.userName("ci"));
            iam.putUserPolicy(r -> r.userName("ci").policyName("tls-only").policyDocument(TLS_ONLY));
            key = iam.createAccessKey(r -> r.userName("ci")).accessKey();
        }
        try (EcrClient ecr = s.ecr(key.accessKeyId(), key.secretAccessKey())) {
            ecr.describeRepositories(r -> r.overrideConfiguration(o -> o.putHeader("X-Forwarded-Proto", "https")));
        }
    }

    @Test
    void fromATrustedProxyTheForwardedProtoCounts() {
        try (TestServer s = TestServer.start(Map.of("WHARF_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"))) {
            describeAsTlsOnlyUser(s);
        }
    }

    @Test
    void fromAnyoneElseTheForwardedProtoIsIgnored() {
        try (TestServer s = TestServer.start(Map.of("WHARF_TRUSTED_PROXIES", "10.0.0.0/8"))) {
            assertThatThrownBy(() -> describeAsTlsOnlyUser(s)).isInstanceOf(EcrException.class)
                    .hasMessageContaining("not authorized");
        }
    }

    @Test
    void blocksAndAddressesMatchByTheirPrefix() {
        TrustedProxies p = new TrustedProxies(List.of("10.1.0.0/16", "192.168.7.9", "fd00::/8"));
        assertThat(p.trusts(new InetSocketAddress("10.1.200.3", 1))).isTrue();
        assertThat(p.trusts(new InetSocketAddress("10.2.0.1", 1))).isFalse();
        assertThat(p.trusts(new InetSocketAddress("192.168.7.9", 1))).isTrue();
        assertThat(p.trusts(new InetSocketAddress("192.168.7.10", 1))).isFalse();
        assertThat(p.trusts(new InetSocketAddress("fd12::1", 1))).isTrue();
        assertThat(p.trusts(new InetSocketAddress("fe80::1", 1))).isFalse();
    }

    @Test
    void aNameOrABadPrefixIsRefused() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("lb.example.com"))).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("invalid prefix");
    }
}
