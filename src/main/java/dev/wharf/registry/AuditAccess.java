package dev.wharf.registry;

/**
 * Who may read the audit trail: CloudTrail's {@code LookupEvents} is decided at the one
 * authorization point like every other action, so its door asks this service, never
 * {@link AccessControl} itself (ARCHITECTURE.md: a door parses, calls one service, renders).
 */
public final class AuditAccess {
    private final AccessControl access;

    public AuditAccess(AccessControl access) {
        this.access = access;
    }

    /**
     * Checks {@code cloudtrail:LookupEvents} for the caller.
     *
     * @return the account whose events the caller may read: its own, as in CloudTrail's event history
     */
    public String authorizeLookup(Caller caller) {
        String account = caller.principal().accountId();
        access.check(caller, "cloudtrail:LookupEvents", "*", account);
        return account;
    }
}
