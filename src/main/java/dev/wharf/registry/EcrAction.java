package dev.wharf.registry;

/** The ECR IAM action names that domain operations are authorized as (one operation, one action). */
public final class EcrAction {
    private EcrAction() {}

    public static final String GET_AUTHORIZATION_TOKEN = "ecr:GetAuthorizationToken";
    public static final String BATCH_GET_IMAGE = "ecr:BatchGetImage";
    public static final String GET_DOWNLOAD_URL_FOR_LAYER = "ecr:GetDownloadUrlForLayer";
    public static final String BATCH_CHECK_LAYER_AVAILABILITY = "ecr:BatchCheckLayerAvailability";
    public static final String INITIATE_LAYER_UPLOAD = "ecr:InitiateLayerUpload";
    public static final String UPLOAD_LAYER_PART = "ecr:UploadLayerPart";
    public static final String COMPLETE_LAYER_UPLOAD = "ecr:CompleteLayerUpload";
    public static final String PUT_IMAGE = "ecr:PutImage";
    public static final String BATCH_DELETE_IMAGE = "ecr:BatchDeleteImage";
    public static final String LIST_IMAGES = "ecr:ListImages";
    public static final String DESCRIBE_IMAGES = "ecr:DescribeImages";
    public static final String CREATE_REPOSITORY = "ecr:CreateRepository";
    public static final String DESCRIBE_REPOSITORIES = "ecr:DescribeRepositories";
    public static final String DELETE_REPOSITORY = "ecr:DeleteRepository";
    public static final String PUT_IMAGE_TAG_MUTABILITY = "ecr:PutImageTagMutability";
    public static final String PUT_IMAGE_SCANNING_CONFIGURATION = "ecr:PutImageScanningConfiguration";
    public static final String TAG_RESOURCE = "ecr:TagResource";
    public static final String UNTAG_RESOURCE = "ecr:UntagResource";
    public static final String LIST_TAGS_FOR_RESOURCE = "ecr:ListTagsForResource";
    public static final String DESCRIBE_REGISTRY = "ecr:DescribeRegistry";
    public static final String GET_ACCOUNT_SETTING = "ecr:GetAccountSetting";
    public static final String PUT_ACCOUNT_SETTING = "ecr:PutAccountSetting";
    public static final String LIST_IMAGE_REFERRERS = "ecr:ListImageReferrers";
    public static final String PUT_LIFECYCLE_POLICY = "ecr:PutLifecyclePolicy";
    public static final String GET_LIFECYCLE_POLICY = "ecr:GetLifecyclePolicy";
    public static final String DELETE_LIFECYCLE_POLICY = "ecr:DeleteLifecyclePolicy";
    public static final String START_LIFECYCLE_POLICY_PREVIEW = "ecr:StartLifecyclePolicyPreview";
    public static final String GET_LIFECYCLE_POLICY_PREVIEW = "ecr:GetLifecyclePolicyPreview";
}
