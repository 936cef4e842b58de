package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.ImageFilter;
import dev.wharf.registry.Images;
import dev.wharf.registry.Lifecycle;
import dev.wharf.registry.LifecyclePolicy;
import dev.wharf.registry.LifecycleEvaluator;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.Repositories;

import java.util.List;
import java.util.Map;

/** PutLifecyclePolicy, GetLifecyclePolicy, DeleteLifecyclePolicy, StartLifecyclePolicyPreview, GetLifecyclePolicyPreview. */
final class LifecycleOperations {
    private static final int MIN_TEXT = 100;
    private static final int MAX_TEXT = 30720;

    private final Lifecycle lifecycle;
    private final PageTokens pageTokens;

    LifecycleOperations(Lifecycle lifecycle, PageTokens pageTokens) {
        this.lifecycle = lifecycle;
        this.pageTokens = pageTokens;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("PutLifecyclePolicy", this::put);
        ops.put("GetLifecyclePolicy", this::get);
        ops.put("DeleteLifecyclePolicy", this::delete);
        ops.put("StartLifecyclePolicyPreview", this::startPreview);
        ops.put("GetLifecyclePolicyPreview", this::getPreview);
    }

    private static ObjectNode stored(Lifecycle.Stored s) {
        ObjectNode out = EcrJson.scoped(s.repository());
        out.put("lifecyclePolicyText", s.text());
        if (s.lastEvaluatedAt() != null) out.put("lastEvaluatedAt", EcrJson.epochSeconds(s.lastEvaluatedAt()));
        return out;
    }

    private JsonNode put(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        String text = in.string("lifecyclePolicyText", MIN_TEXT, MAX_TEXT);
        if (text == null) throw JsonInput.invalid("Missing required parameter 'lifecyclePolicyText'");
        Lifecycle.Stored s = lifecycle.put(call.caller(), account, name, text);
        ObjectNode out = EcrJson.scoped(s.repository());
        out.put("lifecyclePolicyText", s.text());
        return out;
    }

    private JsonNode get(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        return stored(lifecycle.get(call.caller(), account, in.requiredString("repositoryName")));
    }

    private JsonNode delete(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        return stored(lifecycle.delete(call.caller(), account, in.requiredString("repositoryName")));
    }

    private JsonNode startPreview(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        Lifecycle.Preview p = lifecycle.startPreview(call.caller(), account, name, in.string("lifecyclePolicyText", MIN_TEXT, MAX_TEXT));
        ObjectNode out = EcrJson.scoped(p.repository());
        out.put("lifecyclePolicyText", p.text());
        out.put("status", p.status());
        return out;
    }

    private JsonNode getPreview(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        List<JsonInput> idsIn = in.objects("imageIds", 1, 100);
        List<Images.ImageId> ids = idsIn == null ? null
                : idsIn.stream().map(i -> new Images.ImageId(i.string("imageDigest"), i.string("imageTag"))).toList();
        JsonInput filterIn = in.object("filter");
        ImageFilter filter = ImageFilter.tagStatus(filterIn == null ? null : filterIn.string("tagStatus"));
        Integer maxResults = in.integer("maxResults", 1, 100);
        String scope = "GetLifecyclePolicyPreview:" + account + "/" + name + ":" + filter.tagStatus();
        int start = 0;
        String token = in.string("nextToken");
        if (token != null) {
            String pos = pageTokens.open(scope, token);
            try {
                start = Integer.parseInt(pos);
            } catch (NumberFormatException e) {
                throw JsonInput.invalid("Invalid parameter at 'nextToken': the token is not one this operation issued");
            }
        }
        Lifecycle.PreviewPage page = lifecycle.previewPage(call.caller(), account, name, filter, ids, start,
                maxResults == null ? 100 : maxResults);
        Lifecycle.Preview p = page.preview();
        ObjectNode out = EcrJson.scoped(p.repository());
        out.put("lifecyclePolicyText", p.text());
        out.put("status", p.status());
        ArrayNode arr = out.putArray("previewResults");
        for (LifecycleEvaluator.Expiry e : page.results()) {
            ObjectNode o = arr.addObject();
            if (!e.tags().isEmpty()) {
                ArrayNode tags = o.putArray("imageTags");
                e.tags().forEach(tags::add);
            }
            o.put("imageDigest", e.digest());
            o.put("imagePushedAt", EcrJson.epochSeconds(e.pushedAt().toEpochMilli()));
            if (p.action(e.rulePriority()) == LifecyclePolicy.Action.TRANSITION) {
                o.putObject("action").put("type", "TRANSITION").put("targetStorageClass", "ARCHIVE");
            } else {
                o.putObject("action").put("type", "EXPIRE");
            }
            o.put("appliedRulePriority", e.rulePriority());
            o.put("storageClass", p.storageClass(e.rulePriority()).name());
        }
        if (page.next() != null) out.put("nextToken", pageTokens.issue(scope, Integer.toString(page.next())));
        long transitioning = p.results().stream().filter(e -> p.action(e.rulePriority()) == LifecyclePolicy.Action.TRANSITION).count();
        ObjectNode summary = out.putObject("summary");
        summary.put("expiringImageTotalCount", p.results().size() - transitioning);
        if (transitioning > 0) {
            summary.putArray("transitioningImageTotalCounts").addObject().put("targetStorageClass", "ARCHIVE")
                    .put("imageTotalCount", transitioning);
        }
        return out;
    }
}
