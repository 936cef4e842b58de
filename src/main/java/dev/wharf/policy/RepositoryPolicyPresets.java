package dev.wharf.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * The console's preset action lists for a repository policy statement ("Setting a Repository
 * Policy Statement", step 9). The guide describes the presets in words; the action lists are those
 * of its repository policy examples: "All actions" is {@code ecr:*} as in its AllowAll example,
 * "Push/Pull actions" the seven actions of "Allow IAM Users Within Your Account", "Pull only
 * actions" the three of "AllowPull".
 */
public final class RepositoryPolicyPresets {

    public static final List<String> ALL_ACTIONS = List.of("ecr:*");

    public static final List<String> PUSH_PULL_ACTIONS = List.of(
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "ecr:BatchCheckLayerAvailability",
            "ecr:PutImage",
            "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload");

    public static final List<String> PULL_ONLY_ACTIONS = List.of(
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "ecr:BatchCheckLayerAvailability");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RepositoryPolicyPresets() {
    }

    /**
     * A one-statement repository policy (Version 2008-10-17, as the console writes it) with the given
     * Sid and effect, granting {@code actions} to {@code principals}: {@code ["*"]} becomes
     * {@code "Principal": "*"}, anything else {@code {"AWS": [...]}} (account ids, user or role ARNs).
     * The result parses as a {@link PolicyKind#RESOURCE} policy.
     *
     * @throws PolicyValidationException when a principal or action is not acceptable
     */
    public static String repositoryPolicy(String sid, StatementEffect effect, List<String> principals,
                                          List<String> actions) {
        Objects.requireNonNull(effect, "effect");
        if (principals.isEmpty() || actions.isEmpty()) {
            throw new PolicyValidationException("A repository policy statement needs at least one principal and one action");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", PolicyVersion.V2008_10_17.text());
        ObjectNode st = root.putArray("Statement").addObject();
        if (sid != null) {
            st.put("Sid", sid);
        }
        st.put("Effect", effect == StatementEffect.ALLOW ? "Allow" : "Deny");
        if (principals.equals(List.of("*"))) {
            st.put("Principal", "*");
        } else {
            ArrayNode aws = st.putObject("Principal").putArray("AWS");
            principals.forEach(aws::add);
        }
        ArrayNode a = st.putArray("Action");
        actions.forEach(a::add);
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
        PolicyDocument.parse(text, PolicyKind.RESOURCE);
        return text;
    }

    /** An Allow statement with Sid {@code sid}: the common case. */
    public static String allow(String sid, List<String> principals, List<String> actions) {
        return repositoryPolicy(sid, StatementEffect.ALLOW, principals, actions);
    }
}
