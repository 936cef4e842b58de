package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.CreationTemplates;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.RepositoryInfo;

import java.util.List;
import java.util.Map;

/**
 * CreateRepositoryCreationTemplate, DescribeRepositoryCreationTemplates,
 * UpdateRepositoryCreationTemplate, DeleteRepositoryCreationTemplate. These requests carry no
 * registryId: a template belongs to the caller's registry.
 */
final class CreationTemplateOperations {
    /** ECR API reference: without maxResults, up to 100 results and a nextToken. */
    static final int DEFAULT_PAGE_SIZE = 100;

    private final CreationTemplates templates;
    private final PageTokens pageTokens;

    CreationTemplateOperations(CreationTemplates templates, PageTokens pageTokens) {
        this.templates = templates;
        this.pageTokens = pageTokens;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("CreateRepositoryCreationTemplate", call -> answer(call, templates.create(call.caller(), call.account(), request(call.input()))));
        ops.put("UpdateRepositoryCreationTemplate", call -> answer(call, templates.update(call.caller(), call.account(), request(call.input()))));
        ops.put("DeleteRepositoryCreationTemplate", call -> answer(call,
                templates.delete(call.caller(), call.account(), call.input().requiredString("prefix"))));
        ops.put("DescribeRepositoryCreationTemplates", this::describe);
    }

    private static CreationTemplates.Request request(JsonInput in) {
        JsonInput encryption = in.object("encryptionConfiguration");
        String encryptionType = null;
        if (encryption != null) {
            encryptionType = encryption.enumValue("encryptionType", dev.wharf.registry.Repositories.ENCRYPTION_TYPES);
            if (encryptionType == null) throw JsonInput.invalid("Missing required parameter 'encryptionConfiguration.encryptionType'");
        }
        List<RepositoryInfo.TagFilter> exclusions = in.has("imageTagMutabilityExclusionFilters")
                ? RepositoryOperations.exclusionFilters(in) : null;
        return new CreationTemplates.Request(in.string("prefix"), in.string("description", 0, 256), encryptionType,
                encryption == null ? null : encryption.string("kmsKey", 0, 2048), in.tags("resourceTags"),
                in.string("imageTagMutability"), exclusions, in.string("repositoryPolicy", 0, 10240),
                in.string("lifecyclePolicy", 0, 30720), in.strings("appliedFor", 0, 100), in.string("customRoleArn", 0, 2048));
    }

    private static JsonNode answer(EcrOperation.Call call, CreationTemplates.Template t) {
        ObjectNode out = EcrJson.object();
        out.put("registryId", t.accountId());
        out.set("repositoryCreationTemplate", template(t));
        return out;
    }

    private JsonNode describe(EcrOperation.Call call) {
        JsonInput in = call.input();
        List<String> prefixes = in.strings("prefixes", 1, 100);
        Integer maxResults = in.integer("maxResults", 1, 1000);
        String nextToken = in.string("nextToken");
        ObjectNode out = EcrJson.object();
        out.put("registryId", call.account());
        ArrayNode arr = out.putArray("repositoryCreationTemplates");
        if (prefixes != null) {
            if (maxResults != null || nextToken != null) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "maxResults and nextToken cannot be used together with prefixes");
            }
            templates.describe(call.caller(), call.account(), prefixes).forEach(t -> arr.add(template(t)));
            return out;
        }
        String scope = "DescribeRepositoryCreationTemplates:" + call.account();
        String after = nextToken == null ? null : pageTokens.open(scope, nextToken);
        CreationTemplates.Page page = templates.describeAll(call.caller(), call.account(), after,
                maxResults == null ? DEFAULT_PAGE_SIZE : maxResults);
        page.templates().forEach(t -> arr.add(template(t)));
        if (page.more()) out.put("nextToken", pageTokens.issue(scope, page.lastPrefix()));
        return out;
    }

    /** The RepositoryCreationTemplate shape: members that are set. */
    private static ObjectNode template(CreationTemplates.Template t) {
        ObjectNode o = EcrJson.object();
        o.put("prefix", t.prefix());
        if (t.description() != null) o.put("description", t.description());
        ObjectNode enc = o.putObject("encryptionConfiguration");
        enc.put("encryptionType", t.encryptionType());
        if (t.kmsKey() != null) enc.put("kmsKey", t.kmsKey());
        ArrayNode tags = o.putArray("resourceTags");
        t.resourceTags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        o.put("imageTagMutability", t.tagMutability());
        if (!t.exclusions().isEmpty()) {
            ArrayNode arr = o.putArray("imageTagMutabilityExclusionFilters");
            for (RepositoryInfo.TagFilter f : t.exclusions()) arr.addObject().put("filterType", f.filterType()).put("filter", f.filter());
        }
        if (t.repositoryPolicy() != null) o.put("repositoryPolicy", t.repositoryPolicy());
        if (t.lifecyclePolicy() != null) o.put("lifecyclePolicy", t.lifecyclePolicy());
        ArrayNode applied = o.putArray("appliedFor");
        t.appliedFor().forEach(a -> applied.add(a.name()));
        if (t.customRoleArn() != null) o.put("customRoleArn", t.customRoleArn());
        o.put("createdAt", EcrJson.epochSeconds(t.createdAt()));
        o.put("updatedAt", EcrJson.epochSeconds(t.updatedAt()));
        return o;
    }
}
