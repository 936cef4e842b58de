-- PostgreSQL dialect of db/sqlite/V40__event_outbox.sql (text compares byte by byte, as in V1).
-- Image events waiting for delivery: one row per event and webhook URL, removed once delivered
-- (or given up after events.maxAge). next_attempt_at doubles as a lease: a node that takes a row
-- moves it past the delivery's timeout, so another node does not send it at the same time.
CREATE TABLE event_outbox (
    delivery_id     BIGSERIAL PRIMARY KEY,
    event_id        TEXT COLLATE "C"    NOT NULL,
    target          TEXT COLLATE "C"    NOT NULL,
    body            TEXT COLLATE "C"    NOT NULL,
    created_at      BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT COLLATE "C"
);
CREATE INDEX event_outbox_due ON event_outbox (next_attempt_at);
