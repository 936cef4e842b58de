package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.Images;
import dev.wharf.registry.Replication;
import dev.wharf.registry.Repositories;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PutReplicationConfiguration and DescribeImageReplicationStatus; DescribeRegistry renders the
 * configuration with {@link #configuration}. The list sizes are the ECR model's; every other rule is
 * checked by {@link Replication}.
 */
final class ReplicationOperations {
    private final Replication replication;

    ReplicationOperations(Replication replication) {
        this.replication = replication;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("PutReplicationConfiguration", this::put);
        ops.put("DescribeImageReplicationStatus", this::status);
    }

    private JsonNode put(EcrOperation.Call call) {
        JsonInput config = call.input().requiredObject("replicationConfiguration");
        List<Replication.Rule> rules = new ArrayList<>();
        for (JsonInput rule : config.requiredObjects("rules", 0, 10)) {
            List<Replication.Destination> destinations = new ArrayList<>();
            for (JsonInput d : rule.requiredObjects("destinations", 0, 25)) {
                destinations.add(new Replication.Destination(d.string("region"), d.string("registryId")));
            }
            List<Replication.Filter> filters = new ArrayList<>();
            List<JsonInput> given = rule.objects("repositoryFilters", 1, 100);
            if (given != null) {
                for (JsonInput f : given) filters.add(new Replication.Filter(f.string("filter"), f.string("filterType")));
            }
            rules.add(new Replication.Rule(destinations, filters));
        }
        Replication.Configuration stored = replication.put(call.caller(), call.account(), new Replication.Configuration(rules));
        ObjectNode out = EcrJson.object();
        out.set("replicationConfiguration", configuration(stored));
        return out;
    }

    private JsonNode status(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        JsonInput id = in.requiredObject("imageId");
        Replication.ImageStatus s = replication.status(call.caller(), account, name,
                new Images.ImageId(id.string("imageDigest"), id.string("imageTag", 1, 300)));
        ObjectNode out = EcrJson.object();
        out.put("repositoryName", s.repositoryName());
        out.set("imageId", EcrJson.imageId(s.digest(), s.tag()));
        ArrayNode arr = out.putArray("replicationStatuses");
        for (Replication.Status st : s.statuses()) {
            ObjectNode o = arr.addObject().put("region", st.region()).put("registryId", st.registryId()).put("status", st.status());
            if (st.failureCode() != null) o.put("failureCode", st.failureCode());
        }
        return out;
    }

    /** The ReplicationConfiguration shape (a rule without filters has no repositoryFilters member). */
    static ObjectNode configuration(Replication.Configuration c) {
        ObjectNode o = EcrJson.object();
        ArrayNode rules = o.putArray("rules");
        for (Replication.Rule r : c.rules()) {
            ObjectNode rule = rules.addObject();
            ArrayNode ds = rule.putArray("destinations");
            r.destinations().forEach(d -> ds.addObject().put("region", d.region()).put("registryId", d.registryId()));
            if (!r.repositoryFilters().isEmpty()) {
                ArrayNode fs = rule.putArray("repositoryFilters");
                r.repositoryFilters().forEach(f -> fs.addObject().put("filter", f.filter()).put("filterType", f.filterType()));
            }
        }
        return o;
    }
}
