-- The notification ledger (NotificationLedger, workers README "Notifications"): one row per
-- idempotency key, so that a key reaches its recipient once even when a job is retried or runs on
-- two workers at once. CLAIMED -> SENT or CLAIMED -> FAILED; a FAILED key, or a CLAIMED one whose
-- sender went silent for the claim timeout, may be claimed again; a SENT key never.
-- Only the user name and the one-line title are kept: no phone number, e-mail address or body.
CREATE TABLE notification (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key VARCHAR(255)  NOT NULL UNIQUE,
    -- the recipient's user name
    recipient       VARCHAR(100)  NOT NULL,
    -- the channel that took it (dingtalk, sms, voice, email), once SENT
    channel         VARCHAR(20),
    urgency         VARCHAR(10)   NOT NULL CHECK (urgency IN ('PAGE', 'INFO')),
    state           VARCHAR(10)   NOT NULL CHECK (state IN ('CLAIMED', 'SENT', 'FAILED')),
    -- how many times the key was claimed
    attempts        INTEGER       NOT NULL DEFAULT 1 CHECK (attempts > 0),
    title           VARCHAR(200)  NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (state <> 'SENT' OR channel IS NOT NULL)
);

CREATE INDEX notification_recipient_idx ON notification (recipient, created_at);
-- claims and failures still open, for finding notifications that never went out
CREATE INDEX notification_open_idx ON notification (updated_at) WHERE state <> 'SENT';

-- The application's role (placeholder app_role, as in V3) reads and writes the ledger.
DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON notification TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE notification_id_seq TO %I', app);
END
$$;
