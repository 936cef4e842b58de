package dev.wharf.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.Caller;
import dev.wharf.registry.SecretsAccess;
import dev.wharf.secrets.SecretRequests.Create;
import dev.wharf.secrets.SecretRequests.Created;
import dev.wharf.secrets.SecretRequests.Deleted;
import dev.wharf.secrets.SecretRequests.Details;
import dev.wharf.secrets.SecretRequests.Put;
import dev.wharf.secrets.SecretRequests.Stored;
import dev.wharf.secrets.SecretRequests.Tag;
import dev.wharf.secrets.SecretRequests.Value;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SecretStore.SecretRow;
import dev.wharf.storage.meta.SecretStore.SecretVersionRow;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The Secrets Manager operations that pull-through cache credentials need: CreateSecret,
 * GetSecretValue, PutSecretValue, DescribeSecret, DeleteSecret (ListSecrets is {@link SecretListing}).
 * Every call is authorized through {@link SecretsAccess} on the secret's ARN; values are encrypted
 * with {@link SecretValueCipher} before they reach the store and never appear in a message.
 *
 * <p>A secret scheduled for deletion keeps its name and can be described, not read or changed; once
 * its deletion date has passed it is gone (every read here treats it so, and its row is purged when
 * the name is taken again), so no background job is needed and every node agrees by the clock.
 */
public final class SecretsManager {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PREVIOUS = "AWSPREVIOUS";
    /** Secrets Manager's quota of secrets per account and Region. */
    static final int MAX_SECRETS_PER_ACCOUNT = 500_000;
    /** Versions no label names are kept among this many newest, as Secrets Manager keeps about 100. */
    static final int KEPT_VERSIONS = 100;
    static final int MAX_TAGS = 50;
    private static final int MAX_STAGES = 20;
    /** How often a PutSecretValue that lost a race to another writer of the same secret reads again and retries. */
    private static final int MAX_CAS_ATTEMPTS = 50;
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore meta;
    private final SecretsAccess access;
    private final SecretValueCipher cipher;
    private final String region;
    private final Clock clock;

    public SecretsManager(MetadataStore meta, SecretsAccess access, SecretValueCipher cipher, String region, Clock clock) {
        this.meta = meta;
        this.access = access;
        this.cipher = cipher;
        this.region = region;
        this.clock = clock;
    }

    String region() {
        return region;
    }

