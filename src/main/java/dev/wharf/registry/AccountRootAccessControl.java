package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

/**
 * The authorization used while the account root is the only kind of principal: a principal may
 * do everything in its own account and nothing in another.
 */
public final class AccountRootAccessControl implements AccessControl {

    @Override
    public void check(Caller caller, String action, String resourceArn, String resourceAccount) {
        if (!allows(caller, action, resourceArn, resourceAccount)) {
            throw new WharfException(ErrorCode.ACCESS_DENIED, "User: " + caller.principal().arn()
                    + " is not authorized to perform: " + action + " on resource: " + resourceArn
                    + " because no resource-based policy allows the " + action + " action");
        }
    }

    @Override
    public boolean allows(Caller caller, String action, String resourceArn, String resourceAccount) {
        return caller.principal().accountId().equals(resourceAccount);
    }
}
