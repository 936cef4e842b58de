package dev.wharf.policy;

import java.util.List;

/**
 * One validated statement.
 *
 * @param index        position in the Statement array, from 0
 * @param sid          the Sid, or null
 * @param actions      the Action or NotAction patterns ({@link #notAction()} tells which)
 * @param resources    the Resource or NotResource patterns, or null when the statement has neither
 *                     (a resource policy then applies to the resource it is attached to)
 * @param principal    the Principal or NotPrincipal element, or null when the statement has neither
 * @param conditions   every clause of the Condition element; all must hold
 */
public record Statement(int index, String sid, StatementEffect effect, List<String> actions, boolean notAction,
                        List<String> resources, boolean notResource, PrincipalElement principal, boolean notPrincipal,
                        List<ConditionClause> conditions) {

    public Statement {
        actions = List.copyOf(actions);
        resources = resources == null ? null : List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }
}
