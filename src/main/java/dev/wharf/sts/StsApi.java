package dev.wharf.sts;

import dev.wharf.auth.Authenticator;
import dev.wharf.iam.IamCaller;
import dev.wharf.iam.Sessions;
import dev.wharf.policy.Principal;
import dev.wharf.query.QueryApi;
import dev.wharf.query.Xml;

import java.time.Clock;

/**
 * The STS Query API ({@code Version=2011-06-15}, SigV4 service {@code sts}): GetCallerIdentity,
 * AssumeRole and GetSessionToken. The rules are {@link Sessions}'.
 */
public final class StsApi extends QueryApi {
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    public StsApi(Sessions sessions, Authenticator authenticator, String region, long maxBody, Clock clock) {
        super("sts", NAMESPACE, authenticator, region, maxBody);
        action("GetCallerIdentity", (c, x) -> {
            Principal p = c.who().principal();
            x.leaf("Arn", p.arn()).leaf("UserId", p.userId()).leaf("Account", p.accountId());
        });
        action("AssumeRole", (c, x) -> {
            IamCaller caller = new IamCaller(c.who().principal(), c.exchange().sourceIp(), c.exchange().userAgent(),
                    c.exchange().secure(), clock.instant());
            Sessions.AssumedRole r = sessions.assumeRole(caller, c.params().required("RoleArn"),
                    c.params().required("RoleSessionName"), c.params().integer("DurationSeconds", Sessions.MIN_DURATION, 43_200),
                    c.params().tags("Tags"));
            credentials(x, r.credentials());
            x.open("AssumedRoleUser").leaf("AssumedRoleId", r.assumedRoleId()).leaf("Arn", r.assumedRoleArn()).close();
        });
        action("GetSessionToken", (c, x) -> {
            IamCaller caller = new IamCaller(c.who().principal(), c.exchange().sourceIp(), c.exchange().userAgent(),
                    c.exchange().secure(), clock.instant());
            credentials(x, sessions.getSessionToken(caller, c.params().integer("DurationSeconds", Sessions.MIN_DURATION, 129_600)));
        });
    }

    private static void credentials(Xml x, Sessions.Credentials k) {
        x.open("Credentials").leaf("AccessKeyId", k.accessKeyId()).leaf("SecretAccessKey", k.secretAccessKey())
                .leaf("SessionToken", k.sessionToken()).leaf("Expiration", k.expiration()).close();
    }
}
