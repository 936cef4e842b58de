package dev.wharf.ecr;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operations of the ECR model whose capability this Wharf does not have. Each answers with an
 * exception its operation models (ValidationException for all of them) and a message naming what is missing — never
 * a 500, never a silent success. docs/compatibility.md lists them as "not yet".
 */
final class UnsupportedOperations {
    /** operation → the capability it needs. */
    static final Map<String, String> OPERATIONS = new LinkedHashMap<>();

    static {
        for (String op : new String[]{"StartImageScan", "DescribeImageScanFindings", "GetRegistryScanningConfiguration",
                "PutRegistryScanningConfiguration", "BatchGetRepositoryScanningConfiguration"}) {
            OPERATIONS.put(op, "image scanning");
        }
        OPERATIONS.put("DescribeImageSigningStatus", "managed image signing");
        OPERATIONS.put("PutSigningConfiguration", "managed image signing");
        OPERATIONS.put("GetSigningConfiguration", "managed image signing");
        OPERATIONS.put("DeleteSigningConfiguration", "managed image signing");
    }

    private UnsupportedOperations() {}

    static void register(Map<String, EcrOperation> ops) {
        OPERATIONS.forEach((op, capability) -> ops.put(op, call -> {
            throw new WharfException(ErrorCode.NOT_SUPPORTED, op + " is not supported by this Wharf: " + capability + " is not implemented");
        }));
    }
}
