-- Escalation policies (backend README, "On-call"): a policy belongs to a team (its managers and the
-- administrators change it) and is the escalation of the services attached to it: the incident
-- process calls the generic escalation subprocess with it. A service has at most one policy.
CREATE TABLE escalation_policy (
    id           TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  TEXT,
    team         TEXT NOT NULL REFERENCES app_group (name),
    calendar_id  TEXT NOT NULL,
    repeat       INTEGER NOT NULL CHECK (repeat BETWEEN 0 AND 9),
    repage_after TEXT,
    levels       JSONB NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    updated_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE escalation_policy_service (
    service   TEXT PRIMARY KEY REFERENCES service (name) ON DELETE CASCADE,
    policy_id TEXT NOT NULL REFERENCES escalation_policy (id) ON DELETE CASCADE
);
CREATE INDEX escalation_policy_service_policy ON escalation_policy_service (policy_id);

DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON escalation_policy, escalation_policy_service TO %I', app);
END
$$;

-- The people an escalation policy paged for an incident: they see it and may acknowledge it, even
-- when they are in none of its service's groups.
CREATE TABLE incident_paged_user (
    incident_number TEXT NOT NULL REFERENCES incident (number) ON DELETE CASCADE,
    username        TEXT NOT NULL,
    paged_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_number, username)
);
CREATE INDEX incident_paged_user_username ON incident_paged_user (username);

DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON incident_paged_user TO %I', app);
END
$$;
