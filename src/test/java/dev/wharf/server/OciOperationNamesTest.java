package dev.wharf.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code /v2/} request is named in metrics and logs by the ECR action it is authorized as (ARCHITECTURE.md). */
class OciOperationNamesTest {

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /v2/                                        | CheckApiVersion
            GET    | /v2/_catalog                                | DescribeRepositories
            GET    | /v2/team/app/tags/list                      | ListImages
            GET    | /v2/team/app/manifests/v1                   | BatchGetImage
            HEAD   | /v2/team/app/manifests/v1                   | BatchGetImage
            PUT    | /v2/team/app/manifests/v1                   | PutImage
            DELETE | /v2/team/app/manifests/sha256:abc           | BatchDeleteImage
            HEAD   | /v2/team/app/blobs/sha256:abc               | BatchCheckLayerAvailability
            GET    | /v2/team/app/blobs/sha256:abc               | GetDownloadUrlForLayer
            POST   | /v2/team/app/blobs/uploads/                 | InitiateLayerUpload
            PATCH  | /v2/team/app/blobs/uploads/0a1b             | UploadLayerPart
            GET    | /v2/team/app/blobs/uploads/0a1b             | UploadLayerPart
            PUT    | /v2/team/app/blobs/uploads/0a1b             | CompleteLayerUpload
            GET    | /v2/team/app/referrers/sha256:abc           | BatchGetImage
            GET    | /v2/team/blobs/manifests/v1                 | BatchGetImage
            HEAD   | /v2/x/manifests/blobs/sha256:abc            | BatchCheckLayerAvailability
            POST   | /v2/team/app/blobs/uploads                  | InitiateLayerUpload
            GET    | /v2/team/app/something-else                 | unknown
            """)
    void eachRequestShapeIsItsEcrAction(String method, String path, String operation) {
        assertThat(RequestTelemetry.ociOperation(method, path)).isEqualTo(operation);
    }
}
