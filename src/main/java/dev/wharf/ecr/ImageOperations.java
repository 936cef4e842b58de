package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.Descriptor;
import dev.wharf.registry.ImageFilter;
import dev.wharf.registry.Images;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.Repositories;
import dev.wharf.storage.blob.Digest;
import dev.wharf.registry.ImageSummary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PutImage, BatchGetImage, BatchDeleteImage, ListImages, DescribeImages, ListImageReferrers. */
final class ImageOperations {
    private final Images images;
    private final Repositories repositories;
    private final PageTokens pageTokens;

    ImageOperations(Images images, Repositories repositories, PageTokens pageTokens) {
        this.images = images;
        this.repositories = repositories;
        this.pageTokens = pageTokens;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("PutImage", this::putImage);
        ops.put("BatchGetImage", this::batchGetImage);
        ops.put("BatchDeleteImage", this::batchDeleteImage);
        ops.put("ListImages", this::listImages);
        ops.put("DescribeImages", this::describeImages);
        ops.put("ListImageReferrers", this::listImageReferrers);
    }

    private static List<Images.ImageId> imageIds(List<JsonInput> list) {
        List<Images.ImageId> out = new ArrayList<>();
        for (JsonInput i : list) out.add(new Images.ImageId(i.string("imageDigest"), i.string("imageTag", 1, 300)));
        return out;
    }

    private static ArrayNode failures(ObjectNode out, List<Images.Failure> failures) {
        ArrayNode arr = out.putArray("failures");
        for (Images.Failure f : failures) {
            ObjectNode o = arr.addObject();
            o.set("imageId", EcrJson.imageId(f.id().digest(), f.id().tag()));
            o.put("failureCode", f.code());
            o.put("failureReason", f.reason());
        }
        return arr;
    }

    private JsonNode putImage(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        // the body limit bounds the string; Images refuses a manifest over its byte limit
        String manifest = in.string("imageManifest", 1, Integer.MAX_VALUE);
        if (manifest == null) throw JsonInput.invalid("Missing required parameter 'imageManifest'");
        String tag = in.string("imageTag", 1, 300);
        String digest = in.string("imageDigest");
        Images.PutResult r = images.putImage(call.caller(), account, name, tag, digest, manifest.getBytes(StandardCharsets.UTF_8),
                in.string("imageManifestMediaType"));
        ObjectNode out = EcrJson.object();
        ObjectNode image = out.putObject("image");
        image.put("registryId", account);
        image.put("repositoryName", name);
        image.set("imageId", EcrJson.imageId(r.digest().toString(), tag));
        image.put("imageManifest", manifest);
        image.put("imageManifestMediaType", r.mediaType());
        return out;
    }

    private JsonNode batchGetImage(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        List<Images.ImageId> ids = imageIds(in.requiredObjects("imageIds", 1, 100));
        List<String> accepted = in.strings("acceptedMediaTypes", 1, 100);
        Images.BatchGetResult r = images.batchGet(call.caller(), account, name, ids, accepted);
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("images");
        for (Images.Fetched f : r.images()) {
            ObjectNode o = arr.addObject();
            o.put("registryId", account);
            o.put("repositoryName", name);
            o.set("imageId", EcrJson.imageId(f.id().digest(), f.id().tag()));
            o.put("imageManifest", new String(f.manifest().body(), StandardCharsets.UTF_8));
            o.put("imageManifestMediaType", f.manifest().mediaType());
        }
        failures(out, r.failures());
        return out;
    }

    private JsonNode batchDeleteImage(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        List<Images.ImageId> ids = imageIds(in.requiredObjects("imageIds", 1, 100));
        Images.BatchDeleteResult r = images.batchDelete(call.caller(), account, name, ids);
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("imageIds");
        for (Images.ImageId id : r.deleted()) arr.add(EcrJson.imageId(id.digest(), id.tag()));
        failures(out, r.failures());
        return out;
    }

    private static ImageFilter filter(JsonInput in) {
        JsonInput f = in.object("filter");
        return f == null ? ImageFilter.ANY : new ImageFilter(f.string("tagStatus"), f.string("imageStatus"));
    }

    private JsonNode listImages(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        ImageFilter filter = filter(in);
        Integer maxResults = in.integer("maxResults", 1, 1000);
        String scope = "ListImages:" + account + "/" + name + ":" + filter;
        String position = open(scope, in.string("nextToken"));
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("imageIds");
        Images.IdPage page = images.listImageIds(call.caller(), account, name, filter,
                position == null ? Images.IdCursor.START : Images.IdCursor.of(position), maxResults == null ? 100 : maxResults);
        page.ids().forEach(id -> arr.add(EcrJson.imageId(id.digest(), id.tag())));
        if (page.next() != null) out.put("nextToken", pageTokens.issue(scope, page.next().position()));
        return out;
    }

