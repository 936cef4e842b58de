package dev.wharf.testing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole deployment as docs/scaling.md draws it, on loopback: one PostgreSQL, one S3 bucket
 * (S3Proxy), {@code n} Wharf nodes in processes of their own configured only through the documented
 * {@code WHARF_*} variables (one master key), and {@link Haproxy} in front. Clients talk to the load
 * balancer ({@link #url}); a test may also reach or {@link WharfNode#kill kill} one node. Run
 * through {@link ExternalProcess}: tests that use it are tagged {@value ExternalProcess#TAG}.
 */
public final class WharfCluster implements AutoCloseable {
    public static final String BUCKET = "wharf-cluster";

    private final PostgresCluster pg;
    private final S3Proxy s3;
    private final List<WharfNode> nodes;
    private final Haproxy lb;

    private WharfCluster(PostgresCluster pg, S3Proxy s3, List<WharfNode> nodes, Haproxy lb) {
        this.pg = pg;
        this.s3 = s3;
        this.nodes = nodes;
        this.lb = lb;
    }

    /** Starts PostgreSQL, S3Proxy, {@code n} nodes (the first alone: it creates the schema and the account) and haproxy. */
    public static WharfCluster start(int n) throws Exception {
        PostgresCluster pg = null;
        S3Proxy s3 = null;
        List<WharfNode> nodes = new ArrayList<>();
        try {
            pg = PostgresCluster.start();
            s3 = S3Proxy.start();
            Map<String, String> env = environment(pg.createDatabase(), s3, s3.createBucket(BUCKET));
            nodes.add(WharfNode.start(env));
            for (int i = 1; i < n; i++) nodes.add(WharfNode.start(env));
            Haproxy lb = Haproxy.start(nodes.stream().map(WharfNode::port).toList());
            return new WharfCluster(pg, s3, List.copyOf(nodes), lb);
        } catch (Exception | Error e) {
            closeAll(null, nodes, s3, pg);
            throw e;
        }
    }

    /** Exactly the variables of the issue and docs/configuration.md, the same for every node. */
    private static Map<String, String> environment(String jdbcUrl, S3Proxy s3, String bucket) {
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_STORAGE_METADATA", "postgres");
        env.put("WHARF_POSTGRES_URL", jdbcUrl);
        env.put("WHARF_POSTGRES_USER", PostgresCluster.USER);
        env.put("WHARF_POSTGRES_PASSWORD", PostgresCluster.PASSWORD);
        env.put("WHARF_STORAGE_BLOBS", "s3");
        env.put("WHARF_S3_ENDPOINT", s3.endpoint().toString());
        env.put("WHARF_S3_REGION", S3Proxy.REGION);
        env.put("WHARF_S3_BUCKET", bucket);
        env.put("WHARF_S3_PREFIX", "cluster/");
        env.put("WHARF_S3_PATH_STYLE", "true");
        env.put("WHARF_S3_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY);
        env.put("WHARF_S3_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY);
        env.put("WHARF_S3_REDIRECT", "false");
        env.put("WHARF_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        return env;
    }

    /** The load balancer's URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return lb.url();
    }

    /** The load balancer's {@code 127.0.0.1:<port>}, the registry host of image references. */
    public String host() {
        return lb.host();
    }

    public Haproxy loadBalancer() {
        return lb;
    }

    public List<WharfNode> nodes() {
        return nodes;
    }

    public WharfNode node(int i) {
        return nodes.get(i);
    }

    /** An ECR client of the test account's root, through the load balancer. */
    public EcrClient ecr() {
        return EcrClient.builder().endpointOverride(URI.create(url())).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates these repositories through the load balancer. */
    public void createRepositories(String... names) {
        try (EcrClient ecr = ecr()) {
            for (String name : names) ecr.createRepository(r -> r.repositoryName(name));
        }
    }

    /** An authorization token of the root (GetAuthorizationToken through the load balancer). */
    public String authorizationToken() {
        try (EcrClient ecr = ecr()) {
            return ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
        }
    }

    /** A raw OCI client of the load balancer, logged in as the root. */
    public OciClient oci() {
        String decoded = new String(Base64.getDecoder().decode(authorizationToken()), StandardCharsets.UTF_8);
        return new OciClient(url(), TestServer.basicAuth(decoded.substring(decoded.indexOf(':') + 1)));
    }

    /** skopeo against the load balancer, logged in as the root. */
    public Skopeo skopeo() {
        return new Skopeo(host(), authorizationToken());
    }

    @Override
    public void close() throws IOException {
        closeAll(lb, nodes, s3, pg);
    }

    /** Stops what was started, the load balancer first and the stores last, whatever fails on the way. */
    private static void closeAll(Haproxy lb, List<WharfNode> nodes, S3Proxy s3, PostgresCluster pg) throws IOException {
        List<AutoCloseable> order = new ArrayList<>();
        if (lb != null) order.add(lb);
        order.addAll(nodes);
        if (s3 != null) order.add(s3);
        if (pg != null) order.add(pg);
        IOException first = null;
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) first = new IOException("stopping the cluster", e);
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
