-- The audit chain seals runs of the engine's events (one row, action 'engine.seal', per run)
-- instead of holding a row for each; the events themselves stay in the engine's log and in the
-- search's exported records. The chain rows no longer say which business key an engine event's
-- process instance has, so it is kept here, one row per instance (the auditors' search finds an
-- instance's events by it).
CREATE TABLE audit_business_key (
    process_instance_key BIGINT PRIMARY KEY,
    business_key         TEXT NOT NULL
);

CREATE INDEX audit_business_key_bk_idx ON audit_business_key (business_key);

-- The instances the trail already knows, each with its latest business key.
INSERT INTO audit_business_key (process_instance_key, business_key)
SELECT DISTINCT ON (process_instance_key) process_instance_key, business_key
FROM audit_event
WHERE process_instance_key IS NOT NULL AND business_key IS NOT NULL
ORDER BY process_instance_key, seq DESC;

DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON audit_business_key TO %I', app);
END
$$;
