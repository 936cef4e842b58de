-- Image events waiting for delivery: one row per event and webhook URL, removed once delivered
-- (or given up after events.maxAge). next_attempt_at doubles as a lease: a node that takes a row
-- moves it past the delivery's timeout, so another node does not send it at the same time.
CREATE TABLE event_outbox (
    delivery_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL,
    target          TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT
);
CREATE INDEX event_outbox_due ON event_outbox (next_attempt_at);
