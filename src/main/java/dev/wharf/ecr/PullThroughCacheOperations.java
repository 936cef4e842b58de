package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.CachedPulls;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.PullThroughCache;
import dev.wharf.registry.Repositories;

import java.util.List;
import java.util.Map;

/**
 * CreatePullThroughCacheRule, DescribePullThroughCacheRules, UpdatePullThroughCacheRule,
 * DeletePullThroughCacheRule, ValidatePullThroughCacheRule; and BatchGetImage's pull through: an
 * image of a pull through cache repository that is not cached is fetched before the images are read.
 */
final class PullThroughCacheOperations {
    /** ECR API reference: without maxResults, up to 100 results and a nextToken. */
    static final int DEFAULT_PAGE_SIZE = 100;

    private final PullThroughCache rules;
    private final CachedPulls pulls;
    private final PageTokens pageTokens;

    PullThroughCacheOperations(PullThroughCache rules, CachedPulls pulls, PageTokens pageTokens) {
        this.rules = rules;
        this.pulls = pulls;
        this.pageTokens = pageTokens;
    }

    /** Registers the five operations, and wraps the BatchGetImage already registered. */
    void register(Map<String, EcrOperation> ops) {
        ops.put("CreatePullThroughCacheRule", this::create);
        ops.put("DescribePullThroughCacheRules", this::describe);
        ops.put("UpdatePullThroughCacheRule", this::update);
        ops.put("DeletePullThroughCacheRule", this::delete);
        ops.put("ValidatePullThroughCacheRule", this::validate);
        EcrOperation batchGetImage = ops.get("BatchGetImage");
        ops.put("BatchGetImage", call -> batchGetImage(batchGetImage, call));
    }

    /**
     * BatchGetImage with pull through: first fetches the requested images that a rule covers and that
     * are not cached; an image the upstream could not give is reported among the failures with ECR's
     * Upstream* failure code (and the repository, if the first pull could not create it, is not an
     * error either).
     */
    private JsonNode batchGetImage(EcrOperation batchGetImage, EcrOperation.Call call) {
        Map<String, WharfException> upstreamFailures = pullThrough(call);
        if (upstreamFailures.isEmpty()) return batchGetImage.invoke(call);
        ObjectNode out;
        try {
            out = (ObjectNode) batchGetImage.invoke(call);
        } catch (WharfException e) {
            if (e.code() != ErrorCode.REPOSITORY_NOT_FOUND) throw e;
            out = EcrJson.object();
            out.putArray("images");
            out.putArray("failures");
        }
        ArrayNode failures = (ArrayNode) out.get("failures");
        for (var it = failures.elements(); it.hasNext(); ) {
            if (upstreamFailures.containsKey(reference(it.next().path("imageId")))) it.remove(); // its ImageNotFound, said better below
        }
        for (JsonNode id : call.input().node().get("imageIds")) {
            WharfException e = upstreamFailures.get(reference(id));
            if (e == null) continue;
            ObjectNode f = failures.addObject();
            f.set("imageId", id.deepCopy());
            f.put("failureCode", switch (String.valueOf(e.detail().get(CachedPulls.UPSTREAM_FAILURE))) {
                case "UNAUTHORIZED" -> "UpstreamAccessDenied";
                default -> "UpstreamUnavailable";
            });
            f.put("failureReason", e.getMessage());
        }
        return out;
    }

    /** Fetches what is not cached; answers the upstream failures by reference. */
    private Map<String, WharfException> pullThrough(EcrOperation.Call call) {
        Map<String, WharfException> failed = new java.util.HashMap<>();
        JsonInput in = call.input();
        String name = in.string("repositoryName");
        if (name == null || !in.has("imageIds") || !in.node().get("imageIds").isArray()) return failed; // BatchGetImage refuses it
        String account = Repositories.registryId(in.string("registryId"), call.account());
        for (JsonNode id : in.node().get("imageIds")) {
            String reference = reference(id);
            try {
                pulls.beforeManifestPull(call.caller(), account, name, reference);
            } catch (WharfException e) {
                if (e.code() != ErrorCode.UPSTREAM_IMAGE_UNAVAILABLE) throw e;
                failed.put(reference, e);
            }
        }
        return failed;
    }

    /** The reference an ImageIdentifier names: its digest, else its tag (null for neither). */
    private static String reference(JsonNode id) {
        JsonNode digest = id.get("imageDigest");
        JsonNode tag = id.get("imageTag");
        return digest != null && digest.isTextual() ? digest.asText() : tag != null && tag.isTextual() ? tag.asText() : null;
    }

