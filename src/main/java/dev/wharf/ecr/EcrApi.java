package dev.wharf.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.audit.CallRecord;
import dev.wharf.auth.Authenticated;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.Exchange;
import dev.wharf.registry.AccountSettings;
import dev.wharf.registry.Archive;
import dev.wharf.registry.Blobs;
import dev.wharf.registry.CachedPulls;
import dev.wharf.registry.CreationTemplates;
import dev.wharf.registry.Images;
import dev.wharf.registry.LayerUrls;
import dev.wharf.registry.Layers;
import dev.wharf.registry.Lifecycle;
import dev.wharf.registry.Caller;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.PullThroughCache;
import dev.wharf.registry.PullTimeExclusions;
import dev.wharf.registry.Replication;
import dev.wharf.registry.Repositories;
import dev.wharf.registry.ResourcePolicies;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The ECR JSON API: {@code POST /} with {@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>}
 * (awsJson1_1, SigV4 service {@code ecr}). One dispatcher keyed by operation name; each operation
 * group registers its handlers.
 */
public final class EcrApi {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Authenticator authenticator;
    private final String region;
    private final long maxBody;
    private final Clock clock;
    private final Map<String, EcrOperation> operations = new HashMap<>();
    private final LayerOperations layerOperations;

    public EcrApi(Authenticator authenticator, Repositories repositories, PageTokens pageTokens,
                  String publicUrl, long maxBody, Clock clock, Images images, Blobs blobs, Layers layers, Lifecycle lifecycle,
                  AccountSettings accountSettings, ResourcePolicies policies, CreationTemplates templates,
                  PullTimeExclusions pullTimeExclusions, Archive archive, Replication replication,
                  PullThroughCache pullThroughCache, CachedPulls cachedPulls) {
        this.authenticator = authenticator;
        this.region = repositories.settings().region();
        this.maxBody = maxBody;
        this.clock = clock;
        this.layerOperations = new LayerOperations(layers, blobs, publicUrl);
        new AuthorizationOperations(authenticator, accountSettings, publicUrl).register(operations);
        new RepositoryOperations(repositories, pageTokens).register(operations);
        new ImageOperations(images, repositories, pageTokens).register(operations);
        layerOperations.register(operations);
        new RegistryOperations(repositories, accountSettings, replication).register(operations);
        new LifecycleOperations(lifecycle, pageTokens).register(operations);
        UnsupportedOperations.register(operations);
        new PolicyOperations(policies).register(operations);
        new CreationTemplateOperations(templates, pageTokens).register(operations);
        new PullTimeExclusionOperations(pullTimeExclusions, pageTokens).register(operations);
        new ArchiveOperations(archive).register(operations);
        new ReplicationOperations(replication).register(operations);
        new PullThroughCacheOperations(pullThroughCache, cachedPulls, pageTokens).register(operations);
    }

    /** True when the request is a GetDownloadUrlForLayer download ({@code GET /wharf/layers/...}). */
    public static boolean isLayerDownload(String path) {
        return path.startsWith(LayerUrls.PATH_PREFIX);
    }

    /** Serves a layer download URL; the signed URL is the credential. */
    public void downloadLayer(Exchange ex) {
        try {
            layerOperations.download(ex);
        } catch (WharfException e) {
            writeError(ex, e); // a malformed expiry or signature parameter (Exchange.query)
        }
    }

    /** True when the request is addressed to this API. */
    public static boolean accepts(Exchange ex) {
        String target = ex.header("X-Amz-Target");
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    public void handle(Exchange ex) {
        try {
            String op = ex.header("X-Amz-Target").substring(TARGET_PREFIX.length());
            ex.operation("ecr", operations.containsKey(op) ? op : null);
            byte[] body = ex.readBody(maxBody, () -> {
                throw new WharfException(ErrorCode.TOO_LARGE, "The request body exceeds " + maxBody + " bytes");
            });
            Authenticated who = authenticator.sigv4(new SignedRequest(ex.method(), ex.rawPath(), ex.rawQuery(), ex.headers(), body),
                    region, "ecr");
            ex.principal(who.principal().arn());
            EcrOperation operation = operations.get(op);
            if (operation == null) {
                throw new WharfException(ErrorCode.UNKNOWN_OPERATION, "The operation '" + op + "' is not an operation of the ECR API");
            }
            JsonNode input = parse(body);
            CallRecord.requestParameters(input);
            Caller caller = new Caller(who.principal(), who.accessKeyId(), ex.sourceIp(), ex.userAgent(), ex.secure(), clock.instant());
            JsonNode output = operation.invoke(new EcrOperation.Call(new JsonInput(input), caller, who));
            CallRecord.responseElements(output);
            ex.send(200, CONTENT_TYPE, EcrJson.JSON.writeValueAsBytes(output));
        } catch (WharfException e) {
            writeError(ex, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) return EcrJson.object();
        try {
            JsonNode n = EcrJson.JSON.readTree(body);
            if (n == null || n.isNull()) return EcrJson.object();
            if (!n.isObject()) throw new WharfException(ErrorCode.SERIALIZATION, "The request body must be a JSON object");
            return n;
        } catch (java.io.IOException e) {
            String why = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new WharfException(ErrorCode.SERIALIZATION, "The request body is not valid JSON: " + why);
        }
    }

    /** awsJson1_1 error: {@code {"__type": "<shape>", "message": "..."}} with the status of the error table. */
    public static void writeError(Exchange ex, WharfException e) {
        CallRecord.failed(e.code().ecrType(), e.getMessage());
        ObjectNode err = EcrJson.object();
        err.put("__type", e.code().ecrType());
        err.put("message", e.getMessage());
        if (e.code() == ErrorCode.UPLOAD_RANGE_INVALID && e.detail().get("size") instanceof Long size) {
            err.put("lastValidByteReceived", size - 1); // InvalidLayerPartException's member
        }
        ex.header("X-Amzn-ErrorType", e.code().ecrType());
        ex.send(e.code().ecrStatus(), CONTENT_TYPE, err.toString().getBytes(StandardCharsets.UTF_8));
    }
}