    private JsonNode describeImages(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        List<JsonInput> ids = in.objects("imageIds", 1, 100);
        ImageFilter filter = filter(in);
        Integer maxResults = in.integer("maxResults", 1, 1000);
        String nextToken = in.string("nextToken");
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("imageDetails");
        if (ids != null) {
            if (maxResults != null || nextToken != null) {
                throw JsonInput.invalid("maxResults and nextToken cannot be used together with imageIds");
            }
            for (ImageSummary img : images.describe(call.caller(), account, name, imageIds(ids))) arr.add(detail(account, name, img));
            return out;
        }
        String scope = "DescribeImages:" + account + "/" + name + ":" + filter;
        String after = open(scope, nextToken);
        Images.ImagePage page = images.describeImages(call.caller(), account, name, filter, after, maxResults == null ? 100 : maxResults);
        for (ImageSummary img : page.images()) arr.add(detail(account, name, img));
        if (page.more()) out.put("nextToken", pageTokens.issue(scope, page.lastDigest()));
        return out;
    }

    private static ObjectNode detail(String account, String name, ImageSummary img) {
        ObjectNode o = EcrJson.object();
        o.put("registryId", account);
        o.put("repositoryName", name);
        o.put("imageDigest", img.digest());
        if (!img.tags().isEmpty()) {
            ArrayNode tags = o.putArray("imageTags");
            img.tags().forEach(tags::add);
        }
        o.put("imageSizeInBytes", img.imageSize());
        o.put("imagePushedAt", EcrJson.epochSeconds(img.pushedAt()));
        o.put("imageManifestMediaType", img.mediaType());
        if (img.artifactMediaType() != null) o.put("artifactMediaType", img.artifactMediaType());
        if (img.lastPulledAt() != null) o.put("lastRecordedPullTime", EcrJson.epochSeconds(img.lastPulledAt()));
        if (img.subjectDigest() != null) o.put("subjectManifestDigest", img.subjectDigest());
        o.put("imageStatus", img.storage().status());
        if (img.storage().lastArchivedAt() != null) o.put("lastArchivedAt", EcrJson.epochSeconds(img.storage().lastArchivedAt()));
        if (img.storage().lastActivatedAt() != null) o.put("lastActivatedAt", EcrJson.epochSeconds(img.storage().lastActivatedAt()));
        return o;
    }

    private JsonNode listImageReferrers(EcrOperation.Call call) {
        JsonInput in = call.input();
        String account = Repositories.registryId(in.string("registryId"), call.account());
        String name = in.requiredString("repositoryName");
        String subject = in.requiredObject("subjectId").requiredString("imageDigest");
        Digest subjectDigest = Digest.parse(subject);
        JsonInput filter = in.object("filter");
        List<String> artifactTypes = filter == null ? null : filter.strings("artifactTypes", 0, 5);
        String status = filter == null ? null : filter.string("artifactStatus");
        Integer maxResults = in.integer("maxResults", 1, 50);
        String scope = "ListImageReferrers:" + account + "/" + name + ":" + subject + ":" + artifactTypes + ":" + status;
        String after = open(scope, in.string("nextToken"));
        Images.ReferrerPage page = images.listReferrers(call.caller(), account, name, subjectDigest, artifactTypes, status, after,
                maxResults == null ? 50 : maxResults);
        ObjectNode out = EcrJson.object();
        ArrayNode arr = out.putArray("referrers");
        for (Descriptor d : page.referrers()) {
            ObjectNode o = arr.addObject();
            o.put("digest", d.digest().toString());
            o.put("mediaType", d.mediaType());
            if (d.artifactType() != null) o.put("artifactType", d.artifactType());
            o.put("size", d.size());
            if (d.annotations() != null && !d.annotations().isEmpty()) {
                ObjectNode a = o.putObject("annotations");
                d.annotations().forEach(a::put);
            }
            o.put("artifactStatus", ImageFilter.ACTIVE);
        }
        if (page.more()) out.put("nextToken", pageTokens.issue(scope, page.lastDigest()));
        return out;
    }

    private String open(String scope, String token) {
        if (token == null) return null;
        if (token.isEmpty()) throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'nextToken': the token is empty");
        return pageTokens.open(scope, token);
    }
}
