package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link AuditStore} promises; each backend's test extends this class. */
public abstract class AuditStoreContract {
    protected static final String ACCOUNT = "111122223333";
    protected static final String OTHER = "444455556666";

    /** A store over an empty, migrated database. */
    protected abstract AuditStore store();

    private static AuditStore.Event event(String id, String account, long time, String name, String user, boolean readOnly) {
        return new AuditStore.Event(id, account, time, "ecr.amazonaws.com", name, user, "AKIA" + user.toUpperCase(), readOnly,
                "AWS::ECR::Repository", "app", "arn:aws:ecr:us-east-1:" + account + ":repository/app", "{\"eventID\":\"" + id + "\"}");
    }

    private static List<String> ids(List<AuditStore.Event> events) {
        return events.stream().map(AuditStore.Event::eventId).toList();
    }

    @Test
    void eventsComeBackNewestFirstWithinTheTimeRangeAndOnlyForTheirAccount() {
        AuditStore s = store();
        s.append(List.of(event("a", ACCOUNT, 1000, "CreateRepository", "alice", false),
                event("b", ACCOUNT, 2000, "PutImage", "bob", false),
                event("c", OTHER, 2500, "PutImage", "carol", false),
                event("d", ACCOUNT, 3000, "BatchGetImage", "alice", true)));
        assertThat(ids(s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 10)))).containsExactly("d", "b", "a");
        assertThat(ids(s.find(new AuditStore.Query(ACCOUNT, 1500, 2999, null, null, null, 10)))).containsExactly("b");
        assertThat(s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 10)).get(0).record())
                .isEqualTo("{\"eventID\":\"d\"}");
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrRepeatEvenWhenTimesAreEqual() {
        AuditStore s = store();
        s.append(List.of(event("a", ACCOUNT, 1000, "X", "u", true), event("b", ACCOUNT, 1000, "X", "u", true),
                event("c", ACCOUNT, 1000, "X", "u", true), event("d", ACCOUNT, 900, "X", "u", true)));
        List<AuditStore.Event> first = s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 2));
        AuditStore.Event last = first.get(1);
        List<AuditStore.Event> second = s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null,
                new AuditStore.Cursor(last.eventTime(), last.eventId()), 2));
        assertThat(ids(first)).containsExactly("c", "b");
        assertThat(ids(second)).containsExactly("a", "d");
    }

    @Test
    void eachLookupAttributeSelectsByItsOwnField() {
        AuditStore s = store();
        s.append(List.of(event("a", ACCOUNT, 1000, "CreateRepository", "alice", false), event("b", ACCOUNT, 2000, "BatchGetImage", "bob", true)));
        record Case(AuditStore.Attribute attribute, String value, List<String> expected) {}
        for (Case c : List.of(
                new Case(AuditStore.Attribute.EVENT_ID, "b", List.of("b")),
                new Case(AuditStore.Attribute.EVENT_NAME, "CreateRepository", List.of("a")),
                new Case(AuditStore.Attribute.USERNAME, "bob", List.of("b")),
                new Case(AuditStore.Attribute.ACCESS_KEY_ID, "AKIAALICE", List.of("a")),
                new Case(AuditStore.Attribute.READ_ONLY, "true", List.of("b")),
                new Case(AuditStore.Attribute.READ_ONLY, "false", List.of("a")),
                new Case(AuditStore.Attribute.EVENT_SOURCE, "ecr.amazonaws.com", List.of("b", "a")),
                new Case(AuditStore.Attribute.RESOURCE_TYPE, "AWS::ECR::Repository", List.of("b", "a")),
                new Case(AuditStore.Attribute.RESOURCE_NAME, "app", List.of("b", "a")),
                new Case(AuditStore.Attribute.RESOURCE_NAME, "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/app", List.of("b", "a")),
                new Case(AuditStore.Attribute.USERNAME, "nobody", List.of()))) {
            assertThat(ids(s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, c.attribute(), c.value(), null, 10))))
                    .as("%s = %s", c.attribute(), c.value()).isEqualTo(c.expected());
        }
    }

    @Test
    void aBatchWrittenTwiceIsStoredOnce() {
        AuditStore s = store();
        List<AuditStore.Event> batch = List.of(event("a", ACCOUNT, 1000, "X", "u", true), event("b", ACCOUNT, 2000, "X", "u", true));
        s.append(batch);
        s.append(batch);
        assertThat(s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 10))).hasSize(2);
    }

    @Test
    void retentionDeletesOnlyOlderEventsAndAtMostTheGivenNumber() {
        AuditStore s = store();
        s.append(List.of(event("a", ACCOUNT, 1000, "X", "u", true), event("b", OTHER, 1500, "X", "u", true),
                event("c", ACCOUNT, 3000, "X", "u", true)));
        assertThat(s.deleteBefore(2000, 1)).isEqualTo(1);
        assertThat(s.deleteBefore(2000, 100)).isEqualTo(1);
        assertThat(s.deleteBefore(2000, 100)).isZero();
        assertThat(ids(s.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 10)))).containsExactly("c");
        assertThat(s.find(new AuditStore.Query(OTHER, 0, Long.MAX_VALUE, null, null, null, 10))).isEmpty();
    }
}
