package dev.wharf.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns JSON text into a {@link PolicyDocument}, checking the IAM policy grammar
 * ("IAM JSON policy elements reference", "Grammar of the IAM JSON policy language"): every fault
 * is reported with the statement index, its Sid, the element and what is wrong.
 */
final class PolicyParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private PolicyParser() {
    }

    static PolicyDocument parse(String text, PolicyKind kind) {
        if (text == null || text.isBlank()) {
            throw new PolicyValidationException("Policy document is empty");
        }
        int size = kind.measure(text);
        if (size > kind.maxLength()) {
            throw new PolicyValidationException("Policy document is " + size + " characters"
                    + (kind.measuresWithoutWhitespace() ? " without white space" : "") + "; "
                    + switch (kind) {
                        case IDENTITY -> "an identity";
                        case RESOURCE -> "a repository";
                        case TRUST -> "a trust";
                    } + " policy may have at most " + kind.maxLength());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new PolicyValidationException("Policy document is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PolicyValidationException("Policy document must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new PolicyValidationException("Policy document has unknown element \"" + name
                        + "\" (expected Version, Id, Statement)");
            }
        }
        PolicyVersion version = PolicyVersion.V2008_10_17;
        JsonNode v = root.get("Version");
        if (v != null) {
            version = v.isTextual() ? PolicyVersion.ofText(v.asText()) : null;
            if (version == null) {
                throw new PolicyValidationException("Version " + v + " is not supported: use \"2012-10-17\" or \"2008-10-17\"");
            }
        }
        String id = null;
        JsonNode idNode = root.get("Id");
        if (idNode != null) {
            if (!idNode.isTextual()) {
                throw new PolicyValidationException("Id must be a string");
            }
            id = idNode.asText();
        }
        JsonNode st = root.get("Statement");
        if (st == null) {
            throw new PolicyValidationException("Policy document has no Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (st.isArray()) {
            st.forEach(nodes::add);
            if (nodes.isEmpty()) {
                throw new PolicyValidationException("Statement must not be an empty array");
            }
        } else if (st.isObject()) {
            nodes.add(st);
        } else {
            throw new PolicyValidationException("Statement must be an object or an array of objects");
        }
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Statement s = new StatementParser(i, nodes.get(i), kind, version).parse();
            if (s.sid() != null && !s.sid().isEmpty() && !sids.add(s.sid())) {
                throw new PolicyValidationException("Statement[" + i + "] (Sid \"" + s.sid()
                        + "\"): Sid is used by an earlier statement; Sids must be unique in a policy");
            }
            statements.add(s);
        }
        return new PolicyDocument(text, kind, version, id, statements);
    }

    private static final class StatementParser {
        private final int index;
        private final JsonNode node;
        private final PolicyKind kind;
        private final PolicyVersion version;
        private String sid;

        StatementParser(int index, JsonNode node, PolicyKind kind, PolicyVersion version) {
            this.index = index;
            this.node = node;
            this.kind = kind;
            this.version = version;
        }

        Statement parse() {
            if (!node.isObject()) {
                throw fail("must be a JSON object");
            }
            JsonNode sidNode = node.get("Sid");
            if (sidNode != null) {
                if (!sidNode.isTextual()) {
                    throw fail("Sid must be a string");
                }
                sid = sidNode.asText();
                if (kind == PolicyKind.IDENTITY && !sid.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
                    throw fail("Sid may contain only letters A-Z, a-z and digits 0-9 in an identity policy");
                }
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!STATEMENT_ELEMENTS.contains(name)) {
                    throw fail("unknown element \"" + name + "\" (expected Sid, Effect, Principal, NotPrincipal, "
                            + "Action, NotAction, Resource, NotResource, Condition)");
                }
            }
            StatementEffect effect = effect();
            boolean notAction = exclusive("Action", "NotAction", true);
            List<String> actions = strings(notAction ? "NotAction" : "Action");
            for (String a : actions) {
                checkAction(notAction ? "NotAction" : "Action", a);
            }
            List<String> resources = null;
            boolean notResource = false;
            if (kind == PolicyKind.TRUST) {
                if (node.has("Resource") || node.has("NotResource")) {
                    throw fail((node.has("Resource") ? "Resource" : "NotResource") + " is not allowed in a trust policy");
                }
            } else {
                boolean has = node.has("Resource") || node.has("NotResource");
                notResource = exclusive("Resource", "NotResource", kind == PolicyKind.IDENTITY);
                if (has) {
                    String element = notResource ? "NotResource" : "Resource";
                    resources = strings(element);
                    for (String r : resources) {
                        checkResource(element, r);
                    }
                }
            }
            PrincipalElement principal = null;
            boolean notPrincipal = false;
            if (kind == PolicyKind.IDENTITY) {
                if (node.has("Principal") || node.has("NotPrincipal")) {
                    throw fail((node.has("Principal") ? "Principal" : "NotPrincipal")
                            + " is not allowed in an identity-based policy");
                }
            } else {
                notPrincipal = exclusive("Principal", "NotPrincipal", true);
                principal = principal(notPrincipal ? "NotPrincipal" : "Principal");
            }
            List<ConditionClause> conditions = conditions();
            return new Statement(index, sid, effect, actions, notAction, resources, notResource, principal,
                    notPrincipal, conditions);
        }

        private StatementEffect effect() {
            JsonNode e = node.get("Effect");
            if (e == null) {
                throw fail("Effect is missing (expected \"Allow\" or \"Deny\")");
            }
            if (e.isTextual() && e.asText().equals("Allow")) {
                return StatementEffect.ALLOW;
            }
            if (e.isTextual() && e.asText().equals("Deny")) {
                return StatementEffect.DENY;
            }
            throw fail("Effect " + e + " is invalid (expected \"Allow\" or \"Deny\")");
        }

        /** Exactly one of the pair when required, at most one otherwise; true when it is the negated one. */
        private boolean exclusive(String positive, String negative, boolean required) {
            boolean p = node.has(positive);
            boolean n = node.has(negative);
            if (p && n) {
                throw fail("has both " + positive + " and " + negative + "; use one of them");
            }
            if (required && !p && !n) {
                throw fail(positive + " or " + negative + " is missing");
            }
            return n;
        }

        /** A string or a non-empty array of strings. */
        private List<String> strings(String element) {
            JsonNode n = node.get(element);
            return stringList(element, n);
        }

        private List<String> stringList(String element, JsonNode n) {
            List<String> out = new ArrayList<>();
            if (n.isTextual()) {
                out.add(n.asText());
            } else if (n.isArray() && !n.isEmpty()) {
                for (JsonNode item : n) {
                    if (!item.isTextual()) {
                        throw fail(element + " must hold only strings, found " + item);
                    }
                    out.add(item.asText());
                }
            } else {
                throw fail(element + " must be a string or a non-empty array of strings");
            }
            return out;
        }

        private void checkAction(String element, String action) {
            if (action.equals("*")) {
                return;
            }
            int colon = action.indexOf(':');
            String service = colon < 0 ? "" : action.substring(0, colon);
            String name = colon < 0 ? "" : action.substring(colon + 1);
            boolean ok = !service.isEmpty() && !name.isEmpty()
                    && service.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))
                    && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '*' || c == '?'));
            if (!ok) {
                throw fail(element + " \"" + action + "\" is not \"*\" or of the form service:ActionName "
                        + "(service prefix, a colon, then letters, digits, * and ?)");
            }
        }

        private void checkResource(String element, String resource) {
            if (resource.equals("*")) {
                return;
            }
            if (!resource.startsWith("arn:") || resource.chars().filter(c -> c == ':').count() < 5) {
                throw fail(element + " \"" + resource + "\" is not \"*\" or an ARN "
                        + "(arn:partition:service:region:account:resource)");
            }
            checkVariables(element + " \"" + resource + "\"", resource);
        }

        private void checkVariables(String what, String value) {
            if (version.substitutesVariables()) {
                String problem = PolicyVariables.syntaxError(value);
                if (problem != null) {
                    throw fail(what + ": " + problem);
                }
            }
        }

        private PrincipalElement principal(String element) {
            JsonNode n = node.get(element);
            if (n.isTextual()) {
                if (n.asText().equals("*")) {
                    return PrincipalElement.anyone();
                }
                throw fail(element + " " + n + " is invalid: use \"*\" or an object such as {\"AWS\": \"123456789012\"}");
            }
            if (!n.isObject() || n.isEmpty()) {
                throw fail(element + " must be \"*\" or a non-empty object of AWS, Service, Federated, CanonicalUser");
            }
            Map<String, List<String>> byType = new java.util.HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!PRINCIPAL_TYPES.contains(e.getKey())) {
                    throw fail(element + " has unknown principal type \"" + e.getKey()
                            + "\" (expected AWS, Service, Federated or CanonicalUser)");
                }
                List<String> values = stringList(element + "." + e.getKey(), e.getValue());
                for (String value : values) {
                    checkPrincipalValue(element, e.getKey(), value);
                }
                byType.put(e.getKey(), values);
            }
            List<String> aws = byType.getOrDefault("AWS", List.of());
            return new PrincipalElement(false, aws, byType.getOrDefault("Service", List.of()),
                    byType.getOrDefault("Federated", List.of()), byType.getOrDefault("CanonicalUser", List.of()));
        }

        private void checkPrincipalValue(String element, String type, String value) {
            String what = element + "." + type + " \"" + value + "\"";
            if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
                throw fail(what + " must not be empty or contain white space");
            }
            if (!type.equals("AWS")) {
                if (value.contains("*") && !value.equals("*") || value.contains("?")) {
                    throw fail(what + " must not contain wildcards");
                }
                return;
            }
            if (value.equals("*") || PrincipalElement.accountOf(value) != null) {
                return;
            }
            if (value.contains("*") || value.contains("?")) {
                throw fail(what + " is invalid: wildcards are not allowed in a principal except \"*\" alone");
            }
            String[] parts = value.split(":", 6);
            boolean ok = parts.length == 6 && parts[0].equals("arn") && !parts[1].isEmpty()
                    && parts[3].isEmpty() && parts[4].length() == 12 && parts[4].chars().allMatch(Character::isDigit)
                    && (parts[2].equals("iam") && (parts[5].startsWith("user/") || parts[5].startsWith("role/"))
                        || parts[2].equals("sts") && (parts[5].startsWith("assumed-role/")
                            || parts[5].startsWith("federated-user/")));
            if (!ok) {
                throw fail(what + " is not a 12-digit account id, an account root ARN, or a user, role, "
                        + "assumed-role or federated-user ARN");
            }
        }

        private List<ConditionClause> conditions() {
            JsonNode c = node.get("Condition");
            List<ConditionClause> out = new ArrayList<>();
            if (c == null) {
                return out;
            }
            if (!c.isObject()) {
                throw fail("Condition must be an object of operators");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                String text = op.getKey();
                SetQualifier qualifier = SetQualifier.NONE;
                String base = text;
                for (SetQualifier q : new SetQualifier[] {SetQualifier.FOR_ALL_VALUES, SetQualifier.FOR_ANY_VALUE}) {
                    if (base.startsWith(q.prefix())) {
                        qualifier = q;
                        base = base.substring(q.prefix().length());
                    }
                }
                boolean ifExists = false;
                ConditionOperator operator = ConditionOperators.byName(base);
                if (operator == null && base.endsWith("IfExists")) {
                    ifExists = true;
                    operator = ConditionOperators.byName(base.substring(0, base.length() - "IfExists".length()));
                }
                if (operator == null) {
                    throw fail("Condition operator \"" + text + "\" is unknown");
                }
                if (ifExists && operator instanceof NullOperator) {
                    throw fail("Condition operator \"" + text + "\" is invalid: Null takes no IfExists");
                }
                if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                    throw fail("Condition operator \"" + text + "\" must map condition keys to values");
                }
                for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                    Map.Entry<String, JsonNode> k = keys.next();
                    String key = k.getKey();
                    if (key.indexOf(':') <= 0 || key.chars().anyMatch(Character::isWhitespace)) {
                        throw fail("Condition key \"" + key + "\" under " + text + " is not of the form prefix:name");
                    }
                    List<String> values = conditionValues(text, key, k.getValue());
                    for (String value : values) {
                        String problem = operator.checkValue(value);
                        if (problem != null) {
                            throw fail(text + " value \"" + value + "\" for " + key + " " + problem);
                        }
                        if (operator.takesVariables()) {
                            checkVariables(text + " value \"" + value + "\" for " + key, value);
                        }
                    }
                    out.add(new ConditionClause(text, qualifier, operator, ifExists, key, values));
                }
            }
            return out;
        }

        private List<String> conditionValues(String op, String key, JsonNode n) {
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                if (n.isEmpty()) {
                    throw fail(op + " for " + key + " has an empty array of values");
                }
                for (JsonNode item : n) {
                    out.add(scalar(op, key, item));
                }
            } else {
                out.add(scalar(op, key, n));
            }
            return out;
        }

        private String scalar(String op, String key, JsonNode n) {
            if (n.isTextual()) {
                return n.asText();
            }
            if (n.isNumber() || n.isBoolean()) {
                return n.asText();
            }
            throw fail(op + " for " + key + " has value " + n + "; values must be strings, numbers or booleans");
        }

        private PolicyValidationException fail(String what) {
            String who = "Statement[" + index + "]" + (sid == null || sid.isEmpty() ? "" : " (Sid \"" + sid + "\")");
            return new PolicyValidationException(who + ": " + what);
        }
    }
}
