-- The tamper-evident audit trail (backend README, "Audit trail"): one row per human action and per
-- engine event record, in one hash chain. Each row's hash is the SHA-256 of the previous row's hash
-- and the row's canonical content (sequence number, time, actor, action, object, keys, details);
-- `details` holds the exact canonical JSON text that was hashed.
--
-- V1's table had no writer of this format. Rows it may hold are kept, untouched, in
-- audit_event_v1; the chain starts afresh.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_event) THEN
        ALTER TABLE audit_event RENAME TO audit_event_v1;
        ALTER INDEX audit_event_pkey RENAME TO audit_event_v1_pkey;
        ALTER INDEX audit_event_hash_key RENAME TO audit_event_v1_hash_key;
        ALTER INDEX audit_event_subject_idx RENAME TO audit_event_v1_subject_idx;
        ALTER INDEX audit_event_occurred_idx RENAME TO audit_event_v1_occurred_idx;
    ELSE
        DROP TABLE audit_event;
    END IF;
END
$$;

CREATE TABLE audit_event (
    -- insertion order; the chain is verified in this order
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- position in the chain: 1, 2, 3, ... without gaps
    seq                  BIGINT        NOT NULL UNIQUE CHECK (seq > 0),
    occurred_at          TIMESTAMPTZ   NOT NULL,
    actor                VARCHAR(200)  NOT NULL,
    action               VARCHAR(100)  NOT NULL,
    object_type          VARCHAR(100)  NOT NULL,
    object_id            VARCHAR(200)  NOT NULL,
    process_instance_key BIGINT,
    business_key         TEXT,
    task_key             BIGINT,
    -- the engine record's log position (engine rows only): an engine record is audited once
    source_position      BIGINT UNIQUE,
    details              TEXT          NOT NULL,
    prev_hash            CHAR(64)      NOT NULL,
    hash                 CHAR(64)      NOT NULL
);

CREATE INDEX audit_event_at_idx ON audit_event (occurred_at);
CREATE INDEX audit_event_actor_idx ON audit_event (actor);
CREATE INDEX audit_event_pi_idx ON audit_event (process_instance_key) WHERE process_instance_key IS NOT NULL;
CREATE INDEX audit_event_bk_idx ON audit_event (business_key) WHERE business_key IS NOT NULL;

-- Rows are never changed or removed, whoever asks (the application's role has no such privilege
-- either, see below). The owner can still disable the trigger; the hash chain shows what it did.
CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- How far the search indexer has copied the trail into search (by seq).
CREATE TABLE audit_index_position (
    indexer VARCHAR(100) PRIMARY KEY,
    seq     BIGINT NOT NULL
);

-- The application's database role (placeholder app_role: the embedded database's suoke_app, or
-- the spring.datasource user): everything on the domain tables, now and in later migrations, but
-- only SELECT and INSERT on the audit trail, and only SELECT on Flyway's history.
-- Nothing to split when the application connects as the owner itself.
DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', app);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM %I', app);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${flyway:table} FROM %I', app);
    IF to_regclass('audit_event_v1') IS NOT NULL THEN
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_event_v1 FROM %I', app);
    END IF;
END
$$;
