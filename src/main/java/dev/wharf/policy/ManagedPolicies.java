package dev.wharf.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Amazon ECR managed policies, with the documents as the Amazon ECR User Guide prints them
 * ("Amazon ECR Managed Policies"). The guide breaks the FullAccess listing across a page; its
 * closing lines are restored here with the indentation of the other two.
 */
public final class ManagedPolicies {

    private static final String ARN_PREFIX = "arn:aws:iam::aws:policy/";

    /** Full administrator access to Amazon ECR. */
    public static final ManagedPolicy FULL_ACCESS = new ManagedPolicy("AmazonEC2ContainerRegistryFullAccess",
            ARN_PREFIX + "AmazonEC2ContainerRegistryFullAccess",
            // created with the other two (AWS managed policy reference); its last edit time is not in our references
            Instant.parse("2015-12-21T17:06:00Z"), Instant.parse("2015-12-21T17:06:00Z"), """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "ecr:*"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """);

    /** Read and write access to repositories, without deleting them or changing their policies. */
    public static final ManagedPolicy POWER_USER = new ManagedPolicy("AmazonEC2ContainerRegistryPowerUser",
            ARN_PREFIX + "AmazonEC2ContainerRegistryPowerUser",
            // AWS managed policy reference: created December 21, 2015, 17:05 UTC, edited December 10, 2019, 20:48 UTC
            Instant.parse("2015-12-21T17:05:00Z"), Instant.parse("2019-12-10T20:48:00Z"), """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "ecr:GetAuthorizationToken",
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:GetRepositoryPolicy",
                    "ecr:DescribeRepositories",
                    "ecr:ListImages",
                    "ecr:BatchGetImage",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload",
                    "ecr:PutImage"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """);

    /** Read-only access: list repositories and images, and pull. */
    public static final ManagedPolicy READ_ONLY = new ManagedPolicy("AmazonEC2ContainerRegistryReadOnly",
            ARN_PREFIX + "AmazonEC2ContainerRegistryReadOnly",
            // AWS managed policy reference: created December 21, 2015, 17:04 UTC, edited December 10, 2019, 20:56 UTC
            Instant.parse("2015-12-21T17:04:00Z"), Instant.parse("2019-12-10T20:56:00Z"), """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "ecr:GetAuthorizationToken",
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:GetRepositoryPolicy",
                    "ecr:DescribeRepositories",
                    "ecr:ListImages",
                    "ecr:BatchGetImage"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """);

    private ManagedPolicies() {
    }

    /** All three, FullAccess, PowerUser, ReadOnly. */
    public static List<ManagedPolicy> all() {
        return List.of(FULL_ACCESS, POWER_USER, READ_ONLY);
    }

    /** The managed policy with this ARN. */
    public static Optional<ManagedPolicy> byArn(String arn) {
        return all().stream().filter(p -> p.arn().equals(arn)).findFirst();
    }
}
