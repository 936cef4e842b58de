package dev.wharf.errors;

/**
 * The one table of wire errors. Each code names what the ECR JSON door sends as {@code __type},
 * what the AWS Query door (IAM, STS) sends as {@code Code}, what the OCI door sends as
 * {@code errors[].code}, and the HTTP status of each door. Handlers never invent error strings:
 * they throw {@link WharfException} with one of these codes and one renderer per door writes it.
 */
public enum ErrorCode {
    // ---- input validation
    INVALID_PARAMETER("InvalidParameterException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),
    VALIDATION("ValidationException", "ValidationError", "UNSUPPORTED", 400, 400),
    SERIALIZATION("SerializationException", "MalformedInput", "UNSUPPORTED", 400, 400),
    UNKNOWN_OPERATION("UnknownOperationException", "InvalidAction", "UNSUPPORTED", 400, 400),
    UNSUPPORTED_OPERATION("UnsupportedOperationException", "InvalidAction", "UNSUPPORTED", 400, 405),
    NAME_INVALID("InvalidParameterException", "InvalidParameterValue", "NAME_INVALID", 400, 400),
    DIGEST_INVALID("InvalidParameterException", "InvalidParameterValue", "DIGEST_INVALID", 400, 400),
    TAG_INVALID("InvalidParameterException", "InvalidParameterValue", "TAG_INVALID", 400, 400),
    PAGINATION_INVALID("InvalidParameterException", "InvalidParameterValue", "PAGINATION_NUMBER_INVALID", 400, 400),
    NOT_FOUND("ResourceNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),

    // ---- repositories
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException", "NoSuchEntity", "NAME_UNKNOWN", 400, 404),
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException", "EntityAlreadyExists", "UNSUPPORTED", 400, 409),
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException", "DeleteConflict", "UNSUPPORTED", 400, 409),

    // ---- blobs and uploads
    BLOB_UNKNOWN("LayersNotFoundException", "NoSuchEntity", "BLOB_UNKNOWN", 400, 404),
    LAYER_INACCESSIBLE("LayerInaccessibleException", "NoSuchEntity", "BLOB_UNKNOWN", 400, 404),
    UPLOAD_UNKNOWN("UploadNotFoundException", "NoSuchEntity", "BLOB_UPLOAD_UNKNOWN", 400, 404),
    UPLOAD_INVALID("InvalidLayerPartException", "InvalidParameterValue", "BLOB_UPLOAD_INVALID", 400, 400),
    /** A chunk whose first byte is not the session's current offset (OCI: 416). */
    UPLOAD_RANGE_INVALID("InvalidLayerPartException", "InvalidParameterValue", "BLOB_UPLOAD_INVALID", 400, 416),
    LAYER_PART_TOO_SMALL("LayerPartTooSmallException", "InvalidParameterValue", "BLOB_UPLOAD_INVALID", 400, 400),
    EMPTY_UPLOAD("EmptyUploadException", "InvalidParameterValue", "BLOB_UPLOAD_INVALID", 400, 400),
    LAYER_ALREADY_EXISTS("LayerAlreadyExistsException", "EntityAlreadyExists", "BLOB_UPLOAD_INVALID", 400, 400),
    /** The uploaded bytes do not hash to the digest the client named. */
    LAYER_DIGEST_MISMATCH("InvalidLayerException", "InvalidParameterValue", "DIGEST_INVALID", 400, 400),
    SIZE_INVALID("InvalidLayerException", "InvalidParameterValue", "SIZE_INVALID", 400, 400),
    /** A request body above the configured maximum (OCI: 413). */
    TOO_LARGE("InvalidParameterException", "InvalidParameterValue", "SIZE_INVALID", 400, 413),

    // ---- manifests and images
    MANIFEST_UNKNOWN("ImageNotFoundException", "NoSuchEntity", "MANIFEST_UNKNOWN", 400, 404),
    MANIFEST_INVALID("InvalidParameterException", "InvalidParameterValue", "MANIFEST_INVALID", 400, 400),
    MANIFEST_BLOB_UNKNOWN("LayersNotFoundException", "NoSuchEntity", "MANIFEST_BLOB_UNKNOWN", 400, 400),
    REFERENCED_IMAGES_NOT_FOUND("ReferencedImagesNotFoundException", "NoSuchEntity", "MANIFEST_BLOB_UNKNOWN", 400, 400),
    IMAGE_DIGEST_MISMATCH("ImageDigestDoesNotMatchException", "InvalidParameterValue", "DIGEST_INVALID", 400, 400),
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException", "EntityAlreadyExists", "MANIFEST_INVALID", 400, 400),
    IMAGE_TAG_IMMUTABLE("ImageTagAlreadyExistsException", "EntityAlreadyExists", "TAG_INVALID", 400, 400),
    // ---- the rest of the ECR API (issue 4)
    LIFECYCLE_POLICY_NOT_FOUND("LifecyclePolicyNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),
    LIFECYCLE_PREVIEW_NOT_FOUND("LifecyclePolicyPreviewNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),
    LIFECYCLE_PREVIEW_IN_PROGRESS("LifecyclePolicyPreviewInProgressException", "Conflict", "UNSUPPORTED", 400, 409),
    TOO_MANY_TAGS("TooManyTagsException", "LimitExceeded", "DENIED", 400, 400),
    INVALID_TAG_PARAMETER("InvalidTagParameterException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),
    /** A capability of the ECR model that this Wharf does not implement, answered with the operation's modelled ValidationException. */
    NOT_SUPPORTED("ValidationException", "InvalidAction", "UNSUPPORTED", 400, 405),
    STORAGE_CLASS_UPDATE_NOT_SUPPORTED("ImageStorageClassUpdateNotSupportedException", "InvalidAction", "UNSUPPORTED", 400, 405),

    // ---- repository creation templates (issue 12)
    TEMPLATE_NOT_FOUND("TemplateNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),
    TEMPLATE_ALREADY_EXISTS("TemplateAlreadyExistsException", "EntityAlreadyExists", "UNSUPPORTED", 400, 409),
    // ---- pull-time update exclusions (issue 12)
    EXCLUSION_NOT_FOUND("ExclusionNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),
    EXCLUSION_ALREADY_EXISTS("ExclusionAlreadyExistsException", "EntityAlreadyExists", "UNSUPPORTED", 400, 409),

    // ---- Secrets Manager (issue 12; its modelled errors, on the JSON door, checked by SecretsManagerErrorCodesTest)
    RESOURCE_EXISTS("ResourceExistsException", "EntityAlreadyExists", "UNSUPPORTED", 400, 409),
    /** A request that is valid but not in the resource's current state (a secret scheduled for deletion). */
    INVALID_REQUEST("InvalidRequestException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),
    // ---- pull through cache (issue 12)
    PULL_THROUGH_CACHE_RULE_NOT_FOUND("PullThroughCacheRuleNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),
    PULL_THROUGH_CACHE_RULE_ALREADY_EXISTS("PullThroughCacheRuleAlreadyExistsException", "EntityAlreadyExists", "UNSUPPORTED", 400, 409),
    UNSUPPORTED_UPSTREAM_REGISTRY("UnsupportedUpstreamRegistryException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),
    SECRET_NOT_FOUND("SecretNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404),
    UNABLE_TO_ACCESS_SECRET("UnableToAccessSecretException", "AccessDenied", "DENIED", 400, 403),
    UNABLE_TO_DECRYPT_SECRET("UnableToDecryptSecretValueException", "InvalidParameterValue", "DENIED", 400, 403),
    /**
     * The upstream of a pull through cache could not give an image that is not cached: a fault of the
     * upstream, not of the request, so on the OCI door 502 with Docker's UNAVAILABLE code.
     */
    UPSTREAM_IMAGE_UNAVAILABLE("UnableToGetUpstreamImageException", "ServiceUnavailable", "UNAVAILABLE", 400, 502),
    UPSTREAM_LAYER_UNAVAILABLE("UnableToGetUpstreamLayerException", "ServiceUnavailable", "UNAVAILABLE", 400, 502),

    // ---- limits and throttling
    LIMIT_EXCEEDED("LimitExceededException", "LimitExceeded", "DENIED", 400, 403),
    /**
     * A repository already has its quota of open upload sessions: ECR's quota exception; on the
     * OCI door 429 TOOMANYREQUESTS, since the caller may start one once a session completes or expires.
     */
    UPLOAD_LIMIT_EXCEEDED("LimitExceededException", "LimitExceeded", "TOOMANYREQUESTS", 400, 429),
    THROTTLED("ThrottlingException", "Throttling", "TOOMANYREQUESTS", 400, 429),

    // ---- authentication (the AWS common errors of each protocol) and authorization
    MISSING_AUTHENTICATION("MissingAuthenticationTokenException", "MissingAuthenticationToken", "UNAUTHORIZED", 403, 401),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", "IncompleteSignature", "UNAUTHORIZED", 403, 401),
    INVALID_SIGNATURE("InvalidSignatureException", "SignatureDoesNotMatch", "DENIED", 403, 403),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", "InvalidClientTokenId", "DENIED", 403, 403),
    REQUEST_EXPIRED("InvalidSignatureException", "RequestExpired", "DENIED", 403, 403),
    EXPIRED_TOKEN("ExpiredTokenException", "ExpiredToken", "DENIED", 403, 403),
    ACCESS_DENIED("AccessDeniedException", "AccessDenied", "DENIED", 400, 403),
    /** AccessDenied on the Query door (IAM, STS), where AWS answers 403. */
    QUERY_ACCESS_DENIED("AccessDeniedException", "AccessDenied", "DENIED", 403, 403),
    /** A temporary credential's session token is missing, wrong, or names another key. */
    INVALID_SECURITY_TOKEN("UnrecognizedClientException", "InvalidClientTokenId", "DENIED", 403, 403),
    NO_SUCH_ENTITY("NoSuchEntityException", "NoSuchEntity", "NOT_FOUND", 400, 404, 404),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExistsException", "EntityAlreadyExists", "UNSUPPORTED", 400, 400, 409),
    DELETE_CONFLICT("DeleteConflictException", "DeleteConflict", "UNSUPPORTED", 400, 400, 409),
    IAM_LIMIT_EXCEEDED("LimitExceededException", "LimitExceeded", "DENIED", 400, 403, 409),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocumentException", "MalformedPolicyDocument", "UNSUPPORTED", 400, 400, 400),
    IAM_INVALID_INPUT("InvalidInputException", "InvalidInput", "UNSUPPORTED", 400, 400, 400),
    REPOSITORY_POLICY_NOT_FOUND("RepositoryPolicyNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404, 404),
    REGISTRY_POLICY_NOT_FOUND("RegistryPolicyNotFoundException", "NoSuchEntity", "NOT_FOUND", 400, 404, 404),
    // ---- malformed HTTP (issue 8): refused in the door's own protocol, never a 5xx
    /** A query string whose percent-escapes are malformed or do not decode to UTF-8 (AWS common error MalformedQueryString). */
    MALFORMED_QUERY_STRING("InvalidParameterException", "MalformedQueryString", "UNSUPPORTED", 400, 400),
    /** A path that names no endpoint: under {@code /v2/} none of the distribution spec, elsewhere none of the AWS APIs. */
    ENDPOINT_NOT_FOUND("UnknownOperationException", "InvalidAction", "UNSUPPORTED", 404, 404),
    /** Request headers above the server's limit, refused by the HTTP layer before any door reads them. */
    HEADERS_TOO_LARGE("SerializationException", "MalformedInput", "UNSUPPORTED", 431, 431, 431),
    /** A request target above the server's limit, refused by the HTTP layer. */
    URI_TOO_LONG("SerializationException", "MalformedInput", "UNSUPPORTED", 414, 414, 414),

    // ---- CloudTrail LookupEvents (its validation errors, on the JSON door)
    INVALID_LOOKUP_ATTRIBUTES("InvalidLookupAttributesException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),
    INVALID_TIME_RANGE("InvalidTimeRangeException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),
    INVALID_NEXT_TOKEN("InvalidNextTokenException", "InvalidParameterValue", "PAGINATION_NUMBER_INVALID", 400, 400),
    INVALID_MAX_RESULTS("InvalidMaxResultsException", "InvalidParameterValue", "PAGINATION_NUMBER_INVALID", 400, 400),
    INVALID_EVENT_CATEGORY("InvalidEventCategoryException", "InvalidParameterValue", "UNSUPPORTED", 400, 400),

    // ---- everything else
    /**
     * The registry is out of storage (disk full, or free space below {@code storage.minFreeBytes}):
     * a fault of the server, never of the request, so never a 4xx that invites resending the same
     * chunk. ECR's only modelled fault, ServerException (500); on the OCI door 507 Insufficient
     * Storage (RFC 4918) with Docker's UNAVAILABLE code; ServiceUnavailable (503) on the Query door.
     */
    STORAGE_FULL("ServerException", "ServiceUnavailable", "UNAVAILABLE", 500, 507, 503),
    SERVER("ServerException", "InternalFailure", "UNKNOWN", 500, 500);

    private final String ecrType;
    private final String queryCode;
    private final String ociCode;
    private final int ecrStatus;
    private final int ociStatus;
    private final int queryStatus;

    ErrorCode(String ecrType, String queryCode, String ociCode, int ecrStatus, int ociStatus) {
        this(ecrType, queryCode, ociCode, ecrStatus, ociStatus, ecrStatus);
    }

    ErrorCode(String ecrType, String queryCode, String ociCode, int ecrStatus, int ociStatus, int queryStatus) {
        this.ecrType = ecrType;
        this.queryCode = queryCode;
        this.ociCode = ociCode;
        this.ecrStatus = ecrStatus;
        this.ociStatus = ociStatus;
        this.queryStatus = queryStatus;
    }

    /** The {@code __type} of the awsJson1_1 error body (the ECR API's exception shape name). */
    public String ecrType() { return ecrType; }

    /** The {@code <Code>} of the AWS Query protocol error document (IAM, STS). */
    public String queryCode() { return queryCode; }

    /** The OCI distribution-spec error code (spec §"Error Codes"). */
    public String ociCode() { return ociCode; }

    /** HTTP status on the JSON door (and, unless {@link #queryStatus} says otherwise, the Query door): 400 for client errors, 403 for the signature errors, 500 for faults. */
    public int ecrStatus() { return ecrStatus; }

    /** HTTP status on the OCI door. */
    public int ociStatus() { return ociStatus; }

    /**
     * HTTP status on the Query door (IAM, STS): IAM answers NoSuchEntity with 404 and
     * EntityAlreadyExists, DeleteConflict and LimitExceeded with 409; the JSON door's status otherwise.
     */
    public int queryStatus() { return queryStatus; }
}
