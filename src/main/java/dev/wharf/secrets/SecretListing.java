package dev.wharf.secrets;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.Caller;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.SecretsAccess;
import dev.wharf.secrets.SecretRequests.Details;
import dev.wharf.secrets.SecretRequests.Filter;
import dev.wharf.secrets.SecretRequests.ListQuery;
import dev.wharf.secrets.SecretRequests.Page;
import dev.wharf.secrets.SecretRequests.Tag;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SecretStore.SecretCursor;
import dev.wharf.storage.meta.SecretStore.SecretOrder;
import dev.wharf.storage.meta.SecretStore.SecretRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ListSecrets: the caller's account's secrets (those scheduled for deletion only when asked),
 * sorted by CreatedDate (or SortBy), ascending unless SortOrder says {@code desc}, filtered by the
 * model's filter keys, in pages with a tamper-proof NextToken. Filters are applied as rows are read;
 * a call reads at most {@value #SCAN_LIMIT} rows, so a filter that matches little may answer a
 * short (even empty) page with a NextToken, as Secrets Manager documents.
 */
public final class SecretListing {
    static final int DEFAULT_MAX = 100;
    private static final int SCAN_LIMIT = 1000;
    private static final int BATCH = 100;
    private static final Pattern FILTER_VALUE = Pattern.compile("^!?[a-zA-Z0-9 :_@/+=.\\-!]*$");
    private static final Map<String, SecretOrder> SORT_BY = Map.of("created-date", SecretOrder.CREATED,
            "last-changed-date", SecretOrder.LAST_CHANGED, "last-accessed-date", SecretOrder.LAST_ACCESSED, "name", SecretOrder.NAME);
    private static final List<String> FILTER_KEYS = List.of("description", "name", "tag-key", "tag-value", "primary-region",
            "owning-service", "all");

    private final MetadataStore meta;
    private final SecretsManager secrets;
    private final SecretsAccess access;
    private final PageTokens tokens;

    public SecretListing(MetadataStore meta, SecretsManager secrets, SecretsAccess access, PageTokens tokens) {
        this.meta = meta;
        this.secrets = secrets;
        this.access = access;
        this.tokens = tokens;
    }

    public Page list(Caller caller, ListQuery q) {
        int max = q.maxResults() == null ? DEFAULT_MAX : q.maxResults();
        if (max < 1 || max > 100) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value between 1 and 100");
        }
        SecretOrder order = q.sortBy() == null ? SecretOrder.CREATED : SORT_BY.get(q.sortBy());
        if (order == null) throw enumError("sortBy", "[created-date, last-accessed-date, last-changed-date, name]");
        if (q.sortOrder() != null && !q.sortOrder().equals("asc") && !q.sortOrder().equals("desc")) throw enumError("sortOrder", "[asc, desc]");
        boolean desc = "desc".equals(q.sortOrder());
        List<Filter> filters = filters(q.filters());
        String account = caller.principal().accountId();
        access.authorize(caller, "ListSecrets", "*", account);

        // A token continues the same query only: the account and every parameter but MaxResults are part of its scope.
        String scope = "ListSecrets|" + account + "|" + order + "|" + desc + "|" + q.includePlannedDeletion() + "|" + filters;
        SecretCursor after = q.nextToken() == null ? null : cursor(scope, q.nextToken());
        List<Details> out = new ArrayList<>();
        int scanned = 0;
        boolean exhausted = false;
        scan:
        while (true) {
            int want = Math.min(BATCH, SCAN_LIMIT - scanned);
            List<SecretRow> batch = meta.listSecrets(account, order, desc, after, want);
            for (SecretRow s : batch) {
                scanned++;
                after = cursorOf(s, order);
                if (secrets.live(s) && (s.deletionDate() == null || q.includePlannedDeletion())
                        && matches(s, SecretsManager.tags(s.tags()), secrets.region(), filters)) {
                    out.add(secrets.details(s));
                }
                if (out.size() == max || scanned == SCAN_LIMIT) {
                    exhausted = meta.listSecrets(account, order, desc, after, 1).isEmpty();
                    break scan;
                }
            }
            if (batch.size() < want) {
                exhausted = true;
                break;
            }
        }
        String next = exhausted ? null : tokens.issue(scope, position(after));
        return new Page(out, next);
    }

    private static SecretCursor cursorOf(SecretRow s, SecretOrder order) {
        long time = switch (order) {
            case CREATED -> s.createdAt();
            case LAST_CHANGED -> s.lastChangedAt();
            case LAST_ACCESSED -> s.lastAccessedAt() == null ? 0 : s.lastAccessedAt();
            case NAME -> 0;
        };
        return new SecretCursor(time, order == SecretOrder.NAME ? s.name() : null, s.arn());
    }

    private static String position(SecretCursor c) {
        return c.time() + "\n" + (c.name() == null ? "" : c.name()) + "\n" + c.arn();
    }

    private SecretCursor cursor(String scope, String token) {
        try {
            String[] p = tokens.open(scope, token).split("\n", 3);
            return new SecretCursor(Long.parseLong(p[0]), p[1].isEmpty() ? null : p[1], p[2]);
        } catch (RuntimeException e) { // a forged token, or one issued for another query
            throw new WharfException(ErrorCode.INVALID_NEXT_TOKEN, "The NextToken is not one ListSecrets issued for these parameters");
        }
    }

    private static List<Filter> filters(List<Filter> filters) {
        if (filters == null) return List.of();
        if (filters.size() > 10) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'filters' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 10");
        }
        for (Filter f : filters) {
            if (f.key() == null || !FILTER_KEYS.contains(f.key())) {
                throw enumError("filters.member.key", "[description, name, tag-key, tag-value, primary-region, owning-service, all]");
            }
            if (f.values() == null || f.values().isEmpty() || f.values().size() > 10) {
                throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'filters.member.values' failed to "
                        + "satisfy constraint: Member must have length between 1 and 10");
            }
            for (String v : f.values()) {
                if (v == null || v.length() > 512 || !FILTER_VALUE.matcher(v).matches()) {
                    throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid filter value: up to 512 of letters, digits, spaces "
                            + "and :_@/+=.-! , optionally negated with a leading !");
                }
            }
        }
        return filters;
    }

    private static WharfException enumError(String field, String allowed) {
        return new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at '" + field
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
    }

    /** Every filter matches (AND); a filter matches when one of its values does (OR); {@code !value} matches what value does not. */
    private static boolean matches(SecretRow s, List<Tag> tags, String region, List<Filter> filters) {
        for (Filter f : filters) {
            boolean any = false;
            for (String v : f.values()) {
                boolean negated = v.startsWith("!");
                boolean hit = matches(s, tags, region, f.key(), negated ? v.substring(1) : v);
                if (hit != negated) {
                    any = true;
                    break;
                }
            }
            if (!any) return false;
        }
        return true;
    }

    /** The model's filter keys: prefix matches, case-sensitive but for description and all. */
    private static boolean matches(SecretRow s, List<Tag> tags, String region, String key, String value) {
        return switch (key) {
            case "name" -> s.name().startsWith(value);
            case "description" -> s.description() != null && lower(s.description()).startsWith(lower(value));
            case "tag-key" -> tags.stream().anyMatch(t -> t.key().startsWith(value));
            case "tag-value" -> tags.stream().anyMatch(t -> t.value().startsWith(value));
            case "primary-region" -> region.startsWith(value);
            case "owning-service" -> false; // no secret here is managed by another service
            default -> all(s, tags, region, value);
        };
    }

    /** {@code all}: every word of the value starts some word of the name, description, tags or Region, ignoring case. */
    private static boolean all(SecretRow s, List<Tag> tags, String region, String value) {
        List<String> words = new ArrayList<>();
        StringBuilder text = new StringBuilder(s.name()).append(' ').append(region);
        if (s.description() != null) text.append(' ').append(s.description());
        for (Tag t : tags) text.append(' ').append(t.key()).append(' ').append(t.value());
        for (String w : lower(text.toString()).split("[\\s/_+=.@:-]+")) if (!w.isEmpty()) words.add(w);
        words.add(lower(s.name()));
        for (String w : lower(value).trim().split("\\s+")) {
            if (w.isEmpty()) continue;
            if (words.stream().noneMatch(x -> x.startsWith(w))) return false;
        }
        return true;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