    /** CreateSecret: a new secret, with its first version labelled AWSCURRENT when a value is given. */
    public Created create(Caller caller, Create in) {
        String name = SecretIds.name(in.name());
        Validation.length("clientRequestToken", in.clientRequestToken(), 32, 64);
        Validation.length("description", in.description(), 0, 2048);
        if (in.kmsKeyId() != null && !in.kmsKeyId().isEmpty() && !in.kmsKeyId().equals("alias/aws/secretsmanager")) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER,
                    "KmsKeyId is not supported: Wharf encrypts every secret under a key derived from its master key");
        }
        if (in.replicaRegions()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "AddReplicaRegions is not supported: this Secrets Manager has one Region");
        }
        if (in.type() != null && !in.type().isEmpty()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Type is not supported: this Secrets Manager holds no external secrets");
        }
        List<Tag> tags = Validation.tags(in.tags());
        String account = caller.principal().accountId();
        String arn = SecretIds.arnPrefix(region, account) + name + "-" + suffix();
        access.authorize(caller, "CreateSecret", arn, account);
        if (!tags.isEmpty()) access.authorize(caller, "TagResource", arn, account);
        long now = clock.millis();
        String versionId = in.value() == null ? null : token(in.clientRequestToken());
        SecretVersionRow first = versionId == null ? null : new SecretVersionRow(arn, versionId, cipher.encrypt(in.value()), in.value().isBinary(), now);
        SecretRow row = new SecretRow(arn, account, name, in.description(), tagsJson(tags), now, now, null, null, 0);
        try {
            meta.createSecret(row, first, versionId == null ? Map.of() : Map.of(CURRENT, versionId), now, MAX_SECRETS_PER_ACCOUNT);
            return new Created(arn, name, versionId);
        } catch (DuplicateException e) {
            return createdBefore(account, name, in, now);
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "You have reached the quota of " + MAX_SECRETS_PER_ACCOUNT + " secrets in this account");
        }
    }

    /** The answer to a CreateSecret whose name is taken: a retry of the same request (same token and value), or an error. */
    private Created createdBefore(String account, String name, Create in, long now) {
        SecretRow existing = meta.findSecretByName(account, name).orElse(null);
        if (existing != null && existing.deletionDate() != null && existing.deletionDate() > now) {
            throw new WharfException(ErrorCode.INVALID_REQUEST,
                    "You can't create this secret because a secret with this name is already scheduled for deletion.");
        }
        if (existing != null && in.clientRequestToken() != null && in.value() != null) {
            Optional<SecretVersionRow> v = meta.findSecretVersion(existing.arn(), in.clientRequestToken());
            if (v.isPresent() && value(v.get()).sameAs(in.value())) return new Created(existing.arn(), existing.name(), v.get().versionId());
        }
        throw new WharfException(ErrorCode.RESOURCE_EXISTS, "The operation failed because the secret " + name + " already exists.");
    }

    /** GetSecretValue: the version named by id and/or label (AWSCURRENT by default). */
    public Value getValue(Caller caller, String secretId, String versionId, String versionStage) {
        Validation.length("versionId", versionId, 32, 64);
        Validation.length("versionStage", versionStage, 1, 256);
        SecretRow s = find(caller, "GetSecretValue", secretId);
        notScheduled(s);
        Map<String, String> stages = meta.secretStages(s.arn());
        String id = versionId;
        if (id == null) {
            String stage = versionStage == null ? CURRENT : versionStage;
            id = stages.get(stage);
            if (id == null) {
                throw new WharfException(ErrorCode.NOT_FOUND, "Secrets Manager can't find the specified secret value for staging label: " + stage);
            }
        } else if (versionStage != null && !id.equals(stages.get(versionStage))) {
            throw new WharfException(ErrorCode.NOT_FOUND, "Secrets Manager can't find the specified secret value for VersionId: " + versionId
                    + " and staging label: " + versionStage);
        }
        String found = id;
        SecretVersionRow v = meta.findSecretVersion(s.arn(), id).orElseThrow(() -> new WharfException(ErrorCode.NOT_FOUND,
                "Secrets Manager can't find the specified secret value for VersionId: " + found));
        long day = clock.millis() / Duration.ofDays(1).toMillis() * Duration.ofDays(1).toMillis();
        meta.recordSecretAccess(s.arn(), day);
        return new Value(s.arn(), s.name(), v.versionId(), value(v), stagesOf(stages, v.versionId()), v.createdAt());
    }

    /**
     * PutSecretValue: a new version carrying the given labels (AWSCURRENT by default, and always for
     * a secret's first version); moving AWSCURRENT moves AWSPREVIOUS to the version that had it. A retry with the same token and value
     * changes nothing; the same token with another value is refused (versions are immutable).
     */
    public Stored putValue(Caller caller, Put in) {
        Validation.length("clientRequestToken", in.clientRequestToken(), 32, 64);
        if (in.value() == null) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "You must provide either SecretString or SecretBinary.");
        }
        List<String> requested = in.stages() == null ? List.of(CURRENT) : Validation.stages(in.stages(), MAX_STAGES);
        SecretRow s = find(caller, "PutSecretValue", in.secretId());
        String versionId = token(in.clientRequestToken());
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            notScheduled(s);
            Optional<SecretVersionRow> existing = meta.findSecretVersion(s.arn(), versionId);
            if (existing.isPresent()) return retried(s, existing.get(), in.value());
            Map<String, String> stages = new TreeMap<>(meta.secretStages(s.arn()));
            String oldCurrent = stages.get(CURRENT);
            for (String label : requested) stages.put(label, versionId);
            if (oldCurrent == null) stages.put(CURRENT, versionId); // the secret's first version is current, whatever else it is labelled
            if (requested.contains(CURRENT) && oldCurrent != null && !requested.contains(PREVIOUS)) stages.put(PREVIOUS, oldCurrent);
            long now = clock.millis();
            SecretVersionRow v = new SecretVersionRow(s.arn(), versionId, cipher.encrypt(in.value()), in.value().isBinary(), now);
            try {
                if (meta.putSecretVersion(s.arn(), s.revision(), v, stages, now, KEPT_VERSIONS)) {
                    return new Stored(s.arn(), s.name(), versionId, stagesOf(stages, versionId));
                }
            } catch (DuplicateException raced) {
                // a concurrent request with the same token stored its version first: answered as a retry on the next turn
            }
            s = meta.findSecretByArn(s.arn()).filter(this::live).orElseThrow(SecretsManager::notFound);
        }
        throw new WharfException(ErrorCode.INVALID_REQUEST, "The secret is being changed by other requests; retry");
    }

    private Stored retried(SecretRow s, SecretVersionRow existing, SecretValue value) {
        if (!value(existing).sameAs(value)) {
            throw new WharfException(ErrorCode.RESOURCE_EXISTS, "You can't modify an existing version, you can only create new versions.");
        }
        return new Stored(s.arn(), s.name(), existing.versionId(), stagesOf(meta.secretStages(s.arn()), existing.versionId()));
    }

    /** DescribeSecret: everything but the value, scheduled for deletion or not. */
    public Details describe(Caller caller, String secretId) {
        return details(find(caller, "DescribeSecret", secretId));
    }

    Details details(SecretRow s) {
        Map<String, List<String>> versions = new TreeMap<>();
        meta.secretStages(s.arn()).forEach((stage, id) -> versions.computeIfAbsent(id, k -> new ArrayList<>()).add(stage));
        return new Details(s.arn(), s.name(), s.description(), tags(s.tags()), s.createdAt(), s.lastChangedAt(), s.lastAccessedAt(),
                s.deletionDate(), versions, region);
    }

    /**
     * DeleteSecret: scheduled for deletion after the recovery window (7 to 30 days, 30 by default),
     * or removed at once with {@code force}.
     */
    public Deleted delete(Caller caller, String secretId, Long recoveryWindowDays, boolean force) {
        if (force && recoveryWindowDays != null) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        if (recoveryWindowDays != null && (recoveryWindowDays < 7 || recoveryWindowDays > 30)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        SecretRow s = find(caller, "DeleteSecret", secretId);
        long now = clock.millis();
        if (force) {
            if (!meta.deleteSecret(s.arn())) throw notFound();
            return new Deleted(s.arn(), s.name(), now);
        }
        notScheduled(s);
        long date = now + Duration.ofDays(recoveryWindowDays == null ? 30 : recoveryWindowDays).toMillis();
        if (!meta.scheduleSecretDeletion(s.arn(), date, now)) {
            notScheduled(meta.findSecretByArn(s.arn()).filter(this::live).orElseThrow(SecretsManager::notFound));
            throw notFound();
        }
        return new Deleted(s.arn(), s.name(), date);
    }

    /**
     * The secret a SecretId names (name, full ARN or partial ARN), once the caller may perform
     * {@code operation} on it. A secret that does not exist is authorized on the ARN its name would
     * have without the random suffix first, so a caller without the permission learns nothing of it.
     */
    private SecretRow find(Caller caller, String operation, String secretId) {
        SecretIds.Id id = SecretIds.parse(secretId, region, caller.principal().accountId());
        Optional<SecretRow> found = id.fullArn() != null ? meta.findSecretByArn(id.fullArn()) : Optional.empty();
        if (found.isEmpty() && id.name() != null) found = meta.findSecretByName(id.account(), id.name());
        Optional<SecretRow> live = found.filter(this::live);
        if (live.isEmpty()) {
            access.authorize(caller, operation, id.authArn(), id.account());
            throw notFound();
        }
        access.authorize(caller, operation, live.get().arn(), live.get().accountId());
        return live.get();
    }

    /** False once the deletion date has passed: the secret is gone. */
    boolean live(SecretRow s) {
        return s.deletionDate() == null || s.deletionDate() > clock.millis();
    }

    private static void notScheduled(SecretRow s) {
        if (s.deletionDate() != null) {
            throw new WharfException(ErrorCode.INVALID_REQUEST,
                    "You can't perform this operation on the secret because it was marked for deletion.");
        }
    }

    static WharfException notFound() {
        return new WharfException(ErrorCode.NOT_FOUND, "Secrets Manager can't find the specified secret.");
    }

    private SecretValue value(SecretVersionRow v) {
        return cipher.decrypt(v.valueEnc(), v.binary());
    }

    private static List<String> stagesOf(Map<String, String> stages, String versionId) {
        List<String> out = new ArrayList<>();
        stages.forEach((stage, id) -> {
            if (id.equals(versionId)) out.add(stage);
        });
        return out;
    }

    /** The client's token as the version id, or a new UUID when it sent none (only raw HTTP callers do not). */
    private static String token(String clientRequestToken) {
        return clientRequestToken != null ? clientRequestToken : UUID.randomUUID().toString();
    }

    private static String suffix() {
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) sb.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
        return sb.toString();
    }

    static String tagsJson(List<Tag> tags) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Tag t : tags) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("Key", t.key());
            m.put("Value", t.value());
            list.add(m);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Tag> tags(String json) {
        try {
            List<Map<String, String>> list = JSON.readValue(json, new TypeReference<>() {});
            List<Tag> out = new ArrayList<>();
            for (Map<String, String> m : list) out.add(new Tag(m.get("Key"), m.get("Value")));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored secret's tags do not parse", e);
        }
    }

    /** The model's constraints on inputs, with the AWS validation message (never echoing a value). */
    static final class Validation {
        private Validation() {}

        static void length(String field, String value, int min, int max) {
            if (value != null && (value.length() < min || value.length() > max)) {
                throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at '" + field
                        + "' failed to satisfy constraint: Member must have length between " + min + " and " + max);
            }
        }

        static List<Tag> tags(List<Tag> tags) {
            if (tags == null) return List.of();
            if (tags.size() > MAX_TAGS) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "A secret can have at most " + MAX_TAGS + " tags");
            }
            Set<String> keys = new HashSet<>();
            for (Tag t : tags) {
                if (t.key() == null) throw new WharfException(ErrorCode.INVALID_PARAMETER, "A tag must have a Key");
                length("tags.member.key", t.key(), 1, 128);
                length("tags.member.value", t.value(), 0, 256);
                if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                    throw new WharfException(ErrorCode.INVALID_PARAMETER, "Tag keys starting with aws: are reserved for AWS use");
                }
                if (!keys.add(t.key())) throw new WharfException(ErrorCode.INVALID_PARAMETER, "Duplicate tag key: " + t.key());
            }
            return tags.stream().map(t -> new Tag(t.key(), t.value() == null ? "" : t.value())).toList();
        }

        static List<String> stages(List<String> stages, int max) {
            if (stages.isEmpty() || stages.size() > max) {
                throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'versionStages' failed to satisfy "
                        + "constraint: Member must have length between 1 and " + max);
            }
            for (String s : stages) {
                if (s == null) throw new WharfException(ErrorCode.INVALID_PARAMETER, "A staging label must not be null");
                length("versionStages.member", s, 1, 256);
            }
            return List.copyOf(new java.util.LinkedHashSet<>(stages));
        }
    }
}
