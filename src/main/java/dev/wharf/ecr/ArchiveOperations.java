package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.Archive;
import dev.wharf.registry.Repositories;

import java.util.Map;

/** UpdateImageStorageClass: archive an image or restore it. */
final class ArchiveOperations {
    private final Archive archive;

    ArchiveOperations(Archive archive) {
        this.archive = archive;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("UpdateImageStorageClass", this::update);
    }

    private JsonNode update(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        JsonInput imageId = in.requiredObject("imageId");
        String target = in.requiredString("targetStorageClass");
        Archive.Updated u = archive.update(call.caller(), account, name, imageId.string("imageDigest"), imageId.string("imageTag"), target);
        ObjectNode out = EcrJson.scoped(u.repository());
        out.set("imageId", EcrJson.imageId(u.digest(), u.tag()));
        out.put("imageStatus", u.status());
        return out;
    }
}
