package dev.wharf.storage.meta;

import java.util.List;
import java.util.Objects;

/**
 * Durable audit events (CloudTrail records) in the metadata database. The store keeps what it is
 * given: recording, redaction and the record's format belong to the {@code audit} package.
 */
public interface AuditStore {

    /**
     * One stored event. {@code record} is the whole CloudTrail event record as JSON; the other
     * fields repeat what LookupEvents filters on.
     *
     * @param accountId the account the event belongs to (CloudTrail's {@code recipientAccountId})
     * @param eventTime epoch milliseconds
     */
    record Event(String eventId, String accountId, long eventTime, String eventSource, String eventName, String username,
                 String accessKeyId, boolean readOnly, String resourceType, String resourceName, String resourceArn, String record) {
        public Event {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(eventSource, "eventSource");
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(record, "record");
        }
    }

    /** The attributes an event can be looked up by (CloudTrail's LookupAttribute keys). */
    enum Attribute { EVENT_ID, EVENT_NAME, USERNAME, RESOURCE_NAME, RESOURCE_TYPE, EVENT_SOURCE, ACCESS_KEY_ID, READ_ONLY }

    /** Where a page ended: the last event returned. */
    record Cursor(long eventTime, String eventId) {}

    /**
     * Events of one account with {@code from <= eventTime <= to} (epoch ms), newest first (ties by
     * descending event id), optionally filtered by one attribute's exact value ({@code READ_ONLY}
     * takes {@code true}/{@code false}; {@code RESOURCE_NAME} matches the resource's name or ARN).
     */
    record Query(String accountId, long from, long to, Attribute attribute, String value, Cursor after, int limit) {
        public Query {
            Objects.requireNonNull(accountId, "accountId");
            if (limit < 1) throw new IllegalArgumentException("limit must be positive");
            if ((attribute == null) != (value == null)) throw new IllegalArgumentException("an attribute needs a value");
        }
    }

    /**
     * Stores the events in one transaction. An event id already stored is skipped, so a batch
     * written again after a failure is not duplicated.
     */
    void append(List<Event> events);

    /** The page of events {@code query} selects, at most {@code query.limit()} of them. */
    List<Event> find(Query query);

    /** Deletes at most {@code max} events older than {@code before} (epoch ms); returns how many. */
    int deleteBefore(long before, int max);
}
