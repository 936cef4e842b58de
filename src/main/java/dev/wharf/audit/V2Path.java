package dev.wharf.audit;

/**
 * A distribution API path ({@code /v2/<name>/...}) split into what it names: the repository, and the
 * tag list, an upload, a blob, a manifest or the referrers of a digest. The distribution door routes
 * by it and the audit trail names {@code /v2/} calls as ECR operations by it, so both read a path the
 * same way (it lives in {@code audit} because that package sits below the doors).
 *
 * <p>The grammar, as the OCI distribution spec's endpoints have it: the route is decided by the path's
 * last segments, and the repository name is everything between {@code /v2/} and them (at least one
 * character; whether it is a valid name is the caller's to check):
 * <ul>
 *   <li>{@code /v2/<name>/tags/list}</li>
 *   <li>{@code /v2/<name>/blobs/uploads}, {@code .../blobs/uploads/} and {@code .../blobs/uploads/<id>}</li>
 *   <li>{@code /v2/<name>/blobs/<reference>}</li>
 *   <li>{@code /v2/<name>/manifests/<reference>}</li>
 *   <li>{@code /v2/<name>/referrers/<reference>}</li>
 * </ul>
 * A reference and an upload id hold no {@code /}; as the patterns the door used before read it, an id
 * may also follow {@code uploads} without the slash. Parsed by hand: these paths are split on every
 * registry request (twice), and the regular expressions that did it were about 5% of a blob request's
 * CPU (docs/performance.md, "Request rates, twenty-fifth round").
 */
public record V2Path(Route route, String repository, String reference) {
    /** What a path names besides its repository. */
    public enum Route {
        /** The tag list; no reference. */
        TAGS,
        /** An upload session; the reference is its id, empty when the path names none (a new upload). */
        UPLOADS,
        /** A blob by digest. */
        BLOB,
        /** A manifest by tag or digest. */
        MANIFEST,
        /** The referrers of a manifest digest. */
        REFERRERS
    }

    private static final String PREFIX = "/v2/";
    private static final String TAGS_LIST = "/tags/list";
    private static final String UPLOADS = "/blobs/uploads";
    private static final String BLOBS = "/blobs/";
    private static final String MANIFESTS = "/manifests/";
    private static final String REFERRERS = "/referrers/";

    /** The route {@code path} (a raw request path) names, or null when it names none of them. */
    public static V2Path parse(String path) {
        if (!path.startsWith(PREFIX)) return null;
        if (path.endsWith(TAGS_LIST) && path.length() - TAGS_LIST.length() > PREFIX.length()) {
            return new V2Path(Route.TAGS, path.substring(PREFIX.length(), path.length() - TAGS_LIST.length()), null);
        }
        int at = path.lastIndexOf(UPLOADS);
        if (at > PREFIX.length()) {
            int id = at + UPLOADS.length();
            if (id < path.length() && path.charAt(id) == '/') id++;
            if (path.indexOf('/', id) < 0) return new V2Path(Route.UPLOADS, path.substring(PREFIX.length(), at), path.substring(id));
        }
        V2Path p = lastSegmentAfter(path, BLOBS, Route.BLOB);
        if (p == null) p = lastSegmentAfter(path, MANIFESTS, Route.MANIFEST);
        if (p == null) p = lastSegmentAfter(path, REFERRERS, Route.REFERRERS);
        return p;
    }

    /** {@code /v2/<name><keyword><reference>}: the keyword's last occurrence, followed by one non-empty segment. */
    private static V2Path lastSegmentAfter(String path, String keyword, Route route) {
        int at = path.lastIndexOf(keyword);
        if (at <= PREFIX.length()) return null;
        int ref = at + keyword.length();
        if (ref == path.length() || path.indexOf('/', ref) >= 0) return null;
        return new V2Path(route, path.substring(PREFIX.length(), at), path.substring(ref));
    }
}