    private JsonNode create(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        PullThroughCache.Rule r = rules.create(call.caller(), account, new PullThroughCache.CreateRequest(
                in.string("ecrRepositoryPrefix"), in.string("upstreamRegistryUrl"), in.string("upstreamRegistry"),
                in.string("credentialArn"), in.string("customRoleArn"), in.string("upstreamRepositoryPrefix")));
        ObjectNode out = rule(r);
        out.remove("updatedAt");
        return out;
    }

    private JsonNode update(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        PullThroughCache.Rule r = rules.update(call.caller(), account, in.string("ecrRepositoryPrefix"), in.string("credentialArn"),
                in.string("customRoleArn"));
        ObjectNode out = EcrJson.object();
        out.put("ecrRepositoryPrefix", r.prefix());
        out.put("registryId", r.accountId());
        out.put("updatedAt", EcrJson.epochSeconds(r.updatedAt()));
        if (r.credentialArn() != null) out.put("credentialArn", r.credentialArn());
        if (r.customRoleArn() != null) out.put("customRoleArn", r.customRoleArn());
        out.put("upstreamRepositoryPrefix", upstreamPrefix(r));
        return out;
    }

    private JsonNode delete(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        ObjectNode out = rule(rules.delete(call.caller(), account, in.string("ecrRepositoryPrefix")));
        out.remove("updatedAt");
        out.remove("upstreamRegistry");
        return out;
    }

    private JsonNode validate(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        PullThroughCache.Validation v = rules.validate(call.caller(), account, in.string("ecrRepositoryPrefix"));
        PullThroughCache.Rule r = v.rule();
        ObjectNode out = EcrJson.object();
        out.put("ecrRepositoryPrefix", r.prefix());
        out.put("registryId", r.accountId());
        out.put("upstreamRegistryUrl", r.upstreamUrl());
        if (r.credentialArn() != null) out.put("credentialArn", r.credentialArn());
        if (r.customRoleArn() != null) out.put("customRoleArn", r.customRoleArn());
        out.put("upstreamRepositoryPrefix", upstreamPrefix(r));
        out.put("isValid", v.valid());
        if (v.failure() != null) out.put("failure", v.failure());
        return out;
    }

    private JsonNode describe(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        List<String> prefixes = in.strings("ecrRepositoryPrefixes", 1, 100);
        Integer maxResults = in.integer("maxResults", 1, 1000);
        String nextToken = in.string("nextToken");
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("pullThroughCacheRules");
        if (prefixes != null) {
            if (maxResults != null || nextToken != null) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "maxResults and nextToken cannot be used together with ecrRepositoryPrefixes");
            }
            rules.describe(call.caller(), account, prefixes).forEach(r -> arr.add(rule(r)));
            return out;
        }
        String scope = "DescribePullThroughCacheRules:" + account;
        String after = nextToken == null ? null : pageTokens.open(scope, nextToken);
        PullThroughCache.Page page = rules.describeAll(call.caller(), account, after, maxResults == null ? DEFAULT_PAGE_SIZE : maxResults);
        page.rules().forEach(r -> arr.add(rule(r)));
        if (page.more()) out.put("nextToken", pageTokens.issue(scope, page.lastPrefix()));
        return out;
    }

    /** ECR: "When this field isn't specified, Amazon ECR will use the ROOT". */
    private static String upstreamPrefix(PullThroughCache.Rule r) {
        return r.upstreamPrefix() == null ? PullThroughCache.ROOT : r.upstreamPrefix();
    }

    /** The PullThroughCacheRule shape: members that are set. */
    private static ObjectNode rule(PullThroughCache.Rule r) {
        ObjectNode o = EcrJson.object();
        o.put("ecrRepositoryPrefix", r.prefix());
        o.put("upstreamRegistryUrl", r.upstreamUrl());
        o.put("createdAt", EcrJson.epochSeconds(r.createdAt()));
        o.put("registryId", r.accountId());
        if (r.credentialArn() != null) o.put("credentialArn", r.credentialArn());
        if (r.customRoleArn() != null) o.put("customRoleArn", r.customRoleArn());
        o.put("upstreamRepositoryPrefix", upstreamPrefix(r));
        if (r.upstreamRegistry() != null) o.put("upstreamRegistry", r.upstreamRegistry());
        o.put("updatedAt", EcrJson.epochSeconds(r.updatedAt()));
        return o;
    }
}
