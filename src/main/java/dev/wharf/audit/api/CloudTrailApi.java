package dev.wharf.audit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.audit.AuditTrail;
import dev.wharf.audit.CallRecord;
import dev.wharf.auth.Authenticated;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.Exchange;
import dev.wharf.registry.AuditAccess;
import dev.wharf.registry.Caller;
import dev.wharf.registry.PageTokens;
import dev.wharf.http.AwsApi;
import dev.wharf.storage.meta.AuditStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * CloudTrail's {@code LookupEvents} over the audit trail: awsJson 1.1 on {@code POST /} with
 * {@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}, SigV4
 * service {@code cloudtrail}, authorized as {@code cloudtrail:LookupEvents}. A caller sees the
 * events of its own account only, newest first, with CloudTrail's validation errors.
 */
public final class CloudTrailApi implements AwsApi {
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESULTS = 50;
    /** CloudTrail's lookup attribute keys, and what each selects in the store. */
    private static final Map<String, AuditStore.Attribute> ATTRIBUTES = Map.of(
            "EventId", AuditStore.Attribute.EVENT_ID,
            "EventName", AuditStore.Attribute.EVENT_NAME,
            "ReadOnly", AuditStore.Attribute.READ_ONLY,
            "Username", AuditStore.Attribute.USERNAME,
            "ResourceType", AuditStore.Attribute.RESOURCE_TYPE,
            "ResourceName", AuditStore.Attribute.RESOURCE_NAME,
            "EventSource", AuditStore.Attribute.EVENT_SOURCE,
            "AccessKeyId", AuditStore.Attribute.ACCESS_KEY_ID);

    private final AuditTrail trail;
    private final Authenticator authenticator;
    private final AuditAccess access;
    private final PageTokens tokens;
    private final String region;
    private final long maxBody;
    private final Clock clock;

