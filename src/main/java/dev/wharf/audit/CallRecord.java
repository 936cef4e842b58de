package dev.wharf.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.policy.Principal;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What is known of the API call in progress on this thread, gathered as it passes the doors,
 * authentication and the authorization point, and turned into one CloudTrail record when the
 * request ends. The server binds one per request ({@link AuditTrail#begin}); every request runs on
 * its own (virtual) thread from start to end, so the binding is a thread-local. The static methods
 * do nothing when no call is bound (background work, tests of a single service).
 */
public final class CallRecord {
    private static final ThreadLocal<CallRecord> CURRENT = new ThreadLocal<>();

    final long seq;
    final String requestId;
    final Instant eventTime;
    final String method;
    final String path;
    final String sourceIp;
    final String userAgent;
    String eventSource;
    String eventName;
    Principal principal;
    String accessKeyId;
    String recipientAccount;
    String resourceArn;
    JsonNode requestParameters;
    JsonNode responseElements;
    String errorCode;
    String errorMessage;
    private final Set<String> charged = new HashSet<>(4);

    CallRecord(long seq, String requestId, Instant eventTime, String method, String path, String sourceIp, String userAgent) {
        this.seq = seq;
        this.requestId = requestId;
        this.eventTime = eventTime;
        this.method = method;
        this.path = path;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
    }

    static CallRecord current() {
        return CURRENT.get();
    }

    /**
     * An object that stands for the request bound to this thread (a new one for each request), or
     * null outside a request: what request-scoped caches key on (docs/design.md, "Caches across nodes").
     */
    public static Object requestScope() {
        return CURRENT.get();
    }

    static void bind(CallRecord r) {
        if (r == null) CURRENT.remove(); else CURRENT.set(r);
    }

    /**
     * Names the call, unless a door named it already: the ECR and CloudTrail doors name it from
     * {@code X-Amz-Target}, the Query door from {@code Action}; a {@code /v2/} request takes the
     * name of the first ECR action it is authorized as.
     *
     * @param service {@code ecr}, {@code iam}, {@code sts} or {@code cloudtrail}
     */
    public static void named(String service, String operation) {
        CallRecord r = CURRENT.get();
        if (r != null && r.eventName == null) {
            r.eventSource = service + ".amazonaws.com";
            r.eventName = operation;
        }
    }

    /** The authenticated caller (never its secret). */
    public static void identity(Principal principal, String accessKeyId) {
        CallRecord r = CURRENT.get();
        if (r != null) {
            r.principal = principal;
            r.accessKeyId = accessKeyId;
        }
    }

    /** The resource the call was first authorized on, and the account that owns it (the event's recipient). */
    public static void resource(String resourceArn, String account) {
        CallRecord r = CURRENT.get();
        if (r != null && r.recipientAccount == null) {
            r.resourceArn = "*".equals(resourceArn) ? null : resourceArn;
            r.recipientAccount = account;
        }
    }

    /** The request's parameters (redacted before they are stored). */
    public static void requestParameters(JsonNode parameters) {
        CallRecord r = CURRENT.get();
        if (r != null) r.requestParameters = parameters;
    }

    /** A Query API request's parameters ({@code Action} and {@code Version} left out; redacted before they are stored). */
    public static void requestParameters(Map<String, String> parameters) {
        CallRecord r = CURRENT.get();
        if (r != null) r.requestParameters = Redaction.queryParameters(parameters);
    }

    /** What a successful call answered (kept for calls that change something, redacted). */
    public static void responseElements(JsonNode output) {
        CallRecord r = CURRENT.get();
        if (r != null) r.responseElements = output;
    }

    /** The error the call was answered with: the ECR or Query error code and its message. */
    public static void failed(String code, String message) {
        CallRecord r = CURRENT.get();
        if (r != null && r.errorCode == null) {
            r.errorCode = code;
            r.errorMessage = message;
        }
    }

    /**
     * True the first time in this request that {@code operation} is charged against its rate; a
     * call that authorizes the same action twice (a list of repositories) is charged once. Without
     * a bound request every charge counts.
     */
    public static boolean firstCharge(String operation) {
        CallRecord r = CURRENT.get();
        return r == null || r.charged.add(operation);
    }
}
