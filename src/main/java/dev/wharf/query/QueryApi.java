package dev.wharf.query;

import dev.wharf.audit.CallRecord;
import dev.wharf.auth.Authenticated;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.sigv4.CredentialScope;
import dev.wharf.auth.sigv4.SigV4Verifier;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.AwsApi;
import dev.wharf.http.Exchange;
import dev.wharf.limits.Throttle;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One AWS Query protocol API (IAM, STS) on {@code POST /}: form-encoded {@code Action=...&Version=...},
 * signed with SigV4 for its service, answered in XML in the API's namespace
 * ({@code <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata><RequestId>}), errors as
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 * Requests are claimed by the service of their credential scope.
 */
public abstract class QueryApi implements AwsApi {

    /** One action: reads its parameters, writes the content of its Result element (nothing for none). */
    @FunctionalInterface
    public interface Action {
        void run(Call call, Xml result);
    }

    /** An action's input and who calls it. */
    public record Call(QueryRequest params, Authenticated who, Exchange exchange) {}

    private final String service;
    private final String namespace;
    private final Authenticator authenticator;
    private final String region;
    private final long maxBody;
    private final Map<String, Action> actions = new HashMap<>();
    private volatile Throttle throttle = Throttle.disabled();

    protected QueryApi(String service, String namespace, Authenticator authenticator, String region, long maxBody) {
        this.service = service;
        this.namespace = namespace;
        this.authenticator = authenticator;
        this.region = region;
        this.maxBody = maxBody;
    }

    /**
     * Throttles this API's actions per calling account (set once while wiring, before the server
     * starts; without it nothing is throttled).
     */
    public final QueryApi throttledBy(Throttle throttle) {
        this.throttle = throttle;
        return this;
    }

    protected void action(String name, Action action) {
        actions.put(name, action);
    }

    @Override
    public boolean accepts(Exchange ex) {
        String ct = ex.header("Content-Type");
        if (ct == null || !ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) return false;
        return SigV4Verifier.peekScope(new SignedRequest(ex.method(), ex.rawPath(), ex.rawQuery(), ex.headers(), new byte[0]))
                .map(CredentialScope::service).filter(service::equals).isPresent();
    }

    /** A form-encoded request with no credential scope: this API answers it with the Query protocol's authentication error. */
    @Override
    public boolean acceptsUnsigned(Exchange ex) {
        String ct = ex.header("Content-Type");
        if (ct == null || !ct.toLowerCase().startsWith("application/x-www-form-urlencoded")) return false;
        return SigV4Verifier.peekScope(new SignedRequest(ex.method(), ex.rawPath(), ex.rawQuery(), ex.headers(), new byte[0])).isEmpty();
    }

    @Override
    public void handle(Exchange ex) {
        try {
            handle(ex, readBody(ex));
        } catch (WharfException e) {
            writeFault(ex, e);
        }
    }

    /** The request's form body, at most the configured size (TOO_LARGE beyond). */
    byte[] readBody(Exchange ex) {
        return ex.readBody(maxBody, () -> {
            throw new WharfException(ErrorCode.TOO_LARGE, "The request body exceeds " + maxBody + " bytes");
        });
    }

    /** True when {@code name} is one of this API's actions. */
    boolean hasAction(String name) {
        return actions.containsKey(name);
    }

    /** Answers a request whose body is already read. */
    void handle(Exchange ex, byte[] body) {
        try {
            ex.operation(service, null);
            SignedRequest signed = new SignedRequest(ex.method(), ex.rawPath(), ex.rawQuery(), ex.headers(), body);
            Authenticated who = authenticator.sigv4(signed, Authenticator.queryRegion(signed, region), service);
            ex.principal(who.principal().arn());
            QueryRequest params = QueryRequest.parse(body);
            String name = params.required("Action");
            CallRecord.named(service, name);
            CallRecord.requestParameters(params.asMap());
            Action action = actions.get(name);
            if (action != null) ex.operation(service, name);
            if (action == null) {
                throw new WharfException(ErrorCode.UNKNOWN_OPERATION, "Could not find operation " + name + " for version "
                        + params.string("Version"));
            }
            if (throttle.acquire(who.principal().accountId(), service, name) > 0) {
                throw new WharfException(ErrorCode.THROTTLED, "Rate exceeded");
            }
            Xml result = new Xml();
            action.run(new Call(params, who, ex), result);
            Xml doc = new Xml();
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            sb.append('<').append(name).append("Response xmlns=\"").append(namespace).append("\">");
            if (!result.isEmpty()) {
                sb.append('<').append(name).append("Result>").append(result).append("</").append(name).append("Result>");
            }
            doc.open("ResponseMetadata").leaf("RequestId", requestId(ex)).close();
            sb.append(doc).append("</").append(name).append("Response>");
            ex.send(200, "text/xml", sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (WharfException e) {
            writeFault(ex, e);
        }
    }

    @Override
    public void writeFault(Exchange ex, WharfException e) {
        CallRecord.failed(e.code().queryCode(), e.getMessage());
        Xml err = new Xml().open("Error")
                .leaf("Type", e.code().queryStatus() >= 500 ? "Receiver" : "Sender")
                .leaf("Code", e.code().queryCode())
                .leaf("Message", e.getMessage())
                .close()
                .leaf("RequestId", requestId(ex));
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + namespace + "\">" + err + "</ErrorResponse>";
        ex.send(e.code().queryStatus(), "text/xml", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId(Exchange ex) {
        String id = ex.responseHeader("x-amzn-RequestId");
        return id != null ? id : UUID.randomUUID().toString();
    }
}
