package dev.wharf.registry;

import dev.wharf.config.WharfConfig;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ECR's layer API (the "Amazon ECR proxy" operations): the same upload sessions and blobs as the
 * {@code /v2/} door ({@link Blobs}), with the part rules of the ECR API. A part is at most
 * {@code maxLayerPartBytes} (20 MiB, UploadLayerPart's model), an upload at most
 * {@code maxLayerParts} parts (1,000), and every part but the last at least
 * {@code minLayerPartBytes} (5 MiB) — checked at CompleteLayerUpload, the only moment the last
 * part is known (LayerPartTooSmallException is modelled there, not on UploadLayerPart).
 */
public final class Layers {
    private final MetadataStore meta;
    private final Blobs blobs;
    private final Repositories repositories;
    private final LayerUrls urls;

    public Layers(MetadataStore meta, Blobs blobs, Repositories repositories, LayerUrls urls) {
        this.meta = meta;
        this.blobs = blobs;
        this.repositories = repositories;
        this.urls = urls;
    }

    /** What InitiateLayerUpload answers: the session and the part size clients should use. */
    public record Initiated(String uploadId, long partSize) {}

    /** One answer of BatchCheckLayerAvailability: a size when available, else a failure code. */
    public record LayerCheck(String digest, Long size, String failureCode, String failureReason) {}

    public Initiated initiate(Caller caller, String account, String name) {
        Blobs.UploadStatus s = blobs.start(caller, account, name); // the one authorization of this request
        return new Initiated(s.uploadId(), repositories.limits().forAccount(account).minLayerPartBytes());
    }

    /**
     * UploadLayerPart: the part must start where the upload ends ({@code partFirstByte} = bytes so
     * far) and {@code partLastByte} must be its last byte, else InvalidLayerPartException.
     *
     * @return the last byte received (the upload's size minus one)
     */
    public long uploadPart(Caller caller, String account, String name, String uploadId, long firstByte, long lastByte, byte[] part) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.UPLOAD_LAYER_PART);
        Rows.Upload upload = blobs.session(repo, uploadId);
        WharfConfig.Limits limits = repositories.limits().forAccount(account);
        if (part.length > limits.maxLayerPartBytes()) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The layer part is " + part.length
                    + " bytes; the maximum layer part size is " + limits.maxLayerPartBytes() + " bytes");
        }
        if (part.length == 0 || lastByte < firstByte || lastByte - firstByte + 1 != part.length) {
            throw new WharfException(ErrorCode.UPLOAD_INVALID, "The layer part has " + part.length + " bytes but partFirstByte "
                    + firstByte + " and partLastByte " + lastByte + " describe " + Math.max(0, lastByte - firstByte + 1)
                    + ": partLastByte is the index of the part's last byte");
        }
        if (upload.size() != firstByte) {
            throw new WharfException(ErrorCode.UPLOAD_RANGE_INVALID, "The layer part starts at byte " + firstByte
                    + " but the upload has " + upload.size() + " bytes: parts must be contiguous; the next part starts at byte " + upload.size(),
                    Map.of("size", upload.size()));
        }
        if (upload.parts() >= limits.maxLayerParts()) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The upload already has " + upload.parts()
                    + " parts; the maximum number of layer parts per upload is " + limits.maxLayerParts());
        }
        Optional<Rows.LayerParts> before = meta.findLayerParts(uploadId);
        boolean small = before.map(p -> p.smallPart() || p.lastPartSize() < limits.minLayerPartBytes()).orElse(false);
        // a part that loses a race for the session is refused by the session's claim, with its size
        Blobs.UploadStatus s = blobs.appendTo(repo, uploadId, firstByte, lastByte, (long) part.length, new ByteArrayInputStream(part));
        meta.putLayerParts(new Rows.LayerParts(uploadId, part.length, small));
        return s.size() - 1;
    }

    /** CompleteLayerUpload: checks the parts and the digest, then makes the layer visible in the repository. */
    public Digest complete(Caller caller, String account, String name, String uploadId, List<String> layerDigests) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.COMPLETE_LAYER_UPLOAD);
        Rows.Upload upload = blobs.session(repo, uploadId);
        Digest digest = Digest.parse(layerDigests.get(0));
        for (String other : layerDigests) {
            if (!Digest.parse(other).equals(digest)) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'layerDigests': an upload is one layer, "
                        + "so every digest must be the same; got " + digest + " and " + other);
            }
        }
        if (upload.size() == 0) {
            throw new WharfException(ErrorCode.EMPTY_UPLOAD, "The upload " + uploadId + " has no layer parts: upload at least one part");
        }
        long min = repositories.limits().forAccount(account).minLayerPartBytes();
        if (meta.findLayerParts(uploadId).map(Rows.LayerParts::smallPart).orElse(false)) {
            throw new WharfException(ErrorCode.LAYER_PART_TOO_SMALL, "A layer part other than the last is smaller than the minimum "
                    + "layer part size of " + min + " bytes");
        }
        if (meta.findLinkedBlob(repo.id(), digest.toString()).isPresent()) {
            blobs.discard(uploadId);
            throw new WharfException(ErrorCode.LAYER_ALREADY_EXISTS, "The layer " + digest + " already exists in the repository with name '"
                    + repo.name() + "' in the registry with id '" + repo.accountId() + "'");
        }
        return blobs.completeIn(repo, uploadId, digest, null, null).digest();
    }

    /** BatchCheckLayerAvailability: malformed digests are InvalidLayerDigest, unknown ones MissingLayerDigest. */
    public List<LayerCheck> check(Caller caller, String account, String name, List<String> digests) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_CHECK_LAYER_AVAILABILITY);
        List<LayerCheck> out = new ArrayList<>();
        for (String d : digests) {
            Digest digest;
            try {
                digest = Digest.parse(d);
            } catch (WharfException e) {
                out.add(new LayerCheck(d, null, "InvalidLayerDigest", "Invalid layer digest: " + e.getMessage()));
                continue;
            }
            Optional<Rows.Blob> b = meta.findLinkedBlob(repo.id(), digest.toString());
            out.add(b.isPresent() ? new LayerCheck(d, b.get().size(), null, null)
                    : new LayerCheck(d, null, "MissingLayerDigest", "Could not find layer " + d + " in the repository"));
        }
        return out;
    }

    /**
     * GetDownloadUrlForLayer: the path and query of a short-lived URL for a layer that an image of
     * the repository references (ECR: "You can only get URLs for image layers that are referenced in
     * an image"); a layer linked but used by no image is LayerInaccessibleException. When the blob
     * store hands out presigned URLs ({@code storage.s3.redirect}) the answer is one of those, absolute.
     */
    public String downloadUrl(Caller caller, String account, String name, String layerDigest) {
        Digest digest = Digest.parse(layerDigest);
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.GET_DOWNLOAD_URL_FOR_LAYER);
        if (meta.findLinkedBlob(repo.id(), digest.toString()).isEmpty()) {
            throw new WharfException(ErrorCode.BLOB_UNKNOWN, "The layer " + digest + " does not exist in the repository with name '"
                    + repo.name() + "' in the registry with id '" + repo.accountId() + "'", Map.of("digest", digest.toString()));
        }
        if (!meta.isBlobReferenced(repo.id(), digest.toString())) {
            throw new WharfException(ErrorCode.LAYER_INACCESSIBLE, "The layer " + digest + " is not available because no image of the "
                    + "repository '" + repo.name() + "' references it; unreferenced layers may be cleaned up at any time");
        }
        return blobs.directUrl(digest).map(URI::toString).orElseGet(() -> urls.sign(repo.accountId(), repo.name(), digest.toString()));
    }

    /**
     * The layer a download URL names, when its signature holds (the URL is the authorization:
     * GetDownloadUrlForLayer was authorized when it was issued).
     */
    public Optional<Blobs.BlobInfo> openSigned(String account, String name, String digest, String expires, String signature) {
        if (!urls.verify(account, name, digest, expires, signature)) return Optional.empty();
        return repositories.find(account, name)
                .flatMap(repo -> meta.findLinkedBlob(repo.id(), digest).map(b -> blobs.linked(repo, Digest.parse(digest))));
    }
}
