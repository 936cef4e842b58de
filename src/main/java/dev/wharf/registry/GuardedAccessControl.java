package dev.wharf.registry;

import dev.wharf.audit.CallRecord;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.limits.Throttle;

/**
 * The authorization point with what ARCHITECTURE.md puts beside it: each {@link #check} names the
 * call in the audit trail as the action it is authorized as (so a {@code /v2/} request is recorded
 * as the ECR action it is), charges the calling account's rate for that action once per request
 * (ThrottlingException "Rate exceeded" past it), and only then asks the policy decision. A refusal
 * is written into the call's audit record with its error code. {@link #allows}, which filters
 * lists, neither throttles nor names anything.
 */
public final class GuardedAccessControl implements AccessControl {
    private final AccessControl decision;
    private final Throttle throttle;

    public GuardedAccessControl(AccessControl decision, Throttle throttle) {
        this.decision = decision;
        this.throttle = throttle;
    }

    @Override
    public void check(Caller caller, String action, String resourceArn, String resourceAccount) {
        int colon = action.indexOf(':');
        String service = action.substring(0, colon);
        String operation = action.substring(colon + 1);
        CallRecord.named(service, operation);
        CallRecord.identity(caller.principal(), caller.accessKeyId());
        CallRecord.resource(resourceArn, resourceAccount);
        try {
            if (CallRecord.firstCharge(action)) {
                // AWS throttles the calling account (a cross-account pull spends the puller's rate).
                String account = caller.principal().accountId() != null ? caller.principal().accountId() : resourceAccount;
                if (throttle.acquire(account, service, operation) > 0) {
                    throw new WharfException(ErrorCode.THROTTLED, "Rate exceeded");
                }
            }
            decision.check(caller, action, resourceArn, resourceAccount);
        } catch (WharfException e) {
            CallRecord.failed(e.code().ecrType(), e.getMessage());
            throw e;
        }
    }

    @Override
    public boolean allows(Caller caller, String action, String resourceArn, String resourceAccount) {
        return decision.allows(caller, action, resourceArn, resourceAccount);
    }
}
