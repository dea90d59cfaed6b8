-- The service catalog and the alert intake (backend README, "Services and alert intake").

-- The services the team runs: class (SLA), owner group, on-call tiers, business calendar.
CREATE TABLE service (
    name          TEXT PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    display_name  TEXT NOT NULL,
    service_class TEXT NOT NULL CHECK (service_class IN ('core', 'agent', 'support')),
    owner_group   TEXT NOT NULL REFERENCES app_group (name),
    tier1_group   TEXT NOT NULL REFERENCES app_group (name),
    tier2_group   TEXT NOT NULL REFERENCES app_group (name),
    tier3_group   TEXT NOT NULL REFERENCES app_group (name),
    calendar_id   TEXT NOT NULL DEFAULT 'default',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- How alert labels map to a service: an alert whose label equals the value belongs to the service.
-- Rules are tried in position order over all services; an alert's label "service" naming a service wins first.
CREATE TABLE service_label_rule (
    id           BIGSERIAL PRIMARY KEY,
    service_name TEXT NOT NULL REFERENCES service (name) ON DELETE CASCADE,
    label        TEXT NOT NULL,
    value        TEXT NOT NULL,
    position     INT NOT NULL,
    UNIQUE (label, value)
);

-- The incident managers: notified on every escalation of a service without its own owner group.
INSERT INTO app_group (name, display_name) VALUES ('incident-managers', 'Incident managers')
    ON CONFLICT (name) DO NOTHING;

-- Alert sources: Alertmanager webhooks, the events API (routing key) and heartbeats. The token is
-- the credential of the source; only its SHA-256 is kept (it is shown once, when created).
CREATE TABLE integration (
    id                 UUID PRIMARY KEY,
    type               TEXT NOT NULL CHECK (type IN ('alertmanager', 'events-v2', 'heartbeat')),
    name               TEXT NOT NULL UNIQUE,
    service            TEXT NOT NULL REFERENCES service (name),
    token_sha256       TEXT NOT NULL UNIQUE,
    token_hint         TEXT NOT NULL,
    heartbeat_interval INTERVAL,
    last_heartbeat_at  TIMESTAMPTZ,
    created_by         TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((type = 'heartbeat') = (heartbeat_interval IS NOT NULL))
);

-- A group of alerts that is one incident: an Alertmanager group (groupKey), an events API
-- dedup_key, a missed heartbeat. While it fires, a group key has one open group; after it resolved,
-- the same key opens a new one. A group that arrived inside a maintenance window or silence is kept
-- (suppressed) and opens no incident.
CREATE TABLE alert_group (
    id              BIGSERIAL PRIMARY KEY,
    integration_id  UUID NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    group_key       TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
    suppressed_by   BIGINT,
    incident_number TEXT,
    service         TEXT NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX alert_group_open_key ON alert_group (integration_id, group_key) WHERE status = 'firing';
CREATE INDEX alert_group_incident ON alert_group (incident_number);

-- The alerts of a group, one per fingerprint (events API: the dedup_key).
CREATE TABLE incident_alert (
    id              BIGSERIAL PRIMARY KEY,
    alert_group_id  BIGINT NOT NULL REFERENCES alert_group (id) ON DELETE CASCADE,
    incident_number TEXT,
    fingerprint     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
    summary         TEXT NOT NULL,
    labels          JSONB NOT NULL DEFAULT '{}',
    annotations     JSONB NOT NULL DEFAULT '{}',
    starts_at       TIMESTAMPTZ,
    ends_at         TIMESTAMPTZ,
    generator_url   TEXT,
    first_seen_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    count           INT NOT NULL DEFAULT 1,
    UNIQUE (alert_group_id, fingerprint)
);
CREATE INDEX incident_alert_incident ON incident_alert (incident_number);

-- Maintenance windows and silences: alerts of the service (and matching every matcher) between
-- starts_at and ends_at are recorded, not paged.
CREATE TABLE silence (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('maintenance', 'silence')),
    service    TEXT NOT NULL REFERENCES service (name) ON DELETE CASCADE,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    reason     TEXT NOT NULL,
    matchers   JSONB NOT NULL DEFAULT '[]',
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX silence_service_time ON silence (service, ends_at);
