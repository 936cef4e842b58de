package dev.wharf.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.policy.Principal;
import dev.wharf.policy.PrincipalType;
import dev.wharf.storage.meta.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The audit trail: every API call on every door becomes one CloudTrail event record (eventVersion
 * 1.08) in the {@link AuditStore}.
 *
 * <p>Requests never wait for the database: {@link #end} puts the finished record on a bounded queue
 * ({@link #QUEUE_CAPACITY}) and one writer thread stores it in batches. When the queue is full the
 * record is dropped, counted in {@link #dropped()} and logged (at most once a minute): a flood of
 * requests must not stall the registry behind its own audit log. A crash loses what the queue held
 * (at most the last moments of calls); a normal shutdown ({@link #close}) stores everything first.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final int PRUNE_BATCH = 10_000;
    /** How long a lookup waits for calls still in progress and for the writer, at most. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(3);
    /**
     * How long the writer gathers records after the first before it stores them, unless a lookup
     * is waiting: under a steady stream of calls this makes one transaction (one flush to disk)
     * of tens of records instead of one of a few; a record waits at most this long more.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AuditStore store;
    private final String region;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<AuditStore.Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListSet<Long> active = new ConcurrentSkipListSet<>();
    private final AtomicLong enqueued = new AtomicLong();
    /** Records that left the queue (stored, or dropped after the store refused them). */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private final Thread writer;
    private volatile boolean closing;
    /** Lookups waiting in {@link #flush}: the writer stores at once while there is one. */
    private final AtomicInteger flushing = new AtomicInteger();
    private volatile long lastDropWarning;

    public AuditTrail(AuditStore store, String region, Clock clock, Duration retention) {
        this.store = store;
        this.region = region;
        this.clock = clock;
        this.retention = retention;
        this.writer = Thread.ofPlatform().name("wharf-audit").daemon(true).unstarted(this::writeLoop);
        writer.start();
    }

    /**
     * Starts recording a request on this thread. The ECR and CloudTrail JSON doors are named here
     * from {@code X-Amz-Target}.
     */
    public CallRecord begin(String requestId, String method, String path, String target, String sourceIp, String userAgent) {
        CallRecord r = new CallRecord(sequence.incrementAndGet(), requestId, clock.instant(), method, path, sourceIp, userAgent);
        active.add(r.seq);
        CallRecord.bind(r);
        if (target != null) {
            int dot = target.lastIndexOf('.');
            String op = target.substring(dot + 1);
            if (target.startsWith("AmazonEC2ContainerRegistry_V20150921.")) CallRecord.named("ecr", op);
            else if (target.startsWith("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.")) CallRecord.named("cloudtrail", op);
        }
        return r;
    }

    /**
     * Ends the request: records it when it was an API call (named, and attributable to an account),
     * and unbinds it from the thread. Never throws.
     */
    public void end(CallRecord r, int status) {
        try {
            if (r.eventName == null && V2Calls.isV2(r.path)) {
                String op = V2Calls.operation(r.method, r.path);
                if (op != null) CallRecord.named("ecr", op);
            }
            if (r.errorCode == null && status >= 400) {
                r.errorCode = status == 429 ? "ThrottlingException" : status >= 500 ? "ServerException" : "HTTP " + status;
            }
            AuditStore.Event e = r.eventName == null ? null : event(r);
            if (e != null) {
                if (queue.offer(e)) {
                    if (enqueued.incrementAndGet() - written.get() >= BATCH) LockSupport.unpark(writer);
                } else {
                    dropped.incrementAndGet();
                    long now = System.nanoTime();
                    if (now - lastDropWarning > TimeUnit.MINUTES.toNanos(1)) {
                        lastDropWarning = now;
                        LOG.warn("audit queue full ({} records): dropping audit records; {} dropped so far", QUEUE_CAPACITY, dropped.get());
                    }
                }
            }
        } catch (RuntimeException ex) {
            LOG.warn("recording the audit event of request {} failed: {}", r.requestId, ex.toString());
        } finally {
            active.remove(r.seq);
            CallRecord.bind(null);
        }
    }

    /** The stored event of a finished call, or null when no account can be named. */
    private AuditStore.Event event(CallRecord r) {
        Principal p = r.principal;
        String callerAccount = p == null ? null : p.accountId();
        String recipient = r.recipientAccount != null ? r.recipientAccount : callerAccount;
        if (recipient == null) return null;
        boolean readOnly = readOnly(r.eventName);
        String eventId = eventId(r.eventTime.toEpochMilli());
        boolean v2 = V2Calls.isV2(r.path);
        JsonNode params = v2 ? V2Calls.parameters(r.path, recipient) : r.requestParameters;
        String resourceName = repositoryName(r.resourceArn);

        ObjectNode rec = JSON.createObjectNode();
        rec.put("eventVersion", "1.08");
        rec.set("userIdentity", userIdentity(p, r.accessKeyId));
        rec.put("eventTime", r.eventTime.truncatedTo(ChronoUnit.SECONDS).toString());
        rec.put("eventSource", r.eventSource);
        rec.put("eventName", r.eventName);
        rec.put("awsRegion", region);
        rec.put("sourceIPAddress", r.sourceIp);
        rec.put("userAgent", r.userAgent);
        if (r.errorCode != null) {
            rec.put("errorCode", r.errorCode);
            rec.put("errorMessage", r.errorMessage);
        }
        // a /v2/ call's parameters are its path's pieces (V2Calls): no field that holds a secret, and no larger than
        // the request line (at most 16 KiB), so there is nothing to redact or omit (docs/performance.md, "Request rates,
        // twenty-fifth round")
        rec.set("requestParameters", v2 ? params : Redaction.redact(params));
        rec.set("responseElements", r.errorCode == null && !readOnly ? Redaction.redact(r.responseElements) : null);
        rec.put("requestID", r.requestId);
        rec.put("eventID", eventId);
        rec.put("readOnly", readOnly);
        if (r.resourceArn != null && resourceName != null) {
            ObjectNode res = rec.putArray("resources").addObject();
            res.put("accountId", recipient);
            res.put("type", "AWS::ECR::Repository");
            res.put("ARN", r.resourceArn);
        }
        rec.put("eventType", "AwsApiCall");
        rec.put("managementEvent", true);
        rec.put("recipientAccountId", recipient);
        rec.put("eventCategory", "Management");
        try {
            return new AuditStore.Event(eventId, recipient, r.eventTime.toEpochMilli(), r.eventSource, r.eventName, username(p),
                    r.accessKeyId, readOnly, resourceName == null ? null : "AWS::ECR::Repository", resourceName,
                    resourceName == null ? null : r.resourceArn, JSON.writeValueAsString(rec));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A time-ordered version-7 UUID (RFC 9562: the call's millisecond, then 74 random bits). It must be
     * unique, not unpredictable: ThreadLocalRandom avoids the lock SecureRandom takes, on a path every
     * request crosses. Time-ordered because the id is the table's key: random ids put each record in a
     * different page of the key's index, and the audit writer spent half its CPU writing those pages
     * (docs/performance.md, "Request rates").
     */
    private static String eventId(long millis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (r.nextInt() & 0x0FFFL);
        return new UUID(high, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** CloudTrail's readOnly: the call reads and changes nothing. */
    static boolean readOnly(String operation) {
        return operation.startsWith("Get") || operation.startsWith("Describe") || operation.startsWith("List")
                || operation.startsWith("BatchGet") || operation.startsWith("BatchCheck") || operation.startsWith("Lookup");
    }

    private static String repositoryName(String arn) {
        if (arn == null) return null;
        int i = arn.indexOf(":repository/");
        if (i < 0 || !arn.startsWith("arn:aws:ecr:")) return null;
        String name = arn.substring(i + ":repository/".length());
        return name.isEmpty() || name.contains("*") ? null : name;
    }

    /** The user name LookupEvents matches: a user's name, {@code root}, or a role session's name. */
    static String username(Principal p) {
        if (p == null) return null;
        return switch (p.type()) {
            case ROOT -> "root";
            case USER -> p.userName() != null ? p.userName() : p.arn().substring(p.arn().lastIndexOf('/') + 1);
            case ASSUMED_ROLE, FEDERATED_USER -> p.arn().substring(p.arn().lastIndexOf('/') + 1);
            default -> null;
        };
    }

    private static ObjectNode userIdentity(Principal p, String accessKeyId) {
        ObjectNode u = JSON.createObjectNode();
        if (p == null) {
            u.put("type", "Unknown");
            return u;
        }
        u.put("type", switch (p.type()) {
            case ROOT -> "Root";
            case USER -> "IAMUser";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            case SERVICE -> "AWSService";
            case ANONYMOUS -> "Unknown";
        });
        u.put("principalId", p.userId());
        u.put("arn", p.arn());
        if (p.accountId() != null) u.put("accountId", p.accountId());
        if (accessKeyId != null) u.put("accessKeyId", accessKeyId);
        if (p.type() == PrincipalType.USER) u.put("userName", username(p));
        if (p.type() == PrincipalType.ASSUMED_ROLE && p.sourceIdentityArn() != null) {
            ObjectNode issuer = u.putObject("sessionContext").putObject("sessionIssuer");
            issuer.put("type", "Role");
            issuer.put("principalId", p.userId().contains(":") ? p.userId().substring(0, p.userId().indexOf(':')) : p.userId());
            issuer.put("arn", p.sourceIdentityArn());
            issuer.put("accountId", p.accountId());
            issuer.put("userName", p.sourceIdentityArn().substring(p.sourceIdentityArn().lastIndexOf('/') + 1));
        }
        return u;
    }

    // ---------------------------------------------------------------- writing

    private void writeLoop() {
        List<AuditStore.Event> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                AuditStore.Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                // While it gathers, the writer sleeps rather than wait on the queue: waiting there, it
                // would be woken by every record offered (a futex wake in the request's thread and a
                // switch to this one, per call). A lookup (flush), the stop, or a full batch wakes it early.
                long until = System.nanoTime() + LINGER_NANOS;
                while (batch.size() < BATCH && flushing.get() == 0 && !closing) {
                    long left = until - System.nanoTime();
                    if (left <= 0) break;
                    LockSupport.parkNanos(this, left);
                    if (Thread.interrupted()) throw new InterruptedException();
                    queue.drainTo(batch, BATCH - batch.size());
                }
                queue.drainTo(batch, BATCH - batch.size());
                storeBatch(batch);
            } catch (InterruptedException e) {
                if (closing) return;
            } finally {
                if (!batch.isEmpty()) {
                    written.addAndGet(batch.size());
                    batch.clear();
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                }
            }
        }
    }

    /** Stores a batch, trying three times; a batch the store keeps refusing is dropped and logged. */
    private void storeBatch(List<AuditStore.Event> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                store.append(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    dropped.addAndGet(batch.size());
                    LOG.error("storing {} audit records failed; they are lost: {}", batch.size(), e.toString());
                    return;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    /**
     * Waits (a few seconds at most) until every call that began before this one has ended and its
     * record is stored, so that a lookup on this node sees the calls that came before it.
     */
    public void flush() {
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        CallRecord mine = CallRecord.current();
        long before = mine != null ? mine.seq : Long.MAX_VALUE;
        flushing.incrementAndGet();
        LockSupport.unpark(writer);
        try {
            while (System.nanoTime() < deadline) {
                Long oldest = active.isEmpty() ? null : active.first();
                if (oldest == null || oldest >= before) break;
                Thread.sleep(2);
            }
            long target = enqueued.get();
            synchronized (progress) {
                while (written.get() < target && System.nanoTime() < deadline) {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flushing.decrementAndGet();
        }
    }

    /** Events of a lookup, after {@link #flush}. */
    public List<AuditStore.Event> find(AuditStore.Query query) {
        flush();
        return store.find(query);
    }

    /** Deletes events older than the retention period; returns how many. */
    public int prune() {
        long before = clock.instant().minus(retention).toEpochMilli();
        int total = 0;
        int n;
        do {
            n = store.deleteBefore(before, PRUNE_BATCH);
            total += n;
        } while (n == PRUNE_BATCH);
        return total;
    }

    /** Records dropped because the queue was full or the store failed. */
    public long dropped() {
        return dropped.get();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Stores what the queue holds, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
