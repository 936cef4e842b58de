package dev.wharf.registry;

/**
 * The one authorization point. Every domain operation, from either door, asks it before acting,
 * with the ECR action it is (e.g. {@code ecr:BatchGetImage}) and the resource ARN.
 */
public interface AccessControl {

    /**
     * @param resourceAccount the account owning the resource (for cross-account rules)
     * @throws dev.wharf.errors.WharfException ACCESS_DENIED with AWS's denial message
     */
    void check(Caller caller, String action, String resourceArn, String resourceAccount);

    /** Like {@link #check} but answers instead of throwing (for filtering lists). */
    boolean allows(Caller caller, String action, String resourceArn, String resourceAccount);
}
