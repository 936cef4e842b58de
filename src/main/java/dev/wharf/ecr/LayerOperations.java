package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.http.Exchange;
import dev.wharf.registry.Blobs;
import dev.wharf.registry.LayerUrls;
import dev.wharf.registry.Layers;
import dev.wharf.registry.Repositories;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layer API: InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload,
 * BatchCheckLayerAvailability, GetDownloadUrlForLayer — and the downloads its URLs point at.
 */
final class LayerOperations {
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Layers layers;
    private final Blobs blobs;
    private final String publicUrl;

    LayerOperations(Layers layers, Blobs blobs, String publicUrl) {
        this.layers = layers;
        this.blobs = blobs;
        this.publicUrl = publicUrl;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("InitiateLayerUpload", this::initiate);
        ops.put("UploadLayerPart", this::uploadPart);
        ops.put("CompleteLayerUpload", this::complete);
        ops.put("BatchCheckLayerAvailability", this::check);
        ops.put("GetDownloadUrlForLayer", this::downloadUrl);
    }

    private static String uploadId(JsonInput in) {
        String id = in.requiredString("uploadId");
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw JsonInput.invalid("Invalid parameter at 'uploadId' failed to satisfy constraint: 'Member must satisfy regular expression pattern: "
                    + UPLOAD_ID.pattern() + "'");
        }
        return id;
    }

    private JsonNode initiate(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        Layers.Initiated i = layers.initiate(call.caller(), account, in.requiredString("repositoryName"));
        ObjectNode out = EcrJson.object();
        out.put("uploadId", i.uploadId());
        out.put("partSize", i.partSize());
        return out;
    }

    private JsonNode uploadPart(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        String id = uploadId(in);
        long first = in.requiredLong("partFirstByte", 0);
        long last = in.requiredLong("partLastByte", 0);
        byte[] part = in.requiredBlob("layerPartBlob");
        long lastByte = layers.uploadPart(call.caller(), account, name, id, first, last, part);
        ObjectNode out = EcrJson.scoped(account, name);
        out.put("uploadId", id);
        out.put("lastByteReceived", lastByte);
        return out;
    }

    private JsonNode complete(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        String id = uploadId(in);
        List<String> digests = in.requiredStrings("layerDigests", 1, 100);
        String digest = layers.complete(call.caller(), account, name, id, digests).toString();
        ObjectNode out = EcrJson.scoped(account, name);
        out.put("uploadId", id);
        out.put("layerDigest", digest);
        return out;
    }

    private JsonNode check(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        List<String> digests = in.requiredStrings("layerDigests", 1, 100);
        ObjectNode out = EcrJson.object();
        ArrayNode found = out.putArray("layers");
        ArrayNode failures = out.putArray("failures");
        for (Layers.LayerCheck c : layers.check(call.caller(), account, in.requiredString("repositoryName"), digests)) {
            if (c.failureCode() == null) {
                found.addObject().put("layerDigest", c.digest()).put("layerAvailability", "AVAILABLE").put("layerSize", c.size());
            } else {
                failures.addObject().put("layerDigest", c.digest()).put("failureCode", c.failureCode())
                        .put("failureReason", c.failureReason());
            }
        }
        return out;
    }

    private JsonNode downloadUrl(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String digest = in.requiredString("layerDigest");
        String path = layers.downloadUrl(call.caller(), account, in.requiredString("repositoryName"), digest);
        ObjectNode out = EcrJson.object();
        out.put("downloadUrl", path.startsWith("/") ? publicUrl + path : path); // a presigned S3 URL is absolute
        out.put("layerDigest", digest);
        return out;
    }

    /**
     * {@code GET /wharf/layers/<account>/<repository>/<digest>?X-Wharf-Expires=..&X-Wharf-Signature=..}:
     * the URL is the credential. A URL that is not ours, altered or expired is 403, as an S3
     * presigned URL answers.
     */
    void download(Exchange ex) {
        String rest = ex.rawPath().substring(LayerUrls.PATH_PREFIX.length());
        int slash = rest.indexOf('/');
        int lastSlash = rest.lastIndexOf('/');
        Optional<Blobs.BlobInfo> blob = Optional.empty();
        if ("GET".equals(ex.method()) && slash > 0 && lastSlash > slash) {
            String account = rest.substring(0, slash);
            String repository = rest.substring(slash + 1, lastSlash);
            String digest = URLDecoder.decode(rest.substring(lastSlash + 1), StandardCharsets.UTF_8);
            blob = layers.openSigned(account, repository, digest, ex.query(LayerUrls.EXPIRES), ex.query(LayerUrls.SIGNATURE));
        }
        if (blob.isEmpty()) {
            ex.send(403, "text/plain", "This download URL is not valid or has expired; call GetDownloadUrlForLayer again\n"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Blobs.BlobInfo b = blob.get();
        ex.status(200);
        ex.header("Content-Type", "application/octet-stream");
        ex.header("Content-Length", b.size());
        ex.header("Docker-Content-Digest", b.digest().toString());
        if (b.file().isPresent()) {
            ex.sendFile(b.file().get(), 0, b.size());
        } else {
            ex.sendStream(blobs.open(b, 0), b.size());
        }
    }
}
