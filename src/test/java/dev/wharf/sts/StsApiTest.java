package dev.wharf.sts;

import dev.wharf.testing.MutableClock;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STS through the AWS SDK v2 StsClient, and temporary credentials used on both doors. */
class StsApiTest {
    static final String TRUST_USER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::111122223333:user/ci\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";

    @Test
    void anAssumedRolePullsAndItsRegistryTokenExpiresWithTheSession() {
        MutableClock clock = new MutableClock();
        try (TestServer s = TestServer.start(Map.of(), clock); IamClient iam = s.iam(); EcrClient root = s.ecr()) {
            root.createRepository(r -> r.repositoryName("app"));
            String rootToken = root.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            assertThat(new V2(s.port(), null, rootToken).pushImage("app", "v1").status()).isEqualTo(201);
            iam.createUser(r -> r.userName("ci"));
            var key = iam.createAccessKey(r -> r.userName("ci")).accessKey();
            iam.createRole(r -> r.roleName("puller").assumeRolePolicyDocument(TRUST_USER));
            iam.attachRolePolicy(r -> r.roleName("puller").policyArn(READ_ONLY));

            try (StsClient sts = s.sts(key.accessKeyId(), key.secretAccessKey(), null)) {
                var assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/puller").roleSessionName("build-42")
                        .durationSeconds(900));
                Credentials c = assumed.credentials();
                assertThat(c.accessKeyId()).startsWith("ASIA");
                assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/puller/build-42");
                assertThat(c.expiration()).isBetween(Instant.now().plusSeconds(890), Instant.now().plusSeconds(910));

                try (StsClient session = s.sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
                     EcrClient ecr = s.ecr(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())) {
                    assertThat(session.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/puller/build-42");
                    var data = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0);
                    assertThat(data.expiresAt()).isBeforeOrEqualTo(c.expiration());
                    V2 door = new V2(s.port(), null, data.authorizationToken());
                    assertThat(door.pullManifest("app", "v1").status()).isEqualTo(200);
                    V2.Response push = door.pushImage("app", "v2");
                    assertThat(push.status()).isEqualTo(403);
                    assertThat(push.body()).contains("User: arn:aws:sts::111122223333:assumed-role/puller/build-42 is not authorized "
                            + "to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:111122223333:repository/app "
                            + "because no identity-based policy allows the ecr:InitiateLayerUpload action");

                    clock.advance(Duration.ofSeconds(901));
                    V2.Response expired = door.pullManifest("app", "v1");
                    assertThat(expired.status()).isEqualTo(403);
                    assertThat(expired.body()).contains("expired");
                }
            }
        }
    }

    @Test
    void aSessionTokenThatDoesNotBelongToTheKeyIsRefused() {
        try (TestServer s = TestServer.start(); StsClient sts = s.sts(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null)) {
            Credentials c = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
            try (StsClient good = s.sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
                 StsClient bad = s.sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken() + "x")) {
                assertThat(good.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111122223333:root");
                assertThatThrownBy(bad::getCallerIdentity).isInstanceOf(StsException.class)
                        .hasMessageContaining("The security token included in the request is invalid");
            }
        }
    }

    @Test
    void aRoleIsNotAssumedWithoutTrustAndNotBeyondItsMaximumDuration() {
        try (TestServer s = TestServer.start(); IamClient iam = s.iam()) {
            iam.createUser(r -> r.userName("ci"));
            iam.createUser(r -> r.userName("other"));
            var ci = iam.createAccessKey(r -> r.userName("ci")).accessKey();
            var other = iam.createAccessKey(r -> r.userName("other")).accessKey();
            iam.createRole(r -> r.roleName("puller").assumeRolePolicyDocument(TRUST_USER));
            String role = "arn:aws:iam::111122223333:role/puller";
            try (StsClient asCi = s.sts(ci.accessKeyId(), ci.secretAccessKey(), null);
                 StsClient asOther = s.sts(other.accessKeyId(), other.secretAccessKey(), null)) {
                assertThatThrownBy(() -> asOther.assumeRole(r -> r.roleArn(role).roleSessionName("x1")))
                        .isInstanceOf(StsException.class)
                        .hasMessageContaining("User: arn:aws:iam::111122223333:user/other is not authorized to perform: sts:AssumeRole on resource: " + role)
                        .satisfies(e -> assertThat(((StsException) e).statusCode()).isEqualTo(403));
                assertThatThrownBy(() -> asCi.assumeRole(r -> r.roleArn(role).roleSessionName("x1").durationSeconds(7200)))
                        .isInstanceOf(StsException.class).hasMessageContaining("MaxSessionDuration");
                assertThatThrownBy(() -> asCi.assumeRole(r -> r.roleArn(role).roleSessionName("bad name")))
                        .isInstanceOf(StsException.class).hasMessageContaining("roleSessionName");
                assertThat(asCi.assumeRole(r -> r.roleArn(role).roleSessionName("ok")).credentials().sessionToken()).isNotBlank();
            }
        }
    }
}
