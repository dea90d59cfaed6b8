-- Round-robin levels of escalation policies (backend README, "Escalation policies"): where each
-- level's turn stands, so that every new escalation starts with the next person. The escalation
-- that took the last turn is kept, so that a retried job of the same escalation gets the same turn.
CREATE TABLE oncall_round_robin (
    policy_id           VARCHAR(200) NOT NULL,
    level_number        INTEGER      NOT NULL CHECK (level_number > 0),
    next_index          BIGINT       NOT NULL DEFAULT 0 CHECK (next_index >= 0),
    last_escalation_key VARCHAR(200),
    PRIMARY KEY (policy_id, level_number)
);

DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON oncall_round_robin TO %I', app);
END
$$;
