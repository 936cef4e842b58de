package dev.wharf.iam;

import dev.wharf.storage.meta.IamStore;

import java.time.Clock;

/**
 * IAM's services, built once on one store: the IAM Query API calls them, and STS authorizes through
 * {@link #entities()}.
 */
public record IamServices(IamEntities entities, IamDirectory directory, AccessKeys accessKeys, IamPolicies policies,
                          PolicySimulator simulator) {

    public static IamServices create(IamStore store, IdentityPolicies identityPolicies, SecretCipher cipher, Clock clock) {
        IamEntities entities = new IamEntities(store, identityPolicies);
        return new IamServices(entities, new IamDirectory(entities, clock), new AccessKeys(entities, cipher, clock),
                new IamPolicies(entities, clock), new PolicySimulator(entities));
    }
}