    public CloudTrailApi(AuditTrail trail, Authenticator authenticator, AuditAccess access, PageTokens tokens, String region,
                         long maxBody, Clock clock) {
        this.trail = trail;
        this.authenticator = authenticator;
        this.access = access;
        this.tokens = tokens;
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
            byte[] body = ex.readBody(maxBody, () -> {
                throw new WharfException(ErrorCode.TOO_LARGE, "The request body exceeds " + maxBody + " bytes");
            });
            Authenticated who = authenticator.sigv4(new SignedRequest(ex.method(), ex.rawPath(), ex.rawQuery(), ex.headers(), body),
                    region, "cloudtrail");
            ex.principal(who.principal().arn());
            if (!op.equals("LookupEvents")) {
                throw new WharfException(ErrorCode.UNKNOWN_OPERATION, "The operation '" + op + "' is not available: this CloudTrail answers LookupEvents only");
            }
            JsonNode input = parse(body);
            CallRecord.requestParameters(input);
            String account = access.authorizeLookup(
                    new Caller(who.principal(), who.accessKeyId(), ex.sourceIp(), ex.userAgent(), ex.secure(), clock.instant()));
            ex.send(200, CONTENT_TYPE, JSON.writeValueAsBytes(lookup(account, input)));
        } catch (WharfException e) {
            writeFault(ex, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode lookup(String account, JsonNode in) {
        AuditStore.Attribute attribute = null;
        String value = null;
        JsonNode attrs = in.path("LookupAttributes");
        if (!attrs.isMissingNode() && !attrs.isNull()) {
            if (!attrs.isArray()) throw invalidAttributes("LookupAttributes must be a list");
            if (attrs.size() > 1) throw invalidAttributes("You can specify at most one lookup attribute");
            if (attrs.size() == 1) {
                String key = attrs.get(0).path("AttributeKey").asText(null);
                value = attrs.get(0).path("AttributeValue").asText(null);
                attribute = key == null ? null : ATTRIBUTES.get(key);
                if (attribute == null) {
                    throw invalidAttributes("Invalid AttributeKey '" + key + "': use one of EventId, EventName, ReadOnly, Username, "
                            + "ResourceType, ResourceName, EventSource, AccessKeyId");
                }
                if (value == null || value.isEmpty() || value.length() > 2000) {
                    throw invalidAttributes("AttributeValue must be between 1 and 2000 characters");
                }
                if (attribute == AuditStore.Attribute.READ_ONLY && !value.equals("true") && !value.equals("false")) {
                    throw invalidAttributes("The ReadOnly attribute takes true or false");
                }
            }
        }
        long now = clock.millis();
        long from = time(in, "StartTime", 0);
        long to = time(in, "EndTime", now);
        if (from > to) throw new WharfException(ErrorCode.INVALID_TIME_RANGE, "Start time must not be after end time");
        int max = MAX_RESULTS;
        if (in.hasNonNull("MaxResults")) {
            JsonNode m = in.get("MaxResults");
            if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > MAX_RESULTS) {
                throw new WharfException(ErrorCode.INVALID_MAX_RESULTS, "MaxResults must be between 1 and " + MAX_RESULTS);
            }
            max = m.asInt();
        }
        if (in.hasNonNull("EventCategory") && !in.get("EventCategory").asText().equals("insight")) {
            throw new WharfException(ErrorCode.INVALID_EVENT_CATEGORY, "EventCategory must be insight");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode events = out.putArray("Events");
        if (in.hasNonNull("EventCategory")) return out; // no Insights events are produced here
        // The token is bound to the account and the query it continues (CloudTrail: the other parameters must not change).
        // A missing EndTime means "now" on every page: the cursor, not the time, keeps later pages stable.
        String scope = "LookupEvents|" + account + "|" + attribute + "|" + value + "|" + from + "|" + in.path("EndTime").asText("-");
        AuditStore.Cursor after = null;
        if (in.hasNonNull("NextToken")) after = cursor(scope, in.get("NextToken").asText());
        List<AuditStore.Event> page = trail.find(new AuditStore.Query(account, from, to, attribute, value, after, max + 1));
        for (AuditStore.Event e : page.subList(0, Math.min(max, page.size()))) {
            ObjectNode o = events.addObject();
            o.put("EventId", e.eventId());
            o.put("EventName", e.eventName());
            o.put("ReadOnly", Boolean.toString(e.readOnly()));
            if (e.accessKeyId() != null) o.put("AccessKeyId", e.accessKeyId());
            o.put("EventTime", e.eventTime() / 1000); // whole seconds, as the record's eventTime
            o.put("EventSource", e.eventSource());
            if (e.username() != null) o.put("Username", e.username());
            ArrayNode resources = o.putArray("Resources");
            if (e.resourceType() != null) {
                ObjectNode r = resources.addObject();
                r.put("ResourceType", e.resourceType());
                r.put("ResourceName", e.resourceName());
            }
            o.put("CloudTrailEvent", e.record());
        }
        if (page.size() > max) {
            AuditStore.Event last = page.get(max - 1);
            out.put("NextToken", tokens.issue(scope, last.eventTime() + ":" + last.eventId()));
        }
        return out;
    }

    private AuditStore.Cursor cursor(String scope, String token) {
        try {
            String pos = tokens.open(scope, token);
            int colon = pos.indexOf(':');
            return new AuditStore.Cursor(Long.parseLong(pos.substring(0, colon)), pos.substring(colon + 1));
        } catch (RuntimeException e) { // a WharfException from a forged token, or a position that does not parse
            throw new WharfException(ErrorCode.INVALID_NEXT_TOKEN, "Invalid NextToken: it is not one this lookup issued for these parameters");
        }
    }

    /** A timestamp of the awsJson protocol: epoch seconds, possibly fractional. */
    private static long time(JsonNode in, String field, long dflt) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber()) {
            throw new WharfException(ErrorCode.SERIALIZATION, field + " must be a timestamp in epoch seconds");
        }
        return (long) Math.floor(n.asDouble() * 1000);
    }

    private static WharfException invalidAttributes(String message) {
        return new WharfException(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, message);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) return JSON.createObjectNode();
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isNull()) return JSON.createObjectNode();
            if (!n.isObject()) throw new WharfException(ErrorCode.SERIALIZATION, "The request body must be a JSON object");
            return n;
        } catch (IOException e) {
            throw new WharfException(ErrorCode.SERIALIZATION, "The request body is not valid JSON");
        }
    }

    /** awsJson 1.1 error: {@code {"__type": ..., "message": ...}}, as the JSON door writes it. */
    @Override
    public void writeFault(Exchange ex, WharfException e) {
        CallRecord.failed(e.code().ecrType(), e.getMessage());
        ObjectNode err = JSON.createObjectNode();
        err.put("__type", e.code().ecrType());
        err.put("message", e.getMessage());
        ex.header("X-Amzn-ErrorType", e.code().ecrType());
        ex.send(e.code().ecrStatus(), CONTENT_TYPE, err.toString().getBytes(StandardCharsets.UTF_8));
    }
}
