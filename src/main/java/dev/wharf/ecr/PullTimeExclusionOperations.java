package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.PullTimeExclusions;

import java.util.Map;

/** RegisterPullTimeUpdateExclusion, DeregisterPullTimeUpdateExclusion, ListPullTimeUpdateExclusions (the caller's registry). */
final class PullTimeExclusionOperations {
    /** The model's PullTimeUpdateExclusionList holds at most 100 ARNs: a page is never larger. */
    static final int MAX_PAGE_SIZE = 100;

    private final PullTimeExclusions exclusions;
    private final PageTokens pageTokens;

    PullTimeExclusionOperations(PullTimeExclusions exclusions, PageTokens pageTokens) {
        this.exclusions = exclusions;
        this.pageTokens = pageTokens;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("RegisterPullTimeUpdateExclusion", this::registerExclusion);
        ops.put("DeregisterPullTimeUpdateExclusion", this::deregisterExclusion);
        ops.put("ListPullTimeUpdateExclusions", this::list);
    }

    private JsonNode registerExclusion(EcrOperation.Call call) {
        PullTimeExclusions.Exclusion e = exclusions.register(call.caller(), call.account(), call.input().string("principalArn"));
        ObjectNode out = EcrJson.object();
        out.put("principalArn", e.principalArn());
        out.put("createdAt", EcrJson.epochSeconds(e.createdAt()));
        return out;
    }

    private JsonNode deregisterExclusion(EcrOperation.Call call) {
        ObjectNode out = EcrJson.object();
        out.put("principalArn", exclusions.deregister(call.caller(), call.account(), call.input().string("principalArn")));
        return out;
    }

    private JsonNode list(EcrOperation.Call call) {
        JsonInput in = call.input();
        Integer maxResults = in.integer("maxResults", 1, 1000);
        String nextToken = in.string("nextToken");
        String scope = "ListPullTimeUpdateExclusions:" + call.account();
        String after = nextToken == null ? null : pageTokens.open(scope, nextToken);
        PullTimeExclusions.Page page = exclusions.list(call.caller(), call.account(), after,
                maxResults == null ? MAX_PAGE_SIZE : Math.min(maxResults, MAX_PAGE_SIZE));
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("pullTimeUpdateExclusions");
        page.principalArns().forEach(arr::add);
        if (page.more()) out.put("nextToken", pageTokens.issue(scope, page.lastArn()));
        return out;
    }
}
