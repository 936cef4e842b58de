package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.AccountSettings;
import dev.wharf.registry.Replication;
import dev.wharf.registry.Repositories;
import dev.wharf.registry.RepositoryInfo;

import java.util.List;
import java.util.Map;

/**
 * Repository settings and resource tags (PutImageTagMutability, PutImageScanningConfiguration,
 * TagResource, UntagResource, ListTagsForResource) and the registry itself (DescribeRegistry,
 * GetAccountSetting, PutAccountSetting).
 */
final class RegistryOperations {
    private final Repositories repositories;
    private final AccountSettings accountSettings;
    private final Replication replication;

    RegistryOperations(Repositories repositories, AccountSettings accountSettings, Replication replication) {
        this.repositories = repositories;
        this.accountSettings = accountSettings;
        this.replication = replication;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("PutImageTagMutability", this::putImageTagMutability);
        ops.put("PutImageScanningConfiguration", this::putImageScanningConfiguration);
        ops.put("TagResource", this::tagResource);
        ops.put("UntagResource", this::untagResource);
        ops.put("ListTagsForResource", this::listTagsForResource);
        ops.put("DescribeRegistry", this::describeRegistry);
        ops.put("GetAccountSetting", this::getAccountSetting);
        ops.put("PutAccountSetting", this::putAccountSetting);
    }

    private JsonNode putImageTagMutability(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        String mutability = in.requiredString("imageTagMutability");
        RepositoryInfo r = repositories.putTagMutability(call.caller(), account, name, mutability, RepositoryOperations.exclusionFilters(in));
        ObjectNode out = EcrJson.scoped(r);
        out.put("imageTagMutability", r.tagMutability());
        if (!r.mutabilityExclusions().isEmpty()) {
            ArrayNode arr = out.putArray("imageTagMutabilityExclusionFilters");
            for (RepositoryInfo.TagFilter f : r.mutabilityExclusions()) arr.addObject().put("filterType", f.filterType()).put("filter", f.filter());
        }
        return out;
    }

    private JsonNode putImageScanningConfiguration(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        Boolean scanOnPush = in.requiredObject("imageScanningConfiguration").bool("scanOnPush");
        RepositoryInfo r = repositories.putScanOnPush(call.caller(), account, name, Boolean.TRUE.equals(scanOnPush));
        ObjectNode out = EcrJson.scoped(r);
        out.putObject("imageScanningConfiguration").put("scanOnPush", r.scanOnPush());
        return out;
    }

    private JsonNode tagResource(EcrOperation.Call call) {
        JsonInput in = call.input();
        String arn = in.requiredString("resourceArn");
        Map<String, String> tags = in.tags("tags");
        if (tags == null) throw JsonInput.invalid("Missing required parameter 'tags'");
        repositories.tagResource(call.caller(), arn, tags);
        return EcrJson.object();
    }

    private JsonNode untagResource(EcrOperation.Call call) {
        JsonInput in = call.input();
        String arn = in.requiredString("resourceArn");
        List<String> keys = in.requiredStrings("tagKeys", 0, 200);
        repositories.untagResource(call.caller(), arn, keys);
        return EcrJson.object();
    }

    private JsonNode listTagsForResource(EcrOperation.Call call) {
        Map<String, String> tags = repositories.listTags(call.caller(), call.input().requiredString("resourceArn"));
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("tags");
        tags.forEach((k, v) -> arr.addObject().put("Key", k).put("Value", v));
        return out;
    }

    /** The registry id and its replication configuration (no rules when none was put). */
    private JsonNode describeRegistry(EcrOperation.Call call) {
        ObjectNode out = EcrJson.object();
        String registryId = accountSettings.describeRegistry(call.caller(), call.account());
        out.put("registryId", registryId);
        out.set("replicationConfiguration", ReplicationOperations.configuration(replication.configuration(registryId)));
        return out;
    }

    private JsonNode getAccountSetting(EcrOperation.Call call) {
        String name = call.input().string("name", 1, 64);
        if (name == null) throw JsonInput.invalid("Missing required parameter 'name'");
        ObjectNode out = EcrJson.object();
        out.put("name", name);
        out.put("value", accountSettings.get(call.caller(), call.account(), name));
        return out;
    }

    private JsonNode putAccountSetting(EcrOperation.Call call) {
        JsonInput in = call.input();
        String name = in.string("name", 1, 64);
        if (name == null) throw JsonInput.invalid("Missing required parameter 'name'");
        String value = in.requiredString("value");
        ObjectNode out = EcrJson.object();
        out.put("name", name);
        out.put("value", accountSettings.put(call.caller(), call.account(), name, value));
        return out;
    }
}
