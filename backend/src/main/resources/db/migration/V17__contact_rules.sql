-- A person's contact rules (backend README, "Contact rules"): the channels a page reaches them on,
-- in order, each after a delay; and the later steps of pages, kept until due or cancelled.
CREATE TABLE contact_rule (
    username      TEXT    NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    channel       TEXT    NOT NULL CHECK (channel IN ('sms', 'voice', 'dingtalk', 'email')),
    delay_minutes INTEGER NOT NULL CHECK (delay_minutes BETWEEN 0 AND 120),
    PRIMARY KEY (username, position)
);

-- A later step of a page: sent on its channel at due_at unless cancelled first (the incident was
-- acknowledged, resolved, closed or cancelled). The page's text is kept for it; its address is
-- looked up when it is sent.
CREATE TABLE notification_follow_up (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key VARCHAR(255) NOT NULL UNIQUE,
    page_key        VARCHAR(255) NOT NULL,
    recipient       VARCHAR(100) NOT NULL,
    channel         TEXT         NOT NULL CHECK (channel IN ('sms', 'voice', 'dingtalk', 'email')),
    title           VARCHAR(200) NOT NULL,
    markdown        TEXT         NOT NULL,
    link            TEXT,
    due_at          TIMESTAMPTZ  NOT NULL,
    state           VARCHAR(10)  NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX notification_follow_up_due ON notification_follow_up (due_at) WHERE state = 'PENDING';
CREATE INDEX notification_follow_up_page ON notification_follow_up (page_key text_pattern_ops) WHERE state = 'PENDING';

DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON contact_rule, notification_follow_up TO %I', app);
END
$$;
