package dev.wharf.secrets.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.audit.CallRecord;
import dev.wharf.auth.Authenticated;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.AwsApi;
import dev.wharf.http.Exchange;
import dev.wharf.registry.Caller;
import dev.wharf.secrets.SecretListing;
import dev.wharf.secrets.SecretRequests;
import dev.wharf.secrets.SecretValue;
import dev.wharf.secrets.SecretsManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

/**
 * The Secrets Manager subset on {@code POST /}: awsJson 1.1 with {@code X-Amz-Target:
 * secretsmanager.<Operation>}, SigV4 service {@code secretsmanager}. It parses, calls one service
 * method, renders ({@link SecretsJson}); authorization, throttling and every rule are the services'.
 * The call is audited as {@code secretsmanager.amazonaws.com}; the audit trail hides
 * {@code SecretString} and {@code SecretBinary}, and answers that carry a value are never recorded.
 */
public final class SecretsManagerApi implements AwsApi {
    public static final String TARGET_PREFIX = "secretsmanager.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> OPERATIONS = Set.of("CreateSecret", "GetSecretValue", "PutSecretValue", "DescribeSecret", "ListSecrets",
            "DeleteSecret");

    private final SecretsManager secrets;
    private final SecretListing listing;
    private final Authenticator authenticator;
    private final String region;
    private final long maxBody;
    private final Clock clock;

    public SecretsManagerApi(SecretsManager secrets, SecretListing listing, Authenticator authenticator, String region, long maxBody,
                             Clock clock) {
        this.secrets = secrets;
        this.listing = listing;
        this.authenticator = authenticator;
        this.region = region;
        this.maxBody = maxBody;
        this.clock = clock;
    }

    @Override
    public boolean accepts(Exchange ex) {
        String target = ex.header("X-Amz-Target");
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    @Override
    public void handle(Exchange ex) {
        try {
            String op = ex.header("X-Amz-Target").substring(TARGET_PREFIX.length());
            boolean known = OPERATIONS.contains(op);
            ex.operation("secretsmanager", known ? op : null);
            if (known) CallRecord.named("secretsmanager", op);
            byte[] body = ex.readBody(maxBody, () -> {
                throw new WharfException(ErrorCode.TOO_LARGE, "The request body exceeds " + maxBody + " bytes");
            });
            Authenticated who = authenticator.sigv4(new SignedRequest(ex.method(), ex.rawPath(), ex.rawQuery(), ex.headers(), body),
                    region, "secretsmanager");
            ex.principal(who.principal().arn());
            if (!known) {
                throw new WharfException(ErrorCode.UNKNOWN_OPERATION, "The operation '" + op + "' is not available: this Secrets Manager "
                        + "answers " + String.join(", ", OPERATIONS.stream().sorted().toList()));
            }
            JsonNode in = parse(body);
            CallRecord.requestParameters(cloudTrailNames(in));
            Caller caller = new Caller(who.principal(), who.accessKeyId(), ex.sourceIp(), ex.userAgent(), ex.secure(), clock.instant());
            ObjectNode out = call(op, caller, in);
            if (!op.equals("GetSecretValue")) CallRecord.responseElements(cloudTrailNames(out));
            ex.send(200, CONTENT_TYPE, JSON.writeValueAsBytes(out));
        } catch (WharfException e) {
            writeFault(ex, e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode call(String op, Caller caller, JsonNode in) {
        return switch (op) {
            case "CreateSecret" -> SecretsJson.created(secrets.create(caller, new SecretRequests.Create(SecretsJson.string(in, "Name"),
                    SecretsJson.string(in, "ClientRequestToken"), SecretsJson.string(in, "Description"), value(in),
                    SecretsJson.tags(in), SecretsJson.string(in, "KmsKeyId"), SecretsJson.present(in, "AddReplicaRegions"),
                    SecretsJson.string(in, "Type"))));
            case "GetSecretValue" -> SecretsJson.value(secrets.getValue(caller, SecretsJson.string(in, "SecretId"),
                    SecretsJson.string(in, "VersionId"), SecretsJson.string(in, "VersionStage")));
            case "PutSecretValue" -> SecretsJson.stored(secrets.putValue(caller, new SecretRequests.Put(SecretsJson.string(in, "SecretId"),
                    SecretsJson.string(in, "ClientRequestToken"), value(in), SecretsJson.strings(in, "VersionStages"))));
            case "DescribeSecret" -> SecretsJson.details(secrets.describe(caller, SecretsJson.string(in, "SecretId")), "VersionIdsToStages");
            case "ListSecrets" -> SecretsJson.page(listing.list(caller, new SecretRequests.ListQuery(SecretsJson.integer(in, "MaxResults"),
                    SecretsJson.string(in, "NextToken"), SecretsJson.filters(in), SecretsJson.string(in, "SortOrder"),
                    SecretsJson.string(in, "SortBy"), SecretsJson.bool(in, "IncludePlannedDeletion"))));
            case "DeleteSecret" -> SecretsJson.deleted(secrets.delete(caller, SecretsJson.string(in, "SecretId"),
                    SecretsJson.longValue(in, "RecoveryWindowInDays"), SecretsJson.bool(in, "ForceDeleteWithoutRecovery")));
            default -> throw new IllegalStateException(op);
        };
    }

    private static SecretValue value(JsonNode in) {
        return SecretValue.of(SecretsJson.string(in, "SecretString"), SecretsJson.binary(in, "SecretBinary"));
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) return JSON.createObjectNode();
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isNull()) return JSON.createObjectNode();
            if (!n.isObject()) throw new WharfException(ErrorCode.SERIALIZATION, "The request body must be a JSON object");
            return n;
        } catch (IOException e) {
            // the parser's message may quote the body, which may hold the secret: it is not repeated
            throw new WharfException(ErrorCode.SERIALIZATION, "The request body is not valid JSON");
        }
    }

    /** awsJson 1.1 error: {@code {"__type": ..., "message": ...}} with {@code X-Amzn-ErrorType}, as the other JSON doors write it. */
    @Override
    public void writeFault(Exchange ex, WharfException e) {
        CallRecord.failed(e.code().ecrType(), e.getMessage());
        ObjectNode err = JSON.createObjectNode();
        err.put("__type", e.code().ecrType());
        err.put("message", e.getMessage());
        ex.header("X-Amzn-ErrorType", e.code().ecrType());
        ex.send(e.code().ecrStatus(), CONTENT_TYPE, err.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The document as CloudTrail records Secrets Manager calls: top-level names with a lower-case first letter
     * ({@code secretId}, not the wire's {@code SecretId}).
     */
    private static JsonNode cloudTrailNames(JsonNode doc) {
        if (!doc.isObject()) return doc;
        ObjectNode out = JSON.createObjectNode();
        doc.fields().forEachRemaining(e -> out.set(Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1), e.getValue()));
        return out;
    }
}
