package dev.wharf.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.audit.V2Path;
import dev.wharf.auth.Authenticated;
import dev.wharf.auth.Authenticator;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.Exchange;
import dev.wharf.registry.Blobs;
import dev.wharf.registry.CachedPulls;
import dev.wharf.registry.Caller;
import dev.wharf.registry.Descriptor;
import dev.wharf.registry.Images;
import dev.wharf.registry.MediaTypes;
import dev.wharf.registry.Repositories;
import dev.wharf.storage.blob.Digest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.net.URI;
import java.util.Optional;

/**
 * The OCI Distribution API ({@code /v2/...}, distribution-spec v1.1). Each route parses the
 * request, calls one registry service, and renders; rules and errors belong to the services.
 */
public final class OciApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PAGE = 10_000;

    private final Authenticator authenticator;
    private final Repositories repositories;
    private final Blobs blobs;
    private final Images images;
    private final String publicUrl;
    private final Clock clock;
    private final CachedPulls cachedPulls;

    public OciApi(Authenticator authenticator, Repositories repositories, Blobs blobs, Images images, String publicUrl, Clock clock,
                  CachedPulls cachedPulls) {
        this.authenticator = authenticator;
        this.repositories = repositories;
        this.blobs = blobs;
        this.images = images;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.cachedPulls = cachedPulls;
    }

    public void handle(Exchange ex) {
        ex.header("Docker-Distribution-API-Version", "registry/2.0");
        try {
            route(ex);
        } catch (WharfException e) {
            OciErrors.write(ex, e, publicUrl);
        }
    }

    private void route(Exchange ex) {
        String path = ex.rawPath();
        String method = ex.method();
        Authenticated who = authenticator.basic(ex.header("Authorization"));
        ex.principal(who.principal().arn());
        Caller caller = new Caller(who.principal(), who.accessKeyId(), ex.sourceIp(), ex.userAgent(), ex.secure(), clock.instant());
        String account = repositories.registryForHost(ex.header("Host"));

        if (path.equals("/v2/") || path.equals("/v2")) {
            requireMethod(method, "GET", "HEAD");
            ex.send(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/v2/_catalog")) {
            requireMethod(method, "GET");
            catalog(ex, caller, account);
            return;
        }
        V2Path p = V2Path.parse(path);
        if (p == null) {
            throw new WharfException(ErrorCode.ENDPOINT_NOT_FOUND, "The distribution API has no endpoint " + method + " " + path);
        }
        switch (p.route()) {
            case TAGS -> {
                requireMethod(method, "GET");
                tags(ex, caller, account, p.repository());
            }
            case UPLOADS -> uploads(ex, caller, account, p.repository(), p.reference());
            case BLOB -> blob(ex, caller, account, p.repository(), Digest.parse(p.reference()));
            case MANIFEST -> manifest(ex, caller, account, p.repository(), p.reference());
            case REFERRERS -> {
                requireMethod(method, "GET");
                referrers(ex, caller, account, p.repository(), Digest.parse(p.reference()));
            }
        }
    }

    private static void requireMethod(String method, String... allowed) {
        for (String a : allowed) if (a.equals(method)) return;
        throw new WharfException(ErrorCode.UNSUPPORTED_OPERATION, "The method " + method + " is not supported here; allowed: " + String.join(", ", allowed));
    }

    // ---------------------------------------------------------------- blobs

    private void blob(Exchange ex, Caller caller, String account, String name, Digest digest) {
        if (ex.method().equals("GET") || ex.method().equals("HEAD")) cachedPulls.beforeBlobPull(caller, account, name, digest);
        switch (ex.method()) {
            case "HEAD" -> {
                Blobs.BlobInfo b = blobs.stat(caller, account, name, digest);
                blobHeaders(ex, b);
                ex.header("Content-Length", b.size());
                ex.sendEmpty(200);
            }
            case "GET" -> sendBlob(ex, blobs.get(caller, account, name, digest));
            case "DELETE" -> {
                blobs.delete(caller, account, name, digest);
                ex.sendEmpty(202);
            }
            default -> requireMethod(ex.method(), "GET", "HEAD", "DELETE");
        }
    }

    private static void blobHeaders(Exchange ex, Blobs.BlobInfo b) {
        ex.header("Docker-Content-Digest", b.digest().toString());
        ex.header("Content-Type", "application/octet-stream");
        ex.header("Accept-Ranges", "bytes");
        ex.header("ETag", "\"" + b.digest() + "\"");
        ex.header("Cache-Control", "max-age=31536000");
    }

    private void sendBlob(Exchange ex, Blobs.BlobInfo b) {
        blobHeaders(ex, b);
        Optional<URI> direct = blobs.directUrl(b.digest());
        if (direct.isPresent()) {
            // OCI distribution-spec "Pulling blobs": a 307 to where the bytes are, as ECR and Distribution's redirect do
            ex.header("Location", direct.get().toString());
            ex.sendEmpty(307);
            return;
        }
        long start = 0;
        long end = b.size() - 1;
        int status = 200;
        String range = ex.header("Range");
        if (range != null) {
            long[] r = ByteRange.parse(range, b.size());
            if (r == null) {
                ex.header("Content-Range", "bytes */" + b.size());
                ex.sendEmpty(416);
                return;
            }
            start = r[0];
            end = r[1];
            status = 206;
            ex.header("Content-Range", "bytes " + start + "-" + end + "/" + b.size());
        }
        long length = Math.max(0, end - start + 1);
        ex.status(status);
        ex.header("Content-Length", length);
        if (b.file().isPresent()) {
            ex.sendFile(b.file().get(), start, length);
        } else {
            ex.sendStream(blobs.open(b, start), length);
        }
    }

    // ---------------------------------------------------------------- uploads

    private void uploads(Exchange ex, Caller caller, String account, String name, String uploadId) {
        String base = "/v2/" + name + "/blobs/uploads/";
        if (uploadId.isEmpty()) {
            requireMethod(ex.method(), "POST");
            String mount = ex.query("mount");
            if (mount != null) {
                Optional<Blobs.BlobInfo> mounted = blobs.mount(caller, account, name, Digest.parse(mount), ex.query("from"));
                if (mounted.isPresent()) {
                    blobCreated(ex, name, mounted.get().digest());
                    return;
                }
            }
            String digest = ex.query("digest");
            if (digest != null) {
                Blobs.BlobInfo b = blobs.upload(caller, account, name, Digest.parse(digest), ex.contentLength(), ex.body());
                blobCreated(ex, name, b.digest());
                return;
            }
            Blobs.UploadStatus s = blobs.start(caller, account, name);
            uploadAccepted(ex, base, s, 202);
            return;
        }
        switch (ex.method()) {
            case "GET" -> uploadAccepted(ex, base, blobs.status(caller, account, name, uploadId), 204);
            case "PATCH" -> {
                String range = ex.header("Content-Range");
                Long start = ByteRange.contentRangeStart(range);
                Long end = ByteRange.contentRangeEnd(range);
                uploadAccepted(ex, base, blobs.append(caller, account, name, uploadId, start, end, ex.contentLength(), ex.body()), 202);
            }
            case "PUT" -> {
                String digest = ex.query("digest");
                if (digest == null) {
                    throw new WharfException(ErrorCode.DIGEST_INVALID, "Completing an upload needs the ?digest= query parameter");
                }
                Digest d = Digest.parse(digest);
                Long len = ex.contentLength();
                boolean hasBody = len == null ? ex.header("Transfer-Encoding") != null : len > 0;
                Blobs.BlobInfo b = blobs.complete(caller, account, name, uploadId, d, len, hasBody ? ex.body() : null);
                blobCreated(ex, name, b.digest());
            }
            case "DELETE" -> {
                blobs.cancel(caller, account, name, uploadId);
                ex.sendEmpty(204);
            }
            default -> requireMethod(ex.method(), "GET", "PATCH", "PUT", "DELETE");
        }
    }

    private static void uploadAccepted(Exchange ex, String base, Blobs.UploadStatus s, int status) {
        ex.header("Location", base + s.uploadId());
        ex.header("Docker-Upload-UUID", s.uploadId());
        ex.header("Range", "0-" + Math.max(0, s.size() - 1));
        ex.sendEmpty(status);
    }

    private static void blobCreated(Exchange ex, String name, Digest digest) {
        ex.header("Location", "/v2/" + name + "/blobs/" + digest);
        ex.header("Docker-Content-Digest", digest.toString());
        ex.sendEmpty(201);
    }

    // ---------------------------------------------------------------- manifests

    private void manifest(Exchange ex, Caller caller, String account, String name, String ref) {
        switch (ex.method()) {
            case "GET", "HEAD" -> {
                Optional<CachedPulls.Answer> early = cachedPulls.beforeManifestGet(caller, account, name, ref);
                if (early.isPresent()) {
                    ex.header("Docker-Content-Digest", early.get().digest().toString());
                    ex.header("ETag", "\"" + early.get().digest() + "\"");
                    ex.send(200, early.get().mediaType(), early.get().body());
                    return;
                }
                Images.Manifest m = images.get(caller, account, name, ref, ex.method().equals("GET"));
                ex.header("Docker-Content-Digest", m.digest().toString());
                ex.header("ETag", "\"" + m.digest() + "\"");
                ex.send(200, m.mediaType(), m.body());
            }
            case "PUT" -> {
                byte[] body = ex.readBody(images.maxManifestBytes(), () -> {
                    throw images.manifestTooLarge();
                });
                Images.PutResult r = images.put(caller, account, name, Images.Reference.parse(ref), body, ex.header("Content-Type"));
                ex.header("Location", "/v2/" + name + "/manifests/" + r.digest());
                ex.header("Docker-Content-Digest", r.digest().toString());
                if (r.subject() != null) ex.header("OCI-Subject", r.subject().digest().toString());
                ex.sendEmpty(201);
            }
            case "DELETE" -> {
                images.delete(caller, account, name, ref);
                ex.sendEmpty(202);
            }
            default -> requireMethod(ex.method(), "GET", "HEAD", "PUT", "DELETE");
        }
    }

    // ---------------------------------------------------------------- listing

    private static int pageSize(Exchange ex) {
        String n = ex.query("n");
        if (n == null) return DEFAULT_PAGE;
        try {
            int v = Integer.parseInt(n);
            if (v < 0) throw new NumberFormatException();
            return Math.min(v, DEFAULT_PAGE);
        } catch (NumberFormatException e) {
            throw new WharfException(ErrorCode.PAGINATION_INVALID, "The n parameter must be a non-negative integer");
        }
    }

    private void tags(Exchange ex, Caller caller, String account, String name) {
        int n = pageSize(ex);
        Images.TagPage page = images.tags(caller, account, name, ex.query("last"), n);
        ObjectNode root = JSON.createObjectNode();
        root.put("name", page.name());
        ArrayNode tags = root.putArray("tags");
        page.tags().forEach(tags::add);
        if (page.more() && !page.tags().isEmpty()) {
            ex.header("Link", "</v2/" + name + "/tags/list?n=" + n + "&last=" + page.tags().get(page.tags().size() - 1) + ">; rel=\"next\"");
        }
        ex.send(200, "application/json", root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void catalog(Exchange ex, Caller caller, String account) {
        int n = pageSize(ex);
        Repositories.Page page = images.catalog(caller, account, ex.query("last"), n);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode repos = root.putArray("repositories");
        page.repositories().forEach(r -> repos.add(r.name()));
        if (page.more()) {
            ex.header("Link", "</v2/_catalog?n=" + n + "&last=" + page.lastName() + ">; rel=\"next\"");
        }
        ex.send(200, "application/json", root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void referrers(Exchange ex, Caller caller, String account, String name, Digest subject) {
        String artifactType = ex.query("artifactType");
        List<Descriptor> list = images.referrers(caller, account, name, subject, artifactType);
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = root.putArray("manifests");
        for (Descriptor d : list) {
            ObjectNode o = manifests.addObject();
            o.put("mediaType", d.mediaType());
            o.put("digest", d.digest().toString());
            o.put("size", d.size());
            if (d.artifactType() != null) o.put("artifactType", d.artifactType());
            if (!d.annotations().isEmpty()) o.set("annotations", JSON.valueToTree(d.annotations()));
        }
        if (artifactType != null) ex.header("OCI-Filters-Applied", "artifactType");
        ex.send(200, MediaTypes.OCI_INDEX, root.toString().getBytes(StandardCharsets.UTF_8));
    }
}
