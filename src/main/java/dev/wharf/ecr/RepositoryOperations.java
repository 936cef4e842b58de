package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.Repositories;
import dev.wharf.registry.RepositoryInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateRepository, DescribeRepositories, DeleteRepository. */
final class RepositoryOperations {
    /** ECR API reference, DescribeRepositories: without maxResults "returns up to 100 results and a nextToken". */
    static final int DEFAULT_PAGE_SIZE = 100;

    private final Repositories repositories;
    private final PageTokens pageTokens;

    RepositoryOperations(Repositories repositories, PageTokens pageTokens) {
        this.repositories = repositories;
        this.pageTokens = pageTokens;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("CreateRepository", this::create);
        ops.put("DescribeRepositories", this::describe);
        ops.put("DeleteRepository", this::delete);
    }

    static List<RepositoryInfo.TagFilter> exclusionFilters(JsonInput in) {
        List<JsonInput> list = in.objects("imageTagMutabilityExclusionFilters", 1, 5);
        if (list == null) return List.of();
        List<RepositoryInfo.TagFilter> out = new ArrayList<>();
        for (JsonInput f : list) out.add(new RepositoryInfo.TagFilter(f.string("filterType"), f.string("filter")));
        return out;
    }

    private JsonNode create(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        JsonInput scanning = in.object("imageScanningConfiguration");
        JsonInput encryption = in.object("encryptionConfiguration");
        Map<String, String> tags = in.tags("tags");
        RepositoryInfo r = repositories.create(call.caller(), account, new Repositories.CreateRequest(name,
                in.enumValue("imageTagMutability", Repositories.MUTABILITY), exclusionFilters(in),
                scanning != null && Boolean.TRUE.equals(scanning.bool("scanOnPush")),
                encryption == null ? null : encryption.enumValue("encryptionType", Repositories.ENCRYPTION_TYPES),
                encryption == null ? null : encryption.string("kmsKey", 1, 2048), tags));
        ObjectNode out = EcrJson.object();
        out.set("repository", EcrJson.repository(r));
        return out;
    }

    private JsonNode describe(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        List<String> names = in.strings("repositoryNames", 1, 100);
        Integer maxResults = in.integer("maxResults", 1, 1000);
        String nextToken = in.string("nextToken");
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("repositories");
        if (names != null) {
            if (maxResults != null || nextToken != null) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "maxResults and nextToken cannot be used together with repositoryNames");
            }
            for (String n : names) {
                arr.add(EcrJson.repository(repositories.describe(call.caller(), account, n)));
            }
            return out;
        }
        String scope = "DescribeRepositories:" + account;
        String after = nextToken == null ? null : pageTokens.open(scope, nextToken);
        Repositories.Page page = repositories.describeAll(call.caller(), account, after, maxResults == null ? DEFAULT_PAGE_SIZE : maxResults);
        page.repositories().forEach(r -> arr.add(EcrJson.repository(r)));
        if (page.more()) out.put("nextToken", pageTokens.issue(scope, page.lastName()));
        return out;
    }

    private JsonNode delete(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        RepositoryInfo r = repositories.delete(call.caller(), account, in.requiredString("repositoryName"),
                Boolean.TRUE.equals(in.bool("force")));
        ObjectNode out = EcrJson.object();
        out.set("repository", EcrJson.repository(r));
        return out;
    }
}
