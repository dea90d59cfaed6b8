-- Domain audit trail: actions of people and services that are not engine records (who approved,
-- who edited a schedule, who exported what). Append-only; each row carries the hash of the row
-- before it so that an auditor can verify that nothing was removed or changed.
CREATE TABLE audit_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    actor       VARCHAR(200)  NOT NULL,
    action      VARCHAR(100)  NOT NULL,
    subject_type VARCHAR(100) NOT NULL,
    subject_id  VARCHAR(200)  NOT NULL,
    details     JSONB         NOT NULL DEFAULT '{}'::jsonb,
    prev_hash   CHAR(64),
    hash        CHAR(64)      NOT NULL UNIQUE
);

CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id);
CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at);

-- Rows are never updated or deleted.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
